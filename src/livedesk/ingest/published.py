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

The second half of this module is the date grammar shared with
:mod:`livedesk.understand.dates` (event dates inside sentences): ``scan`` finds candidate
spans with regular expressions built from the word lists in ``data/date_*.tsv``, and
``resolve`` turns one candidate into an ISO value against an :class:`Anchor`.
"""

from __future__ import annotations

import bisect
import calendar
import email.utils
import re
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, time, timedelta
from functools import lru_cache
from importlib import resources
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from livedesk.errors import InputError, ResourceError
from livedesk.models import PRECISIONS, Published

__all__ = ["find_published", "is_timestamp_line", "parse_iso"]

# Publication stamps sit under the headline; dates deeper in are about events, not the report.
HEAD_LINES = 5
# Longer lines are prose even when they open with a date.
TIMESTAMP_LINE_MAX_CHARS = 80
# "By A and B, CNN | Updated 2:05 PM ET, Mon February 28, 2022" fits; a paragraph does not.
BYLINE_MAX_CHARS = 120
# A report is published before it is retrieved; one day of slack covers time-zone skew.
PUBLICATION_SLACK_DAYS = 1
# Reports mention coming dates up to about half a year ahead; a date further ahead of the
# anchor, written without a year, is more likely last year's.
FUTURE_WINDOW_DAYS = 183
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


# ---------------------------------------------------------------------------------------------
# ISO values and anchors

_RANK = {name: rank for rank, name in enumerate(PRECISIONS)}  # second 0 … year 5, unknown 6
_UNIT_PRECISION = {
    "second": "second",
    "minute": "minute",
    "hour": "hour",
    "day": "day",
    "week": "day",
    "month": "month",
    "year": "year",
}
_ISO = re.compile(
    r"(?P<year>\d{4})(?:-(?P<month>\d{2})(?:-(?P<day>\d{2})"
    r"(?:[T ](?P<hour>\d{2})(?::(?P<minute>\d{2})(?::(?P<second>\d{2})(?:[.,]\d{1,9})?)?)?"
    r"\s*(?P<zone>Z|[+-]\d{2}(?::?\d{2})?)?)?)?)?"
)


def read_iso(value: str) -> tuple[datetime, str] | str | None:
    """An ISO 8601 value as a naive UTC datetime and its precision; a reason (str) when it is
    well formed but no such day or time exists; None when it is not ISO 8601."""
    match = _ISO.fullmatch(value.strip())
    if match is None:
        return None
    parts = match.groupdict()
    precision = next(
        (name for name in ("second", "minute", "hour", "day", "month") if parts[name]), "year"
    )
    try:
        moment = datetime(
            int(parts["year"]),
            int(parts["month"] or 1),
            int(parts["day"] or 1),
            int(parts["hour"] or 0),
            int(parts["minute"] or 0),
            int(parts["second"] or 0),
        )
    except ValueError as error:
        return str(error)
    offset = _offset(parts["zone"]) if parts["zone"] else timedelta(0)
    if offset is None:
        return f"no such UTC offset: {parts['zone']}"
    if precision == "hour" and offset % timedelta(hours=1):
        precision = "minute"
    try:
        return moment - offset, precision
    except OverflowError as error:
        return str(error)


def format_iso(moment: datetime, precision: str) -> str:
    """The contract's ISO form of a UTC moment, cut to ``precision``."""
    day = f"{moment.year:04d}-{moment.month:02d}-{moment.day:02d}"
    forms = {
        "year": f"{moment.year:04d}",
        "month": day[:7],
        "day": day,
        "hour": f"{day}T{moment.hour:02d}:00Z",
        "minute": f"{day}T{moment.hour:02d}:{moment.minute:02d}Z",
        "second": f"{day}T{moment.hour:02d}:{moment.minute:02d}:{moment.second:02d}Z",
    }
    return forms[precision]


