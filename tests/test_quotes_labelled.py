"""Lines labelled with their speaker ("PENCE: Well, look …") are quotes of that speaker."""

from __future__ import annotations

from livedesk.ingest.source import RawDocument

TRANSCRIPT = """Interview on the Sunday programme.

WALLACE: Let me start with the news of the week on the ceasefire talks.

PENCE: Well, look, the talks will go on as long as both sides keep coming to the table.

Update: This transcript was corrected to fix a name.
"""


def test_transcript_lines_are_quotes_of_their_speakers(reader):
    reading = reader.read(RawDocument(id="t", text=TRANSCRIPT, title="Sunday programme"))
    labelled = {q.speaker: q.text for q in reading.quotes if q.cue == ":"}
    assert labelled["PENCE"].startswith("Well, look, the talks will go on")
    assert labelled["WALLACE"].startswith("Let me start with the news")
    assert "Update" not in labelled
    for quote in reading.quotes:
        assert reading.body[quote.evidence.start : quote.evidence.end] == quote.evidence.text


GENDERED = (
    "Maria Lopez, the mayor, spoke first. She said the bridge would reopen in a week. "
    "Her office later confirmed the date. "
    "Mr. Daniel Brook, the engineer, inspected the damage on Monday. "
    '"The repairs are going well," she said after meeting him.'
)


def test_a_pronoun_speaker_skips_a_person_the_text_marks_as_the_other_gender(reader):
    reading = reader.read(RawDocument(id="g", text=GENDERED, title="Bridge to reopen"))
    quote = next(q for q in reading.quotes if q.text.startswith("The repairs"))
    assert quote.speaker == "Maria Lopez"


QUOTED_TRANSCRIPT = """Interview on the Sunday programme.

The Latest: Talks on the river treaty resume on Monday in the capital.

“PENCE: Well, the farmers think this treaty is a mistake, and they said so to the minister.
"""


def test_a_labelled_line_inside_an_opening_quote_mark_with_nested_speech(reader):
    reading = reader.read(RawDocument(id="q", text=QUOTED_TRANSCRIPT, title="Sunday programme"))
    labelled = {q.speaker: q.text for q in reading.quotes if q.cue == ":"}
    assert labelled["PENCE"].startswith("Well, the farmers think this treaty")
    assert "The Latest" not in labelled
    # What the farmers think is nested in what Pence says: no quote of its own.
    assert not [q for q in reading.quotes if q.cue == "think"]
