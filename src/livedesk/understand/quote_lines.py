"""Quotes credited by the layout of the text rather than by a reporting verb.

1. A line opening with a speaker's name and a colon ("PENCE: Well, look …").
2. A quotation followed, on its line, by a dash and a name ("“…” ― Ana Ruiz").
"""

from __future__ import annotations

import re
from typing import Any

from livedesk.models import Evidence, Quote
from livedesk.understand.sentences import sentence_at


def evidence_of(body: str, sentences: Any, start: int, end: int) -> Evidence:
    first = sentence_at(sentences, start)
    last = sentence_at(sentences, max(start, end - 1))
    s, e = sentences[first].start, sentences[last].end
    return Evidence(first, s, e, body[s:e])


# A line opening with a speaker's name and a colon, the line itself maybe opening a
# quotation: interview transcripts ("PENCE: Well, look …", “PENCE: …) and headlines that
# credit their claim ("Pat Caddell: Voters worried …").
_LABELLED = re.compile(
    r"^[\"“]?(?P<name>(?:[A-Z][\w.'’-]*)(?: [A-Z][\w.'’-]*){0,3}): +(?P<content>\S[^\n]*)$", re.M
)
# Labels that head a line without naming who speaks.
NOT_SPEAKERS = frozenset(
    {
        "update",
        "updated",
        "note",
        "editor",
        "photo",
        "photos",
        "video",
        "watch",
        "read",
        "related",
        "source",
        "sources",
        "correction",
        "clarification",
        "editor's",
        "the",  # "The Latest: …", "The Bottom Line: …": a section title, not a name
        "an",
        "breaking",
        "live",
        "warning",
        "caption",
        "credit",
        "image",
        "file",
        "listen",
        "see",
        "also",
        "more",
        "q",
        "a",
        "question",
        "answer",
        "advertisement",
        "sponsored",
    }
)
# A labelled line counts when its content says this much.
MIN_LABELLED_WORDS = 4


def labelled_lines(body: str, sentences: Any, found: list[Quote]) -> list[Quote]:
    """Quotes from lines of the form "NAME: what they said", unless already read."""
    # A quotation with its speaker already read takes the line; a reported clause inside the
    # line ("PENCE: … Clinton thinks this is a game") is nested in what the label says.
    taken = [(q.evidence.start, q.evidence.end) for q in found if q.speaker and q.direct]
    quotes = []
    for match in _LABELLED.finditer(body):
        name, content = match.group("name"), match.group("content").strip()
        if name.lower().split()[0] in NOT_SPEAKERS or len(content.split()) < MIN_LABELLED_WORDS:
            continue
        start, end = match.start("content"), match.start("content") + len(content)
        if any(s < end and start < e for s, e in taken):
            continue
        evidence = evidence_of(body, sentences, start, end)
        quotes.append(Quote(content, name, None, False, ":", True, evidence))
    return quotes


# "“…” ― Ana Ruiz, teacher": a quotation credited, after a dash, to a name on the same line
# (reader comments, epigraphs, embedded posts).
_DASH_CREDIT = re.compile(
    r"[”\"»']{0,2}[ \t]*[―—][ \t]*(?P<name>[A-Z][\w.'’-]*(?:[ \t]+[A-Z][\w.'’-]*){0,3})"
)


def dash_credit(doc: Any, body: str, index: Any, quote: Quote, end: int) -> Quote | None:
    """The quote credited to the name after a dash that follows its closing mark."""
    match = _DASH_CREDIT.match(body, end)
    if match is None:
        # A quotation with a quotation inside (“… what he calls “hell” than …” ― X): the
        # marks paired early; the credit still closes the quotation's line.
        line_end = body.find("\n", end)
        line_end = len(body) if line_end < 0 else line_end
        for found in _DASH_CREDIT.finditer(body, end, line_end):
            if "“" not in body[end : found.start()]:
                match = found
            break
    if match is None:
        return None
    name = match.group("name").rstrip(".")
    entity = None
    span = doc.char_span(match.start("name"), match.end("name"), alignment_mode="expand")
    for token in span or ():
        found = index.span_of(token.i)
        if found is not None and found.label == "PERSON":
            entity = found.extra.get("entity")
            break
    return Quote(quote.text, name, entity, False, "―", True, quote.evidence)
