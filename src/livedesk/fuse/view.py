"""The fused view: every stored report folded into incidents, figures, series and stories.

Built from the store when a desk opens and extended report by report as readings arrive
(steps in ``facts``, ``incidents``, ``figures``, ``stories``). It keeps compact facts, not
whole readings. Derived lists (incident dicts, series, the brief) are rebuilt lazily after
a change and cached until the next one.
"""

from __future__ import annotations

import base64
import binascii
import json
from collections import OrderedDict
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlsplit

from livedesk.brief.whattoknow import Candidate, build_brief, severity, window_of
from livedesk.errors import InputError
from livedesk.fuse.facts import Occurrence, ReportFacts, report_facts
from livedesk.fuse.figures import reconcile, series
from livedesk.fuse.incidents import Incident, IncidentIndex
from livedesk.fuse.stories import DISPLACEMENT, StoryIndex

DEFAULT_RADIUS_KM = 30.0
# How many incident and report ids a story lists (the most recent); a story of a long war
# holds thousands, which the incidents list filters by story.
STORY_IDS = 50
MAX_LIMIT = 1000
# Incident dicts kept built between reads (the most recently read).
JSON_CACHE = 4096


@dataclass(frozen=True)
class Listing:
    """One page of a list read: the items and the cursor of the next page (None at the end)."""

    items: tuple[dict[str, Any], ...]
    next: str | None


