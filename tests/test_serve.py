"""The HTTP server: the JSON API over a desk, the one error shape, the live stream, the page's
security headers, the offline map assets and the serve/demo commands. No model is loaded:
readings are written by hand and the fused reads come from a fake desk."""

from __future__ import annotations

import argparse
import asyncio
import io
import json
import re
import threading
import time
import warnings
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import httpx
import pytest

from livedesk.desk import Change, Desk
from livedesk.errors import LivedeskError
from livedesk.fuse.view import Listing
from livedesk.models import Evidence, Published, Quote, Reading
from livedesk.pipeline import Failure
from livedesk.serve import create_app
from livedesk.serve.assets import MARKERS
from livedesk.serve.background import BackgroundServer
from livedesk.serve.commands import (
    add_demo_reports,
    bind,
    register,
    run_demo,
    run_serve,
)
from livedesk.serve.errors import ServeError
from livedesk.serve.stream import Feed, stream_events

with warnings.catch_warnings():
    # Starlette asks for another HTTP client package for its test client; httpx is installed.
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient

STATIC = Path(__file__).resolve().parents[1] / "src" / "livedesk" / "serve" / "static"
NOW = "2026-03-04T12:00:00Z"
TOKEN = "test-token-0123456789"
AUTH = {"Authorization": f"Bearer {TOKEN}"}


def make_reading(report_id: str, body: str, published: str | None = "2022-03-01") -> Reading:
    return Reading(
        id=report_id,
        title=f"Title of {report_id}",
        url=f"https://example.org/{report_id}",
        language="en",
        published=Published(value=published, precision="day", text=None, source="given"),
        retrieved=None,
        body=body,
        sentences=(),
    )


BODIES = {
    "a": "Shelling hit the eastern districts of the city on Tuesday, officials said.",
    "b": "Farmers in the northern provinces prepare for planting despite fuel shortages.",
    "c": "The river crossing reopened after engineers repaired the damaged bridge.",
}


def fake_read(payloads: list[dict[str, Any]]) -> list[Reading | Failure]:
    """Stands in for the reader: a reading per payload, a failure for text 'unreadable'."""
    results: list[Reading | Failure] = []
    for payload in payloads:
        body = payload.get("text") or payload.get("html") or ""
        if body == "unreadable":
            results.append(Failure(id=payload["id"], error="cannot read it", stage="prepare"))
        else:
            results.append(make_reading(payload["id"], body, payload.get("published")))
    return results


@pytest.fixture
def desk(tmp_path):
    with Desk.open(tmp_path / "desk.sqlite", clock=lambda: NOW) as opened:
        yield opened


@pytest.fixture
def client(desk, tmp_path):
    app = create_app(desk, read=fake_read, assets_dir=tmp_path / "no-assets", api_token=TOKEN)
    with TestClient(app, raise_server_exceptions=False, headers=AUTH) as test_client:
        yield test_client


def seed(desk: Desk, ids=("a", "b", "c")) -> None:
    days = {"a": "2022-03-01", "b": "2022-03-02", "c": "2022-03-03"}
    desk.add_readings(
        [make_reading(i, BODIES[i], days[i]) for i in ids], outlet_of=lambda r: "Northwire"
    )


# -- a fake desk for the fused reads (shapes as in docs/desk.md) -----------------------------

INCIDENT = {
    "id": "inc-1",
    "type": "ASSAULT",
    "mode": "heavy-weapons",
    "acled": None,
    "status": "reported",
    "date": "2022-02-28",
    "date_precision": "day",
    "first_reported": "2022-02-28T16:40:00Z",
    "last_reported": "2022-03-01T03:20:00Z",
    "place": {"name": "Kharkiv", "lat": 49.98, "lon": 36.25, "country": "UKR"},
    "actors": [{"name": "Russian forces", "country": "RUS", "sector": "MIL"}],
    "recipients": [{"name": "civilians", "country": None, "sector": "CVL"}],
    "title": "At least 11 people were killed",
    "evidence": {"report": "a", "outlet": "Northwire", "sentence": 0, "start": 0, "end": 5},
    "sources": [],
    "corroboration": 2,
    "figures": [],
    "story": "story-1",
}


