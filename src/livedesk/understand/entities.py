"""Entities: people, organisations, countries, places and nationalities, with aliases merged
and each coded as an actor where it can act.

1. Candidate spans: the model's named entities plus phrase matches from the actor dictionary
   (seats of government, leaders, organisations); overlaps keep the longer span.
2. Repairs: place names the model mislabels or misses (``toponyms.py``); a single-word ORG
   that only modifies a title ("Defense Minister") is dropped; institutions named by a
   country and a head noun ("Russia's central bank") and diplomatic missions with their host
   ("the U.S. Embassy in Belarus") become organisations; names recognised once are
   recognised everywhere in the report, headline included.
3. Clustering: people by surname (exact or near-identical spelling: "Zelensky"/"Zelenky"),
   names through the dictionary's canonical forms, countries through their ISO code.
4. Each cluster becomes an :class:`~livedesk.models.Entity` with its mentions, in order of
   first mention.
"""

from __future__ import annotations

from collections.abc import Iterable
from difflib import SequenceMatcher
from typing import Any

from livedesk.models import TITLE_SENTENCE, Actor, Entity, Mention
from livedesk.pipeline import Draft
from livedesk.resolve.actors import (
    actor_dictionary,
    country_code,
    demonym,
    fold,
    sector_of,
)
from livedesk.understand.sentences import sentence_at
from livedesk.understand.spans import Span
from livedesk.understand.titles import title_code
from livedesk.understand.toponyms import (
    dateline,
    embedded_places,
    party_homes,
    repair_place_label,
    split_conjoined,
)

WANTED_LABELS = {"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC"}
# Surnames this similar are one person spelled two ways (Zelensky/Zelenky: 0.93).
SURNAME_SIMILARITY = 0.86
# Surnames shorter than this are too common to merge by spelling alone.
MIN_FUZZY_SURNAME = 5
# A place this populous keeps its name even where a person shares it as a surname.
LARGE_PLACE_POPULATION = 100_000
INSTITUTION_HEADS = {
    "bank",
    "central bank",
    "ministry",
    "embassy",
    "military",
    "army",
    "navy",
    "air force",
    "government",
    "parliament",
    "court",
    "police",
    "consulate",
}
MISSION_HEADS = {"embassy", "consulate", "mission"}


def _strip_article(text: str) -> str:
    for prefix in ("the ", "The "):
        if text.startswith(prefix):
            return text[len(prefix) :]
    return text


def _strip_possessive(text: str) -> str:
    for suffix in ("'s", "’s", "'", "’"):
        if text.endswith(suffix):
            return text[: -len(suffix)]
    return text


def _dictionary_spans(doc: Any, matcher: Any, title: bool) -> list[Span]:
    entries = actor_dictionary()
    spans = []
    for _match_id, start, end in matcher(doc):
        span = doc[start:end]
        entry = entries.get(span.text)
        if entry is None:
            continue
        spans.append(
            Span(title, start, end, span.start_char, span.end_char, span.text, entry.type, entry)
        )
    return spans


def _ner_spans(doc: Any, title: bool) -> list[Span]:
    spans = []
    for ent in doc.ents:
        if ent.label_ not in WANTED_LABELS:
            continue
        start = ent.start
        if doc[start].lower_ == "the" and ent.end - start > 1:
            start += 1
        end = ent.end
        if doc[end - 1].tag_ == "POS" and end - start > 1:
            end -= 1
        span = doc[start:end]
        entry = actor_dictionary().get(_strip_possessive(span.text))
        spans.append(
            Span(title, start, end, span.start_char, span.end_char, span.text, ent.label_, entry)
        )
    return spans


def _merge_overlaps(spans: list[Span]) -> list[Span]:
    """Keep the longer of overlapping spans (dictionary spans win ties)."""
    ordered = sorted(
        spans, key=lambda s: (-(s.end_token - s.start_token), s.entry is None, s.start_token)
    )
    taken: set[int] = set()
    kept = []
    for span in ordered:
        tokens = set(range(span.start_token, span.end_token))
        if tokens & taken:
            continue
        taken |= tokens
        kept.append(span)
    return sorted(kept, key=lambda s: s.start_token)


