"""Place names the small model mislabels or misses, repaired with the gazetteer and syntax.

1. A lone word tagged PERSON that the gazetteer knows as a country, region or large city is a
   place ("the capital, Kyiv").
2. A PERSON or ORG name the gazetteer knows, standing where places stand — after a locative
   preposition ("at Medyka"), or after "of" following a place noun ("the port of Mariupol",
   "the towns of Irpin and Bucha") — is a place. Names joined by "and" inside one span
   ("Mykolaiv and Odesa") are split first.
3. A wire dateline opening the body ("HOMEL, Belarus (Northwire) —", "MANSFIELD --") names a
   place.
4. An organisation named after its place ("Mansfield Police Department", "Kharkiv Regional
   Administration") also mentions that place.
"""

from __future__ import annotations

import re
from typing import Any

from livedesk.understand.spans import Span

# A lone PERSON word naming a place at least this populous is taken to be the place.
PERSON_AS_PLACE_POPULATION = 100_000
HONORIFICS = {"mr", "mrs", "ms", "dr", "president", "minister", "gen", "general", "sen", "rep"}
LOCATIVE_PREPOSITIONS = {
    "in",
    "at",
    "near",
    "from",
    "to",
    "into",
    "outside",
    "around",
    "toward",
    "towards",
    "through",
    "between",
    "across",
    "inside",
    "via",
}
# Heads of organisation names that belong to a place ("Fargo Police Department").
INSTITUTIONS = {"police", "department", "council", "county", "school", "schools", "university",
                "college", "hospital", "court", "board", "office", "administration", "sheriff",
                "district", "commission", "authority", "library", "church", "government",
                "city", "township", "assembly", "legislature", "senate", "house", "committee",
                "airport", "port", "station", "zoo", "museum", "prison", "jail"}  # fmt: skip
PLACE_NOUNS = {
    "town",
    "city",
    "village",
    "port",
    "region",
    "province",
    "district",
    "suburb",
    "outskirts",
    "capital",
    "oblast",
    "area",
    "county",
    "state",
    "island",
    "settlement",
    "municipality",
    "crossing",
    "border",
}
# Upper-case city, a comma, a country or state, then a credit or a dash: "HOMEL, Belarus (…) —".
_DATELINE = re.compile(
    r"^([A-Z][A-Z'’.\-]+(?: [A-Z][A-Z'’.\-]+){0,3})"  # HOMEL, MANSFIELD, NEW YORK
    r"(?:,\s+[A-Z][\w.]*(?:\s[A-Z][\w.]*)?)?"  # optional ", Belarus" / ", Ohio"
    r"\s*(?:\(|—|–|--|-\s)"  # then a credit or a dash
)


def locative_slot(token: Any) -> bool:
    """Whether a token stands where a place name stands."""
    while token.dep_ in {"conj", "compound", "appos"} and token.head.i != token.i:
        token = token.head
    if token.dep_ != "pobj":
        return False
    preposition = token.head
    if preposition.lower_ in LOCATIVE_PREPOSITIONS:
        return True
    return preposition.lower_ == "of" and preposition.head.lemma_.lower() in PLACE_NOUNS


def split_conjoined(doc: Any, spans: list[Span]) -> list[Span]:
    """ "Mykolaiv and Odesa" tagged as one name becomes two."""
    result = []
    for span in spans:
        tokens = doc[span.start_token : span.end_token]
        if span.entry is None and any(t.lower_ == "and" for t in tokens[1:-1]):
            start = span.start_token
            for token in [*tokens, None]:
                if token is None or token.lower_ in {"and", ","}:
                    end = token.i if token is not None else span.end_token
                    if end > start:
                        piece = doc[start:end]
                        result.append(
                            Span(
                                span.title,
                                start,
                                end,
                                piece.start_char,
                                piece.end_char,
                                piece.text,
                                span.label,
                            )
                        )
                    start = end + 1
        else:
            result.append(span)
    return result


def repair_place_label(doc: Any, span: Span, gazetteer: Any) -> None:
    """Relabel a PERSON or ORG span as GPE when it is a place (rules 1 and 2)."""
    if span.label not in {"PERSON", "ORG"} or span.entry is not None or gazetteer is None:
        return
    previous = doc[span.start_token - 1].lower_.rstrip(".") if span.start_token else ""
    if previous in HONORIFICS:
        return
    candidates = gazetteer.lookup(span.text, limit=3)
    if not candidates:
        return
    single_person = span.label == "PERSON" and span.end_token - span.start_token == 1
    big = any(
        c.feature in {"country", "admin1"} or c.population >= PERSON_AS_PLACE_POPULATION
        for c in candidates
    )
    if (single_person and big) or locative_slot(doc[span.start_token : span.end_token].root):
        span.label = "GPE"


def dateline(doc: Any, title: bool, gazetteer: Any) -> Span | None:
    """The place of a wire dateline at the very start of the body (a name the gazetteer knows:
    "NATO - the alliance…" opens no dateline)."""
    found = _DATELINE.match(doc.text[:80])
    if title or found is None or gazetteer is None:
        return None
    name = found.group(1).strip()
    if not gazetteer.lookup(name, limit=1):
        return None
    span = doc.char_span(0, len(name), alignment_mode="expand")
    if span is None:
        return None
    return Span(title, span.start, span.end, 0, len(name), name, "GPE")


def embedded_places(doc: Any, spans: list[Span], gazetteer: Any) -> list[Span]:
    """Place names opening organisation names whose head is a local institution."""
    found = []
    for span in spans:
        if span.label != "ORG" or span.entry is not None or gazetteer is None:
            continue
        tokens = doc[span.start_token : span.end_token]
        if len(tokens) < 2 or tokens[-1].lemma_.lower() not in INSTITUTIONS:
            continue
        for size in (2, 1):
            if size >= len(tokens) or not all(t.is_title for t in tokens[:size]):
                continue
            name = tokens[:size]
            if gazetteer.lookup(name.text, limit=1):
                found.append(Span(span.title, name.start, name.end, name.start_char,
                                  name.end_char, name.text, "GPE"))  # fmt: skip
                break
    return found