@dataclass(frozen=True)
class Anchor:
    """What relative dates resolve against: a UTC moment and how precisely it is known."""

    moment: datetime
    precision: str

    @classmethod
    def of(cls, published: Published | None) -> Anchor | None:
        """The anchor a publication record gives, or None when it has no usable value."""
        if published is None or published.value is None:
            return None
        found = read_iso(published.value)
        if not isinstance(found, tuple):
            return None
        moment, precision = found
        if published.precision in _RANK and published.precision != "unknown":
            precision = max(precision, published.precision, key=_RANK.__getitem__)
        return cls(moment, precision)

    def knows(self, precision: str) -> bool:
        """Whether the anchor is known at least as finely as ``precision``."""
        return _RANK[self.precision] <= _RANK[precision]


# ---------------------------------------------------------------------------------------------
# Word lists (data/date_*.tsv), loaded on first use

LANGUAGES = ("en", "fr", "tr")  # languages with date word lists
DATE_WORD_FILES = ("date_calendar.tsv", "date_relative.tsv", "date_context.tsv")
_CAPITALISED_KINDS = ("month", "month_abbr", "weekday", "weekday_abbr")


@lru_cache(maxsize=1)
def date_word_rows() -> tuple[tuple[str, str, str, str], ...]:
    """Every (kind, language, word, value) row of the date word lists."""
    rows: list[tuple[str, str, str, str]] = []
    for name in DATE_WORD_FILES:
        text = resources.files("livedesk.data").joinpath(name).read_text("utf-8")
        for number, line in enumerate(text.splitlines(), 1):
            if not line.strip() or line.startswith("#"):
                continue
            parts = line.split("\t")
            if len(parts) != 4 or not parts[2].strip():
                raise ResourceError(
                    f"data/{name} line {number}: expected 4 tab-separated columns "
                    f"(kind, language, word, value) with a word, got {line!r}"
                )
            rows.append((parts[0], parts[1], parts[2], parts[3]))
    return tuple(rows)


def word_key(text: str) -> str:
    """How a matched word is looked up: lower case, straight apostrophes, single spaces."""
    return " ".join(text.lower().replace("’", "'").replace("\u0307", "").split()).rstrip(".")


@dataclass(frozen=True)
class DateWords:
    """The date words of some languages: for each kind, looked-up word → value."""

    languages: tuple[str, ...]
    kinds: Mapping[str, Mapping[str, str]]
    capitalised: frozenset[str]  # English month and weekday names count only capitalised

    def of(self, kind: str) -> Mapping[str, str]:
        return self.kinds.get(kind, {})

    def lookup(self, kind: str, text: str) -> str | None:
        return self.of(kind).get(text if kind == "zone" else word_key(text))

    def alternation(self, *kinds: str) -> str:
        """A regular-expression alternation of the words of these kinds, longest first."""
        words = sorted({word for kind in kinds for word in self.of(kind)}, key=len, reverse=True)
        if not words:
            return r"(?!)"
        return "|".join(r"\s+".join(_escape(part) for part in word.split()) for word in words)


def _escape(word: str) -> str:
    return re.escape(word).replace("'", "['’]")


@lru_cache(maxsize=8)
def date_words(languages: tuple[str, ...]) -> DateWords:
    """The word lists of ``languages`` (plus the language-neutral zone names)."""
    kinds: dict[str, dict[str, str]] = {}
    english: set[str] = set()
    others: set[str] = set()
    for kind, language, word, value in date_word_rows():
        if language not in languages and language != "*":
            continue
        key = word.strip() if kind == "zone" else word_key(word)
        kinds.setdefault(kind, {}).setdefault(key, value.strip())
        if kind in _CAPITALISED_KINDS:
            (english if language == "en" else others).add(key)
    return DateWords(languages, kinds, frozenset(english - others))


# ---------------------------------------------------------------------------------------------
# Grammar: candidate spans


@dataclass(frozen=True)
class Clock:
    """A time of day as written; ``zone`` as written, None when the text gave none."""

    hour: int
    minute: int
    second: int
    precision: str
    zone: str | None


@dataclass(frozen=True)
class Candidate:
    """A date expression found by :func:`scan`, with the fields it spells out.

    ``kind`` is absolute (day and month, perhaps a year), month, year, weekday, day
    ("yesterday": ``offset`` days), ago ("3 years ago": ``amount`` × ``unit``; a vague amount
    is None) or period ("last week": ``unit`` and ``offset``).
    """

    kind: str
    start: int
    end: int
    year: int | None = None
    month: int | None = None
    day: int | None = None
    weekday: int | None = None
    modifier: str | None = None  # weekdays: next, last, this or loose ("late Tuesday")
    offset: int = 0
    amount: int | None = None
    unit: str | None = None
    clock: Clock | None = None