class EntityStage:
    """Find, repair, cluster and code the entities of an English document."""

    name = "entities"
    requires = ("body", "sentences")
    assigns = ("entities", "spans")

    def __init__(self, nlp: Any, gazetteer: Any) -> None:
        self.gazetteer = gazetteer
        from spacy.matcher import PhraseMatcher

        self.matcher = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.matcher.add("ACTOR", [nlp.make_doc(surface) for surface in actor_dictionary()])

    def __call__(self, draft: Draft) -> None:
        if draft.doc is None:
            draft.facts["entities"] = ()
            draft.facts["spans"] = []
            return
        spans: list[Span] = []
        found_in: dict[bool, list[Span]] = {}
        for doc, title in ((draft.doc, False), (draft.title_doc, True)):
            if doc is None:
                continue
            found = _dictionary_spans(doc, self.matcher, title) + _ner_spans(doc, title)
            found = [span for span in found if not self._is_title_word(doc, span)]
            found_in[title] = found + _institutions(doc, title)
        known = {
            span.text: span.label
            for group in found_in.values()
            for span in group
            if span.label in {"GPE", "LOC", "PERSON", "ORG"}
        }
        for doc, title in ((draft.doc, False), (draft.title_doc, True)):
            if doc is None:
                continue
            found = found_in[title] + _propagate(doc, title, known, found_in[title])
            found = split_conjoined(doc, found)
            opening = dateline(doc, title, self.gazetteer)
            if opening is not None:
                found.append(opening)
            homes = party_homes(doc, title, self.gazetteer)
            found = [s for s in found if not any(_overlap(s, home) for home in homes)] + homes
            merged = _merge_overlaps(found)
            for span in merged + embedded_places(doc, merged, self.gazetteer):
                repair_place_label(doc, span, self.gazetteer)
                span.extra["doc"] = doc
                spans.append(span)
        _surnames_are_people(spans, self.gazetteer)
        for span in spans:
            _code(span)
        _cluster_people(spans)
        draft.facts["spans"] = spans
        draft.facts["entities"] = _entities(spans, draft.facts["sentences"])

    @staticmethod
    def _is_title_word(doc: Any, span: Span) -> bool:
        """A one-word ORG that only qualifies a title ("Defense" in "Defense Minister X")."""
        if span.entry is not None or span.label != "ORG" or span.end_token - span.start_token > 1:
            return False
        token = doc[span.start_token]
        head = token.head
        return token.dep_ == "compound" and sector_of(head.lemma_) == "GOV" and head.i > token.i


def _overlap(one: Span, other: Span) -> bool:
    return one.start_token < other.end_token and other.start_token < one.end_token


def _propagate(doc: Any, title: bool, known: dict[str, str], found: list[Span]) -> list[Span]:
    """Unlabelled proper nouns spelled like an entity found elsewhere in the report take its
    label (one sense per discourse): headlines especially defeat a small model's NER."""
    taken = {i for span in found for i in range(span.start_token, span.end_token)}
    extra = []
    for token in doc:
        if token.i in taken or token.pos_ != "PROPN" or token.text not in known:
            continue
        extra.append(
            Span(
                title,
                token.i,
                token.i + 1,
                token.idx,
                token.idx + len(token.text),
                token.text,
                known[token.text],
                actor_dictionary().get(token.text),
            )
        )
    return extra


def _institutions(doc: Any, title: bool) -> list[Span]:
    """Organisations named by a country and an institution noun, and missions with a host."""
    spans = []
    for chunk in doc.noun_chunks:
        head = chunk.root
        lemma = head.lemma_.lower()
        two = f"{doc[head.i - 1].lemma_.lower()} {lemma}" if head.i > chunk.start else ""
        if head.tag_ != "NN" and head.tag_ != "NNP":
            continue
        if lemma not in INSTITUTION_HEADS and two not in INSTITUTION_HEADS:
            continue
        owner = [
            child
            for child in head.children
            if child.dep_ in {"poss", "compound", "amod", "nmod"}
            and (child.ent_type_ in {"GPE", "NORP"} or country_code(child.text))
        ]
        if not owner:
            continue
        start = chunk.start + (1 if doc[chunk.start].lower_ == "the" else 0)
        end = chunk.end
        host = None
        if lemma in MISSION_HEADS:
            for child in head.children:
                if child.dep_ == "prep" and child.lower_ == "in":
                    objects = [c for c in child.children if c.dep_ == "pobj"]
                    if objects and objects[0].ent_type_ == "GPE":
                        end = objects[0].i + 1
                        host = country_code(objects[0].text)
        span = doc[start:end]
        found = Span(title, start, end, span.start_char, span.end_char, span.text, "ORG")
        if host:
            found.extra["host_country"] = host
        spans.append(found)
    return spans


def _code(span: Span) -> None:
    """Give a span its clustering key and actor code."""
    text = _strip_possessive(_strip_article(span.text))
    if span.entry is not None:
        span.key = f"dict:{span.entry.name}"
        span.country, span.sector = span.entry.country, span.entry.sector
        if span.entry.metonym:
            span.key = f"place:{fold(span.entry.name)}"
        return
    if span.label == "NORP":
        span.country = demonym(text)
        span.key = f"norp:{span.country or fold(text)}"
        return
    if span.label in {"GPE", "LOC"}:
        code = country_code(text)
        if code:
            span.key, span.country = f"country:{code}", code
            return
        if code == "":
            span.key = f"bloc:{fold(text)}"
            return
        span.key = f"place:{fold(text)}"
        return
    if span.label == "ORG":
        span.key = f"org:{fold(text)}"
        _code_institution(span)
        return
    span.key = f"{span.label.lower()}:{fold(text)}"
    doc = span.extra.get("doc")
    if span.label == "PERSON" and doc is not None:
        span.country, span.sector = title_code(doc, span.start_token, span.end_token)


