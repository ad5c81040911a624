"""The number grammar: quantity expressions read into bounds (livedesk.understand.numbers)."""

from __future__ import annotations

import dataclasses
import subprocess
import sys

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from livedesk.understand.numbers import QUALIFIERS, Quantity, find_quantities, parse_quantity

# Examples per property; sized so that the whole file runs well under 20 seconds.
PROPERTY_EXAMPLES = 300
# Examples for the fuzz tests on arbitrary text (each runs every language).
FUZZ_EXAMPLES = 500
LANGUAGES = ("en", "fr", "tr", "de", "und")

Bounds = tuple[int | None, int | None, int | None, str]


def bounds(quantity: Quantity) -> Bounds:
    return quantity.low, quantity.high, quantity.approx, quantity.qualifier


def read(phrase: str, language: str = "en") -> Bounds | None:
    """The bounds of a whole phrase, checking that the span covers it."""
    quantity = parse_quantity(phrase, language)
    if quantity is None:
        return None
    assert quantity.text == phrase.strip()
    assert phrase[quantity.start : quantity.end] == quantity.text
    return bounds(quantity)


def texts(text: str, language: str = "en") -> list[str]:
    return [quantity.text for quantity in find_quantities(text, language)]


def exact(value: int) -> Bounds:
    return value, value, None, "exact"


def more_than(value: int) -> Bounds:
    return value + 1, None, None, "more_than"


def at_least(value: int) -> Bounds:
    return value, None, None, "at_least"


def up_to(value: int) -> Bounds:
    return None, value, None, "up_to"


def less_than(value: int) -> Bounds:
    return None, value - 1, None, "less_than"


def about(value: int) -> Bounds:
    return None, None, value, "about"


def between(low: int, high: int) -> Bounds:
    return low, high, None, "range"


def vague(low: int | None) -> Bounds:
    return low, None, None, "vague"


def table(*rows: tuple[str, object], first: str = "phrase") -> pytest.MarkDecorator:
    """Parametrise a test by rows of (input, expected), each row named by its input."""
    return pytest.mark.parametrize((first, "expected"), rows, ids=[row[0] for row in rows])


# -- qualifiers ---------------------------------------------------------------------------


@table(
    ("more than 30", more_than(30)),
    ("over 30", more_than(30)),
    ("above 30", more_than(30)),
    ("in excess of 1,000", more_than(1000)),
    ("more than a dozen", more_than(12)),
)
def test_more_than_is_strictly_above(phrase: str, expected: Bounds) -> None:
    assert read(phrase) == expected


def test_more_than_half_a_million() -> None:
    assert read("more than half a million") == (500001, None, None, "more_than")


@table(
    ("at least one", at_least(1)),
    ("at least 9", at_least(9)),
    ("a minimum of 9", at_least(9)),
    ("no fewer than 9", at_least(9)),
    ("at least zero", at_least(0)),
)
def test_at_least(phrase: str, expected: Bounds) -> None:
    assert read(phrase) == expected


@table(
    ("up to 50", up_to(50)),
    ("as many as 50", up_to(50)),
    ("at most 50", up_to(50)),
    ("no more than 50", up_to(50)),
)
def test_up_to_has_only_a_high_bound(phrase: str, expected: Bounds) -> None:
    assert read(phrase) == expected


@table(
    ("fewer than 20", less_than(20)),
    ("less than 20", less_than(20)),
    ("under 20", less_than(20)),
    ("below 20", less_than(20)),
)
def test_less_than_is_strictly_below(phrase: str, expected: Bounds) -> None:
    assert read(phrase) == expected


@table(
    ("about 200", about(200)),
    ("around 200", about(200)),
    ("roughly 200", about(200)),
    ("approximately 200", about(200)),
    ("some 200", about(200)),
    ("nearly 875,000", about(875000)),
    ("almost 1 million", about(1000000)),
    ("close to 1 million", about(1000000)),
    ("an estimated 4,000", about(4000)),
    ("a couple of hundred", about(200)),
    ("some 1.5 million", about(1500000)),
)
def test_about_sets_approx_only(phrase: str, expected: Bounds) -> None:
    assert read(phrase) == expected


@table(
    ("50 or more", at_least(50)),
    ("50+", at_least(50)),
    ("50-odd", about(50)),
    ("50 or so", about(50)),
    ("a dozen or so", about(12)),
    ("40,000+", at_least(40000)),
    ("~200", about(200)),
    (">100", more_than(100)),
)
def test_qualifier_after_the_number(phrase: str, expected: Bounds) -> None:
    assert read(phrase) == expected


