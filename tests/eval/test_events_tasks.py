"""The two event tasks of ``livedesk eval``: the fixed ACLED → CASE table, the main-event and
cue rules, the PLOVER gold mapping, and both tasks end to end on tiny invented fixtures."""

from __future__ import annotations

import json

import pytest

from livedesk.errors import InputError, ResourceError
from livedesk.evaluate import TASKS, EvalContext
from livedesk.evaluate import events_acled as acled
from livedesk.evaluate import events_plover as plover
from livedesk.models import (
    PLOVER_TYPES,
    Event,
    Evidence,
    Participant,
    Published,
    Reading,
    Sentence,
)
from livedesk.pipeline import Failure

# The 25 sub-event types of the ACLED codebook, as livedesk writes them.
ACLED_SUB_EVENTS = [
    "Battles: Armed clash",
    "Battles: Government regains territory",
    "Battles: Non-state actor overtakes territory",
    "Explosions/Remote violence: Chemical weapon",
    "Explosions/Remote violence: Air/drone strike",
    "Explosions/Remote violence: Suicide bomb",
    "Explosions/Remote violence: Shelling/artillery/missile attack",
    "Explosions/Remote violence: Remote explosive/landmine/IED",
    "Explosions/Remote violence: Grenade",
    "Violence against civilians: Sexual violence",
    "Violence against civilians: Attack",
    "Violence against civilians: Abduction/forced disappearance",
    "Protests: Peaceful protest",
    "Protests: Protest with intervention",
    "Protests: Excessive force against protesters",
    "Riots: Violent demonstration",
    "Riots: Mob violence",
    "Strategic developments: Agreement",
    "Strategic developments: Arrests",
    "Strategic developments: Change to group/activity",
    "Strategic developments: Disrupted weapons use",
    "Strategic developments: Headquarters or base established",
    "Strategic developments: Looting/property destruction",
    "Strategic developments: Non-violent transfer of territory",
    "Strategic developments: Other",
]
# The 30 codes of CASE 2021 task 2 (label names).
CASE_CODES = [
    "ABDUCT_DISSAP",
    "AGREEMENT",
    "AIR_STRIKE",
    "ARMED_CLASH",
    "ARREST",
    "ART_MISS_ATTACK",
    "ATTACK",
    "CHANGE_TO_GROUP_ACT",
    "CHEM_WEAP",
    "DISR_WEAP",
    "FORCE_AGAINST_PROTEST",
    "GOV_REGAINS_TERIT",
    "GRENADE",
    "HQ_ESTABLISHED",
    "MOB_VIOL",
    "NON_STATE_ACTOR_OVERTAKES_TER",
    "NON_VIOL_TERRIT_TRANSFER",
    "OTHER",
    "PEACE_PROTEST",
    "PROPERTY_DISTRUCT",
    "PROTEST_WITH_INTER",
    "REM_EXPLOS",
    "SEX_VIOL",
    "SUIC_BOMB",
    "VIOL_DEMONSTR",
    "ORG_CRIME",
    "NATURAL_DISASTER",
    "MAN_MADE_DISASTER",
    "DIPLO",
    "ATTRIB",
]

SNIPPETS_TSV = (
    "id\tEventSnippet\tSubType\n"
    "1\tAn earthquake of magnitude 6.1 shook the hill town of Verano on Tuesday, damaging "
    "dozens of houses.\tNATURAL_DISASTER\n"
    "2\tSoldiers of the Arvenian army shelled rebel positions near the village of Dolmar "
    "overnight.\tART_MISS_ATTACK\n"
    '3\tHundreds of teachers marched through Port Selen demanding "fair pay".\tPEACE_PROTEST\n'
    "4\tThe Northern Front claimed responsibility for the roadside bomb that hit a convoy "
    "outside Tessa.\tATTRIB\n"
)
PLOVER_RECORDS = [
    {
        "id": "T-AID-1",
        "event": "AID",
        "text": "France sent humanitarian aid to Chad after the floods.",
        "source": [{"actorText": "France", "code": "FRA", "sector": "GOV"}],
        "target": [{"actorText": "Chad", "code": "TCD"}],
    },
    {
        "id": "T-DEMAND-1",
        "event": "DEMAND",
        "text": "Norway demanded that Chile release the detained fishermen.",
        "source": [{"actorText": "Norway", "code": "NORGOV"}],
        "target": [{"actorText": "Chile", "code": "CHL", "sector": "GOV"}],
    },
    {
        "id": "T-DISAPPROVE-1",
        "event": "DISAPPROVE",
        "text": "The United Nations criticised Peru over its treatment of refugees.",
        "source": [{"actorText": "United Nations", "code": "IGOUNO"}],
        "target": "",
    },
]

NO_DATE = Published(None, "unknown", None, None)


def _event(kind, sentence, acled_value=None, mode=None, modality="reported", actors=()):
    return Event(
        type=kind,
        mode=mode,
        acled=acled_value,
        trigger="x",
        actors=tuple(actors),
        recipients=(),
        place=None,
        date=None,
        modality=modality,
        figures=(),
        attribution=None,
        evidence=Evidence(sentence, 0, 1, "x"),
    )


