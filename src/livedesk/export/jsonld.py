"""schema.org JSON-LD: the desk as one ``LiveBlogPosting`` whose ``liveBlogUpdate`` holds a
``BlogPosting`` per incident, newest first. Safe to embed in a ``<script>`` element: ``<``,
``>`` and ``&`` are written as JSON escapes."""

from __future__ import annotations

import json
from typing import Any

from livedesk.export.base import (
    DESK_URN,
    DeskLike,
    all_incidents,
    coordinates,
    evidence_text,
    incident_urn,
    latest,
    rfc3339,
    sources,
)

DEFAULT_HEADLINE = "livedesk"


def blog_posting(incident: dict[str, Any]) -> dict[str, Any]:
    """One incident as a schema.org BlogPosting."""
    posting: dict[str, Any] = {
        "@type": "BlogPosting",
        "@id": incident_urn(incident["id"]),
        "headline": incident.get("title") or evidence_text(incident),
        "articleBody": evidence_text(incident),
        "datePublished": rfc3339(incident.get("first_reported")),
        "dateModified": rfc3339(incident.get("last_reported")),
        "about": incident.get("type"),
        "citation": [_citation(source) for source in sources(incident)],
    }
    place = incident.get("place")
    if place:
        location: dict[str, Any] = {"@type": "Place", "name": place.get("name")}
        found = coordinates(incident)
        if found is not None:
            location["geo"] = {
                "@type": "GeoCoordinates",
                "latitude": found[0],
                "longitude": found[1],
            }
        posting["contentLocation"] = location
    return {key: value for key, value in posting.items() if value is not None}


def render_jsonld(desk: DeskLike) -> str:
    """The desk as a LiveBlogPosting: the brief's headline and lead, every incident."""
    incidents = all_incidents(desk)
    brief = desk.brief()
    started = [rfc3339(i.get("first_reported")) for i in incidents]
    updated = latest(rfc3339(i.get("last_reported")) for i in incidents)
    blog: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "LiveBlogPosting",
        "@id": DESK_URN,
        "headline": (brief.get("headline") or {}).get("text") or DEFAULT_HEADLINE,
        "description": (brief.get("lead") or {}).get("text"),
        "coverageStartTime": min((s for s in started if s), default=None),
        "coverageEndTime": updated,
        "dateModified": updated,
        "liveBlogUpdate": [blog_posting(incident) for incident in incidents],
    }
    blog = {key: value for key, value in blog.items() if value is not None}
    text = json.dumps(blog, ensure_ascii=False, indent=1)
    # A "</script>" in a report must not end the element the JSON-LD is embedded in.
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return text + "\n"


def _citation(source: dict[str, Any]) -> dict[str, Any]:
    cited: dict[str, Any] = {
        "@type": "NewsArticle",
        "name": source.get("title") or source.get("outlet") or source.get("report"),
        "url": source.get("url"),
        "datePublished": rfc3339(source.get("published")),
    }
    if source.get("outlet"):
        cited["publisher"] = {"@type": "Organization", "name": source["outlet"]}
    return {key: value for key, value in cited.items() if value is not None}
