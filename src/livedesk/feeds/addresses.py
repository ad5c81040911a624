"""Where the fetcher may connect: public addresses only, checked where the socket is opened.

A URL livedesk fetches comes from outside: a feed's links, a page's redirects. Without a check,
such a URL could make livedesk read ``http://169.254.169.254/`` (a cloud's metadata service),
an admin page on ``localhost`` or a machine on the office network, and store what it finds.

1. The host is resolved by livedesk itself, with a :data:`Resolver` that tests replace.
2. Every address it resolves to must be public: not loopback, private, link-local, multicast,
   unspecified, reserved or shared, nor an IPv6 form (mapped, 6to4, NAT64) of such an IPv4
   address. One bad address refuses the host: which address a socket would pick is not ours
   to say.
3. The connection goes to an address that was checked. :class:`GuardedTransport` resolves and
   checks when it opens the socket, and opens it to the checked address, so a DNS answer that
   changes between a check and the connection (DNS rebinding) cannot slip through. The URL
   is left alone, so the ``Host`` header, SNI and certificate check use the host name.
4. ``allow_private`` (setting ``fetch_allow_private``) lifts the check, for a desk that reads
   feeds on its own network.
"""

from __future__ import annotations

import ipaddress
import socket
import typing
from collections.abc import Callable, Iterable, Sequence

import httpcore
import httpx

from livedesk.feeds.errors import BlockedAddress, FetchError

# host, port -> the IP addresses (as text) a connection to them may use.
Resolver = Callable[[str, int], Sequence[str]]
IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
# IPv6 addresses that carry an IPv4 address in their last 32 bits (RFC 6052 NAT64 prefix).
_NAT64 = ipaddress.ip_network("64:ff9b::/96")


def system_resolver(host: str, port: int) -> list[str]:
    """The host's addresses from the operating system's resolver, in its order, deduplicated."""
    found: list[str] = []
    for *_kind, sockaddr in socket.getaddrinfo(host, port, type=socket.SOCK_STREAM):
        address = str(sockaddr[0])
        if address not in found:
            found.append(address)
    return found


def refusal(address: IPAddress) -> str | None:
    """Why the fetcher must not connect to ``address`` (a few words), or None when it may."""
    if isinstance(address, ipaddress.IPv6Address):
        inner = address.ipv4_mapped or address.sixtofour
        if inner is None and address in _NAT64:
            inner = ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
        if inner is not None:
            reason = refusal(inner)
            return f"{reason} (IPv4 {inner} inside IPv6)" if reason else None
    checks = (
        ("loopback", address.is_loopback),
        ("link-local", address.is_link_local),
        ("multicast", address.is_multicast),
        ("unspecified", address.is_unspecified),
        ("private", address.is_private),
        ("reserved", address.is_reserved),
        ("non-public (shared or special-purpose)", not address.is_global),
    )
    return next((reason for reason, applies in checks if applies), None)


class AddressGuard:
    """Resolves a host and checks each of its addresses; the one place the policy lives."""

    def __init__(self, resolver: Resolver | None = None, *, allow_private: bool = False) -> None:
        self.resolver = resolver or system_resolver
        self.allow_private = allow_private

    def addresses(self, host: str, port: int, url: str) -> list[str]:
        """The addresses a connection to ``host`` may use, every one checked.

        Raises :class:`BlockedAddress` (naming ``url``) when any is not public, and
        :class:`FetchError` when the host has no address."""
        host = host.strip("[]")
        if not host:
            raise FetchError(url, "the URL has no host; give a URL such as https://example.org/")
        try:
            literal: str | None = str(ipaddress.ip_address(host))
        except ValueError:
            literal = None
        found = [literal] if literal else self._resolve(host, port, url)
        if self.allow_private:
            return found
        for text in found:
            reason = refusal(ipaddress.ip_address(text))
            if reason is not None:
                where = "is" if literal else f"resolves to {text},"
                raise BlockedAddress(
                    url,
                    f"the host {host} {where} a {reason} address, and livedesk fetches from "
                    "public addresses only (a link or redirect into a private network is "
                    "refused); set fetch_allow_private to true to fetch from such hosts",
                )
        return found

    def _resolve(self, host: str, port: int, url: str) -> list[str]:
        try:
            found = [
                str(ipaddress.ip_address(a.split("%", 1)[0])) for a in self.resolver(host, port)
            ]
        except (OSError, UnicodeError) as error:
            raise FetchError(
                url, f"cannot resolve the host {host} ({error}); check the URL's spelling"
            ) from None
        except ValueError as error:
            raise FetchError(url, f"the resolver gave a bad address for {host} ({error})") from None
        if not found:
            raise FetchError(url, f"the host {host} has no address; check the URL's spelling")
        return found


class GuardedBackend(httpcore.NetworkBackend):
    """httpcore's network backend, connecting only to addresses the guard checked."""

    def __init__(self, guard: AddressGuard, inner: httpcore.NetworkBackend | None = None) -> None:
        self.guard = guard
        self.inner = inner or httpcore.SyncBackend()

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[typing.Any] | None = None,
    ) -> httpcore.NetworkStream:
        failure: Exception | None = None
        for address in self.guard.addresses(host, port, host):
            try:
                return self.inner.connect_tcp(address, port, timeout, local_address, socket_options)
            except (httpcore.ConnectError, httpcore.ConnectTimeout) as error:
                failure = error
        raise failure or httpcore.ConnectError(f"no address to connect to for {host}")

    def connect_unix_socket(
        self,
        path: str,
        timeout: float | None = None,
        socket_options: Iterable[typing.Any] | None = None,
    ) -> httpcore.NetworkStream:
        raise httpcore.ConnectError(f"the fetcher does not connect to Unix sockets ({path})")

    def sleep(self, seconds: float) -> None:
        self.inner.sleep(seconds)


class GuardedTransport(httpx.HTTPTransport):
    """httpx's HTTP transport whose connections go through :class:`GuardedBackend`.

    Proxies from the environment are not used (a ``Client`` given a transport ignores them):
    a proxy would resolve the host itself, past the check."""

    def __init__(self, guard: AddressGuard, backend: httpcore.NetworkBackend | None = None) -> None:
        super().__init__()
        # HTTPTransport takes no network backend, so its pool is rebuilt with one, with
        # httpx's defaults otherwise (its DEFAULT_LIMITS, certifi's certificates).
        limits = httpx.Limits(max_connections=100, max_keepalive_connections=20)
        self._pool = httpcore.ConnectionPool(
            ssl_context=httpx.create_ssl_context(),
            max_connections=limits.max_connections,
            max_keepalive_connections=limits.max_keepalive_connections,
            keepalive_expiry=limits.keepalive_expiry,
            network_backend=GuardedBackend(guard, backend),
        )
