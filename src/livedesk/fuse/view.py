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
        self._incident_json: dict[str, dict[str, Any]] = {}

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
                touched.update(dict.fromkeys(self._incidents_of(original)))
                continue
            for occurrence in facts.occurrences:
                incident = self._index.add(occurrence)
                self._stories.file(incident)
                touched[incident.id] = None
            if any(f.kind == "displaced" and f.place for f in facts.figures):
                self._stories.file_report(DISPLACEMENT, facts.id)
        if rows:
            self._cache.clear()
            for incident_id in touched:
                self._incident_json.pop(incident_id, None)
        return list(touched)

    def _incidents_of(self, report_id: str) -> list[str]:
        return [
            incident.id
            for incident in self._index.incidents.values()
            if report_id in incident.reports
        ]

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
        return cached

    def _all_incidents(self) -> list[dict[str, Any]]:
        if "incidents" not in self._cache:
            items = [self.incident(i) for i in self._index.incidents]
            self._cache["incidents"] = sorted(
                (i for i in items if i is not None), key=_newest_first
            )
        result: list[dict[str, Any]] = self._cache["incidents"]
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
        chosen: list[dict[str, Any]] = []
        more = False
        for item in self._all_incidents():
            if position is not None and _newest_first(item) <= position:
                continue
            if not _matches(item, story, type, place, actor, reports):
                continue
            if len(chosen) == size:
                more = True
                break
            chosen.append(item)
        cursor = _encode_cursor(_newest_first(chosen[-1])) if more and chosen else None
        return Listing(tuple(chosen), cursor)

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
            for incident in self._all_incidents()
            for figure in incident["figures"]
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
                incidents = [self.incident(i) for i in story.incidents]
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
                        "types": sorted({i["type"] for i in incidents if i}),
                        "places": sorted(
                            {i["place"]["name"] for i in incidents if i and i["place"]}
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

        if "candidates" not in self._cache:
            self._cache["candidates"] = self._candidates()
        return build_brief(self._cache["candidates"], window=window, hours=hours, titles=titles)

    def _candidates(self) -> list[Candidate]:
        found = []
        for incident in self._all_incidents():
            killed = _conservative(incident, "killed")
            injured = _conservative(incident, "injured")
            evidence = incident["evidence"]
            if incident["status"] != "reported" or not incident["last_reported"]:
                continue
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


def _newest_first(item: dict[str, Any]) -> tuple[str, str, str]:
    """Sort key for newest-first order, as a tuple that increases down the list."""
    return (_invert(item["date"] or ""), _invert(item["last_reported"] or ""), item["id"])


def _invert(text: str) -> str:
    """A string that sorts in the reverse order of ``text`` (for ISO dates and times)."""
    return "".join(chr(0x10FFFF - ord(c)) for c in text) + "\U0010ffff"


def _matches(
    item: dict[str, Any],
    story: str | None,
    kind: str | None,
    place: str | None,
    actor: str | None,
    reports: set[str] | None,
) -> bool:
    if story and item["story"] != story:
        return False
    if kind and item["type"].lower() != kind.lower():
        return False
    if place:
        where = item["place"] or {}
        wanted = place.lower()
        if (
            wanted not in (where.get("name") or "").lower()
            and wanted != (where.get("country") or "").lower()
        ):
            return False
    if actor:
        wanted = actor.lower()
        names = [
            f"{p.get('name') or ''} {p.get('country') or ''}".lower()
            for p in item["actors"] + item["recipients"]
        ]
        if not any(wanted in name for name in names):
            return False
    return reports is None or any(s["report"] in reports for s in item["sources"])


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
