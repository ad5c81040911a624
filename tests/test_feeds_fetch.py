"""The fetcher over httpx.MockTransport, and ``livedesk ingest URL`` (never the network)."""

from __future__ import annotations

import json
from typing import Any

import httpx
import pytest

from livedesk.desk import Desk
from livedesk.feeds.errors import (
    FetchError,
    FetchTimeout,
    HTTPStatusError,
    NotText,
    ResponseTooLarge,
)
from livedesk.feeds.fetch import USER_AGENT, Fetcher
from livedesk.feeds.sources import url_id
from tests.feeds_support import (
    FakeClock,
    FakeWeb,
    article_page,
    full_item,
    record,
    rss,
    run,
    teaser_item,
)

PAGE = "https://news.example/world/2022/03/01/kharkiv"
FEED = "https://radiosteppe.example/feeds/ukraine.xml"


def _fetcher(web: FakeWeb, clock: FakeClock, **options: Any) -> Fetcher:
    return Fetcher(transport=web.transport(), clock=clock, sleep=clock.sleep, **options)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def web(clock) -> FakeWeb:
    return FakeWeb(clock)


def test_fetch_returns_body_validators_and_final_url(web, clock):
    web.routes[PAGE] = lambda request: httpx.Response(
        200,
        text="<html><body>hi</body></html>",
        headers={"Content-Type": "text/html", "ETag": '"v1"', "Last-Modified": "Tue, 01 Mar"},
    )
    fetched = _fetcher(web, clock).get(PAGE)
    assert fetched.content == b"<html><body>hi</body></html>"
    assert (fetched.etag, fetched.last_modified, fetched.url) == ('"v1"', "Tue, 01 Mar", PAGE)
    assert web.requests[0][2]["user-agent"] == USER_AGENT


def test_fetch_sends_validators_and_304_means_not_modified(web, clock):
    def answer(request: httpx.Request) -> httpx.Response:
        if request.headers.get("If-None-Match") == '"v1"':
            return httpx.Response(304, headers={"ETag": '"v1"'})
        return httpx.Response(200, text="<rss/>", headers={"ETag": '"v1"'})

    web.routes[FEED] = answer
    fetcher = _fetcher(web, clock)
    first = fetcher.get(FEED)
    second = fetcher.get(FEED, etag=first.etag, last_modified="Wed, 02 Mar 2022 16:00:00 GMT")
    assert not first.not_modified
    assert second.not_modified and second.content == b""
    headers = web.requests[1][2]
    assert headers["if-modified-since"] == "Wed, 02 Mar 2022 16:00:00 GMT"


@pytest.mark.parametrize(
    ("status", "hint"),
    [(404, "check the URL"), (503, "try again later"), (429, "fetch_host_interval_seconds")],
)
def test_error_status_names_url_status_and_what_to_do(web, clock, status, hint):
    web.routes[PAGE] = lambda request: httpx.Response(status)
    with pytest.raises(HTTPStatusError, match=hint) as caught:
        _fetcher(web, clock).get(PAGE)
    assert caught.value.status == status
    assert str(caught.value).startswith(f"{PAGE}: HTTP {status}")


def test_timeout_is_a_fetch_timeout_naming_the_setting(web, clock):
    def slow(request: httpx.Request) -> httpx.Response:
        raise httpx.ReadTimeout("timed out", request=request)

    web.routes[PAGE] = slow
    with pytest.raises(FetchTimeout, match=r"no answer within 5 s \(setting fetch_timeout"):
        _fetcher(web, clock, timeout=5.0).get(PAGE)


