"""The SQLite store: one file, WAL mode, foreign keys on, migrated on open.

Every batch of readings is written in one transaction, so a crash mid-batch leaves the file
as it was, and re-running the batch stores each report exactly once.
"""

from __future__ import annotations

import base64
import binascii
import json
import re
import sqlite3
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any

from livedesk.models import Reading
from livedesk.store import dedup
from livedesk.store.errors import StoreError
from livedesk.store.schema import migrate

if TYPE_CHECKING:
    from datasketch import MinHash

# Caps what one page or search may pull into memory, whatever the caller asks for.
MAX_LIMIT = 1000

_QUERY_WORD = re.compile(r"\w+")
_SUMMARY_NAMES = (
    "id",
    "title",
    "url",
    "outlet",
    "published",
    "published_precision",
    "duplicate_of",
)
_SUMMARY_COLUMNS = ", ".join(_SUMMARY_NAMES)


@dataclass(frozen=True)
class AddResult:
    """What one ``add_readings`` call did, by report id.

    ``added`` lists every report newly stored, near-duplicates included; ``linked`` pairs each
    near-duplicate with the original it points to; ``skipped_same`` lists reports already
    stored (same URL or same normalised body), which were not stored again.
    """

    added: tuple[str, ...] = ()
    skipped_same: tuple[str, ...] = ()
    linked: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Page:
    """One page of reports in (published, id) order; ``next`` is None on the last page."""

    items: tuple[dict[str, Any], ...]
    next: str | None


# SQLite's page cache per connection (its default is 2 MiB): the unique indexes take random
# keys (content hashes, ids, band keys), so once they outgrow the cache every insert reads
# pages back from the OS and the cost of a write grows with the store.
CACHE_KIB = 64 * 1024


