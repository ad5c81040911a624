"""Reading numbers from tokens: "1,200", "two thousand three hundred", "half a million", "2m".

A :class:`NumberReader` walks the tokens of one text (see
:mod:`livedesk.understand.number_words`). ``numbers(i)`` gives every number that starts at
token ``i``, one per possible end, each with its value and what a range or a qualifier needs
to know of it (its count and scale, whether it stands alone). The reader also answers the
phrase lookups that :mod:`livedesk.understand.numbers` builds quantities from.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace
from decimal import Decimal

from livedesk.understand.number_words import (
    NUMBER_KINDS,
    SMALL_KINDS,
    Entry,
    Lexicon,
    Token,
    adjacent,
    tokenize,
)

__all__ = ["BARE_MULTIPLIER_MAX", "MAX_VALUE", "Number", "NumberReader"]

# Bigger values are identifiers or phone numbers; no report counts past ten trillion.
MAX_VALUE = Decimal(10) ** 13
# A multiplier up to this size counts alone in some languages ('cent', 'mille', 'bin');
# 'million' always needs a count ('un million'), so bare 'millions' stays a vague plural.
BARE_MULTIPLIER_MAX = Decimal(1000)


@dataclass(frozen=True)
class Number:
    """A number read from the tokens up to end (the start is where the reading began)."""

    end: int
    value: Decimal
    count: Decimal  # the count before a single trailing scale ('15' in '15 million')
    scale: Decimal | None  # that scale, None when the number is not 'count scale'
    unscaled: bool  # no multiplier at all ('10', 'twenty'): may take a range's scale
    bare_ok: bool  # False for a lone article ('un', 'bir') and for unscaled decimals ('1.5')
    digits: Token | None  # the token when the number is a single run of digits


@dataclass(frozen=True)
class _State:
    """Where the number reader is: value so far and what may come next."""

    items: int = 0
    total: Decimal = Decimal(0)  # closed groups ('2000' in 'two thousand three hundred')
    group: Decimal | None = None  # the open group
    small: Decimal | None = None  # last additive word in the open group
    can_add: bool = True  # may an additive word follow
    has_hundred: bool = False
    last_scale: Decimal | None = None
    just_scaled: bool = False
    need: str = ""  # "", "multiplier", "small" or "one" (after French 'et')
    fraction: bool = False  # a fraction waits for its multiplier ('half a million')
    hyphen: bool = False  # a hyphen waits for the next number word
    closed: bool = False  # nothing may follow ('zero', 'two dozen', 'un million et demi')
    digits: Token | None = None
    decimal: bool = False  # a decimal that no multiplier has scaled yet
    multiplied: bool = False
    scale_count: Decimal | None = None  # count before the first scale, when it is the last
    article: bool = False  # the number so far is one article-like word


class NumberReader:
    """Reads the numbers of one text, digits or words; memoises the lookups at each token."""

    def __init__(self, text: str, lexicon: Lexicon) -> None:
        self.text = text
        self.lexicon = lexicon
        self.grammar = lexicon.grammar
        self.tokens = tokenize(text, lexicon)
        self._lexemes: dict[int, list[tuple[int, Entry]]] = {}
        self._numbers: dict[int, list[Number]] = {}

    # -- looking up words and phrases ------------------------------------------------------

    def lexemes(self, i: int) -> list[tuple[int, Entry]]:
        """Every data entry whose phrase starts at token i, as (end, entry), longest first."""
        if i not in self._lexemes:
            found = []
            words = [token.norm for token in self.tokens[i : i + self.lexicon.longest]]
            for size in range(len(words), 0, -1):
                for entry in self.lexicon.entries.get(tuple(words[:size]), ()):
                    found.append((i + size, entry))
            self._lexemes[i] = found
        return self._lexemes[i]

    def phrase(self, i: int, kinds: frozenset[str], positions: str) -> tuple[int, Entry] | None:
        """The longest phrase of one of kinds at token i whose position is in positions."""
        for end, entry in self.lexemes(i):
            if entry.kind in kinds and entry.position in positions.split():
                return end, entry
        return None

    def attached(self, i: int, kinds: frozenset[str]) -> tuple[int, Entry] | None:
        """A phrase glued to the token before i, with an optional apostrophe ("9'dan fazla")."""
        if not 0 < i < len(self.tokens) or not adjacent(self.tokens[i - 1], self.tokens[i]):
            return None
        if self.tokens[i].norm == "'":
            i += 1
            if i >= len(self.tokens) or not adjacent(self.tokens[i - 1], self.tokens[i]):
                return None
        return self.phrase(i, kinds, "attached")

    def ends_with(self, i: int, kinds: frozenset[str], positions: str) -> bool:
        """Whether a phrase of one of kinds ends just before token i."""
        wanted = positions.split()
        for start in range(max(0, i - self.lexicon.longest), i):
            for end, entry in self.lexemes(start):
                if end == i and entry.kind in kinds and entry.position in wanted:
                    return True
        return False

    def is_month(self, i: int) -> bool:
        if not 0 <= i < len(self.tokens):
            return False
        token = self.tokens[i]
        if self.grammar.capital_months and not self.text[token.start].isupper():
            return False
        return self.phrase(i, frozenset({"month"}), "-") is not None

    # -- numbers -------------------------------------------------------------------------

    def numbers(self, i: int) -> list[Number]:
        """Every number that starts at token i, one per possible end."""
        if i not in self._numbers:
            self._numbers[i] = list(self._read_numbers(i))
        return self._numbers[i]

    def _read_numbers(self, i: int) -> Iterator[Number]:
        state, j = _State(), i
        while j < len(self.tokens):
            step = self._step(state, j)
            if step is None:
                return
            state, j = step
            if state.need or state.hyphen:
                continue
            value = state.total + (state.group or Decimal(0))
            if value > MAX_VALUE:
                return
            single_scale = state.scale_count is not None and state.just_scaled
            yield Number(
                end=j,
                value=value,
                count=state.scale_count if single_scale and state.scale_count else value,
                scale=state.last_scale if single_scale else None,
                unscaled=not state.multiplied,
                bare_ok=not state.article and not state.decimal,
                digits=state.digits if state.items == 1 else None,
            )

    def _step(self, state: _State, j: int) -> tuple[_State, int] | None:
        """The state after reading the item at token j, or None if it cannot come next."""
        token = self.tokens[j]
        if state.closed:
            return None
        if token.kind == "num":
            if state.items or token.value is None or token.value > MAX_VALUE:
                return None
            digits = replace(
                state, items=1, group=token.value, can_add=False, digits=token,
                decimal=token.decimal,
            )  # fmt: skip
            return digits, j + 1
        if token.norm == "-" and state.items and not state.hyphen and 0 < j < len(self.tokens) - 1:
            before, after = self.tokens[j - 1], self.tokens[j + 1]
            words = before.kind == after.kind == "word"
            if words and adjacent(before, token) and adjacent(token, after):
                return replace(state, hyphen=True), j + 1
            return None
        for end, entry in self.lexemes(j):
            if entry.kind in NUMBER_KINDS or entry.kind in ("joiner", "of"):
                following = self._apply(state, entry, j, end)
                if following is not None:
                    return replace(following, items=state.items + 1, hyphen=False), end
        return None

    def _apply(self, s: _State, entry: Entry, j: int, end: int) -> _State | None:
        """One grammar rule: what entry does to the number read so far."""
        kind, value = entry.kind, entry.value or Decimal(0)
        starting = s.items == 0
        if kind == "zero":
            return replace(s, group=Decimal(0), closed=True) if starting else None
        if kind in SMALL_KINDS:
            if s.need not in ("", "small", "one") or not s.can_add:
                return None
            if s.need == "one" and value not in (1, 11):
                return None
            if s.small is not None and not (value < s.small and s.small % 10 == 0):
                return None
            if s.small is None and s.group is not None and not s.has_hundred:
                return None
            article = starting and any(e.kind == "article" for _, e in self.lexemes(j))
            return replace(
                s, group=(s.group or Decimal(0)) + value, small=value, need="",
                just_scaled=False, article=article,
            )  # fmt: skip
        if kind in ("hundred", "dozen"):
            return self._multiply(s, value, can_add=kind == "hundred")
        if kind in ("scale", "abbrev"):
            if kind == "abbrev" and not self._abbreviation_fits(s, j, end):
                return None
            return self._scale(s, value)
        if kind == "article":
            if starting:
                return replace(s, group=Decimal(1), can_add=False, need="multiplier", article=True)
            return s if s.fraction else None  # 'half a million', 'a quarter of a million'
        if kind == "of":
            return s if s.fraction else None
        if kind == "fraction":
            if s.fraction or s.has_hundred or s.total or not (starting or s.article):
                return None
            return replace(s, group=value, fraction=True, can_add=False, need="multiplier")
        if kind == "plus_half":  # 'one and a half million', 'iki buçuk milyon'
            counted = s.digits is not None or s.small is not None
            if s.group is None or not counted or s.need or s.has_hundred or s.fraction:
                return None
            return replace(s, group=s.group + value, can_add=False, need="multiplier")
        if kind == "half_after":
            if not s.just_scaled or s.last_scale is None:
                return None
            return replace(s, total=s.total + s.last_scale * value, closed=True, scale_count=None)
        if kind == "joiner":
            return self._join(s)
        return None

    def _join(self, s: _State) -> _State | None:
        """'and' after a multiplier ('three hundred and forty'), 'et' after tens ('vingt et un')."""
        if s.need or s.fraction:
            return None
        if self.grammar.joiner_after_tens:
            if s.small is not None and s.small >= 20 and s.small % 10 == 0:
                return replace(s, need="one")
            return None
        if (s.has_hundred and s.small is None and s.can_add) or s.just_scaled:
            return replace(s, need="small")
        return None

    def _multiply(self, s: _State, value: Decimal, can_add: bool) -> _State | None:
        """'hundred' or 'dozen': multiplies the open group, which stays open."""
        if s.need not in ("", "multiplier") or s.has_hundred:
            return None
        group = s.group
        if group is None:
            if not self.grammar.bare_multipliers or s.items:
                return None
            group = Decimal(1)
        if group >= 100:
            return None
        return replace(
            s, group=group * value, has_hundred=True, small=None, can_add=can_add, need="",
            fraction=False, just_scaled=False, decimal=False, multiplied=True, article=False,
        )  # fmt: skip

    def _scale(self, s: _State, value: Decimal) -> _State | None:
        """'thousand', 'million', '2m': multiplies the open group and closes it."""
        if s.need not in ("", "multiplier"):
            return None
        if s.last_scale is not None and value >= s.last_scale:
            return None
        group = s.group
        if group is None:
            if not self.grammar.bare_multipliers or s.items or value > BARE_MULTIPLIER_MAX:
                return None
            group = Decimal(1)
        return replace(
            s, total=s.total + group * value, group=None, small=None, can_add=True,
            has_hundred=False, last_scale=value, just_scaled=True, need="", fraction=False,
            decimal=False, multiplied=True, article=False,
            scale_count=group if s.last_scale is None else None,
        )  # fmt: skip

    def _abbreviation_fits(self, s: _State, j: int, end: int) -> bool:
        """'2m', '1.5bn', '5 bn': an abbreviation right after digits, glued if one letter."""
        if s.digits is None or s.items != 1 or j == 0:
            return False
        glued = adjacent(self.tokens[j - 1], self.tokens[j])
        return glued or (len(self.tokens[j].norm) > 1 and end == j + 1)
