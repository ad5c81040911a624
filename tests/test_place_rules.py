"""Place names the small model misses or invents, repaired by rule (understand/toponyms.py,
places.py, entities.py). Sentences written for these tests."""

from __future__ import annotations

import pytest

from livedesk.ingest.source import RawDocument
from livedesk.understand.spans import Span
from livedesk.understand.toponyms import _DATELINE, _PARTY_HOME, repair_place_label

pytestmark = pytest.mark.slow


def place_mentions(reader, text: str) -> set[str]:
    [reading] = list(reader.read_many([RawDocument(id="t", text=text, title="")]))
    return {mention.text for place in reading.places for mention in place.mentions}


@pytest.mark.parametrize(
    ("text", "home"),
    [
        ("Sen. Jane Roe, D-Ohio, voted no.", "Ohio"),
        ("Rep. Al Poe, R-N.Y., spoke first.", "N.Y."),
        ("Rep. Lee Moe, DFL-Duluth and others", "Duluth"),
        ("(R-Cedar Falls)", "Cedar Falls"),
    ],
)
def test_a_party_letter_names_the_members_home(text: str, home: str) -> None:
    assert [match.group(1) for match in _PARTY_HOME.finditer(text)] == [home]


def test_a_hyphenated_word_is_no_party_home() -> None:
    assert _PARTY_HOME.search("the X-Ray unit and a pro-Ohio vote") is None


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Mill to close. DAYTON -- The owners said", "DAYTON"),
        ("Water rates rise. SALEM, Ore. (AP) — The council", "SALEM"),
        ("AMMAN: The ministry said", "AMMAN"),
    ],
)
def test_a_dateline_after_the_headline(text: str, name: str) -> None:
    found = _DATELINE.search(text)
    assert found is not None and found.group(1) == name


def test_datelines_and_party_homes_are_places(reader) -> None:
    text = (
        "Budget vote delayed. TOLEDO -- The vote on the state budget was put off on Monday. "
        "Rep. Jane Roe, D-Akron, said the delay would cost the schools."
    )
    assert {"TOLEDO", "Akron"} <= place_mentions(reader, text)


def test_places_inside_organisation_names(reader) -> None:
    text = (
        "Officers of the Dayton Police Department and staff of the University of Cincinnati "
        "met on Friday. The Franklin County Board of Elections was closed."
    )
    found = place_mentions(reader, text)
    assert {"Dayton", "Cincinnati", "Franklin County"} <= found


def test_a_newspaper_title_names_no_place(reader) -> None:
    text = "The Toledo Herald reported on Tuesday that the mayor would resign."
    assert "Toledo" not in place_mentions(reader, text)


def test_a_lone_generic_word_is_no_place(reader) -> None:
    text = "The City Council met on Tuesday in Springfield, Illinois, to approve the budget."
    found = place_mentions(reader, text)
    assert "City" not in found
    assert "Springfield" in found


def test_a_surname_is_no_place_even_if_a_county_bears_it(reader) -> None:
    text = (
        "Deputies arrested Daniel Lee Brown on Monday in Fresno. Brown was held without bail, "
        "and Brown's lawyer said he would appeal."
    )
    assert "Brown" not in place_mentions(reader, text)


def _norp(reader, text: str, word: str):
    doc = reader.nlp(text)
    token = next(t for t in doc if t.text == word)
    return doc, Span(False, token.i, token.i + 1, token.idx, token.idx + len(word), word, "NORP")


def test_a_place_the_model_calls_a_nationality_is_a_place(reader) -> None:
    doc, span = _norp(reader, "Athletes arrived in Sochi on Monday.", "Sochi")
    repair_place_label(doc, span, reader.gazetteer)
    assert span.label == "GPE"


def test_a_nationality_word_stays_a_nationality(reader) -> None:
    doc, span = _norp(reader, "Thousands of Ukrainians arrived in Poland.", "Ukrainians")
    repair_place_label(doc, span, reader.gazetteer)
    assert span.label == "NORP"
