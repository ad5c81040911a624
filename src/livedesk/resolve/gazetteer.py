"""The gazetteer: every place livedesk can put on a map, in one SQLite file, built offline.

:class:`Gazetteer` is the query side: places a name may stand for, ranked by a prior before any
context is read (feature, population, capital, how the name matched). The file is written by
:mod:`livedesk.resolve.gazetteer_build` (through :meth:`Gazetteer.build` or
:func:`open_gazetteer`); names are keyed by :func:`livedesk.resolve.placenames.normalise`.
"""

from __future__ import annotations

import math
import os
import sqlite3
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from livedesk.errors import ResourceError
from livedesk.resolve.gazetteer_build import SCHEMA_VERSION, is_current_build, write_gazetteer
from livedesk.resolve.placenames import ALTERNATE, CODE, MATCHES, NAME, normalise

__all__ = [
    "ALTERNATE",
    "CODE",
    "FEATURES",
    "MATCHES",
    "NAME",
    "REGION_WORDS",
    "SCHEMA_VERSION",
    "Candidate",
    "Gazetteer",
    "GazetteerEntry",
    "default_gazetteer_path",
    "normalise",
    "open_gazetteer",
    "prior",
]

FEATURES = ("country", "admin1", "admin2", "city")

# Prior of a candidate before any context, in log10-population-like units (see ``prior``).
CITY_POPULATION_WEIGHT = 0.5  # one point per hundred-fold population: big cities beat villages
REGION_POPULATION_WEIGHT = 0.15  # a region's population is a lower-bound estimate: weak signal
FEATURE_BONUS = {
    "country": 5.0,  # over the largest cities (~3.7 + capital): "Georgia", "Mexico" are countries
    "admin1": 1.5,  # + its population term, a 50,000-100,000 town: states beat towns, not cities
    "admin2": 0.5,  # + its population term, a hamlet: counties lose to their namesake towns
    "city": 0.0,
}
CAPITAL_BONUS = 2.5  # news names capitals far beyond their size: "Washington" is not the state
MATCH_PENALTY = (0.0, 1.0, 2.5)  # name, alternate (often a transliteration), code ("HRK", "IL")
# Generic words after a region's name ("Donetsk region", "Washington state").
REGION_WORDS = frozenset(
    {"region", "province", "oblast", "state", "governorate", "prefecture", "county", "district",
     "krai", "republic"}
)  # fmt: skip

_COLUMNS = "p.geonames_id, p.name, p.lat, p.lon, p.country, p.country3, p.feature, p.admin1, "
_COLUMNS += "p.population, p.capital"


@dataclass(frozen=True)
class GazetteerEntry:
    """One place. ``admin1`` is the GeoNames first-level code ("07", "IL") of the region the
    place lies in (a region's own code for an admin1). Regions' ``population`` is the sum of
    their cities500 places' populations."""

    geonames_id: int | None
    name: str
    lat: float | None
    lon: float | None
    country: str | None
    country3: str | None
    feature: str
    admin1: str | None
    population: int


@dataclass(frozen=True)
class Candidate:
    """A place a surface name may stand for, how the name matched it, and its prior."""

    entry: GazetteerEntry
    match: str  # one of MATCHES
    capital: bool
    prior: float


def prior(feature: str, population: int, capital: bool, match: int) -> float:
    """How likely a place is meant by a name before any context is read."""
    weight = CITY_POPULATION_WEIGHT if feature == "city" else REGION_POPULATION_WEIGHT
    score = FEATURE_BONUS[feature] + weight * math.log10(1 + max(population, 0))
    return score + (CAPITAL_BONUS if capital else 0.0) - MATCH_PENALTY[match]


