"""GeoJSON (RFC 7946): a FeatureCollection of one Point per incident that has coordinates."""

from __future__ import annotations

import json
from typing import Any

from livedesk.export.base import DeskLike, all_incidents, coordinates, killed, sources


def geojson_feature(incident: dict[str, Any]) -> dict[str, Any] | None:
    """The incident as a Point feature, or None when it has no coordinates."""
    found = coordinates(incident)
    if found is None:
        return None
    lat, lon = found
    return {
        "type": "Feature",
        "id": incident["id"],
        "geometry": {"type": "Point", "coordinates": [lon, lat]},  # GeoJSON is lon, lat
        "properties": {
            "id": incident["id"],
            "type": incident.get("type"),
            "acled": incident.get("acled"),
            "date": incident.get("date"),
            "place": (incident.get("place") or {}).get("name"),
            "corroboration": incident.get("corroboration"),
            "killed": killed(incident),
            "title": incident.get("title"),
            "sources": [
                {"report": s.get("report"), "outlet": s.get("outlet"), "url": s.get("url")}
                for s in sources(incident)
            ],
        },
    }


def render_geojson(desk: DeskLike) -> str:
    """The desk's located incidents, newest first."""
    features = [geojson_feature(incident) for incident in all_incidents(desk)]
    collection = {
        "type": "FeatureCollection",
        "features": [feature for feature in features if feature is not None],
    }
    return json.dumps(collection, ensure_ascii=False, indent=1) + "\n"
