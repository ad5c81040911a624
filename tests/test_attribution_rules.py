"""Attribution rules of the quotes stage, each on sentences written for the test."""

from __future__ import annotations

import pytest

from livedesk.ingest.source import RawDocument
from livedesk.render import render_text
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
    claims = [q for q in reading.quotes if q.cue == "claim"]
    assert [(q.speaker, q.text) for q in claims] == [("The ministry", "that the dam was safe")]
    disputed = [q for q in reading.quotes if q.cue == "dispute"]
    assert [q.speaker for q in disputed] == ["engineers"]


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


@pytest.mark.parametrize(
    ("text", "fragment", "kind"),
    [
        ("“The bridge will hold,” the mayor said.", "The bridge will hold", "direct"),
        ("Mayor Ann Cole said the bridge would reopen on Friday.", "would reopen", "speech"),
        ("The council denied that the pumps had failed.", "the pumps had failed", "speech"),
        ("Farmers expect the water to fall by the weekend.", "the water to fall", "belief"),
        ("Tom Weller believes the levee was never strong enough.", "the levee was", "belief"),
        ("Video footage shows the levee breaking near the mill.", "the levee breaking", "evidence"),
        ("A new survey suggests that most residents will stay.", "most residents", "evidence"),
        (
            "According to city records, the levee was last inspected in 2009.",
            "the levee",
            "evidence",
        ),
        ("According to the mayor, the levee was last inspected in 2009.", "the levee", "speech"),
        ("Mayor Ann Cole condemned the delay in the repairs.", "the delay in the", "stance"),
        (
            "Cole's criticism of the engineering firm drew a sharp reply.",
            "engineering firm",
            "stance",
        ),
    ],
)
def test_each_quote_carries_its_kind(read, text, fragment, kind):
    quote = quote_with(read(text), fragment)
    assert quote.kind == kind
    assert quote.direct == (kind == "direct")


def test_according_to_content_has_no_leading_comma(read):
    reading = read("According to the mayor, the levee was last inspected in 2009.")
    assert quote_with(reading, "the levee").text == "the levee was last inspected in 2009"


def test_the_text_rendering_shows_each_kind(read):
    text = render_text(read("Farmers expect the water to fall by the weekend."))
    assert "[belief] the water to fall by the weekend — Farmers" in text


def test_a_passive_reporting_verb_takes_its_agent_as_source(read):
    reading = read("The new levee plan was endorsed by the farmers' union.")
    quote = quote_with(reading, "The new levee plan")
    assert quote.speaker == "the farmers' union" and quote.kind == "stance"


def test_a_passive_subject_is_not_a_source(read):
    reading = read("The repairs are expected to take three more weeks.")
    assert not [q for q in reading.quotes if q.speaker == "The repairs"]


def test_a_dateline_is_nobodys_voice(reader):
    text = (
        "RIVERTON -- Mayor Ann Cole, visiting the dam on Saturday, said it would hold.\n\nIt held."
    )
    reading = reader.read(RawDocument(id="d", text=text, title="Dam"))
    quote = quote_with(reading, "it would hold")
    assert quote.speaker == "Mayor Ann Cole"


def test_an_unresolved_pronoun_speaker_is_dropped(read):
    reading = read("I think the levee will hold this time.")
    assert not [q for q in reading.quotes if (q.speaker or "").lower() == "i"]


def test_what_a_video_shows_is_its_object_whoever_it_is(read):
    reading = read("Video from the bridge shows him on the railing before the wave.")
    quote = next(q for q in reading.quotes if q.cue == "show")
    assert quote.text.startswith("him") and quote.kind == "evidence"


def test_a_clause_placed_in_a_poll_is_the_polls(read):
    reading = read("In the latest county survey, the mayor led her rival by five points.")
    quote = quote_with(reading, "the mayor led her rival")
    assert quote.speaker == "the latest county survey" and quote.kind == "evidence"


def test_a_speaker_in_a_report_keeps_the_speaker(read):
    reading = read("Repairs will cost $2 million, the agency said in a report on Monday.")
    assert not [q for q in reading.quotes if q.cue == "in"]


def test_an_unquoted_paragraph_after_a_colon(read):
    reading = read("The mayor added:\n\nThe levee will be rebuilt before the spring floods.")
    quote = quote_with(reading, "The levee will be rebuilt")
    assert quote.speaker == "The mayor" and not quote.direct


def test_a_passive_belief_with_no_agent_is_an_attribution_without_source(read):
    reading = read("The new pumps are expected to arrive before the next storm.")
    quote = quote_with(reading, "The new pumps")
    assert quote.speaker is None and quote.cue == "expect" and quote.kind == "belief"


def test_a_passive_charge_with_no_agent(read):
    reading = read("The contractor was accused of skipping the safety checks on the levee.")
    quote = quote_with(reading, "skipping the safety checks")
    assert quote.speaker is None and quote.kind == "speech"


def test_a_passive_of_finding_things_is_no_attribution(read):
    reading = read("A second crack was found near the old mill on Tuesday.")
    assert not [q for q in reading.quotes if q.cue == "find"]


def test_was_supposed_to_is_a_modal_not_a_report(read):
    reading = read("The gate was supposed to close automatically when the water rose.")
    assert not [q for q in reading.quotes if q.cue == "suppose"]


def test_he_is_the_reporter_not_the_subject_of_what_was_reported(read):
    reading = read(
        "Carl Berg said Tom Weller had misread the gauges. "
        "He added that the pumps were never at fault."
    )
    assert quote_with(reading, "the pumps were never at fault").speaker == "Carl Berg"


def test_proved_to_be_is_no_evidence(read):
    reading = read("The temporary wall proved to be too weak for the second flood.")
    assert not [q for q in reading.quotes if q.cue == "prove"]


def test_a_dash_credit_after_a_quotation_holding_a_quotation(read):
    reading = read(
        "“I would rather walk in what he calls “the swamp” than drive on it.” ― Lena Park"
    )
    assert quote_with(reading, "I would rather walk").speaker == "Lena Park"
