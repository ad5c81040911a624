"""Atom 1.0 (RFC 4287): the desk as a feed, one entry per incident, most recently updated
first, with GeoRSS points where the incident has coordinates. Built with ElementTree, which
escapes markup; characters XML 1.0 forbids (most C0 controls) are dropped first."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
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

ATOM = "http://www.w3.org/2005/Atom"
GEORSS = "http://www.georss.org/georss"
FEED_TITLE = "livedesk"
# Atom requires a feed-level "updated"; an empty desk has no time of its own.
EMPTY_FEED_UPDATED = "1970-01-01T00:00:00Z"
PLOVER_SCHEME = "urn:livedesk:plover-event-type"
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def render_atom(desk: DeskLike) -> str:
    """The desk's incidents as an Atom feed (UTF-8 XML text)."""
    incidents = all_incidents(desk)
    brief = desk.brief()
    # Namespaces as plain attributes and prefixed names, not ET.register_namespace, which
    # would change ElementTree's process-wide prefix table.
    feed = ET.Element("feed", {"xmlns": ATOM, "xmlns:georss": GEORSS})
    _text(feed, "id", DESK_URN)
    _text(feed, "title", (brief.get("headline") or {}).get("text") or FEED_TITLE)
    lead = (brief.get("lead") or {}).get("text")
    if lead:
        _text(feed, "subtitle", lead)
    updated = latest(_updated(incident) for incident in incidents)
    window_end = rfc3339((brief.get("window") or {}).get("end"))
    _text(feed, "updated", updated or window_end or EMPTY_FEED_UPDATED)
    _text(ET.SubElement(feed, "author"), "name", FEED_TITLE)
    _text(feed, "generator", "livedesk")
    for incident in sorted(incidents, key=lambda i: _updated(i) or "", reverse=True):
        feed.append(atom_entry(incident))
    ET.indent(feed)
    return ET.tostring(feed, encoding="unicode", xml_declaration=True) + "\n"


def atom_entry(incident: dict[str, Any]) -> ET.Element:
    """One incident as an Atom entry: its evidence as summary, its sources as links."""
    entry = ET.Element("entry")
    _text(entry, "id", incident_urn(incident["id"]))
    _text(entry, "title", incident.get("title") or evidence_text(incident) or incident["id"])
    _text(entry, "updated", _updated(incident) or EMPTY_FEED_UPDATED)
    published = rfc3339(incident.get("first_reported"))
    if published:
        _text(entry, "published", published)
    _text(entry, "summary", evidence_text(incident))
    linked = [source for source in sources(incident) if source.get("url")]
    for number, source in enumerate(linked):
        link = ET.SubElement(entry, "link")
        link.set("rel", "alternate" if number == 0 else "related")
        link.set("href", _clean(str(source["url"])))
        if source.get("outlet") or source.get("title"):
            link.set("title", _clean(str(source.get("outlet") or source.get("title"))))
    if not linked:
        # RFC 4287 4.1.2: an entry with no alternate link must carry content.
        content = _text(entry, "content", evidence_text(incident))
        content.set("type", "text")
    if incident.get("type"):
        ET.SubElement(entry, "category", term=incident["type"], scheme=PLOVER_SCHEME)
    found = coordinates(incident)
    if found is not None:
        point = ET.SubElement(entry, "georss:point")
        point.text = f"{found[0]} {found[1]}"
    return entry


def _updated(incident: dict[str, Any]) -> str | None:
    return rfc3339(incident.get("last_reported")) or rfc3339(incident.get("first_reported"))


def _text(parent: ET.Element, tag: str, text: str) -> ET.Element:
    child = ET.SubElement(parent, tag)
    child.text = _clean(text)
    return child


def _clean(text: str) -> str:
    return _NOT_XML.sub("", text)
