"""The fetcher: HTTP GET over httpx, polite per host, capped in time and size.

A :class:`Fetcher` takes its transport, clock and sleep as parameters, so tests hand it an
``httpx.MockTransport`` and a fake clock and never touch the network or the wall clock. Each
request:

1. refuses a URL that is not http(s);
2. waits until ``host_interval`` seconds have passed since the last request to the same host;
3. sends ``If-None-Match`` / ``If-Modified-Since`` when the caller has an ETag or a date, and
   returns a ``not_modified`` answer on 304;
4. turns an error status, a timeout or a broken connection into a :class:`FetchError` that
   names the URL and says what to do;
5. refuses a body that is not text (by content type), and streams the body, stopping as soon
   as it passes ``max_bytes``.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from types import TracebackType
from urllib.parse import urlsplit

import httpx

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
        timeout: float = 20.0,
        max_bytes: int = 5_000_000,
        host_interval: float = 2.0,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
        user_agent: str = USER_AGENT,
    ) -> None:
        self.transport = transport
        self.timeout = timeout
        self.max_bytes = max_bytes
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
                transport=self.transport,
                timeout=self.timeout,
                follow_redirects=True,
                max_redirects=MAX_REDIRECTS,
                headers={"User-Agent": self.user_agent},
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
        if not is_url(url):
            raise FetchError(url, "not an http(s) URL; give a URL starting with https://")
        self._wait_for(host_of(url))
        headers = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        try:
            with self.client.stream("GET", url, headers=headers) as response:
                return self._answer(url, response)
        except httpx.TimeoutException:
            raise FetchTimeout(
                url,
                f"no answer within {self.timeout:g} s (setting fetch_timeout_seconds); "
                "try again later or raise the timeout",
            ) from None
        except httpx.TooManyRedirects:
            raise FetchError(url, f"more than {MAX_REDIRECTS} redirects; the URL loops") from None
        except httpx.HTTPError as error:
            raise FetchError(url, f"cannot fetch ({type(error).__name__}: {error})") from None

    def _wait_for(self, host: str) -> None:
        """Sleep until the host's last request is ``host_interval`` seconds old."""
        last = self._last_request.get(host)
        if last is not None:
            wait = last + self.host_interval - self.clock()
            if wait > 0:
                self.sleep(wait)
        self._last_request[host] = self.clock()

    def _answer(self, url: str, response: httpx.Response) -> Fetched:
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
        for chunk in response.iter_bytes():
            size += len(chunk)
            if size > self.max_bytes:
                raise self._too_large(url, f"passed {self.max_bytes:,} bytes")
            chunks.append(chunk)
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
