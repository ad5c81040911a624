"""Helpers for the ingest and watch tests: a fake clock, a fake resolver, a fake web
(httpx.MockTransport), RSS built from the demo reports, and the two commands' argument parser."""

from __future__ import annotations

import argparse
import html
import io
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpcore
import httpx

from livedesk.demo_data import demo_records
from livedesk.feeds.commands import Runtime, register, run_ingest, run_watch
from livedesk.settings import SETTINGS

FIXED_NOW = "2022-03-03T08:00:00Z"
# A public address (it was example.com's) that fake hosts resolve to unless told otherwise.
PUBLIC_ADDRESS = "93.184.216.34"


class FakeClock:
    """A monotonic clock that moves only when slept on; records every sleep."""

    def __init__(self, start: float = 1000.0) -> None:
        self.now = start
        self.sleeps: list[float] = []

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(round(seconds, 6))
        self.now += seconds


class FakeResolver:
    """host → addresses, without DNS; an unlisted host has one public address. Records every
    lookup, so a test sees when (and how often) the fetcher resolved."""

    def __init__(self, hosts: dict[str, list[str]] | None = None) -> None:
        self.hosts = dict(hosts or {})
        self.lookups: list[str] = []

    def __call__(self, host: str, port: int) -> list[str]:
        self.lookups.append(host)
        return self.hosts.get(host, [PUBLIC_ADDRESS])


@dataclass
class FakeWeb:
    """URL → handler(request) → response; records (time, url, headers) of every request."""

    clock: FakeClock
    routes: dict[str, Callable[[httpx.Request], httpx.Response]] = field(default_factory=dict)
    requests: list[tuple[float, str, dict[str, str]]] = field(default_factory=list)
    resolver: FakeResolver = field(default_factory=FakeResolver)

    def __call__(self, request: httpx.Request) -> httpx.Response:
        url = str(request.url)
        self.requests.append((self.clock(), url, dict(request.headers)))
        handler = self.routes.get(url)
        if handler is None:
            return httpx.Response(404, text="not here")
        return handler(request)

    def page(self, url: str, body: str, content_type: str = "text/html; charset=utf-8") -> None:
        self.routes[url] = lambda request: httpx.Response(
            200, text=body, headers={"Content-Type": content_type}
        )

    def redirect(self, url: str, to: str, status: int = 302) -> None:
        self.routes[url] = lambda request: httpx.Response(status, headers={"Location": to})

    def urls(self) -> list[str]:
        return [url for _time, url, _headers in self.requests]

    def transport(self) -> httpx.MockTransport:
        return httpx.MockTransport(self)


def record(report_id: str) -> dict[str, Any]:
    """One demo report's record (``text`` or ``html``)."""
    for item in demo_records():
        if item["id"] == report_id:
            return item
    raise KeyError(report_id)


def rss(items: list[dict[str, str]], title: str = "Radio Steppe — Ukraine news") -> str:
    """An RSS 2.0 feed; each item has ``title``, ``link``, ``description`` and ``pubDate``."""
    parts = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<rss version="2.0"><channel>',
        f"<title>{html.escape(title)}</title><link>https://radiosteppe.example/</link>",
    ]
    for item in items:
        parts.append("<item>")
        for key in ("title", "link", "guid", "pubDate"):
            if key in item:
                parts.append(f"<{key}>{html.escape(item[key])}</{key}>")
        if "description" in item:
            parts.append(f"<description>{html.escape(item['description'])}</description>")
        parts.append("</item>")
    parts.append("</channel></rss>")
    return "\n".join(parts)


def full_item(report_id: str, pub_date: str = "Wed, 02 Mar 2022 16:00:00 GMT") -> dict[str, str]:
    """A feed item carrying a demo report in full, as <p> paragraphs."""
    report = record(report_id)
    paragraphs = "".join(f"<p>{html.escape(p)}</p>" for p in report["text"].split("\n\n"))
    return {
        "title": report["title"],
        "link": report["url"],
        "description": paragraphs,
        "pubDate": pub_date,
    }


def teaser_item(report_id: str) -> dict[str, str]:
    """A feed item with a one-sentence teaser: the article must be fetched from its link."""
    report = record(report_id)
    return {
        "title": report["title"],
        "link": report["url"],
        "description": report["text"].split(". ")[0] + ".",
        "pubDate": "Wed, 02 Mar 2022 16:00:00 GMT",
    }


def article_page(report_id: str) -> str:
    """A demo report as a minimal HTML article page."""
    report = record(report_id)
    if "html" in report:
        return str(report["html"])
    body = "".join(f"<p>{html.escape(p)}</p>" for p in report["text"].split("\n\n"))
    return (
        f"<!doctype html><html><head><title>{html.escape(report['title'])}</title>"
        f'<meta property="article:published_time" content="{report["published"]}"></head>'
        f"<body><article><h1>{html.escape(report['title'])}</h1>{body}</article></body></html>"
    )


def write_jsonl(path: Path, records: list[dict[str, Any]]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def parser() -> argparse.ArgumentParser:
    """The two sub-commands, registered the way cli.py does."""

    def add_settings_flags(sub: argparse.ArgumentParser) -> None:
        sub.add_argument("--config", type=Path)
        for setting in SETTINGS:
            flag = "--" + setting.name.replace("_", "-")
            sub.add_argument(flag, dest=f"setting_{setting.name}", default=None)

    top = argparse.ArgumentParser(prog="livedesk")
    register(top.add_subparsers(dest="command"), add_settings_flags)
    return top


@dataclass
class Run:
    status: int
    out: str
    err: str

    @property
    def lines(self) -> list[str]:
        return self.err.splitlines()


def run(
    argv: list[str], reader: Any, clock: FakeClock | None = None, web: FakeWeb | None = None
) -> Run:
    """Parse ``argv`` and run the command with a fake clock, resolver and web (never the
    network)."""
    clock = clock or FakeClock()
    web = web or FakeWeb(clock)
    runtime = Runtime(
        transport=web.transport(),
        resolver=web.resolver,
        clock=clock,
        sleep=clock.sleep,
        now=lambda: FIXED_NOW,
        reader=reader,
    )
    args = parser().parse_args(argv)
    out, err = io.StringIO(), io.StringIO()
    command = run_ingest if args.command == "ingest" else run_watch
    status = command(args, out, err, runtime)
    return Run(status, out.getvalue(), err.getvalue())


class WireStream(httpcore.MockStream):
    """A canned HTTP answer on a fake socket that records what was written and the TLS name."""

    def __init__(self, answer: list[bytes], log: dict[str, Any]) -> None:
        super().__init__(list(answer))
        self.log = log

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self.log["sent"] = self.log.get("sent", b"") + buffer

    def start_tls(
        self, ssl_context: Any, server_hostname: str | None = None, timeout: float | None = None
    ) -> httpcore.NetworkStream:
        self.log["tls_name"] = server_hostname
        return self


class WireBackend(httpcore.MockBackend):
    """httpcore's network layer without a network: records every (address, port) connected
    to and answers each connection with ``answer``."""

    def __init__(self, answer: list[bytes]) -> None:
        super().__init__(answer)
        self.answer = answer
        self.connects: list[tuple[str, int]] = []
        self.log: dict[str, Any] = {}

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Any = None,
    ) -> httpcore.NetworkStream:
        self.connects.append((host, port))
        return WireStream(self.answer, self.log)
