"""Raw documents: read a file, stdin bytes or a JSONL line into a :class:`RawDocument`.

Checks happen here, before any model runs, so a bad input gets one clear error:
a missing path, a directory, a file over the size cap, binary bytes, empty text, a JSONL line
that is not an object or lacks ``text``/``html``. Non-UTF-8 text is decoded with replacement
characters and the reading says so in its ``notes``.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from livedesk.errors import EmptyInput, InputError, InputTooLarge

HTML_SUFFIXES = (".html", ".htm", ".xhtml")
# A NUL byte never occurs in text a newsroom publishes; its presence means a binary file.
BINARY_MARKER = b"\x00"
JSONL_FIELDS = ("id", "text", "html", "title", "url", "published", "retrieved")


@dataclass(frozen=True)
class RawDocument:
    """One report as handed to the reader, before any cleaning."""

    id: str
    text: str | None = None
    html: str | None = None
    title: str | None = None
    url: str | None = None
    published: str | None = None
    retrieved: str | None = None
    notes: tuple[str, ...] = field(default=())

    @property
    def is_html(self) -> bool:
        return self.html is not None


def decode(data: bytes, origin: str, max_bytes: int) -> tuple[str, tuple[str, ...]]:
    """Bytes to text, refusing what is too big or binary; notes say if bytes were replaced."""
    if len(data) > max_bytes:
        raise InputTooLarge(
            f"{origin} is {len(data):,} bytes, over the cap of {max_bytes:,} bytes "
            "(setting max_input_bytes); split the document or raise the cap."
        )
    if BINARY_MARKER in data:
        raise InputError(
            f"{origin} looks binary (it contains NUL bytes); give a text or HTML file."
        )
    try:
        return data.decode("utf-8-sig"), ()
    except UnicodeDecodeError as error:
        note = (
            f"{origin} is not valid UTF-8 (first bad byte at offset {error.start}); "
            "undecodable bytes were replaced with U+FFFD"
        )
        return data.decode("utf-8", errors="replace"), (note,)


def _looks_like_html(text: str, suffix: str) -> bool:
    if suffix.lower() in HTML_SUFFIXES:
        return True
    head = text.lstrip()[:512].lower()
    return head.startswith(("<!doctype html", "<html")) or "<body" in head


def read_path(path: Path, *, max_bytes: int, **meta: str | None) -> RawDocument:
    """Read a .txt or .html file into a raw document (HTML detected by suffix or content)."""
    if not path.exists():
        raise InputError(f"File not found: '{path}'. Give a path to a .txt or .html report, or -.")
    if path.is_dir():
        raise InputError(f"'{path}' is a directory; give one file (or use --input-format jsonl).")
    size = path.stat().st_size
    if size > max_bytes:
        raise InputTooLarge(
            f"'{path}' is {size:,} bytes, over the cap of {max_bytes:,} bytes "
            "(setting max_input_bytes); split the document or raise the cap."
        )
    try:
        data = path.read_bytes()
    except OSError as error:
        raise InputError(f"Cannot read '{path}': {error.strerror}.") from error
    text, notes = decode(data, f"'{path}'", max_bytes)
    return _raw(path.stem, text, _looks_like_html(text, path.suffix), notes, meta)


def read_bytes(data: bytes, *, doc_id: str, max_bytes: int, **meta: str | None) -> RawDocument:
    """Read standard input (or any bytes) into a raw document."""
    text, notes = decode(data, "standard input", max_bytes)
    return _raw(doc_id, text, _looks_like_html(text, ""), notes, meta)


def _raw(
    doc_id: str, text: str, is_html: bool, notes: tuple[str, ...], meta: dict[str, str | None]
) -> RawDocument:
    if not text.strip():
        raise EmptyInput(f"Document '{doc_id}' is empty; there is nothing to read.")
    return RawDocument(
        id=doc_id,
        text=None if is_html else text,
        html=text if is_html else None,
        notes=notes,
        **meta,
    )


def parse_jsonl_line(line: str, number: int, *, max_bytes: int) -> RawDocument:
    """One JSONL object ``{id, text|html, title?, url?, published?, retrieved?}``."""
    try:
        obj: Any = json.loads(line)
    except json.JSONDecodeError as error:
        raise InputError(
            f"line {number}: not valid JSON ({error.msg} at column {error.colno})."
        ) from None
    if not isinstance(obj, dict):
        raise InputError(f"line {number}: expected a JSON object, got {type(obj).__name__}.")
    doc_id = str(obj.get("id") or f"line-{number}")
    if len(line.encode("utf-8")) > max_bytes:
        raise InputTooLarge(
            f"document '{doc_id}' (line {number}) is over the cap of {max_bytes:,} bytes."
        )
    meta = {key: obj.get(key) for key in ("title", "url", "published", "retrieved")}
    for key, value in meta.items():
        if value is not None and not isinstance(value, str):
            raise InputError(f"document '{doc_id}': field '{key}' must be a string.")
    text, html = obj.get("text"), obj.get("html")
    if text is None and html is None:
        raise InputError(
            f"document '{doc_id}' (line {number}) has neither 'text' nor 'html'; give one of them."
        )
    body = html if html is not None else text
    if not isinstance(body, str):
        raise InputError(f"document '{doc_id}': 'text'/'html' must be a string.")
    if not body.strip():
        raise EmptyInput(f"Document '{doc_id}' is empty; there is nothing to read.")
    is_html = html is not None
    return RawDocument(
        id=doc_id,
        text=None if is_html else body,
        html=body if is_html else None,
        title=meta["title"],
        url=meta["url"],
        published=meta["published"],
        retrieved=meta["retrieved"],
    )


def content_id(text: str) -> str:
    """A short stable id for a document that came without one."""
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:12]
