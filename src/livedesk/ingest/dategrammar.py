"""The date grammar: find date expressions in text and read the fields they spell out.

:func:`scan` finds candidate spans with regular expressions built, per set of languages, from
the word lists of :mod:`livedesk.ingest.datewords`: absolute dates ("Feb. 28, 2022",
"1er mars", "2022-02-28T14:05Z", "28.02.2022"), months and years ("March 2022", "in 2022"),
weekdays ("late Tuesday", "next Monday"), day words ("yesterday", "dün"), relative stamps
("3 yıl önce", "il y a 2 jours") and periods ("last week"). Each candidate may take in a part
of the day and a time of day written next to it. Turning a candidate into a value is
:func:`livedesk.ingest.datevalues.resolve`.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, replace
from datetime import date
from functools import lru_cache

from livedesk.ingest.datewords import DateWords, date_words, word_key, word_pattern

__all__ = ["Candidate", "Clock", "Grammar", "clock_spans", "grammar", "scan"]


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
    loose = "|".join(
        word_pattern(w) for w, v in words.of("modifier_before").items() if v == "loose"
    )
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