# -- ranges -------------------------------------------------------------------------------


@table(
    ("between 10 and 15", between(10, 15)),
    ("10 to 15", between(10, 15)),
    ("10-15", between(10, 15)),
    ("10–15", between(10, 15)),
    ("from 10 to 15", between(10, 15)),
    ("between ten and fifteen", between(10, 15)),
    ("two or three", between(2, 3)),
    ("between one hundred and fifty and two hundred", between(150, 200)),
    ("between 1,000 and 1,500", between(1000, 1500)),
)
def test_range(phrase: str, expected: Bounds) -> None:
    assert read(phrase) == expected


@table(
    ("10 to 15 million", between(10_000_000, 15_000_000)),
    ("between 1.5 and 2 million", between(1_500_000, 2_000_000)),
    ("between twenty and thirty thousand", between(20000, 30000)),
    ("between 500 and 1 million", between(500, 1_000_000)),
)
def test_range_low_end_takes_the_high_end_scale(phrase: str, expected: Bounds) -> None:
    assert read(phrase) == expected


@table(
    ("15-10", None),
    ("between 15 and 10", None),
    ("between 10 and 10", None),
)
def test_range_needs_low_below_high(phrase: str, expected: Bounds | None) -> None:
    assert read(phrase) == expected


def test_range_with_and_needs_between() -> None:
    assert texts("killed 10 and injured 15") == ["10", "15"]


# -- vague --------------------------------------------------------------------------------


@table(
    ("dozens", vague(24)),
    ("tens", vague(20)),
    ("scores", vague(40)),
    ("hundreds", vague(200)),
    ("thousands", vague(2000)),
    ("tens of thousands", vague(20000)),
    ("hundreds of thousands", vague(200000)),
    ("millions", vague(2000000)),
    ("several hundred", vague(300)),
    ("a few dozen", vague(24)),
    ("several hundred thousand", vague(300000)),
    ("a few hundred thousand", vague(200000)),
)
def test_vague_plurals_give_a_low_bound(phrase: str, expected: Bounds) -> None:
    assert read(phrase) == expected


@table(
    ("several", vague(None)),
    ("many", vague(None)),
    ("a number of", vague(None)),
    ("some", vague(None)),
    ("a few", vague(None)),
)
def test_vague_words_have_no_bounds(phrase: str, expected: Bounds) -> None:
    assert read(phrase) == expected


def test_find_returns_vague_words_too() -> None:
    assert texts("Several people were hurt and some fled; many were missing.") == [
        "Several",
        "some",
        "many",
    ]


def test_hundreds_of_people_stops_before_people() -> None:
    assert texts("hundreds of people") == ["hundreds"]


# -- exact --------------------------------------------------------------------------------


@table(
    ("two", exact(2)),
    ("37", exact(37)),
    ("0", exact(0)),
    ("1,200", exact(1200)),
    ("1,234,567", exact(1234567)),
    ("1 200", exact(1200)),
    ("1\u202f200", exact(1200)),
    ("1\u00a0200", exact(1200)),
)
def test_exact_digits(phrase: str, expected: Bounds) -> None:
    assert read(phrase) == expected


@table(
    ("twenty-five", exact(25)),
    ("twenty five", exact(25)),
    ("three hundred and forty", exact(340)),
    ("three hundred forty", exact(340)),
    ("one thousand and one", exact(1001)),
    ("a dozen", exact(12)),
    ("two dozen", exact(24)),
    ("half a dozen", exact(6)),
    ("a hundred", exact(100)),
    ("a thousand", exact(1000)),
    ("twelve hundred", exact(1200)),
    ("zero", exact(0)),
    ("Four", exact(4)),
    ("FOUR", exact(4)),
    ("nine hundred and ninety-nine thousand nine hundred and ninety-nine", exact(999999)),
    ("two million three hundred thousand", exact(2300000)),
)
def test_exact_number_words(phrase: str, expected: Bounds) -> None:
    assert read(phrase) == expected


@table(
    ("1.5 million", exact(1500000)),
    ("half a million", exact(500000)),
    ("a half million", exact(500000)),
    ("a quarter of a million", exact(250000)),
    ("one and a half million", exact(1500000)),
    ("2m", exact(2000000)),
    ("2 million", exact(2000000)),
    ("1.2bn", exact(1200000000)),
    ("5k", exact(5000)),
    ("5 thousand", exact(5000)),
    ("a million", exact(1000000)),
)
def test_exact_with_scales(phrase: str, expected: Bounds) -> None:
    assert read(phrase) == expected


