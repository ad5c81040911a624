"""Telling copies apart: exact copies by a hash of the normalised body, syndicated wire copies
by MinHash over word 5-shingles, indexed with LSH so a new report is compared only with the
few stored reports that share a band, never with all of them.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from datasketch import MinHash

# Wire copies differ by a dateline, a byline or a trimmed last paragraph; at 0.8 estimated
# Jaccard over 5-shingles they still match, while two reports on the same event do not.
NEAR_DUPLICATE_THRESHOLD = 0.8
# 128 permutations keep the standard error of the Jaccard estimate under 0.045.
NUM_PERM = 128
SHINGLE_WORDS = 5

_WORD = re.compile(r"\w+")


def normalise(text: str) -> str:
    """Body text as compared: NFKC, case-folded, whitespace collapsed."""
    return " ".join(unicodedata.normalize("NFKC", text).casefold().split())


def content_hash(body: str) -> str:
    """SHA-256 of the normalised body: equal for reports that differ only in spacing or case."""
    return hashlib.sha256(normalise(body).encode("utf-8")).hexdigest()


def shingles(body: str) -> set[str]:
    """Word 5-shingles of the body; a body shorter than five words is one shingle."""
    words = _WORD.findall(normalise(body))
    if len(words) < SHINGLE_WORDS:
        return {" ".join(words)} if words else set()
    return {" ".join(words[i : i + SHINGLE_WORDS]) for i in range(len(words) - SHINGLE_WORDS + 1)}


def signature(body: str) -> MinHash | None:
    """MinHash of the body's shingles, or None for a body with no words."""
    from datasketch import MinHash  # imports scipy (~0.5 s): pay only when ingesting

    grams = shingles(body)
    if not grams:
        return None
    minhash = MinHash(num_perm=NUM_PERM)
    minhash.update_batch([gram.encode("utf-8") for gram in grams])
    return minhash


def to_blob(minhash: MinHash) -> bytes:
    return np.asarray(minhash.hashvalues, dtype=np.uint64).tobytes()


def from_blob(blob: bytes, num_perm: int) -> MinHash:
    from datasketch import MinHash

    values = np.frombuffer(blob, dtype=np.uint64)
    if len(values) != num_perm:
        raise ValueError(f"signature has {len(values)} values, expected {num_perm}")
    return MinHash(num_perm=num_perm, hashvalues=values.copy())


class NearDuplicateIndex:
    """LSH index of stored signatures; answers "which stored report is this a copy of?"."""

    def __init__(self, threshold: float = NEAR_DUPLICATE_THRESHOLD) -> None:
        from datasketch import MinHashLSH

        self.threshold = threshold
        self._lsh = MinHashLSH(threshold=threshold, num_perm=NUM_PERM)
        self._signatures: dict[str, MinHash] = {}

    def add(self, report_id: str, minhash: MinHash) -> None:
        self._lsh.insert(report_id, minhash)
        self._signatures[report_id] = minhash

    def matches(self, minhash: MinHash) -> list[str]:
        """Stored ids whose estimated Jaccard similarity reaches the threshold.

        LSH candidates are re-checked against the signature itself, since banding lets
        through some pairs below the threshold.
        """
        return [
            found
            for found in self._lsh.query(minhash)
            if self._signatures[found].jaccard(minhash) >= self.threshold
        ]
