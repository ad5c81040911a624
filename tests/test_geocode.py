"""The geocoder picks the place a document means, from the gazetteer's candidates and the
document's context."""

from __future__ import annotations

import math
import re
from collections.abc import Iterator
from importlib import resources

import pycountry
import pytest

from livedesk.resolve.gazetteer import Gazetteer, GazetteerEntry
from livedesk.resolve.geocode import Geocoder, Resolved, Toponym, demonym_country

UKRAINE_WAR = (
    "Russian missiles struck Kharkiv, Ukraine's second-largest city, overnight, officials in "
    "Kyiv said. Moscow denied targeting civilians. Belarusian troops massed near Minsk, and "
    "Washington announced new sanctions. Ukrainian air defences shot down 20 drones over Kharkiv."
)
CENTRAL_ILLINOIS = (
    "Severe storms knocked out power across Peoria on Tuesday night. Crews from Champaign and "
    "Normal were sent to help, and schools in Bloomington and Decatur will open late."
)


@pytest.fixture(scope="session")
def gazetteer(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Gazetteer]:
    # The same path as test_gazetteer.py's fixture: the session builds the gazetteer once.
    path = tmp_path_factory.getbasetemp() / "gazetteer.sqlite"
    built = Gazetteer(path) if path.exists() else Gazetteer.build(path)
    yield built
    built.close()


@pytest.fixture(scope="session")
def geocoder(gazetteer: Gazetteer) -> Geocoder:
    return Geocoder(gazetteer)


def mentions(text: str, *names: str) -> list[Toponym]:
    """Every occurrence of each name, in text order, as a spaCy GPE/LOC span would give it."""
    found = [
        Toponym(name, match.start(), match.end())
        for name in names
        for match in re.finditer(rf"\b{re.escape(name)}(?!\w)", text)
    ]
    return sorted(found, key=lambda toponym: toponym.start)


def resolve(geocoder: Geocoder, text: str, *names: str) -> dict[str, Resolved]:
    return {
        result.toponym.text: result for result in geocoder.resolve(text, mentions(text, *names))
    }


def place(result: Resolved) -> GazetteerEntry:
    assert result.entry is not None, result
    return result.entry


def test_ukraine_war_text_resolves_its_cities(geocoder: Geocoder) -> None:
    found = resolve(geocoder, UKRAINE_WAR, "Kharkiv", "Kyiv", "Moscow", "Minsk", "Washington")
    ids = {name: place(result).geonames_id for name, result in found.items()}
    assert ids == {
        "Kharkiv": 706483,
        "Kyiv": 703448,
        "Moscow": 524901,
        "Minsk": 625144,
        "Washington": 4140963,
    }
    assert all(result.precision == "city" for result in found.values())


def test_every_mention_gets_one_result_in_order(geocoder: Geocoder) -> None:
    toponyms = mentions(UKRAINE_WAR, "Kharkiv", "Kyiv", "Ukrainian")
    results = geocoder.resolve(UKRAINE_WAR, toponyms)
    assert [result.toponym for result in results] == toponyms
    assert [r.entry.geonames_id if r.entry else None for r in results] == [
        706483,
        703448,
        None,
        706483,
    ]
    assert all(0.0 <= result.score <= 1.0 for result in results)


def test_demonym_is_no_place_but_names_a_country(geocoder: Geocoder) -> None:
    found = resolve(geocoder, UKRAINE_WAR, "Ukrainian", "Kharkiv")
    assert found["Ukrainian"].entry is None
    assert found["Ukrainian"].precision == "none"
    assert demonym_country("Ukrainian") == "UKR"
    assert demonym_country("Ukrainians") == "UKR"
    assert demonym_country("Frenchmen") == "FRA"
    assert demonym_country("Kharkiv") is None


def test_springfield_ill_is_the_illinois_capital(geocoder: Geocoder) -> None:
    text = "Police in Springfield, Ill., said the suspect fled on foot."
    assert place(resolve(geocoder, text, "Springfield")["Springfield"]).geonames_id == 4250542


def test_paris_texas_is_in_texas_throughout_the_text(geocoder: Geocoder) -> None:
    text = "A tornado hit Paris, Texas on Sunday. Paris officials said 40 homes were damaged."
    results = geocoder.resolve(text, mentions(text, "Paris"))
    assert len(results) == 2
    for result in results:
        assert (place(result).country, place(result).admin1) == ("US", "TX")


def test_paris_alone_is_the_french_capital(geocoder: Geocoder) -> None:
    text = "Thousands marched in Paris on Saturday against the pension reform."
    assert place(resolve(geocoder, text, "Paris")["Paris"]).geonames_id == 2988507


def test_georgia_in_a_text_about_tbilisi_is_the_country(geocoder: Geocoder) -> None:
    text = "Protesters filled the streets of Tbilisi as Georgia's parliament passed the bill."
    georgia = place(resolve(geocoder, text, "Georgia", "Tbilisi")["Georgia"])
    assert (georgia.feature, georgia.country) == ("country", "GE")


def test_georgia_among_us_states_is_the_state(geocoder: Geocoder) -> None:
    text = "The hurricane brought flooding to Georgia, Alabama and Florida."
    georgia = place(resolve(geocoder, text, "Georgia", "Alabama", "Florida")["Georgia"])
    assert (georgia.feature, georgia.country, georgia.admin1) == ("admin1", "US", "GA")