@dataclass
class FakeDesk:
    """The read side of a desk with fixed answers; records what it was asked."""

    calls: list[tuple[str, dict[str, Any]]]
    fail_with: BaseException | None = None

    def _record(self, name: str, **kwargs: Any) -> None:
        self.calls.append((name, kwargs))
        if self.fail_with is not None:
            raise self.fail_with

    def incidents(self, **kwargs: Any) -> Listing:
        self._record("incidents", **kwargs)
        return Listing((INCIDENT,), "cursor-2")

    def incident(self, incident_id: str) -> dict[str, Any] | None:
        self._record("incident", id=incident_id)
        return INCIDENT if incident_id == "inc-1" else None

    def figures(self, *, kind: str | None = None) -> list[dict[str, Any]]:
        self._record("figures", kind=kind)
        return [{"incident": "inc-1", "kind": "killed", "min": 9, "max": 11, "disagree": True}]

    def series(self) -> list[dict[str, Any]]:
        self._record("series")
        return [{"id": "series-displaced-ukr", "points": []}]

    def stories(self) -> list[dict[str, Any]]:
        self._record("stories")
        return [{"id": "story-1", "title": "Fighting in Kharkiv"}]

    def brief(self, *, hours: float | None = None, end: str | None = None) -> dict[str, Any]:
        self._record("brief", hours=hours, end=end)
        return {"window": None, "headline": None, "lead": None, "points": []}

    def counts(self) -> dict[str, int]:
        self._record("counts")
        return {"reports": 0, "incidents": 1, "stories": 1}


@pytest.fixture
def fake():
    return FakeDesk(calls=[])


@pytest.fixture
def fake_client(fake, tmp_path):
    app = create_app(fake, assets_dir=tmp_path)  # type: ignore[arg-type]
    with TestClient(app, raise_server_exceptions=False) as test_client:
        yield test_client


# -- reports ---------------------------------------------------------------------------------


def test_reports_page_with_a_cursor_until_next_is_null(client, desk):
    seed(desk)
    first = client.get("/api/reports", params={"limit": 2}).json()
    assert [item["id"] for item in first["items"]] == ["a", "b"]
    assert first["next"]
    second = client.get("/api/reports", params={"limit": 2, "after": first["next"]}).json()
    assert [item["id"] for item in second["items"]] == ["c"]
    assert second["next"] is None


def test_one_report_has_its_reading_and_outlet(client, desk):
    seed(desk)
    body = client.get("/api/reports/b").json()
    assert body["outlet"] == "Northwire"
    assert body["reading"]["body"] == BODIES["b"]


def test_post_one_report_reads_and_stores_it_with_its_outlet(client, desk):
    response = client.post(
        "/api/reports", json={"id": "x1", "text": BODIES["a"], "outlet": "Radio Steppe"}
    )
    assert response.status_code == 200
    assert response.json() == {"added": ["x1"], "skipped": [], "linked": [], "failed": []}
    assert desk.report("x1")["outlet"] == "Radio Steppe"


def test_post_a_list_reports_skipped_and_failed_reports(client, desk):
    seed(desk, ids=("a",))
    response = client.post(
        "/api/reports",
        json=[
            {"id": "again", "text": BODIES["a"]},  # same body as stored report a
            {"id": "bad", "text": "unreadable"},
            {"text": BODIES["c"]},  # no id: one is made from the text
        ],
    )
    body = response.json()
    assert body["skipped"] == ["again"]
    assert body["failed"] == [{"id": "bad", "error": "cannot read it", "stage": "prepare"}]
    assert len(body["added"]) == 1 and body["added"][0].startswith("report-")


def test_post_without_a_reader_is_unavailable(desk, tmp_path):
    with TestClient(create_app(desk, assets_dir=tmp_path, api_token=TOKEN)) as plain:
        response = plain.post("/api/reports", json={"text": "x"}, headers=AUTH)
    assert response.status_code == 503
    assert "without a reader" in response.json()["error"]["message"]


def test_search_finds_reports_by_their_words(client, desk):
    seed(desk)
    hits = client.get("/api/search", params={"q": "fuel shortages"}).json()["items"]
    assert [hit["id"] for hit in hits] == ["b"]


# -- fused reads (fake desk) -------------------------------------------------------------------


def test_incident_filters_reach_the_desk(fake_client, fake):
    params = {"story": "story-1", "type": "assault", "place": "Kharkiv", "actor": "RUS", "q": "x"}
    body = fake_client.get("/api/incidents", params={**params, "limit": 5}).json()
    assert body == {"items": [INCIDENT], "next": "cursor-2"}
    assert fake.calls[-1] == ("incidents", {"after": None, "limit": 5, **params})


def test_one_incident_and_a_missing_one(fake_client):
    assert fake_client.get("/api/incidents/inc-1").json()["title"] == INCIDENT["title"]
    missing = fake_client.get("/api/incidents/inc-404").json()["error"]
    assert missing["code"] == "not_found" and "inc-404" in missing["message"]


