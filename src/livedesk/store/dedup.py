"""Telling copies apart: exact copies by a hash of the normalised body, syndicated wire copies
by MinHash over word 5-shingles, indexed with LSH so a new report is compared only with the
few stored reports that share a band, never with all of them. The band keys live in the
store's own indexed table (``report_bands``), so nothing is rebuilt in memory when a store
is opened, and a report another process wrote is a candidate at once.
"""

from __future__ import annotations

import functools
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
# LSH banding for that threshold and size: 9 bands of 13 values, the split that minimises
# the weighted false positive and false negative areas (datasketch's choice for 0.8 at 128;
# a test checks it). Changing them changes every stored key: a migration would be needed.
BANDS = 9
ROWS = 13
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
    minhash = MinHash(num_perm=NUM_PERM, permutations=_permutations())
    minhash.update_batch([gram.encode("utf-8") for gram in grams])
    return minhash


@functools.cache
def _permutations() -> np.ndarray:
    """The hash permutations of every signature (seeded, so equal across runs): drawn once,
    not for each report (drawing them was a third of a stored report's cost)."""
    from datasketch import MinHash

    permutations: np.ndarray = MinHash(num_perm=NUM_PERM).permutations
    permutations.setflags(write=False)
    return permutations


def to_blob(minhash: MinHash) -> bytes:
    return np.asarray(minhash.hashvalues, dtype=np.uint64).tobytes()


def band_keys(values: np.ndarray) -> list[int]:
    """The signature's LSH keys, one a band: two reports share a key only when they agree on
    all ``ROWS`` values of that band, which reports over the threshold almost always do."""
    return [band_key(values, band) for band in range(BANDS)]


def band_key(values: np.ndarray, band: int) -> int:
    """One band's key: a 64-bit hash of its values, distinct per band number."""
    chunk = values[band * ROWS : (band + 1) * ROWS].astype("<u8").tobytes()
    digest = hashlib.blake2b(chunk, digest_size=8, person=bytes([band]) * 8).digest()
    return int.from_bytes(digest, "little", signed=True)


def stored_band_key(blob: bytes, band: int) -> int | None:
    """:func:`band_key` of a signature as stored (the SQL function the migration calls)."""
    values = np.frombuffer(blob, dtype=np.uint64)
    return band_key(values, band) if len(values) == NUM_PERM else None


def similarity(blob: bytes, values: np.ndarray) -> float:
    """Estimated Jaccard similarity of a stored signature and another's values."""
    stored = np.frombuffer(blob, dtype=np.uint64)
    if len(stored) != len(values):
        return 0.0
    return float(np.count_nonzero(stored == values)) / len(values)
