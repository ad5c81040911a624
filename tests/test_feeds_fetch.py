"""The fetcher over httpx.MockTransport, and ``livedesk ingest URL`` (never the network)."""

from __future__ import annotations

import gzip
import ipaddress
import json
import zlib
from typing import Any

import httpx
import pytest

from livedesk.desk import Desk
from livedesk.feeds.addresses import AddressGuard, GuardedTransport, refusal
from livedesk.feeds.decode import STEP_BYTES, DecodeError, decoded
from livedesk.feeds.errors import (
    BlockedAddress,
    FetchError,
    FetchTimeout,
    HTTPStatusError,
    NotText,
    ResponseTooLarge,
)
from livedesk.feeds.fetch import USER_AGENT, Fetcher
from livedesk.feeds.sources import url_id
from tests.feeds_support import (
    PUBLIC_ADDRESS,
    FakeClock,
    FakeResolver,
    FakeWeb,
    WireBackend,
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
    return Fetcher(
        transport=web.transport(),
        resolver=web.resolver,
        clock=clock,
        sleep=clock.sleep,
        **options,
    )


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


# -- redirects, time and size caps -------------------------------------------------------------


def test_redirects_are_followed_and_every_hop_is_resolved_and_identified(web, clock):
    web.redirect("http://news.example/a", "https://news.example/a", 301)
    web.redirect("https://news.example/a", "https://cdn.example/a")
    web.page("https://cdn.example/a", "<p>x</p>")
    fetched = _fetcher(web, clock).get("http://news.example/a")
    assert fetched.url == "https://cdn.example/a"
    assert web.urls() == [
        "http://news.example/a",
        "https://news.example/a",
        "https://cdn.example/a",
    ]
    assert all(headers["user-agent"] == USER_AGENT for _t, _u, headers in web.requests)
    assert web.resolver.lookups == ["news.example", "news.example", "cdn.example"]


def test_a_redirect_to_the_same_host_waits_the_host_interval(web, clock):
    web.redirect("http://news.example/a", "https://news.example/a", 301)
    web.page("https://news.example/a", "<p>x</p>")
    _fetcher(web, clock, host_interval=2.0).get("http://news.example/a")
    assert clock.sleeps == [2.0]
    assert web.requests[1][0] - web.requests[0][0] >= 2.0


@pytest.mark.parametrize(("hops", "cap", "ok"), [(5, 5, True), (6, 5, False), (3, 2, False)])
def test_redirects_are_capped_by_the_setting(web, clock, hops, cap, ok):
    for number in range(hops):
        web.redirect(f"https://loop.example/{number}", f"https://loop.example/{number + 1}")
    web.page(f"https://loop.example/{hops}", "<p>x</p>")
    fetcher = _fetcher(web, clock, host_interval=0.0, max_redirects=cap)
    if ok:
        assert fetcher.get("https://loop.example/0").url == f"https://loop.example/{hops}"
        return
    with pytest.raises(FetchError, match=rf"more than {cap} redirects \(setting fetch_max_redi"):
        fetcher.get("https://loop.example/0")
    assert len(web.requests) == cap + 1


def test_a_redirect_to_another_scheme_is_refused(web, clock):
    web.redirect(PAGE, "file:///etc/passwd")
    with pytest.raises(FetchError, match=r"redirected to file://[^ ]*/etc/passwd: not an http"):
        _fetcher(web, clock).get(PAGE)
    assert web.urls() == [PAGE]


def test_a_server_trickling_bytes_is_cut_off_at_the_total_time(web, clock):
    sent: list[int] = []

    def trickle():
        for number in range(1000):
            clock.now += 1.0  # each byte within the read timeout, the whole far beyond
            sent.append(number)
            yield b"x"

    web.routes[PAGE] = lambda request: httpx.Response(
        200, content=trickle(), headers={"Content-Type": "text/plain"}
    )
    with pytest.raises(FetchTimeout, match=r"over 30 s in all \(setting fetch_max_seconds\)"):
        _fetcher(web, clock, max_seconds=30.0).get(PAGE)
    assert len(sent) <= 32


def test_politeness_waits_do_not_count_against_the_total_time(web, clock):
    web.page("https://one.example/a", "<p>x</p>")
    web.page("https://one.example/b", "<p>x</p>")
    fetcher = _fetcher(web, clock, host_interval=10.0, max_seconds=5.0)
    fetcher.get("https://one.example/a")
    assert fetcher.get("https://one.example/b").content == b"<p>x</p>"
    assert clock.sleeps == [10.0]


def test_a_chunked_body_without_length_is_capped(web, clock):
    seen: list[httpx.Headers] = []

    def endless():
        while True:
            yield b"x" * 512

    def answer(request: httpx.Request) -> httpx.Response:
        response = httpx.Response(200, content=endless(), headers={"Content-Type": "text/html"})
        seen.append(response.headers)
        return response

    web.routes[PAGE] = answer
    with pytest.raises(ResponseTooLarge, match="passed 4,096 bytes"):
        _fetcher(web, clock, max_bytes=4096).get(PAGE)
    assert "content-length" not in seen[0]
    assert seen[0]["transfer-encoding"] == "chunked"


def test_a_body_longer_than_its_declared_length_is_still_capped(web, clock):
    def lying(request: httpx.Request) -> httpx.Response:
        return httpx.Response(
            200,
            content=iter([b"x" * 800] * 10),
            headers={"Content-Type": "text/html", "Content-Length": "100"},
        )

    web.routes[PAGE] = lying
    with pytest.raises(ResponseTooLarge, match="passed 1,000 bytes"):
        _fetcher(web, clock, max_bytes=1000).get(PAGE)


def test_a_compressed_body_is_capped_by_its_decompressed_size(web, clock):
    bomb = gzip.compress(b"x" * 1_000_000)
    web.routes[PAGE] = lambda request: httpx.Response(
        200,
        content=iter([bomb]),
        headers={"Content-Type": "text/html", "Content-Encoding": "gzip"},
    )
    assert len(bomb) < 10_000
    with pytest.raises(ResponseTooLarge, match="passed 10,000 bytes"):
        _fetcher(web, clock, max_bytes=10_000).get(PAGE)


def test_a_bomb_in_one_chunk_is_inflated_a_bounded_step_at_a_time():
    bomb = gzip.compress(b"x" * 20_000_000)  # 20 MB in about 20 kB, sent as one chunk
    steps = [len(step) for step in decoded([bomb], "gzip")]
    assert max(steps) <= STEP_BYTES
    assert sum(steps) == 20_000_000


@pytest.mark.parametrize(
    ("encoding", "body"),
    [
        ("gzip", gzip.compress(b"<p>one</p>") + gzip.compress(b"<p>two</p>")),
        ("deflate", zlib.compress(b"<p>one</p><p>two</p>")),
        ("identity", b"<p>one</p><p>two</p>"),
    ],
)
def test_compressed_bodies_are_read_whole(web, clock, encoding, body):
    seen = {}

    def page(request: httpx.Request) -> httpx.Response:
        seen.update(request.headers)
        return httpx.Response(
            200,
            content=iter([body[:7], body[7:]]),
            headers={"Content-Type": "text/html", "Content-Encoding": encoding},
        )

    web.routes[PAGE] = page
    fetched = _fetcher(web, clock).get(PAGE)
    assert fetched.content.replace(b"</p><p>", b"</p>\n<p>").split() == [
        b"<p>one</p>",
        b"<p>two</p>",
    ]
    assert seen["accept-encoding"] == "gzip, deflate"


def test_a_bare_deflate_stream_is_read_too():
    packer = zlib.compressobj(wbits=-zlib.MAX_WBITS)
    raw = packer.compress(b"no zlib wrapper") + packer.flush()
    assert b"".join(decoded([raw[:3], raw[3:]], "deflate")) == b"no zlib wrapper"


@pytest.mark.parametrize(
    ("encoding", "body", "message"),
    [("br", b"\x0b\x02\x80", "not asked for"), ("gzip", b"not gzip at all", "damaged")],
)
def test_an_unreadable_encoding_is_a_clear_fetch_error(web, clock, encoding, body, message):
    web.routes[PAGE] = lambda request: httpx.Response(
        200,
        content=iter([body]),
        headers={"Content-Type": "text/html", "Content-Encoding": encoding},
    )
    with pytest.raises(FetchError, match=message):
        _fetcher(web, clock).get(PAGE)
    with pytest.raises(DecodeError):
        list(decoded([body], encoding))


# -- private and internal addresses --------------------------------------------------------------

INTERNAL = [
    ("127.0.0.1", "loopback"),
    ("::1", "loopback"),
    ("10.1.2.3", "private"),
    ("172.16.0.1", "private"),
    ("192.168.1.1", "private"),
    ("169.254.169.254", "link-local"),
    ("fe80::1", "link-local"),
    ("fc00::5", "private"),
    ("0.0.0.0", "unspecified"),
    ("::", "unspecified"),
    ("224.0.0.251", "multicast"),
    ("ff02::1", "multicast"),
    ("240.0.0.1", "private"),
    ("100.64.0.1", "non-public"),
    ("::ffff:127.0.0.1", "loopback (IPv4 127.0.0.1 inside IPv6)"),
    ("::ffff:10.0.0.1", "private (IPv4 10.0.0.1 inside IPv6)"),
    ("64:ff9b::a9fe:a9fe", "link-local (IPv4 169.254.169.254 inside IPv6)"),
    ("2002:7f00:1::", "loopback (IPv4 127.0.0.1 inside IPv6)"),
]


@pytest.mark.parametrize(("address", "reason"), INTERNAL)
def test_internal_addresses_are_refused_with_their_kind(address, reason):
    assert (refusal(ipaddress.ip_address(address)) or "").startswith(reason)


@pytest.mark.parametrize("address", [PUBLIC_ADDRESS, "8.8.8.8", "2606:4700::1", "::ffff:8.8.8.8"])
def test_public_addresses_pass(address):
    assert refusal(ipaddress.ip_address(address)) is None


@pytest.mark.parametrize(("address", "reason"), INTERNAL)
def test_an_internal_address_in_the_url_is_never_requested(web, clock, address, reason):
    host = f"[{address}]" if ":" in address else address
    url = f"http://{host}/latest/meta-data/"
    web.page(url, "secret")
    with pytest.raises(BlockedAddress, match=rf"is a {reason.split()[0]}.*fetch_allow_private"):
        _fetcher(web, clock).get(url)
    assert web.requests == []
    assert web.resolver.lookups == []  # an address needs no lookup


def test_a_host_resolving_to_an_internal_address_is_refused(web, clock):
    web.resolver.hosts["intranet.example"] = ["10.0.0.7"]
    web.page("https://intranet.example/", "secret")
    with pytest.raises(BlockedAddress) as caught:
        _fetcher(web, clock).get("https://intranet.example/")
    message = str(caught.value)
    assert message.startswith("https://intranet.example/: the host intranet.example resolves")
    assert "10.0.0.7, a private address" in message
    assert "set fetch_allow_private to true" in message
    assert web.requests == []


def test_one_internal_address_among_public_ones_refuses_the_host(web, clock):
    web.resolver.hosts["mixed.example"] = [PUBLIC_ADDRESS, "127.0.0.1"]
    web.page("https://mixed.example/", "x")
    with pytest.raises(BlockedAddress, match=r"127\.0\.0\.1, a loopback address"):
        _fetcher(web, clock).get("https://mixed.example/")
    assert web.requests == []


def test_a_redirect_into_the_private_network_is_refused(web, clock):
    web.resolver.hosts["admin.example"] = ["192.168.0.1"]
    web.redirect(PAGE, "http://admin.example/reset")
    web.redirect(FEED, "http://169.254.169.254/latest/meta-data/")
    for url in (PAGE, FEED):
        with pytest.raises(BlockedAddress, match=rf"^{url}: redirected to http://"):
            _fetcher(web, clock).get(url)
    assert web.urls() == [PAGE, FEED]


def test_allow_private_lets_internal_hosts_through(web, clock):
    web.resolver.hosts["intranet.example"] = ["10.0.0.7"]
    web.page("https://intranet.example/", "<p>ours</p>")
    web.page("http://127.0.0.1:8080/feed", "<p>local</p>")
    fetcher = _fetcher(web, clock, allow_private=True)
    assert fetcher.get("https://intranet.example/").content == b"<p>ours</p>"
    assert fetcher.get("http://127.0.0.1:8080/feed").content == b"<p>local</p>"


def test_a_host_that_does_not_resolve_is_a_fetch_error(web, clock):
    def nowhere(host: str, port: int) -> list[str]:
        raise OSError(-2, "Name or service not known")

    fetcher = Fetcher(transport=web.transport(), resolver=nowhere, clock=clock, sleep=clock.sleep)
    with pytest.raises(FetchError, match=r"cannot resolve the host gone\.example .*spelling"):
        fetcher.get("https://gone.example/")
    assert web.requests == []


# -- the default transport: connects to the checked address --------------------------------------

ANSWER = [b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 2\r\n\r\nhi"]


def _guarded(resolver: FakeResolver, backend: WireBackend, clock: FakeClock) -> Fetcher:
    transport = GuardedTransport(AddressGuard(resolver), backend)
    fetcher = Fetcher(resolver=resolver, clock=clock, sleep=clock.sleep, host_interval=0.0)
    fetcher.transport = transport
    return fetcher


def test_the_default_transport_connects_to_the_checked_address(clock):
    resolver = FakeResolver({"news.example": ["8.8.4.4"]})
    backend = WireBackend(ANSWER)
    with _guarded(resolver, backend, clock) as fetcher:
        fetched = fetcher.get("https://news.example/a")
    assert fetched.content == b"hi"
    assert backend.connects == [("8.8.4.4", 443)]  # the address, not the name
    assert backend.log["tls_name"] == "news.example"  # SNI and certificate: the name
    assert b"Host: news.example\r\n" in backend.log["sent"]


def test_dns_rebinding_between_check_and_connect_is_refused(clock):
    answers = iter([[PUBLIC_ADDRESS], ["127.0.0.1"]])

    def rebinding(host: str, port: int) -> list[str]:
        return next(answers)  # public when checked, loopback when connecting

    backend = WireBackend(ANSWER)
    transport = GuardedTransport(AddressGuard(rebinding), backend)
    fetcher = Fetcher(transport=transport, resolver=rebinding, clock=clock, sleep=clock.sleep)
    with fetcher, pytest.raises(BlockedAddress, match=r"^http://evil.example/: the host evil"):
        fetcher.get("http://evil.example/")
    assert backend.connects == []


def test_the_fetcher_builds_the_guarded_transport_by_default():
    fetcher = Fetcher(resolver=FakeResolver())
    with fetcher:
        assert isinstance(fetcher.client._transport, GuardedTransport)


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


def test_ingest_refuses_a_private_url_unless_the_setting_allows_it(tmp_path, reader, web, clock):
    url = "http://192.168.1.20/world/2022/03/01/kharkiv"
    web.page(url, article_page("nw-0228-talks"))
    db = str(tmp_path / "d.sqlite")
    refused = run(["ingest", url, "--db", db], reader, clock, web)
    assert refused.status == 2
    assert "192.168.1.20 is a private address" in refused.err
    assert web.requests == []
    allowed = run(["ingest", url, "--db", db, "--fetch-allow-private", "true"], reader, clock, web)
    assert allowed.status == 0
    assert web.urls() == [url]
