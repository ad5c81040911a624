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
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, replace
from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache
from importlib import resources

from livedesk.errors import ResourceError

__all__ = ["QUALIFIERS", "Quantity", "find_quantities", "parse_quantity"]

QUALIFIERS = ("exact", "more_than", "at_least", "up_to", "less_than", "about", "range", "vague")
# Qualifiers that a phrase ('more than', 'or more', "'dan fazla") puts on one number.
BOUND_QUALIFIERS = frozenset({"more_than", "at_least", "up_to", "less_than", "about"})
# A vague plural ('dozens', 'hundreds') means at least two of its round number.
VAGUE_MINIMUM = 2
# Four-digit numbers in this window read as years when a year word is next to them.
YEAR_WINDOW = range(1900, 2101)
# Numbers in this window read as days of the month when a month name is next to them.
DAY_WINDOW = range(1, 32)
# Bigger values are identifiers or phone numbers; no report counts past ten trillion.
MAX_VALUE = Decimal(10) ** 13
# A multiplier up to this size counts alone in some languages ('cent', 'mille', 'bin');
# 'million' always needs a count ('un million'), so bare 'millions' stays a vague plural.
BARE_MULTIPLIER_MAX = Decimal(1000)
# Punctuation that glues a number to the token before it into one code ('COVID-19', '1/2').
GLUE_MARKS = frozenset("-/.,:")
# Stems that Turkish splitting leaves alone: 'ondan' is 'from him' far more than 'from ten'.
UNSPLIT_STEMS = frozenset({"on"})

_NUMBER_KINDS = frozenset(
    {"zero", "unit", "teen", "tens", "hundred", "dozen", "scale", "abbrev", "article",
     "fraction", "plus_half", "half_after"}
)  # fmt: skip
_SMALL_KINDS = frozenset({"unit", "teen", "tens"})
_WORD_KINDS = _NUMBER_KINDS | {"nobody", "vague", "indefinite", "approx_noun"}
_PHRASE_KINDS = BOUND_QUALIFIERS | {
    "range_open", "range_join", "range_close", "of", "joiner", "currency", "percent", "time",
    "ordinal", "month", "year", "label", "pronoun", "vague_lead",
}  # fmt: skip
_FOLD = str.maketrans({"’": "'", "‘": "'", "ʼ": "'", "′": "'", "‐": "-", "‑": "-", "ı": "i"})
_WORD_PATTERN = r"(?:[^\W\d_]|[\u0300-\u036f])+"
_SPACES = "\u00a0\u202f\u2009"
_BACK_VOWELS = frozenset("aıou")
_FRONT_VOWELS = frozenset("eiöü")


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


@dataclass(frozen=True)
class _Grammar:
    """How one language writes numbers."""

    group_marks: str  # thousands separators between groups of three digits
    decimal_mark: str  # '' when the language is read without decimals
    bare_multipliers: bool  # 'cent', 'mille', 'bin' count alone; English says 'a hundred'
    joiner_after_tens: bool  # 'vingt et un' rather than 'three hundred and forty'
    split_suffixes: bool  # Turkish glues case endings to number words ('binden fazla')
    counted_vague: bool  # Turkish counts vague plurals: 'on binlerce' is tens of thousands
    capital_months: bool  # English 'May' is a month and 'may' a verb


_GRAMMARS = {
    "en": _Grammar(", " + _SPACES, ".", False, False, False, False, True),
    "fr": _Grammar(". " + _SPACES, ",", True, True, False, False, False),
    "tr": _Grammar(". " + _SPACES, ",", True, False, True, True, False),
    "de": _Grammar(". " + _SPACES, ",", True, False, False, False, False),
}
_FALLBACK = "*"
_GRAMMARS[_FALLBACK] = _Grammar(",. " + _SPACES, "", False, False, False, False, False)


@dataclass(frozen=True)
class _Entry:
    kind: str
    value: Decimal | None
    position: str


@dataclass(frozen=True)
class _Lexicon:
    grammar: _Grammar
    pattern: re.Pattern[str]
    entries: dict[tuple[str, ...], tuple[_Entry, ...]]
    longest: int
    suffixes: frozenset[str]  # endings that Turkish splitting may cut off a number word


