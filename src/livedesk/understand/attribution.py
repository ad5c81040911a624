"""Who says so: the source a sentence attributes its content to, and how sure it sounds.

1. "according to X" anywhere in the sentence: X is the source.
2. A reporting verb ("said", "told", "announced" — ``data/speech_cues.tsv``) whose subject is a
   source and whose clause holds the content, in either order ("X said Y", "Y, X said"); in
   the passive, the "by" phrase ("was endorsed by X"), and no source without one. A dateline
   ("WASHINGTON -- …") is never the source.
3. The source is anonymous when it carries no named entity and its head is a generic noun
   ("a U.S. official", "sources familiar"), or the sentence says so ("on condition of
   anonymity").
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

from livedesk.models import Attribution
from livedesk.understand.syntax import subjects_of

RELATIVES = {"who", "which", "that"}
PRONOUNS = {"he", "she", "they", "it", "we", "i", "you", "who", "which", "that"}
# Relative clauses and appositions after a source phrase that belong outside the speaker name.
_CUT_DEPS = {"relcl", "acl", "punct", "appos", "advcl", "prep"}


@lru_cache(maxsize=1)
def speech_verbs() -> dict[str, str]:
    text = resources.files("livedesk.data").joinpath("speech_cues.tsv").read_text("utf-8")
    rows = [line.split("\t") for line in text.splitlines() if line and not line.startswith("#")]
    return {lemma: kind for lemma, kind in rows}


def _lines(name: str) -> tuple[str, ...]:
    text = resources.files("livedesk.data").joinpath(name).read_text("utf-8")
    return tuple(line.strip() for line in text.splitlines() if line.strip() and line[0] != "#")


@lru_cache(maxsize=1)
def anonymity_cues() -> tuple[str, ...]:
    return _lines("anonymity_cues.txt")


@dataclass(frozen=True)
class Source:
    """A source phrase inside a parsed sentence."""

    text: str
    head: Any
    cue: str
    tokens: tuple[int, int]
    verb: Any = None  # the reporting verb, when the source was found through one


def source_phrase(head: Any) -> tuple[str, tuple[int, int]]:
    """The words that name a source: the head with its modifiers, without relative clauses."""
    keep = [head]
    stack = [child for child in head.children if child.dep_ not in _CUT_DEPS]
    while stack:
        token = stack.pop()
        keep.append(token)
        stack.extend(child for child in token.children if child.dep_ not in {"relcl", "acl"})
    for child in head.children:
        # "the president of Ukraine", "officials in Kharkiv": keep a short prepositional tail.
        if child.dep_ == "prep" and child.lower_ in {"of", "in", "at", "for"} and child.i > head.i:
            keep.extend(child.subtree)
    keep.sort(key=lambda token: token.i)
    start, end = keep[0].i, keep[-1].i + 1
    doc = head.doc
    for token in doc[start:end]:
        # "RIVERTON -- Mayor Ann Cole": a dateline the parse hung on the name stays out.
        if _is_dash(token) and token.i < head.i:
            if doc[start : token.i].text.isupper():
                start = token.i + 1
            break
    while start < end and doc[start].is_punct:
        start += 1
    while end > start and doc[end - 1].is_punct:
        end -= 1
    return doc[start:end].text, (start, end)


def _according_to(sentence: Any) -> Source | None:
    for token in sentence:
        if token.lower_ == "according" and token.i + 1 < sentence.end:
            nxt = token.doc[token.i + 1]
            if nxt.lower_ == "to":
                objects = [child for child in nxt.children if child.dep_ == "pobj"]
                if objects:
                    text, span = source_phrase(objects[0])
                    return Source(text, objects[0], "according to", span)
    return None


# Dashes that end a dateline ("WASHINGTON — …", "LOS ANGELES, Sept. 28 (UPI) -- …").
DATELINE_DASHES = {"—", "–", "--", "-"}
# How many tokens a dateline runs before its dash.
DATELINE_TOKENS = 10


def _is_dash(token: Any) -> bool:
    """A dash between words ("WASHINGTON — …", "LONDON - …"), not a hyphen ("NATO-led")."""
    if token.text not in DATELINE_DASHES:
        return False
    return token.text != "-" or (token.i > 0 and bool(token.doc[token.i - 1].whitespace_))


def past_dateline(subject: Any) -> Any | None:
    """A subject that is a dateline ("WASHINGTON -- President Obama … said", parsed with the
    place as subject) is nobody's voice: the speaker is the phrase after the dash when the
    parse hangs it on the place, else there is none. Other subjects are returned as they are."""
    if not (subject.is_upper and subject.is_alpha and len(subject.text) > 1):
        return subject
    doc = subject.doc
    dash = next(
        (t for t in doc[subject.i + 1 : subject.i + 1 + DATELINE_TOKENS] if _is_dash(t)),
        None,
    )
    if dash is None or not doc[subject.left_edge.i : subject.i + 1].text.isupper():
        return subject
    after = [c for c in subject.children if c.i > dash.i and c.dep_ in {"appos", "conj"}]
    return after[0] if after else None


def _subject_of(verb: Any) -> Any | None:
    """Who speaks through a reporting verb: its subject; for "officials who said…" the noun the
    clause hangs on; for "…and said" or "…, saying" the subject of the verb it extends."""
    agents = [g for c in verb.children if c.dep_ == "agent" for g in c.children]
    agents = [g for g in agents if g.dep_ == "pobj"]
    if agents:
        # "was endorsed by dozens of papers", "was first reported by the Post": the agent.
        return agents[0]
    subjects = subjects_of(verb)
    if subjects and subjects[0].dep_ == "nsubjpass":
        return None
    if subjects and subjects[0].lower_ in RELATIVES:
        return verb.head if verb.dep_ == "relcl" else None
    if subjects:
        return subjects[0]
    for child in verb.children:
        # "WASHINGTON -- President Obama … said", the place parsed as a modifier of the verb.
        if child.dep_ == "npadvmod" and child.i < verb.i:
            speaker = past_dateline(child)
            if speaker is not None and speaker.i != child.i:
                return speaker
    if verb.dep_ in {"conj", "advcl", "xcomp"} and verb.head.i != verb.i:
        heads = [child for child in verb.head.children if child.dep_ == "nsubj"]
        return heads[0] if heads else None
    return None


def find_sources(sentence: Any, more_verbs: frozenset[str] = frozenset()) -> list[Source]:
    """Every source a parsed sentence names: "according to X" and each reporting verb (or
    verb of ``more_verbs``) with a subject, in whatever clause it stands."""
    sources = []
    verbs = speech_verbs().keys() | more_verbs
    according = _according_to(sentence)
    if according is not None:
        sources.append(according)
    for token in sentence:
        if token.pos_ != "VERB" or token.lemma_.lower() not in verbs:
            continue
        subject = _subject_of(token)
        subject = past_dateline(subject) if subject is not None else None
        if subject is not None:
            text, span = source_phrase(subject)
            sources.append(Source(text, subject, token.lemma_.lower(), span, token))
    return sources


def find_source(sentence: Any) -> Source | None:
    """The source a parsed sentence attributes as a whole: "according to X", or a reporting
    verb of the main clause ("X said …", "…, X said")."""
    according = _according_to(sentence)
    if according is not None:
        return according
    for token in sentence:
        if token.pos_ != "VERB" or token.lemma_.lower() not in speech_verbs():
            continue
        subjects = subjects_of(token)
        if not subjects or subjects[0].lower_ in RELATIVES:
            continue
        subject = past_dateline(subjects[0])
        if subject is None:
            continue
        if token.dep_ in {"ROOT", "parataxis", "ccomp", "conj"} or token.head == token:
            text, span = source_phrase(subject)
            return Source(text, subject, token.lemma_.lower(), span, token)
    return None


def governs(source: Source, token: Any) -> bool:
    """Whether a source speaks for the clause holding ``token``: "according to X" covers the
    clause it attaches to; a reporting verb covers its complement, or the clause it is
    appended to ("…, a U.S. official said")."""
    anchor = source.verb if source.verb is not None else source.head.head
    appended = anchor.dep_ in {"parataxis", "ccomp", "advcl"} and anchor.head.i != anchor.i
    if source.cue != "according to" and appended:
        return (
            token.i == anchor.head.i
            or anchor.head in token.ancestors
            or (token.i == anchor.i or anchor in token.ancestors)
        )
    if source.cue == "according to":
        anchor = anchor.head if anchor.lower_ == "to" else anchor
        anchor = anchor.head if anchor.lower_ == "according" else anchor
        # Climb from a participle or conjoined verb to the clause it extends ("came under
        # attack, sending … and killing …, according to officials"), but not past a clause
        # with its own subordinator ("as", "while", "because").
        while anchor.dep_ in {"advcl", "xcomp", "conj"} and anchor.head.i != anchor.i:
            if any(child.dep_ == "mark" for child in anchor.children):
                break
            anchor = anchor.head
    return token.i == anchor.i or anchor in token.ancestors


# Entities whose presence in a source phrase names it ("Zelensky's office", "the Pentagon");
# a country alone does not ("a U.S. official").
NAMING_LABELS = {"PERSON", "ORG"}


def is_anonymous(source: Source, sentence_text: str, named: bool) -> bool:
    """A source is anonymous when the sentence grants anonymity, or when it carries no name:
    "a U.S. official", "city officials", "one of the sources", "a 41-year-old manager"."""
    lowered = sentence_text.lower()
    if any(cue in lowered for cue in anonymity_cues()):
        return True
    return not named and source.head.pos_ != "PROPN"


def attribution_for(source: Source | None, sentence_text: str, index: Any) -> Attribution | None:
    """The public record for a source; ``index.span_of(token)`` gives entity spans."""
    if source is None:
        return None
    start, end = source.tokens
    entity = None
    named = False
    for token in range(start, end):
        span = index.span_of(token)
        if span is None:
            continue
        entity = entity or span.extra.get("entity")
        named = named or span.label in NAMING_LABELS
    anonymous = is_anonymous(source, sentence_text, named)
    return Attribution(speaker=source.text, entity=entity, anonymous=anonymous)
