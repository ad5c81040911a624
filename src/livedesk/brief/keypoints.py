"""Key points: the few sentences of a report that say the most, none saying the same thing.

Each sentence is scored from what the reader found in it: the events it holds (violence
counts most), the figures it gives (deaths above displacement above the rest), how many of the
report's main actors and places it names, and how early it stands. Sentences are then picked
greedily, each new pick penalised by its word overlap with those already chosen (maximal
marginal relevance), so two points never repeat one fact.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict

from livedesk.models import Entity, Event, Evidence, Figure, KeyPoint, Place, Sentence
from livedesk.pipeline import Draft

EVENT_WEIGHT = {
    "ASSAULT": 3.0,
    "MOBILIZE": 2.0,
    "SANCTION": 2.0,
    "THREATEN": 2.0,
    "COERCE": 1.5,
    "CONSULT": 1.5,
    "AID": 1.5,
    "REQUEST": 1.0,
    "AGREE": 1.5,
    "RETREAT": 1.5,
}
# Modes that escalate beyond their type's usual weight: forces put on alert.
MODE_WEIGHT = {"MOBILIZE/alert": 3.0}
FIGURE_WEIGHT = {
    "killed": 3.0,
    "injured": 2.0,
    "displaced": 2.0,
    "missing": 1.5,
    "abducted": 1.5,
    "arrested": 1.5,
    "affected": 1.0,
}
# Orders of magnitude that double a figure's weight (3: a thousand counts twice one).
MAGNITUDE_STEP = 3
MODALITY_WEIGHT = {
    "reported": 1.0,
    "anticipated": 0.8,
    "intended": 0.6,
    "hypothetical": 0.3,
    "negated": 0.0,
}
# Events read without a target, or without any actor, say less about what happened.
PARTIAL = 0.7
NO_ACTOR = 0.4
# Weight of a sentence's further events after its main one.
SECONDARY_EVENT = 0.25
# A sentence that dates its development ("on Sunday", "Monday afternoon") reports news.
DATED_BONUS = 1.0
# Lead sentences carry the story; this much bonus fades linearly to nothing at the end.
POSITION_WEIGHT = 1.0
# Overlap (Jaccard of words, or of what two sentences are about) above which a candidate
# mostly repeats a chosen point.
REDUNDANCY = 0.5
# How much a pick's similarity to chosen points weighs against its own score.
MMR_LAMBDA = 0.5
# Sentences shorter than this rarely stand alone as a point.
MIN_WORDS = 8
_WORDS = re.compile(r"[a-z0-9]+")
_STOP = frozenset(
    [
        "the",
        "a",
        "an",
        "of",
        "to",
        "in",
        "on",
        "and",
        "or",
        "for",
        "with",
        "by",
        "at",
        "from",
        "as",
        "is",
        "was",
        "were",
        "are",
        "that",
        "it",
        "its",
        "this",
        "be",
        "has",
        "have",
        "had",
        "said",
        "says",
        "will",
        "would",
    ]
)


def content_words(text: str) -> set[str]:
    return {w for w in _WORDS.findall(text.lower()) if w not in _STOP}


def _event_value(event: Event) -> float:
    """An event counts by its type's (or mode's) weight, its modality, and how fully it was
    read."""
    if event.actors and (event.recipients or event.place):
        complete = 1.0
    else:
        complete = PARTIAL if event.actors else NO_ACTOR
    weight = MODE_WEIGHT.get(f"{event.type}/{event.mode}", EVENT_WEIGHT.get(event.type, 0.5))
    return weight * MODALITY_WEIGHT[event.modality] * complete


def _figure_value(figure: Figure) -> float:
    """A figure counts by its kind and grows with its size (a tenfold count adds a third)."""
    size = figure.low or figure.approx or figure.high or 0
    return FIGURE_WEIGHT[figure.kind] * (1 + math.log10(max(size, 1)) / MAGNITUDE_STEP)


def signatures(
    sentences: tuple[Sentence, ...], events: tuple[Event, ...], figures: tuple[Figure, ...]
) -> dict[int, set[str]]:
    """What each sentence is about: its event types (with their modes), places and figure
    kinds. (Actors' countries are left out: in a two-sided war nearly every sentence shares
    them.)"""
    about: dict[int, set[str]] = {sentence.index: set() for sentence in sentences}
    for event in events:
        if event.evidence.sentence in about:
            bag = about[event.evidence.sentence]
            bag.add(f"{event.type}/{event.mode}" if event.mode else event.type)
            bag.update(f"@{event.place}" for _ in [0] if event.place)
    for figure in figures:
        if figure.evidence.sentence in about:
            about[figure.evidence.sentence].add(f"n:{figure.kind}")
    return about


def score_sentences(
    sentences: tuple[Sentence, ...],
    events: tuple[Event, ...],
    figures: tuple[Figure, ...],
    entities: tuple[Entity, ...],
    places: tuple[Place, ...],
) -> dict[int, float]:
    salience: dict[int, float] = defaultdict(float)
    mention_groups = [item.mentions for item in entities] + [item.mentions for item in places]
    for mentions in mention_groups:
        weight = math.log1p(len(mentions))
        for mention in mentions:
            if mention.sentence >= 0:
                salience[mention.sentence] += weight
    scores: dict[int, float] = {}
    total = max(len(sentences), 1)
    for sentence in sentences:
        words = len(sentence.text.split())
        if words < MIN_WORDS:
            continue
        score = 0.3 * salience[sentence.index]
        values = sorted(
            (_event_value(e) for e in events if e.evidence.sentence == sentence.index),
            reverse=True,
        )
        # The main event counts in full; others in the same sentence are mostly its context.
        score += sum(
            value * (1.0 if rank == 0 else SECONDARY_EVENT) for rank, value in enumerate(values)
        )
        score += sum(_figure_value(f) for f in figures if f.evidence.sentence == sentence.index)
        score += POSITION_WEIGHT * (1 - sentence.index / total)
        if any(e.date for e in events if e.evidence.sentence == sentence.index):
            score += DATED_BONUS
        scores[sentence.index] = score
    return scores


def key_points(
    sentences: tuple[Sentence, ...],
    events: tuple[Event, ...],
    figures: tuple[Figure, ...],
    entities: tuple[Entity, ...],
    places: tuple[Place, ...],
    limit: int,
) -> tuple[KeyPoint, ...]:
    """Up to ``limit`` points, best first, each citing its sentence."""
    scores = score_sentences(sentences, events, figures, entities, places)
    if not scores:
        return ()
    top = max(scores.values()) or 1.0
    words = {index: content_words(sentences[index].text) for index in scores}
    about = signatures(sentences, events, figures)
    chosen: list[int] = []
    while len(chosen) < limit:
        best, best_value = None, -math.inf
        for index, score in scores.items():
            if index in chosen:
                continue
            repeats = max((_jaccard(words[index], words[c]) for c in chosen), default=0.0)
            if repeats > REDUNDANCY:
                continue
            overlap = max((_jaccard(about[index], about[c]) for c in chosen), default=0.0)
            value = MMR_LAMBDA * score / top - (1 - MMR_LAMBDA) * max(repeats, overlap)
            if value > best_value:
                best, best_value = index, value
        if best is None:
            break
        chosen.append(best)
    return tuple(
        KeyPoint(
            text=sentences[i].text,
            score=round(scores[i] / top, 3),
            evidence=Evidence(i, sentences[i].start, sentences[i].end, sentences[i].text),
        )
        for i in chosen
    )


def _jaccard(a: set[str], b: set[str]) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


class KeyPointStage:
    name = "key_points"
    requires = ("sentences", "events", "figures", "entities", "places")
    assigns = ("key_points",)

    def __init__(self, limit: int) -> None:
        self.limit = limit

    def __call__(self, draft: Draft) -> None:
        facts = draft.facts
        draft.facts["key_points"] = key_points(
            facts["sentences"],
            facts["events"],
            facts["figures"],
            facts["entities"],
            facts["places"],
            self.limit,
        )
