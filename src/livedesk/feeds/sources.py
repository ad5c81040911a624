"""Inputs to raw documents: files, folders, JSONL batches, feeds and URLs.

:func:`items_of` turns one input (a path or a URL) into :class:`Item` s, lazily. Nothing here
raises for a bad input: a missing file, a 404, a malformed feed or a bad JSONL line becomes an
item holding a :class:`~livedesk.pipeline.Failure` with the reason, and the other inputs go
on. The reader passes failures through in order, so the log keeps the input's order.

1. A folder: every file below it with a known suffix, recursively, in sorted order.
2. ``.jsonl``: one ``{id?, text|html, title?, url?, published?, outlet?}`` per line.
3. ``.xml`` / ``.rss`` / ``.atom``: a feed (see 5).
4. Any other file: a text or HTML report (``.html``/``.htm``, or HTML by content).
5. A feed's entries: the entry's own content when it is a full article, else the article
   fetched from the entry's link; title, link and publication time come from the entry.
6. A URL: fetched; a feed (by content type or content) gives its entries, a page is read as
   HTML.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from urllib.parse import urlsplit

from livedesk.errors import InputError, LivedeskError
from livedesk.feeds.feed import FEED_SUFFIXES, Entry, Feed, looks_like_feed, parse_feed
from livedesk.feeds.fetch import Fetched, Fetcher, host_of, is_url
from livedesk.ingest.source import (
    HTML_SUFFIXES,
    RawDocument,
    content_id,
    decode,
    parse_jsonl_line,
    read_path,
)
from livedesk.pipeline import Failure

JSONL_SUFFIXES = (".jsonl", ".ndjson")
TEXT_SUFFIXES = (".txt", *HTML_SUFFIXES)
FOLDER_SUFFIXES = TEXT_SUFFIXES + JSONL_SUFFIXES + FEED_SUFFIXES
# Long enough to read in a log line, short enough to stay a key.
MAX_SLUG = 60
_SLUG_JUNK = re.compile(r"[^a-z0-9]+")

Now = Callable[[], str]


@dataclass(frozen=True)
class Item:
    """One document to read (or why it could not be had), its outlet and where it came from.

    ``input_index`` is the position of the input (path or URL) it came from, for progress.
    """

    document: RawDocument | Failure
    outlet: str | None
    origin: str
    input_index: int = 0

    @property
    def id(self) -> str:
        return self.document.id


@dataclass(frozen=True)
class Context:
    """What turning inputs into documents needs: the size cap, a fetcher (None: offline),
    the wall clock as ISO 8601 (for ``retrieved``), an outlet for inputs without one, and
    where to say something that is not a failure (a feed read only in part)."""

    max_bytes: int
    fetcher: Fetcher | None
    now: Now
    note: Callable[[str], None]
    outlet: str | None = None


def url_id(url: str) -> str:
    """A stable report id for a URL: the last path segment as a slug, plus a short hash."""
    parts = urlsplit(url)
    segments = [segment for segment in parts.path.split("/") if segment]
    stem = segments[-1].rsplit(".", 1)[0] if segments else parts.hostname or "page"
    slug = _SLUG_JUNK.sub("-", stem.lower()).strip("-")[:MAX_SLUG].strip("-") or "page"
    return f"{slug}-{hashlib.sha1(url.encode('utf-8')).hexdigest()[:8]}"


def items_of(source: str, context: Context, input_index: int = 0) -> Iterator[Item]:
    """The items of one input; never raises for a bad input (see the module docstring)."""
    items = _url_items(source, context) if is_url(source) else _path_items(Path(source), context)
    for item in items:
        yield replace(item, input_index=input_index)


def failed(doc_id: str, error: BaseException | str, stage: str, origin: str) -> Item:
    return Item(Failure(doc_id, str(error), stage), None, origin)


# -- local files -------------------------------------------------------------------------------


def _path_items(path: Path, context: Context) -> Iterator[Item]:
    if path.is_dir():
        files = sorted(
            file
            for file in path.rglob("*")
            if file.is_file()
            and file.suffix.lower() in FOLDER_SUFFIXES
            and not any(part.startswith(".") for part in file.relative_to(path).parts)
        )
        if not files:
            known = ", ".join(FOLDER_SUFFIXES)
            yield failed(
                str(path), f"folder '{path}' holds no reports ({known})", "input", str(path)
            )
        for file in files:
            yield from _file_items(file, context, _folder_id(file, path))
        return
    yield from _file_items(path, context, path.stem)


def _folder_id(file: Path, folder: Path) -> str:
    """A file's id in a folder: its path below the folder, so two ``index.html`` differ."""
    relative = file.relative_to(folder).with_suffix("")
    return "-".join(relative.parts)


def _file_items(path: Path, context: Context, doc_id: str) -> Iterator[Item]:
    origin = f"'{path}'"
    suffix = path.suffix.lower()
    try:
        if suffix in JSONL_SUFFIXES:
            yield from _jsonl_items(path, context)
            return
        if suffix in FEED_SUFFIXES:
            data = _read_bytes(path, context.max_bytes)
            yield from _feed_items(parse_feed(data, origin), origin, context)
            return
        document = read_path(path, max_bytes=context.max_bytes)
        yield Item(replace(document, id=doc_id), context.outlet, origin)
    except LivedeskError as error:
        yield failed(doc_id, error, "input", origin)


