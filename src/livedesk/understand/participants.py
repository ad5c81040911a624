"""Participants: turning a token that names who acted (or was acted upon) into actors.

A token is looked up in the document's entity spans first (the span covering it, or one among
its modifiers: "Russian troops" → Russia, MIL). A pronoun takes the source of the sentence's
reporting verb or the last actor of the previous sentence. Otherwise the noun phrase itself is
the participant, with a sector from its head noun ("several nations", "residents").
"""

from __future__ import annotations

from typing import Any

from livedesk.models import Participant
from livedesk.resolve.actors import sector_of
from livedesk.understand.attribution import PRONOUNS, source_phrase
from livedesk.understand.spans import Span

# Modifiers that can carry a participant's country ("Russian forces", "Ukraine's army").
_OWNER_DEPS = {"amod", "compound", "poss", "nmod", "conj"}


class SpanIndex:
    """Token → entity span lookups for one parsed document (body or title)."""

    def __init__(self, spans: list[Span], title: bool, places: dict[str, Any]) -> None:
        self.by_token: dict[int, Span] = {}
        self.places = places
        for span in spans:
            if span.title == title:
                for index in range(span.start_token, span.end_token):
                    self.by_token[index] = span

    def entity_of(self, index: int) -> str | None:
        span = self.by_token.get(index)
        return span.extra.get("entity") if span else None

    def span_of(self, index: int) -> Span | None:
        return self.by_token.get(index)

    def place_of(self, index: int) -> str | None:
        span = self.by_token.get(index)
        return span.extra.get("place") if span else None


def _from_span(span: Span, places: dict[str, Any]) -> Participant:
    country = span.country
    if country is None and span.extra.get("place") in places:
        country = places[span.extra["place"]].country
    name = span.text
    for suffix in ("'s", "’s"):
        name = name.removesuffix(suffix)
    return Participant(
        name=name, entity=span.extra.get("entity"), country=country, sector=span.sector
    )


def participants(token: Any, index: SpanIndex) -> list[Participant]:
    """One participant per actor a token names (two for "Russian and Ukrainian delegations")."""
    span = index.span_of(token.i)
    if span is not None:
        return [_from_span(span, index.places)]
    if token.lower_ in PRONOUNS:
        return []
    owners = []
    for child in token.children:
        if child.dep_ in _OWNER_DEPS or (child.dep_ == "prep" and child.lower_ == "of"):
            candidates = [child] + [c for c in child.subtree if c.dep_ in {"conj", "pobj"}]
            for candidate in candidates:
                owner = index.span_of(candidate.i)
                if owner is not None and owner.label in {"NORP", "GPE", "ORG", "PERSON"}:
                    owners.append(owner)
    sector = sector_of(token.lemma_)
    name, _ = source_phrase(token)
    if owners:
        seen: dict[str | None, Participant] = {}
        for owner in owners:
            base = _from_span(owner, index.places)
            if base.country not in seen:
                label = f"{owner.text} {token.text}" if owner.label == "NORP" else name
                seen[base.country] = Participant(
                    name=label,
                    entity=base.entity,
                    country=base.country,
                    sector=sector or base.sector,
                )
        return list(seen.values())
    if token.pos_ not in {"NOUN", "PROPN"}:
        return []
    return [Participant(name=name, entity=None, country=None, sector=sector)]
