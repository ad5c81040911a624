"""Publication times: given ISO values, metadata, timestamp lines, relative stamps."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from livedesk.errors import InputError
from livedesk.ingest.datewords import LANGUAGES, date_word_rows
from livedesk.ingest.published import (
    NOT_FOUND,
    find_published,
    is_timestamp_line,
    parse_iso,
)
from livedesk.models import PRECISIONS, Published
from tests.calendar_words import FR_MONTHS, TR_MONTHS
from tests.conftest import SEED

RETRIEVED = Published("2025-03-01T09:30:00Z", "second", "2025-03-01T09:30:00Z", "given")


def given_at(value: str) -> Published:
    return parse_iso(value)


# --- parse_iso ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value", "precision"),
    [
        ("2022", "2022", "year"),
        ("2022-02", "2022-02", "month"),
        ("2022-02-28", "2022-02-28", "day"),
        ("2022-02-28T14", "2022-02-28T14:00Z", "hour"),
        ("2022-02-28T14:05", "2022-02-28T14:05Z", "minute"),
        ("2022-02-28 14:05", "2022-02-28T14:05Z", "minute"),
        ("2022-02-28T14:05:09", "2022-02-28T14:05:09Z", "second"),
        ("2022-02-28T14:05:00Z", "2022-02-28T14:05:00Z", "second"),
        ("2022-02-28T14:05:00+02:00", "2022-02-28T12:05:00Z", "second"),
        ("2022-02-28T23:30-05:00", "2022-03-01T04:30Z", "minute"),
        ("2022-02-28T14:05:00.123+0000", "2022-02-28T14:05:00Z", "second"),
        ("  2022-02-28  ", "2022-02-28", "day"),
    ],
)
def test_parse_iso_keeps_written_precision_in_utc(text: str, value: str, precision: str) -> None:
    assert parse_iso(text) == Published(value, precision, text.strip(), "given")


def test_parse_iso_hour_with_half_hour_offset_becomes_minute_precision() -> None:
    assert parse_iso("2022-02-28T14+05:30").value == "2022-02-28T08:30Z"
    assert parse_iso("2022-02-28T14+05:30").precision == "minute"


@pytest.mark.parametrize(
    "text", ["", "yesterday", "28/02/2022", "2022-2-28", "Feb 28, 2022", "2022-02-28T25:00"]
)
def test_parse_iso_rejects_other_formats_naming_value_and_formats(text: str) -> None:
    with pytest.raises(InputError) as error:
        parse_iso(text)
    assert f"'{text}'" in str(error.value)
    assert "YYYY-MM-DD" in str(error.value)


@pytest.mark.parametrize("text", ["2022-02-30", "2022-13", "2021-02-29"])
def test_parse_iso_rejects_days_that_do_not_exist_saying_so(text: str) -> None:
    with pytest.raises(InputError, match="does not exist"):
        parse_iso(text)


# --- relative timestamps ----------------------------------------------------------------------


def test_turkish_years_ago_resolves_against_retrieved_to_year_precision() -> None:
    lines = ["Russia-Ukraine live updates", "", "3 yıl önce", "", "Talks began Monday."]
    found = find_published(lines, retrieved=given_at("2025-03-01"))
    assert found == (Published("2022", "year", "3 yıl önce", "relative"), 2)


def test_relative_without_retrieved_keeps_text_and_precision_without_value() -> None:
    found = find_published(["3 yıl önce", "Body text."], retrieved=None)
    assert found == (Published(None, "year", "3 yıl önce", "relative"), 0)


@pytest.mark.parametrize(
    ("line", "value", "precision"),
    [
        ("2 gün önce", "2025-02-27", "day"),
        ("5 saat önce", "2025-03-01T04:00Z", "hour"),
        ("bir yıl önce", "2024", "year"),
        ("5 hours ago", "2025-03-01T04:00Z", "hour"),
        ("an hour ago", "2025-03-01T08:00Z", "hour"),
        ("Updated 10 minutes ago", "2025-03-01T09:20Z", "minute"),
        ("3 weeks ago", "2025-02-08", "day"),
        ("2 months ago", "2025-01", "month"),
        ("il y a 2 jours", "2025-02-27", "day"),
        ("Publié il y a 3 heures", "2025-03-01T06:00Z", "hour"),
        ("yesterday", "2025-02-28", "day"),
        ("Dün", "2025-02-28", "day"),
        ("hier", "2025-02-28", "day"),
        ("a few days ago", None, "day"),
    ],
)
def test_relative_stamps_resolve_against_retrieved(
    line: str, value: str | None, precision: str
) -> None:
    published, index = find_published(["Headline", line], retrieved=RETRIEVED)
    assert (published.value, published.precision, published.source) == (
        value,
        precision,
        "relative",
    )
    assert index == 1


def test_relative_finer_than_retrieved_stays_unresolved() -> None:
    published, _ = find_published(["5 hours ago"], retrieved=given_at("2025-03-01"))
    assert (published.value, published.precision, published.text) == (None, "hour", "5 hours ago")


def test_weekday_stamp_is_the_last_such_day_before_retrieval() -> None:
    published, _ = find_published(["Friday"], retrieved=RETRIEVED)  # 2025-03-01 is a Saturday
    assert (published.value, published.source) == ("2025-02-28", "relative")


# --- absolute timestamps ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "value", "precision"),
    [
        ("February 28, 2022", "2022-02-28", "day"),
        ("Feb. 28, 2022 2:05 PM ET", "2022-02-28T19:05Z", "minute"),
        ("Feb. 28, 2022 2:05 PM", "2022-02-28", "day"),
        ("Monday, 28 February 2022 14:05 GMT", "2022-02-28T14:05Z", "minute"),
        ("28 février 2022", "2022-02-28", "day"),
        ("Publié le 28 février 2022 à 14h05 CET", "2022-02-28T13:05Z", "minute"),
        ("1 Mart 2022 Salı", "2022-03-01", "day"),
        ("Yayınlanma tarihi: 01.03.2022 10:15 TSİ", "2022-03-01T07:15Z", "minute"),
        ("2022-02-28", "2022-02-28", "day"),
        ("2022-02-28T14:05:00+02:00", "2022-02-28T12:05:00Z", "second"),
        ("28/02/2022", "2022-02-28", "day"),
        ("July 4, 2022 9 a.m. ET", "2022-07-04T13:00Z", "hour"),
        ("February 2022", "2022-02", "month"),
    ],
)
def test_absolute_timestamp_lines_are_read_in_utc(line: str, value: str, precision: str) -> None:
    published, index = find_published(["A headline", "", line, "", "Body."], retrieved=None)
    assert (published.value, published.precision, published.source) == (value, precision, "text")
    assert index == 2
    assert is_timestamp_line(line)


def test_absolute_stamp_wins_over_an_earlier_relative_one() -> None:
    lines = ["Headline", "2 days ago", "Updated February 28, 2022", "Body."]
    assert find_published(lines, retrieved=RETRIEVED) == (
        Published("2022-02-28", "day", "February 28, 2022", "text"),
        2,
    )


def test_byline_date_is_read_but_the_line_is_not_a_timestamp() -> None:
    line = "By Jane Doe, Kyiv bureau | Updated Feb. 28, 2022 2:05 PM ET"
    published, index = find_published(["Headline", line, "Body."], retrieved=None)
    assert (published.value, index) == ("2022-02-28T19:05Z", 1)
    assert not is_timestamp_line(line)


def test_dateline_takes_its_year_from_retrieval() -> None:
    line = "KYIV, Feb 28 (Reuters) - Russian forces pressed on towards the capital on Monday."
    published, index = find_published([line], retrieved=given_at("2022-03-02"))
    assert (published.value, published.text, published.source, index) == (
        "2022-02-28",
        "Feb 28",
        "text",
        0,
    )


def test_dateline_without_year_or_retrieved_keeps_its_text_only() -> None:
    published, _ = find_published(["KYIV, Feb 28 (Reuters) - Shelling."], retrieved=None)
    assert (published.value, published.precision, published.text) == (None, "day", "Feb 28")


def test_yearless_stamp_after_retrieval_day_belongs_to_the_year_before() -> None:
    published, _ = find_published(["Updated Dec. 30"], retrieved=given_at("2025-01-02"))
    assert published.value == "2024-12-30"


def test_dates_in_prose_are_not_publication_times() -> None:
    lines = ["Headline", "Russia invaded Ukraine on February 24, 2022, after months of build-up."]
    assert find_published(lines, retrieved=None) == (NOT_FOUND, None)


def test_stamps_below_the_head_are_ignored() -> None:
    lines = ["Headline"] + [f"Paragraph {n} of the report." for n in range(6)] + ["2 days ago"]
    assert find_published(lines, retrieved=RETRIEVED) == (NOT_FOUND, None)


def test_nothing_found_is_unknown() -> None:
    assert find_published([], retrieved=RETRIEVED) == (NOT_FOUND, None)
    assert find_published(["Just a headline", "", "Some text."], retrieved=None) == (
        NOT_FOUND,
        None,
    )


# --- metadata ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("metadata", "value", "precision"),
    [
        ("2022-02-28T14:05:00+02:00", "2022-02-28T12:05:00Z", "second"),
        ("2022-02-28", "2022-02-28", "day"),
        ("Mon, 28 Feb 2022 14:05:00 GMT", "2022-02-28T14:05:00Z", "second"),
        ("Mon, 28 Feb 2022 14:05:00 -0500", "2022-02-28T19:05:00Z", "second"),
        ("February 28, 2022", "2022-02-28", "day"),
        ("28 февраля 2022", "2022-02-28", "day"),
    ],
)
def test_metadata_wins_over_text(metadata: str, value: str, precision: str) -> None:
    found = find_published(["3 yıl önce"], retrieved=RETRIEVED, metadata=metadata)
    assert found == (Published(value, precision, metadata, "metadata"), None)


def test_unreadable_metadata_falls_back_to_the_text() -> None:
    found = find_published(["3 yıl önce"], retrieved=RETRIEVED, metadata="not a date")
    assert found == (Published("2022", "year", "3 yıl önce", "relative"), 0)


# --- timestamp lines --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "line",
    [
        "3 yıl önce",
        "  2 hours ago ",
        "Updated 14:05 GMT, 28 February 2022",
        "Published: Feb. 28, 2022",
        "Mis à jour le 1er mars 2022 à 10h15",
        "Son güncelleme: 1 Mart 2022 Salı 10:15",
        "2:05 PM ET",
        "Yesterday",
        "Monday",
        "2022-02-28T14:05:00Z",
    ],
)
def test_lines_that_are_only_timestamps(line: str) -> None:
    assert is_timestamp_line(line)


@pytest.mark.parametrize(
    "line",
    [
        "",
        "Russian and Ukrainian delegations began talks Monday for the first time.",
        "Here's what to know",
        "Sunday Times",
        "2022",
        "3 yıl önce Rusya Ukrayna'ya saldırdı",
        "By Jane Doe | February 28, 2022",
        "Feb. 28, 2022 " + "x" * 80,
    ],
)
def test_lines_with_more_than_a_timestamp(line: str) -> None:
    assert not is_timestamp_line(line)


# --- the founding example ---------------------------------------------------------------------


@pytest.mark.seed
@pytest.mark.skipif(not SEED.exists(), reason="../shared/samples is not beside the checkout")
def test_seed_relative_stamp_is_found_and_resolved_only_with_retrieval() -> None:
    lines = SEED.read_text("utf-8").splitlines()
    unresolved, index = find_published(lines, retrieved=None)
    assert unresolved == Published(None, "year", "3 yıl önce", "relative")
    assert lines[index or 0].strip() == "3 yıl önce" and is_timestamp_line(lines[index or 0])
    resolved, _ = find_published(lines, retrieved=given_at("2025-03-01"))
    assert (resolved.value, resolved.precision) == ("2022", "year")


# --- word lists -------------------------------------------------------------------------------

# Kinds whose rows are bare words (empty value column).
WORD_KINDS = {"ago_after", "ago_before", "part", "future", "future_weak", "past", "passive"}
WORD_KINDS |= {"future_suffix", "name_before", "name_after", "prep", "label", "byline", "filler"}
KNOWN_KINDS: dict[str, set[str] | None] = {
    "month": None,
    "month_abbr": None,
    "weekday": None,
    "weekday_abbr": None,
    "zone": None,
    "unit": {"second", "minute", "hour", "day", "week", "month", "year"},
    "number": None,
    "day": None,
    "period": None,
    "modifier_before": {"next", "last", "this", "loose"},
    "modifier_after": {"next", "last"},
    **{kind: {""} for kind in WORD_KINDS},
}


def test_date_word_lists_are_well_formed() -> None:
    for kind, language, word, value in date_word_rows():
        assert kind in KNOWN_KINDS, kind
        assert language in (*LANGUAGES, "*"), (kind, language)
        assert word == word.strip() and (kind == "zone" or word == word.lower()), word
        allowed = KNOWN_KINDS[kind]
        if allowed is not None:
            assert value in allowed, (kind, word, value)
        elif kind in ("month", "month_abbr"):
            assert 1 <= int(value) <= 12, word
        elif kind in ("weekday", "weekday_abbr"):
            assert 0 <= int(value) <= 6, word
        elif kind == "day":
            assert -2 <= int(value) <= 2, word
        elif kind == "number":
            assert value == "few" or int(value) > 0, word
        elif kind == "period":
            unit, _, offset = value.partition(":")
            assert unit in ("week", "month", "year") and int(offset) in (-1, 0, 1), word
        elif kind == "zone":
            assert value[:1] in "+-" or ZoneInfo(value), word


def test_every_language_names_all_twelve_months_and_seven_weekdays() -> None:
    for language in LANGUAGES:
        rows = [row for row in date_word_rows() if row[1] == language]
        assert {int(v) for k, _, _, v in rows if k == "month"} == set(range(1, 13)), language
        assert {int(v) for k, _, _, v in rows if k == "weekday"} == set(range(7)), language


# --- properties -------------------------------------------------------------------------------

_LINES = st.lists(st.text(max_size=120), max_size=8)
_STAMP_ALPHABET = st.sampled_from(
    [
        "3",
        "28",
        " ",
        "yıl",
        "önce",
        "ago",
        "days",
        "Feb.",
        "Mart",
        "2022",
        ",",
        ":",
        "14:05",
        "PM",
        "ET",
        "il y a",
        "jours",
        "Monday",
        "Updated",
        "le",
        "1er",
        "mars",
        "-",
        "/",
        ".",
    ]
)
_STAMPISH = st.lists(_STAMP_ALPHABET, max_size=10).map("".join)
_RETRIEVED = st.none() | st.datetimes(
    min_value=datetime(1990, 1, 1), max_value=datetime(2060, 12, 31)
).map(lambda moment: Published(moment.strftime("%Y-%m-%dT%H:%M:%SZ"), "second", None, "given"))


@settings(max_examples=200, deadline=None)
@given(lines=_LINES, retrieved=_RETRIEVED)
def test_find_published_never_raises_and_points_inside_the_lines(
    lines: list[str], retrieved: Published | None
) -> None:
    published, index = find_published(lines, retrieved=retrieved)
    assert published.precision in PRECISIONS
    assert index is None or 0 <= index < len(lines)
    if published.text is not None and index is not None:
        assert published.text in lines[index]


@settings(max_examples=200, deadline=None)
@given(line=_STAMPISH | st.text(max_size=90), retrieved=_RETRIEVED)
def test_stamp_like_noise_never_raises(line: str, retrieved: Published | None) -> None:
    is_timestamp_line(line)
    published, _ = find_published(["Headline", line], retrieved=retrieved, metadata=None)
    assert published.source in (None, "text", "relative")


@settings(max_examples=40, deadline=None)
@given(metadata=_STAMPISH | st.text(max_size=40))
def test_any_metadata_is_read_or_ignored_without_raising(metadata: str) -> None:
    published, _ = find_published([], retrieved=RETRIEVED, metadata=metadata)
    assert published.source in (None, "metadata", "relative")


@settings(max_examples=200, deadline=None)
@given(moment=st.datetimes(min_value=datetime(1, 1, 1), max_value=datetime(9999, 12, 31)))
def test_parse_iso_round_trips_its_own_output(moment: datetime) -> None:
    first = parse_iso(f"{moment.year:04d}-{moment:%m-%dT%H:%M:%S}")
    assert parse_iso(first.value or "") == Published(first.value, "second", first.value, "given")


@settings(max_examples=200, deadline=None)
@given(
    moment=st.datetimes(min_value=datetime(1900, 1, 2), max_value=datetime(2099, 12, 30)),
    offset=st.integers(min_value=-12 * 60, max_value=14 * 60),
)
def test_parse_iso_converts_any_offset_to_utc(moment: datetime, offset: int) -> None:
    sign, minutes = ("-" if offset < 0 else "+"), abs(offset)
    text = f"{moment:%Y-%m-%dT%H:%M:%S}{sign}{minutes // 60:02d}:{minutes % 60:02d}"
    expected = moment.replace(tzinfo=None) - timedelta(minutes=offset)
    assert parse_iso(text).value == expected.strftime("%Y-%m-%dT%H:%M:%SZ")
    aware = datetime.fromisoformat(text).astimezone(UTC)
    assert parse_iso(text).value == aware.strftime("%Y-%m-%dT%H:%M:%SZ")


_FORMATS = [
    lambda d: f"{d:%B} {d.day}, {d.year}",
    lambda d: f"{d:%b}{'' if d.month == 5 else '.'} {d.day}, {d.year}",  # "May" has no dot
    lambda d: f"{d:%A}, {d.day} {d:%B} {d.year}",
    lambda d: f"Updated {d.day} {d:%b} {d.year}",
    lambda d: f"{d.day} {FR_MONTHS[d.month - 1]} {d.year}",
    lambda d: f"Publié le {d.day}{'er' if d.day == 1 else ''} {FR_MONTHS[d.month - 1]} {d.year}",
    lambda d: f"{d.day} {TR_MONTHS[d.month - 1]} {d.year}",
    lambda d: f"{d:%d.%m.%Y}",
    lambda d: f"{d:%Y-%m-%d}",
]


@settings(max_examples=300, deadline=None)
@given(
    day=st.dates(min_value=date(1900, 1, 1), max_value=date(2099, 12, 31)),
    form=st.sampled_from(range(len(_FORMATS))),
)
def test_dates_written_many_ways_round_trip_to_their_day(day: date, form: int) -> None:
    line = _FORMATS[form](day)
    published, index = find_published(["Headline", line, "Body."], retrieved=None)
    assert (published.value, published.precision, index) == (day.isoformat(), "day", 1), line
    assert is_timestamp_line(line), line