class Gazetteer:
    """Read access to a built gazetteer file. Opens the file on first use."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._db: sqlite3.Connection | None = None
        self._inherited: list[sqlite3.Connection] = []

    @classmethod
    def build(cls, path: Path) -> Gazetteer:
        """Build the gazetteer at ``path`` (replacing any, atomically: see
        :func:`~livedesk.resolve.gazetteer_build.write_gazetteer`) and return it, not yet open."""
        write_gazetteer(path)
        return cls(path)

    def candidates(self, name: str, country: str | None = None, limit: int = 20) -> list[Candidate]:
        """Places ``name`` may stand for, most likely first (by :func:`prior`), optionally only
        in ``country`` (a code or name; one not known matches nothing). "X region" / "X state"
        also finds regions called X."""
        key = normalise(name)
        if not key:
            return []
        code = None
        if country is not None:
            found = self.country(country)
            if found is None:
                return []
            code = found.country
        best: dict[int, tuple[int, tuple[Any, ...]]] = {}
        for kind, row in self._rows(key, code):
            if row[0] not in best or kind < best[row[0]][0]:
                best[row[0]] = (kind, row)
        *stem, last = key.split()
        if stem and last in REGION_WORDS:
            for kind, row in self._rows(" ".join(stem), code, regions_only=True):
                if row[0] not in best:
                    best[row[0]] = (max(kind, ALTERNATE), row)
        found_all = [_candidate(kind, row[1:]) for kind, row in best.values()]
        found_all.sort(key=lambda c: (-c.prior, -c.entry.population, c.entry.geonames_id or 0))
        return found_all[:limit]

    def lookup(
        self, name: str, country: str | None = None, limit: int = 20
    ) -> list[GazetteerEntry]:
        """Places ``name`` may stand for, most likely first. See :meth:`candidates`."""
        return [found.entry for found in self.candidates(name, country, limit)]

    def get(self, geonames_id: int) -> GazetteerEntry | None:
        """The place with this GeoNames id, if the gazetteer has it."""
        sql = f"SELECT {_COLUMNS} FROM places p WHERE p.geonames_id = ? ORDER BY p.id LIMIT 1"
        row = self._connection().execute(sql, (geonames_id,)).fetchone()
        return _candidate(NAME, row).entry if row else None

    def region(self, country: str, admin1: str) -> GazetteerEntry | None:
        """The first-level region (admin1) with this code in this country, if known."""
        sql = f"""SELECT {_COLUMNS} FROM places p WHERE p.feature = 'admin1' AND p.country = ?
                  AND p.admin1 = ? ORDER BY p.population DESC LIMIT 1"""
        row = self._connection().execute(sql, (country, admin1)).fetchone()
        return _candidate(NAME, row).entry if row else None

    def country(self, code_or_name: str) -> GazetteerEntry | None:
        """A country by ISO-2 ("UA"), ISO-3 ("UKR") or name ("Ukraine", "U.S.")."""
        key = normalise(code_or_name)
        sql = f"""SELECT n.kind, {_COLUMNS} FROM names n JOIN places p ON p.id = n.place
                  WHERE n.key = ? AND p.feature = 'country' ORDER BY n.kind, p.population DESC"""
        row = self._connection().execute(sql, (key,)).fetchone()
        return _candidate(row[0], row[1:]).entry if row else None

    def is_current(self) -> bool:
        """Whether the file exists, has this schema, was built by this build (revision and data
        tables) and from the source packages now installed (one not installed is not held
        against it). Raises ResourceError if the file is not a gazetteer at all."""
        if not self.path.is_file():
            return False
        db, meta = self._open()
        db.close()
        return is_current_build(meta)

    def stats(self) -> dict[str, int]:
        """Number of places per feature, and of names."""
        db = self._connection()
        counts = dict(db.execute("SELECT feature, COUNT(*) FROM places GROUP BY feature"))
        counts["names"] = db.execute("SELECT COUNT(*) FROM names").fetchone()[0]
        return {feature: counts.get(feature, 0) for feature in (*FEATURES, "names")}

    def close(self) -> None:
        """Close the file; a later query opens it again."""
        if self._db is not None:
            self._db.close()
            self._db = None

    def _rows(
        self, key: str, country: str | None, regions_only: bool = False
    ) -> Iterator[tuple[int, tuple[Any, ...]]]:
        sql = f"SELECT n.kind, p.id, {_COLUMNS} FROM names n JOIN places p ON p.id = n.place "
        sql += "WHERE n.key = ?"
        arguments: list[str] = [key]
        if country is not None:
            sql += " AND p.country = ?"
            arguments.append(country)
        if regions_only:
            sql += " AND p.feature IN ('admin1', 'admin2')"
        for row in self._connection().execute(sql, arguments):
            yield row[0], tuple(row[1:])

    def after_fork(self) -> None:
        """In a forked child: open a connection of its own on next use. The inherited handle
        is kept (not closed) so the child never touches the parent's SQLite state."""
        if self._db is not None:
            self._inherited.append(self._db)
        self._db = None

    def _connection(self) -> sqlite3.Connection:
        if self._db is not None:
            return self._db
        db, meta = self._open()
        version = meta.get("schema_version", "none")
        if version != str(SCHEMA_VERSION):
            db.close()
            raise ResourceError(
                f"gazetteer file '{self.path}' has schema version {version}, this livedesk needs "
                f"{SCHEMA_VERSION}; rebuild it with `livedesk gazetteer build`"
            )
        self._db = db
        return db

    def _open(self) -> tuple[sqlite3.Connection, dict[str, str]]:
        """A read-only connection (so one can serve several threads) and the meta table."""
        if not self.path.is_file():
            raise ResourceError(
                f"gazetteer file '{self.path}' does not exist; build it with "
                "`livedesk gazetteer build` (or open_gazetteer(), which builds it on first use)"
            )
        uri = f"{self.path.resolve().as_uri()}?mode=ro"
        db = sqlite3.connect(uri, uri=True, check_same_thread=False)
        try:
            return db, dict(db.execute("SELECT key, value FROM meta"))
        except sqlite3.DatabaseError as error:
            db.close()
            raise ResourceError(
                f"file '{self.path}' is not a livedesk gazetteer ({error}); point "
                "LIVEDESK_GAZETTEER elsewhere, or delete it and run `livedesk gazetteer build`"
            ) from error


def default_gazetteer_path() -> Path:
    """``$LIVEDESK_GAZETTEER`` if set, else ``~/.cache/livedesk/gazetteer-v<schema>.sqlite``."""
    configured = os.environ.get("LIVEDESK_GAZETTEER")
    if configured:
        return Path(configured).expanduser()
    return Path.home() / ".cache" / "livedesk" / f"gazetteer-v{SCHEMA_VERSION}.sqlite"


def open_gazetteer(path: Path | None = None) -> Gazetteer:
    """The gazetteer at ``path`` (default: :func:`default_gazetteer_path`), built first if the
    file is missing or was built by another schema or from other package versions. Raises
    ResourceError if the file is not a gazetteer (it is never overwritten then)."""
    path = path or default_gazetteer_path()
    gazetteer = Gazetteer(path)
    if not gazetteer.is_current():
        state = "out of date" if path.exists() else "missing"
        print(f"livedesk: gazetteer {path} is {state}; building it (once, about a minute)",
              file=sys.stderr)  # fmt: skip
        Gazetteer.build(path)
    gazetteer._connection()
    return gazetteer


def _candidate(kind: int, row: tuple[Any, ...]) -> Candidate:
    entry = GazetteerEntry(*row[:9])
    capital = bool(row[9])
    return Candidate(
        entry, MATCHES[kind], capital, prior(entry.feature, entry.population, capital, kind)
    )