@dataclass(frozen=True)
class _Token:
    norm: str
    start: int
    end: int
    kind: str  # "num", "word" or "sym"
    value: Decimal | None = None  # for "num"
    decimal: bool = False  # digits with a decimal part
    plain: bool = False  # digits without separators or decimals (how years are written)


@dataclass(frozen=True)
class _Number:
    """A number read from the tokens up to end (the start is where the reading began)."""

    end: int
    value: Decimal
    count: Decimal  # the count before a single trailing scale ('15' in '15 million')
    scale: Decimal | None  # that scale, None when the number is not 'count scale'
    unscaled: bool  # no multiplier at all ('10', 'twenty'): may take a range's scale
    bare_ok: bool  # False for a lone article ('un', 'bir') and for unscaled decimals ('1.5')
    digits: _Token | None  # the token when the number is a single run of digits


@dataclass(frozen=True)
class _Candidate:
    end: int
    qualifier: str
    low: int | None = None
    high: int | None = None
    approx: int | None = None
    numbers: tuple[_Number, ...] = ()
    plain: bool = False  # exact or range with no qualifier word: may be a year or a day


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
    digits: _Token | None = None
    decimal: bool = False  # a decimal that no multiplier has scaled yet
    multiplied: bool = False
    scale_count: Decimal | None = None  # count before the first scale, when it is the last
    article: bool = False  # the number so far is one article-like word


def _fold(text: str) -> str:
    """Lower case for matching: one apostrophe and hyphen, dotted and dotless i as 'i'."""
    text = unicodedata.normalize("NFC", text.replace("İ", "i").replace("I", "i")).lower()
    return text.translate(_FOLD)


def _language_key(language: str) -> str:
    code = language.strip().lower().replace("_", "-").split("-")[0]
    return code if code in _GRAMMARS and code != _FALLBACK else _FALLBACK


def _rows(name: str, width: int) -> list[list[str]]:
    try:
        text = resources.files("livedesk.data").joinpath(name).read_text("utf-8")
    except OSError as error:
        raise ResourceError(f"cannot read number data file {name}: {error}") from error
    rows = []
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        if len(cells) != width:
            raise ResourceError(f"{name} line {number}: expected {width} tab-separated columns")
        rows.append(cells)
    return rows


def _number_pattern(grammar: _Grammar) -> str:
    fraction = rf"(?:{re.escape(grammar.decimal_mark)}[0-9]+)?" if grammar.decimal_mark else ""
    marks = re.escape(grammar.group_marks)
    return rf"[0-9]{{1,3}}(?:[{marks}][0-9]{{3}})+(?![0-9]){fraction}|[0-9]+{fraction}"


@lru_cache(maxsize=len(_GRAMMARS))
def _lexicon(key: str) -> _Lexicon:
    """The word lists and token pattern of one language (key from _language_key)."""
    grammar = _GRAMMARS[key]
    pattern = re.compile(
        rf"(?P<num>{_number_pattern(grammar)})|(?P<word>{_WORD_PATTERN})|(?P<sym>\S)"
    )
    table: dict[tuple[str, ...], list[_Entry]] = {}

    def add(phrase: str, entry: _Entry, source: str) -> None:
        words = tuple(_fold(m.group()) for m in pattern.finditer(phrase))
        if not words:
            raise ResourceError(f"{source}: empty phrase")
        table.setdefault(words, []).append(entry)

    for word, value, kind, language in _rows("number_words.tsv", 4):
        if kind not in _WORD_KINDS:
            raise ResourceError(f"number_words.tsv: unknown kind {kind!r} for {word!r}")
        if language in (key, _FALLBACK):
            try:
                number = Decimal(value)
            except ArithmeticError as error:
                raise ResourceError(
                    f"number_words.tsv: bad value {value!r} for {word!r}"
                ) from error
            add(word, _Entry(kind, number, "-"), "number_words.tsv")
    for phrase, kind, position, language in _rows("number_phrases.tsv", 4):
        if kind not in _PHRASE_KINDS:
            raise ResourceError(f"number_phrases.tsv: unknown kind {kind!r} for {phrase!r}")
        if language in (key, _FALLBACK):
            add(phrase, _Entry(kind, None, position), "number_phrases.tsv")
    suffixes = frozenset(
        words[0]
        for words, entries in table.items()
        if any(e.position == "attached" for e in entries)
    )
    return _Lexicon(
        grammar=grammar,
        pattern=pattern,
        entries={words: tuple(entries) for words, entries in table.items()},
        longest=max((len(words) for words in table), default=1),
        suffixes=suffixes,
    )