class Store:
    """Readings on disk. ``open()`` (or ``with Store(path) as store``) before use."""

    def __init__(self, path: str | Path) -> None:
        self.path = str(path)
        self._conn: sqlite3.Connection | None = None

    # -- lifecycle -------------------------------------------------------------------------

    def open(self) -> Store:
        """Create the file on first run, switch on WAL and foreign keys, run migrations."""
        if self._conn is not None:
            return self
        try:
            # Autocommit: transactions are opened explicitly, so their extent is visible here.
            # The server reads and writes from worker threads; callers serialise access
            # (the Desk holds a lock), so the connection may cross threads.
            conn = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False)
        except sqlite3.Error as error:
            raise StoreError(f"cannot open store file '{self.path}': {error}") from error
        try:
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA foreign_keys = ON")
            conn.execute(f"PRAGMA cache_size = -{CACHE_KIB}")
            migrate(conn, self.path)
        except BaseException:
            conn.close()
            raise
        self._conn = conn
        return self

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()
        self._conn = None

    def __enter__(self) -> Store:
        return self.open()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    @property
    def conn(self) -> sqlite3.Connection:
        if self._conn is None:
            raise StoreError(f"store '{self.path}' is not open; call open() first")
        return self._conn

    # -- writes ----------------------------------------------------------------------------

    def add_readings(
        self,
        readings: Iterable[Reading],
        *,
        outlet_of: Callable[[Reading], str | None] | None = None,
        now: str,
    ) -> AddResult:
        """Store the readings in one transaction: all of them, or none if anything raises."""
        conn = self.conn
        added: list[str] = []
        skipped: list[str] = []
        linked: list[tuple[str, str]] = []
        conn.execute("BEGIN IMMEDIATE")
        try:
            for reading in readings:
                outcome = self._add_one(reading, outlet_of, now)
                if outcome is None:
                    skipped.append(reading.id)
                    continue
                added.append(reading.id)
                if outcome != reading.id:
                    linked.append((reading.id, outcome))
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
        return AddResult(tuple(added), tuple(skipped), tuple(linked))

    def _add_one(
        self,
        reading: Reading,
        outlet_of: Callable[[Reading], str | None] | None,
        now: str,
    ) -> str | None:
        """Insert one reading; None if already stored, else the id of its original."""
        digest = dedup.content_hash(reading.body)
        same = self.conn.execute(
            "SELECT id FROM reports WHERE content_hash = ? OR (url IS NOT NULL AND url = ?)",
            (digest, reading.url),
        ).fetchone()
        if same is not None:
            return None
        if self.conn.execute("SELECT 1 FROM reports WHERE id = ?", (reading.id,)).fetchone():
            raise StoreError(
                f"report id '{reading.id}' is already stored with a different URL and body; "
                "give each distinct report its own id"
            )
        minhash = dedup.signature(reading.body)
        original = self._original_of(self._copies_of(minhash)) if minhash is not None else None
        outlet = outlet_of(reading) if outlet_of is not None else None
        inserted = self.conn.execute(
            "INSERT INTO reports (id, url, content_hash, outlet, title, published,"
            " published_precision, language, body, reading_json, ingested_at, duplicate_of)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                reading.id,
                reading.url,
                digest,
                outlet,
                reading.title,
                reading.published.value,
                reading.published.precision,
                reading.language,
                reading.body,
                json.dumps(reading.to_json(), ensure_ascii=False, sort_keys=True),
                now,
                original,
            ),
        )
        if minhash is not None:
            self.conn.execute(
                "INSERT INTO report_signatures (report_id, num_perm, signature) VALUES (?, ?, ?)",
                (reading.id, dedup.NUM_PERM, dedup.to_blob(minhash)),
            )
            self.conn.executemany(
                "INSERT OR IGNORE INTO report_bands (key, report) VALUES (?, ?)",
                [(key, inserted.lastrowid) for key in dedup.band_keys(minhash.hashvalues)],
            )
        return original or reading.id

    def _original_of(self, matches: list[str]) -> str | None:
        """The earliest stored original among the matches (a copy's own original counts)."""
        if not matches:
            return None
        marks = ", ".join("?" for _ in matches)
        row = self.conn.execute(
            f"SELECT r.id FROM reports AS m JOIN reports AS r"
            f" ON r.id = coalesce(m.duplicate_of, m.id)"
            f" WHERE m.id IN ({marks}) ORDER BY r.rowid LIMIT 1",
            matches,
        ).fetchone()
        return str(row[0]) if row else None

    def _copies_of(self, minhash: MinHash) -> list[str]:
        """Stored reports whose estimated Jaccard similarity to ``minhash`` reaches the
        threshold: candidates share an LSH band key (an indexed lookup), then each is checked
        against its signature, since banding lets through some pairs below the threshold."""
        keys = dedup.band_keys(minhash.hashvalues)
        marks = ", ".join("?" for _ in keys)
        rows = self.conn.execute(
            "SELECT s.report_id, s.signature FROM reports AS r"
            " JOIN report_signatures AS s ON s.report_id = r.id WHERE r.rowid IN"
            f" (SELECT report FROM report_bands WHERE key IN ({marks}))",
            keys,
        )
        return [
            report_id
            for report_id, blob in rows
            if dedup.similarity(blob, minhash.hashvalues) >= dedup.NEAR_DUPLICATE_THRESHOLD
        ]

    # -- reads -----------------------------------------------------------------------------

    def get(self, report_id: str) -> dict[str, Any] | None:
        """The stored reading in its public JSON shape, or None if no such report."""
        row = self.conn.execute(
            "SELECT reading_json FROM reports WHERE id = ?", (report_id,)
        ).fetchone()
        if row is None:
            return None
        loaded: dict[str, Any] = json.loads(row[0])
        return loaded

    def readings(
        self, after_rowid: int = 0
    ) -> Iterator[tuple[int, dict[str, Any], dict[str, Any]]]:
        """Stored reports after ``after_rowid``, in storage order: (rowid, summary, reading)."""
        columns = ", ".join(_SUMMARY_NAMES)
        rows = self.conn.execute(
            f"SELECT rowid, {columns}, reading_json FROM reports WHERE rowid > ? ORDER BY rowid",
            (after_rowid,),
        )
        for row in rows:
            yield int(row[0]), _summary(row[1:-1]), json.loads(row[-1])

    def stored_urls(self, urls: Iterable[str]) -> set[str]:
        """Those of ``urls`` some stored report already has."""
        wanted = list(dict.fromkeys(url for url in urls if url))
        found: set[str] = set()
        for first in range(0, len(wanted), 500):
            chunk = wanted[first : first + 500]
            marks = ", ".join("?" for _ in chunk)
            rows = self.conn.execute(f"SELECT url FROM reports WHERE url IN ({marks})", chunk)
            found.update(str(row[0]) for row in rows)
        return found

    def count(self) -> int:
        return int(self.conn.execute("SELECT count(*) FROM reports").fetchone()[0])

    def search(self, query: str, limit: int = 20) -> list[dict[str, Any]]:
        """Reports matching every word of ``query``, best first.

        The query is reduced to its words, each quoted, so FTS5 syntax in user input
        (quotes, ``AND``, ``NEAR``, ``*``, column filters) is searched for, never parsed.
        """
        match = _match_expression(query)
        if not match:
            return []
        columns = ", ".join(f"r.{name}" for name in _SUMMARY_NAMES)
        rows = self.conn.execute(
            f"SELECT {columns} FROM reports_fts JOIN reports AS r ON r.rowid = reports_fts.rowid"
            " WHERE reports_fts MATCH ? ORDER BY reports_fts.rank, r.id LIMIT ?",
            (match, _clamp(limit)),
        )
        return [_summary(row) for row in rows]

    def matching_ids(self, query: str) -> set[str]:
        """Ids of every report matching every word of ``query`` (no cap: for filtering)."""
        match = _match_expression(query)
        if not match:
            return set()
        rows = self.conn.execute(
            "SELECT r.id FROM reports_fts JOIN reports AS r ON r.rowid = reports_fts.rowid"
            " WHERE reports_fts MATCH ?",
            (match,),
        )
        return {str(row[0]) for row in rows}

    def reports(self, after: str | None = None, limit: int = 100) -> Page:
        """One page in (published, id) order, reports with no date first; pass ``next`` on."""
        size = _clamp(limit)
        sql, params = _listing(_SUMMARY_COLUMNS, after, size, newest_first=False)
        items = [_summary(row) for row in self.conn.execute(sql, params)]
        more = len(items) > size
        items = items[:size]
        cursor = encode_cursor(items[-1]["published"] or "", items[-1]["id"]) if more else None
        return Page(tuple(items), cursor)

    def newest_readings(
        self, before: str | None = None, limit: int = 100
    ) -> tuple[list[tuple[dict[str, Any], dict[str, Any]]], str | None]:
        """(summary, reading) pairs, newest first (the listing order reversed), and the
        cursor of the next older page (None at the end)."""
        size = _clamp(limit)
        columns = f"{_SUMMARY_COLUMNS}, reading_json"
        sql, params = _listing(columns, before, size, newest_first=True)
        rows = self.conn.execute(sql, params).fetchall()
        pairs = [(_summary(row[:-1]), json.loads(row[-1])) for row in rows[:size]]
        if len(rows) <= size or not pairs:
            return pairs, None
        last = pairs[-1][0]
        return pairs, encode_cursor(last["published"] or "", last["id"])

    def integrity_check(self) -> list[str]:
        """SQLite's own check of the file plus the FTS index; ``["ok"]`` when sound."""
        self.conn.execute("INSERT INTO reports_fts (reports_fts) VALUES ('integrity-check')")
        return [str(row[0]) for row in self.conn.execute("PRAGMA integrity_check")]


