"""Exports: every format parses back and says what the incidents say, escaping included.

Most tests read a fake desk of hand-written incidents in the shapes of docs/desk.md; the last
one exports the desk fused from the bundled demo reports.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import sqlite3
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import feedparser
import pytest

from livedesk.errors import InputError, RegistryError
from livedesk.export import EXPORTERS, export
from livedesk.export.acled import COLUMNS, country_name, render_acled
from livedesk.export.commands import register, run_export
from livedesk.export.regions import GazetteerRegions, open_regions
from livedesk.resolve.gazetteer import Gazetteer
from livedesk.resolve.gazetteer_build import _SCHEMA, SCHEMA_VERSION

ATOM = "{http://www.w3.org/2005/Atom}"
NASTY = 'Shelling hit <script>alert("x")</script> the "old" town, Харків & Łódź;\nthen\tmore.'
KHARKIV = 706483


@dataclass(frozen=True)
class Page:
    items: tuple[dict[str, Any], ...]
    next: str | None


class FakeDesk:
    """The desk reads exports use, over hand-written dicts; pages of ``page`` incidents."""

    def __init__(self, incidents: list[dict[str, Any]], page: int = 1) -> None:
        self._incidents = incidents
        self._page = page
        self.calls = 0

    def incidents(self, *, after: str | None = None, limit: int = 100) -> Page:
        self.calls += 1
        start = int(after or 0)
        end = start + min(limit, self._page)
        more = str(end) if end < len(self._incidents) else None
        return Page(tuple(self._incidents[start:end]), more)

    def reports(self, after: str | None = None, limit: int = 100) -> Page:
        return Page((), None)

    def stories(self) -> list[dict[str, Any]]:
        return []

    def brief(self) -> dict[str, Any]:
        return {
            "window": {"start": "2022-03-01T00:00:00Z", "end": "2022-03-02T00:00:00Z"},
            "headline": {"text": "Strikes <b>on</b> Kharkiv", "report": "r1"},
            "lead": {"text": "Two incidents & one protest.", "reports": ["r1"]},
            "points": [],
        }

    def counts(self) -> dict[str, int]:
        return {"reports": 3, "incidents": len(self._incidents), "stories": 1}


def _source(report: str, outlet: str | None, url: str | None, published: str) -> dict[str, Any]:
    return {
        "report": report,
        "outlet": outlet,
        "title": f"{outlet} report",
        "url": url,
        "published": published,
        "copies": [],
    }


def _killed(values: list[int]) -> dict[str, Any]:
    sources: list[dict[str, Any]] = [
        {"report": f"r{v}", "value": v, "published": "2022-03-01T10:00:00Z"} for v in values
    ]
    low = min(sources, key=lambda s: int(s["value"]))
    return {
        "incident": "inc-a",
        "kind": "killed",
        "sources": sources,
        "min": min(values),
        "max": max(values),
        "conservative": low,
        "latest": sources[-1],
        "disagree": len(set(values)) > 1,
    }


def _incident(incident_id: str, **fields: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "id": incident_id,
        "type": "ASSAULT",
        "mode": None,
        "acled": None,
        "status": "reported",
        "date": "2022-03-01",
        "date_precision": "day",
        "first_reported": "2022-03-01T08:00:00Z",
        "last_reported": "2022-03-01T09:00:00Z",
        "place": None,
        "actors": [],
        "recipients": [],
        "title": f"Title of {incident_id}",
        "evidence": {"report": "r1", "outlet": "Northwire", "text": f"Evidence of {incident_id}"},
        "sources": [],
        "corroboration": 1,
        "figures": [],
        "story": "story-1",
        "lead_report": "r1",
    }
    return {**base, **fields}


INCIDENTS = [
    _incident(
        "inc-a",
        mode="heavy-weapons",
        acled="Explosions/Remote violence: Shelling/artillery/missile attack",
        last_reported="2022-03-01T22:00:00Z",
        place={
            "name": "Kharkiv",
            "lat": 49.98177,
            "lon": 36.25475,
            "country": "UKR",
            "precision": "city",
            "geonames_id": KHARKIV,
        },
        actors=[
            {"name": "Russian forces", "country": "RUS", "sector": "MIL"},
            {"name": "artillery", "country": "RUS", "sector": "MIL"},
        ],
        recipients=[{"name": "civilians", "country": None, "sector": "CVL"}],
        title=NASTY,
        evidence={"report": "r1", "outlet": "Northwire", "text": NASTY},
        sources=[
            _source("r1", "Northwire", "https://nw.example/a?x=1&y=2", "2022-03-01T08:00:00Z"),
            _source("r2", "Kyiv Evening Post", "https://kep.example/b", "2022-03-01T22:00:00Z"),
            _source("r3", "Northwire", None, "2022-03-01T12:00:00Z"),
        ],
        corroboration=2,
        figures=[_killed([11, 9])],
    ),
    # No ACLED type: left out of the CSV, kept everywhere else. Month precision.
    _incident(
        "inc-b",
        type="PROTEST",
        date="2022-02",
        date_precision="month",
        last_reported="2022-03-01T20:00:00Z",
        place={
            "name": "Lviv",
            "lat": 49.84,
            "lon": 24.03,
            "country": "UKR",
            "precision": "city",
            "geonames_id": None,
        },
        sources=[_source("r4", "Radio Steppe", "https://rs.example/c", "2022-03-01T20:00:00Z")],
    ),
    # A place known by name only: no coordinates. A control character XML forbids.
    _incident(
        "inc-c",
        type="PROTEST",
        acled="Protests: Peaceful protest",
        last_reported="2022-03-01T23:30:00Z",
        place={
            "name": "Iran",
            "lat": None,
            "lon": None,
            "country": "IRN",
            "precision": "country",
            "geonames_id": 130758,
        },
        evidence={"report": "r5", "outlet": None, "text": "Crowds\x0b gathered\u2028again."},
        sources=[_source("r5", None, None, "2022-03-01T23:30:00Z")],
    ),
    # No place and no date at all.
    _incident(
        "inc-d",
        type="COERCE",
        acled="Strategic developments: Arrests",
        date=None,
        date_precision="unknown",
        first_reported="2022-02-27T18:00:00Z",
        last_reported="2022-02-27T18:00:00Z",
    ),
]


@pytest.fixture
def desk() -> FakeDesk:
    return FakeDesk(INCIDENTS, page=1)


def _rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text, newline="")))


# -- registry ------------------------------------------------------------------------------


def test_registry_holds_the_five_formats_with_their_media_types() -> None:
    assert {name: e.media_type for name, e in EXPORTERS.items()} == {
        "plover": "application/x-ndjson",
        "acled": "text/csv",
        "geojson": "application/geo+json",
        "jsonld": "application/ld+json",
        "atom": "application/atom+xml",
    }
    assert all(e.help and e.extension for e in EXPORTERS.values())


def test_an_unknown_format_lists_the_available_ones(desk: FakeDesk) -> None:
    with pytest.raises(RegistryError) as caught:
        export("kml", desk)
    message = str(caught.value)
    assert "'kml'" in message
    assert all(name in message for name in EXPORTERS)


def test_exports_follow_the_cursor_through_every_page(desk: FakeDesk) -> None:
    lines = export("plover", desk).splitlines()
    assert [json.loads(line)["id"] for line in lines] == ["inc-a", "inc-b", "inc-c", "inc-d"]
    assert desk.calls == 4


# -- PLOVER JSONL ---------------------------------------------------------------------------


def test_plover_records_carry_the_event_fields(desk: FakeDesk) -> None:
    text = export("plover", desk)
    records = {r["id"]: r for r in map(json.loads, text.splitlines())}
    a = records["inc-a"]
    assert a["event_type"] == "ASSAULT"
    assert a["mode"] == "heavy-weapons"
    assert a["context"] == []
    assert a["actor"] == {"name": "Russian forces", "country": "RUS", "sector": "MIL"}
    assert a["recipient"] == {"name": "civilians", "country": None, "sector": "CVL"}
    assert a["country"] == "UKR"
    assert a["location"]["geonames_id"] == KHARKIV
    assert a["acled_type"].startswith("Explosions/Remote violence")
    assert a["fatalities"] == 9
    assert a["figures"][0] == {
        "kind": "killed",
        "min": 9,
        "max": 11,
        "conservative": 9,
        "latest": 9,
        "disagree": True,
        "sources": 2,
    }
    assert [s["report"] for s in a["sources"]] == ["r1", "r2", "r3"]
    assert a["text"] == NASTY
    assert records["inc-d"]["location"] is None
    assert records["inc-d"]["actor"] is None
    assert records["inc-b"]["fatalities"] is None


def test_plover_keeps_one_record_per_line_whatever_the_text(desk: FakeDesk) -> None:
    text = export("plover", desk)
    assert len(text.splitlines()) == len(INCIDENTS)  # splitlines also splits on U+2028
    record = json.loads(text.splitlines()[2])
    assert record["text"] == "Crowds\x0b gathered\u2028again."


# -- ACLED CSV -------------------------------------------------------------------------------


def test_acled_has_exactly_the_columns_in_order(desk: FakeDesk) -> None:
    text = render_acled(desk)
    assert text.split("\r\n")[0] == ",".join(COLUMNS)
    assert COLUMNS[0] == "event_date"
    assert COLUMNS[-1] == "fatalities"
    assert len(COLUMNS) == 15


def test_acled_leaves_out_incidents_without_an_acled_type(desk: FakeDesk) -> None:
    notes = [row["notes"] for row in _rows(render_acled(desk))]
    assert notes == [NASTY, "Crowds\x0b gathered\u2028again.", "Evidence of inc-d"]


def test_acled_row_of_a_located_incident(desk: FakeDesk) -> None:
    row = _rows(render_acled(desk, {KHARKIV: "Kharkivska oblast"}.get))[0]
    assert row == {
        "event_date": "2022-03-01",
        "event_type": "Explosions/Remote violence",
        "sub_event_type": "Shelling/artillery/missile attack",
        "actor1": "Russian forces",
        "actor2": "civilians",
        "country": "Ukraine",
        "admin1": "Kharkivska oblast",
        "location": "Kharkiv",
        "latitude": "49.9818",
        "longitude": "36.2548",
        "geo_precision": "1",
        "time_precision": "1",
        "source": "Northwire; Kyiv Evening Post",
        "notes": NASTY,
        "fatalities": "9",
    }


def test_acled_rows_of_a_country_level_and_an_unplaced_undated_incident(desk: FakeDesk) -> None:
    _, country_level, unplaced = _rows(render_acled(desk, {KHARKIV: "Kharkivska oblast"}.get))
    assert country_level["country"] == "Iran"
    assert country_level["admin1"] == ""  # the lookup knows nothing of 130758
    assert (country_level["latitude"], country_level["longitude"]) == ("", "")
    assert country_level["geo_precision"] == "3"
    assert country_level["source"] == "r5"  # no outlet: the report id
    assert country_level["fatalities"] == "0"
    assert unplaced["event_date"] == "2022-02-27"  # first reported
    assert unplaced["time_precision"] == "3"
    assert unplaced["country"] == unplaced["location"] == unplaced["actor1"] == ""


def test_acled_month_date_is_its_first_day_at_precision_three() -> None:
    incident = _incident(
        "inc-m", acled="Protests: Peaceful protest", date="2022-02", date_precision="month"
    )
    (row,) = _rows(render_acled(FakeDesk([incident])))
    assert (row["event_date"], row["time_precision"]) == ("2022-02-01", "3")


@pytest.mark.parametrize(
    ("code", "name"),
    [("UKR", "Ukraine"), ("RUS", "Russia"), ("IRN", "Iran"), ("UA", "Ukraine"), ("XXX", "XXX")],
)
def test_acled_country_names(code: str, name: str) -> None:
    assert country_name(code) == name


def test_admin1_comes_from_the_gazetteer_by_geonames_id(tmp_path: Path) -> None:
    path = tmp_path / "gazetteer.sqlite"
    db = sqlite3.connect(path)
    db.executescript(_SCHEMA)
    db.execute("INSERT INTO meta VALUES ('schema_version', ?)", (str(SCHEMA_VERSION),))
    db.executemany(
        "INSERT INTO places VALUES (?, ?, ?, 0, 0, 'UA', 'UKR', ?, ?, 0, 0)",
        [
            (1, KHARKIV, "Kharkiv", "city", "07"),
            (2, 707471, "Kharkivska oblast", "admin1", "07"),
            (3, 690791, "Ukraine", "country", None),
        ],
    )
    db.commit()
    db.close()
    regions = GazetteerRegions(Gazetteer(path))
    assert regions(KHARKIV) == "Kharkivska oblast"
    assert regions(707471) == "Kharkivska oblast"
    assert regions(690791) is None
    assert regions(1) is None


def test_a_missing_gazetteer_leaves_admin1_empty_and_says_how_to_build_it(
    tmp_path: Path,
) -> None:
    with open_regions(tmp_path / "none.sqlite") as (lookup, problem):
        assert lookup(KHARKIV) is None
    assert problem is not None
    assert f"livedesk gazetteer build --path {tmp_path / 'none.sqlite'}" in problem


# -- GeoJSON ---------------------------------------------------------------------------------


def test_geojson_has_a_point_per_located_incident_lon_first(desk: FakeDesk) -> None:
    collection = json.loads(export("geojson", desk))
    assert collection["type"] == "FeatureCollection"
    features = {f["id"]: f for f in collection["features"]}
    assert set(features) == {"inc-a", "inc-b"}  # inc-c has no coordinates, inc-d no place
    a = features["inc-a"]
    assert a["geometry"] == {"type": "Point", "coordinates": [36.25475, 49.98177]}
    assert a["properties"]["killed"] == 9
    assert a["properties"]["title"] == NASTY
    assert a["properties"]["place"] == "Kharkiv"
    assert a["properties"]["acled"].endswith("missile attack")
    assert features["inc-b"]["properties"]["acled"] is None
    assert [s["outlet"] for s in a["properties"]["sources"]][:2] == [
        "Northwire",
        "Kyiv Evening Post",
    ]


# -- JSON-LD ---------------------------------------------------------------------------------


def test_jsonld_is_a_live_blog_of_every_incident(desk: FakeDesk) -> None:
    text = export("jsonld", desk)
    assert "<" not in text  # embeddable in <script type="application/ld+json">
    blog = json.loads(text)
    assert blog["@context"] == "https://schema.org"
    assert blog["@type"] == "LiveBlogPosting"
    assert blog["headline"] == "Strikes <b>on</b> Kharkiv"
    assert blog["description"] == "Two incidents & one protest."
    assert blog["coverageStartTime"] == "2022-02-27T18:00:00Z"
    assert blog["coverageEndTime"] == blog["dateModified"] == "2022-03-01T23:30:00Z"
    updates = {u["@id"]: u for u in blog["liveBlogUpdate"]}
    a = updates["urn:livedesk:incident:inc-a"]
    assert a["@type"] == "BlogPosting"
    assert a["articleBody"] == NASTY
    assert a["datePublished"] == "2022-03-01T08:00:00Z"
    assert a["contentLocation"]["geo"] == {
        "@type": "GeoCoordinates",
        "latitude": 49.98177,
        "longitude": 36.25475,
    }
    assert [c.get("url") for c in a["citation"]] == [
        "https://nw.example/a?x=1&y=2",
        "https://kep.example/b",
        None,
    ]
    assert a["citation"][0]["publisher"]["name"] == "Northwire"
    c = updates["urn:livedesk:incident:inc-c"]
    assert c["contentLocation"] == {"@type": "Place", "name": "Iran"}
    assert "contentLocation" not in updates["urn:livedesk:incident:inc-d"]


# -- Atom ------------------------------------------------------------------------------------


def test_atom_parses_without_errors_newest_first(desk: FakeDesk) -> None:
    text = export("atom", desk)
    parsed = feedparser.parse(text.encode("utf-8"))
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.version == "atom10"
    assert parsed.feed.id == "urn:livedesk:desk"
    assert parsed.feed.updated == "2022-03-01T23:30:00Z"
    ids = [entry.id for entry in parsed.entries]
    assert ids == [f"urn:livedesk:incident:inc-{x}" for x in "cabd"]
    a = parsed.entries[1]
    assert [link.href for link in a.links] == [
        "https://nw.example/a?x=1&y=2",
        "https://kep.example/b",
    ]
    assert a.link == "https://nw.example/a?x=1&y=2"
    assert a.tags[0].term == "ASSAULT"
    assert a.where["coordinates"] == (36.25475, 49.98177)


def test_atom_keeps_report_text_as_text(desk: FakeDesk) -> None:
    feed = ET.fromstring(export("atom", desk))
    entries = {e.findtext(f"{ATOM}id"): e for e in feed.iter(f"{ATOM}entry")}
    a = entries["urn:livedesk:incident:inc-a"]
    assert a.findtext(f"{ATOM}title") == NASTY
    assert a.findtext(f"{ATOM}summary") == NASTY
    c = entries["urn:livedesk:incident:inc-c"]
    # No source URL: the entry carries its text as content (RFC 4287 4.1.2); the control
    # character XML 1.0 forbids is dropped.
    assert c.find(f"{ATOM}link") is None
    assert c.findtext(f"{ATOM}content") == "Crowds gathered\u2028again."
    assert feed.findtext(f"{ATOM}title") == "Strikes <b>on</b> Kharkiv"


def test_every_format_renders_an_empty_desk() -> None:
    empty = FakeDesk([])
    assert export("plover", empty) == ""
    assert _rows(render_acled(empty)) == []
    assert json.loads(export("geojson", empty))["features"] == []
    assert json.loads(export("jsonld", empty))["liveBlogUpdate"] == []
    parsed = feedparser.parse(export("atom", empty).encode("utf-8"))
    assert not parsed.bozo
    assert parsed.feed.updated == "2022-03-02T00:00:00Z"  # the brief window's end


# -- command ---------------------------------------------------------------------------------


def _args(*argv: str) -> argparse.Namespace:
    parser = argparse.ArgumentParser()
    commands = parser.add_subparsers(dest="command")

    def add_settings_flags(parser: argparse.ArgumentParser) -> None:
        parser.add_argument("--gazetteer", dest="setting_gazetteer")

    register(commands, add_settings_flags)
    return parser.parse_args(["export", *argv])


def test_export_refuses_a_missing_store_without_creating_it(tmp_path: Path) -> None:
    db = tmp_path / "nope.sqlite"
    with pytest.raises(InputError, match="does not exist"):
        run_export(_args("--format", "atom", "--db", str(db)), io.StringIO(), io.StringIO())
    assert not db.exists()


def test_export_refuses_an_unknown_format(tmp_path: Path) -> None:
    with pytest.raises(RegistryError, match="plover"):
        run_export(
            _args("--format", "kml", "--db", str(tmp_path / "x")), io.StringIO(), io.StringIO()
        )


def test_export_writes_an_empty_store_to_a_file(tmp_path: Path) -> None:
    from livedesk.desk import Desk

    db = tmp_path / "desk.sqlite"
    Desk.open(db).close()
    out, err = io.StringIO(), io.StringIO()
    args = _args("--format", "acled", "--db", str(db), "--output", str(tmp_path / "x.csv"))
    args.setting_gazetteer = str(tmp_path / "no-gazetteer.sqlite")
    assert run_export(args, out, err) == 0
    assert out.getvalue() == ""
    assert (tmp_path / "x.csv").read_bytes() == (",".join(COLUMNS) + "\r\n").encode()
    assert "livedesk gazetteer build" in err.getvalue()
    assert run_export(_args("--format", "geojson", "--db", str(db)), out, err) == 0
    assert json.loads(out.getvalue())["features"] == []


# -- on the desk fused from the demo reports -------------------------------------------------


def test_every_format_exports_the_demo_desk(tmp_path: Path, demo_readings: dict) -> None:
    from livedesk.demo_data import demo_outlets
    from livedesk.desk import Desk

    outlets = demo_outlets()
    with Desk.open(tmp_path / "demo.sqlite", clock=lambda: "2022-03-03T00:00:00Z") as desk:
        desk.add_readings(demo_readings.values(), outlet_of=lambda r: outlets.get(r.id))
        incidents = [json.loads(line) for line in export("plover", desk).splitlines()]
        rows = _rows(render_acled(desk))
        features = json.loads(export("geojson", desk))["features"]
        blog = json.loads(export("jsonld", desk))
        atom = feedparser.parse(export("atom", desk).encode("utf-8"))
        total = desk.counts()["incidents"]
    assert total > 0
    assert len({i["id"] for i in incidents}) == total
    assert len(rows) == sum(1 for i in incidents if i["acled_type"])
    assert len(features) == sum(1 for i in incidents if (i["location"] or {}).get("lat"))
    assert len(blog["liveBlogUpdate"]) == total
    assert not atom.bozo
    assert len(atom.entries) == total
    shelling = [r for r in rows if r["location"] == "Kharkiv" and r["country"] == "Ukraine"]
    assert any(r["event_type"] == "Explosions/Remote violence" for r in shelling)
    assert all(r["source"] and r["notes"] for r in rows)


def test_every_format_is_documented() -> None:
    doc = (Path(__file__).resolve().parents[1] / "docs" / "exports.md").read_text("utf-8")
    for name, exporter in EXPORTERS.items():
        assert f"## {name}\n" in doc, f"docs/exports.md has no section for '{name}'"
        assert f"`{exporter.media_type}`" in doc
    for column in COLUMNS:
        assert f"`{column}`" in doc