@table(
    ("no one", exact(0)),
    ("No one", exact(0)),
    ("nobody", exact(0)),
    ("none", exact(0)),
)
def test_nobody_is_exact_zero(phrase: str, expected: Bounds) -> None:
    assert read(phrase) == expected


def test_no_one_is_zero_not_one() -> None:
    assert [bounds(q) for q in find_quantities("No one was hurt.")] == [exact(0)]


@table(("a", None), ("an", None), ("A", None), ("half", None), ("hundred", None))
def test_article_or_multiplier_alone_is_not_a_quantity(phrase: str, expected: None) -> None:
    assert read(phrase) is expected


def test_one_counts_but_one_another_does_not() -> None:
    assert texts("Only one of the 15 survived.") == ["one", "15"]
    assert texts("They blamed one another.") == []


@table(("1.5", None), ("2.0", None), ("more than 2.5", None), ("1,000.50", None))
def test_decimal_without_scale_is_not_a_count(phrase: str, expected: None) -> None:
    assert read(phrase) is expected


# -- not quantities -----------------------------------------------------------------------


@table(
    ("first", None),
    ("second", None),
    ("5th", None),
    ("21st", None),
    ("twenty-first", None),
    ("30%", None),
    ("30 percent", None),
    ("30 per cent", None),
    ("$5 billion", None),
    ("€500 million", None),
    ("£1m", None),
    ("5 million dollars", None),
    ("millions of dollars", None),
    ("14:05", None),
    ("3 pm", None),
    ("10am", None),
    ("37 people", None),
    ("", None),
)
def test_not_a_quantity_phrase(phrase: str, expected: None) -> None:
    assert read(phrase) is expected


@table(
    ("The 21st century began; the second wave; the 5th brigade.", []),
    ("Prices rose 30% and 12 percent, 2.5 per cent.", []),
    ("The UN needs $5 billion, €500 million and £1m; US$300 and USD 5 million.", []),
    ("It struck at 14:05, then at 3 pm and 10am local time.", []),
    ("more than 5 billion dollars and between 10 and 15 percent", []),
    first="text",
)
def test_find_skips_ordinals_percentages_money_and_times(text: str, expected: list[str]) -> None:
    assert texts(text) == expected


@table(
    ("It began in 2022.", []),
    ("It began in March 2022.", []),
    ("On March 14, 2022, 37 died.", ["37"]),
    ("On 14 March 2022 37 died.", ["37"]),
    ("Since 2015 and 2016, 300 fled.", ["300"]),
    ("between 2015 and 2020", []),
    ("the 2022-23 season", []),
    ("On May 30 people marched; it may 30 people.", ["30"]),
    ("It had 2022 members.", ["2022"]),
    first="text",
)
def test_years_and_days_next_to_dates_are_not_quantities(text: str, expected: list[str]) -> None:
    assert texts(text) == expected


@table(
    ("A 10-year-old boy and a five-day truce.", []),
    ("COVID-19 and F-16 jets near the A10 road.", []),
    ("UN Resolution 2334 and Flight 17.", []),
    ("open 24/7, 5km away", []),
    ("twenty-five-year-old", []),
    first="text",
)
def test_identifiers_and_glued_numbers_are_not_quantities(text: str, expected: list[str]) -> None:
    assert texts(text) == expected


def test_find_in_a_report_sentence_with_spans() -> None:
    text = (
        "More than 30 people were killed and at least 1,200 injured on March 14, 2022, "
        "while tens of thousands fled, officials said."
    )
    found = find_quantities(text)
    assert [(q.text, bounds(q)) for q in found] == [
        ("More than 30", more_than(30)),
        ("at least 1,200", at_least(1200)),
        ("tens of thousands", vague(20000)),
    ]
    for quantity in found:
        assert text[quantity.start : quantity.end] == quantity.text


# -- French, Turkish, German, other languages ---------------------------------------------


