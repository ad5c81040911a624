"""Quotes: direct quotations and reported speech, each with its speaker.

1. Direct quotes: text between paired quotation marks (“…”, "…", «…», ''…''), at least two
   words; a short one nobody is said to speak is a scare quote and left out.
2. The speaker of a direct quote: climbing the parse from the quoted words, the first reporting
   or stance verb outside the quote gives its subject ("“…,” said the official", "X called it
   “…”"); else the sentence's source ("according to X"); else an introducing sentence ending
   in a colon ("He said:"); else a "X said" in the next sentence or the speaker of the quote
   just before, when the quote fills its own sentence; else a name after a dash ("“…” ― X").
3. Reported speech: every source of a sentence yields its reported clause (the verb's
   complement; "called X Y"; a stance verb's object; the clause a "…, X said, …" is set into;
   the rest of the sentence after "according to X") and every noun cue its clause ("X's claim
   that …", see quote_cues.py), unless that clause holds a direct quote already attributed.
   A passive reporting, belief or stance verb with no "by" phrase and a clause, predicate or
   charge ("are expected to resume", "was accused of lying") yields its clause with no
   speaker; a clause placed "in" a poll, survey or report is the record's; a sentence
   ending in a colon after a source ("The governor added:") reports the next sentence. A
   clause inside a quotation or labelled line with its speaker is nested there, not read.
4. "He"/"she" take the person subject of the last sentences naming a person, else the person
   named last; other pronouns the speaker of the last quote before them; a pronoun nothing
   resolves leaves a quotation speakerless and drops a reported clause. A speaker with no
   name and a generic head noun, or a sentence that grants anonymity, makes the quote
   anonymous.
5. Each quote's ``kind`` (direct, speech, belief, evidence, stance): see quote_kinds.py.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import Any

from livedesk.models import Entity, Quote
from livedesk.pipeline import Draft
from livedesk.resolve.actors import sector_of
from livedesk.understand.attribution import (
    PRONOUNS,
    Source,
    attribution_for,
    find_source,
    find_sources,
    past_dateline,
    source_phrase,
    speech_verbs,
)
from livedesk.understand.participants import SpanIndex
from livedesk.understand.quote_cues import NOUN_CUES, STANCE_VERBS, noun_sources
from livedesk.understand.quote_genders import PRONOUN_GENDER, document_genders
from livedesk.understand.quote_kinds import quote_kind, record_sources
from livedesk.understand.quote_lines import dash_credit, evidence_of, labelled_lines
from livedesk.understand.sentences import sentence_at
from livedesk.understand.syntax import SUBJECT_DEPS, subjects_of

# Quotation marks: curly, straight, guillemets, and the doubled apostrophes (or ``…'') of
# typewriter-style and newswire-archive text.
_QUOTED = re.compile(
    r"“([^”]{2,2000}?)”|\"([^\"\n]{2,2000}?)\"|«\s?([^»]{2,2000}?)\s?»"
    r"|(?:''|``)((?:[^'\n]|'(?!'))[^\n]{0,1998}?)''"
)
MIN_QUOTE_WORDS = 2
# How many steps up the parse from the quoted words to look for the reporting verb.
MAX_CLIMB = 8
# Prepositions that introduce what was said ("called for X", "warned of X", "spoke about X").
CONTENT_PREPOSITIONS = {"for", "of", "about", "on", "against"}
# Verbs of this kind in speech_cues.tsv (contest, judge, take a stance) have what they are
# about as their object, whoever or however short it is ("denied it", "praised Obama").
STANCE_KIND = "claim"
# Verbs of this kind (show, demonstrate) have what is shown as object, whoever it is ("the
# video shows him", "polls show Clinton ahead").
EVIDENCE_KIND = "show"
# Verbs of this kind (believe, expect, want) attribute only a clause, never a bare object.
BELIEF_KIND = "think"
# Objects that name a listener ("told reporters", "told Russia") or a time ("spoke on Monday").
NOT_CONTENT_LABELS = {"PERSON", "ORG", "GPE", "NORP", "DATE", "TIME"}
# Content shorter than this ("said it", "noted that") says nothing on its own.
MIN_CONTENT_TOKENS = 2
# A following sentence this short can only be an attribution ("…," he said.) to a quote.
FOLLOWING_SOURCE_TOKENS = 12
PERSONAL_PRONOUNS = {"he", "she"}
# How many of the last sentences naming a person are searched for a person subject.
SUBJECT_LOOKBACK = 2
# Object forms a source phrase may take ("them", in "let them know").
OBJECT_PRONOUNS = {"me", "us", "him", "them", "you"}
# "was supposed to": a passive that has become a modal (an obligation, not a report).
MODAL_PASSIVES = frozenset({"suppose"})
# A possessive source ("his claim that …") is read as its personal pronoun.
POSSESSIVE_PRONOUNS = {"his": "he", "her": "she", "their": "they", "its": "it", "our": "we"}
# A short quotation nobody is said to have spoken is a term or a scare quote ("so-called
# “massive resistance”"), not a quote: PolNeAR does not count it, and neither do we.
SCARE_QUOTE_WORDS = 5
# A speakerless quotation starting this close after an attributed one continues it.
CONTINUATION_CHARS = 300


def direct_quotes(body: str) -> list[tuple[int, int]]:
    """Spans (inside the marks) of quotations of at least two words."""
    spans = []
    for match in _QUOTED.finditer(body):
        group = next(i for i in (1, 2, 3, 4) if match.group(i) is not None)
        text = match.group(group).strip().rstrip(",")
        if len(text.split()) >= MIN_QUOTE_WORDS:
            start = match.start(group)
            spans.append((start, start + len(text)))
    return spans


def _climb_to_speech(tokens: list[Any], inside: range) -> Source | None:
    for token in tokens:
        current = token
        for _step in range(MAX_CLIMB):
            lemma = current.lemma_.lower()
            if current.i not in inside and (lemma in speech_verbs() or lemma in STANCE_VERBS):
                subjects = subjects_of(current)
                subjects = [s for s in subjects if s.i not in inside]
                subject = past_dateline(subjects[0]) if subjects else None
                if subject is not None:
                    text, span = source_phrase(subject)
                    return Source(text, subject, current.lemma_.lower(), span, current)
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
    spoken: list[tuple[int, int]] = field(default_factory=list)  # quotations with a speaker
    doc: Any = None

    def overlaps_spoken(self, start: int, end: int) -> bool:
        """Whether the characters overlap a direct quotation already read with a speaker."""
        return any(s < end and start < e for s, e in self.spoken)

    def quote(self, text: str, source: Source | None, start: int, end: int, direct: bool) -> Quote:
        quote = self._quote(text, source, start, end, direct)
        if direct:
            return quote
        head = source.head if source is not None else None
        return replace(quote, kind=quote_kind(source.cue if source else None, head))

    def _quote(self, text: str, source: Source | None, start: int, end: int, direct: bool) -> Quote:
        evidence = evidence_of(self.body, self.sentences, start, end)
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
        pronoun = POSSESSIVE_PRONOUNS.get(source.head.lower_, source.head.lower_)
        if pronoun in PERSONAL_PRONOUNS:
            person = self.previous_person(source.head.idx, pronoun)
            if person is not None:
                return Quote(text, person.name, person.id, False, source.cue, direct, evidence)
        if pronoun in PRONOUNS and last is not None:
            return Quote(
                text, last.speaker, last.entity, last.anonymous, source.cue, direct, evidence
            )
        attribution = attribution_for(source, evidence.text, self.index)
        if attribution is None:
            return Quote(text, None, None, False, source.cue, direct, evidence)
        speaker, entity, anonymous = attribution.speaker, attribution.entity, attribution.anonymous
        return Quote(text, speaker, entity, anonymous, source.cue, direct, evidence)

    def previous_person(self, offset: int, pronoun: str = "") -> Entity | None:
        """Who "he said" is: among the last :data:`SUBJECT_LOOKBACK` sentences before
        ``offset`` that name a person outside quotation marks, the latest person subject (a
        pronoun subject continues the previous subject: "Ham faulted Obama's policies. … he
        said"), else the person named last. A person the document itself marks as the other
        gender is passed over."""
        wanted = PRONOUN_GENDER.get(pronoun)
        found: dict[int, tuple[int, bool, str]] = {}
        for token, span in self.index.by_token.items():
            if span.label != "PERSON" or span.start >= offset or "entity" not in span.extra:
                continue
            if any(start <= span.start < end for start, end in self.quoted):
                continue
            known = self.genders.get(span.extra["entity"])
            if wanted and known and known != wanted:
                continue
            subject = self.doc is not None and _is_subject(self.doc[token])
            seen = found.get(span.start, (span.start, False, span.extra["entity"]))
            found[span.start] = (span.start, seen[1] or subject, span.extra["entity"])
        if not found:
            return None
        last = max(found.values())
        by_sentence: dict[int, list[tuple[int, bool, str]]] = {}
        for f in found.values():
            by_sentence.setdefault(sentence_at(self.sentences, f[0]), []).append(f)
        for index in sorted(by_sentence, reverse=True)[:SUBJECT_LOOKBACK]:
            subjects = [f for f in by_sentence[index] if f[1]]
            if subjects:
                return self.entities.get(max(subjects)[2])
        return self.entities.get(last[2])


def _is_subject(token: Any) -> bool:
    """Whether a token heads, or is part of the name heading, a clause's subject."""
    while token.dep_ in {"compound", "flat", "appos"} and token.head.i != token.i:
        token = token.head
    if token.dep_ not in SUBJECT_DEPS:
        return False
    # "Obama said Trump was wrong. He added …": Trump is the subject of what Obama said,
    # not of the report; he is Obama.
    return not (token.head.dep_ == "ccomp" and token.head.head.lemma_.lower() in speech_verbs())


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
                Quote(body[s:e], None, None, False, None, True, evidence_of(body, sentences, s, e))
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
            doc=draft.doc,
        )
        quotes, quoted_sentences = self._direct(draft.doc, context)
        # Lines labelled with their speaker ("PENCE: …") are read before reported speech:
        # a clause reported inside one is nested in what the speaker says.
        labelled = labelled_lines(body, sentences, quotes)
        for quote in labelled:
            start = body.find(quote.text, quote.evidence.start)
            context.spoken.append((start, start + len(quote.text)))
        quotes += self._reported(draft.doc, context, quoted_sentences, list(quotes))
        quotes += labelled
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
            if source is None and first > 0 and sentences[first - 1].text.rstrip().endswith(":"):
                # "He said:" or "Sanders made the following comment:" then the quotation.
                intro = sentences[first - 1]
                before = doc.char_span(intro.start, intro.end, alignment_mode="expand")
                if before is not None:
                    source = find_source(before) or _noun_intro(before)
            if source is None and last_sentence + 1 < len(sentences):
                following = sentences[last_sentence + 1]
                nxt = doc.char_span(following.start, following.end, alignment_mode="expand")
                if nxt is not None and len(nxt) <= FOLLOWING_SOURCE_TOKENS:
                    source = find_source(nxt)
            quote = context.quote(span.text, source, start, end, direct=True)
            if _unresolved(quote):
                # "…,” it said with nothing "it" can be: the quotation stays, speakerless.
                quote = replace(quote, speaker=None, entity=None, anonymous=False)
            if source is None:
                quote = dash_credit(doc, context.body, context.index, quote, end) or quote
            if quote.speaker is None and len(quote.text.split()) < SCARE_QUOTE_WORDS:
                continue
            quotes.append(quote)
            if quote.speaker:
                context.last = quote
                context.spoken.append((start, end))
        return quotes, quoted_sentences

    @staticmethod
    def _reported(
        doc: Any, context: _Context, quoted_sentences: set[int], direct: list[Quote]
    ) -> list[Quote]:
        """Reported speech: every source of every sentence with its reported clause, leaving
        out clauses inside direct quotations (already read as such). A pronoun source takes
        the speaker of the last quote, direct or reported, before it."""
        quotes: list[Quote] = []
        # Direct quotations with a speaker are read; a reported clause around one with no
        # speaker ("X's claim that there were “thousands” …") still names who said it.
        for sentence in context.sentences:
            span = doc.char_span(sentence.start, sentence.end, alignment_mode="expand")
            if span is None:
                continue
            for source in find_sources(span, STANCE_VERBS):
                if sentence.index in quoted_sentences and source.cue == "according to":
                    continue
                content = _reported_content(span, source)
                if content is None and sentence.text.rstrip().endswith(":"):
                    content = _introduced(doc, context.sentences, sentence.index, quoted_sentences)
                if content is None:
                    continue
                start, end = content.start_char, content.end_char
                if context.overlaps_spoken(start, end):
                    continue
                context.last = _last_speaker([*direct, *quotes], start)
                quote = context.quote(content.text, source, start, end, direct=False)
                if not _unresolved(quote):
                    quotes.append(quote)
            for verb, content in _unsourced_passives(span):
                start, end = content.start_char, content.end_char
                if context.overlaps_spoken(start, end):
                    continue
                cue = verb.lemma_.lower()
                quote = context.quote(content.text, None, start, end, direct=False)
                quotes.append(replace(quote, cue=cue, kind=quote_kind(cue)))
            for record, content in record_sources(span):
                start, end = content.start_char, content.end_char
                if context.overlaps_spoken(start, end):
                    continue
                text, tokens = source_phrase(record)
                source = Source(text, record, "in", tokens)
                quote = context.quote(content.text, source, start, end, direct=False)
                if not _unresolved(quote):
                    quotes.append(quote)
            for source, content in noun_sources(span):
                start, end = content.start_char, content.end_char
                if context.overlaps_spoken(start, end):
                    continue
                if any(
                    q.text == content.text and q.evidence.start == sentence.start for q in quotes
                ):
                    continue
                context.last = _last_speaker([*direct, *quotes], start)
                quote = context.quote(content.text, source, start, end, direct=False)
                if not _unresolved(quote):
                    quotes.append(quote)
        return quotes