def test_figures_series_stories_are_listed_under_items(fake_client, fake):
    assert (
        fake_client.get("/api/figures", params={"kind": "killed"}).json()["items"][0]["max"] == 11
    )
    assert fake.calls[-1] == ("figures", {"kind": "killed"})
    assert fake_client.get("/api/series").json()["items"][0]["id"] == "series-displaced-ukr"
    assert fake_client.get("/api/stories").json()["items"][0]["id"] == "story-1"


def test_brief_passes_hours_and_end(fake_client, fake):
    fake_client.get("/api/brief", params={"hours": 6, "end": "2022-03-02T21:45:00Z"})
    assert fake.calls[-1] == ("brief", {"hours": 6.0, "end": "2022-03-02T21:45:00Z"})


def test_healthz_reports_counts_and_what_is_set_up(fake_client):
    body = fake_client.get("/healthz").json()
    assert body == {
        "status": "ok",
        "counts": {"reports": 0, "incidents": 1, "stories": 1},
        "ingest": False,
        "map_assets": False,
    }


def test_openapi_lists_every_endpoint(fake_client):
    paths = fake_client.get("/openapi.json").json()["paths"]
    for path in (
        "/api/reports",
        "/api/reports/{report_id}",
        "/api/incidents",
        "/api/incidents/{incident_id}",
        "/api/figures",
        "/api/series",
        "/api/stories",
        "/api/brief",
        "/api/search",
        "/api/stream",
        "/api/export/{name}",
        "/healthz",
    ):
        assert path in paths, path
    assert set(paths["/api/reports"]) == {"get", "post"}


# -- exports -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class FakeExporter:
    name: str
    media_type: str
    extension: str

    def render(self, desk: Any) -> str:
        return json.dumps({"incidents": desk.counts()["incidents"]})


def test_export_renders_with_its_media_type_and_filename(fake, tmp_path):
    exporters = {"geojson": FakeExporter("geojson", "application/geo+json", "geojson")}
    app = create_app(fake, assets_dir=tmp_path, exporters=exporters)  # type: ignore[arg-type]
    with TestClient(app) as test_client:
        response = test_client.get("/api/export/geojson")
        missing = test_client.get("/api/export/kml")
    assert response.headers["content-type"] == "application/geo+json"
    assert 'filename="livedesk-geojson.geojson"' in response.headers["content-disposition"]
    assert response.json() == {"incidents": 1}
    assert missing.status_code == 404
    assert "available: geojson" in missing.json()["error"]["message"]


# -- one error shape -----------------------------------------------------------------------------


def _assert_error(response: httpx.Response, status: int, code: str) -> str:
    body = response.json()
    assert response.status_code == status
    assert set(body) == {"error"}
    assert set(body["error"]) == {"status", "code", "message"}
    assert body["error"]["status"] == status
    assert body["error"]["code"] == code
    assert len(body["error"]["message"]) > 20
    message: str = body["error"]["message"]
    return message


@pytest.mark.parametrize(
    ("method", "url", "kwargs", "status", "code", "says"),
    [
        ("get", "/no/such/page", {}, 404, "not_found", "/openapi.json"),
        ("get", "/api/reports/nope", {}, 404, "not_found", "'nope'"),
        ("get", "/static/nope.js", {}, 404, "not_found", "/static/nope.js"),
        ("delete", "/api/reports", {}, 405, "method_not_allowed", "GET, POST"),
        ("get", "/api/reports?limit=0", {}, 422, "invalid_request", "query.limit"),
        ("get", "/api/search", {}, 422, "invalid_request", "query.q"),
        ("post", "/api/reports", {"json": {"title": "no text"}}, 422, "invalid_request", "text"),
        ("post", "/api/reports", {"json": {"text": "x", "bogus": 1}}, 422, "invalid_request", ""),
        ("get", "/api/brief?end=yesterday", {}, 422, "invalid_request", "ISO 8601"),
        ("get", "/api/reports?after=not-a-cursor", {}, 400, "bad_request", "cursor"),
        ("get", "/api/incidents?after=not-a-cursor", {}, 400, "bad_request", "cursor"),
        ("get", "/api/quotes?after=not-a-cursor", {}, 400, "bad_request", "cursor"),
        ("get", "/api/quotes?kind=rumour", {}, 422, "invalid_request", "query.kind"),
        ("get", "/api/quotes?anonymous=perhaps", {}, 422, "invalid_request", "query.anonymous"),
        ("get", "/assets/leaflet/leaflet.js", {}, 404, "not_found", "scripts/setup"),
    ],
)
def test_every_error_has_one_shape(client, method, url, kwargs, status, code, says):
    response = getattr(client, method)(url, **kwargs)
    assert says in _assert_error(response, status, code)


