"""What is not a quantity: a number read in a context that makes it something else.

Numbers glued to words or codes ("COVID-19", "5km", "10-year-old"), years and days next to a
month or a year word ("14 March", "in 2022", "2022'de"), clock times ("14:05", "3 pm"),
percentages, money, ordinals ("5th", "5'inci") and "one" in "one another".
:meth:`QuantityContext.rejection` tells, for one reading, whether it stands and, if not, where
the reading of quantities goes on.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from livedesk.understand.number_reader import Number, NumberReader
from livedesk.understand.number_words import adjacent

__all__ = ["DAY_WINDOW", "GLUE_MARKS", "YEAR_WINDOW", "Candidate", "QuantityContext"]

# Four-digit numbers in this window read as years when a year word is next to them.
YEAR_WINDOW = range(1900, 2101)
# Numbers in this window read as days of the month when a month name is next to them.
DAY_WINDOW = range(1, 32)
# Punctuation that glues a number to the token before it into one code ('COVID-19', '1/2').
GLUE_MARKS = frozenset("-/.,:")


@dataclass(frozen=True)
class Candidate:
    """A reading that starts at some token, before its context is checked: where it ends, its
    qualifier and bounds, and the numbers it was read from."""

    end: int
    qualifier: str
    low: int | None = None
    high: int | None = None
    approx: int | None = None
    numbers: tuple[Number, ...] = ()
    plain: bool = False  # exact or range with no qualifier word: may be a year or a day


class QuantityContext(NumberReader):
    """A number reader that can tell when a reading is not a quantity."""

    def rejection(self, i: int, candidate: Candidate) -> int | None:
        """None if the candidate at token i is a quantity, else the token index to skip to."""
        end = candidate.end
        if self._rejected_before(i, candidate):
            return end
        after = self._rejected_after(end, candidate)
        if after is not None:
            return max(after, end)
        return None

    def _rejected_before(self, i: int, candidate: Candidate) -> bool:
        tokens = self.tokens
        if i > 0 and adjacent(tokens[i - 1], tokens[i]):
            before = tokens[i - 1]
            if before.kind in ("word", "num"):
                return True  # 'A10', 'COP28'
            glue = before.norm in GLUE_MARKS and i > 1 and adjacent(tokens[i - 2], before)
            if glue and tokens[i - 2].kind in ("word", "num"):
                return True  # 'COVID-19', '1/2', '14:05', 'mid-2022'
        for kind in ("currency", "percent", "label"):
            if self.ends_with(i, frozenset({kind}), "before"):
                return True
        return candidate.plain and self._dated_before(i, candidate)

    def _dated_before(self, i: int, candidate: Candidate) -> bool:
        """A day or year after a month ('March 14', 'March 14, 2022') or a year word."""
        j = i - 1
        while j >= 0 and self.tokens[j].norm == ".":
            j -= 1  # 'Jan. 5'
        if _all_in(candidate, DAY_WINDOW) and self.is_month(j):
            return True
        if not _all_years(candidate):
            return False
        if candidate.qualifier == "range" or self.ends_with(i, frozenset({"year"}), "before"):
            return True
        if self._listed_after_year(i):
            return True
        j = i - 1
        while j >= 0 and self.tokens[j].norm in {",", "."}:
            j -= 1
        if j >= 0 and _within(self.tokens[j].value, DAY_WINDOW):
            j -= 1
            while j >= 0 and self.tokens[j].norm in {",", "."}:
                j -= 1
        return self.is_month(j)

    def _listed_after_year(self, i: int) -> bool:
        """A year in a list of years: 'in 2015 and 2016', '2014, 2015'."""
        if i < 2:
            return False
        link, before = self.tokens[i - 1], self.tokens[i - 2]
        linking = link.norm == "," or any(
            end == i and entry.kind in ("joiner", "range_join")
            for end, entry in self.lexemes(i - 1)
        )
        return (
            linking
            and before.plain
            and len(before.norm) == 4
            and _within(before.value, YEAR_WINDOW)
        )

    def _rejected_after(self, end: int, candidate: Candidate) -> int | None:
        tokens = self.tokens
        if end >= len(tokens):
            return None
        last, following = tokens[end - 1], tokens[end]
        if adjacent(last, following):
            if last.kind == "num" and following.kind == "word":
                return end + 1  # '5th', '14h', '5km', '10am'
            if following.norm in GLUE_MARKS and end + 1 < len(tokens):
                beyond = tokens[end + 1]
                if adjacent(following, beyond) and (
                    beyond.kind == "num" or (following.norm == "-" and beyond.kind == "word")
                ):
                    return end + 2  # '24/7', '14:05', '10-year-old', '2022-23'
        for kind in ("percent", "time", "ordinal"):
            found = self.phrase(end, frozenset({kind}), "after between") or self.attached(
                end, frozenset({kind})
            )
            if found:
                minutes = found[0] < len(tokens) and tokens[found[0]].kind == "num"
                return found[0] + 1 if found[1].position == "between" and minutes else found[0]
        currency = self._currency_after(end)
        if currency is not None:
            return currency
        if candidate.qualifier == "exact" and candidate.low == 1:
            pronoun = self.phrase(end, frozenset({"pronoun"}), "after")
            if pronoun:
                return pronoun[0]  # 'one another'
        month = end
        while month < len(tokens) and tokens[month].norm == ".":
            month += 1  # '14. März'
        if candidate.plain and _all_in(candidate, DAY_WINDOW) and self.is_month(month):
            return month + 1
        if candidate.plain and _all_years(candidate):
            year = self.phrase(end, frozenset({"year"}), "after") or self.attached(
                end, frozenset({"year"})
            )
            if year:
                return year[0]
        return None

    def _currency_after(self, end: int) -> int | None:
        """'5 dollars', '500 €', 'millions of dollars', '5 millions d'euros'."""
        currency = frozenset({"currency"})
        found = self.phrase(end, currency, "after")
        if found:
            return found[0]
        link = self.phrase(end, frozenset({"of"}), "-")
        if link and link[0] < len(self.tokens):
            found = self.phrase(link[0], currency, "after")
            if found:
                return found[0]
        return None


def _within(value: Decimal | None, window: range) -> bool:
    return value is not None and value == value.to_integral_value() and int(value) in window


def _all_in(candidate: Candidate, window: range) -> bool:
    numbers = candidate.numbers
    return bool(numbers) and all(
        n.digits is not None and n.digits.plain and _within(n.value, window) for n in numbers
    )


def _all_years(candidate: Candidate) -> bool:
    return _all_in(candidate, YEAR_WINDOW) and all(
        n.digits is not None and len(n.digits.norm) == 4 for n in candidate.numbers
    )
