"""Date values: ISO 8601 in and out, and date candidates resolved against an anchor.

``read_iso`` and ``format_iso`` read and write the contract's ISO form (UTC, cut to its
precision). An :class:`Anchor` is what relative dates resolve against: the report's
publication time. ``resolve`` turns one candidate of :func:`livedesk.ingest.dategrammar.scan`
into an ISO value and its precision against an anchor, never against the wall clock.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from livedesk.ingest.dategrammar import Candidate, Clock
from livedesk.ingest.datewords import LANGUAGES, date_words
from livedesk.models import PRECISIONS, Published

__all__ = ["FUTURE_WINDOW_DAYS", "Anchor", "format_iso", "read_iso", "resolve"]

# Reports mention coming dates up to about half a year ahead; a date further ahead of the
# anchor, written without a year, is more likely last year's.
FUTURE_WINDOW_DAYS = 183

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