def test_quotes_are_listed_with_their_report_and_filtered(desk, client):
    body = 'The bridge is open again, the mayor said. "We worked all night," an engineer said.'
    quoted = [
        Quote(
            text="the bridge is open again",
            speaker="the mayor",
            entity=None,
            anonymous=False,
            cue="said",
            direct=False,
            evidence=Evidence(0, 0, 41, body[:41]),
        ),
        Quote(
            text="We worked all night,",
            speaker=None,
            entity=None,
            anonymous=True,
            cue="said",
            direct=True,
            evidence=Evidence(1, 42, len(body), body[42:]),
        ),
    ]
    reading = replace(make_reading("q", body, "2022-03-04"), quotes=tuple(quoted))
    desk.add_readings([reading, make_reading("a", BODIES["a"])], outlet_of=lambda r: "Northwire")
    everything = client.get("/api/quotes").json()
    assert [q["text"] for q in everything["items"]] == [q.text for q in quoted]
    assert everything["next"] is None
    first = everything["items"][0]
    assert (first["report"], first["outlet"], first["speaker"]) == ("q", "Northwire", "the mayor")
    unnamed = client.get("/api/quotes", params={"anonymous": "true"}).json()["items"]
    assert [q["text"] for q in unnamed] == ["We worked all night,"]
    assert (
        client.get("/api/quotes", params={"speaker": "MAYOR"}).json()["items"][0]["cue"] == "said"
    )


def test_too_many_reports_in_one_post_is_413(client):
    response = client.post("/api/reports", json=[{"text": f"report {n}"} for n in range(101)])
    assert "at most 100" in _assert_error(response, 413, "too_large")


def test_a_livedesk_error_and_a_bug_have_the_same_shape(fake, fake_client):
    fake.fail_with = LivedeskError("the view is broken; rebuild it")
    assert "rebuild" in _assert_error(fake_client.get("/api/stories"), 500, "internal_error")
    fake.fail_with = RuntimeError("secret detail")
    message = _assert_error(fake_client.get("/api/stories"), 500, "internal_error")
    assert "RuntimeError" in message and "secret detail" not in message


def test_exports_missing_from_the_install_are_unavailable(fake, tmp_path, monkeypatch):
    import sys

    monkeypatch.setitem(sys.modules, "livedesk.export", None)  # import raises ImportError
    with TestClient(create_app(fake, assets_dir=tmp_path)) as test_client:  # type: ignore[arg-type]
        response = test_client.get("/api/export/geojson")
    assert "scripts/setup" in _assert_error(response, 503, "unavailable")


# -- the token ---------------------------------------------------------------------------------


@dataclass
class CountingRead:
    """fake_read that counts its calls: a refused request must not reach the reader."""

    calls: int = 0

    def __call__(self, payloads: list[dict[str, Any]]) -> list[Reading | Failure]:
        self.calls += 1
        return fake_read(payloads)


@pytest.mark.parametrize(
    ("headers", "says"),
    [
        ({}, "need the API token"),
        ({"Authorization": "Bearer wrong-token-0123456789"}, "not this server's"),
        ({"Authorization": f"Basic {TOKEN}"}, "need the API token"),
        ({"Authorization": "Bearer"}, "need the API token"),
        ({"Authorization": f"Bearer {TOKEN}x"}, "not this server's"),
    ],
)
def test_a_write_without_the_right_token_is_401_and_reads_nothing(desk, tmp_path, headers, says):
    read = CountingRead()
    app = create_app(desk, read=read, assets_dir=tmp_path, api_token=TOKEN)
    with TestClient(app) as test_client:
        response = test_client.post("/api/reports", json={"text": BODIES["a"]}, headers=headers)
    assert says in _assert_error(response, 401, "unauthorized")
    assert response.headers["www-authenticate"].startswith("Bearer")
    assert (read.calls, desk.counts()["reports"]) == (0, 0)