class FusedView:
    def __init__(self, *, radius_km: float = DEFAULT_RADIUS_KM) -> None:
        self.last_rowid = 0
        self._reports: dict[str, ReportFacts] = {}
        self._copies: dict[str, list[str]] = {}
        self._index = IncidentIndex(radius_km)
        self._stories = StoryIndex(radius_km)
        self._cache: dict[str, Any] = {}
        # Incident dicts are built when read, and only the most recent few thousand kept:
        # the light facts below answer sorting and filtering for every incident.
        self._incident_json: OrderedDict[str, dict[str, Any]] = OrderedDict()
        self._light: dict[str, Light] = {}
        self._by_report: dict[str, list[str]] = {}

    # -- growing ---------------------------------------------------------------------------

    def add(self, rows: list[tuple[int, dict[str, Any], dict[str, Any]]]) -> list[str]:
        """Fold stored rows in; the ids of incidents created or changed."""
        touched: dict[str, None] = {}
        for rowid, summary, reading in rows:
            self.last_rowid = max(self.last_rowid, rowid)
            summary = {**summary, "published": _utc(summary.get("published"))}
            facts = report_facts(rowid, summary, reading)
            self._reports[facts.id] = facts
            original = summary.get("duplicate_of")
            if original:
                # A syndicated copy is one source with its original: listed, not counted.
                self._copies.setdefault(original, []).append(facts.id)
                touched.update(dict.fromkeys(self._by_report.get(original, [])))
                continue
            for occurrence in facts.occurrences:
                incident = self._index.add(occurrence)
                self._stories.file(incident)
                touched[incident.id] = None
                held = self._by_report.setdefault(facts.id, [])
                if incident.id not in held:
                    held.append(incident.id)
            if any(f.kind == "displaced" and f.place for f in facts.figures):
                self._stories.file_report(DISPLACEMENT, facts.id)
        if rows:
            self._cache.clear()
            for incident_id in touched:
                self._incident_json.pop(incident_id, None)
                self._light.pop(incident_id, None)
        return list(touched)

    # -- reports ---------------------------------------------------------------------------

    def report_summary(self, report_id: str) -> dict[str, Any] | None:
        facts = self._reports.get(report_id)
        return dict(facts.summary) if facts else None

    # -- incidents -------------------------------------------------------------------------

    def incident(self, incident_id: str) -> dict[str, Any] | None:
        incident = self._index.incidents.get(incident_id)
        if incident is None:
            return None
        cached = self._incident_json.get(incident_id)
        if cached is None:
            cached = self._incident_to_json(incident)
            self._incident_json[incident_id] = cached
            if len(self._incident_json) > JSON_CACHE:
                self._incident_json.popitem(last=False)
        else:
            self._incident_json.move_to_end(incident_id)
        return cached

    def light(self, incident_id: str) -> Light:
        """What sorting and filtering need of an incident, without building its dict."""
        found = self._light.get(incident_id)
        if found is None:
            incident = self._index.incidents[incident_id]
            published = [
                p for r in incident.reports if (p := self._reports[r].summary.get("published"))
            ]
            place = _place_of(incident.occurrences) or {}
            actors = " ".join(
                f"{p.get('name') or ''} {p.get('country') or ''}".lower()
                for o in incident.occurrences
                for p in o.actors + o.recipients
            )
            found = Light(
                key=_sort_key(incident.day, max(published) if published else None, incident.id),
                first=min(published) if published else None,
                last=max(published) if published else None,
                place=(place.get("name") or "").lower(),
                country=(place.get("country") or "").lower(),
                actors=actors,
                reported=_status(incident.occurrences) == "reported",
                has_figures=any(o.figures for o in incident.occurrences),
            )
            self._light[incident_id] = found
        return found

    def _ordered(self) -> list[str]:
        """Every incident id, newest first."""
        if "order" not in self._cache:
            self._cache["order"] = sorted(self._index.incidents, key=lambda i: self.light(i).key)
        result: list[str] = self._cache["order"]
        return result

    def incidents(
        self,
        *,
        after: str | None = None,
        limit: int = 100,
        story: str | None = None,
        type: str | None = None,
        place: str | None = None,
        actor: str | None = None,
        reports: set[str] | None = None,
    ) -> Listing:
        position = _decode_cursor(after) if after else None
        size = max(0, min(int(limit), MAX_LIMIT))
        chosen: list[str] = []
        more = False
        for incident_id in self._ordered():
            light = self.light(incident_id)
            if position is not None and light.key <= position:
                continue
            if not self._matches(incident_id, light, story, type, place, actor, reports):
                continue
            if len(chosen) == size:
                more = True
                break
            chosen.append(incident_id)
        items = tuple(self.incident(i) or {} for i in chosen)
        cursor = _encode_cursor(self.light(chosen[-1]).key) if more and chosen else None
        return Listing(items, cursor)

    def _matches(
        self,
        incident_id: str,
        light: Light,
        story: str | None,
        kind: str | None,
        place: str | None,
        actor: str | None,
        reports: set[str] | None,
    ) -> bool:
        incident = self._index.incidents[incident_id]
        if story and self._stories.of_incident.get(incident_id) != story:
            return False
        if kind and incident.type.lower() != kind.lower():
            return False
        if place and place.lower() not in light.place and place.lower() != light.country:
            return False
        if actor and actor.lower() not in light.actors:
            return False
        return reports is None or any(r in reports for r in incident.reports)

    def _incident_to_json(self, incident: Incident) -> dict[str, Any]:
        occurrences = incident.occurrences
        best = max(occurrences, key=lambda o: (o.detail, -self._order(o.report)))
        lead = min(occurrences, key=lambda o: self._order(o.report))
        sources = [self._source(report) for report in incident.reports]
        published = [s["published"] for s in sources if s["published"]]
        outlets = {s["outlet"] or s["report"] for s in sources}
        per_source: dict[str, list[Any]] = {}
        for occurrence in occurrences:
            per_source.setdefault(occurrence.report, []).extend(occurrence.figures)
        figures = reconcile(
            incident.id,
            ((self._reports[r].summary, figs) for r, figs in per_source.items()),
        )
        best_report = self._reports[best.report]
        title = best_report.summary.get("title") if best.evidence["sentence"] <= 0 else None
        return {
            "id": incident.id,
            "type": incident.type,
            "mode": _most_common([o.mode for o in occurrences]),
            "acled": _most_common([o.acled for o in occurrences]),
            "status": _status(occurrences),
            "date": incident.day,
            "date_precision": "day" if incident.day else "unknown",
            "first_reported": min(published) if published else None,
            "last_reported": max(published) if published else None,
            "place": _place_of(occurrences),
            "actors": _participants(o.actors for o in occurrences),
            "recipients": _participants(o.recipients for o in occurrences),
            "title": title or best.evidence["text"],
            "evidence": {
                "report": best.report,
                "outlet": best_report.summary.get("outlet"),
                **best.evidence,
            },
            "sources": sources,
            "corroboration": len(outlets),
            "figures": figures,
            "story": self._stories.of_incident.get(incident.id),
            "lead_report": lead.report,
        }

    def _order(self, report_id: str) -> int:
        return self._reports[report_id].rowid

    def _source(self, report_id: str) -> dict[str, Any]:
        summary = self._reports[report_id].summary
        return {
            "report": report_id,
            "outlet": summary.get("outlet") or _host(summary.get("url")),
            "title": summary.get("title"),
            "url": summary.get("url"),
            "published": summary.get("published"),
            "copies": list(self._copies.get(report_id, [])),
        }

    # -- figures, series, stories ----------------------------------------------------------

    def figures(self, *, kind: str | None = None) -> list[dict[str, Any]]:
        return [
            figure
            for incident_id in self._ordered()
            if self.light(incident_id).has_figures
            for figure in (self.incident(incident_id) or {}).get("figures", [])
            if kind is None or figure["kind"] == kind
        ]

    def series(self) -> list[dict[str, Any]]:
        if "series" not in self._cache:
            self._cache["series"] = series(self._reports.values())
        result: list[dict[str, Any]] = self._cache["series"]
        return result

    def stories(self) -> list[dict[str, Any]]:
        if "stories" not in self._cache:
            built = []
            for story in self._stories.stories.values():
                held = [self._index.incidents[i] for i in story.incidents]
                dates = [
                    str(published)
                    for r in story.reports
                    if (published := self._reports[r].summary.get("published"))
                ]
                built.append(
                    {
                        "id": story.id,
                        "title": story.title,
                        "theme": story.theme,
                        "incident_count": len(story.incidents),
                        "report_count": len(story.reports),
                        # The latest few; the whole list is /api/incidents?story=ID.
                        "incidents": list(story.incidents)[-STORY_IDS:],
                        "reports": list(story.reports)[-STORY_IDS:],
                        "first": min(dates) if dates else None,
                        "last": max(dates) if dates else None,
                        "types": sorted({i.type for i in held}),
                        "places": sorted(
                            {p["name"] for i in held if (p := _place_of(i.occurrences))}
                        ),
                    }
                )
            self._cache["stories"] = sorted(
                built, key=lambda s: (s["last"] or "", len(s["reports"])), reverse=True
            )
        result: list[dict[str, Any]] = self._cache["stories"]
        return result

    # -- the brief -------------------------------------------------------------------------

    def brief(self, *, hours: float, end: str | None) -> dict[str, Any]:
        if "latest" not in self._cache:
            self._cache["latest"] = max(
                (f.summary.get("published") or "" for f in self._reports.values()), default=""
            )
        latest = self._cache["latest"]
        window = window_of(_utc(end) if end else None, hours, latest or None)

        def titles(report_id: str) -> str | None:
            facts = self._reports.get(report_id)
            return facts.summary.get("title") if facts else None

        since = window[0] if window else None
        key = f"candidates:{since}"
        if key not in self._cache:
            self._cache[key] = self._candidates(since)
        candidates = self._cache[key]
        return build_brief(candidates, window=window, hours=hours, titles=titles)

    def _candidates(self, since: str | None) -> list[Candidate]:
        """Incidents and key points last reported at or after ``since`` (all when None)."""
        found = []
        for incident_id in self._index.incidents:
            light = self.light(incident_id)
            if not light.reported or not light.last or (since and light.last < since):
                continue
            incident = self.incident(incident_id)
            if incident is None:
                continue
            killed = _conservative(incident, "killed")
            injured = _conservative(incident, "injured")
            evidence = incident["evidence"]
            found.append(
                Candidate(
                    text=evidence["text"],
                    report=evidence["report"],
                    outlet=evidence.get("outlet"),
                    incident=incident["id"],
                    reports=tuple(s["report"] for s in incident["sources"]),
                    severity=severity(incident["type"], killed, injured),
                    outlets=incident["corroboration"],
                    first=incident["first_reported"],
                    last=incident["last_reported"],
                )
            )
        for facts in self._reports.values():
            published = facts.summary.get("published")
            if facts.summary.get("duplicate_of") or not published:
                continue
            if since and published < since:
                continue
            for point in facts.key_points[:2]:
                found.append(
                    Candidate(
                        text=point["text"],
                        report=facts.id,
                        outlet=facts.summary.get("outlet"),
                        incident=None,
                        reports=(facts.id,),
                        severity=min(1.0, float(point.get("score") or 0.0)) * 0.5,
                        outlets=1,
                        first=published,
                        last=published,
                    )
                )
        return found

    def counts(self) -> dict[str, int]:
        return {
            "reports": len(self._reports),
            "incidents": len(self._index.incidents),
            "stories": len(self._stories.stories),
        }


