"""Sentences with character offsets into the body.

English bodies take the parser's sentences (paragraph breaks forced); other languages are
split by punctuation followed by a capital letter, a rule that holds well enough in the
Latin-script languages livedesk reads figures and dates from.
"""

from __future__ import annotations

import re

from livedesk.models import Sentence
from livedesk.pipeline import Draft

# Sentence end: . ! ? (optionally a closing quote) then space and an upper-case letter or a quote.
_BOUNDARY = re.compile(r"(?<=[.!?])[\"”’»)]?\s+(?=[\"“«(]?[A-ZÀ-ÞĞİŞÇÖÜ0-9])")
# Abbreviations after which a full stop does not end a sentence.
_ABBREVIATIONS = re.compile(
    r"(?:\b(?:Mr|Mrs|Ms|Dr|Gen|Col|Lt|Sgt|St|Gov|Sen|Rep|Pres|Prof|No|Jan|Feb|Mar|Apr|Jun|Jul|"
    r"Aug|Sep|Sept|Oct|Nov|Dec|vs|etc|M|Mme|Dr|av|J\.-C)|\b[A-Z])\.$"
)


def split_plain(body: str) -> list[tuple[int, int]]:
    """Sentence spans of a body by punctuation rules (paragraph breaks always split)."""
    spans: list[tuple[int, int]] = []
    for paragraph in re.finditer(r"[^\n]+", body):
        start = paragraph.start()
        text = paragraph.group()
        cursor = 0
        for boundary in _BOUNDARY.finditer(text):
            if _ABBREVIATIONS.search(text[cursor : boundary.start() + 1].rstrip('"”’»)')):
                continue
            piece = text[cursor : boundary.start()].rstrip()
            if boundary.group().strip():
                piece = text[cursor : boundary.start() + len(boundary.group().rstrip())]
            if piece.strip():
                spans.append((start + cursor, start + cursor + len(piece.rstrip())))
            cursor = boundary.end()
        if text[cursor:].strip():
            spans.append((start + cursor, start + len(text.rstrip())))
    return spans


def _spans_from_doc(doc: object) -> list[tuple[int, int]]:
    spans = []
    for sent in doc.sents:  # type: ignore[attr-defined]
        text = sent.text
        stripped = text.strip()
        if not stripped:
            continue
        offset = sent.start_char + (len(text) - len(text.lstrip()))
        spans.append((offset, offset + len(stripped)))
    return spans


class SentenceStage:
    name = "sentences"
    requires = ("body",)
    assigns = ("sentences",)

    def __call__(self, draft: Draft) -> None:
        body = draft.body or ""
        spans = _spans_from_doc(draft.doc) if draft.doc is not None else split_plain(body)
        draft.facts["sentences"] = tuple(
            Sentence(index, start, end, body[start:end]) for index, (start, end) in enumerate(spans)
        )


def sentence_at(sentences: tuple[Sentence, ...], offset: int) -> int:
    """Index of the sentence holding a body offset (the nearest preceding one if between)."""
    low, high = 0, len(sentences) - 1
    found = 0
    while low <= high:
        middle = (low + high) // 2
        if sentences[middle].start <= offset:
            found = middle
            low = middle + 1
        else:
            high = middle - 1
    return found