@dataclass(frozen=True)
class Grammar:
    """Compiled expressions for one set of languages."""

    words: DateWords
    patterns: tuple[tuple[str, re.Pattern[str]], ...]
    clock: re.Pattern[str]
    clock_after: re.Pattern[str]
    clock_before: re.Pattern[str]
    part_after: re.Pattern[str]
    neighbour_before: re.Pattern[str]
    neighbour_after: re.Pattern[str]
    stamp_words: re.Pattern[str]
    byline: re.Pattern[str]


_START = r"(?<![\w])"
_END = r"(?![\w])"
_YEAR = r"(?P<year>(?:19|20)\d\d)(?![\d])"
# Day before a month may carry "1er" (French) or "1." (Turkish); after it only "28th".
_DAY_BEFORE = r"(?<![\w.,:/])(?P<day>3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th|er|\.)?"
_DAY_AFTER = r"(?P<day>3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?(?![\d])(?![.,]\d)"


@lru_cache(maxsize=8)
def grammar(languages: tuple[str, ...]) -> Grammar:
    """The date grammar of ``languages``, compiled once."""
    words = date_words(languages)
    alt = words.alternation
    weekday, any_weekday = alt("weekday"), alt("weekday", "weekday_abbr")
    month = rf"(?:(?:{alt('month')}){_END}|(?:{alt('month_abbr')}){_END}\.?)"
    # Digits may touch their unit ("5h ago"); number words may not ("as ago" is no "a s ago").
    amount = rf"(?:(?P<amount>\d{{1,4}})\s*|(?P<amount_word>{alt('number')})\s+)"
    unit = rf"(?P<unit>{alt('unit')}){_END}"
    loose = "|".join(_escape(w) for w, v in words.of("modifier_before").items() if v == "loose")
    sources = (
        (
            "absolute",
            rf"{_START}(?:(?P<wd>{any_weekday})\.?,?\s+)?(?P<month>{month})\s*{_DAY_AFTER}"
            rf"(?:(?:,\s*|\s+){_YEAR})?",
        ),
        (
            "absolute",
            rf"(?:{_START}(?P<wd>{any_weekday})\.?,?\s+)?{_DAY_BEFORE}\s*(?:of\s+)?"
            rf"(?P<month>{month})(?:,?\s+{_YEAR})?(?:,?\s+(?P<wd2>{weekday}){_END})?",
        ),
        (
            "absolute",
            rf"(?<![\w.-]){_YEAR}-(?P<month>0[1-9]|1[0-2])-(?P<day>0[1-9]|[12]\d|3[01])"
            r"(?:[T ](?P<hour>[01]\d|2[0-3]):(?P<minute>[0-5]\d)(?::(?P<second>[0-5]\d)"
            r"(?:[.,]\d{1,9})?)?(?P<zone>Z|[+-]\d\d:?\d\d)?)?(?![\w:])",
        ),
        (
            "absolute",
            rf"(?<![\w.]){_YEAR}/(?P<month>0?[1-9]|1[0-2])/(?P<day>3[01]|[12]\d|0?[1-9])"
            r"(?![\w/])",
        ),
        (
            "absolute",
            r"(?<![\w.])(?P<day>3[01]|[12]\d|0?[1-9])\.(?P<month>1[0-2]|0?[1-9])\."
            rf"{_YEAR}(?![.]?\d)",
        ),
        ("numeric", rf"(?<![\w/])(?P<first>\d{{1,2}})/(?P<second>\d{{1,2}})/{_YEAR}(?![/\d])"),
        ("month", rf"{_START}(?P<month>{month})\s+{_YEAR}"),
        ("month", rf"{_START}(?:{alt('prep')})(?:\s+|-)(?P<month>{alt('month')}){_END}(?!\s*\d)"),
        ("year", rf"{_START}(?:{alt('prep')})\s+{_YEAR}(?![\w%])"),
        (
            "weekday",
            rf"{_START}(?:(?P<mod>{alt('modifier_before')})\s+)?(?P<wd>{weekday}){_END}"
            rf"(?:\s+(?P<mod2>{alt('modifier_after')}){_END})?",
        ),
        ("day", rf"{_START}(?:(?P<mod>{loose or '(?!)'})\s+)?(?P<dayword>{alt('day')}){_END}"),
        ("ago", rf"{_START}{amount}{unit}\s+(?:{alt('ago_after')}){_END}"),
        ("ago", rf"{_START}(?:{alt('ago_before')})\s+{amount}{unit}"),
        ("period", rf"{_START}(?P<period>{alt('period')}){_END}"),
    )
    zones = "|".join(re.escape(zone) for zone in sorted(words.of("zone"), key=len, reverse=True))
    clock = (
        r"(?<![\w:.,])(?P<hour>[01]?\d|2[0-3])"
        r"(?:[:.](?P<minute>[0-5]\d)(?::(?P<second>[0-5]\d))?|(?P<h>h)(?P<hminute>[0-5]\d)?)?"
        r"(?:\s*(?P<ampm>[ap](?:\.\s?m\.|\s?m\b)))?"  # the dot of "PM." ends a sentence
        rf"(?:\s*(?-i:(?P<zone>{zones}|(?:UTC|GMT)\s?[+-]\d{{1,2}}(?::?\d\d)?|[+-]\d\d:?\d\d)))?"
        r"(?![\w:])"
    )
    flags = re.IGNORECASE
    stamp = alt("label", "filler")
    return Grammar(
        words=words,
        patterns=tuple((kind, re.compile(source, flags)) for kind, source in sources),
        clock=re.compile(clock, flags),
        clock_after=re.compile(
            rf"(?:\s*,\s*|\s+)(?:(?:at|à|saat|vers|around|about|[-–|·])\s+)?{clock}", flags
        ),
        clock_before=re.compile(
            rf"(?:(?<!\w)(?:at|à|saat|vers|around|about)\s+)?{clock}\s*,?\s+(?:on\s+)?\Z", flags
        ),
        part_after=re.compile(rf"\s+(?:{alt('part')}){_END}", flags),
        neighbour_before=re.compile(r"(\w+)\W{0,2}\Z"),
        neighbour_after=re.compile(r"\W{0,2}(\w+)"),
        stamp_words=re.compile(rf"{_START}(?:{stamp}){_END}", flags),
        byline=re.compile(rf"(?:^(?:{alt('byline')})\s)|{_START}(?:{alt('label')}){_END}", flags),
    )


