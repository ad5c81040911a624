"""Step 4 of fusion: incidents and reports grouped into ongoing stories.

A story is a theme (fighting, talks, sanctions, aid, protests, statements, displacement)
anchored where it unfolds: fighting by the town (incidents within ``radius_km`` of the
story's first town join it; country-level fighting by country), protests by country, the
other themes across the whole desk. Each story is titled from its theme and anchor.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from functools import lru_cache

from livedesk.fuse.facts import PlaceRef
from livedesk.fuse.incidents import Incident, place_distance

THEMES: dict[str, str] = {
    "ASSAULT": "fighting",
    "MOBILIZE": "fighting",
    "RETREAT": "fighting",
    "COERCE": "fighting",
    "CONSULT": "talks",
    "AGREE": "talks",
    "CONCEDE": "talks",
    "SANCTION": "sanctions",
    "AID": "aid",
    "SUPPORT": "aid",
    "COOPERATE": "aid",
    "PROTEST": "protests",
    "REQUEST": "statements",
    "ACCUSE": "statements",
    "REJECT": "statements",
    "THREATEN": "statements",
}
# Incidents of these ACLED types belong to the protest story whatever their PLOVER type.
PROTEST_ACLED_PREFIXES = ("Protests", "Riots", "Strategic developments: Arrests")
DISPLACEMENT = "displacement"
_TITLES = {
    "talks": "Talks and diplomacy",
    "sanctions": "Sanctions",
    "aid": "Aid and support",
    "statements": "Warnings, demands and accusations",
    DISPLACEMENT: "People fleeing",
}


@dataclass
class Story:
    id: str
    theme: str
    title: str
    anchor: PlaceRef | None
    incidents: list[str] = field(default_factory=list)
    reports: dict[str, None] = field(default_factory=dict)


class StoryIndex:
    def __init__(self, radius_km: float) -> None:
        self.radius_km = radius_km
        self.stories: dict[str, Story] = {}
        self.of_incident: dict[str, str] = {}

    def file(self, incident: Incident) -> Story:
        """The story the incident belongs to (created on first need)."""
        known = self.of_incident.get(incident.id)
        if known is not None:
            story = self.stories[known]
        else:
            story = self._story_for(incident)
            story.incidents.append(incident.id)
            self.of_incident[incident.id] = story.id
        for report in incident.reports:
            story.reports.setdefault(report, None)
        return story

    def file_report(self, theme: str, report: str) -> Story:
        """Attach a report to a desk-wide theme (e.g. displacement figures)."""
        story = self._theme_story(theme, None)
        story.reports.setdefault(report, None)
        return story

    def _story_for(self, incident: Incident) -> Story:
        first = incident.occurrences[0]
        theme = THEMES.get(incident.type, "statements")
        if first.acled and first.acled.startswith(PROTEST_ACLED_PREFIXES):
            theme = "protests"
        place = _incident_place(incident)
        if theme == "fighting" and place is not None:
            return self._theme_story(theme, place)
        if theme == "protests" and place is not None and place.country:
            return self._theme_story(theme, _country_place(place))
        return self._theme_story(theme, None)

    def _theme_story(self, theme: str, place: PlaceRef | None) -> Story:
        for story in self.stories.values():
            if story.theme != theme:
                continue
            if place is None and story.anchor is None:
                return story
            distance = place_distance(story.anchor, place)
            if distance is not None and distance <= self.radius_km:
                return story
        story = Story(_story_id(theme, place), theme, _title(theme, place), place)
        self.stories[story.id] = story
        return story


def _incident_place(incident: Incident) -> PlaceRef | None:
    places = [o.place for o in incident.occurrences if o.place is not None]
    local = [p for p in places if p.local]
    chosen = local or places
    return chosen[0] if chosen else None


def _country_place(place: PlaceRef) -> PlaceRef:
    name = country_name(place.country) if place.country else place.name
    return PlaceRef(name, None, None, place.country, "country", None)


def _title(theme: str, place: PlaceRef | None) -> str:
    if theme == "fighting":
        return f"Fighting in {place.name}" if place else "Fighting"
    if theme == "protests":
        return f"Protests in {place.name}" if place else "Protests"
    return _TITLES.get(theme, theme.capitalize())


def _story_id(theme: str, place: PlaceRef | None) -> str:
    seed = f"{theme}\x1f{place.name if place else ''}\x1f{place.country if place else ''}"
    return "story-" + hashlib.sha1(seed.encode("utf-8")).hexdigest()[:10]


@lru_cache(maxsize=512)
def country_name(code: str) -> str:
    """A country's common name from its ISO-3 code (the code itself when unknown)."""
    import pycountry

    country = pycountry.countries.get(alpha_3=code)
    if country is None:
        return code
    return str(getattr(country, "common_name", None) or country.name)
