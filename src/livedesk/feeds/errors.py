"""Errors of fetching and feeds, under the livedesk root (``errors.py`` belongs to the whole
project)::

    LivedeskError
    ├── FetchError             a URL could not be fetched (names the URL)
    │   ├── HTTPStatusError    the server answered 4xx or 5xx
    │   ├── FetchTimeout       no answer within the timeout
    │   ├── ResponseTooLarge   the body is over the size cap
    │   ├── NotText            the body is not text (an image, a PDF…)
    │   └── BlockedAddress     the host is (or resolves to) a private or internal address
    └── InputError
        └── FeedError          bytes that should be an RSS or Atom feed cannot be parsed
"""

from __future__ import annotations

from livedesk.errors import InputError, LivedeskError


class FetchError(LivedeskError):
    """A URL could not be fetched; the message names the URL and what to do."""

    def __init__(self, url: str, message: str) -> None:
        super().__init__(f"{url}: {message}")
        self.url = url
        self.reason = message


class HTTPStatusError(FetchError):
    """The server answered with an error status."""

    def __init__(self, url: str, status: int, reason: str) -> None:
        if status == 404 or status == 410:
            hint = "the page is not there; check the URL"
        elif status == 429:
            hint = "too many requests; raise fetch_host_interval_seconds or try later"
        elif status in (401, 403):
            hint = "the server refuses access; the page needs a login or blocks fetching"
        elif status >= 500:
            hint = "the server failed; try again later"
        else:
            hint = "the server refused the request"
        super().__init__(url, f"HTTP {status} {reason}: {hint}")
        self.status = status


class FetchTimeout(FetchError):
    """No complete answer within the timeout."""


class ResponseTooLarge(FetchError):
    """The body is bigger than the size cap (the download stops at the cap)."""


class NotText(FetchError):
    """The body's content type is not text, HTML or XML."""


class BlockedAddress(FetchError):
    """The host is, or resolves to, an address that is not public (loopback, private,
    link-local…); refused unless the setting ``fetch_allow_private`` is on."""


class FeedError(InputError):
    """Bytes that should be an RSS or Atom feed cannot be parsed as one."""