def _unsourced_passives(sentence: Any) -> list[tuple[Any, Any]]:
    """ "The talks are expected to resume", "he was accused of lying": a reporting, belief or
    stance verb in the passive with no "by" phrase attributes its clause to nobody named
    (an attribution without a source). Each as (verb, the clause)."""
    found = []
    verbs = speech_verbs().keys() | STANCE_VERBS
    for verb in sentence:
        if verb.pos_ != "VERB" or verb.lemma_.lower() not in verbs:
            continue
        if not any(c.dep_ == "nsubjpass" for c in verb.children):
            continue
        if any(c.dep_ == "agent" for c in verb.children):
            continue
        # What is said, believed or blamed: a clause ("is expected to resume", "is thought
        # to be"), a predicate ("is considered a threat") or a charge ("accused of lying");
        # "a device was found", "gunshots were heard" attribute nothing.
        clause = any(c.dep_ in {"ccomp", "xcomp", "oprd"} for c in verb.children)
        charge = any(c.dep_ == "prep" and c.lower_ in {"of", "for"} for c in verb.children)
        if not (clause or charge) or verb.lemma_.lower() in MODAL_PASSIVES:
            continue
        found.append((verb, _trimmed(sentence, list(verb.subtree))))
    return [(verb, content) for verb, content in found if content is not None]