@dataclass(frozen=True)
class Light:
    """An incident's sort key and the facts its filters look at."""

    key: tuple[str, str, str]
    first: str | None
    last: str | None
    place: str
    country: str
    actors: str
    reported: bool
    has_figures: bool


def _sort_key(day: str | None, last: str | None, incident_id: str) -> tuple[str, str, str]:
    """Sort key for newest-first order, as a tuple that increases down the list."""
    return (_invert(day or ""), _invert(last or ""), incident_id)


def _invert(text: str) -> str:
    """A string that sorts in the reverse order of ``text`` (for ISO dates and times)."""
    return "".join(chr(0x10FFFF - ord(c)) for c in text) + "\U0010ffff"


def _status(occurrences: list[Occurrence]) -> str:
    return "reported" if any(o.modality == "reported" for o in occurrences) else "anticipated"


def _most_common(values: list[str | None]) -> str | None:
    counts: dict[str, int] = {}
    for value in values:
        if value:
            counts[value] = counts.get(value, 0) + 1
    return max(counts, key=lambda v: counts[v]) if counts else None


def _place_of(occurrences: list[Occurrence]) -> dict[str, Any] | None:
    """The place most sources agree on, finer places first."""
    counts: dict[str, tuple[int, int, Any]] = {}
    for occurrence in occurrences:
        place = occurrence.place
        if place is None:
            continue
        seen = counts.get(place.name)
        counts[place.name] = (int(place.local), (seen[1] if seen else 0) + 1, place)
    if not counts:
        return None
    best = max(counts.values(), key=lambda entry: (entry[0], entry[1]))
    result: dict[str, Any] = best[2].to_json()
    return result


