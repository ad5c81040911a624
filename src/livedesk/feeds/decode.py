"""Content decoding with a bound on every step: a compressed body cannot balloon in memory.

httpx decodes gzip and deflate for us, but each compressed chunk is inflated whole: a
10 kB chunk of a "zip bomb" becomes 10 MB before the caller can count it. Here the fetcher
asks only for the encodings it can bound (``ACCEPT_ENCODING``), reads the raw bytes, and
inflates them with zlib's ``max_length``, so no step yields more than ``STEP_BYTES`` and the
size cap is checked between steps.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterable, Iterator

ACCEPT_ENCODING = "gzip, deflate"
# The most one decoding step may produce; the caller's size cap is checked after each.
STEP_BYTES = 64 * 1024
# zlib window flags: gzip wrapper, zlib wrapper, bare deflate stream.
GZIP_WBITS = 16 + zlib.MAX_WBITS
ZLIB_WBITS = zlib.MAX_WBITS
RAW_WBITS = -zlib.MAX_WBITS


class DecodeError(ValueError):
    """The body says it is compressed in a way this reader cannot (or does not) undo."""


def decoded(raw: Iterable[bytes], encoding: str) -> Iterator[bytes]:
    """The body of ``raw`` chunks sent with Content-Encoding ``encoding``, at most
    ``STEP_BYTES`` at a time."""
    codings = [part.strip().lower() for part in encoding.split(",") if part.strip()]
    codings = [coding for coding in codings if coding != "identity"]
    if not codings:
        yield from raw
        return
    if len(codings) > 1 or codings[0] not in ("gzip", "x-gzip", "deflate"):
        raise DecodeError(
            f"the server sent the body encoded as '{encoding}', which was not asked for "
            f"(only {ACCEPT_ENCODING})"
        )
    yield from _inflate(raw, codings[0] != "deflate")


def _inflate(raw: Iterable[bytes], gzip: bool) -> Iterator[bytes]:
    inflater = zlib.decompressobj(GZIP_WBITS if gzip else ZLIB_WBITS)
    started = False
    for chunk in raw:
        data = chunk
        while True:
            try:
                out = inflater.decompress(data, STEP_BYTES)
            except zlib.error as error:
                if not started and not gzip:
                    # Some servers send "deflate" without the zlib wrapper: start again bare.
                    inflater, started = zlib.decompressobj(RAW_WBITS), True
                    continue
                raise DecodeError(f"the compressed body is damaged ({error})") from None
            started = True
            if out:
                yield out
            if inflater.eof and inflater.unused_data and gzip:
                # A body of several gzip members (allowed by RFC 1952): go on with the next.
                data, inflater = inflater.unused_data, zlib.decompressobj(GZIP_WBITS)
                continue
            data = inflater.unconsumed_tail
            # Output may still be pending with no input left: drain it a step at a time.
            if not data and len(out) < STEP_BYTES:
                break
    tail = inflater.flush()
    if tail:
        yield tail
