"""How each language writes numbers: its grammar, its number words and phrases, its tokens.

``load_lexicon`` reads the word lists of one language from ``data/number_words.tsv`` (number
words with their values) and ``data/number_phrases.tsv`` (qualifiers, range words, and the
words around a number that make it a date, a time, money or an ordinal). ``tokenize`` cuts a
text into digit runs (read with the language's thousands and decimal marks), words and
symbols; in Turkish it splits a case ending off a number word ("binden" → "bin" + "den").
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal
from importlib import resources

from livedesk.errors import ResourceError

__all__ = [
    "BOUND_QUALIFIERS",
    "GRAMMARS",
    "NUMBER_KINDS",
    "SMALL_KINDS",
    "Entry",
    "Grammar",
    "Lexicon",
    "Token",
    "adjacent",
    "language_key",
    "load_lexicon",
    "tokenize",
]

# Qualifiers that a phrase ('more than', 'or more', "'dan fazla") puts on one number.
BOUND_QUALIFIERS = frozenset({"more_than", "at_least", "up_to", "less_than", "about"})
# Stems that Turkish splitting leaves alone: 'ondan' is 'from him' far more than 'from ten'.
UNSPLIT_STEMS = frozenset({"on"})

NUMBER_KINDS = frozenset(
    {"zero", "unit", "teen", "tens", "hundred", "dozen", "scale", "abbrev", "article",
     "fraction", "plus_half", "half_after"}
)  # fmt: skip
SMALL_KINDS = frozenset({"unit", "teen", "tens"})
_WORD_KINDS = NUMBER_KINDS | {"nobody", "vague", "indefinite", "approx_noun"}
# Words that make a quantity by themselves ("two", "dozens", "no one"); the article of "a
# dozen" does not, since "dozen" is there too.
STANDALONE_KINDS = _WORD_KINDS - {"article"}
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
class Grammar:
    """How one language writes numbers."""

    group_marks: str  # thousands separators between groups of three digits
    decimal_mark: str  # '' when the language is read without decimals
    bare_multipliers: bool  # 'cent', 'mille', 'bin' count alone; English says 'a hundred'
    joiner_after_tens: bool  # 'vingt et un' rather than 'three hundred and forty'
    split_suffixes: bool  # Turkish glues case endings to number words ('binden fazla')
    counted_vague: bool  # Turkish counts vague plurals: 'on binlerce' is tens of thousands
    capital_months: bool  # English 'May' is a month and 'may' a verb


GRAMMARS = {
    "en": Grammar(", " + _SPACES, ".", False, False, False, False, True),
    "fr": Grammar(". " + _SPACES, ",", True, True, False, False, False),
    "tr": Grammar(". " + _SPACES, ",", True, False, True, True, False),
    "de": Grammar(". " + _SPACES, ",", True, False, False, False, False),
}
_FALLBACK = "*"
GRAMMARS[_FALLBACK] = Grammar(",. " + _SPACES, "", False, False, False, False, False)


@dataclass(frozen=True)
class Entry:
    """What one word or phrase of the lists is: its kind, value, and where it stands."""

    kind: str
    value: Decimal | None
    position: str


@dataclass(frozen=True)
class Lexicon:
    """The word lists and token pattern of one language."""

    grammar: Grammar
    pattern: re.Pattern[str]
    entries: dict[tuple[str, ...], tuple[Entry, ...]]
    longest: int
    suffixes: frozenset[str]  # endings that Turkish splitting may cut off a number word


@dataclass(frozen=True)
class Token:
    """A run of digits, a word or a symbol, folded for matching, with its span."""

    norm: str
    start: int
    end: int
    kind: str  # "num", "word" or "sym"
    value: Decimal | None = None  # for "num"
    decimal: bool = False  # digits with a decimal part
    plain: bool = False  # digits without separators or decimals (how years are written)


def _fold(text: str) -> str:
    """Lower case for matching: one apostrophe and hyphen, dotted and dotless i as 'i'."""
    text = unicodedata.normalize("NFC", text.replace("İ", "i").replace("I", "i")).lower()
    return text.translate(_FOLD)


def fold_word(text: str) -> str:
    """A word folded as the lexicon's keys are."""
    return _fold(text)


def language_key(language: str) -> str:
    """The grammar a language code is read with ("en-GB" → "en"); digits only if unknown."""
    code = language.strip().lower().replace("_", "-").split("-")[0]
    return code if code in GRAMMARS and code != _FALLBACK else _FALLBACK


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


