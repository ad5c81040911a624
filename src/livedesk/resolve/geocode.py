"""Toponyms to places: for each place name a document mentions, the gazetteer entry it most
likely stands for.

A name is read in one sense throughout a document ("Paris, Texas" then "Paris" is still Texas),
so :meth:`Geocoder.resolve` scores each distinct name once, in five steps:

1. prior      from the gazetteer: feature, population (log), capital, name vs alternate name
2. qualifier  an "X, Y" apposition right after a mention: "Springfield, Ill.", "Paris, Texas",
              "Kharkiv, Ukraine's second-largest city", "Lviv, in western Ukraine"
3. focus      the countries and first-level regions the document's other names point to, and the
              countries its demonyms imply ("Ukrainian forces")
4. containment a town named elsewhere in the text that lies in a candidate region, and a
              region the text names, for its towns over their namesakes abroad
5. proximity  nearness to the places already chosen for other names (not sameness: two names
              are two places), the most clear-cut names first

Scores add in log space; a result's ``score`` is the winner's softmax share among its candidates.
Demonyms are not places: "Ukrainian" resolves to no entry, and :func:`demonym_country` maps it.
Neither do the continents, seas and metonyms of ``data/place_unmapped.tsv`` ("Middle East",
"Kremlin"), which the gazetteer has no entry for.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from importlib import resources

from livedesk.resolve.gazetteer import (
    CODE,
    MATCHES,
    Candidate,
    Gazetteer,
    GazetteerEntry,
    normalise,
)

CANDIDATE_LIMIT = 100  # the commonest names (San Antonio, Springfield) have dozens of bearers
QUALIFIER_COUNTRY_BONUS = 3.0  # the writer named the country: outweighs a capital's prior
QUALIFIER_ADMIN1_BONUS = 3.0  # and the state: "Paris, Texas" beats Paris, France by a margin
COUNTRY_FOCUS_WEIGHT = 3.0  # all other names in one country: worth a 1000-fold population gap
ADMIN1_FOCUS_WEIGHT = 2.0  # all in one state/oblast: weaker, since neighbours cross borders
# All states of one country ("Georgia, Alabama and Florida"): a list of states outweighs the
# capital's prior of "Washington" (3.5 vs 2.0: GeoVirus acc@161km 0.843 -> 0.849).
SIBLING_FOCUS_WEIGHT = 3.5
CONTAINMENT_BONUS = 3.0  # a town of the region is named too: "Atlanta … Georgia" is the state
FOCUS_ROUNDS = 2  # a second round lets names made clear by the first sharpen the focus
DEMONYM_VOTE = 0.5  # "Russian troops" implies Russia less surely than a place in Russia does
PROXIMITY_WEIGHT = 2.0  # a candidate next to an already chosen place: local news stays local
PROXIMITY_SCALE_KM = 100.0  # the bonus falls to a third at 100 km, about a county's width
UNRESOLVED = "none"  # precision of a toponym with no entry (a demonym, or no candidate)

_EARTH_RADIUS_KM = 6371.0
_DIRECTION = r"(?:(?:north|south)-?(?:east|west)?|east|west)(?:ern)?|central"
_QUALIFIER = re.compile(
    rf"\s*,\s*(?:(?:in|near|outside)\s+)?(?:the\s+)?(?:(?:{_DIRECTION})\s+)?"
    r"(?P<place>[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3})"
    r"(?P<generic>\s+(?:region|province|oblast|state|county|governorate|district|prefecture))?"
)
_POSSESSIVE = re.compile(r"['’]s$")
# After "X, Y's": the apposition describes X ("Ukraine's second-largest city"), unlike a new
# clause ("In Gaza, Israel's army said").
_DESCRIBES_PLACE = re.compile(
    r"(?:\s+[\w-]+){0,3}?\s+(?:city|town|village|capital|port|region|province|state|oblast|"
    r"hub|settlement|district|suburb)\b"
)
_CAPITALISED = re.compile(r"\b[A-Z][a-z]+\b")

_FOCUS_WEIGHTS: dict[str | None, float] = {
    "country": COUNTRY_FOCUS_WEIGHT,
    "region": ADMIN1_FOCUS_WEIGHT,
    "sibling": SIBLING_FOCUS_WEIGHT,
}
_Region = tuple[str | None, str | None]  # (country, admin1 code)
_Aspect = tuple[str | None, ...]  # ("country", code) | ("region", code, admin1) | ("sibling", code)


@dataclass(frozen=True)
class Toponym:
    """A candidate place mention: its text and character span in the document."""

    text: str
    start: int
    end: int


@dataclass(frozen=True)
class Resolved:
    """A toponym and the place chosen for it (None when none fits). ``precision`` is the
    entry's feature (country/admin1/admin2/city), or "none"; ``score`` is in [0, 1]."""

    toponym: Toponym
    entry: GazetteerEntry | None
    precision: str
    score: float


