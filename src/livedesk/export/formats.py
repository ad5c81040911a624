"""The built-in export formats, registered exactly as a plug-in's would be."""

from __future__ import annotations

from livedesk.export.acled import render_acled
from livedesk.export.atom import render_atom
from livedesk.export.base import DeskLike, Exporter
from livedesk.export.geojson import render_geojson
from livedesk.export.jsonld import render_jsonld
from livedesk.export.plover import render_plover
from livedesk.export.regions import Admin1Lookup, open_regions


def acled_exporter(admin1: Admin1Lookup | None = None) -> Exporter:
    """The ACLED CSV exporter; ``admin1`` names regions by GeoNames id. Without one, each
    export looks for the configured gazetteer (never building it) and leaves admin1 empty
    when there is none."""

    def render(desk: DeskLike) -> str:
        if admin1 is not None:
            return render_acled(desk, admin1)
        with open_regions() as (regions, _):
            return render_acled(desk, regions)

    return Exporter(
        "acled",
        "text/csv",
        "csv",
        "ACLED-style CSV, one row per incident with an ACLED event type",
        render,
    )


BUILTIN_EXPORTERS = (
    Exporter(
        "plover",
        "application/x-ndjson",
        "jsonl",
        "PLOVER-style event records, one JSON object per line",
        render_plover,
    ),
    acled_exporter(),
    Exporter(
        "geojson",
        "application/geo+json",
        "geojson",
        "GeoJSON FeatureCollection, one point per located incident",
        render_geojson,
    ),
    Exporter(
        "jsonld",
        "application/ld+json",
        "jsonld",
        "schema.org LiveBlogPosting with a BlogPosting per incident",
        render_jsonld,
    ),
    Exporter(
        "atom",
        "application/atom+xml",
        "atom",
        "Atom 1.0 feed, one entry per incident",
        render_atom,
    ),
)
