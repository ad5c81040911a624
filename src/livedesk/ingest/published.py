"""When a report was published: a given ISO value, page metadata, or a timestamp near the top.

1. ``parse_iso`` reads a value the user gave (``--published``, ``--retrieved``).
2. ``find_published`` tries, in order: (a) the page metadata; (b) in the first ``HEAD_LINES``
   non-empty lines, an absolute date on a line that is only a timestamp, a byline or a
   dateline; (c) else the first relative timestamp there ("3 yıl önce", "2 hours ago"),
   resolved against the retrieval time and never against the wall clock.
3. ``is_timestamp_line`` tells the cleaner which lines are nothing but a timestamp.

Every value is ISO 8601 in UTC, cut to its precision (``format_iso``): "2022", "2022-02",
"2022-02-28", "2022-02-28T14:00Z" (hour), "2022-02-28T14:05Z", "2022-02-28T14:05:00Z".
A clock time read from a page counts only with a time zone ("2:05 PM ET"); without one the
value stays at day precision, because the page's zone is unknown. Given and metadata values
without a zone are taken as UTC.

The date grammar is shared with :mod:`livedesk.understand.dates` (event dates inside
sentences): :mod:`livedesk.ingest.datewords` holds the word lists (``data/date_*.tsv``),
:mod:`livedesk.ingest.dategrammar` finds candidate spans (``scan``), and
:mod:`livedesk.ingest.datevalues` turns one into an ISO value against an ``Anchor``.
"""

from __future__ import annotations

import email.utils
import re
from datetime import UTC, datetime
from functools import lru_cache
from typing import Any

from livedesk.errors import InputError
from livedesk.ingest.dategrammar import Candidate, clock_spans, grammar, scan
from livedesk.ingest.datevalues import Anchor, format_iso, read_iso, resolve
from livedesk.ingest.datewords import LANGUAGES
from livedesk.models import Published

__all__ = ["find_published", "is_timestamp_line", "parse_iso"]

# Publication stamps sit under the headline; dates deeper in are about events, not the report.
HEAD_LINES = 5
# Longer lines are prose even when they open with a date.
TIMESTAMP_LINE_MAX_CHARS = 80
# "By A and B, CNN | Updated 2:05 PM ET, Mon February 28, 2022" fits; a paragraph does not.
BYLINE_MAX_CHARS = 120
# A report is published before it is retrieved; one day of slack covers time-zone skew.
PUBLICATION_SLACK_DAYS = 1
NOT_FOUND = Published(None, "unknown", None, None)

_ABSOLUTE = frozenset({"absolute", "month"})
# What a line that is only a timestamp may carry, and what a byline or dateline may.
_STAMP_KINDS = frozenset({"absolute", "month", "weekday", "day", "ago"})
_BYLINE_KINDS = frozenset({"absolute", "day", "ago"})
# "KYIV, " or "WASHINGTON, " before the date that opens a wire report's first paragraph.
_DATELINE_PREFIX = re.compile(r"[A-ZÀ-ÖØ-ÞĞİŞ][A-ZÀ-ÖØ-ÞĞİŞ .'’-]{1,40},\s*")
_ISO_HELP = (
    "ISO 8601: YYYY, YYYY-MM, YYYY-MM-DD, YYYY-MM-DDTHH:MM or YYYY-MM-DDTHH:MM:SS, "
    "optionally ending in Z or an offset such as +02:00 (e.g. 2022-02-28T14:05:00+02:00)"
)


def parse_iso(value: str) -> Published:
    """A user-given date or time, at the precision it was written, in UTC (source "given").

    A time without a zone is taken as UTC. Raises :class:`InputError` naming the value and the
    allowed formats when it cannot be read.
    """
    text = value.strip() if isinstance(value, str) else ""
    found = read_iso(text)
    if found is None:
        raise InputError(f"Date '{value}' cannot be read. Write it in {_ISO_HELP}.")
    if isinstance(found, str):
        raise InputError(f"Date '{value}' does not exist ({found}). Write it in {_ISO_HELP}.")
    moment, precision = found
    return Published(format_iso(moment, precision), precision, text, "given")


def find_published(
    lines: list[str], *, retrieved: Published | None, metadata: str | None = None
) -> tuple[Published, int | None]:
    """The report's publication time and the index of the line it was read from.

    The index is None when the time came from ``metadata`` or was not found. Drop that line
    from the body only when :func:`is_timestamp_line` says it holds nothing else (a byline or
    a dateline also yields an index). Relative timestamps resolve against ``retrieved`` only;
    without it their value is None, their precision the unit's, and their text is kept.
    """
    anchor = Anchor.of(retrieved)
    if metadata is not None and metadata.strip():
        found = _from_metadata(metadata.strip(), anchor)
        if found is not None:
            return found, None
    relative: tuple[Published, int] | None = None
    head = [(index, line.strip()) for index, line in enumerate(lines) if line.strip()]
    for index, line in head[:HEAD_LINES]:
        for candidate in _line_candidates(line):
            published = _published(candidate, line, anchor, "text")
            if candidate.kind in _ABSOLUTE:
                return published, index
            if relative is None:
                relative = (published, index)
    return relative if relative is not None else (NOT_FOUND, None)


