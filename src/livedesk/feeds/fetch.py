"""The fetcher: HTTP GET over httpx, polite per host, capped in time and size, public hosts only.

A :class:`Fetcher` takes its transport, resolver, clock and sleep as parameters, so tests hand
it an ``httpx.MockTransport``, a fake resolver and a fake clock and never touch the network or
the wall clock. Each request:

1. refuses a URL that is not http(s);
2. resolves the host and refuses it when any of its addresses is not public (loopback,
   private, link-local…; see :mod:`livedesk.feeds.addresses`) unless ``allow_private``; the
   default transport checks again where it opens the socket and connects to the checked
   address, so DNS rebinding cannot get past the check;
3. waits until ``host_interval`` seconds have passed since the last request to the same host;
4. sends ``If-None-Match`` / ``If-Modified-Since`` when the caller has an ETag or a date, and
   returns a ``not_modified`` answer on 304;
5. follows at most ``max_redirects`` redirects, each hop going through steps 1-3 again;
6. turns an error status, a timeout or a broken connection into a :class:`FetchError` that
   names the URL and says what to do;
7. refuses a body that is not text (by content type), and streams the body, stopping as soon
   as it passes ``max_bytes`` (counted after decompression, with or without a
   Content-Length; inflated at most 64 KiB a step, see :mod:`livedesk.feeds.decode`) or the
   whole fetch passes ``max_seconds`` (a server trickling bytes).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from types import TracebackType
from urllib.parse import urlsplit

import httpx

from livedesk.feeds.addresses import AddressGuard, GuardedTransport, Resolver
from livedesk.feeds.decode import ACCEPT_ENCODING, DecodeError, decoded
from livedesk.feeds.errors import (
    FetchError,
    FetchTimeout,
    HTTPStatusError,
    NotText,
    ResponseTooLarge,
)

USER_AGENT = "livedesk/0.1 (crisis-news reader; polite fetcher)"
# Enough for a chain of http→https→www redirects; more is a loop.
MAX_REDIRECTS = 5
# A feed or a page arrives in seconds; a minute is a server trickling bytes to hold us.
MAX_SECONDS = 60.0
DEFAULT_PORTS = {"http": 80, "https": 443}
# Content types that carry text even though they are not text/*.
TEXT_TYPES = ("application/xml", "application/xhtml+xml", "application/json")
TEXT_SUFFIXES = ("+xml", "+json")


@dataclass(frozen=True)
class Fetched:
    """One answer: the final URL (after redirects), its body and its validators."""

    url: str
    status: int
    content: bytes = b""
    content_type: str = ""
    etag: str | None = None
    last_modified: str | None = None

    @property
    def not_modified(self) -> bool:
        return self.status == 304

    @property
    def charset(self) -> str | None:
        for part in self.content_type.split(";")[1:]:
            key, _, value = part.partition("=")
            if key.strip().lower() == "charset" and value.strip():
                return value.strip().strip('"')
        return None


def host_of(url: str) -> str:
    """The host part of a URL, lower-cased, without a leading ``www.``."""
    host = (urlsplit(url).hostname or "").lower()
    return host.removeprefix("www.")


def is_url(text: str) -> bool:
    return urlsplit(text).scheme.lower() in ("http", "https")


def is_text_type(content_type: str) -> bool:
    """True for text/*, XML and JSON types, and for a missing content type."""
    kind = content_type.split(";", 1)[0].strip().lower()
    return (
        not kind or kind.startswith("text/") or kind in TEXT_TYPES or kind.endswith(TEXT_SUFFIXES)
    )


class Fetcher:
    """Fetches URLs politely. ``close()`` (or ``with Fetcher(...)``) when done."""

    def __init__(
        self,
        *,
        transport: httpx.BaseTransport | None = None,
        resolver: Resolver | None = None,
        allow_private: bool = False,
        timeout: float = 20.0,
        max_seconds: float = MAX_SECONDS,
        max_bytes: int = 5_000_000,
        max_redirects: int = MAX_REDIRECTS,
        host_interval: float = 2.0,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
        user_agent: str = USER_AGENT,
    ) -> None:
        self.transport = transport
        self.guard = AddressGuard(resolver, allow_private=allow_private)
        self.timeout = timeout
        self.max_seconds = max_seconds
        self.max_bytes = max_bytes
        self.max_redirects = max_redirects
        self.host_interval = host_interval
        self.clock = clock
        self.sleep = sleep
        self.user_agent = user_agent
        self._client: httpx.Client | None = None
        self._last_request: dict[str, float] = {}

    @property
    def client(self) -> httpx.Client:
        if self._client is None:
            self._client = httpx.Client(
                transport=self.transport or GuardedTransport(self.guard),
                timeout=self.timeout,
                follow_redirects=False,  # followed in get(), each hop checked
                headers={"User-Agent": self.user_agent, "Accept-Encoding": ACCEPT_ENCODING},
            )
        return self._client

    def close(self) -> None:
        if self._client is not None:
            self._client.close()
        self._client = None

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def get(
        self, url: str, *, etag: str | None = None, last_modified: str | None = None
    ) -> Fetched:
        """GET ``url``; a 304 answer (nothing new since ``etag``/``last_modified``) has no body.

        Raises a :class:`FetchError` subclass for everything but a 2xx or 304 text answer."""
        self._check(url, url)
        headers = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        try:
            request = self.client.build_request("GET", url, headers=headers)
            return self._follow(url, request)
        except httpx.TimeoutException:
            raise FetchTimeout(
                url,
                f"no answer within {self.timeout:g} s (setting fetch_timeout_seconds); "
                "try again later or raise the timeout",
            ) from None
        except (httpx.HTTPError, httpx.InvalidURL) as error:
            raise FetchError(url, f"cannot fetch ({type(error).__name__}: {error})") from None

    def _follow(self, url: str, request: httpx.Request) -> Fetched:
        """Send ``request`` and follow its redirects, checking and spacing every hop."""
        deadline = self.clock() + self.max_seconds
        for hop in range(self.max_redirects + 1):
            if hop:
                self._check(url, str(request.url))
            deadline += self._wait_for(host_of(str(request.url)))
            if self.clock() > deadline:
                raise self._too_slow(url)
            try:
                response = self.client.send(request, stream=True)
            except FetchError as error:  # the guarded transport refused at connect time
                raise type(error)(url, error.reason) from None
            try:
                if response.next_request is None:
                    return self._answer(url, response, deadline)
                request = response.next_request
            finally:
                response.close()
        raise FetchError(
            url,
            f"more than {self.max_redirects} redirects (setting fetch_max_redirects); "
            "the URL loops, or give the address it ends at",
        )

    def _check(self, url: str, target: str) -> None:
        """Refuse ``target`` (``url`` or a redirect from it) unless http(s) on a public host."""
        via = "" if target == url else f"redirected to {target}: "
        if not is_url(target):
            raise FetchError(url, f"{via}not an http(s) URL; give a URL starting with https://")
        parts = urlsplit(target)
        try:
            port = parts.port or DEFAULT_PORTS[parts.scheme.lower()]
        except ValueError as error:
            raise FetchError(url, f"{via}bad port in the URL ({error})") from None
        try:
            self.guard.addresses(parts.hostname or "", port, url)
        except FetchError as error:
            raise type(error)(url, via + error.reason) from None

    def _wait_for(self, host: str) -> float:
        """Sleep until the host's last request is ``host_interval`` seconds old; the seconds
        slept."""
        last = self._last_request.get(host)
        wait = 0.0
        if last is not None:
            wait = max(0.0, last + self.host_interval - self.clock())
            if wait > 0:
                self.sleep(wait)
        self._last_request[host] = self.clock()
        return wait

    def _answer(self, url: str, response: httpx.Response, deadline: float) -> Fetched:
        final = str(response.url)
        etag = response.headers.get("ETag")
        last_modified = response.headers.get("Last-Modified")
        if response.status_code == 304:
            return Fetched(final, 304, etag=etag, last_modified=last_modified)
        if response.status_code >= 400:
            raise HTTPStatusError(url, response.status_code, response.reason_phrase)
        content_type = response.headers.get("Content-Type", "")
        if not is_text_type(content_type):
            raise NotText(
                url,
                f"content type '{content_type}' is not text; give the URL of an HTML page "
                "or an RSS/Atom feed",
            )
        declared = response.headers.get("Content-Length", "")
        if declared.isdigit() and int(declared) > self.max_bytes:
            raise self._too_large(url, f"declares {int(declared):,} bytes")
        chunks: list[bytes] = []
        size = 0
        try:
            for chunk in _body(response):
                size += len(chunk)
                if size > self.max_bytes:
                    raise self._too_large(url, f"passed {self.max_bytes:,} bytes")
                if self.clock() > deadline:
                    raise self._too_slow(url)
                chunks.append(chunk)
        except DecodeError as error:
            raise FetchError(url, f"{error}; the server's answer cannot be read") from None
        return Fetched(
            final,
            response.status_code,
            b"".join(chunks),
            content_type,
            etag,
            last_modified,
        )

    def _too_large(self, url: str, what: str) -> ResponseTooLarge:
        return ResponseTooLarge(
            url,
            f"the body {what}, over the cap of {self.max_bytes:,} bytes "
            "(setting max_input_bytes); the download was stopped. Raise the cap if the page "
            "is really that big.",
        )

    def _too_slow(self, url: str) -> FetchTimeout:
        return FetchTimeout(
            url,
            f"the fetch took over {self.max_seconds:g} s in all (setting fetch_max_seconds); "
            "the server is too slow or sends its answer a trickle at a time. Try again later "
            "or raise the limit.",
        )


def _body(response: httpx.Response) -> Iterator[bytes]:
    """The decoded body of a streamed response, a bounded step at a time."""
    if response.is_stream_consumed:
        # A response built in memory (test transports) arrives read and decoded already.
        return iter([response.content])
    return decoded(response.iter_raw(), response.headers.get("Content-Encoding", ""))
