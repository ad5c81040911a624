"""Places on the map: toponyms resolved to gazetteer entries, with metonyms left out.

1. Toponyms: GPE, LOC and FAC entity spans (English), or capitalised words the gazetteer knows
   (other languages). Nationality words are never places.
   A lone generic word ("City", "North", "Border") is not a toponym.
2. Metonyms: a capital or seat of government that acts ("Minsk is now an extension of the
   Kremlin", "Washington announced", "tensions between Moscow and NATO") stands for its
   government: the mention is an actor, not a point on the map.
3. Resolution by the geocoder over the whole text (so the article's country focus and nearby
   places rank the candidates); the title is resolved with the body as context.
4. One :class:`~livedesk.models.Place` per resolved gazetteer entry (or per name when the
   gazetteer has none), with its mentions; places with only metonym mentions are dropped.
"""

from __future__ import annotations

import re
from typing import Any

from livedesk.models import TITLE_SENTENCE, Mention, Place
from livedesk.pipeline import Draft
from livedesk.resolve.geocode import Geocoder, Toponym, demonym_country
from livedesk.resolve.placenames import normalise
from livedesk.understand.sentences import sentence_at
from livedesk.understand.spans import Span
from livedesk.understand.toponyms import DIRECTIONS, PLACE_NOUNS

PLACE_LABELS = {"GPE", "LOC", "FAC"}
# A lone generic word is no place name, whatever the model says ("the City Council").
GENERIC_WORDS = frozenset(
    PLACE_NOUNS | DIRECTIONS | {"valley", "strip", "metro", "federal", "union", "states"}
)
ACTOR_DEPS = {"nsubj", "nsubjpass", "poss", "agent", "csubj"}
# Prepositions after which a capital is an actor ("talks between Moscow and Kyiv").
ACTOR_PREPOSITIONS = {"between", "against", "with", "by"}
# For languages without a model: a capitalised word the gazetteer knows at this size or more.
PLAIN_MIN_POPULATION = 50_000
_CAPITALISED = re.compile(r"\b[A-ZÀ-ÞİŞĞÇÖÜ][\w’'-]+(?:\s+[A-ZÀ-ÞİŞĞÇÖÜ][\w-]+)?")
_TURKISH_SUFFIX = re.compile(r"['’][a-zçğıöşü]+$")


def is_actor_use(span: Span) -> bool:
    """Whether a metonym-capable place name is used as an acting government here."""
    doc = span.extra.get("doc")
    if doc is None or span.entry is None or not span.entry.metonym:
        return False
    root = doc[span.start_token : span.end_token].root
    while root.dep_ == "conj" and root.head.i != root.i:
        root = root.head
    if root.dep_ in ACTOR_DEPS or span.label == "ORG":
        return True
    return root.dep_ == "pobj" and root.head.lower_ in ACTOR_PREPOSITIONS


class PlaceStage:
    name = "places"
    requires = ("body", "sentences")
    assigns = ("places",)

    def __init__(self, geocoder: Geocoder) -> None:
        self.geocoder = geocoder

    def __call__(self, draft: Draft) -> None:
        body = draft.body or ""
        title = draft.title or ""
        spans: list[Span] = draft.facts.get("spans") or []
        if draft.doc is None:
            spans = _plain_spans(body, self.geocoder)
        toponyms: list[tuple[Span, Toponym]] = []
        for span in spans:
            if span.label not in PLACE_LABELS and not (span.entry and span.entry.metonym):
                continue
            if span.key.startswith("bloc:") or is_actor_use(span):
                continue
            if not any(char.isupper() for char in span.text):
                # Place names are capitalised in the languages read here: a lower-case
                # span is a common noun the model took for a place ("metro stations").
                continue
            if normalise(span.text) in GENERIC_WORDS:
                continue  # "the City Council", "North": a generic word, not a name
            text = _TURKISH_SUFFIX.sub("", span.text)
            if span.title:
                offset = len(body) + 2
                toponyms.append(
                    (span, Toponym(text, offset + span.start, offset + span.start + len(text)))
                )
            else:
                toponyms.append((span, Toponym(text, span.start, span.start + len(text))))
        context = f"{body}\n\n{title}"
        resolved = self.geocoder.resolve(context, [toponym for _, toponym in toponyms])
        draft.facts["places"] = _places(toponyms, resolved, draft.facts["sentences"])


def _plain_spans(body: str, geocoder: Geocoder) -> list[Span]:
    """Capitalised words the gazetteer knows, for bodies the model cannot read."""
    spans = []
    for match in _CAPITALISED.finditer(body):
        text = _TURKISH_SUFFIX.sub("", match.group())
        for candidate_text in (text, text.split()[0]):
            entries = geocoder.gazetteer.lookup(candidate_text, limit=3)
            big = [
                e
                for e in entries
                if e.feature in {"country", "admin1"} or e.population >= PLAIN_MIN_POPULATION
            ]
            if big:
                end = match.start() + len(candidate_text)
                spans.append(
                    Span(
                        False,
                        0,
                        0,
                        match.start(),
                        end,
                        candidate_text,
                        "GPE",
                        key=f"place:{candidate_text.lower()}",
                    )
                )
                break
    return spans


def _places(
    toponyms: list[tuple[Span, Toponym]], resolved: list[Any], sentences: Any
) -> tuple[Place, ...]:
    groups: dict[str, list[tuple[Span, Any]]] = {}
    order: list[str] = []
    for (span, _toponym), result in zip(toponyms, resolved, strict=True):
        entry = result.entry
        if entry is None and (span.label == "NORP" or demonym_country(span.text)):
            continue  # a nationality word ("Ukrainian") is never a place
        key = f"g{entry.geonames_id}" if entry and entry.geonames_id else f"n{span.text.lower()}"
        if entry is not None and not entry.geonames_id:
            key = f"n{entry.name.lower()}"
        if key not in groups:
            groups[key] = []
            order.append(key)
        groups[key].append((span, result))
    places = []
    for number, key in enumerate(order, start=1):
        members = groups[key]
        span, result = members[0]
        entry = result.entry
        mentions = []
        for member, _ in sorted(members, key=lambda m: (not m[0].title, m[0].start)):
            member.extra["place"] = f"p{number}"
            sentence = TITLE_SENTENCE if member.title else sentence_at(sentences, member.start)
            mentions.append(Mention(sentence, member.start, member.end, member.text))
        places.append(
            Place(
                id=f"p{number}",
                name=entry.name if entry else span.text,
                lat=entry.lat if entry else None,
                lon=entry.lon if entry else None,
                geonames_id=entry.geonames_id if entry else None,
                country=(entry.country3 if entry else None),
                feature=entry.feature if entry else "unknown",
                precision=result.precision if entry else "unknown",
                mentions=tuple(mentions),
            )
        )
    return tuple(places)
