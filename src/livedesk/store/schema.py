"""Versioned schema: a list of SQL scripts applied in order, each inside one transaction.

Version ``n`` means the first ``n`` scripts have run; a file with no ``schema_version`` table
is version 0. Scripts are append-only: once released, a script never changes, so a file
written by any older livedesk reaches the current schema by running the scripts it lacks.
"""

from __future__ import annotations

import sqlite3

from livedesk.store.dedup import stored_band_key
from livedesk.store.errors import SchemaTooNew, StoreError

MIGRATIONS: tuple[str, ...] = (
    # 1: reports and their full-text index. The FTS table borrows its content from
    # ``reports`` and triggers keep it in step, so no write path can forget it.
    """
    CREATE TABLE reports (
        id TEXT PRIMARY KEY,
        url TEXT UNIQUE,
        content_hash TEXT NOT NULL UNIQUE,
        outlet TEXT,
        title TEXT,
        published TEXT,
        published_precision TEXT NOT NULL,
        language TEXT NOT NULL,
        body TEXT NOT NULL,
        reading_json TEXT NOT NULL,
        ingested_at TEXT NOT NULL,
        duplicate_of TEXT REFERENCES reports(id)
    );
    CREATE INDEX reports_published ON reports (published, id);
    CREATE INDEX reports_duplicate_of ON reports (duplicate_of);
    CREATE VIRTUAL TABLE reports_fts USING fts5(
        title, body, content='reports', content_rowid='rowid'
    );
    CREATE TRIGGER reports_fts_insert AFTER INSERT ON reports BEGIN
        INSERT INTO reports_fts (rowid, title, body)
        VALUES (new.rowid, coalesce(new.title, ''), new.body);
    END;
    CREATE TRIGGER reports_fts_delete AFTER DELETE ON reports BEGIN
        INSERT INTO reports_fts (reports_fts, rowid, title, body)
        VALUES ('delete', old.rowid, coalesce(old.title, ''), old.body);
    END;
    """,
    # 2: MinHash signatures, so near-duplicate detection survives reopening the file
    # without comparing every pair of reports again.
    """
    CREATE TABLE report_signatures (
        report_id TEXT PRIMARY KEY REFERENCES reports(id) ON DELETE CASCADE,
        num_perm INTEGER NOT NULL,
        signature BLOB NOT NULL
    );
    """,
    # 3: the report list's order (undated reports first) as an index, so a page of a large
    # store is read in order instead of sorting every report.
    """
    CREATE INDEX reports_listing ON reports (coalesce(published, ''), id);
    """,
    # 4: LSH band keys of the signatures in an indexed table, so a new report's candidate
    # copies are one indexed lookup, with nothing rebuilt in memory when the file is opened.
    # One B-tree (no rowid) of small integer pairs: nine random-key inserts a report are the
    # cost, so each entry is kept as small as it can be. ``band_key`` is
    # livedesk.store.dedup.stored_band_key, registered by migrate().
    """
    CREATE TABLE report_bands (
        key INTEGER NOT NULL,
        report INTEGER NOT NULL,  -- reports.rowid
        PRIMARY KEY (key, report)
    ) WITHOUT ROWID;
    INSERT OR IGNORE INTO report_bands (key, report)
        SELECT band_key(s.signature, b.value), r.rowid
        FROM report_signatures AS s
        JOIN reports AS r ON r.id = s.report_id,
             (SELECT 0 AS value UNION ALL SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3
              UNION ALL SELECT 4 UNION ALL SELECT 5 UNION ALL SELECT 6 UNION ALL SELECT 7
              UNION ALL SELECT 8) AS b
        WHERE s.num_perm = 128;
    """,
    # 5: drop the (published, id) index of version 1: no query uses it since the listing
    # index of version 3 took its place, and every insert paid for it (a random-key page
    # written per report once the store outgrows the cache).
    """
    DROP INDEX IF EXISTS reports_published;
    """,
)

CURRENT_VERSION = len(MIGRATIONS)


def schema_version(conn: sqlite3.Connection) -> int:
    """The version recorded in the file; 0 for a file livedesk never migrated."""
    found = conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'"
    ).fetchone()
    if found is None:
        return 0
    row = conn.execute("SELECT max(version) FROM schema_version").fetchone()
    return int(row[0]) if row and row[0] is not None else 0


def migrate(conn: sqlite3.Connection, path: str, *, target: int = CURRENT_VERSION) -> int:
    """Bring the file up to ``target`` (default: current); return the version reached.

    ``conn`` must be in autocommit mode (``isolation_level=None``): each script runs in its
    own explicit transaction, so a failing script leaves the file at the previous version.
    """
    version = schema_version(conn)
    conn.create_function("band_key", 2, stored_band_key, deterministic=True)
    if version > CURRENT_VERSION:
        raise SchemaTooNew(path, version, CURRENT_VERSION)
    for number in range(version + 1, target + 1):
        script = MIGRATIONS[number - 1]
        try:
            conn.executescript(
                "BEGIN IMMEDIATE;\n"
                "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL);\n"
                f"{script}\n"
                "DELETE FROM schema_version;\n"
                f"INSERT INTO schema_version (version) VALUES ({number});\n"
                "COMMIT;"
            )
        except sqlite3.Error as error:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise StoreError(
                f"store file '{path}': migration to schema version {number} failed: {error}; "
                f"the file is left at version {number - 1}"
            ) from error
    return max(version, target)