def _code_institution(span: Span) -> None:
    doc = span.extra.get("doc")
    if doc is None:
        return
    tokens = doc[span.start_token : span.end_token]
    for token in tokens:
        code = demonym(token.text) or country_code(_strip_possessive(token.text))
        if code:
            span.country = code
            break
    sector = sector_of(tokens.root.lemma_)
    if sector is None and tokens.root.i > tokens.start:
        sector = sector_of(f"{doc[tokens.root.i - 1].lemma_} {tokens.root.lemma_}")
    span.sector = sector


def _surnames_are_people(spans: list[Span], gazetteer: Any) -> None:
    """A lone name spelled like the surname of a person named in full in the same report is
    that person ("Mayor Tom Brown … Brown said"), not a place or an organisation. A full name
    counts only if all its words are proper nouns ("Outside Kharkiv" tagged as a person does
    not), and a country, region or large city keeps its place."""
    surnames = set()
    for span in spans:
        doc = span.extra.get("doc")
        if span.label != "PERSON" or doc is None or span.end_token - span.start_token < 2:
            continue
        if all(token.pos_ == "PROPN" for token in doc[span.start_token : span.end_token]):
            surnames.add(_strip_possessive(span.text).split()[-1])
    for span in spans:
        name = _strip_possessive(span.text)
        named = span.entry is None and span.label in {"GPE", "LOC", "ORG"}
        if named and name in surnames and not _large_place(name, gazetteer):
            span.label = "PERSON"


def _large_place(name: str, gazetteer: Any) -> bool:
    """A country, or a place of :data:`LARGE_PLACE_POPULATION` called by this very name (not
    by an alternate: "Smith" is not Smith County, nor "Brown" a town's old name)."""
    if gazetteer is None:
        return False
    return any(
        found.match == "name"
        and (found.entry.feature == "country" or found.entry.population >= LARGE_PLACE_POPULATION)
        for found in gazetteer.candidates(name, limit=3)
    )


def _cluster_people(spans: list[Span]) -> None:
    """One key per person. A full name opens a cluster; a mention with the same surname (or
    one spelled nearly alike: Zelensky/Zelenky) joins it unless its first name differs (Ted
    and Heidi Cruz stay two people); a lone surname joins the first cluster of its surname."""
    people = [span for span in spans if span.label == "PERSON"]
    clusters: list[tuple[str, str | None, str]] = []  # surname, first name, key

    def tokens_of(span: Span) -> list[str]:
        return fold(span.entry.name if span.entry else _strip_possessive(span.text)).split()

    for span in sorted(people, key=lambda s: (-len(tokens_of(s)), s.title, s.start)):
        tokens = tokens_of(span)
        surname, first = tokens[-1], (tokens[0] if len(tokens) > 1 else None)
        key = None
        for known_surname, known_first, known_key in clusters:
            alike = known_surname == surname or (
                len(surname) >= MIN_FUZZY_SURNAME
                and SequenceMatcher(None, surname, known_surname).ratio() >= SURNAME_SIMILARITY
            )
            if alike and (first is None or known_first is None or first == known_first):
                key = known_key
                break
        if key is None:
            key = span.key if span.entry else f"person:{' '.join(tokens)}"
            clusters.append((surname, first, key))
        span.key = key
    coded = {span.key: span.entry for span in people if span.entry is not None}
    for span in people:
        entry = coded.get(span.key)
        if span.entry is None and entry is not None:
            span.country, span.sector = entry.country, entry.sector


_TYPE_OF = {
    "GPE": "GPE",
    "LOC": "LOC",
    "FAC": "FAC",
    "NORP": "NORP",
    "ORG": "ORG",
    "PERSON": "PERSON",
}


def _entities(spans: Iterable[Span], sentences: tuple[Any, ...]) -> tuple[Entity, ...]:
    groups: dict[str, list[Span]] = {}
    for span in spans:
        groups.setdefault(span.key, []).append(span)
    ordered = sorted(groups.values(), key=lambda group: min((not s.title, s.start) for s in group))
    entities = []
    for number, group in enumerate(ordered, start=1):
        entity_id = f"e{number}"
        names = [_strip_possessive(_strip_article(span.text)) for span in group]
        dictionary = next((span.entry for span in group if span.entry), None)
        if dictionary is not None:
            name = dictionary.name
        else:
            name = max(names, key=lambda n: (len(n.split()), len(n)))
        aliases = tuple(sorted({n for n in names if n != _strip_article(name)}))
        first = group[0]
        country = next((s.country for s in group if s.country), None)
        sector = next((s.sector for s in group if s.sector), None)
        actor = Actor(country, sector) if (country or sector) else None
        mentions = []
        for span in sorted(group, key=lambda s: (not s.title, s.start)):
            span.extra["entity"] = entity_id
            sentence = TITLE_SENTENCE if span.title else sentence_at(sentences, span.start)  # type: ignore[arg-type]
            mentions.append(Mention(sentence, span.start, span.end, span.text))
        entity_type = dictionary.type if dictionary else _TYPE_OF.get(first.label, first.label)
        entities.append(Entity(entity_id, name, entity_type, aliases, actor, tuple(mentions)))
    return tuple(entities)
