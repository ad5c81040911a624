"""Event dates inside sentences, resolved against the publication time."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from livedesk.ingest.published import parse_iso
from livedesk.models import PRECISIONS, Published
from livedesk.understand.dates import DateMention, find_dates
from tests.calendar_words import EN_DAYS, FR_DAYS, FR_MONTHS, TR_DAYS, TR_MONTHS
from tests.conftest import SEED

MONDAY = parse_iso("2022-02-28")  # the founding example's publication day, a Monday


def values(text: str, anchor: Published | None = MONDAY, language: str = "en") -> list:
    return [(m.text, m.value.value, m.value.precision) for m in find_dates(text, anchor, language)]


# --- weekdays ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Talks began Monday.", ("Monday", "2022-02-28")),
        ("Putin said Sunday that forces were on alert.", ("Sunday", "2022-02-27")),
        ("The column was seen on Tuesday.", ("Tuesday", "2022-02-22")),
        ("Shelling resumed late Tuesday.", ("late Tuesday", "2022-02-22")),
        ("Kharkiv came under attack Monday afternoon.", ("Monday afternoon", "2022-02-28")),
        ("Explosions were heard Sunday night.", ("Sunday night", "2022-02-27")),
        ("Monday's talks ended without a deal.", ("Monday", "2022-02-28")),
        ("The meeting happened last Monday.", ("last Monday", "2022-02-21")),
        ("Troops could cross as soon as Monday.", ("Monday", "2022-02-28")),
        ("Talks will resume next Monday.", ("next Monday", "2022-03-07")),
        ("Talks will resume Tuesday.", ("Tuesday", "2022-03-01")),
        ("A vote is expected on Tuesday.", ("Tuesday", "2022-03-01")),
        ("The summit is scheduled for Thursday.", ("Thursday", "2022-03-03")),
        ("They'll meet again Friday.", ("Friday", "2022-03-04")),
        ("Officials who will attend said Sunday that it was safe.", ("Sunday", "2022-02-27")),
        ("Elections will be held on Thursday.", ("Thursday", "2022-03-03")),
        (
            "Biden is due to deliver his State of the Union address on Tuesday evening.",
            ("Tuesday evening", "2022-03-01"),
        ),
        ("The delegation would be the same as at Monday's meeting.", ("Monday", "2022-02-28")),
        ("Diplomats met ahead of Thursday's vote.", ("Thursday", "2022-03-03")),
        (
            "A curfew runs from 5 p.m. on Saturday until 8 a.m. on Tuesday.",
            ("8 a.m. on Tuesday", "2022-03-01T08:00Z"),
        ),
        ("The fighting was fierce until Friday.", ("Friday", "2022-02-25")),
    ],
)
def test_weekdays_resolve_against_a_day_anchor(sentence: str, expected: tuple[str, str]) -> None:
    assert values(sentence)[-1:] == [(*expected, "hour" if "a.m." in expected[0] else "day")]


def test_weekday_spans_leave_out_the_preposition() -> None:
    sentence = "It happened on Sunday."
    (mention,) = find_dates(sentence, MONDAY)
    assert (mention.start, mention.end, mention.text) == (15, 21, "Sunday")
    assert sentence[mention.start : mention.end] == mention.text


@pytest.mark.parametrize(
    "anchor",
    [None, parse_iso("2022"), parse_iso("2022-02"), Published(None, "unknown", None, None)],
)
def test_weekday_without_a_day_anchor_is_kept_unresolved(anchor: Published | None) -> None:
    assert values("Talks began Monday.", anchor) == [("Monday", None, "day")]


def test_weekday_with_a_finer_anchor_uses_its_utc_day() -> None:
    anchor = parse_iso("2022-02-28T22:30:00Z")
    assert values("Talks began Sunday.", anchor) == [("Sunday", "2022-02-27", "day")]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Shelling began at 8 a.m. Tuesday.", ("at 8 a.m. Tuesday", "2022-02-22T08:00Z", "hour")),
        (
            "Talks began Monday at 10:30 a.m.",
            ("Monday at 10:30 a.m.", "2022-02-28T10:30Z", "minute"),
        ),
        (
            "Sirens sounded Sunday at 9 p.m. ET.",
            ("Sunday at 9 p.m. ET", "2022-02-28T02:00Z", "hour"),
        ),
        ("Talks resumed Monday, 2:05 PM.", ("Monday, 2:05 PM", "2022-02-28T14:05Z", "minute")),
    ],
)
def test_times_attached_to_a_day_give_hour_or_minute(sentence: str, expected: tuple) -> None:
    assert values(sentence) == [expected]


# --- not dates --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "Thousands joined the march on the capital.",
        "Officials said the talks may resume.",
        "Officials May resume the talks, the Sunday Times reported.",
        "Crowds marked Bloody Sunday in Derry.",
        "In March 1,000 soldiers crossed the border.",
        "March organisers said police kept away.",
        "monday is not written like that in English.",
        "The report ran to 2022 pages.",
    ],
)
def test_words_that_only_look_like_dates_are_not_dates(sentence: str) -> None:
    assert values(sentence) == []


# --- calendar dates ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("The invasion began on Feb. 24.", ("Feb. 24", "2022-02-24", "day")),
        ("The invasion began on 24 February.", ("24 February", "2022-02-24", "day")),
        ("Talks resume March 1.", ("March 1", "2022-03-01", "day")),
        ("Talks resume on 1 March.", ("1 March", "2022-03-01", "day")),
        ("It began on the 24th of February.", ("24th of February", "2022-02-24", "day")),
        ("Talks resume March 1, 2022.", ("March 1, 2022", "2022-03-01", "day")),
        ("Prices rose in February 2022.", ("February 2022", "2022-02", "month")),
        ("Fighting has gone on since 2014.", ("2014", "2014", "year")),
        ("Fighting eased in May.", ("May", "2022-05", "month")),
        ("Fighting peaked in mid-January.", ("January", "2022-01", "month")),
        ("It was announced on 2022-02-27.", ("2022-02-27", "2022-02-27", "day")),
        ("On Monday, Feb. 28, talks began.", ("Monday, Feb. 28", "2022-02-28", "day")),
    ],
)
def test_calendar_dates_take_a_missing_year_from_the_anchor(
    sentence: str, expected: tuple[str, str, str]
) -> None:
    assert values(sentence) == [expected]


def test_calendar_date_more_than_half_a_year_ahead_is_last_year() -> None:
    anchor = parse_iso("2022-01-10")
    assert values("Protests began on December 20.", anchor) == [
        ("December 20", "2021-12-20", "day")
    ]


def test_calendar_date_before_the_anchor_in_a_future_context_is_next_year() -> None:
    anchor = parse_iso("2022-12-20")
    assert values("Elections will be held on January 5.", anchor) == [
        ("January 5", "2023-01-05", "day")
    ]


def test_calendar_date_with_a_year_anchor_takes_that_year() -> None:
    assert values("Talks resume March 1.", parse_iso("2022")) == [("March 1", "2022-03-01", "day")]


def test_calendar_date_without_anchor_is_kept_unresolved() -> None:
    assert values("Talks resume March 1.", None) == [("March 1", None, "day")]
    assert values("Talks resumed March 1, 2022.", None) == [("March 1, 2022", "2022-03-01", "day")]


# --- relative days and periods ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Shelling resumed yesterday.", ("yesterday", "2022-02-27", "day")),
        ("Talks continue today.", ("today", "2022-02-28", "day")),
        ("A curfew starts tonight.", ("tonight", "2022-02-28", "day")),
        ("Blasts were heard last night.", ("last night", "2022-02-27", "day")),
        ("Earlier today, sirens sounded.", ("Earlier today", "2022-02-28", "day")),
        ("This morning the bridge fell.", ("This morning", "2022-02-28", "day")),
        ("Talks resume tomorrow.", ("tomorrow", "2022-03-01", "day")),
        ("It began three days ago.", ("three days ago", "2022-02-25", "day")),
        ("It began 8 years ago.", ("8 years ago", "2014", "year")),
        ("Sanctions were drafted last week.", ("last week", "2022-02", "month")),
        ("More sanctions are due this week.", ("this week", "2022", "year")),
        ("Prices doubled last month.", ("last month", "2022-01", "month")),
        ("Prices doubled last year.", ("last year", "2021", "year")),
    ],
)
def test_relative_days_and_periods(sentence: str, expected: tuple[str, str, str]) -> None:
    assert values(sentence) == [expected]


def test_week_across_a_new_year_has_no_period() -> None:
    anchor = parse_iso("2022-01-03")  # a Monday: last week ran 27 December to 2 January
    assert values("It was agreed last week.", anchor) == [("last week", None, "unknown")]


def test_relative_without_anchor_keeps_unit_precision() -> None:
    assert values("Shelling resumed yesterday, three years ago and last week.", None) == [
        ("yesterday", None, "day"),
        ("three years ago", None, "year"),
        ("last week", None, "unknown"),
    ]


# --- French and Turkish -----------------------------------------------------------------------

MARCH_1 = parse_iso("2022-03-01")  # a Tuesday


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Les pourparlers ont repris mardi 1er mars.", ("mardi 1er mars", "2022-03-01")),
        ("Les discussions ont commencé lundi.", ("lundi", "2022-02-28")),
        ("Des explosions ont été entendues hier soir.", ("hier soir", "2022-02-28")),
        ("Le sommet aura lieu jeudi.", ("jeudi", "2022-03-03")),
        ("Ils se retrouveront lundi prochain.", ("lundi prochain", "2022-03-07")),
        ("L'offensive a commencé il y a 5 jours.", ("il y a 5 jours", "2022-02-24")),
        ("Le 24 février, la Russie a envahi l'Ukraine.", ("24 février", "2022-02-24")),
    ],
)
def test_french_dates(sentence: str, expected: tuple[str, str]) -> None:
    assert values(sentence, MARCH_1, "fr") == [(*expected, "day")]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Görüşmeler 1 Mart 2022 Salı günü başladı.", ("1 Mart 2022 Salı günü", "2022-03-01")),
        ("Heyetler pazartesi bir araya geldi.", ("pazartesi", "2022-02-28")),
        ("Dün gece patlamalar duyuldu.", ("Dün gece", "2022-02-28")),
        ("Görüşmeler perşembe günü yapılacak.", ("perşembe günü", "2022-03-03")),
        ("Saldırı 24 Şubat'ta başladı.", ("24 Şubat", "2022-02-24")),
        ("Olay 2 gün önce yaşandı.", ("2 gün önce", "2022-02-27")),
    ],
)
def test_turkish_dates(sentence: str, expected: tuple[str, str]) -> None:
    assert values(sentence, MARCH_1, "tr") == [(*expected, "day")]


def test_turkish_years_ago_in_a_sentence_is_year_precision() -> None:
    assert values("Bu haber 3 yıl önce yayımlandı.", parse_iso("2025-03-01"), "tr") == [
        ("3 yıl önce", "2022", "year")
    ]


def test_unknown_language_reads_english_words() -> None:
    assert values("Talks began Monday.", MONDAY, "de") == [("Monday", "2022-02-28", "day")]
    assert values("Talks began Monday.", MONDAY, "en-GB") == [("Monday", "2022-02-28", "day")]


# --- the founding example ---------------------------------------------------------------------


@pytest.mark.seed
@pytest.mark.skipif(not SEED.exists(), reason="../shared/samples is not beside the checkout")
def test_seed_weekdays_resolve_as_an_analyst_reads_them() -> None:
    text = SEED.read_text("utf-8")
    found = {(m.text, m.value.value) for m in find_dates(text, MONDAY)}
    assert found == {
        ("Monday", "2022-02-28"),
        ("Monday afternoon", "2022-02-28"),
        ("Sunday", "2022-02-27"),
    }
    assert all(m.value.value is None for m in find_dates(text, None))


# --- properties -------------------------------------------------------------------------------

_WORDS = st.sampled_from(
    [
        "Monday",
        "next",
        "last",
        "late",
        "on",
        "will",
        "said",
        "Feb.",
        "28",
        "1er",
        "mars",
        "Mart",
        "2022",
        "3",
        "yıl",
        "önce",
        "ago",
        "days",
        "il y a",
        "jours",
        "at",
        "8",
        "a.m.",
        "ET",
        "in",
        "March",
        "May",
        "yesterday",
        "week",
        "this",
        ",",
        ".",
        "-",
        " ",
        "14:05",
        "Sunday",
        "Times",
    ]
)
_SENTENCES = st.lists(_WORDS, max_size=14).map(" ".join) | st.text(max_size=200)
_ANCHORS = st.none() | st.builds(
    lambda moment, precision: Published(
        parse_iso(moment.strftime("%Y-%m-%dT%H:%M:%S")).value, precision, None, "given"
    ),
    st.datetimes(min_value=datetime(1900, 1, 1), max_value=datetime(2099, 12, 31)),
    st.sampled_from(["second", "minute", "hour", "day", "month", "year"]),
)


@settings(max_examples=300, deadline=None)
@given(
    text=_SENTENCES,
    anchor=_ANCHORS,
    language=st.sampled_from(["en", "fr", "tr", "xx"]),
)
def test_find_dates_never_raises_and_spans_are_exact(
    text: str, anchor: Published | None, language: str
) -> None:
    mentions = find_dates(text, anchor, language)
    previous_end = 0
    for mention in mentions:
        assert isinstance(mention, DateMention)
        assert text[mention.start : mention.end] == mention.text == mention.value.text
        assert previous_end <= mention.start < mention.end
        assert mention.value.precision in PRECISIONS
        previous_end = mention.end


_FORMATS = [
    ("en", lambda d: f"Talks began on {d:%B} {d.day}, {d.year}, officials said."),
    ("en", lambda d: f"Talks began on {d:%A}, {d.day} {d:%B} {d.year}."),
    ("en", lambda d: f"The deal was signed {d:%b}{'' if d.month == 5 else '.'} {d.day}, {d.year}."),
    ("en", lambda d: f"It was recorded on {d:%Y-%m-%d} by monitors."),
    (
        "fr",
        lambda d: (
            f"Le {d.day}{'er' if d.day == 1 else ''} {FR_MONTHS[d.month - 1]} {d.year}, "
            "la trêve a été rompue."
        ),
    ),
    (
        "fr",
        lambda d: (
            f"Les combats ont repris {FR_DAYS[d.weekday()]} {d.day} "
            f"{FR_MONTHS[d.month - 1]} {d.year}."
        ),
    ),
    (
        "tr",
        lambda d: (
            f"Görüşmeler {d.day} {TR_MONTHS[d.month - 1]} {d.year} "
            f"{TR_DAYS[d.weekday()]} günü başladı."
        ),
    ),
]


@settings(max_examples=300, deadline=None)
@given(
    day=st.dates(min_value=date(1900, 1, 1), max_value=date(2099, 12, 31)),
    form=st.sampled_from(range(len(_FORMATS))),
    anchor=_ANCHORS,
)
def test_dates_written_many_ways_round_trip_to_their_day(
    day: date, form: int, anchor: Published | None
) -> None:
    language, write = _FORMATS[form]
    sentence = write(day)
    mentions = [m for m in find_dates(sentence, anchor, language) if m.value.precision == "day"]
    assert [m.value.value for m in mentions] == [day.isoformat()], sentence


@settings(max_examples=200, deadline=None)
@given(
    anchor_day=st.dates(min_value=date(1900, 1, 8), max_value=date(2099, 12, 24)),
    weekday=st.integers(min_value=0, max_value=6),
    future=st.booleans(),
)
def test_weekdays_land_within_a_week_of_the_anchor_on_the_right_day(
    anchor_day: date, weekday: int, future: bool
) -> None:
    name = EN_DAYS[weekday]
    sentence = f"Talks will resume {name}." if future else f"Talks resumed {name}."
    (mention,) = find_dates(sentence, parse_iso(anchor_day.isoformat()))
    found = date.fromisoformat(mention.value.value or "")
    assert found.weekday() == weekday
    assert 0 <= ((found - anchor_day).days if future else (anchor_day - found).days) <= 6