@table(
    ("au moins 9", at_least(9)),
    ("plus de 660 000", more_than(660000)),
    ("plus de 660\u202f000", more_than(660000)),
    ("environ 200", about(200)),
    ("jusqu'à 50", up_to(50)),
    ("jusqu’à 50", up_to(50)),
    ("près de 875 000", about(875000)),
    ("moins de 20", less_than(20)),
    ("entre 10 et 15", between(10, 15)),
    ("de 10 à 15", between(10, 15)),
    ("1,5 million", exact(1500000)),
    ("1.000", exact(1000)),
    ("2,5 milliards", exact(2500000000)),
    ("mille", exact(1000)),
    ("deux cents", exact(200)),
    ("vingt et un", exact(21)),
    ("soixante-dix-sept", exact(77)),
    ("quatre-vingt-dix-neuf", exact(99)),
    ("un million et demi", exact(1500000)),
    ("une vingtaine", about(20)),
    ("une centaine de milliers", about(100000)),
    ("plus d'une centaine", more_than(100)),
    ("des dizaines de milliers", vague(20000)),
    ("plusieurs centaines", vague(300)),
    ("un", None),
)
def test_french(phrase: str, expected: Bounds | None) -> None:
    assert read(phrase, "fr") == expected


def test_french_sentence() -> None:
    text = (
        "Au moins 9 personnes ont été tuées et plus de 660 000 déplacées le 14 juillet 2022 ; "
        "5 millions d'euros, 30 % des maisons, à 14 h 30, le 1er mai, en 2021."
    )
    assert texts(text, "fr") == ["Au moins 9", "plus de 660 000"]


@table(
    ("en az 9", at_least(9)),
    ("9'dan fazla", more_than(9)),
    ("1.000'den fazla", more_than(1000)),
    ("binden fazla", more_than(1000)),
    ("birden fazla", more_than(1)),
    ("yaklaşık 200", about(200)),
    ("en fazla 50", up_to(50)),
    ("50'ye kadar", up_to(50)),
    ("100'ü aşkın", more_than(100)),
    ("6 bini aştı", more_than(6000)),
    ("660 binden fazla", more_than(660000)),
    ("10 ile 15 arasında", between(10, 15)),
    ("1.000", exact(1000)),
    ("1,5 milyon", exact(1500000)),
    ("bin", exact(1000)),
    ("iki yüz elli", exact(250)),
    ("bir milyon", exact(1000000)),
    ("iki buçuk milyon", exact(2500000)),
    ("on binlerce", vague(20000)),
    ("yüz binlerce", vague(200000)),
    ("binlerce", vague(2000)),
    ("bir", None),
)
def test_turkish(phrase: str, expected: Bounds | None) -> None:
    assert read(phrase, "tr") == expected


def test_turkish_sentence() -> None:
    text = (
        "En az 9 kişi öldü, 1.000'den fazla kişi yaralandı. 6 Şubat 2023'te bina çöktü; "
        "2022'de %30 arttı, yüzde 40; 5 milyon lira; 5'inci kat. Ondan fazla."
    )
    assert texts(text, "tr") == ["En az 9", "1.000'den fazla"]


@table(
    ("mindestens 9", at_least(9)),
    ("mehr als 1.000", more_than(1000)),
    ("etwa 200", about(200)),
    ("bis zu 50", up_to(50)),
    ("zwischen 10 und 15", between(10, 15)),
    ("2,5 Millionen", exact(2500000)),
    ("Zehntausende", vague(20000)),
)
def test_german(phrase: str, expected: Bounds) -> None:
    assert read(phrase, "de") == expected


def test_thousands_separator_depends_on_language() -> None:
    assert read("1.000", "en") is None
    assert read("1.000", "de") == exact(1000)
    assert read("1,5 million", "en") is None
    assert read("1,5 million", "fr") == exact(1500000)


@table(
    ("Más de 1.000 muertos y 2,000 heridos; 30% y $5; 1,5 y 12.", ["1.000", "2,000", "12"]),
    ("more than 30 people", ["30"]),
    first="text",
)
def test_unknown_language_reads_digits_only(text: str, expected: list[str]) -> None:
    assert texts(text, "und") == expected


def test_region_and_case_of_language_code_are_ignored() -> None:
    assert texts("more than 30", "EN-gb") == ["more than 30"]
    assert texts("plus de 30", "fr_FR") == ["plus de 30"]


# -- the contract -------------------------------------------------------------------------


def test_parse_quantity_needs_the_whole_phrase() -> None:
    assert parse_quantity("37 people") is None
    assert parse_quantity("people 37") is None
    quantity = parse_quantity("  37  ")
    assert quantity is not None
    assert (quantity.start, quantity.end, quantity.text) == (2, 4, "37")