def _read_bytes(path: Path, max_bytes: int) -> bytes:
    if not path.exists():
        raise InputError(f"File not found: '{path}'.")
    size = path.stat().st_size
    if size > max_bytes:
        raise InputError(
            f"'{path}' is {size:,} bytes, over the cap of {max_bytes:,} bytes "
            "(setting max_input_bytes); split the file or raise the cap."
        )
    try:
        return path.read_bytes()
    except OSError as error:
        raise InputError(f"Cannot read '{path}': {error.strerror}.") from error


def _jsonl_items(path: Path, context: Context) -> Iterator[Item]:
    if not path.is_file():
        raise InputError(f"File not found: '{path}'. Give a .jsonl file, a folder or a URL.")
    empty = True
    with path.open(encoding="utf-8", errors="replace") as lines:
        for number, line in enumerate(lines, start=1):
            if line.strip():
                empty = False
                yield _jsonl_item(line, number, f"'{path}' line {number}", context)
    if empty:
        raise InputError(f"'{path}' holds no reports (no non-blank lines).")


def _jsonl_item(line: str, number: int, origin: str, context: Context) -> Item:
    try:
        record = json.loads(line)
    except json.JSONDecodeError:
        record = None
    try:
        document = parse_jsonl_line(line, number, max_bytes=context.max_bytes)
    except InputError as error:
        given = record.get("id") if isinstance(record, dict) else None
        return failed(str(given or f"line-{number}"), error, "input", origin)
    if not isinstance(record, dict):  # parse_jsonl_line accepted it, so it is an object
        record = {}
    if not record.get("id"):
        # parse_jsonl_line names an id-less line by its number, which repeats across files.
        document = replace(document, id="doc-" + content_id(document.html or document.text or ""))
    outlet = record.get("outlet")
    return Item(document, outlet if isinstance(outlet, str) and outlet else context.outlet, origin)


# -- feeds and URLs ----------------------------------------------------------------------------


def _feed_items(feed: Feed, origin: str, context: Context) -> Iterator[Item]:
    outlet = context.outlet or feed.outlet
    if feed.problem:
        context.note(f"feed {origin} is malformed ({feed.problem}); its readable entries are used")
    for number, entry in enumerate(feed.entries, start=1):
        yield entry_item(entry, f"{origin} item {number}", outlet, context)


def entry_item(entry: Entry, origin: str, outlet: str | None, context: Context) -> Item:
    """A feed entry as a raw document: its own text when it is a full article, else the page
    at its link (a teaser is never stored: it would block the full article by its URL)."""
    doc_id = url_id(entry.link) if entry.link else "entry-" + content_id(entry.key)
    outlet = outlet or (host_of(entry.link) if entry.link else None)
    if entry.is_full_article:
        document = RawDocument(
            id=doc_id,
            text=entry.text,
            title=entry.title,
            url=entry.link,
            published=entry.published,
        )
        return Item(document, outlet, origin)
    if entry.link is None or context.fetcher is None:
        reason = "it has no link" if entry.link is None else "fetching is off"
        return failed(
            doc_id,
            f"only a {entry.words}-word summary and {reason}, so the full article cannot be "
            "read; give the article's page or a feed with full text",
            "feed",
            origin,
        )
    try:
        fetched = context.fetcher.get(entry.link)
        document = _page(fetched, doc_id, context)
    except LivedeskError as error:
        return failed(doc_id, error, "fetch", origin)
    # The entry's link, not the final URL, so a later poll finds the report stored by it.
    document = replace(document, title=entry.title, url=entry.link, published=entry.published)
    return Item(document, outlet, origin)


def _url_items(url: str, context: Context) -> Iterator[Item]:
    origin = url
    if context.fetcher is None:
        yield failed(url_id(url), "fetching is off; give a local file", "fetch", origin)
        return
    try:
        fetched = context.fetcher.get(url)
        if looks_like_feed(fetched.content, fetched.content_type):
            feed = parse_feed(fetched.content, url)
        else:
            yield Item(_page(fetched, url_id(url), context), context.outlet or host_of(url), url)
            return
    except LivedeskError as error:
        yield failed(url_id(url), error, "fetch", origin)
        return
    yield from _feed_items(feed, origin, context)


def _page(fetched: Fetched, doc_id: str, context: Context) -> RawDocument:
    """A fetched page as a raw HTML document (plain text stays text)."""
    text, notes = decode(fetched.content, fetched.url, context.max_bytes)
    if fetched.charset and fetched.charset.lower() not in ("utf-8", "utf8"):
        text, notes = _decode_charset(fetched, text, notes)
    if not text.strip():
        raise InputError(f"{fetched.url}: the page is empty; there is nothing to read.")
    is_text = fetched.content_type.split(";", 1)[0].strip().lower() == "text/plain"
    return RawDocument(
        id=doc_id,
        text=text if is_text else None,
        html=None if is_text else text,
        url=fetched.url,
        retrieved=context.now(),
        notes=notes,
    )


def _decode_charset(
    fetched: Fetched, text: str, notes: tuple[str, ...]
) -> tuple[str, tuple[str, ...]]:
    """Decode by the declared charset; keep the UTF-8 reading if the charset is unknown."""
    try:
        return fetched.content.decode(fetched.charset or "utf-8"), ()
    except (LookupError, UnicodeDecodeError):
        return text, notes
