"""The founding example: every item of ../shared/samples/seed-reading.md not marked (stretch).

Skipped with a reason when ../shared is absent; the same kinds of facts are asserted on the
team's own demo reports in test_demo_reading.py.
"""

from __future__ import annotations

import pytest

from tests.conftest import normalise_quotes

pytestmark = [pytest.mark.seed, pytest.mark.slow]

TITLE = (
    "Russia-Ukraine live updates: High-stakes talks underway on Belarus border as Russia "
    "bombards Kharkiv"
)


def entity(reading, name):
    for item in reading.entities:
        if item.name == name or name in item.aliases:
            return item
    names = [e.name for e in reading.entities]
    raise AssertionError(f"no entity {name!r} among {names}")


def place_names(reading):
    return {place.name for place in reading.places}


def events_of(reading, kind):
    return [event for event in reading.events if event.type == kind]


def codes(participants):
    return {p.country for p in participants}


def has_text(event, fragment):
    return normalise_quotes(fragment) in normalise_quotes(event.evidence.text)


# --- document level ---------------------------------------------------------------------


def test_title(seed):
    assert seed.title == TITLE


def test_noise_kept_out_of_body(seed):
    assert "3 yıl önce" not in seed.body
    assert "what to know" not in normalise_quotes(seed.body)
    assert ".." not in seed.body
    assert all("3 yıl önce" not in s.text for s in seed.sentences)


@pytest.mark.parametrize(
    "start",
    [
        "Washington announced a further round",
        "Russian President Vladimir Putin said Sunday",
        "Belarus, in a constitutional referendum",
    ],
)
def test_run_together_sentences_split(seed, start):
    assert any(s.text.startswith(start) for s in seed.sentences), start


def test_sentence_offsets_point_into_body(seed):
    for sentence in seed.sentences:
        assert seed.body[sentence.start : sentence.end] == sentence.text


def test_relative_timestamp_resolved_against_retrieval(seed_retrieved):
    published = seed_retrieved.published
    assert published.text == "3 yıl önce"
    assert published.precision == "year"
    assert published.source == "relative"
    assert published.value == "2022"


def test_relative_timestamp_never_turned_into_now(seed_unanchored):
    published = seed_unanchored.published
    assert published.text == "3 yıl önce"
    assert published.value is None
    assert published.precision == "year"


def test_given_publication_wins(seed):
    assert seed.published.value == "2022-02-28"
    assert seed.published.source == "given"


def test_weekdays_resolved_against_publication(seed):
    talks = [e for e in events_of(seed, "CONSULT") if has_text(e, "began talks Monday")]
    assert talks and talks[0].date.value == "2022-02-28"
    alert = [e for e in seed.events if has_text(e, "nuclear deterrence forces")]
    assert any(e.date and e.date.value == "2022-02-27" for e in alert)


def test_weekdays_kept_unresolved_without_anchor(seed_unanchored):
    dated = [e.date for e in seed_unanchored.events if e.date is not None]
    assert dated, "weekday references should be kept"
    assert all(d.value is None for d in dated if d.text and "day" in d.text.lower())
    assert any(d.text and "Monday" in d.text for d in dated)


def test_language_is_english(seed):
    assert seed.language == "en"


# --- entities ---------------------------------------------------------------------------


def test_zelensky_aliases_merged(seed):
    zelensky = entity(seed, "Volodymyr Zelensky")
    assert "Zelenky" in zelensky.aliases
    assert zelensky.type == "PERSON"
    assert sum(1 for e in seed.entities if "Zelen" in e.name) == 1


@pytest.mark.parametrize("name", ["Oleksii Reznikov", "Vladimir Putin"])
def test_people(seed, name):
    assert entity(seed, name).type == "PERSON"


def test_reznikov_is_ukrainian_government(seed):
    assert entity(seed, "Oleksii Reznikov").actor.country == "UKR"


@pytest.mark.parametrize(
    "name",
    [
        "NATO",
        "the United Nations",
        "the Pentagon",
        "the Kremlin",
        "the State Department",
        "the White House",
        "SWIFT",
    ],
)
def test_organisations(seed, name):
    assert entity(seed, name).type == "ORG"


def test_embassy_and_central_bank_are_organisations(seed):
    names = {normalise_quotes(e.name) for e in seed.entities if e.type == "ORG"}
    assert any("Embassy in Belarus" in n for n in names), names
    assert any("central bank" in n and "Russia" in n for n in names), names


def test_map_places(seed):
    assert {"Ukraine", "Russia", "Belarus", "Kharkiv", "Kyiv"} <= place_names(seed)


def test_metonym_capitals_are_not_map_places(seed):
    assert not {"Minsk", "Moscow", "Washington"} & place_names(seed)


def test_kharkiv_coordinates(seed):
    kharkiv = next(p for p in seed.places if p.name == "Kharkiv")
    assert abs(kharkiv.lat - 49.99) < 0.1 and abs(kharkiv.lon - 36.23) < 0.1
    assert kharkiv.country == "UKR"


@pytest.mark.parametrize(
    ("name", "country"),
    [
        ("the Kremlin", "RUS"),
        ("Moscow", "RUS"),
        ("Minsk", "BLR"),
        ("Washington", "USA"),
        ("the White House", "USA"),
    ],
)
def test_metonyms_resolve_to_governments(seed, name, country):
    actor = entity(seed, name).actor
    assert actor.country == country and actor.sector == "GOV"


# --- events -----------------------------------------------------------------------------


def test_event_talks(seed):
    talks = [e for e in events_of(seed, "CONSULT") if has_text(e, "delegations began talks")]
    assert talks
    event = talks[0]
    assert {"RUS", "UKR"} <= codes(event.actors) | codes(event.recipients)
    assert event.modality == "reported"