def _reading(*sentences: str, events=()) -> Reading:
    body, spans, start = " ".join(sentences), [], 0
    for index, text in enumerate(sentences):
        spans.append(Sentence(index, start, start + len(text), text))
        start += len(text) + 1
    return Reading(
        id="t",
        title=None,
        url=None,
        language="en",
        published=NO_DATE,
        retrieved=None,
        body=body,
        sentences=tuple(spans),
        events=tuple(events),
    )


class CueReader:
    """Reads each text as one sentence with no events; the text "FAIL" fails."""

    def read_many(self, documents):
        for document in documents:
            if document.text == "FAIL":
                yield Failure(id=document.id, error="unreadable", stage="prepare")
            else:
                yield _reading(document.text)


@pytest.fixture
def codes():
    return acled.case_codes()


# --- the fixed table ---------------------------------------------------------------------


def test_table_maps_every_acled_sub_event_type(codes):
    assert sorted(codes.acled) == sorted(ACLED_SUB_EVENTS)


def test_table_reaches_every_case_code_and_no_other(codes):
    assert codes.targets() == set(CASE_CODES)


def test_table_has_a_row_for_every_plover_type(codes):
    assert set(PLOVER_TYPES) <= set(codes.plover)


def test_table_covers_every_acled_value_of_the_trigger_lexicon(codes):
    from livedesk.understand.triggers import trigger_rules

    used = {rule.acled for rules in trigger_rules().values() for rule in rules if rule.acled}
    assert used <= set(codes.acled)


def test_plover_rows_rank_like_the_acled_row_of_their_code(codes):
    ranks = {code: rank for code, rank in codes.acled.values()}
    for key, (code, rank) in codes.plover.items():
        if code in ranks:
            assert rank == ranks[code], key


def test_table_rejects_a_repeated_key():
    row = "acled\tBattles: Armed clash\tARMED_CLASH\t2\n"
    with pytest.raises(ResourceError, match="listed twice"):
        acled.parse_table(row + row)


# --- the main event and the cues ------------------------------------------------------------


def test_means_wins_within_a_sentence(codes):
    reading = _reading(
        "Gunmen attacked the market with grenades.",
        events=[
            _event("ASSAULT", 0, "Violence against civilians: Attack"),
            _event("ASSAULT", 0, "Explosions/Remote violence: Grenade", "explosives"),
        ],
    )
    assert acled.label(reading, codes) == "GRENADE"


def test_earlier_sentence_wins_over_rank(codes):
    reading = _reading(
        "Police arrested two men.",
        "A drone struck a depot.",
        events=[
            _event("COERCE", 0, "Strategic developments: Arrests", "arrest"),
            _event("ASSAULT", 1, "Explosions/Remote violence: Air/drone strike", "drone"),
        ],
    )
    assert acled.label(reading, codes) == "ARREST"


def test_negated_events_are_not_the_main_event(codes):
    reading = _reading(
        "The army denied shelling the town and signed a truce.",
        events=[
            _event("ASSAULT", 0, "Explosions/Remote violence: Shelling/artillery/missile attack",
                   modality="negated"),
            _event("AGREE", 0, "Strategic developments: Agreement"),
        ],
    )  # fmt: skip
    assert acled.label(reading, codes) == "AGREEMENT"


def test_residual_acled_value_defers_to_plover(codes):
    reading = _reading(
        "Arvenia recalled its ambassador.",
        events=[_event("SANCTION", 0, "Strategic developments: Other", "diplomatic")],
    )
    assert acled.label(reading, codes) == "DIPLO"


def test_event_without_acled_value_maps_by_type_and_mode(codes):
    reading = _reading("Troops pulled back.", events=[_event("RETREAT", 0, mode="withdraw")])
    assert acled.label(reading, codes) == "NON_VIOL_TERRIT_TRANSFER"


def test_cue_in_the_event_sentence_wins(codes):
    reading = _reading(
        "The Northern Front claimed responsibility for the bombing.",
        events=[_event("ASSAULT", 0, "Explosions/Remote violence: Air/drone strike", "aerial")],
    )
    assert acled.label(reading, codes) == "ATTRIB"


def test_negated_cue_is_ignored(codes):
    reading = _reading(
        "A roadside bomb hit a convoy.",
        "No group has yet claimed responsibility.",
        events=[_event("ASSAULT", 0, "Explosions/Remote violence: Remote explosive/landmine/IED")],
    )
    assert acled.label(reading, codes) == "REM_EXPLOS"
    assert acled.first_cue(reading, codes) is None


def test_cue_matches_plurals(codes):
    reading = _reading("Floods and landslides cut off three villages.")
    assert acled.label(reading, codes) == "NATURAL_DISASTER"


def test_nothing_read_is_other(codes):
    assert acled.label(_reading("The minister opened a bridge."), codes) == "OTHER"