def scan(text: str, languages: tuple[str, ...]) -> list[Candidate]:
    """Date expressions in ``text``, longest first where they overlap, in text order."""
    rules = grammar(languages)
    found: list[Candidate] = []
    for kind, pattern in rules.patterns:
        for match in pattern.finditer(text):
            candidate = _candidate(kind, match, rules.words, text, rules)
            if candidate is not None:
                found.append(_extend(candidate, text, rules))
    chosen: list[Candidate] = []  # in text order, never overlapping
    starts: list[int] = []
    for candidate in sorted(found, key=lambda c: (c.start - c.end, c.start)):
        at = bisect.bisect_left(starts, candidate.start)
        clear_before = at == 0 or chosen[at - 1].end <= candidate.start
        clear_after = at == len(chosen) or candidate.end <= chosen[at].start
        if clear_before and clear_after:
            chosen.insert(at, candidate)
            starts.insert(at, candidate.start)
    return chosen


def clock_spans(text: str, languages: tuple[str, ...]) -> list[tuple[int, int]]:
    """Spans of well-formed times of day ("14:05 GMT", "2 p.m.") anywhere in ``text``."""
    return [m.span() for m in grammar(languages).clock.finditer(text) if _clock(m) is not None]


def _candidate(
    kind: str, match: re.Match[str], words: DateWords, text: str, rules: Grammar
) -> Candidate | None:
    groups = {name: value for name, value in match.groupdict().items() if value is not None}
    for name in ("month", "wd", "wd2"):
        word = groups.get(name, "")
        if word_key(word) in words.capitalised and not word[:1].isupper():
            return None
    start, end = match.span()
    if kind == "numeric":
        kind, groups = "absolute", _day_month(groups, words.languages)
        if not groups:
            return None
    if kind == "absolute":
        return _absolute(groups, words, start, end)
    if kind == "month":
        month = _month(groups["month"], words)
        year = int(groups["year"]) if "year" in groups else None
        return Candidate("month", match.start("month"), end, year=year, month=month)
    if kind == "year":
        return Candidate("year", match.start("year"), end, year=int(groups["year"]))
    if kind == "weekday":
        if _part_of_name(text, start, end, words, rules):
            return None
        modifier = words.lookup("modifier_before", groups.get("mod", ""))
        modifier = words.lookup("modifier_after", groups.get("mod2", "")) or modifier
        weekday = int(words.lookup("weekday", groups["wd"]) or 0)
        return Candidate("weekday", start, end, weekday=weekday, modifier=modifier)
    if kind == "day":
        return Candidate("day", start, end, offset=int(words.lookup("day", groups["dayword"]) or 0))
    if kind == "ago":
        count = groups.get("amount") or words.lookup("number", groups["amount_word"]) or ""
        amount = int(count) if count.isdigit() else None  # "a few days ago": no number
        return Candidate(
            "ago", start, end, amount=amount, unit=words.lookup("unit", groups["unit"])
        )
    unit, _, offset = (words.lookup("period", groups["period"]) or "week:0").partition(":")
    return Candidate("period", start, end, unit=unit, offset=int(offset))