def _participants(groups: Any) -> list[dict[str, Any]]:
    seen: dict[str, dict[str, Any]] = {}
    for group in groups:
        for participant in group:
            name = participant.get("name")
            if name and name.lower() not in seen:
                seen[name.lower()] = participant
    return list(seen.values())


def _conservative(incident: dict[str, Any], kind: str) -> int | None:
    for figure in incident["figures"]:
        if figure["kind"] == kind:
            value: int | None = figure["conservative"]["value"]
            return value
    return None


def _host(url: str | None) -> str | None:
    return urlsplit(url).hostname if url else None


def _utc(value: str | None) -> str | None:
    """ISO time as UTC with a Z; a date alone stays a date; unparseable values kept as they are."""
    if not value or len(value) <= 10:
        return value
    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return value
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _encode_cursor(key: tuple[str, str, str]) -> str:
    return base64.urlsafe_b64encode(json.dumps(list(key)).encode("utf-8")).decode("ascii")


def _decode_cursor(cursor: str) -> tuple[str, str, str]:
    try:
        first, second, third = json.loads(base64.urlsafe_b64decode(cursor.encode("ascii")))
    except (ValueError, binascii.Error, TypeError) as error:
        raise InputError(
            f"pagination cursor '{cursor}' is not one this desk gave out; "
            "pass the 'next' value of the previous page, or none for the first page"
        ) from error
    return str(first), str(second), str(third)
