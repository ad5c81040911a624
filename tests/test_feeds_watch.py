"""``livedesk watch`` with a fake clock and a fake web: conditional GET, only new entries,
politeness per host, backoff on errors, retries of articles that failed to download."""

from __future__ import annotations

import httpx
import pytest

from livedesk.desk import Desk
from livedesk.errors import InputError
from livedesk.feeds.watch import ENTRY_ATTEMPTS, Schedule
from tests.feeds_support import (
    FakeClock,
    FakeWeb,
    article_page,
    full_item,
    rss,
    run,
    teaser_item,
)

FEED = "https://radiosteppe.example/feeds/ukraine.xml"
OTHER = "https://radiosteppe.example/feeds/world.xml"


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(start=1000.0)


@pytest.fixture
def web(clock) -> FakeWeb:
    return FakeWeb(clock)


def _polls(err_lines: list[str], url: str) -> list[str]:
    prefix = f"watch: {url}: "
    return [line.removeprefix(prefix) for line in err_lines if line.startswith(prefix)]


def test_backoff_doubles_from_the_interval_up_to_the_cap():
    schedule = Schedule(interval=10.0, max_backoff=50.0, max_errors=5)
    assert [schedule.backoff(n) for n in (1, 2, 3, 4)] == [20.0, 40.0, 50.0, 50.0]


def test_watch_stores_new_entries_and_304_means_nothing_new(tmp_path, reader, web, clock):
    first = [full_item("rs-0302-talks"), full_item("rs-0301-tv-tower")]
    later = [full_item("rs-0228-refugees-half-million"), *first]

    def feed(request: httpx.Request) -> httpx.Response:
        version = 2 if clock() >= 1100 else 1
        etag = f'"v{version}"'
        if request.headers.get("If-None-Match") == etag:
            return httpx.Response(304, headers={"ETag": etag})
        body = rss(first if version == 1 else later)
        return httpx.Response(200, text=body, headers={"ETag": etag, "Content-Type": "text/xml"})

    web.routes[FEED] = feed
    db = tmp_path / "desk.sqlite"
    argv = ["watch", FEED, "--db", str(db), "--interval", "60", "--max-polls", "3"]
    result = run(argv, reader, clock, web)
    assert result.status == 0
    assert _polls(result.lines, FEED) == [
        "2 entries, 2 new: 2 added, 0 already stored, 0 failed; next poll in 60 s",
        "not modified (304); next poll in 60 s",
        "3 entries, 1 new: 1 added, 0 already stored, 0 failed; next poll in 60 s",
    ]
    assert clock.sleeps == [60.0, 60.0]
    sent = [headers.get("if-none-match") for _t, _u, headers in web.requests]
    assert sent == [None, '"v1"', '"v1"']
    with Desk.open(db) as desk:
        assert desk.counts()["reports"] == 3


def test_errors_back_off_and_the_feed_is_dropped_after_max_errors(tmp_path, reader, web, clock):
    web.routes[FEED] = lambda request: httpx.Response(503)
    argv = [
        "watch",
        FEED,
        "--db",
        str(tmp_path / "d.sqlite"),
        "--interval",
        "10",
        "--watch-max-backoff-seconds",
        "50",
        "--watch-max-errors",
        "5",
    ]
    result = run(argv, reader, clock, web)
    assert result.status == 2
    assert clock.sleeps == [20.0, 40.0, 50.0, 50.0]
    polls = _polls(result.lines, FEED)
    assert len(polls) == 5
    assert polls[0].startswith("error (")
    assert "HTTP 503" in polls[0] and polls[0].endswith("1 in a row, next try in 20 s")
    assert polls[-1].endswith("5 errors in a row, no longer polled (setting watch_max_errors)")