def test_a_write_with_the_token_is_compared_in_constant_time(desk, tmp_path, monkeypatch):
    import hmac

    compared: list[tuple[bytes, bytes]] = []
    original = hmac.compare_digest

    def spy(given: bytes, expected: bytes) -> bool:
        compared.append((given, expected))
        return original(given, expected)

    monkeypatch.setattr("livedesk.serve.guard.hmac.compare_digest", spy)
    app = create_app(desk, read=fake_read, assets_dir=tmp_path, api_token=TOKEN)
    with TestClient(app) as test_client:
        response = test_client.post("/api/reports", json={"text": BODIES["a"]}, headers=AUTH)
    assert response.status_code == 200
    assert compared == [(TOKEN.encode(), TOKEN.encode())]


def test_writes_are_refused_when_the_server_has_no_token(desk, tmp_path):
    read = CountingRead()
    with TestClient(create_app(desk, read=read, assets_dir=tmp_path)) as test_client:
        response = test_client.post("/api/reports", json={"text": BODIES["a"]}, headers=AUTH)
    message = _assert_error(response, 403, "forbidden")
    assert "LIVEDESK_API_TOKEN" in message and "--api-token" in message
    assert read.calls == 0


def test_reads_are_open_unless_the_token_is_required_for_them(desk, tmp_path):
    seed(desk)
    open_app = create_app(desk, read=fake_read, assets_dir=tmp_path, api_token=TOKEN)
    closed_app = create_app(
        desk, read=fake_read, assets_dir=tmp_path, api_token=TOKEN, read_token_required=True
    )
    with TestClient(open_app) as open_client, TestClient(closed_app) as closed:
        assert open_client.get("/api/reports").status_code == 200
        for path in ("/api/reports", "/api/reports/a", "/api/incidents", "/api/stories"):
            message = _assert_error(closed.get(path), 401, "unauthorized")
            assert "reads need the API token" in message
            assert closed.get(path, headers=AUTH).status_code == 200
        # The page, its files, the health check and the API description stay open.
        for path in ("/", "/static/app.js", "/healthz", "/openapi.json"):
            assert closed.get(path).status_code == 200, path


@pytest.mark.parametrize(
    ("token", "required", "says"),
    [
        ("short", False, "at least 16"),
        ("with spaces in the token", False, "visible ASCII"),
        ("jeton-non-ascii-é-0123456789", False, "visible ASCII"),
        ("", True, "nobody could read"),
    ],
)
def test_unusable_token_settings_are_refused_when_the_app_is_built(desk, token, required, says):
    from livedesk.errors import SettingsError

    with pytest.raises(SettingsError, match=says) as raised:
        create_app(desk, api_token=token, read_token_required=required)
    assert token not in str(raised.value) or not token


def test_openapi_declares_the_bearer_token_on_the_write_endpoint(client):
    schema = client.get("/openapi.json").json()
    assert schema["components"]["securitySchemes"]["api_token"]["scheme"] == "bearer"
    assert schema["paths"]["/api/reports"]["post"]["security"] == [{"api_token": []}]
    assert "security" not in schema["paths"]["/api/reports"]["get"]


# -- the size cap --------------------------------------------------------------------------------


def _small_app(desk: Desk, read: Any, limit: int = 1000) -> Any:
    return create_app(desk, read=read, api_token=TOKEN, max_request_bytes=limit)


def test_a_body_over_the_cap_is_413_before_it_is_read(desk):
    read = CountingRead()
    with TestClient(_small_app(desk, read), headers=AUTH) as test_client:
        fits = test_client.post("/api/reports", json={"text": "x" * 900})
        response = test_client.post("/api/reports", json={"text": "x" * 1000})
    assert fits.status_code == 200
    message = _assert_error(response, 413, "too_large")
    assert "at most 1000 bytes" in message and "max_request_bytes" in message
    assert read.calls == 1  # only the one that fits was read


def test_a_chunked_body_over_the_cap_is_413_before_it_is_parsed(desk):
    """No Content-Length: the body is counted as it arrives. Not JSON at all, so a 413 rather
    than a 422 shows the cap acted before parsing."""
    read = CountingRead()
    sent: list[int] = []

    def chunks():
        for n in range(20):
            sent.append(n)
            yield b"not json " * 100

    with (
        BackgroundServer(_small_app(desk, read)) as server,
        httpx.Client(base_url=server.url, timeout=10, headers=AUTH) as http,
    ):
        response = http.post(
            "/api/reports", content=chunks(), headers={"Content-Type": "application/json"}
        )
        small = http.post(
            "/api/reports",
            content=iter([b'{"text": "fits"}']),
            headers={"Content-Type": "application/json"},
        )
    assert response.request.headers.get("transfer-encoding") == "chunked"
    assert "passed 1000 bytes" in _assert_error(response, 413, "too_large")
    assert small.status_code == 200
    assert read.calls == 1  # only the small one