def _trimmed(sentence: Any, tokens: list[Any]) -> Any:
    """The span of ``tokens`` without punctuation at its ends, if it says enough."""
    while tokens and tokens[0].is_punct:
        tokens = tokens[1:]
    while tokens and tokens[-1].is_punct:
        tokens = tokens[:-1]
    if len(tokens) <= MIN_CONTENT_TOKENS + 1:
        return None
    return sentence.doc[tokens[0].i : tokens[-1].i + 1]


def _introduced(doc: Any, sentences: Any, index: int, quoted: set[int]) -> Any:
    """ "The governor added:" then the words, unquoted: the sentence after the colon, unless
    it is a quotation (read as such already)."""
    if index + 1 >= len(sentences) or index + 1 in quoted:
        return None
    following = sentences[index + 1]
    span = doc.char_span(following.start, following.end, alignment_mode="expand")
    return span if span is not None and len(span) >= MIN_CONTENT_TOKENS else None


def _unresolved(quote: Quote) -> bool:
    """Whether a quote's speaker is a pronoun nothing before it resolves ("I", "it", "they"
    with no earlier speaker): such an attribution names nobody a reader could look up."""
    speaker = (quote.speaker or "").lower()
    return POSSESSIVE_PRONOUNS.get(speaker, speaker) in PRONOUNS | OBJECT_PRONOUNS


