"""Figures: how many were killed, injured, missing, abducted, arrested, displaced or affected.

1. Every quantity in a sentence (``numbers.py``: "more than 30", "half a million", "dozens",
   "no one").
2. Units that never count people ("five days", "40 miles", "three residential areas") are
   skipped: the number's head noun is looked up in ``data/figure_kinds.tsv``.
3. The kind is the cue word nearest in the parse tree ("killing at least one civilian",
   "sending more than 30 residents to the hospital", "refugees … rose to more than half a
   million"); quantities with no cue within reach are not figures.
4. ``who`` is the counted noun phrase; place, date, attribution and modality come from the
   sentence.
Languages without a parser use the nearest cue word on either side of the number.
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources
from typing import Any

from livedesk.models import Attribution, DateValue, Evidence, Figure
from livedesk.pipeline import Draft
from livedesk.understand.attribution import attribution_for, find_source
from livedesk.understand.modality import modality_of
from livedesk.understand.numbers import Quantity, find_quantities
from livedesk.understand.participants import SpanIndex
from livedesk.understand.timeline import nearest_date

# Steps through the parse tree from a number to its cue word, beyond which they are unrelated.
MAX_TREE_DISTANCE = 5
# Words to either side searched for a cue in languages read without a parser.
PLAIN_WINDOW = 6
NOT_PEOPLE = "-"
UNRELATED = 99
# Extra steps for crossing into a conjoined verb: "…and killing one" is another count.
CONJ_PENALTY = 3
# Steps an adjective cue ("dead", "wounded", "missing") gains over verb cues.
PREDICATE_BONUS = 1.5
# Verbs whose object or "to" phrase is the new value of a count.
VALUE_VERBS = {
    "rise",
    "climb",
    "reach",
    "grow",
    "increase",
    "jump",
    "surge",
    "top",
    "pass",
    "exceed",
    "swell",
    "hit",
    "stand",
    "soar",
    "near",
    "approach",
    "total",
}
# Tokens before such a verb searched for what is counted.
VALUE_WINDOW = 15
_WORD = re.compile(r"\w[\w'’-]*")


@lru_cache(maxsize=1)
def kind_cues() -> dict[str, dict[str, str]]:
    """language → cue → kind."""
    text = resources.files("livedesk.data").joinpath("figure_kinds.tsv").read_text("utf-8")
    table: dict[str, dict[str, str]] = {}
    for line in text.splitlines():
        if line and not line.startswith("#"):
            language, cue, kind = line.split("\t")
            table.setdefault(language, {})[cue] = kind
    return table


def _climb_cost(path: list[Any]) -> int:
    """Steps up a path, each crossing into a conjoined predicate costing extra."""
    return sum(
        1 + (CONJ_PENALTY if token.dep_ == "conj" and token.pos_ == "VERB" else 0) for token in path
    )


def _path_length(a: Any, b: Any) -> int:
    """Tree distance between two tokens; crossing into a conjoined predicate ("sending …
    to hospital and killing …") costs extra, as each predicate counts its own victims."""
    ancestors_a = [a, *a.ancestors]
    ancestors_b = [b, *b.ancestors]
    index_b = {token.i: depth for depth, token in enumerate(ancestors_b)}
    for depth, token in enumerate(ancestors_a):
        if token.i in index_b:
            return _climb_cost(ancestors_a[:depth]) + _climb_cost(ancestors_b[: index_b[token.i]])
    return UNRELATED


def _value_cue(root: Any, sentence: Any) -> Any:
    """For a number that is the value of a change ("refugees … rose to half a million",
    "the toll reached 11"), the nearest cue noun before the verb: parsers often misplace the
    long subject, but it stands to the left."""
    verb = root.head
    if verb.lower_ == "to" and root.dep_ == "pobj":
        verb = verb.head
    elif root.dep_ not in {"dobj", "attr"}:
        return None
    if verb.lemma_.lower() not in VALUE_VERBS:
        return None
    for token in reversed(sentence[: verb.i - sentence.start]):
        if verb.i - token.i > VALUE_WINDOW or token.text in {";", ":"}:
            break
        kind = _cue_kind(token)
        participle = token.pos_ == "VERB" and token.dep_ in {"acl", "amod"}
        if kind and kind != NOT_PEOPLE and (token.pos_ in {"NOUN", "ADJ"} or participle):
            return token
    return None


def _cue_kind(token: Any) -> str | None:
    cues = kind_cues()["en"]
    return cues.get(token.lemma_.lower()) or cues.get(token.lower_)


def _who(head: Any, quantity_tokens: set[int]) -> str | None:
    if head is None:
        return None
    keep = {head.i}
    for child in head.children:
        if child.dep_ in {"amod", "compound"} and child.i not in quantity_tokens:
            keep.add(child.i)
        if child.dep_ == "conj":
            keep.add(child.i)
            keep.update(c.i for c in child.children if c.dep_ in {"amod", "compound"})
        if child.dep_ == "cc" and any(c.dep_ == "conj" for c in head.children):
            keep.add(child.i)
    doc = head.doc
    start, end = min(keep), max(keep) + 1
    return doc[start:end].text


def _english(sentence: Any, number: int, index: SpanIndex, draft: Draft) -> list[Figure]:
    doc = sentence.doc
    figures = []
    source = find_source(sentence)
    for quantity in find_quantities(sentence.text, "en"):
        span = doc.char_span(
            sentence.start_char + quantity.start,
            sentence.start_char + quantity.end,
            alignment_mode="expand",
        )
        if span is None:
            continue
        root = span.root
        tokens = {token.i for token in span}
        head = root.head if root.dep_ in {"nummod", "quantmod", "nsubj", "dobj"} else None
        if root.dep_ in {"nummod", "quantmod"} and head is not None:
            if kind_cues()["en"].get(head.lemma_.lower()) == NOT_PEOPLE:
                continue
        else:
            head = None
        best: tuple[float, int, str, Any] | None = None
        value_cue = _value_cue(root, sentence)
        if value_cue is not None:
            # "the toll has risen to 10, with 35 wounded": the changing count names its kind.
            best = (0, 0, _cue_kind(value_cue) or "", value_cue)
        for token in sentence if best is None else ():
            if token.i in tokens:
                continue
            kind = _cue_kind(token)
            if kind is None or kind == NOT_PEOPLE:
                continue
            distance = _path_length(root, token)
            if distance > MAX_TREE_DISTANCE:
                continue
            # A state said of the counted ("leaving ten people dead") beats the verb around it.
            bonus = PREDICATE_BONUS if token.pos_ == "ADJ" else 0.0
            rank = (distance - bonus, abs(token.i - root.i))
            if best is None or rank < best[:2]:
                best = (rank[0], rank[1], kind, token)
        if best is None:
            continue
        kind, cue = best[2], best[3]
        if head is None and cue.pos_ in {"NOUN"} and cue.lemma_.lower() in {"refugee", "evacuee"}:
            head = cue
        evidence = Evidence(number, sentence.start_char, sentence.end_char, sentence.text)
        figures.append(
            _figure(
                draft,
                kind,
                quantity,
                evidence,
                who=_who(head, tokens),
                place=_place(sentence, index),
                attribution=attribution_for(source, sentence.text, index),
                modality=modality_of(cue if cue.pos_ == "VERB" else root),
            )
        )
    return figures


def _place(sentence: Any, index: SpanIndex) -> str | None:
    for token in sentence:
        place = index.place_of(token.i)
        if place:
            return place
    return None


def _figure(
    draft: Draft,
    kind: str,
    quantity: Quantity,
    evidence: Evidence,
    *,
    who: str | None = None,
    place: str | None = None,
    attribution: Attribution | None = None,
    modality: str = "reported",
) -> Figure:
    """A figure from a quantity: its values, and the date written nearest it (else as of
    publication)."""
    return Figure(
        kind=kind,
        low=quantity.low,
        high=quantity.high,
        approx=quantity.approx,
        qualifier=quantity.qualifier,
        who=who,
        place=place,
        date=nearest_date(draft, evidence.sentence, quantity.start) or as_of(draft),
        attribution=attribution,
        modality=modality,
        evidence=evidence,
    )


def as_of(draft: Draft) -> DateValue | None:
    """A count given without a date holds as of the report's publication (text None says
    the date was not written next to it)."""
    published = draft.published
    if published is None or published.value is None:
        return None
    return DateValue(published.value, published.precision, None)


def _plain_kind(
    text: str, words: list[tuple[int, int, str]], quantity: Quantity, cues: dict[str, str]
) -> str | None:
    """The first cue after the number within its clause (French and Turkish name what is
    counted after the number: "9 morts", "35 kişi yaralandı"), else the nearest before it."""
    after = [w for w in words if w[0] >= quantity.end][:PLAIN_WINDOW]
    before = [w for w in words if w[1] <= quantity.start][-PLAIN_WINDOW:][::-1]
    for side, limit in ((after, quantity.end), (before, quantity.start)):
        for start, end, word in side:
            between = text[min(limit, end) : max(limit, start)]
            if any(mark in between for mark in ",;:"):
                break
            kind = next((k for cue, k in cues.items() if word.startswith(cue.split()[0])), None)
            if kind:
                return kind
    return None


def _plain(draft: Draft) -> list[Figure]:
    """Figures of a language read without a parser: the nearest cue word on either side."""
    language = draft.language or "und"
    cues = kind_cues().get(language, {})
    figures = []
    for sentence in draft.facts["sentences"]:
        words = [(m.start(), m.end(), m.group().lower()) for m in _WORD.finditer(sentence.text)]
        for quantity in find_quantities(sentence.text, language):
            kind = _plain_kind(sentence.text, words, quantity, cues)
            if kind is None or kind == NOT_PEOPLE:
                continue
            evidence = Evidence(sentence.index, sentence.start, sentence.end, sentence.text)
            place = _plain_place(draft, sentence.index)
            figures.append(_figure(draft, kind, quantity, evidence, place=place))
    return figures


def _plain_place(draft: Draft, sentence: int) -> str | None:
    for place in draft.facts["places"]:
        if any(mention.sentence == sentence for mention in place.mentions):
            return str(place.id)
    return None


class FigureStage:
    name = "figures"
    requires = ("body", "sentences", "places", "dates")
    assigns = ("figures",)

    def __call__(self, draft: Draft) -> None:
        if draft.doc is None:
            draft.facts["figures"] = tuple(_plain(draft))
            return
        places = {place.id: place for place in draft.facts["places"]}
        index = SpanIndex(draft.facts.get("spans") or [], title=False, places=places)
        figures: list[Figure] = []
        doc = draft.doc
        for sentence in draft.facts["sentences"]:
            span = doc.char_span(sentence.start, sentence.end, alignment_mode="expand")
            if span is not None:
                figures += _english(span, sentence.index, index, draft)
        draft.facts["figures"] = tuple(figures)
