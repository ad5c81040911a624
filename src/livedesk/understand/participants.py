"""Participants: turning a token that names who acted (or was acted upon) into actors.

A token is looked up in the document's entity spans first (the span covering it, or one among
its modifiers: "Russian troops" → Russia, MIL). A named person or body without a country of its
own takes the country named in its title ("U.S. Secretary of State Warren Christopher") or the
place it is in ("rebels in Ivory Coast"). A pronoun takes the source of the sentence's
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
_OWNER_LABELS = {"NORP", "GPE", "ORG", "PERSON", "LOC"}
# "rebels in Ivory Coast", "opposition groups inside Zimbabwe": a group belongs where it is.
_LOCATING_PREPS = {"in", "inside", "of", "from"}


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
        found = _from_span(span, index.places)
        if found.country is None:
            country = _title_country(token, span, index)
            found = Participant(found.name, found.entity, country, found.sector)
        return [found]
    if token.lower_ in PRONOUNS:
        return []
    owners = _owners(token, index)
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
    return [Participant(name=name, entity=None, country=_located_in(token, index), sector=sector)]


def _owners(token: Any, index: SpanIndex) -> list[Span]:
    """Entity spans among a token's modifiers ("Russian troops", "troops of Ukraine")."""
    owners = []
    for child in token.children:
        if child.dep_ in _OWNER_DEPS or (child.dep_ == "prep" and child.lower_ == "of"):
            candidates = [child] + [c for c in child.subtree if c.dep_ in {"conj", "pobj"}]
            for candidate in candidates:
                owner = index.span_of(candidate.i)
                if owner is not None and owner.label in _OWNER_LABELS:
                    owners.append(owner)
    return owners


def _title_country(token: Any, span: Span, index: SpanIndex) -> str | None:
    """The country in the title or description around a named actor that has none ("U.S.
    Secretary of State Warren Christopher", "Kenya's president Jane Doe"), or where it is."""
    head = token
    while head.head.i != head.i and span.start_token <= head.head.i < span.end_token:
        head = head.head
    for child in head.children:
        if span.start_token <= child.i < span.end_token or child.dep_ not in _OWNER_DEPS:
            continue
        for item in child.subtree:
            owner = index.span_of(item.i)
            if owner is not None and owner is not span:
                country = _from_span(owner, index.places).country
                if country:
                    return country
    return _located_in(head, index)


def _located_in(token: Any, index: SpanIndex) -> str | None:
    """The country of a place a group is said to be in ("rebels in Ivory Coast")."""
    for child in token.children:
        if child.dep_ != "prep" or child.lower_ not in _LOCATING_PREPS:
            continue
        for item in child.children:
            place = index.span_of(item.i)
            if item.dep_ == "pobj" and place is not None and place.label in {"GPE", "LOC"}:
                country = _from_span(place, index.places).country
                if country:
                    return country
    return None