def test_quantity_is_a_frozen_record() -> None:
    quantity = parse_quantity("37")
    assert quantity == Quantity(37, 37, None, "exact", 0, 2, "37")
    with pytest.raises(dataclasses.FrozenInstanceError):
        quantity.low = 3  # type: ignore[misc]


def test_qualifiers_match_the_shared_vocabulary() -> None:
    from livedesk.models import QUALIFIERS as MODEL_QUALIFIERS

    assert QUALIFIERS == MODEL_QUALIFIERS


def test_word_lists_are_not_read_at_import() -> None:
    code = (
        "import livedesk.understand.numbers as n; "
        "print(n._lexicon.cache_info().currsize); n.find_quantities('3'); "
        "print(n._lexicon.cache_info().currsize)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["0", "1"]


# -- properties ---------------------------------------------------------------------------

_UNITS = (
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
    "nineteen",
)  # fmt: skip
_TENS = ("", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")


@dataclasses.dataclass(frozen=True)
class Style:
    """How a number is spelled out: 'three hundred and forty-five' or 'a hundred forty five'."""

    with_and: bool = True
    hyphen: bool = True
    article: bool = False


def _below_hundred(n: int, style: Style) -> str:
    if n < 20:
        return _UNITS[n]
    tens, unit = divmod(n, 10)
    return _TENS[tens] + ("" if not unit else ("-" if style.hyphen else " ") + _UNITS[unit])


def _below_thousand(n: int, style: Style) -> str:
    hundreds, rest = divmod(n, 100)
    words = [f"{_UNITS[hundreds]} hundred"] if hundreds else []
    if rest:
        words += ["and"] if hundreds and style.with_and else []
        words.append(_below_hundred(rest, style))
    return " ".join(words)


def spell(n: int, style: Style = Style()) -> str:
    """English words for 0 <= n < 1,000,000."""
    if n == 0:
        return "zero"
    thousands, rest = divmod(n, 1000)
    words = [f"{_below_thousand(thousands, style)} thousand"] if thousands else []
    if rest:
        words += ["and"] if thousands and rest < 100 and style.with_and else []
        words.append(_below_thousand(rest, style))
    text = " ".join(words)
    if style.article and text.startswith(("one hundred", "one thousand")):
        text = "a" + text[3:]
    return text


def test_spell_writes_english() -> None:
    assert spell(345) == "three hundred and forty-five"
    assert spell(1005) == "one thousand and five"
    assert spell(120045, Style(False, False, True)) == "a hundred twenty thousand forty five"


styles = st.builds(Style, st.booleans(), st.booleans(), st.booleans())


@st.composite
def numerals(draw: st.DrawFn, max_value: int = 999_999) -> tuple[str, int]:
    """A number written as plain digits, digits with thousands commas, or English words."""
    value = draw(st.integers(0, max_value))
    form = draw(st.sampled_from(["digits", "commas", "words"]))
    if form == "digits":
        return str(value), value
    if form == "commas":
        return f"{value:,}", value
    return spell(value, draw(styles)), value


@settings(max_examples=PROPERTY_EXAMPLES)
@given(st.integers(0, 999_999), styles)
@example(999_999, Style())
@example(100_000, Style(article=True))
def test_spelled_numbers_read_exactly(value: int, style: Style) -> None:
    assert read(spell(value, style)) == exact(value)


@settings(max_examples=PROPERTY_EXAMPLES)
@given(st.integers(0, 10**12), st.booleans())
def test_digits_with_and_without_commas_read_exactly(value: int, commas: bool) -> None:
    assert read(f"{value:,}" if commas else str(value)) == exact(value)


QUALIFIED = {
    "at least": at_least,
    "more than": more_than,
    "up to": up_to,
    "about": about,
}


@settings(max_examples=PROPERTY_EXAMPLES)
@given(st.sampled_from(sorted(QUALIFIED)), numerals())
def test_qualified_numbers_read_exactly(qualifier: str, numeral: tuple[str, int]) -> None:
    text, value = numeral
    assert read(f"{qualifier} {text}") == QUALIFIED[qualifier](value)


@settings(max_examples=PROPERTY_EXAMPLES)
@given(
    numerals(),
    st.integers(1, 10**6),
    st.sampled_from(["between {} and {}", "from {} to {}", "{} to {}"]),
    st.booleans(),
)
def test_ranges_read_exactly(low: tuple[str, int], gap: int, form: str, commas: bool) -> None:
    low_text, low_value = low
    high_value = low_value + gap
    high_text = f"{high_value:,}" if commas else str(high_value)
    expected = None if year_span(low_text, high_text) else between(low_value, high_value)
    assert read(form.format(low_text, high_text)) == expected


def year_span(low: str, high: str) -> bool:
    """Two plain four-digit numbers in 1900-2100 are a span of years, not a range."""
    return all(
        text.isdigit() and len(text) == 4 and 1900 <= int(text) <= 2100 for text in (low, high)
    )


@settings(max_examples=PROPERTY_EXAMPLES)
@given(st.integers(0, 10**6), st.integers(1, 10**6), st.sampled_from(["-", "–"]))
@example(1900, 1, "-")
def test_dash_ranges_read_exactly(low: int, gap: int, dash: str) -> None:
    low_text, high_text = str(low), str(low + gap)
    expected = None if year_span(low_text, high_text) else between(low, low + gap)
    assert read(f"{low_text}{dash}{high_text}") == expected


@settings(max_examples=PROPERTY_EXAMPLES)
@given(st.integers(1, 999), st.sampled_from(["thousand", "million", "billion"]))
def test_n_scale_reads_exactly(count: int, scale: str) -> None:
    times = {"thousand": 10**3, "million": 10**6, "billion": 10**9}[scale]
    assert read(f"{count} {scale}") == exact(count * times)


@settings(max_examples=PROPERTY_EXAMPLES)
@given(st.integers(0, 999))
def test_n_point_five_million_reads_exactly(count: int) -> None:
    assert read(f"{count}.5 million") == exact(count * 10**6 + 500_000)


@settings(max_examples=PROPERTY_EXAMPLES)
@given(st.sampled_from(sorted(QUALIFIED)), numerals())
def test_quantity_is_found_inside_a_sentence(qualifier: str, numeral: tuple[str, int]) -> None:
    phrase = f"{qualifier} {numeral[0]}"
    text = f"Officials said {phrase} people were hurt."
    found = find_quantities(text)
    assert [(q.text, q.start) for q in found] == [(phrase, len("Officials said "))]
    assert bounds(found[0]) == QUALIFIED[qualifier](numeral[1])


def _check_spans(text: str, found: list[Quantity]) -> None:
    position = 0
    for quantity in found:
        assert text[quantity.start : quantity.end] == quantity.text
        assert position <= quantity.start < quantity.end
        position = quantity.end
        assert quantity.qualifier in QUALIFIERS
        if quantity.qualifier == "range":
            assert quantity.low is not None and quantity.high is not None
            assert quantity.low < quantity.high


@settings(max_examples=FUZZ_EXAMPLES, suppress_health_check=[HealthCheck.too_slow])
@given(st.text())
def test_find_quantities_never_raises_and_spans_are_valid(text: str) -> None:
    for language in LANGUAGES:
        _check_spans(text, find_quantities(text, language))


_PIECES = [
    *QUALIFIED, "between", "and", "to", "from", "-", "–", ",", ".", "'", "%", "$", ":", "/",
    "0", "1", "7", "12", "30", "2022", "1,000", "1.000", "10 000", "3.5", "1,5",
    "one", "twenty", "five", "hundred", "thousand", "million", "half", "a", "an", "of",
    "dozens", "tens", "hundreds", "thousands", "several", "some", "no one", "or more", "m",
    "March", "May", "in", "percent", "dollars", "pm", "th", "year", "old",
    "plus de", "environ", "jusqu'à", "mille", "vingt", "et", "un", "entre", "à", "de",
    "en az", "fazla", "dan", "yaklaşık", "bin", "binden", "ile", "arasında", "yüz", "on",
]  # fmt: skip


@settings(max_examples=FUZZ_EXAMPLES)
@given(
    st.lists(
        st.tuples(st.sampled_from(_PIECES), st.sampled_from([" ", "", "  ", "-", "\u00a0"])),
        max_size=14,
    )
)
def test_find_quantities_on_number_like_text(pieces: list[tuple[str, str]]) -> None:
    text = "".join(piece + gap for piece, gap in pieces)
    for language in LANGUAGES:
        found = find_quantities(text, language)
        _check_spans(text, found)
        for quantity in found:  # a quantity read alone reads the same
            alone = parse_quantity(quantity.text, language)
            assert alone is not None and bounds(alone) == bounds(quantity)
