"""The date word lists (``data/date_*.tsv``): month, weekday, unit and cue words per language.

Each row is (kind, language, word, value); language ``*`` is language-neutral (time-zone names).
The files are read on first use, once; :func:`date_words` builds the lookup for a set of
languages. Both the publication step (:mod:`livedesk.ingest.published`) and event dates
(:mod:`livedesk.understand.dates`) read dates through these lists.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from livedesk.errors import ResourceError

__all__ = [
    "DATE_WORD_FILES",
    "LANGUAGES",
    "DateWords",
    "date_word_rows",
    "date_words",
    "word_key",
    "word_pattern",
]

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
        return "|".join(r"\s+".join(word_pattern(part) for part in word.split()) for word in words)


def word_pattern(word: str) -> str:
    """A regular expression that matches ``word`` literally, either apostrophe for ``'``."""
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