def is_timestamp_line(line: str) -> bool:
    """True when the whole line is a date, time or relative timestamp, perhaps with a label
    ("Updated", "Publié le", "Yayınlanma tarihi") and separators: noise to drop from a body."""
    stripped = line.strip()
    if not stripped or len(stripped) > TIMESTAMP_LINE_MAX_CHARS:
        return False
    found = [c for c in scan(stripped, LANGUAGES) if c.kind in _STAMP_KINDS]
    return _only_stamps(stripped, found)


def _only_stamps(line: str, found: list[Candidate]) -> bool:
    """Whether the dates found, times of day, labels and fillers make up the whole line."""
    spans = [(c.start, c.end) for c in found] + clock_spans(line, LANGUAGES)
    if not spans:
        return False
    rest = list(line)
    for start, end in spans:
        rest[start:end] = " " * (end - start)
    leftover = grammar(LANGUAGES).stamp_words.sub(" ", "".join(rest))
    return not any(char.isalnum() for char in leftover)


def _line_candidates(line: str) -> list[Candidate]:
    dateline = _DATELINE_PREFIX.match(line)
    if len(line) > BYLINE_MAX_CHARS and not dateline:
        return []
    found = scan(line, LANGUAGES)
    stamps = [c for c in found if c.kind in _STAMP_KINDS]
    if stamps and len(line) <= TIMESTAMP_LINE_MAX_CHARS and _only_stamps(line, stamps):
        return stamps
    if len(line) <= BYLINE_MAX_CHARS and grammar(LANGUAGES).byline.search(line):
        return [c for c in found if c.kind in _BYLINE_KINDS]
    if dateline:
        return [c for c in found if c.kind == "absolute" and c.start == dateline.end()]
    return []


def _published(candidate: Candidate, text: str, anchor: Anchor | None, source: str) -> Published:
    value, precision = resolve(candidate, anchor, ahead_days=PUBLICATION_SLACK_DAYS)
    kind_source = source if candidate.kind in _ABSOLUTE else "relative"
    return Published(value, precision, text[candidate.start : candidate.end], kind_source)


def _from_metadata(value: str, anchor: Anchor | None) -> Published | None:
    """1. ISO 8601; 2. RFC 2822 (feeds); 3. the text grammar; 4. dateparser, absolute only."""
    found = read_iso(value)
    if isinstance(found, tuple):
        moment, precision = found
        return Published(format_iso(moment, precision), precision, value, "metadata")
    rfc = _rfc2822(value)
    if rfc is not None:
        return Published(format_iso(rfc, "second"), "second", value, "metadata")
    for candidate in scan(value, LANGUAGES):
        if candidate.kind in _BYLINE_KINDS | _ABSOLUTE:
            return _published(candidate, value, anchor, "metadata")
    return _dateparser(value)


def _rfc2822(value: str) -> datetime | None:
    try:
        moment = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if moment.tzinfo is not None:
        moment = moment.astimezone(UTC).replace(tzinfo=None)
    return moment


# dateparser fills missing parts from "now" unless told otherwise; this fixed base, with day,
# month and year all required, keeps the wall clock out of every result.
_DATEPARSER_BASE = datetime(2000, 1, 1)
# Metadata longer than this is not a date; do not hand it to dateparser.
_DATEPARSER_MAX_CHARS = 64


@lru_cache(maxsize=1)
def _date_data_parser() -> Any:
    from dateparser.date import DateDataParser  # slow to import: only when needed

    return DateDataParser(
        settings={
            "RELATIVE_BASE": _DATEPARSER_BASE,
            "REQUIRE_PARTS": ["day", "month", "year"],
            "PARSERS": ["absolute-time"],
            "RETURN_AS_TIMEZONE_AWARE": True,
            "TIMEZONE": "UTC",
            "TO_TIMEZONE": "UTC",
        }
    )


def _dateparser(value: str) -> Published | None:
    """Metadata in a language without word lists here ("28 февраля 2022"): dateparser on this
    one short string, absolute dates only."""
    if len(value) > _DATEPARSER_MAX_CHARS:
        return None
    try:
        data = _date_data_parser().get_date_data(value)
    except (ValueError, TypeError, OverflowError, LookupError):
        return None
    moment = data.date_obj
    if moment is None:
        return None
    if moment.tzinfo is not None:
        moment = moment.astimezone(UTC).replace(tzinfo=None)
    precision = ("second" if moment.second else "minute") if data.period == "time" else "day"
    return Published(format_iso(moment, precision), precision, value, "metadata")