@dataclass(eq=False)  # hashed by identity: a key of the picks
class _Name:
    """One distinct name of the document and its scored candidates."""

    mentions: list[int]
    candidates: list[Candidate]
    scores: list[float]


def demonym_country(word: str) -> str | None:
    """The ISO-3 country a demonym names: "Ukrainian", "Ukrainians" → "UKR"; else None."""
    table = _demonyms()
    key = normalise(word)
    if key in table:
        return table[key]
    return table.get(key[:-1]) if key.endswith("s") else None


class Geocoder:
    """Resolves a document's toponyms against a gazetteer."""

    def __init__(self, gazetteer: Gazetteer) -> None:
        self.gazetteer = gazetteer

    def resolve(self, text: str, toponyms: list[Toponym]) -> list[Resolved]:
        """One result per toponym, in order."""
        names: dict[str, _Name] = {}
        for index, toponym in enumerate(toponyms):
            surface = _POSSESSIVE.sub("", toponym.text.strip())
            key = normalise(surface)
            if not key or key in _unmapped() or demonym_country(surface) is not None:
                continue
            if key not in names:  # 1. prior
                found = self._candidates(surface)
                names[key] = _Name([], found, [c.prior for c in found])
            names[key].mentions.append(index)
        for name in names.values():  # 2. qualifier: the first mention that has one
            for index in name.mentions:
                toponym = toponyms[index]
                options = self._qualifier(text, toponym.end)
                if options and name.candidates and _is_point(name.candidates[0]):
                    _qualify(name, options)
                    break
        self._focus(text, list(names.values()))  # 3. focus
        _contain(list(names.values()))  # 4. containment
        chosen = _choose_by_proximity(list(names.values()))  # 5. proximity

        results = [Resolved(toponym, None, UNRESOLVED, 0.0) for toponym in toponyms]
        for name in names.values():
            pick = chosen.get(name)
            if pick is None:
                continue
            entry, score = pick
            for index in name.mentions:
                results[index] = Resolved(toponyms[index], entry, entry.feature, score)
        return results

    def _candidates(self, surface: str) -> list[Candidate]:
        found = self.gazetteer.candidates(surface, limit=CANDIDATE_LIMIT)
        if surface.isupper():
            return found
        return [c for c in found if c.match != MATCHES[CODE]]  # "IL" is a code, "Il" is not

    def _qualifier(self, text: str, end: int) -> set[_Region]:
        """(country, admin1) readings of an "X, Y" apposition after ``end``; admin1 None when Y
        is a country. Empty when there is none."""
        match = _QUALIFIER.match(text, end)
        if match is None:
            return set()
        words = match["place"].split()
        for count in range(len(words), 0, -1):
            place = " ".join(words[:count])
            if _POSSESSIVE.search(place):
                if not _DESCRIBES_PLACE.match(text, match.start("place") + len(place)):
                    continue
                place = _POSSESSIVE.sub("", place)
            elif count == len(words) and match["generic"]:
                place += match["generic"]
            found = self._candidates(place)
            if found and not _is_point(found[0]):
                return {
                    (c.entry.country, c.entry.admin1 if c.entry.feature == "admin1" else None)
                    for c in found
                    if not _is_point(c)
                }
        return set()

    def _focus(self, text: str, names: list[_Name]) -> None:
        """Add to each name's scores the focus the document's other names give its candidates:
        votes from the scores before focus, then again from the scores after one round."""
        implied: set[str | None] = set()
        for word in _CAPITALISED.findall(text):
            iso3 = demonym_country(word)
            found = self.gazetteer.country(iso3) if iso3 else None
            if found is not None:
                implied.add(found.country)
        voters = len(names) - 1 + DEMONYM_VOTE * len(implied)
        if voters <= 0:
            return
        base = [list(name.scores) for name in names]
        for _ in range(FOCUS_ROUNDS):
            votes = [_votes(name) for name in names]
            total: defaultdict[_Aspect, float] = defaultdict(float)
            for vote in votes:
                for aspect, share in vote.items():
                    total[aspect] += share
            for country in implied:
                total["country", country] += DEMONYM_VOTE
            for name, own, scores in zip(names, votes, base, strict=True):
                name.scores = [
                    score
                    + sum(
                        _FOCUS_WEIGHTS[aspect[0]] * (total[aspect] - own.get(aspect, 0.0))
                        for aspect in _aspects(candidate.entry)
                    )
                    / voters
                    for candidate, score in zip(name.candidates, scores, strict=True)
                ]