def test_a_malformed_feed_is_an_error_and_a_good_poll_resets_the_backoff(
    tmp_path, reader, web, clock
):
    def feed(request: httpx.Request) -> httpx.Response:
        if clock() < 1010:
            return httpx.Response(200, text="<rss><channel>", headers={"Content-Type": "text/xml"})
        return httpx.Response(200, text=rss([]), headers={"Content-Type": "text/xml"})

    web.routes[FEED] = feed
    argv = ["watch", FEED, "--db", str(tmp_path / "d.sqlite"), "--interval", "10"]
    result = run([*argv, "--max-polls", "3"], reader, clock, web)
    assert result.status == 0
    polls = _polls(result.lines, FEED)
    assert "not a readable RSS or Atom feed" in polls[0]
    assert polls[1].startswith("0 entries, 0 new")
    assert clock.sleeps == [20.0, 10.0]  # backoff once, then the plain interval again


def test_feeds_on_one_host_are_polled_politely(tmp_path, reader, web, clock):
    for url in (FEED, OTHER):
        web.routes[url] = lambda request: httpx.Response(304)
    argv = ["watch", FEED, OTHER, "--db", str(tmp_path / "d.sqlite"), "--interval", "60"]
    result = run([*argv, "--max-polls", "2"], reader, clock, web)
    assert result.status == 0
    # OTHER waits 2 s (fetch_host_interval_seconds) behind FEED, and keeps that offset.
    assert clock.sleeps == [2.0, 58.0, 2.0]
    times = [(when, url) for when, url, _h in web.requests]
    assert times == [(1000.0, FEED), (1002.0, OTHER), (1060.0, FEED), (1062.0, OTHER)]


def test_articles_that_failed_to_download_are_retried_then_given_up(tmp_path, reader, web, clock):
    flaky, dead = teaser_item("nw-0228-talks"), teaser_item("nw-0301-tv-tower")
    web.page(FEED, rss([flaky, dead], title="Northwire"), "text/xml")

    def flaky_page(request: httpx.Request) -> httpx.Response:
        if clock() < 1050:
            return httpx.Response(503)
        return httpx.Response(200, text=article_page("nw-0228-talks"))

    web.routes[flaky["link"]] = flaky_page
    argv = ["watch", FEED, "--db", str(tmp_path / "d.sqlite"), "--interval", "60"]
    result = run([*argv, "--max-polls", "4", "--json"], reader, clock, web)
    polls = _polls(result.lines, FEED)
    assert polls[0].startswith("2 entries, 2 new: 0 added, 0 already stored, 2 failed")
    assert polls[1].startswith("2 entries, 2 new: 1 added, 0 already stored, 1 failed")
    assert polls[2].startswith("2 entries, 1 new: 0 added, 0 already stored, 1 failed")
    assert polls[3].startswith("2 entries, 0 new")
    assert web.urls().count(dead["link"]) == ENTRY_ATTEMPTS
    assert result.status == 0


def test_watch_refuses_what_is_not_a_feed_url(tmp_path, reader):
    db = str(tmp_path / "d.sqlite")
    with pytest.raises(InputError, match=r"not a URL: feed\.xml"):
        run(["watch", "feed.xml", "--db", db], reader)
    with pytest.raises(InputError, match="--max-polls 0"):
        run(["watch", FEED, "--db", db, "--max-polls", "0"], reader)
    with pytest.raises(InputError, match="--interval 0"):
        run(["watch", FEED, "--db", db, "--interval", "0"], reader)


def test_a_restarted_watcher_reads_nothing_it_already_stored(tmp_path, reader, web, clock):
    items = [full_item("rs-0302-talks"), full_item("rs-0301-tv-tower")]
    web.routes[FEED] = lambda request: httpx.Response(
        200, text=rss(items), headers={"Content-Type": "text/xml"}
    )
    db = tmp_path / "desk.sqlite"
    argv = ["watch", FEED, "--db", str(db), "--interval", "60", "--max-polls", "1"]
    first = run(argv, reader, clock, web)
    assert _polls(first.lines, FEED) == [
        "2 entries, 2 new: 2 added, 0 already stored, 0 failed; next poll in 60 s"
    ]
    again = run(argv, reader, clock, web)  # a new process: it has seen nothing
    assert _polls(again.lines, FEED) == [
        "2 entries, 0 new: 0 added, 2 already stored, 0 failed; next poll in 60 s"
    ]
    with Desk.open(db) as desk:
        assert desk.counts()["reports"] == 2
