"""Attribution rules of the quotes stage, each on sentences written for the test."""

from __future__ import annotations

import pytest

from livedesk.ingest.source import RawDocument
from livedesk.understand.quotes import direct_quotes

OPENING = "Officials in the river town met on Monday to discuss the repairs after the flood.\n\n"


@pytest.fixture(scope="module")
def read(reader):
    def _read(text: str):
        return reader.read(RawDocument(id="r", text=OPENING + text, title="Flood repairs"))

    return _read


def quote_with(reading, fragment: str):
    found = [q for q in reading.quotes if fragment in q.text]
    assert found, f"no quote with {fragment!r} in {[q.text for q in reading.quotes]}"
    return found[0]


def test_doubled_apostrophes_mark_a_quotation():
    body = "''The bridge will reopen next week,'' the mayor said. ''It is safe.''"
    assert [body[s:e] for s, e in direct_quotes(body)] == [
        "The bridge will reopen next week",
        "It is safe.",
    ]


def test_a_reporting_verb_set_inside_its_clause(read):
    reading = read("The old bridge was sound, Tom Weller said, until the water rose.")
    quote = quote_with(reading, "The old bridge was sound")
    assert quote.speaker == "Tom Weller" and not quote.direct


def test_a_quotation_credited_after_a_dash(read):
    reading = read("“The river rose faster than anyone expected.” ― Lena Park")
    assert quote_with(reading, "The river rose faster").speaker == "Lena Park"


def test_he_said_continues_the_previous_subject_not_the_last_name(read):
    reading = read(
        "Carl Berg criticised Tom Weller's budget on Monday. "
        "He said the plan would fail within a year."
    )
    assert quote_with(reading, "the plan would fail").speaker == "Carl Berg"


def test_a_noun_cue_with_its_holder_and_that_clause(read):
    reading = read("The ministry's claim that the dam was safe was disputed by engineers.")
    quote = quote_with(reading, "the dam was safe")
    assert quote.speaker == "The ministry" and quote.cue == "claim"


def test_a_stance_verb_attributes_its_object(read):
    reading = read("The union condemned the closure of the steel plant.")
    quote = quote_with(reading, "the closure of the steel plant")
    assert quote.speaker == "The union" and quote.cue == "condemn"


def test_called_takes_object_and_predicate(read):
    reading = read("The mayor called the report a fabrication.")
    assert quote_with(reading, "the report a fabrication").speaker == "The mayor"


def test_a_quotation_introduced_by_a_colon_sentence(read):
    reading = read(
        "The crowd waited in the rain for an hour.\n\nAna Ruiz, the mayor, said:\n\n"
        "“We will rebuild every house that the water took from us.”"
    )
    assert quote_with(reading, "We will rebuild").speaker == "Ana Ruiz"


def test_a_short_quotation_with_no_speaker_is_a_scare_quote(read):
    reading = read("The so-called “peace plan” was dropped by both sides in the end.")
    assert not [q for q in reading.quotes if "peace plan" in q.text]


def test_they_said_takes_the_speaker_before_it_not_the_last_one(read):
    reading = read(
        "The engineers said the dam held. They said the road would open soon.\n\n"
        "“We are tired,” said Omar Haddad, a farmer."
    )
    quote = quote_with(reading, "the road would open soon")
    assert quote.speaker == "The engineers"