def _absolute(groups: dict[str, str], words: DateWords, start: int, end: int) -> Candidate | None:
    month = _month(groups["month"], words)
    day = int(groups["day"])
    year = int(groups["year"]) if "year" in groups else None
    try:
        date(year or 2000, month, day)  # 2000 is a leap year: "29 February" stands alone
    except ValueError:
        return None
    weekday_word = groups.get("wd") or groups.get("wd2")
    weekday = words.lookup("weekday", weekday_word or "") or words.lookup(
        "weekday_abbr", weekday_word or ""
    )
    clock = None
    if "hour" in groups:
        precision = "second" if "second" in groups else "minute"
        clock = Clock(
            int(groups["hour"]),
            int(groups["minute"]),
            int(groups.get("second", 0)),
            precision,
            groups.get("zone"),
        )
    return Candidate(
        "absolute",
        start,
        end,
        year=year,
        month=month,
        day=day,
        weekday=int(weekday) if weekday else None,
        clock=clock,
    )


def _month(text: str, words: DateWords) -> int:
    if text.isdigit():
        return int(text)
    return int(words.lookup("month", text) or words.lookup("month_abbr", text) or 0)


def _day_month(groups: dict[str, str], languages: tuple[str, ...]) -> dict[str, str]:
    """Day and month of "28/02/2022": the field over 12 is the day; when both could be,
    day first unless English is among the languages, where the order is unknown."""
    first, second = int(groups["first"]), int(groups["second"])
    if first > 12 >= second or (first <= 12 and second <= 12 and "en" not in languages):
        return {"day": groups["first"], "month": groups["second"], "year": groups["year"]}
    if second > 12 >= first:
        return {"day": groups["second"], "month": groups["first"], "year": groups["year"]}
    return {}


def _part_of_name(text: str, start: int, end: int, words: DateWords, rules: Grammar) -> bool:
    """A weekday inside a name: "Bloody Sunday", "the Sunday Times"."""
    before = rules.neighbour_before.search(text, max(0, start - 40), start)
    after = rules.neighbour_after.match(text, end)
    return any(
        neighbour is not None
        and neighbour.group(1)[:1].isupper()
        and word_key(neighbour.group(1)) in words.of(kind)
        for neighbour, kind in ((before, "name_before"), (after, "name_after"))
    )


