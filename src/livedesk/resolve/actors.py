"""Names to actors: who a name stands for, as an ISO-3 country (or none for international
bodies) and a sector (GOV, MIL, IGO, …).

Three sources, all data: ``data/actors.tsv`` (seats of government, leaders, organisations,
capitals that stand for governments), ``data/sectors.tsv`` (head nouns such as "troops" or
"officials"), and the country names of ``pycountry`` with the demonyms of the geocoder
("Ukrainian" → UKR).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import pycountry

from livedesk.models import Actor

# Country names people write that ISO's official names do not contain.
_COUNTRY_ALIASES = {
    "us": "USA",
    "u.s.": "USA",
    "u.s.a.": "USA",
    "usa": "USA",
    "america": "USA",
    "united states": "USA",
    "the united states": "USA",
    "uk": "GBR",
    "u.k.": "GBR",
    "britain": "GBR",
    "great britain": "GBR",
    "england": "GBR",
    "russia": "RUS",
    "iran": "IRN",
    "syria": "SYR",
    "south korea": "KOR",
    "north korea": "PRK",
    "taiwan": "TWN",
    "vietnam": "VNM",
    "laos": "LAO",
    "bolivia": "BOL",
    "venezuela": "VEN",
    "tanzania": "TZA",
    "moldova": "MDA",
    "the netherlands": "NLD",
    "holland": "NLD",
    "czech republic": "CZE",
    "czechia": "CZE",
    "turkey": "TUR",
    "türkiye": "TUR",
    "ivory coast": "CIV",
    "palestine": "PSE",
    "gaza": "PSE",
    "west bank": "PSE",
    "congo": "COD",
    "drc": "COD",
    "the west": "",
    "west": "",
}


@dataclass(frozen=True)
class ActorEntry:
    surface: str
    name: str
    type: str
    country: str | None
    sector: str | None
    metonym: bool

    @property
    def actor(self) -> Actor:
        return Actor(country=self.country, sector=self.sector)


def fold(text: str) -> str:
    """Lower case, accents off, typographic apostrophes straightened, spaces folded."""
    text = unicodedata.normalize("NFKD", text.replace("’", "'"))
    text = "".join(char for char in text if not unicodedata.combining(char))
    return re.sub(r"\s+", " ", text).strip().lower()


def _table(name: str) -> list[list[str]]:
    text = resources.files("livedesk.data").joinpath(name).read_text("utf-8")
    return [line.split("\t") for line in text.splitlines() if line and not line.startswith("#")]


@lru_cache(maxsize=1)
def actor_dictionary() -> dict[str, ActorEntry]:
    """Surface form → entry, from ``data/actors.tsv``."""
    entries = {}
    for surface, name, kind, country, sector, role in _table("actors.tsv"):
        entries[surface] = ActorEntry(
            surface, name, kind, country or None, sector or None, role == "metonym"
        )
    return entries


@lru_cache(maxsize=1)
def sector_words() -> dict[str, str]:
    """Lemma (possibly two words) → sector, from ``data/sectors.tsv``."""
    return {lemma: sector for lemma, sector in _table("sectors.tsv")}


@lru_cache(maxsize=1)
def _country_names() -> dict[str, str]:
    names: dict[str, str] = {}
    for country in pycountry.countries:
        for attr in ("name", "common_name", "official_name"):
            value = getattr(country, attr, None)
            if value:
                names[fold(value)] = country.alpha_3
        names[country.alpha_3.lower()] = country.alpha_3
    names.update(_COUNTRY_ALIASES)
    return names


def country_code(name: str) -> str | None:
    """ISO-3 code for a country name ("Ukraine", "the U.S.", "Britain"); None if not one.
    An empty string means a bloc with no single country ("the West")."""
    key = fold(name)
    key = re.sub(r"^the ", "", key) if key not in _country_names() else key
    return _country_names().get(key)


def demonym(word: str) -> str | None:
    """ISO-3 for a nationality word ("Ukrainian", "Russians"), from the geocoder's table."""
    from livedesk.resolve.geocode import demonym_country

    return demonym_country(word)


def sector_of(lemma: str) -> str | None:
    return sector_words().get(lemma.lower())
