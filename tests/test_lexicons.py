"""Every lexicon data file parses, has the columns and values its reader expects, and holds
no duplicates (a test each, as the lexicons are data, not code)."""

from __future__ import annotations

from importlib import resources

import pytest

from livedesk.models import FIGURE_KINDS, PLOVER_TYPES

SECTORS = {
    "GOV",
    "MIL",
    "IGO",
    "NGO",
    "MED",
    "BUS",
    "REB",
    "OPP",
    "CVL",
    "COP",
    "JUD",
    "LEG",
    "REF",
    "JRN",
}


def rows(name):
    text = resources.files("livedesk.data").joinpath(name).read_text("utf-8")
    return [line.split("\t") for line in text.splitlines() if line and not line.startswith("#")]


def test_actor_dictionary():
    table = rows("actors.tsv")
    assert len(table) > 150
    surfaces = [row[0] for row in table]
    assert len(surfaces) == len(set(surfaces)), "duplicate surface forms"
    for surface, name, kind, country, sector, role in table:
        assert kind in {"PERSON", "ORG", "GPE"}, surface
        assert country == "" or (len(country) == 3 and country.isupper()), surface
        assert sector in SECTORS, surface
        assert role in {"actor", "metonym"}, surface
        assert name, surface


def test_actor_dictionary_loader_metonyms():
    from livedesk.resolve.actors import actor_dictionary

    entries = actor_dictionary()
    assert entries["Kremlin"].country == "RUS" and entries["Kremlin"].sector == "GOV"
    assert entries["Minsk"].metonym and entries["Minsk"].country == "BLR"
    assert not entries["NATO"].metonym and entries["NATO"].country is None


def test_sector_words():
    table = rows("sectors.tsv")
    assert len({row[0] for row in table}) == len(table), "duplicate lemmas"
    assert all(sector in SECTORS for _lemma, sector in table)


def test_event_triggers():
    from livedesk.understand.triggers import trigger_rules

    table = rows("event_triggers.tsv")
    assert {row[2] for row in table} == set(PLOVER_TYPES), "every PLOVER type has triggers"
    for trigger, pos, kind, _mode, acled in table:
        assert pos in {"VERB", "NOUN", "*"}, trigger
        assert kind in PLOVER_TYPES, trigger
        assert acled == "-" or ": " in acled, trigger
    assert sum(len(group) for group in trigger_rules().values()) == len(table)


def test_figure_kinds():
    table = rows("figure_kinds.tsv")
    for language, cue, kind in table:
        assert language in {"en", "fr", "tr"}
        assert kind in FIGURE_KINDS or kind == "-", cue
    assert {"killed", "injured", "displaced"} <= {kind for lang, _c, kind in table if lang == "fr"}
    assert {"killed", "injured", "displaced"} <= {kind for lang, _c, kind in table if lang == "tr"}


@pytest.mark.parametrize("name", ["speech_cues.tsv"])
def test_speech_cues(name):
    table = rows(name)
    assert all(kind in {"say", "claim", "write", "think", "show"} for _lemma, kind in table)
    assert len({lemma for lemma, _ in table}) == len(table)


@pytest.mark.parametrize("name", ["anonymity_cues.txt"])
def test_word_lists_are_lower_case_and_unique(name):
    words = [row[0] for row in rows(name)]
    assert words and all(word == word.lower() for word in words)
    assert len(words) == len(set(words))


def test_noise_patterns_compile():
    from livedesk.ingest.clean import noise_patterns

    assert len(noise_patterns()) >= 10


def test_stopwords_languages():
    from livedesk.ingest.language import stopwords

    table = stopwords()
    assert {"en", "fr", "tr", "de", "es", "ru", "uk"} <= set(table)
    assert all(len(words) >= 20 for words in table.values())