def test_a_city_of_the_state_makes_georgia_the_state(geocoder: Geocoder) -> None:
    text = "Flu cases rose in Atlanta this week, and hospitals across Georgia were told to prepare."
    georgia = place(resolve(geocoder, text, "Georgia", "Atlanta")["Georgia"])
    assert (georgia.feature, georgia.country, georgia.admin1) == ("admin1", "US", "GA")


def test_a_city_stays_a_city_when_another_town_of_its_region_is_named(
    geocoder: Geocoder,
) -> None:
    text = "Trains left Lviv every hour, and buses ran from Drohobych to the border."
    lviv = place(resolve(geocoder, text, "Lviv", "Drohobych")["Lviv"])
    assert (lviv.feature, lviv.country) == ("city", "UA")


def test_a_town_of_the_named_state_beats_its_namesake_abroad(geocoder: Geocoder) -> None:
    text = "Ohio officials said the new plant in Dublin would open in spring."
    dublin = place(resolve(geocoder, text, "Ohio", "Dublin")["Dublin"])
    assert (dublin.country, dublin.admin1) == ("US", "OH")


def test_a_foreign_city_named_with_its_country_stays_abroad(geocoder: Geocoder) -> None:
    text = "Ohio sent a trade mission to Ireland, and its governor spoke in Dublin."
    dublin = place(resolve(geocoder, text, "Ohio", "Ireland", "Dublin")["Dublin"])
    assert dublin.country == "IE"


def test_us_local_news_resolves_its_towns_near_each_other(geocoder: Geocoder) -> None:
    # Peoria, Arizona and Bloomington, Minnesota are bigger; this text is about central Illinois.
    found = resolve(
        geocoder, CENTRAL_ILLINOIS, "Peoria", "Champaign", "Normal", "Bloomington", "Decatur"
    )
    towns = {name: place(result) for name, result in found.items()}
    assert {(town.country, town.admin1) for town in towns.values()} == {("US", "IL")}
    assert towns["Peoria"].geonames_id == 4905687
    assert towns["Bloomington"].geonames_id == 4885164
    peoria, champaign = towns["Peoria"], towns["Champaign"]
    assert _km(peoria, champaign) < 200


def test_region_apposition_places_a_city(geocoder: Geocoder) -> None:
    text = "Drones hit Lviv, in western Ukraine, and Kramatorsk, in the Donetsk region."
    found = resolve(geocoder, text, "Lviv", "Kramatorsk")
    assert place(found["Lviv"]).country == "UA"
    assert (place(found["Kramatorsk"]).country, place(found["Kramatorsk"]).admin1) == ("UA", "05")


def test_region_word_resolves_to_the_region(geocoder: Geocoder) -> None:
    text = "Shelling in the Donetsk region killed two."
    region = place(resolve(geocoder, text, "Donetsk region")["Donetsk region"])
    assert (region.feature, region.country, region.admin1) == ("admin1", "UA", "05")


def test_a_new_clause_after_a_comma_is_no_apposition(geocoder: Geocoder) -> None:
    text = "In Gaza, Israel's army said it had struck targets overnight."
    assert place(resolve(geocoder, text, "Gaza")["Gaza"]).country == "PS"


def test_a_list_of_countries_is_not_read_as_appositions(geocoder: Geocoder) -> None:
    text = "Envoys from Poland, Hungary and Romania met on Monday."
    found = resolve(geocoder, text, "Poland", "Hungary", "Romania")
    assert {name: place(r).country for name, r in found.items()} == {
        "Poland": "PL",
        "Hungary": "HU",
        "Romania": "RO",
    }


def test_names_without_a_gazetteer_entry_stay_unresolved(geocoder: Geocoder) -> None:
    text = "Tensions in the Middle East rose as the Kremlin warned Europe."
    found = resolve(geocoder, text, "Middle East", "Kremlin", "Europe", "Atlantis")
    assert all(result.entry is None for result in found.values())


def test_nothing_to_resolve_gives_nothing(geocoder: Geocoder) -> None:
    assert geocoder.resolve("", []) == []
    blank = Toponym(" ... ", 0, 5)
    assert geocoder.resolve(" ... ", [blank]) == [Resolved(blank, None, "none", 0.0)]


def test_demonyms_file_names_real_countries() -> None:
    table = resources.files("livedesk.data").joinpath("demonyms.tsv").read_text("utf-8")
    codes = {line.split("\t")[1] for line in table.splitlines() if not line.startswith("#")}
    known = {country.alpha_3 for country in pycountry.countries} | {"XKX"}  # GeoNames' Kosovo
    assert codes - known == set()
    assert len(codes) > 180


def _km(a: GazetteerEntry, b: GazetteerEntry) -> float:
    assert a.lat is not None and a.lon is not None and b.lat is not None and b.lon is not None
    dlat, dlon = math.radians(b.lat - a.lat), math.radians(b.lon - a.lon)
    h = (
        math.sin(dlat / 2) ** 2
        + math.cos(math.radians(a.lat)) * math.cos(math.radians(b.lat)) * math.sin(dlon / 2) ** 2
    )
    return 2 * 6371 * math.asin(math.sqrt(h))