def _number_pattern(grammar: Grammar) -> str:
    fraction = rf"(?:{re.escape(grammar.decimal_mark)}[0-9]+)?" if grammar.decimal_mark else ""
    marks = re.escape(grammar.group_marks)
    return rf"[0-9]{{1,3}}(?:[{marks}][0-9]{{3}})+(?![0-9]){fraction}|[0-9]+{fraction}"


def load_lexicon(key: str) -> Lexicon:
    """The word lists and token pattern of one language (key from :func:`language_key`), read
    from the data files on every call: callers cache it."""
    grammar = GRAMMARS[key]
    pattern = re.compile(
        rf"(?P<num>{_number_pattern(grammar)})|(?P<word>{_WORD_PATTERN})|(?P<sym>\S)"
    )
    table: dict[tuple[str, ...], list[Entry]] = {}

    def add(phrase: str, entry: Entry, source: str) -> None:
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
            add(word, Entry(kind, number, "-"), "number_words.tsv")
    for phrase, kind, position, language in _rows("number_phrases.tsv", 4):
        if kind not in _PHRASE_KINDS:
            raise ResourceError(f"number_phrases.tsv: unknown kind {kind!r} for {phrase!r}")
        if language in (key, _FALLBACK):
            add(phrase, Entry(kind, None, position), "number_phrases.tsv")
    suffixes = frozenset(
        words[0]
        for words, entries in table.items()
        if any(e.position == "attached" for e in entries)
    )
    return Lexicon(
        grammar=grammar,
        pattern=pattern,
        entries={words: tuple(entries) for words, entries in table.items()},
        longest=max((len(words) for words in table), default=1),
        suffixes=suffixes,
    )


def _digits_value(text: str, grammar: Grammar) -> tuple[Decimal, bool] | None:
    """The value of a run of digits and whether it has a decimal part; None for '007'."""
    whole, _, decimals = text.partition(grammar.decimal_mark) if grammar.decimal_mark else (
        text, "", "")  # fmt: skip
    whole = "".join(ch for ch in whole if ch.isdigit())
    if len(whole) > 1 and whole.startswith("0"):
        return None
    return Decimal(f"{whole}.{decimals}" if decimals else whole), bool(decimals)


def tokenize(text: str, lexicon: Lexicon) -> list[Token]:
    """The tokens of ``text`` in order; Turkish case endings split off number words."""
    tokens: list[Token] = []
    for match in lexicon.pattern.finditer(text):
        kind = match.lastgroup or "sym"
        start, end, raw = match.start(), match.end(), match.group()
        if kind == "num":
            read = _digits_value(raw, lexicon.grammar)
            if read is None:
                tokens.append(Token(raw, start, end, "num"))  # a code such as '007': no value
            else:
                plain = raw.isdigit()
                tokens.append(Token(raw, start, end, "num", read[0], read[1], plain))
            continue
        norm = _fold(raw)
        if kind == "word" and lexicon.grammar.split_suffixes and len(norm) == len(raw):
            split = _split_suffix(norm, raw, lexicon)
            if split:
                cut = start + len(split)
                tokens.append(Token(split, start, cut, "word"))
                tokens.append(Token(norm[len(split) :], cut, end, "word"))
                continue
        tokens.append(Token(norm, start, end, kind))
    return tokens


def _split_suffix(word: str, raw: str, lexicon: Lexicon) -> str | None:
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
        if any(entry.kind in NUMBER_KINDS for entry in lexicon.entries.get((stem,), ())):
            return stem
    return None


def _harmonious(stem: str, ending: str) -> bool:
    """Turkish vowel harmony: a back-vowel stem takes back-vowel endings, front takes front."""
    stem_vowels = [ch for ch in stem if ch in _BACK_VOWELS or ch in _FRONT_VOWELS]
    ending_vowels = [ch for ch in ending if ch in _BACK_VOWELS or ch in _FRONT_VOWELS]
    if not stem_vowels or not ending_vowels:
        return True
    return (stem_vowels[-1] in _BACK_VOWELS) == (ending_vowels[0] in _BACK_VOWELS)


def adjacent(left: Token, right: Token) -> bool:
    """Whether two tokens touch, with no space between them."""
    return left.end == right.start
