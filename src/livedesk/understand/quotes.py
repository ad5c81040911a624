"""Quotes: direct quotations and reported speech, each with its speaker.

1. Direct quotes: text between paired quotation marks (“…”, "…", «…»), at least two words.
2. The speaker of a direct quote: climbing the parse from the quoted words, the first reporting
   verb outside the quote gives its subject ("“…,” said the official", "X called it “…”");
   else the sentence's source ("according to X"); else a "X said" in the next sentence or the
   speaker of the quote just before, when the quote fills its own sentence.
3. Reported speech: a sentence with a source and no direct quote yields the reported clause
   (the reporting verb's complement, or the rest of the sentence after "according to X").
4. Pronoun speakers take the last named speaker; a speaker with no name and a generic head
   noun, or a sentence that grants anonymity, makes the quote anonymous.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from livedesk.models import Entity, Evidence, Quote
from livedesk.pipeline import Draft
from livedesk.resolve.actors import sector_of
from livedesk.understand.attribution import (
    PRONOUNS,
    Source,
    attribution_for,
    find_source,
    find_sources,
    source_phrase,
    speech_verbs,
)
from livedesk.understand.participants import SpanIndex
from livedesk.understand.sentences import sentence_at

_QUOTED = re.compile(r"“([^”]{2,2000}?)”|\"([^\"\n]{2,2000}?)\"|«\s?([^»]{2,2000}?)\s?»")
MIN_QUOTE_WORDS = 2
# How many steps up the parse from the quoted words to look for the reporting verb.
MAX_CLIMB = 8
# Prepositions that introduce what was said ("called for X", "warned of X", "spoke about X").
CONTENT_PREPOSITIONS = {"for", "of", "about", "on", "against"}
# Content shorter than this ("said it", "noted that") says nothing on its own.
MIN_CONTENT_TOKENS = 3
# A following sentence this short can only be an attribution ("…," he said.) to a quote.
FOLLOWING_SOURCE_TOKENS = 12
PERSONAL_PRONOUNS = {"he", "she"}
# A speakerless quotation starting this close after an attributed one continues it.
CONTINUATION_CHARS = 300


def direct_quotes(body: str) -> list[tuple[int, int]]:
    """Spans (inside the marks) of quotations of at least two words."""
    spans = []
    for match in _QUOTED.finditer(body):
        group = next(i for i in (1, 2, 3) if match.group(i) is not None)
        text = match.group(group).strip().rstrip(",")
        if len(text.split()) >= MIN_QUOTE_WORDS:
            start = match.start(group)
            spans.append((start, start + len(text)))
    return spans


def _climb_to_speech(tokens: list[Any], inside: range) -> Source | None:
    for token in tokens:
        current = token
        for _step in range(MAX_CLIMB):
            if current.i not in inside and current.lemma_.lower() in speech_verbs():
                subjects = [c for c in current.children if c.dep_ in {"nsubj", "nsubjpass"}]
                subjects = [s for s in subjects if s.i not in inside]
                if subjects:
                    text, span = source_phrase(subjects[0])
                    return Source(text, subjects[0], current.lemma_.lower(), span, current)
            if current.head.i == current.i:
                break
            current = current.head
    return None


@dataclass
class _Context:
    """What the speaker resolution needs about one document."""

    body: str
    sentences: Any
    index: SpanIndex
    entities: dict[str, Entity]
    quoted: list[tuple[int, int]]
    last: Quote | None = None
    genders: dict[str, str] = field(default_factory=dict)

    def quote(self, text: str, source: Source | None, start: int, end: int, direct: bool) -> Quote:
        evidence = _evidence(self.body, self.sentences, start, end)
        last = self.last
        # "…,” said Caddell. “Yesterday…”: a quotation resumed right after its speaker.
        resumed = (
            source is None
            and direct
            and last is not None
            and last.direct
            and 0 <= start - last.evidence.end <= CONTINUATION_CHARS
        )
        if resumed and last is not None:
            return Quote(text, last.speaker, last.entity, last.anonymous, last.cue, True, evidence)
        if source is None:
            return Quote(text, None, None, False, None, direct, evidence)
        if source.head.lower_ in PERSONAL_PRONOUNS:
            person = self.previous_person(source.head.idx, source.head.lower_)
            if person is not None:
                return Quote(text, person.name, person.id, False, source.cue, direct, evidence)
        if source.head.lower_ in PRONOUNS and last is not None:
            return Quote(
                text, last.speaker, last.entity, last.anonymous, source.cue, direct, evidence
            )
        attribution = attribution_for(source, evidence.text, self.index)
        if attribution is None:
            return Quote(text, None, None, False, source.cue, direct, evidence)
        speaker, entity, anonymous = attribution.speaker, attribution.entity, attribution.anonymous
        return Quote(text, speaker, entity, anonymous, source.cue, direct, evidence)

    def previous_person(self, offset: int, pronoun: str = "") -> Entity | None:
        """The person named last before ``offset`` outside quotation marks: who "he said".
        A person the document itself marks as the other gender is passed over."""
        wanted = PRONOUN_GENDER.get(pronoun)
        best: tuple[int, str] | None = None
        for span in self.index.by_token.values():
            if span.label != "PERSON" or span.start >= offset or "entity" not in span.extra:
                continue
            if any(start <= span.start < end for start, end in self.quoted):
                continue
            known = self.genders.get(span.extra["entity"])
            if wanted and known and known != wanted:
                continue
            if best is None or span.start > best[0]:
                best = (span.start, span.extra["entity"])
        return self.entities.get(best[1]) if best else None


class QuoteStage:
    name = "quotes"
    requires = ("body", "sentences", "entities")
    assigns = ("quotes",)

    def __call__(self, draft: Draft) -> None:
        body = draft.body or ""
        sentences = draft.facts["sentences"]
        spans = direct_quotes(body)
        if draft.doc is None:
            draft.facts["quotes"] = tuple(
                Quote(body[s:e], None, None, False, None, True, _evidence(body, sentences, s, e))
                for s, e in spans
            )
            return
        places = {place.id: place for place in draft.facts["places"]}
        context = _Context(
            body=body,
            sentences=sentences,
            index=SpanIndex(draft.facts.get("spans") or [], title=False, places=places),
            entities={entity.id: entity for entity in draft.facts["entities"]},
            quoted=spans,
            genders=document_genders(body, sentences, draft.facts["entities"]),
        )
        quotes, quoted_sentences = self._direct(draft.doc, context)
        quotes += self._reported(draft.doc, context, quoted_sentences)
        quotes += _labelled_lines(body, sentences, quotes)
        draft.facts["quotes"] = tuple(sorted(quotes, key=lambda q: q.evidence.start))

    @staticmethod
    def _direct(doc: Any, context: _Context) -> tuple[list[Quote], set[int]]:
        sentences = context.sentences
        quotes: list[Quote] = []
        quoted_sentences: set[int] = set()
        for start, end in context.quoted:
            span = doc.char_span(start, end, alignment_mode="expand")
            if span is None:
                continue
            first = sentence_at(sentences, start)
            last_sentence = sentence_at(sentences, max(start, end - 1))
            quoted_sentences.update(range(first, last_sentence + 1))
            inside = range(span.start, span.end)
            source = _climb_to_speech(list(span), inside)
            whole = doc.char_span(
                sentences[first].start, sentences[last_sentence].end, alignment_mode="expand"
            )
            if source is None and whole is not None:
                candidate = find_source(whole)
                if candidate is not None and candidate.head.i not in inside:
                    source = candidate
            if source is None and last_sentence + 1 < len(sentences):
                following = sentences[last_sentence + 1]
                nxt = doc.char_span(following.start, following.end, alignment_mode="expand")
                if nxt is not None and len(nxt) <= FOLLOWING_SOURCE_TOKENS:
                    source = find_source(nxt)
            quote = context.quote(span.text, source, start, end, direct=True)
            quotes.append(quote)
            context.last = quote if quote.speaker else context.last
        return quotes, quoted_sentences

    @staticmethod
    def _reported(doc: Any, context: _Context, quoted_sentences: set[int]) -> list[Quote]:
        """Reported speech: every source of every sentence with its reported clause, leaving
        out clauses inside direct quotations (already read as such)."""
        quotes = []
        for sentence in context.sentences:
            span = doc.char_span(sentence.start, sentence.end, alignment_mode="expand")
            if span is None:
                continue
            for source in find_sources(span):
                if sentence.index in quoted_sentences and source.cue == "according to":
                    continue
                content = _reported_content(span, source)
                if content is None:
                    continue
                start, end = content.start_char, content.end_char
                if any(s < end and start < e for s, e in context.quoted):
                    continue
                quotes.append(context.quote(content.text, source, start, end, direct=False))
        return quotes


def _reported_content(sentence: Any, source: Source) -> Any:
    """The reported clause of a sentence with a source, or None."""
    verb = source.verb if source.verb is not None else source.head.head
    if source.cue == "according to":
        tokens = [t for t in sentence if t.i < source.tokens[0] - 2 or t.i >= source.tokens[1]]
        tokens = [
            t for t in tokens if not t.is_punct or t.i not in (sentence.start, sentence.end - 1)
        ]
        if not tokens:
            return None
        return sentence.doc[tokens[0].i : tokens[-1].i + 1]
    clauses = [c for c in verb.children if c.dep_ in {"ccomp", "parataxis", "xcomp"}]
    if not clauses:
        # "noted the rise in prices", "called for a ceasefire": a thing said, not a listener.
        clauses = [c for c in verb.children if c.dep_ == "dobj" and _is_content(c)]
        clauses += [
            grand
            for c in verb.children
            if c.dep_ == "prep" and c.lower_ in CONTENT_PREPOSITIONS
            for grand in c.children
            if grand.dep_ == "pobj" and _is_content(grand)
        ]
    if clauses:
        subtree = list(clauses[0].subtree)
        if len(subtree) >= MIN_CONTENT_TOKENS:
            return sentence.doc[subtree[0].i : subtree[-1].i + 1]
    return None


def _is_content(token: Any) -> bool:
    """An object that is something said, not someone spoken to ("told reporters")."""
    if token.lower_ in PRONOUNS or token.ent_type_ in {"PERSON", "ORG", "GPE", "NORP"}:
        return False
    return sector_of(token.lemma_) is None


def _evidence(body: str, sentences: Any, start: int, end: int) -> Evidence:
    first = sentence_at(sentences, start)
    last = sentence_at(sentences, max(start, end - 1))
    s, e = sentences[first].start, sentences[last].end
    return Evidence(first, s, e, body[s:e])


# A line opening with a speaker's name and a colon: interview transcripts ("PENCE: Well,
# look …") and headlines that credit their claim ("Pat Caddell: Voters worried …").
_LABELLED = re.compile(
    r"^(?P<name>(?:[A-Z][\w.'’-]*)(?: [A-Z][\w.'’-]*){0,3}): +(?P<content>\S[^\n]*)$", re.M
)
# Labels that head a line without naming who speaks.
NOT_SPEAKERS = frozenset(
    {
        "update",
        "updated",
        "note",
        "editor",
        "photo",
        "photos",
        "video",
        "watch",
        "read",
        "related",
        "source",
        "sources",
        "correction",
        "breaking",
        "live",
        "warning",
        "caption",
        "credit",
        "image",
        "file",
        "listen",
        "see",
        "also",
        "more",
        "q",
        "a",
        "question",
        "answer",
        "advertisement",
        "sponsored",
    }
)
# A labelled line counts when its content says this much.
MIN_LABELLED_WORDS = 4


def _labelled_lines(body: str, sentences: Any, found: list[Quote]) -> list[Quote]:
    """Quotes from lines of the form "NAME: what they said", unless already read."""
    taken = [(q.evidence.start, q.evidence.end) for q in found if q.speaker]
    quotes = []
    for match in _LABELLED.finditer(body):
        name, content = match.group("name"), match.group("content").strip()
        if name.lower().split()[0] in NOT_SPEAKERS or len(content.split()) < MIN_LABELLED_WORDS:
            continue
        start, end = match.start("content"), match.start("content") + len(content)
        if any(s < end and start < e for s, e in taken):
            continue
        evidence = _evidence(body, sentences, start, end)
        quotes.append(Quote(content, name, None, False, ":", True, evidence))
    return quotes


PRONOUN_GENDER = {"he": "m", "him": "m", "his": "m", "she": "f", "her": "f", "hers": "f"}
_HONORIFIC = re.compile(r"\b(?P<title>Mr|Mrs|Ms|Miss|Sir|Dame|Lord|Lady)\.?\s+$")
_HONORIFIC_GENDER = {"mr": "m", "sir": "m", "lord": "m", "mrs": "f", "ms": "f", "miss": "f",
                     "dame": "f", "lady": "f"}  # fmt: skip
_PRONOUN_WORD = re.compile(r"\b(he|him|his|she|her|hers)\b", re.I)
# Pronoun evidence must lean this clearly one way before a person is given a gender.
GENDER_MARGIN = 2


def document_genders(body: str, sentences: Any, entities: Any) -> dict[str, str]:
    """Genders the document itself gives its people, by entity id: an honorific before a
    mention ("Mr. Clarke", "Ms. Machado"), else the pronouns of sentences that mention that
    person and no other (and of the sentence after, when it names no one)."""
    people = [e for e in entities if e.type == "PERSON"]
    by_sentence: dict[int, set[str]] = {}
    for person in people:
        for mention in person.mentions:
            if mention.sentence >= 0:
                by_sentence.setdefault(mention.sentence, set()).add(person.id)
    genders: dict[str, str] = {}
    for person in people:
        votes = {"m": 0, "f": 0}
        for mention in person.mentions:
            if mention.sentence < 0:
                continue
            title = _HONORIFIC.search(body[max(0, mention.start - 6) : mention.start])
            if title:
                genders[person.id] = _HONORIFIC_GENDER[title.group("title").lower()]
                break
            for index in (mention.sentence, mention.sentence + 1):
                if index >= len(sentences) or by_sentence.get(index, {person.id}) != {person.id}:
                    continue
                for word in _PRONOUN_WORD.findall(sentences[index].text):
                    votes[PRONOUN_GENDER[word.lower()]] += 1
        if person.id not in genders and abs(votes["m"] - votes["f"]) >= GENDER_MARGIN:
            genders[person.id] = "m" if votes["m"] > votes["f"] else "f"
    return genders
