"""Step 2 of fusion: occurrences from many reports merged into incidents.

Two occurrences describe the same incident when all of these hold:

1. the same PLOVER type;
2. the same day;
3. compatible places: both below country level and within ``radius_km`` of each other,
   or both at country level in the same country;
4. compatible actors: when both name the actors' countries, they share one.

Occurrences arrive one report at a time and join the nearest compatible incident (or start
one), so a desk grows incident by incident without re-clustering what it holds; candidates
are looked up by (type, day, one-degree grid cell and its neighbours — or the country for
country-level places), never by comparing every pair.
"""

from __future__ import annotations

import hashlib
import math
from dataclasses import dataclass, field

from livedesk.fuse.facts import Occurrence, PlaceRef


@dataclass
class Incident:
    id: str
    type: str
    day: str | None
    occurrences: list[Occurrence] = field(default_factory=list)
    # Kept as occurrences arrive, so matching costs what is distinct, not how often it
    # was reported: the reports in order, the places, the sets of actor countries.
    report_ids: dict[str, None] = field(default_factory=dict)
    places: dict[str | None, PlaceRef | None] = field(default_factory=dict)
    actor_sets: set[frozenset[str]] = field(default_factory=set)

    @property
    def reports(self) -> list[str]:
        return list(self.report_ids)

    def take(self, occurrence: Occurrence) -> None:
        self.occurrences.append(occurrence)
        self.report_ids.setdefault(occurrence.report, None)
        place = occurrence.place
        self.places.setdefault(place.name if place else None, place)
        countries = _countries(occurrence)
        if countries:
            self.actor_sets.add(countries)


class IncidentIndex:
    """Incidents by (type, day), grown one occurrence at a time."""

    def __init__(self, radius_km: float) -> None:
        self.radius_km = radius_km
        self._degrees = max(1.0, radius_km / KM_PER_CELL_DEGREE)
        self.incidents: dict[str, Incident] = {}
        self._by_key: dict[tuple[str, str | None, Cell], list[str]] = {}

    def add(self, occurrence: Occurrence) -> Incident:
        """File the occurrence under the nearest compatible incident, or a new one."""
        best: tuple[float, Incident] | None = None
        seen: set[str] = set()
        for cell in _nearby_cells(occurrence.place, self._degrees):
            for incident_id in self._by_key.get((occurrence.type, occurrence.day, cell), []):
                if incident_id in seen:
                    continue
                seen.add(incident_id)
                incident = self.incidents[incident_id]
                distance = self._distance(incident, occurrence)
                if distance is not None and (best is None or distance < best[0]):
                    best = (distance, incident)
        if best is not None:
            incident = best[1]
        else:
            incident = Incident(_incident_id(occurrence), occurrence.type, occurrence.day)
            self.incidents[incident.id] = incident
        incident.take(occurrence)
        key = (occurrence.type, occurrence.day, _cell(occurrence.place, self._degrees))
        bucket = self._by_key.setdefault(key, [])
        if incident.id not in bucket:
            bucket.append(incident.id)
        return incident

    def _distance(self, incident: Incident, occurrence: Occurrence) -> float | None:
        """The smallest place distance to the incident's places; None if incompatible."""
        if occurrence.day is None:
            return None
        mine = _countries(occurrence)
        if mine and any(not (mine & theirs) for theirs in incident.actor_sets):
            return None
        nearest: float | None = None
        for place in incident.places.values():
            distance = place_distance(place, occurrence.place)
            if distance is not None and distance <= self.radius_km:
                nearest = distance if nearest is None else min(nearest, distance)
        return nearest


Cell = tuple[int, int] | str | None
# A degree of longitude is at least 35 km up to 70° latitude: cells of one degree per 35 km
# of radius always hold every match within a cell's neighbours.
KM_PER_CELL_DEGREE = 35.0


def _countries(occurrence: Occurrence) -> frozenset[str]:
    return frozenset(p["country"] for p in occurrence.actors if p.get("country"))


def _cell(place: PlaceRef | None, degrees: float) -> Cell:
    if place is None:
        return None
    if place.local and place.lat is not None and place.lon is not None:
        return (math.floor(place.lat / degrees), math.floor(place.lon / degrees))
    return place.country or place.name


def _nearby_cells(place: PlaceRef | None, degrees: float) -> list[Cell]:
    cell = _cell(place, degrees)
    if not isinstance(cell, tuple):
        return [cell]
    row, column = cell
    return [(row + dr, column + dc) for dr in (-1, 0, 1) for dc in (-1, 0, 1)]


def place_distance(a: PlaceRef | None, b: PlaceRef | None) -> float | None:
    """Kilometres between two places, 0 for the same country at country level, else None."""
    if a is None or b is None:
        return None
    if a.local and b.local and None not in (a.lat, a.lon, b.lat, b.lon):
        return haversine_km(
            float(a.lat or 0), float(a.lon or 0), float(b.lat or 0), float(b.lon or 0)
        )
    if not a.local and not b.local and a.country and a.country == b.country:
        return 0.0
    return None


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi, dlmb = phi2 - phi1, math.radians(lon2 - lon1)
    h = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlmb / 2) ** 2
    return 2 * 6371.0088 * math.asin(math.sqrt(min(1.0, h)))


def _incident_id(first: Occurrence) -> str:
    """Stable across rebuilds: derived from the first occurrence's report and evidence."""
    place = first.place.name if first.place else ""
    seed = "\x1f".join(
        (first.report, first.type, str(first.evidence["sentence"]), str(first.day), place)
    )
    return "inc-" + hashlib.sha1(seed.encode("utf-8")).hexdigest()[:12]