def _contain(names: list[_Name]) -> None:
    """Give a first-level region :data:`CONTAINMENT_BONUS` when another name of the text is
    most likely a town or county inside it (the region is where the story is); a town of the
    same name in that region gets it too, since the other town fits it as well ("Lviv" stays
    the city, not its oblast). And give a town or county in a region the text names the same
    bonus over a namesake abroad, in a country no other name points to ("Texas … Paris" is
    Paris, Texas)."""
    best = {name: _best(name) for name in names if name.candidates}
    for name in names:
        raised: set[int] = set()
        for i, candidate in enumerate(name.candidates):
            entry = candidate.entry
            if entry.admin1 is None:
                continue
            if entry.feature == "admin1":
                wanted = _is_point
            elif _is_point(candidate) and _abroad(name, entry, best):
                wanted = _is_region
            else:
                continue
            if any(
                other is not name and wanted(found) and _same_region(found.entry, entry)
                for other, found in best.items()
            ):
                raised.add(i)
                if entry.feature == "admin1":
                    raised.update(
                        j
                        for j, town in enumerate(name.candidates)
                        if _is_point(town) and _same_region(town.entry, entry)
                    )
        for i in raised:
            name.scores[i] += CONTAINMENT_BONUS


def _same_region(one: GazetteerEntry, other: GazetteerEntry) -> bool:
    return (one.country, one.admin1) == (other.country, other.admin1)


def _best(name: _Name) -> Candidate:
    return name.candidates[max(range(len(name.scores)), key=name.scores.__getitem__)]


def _is_region(candidate: Candidate) -> bool:
    return candidate.entry.feature == "admin1"


def _abroad(name: _Name, entry: GazetteerEntry, best: dict[_Name, Candidate]) -> bool:
    """Whether ``name`` now reads as a place outside ``entry``'s country that no other name
    of the text points to."""
    own = best.get(name)
    if own is None or own.entry.country == entry.country:
        return False
    return all(found.entry.country != own.entry.country for other, found in best.items()
               if other is not name)  # fmt: skip


def _is_point(candidate: Candidate) -> bool:
    return candidate.entry.feature in ("city", "admin2")


def _qualify(name: _Name, options: set[_Region]) -> None:
    countries = {country for country, _ in options}
    for i, candidate in enumerate(name.candidates):
        entry = candidate.entry
        if entry.country in countries:
            name.scores[i] += QUALIFIER_COUNTRY_BONUS
        if entry.feature != "admin1" and (entry.country, entry.admin1) in options:
            name.scores[i] += QUALIFIER_ADMIN1_BONUS