# --- events-acled end to end ----------------------------------------------------------------


@pytest.fixture
def snippets_tsv(tmp_path):
    path = tmp_path / "snippets.tsv"
    path.write_text(SNIPPETS_TSV, "utf-8")
    return path


def test_acled_task_scores_cues_without_the_model(snippets_tsv):
    scores = acled.run(snippets_tsv, EvalContext(reader=CueReader()))
    assert tuple(scores) == TASKS["events-acled"].keys
    # The earthquake and the claim are cues; the other two read nothing here (OTHER).
    assert scores == {"n": 4, "accuracy": 0.5, "weighted_f1": 0.5}


def test_acled_unreadable_snippet_gets_the_fallback(tmp_path):
    path = tmp_path / "one.tsv"
    path.write_text("id\tEventSnippet\tSubType\n1\tFAIL\tOTHER\n", "utf-8")
    assert acled.run(path, EvalContext(reader=CueReader()))["accuracy"] == 1.0


def test_acled_tsv_without_its_columns_is_an_input_error(tmp_path):
    path = tmp_path / "bad.tsv"
    path.write_text("id\ttext\tlabel\n1\tx\tOTHER\n", "utf-8")
    with pytest.raises(InputError, match="EventSnippet"):
        acled.read_snippets(path)


@pytest.mark.slow
def test_acled_task_reads_invented_snippets(snippets_tsv, reader):
    snippets = acled.read_snippets(snippets_tsv)
    predicted = acled.predict(snippets, reader, acled.case_codes())
    assert predicted[0] == "NATURAL_DISASTER"
    assert predicted[1] == "ART_MISS_ATTACK"
    assert predicted[3] == "ATTRIB"
    scores = acled.run(snippets_tsv, EvalContext(reader=reader))
    assert tuple(scores) == TASKS["events-acled"].keys
    assert scores["n"] == 4
    assert all(0.0 <= scores[key] <= 1.0 for key in ("accuracy", "weighted_f1"))


# --- events-plover ----------------------------------------------------------------------------


@pytest.fixture
def plover_json(tmp_path):
    path = tmp_path / "gsr.json"
    path.write_text(json.dumps(PLOVER_RECORDS), "utf-8")
    return path


def test_plover_old_labels_map_to_current_types(plover_json):
    gold = plover.read_gold(plover_json)
    assert [g.type for g in gold] == ["AID", "REQUEST", "ACCUSE"]


def test_plover_gold_countries_are_iso3_prefixes_only(plover_json):
    gold = plover.read_gold(plover_json)
    assert gold[1].sources == {"NOR"}  # "NORGOV": country + sector
    assert gold[2].sources == frozenset()  # "IGOUNO" is no country
    assert gold[2].targets == frozenset()  # a string where a list belongs: no actor
    assert plover.gold_countries([{"code": "***"}, {"code": "JAP"}, {"code": "XKX"}]) == {"XKX"}


def test_plover_document_records_are_skipped(tmp_path):
    path = tmp_path / "gsr.json"
    path.write_text(json.dumps([{"id": "D", "event": "DOCUMENT"}, PLOVER_RECORDS[0]]), "utf-8")
    assert [g.id for g in plover.read_gold(path)] == ["T-AID-1"]


def test_plover_unknown_label_is_an_input_error(tmp_path):
    path = tmp_path / "gsr.json"
    path.write_text(json.dumps([{**PLOVER_RECORDS[0], "event": "PRAISE"}]), "utf-8")
    with pytest.raises(InputError, match="PRAISE"):
        plover.read_gold(path)


def test_plover_main_event_prefers_actors_and_what_happened():
    actor = Participant("Arvenia", None, "ARV", "GOV")
    reading = _reading(
        "x",
        events=[
            _event("ASSAULT", 0, actors=[actor], modality="negated"),
            _event("REQUEST", 0),
            _event("REJECT", 0, actors=[actor]),
        ],
    )
    event = plover.main_event(reading)
    assert event is not None and event.type == "REJECT"


def test_plover_country_f1_is_micro_over_sentences():
    gold = [frozenset({"FRA"}), frozenset({"NOR", "CHL"})]
    predicted = [frozenset({"FRA", "TCD"}), frozenset({"NOR"})]
    # tp 2, predicted 3, gold 3
    assert plover.country_f1(gold, predicted) == pytest.approx(2 / 3)


def test_plover_task_without_events_scores_zero(plover_json):
    scores = plover.run(plover_json, EvalContext(reader=CueReader()))
    assert scores == {"n": 3, "accuracy": 0.0, "source_f1": 0.0, "target_f1": 0.0}


@pytest.mark.slow
def test_plover_task_reads_invented_sentences(plover_json, reader):
    scores = plover.run(plover_json, EvalContext(reader=reader))
    assert tuple(scores) == TASKS["events-plover"].keys
    assert scores["n"] == 3
    assert all(0.0 <= scores[key] <= 1.0 for key in ("accuracy", "source_f1", "target_f1"))
