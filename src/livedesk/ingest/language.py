"""Which language a report is written in, by counting frequent function words.

A lexical guess is enough for news text of a paragraph or more, needs no model, and runs in
microseconds. Scripts without a word list (Arabic, Hebrew, Chinese…) are named by script.

Headlines and one-line snippets have one or two function words, often shared with another
language ("to" is Polish too, "in" Dutch, "as" Portuguese). A short text written only in ASCII
letters, whose English function words (counting prepositions headlines keep: "against",
"over") are at least as many as any other language's, is English: the other languages of the
word lists write most short texts with letters beyond ASCII.
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
ENGLISH = "en"
# Prepositions headlines keep when they drop articles ("sanctions against X over Y").
HEADLINE_ENGLISH = frozenset(
    {"against", "over", "under", "into", "amid", "onto", "upon", "within", "without", "during",
     "despite", "says", "toward", "towards", "following"}
)  # fmt: skip


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
    if _ascii_english(text, words, scores):
        return ENGLISH
    # A sentence or a headline has few function words: a language strictly ahead still wins.
    return best if scores[best] > scores[runner_up] else UNDETERMINED


def _ascii_english(text: str, words: Counter[str], scores: dict[str, int]) -> bool:
    """A short text of ASCII letters with at least as many English function words as any
    other language's (see the module docstring)."""
    if ENGLISH not in scores or not all(char.isascii() for char in text if char.isalpha()):
        return False
    english = scores[ENGLISH] + sum(
        count for word, count in words.items() if word in HEADLINE_ENGLISH
    )
    return english > 0 and english >= max(scores.values())