def _listing(
    columns: str, cursor: str | None, size: int, *, newest_first: bool
) -> tuple[str, list[Any]]:
    """SQL and parameters of one listing page (one row more than ``size``, to tell whether
    another page follows), after ``cursor`` in the listing order or its reverse."""
    sql = f"SELECT {columns} FROM reports"
    params: list[Any] = []
    if cursor is not None:
        published, last_id = _decode_cursor(cursor)
        sql += f" WHERE (coalesce(published, ''), id) {'<' if newest_first else '>'} (?, ?)"
        params += [published, last_id]
    order = " DESC" if newest_first else ""
    sql += f" ORDER BY coalesce(published, ''){order}, id{order} LIMIT ?"
    return sql, [*params, size + 1]


def _match_expression(query: str) -> str:
    """An FTS5 expression asking for every word of ``query``, each quoted ("" if none)."""
    words = _QUERY_WORD.findall(query)
    return " ".join('"' + word.replace('"', '""') + '"' for word in words)


def _clamp(limit: int) -> int:
    return max(0, min(int(limit), MAX_LIMIT))


def _summary(row: tuple[Any, ...]) -> dict[str, Any]:
    return dict(zip(_SUMMARY_NAMES, row, strict=True))


def encode_cursor(published: str, report_id: str) -> str:
    """The opaque cursor of a listing position (a report's published value and id)."""
    raw = json.dumps([published, report_id], ensure_ascii=False).encode("utf-8")
    return base64.urlsafe_b64encode(raw).decode("ascii")


def _decode_cursor(cursor: str) -> tuple[str, str]:
    try:
        published, report_id = json.loads(base64.urlsafe_b64decode(cursor.encode("ascii")))
    except (ValueError, binascii.Error, TypeError) as error:
        raise StoreError(
            f"pagination cursor '{cursor}' is not one this store gave out; "
            "pass the 'next' value of the previous page, or None for the first page"
        ) from error
    return str(published), str(report_id)
