"""The number grammar: find quantity expressions in report text and read them into bounds.

What this module promises
-------------------------
``find_quantities(text, language)`` returns every quantity expression in ``text``, left to
right and non-overlapping, each with a span such that ``text[q.start:q.end] == q.text``. It
never raises on a ``str``, whatever the language code (unknown codes are read digits-only).
``parse_quantity(phrase)`` reads a phrase that is wholly one quantity expression, else None.

Each quantity gets a qualifier and bounds:

============  ==============================================  ==============================
qualifier     examples                                        bounds
============  ==============================================  ==============================
exact         "37", "1,200", "two", "half a million", "2m"    low = high = value
more_than     "more than 30", "over 30", "9'dan fazla"        low = value + 1
at_least      "at least 9", "a minimum of 9", "50 or more"    low = value
up_to         "up to 50", "as many as 50", "jusqu'à 50"       high = value
less_than     "fewer than 20", "under 20"                     high = value - 1
about         "about 200", "nearly 875,000", "some 200"       approx = value
range         "between 10 and 15", "10-15", "10 to 15"        low, high (low < high)
vague         "dozens" (24), "tens of thousands" (20000)      low = 2 x the round number
              "several", "many", "a number of", "some"        no bounds
============  ==============================================  ==============================

"no one", "nobody" and "none" are exact 0; "one" is 1 ("one of the dead"), but not in "one
another". A range whose low end has no scale takes the high end's scale when it is smaller
than its count: "10 to 15 million" is 10-15 million; a qualifier before a range is dropped
("about 10 to 15" is the range 10-15). Nouns of approximate counts read as about: "a couple
of hundred" (200), "une vingtaine" (20).

Never quantities: a lone article ("a", "un", "bir"), ordinals ("first", "5th", "5'inci"),
years next to a month or after a year word ("in 2022", "2022'de") and ranges of years, days
next to a month ("14 March"), clock times ("14:05", "3 pm"), percentages ("30%", "yüzde 30"),
money ("$5 billion", "5 millions d'euros"), identifiers ("Resolution 2334", "COVID-19") and
numbers glued to words ("10-year-old", "5km", "twenty-first").

Languages: "en" in full (``,`` and spaces as thousands separators, ``.`` as decimal mark);
"fr", "tr" and "de" with digits (``.`` and spaces as thousands separators, ``,`` as decimal
mark), scales, qualifiers and number words; any other code gets digits alone, with ``,``,
``.`` or spaces as thousands separators. The word lists live in ``data/number_words.tsv``
and ``data/number_phrases.tsv``; they are read on first use, once per language.

The reading is layered, one module a layer: :mod:`~livedesk.understand.number_words` (word
lists and tokens), :mod:`~livedesk.understand.number_reader` (numbers in digits and words),
:mod:`~livedesk.understand.quantity_context` (what is not a quantity), and this module
(qualifiers, ranges, vague counts, and the public API).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache

from livedesk.understand.number_reader import MAX_VALUE, Number
from livedesk.understand.number_words import (
    BOUND_QUALIFIERS,
    GRAMMARS,
    STANDALONE_KINDS,
    Entry,
    Lexicon,
    adjacent,
    fold_word,
    language_key,
    load_lexicon,
)
from livedesk.understand.quantity_context import Candidate, QuantityContext

__all__ = ["QUALIFIERS", "Quantity", "find_quantities", "parse_quantity"]

QUALIFIERS = ("exact", "more_than", "at_least", "up_to", "less_than", "about", "range", "vague")
# A vague plural ('dozens', 'hundreds') means at least two of its round number.
VAGUE_MINIMUM = 2


@dataclass(frozen=True)
class Quantity:
    """A quantity expression as read: bounds, qualifier and where it is in the text."""

    low: int | None
    high: int | None
    approx: int | None
    qualifier: str
    start: int
    end: int
    text: str


@lru_cache(maxsize=len(GRAMMARS))
def _lexicon(key: str) -> Lexicon:
    """The word lists of one language (key from language_key), read on first use, once."""
    return load_lexicon(key)


def _as_int(value: Decimal) -> int:
    return int(value.to_integral_value(rounding=ROUND_HALF_UP))


class _Reader(QuantityContext):
    """Reads the quantities of one text: numbers with their qualifiers, ranges, vague counts."""

    def __init__(self, text: str, language: str) -> None:
        super().__init__(text, _lexicon(language_key(language)))

    # -- quantities ----------------------------------------------------------------------

    def candidates(self, i: int) -> list[Candidate]:
        """Every reading that starts at token i, in order of preference for equal length."""
        found: list[Candidate] = []
        for number in self.numbers(i):
            for kinds_end, entry in self._suffixes(number.end):
                found.extend(self._qualified(entry.kind, number, kinds_end))
            if number.bare_ok:
                value = _as_int(number.value)
                found.append(Candidate(number.end, "exact", value, value, None, (number,), True))
        found.extend(self._ranges(i))
        for end, entry in self.lexemes(i):
            if entry.kind in BOUND_QUALIFIERS and entry.position == "before":
                for number in self.numbers(end):
                    found.extend(self._qualified(entry.kind, number, number.end))
                noun = self._approx_noun(end)
                if noun:
                    found.extend(self._qualified(entry.kind, noun, noun.end))
        nobody = self.phrase(i, frozenset({"nobody"}), "-")
        if nobody:
            found.append(Candidate(nobody[0], "exact", 0, 0))
        found.extend(self._vague(i))
        noun = self._approx_noun(i)
        if noun:
            found.extend(self._qualified("about", noun, noun.end))
        indefinite = self.phrase(i, frozenset({"indefinite"}), "-")
        if indefinite:
            found.append(Candidate(indefinite[0], "vague"))
        return found

    def _approx_noun(self, i: int) -> Number | None:
        """'une vingtaine' (20), 'a couple of hundred' (200), 'une centaine de milliers'."""
        noun = self.phrase(i, frozenset({"approx_noun"}), "-")
        if noun is None or noun[1].value is None:
            return None
        value, end = noun[1].value, noun[0]
        while value <= MAX_VALUE:
            more = self._vague_more(end)
            if more is None:
                break
            value, end = value * more[0], more[1]
        return Number(end, value, value, None, False, True, None)

    def _suffixes(self, i: int) -> Iterator[tuple[int, Entry]]:
        after = self.phrase(i, BOUND_QUALIFIERS, "after") if i < len(self.tokens) else None
        if after:
            yield after
        glued = self.attached(i, BOUND_QUALIFIERS)
        if glued:
            yield glued

    def _qualified(self, qualifier: str, number: Number, end: int) -> Iterator[Candidate]:
        if not number.bare_ok and number.digits is not None:
            return  # an unscaled decimal: '1.5', 'more than 2.5'
        value = _as_int(number.value)
        if qualifier == "more_than":
            yield Candidate(end, qualifier, low=value + 1, numbers=(number,))
        elif qualifier == "at_least":
            yield Candidate(end, qualifier, low=value, numbers=(number,))
        elif qualifier == "up_to":
            yield Candidate(end, qualifier, high=value, numbers=(number,))
        elif qualifier == "less_than" and value > 0:
            yield Candidate(end, qualifier, high=value - 1, numbers=(number,))
        elif qualifier == "about":
            yield Candidate(end, qualifier, approx=value, numbers=(number,))

    def _ranges(self, i: int) -> Iterator[Candidate]:
        """'between 10 and 15', '10-15', '10 to 15 million', '10 ile 15 arasında'."""
        starts = [(i, False)]
        for end, entry in self.lexemes(i):
            if entry.kind in BOUND_QUALIFIERS and entry.position == "before":
                starts.append((end, False))  # 'about 10 to 15' is the range
        for start, _ in list(starts):
            for end, entry in self.lexemes(start):
                if entry.kind == "range_open":
                    starts.append((end, True))
        for start, opened in starts:
            for low in self.numbers(start):
                if low.end >= len(self.tokens):
                    continue
                for join_end, join in self.lexemes(low.end):
                    if join.kind != "range_join" or (join.position == "opened" and not opened):
                        continue
                    if self._hyphen_in_words(low.end, join_end):
                        continue
                    for high in self.numbers(join_end):
                        close = self.phrase(high.end, frozenset({"range_close"}), "after")
                        if join.position == "closed" and close is None:
                            continue
                        bounds = _range_bounds(low, high)
                        if bounds:
                            end = close[0] if close else high.end
                            yield Candidate(end, "range", *bounds, None, (low, high), True)

    def _hyphen_in_words(self, start: int, end: int) -> bool:
        """A dash glued between words is part of a number ('ninety-nine'), not a range."""
        tokens = self.tokens
        if end != start + 1 or tokens[start].kind != "sym" or end >= len(tokens):
            return False
        before, dash, after = tokens[start - 1], tokens[start], tokens[end]
        glued = adjacent(before, dash) and adjacent(dash, after)
        return glued and "word" in (before.kind, after.kind)

    def _vague(self, i: int) -> Iterator[Candidate]:
        """'dozens', 'tens of thousands', 'several hundred', 'on binlerce'."""
        leads: list[tuple[int, Decimal, Decimal, bool]] = []  # (end, times, count, indefinite)
        indefinite = self.phrase(i, frozenset({"indefinite"}), "-")
        if indefinite and indefinite[1].value is not None:
            leads.append((indefinite[0], indefinite[1].value, Decimal(1), True))
        if self.grammar.counted_vague:
            for number in self.numbers(i):
                if number.digits is None:
                    leads.append((number.end, Decimal(VAGUE_MINIMUM), number.value, False))
        leads.append((i, Decimal(VAGUE_MINIMUM), Decimal(1), False))
        lead_in = self.phrase(i, frozenset({"vague_lead"}), "-")  # 'des dizaines'
        if lead_in:
            leads.append((lead_in[0], Decimal(VAGUE_MINIMUM), Decimal(1), False))
        for start, times, count, after_indefinite in leads:
            product, end = self._vague_base(start, after_indefinite)
            if product is None:
                continue
            while product <= MAX_VALUE:
                more = self._vague_more(end)
                if more is None:
                    break
                product, end = product * more[0], more[1]
            low = _as_int(times * count * product)
            if low <= MAX_VALUE:
                yield Candidate(end, "vague", low=low)

    def _vague_base(self, i: int, after_indefinite: bool) -> tuple[Decimal | None, int]:
        kinds = {"vague"} | ({"hundred", "dozen", "scale"} if after_indefinite else set())
        found = self.phrase(i, frozenset(kinds), "-")
        if found and found[1].value is not None:
            return found[1].value, found[0]
        return None, i

    def _vague_more(self, i: int) -> tuple[Decimal, int] | None:
        """'of thousands' after a vague plural, 'thousand' after 'several hundred'."""
        link = self.phrase(i, frozenset({"of"}), "-")
        if link:
            plural = self.phrase(link[0], frozenset({"vague"}), "-")
            if plural and plural[1].value is not None:
                return plural[1].value, plural[0]
        scale = self.phrase(i, frozenset({"scale", "hundred"}), "-")
        if scale and scale[1].value is not None:
            return scale[1].value, scale[0]
        return None

    # -- reading -------------------------------------------------------------------------

    def best(self, i: int) -> Candidate | None:
        found = self.candidates(i)
        return max(found, key=lambda candidate: candidate.end) if found else None

    def quantity(self, i: int, candidate: Candidate) -> Quantity:
        start, end = self.tokens[i].start, self.tokens[candidate.end - 1].end
        return Quantity(
            low=candidate.low,
            high=candidate.high,
            approx=candidate.approx,
            qualifier=candidate.qualifier,
            start=start,
            end=end,
            text=self.text[start:end],
        )

    def read_all(self) -> list[Quantity]:
        quantities, i = [], 0
        while i < len(self.tokens):
            candidate = self.best(i)
            if candidate is None:
                i += 1
                continue
            skip = self.rejection(i, candidate)
            if skip is None:
                quantities.append(self.quantity(i, candidate))
                i = candidate.end
            else:
                i = max(skip, i + 1)
        return quantities


def _range_bounds(low: Number, high: Number) -> tuple[int, int] | None:
    """Low and high of a range, the low end taking the high end's scale ('10 to 15 million')."""
    low_value = low.value
    if low.unscaled and high.scale is not None and low_value < high.count:
        low_value *= high.scale
    elif not low.bare_ok and low.digits is not None:
        return None  # '1.5 to 2' has no whole low end
    if low_value != low_value.to_integral_value() and low.unscaled:
        return None
    if not high.bare_ok and high.digits is not None:
        return None
    bounds = _as_int(low_value), _as_int(high.value)
    return bounds if bounds[0] < bounds[1] else None


