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
from collections import Counter

from livedesk.models import Entity, Event, Evidence, Figure, KeyPoint, Place, Sentence
from livedesk.pipeline import Draft

EVENT_WEIGHT = {"ASSAULT": 3.0, "MOBILIZE": 2.0, "SANCTION": 2.0, "THREATEN": 2.0,
                "COERCE": 1.5, "CONSULT": 1.5, "AID": 1.5, "REQUEST": 1.0, "AGREE": 1.5,
                "RETREAT": 1.5}  # fmt: skip
FIGURE_WEIGHT = {"killed": 3.0, "injured": 2.0, "displaced": 2.0, "missing": 1.5,
                 "abducted": 1.5, "arrested": 1.5, "affected": 1.0}  # fmt: skip
# Word overlap (Jaccard) above which a candidate mostly repeats a chosen point.
REDUNDANCY = 0.5
# How much a pick's similarity to chosen points weighs against its own score.
MMR_LAMBDA = 0.7
# Sentences shorter than this rarely stand alone as a point.
MIN_WORDS = 8
_WORDS = re.compile(r"[a-z0-9]+")
_STOP = frozenset("the a an of to in on and or for with by at from as is was were are that it its "
                  "this be has have had said says will would".split())  # fmt: skip


def _words(text: str) -> set[str]:
    return {w for w in _WORDS.findall(text.lower()) if w not in _STOP}


def score_sentences(
    sentences: tuple[Sentence, ...],
    events: tuple[Event, ...],
    figures: tuple[Figure, ...],
    entities: tuple[Entity, ...],
    places: tuple[Place, ...],
) -> dict[int, float]:
    salience = Counter[int]()
    for item in (*entities, *places):
        weight = math.log1p(len(item.mentions))
        for mention in item.mentions:
            if mention.sentence >= 0:
                salience[mention.sentence] += weight
    scores: dict[int, float] = {}
    total = max(len(sentences), 1)
    for sentence in sentences:
        words = len(sentence.text.split())
        if words < MIN_WORDS:
            continue
        score = 0.3 * salience[sentence.index]
        score += sum(EVENT_WEIGHT.get(e.type, 0.5) for e in events
                     if e.evidence.sentence == sentence.index and e.modality != "negated")  # fmt: skip
        score += sum(FIGURE_WEIGHT[f.kind] for f in figures if f.evidence.sentence == sentence.index)
        score += 2.0 * (1 - sentence.index / total)
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
    words = {index: _words(sentences[index].text) for index in scores}
    chosen: list[int] = []
    while len(chosen) < limit:
        best, best_value = None, -math.inf
        for index, score in scores.items():
            if index in chosen:
                continue
            overlap = max((_jaccard(words[index], words[c]) for c in chosen), default=0.0)
            if overlap > REDUNDANCY:
                continue
            value = MMR_LAMBDA * score / top - (1 - MMR_LAMBDA) * overlap
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
            facts["sentences"], facts["events"], facts["figures"], facts["entities"],
            facts["places"], self.limit,
        )  # fmt: skip