def _votes(name: _Name) -> dict[_Aspect, float]:
    """How strongly a name points to each country, first-level region, and kind of region."""
    votes: defaultdict[_Aspect, float] = defaultdict(float)
    for candidate, share in zip(name.candidates, _softmax(name.scores), strict=True):
        for aspect in _aspects(candidate.entry):
            votes[aspect] += share
    return votes


def _aspects(entry: GazetteerEntry) -> list[_Aspect]:
    """What a place shares with its neighbours in a document: its country, its first-level
    region, and, for a first-level region, being one (states are listed with states)."""
    aspects: list[_Aspect] = [("country", entry.country)]
    if entry.admin1 is not None:
        aspects.append(("region", entry.country, entry.admin1))
    if entry.feature == "admin1":
        aspects.append(("sibling", entry.country))
    return aspects


def _choose_by_proximity(names: list[_Name]) -> dict[_Name, tuple[GazetteerEntry, float]]:
    """Pick each name's entry, the most clear-cut names first, each pick adding a proximity
    bonus for later ones; then a second pass in which every name sees all the others."""
    order = sorted((name for name in names if name.candidates), key=_margin, reverse=True)
    picks: dict[_Name, int] = {}
    for final in (False, True):
        for name in order:
            points = [
                (entry.geonames_id, entry.lat, entry.lon)
                for other, pick in picks.items()
                if other is not name
                and _is_point(other.candidates[pick])
                and (entry := other.candidates[pick].entry).lat is not None
                and entry.lon is not None
            ]
            reachable = max(name.scores) - PROXIMITY_WEIGHT  # below it no bonus can win
            scores = [
                score + _proximity(candidate, points) if score >= reachable else score
                for candidate, score in zip(name.candidates, name.scores, strict=True)
            ]
            picks[name] = max(range(len(scores)), key=scores.__getitem__)
            if final:
                name.scores = scores
    return {
        name: (name.candidates[pick].entry, _softmax(name.scores)[pick])
        for name, pick in picks.items()
    }


def _margin(name: _Name) -> float:
    top = sorted(name.scores, reverse=True)[:2]
    return top[0] - top[1] if len(top) == 2 else math.inf


def _proximity(candidate: Candidate, points: list[tuple[int | None, float, float]]) -> float:
    """The bonus of being near the places other names were read as. A place is no neighbour
    of itself: two names of a text are two places ("Mexico City … Mexico" is the country)."""
    entry = candidate.entry
    others = [(lat, lon) for key, lat, lon in points if key is None or key != entry.geonames_id]
    if entry.lat is None or entry.lon is None or not _is_point(candidate) or not others:
        return 0.0
    nearest = min(_distance_km(entry.lat, entry.lon, lat, lon) for lat, lon in others)
    return PROXIMITY_WEIGHT * math.exp(-nearest / PROXIMITY_SCALE_KM)


def _distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine)."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi, dlambda = phi2 - phi1, math.radians(lon2 - lon1)
    a = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlambda / 2) ** 2
    return 2 * _EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


def _softmax(scores: Iterable[float]) -> list[float]:
    values = list(scores)
    if not values:
        return []
    top = max(values)
    weights = [math.exp(value - top) for value in values]
    total = sum(weights)
    return [weight / total for weight in weights]


@cache
def _demonyms() -> dict[str, str]:
    """Normalised demonym → ISO-3, from ``data/demonyms.tsv``."""
    return {normalise(word): code for word, code in _table("demonyms.tsv")}


@cache
def _unmapped() -> frozenset[str]:
    """Normalised names left unresolved on purpose, from ``data/place_unmapped.tsv``."""
    return frozenset(normalise(name) for (name,) in _table("place_unmapped.tsv"))


def _table(name: str) -> list[list[str]]:
    text = resources.files("livedesk.data").joinpath(name).read_text("utf-8")
    return [line.split("\t") for line in text.splitlines() if line and not line.startswith("#")]