def _extend(candidate: Candidate, text: str, rules: Grammar) -> Candidate:
    """Take in a part of the day ("Monday afternoon") and a time ("at 8 a.m. Tuesday")."""
    if candidate.kind not in ("absolute", "weekday", "day") or candidate.clock is not None:
        return candidate
    end = candidate.end
    part = rules.part_after.match(text, end)
    if part is not None:
        end = part.end()
    after = rules.clock_after.match(text, end)
    if after is not None and (clock := _clock(after)) is not None:
        return replace(candidate, end=after.end(), clock=clock)
    before = rules.clock_before.search(text, max(0, candidate.start - 60), candidate.start)
    if before is not None and (clock := _clock(before)) is not None:
        return replace(candidate, start=before.start(), end=end, clock=clock)
    return replace(candidate, end=end)


def _clock(match: re.Match[str]) -> Clock | None:
    """The time a clock match spells, or None for a bare number ("8" without "a.m." or ":00")."""
    hour, ampm = int(match.group("hour")), match.group("ampm")
    minute = match.group("minute") or match.group("hminute")
    if minute is None and ampm is None and match.group("h") is None:
        return None
    if ampm is not None:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if ampm.lower().startswith("p") else 0)
    second = match.group("second")
    precision = "second" if second else "minute" if minute else "hour"
    return Clock(hour, int(minute or 0), int(second or 0), precision, match.group("zone"))


# ---------------------------------------------------------------------------------------------
# Resolution against an anchor


def resolve(
    candidate: Candidate,
    anchor: Anchor | None,
    *,
    future: bool = False,
    naive_clock_utc: bool = False,
    ahead_days: int = FUTURE_WINDOW_DAYS,
) -> tuple[str | None, str]:
    """ISO value and precision of a candidate; (None, precision as written) when the anchor
    is missing or too coarse. ``future``: the context says the date lies ahead. A time with no
    zone is kept as written when ``naive_clock_utc``, else dropped to day precision. A date
    without a year takes the anchor's, or the one before when that would put it more than
    ``ahead_days`` after the anchor (or the one after, when ``future`` and it would be past).
    """
    kind = candidate.kind
    if kind in ("absolute", "month", "year"):
        return _resolve_calendar(candidate, anchor, future, naive_clock_utc, ahead_days)
    if kind in ("weekday", "day"):
        if anchor is None or not anchor.knows("day"):
            return None, _written_precision(candidate, naive_clock_utc)
        today = anchor.moment.date()
        if kind == "day":
            found = today + timedelta(days=candidate.offset)
        else:
            found = _weekday_date(today, candidate.weekday or 0, candidate.modifier, future)
        return _place(found, candidate.clock, naive_clock_utc)
    if kind == "ago":
        precision = _UNIT_PRECISION.get(candidate.unit or "", "unknown")
        if candidate.amount is None or anchor is None or not anchor.knows(precision):
            return None, precision
        moment = _shift(anchor.moment, -candidate.amount, candidate.unit or "day")
        return (format_iso(moment, precision), precision) if moment else (None, precision)
    return _resolve_period(candidate, anchor)


def _resolve_calendar(
    candidate: Candidate, anchor: Anchor | None, future: bool, naive_utc: bool, ahead_days: int
) -> tuple[str | None, str]:
    year, month = candidate.year, candidate.month or 1
    if candidate.kind == "year":
        return f"{year:04d}", "year"
    if year is None:
        year = _infer_year(month, candidate.day or 15, anchor, future, ahead_days)
    if year is None:
        return None, _written_precision(candidate, naive_utc)
    if candidate.kind == "month":
        return f"{year:04d}-{month:02d}", "month"
    try:
        found = date(year, month, candidate.day or 1)
    except ValueError:  # 29 February in a year the anchor says is not a leap year
        return None, "day"
    return _place(found, candidate.clock, naive_utc)


def _infer_year(
    month: int, day: int, anchor: Anchor | None, future: bool, ahead_days: int
) -> int | None:
    if anchor is None or not anchor.knows("year"):
        return None
    year = anchor.moment.year
    if not anchor.knows("month"):
        return year
    reference = anchor.moment.date()
    guess = date(year, month, min(day, calendar.monthrange(year, month)[1]))
    if (guess - reference).days > ahead_days:
        return year - 1
    if future and guess < reference:
        return year + 1
    return year


