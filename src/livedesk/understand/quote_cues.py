"""Cues that attribute content in the quotes stage only: stance verbs and noun cues.

PolNeAR counts as attribution not only saying but judging and taking a stance ("condemned the
attack", "backs the deal") and nouns of saying ("Trump's claim that …"). These cues stay out of
``data/speech_cues.tsv``, which the event stage also reads: there "attacked the village" or
"backed by troops" is the event itself, not a report of one.

Stance verbs (VerbNet judgment, and verbs of supporting and opposing) attribute their object
to their subject. A noun cue is read when its phrase names both parts:

1. the source: a possessive ("Trump's claim", "her view"), a "from"/"by" phrase ("a statement
   from the ministry"), or the subject of a verb that only delivers the noun ("officials made
   the claim", "the campaign issued a statement");
2. the content: a "that" clause ("the claim that …"), a reporting participle ("a statement
   saying …"), or what an "of"/"about"/"on" phrase names ("her criticism of the plan").
"""

from __future__ import annotations

from typing import Any

from livedesk.understand.attribution import Source, source_phrase, speech_verbs

# Judgment (VerbNet judgment-33) and stance verbs: a position taken on what the object names.
STANCE_VERBS = frozenset(
    {"praise", "criticize", "criticise", "condemn", "denounce", "applaud", "commend", "blame"}
    | {"fault", "mock", "ridicule", "attack", "slam", "blast"}
    | {"support", "oppose", "endorse", "back", "reject", "defend", "favor", "favour"}
    | {"welcome", "dismiss", "challenge"}
)
# Nouns of saying, believing and finding (nominalisations of the verbs in speech_cues.tsv and
# their plain-noun counterparts).
NOUN_CUES = frozenset(
    {
        "statement",
        "claim",
        "assertion",
        "allegation",
        "accusation",
        "charge",
        "announcement",
        "declaration",
        "remark",
        "comment",
        "argument",
        "suggestion",
        "warning",
        "promise",
        "pledge",
        "vow",
        "threat",
        "criticism",
        "denial",
        "admission",
        "insistence",
        "prediction",
        "estimate",
        "explanation",
        "complaint",
        "testimony",
        "message",
        "report",
        "belief",
        "view",
        "opinion",
        "position",
        "assessment",
        "conclusion",
        "finding",
        "contention",
        "assurance",
        "reminder",
        "demand",
        "proposal",
        "call",
        "response",
        "reply",
        "answer",
        "speech",
        "tweet",
        "post",
        "letter",
        "memo",
        "editorial",
        "interview",
        "concern",
        "fear",
        "hope",
        "expectation",
        "suspicion",
        "insinuation",
        "praise",
        "endorsement",
        "support",
        "opposition",
        "rejection",
    }
)
# Verbs that only deliver a noun cue: their subject is its source ("made the claim that").
DELIVERING_VERBS = frozenset(
    {"make", "issue", "release", "give", "offer", "deliver", "send", "post", "publish"}
    | {"voice", "express", "repeat", "raise", "put", "have", "share", "level", "renew"}
)
# What a stance noun is about: "criticism of the plan", "concerns about the deal".
TOPIC_PREPOSITIONS = frozenset({"of", "about", "on", "over", "against", "for"})
BY_PREPOSITIONS = frozenset({"from", "by"})
MIN_CONTENT_TOKENS = 3


def noun_sources(sentence: Any) -> list[tuple[Source, Any]]:
    """Each noun cue of a parsed sentence that names both its source and its content, as
    (source, content span)."""
    found = []
    for token in sentence:
        if token.pos_ != "NOUN" or token.lemma_.lower() not in NOUN_CUES:
            continue
        holder = _holder(token)
        content = _content(token)
        if holder is None or content is None:
            continue
        text, (start, end) = source_phrase(holder)
        doc = token.doc
        while end > start + 1 and doc[end - 1].dep_ == "case":  # "Trump's" → Trump
            end -= 1
        text = doc[start:end].text
        found.append((Source(text, holder, token.lemma_.lower(), (start, end)), content))
    return found


def _holder(noun: Any) -> Any | None:
    for child in noun.children:
        if child.dep_ == "poss":
            return child
    for child in noun.children:
        if child.dep_ == "prep" and child.lower_ in BY_PREPOSITIONS:
            objects = [c for c in child.children if c.dep_ == "pobj"]
            if objects:
                return objects[0]
    verb = noun.head
    if noun.dep_ == "dobj" and verb.lemma_.lower() in DELIVERING_VERBS:
        subjects = [c for c in verb.children if c.dep_ == "nsubj"]
        if subjects:
            return subjects[0]
    return None


def _content(noun: Any) -> Any | None:
    doc = noun.doc
    for child in noun.children:
        if child.dep_ in {"acl", "ccomp"} and child.i > noun.i:
            marks = [c for c in child.children if c.dep_ == "mark" and c.lower_ == "that"]
            if marks:
                return _span(doc, child)
            if child.lemma_.lower() in speech_verbs():
                clauses = [c for c in child.children if c.dep_ in {"ccomp", "xcomp"}]
                if clauses:
                    return _span(doc, clauses[0])
    for child in noun.children:
        if child.dep_ == "prep" and child.lower_ in TOPIC_PREPOSITIONS and child.i > noun.i:
            objects = [c for c in child.children if c.dep_ in {"pobj", "pcomp"}]
            if objects:
                return _span(doc, objects[0])
    return None


def _span(doc: Any, head: Any) -> Any | None:
    subtree = list(head.subtree)
    if len(subtree) < MIN_CONTENT_TOKENS:
        return None
    return doc[subtree[0].i : subtree[-1].i + 1]
