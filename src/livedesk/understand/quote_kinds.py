"""What kind of attribution a quote is, for a reader browsing quotes.

* ``direct``: the words between quotation marks.
* ``speech``: reported speech: a cue of kind say, claim or write in ``data/speech_cues.tsv``
  ("said", "denied", "tweeted"), "according to", a noun of saying ("a statement that …").
* ``belief``: a cue of kind think ("believes", "expects", "wants") or a noun of believing
  ("her view that …", "fears of …").
* ``evidence``: a cue of kind show ("shows", "found") or a noun of finding; and any cue whose
  source is a record rather than a speaker ("a poll suggests", "according to documents",
  "the video indicates").
* ``stance``: a stance verb (``STANCE_VERBS``: "praised", "condemned", "backs") or a noun of
  judging ("his criticism of …").
"""

from __future__ import annotations

from typing import Any

from livedesk.understand.attribution import speech_verbs
from livedesk.understand.quote_cues import STANCE_VERBS

KINDS = ("direct", "speech", "belief", "evidence", "stance")
# speech_cues.tsv kind → quote kind (say, claim and write are speech).
CUE_KINDS = {"think": "belief", "show": "evidence"}
# Noun cues that are not of saying (quote_cues.NOUN_CUES): judging, believing, finding.
NOUN_KINDS = {
    **dict.fromkeys(
        ("criticism", "praise", "endorsement", "support", "opposition", "rejection"), "stance"
    ),
    **dict.fromkeys(
        ("belief", "view", "opinion", "position", "assessment", "conclusion", "concern"),
        "belief",
    ),
    **dict.fromkeys(("fear", "hope", "expectation", "suspicion"), "belief"),
    **dict.fromkeys(("finding",), "evidence"),
}
# Sources that are records, measurements or pictures, not speakers: what they carry is
# evidence whatever the verb ("the survey says", "according to court documents").
RECORD_SOURCES = frozenset(
    {"poll", "survey", "census", "video", "footage", "image", "imagery", "photo", "photograph"}
    | {"picture", "recording", "tape", "document", "record", "data", "figure", "statistic"}
    | {"study", "analysis", "research", "evidence", "map", "chart", "graph", "result", "test"}
    | {"report", "tally", "count", "log", "file", "filing", "transcript", "audit", "model"}
)


def quote_kind(cue: str | None, source_head: Any = None, direct: bool = False) -> str:
    """The kind of a quote from its cue and the head token of its source (if any)."""
    if direct:
        return "direct"
    if source_head is not None and source_head.lemma_.lower() in RECORD_SOURCES:
        return "evidence"
    if not cue:
        return "speech"
    if cue in STANCE_VERBS:
        return "stance"
    if cue in NOUN_KINDS:
        return NOUN_KINDS[cue]
    return CUE_KINDS.get(speech_verbs().get(cue, "say"), "speech")


# Prepositions that place content in a record ("in the latest poll, …", "in a new study").
RECORD_PREPOSITIONS = frozenset({"in"})
# "one of the polls", "both surveys": a quantity whose "of" phrase names the record.
QUANTITY_HEADS = frozenset({"one", "some", "most", "all", "both", "each", "many", "several"})


def record_sources(sentence: Any) -> list[tuple[Any, Any]]:
    """ "In the latest poll, Clinton led by 5 points": each record a clause is placed in, as
    (the record's head token, the tokens of the clause without the "in" phrase)."""
    found = []
    for prep in sentence:
        if prep.dep_ != "prep" or prep.lower_ not in RECORD_PREPOSITIONS:
            continue
        verb = prep.head
        # "the agency said in a report" has its speaker; "filings in which …" is no clause.
        if verb.pos_ not in {"VERB", "AUX"} or verb.dep_ == "relcl":
            continue
        if verb.lemma_.lower() in speech_verbs() or verb.lemma_.lower() in STANCE_VERBS:
            continue
        objects = [c for c in prep.children if c.dep_ == "pobj"]
        if not objects:
            continue
        record = objects[0]
        if record.lower_ in QUANTITY_HEADS:
            inner = [g for c in record.children if c.lower_ == "of" for g in c.children]
            record = inner[0] if inner else record
        if record.lemma_.lower() not in RECORD_SOURCES:
            continue
        own = {t.i for t in prep.subtree}
        clause = [t for t in prep.head.subtree if t.i not in own]
        while clause and clause[0].is_punct:
            clause = clause[1:]
        while clause and clause[-1].is_punct:
            clause = clause[:-1]
        if len(clause) >= 3:
            found.append((record, sentence.doc[clause[0].i : clause[-1].i + 1]))
    return found
