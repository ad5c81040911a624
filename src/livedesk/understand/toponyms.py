"""Place names the small model mislabels or misses, repaired with the gazetteer and syntax.

1. A lone word tagged PERSON that the gazetteer knows as a country, region or large city is a
   place ("the capital, Kyiv").
   So is a lone word tagged NORP that is no nationality word ("Sochi").
2. A PERSON, ORG or NORP name the gazetteer knows, standing where places stand — after a locative
   preposition ("at Medyka"), or after "of" following a place noun ("the port of Mariupol",
   "the towns of Irpin and Bucha") — is a place. Names joined by "and" inside one span
   ("Mykolaiv and Odesa") are split first.
3. A wire dateline opening the body or its first line after the headline ("HOMEL, Belarus
   (Northwire) —", "Fire at mill. MANSFIELD --", "BEIRUT:") names a place.
4. An organisation named after its place ("Mansfield Police Department", "Kharkiv Regional
   Administration") also mentions that place.
5. A legislator's party and home ("Sen. Jane Roe, D-Ohio", "Rep. Al Poe, R-Springfield",
   "DFL-Duluth"): the US convention names the state or town the member represents.
"""

from __future__ import annotations

import re
from typing import Any

from livedesk.resolve.geocode import demonym_country
from livedesk.resolve.placenames import normalise
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
                "airport", "port", "station", "zoo", "museum", "prison", "jail", "center",
                "centre", "bank", "pantry", "patrol", "guard", "chamber", "society", "club",
                "foundation", "association", "fair", "hall", "branch", "facility", "agency",
                "service", "services", "clinic", "park", "festival", "union", "alliance",
                "coalition", "academy", "institute", "team", "league"}  # fmt: skip
# Words that follow a town's name in the names of its local bodies ("Harwinton Senior Center").
LOCAL_WORDS = {"public", "area", "community", "fire", "high", "regional", "state", "municipal",
               "town", "village", "senior", "elementary", "middle", "memorial", "general",
               "medical", "volunteer", "parks", "rescue", "historical", "economic", "food",
               "unified", "city", "county", "downtown", "chamber", "rotary", "lions", "kiwanis",
               "little", "youth", "animal", "housing", "water", "planning", "zoning", "board",
               "select", "police", "township"}  # fmt: skip
# Last words of the names of newspapers and broadcasters.
MEDIA_WORDS = {"times", "post", "daily", "journal", "herald", "star", "news", "tribune", "press",
               "chronicle", "gazette", "observer", "register", "telegraph", "guardian",
               "broadcasting", "radio", "television", "tv", "courier", "dispatch", "sun",
               "magazine", "review", "record", "bulletin", "mirror", "standard",
               "examiner", "inquirer", "constitution", "enquirer", "sentinel"}  # fmt: skip
# Words that narrow a place inside a name ("Northeast Georgia Medical Center").
DIRECTIONS = {"north", "south", "east", "west", "northeast", "northwest", "southeast",
              "southwest", "northern", "southern", "eastern", "western", "central", "downtown",
              "greater", "metropolitan", "metro", "upper", "lower"}  # fmt: skip
