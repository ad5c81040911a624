"""PLOVER-style JSON Lines: one incident per line, modelled on the PLOVER/POLECAT event record
(event type, mode, context, actor and recipient with country and sector, located and dated)."""

from __future__ import annotations

import json
from typing import Any

from livedesk.export.base import (
    DeskLike,
    all_incidents,
    evidence_text,
    first,
    killed,
    sources,
)

_UNICODE_BREAKS = ("\x85", "\u2028", "\u2029")


def plover_record(incident: dict[str, Any]) -> dict[str, Any]:
    """One incident as a PLOVER-style event record."""
    place = incident.get("place")
    return {
        "id": incident["id"],
        "event_type": incident.get("type"),
        "mode": incident.get("mode"),
        # PLOVER contexts (e.g. "military", "election") are not read yet: always a list.
        "context": list(incident.get("context") or ()),
        "date": incident.get("date"),
        "date_precision": incident.get("date_precision"),
        "actor": _participant(first(incident.get("actors"))),
        "recipient": _participant(first(incident.get("recipients"))),
        "country": (place or {}).get("country"),
        "location": _location(place),
        "status": incident.get("status"),
        "acled_type": incident.get("acled"),
        "sources": [
            {
                "report": source.get("report"),
                "outlet": source.get("outlet"),
                "url": source.get("url"),
                "published": source.get("published"),
            }
            for source in sources(incident)
        ],
        "corroboration": incident.get("corroboration"),
        "fatalities": killed(incident),
        "figures": [_figure(figure) for figure in incident.get("figures") or ()],
        "text": evidence_text(incident),
        "title": incident.get("title"),
        "first_reported": incident.get("first_reported"),
        "last_reported": incident.get("last_reported"),
        "story": incident.get("story"),
    }


def render_plover(desk: DeskLike) -> str:
    """Every incident of the desk, newest first, one JSON object per line."""
    lines = (_one_line(plover_record(i)) for i in all_incidents(desk))
    return "".join(f"{line}\n" for line in lines)


def _one_line(record: dict[str, Any]) -> str:
    """JSON on one line. json escapes control characters; the Unicode line breaks it keeps
    raw (NEL, LINE/PARAGRAPH SEPARATOR) would split the line for ``str.splitlines`` readers."""
    text = json.dumps(record, ensure_ascii=False)
    for char in _UNICODE_BREAKS:
        text = text.replace(char, f"\\u{ord(char):04x}")
    return text


def _participant(found: dict[str, Any] | None) -> dict[str, Any] | None:
    if found is None:
        return None
    return {
        "name": found.get("name"),
        "country": found.get("country"),
        "sector": found.get("sector"),
    }


def _location(place: dict[str, Any] | None) -> dict[str, Any] | None:
    if not place:
        return None
    return {
        "name": place.get("name"),
        "lat": place.get("lat"),
        "lon": place.get("lon"),
        "geonames_id": place.get("geonames_id"),
        "precision": place.get("precision"),
    }


def _figure(figure: dict[str, Any]) -> dict[str, Any]:
    """A figure reconciliation without its per-source detail: the range and the picks."""
    conservative = figure.get("conservative") or {}
    latest = figure.get("latest") or {}
    return {
        "kind": figure.get("kind"),
        "min": figure.get("min"),
        "max": figure.get("max"),
        "conservative": conservative.get("value"),
        "latest": latest.get("value"),
        "disagree": figure.get("disagree"),
        "sources": len(figure.get("sources") or ()),
    }
