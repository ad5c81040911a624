"""Event dates inside sentences: "Monday", "late Tuesday", "Feb. 28", "mardi 1er mars", "dün".

1. Candidate spans come from the date grammar shared with the publication step
   (:func:`livedesk.ingest.dategrammar.scan`, word lists in ``data/date_*.tsv``).
2. Each one gets a ``future`` hint from the words before it in its clause ("will",
   "as soon as", "expected"; a nearer "said" or "was" cancels an earlier cue, though not a
   participle: "will be held"; "until" counts only when no past cue precedes it). Turkish puts
   the verb last, so there a future verb ("-acak/-ecek") after the date counts too.
3. Each is resolved against the anchor, the report's publication time:

   - weekdays need an anchor known to the day: the nearest such day on or before it; in a
     future context the nearest on or after it; "next Monday" strictly after, "last Monday"
     strictly before. Without such an anchor the value is None at day precision.
   - "yesterday", "tonight", "last night", "hier", "dün"…: the anchor day plus their offset.
   - dates without a year take the anchor's year, the year before when that would put them
     more than ``FUTURE_WINDOW_DAYS`` after the anchor, the year after when the context is
     future and they would fall before it.
   - "last week", "this week", "la semaine dernière": a week is no precision of its own, so
     the value is the month holding the whole week (month precision), else its year, else None
     (precision "unknown"). "last month" and "last year" give that month or year.
   - "3 years ago", "il y a 2 jours": the anchor minus the amount, at the unit's precision
     (weeks count as days).
   - a time of day attached to a day ("at 8 a.m. Tuesday") gives hour or minute precision.
     With a zone ("8 a.m. ET") it is converted to UTC; without one the clock is kept as
     written, marked Z as the contract wants, though it is the report's local time.

Spans cover the date words with their modifiers ("late", "next"), part of the day and time,
not a preceding preposition ("on Sunday" → "Sunday").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from livedesk.ingest.dategrammar import Candidate, grammar, scan
from livedesk.ingest.datevalues import FUTURE_WINDOW_DAYS, Anchor, resolve
from livedesk.ingest.datewords import LANGUAGES, DateWords, word_key
from livedesk.models import DateValue, Published

__all__ = ["DateMention", "find_dates"]

# How far back a cue word may stand from the date it makes future: "is due to deliver his State
# of the Union address to Congress on Tuesday" is 13 words; a nearer past cue still wins.
FUTURE_CUE_WORDS = 15
# A possessive date names an event ("at Monday's meeting"), whose tense the clause verb does
# not set; only a cue this close counts ("ahead of Thursday's vote").
POSSESSIVE_CUE_WORDS = 3
# How many words after a Turkish date are read for its verb.
VERB_AFTER_WORDS = 4
_CLAUSE_END = re.compile(r"[.;:!?()\[\]\"“”«»,]")
_TOKEN = re.compile(r"[\w'’-]+")


@dataclass(frozen=True)
class DateMention:
    """A date expression in a sentence: character span, its text, and its resolved value."""

    start: int
    end: int
    text: str
    value: DateValue


def find_dates(text: str, anchor: Published | None, language: str = "en") -> list[DateMention]:
    """Date expressions in ``text`` with their spans, each resolved against ``anchor`` (the
    report's publication time; never the wall clock). Word lists exist for English, French
    and Turkish; other languages are read with the English ones."""
    languages = (_language(language),)
    words = grammar(languages).words
    point = Anchor.of(anchor)
    mentions = []
    for candidate in scan(text, languages):
        future = _is_future(text, candidate, words)
        value, precision = resolve(
            candidate, point, future=future, naive_clock_utc=True, ahead_days=FUTURE_WINDOW_DAYS
        )
        span = text[candidate.start : candidate.end]
        mentions.append(
            DateMention(candidate.start, candidate.end, span, DateValue(value, precision, span))
        )
    return mentions


def _is_future(text: str, candidate: Candidate, words: DateWords) -> bool:
    """Whether the clause around a date says it lies ahead of the report."""
    before = _CLAUSE_END.split(text[max(0, candidate.start - 200) : candidate.start])[-1]
    possessive = text[candidate.end : candidate.end + 2] in ("'s", "’s")
    reach = POSSESSIVE_CUE_WORDS if possessive else FUTURE_CUE_WORDS
    tokens = [word_key(token) for token in _TOKEN.findall(before)][-reach:]
    future, weak = _phrases(words, "future"), _phrases(words, "future_weak")
    past, passive = _phrases(words, "past"), words.of("passive")
    hinted = False
    for end in range(len(tokens), 0, -1):
        if _cue_ends_at(tokens, end, past) and (end < 2 or tokens[end - 2] not in passive):
            return False
        if _cue_ends_at(tokens, end, future) or _has_suffix(tokens[end - 1], words, "future"):
            return True
        hinted = hinted or _cue_ends_at(tokens, end, weak)
    if hinted:
        return True
    suffixes = words.of("future_suffix")
    if suffixes:
        after = _CLAUSE_END.split(text[candidate.end : candidate.end + 120])[0]
        verbs = _TOKEN.findall(after)[:VERB_AFTER_WORDS]
        return any(suffix in word_key(verb) for verb in verbs for suffix in suffixes)
    return False


def _phrases(words: DateWords, kind: str) -> list[tuple[str, ...]]:
    return [tuple(word.split()) for word in words.of(kind) if not word.startswith("'")]


def _has_suffix(token: str, words: DateWords, kind: str) -> bool:
    """Cue words written with a leading apostrophe are endings: "'ll" in "they'll"."""
    return any(token.endswith(word) for word in words.of(kind) if word.startswith("'"))


def _cue_ends_at(tokens: list[str], end: int, phrases: list[tuple[str, ...]]) -> bool:
    return any(
        len(phrase) <= end and tuple(tokens[end - len(phrase) : end]) == phrase
        for phrase in phrases
    )


def _language(code: str) -> str:
    base = re.split(r"[-_]", code.strip().lower(), maxsplit=1)[0]
    return base if base in LANGUAGES else "en"