# Generic words that make "X County" a region (as the gazetteer reads them).
REGION_WORDS = {"county", "parish", "township", "borough", "province", "state", "region"}
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
# Upper-case city, a comma, a country or state, then a credit, a dash or a colon:
# "HOMEL, Belarus (…) —", "BEIRUT:". At the start of the body, or of the sentence after a
# headline that opens it ("Mill closes. MANSFIELD --").
_DATELINE = re.compile(
    r"(?:^|(?<=[.!?\n]\s)|(?<=\n))"
    r"([A-Z][A-Z'’.\-]+(?: [A-Z][A-Z'’.\-]+){0,3})"  # HOMEL, MANSFIELD, NEW YORK
    r"(?:,\s+[A-Z][\w.]*(?:\s[A-Z][\w.]*)?)?"  # optional ", Belarus" / ", Ohio"
    r"\s*(?:\(|—|–|--|-\s|:\s)"  # then a credit, a dash or a colon
)
# How far into the body a dateline may open: past a headline, not deep into the text.
DATELINE_REACH = 300
# A party letter and the member's state or town: "D-Ohio", "R-N.Y.", "DFL-Duluth".
_PARTY_HOME = re.compile(
    r"(?<![\w-])(?:D|R|I|DFL)-"
    r"([A-Z][\w.'’]*(?:\s[A-Z][\w.'’]*){0,2}?)(?=\s*[^\w\s]|\s+[^\sA-Z]|\s*$)"
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
    """Relabel a PERSON, ORG or NORP span (not a demonym) as GPE when it is a place (rules 1
    and 2)."""
    if span.label not in {"PERSON", "ORG", "NORP"} or span.entry is not None or gazetteer is None:
        return
    if span.label == "NORP" and demonym_country(span.text) is not None:
        return  # a nationality word ("Ukrainians") stays one
    previous = doc[span.start_token - 1].lower_.rstrip(".") if span.start_token else ""
    if previous in HONORIFICS:
        return
    candidates = gazetteer.lookup(span.text, limit=3)
    if not candidates:
        return
    single_person = span.label in {"PERSON", "NORP"} and span.end_token - span.start_token == 1
    big = any(
        c.feature in {"country", "admin1"} or c.population >= PERSON_AS_PLACE_POPULATION
        for c in candidates
    )
    if (single_person and big) or locative_slot(doc[span.start_token : span.end_token].root):
        span.label = "GPE"


def dateline(doc: Any, title: bool, gazetteer: Any) -> Span | None:
    """The place of a wire dateline at the very start of the body (a name the gazetteer knows:
    "NATO - the alliance…" opens no dateline)."""
    if title or gazetteer is None:
        return None
    found = _DATELINE.search(doc.text[: DATELINE_REACH + 80])
    if found is None or found.start() > DATELINE_REACH:
        return None
    name = found.group(1).strip().rstrip(".-")
    if not gazetteer.lookup(name, limit=1):
        return None
    start = found.start(1)
    span = doc.char_span(start, start + len(name), alignment_mode="expand")
    if span is None:
        return None
    return Span(title, span.start, span.end, start, start + len(name), name, "GPE")


def party_homes(doc: Any, title: bool, gazetteer: Any) -> list[Span]:
    """The places after a party letter ("R-Springfield") that the gazetteer knows."""
    found = []
    for match in _PARTY_HOME.finditer(doc.text) if gazetteer is not None else ():
        name = match.group(1)
        if not gazetteer.lookup(name, limit=1):
            continue
        span = doc.char_span(match.start(1), match.end(1), alignment_mode="expand")
        if span is not None:
            found.append(Span(title, span.start, span.end, match.start(1), match.end(1), name,
                              "GPE"))  # fmt: skip
    return found


def embedded_places(doc: Any, spans: list[Span], gazetteer: Any) -> list[Span]:
    """Place names inside organisation names: opening one ("Mansfield Police Department",
    "Northern Ohio Food Bank" after a direction word) or closing one after "of" ("University
    of Toledo"). The name must be a county, a place named elsewhere in the document, or a
    first-level region, country or large city (opening the name, only in the name of an
    institution: "Ohio Department of Health", not "Kentucky Fried Chicken"); or, opening the
    name, a town followed by a local institution word ("Harwinton Fire Department", not
    "Charles Webb Center")."""
    if gazetteer is None:
        return []
    named = {span.text for span in spans if span.label in {"GPE", "LOC"}}
    found = []
    for span in spans:
        if span.label != "ORG" or span.entry is not None:
            continue
        tokens = doc[span.start_token : span.end_token]
        if len(tokens) < 2 or tokens[-1].lower_ in MEDIA_WORDS:
            continue  # a title ("The Ohio Star") names no place it is about
        first = 1 if tokens[0].lower_ in DIRECTIONS and len(tokens) > 2 else 0
        institution = any(t.lemma_.lower() in INSTITUTIONS for t in tokens[1:])
        for size in (3, 2, 1):
            name = tokens[first : first + size]
            if first + size >= len(tokens) or not all(_name_word(t) for t in name):
                continue
            local = tokens[first + size].lemma_.lower() in INSTITUTIONS | LOCAL_WORDS
            if _is_place(name.text, gazetteer, local or name.text in named, institution):
                found.append(_place_span(span.title, name))
                break
        ofs = [t.i for t in tokens[:-1] if t.lower_ == "of"]
        if ofs:
            start = ofs[-1] + 1
            start += doc[start].lower_ in {"the", *DIRECTIONS} and start + 1 < span.end_token
            name = doc[start : span.end_token]
            words = len(name) <= 3 and all(_name_word(t) for t in name)
            if words and _is_place(name.text, gazetteer, name.text in named):
                found.append(_place_span(span.title, name))
    return found


def _name_word(token: Any) -> bool:
    return token.is_title or (token.is_upper and token.is_alpha) or token.text.endswith(".")


def _is_place(name: str, gazetteer: Any, local: bool, large: bool = True) -> bool:
    """Whether the gazetteer knows ``name`` as a place an organisation would be named after:
    any place when ``local``, a county, and if ``large`` a region, country or large city."""
    if len(normalise(name)) < 3 or normalise(name) in {"saint", "mount", "fort"}:
        return False
    candidates = [
        found.entry
        for found in gazetteer.candidates(name, limit=3)
        if found.match != "code" or "." in name  # "ABC" is no code here, "N.Y." is
    ]
    if not candidates:
        return False
    if local or name.split()[-1].lower() in REGION_WORDS:
        return True
    return large and any(
        c.feature in {"country", "admin1"} or c.population >= PERSON_AS_PLACE_POPULATION
        for c in candidates
    )


def _place_span(title: bool, name: Any) -> Span:
    return Span(title, name.start, name.end, name.start_char, name.end_char, name.text, "GPE")