def test_connection_error_is_a_fetch_error(web, clock):
    def refuse(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("connection refused", request=request)

    web.routes[PAGE] = refuse
    with pytest.raises(FetchError, match=r"cannot fetch .*connection refused"):
        _fetcher(web, clock).get(PAGE)


def test_declared_oversize_body_is_refused(web, clock):
    web.routes[PAGE] = lambda request: httpx.Response(
        200, content=b"x" * 2000, headers={"Content-Type": "text/html"}
    )
    with pytest.raises(ResponseTooLarge, match="declares 2,000 bytes, over the cap of 1,000"):
        _fetcher(web, clock, max_bytes=1000).get(PAGE)


def test_streamed_oversize_body_stops_at_the_cap(web, clock):
    sent: list[int] = []

    def chunks():
        for number in range(100):
            sent.append(number)
            yield b"x" * 100

    web.routes[PAGE] = lambda request: httpx.Response(
        200, content=chunks(), headers={"Content-Type": "text/plain"}
    )
    with pytest.raises(ResponseTooLarge, match="passed 1,000 bytes"):
        _fetcher(web, clock, max_bytes=1000).get(PAGE)
    assert len(sent) <= 12  # the download stopped soon after the cap, not at the end


def test_binary_content_type_is_not_text(web, clock):
    web.routes[PAGE] = lambda request: httpx.Response(
        200, content=b"%PDF-1.7", headers={"Content-Type": "application/pdf"}
    )
    with pytest.raises(NotText, match="'application/pdf' is not text"):
        _fetcher(web, clock).get(PAGE)


def test_only_http_urls_are_fetched(web, clock):
    with pytest.raises(FetchError, match="not an http"):
        _fetcher(web, clock).get("file:///etc/passwd")
    assert web.requests == []


def test_requests_to_one_host_are_spaced_by_the_host_interval(web, clock):
    for path in ("a", "b"):
        web.page(f"https://one.example/{path}", "<p>x</p>")
    web.page("https://two.example/a", "<p>x</p>")
    web.page("https://www.one.example/a", "<p>x</p>")
    fetcher = _fetcher(web, clock, host_interval=2.0)
    fetcher.get("https://one.example/a")
    fetcher.get("https://two.example/a")  # another host: no wait
    fetcher.get("https://www.one.example/a")  # the same host: waits 2 s
    clock.now += 5.0  # long enough ago: no wait
    fetcher.get("https://one.example/b")
    assert clock.sleeps == [2.0]
    times = [when for when, url, _h in web.requests if "one.example" in url]
    assert times[1] - times[0] >= 2.0


# -- ingest URL --------------------------------------------------------------------------------


def test_ingest_a_page_url_reads_it_as_html(tmp_path, reader, web, clock):
    web.page(PAGE, article_page("nw-0228-talks"))
    db = tmp_path / "desk.sqlite"
    result = run(["ingest", PAGE, "--db", str(db)], reader, clock, web)
    assert result.status == 0
    with Desk.open(db) as desk:
        stored = desk.report(url_id(PAGE))
    assert stored is not None
    assert stored["outlet"] == "news.example"
    assert stored["url"] == PAGE
    assert stored["reading"]["retrieved"] == "2022-03-03T08:00:00Z"
    assert stored["title"] == record("nw-0228-talks")["title"]


def test_ingest_a_feed_url_stores_its_entries(tmp_path, reader, web, clock):
    web.page(FEED, rss([full_item("rs-0302-talks"), full_item("rs-0301-tv-tower")]), "text/xml")
    db = tmp_path / "desk.sqlite"
    result = run(["ingest", FEED, "--db", str(db), "--json"], reader, clock, web)
    assert result.status == 0
    assert len(json.loads(result.out)["added"]) == 2
    assert web.urls() == [FEED]  # full articles: no page fetched
    with Desk.open(db) as desk:
        outlets = {item["outlet"] for item in desk.reports().items}
    assert outlets == {"Radio Steppe"}


def test_teaser_entries_are_fetched_politely_and_a_dead_link_skipped(tmp_path, reader, web, clock):
    good, dead = teaser_item("nw-0228-talks"), teaser_item("nw-0301-tv-tower")
    web.page(FEED, rss([good, dead], title="Northwire"), "application/rss+xml")
    web.page(good["link"], article_page("nw-0228-talks"))
    db = tmp_path / "desk.sqlite"
    result = run(["ingest", FEED, "--db", str(db), "--json"], reader, clock, web)
    assert result.status == 0
    assert web.urls() == [FEED, good["link"], dead["link"]]
    assert clock.sleeps == [2.0]  # the two article pages share a host; the feed does not
    summary = json.loads(result.out)
    assert summary["added"] == [url_id(good["link"])]
    assert summary["failed"][0]["stage"] == "fetch"
    assert f"{dead['link']}: HTTP 404 Not Found: the page is not there" in result.err
    with Desk.open(db) as desk:
        stored = desk.report(url_id(good["link"]))
    assert stored is not None
    assert stored["outlet"] == "Northwire"
    assert stored["published"] == "2022-03-02T16:00:00Z"


def test_failing_urls_are_logged_and_the_rest_goes_on(tmp_path, reader, web, clock):
    def slow(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectTimeout("timed out", request=request)

    web.routes["https://slow.example/a"] = slow
    web.routes["https://huge.example/a"] = lambda request: httpx.Response(
        200, content=b"x" * 20_000, headers={"Content-Type": "text/html"}
    )
    web.page("https://bad.example/feed.xml", "<rss><channel><title>", "application/rss+xml")
    web.page(PAGE, article_page("nw-0228-talks"))
    db = tmp_path / "desk.sqlite"
    urls = [
        "https://missing.example/a",
        "https://slow.example/a",
        "https://huge.example/a",
        "https://bad.example/feed.xml",
        PAGE,
    ]
    argv = ["ingest", *urls, "--db", str(db), "--max-input-bytes", "10000", "--json"]
    result = run(argv, reader, clock, web)
    assert result.status == 0
    problems = [line for line in result.lines if line.startswith("livedesk: skipped")]
    assert len(problems) == 4
    assert "HTTP 404" in problems[0]
    assert "no answer within" in problems[1]
    assert "over the cap of 10,000 bytes" in problems[2]
    assert "not a readable RSS or Atom feed" in problems[3]
    assert json.loads(result.out)["added"] == [url_id(PAGE)]


def test_every_url_failing_exits_2(tmp_path, reader, web, clock):
    result = run(["ingest", PAGE, "--db", str(tmp_path / "d.sqlite")], reader, clock, web)
    assert result.status == 2
    assert "HTTP 404" in result.err


def test_no_fetch_never_touches_the_transport(tmp_path, reader, web, clock):
    result = run(["ingest", PAGE, "--db", str(tmp_path / "d.sqlite"), "--no-fetch"], reader)
    assert result.status == 2
    assert "fetching is off" in result.err
    assert web.requests == []
