"""Place names as the gazetteer keys them: the lookup key of a name, and how a name matched.

Both sides of the gazetteer use these: the build (:mod:`livedesk.resolve.gazetteer_build`)
stores every name under its :func:`normalise` key with its match kind, and lookups
(:mod:`livedesk.resolve.gazetteer`) normalise the name asked for the same way.
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["ALTERNATE", "CODE", "MATCHES", "NAME", "normalise"]

MATCHES = ("name", "alternate", "code")  # how a surface matched: index = ``names.kind``
NAME, ALTERNATE, CODE = range(3)

# Lower-case letters NFKD leaves whole, folded by hand; periods and apostrophes dropped.
_FOLD = str.maketrans(
    {"ø": "o", "ł": "l", "đ": "d", "ı": "i", "ð": "d", "æ": "ae", "œ": "oe", "þ": "th",
     ".": None, "'": None, "’": None, "ʼ": None, "ʹ": None, "`": None, "´": None, "‘": None}
)  # fmt: skip
# The combining diacritics blocks; other scripts' marks become separators on both sides alike.
_COMBINING = dict.fromkeys(
    char
    for first, last in ((0x300, 0x36F), (0x1AB0, 0x1AFF), (0x1DC0, 0x1DFF), (0x20D0, 0x20FF),
                        (0xFE20, 0xFE2F))
    for char in range(first, last + 1)
)  # fmt: skip
_SEPARATORS = re.compile(r"[\W_]+")
_EXPAND = {"st": "saint", "ste": "sainte", "mt": "mount", "ft": "fort"}


def normalise(name: str) -> str:
    """The lookup key of a name: lower case, accents folded, periods and apostrophes dropped,
    other punctuation a space, a leading "the" dropped, "St"/"Mt"/"Ft" spelled out.

    ``normalise("St. John's")`` is ``"saint johns"``; ``normalise("U.S.")`` is ``"us"``.
    """
    text = name.casefold().translate(_FOLD)
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text).translate(_COMBINING)
    words = _SEPARATORS.sub(" ", text).split()
    if len(words) > 1 and words[0] == "the":
        words = words[1:]
    return " ".join(_EXPAND.get(word, word) for word in words)
