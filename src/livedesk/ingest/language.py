"""Which language a report is written in, by counting frequent function words.

A lexical guess is enough for news text of a paragraph or more, needs no model, and runs in
microseconds. Scripts without a word list (Arabic, Hebrew, Chinese…) are named by script.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache
from importlib import resources

# From this many function-word hits the leading language is trusted outright.
MIN_HITS = 3
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
_SCRIPTS = (
    ("ar", "\u0600", "\u06ff"),
    ("he", "\u0590", "\u05ff"),
    ("zh", "\u4e00", "\u9fff"),
    ("ja", "\u3040", "\u30ff"),
    ("ko", "\uac00", "\ud7af"),
    ("el", "\u0370", "\u03ff"),
)
UNDETERMINED = "und"


@lru_cache(maxsize=1)
def stopwords() -> dict[str, frozenset[str]]:
    """Function words per language, from the package data."""
    table = resources.files("livedesk.data").joinpath("stopwords.tsv").read_text("utf-8")
    result: dict[str, frozenset[str]] = {}
    for line in table.splitlines():
        if line.strip() and not line.startswith("#"):
            code, words = line.split("\t", 1)
            result[code] = frozenset(words.split())
    return result


def detect_language(text: str) -> str:
    """ISO 639-1 code of the text's language, or 'und' when it cannot be told."""
    letters = [char for char in text[:5000] if char.isalpha()]
    if letters:
        for code, low, high in _SCRIPTS:
            if sum(low <= char <= high for char in letters) > len(letters) / 3:
                return code
    words = Counter(word.lower() for word in _WORD.findall(text[:20000]))
    scores = {
        code: sum(count for word, count in words.items() if word in vocabulary)
        for code, vocabulary in stopwords().items()
    }
    ranked = sorted(scores, key=lambda code: scores[code], reverse=True)
    best, runner_up = ranked[0], ranked[1]
    if scores[best] >= MIN_HITS:
        return best
    # A sentence or a headline has few function words: a language strictly ahead still wins.
    return best if scores[best] > scores[runner_up] else UNDETERMINED