def test_a_bad_content_length_is_a_400(desk):
    with TestClient(_small_app(desk, CountingRead()), headers=AUTH) as test_client:
        response = test_client.post("/api/reports", content=b"{}", headers={"Content-Length": "2x"})
    assert "Content-Length" in _assert_error(response, 400, "bad_request")


def test_an_unusable_size_cap_is_refused_when_the_app_is_built(desk):
    from livedesk.errors import SettingsError

    with pytest.raises(SettingsError, match="max_request_bytes"):
        create_app(desk, max_request_bytes=0)


# -- what reaches a browser ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/static/app.js",
        "/static/style.css",
        "/static/index.html",
        "/api/reports",
        "/api/reports/nope",
        "/healthz",
        "/no/such/page",
    ],
)
def test_every_answer_carries_the_content_security_policy(client, path):
    headers = client.get(path).headers
    policy = headers["content-security-policy"]
    assert "default-src 'self'" in policy and "script-src 'self'" in policy
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
    assert headers["x-content-type-options"] == "nosniff"


def test_refusals_carry_the_content_security_policy_too(desk):
    with TestClient(_small_app(desk, CountingRead())) as test_client:
        unauthorized = test_client.post("/api/reports", json={"text": "x"})
        too_large = test_client.post("/api/reports", content=b"x" * 2000, headers=AUTH)
    for response in (unauthorized, too_large):
        assert "default-src 'self'" in response.headers["content-security-policy"]


def test_no_api_answer_is_served_as_html(desk, tmp_path):
    """Report text inside an API answer must never be rendered as a page of this origin."""
    seed(desk)
    exporters = {"page": FakeExporter("page", "text/html", "html")}
    app = create_app(
        desk, read=fake_read, assets_dir=tmp_path, api_token=TOKEN, exporters=exporters
    )
    with TestClient(app, raise_server_exceptions=False) as test_client:
        paths = [
            path.replace("{report_id}", "a").replace("{incident_id}", "x").replace("{name}", "page")
            for path, methods in test_client.get("/openapi.json").json()["paths"].items()
            if "get" in methods and path != "/api/stream"
        ]
        assert len(paths) > 10
        responses = [test_client.get(path) for path in paths]
        responses += [
            test_client.get("/api/search", params={"q": "<script>alert(1)</script>"}),
            test_client.get("/api/nope"),
            test_client.post("/api/reports", json={"text": "<b>x</b>"}),
            test_client.post("/api/reports", json={"text": "<b>x</b>"}, headers=AUTH),
            test_client.post("/api/reports", content=b"<html>", headers=AUTH),
        ]
    for response in responses:
        kind = response.headers["content-type"]
        assert "html" not in kind, (response.request.url, kind)


# -- the page ------------------------------------------------------------------------------------


def test_page_is_served_with_a_strict_content_security_policy(client):
    response = client.get("/")
    policy = response.headers["content-security-policy"]
    assert "default-src 'self'" in policy and "script-src 'self'" in policy
    assert "unsafe-inline" not in policy
    assert 'name="viewport"' in response.text
    assert client.get("/static/app.js").headers["content-type"].startswith("text/javascript")


def test_page_has_no_inline_script_and_builds_no_html_from_strings():
    html = (STATIC / "index.html").read_text("utf-8")
    for tag in re.findall(r"<script[^>]*>(.*?)</script>", html, flags=re.S):
        assert not tag.strip(), "inline script in index.html"
    assert not re.search(r"\son[a-z]+=", html), "inline event handler in index.html"
    for script in STATIC.glob("*.js"):
        source = script.read_text("utf-8")
        for sink in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval("):
            assert sink not in source, f"{script.name} uses {sink}"


def test_page_loads_nothing_from_another_origin():
    for path in STATIC.iterdir():
        text = path.read_text("utf-8")
        assert not re.search(r"(src|href)=\"(https?:)?//", text), path.name
        assert 'fetch("http' not in text and 'import("http' not in text, path.name


def test_map_assets_are_served_from_the_assets_dir(desk, tmp_path):
    for marker in MARKERS:
        (tmp_path / marker).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / marker).write_text("/* asset */", "utf-8")
    with TestClient(create_app(desk, assets_dir=tmp_path)) as test_client:
        assert test_client.get("/healthz").json()["map_assets"] is True
        assert test_client.get("/assets/leaflet/leaflet.js").text == "/* asset */"
        assert test_client.get("/assets/world-atlas/countries-110m.json").status_code == 200


