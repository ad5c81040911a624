"""Cleaning raw report text into a body the reader can cite.

1. Split off a headline: the first line when no title was given and it reads like one.
2. Drop noise lines: page furniture (``data/noise_lines.txt``) and lone timestamps such as
   "3 yıl önce", which the publication-date step reads before they are dropped.
3. Re-join hard-wrapped lines inside a paragraph.
4. Repair each paragraph: split run-together sentences ("system.Washington"), turn a trailing
   ".." into ".", fold runs of spaces.
5. Join paragraphs with a blank line: the body every offset points into.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache
from importlib import resources

# A headline rarely passes this length; longer first lines are treated as body text.
MAX_HEADLINE_CHARS = 200
# Two lowercase letters, sentence punctuation, an optional closing quote or bracket, then a
# capitalised word: "system.Washington", "exist.”Belarus". Two letters keep "U.S.Army" intact.
_RUN_TOGETHER = re.compile(
    r"([a-z\u00df-\u00ff]{2}[.!?][\"”’)\]]?)([A-Z\u00c0-\u00de][a-z\u00df-\u00ff])"
)
_DOUBLE_STOP = re.compile(r"(?<![.])\.\.(?![.])")
_SPACES = re.compile(r"[ \t\u00a0]{2,}")
_SENTENCE_END = re.compile(r"[.!?:\"”’)]\s*$")


@lru_cache(maxsize=1)
def noise_patterns() -> tuple[re.Pattern[str], ...]:
    """The noise-line expressions from the package data, compiled once."""
    text = resources.files("livedesk.data").joinpath("noise_lines.txt").read_text("utf-8")
    patterns = []
    for line in text.splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            patterns.append(re.compile(rf"(?:{line})", re.IGNORECASE))
    return tuple(patterns)


def is_noise(line: str) -> bool:
    stripped = line.strip().strip("•*-–—").strip().replace("’", "'")
    if not stripped:
        return False
    if not any(char.isalnum() for char in stripped):
        return True
    return any(pattern.fullmatch(stripped) for pattern in noise_patterns())


def looks_like_headline(line: str) -> bool:
    stripped = line.strip()
    return (
        0 < len(stripped) <= MAX_HEADLINE_CHARS
        and not stripped.endswith((".", "!", "?", "..."))
        and sum(char.isalpha() for char in stripped) > len(stripped) / 2
    )


def split_title(lines: list[str], title: str | None) -> tuple[str | None, list[str]]:
    """Take a headline off the top when the caller gave none; drop a repeated given title."""
    first = next((i for i, line in enumerate(lines) if line.strip()), None)
    if first is None:
        return title, lines
    head = lines[first].strip()
    followed_by_blank = first + 1 >= len(lines) or not lines[first + 1].strip()
    if title is not None:
        if head == title.strip():
            return title, lines[first + 1 :]
        return title, lines
    if followed_by_blank and looks_like_headline(head) and len(lines) > first + 1:
        return head, lines[first + 1 :]
    return None, lines


def repair(paragraph: str) -> str:
    """Split run-together sentences, fix a doubled final stop, fold spaces."""
    fixed = _RUN_TOGETHER.sub(r"\1 \2", paragraph)
    fixed = _DOUBLE_STOP.sub(".", fixed)
    return _SPACES.sub(" ", fixed).strip()


def paragraphs(lines: list[str]) -> list[str]:
    """Blocks separated by blank lines; inside a block, a line that does not end a sentence
    and is followed by one starting in lower case is a hard wrap and is re-joined."""
    blocks: list[list[str]] = [[]]
    for line in lines:
        if line.strip():
            blocks[-1].append(line.strip())
        elif blocks[-1]:
            blocks.append([])
    result: list[str] = []
    for block in blocks:
        current = ""
        for line in block:
            if current and not _SENTENCE_END.search(current) and line[:1].islower():
                current = f"{current} {line}"
            else:
                if current:
                    result.append(current)
                current = line
        if current:
            result.append(current)
    return result


def clean_body(lines: list[str], is_timestamp: Callable[[str], bool]) -> tuple[str, list[str]]:
    """The cleaned body and the noise lines dropped from it (kept for the record)."""
    kept: list[str] = []
    dropped: list[str] = []
    for line in lines:
        if line.strip() and (is_noise(line) or is_timestamp(line.strip())):
            dropped.append(line.strip())
            kept.append("")
        else:
            kept.append(line)
    body = "\n\n".join(repair(block) for block in paragraphs(kept))
    return body, dropped
