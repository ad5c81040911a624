"""ACLED-style CSV: one row per incident that has an ACLED event type, in the column order of
ACLED's own exports (those columns livedesk can fill). RFC 4180 quoting, CRLF line ends."""

from __future__ import annotations

import csv
import io
from typing import Any

import pycountry

from livedesk.export.base import (
    DeskLike,
    all_incidents,
    evidence_text,
    first,
    killed,
    outlets,
)
from livedesk.export.regions import Admin1Lookup, no_admin1

COLUMNS = (
    "event_date",
    "event_type",
    "sub_event_type",
    "actor1",
    "actor2",
    "country",
    "admin1",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "time_precision",
    "source",
    "notes",
    "fatalities",
)
# ACLED's geo_precision: 1 the town (or finer) itself, 2 a region, 3 only the country.
GEO_PRECISION = {
    "point": 1,
    "city": 1,
    "locality": 1,
    "district": 1,
    "admin2": 2,
    "admin1": 2,
}
GEO_PRECISION_DEFAULT = 3
# ACLED's time_precision: 1 the day, 2 a week or a few days, 3 a month or coarser.
TIME_PRECISION = {"second": 1, "minute": 1, "hour": 1, "day": 1, "week": 2}
TIME_PRECISION_DEFAULT = 3
# ACLED's spelling of country names where it differs from pycountry's (common) name.
ACLED_COUNTRY_NAMES = {
    "BRN": "Brunei",
    "CIV": "Ivory Coast",
    "COD": "Democratic Republic of Congo",
    "COG": "Republic of Congo",
    "CPV": "Cape Verde",
    "CZE": "Czech Republic",
    "FSM": "Micronesia",
    "PSE": "Palestine",
    "RUS": "Russia",
    "SWZ": "eSwatini",
    "TLS": "East Timor",
    "TUR": "Turkey",
    "VAT": "Vatican City",
}


def acled_row(incident: dict[str, Any], admin1: Admin1Lookup = no_admin1) -> dict[str, Any]:
    """One incident as an ACLED-style row (the incident must have an ``acled`` type)."""
    event_type, _, sub_event_type = str(incident["acled"]).partition(": ")
    place = incident.get("place") or {}
    actor1 = first(incident.get("actors")) or {}
    actor2 = first(incident.get("recipients")) or {}
    event_date, time_precision = _date(incident)
    geonames_id = place.get("geonames_id")
    return {
        "event_date": event_date,
        "event_type": event_type,
        "sub_event_type": sub_event_type,
        "actor1": actor1.get("name") or "",
        "actor2": actor2.get("name") or "",
        "country": country_name(place.get("country")),
        "admin1": (admin1(int(geonames_id)) if geonames_id is not None else None) or "",
        "location": place.get("name") or "",
        "latitude": _degrees(place.get("lat")),
        "longitude": _degrees(place.get("lon")),
        "geo_precision": GEO_PRECISION.get(place.get("precision") or "", GEO_PRECISION_DEFAULT),
        "time_precision": time_precision,
        "source": "; ".join(outlets(incident)),
        "notes": evidence_text(incident),
        "fatalities": killed(incident) or 0,
    }


def render_acled(desk: DeskLike, admin1: Admin1Lookup = no_admin1) -> str:
    """The desk's incidents with an ACLED type as CSV, newest first, header row first."""
    buffer = io.StringIO(newline="")
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    for incident in all_incidents(desk):
        if incident.get("acled"):
            writer.writerow(acled_row(incident, admin1))
    return buffer.getvalue()


def country_name(code: str | None) -> str:
    """The country's name as ACLED writes it, from an ISO 3166 alpha-3 (or alpha-2) code:
    ACLED's spelling where it has its own ("Russia"), else pycountry's common or short name
    ("Iran", "Ukraine"); the code itself when unknown; empty for none."""
    if not code:
        return ""
    found = pycountry.countries.get(alpha_3=code) if len(code) == 3 else None
    found = found or (pycountry.countries.get(alpha_2=code) if len(code) == 2 else None)
    if found is None:
        return code
    if found.alpha_3 in ACLED_COUNTRY_NAMES:
        return ACLED_COUNTRY_NAMES[found.alpha_3]
    return str(getattr(found, "common_name", None) or found.name)


def _date(incident: dict[str, Any]) -> tuple[str, int]:
    """The event day and its ACLED time precision. A month or year is dated to its first day;
    an undated incident to the day it was first reported, at precision 3."""
    value = incident.get("date")
    precision = incident.get("date_precision") or "unknown"
    if not value:
        reported = incident.get("first_reported") or ""
        return reported[:10], TIME_PRECISION_DEFAULT
    parts = str(value)[:10].split("-")
    day = "-".join([*parts, "01", "01"][:3])
    return day, TIME_PRECISION.get(precision, TIME_PRECISION_DEFAULT)


def _degrees(value: float | None) -> str:
    return "" if value is None else f"{float(value):.4f}"