# -- the live stream -------------------------------------------------------------------------------


def test_feed_takes_changes_from_another_thread():
    async def scenario() -> list[str]:
        feed = Feed(asyncio.get_running_loop(), size=8)
        change = Change(added=("a",), incidents=(INCIDENT,), reports=({"id": "a"},))
        writer = threading.Thread(target=feed.push, args=(change,))
        writer.start()
        writer.join()
        first = await asyncio.wait_for(feed.queue.get(), 5)
        second = await asyncio.wait_for(feed.queue.get(), 5)
        return [first.name, second.name, second.data["id"]]

    assert asyncio.run(scenario()) == ["report", "incident", "inc-1"]


def test_a_slow_client_gets_one_reset_instead_of_a_backlog():
    async def scenario() -> list[str]:
        feed = Feed(asyncio.get_running_loop(), size=3)
        reports = tuple({"id": str(n)} for n in range(10))
        feed.push(Change(added=(), incidents=(), reports=reports))
        await asyncio.sleep(0)  # let the loop run the threadsafe callback
        return [feed.queue.get_nowait().name for _ in range(feed.queue.qsize())]

    assert asyncio.run(scenario()) == ["reset"]


def test_stream_unsubscribes_when_the_client_leaves(desk):
    async def scenario() -> tuple[dict[str, str], int, int]:
        events = stream_events(desk)
        ready = await events.__anext__()
        during = len(desk._listeners)
        await events.aclose()
        return ready, during, len(desk._listeners)

    ready, during, after = asyncio.run(scenario())
    assert ready["event"] == "ready"
    assert (during, after) == (1, 0)


def test_stream_sends_added_reports_to_a_connected_client(desk):
    app = create_app(desk, read=fake_read, api_token=TOKEN)
    with (
        BackgroundServer(app) as server,
        httpx.Client(base_url=server.url, timeout=10, headers=AUTH) as http,
        http.stream("GET", "/api/stream") as stream,
    ):
        assert stream.headers["content-type"].startswith("text/event-stream")
        lines = stream.iter_lines()
        assert _next_event(lines)[0] == "ready"
        posted = http.post("/api/reports", json={"id": "live-1", "text": BODIES["a"]})
        assert posted.json()["added"] == ["live-1"]
        name, data = _next_event(lines)
    assert name == "report"
    assert data["id"] == "live-1"


def _next_event(lines) -> tuple[str, dict[str, Any]]:
    """The next named event of a server-sent event stream (pings are comments, skipped)."""
    name = None
    for line in lines:
        if line.startswith("event:"):
            name = line.split(":", 1)[1].strip()
        elif line.startswith("data:") and name:
            return name, json.loads(line.split(":", 1)[1])
    raise AssertionError("the stream ended")


# -- the commands ---------------------------------------------------------------------------------


def _parse(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="livedesk")
    commands = parser.add_subparsers(dest="command")
    register(commands, lambda sub: sub.add_argument("--config", type=Path))
    return parser.parse_args(argv)


def test_serve_opens_the_store_and_prints_the_page_url(tmp_path):
    db = tmp_path / "sub" / "desk.sqlite"
    args = _parse(["serve", "--db", str(db), "--port", "0"])
    served: dict[str, Any] = {}

    def fake_serve(app: Any, sock: Any) -> None:
        with TestClient(app) as test_client:
            served["health"] = test_client.get("/healthz").json()
        served["port"] = sock.getsockname()[1]
        sock.close()

    out, err = io.StringIO(), io.StringIO()
    assert run_serve(args, out, err, serve=fake_serve) == 0
    assert served["health"]["ingest"] is True
    assert f"http://127.0.0.1:{served['port']}/" in out.getvalue()
    assert db.exists()


def test_serve_without_a_token_makes_one_for_the_run_and_writes_need_it(tmp_path):
    args = _parse(["serve", "--db", str(tmp_path / "desk.sqlite"), "--port", "0"])
    answers: dict[str, int] = {}

    def fake_serve(app: Any, sock: Any) -> None:
        sock.close()
        token = re.search(r"API token for this run: (\S+) ", out.getvalue())
        assert token, out.getvalue()
        with TestClient(app) as test_client:
            # No text: past the token check it is a 422, and no model is loaded.
            body = {"title": "no text"}
            answers["none"] = test_client.post("/api/reports", json=body).status_code
            bearer = {"Authorization": f"Bearer {token[1]}"}
            answers["made"] = test_client.post(
                "/api/reports", json=body, headers=bearer
            ).status_code

    out, err = io.StringIO(), io.StringIO()
    with pytest.MonkeyPatch.context() as patch:
        patch.delenv("LIVEDESK_API_TOKEN", raising=False)
        assert run_serve(args, out, err, serve=fake_serve) == 0
    assert answers == {"none": 401, "made": 422}