def _digits_value(text: str, grammar: _Grammar) -> tuple[Decimal, bool] | None:
    """The value of a run of digits and whether it has a decimal part; None for '007'."""
    whole, _, decimals = text.partition(grammar.decimal_mark) if grammar.decimal_mark else (
        text, "", "")  # fmt: skip
    whole = "".join(ch for ch in whole if ch.isdigit())
    if len(whole) > 1 and whole.startswith("0"):
        return None
    return Decimal(f"{whole}.{decimals}" if decimals else whole), bool(decimals)


def _tokenize(text: str, lexicon: _Lexicon) -> list[_Token]:
    tokens: list[_Token] = []
    for match in lexicon.pattern.finditer(text):
        kind = match.lastgroup or "sym"
        start, end, raw = match.start(), match.end(), match.group()
        if kind == "num":
            read = _digits_value(raw, lexicon.grammar)
            if read is None:
                tokens.append(_Token(raw, start, end, "num"))  # a code such as '007': no value
            else:
                plain = raw.isdigit()
                tokens.append(_Token(raw, start, end, "num", read[0], read[1], plain))
            continue
        norm = _fold(raw)
        if kind == "word" and lexicon.grammar.split_suffixes and len(norm) == len(raw):
            split = _split_suffix(norm, raw, lexicon)
            if split:
                cut = start + len(split)
                tokens.append(_Token(split, start, cut, "word"))
                tokens.append(_Token(norm[len(split) :], cut, end, "word"))
                continue
        tokens.append(_Token(norm, start, end, kind))
    return tokens


def _split_suffix(word: str, raw: str, lexicon: _Lexicon) -> str | None:
    """The number word that starts a Turkish word with a case ending ('binden' → 'bin').

    The ending must follow vowel harmony, so 'bina' (a building) is not 'bin' + 'a'.
    """
    if (word,) in lexicon.entries:
        return None
    spoken = raw.replace("I", "ı").replace("İ", "i").lower()
    for cut in range(len(word) - 1, 0, -1):
        stem, ending = word[:cut], word[cut:]
        if ending not in lexicon.suffixes or stem in UNSPLIT_STEMS:
            continue
        if not _harmonious(spoken[:cut], spoken[cut:]):
            continue
        if any(entry.kind in _NUMBER_KINDS for entry in lexicon.entries.get((stem,), ())):
            return stem
    return None


def _harmonious(stem: str, ending: str) -> bool:
    """Turkish vowel harmony: a back-vowel stem takes back-vowel endings, front takes front."""
    stem_vowels = [ch for ch in stem if ch in _BACK_VOWELS or ch in _FRONT_VOWELS]
    ending_vowels = [ch for ch in ending if ch in _BACK_VOWELS or ch in _FRONT_VOWELS]
    if not stem_vowels or not ending_vowels:
        return True
    return (stem_vowels[-1] in _BACK_VOWELS) == (ending_vowels[0] in _BACK_VOWELS)


def _as_int(value: Decimal) -> int:
    return int(value.to_integral_value(rounding=ROUND_HALF_UP))


def _adjacent(left: _Token, right: _Token) -> bool:
    return left.end == right.start