def _weekday_date(today: date, weekday: int, modifier: str | None, future: bool) -> date:
    """The date of a weekday near ``today``: "next Monday" strictly after, "last Monday"
    strictly before; in a future context the nearest on or after, else on or before."""
    if modifier == "next":
        return today + timedelta(days=(weekday - today.weekday() - 1) % 7 + 1)
    if modifier == "last":
        return today - timedelta(days=(today.weekday() - weekday - 1) % 7 + 1)
    if future:
        return today + timedelta(days=(weekday - today.weekday()) % 7)
    return today - timedelta(days=(today.weekday() - weekday) % 7)


def _resolve_period(candidate: Candidate, anchor: Anchor | None) -> tuple[str | None, str]:
    """A week → the month (or year) that surely holds all of it; "last month" and "last year"
    → that month or year. A week across a new year has no such period."""
    unit, offset = candidate.unit or "week", candidate.offset
    if unit == "week":
        if anchor is None or not anchor.knows("day"):
            return None, "unknown"
        today = anchor.moment.date()
        first = today - timedelta(days=today.weekday()) + timedelta(weeks=offset)
        last = first + timedelta(days=6)
        if (first.year, first.month) == (last.year, last.month):
            return f"{first.year:04d}-{first.month:02d}", "month"
        if first.year == last.year:
            return f"{first.year:04d}", "year"
        return None, "unknown"
    if anchor is None or not anchor.knows(unit):
        return None, unit
    moment = _shift(anchor.moment, offset, unit)
    return (format_iso(moment, unit), unit) if moment else (None, unit)


def _written_precision(candidate: Candidate, naive_utc: bool) -> str:
    if candidate.kind in ("month", "year"):
        return candidate.kind
    clock = candidate.clock
    if clock is not None and (clock.zone or naive_utc):
        return clock.precision
    return "day"


def _place(day: date, clock: Clock | None, naive_utc: bool) -> tuple[str | None, str]:
    """A day and its time of day as a UTC value; without a known zone, see :func:`resolve`."""
    if clock is None:
        return format_iso(datetime.combine(day, time()), "day"), "day"
    local = datetime.combine(day, time(clock.hour, clock.minute, clock.second))
    offset = _zone_offset(clock.zone, local) if clock.zone else timedelta(0)
    if offset is None or (clock.zone is None and not naive_utc):
        return format_iso(local, "day"), "day"
    precision = clock.precision
    if precision == "hour" and offset % timedelta(hours=1):
        precision = "minute"
    try:
        return format_iso(local - offset, precision), precision
    except OverflowError:
        return None, precision


_OFFSET = re.compile(r"(?:UTC|GMT)?\s?([+-])(\d{1,2})(?::?(\d\d))?")


def _offset(text: str) -> timedelta | None:
    if text in ("Z", "UTC", "GMT"):
        return timedelta(0)
    match = _OFFSET.fullmatch(text)
    if match is None:
        return None
    sign, hours, minutes = match.groups()
    delta = timedelta(hours=int(hours), minutes=int(minutes or 0))
    if delta > timedelta(hours=14):
        return None
    return -delta if sign == "-" else delta


def _zone_offset(zone: str, local: datetime) -> timedelta | None:
    """UTC offset of a written zone ("ET", "+03:00", "GMT+3") at a local time, or None."""
    offset = _offset(zone.strip())
    if offset is not None:
        return offset
    name = date_words(LANGUAGES).lookup("zone", zone.strip())
    if name is None:
        return None
    if name[:1] in "+-":
        return _offset(name)
    try:
        return ZoneInfo(name).utcoffset(local)
    except (ZoneInfoNotFoundError, ValueError):
        return None


def _shift(moment: datetime, amount: int, unit: str) -> datetime | None:
    """``moment`` moved by ``amount`` units (negative: back); month ends clamp (31 → 28)."""
    try:
        if unit in ("month", "year"):
            months = moment.month - 1 + amount * (12 if unit == "year" else 1)
            year, month = moment.year + months // 12, months % 12 + 1
            day = min(moment.day, calendar.monthrange(year, month)[1])
            return moment.replace(year=year, month=month, day=day)
        return moment + timedelta(**{f"{unit}s": amount})
    except (ValueError, OverflowError):
        return None