def _noun_intro(sentence: Any) -> Source | None:
    """The source of an introducing noun cue ("X made the following comment:")."""
    for token in sentence:
        if token.dep_ == "dobj" and token.lemma_.lower() in NOUN_CUES:
            subjects = [c for c in token.head.children if c.dep_ == "nsubj"]
            if subjects:
                text, span = source_phrase(subjects[0])
                return Source(text, subjects[0], token.lemma_.lower(), span, token.head)
    return None


def _last_speaker(quotes: list[Quote], before: int) -> Quote | None:
    """The quote with a speaker that starts last before ``before``."""
    earlier = [q for q in quotes if q.speaker and q.evidence.start <= before]
    return max(earlier, key=lambda q: q.evidence.start, default=None)


def _reported_content(sentence: Any, source: Source) -> Any:
    """The reported clause of a sentence with a source, or None."""
    verb = source.verb if source.verb is not None else source.head.head
    if source.cue == "according to":
        tokens = [t for t in sentence if t.i < source.tokens[0] - 2 or t.i >= source.tokens[1]]
        while tokens and tokens[0].is_punct:  # "According to X, prices rose": no comma
            tokens = tokens[1:]
        while tokens and tokens[-1].is_punct:
            tokens = tokens[:-1]
        if not tokens:
            return None
        return sentence.doc[tokens[0].i : tokens[-1].i + 1]
    clauses = [c for c in verb.children if c.dep_ in {"ccomp", "parataxis", "xcomp"}]
    objects = [c for c in verb.children if c.dep_ == "dobj"]
    if source.head.dep_ == "pobj" and source.head.head.dep_ == "agent":
        # "The plan was endorsed by the union": what the passive subject names.
        objects = [c for c in verb.children if c.dep_ == "nsubjpass"]
    predicates = [c for c in verb.children if c.dep_ == "oprd"]
    if objects and predicates and not clauses:
        # "called the charges baseless", "called Clinton a champion": object and predicate.
        first = min(objects[0].left_edge.i, predicates[0].left_edge.i)
        last = max(objects[0].right_edge.i, predicates[0].right_edge.i)
        return sentence.doc[first : last + 1]
    lemma = verb.lemma_.lower()
    stance = lemma in STANCE_VERBS or speech_verbs().get(lemma) in {STANCE_KIND, EVIDENCE_KIND}
    if objects and not clauses and stance:
        # "praised Obama", "condemned the attack": what a stance verb takes a stance on.
        subtree = list(objects[0].subtree)
        return sentence.doc[subtree[0].i : subtree[-1].i + 1]
    raising = [c for c in clauses if c.dep_ == "xcomp" and c.tag_ == "VB"]
    if raising and not objects and speech_verbs().get(lemma) == EVIDENCE_KIND:
        # "the gains proved to be short-lived": what the subject turned out to be, not
        # something it shows.
        return None
    if not clauses and speech_verbs().get(lemma) == BELIEF_KIND:
        # "wants lower taxes", "knows the rules": a thing wanted or known is no attribution;
        # a belief verb attributes a clause ("expects that prices will rise").
        return None
    if not clauses:
        # "noted the rise in prices", "called for a ceasefire": a thing said, not a listener.
        clauses = [c for c in verb.children if c.dep_ == "dobj" and _is_content(c)]
        clauses += [
            grand
            for c in verb.children
            if c.dep_ == "prep" and c.lower_ in CONTENT_PREPOSITIONS
            for grand in c.children
            if grand.dep_ in {"pobj", "pcomp"} and _is_content(grand)
        ]
    if clauses:
        subtree = list(clauses[0].subtree)
        if len(subtree) >= MIN_CONTENT_TOKENS:
            return sentence.doc[subtree[0].i : subtree[-1].i + 1]
    elif verb.dep_ == "parataxis" and verb.head.i != verb.i:
        return _host_clause(sentence, verb)
    return None


def _host_clause(sentence: Any, verb: Any) -> Any:
    """ "Prices rose, X said, after …": a reporting verb set into the clause it attributes.
    The content is that clause without the source: the part before it, else the part after."""
    own = {token.i for token in verb.subtree}
    host = [t for t in verb.head.subtree if t.i not in own]
    before = [t for t in host if t.i < verb.i and not t.is_punct]
    after = [t for t in host if t.i > verb.i and not t.is_punct]
    for part in (before, after):
        if len(part) >= MIN_CONTENT_TOKENS:
            return sentence.doc[part[0].i : part[-1].i + 1]
    return None


def _is_content(token: Any) -> bool:
    """An object that is something said, not someone spoken to ("told reporters")."""
    if token.lower_ in PRONOUNS or token.ent_type_ in NOT_CONTENT_LABELS:
        return False
    return sector_of(token.lemma_) is None