def test_event_kharkiv_shelling(seed):
    attacks = [e for e in events_of(seed, "ASSAULT") if has_text(e, "artillery attack")]
    assert attacks
    event = attacks[0]
    assert event.mode == "heavy-weapons"
    assert event.acled == "Explosions/Remote violence: Shelling/artillery/missile attack"
    assert "RUS" in codes(event.actors)
    places = {p.id: p.name for p in seed.places}
    assert places.get(event.place) == "Kharkiv"
    assert event.date.value == "2022-02-28"
    assert event.modality == "reported"
    assert event.attribution and "city officials" in event.attribution.speaker
    kinds = {seed.figures[i].kind for i in event.figures}
    assert {"injured", "killed"} <= kinds


def test_event_sanctions_on_central_bank(seed):
    found = [e for e in events_of(seed, "SANCTION") if has_text(e, "further round of sanctions")]
    assert found
    event = found[0]
    assert "USA" in codes(event.actors)
    assert "RUS" in codes(event.recipients)
    assert event.date.value == "2022-02-28"


def test_event_swift_sanctions(seed):
    found = [e for e in events_of(seed, "SANCTION") if has_text(e, "SWIFT")]
    assert found and "RUS" in codes(found[0].recipients)


def test_event_belarus_troops_anticipated(seed):
    found = [e for e in events_of(seed, "MOBILIZE") if has_text(e, "send soldiers")]
    assert found
    event = found[0]
    assert "BLR" in codes(event.actors)
    assert "UKR" in codes(event.recipients)
    assert event.modality == "anticipated"
    assert event.attribution and event.attribution.anonymous
    assert "official" in event.attribution.speaker


def test_event_nuclear_alert(seed):
    found = [
        e
        for e in seed.events
        if e.type in {"THREATEN", "MOBILIZE"} and has_text(e, "nuclear deterrence forces")
    ]
    assert found
    assert "RUS" in codes(found[0].actors)


def test_event_white_house_accuses(seed):
    found = [e for e in events_of(seed, "ACCUSE") if has_text(e, "manufacturing threats")]
    assert found
    assert "USA" in codes(found[0].actors)
    assert "RUS" in codes(found[0].recipients)


def test_event_ukraine_demands_ceasefire(seed):
    found = [e for e in events_of(seed, "REQUEST") if has_text(e, "cease fire")]
    assert found
    event = found[0]
    assert "UKR" in codes(event.actors)
    assert "RUS" in codes(event.recipients)
    assert event.modality == "intended"
    assert event.attribution and "office" in event.attribution.speaker


def test_event_kremlin_conditions(seed):
    found = [e for e in events_of(seed, "REQUEST") if has_text(e, "demilitarize")]
    assert found
    assert "RUS" in codes(found[0].actors)
    assert "UKR" in codes(found[0].recipients)


def test_event_embassy_suspended(seed):
    found = [e for e in events_of(seed, "SANCTION") if has_text(e, "suspended operations")]
    assert found
    assert "USA" in codes(found[0].actors)
    assert "BLR" in codes(found[0].recipients)


# --- figures ----------------------------------------------------------------------------


def test_figure_refugees(seed):
    found = [f for f in seed.figures if f.kind == "displaced"]
    assert found
    figure = found[0]
    assert (figure.low, figure.qualifier) == (500001, "more_than")
    assert figure.attribution and "United Nations" in figure.attribution.speaker
    assert figure.date.value == "2022-02-28"


def test_figure_kharkiv_injured(seed):
    found = [f for f in seed.figures if f.kind == "injured" and f.low == 31]
    assert found and found[0].qualifier == "more_than"
    assert "residents" in (found[0].who or "")
    assert "city officials" in found[0].attribution.speaker
    assert {p.id: p.name for p in seed.places}[found[0].place] == "Kharkiv"


def test_figure_kharkiv_killed(seed):
    found = [f for f in seed.figures if f.kind == "killed" and f.low == 1]
    assert found and found[0].qualifier == "at_least"
    assert "civilian" in (found[0].who or "")
    assert "city officials" in found[0].attribution.speaker


# --- quotes -----------------------------------------------------------------------------


def quote(reading, fragment):
    for item in reading.quotes:
        if item.direct and fragment in normalise_quotes(item.text):
            return item
    raise AssertionError(f"no direct quote with {fragment!r}")


def test_quote_minsk_extension_anonymous(seed):
    item = quote(seed, "Minsk is now an extension of the Kremlin")
    assert item.anonymous
    assert "official" in item.speaker


def test_quote_kremlin_conditions(seed):
    item = quote(seed, "demilitarize and denazify")
    assert "Kremlin" in item.speaker


def test_quote_putin_partial(seed):
    item = quote(seed, "aggressive statements")
    assert "Putin" in item.speaker


def test_quote_white_house(seed):
    item = quote(seed, "manufacturing threats that don't exist")
    assert "White House" in item.speaker


# --- brief ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("topic", "words"),
    [
        ("talks", ("talks",)),
        ("kharkiv", ("Kharkiv",)),
        ("sanctions", ("sanctions", "SWIFT")),
        ("refugees", ("half a million",)),
        ("nuclear", ("nuclear",)),
        ("belarus troops", ("soldiers",)),
    ],
)
def test_key_points_cover_the_story(seed, topic, words):
    texts = " ".join(point.text for point in seed.key_points)
    assert any(word in texts for word in words), f"{topic} missing from {texts}"


def test_key_points_cite_their_sentence(seed):
    assert 1 <= len(seed.key_points) <= 6
    for point in seed.key_points:
        assert seed.sentences[point.evidence.sentence].text == point.text