class _Reader:
    """Reads the quantities of one text; memoises the lookups made at each token."""

    def __init__(self, text: str, language: str) -> None:
        self.text = text
        self.lexicon = _lexicon(_language_key(language))
        self.grammar = self.lexicon.grammar
        self.tokens = _tokenize(text, self.lexicon)
        self._lexemes: dict[int, list[tuple[int, _Entry]]] = {}
        self._numbers: dict[int, list[_Number]] = {}

    # -- looking up words and phrases ------------------------------------------------------

    def lexemes(self, i: int) -> list[tuple[int, _Entry]]:
        """Every data entry whose phrase starts at token i, as (end, entry), longest first."""
        if i not in self._lexemes:
            found = []
            words = [token.norm for token in self.tokens[i : i + self.lexicon.longest]]
            for size in range(len(words), 0, -1):
                for entry in self.lexicon.entries.get(tuple(words[:size]), ()):
                    found.append((i + size, entry))
            self._lexemes[i] = found
        return self._lexemes[i]

    def phrase(self, i: int, kinds: frozenset[str], positions: str) -> tuple[int, _Entry] | None:
        """The longest phrase of one of kinds at token i whose position is in positions."""
        for end, entry in self.lexemes(i):
            if entry.kind in kinds and entry.position in positions.split():
                return end, entry
        return None

    def attached(self, i: int, kinds: frozenset[str]) -> tuple[int, _Entry] | None:
        """A phrase glued to the token before i, with an optional apostrophe ("9'dan fazla")."""
        if not 0 < i < len(self.tokens) or not _adjacent(self.tokens[i - 1], self.tokens[i]):
            return None
        if self.tokens[i].norm == "'":
            i += 1
            if i >= len(self.tokens) or not _adjacent(self.tokens[i - 1], self.tokens[i]):
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

    def numbers(self, i: int) -> list[_Number]:
        """Every number that starts at token i, one per possible end."""
        if i not in self._numbers:
            self._numbers[i] = list(self._read_numbers(i))
        return self._numbers[i]

    def _read_numbers(self, i: int) -> Iterator[_Number]:
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
            yield _Number(
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
            if words and _adjacent(before, token) and _adjacent(token, after):
                return replace(state, hyphen=True), j + 1
            return None
        for end, entry in self.lexemes(j):
            if entry.kind in _NUMBER_KINDS or entry.kind in ("joiner", "of"):
                following = self._apply(state, entry, j, end)
                if following is not None:
                    return replace(following, items=state.items + 1, hyphen=False), end
        return None

    def _apply(self, s: _State, entry: _Entry, j: int, end: int) -> _State | None:
        """One grammar rule: what entry does to the number read so far."""
        kind, value = entry.kind, entry.value or Decimal(0)
        starting = s.items == 0
        if kind == "zero":
            return replace(s, group=Decimal(0), closed=True) if starting else None
        if kind in _SMALL_KINDS:
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
        glued = _adjacent(self.tokens[j - 1], self.tokens[j])
        return glued or (len(self.tokens[j].norm) > 1 and end == j + 1)

    # -- quantities ----------------------------------------------------------------------

    def candidates(self, i: int) -> list[_Candidate]:
        """Every reading that starts at token i, in order of preference for equal length."""
        found: list[_Candidate] = []
        for number in self.numbers(i):
            for kinds_end, entry in self._suffixes(number.end):
                found.extend(self._qualified(entry.kind, number, kinds_end))
            if number.bare_ok:
                value = _as_int(number.value)
                found.append(_Candidate(number.end, "exact", value, value, None, (number,), True))
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
            found.append(_Candidate(nobody[0], "exact", 0, 0))
        found.extend(self._vague(i))
        noun = self._approx_noun(i)
        if noun:
            found.extend(self._qualified("about", noun, noun.end))
        indefinite = self.phrase(i, frozenset({"indefinite"}), "-")
        if indefinite:
            found.append(_Candidate(indefinite[0], "vague"))
        return found

    def _approx_noun(self, i: int) -> _Number | None:
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
        return _Number(end, value, value, None, False, True, None)

    def _suffixes(self, i: int) -> Iterator[tuple[int, _Entry]]:
        after = self.phrase(i, BOUND_QUALIFIERS, "after") if i < len(self.tokens) else None
        if after:
            yield after
        glued = self.attached(i, BOUND_QUALIFIERS)
        if glued:
            yield glued

    def _qualified(self, qualifier: str, number: _Number, end: int) -> Iterator[_Candidate]:
        if not number.bare_ok and number.digits is not None:
            return  # an unscaled decimal: '1.5', 'more than 2.5'
        value = _as_int(number.value)
        if qualifier == "more_than":
            yield _Candidate(end, qualifier, low=value + 1, numbers=(number,))
        elif qualifier == "at_least":
            yield _Candidate(end, qualifier, low=value, numbers=(number,))
        elif qualifier == "up_to":
            yield _Candidate(end, qualifier, high=value, numbers=(number,))
        elif qualifier == "less_than" and value > 0:
            yield _Candidate(end, qualifier, high=value - 1, numbers=(number,))
        elif qualifier == "about":
            yield _Candidate(end, qualifier, approx=value, numbers=(number,))

    def _ranges(self, i: int) -> Iterator[_Candidate]:
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
                            yield _Candidate(end, "range", *bounds, None, (low, high), True)

    def _hyphen_in_words(self, start: int, end: int) -> bool:
        """A dash glued between words is part of a number ('ninety-nine'), not a range."""
        tokens = self.tokens
        if end != start + 1 or tokens[start].kind != "sym" or end >= len(tokens):
            return False
        before, dash, after = tokens[start - 1], tokens[start], tokens[end]
        glued = _adjacent(before, dash) and _adjacent(dash, after)
        return glued and "word" in (before.kind, after.kind)

    def _vague(self, i: int) -> Iterator[_Candidate]:
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
                yield _Candidate(end, "vague", low=low)

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

    # -- what is not a quantity ----------------------------------------------------------

    def rejection(self, i: int, candidate: _Candidate) -> int | None:
        """None if the candidate at token i is a quantity, else the token index to skip to."""
        end = candidate.end
        if self._rejected_before(i, candidate):
            return end
        after = self._rejected_after(end, candidate)
        if after is not None:
            return max(after, end)
        return None

    def _rejected_before(self, i: int, candidate: _Candidate) -> bool:
        tokens = self.tokens
        if i > 0 and _adjacent(tokens[i - 1], tokens[i]):
            before = tokens[i - 1]
            if before.kind in ("word", "num"):
                return True  # 'A10', 'COP28'
            glue = before.norm in GLUE_MARKS and i > 1 and _adjacent(tokens[i - 2], before)
            if glue and tokens[i - 2].kind in ("word", "num"):
                return True  # 'COVID-19', '1/2', '14:05', 'mid-2022'
        for kind in ("currency", "percent", "label"):
            if self.ends_with(i, frozenset({kind}), "before"):
                return True
        return candidate.plain and self._dated_before(i, candidate)

    def _dated_before(self, i: int, candidate: _Candidate) -> bool:
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

    def _rejected_after(self, end: int, candidate: _Candidate) -> int | None:
        tokens = self.tokens
        if end >= len(tokens):
            return None
        last, following = tokens[end - 1], tokens[end]
        if _adjacent(last, following):
            if last.kind == "num" and following.kind == "word":
                return end + 1  # '5th', '14h', '5km', '10am'
            if following.norm in GLUE_MARKS and end + 1 < len(tokens):
                beyond = tokens[end + 1]
                if _adjacent(following, beyond) and (
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

    # -- reading -------------------------------------------------------------------------

    def best(self, i: int) -> _Candidate | None:
        found = self.candidates(i)
        return max(found, key=lambda candidate: candidate.end) if found else None

    def quantity(self, i: int, candidate: _Candidate) -> Quantity:
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


def _range_bounds(low: _Number, high: _Number) -> tuple[int, int] | None:
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


def _within(value: Decimal | None, window: range) -> bool:
    return value is not None and value == value.to_integral_value() and int(value) in window


def _all_in(candidate: _Candidate, window: range) -> bool:
    numbers = candidate.numbers
    return bool(numbers) and all(
        n.digits is not None and n.digits.plain and _within(n.value, window) for n in numbers
    )


def _all_years(candidate: _Candidate) -> bool:
    return _all_in(candidate, YEAR_WINDOW) and all(
        n.digits is not None and len(n.digits.norm) == 4 for n in candidate.numbers
    )


def find_quantities(text: str, language: str = "en") -> list[Quantity]:
    """Every quantity expression in text: non-overlapping, left to right, with spans.

    ``language`` is an ISO 639-1 code ("en", "fr", "tr", "de"; a region such as "en-GB" is
    ignored); any other code reads digits only. Never raises on a str.
    """
    return _Reader(text, language).read_all()


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
