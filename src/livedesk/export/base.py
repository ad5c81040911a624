"""What an exporter is, what it reads from a desk, and helpers every format shares."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Protocol
from urllib.parse import quote

# The desk's own URI in exports (Atom feed id, JSON-LD @id); incidents hang below it.
DESK_URN = "urn:livedesk:desk"
# Incidents read per call while paging through the desk: big pages, few calls.
PAGE_SIZE = 500


class PageLike(Protocol):
    """One page of a list read (``livedesk.fuse.view.Listing``)."""

    @property
    def items(self) -> tuple[dict[str, Any], ...]: ...

    @property
    def next(self) -> str | None: ...


class DeskLike(Protocol):
    """The desk reads exporters use (``livedesk.desk.Desk`` has them; tests pass a fake)."""

    def incidents(self, *, after: str | None = None, limit: int = 100) -> PageLike: ...

    def reports(self, after: str | None = None, limit: int = 100) -> PageLike: ...

    def stories(self) -> list[dict[str, Any]]: ...

    def brief(self) -> dict[str, Any]: ...

    def counts(self) -> dict[str, int]: ...


@dataclass(frozen=True)
class Exporter:
    """One export format: its name, HTTP media type, file extension, a line of help, and the
    function that renders a desk as text."""

    name: str
    media_type: str
    extension: str
    help: str
    render: Callable[[DeskLike], str]


def all_incidents(desk: DeskLike) -> list[dict[str, Any]]:
    """Every incident of the desk, newest first, following the page cursor to the end."""
    found: list[dict[str, Any]] = []
    after: str | None = None
    while True:
        page = desk.incidents(after=after, limit=PAGE_SIZE)
        found.extend(page.items)
        if not page.next or page.next == after:
            return found
        after = page.next


# -- what every format reads from an incident (shapes in docs/desk.md) ---------------------


def killed(incident: dict[str, Any]) -> int | None:
    """The conservative killed figure (the lowest value any source gives), or None."""
    for figure in incident.get("figures") or ():
        if figure.get("kind") == "killed":
            conservative = figure.get("conservative") or {}
            value = conservative.get("value", figure.get("min"))
            return int(value) if value is not None else None
    return None


def evidence_text(incident: dict[str, Any]) -> str:
    """The best evidence sentence, else the title."""
    evidence = incident.get("evidence") or {}
    return str(evidence.get("text") or incident.get("title") or "")


def sources(incident: dict[str, Any]) -> list[dict[str, Any]]:
    return list(incident.get("sources") or ())


def outlets(incident: dict[str, Any]) -> list[str]:
    """Distinct outlets of the incident's sources, in source order (report id when unnamed)."""
    names = (str(s.get("outlet") or s.get("report") or "") for s in sources(incident))
    return list(dict.fromkeys(name for name in names if name))


def urls(incident: dict[str, Any]) -> list[str]:
    return list(dict.fromkeys(str(s["url"]) for s in sources(incident) if s.get("url")))


def coordinates(incident: dict[str, Any]) -> tuple[float, float] | None:
    """(lat, lon) of the incident's place, or None when it has none."""
    place = incident.get("place") or {}
    lat, lon = place.get("lat"), place.get("lon")
    if lat is None or lon is None:
        return None
    return float(lat), float(lon)


def first(items: Any) -> dict[str, Any] | None:
    """The first actor or recipient, or None."""
    return next(iter(items or ()), None)


def rfc3339(value: str | None) -> str | None:
    """An ISO 8601 desk time as RFC 3339 (Atom, schema.org): a bare day becomes midnight UTC,
    a time without offset is taken as UTC. None (or unreadable) gives None."""
    if not value:
        return None
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=UTC)
    return parsed.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def latest(values: Any) -> str | None:
    """The latest of some RFC 3339 times (None when there are none)."""
    found = [value for value in values if value]
    return max(found) if found else None


def incident_urn(incident_id: str) -> str:
    """The incident's stable URI in exports (Atom entry id, JSON-LD @id)."""
    return f"urn:livedesk:incident:{quote(incident_id, safe='-._~')}"