def test_serve_with_a_token_uses_it_and_does_not_print_it(tmp_path):
    args = _parse(["serve", "--db", str(tmp_path / "desk.sqlite"), "--port", "0"])
    args.setting_api_token = TOKEN  # as --api-token sets it
    statuses: list[int] = []

    def fake_serve(app: Any, sock: Any) -> None:
        sock.close()
        with TestClient(app) as test_client:
            answer = test_client.post("/api/reports", json={"title": "no text"}, headers=AUTH)
            statuses.append(answer.status_code)

    out, err = io.StringIO(), io.StringIO()
    assert run_serve(args, out, err, serve=fake_serve) == 0
    assert statuses == [422]
    assert TOKEN not in out.getvalue() + err.getvalue()


def test_serve_on_a_busy_port_says_how_to_fix_it():
    with bind("127.0.0.1", 0) as taken:
        taken.listen()
        port = taken.getsockname()[1]
        with pytest.raises(ServeError, match=f"127.0.0.1:{port}.*another --port"):
            bind("127.0.0.1", port)


def test_demo_reports_are_stored_once_with_their_outlets(tmp_path):
    from livedesk.demo_data import demo_outlets, demo_records

    calls: list[int] = []

    def counting_read(payloads):
        calls.append(len(payloads))
        return fake_read(payloads)

    with Desk.open(tmp_path / "demo.sqlite", clock=lambda: NOW) as desk:
        first, failures = add_demo_reports(desk, counting_read)  # type: ignore[arg-type]
        second, _ = add_demo_reports(desk, counting_read)  # type: ignore[arg-type]
        some_id = next(iter(demo_outlets()))
        assert desk.report(some_id)["outlet"] == demo_outlets()[some_id]
    assert failures == []
    assert len(first.added) + len(first.skipped_same) == len(demo_records())
    assert second.added == ()
    assert calls == [len(demo_records())]  # the second run reads nothing


def test_demo_serves_a_store_filled_before(tmp_path):
    db = tmp_path / "demo.sqlite"
    with Desk.open(db, clock=lambda: NOW) as desk:
        add_demo_reports(desk, fake_read)  # type: ignore[arg-type]
        stored = desk.counts()["reports"]
    out, err = io.StringIO(), io.StringIO()
    args = _parse(["demo", "--db", str(db), "--port", "0"])
    assert run_demo(args, out, err, serve=lambda app, sock: sock.close()) == 0
    assert f"0 demo report(s) added, {stored} in the store" in err.getvalue()
    assert "the live desk is at http://127.0.0.1:" in out.getvalue()


def test_stream_ends_cleanly_when_the_server_stops(desk):
    import anyio

    async def scenario() -> list[str]:
        closing = anyio.Event()
        events = stream_events(desk, closing=closing)
        names = [(await events.__anext__())["event"]]
        closing.set()
        names += [event["event"] async for event in events]
        return names

    assert asyncio.run(scenario()) == ["ready"]
    assert desk._listeners == []


def test_reports_another_process_stores_reach_the_app(desk, tmp_path):
    """``livedesk watch`` writes to the same file from its own process: the app folds it in."""
    app = create_app(desk, read=fake_read, assets_dir=tmp_path / "none", refresh_seconds=0.05)
    with TestClient(app) as test_client, Desk.open(desk.store.path) as other:
        seed(other, ids=("a",))
        for _ in range(100):
            if desk.counts()["reports"] == 1:
                break
            time.sleep(0.05)
        assert desk.counts()["reports"] == 1
        assert test_client.get("/healthz").json()["counts"]["reports"] == 1


def test_report_text_is_escaped_in_every_json_answer(desk, client):
    hostile = (
        'Shelling hit the city. </script><script>alert(1)</script><img src=x onerror="x()"> & more.'
    )
    desk.add_readings([make_reading("h", hostile, "2022-03-01")])
    for path in ("/api/reports/h", "/api/reports", "/api/search?q=shelling", "/api/nowhere"):
        response = client.get(path)
        assert "<" not in response.text and ">" not in response.text, path
    assert client.get("/api/reports/h").json()["reading"]["body"] == hostile