def find_quantities(text: str, language: str = "en") -> list[Quantity]:
    """Every quantity expression in text: non-overlapping, left to right, with spans.

    ``language`` is an ISO 639-1 code ("en", "fr", "tr", "de"; a region such as "en-GB" is
    ignored); any other code reads digits only. Never raises on a str.
    """
    if not _may_hold_quantity(text, language_key(language)):
        return []
    return _Reader(text, language).read_all()


# Languages whose number words stand alone between spaces, so a word-by-word look-up can tell
# that a text holds none (Turkish glues suffixes on: "binden fazla").
_PREFILTER_LANGUAGES = {"en", "fr", "de"}
_WORDS = re.compile(r"[^\W\d_]+")


@lru_cache(maxsize=len(GRAMMARS))
def _count_words(key: str) -> frozenset[str]:
    """Words without which no quantity can be read: the longest word of every entry that
    counts by itself ("two", "dozens", "one" of "no one", "number" of "a number of")."""
    lexicon = _lexicon(key)
    return frozenset(
        max(words, key=len)
        for words, entries in lexicon.entries.items()
        if any(entry.kind in STANDALONE_KINDS for entry in entries)
    )


def _may_hold_quantity(text: str, key: str) -> bool:
    """A cheap test run before the full grammar: a digit, or a word that counts."""
    if key not in _PREFILTER_LANGUAGES or any(char.isdigit() for char in text):
        return True
    words = _count_words(key)
    return any(fold_word(match.group()) in words for match in _WORDS.finditer(text))


def parse_quantity(phrase: str, language: str = "en") -> Quantity | None:
    """Read a phrase that IS one quantity expression (the whole string, outer spaces aside).

    Returns None when the phrase is not exactly one quantity ("a", "first", "30%", "$5
    billion", "37 people"). Spans are offsets into ``phrase``.
    """
    reader = _Reader(phrase, language)
    if not reader.tokens:
        return None
    candidate = reader.best(0)
    if candidate is None or candidate.end != len(reader.tokens):
        return None
    if reader.rejection(0, candidate) is not None:
        return None
    return reader.quantity(0, candidate)
