"""The ``ingest`` and ``watch`` commands.

``livedesk ingest PATH|URL …`` reads files, folders, JSONL batches, feeds and web pages into a
store; ``livedesk watch FEED_URL …`` polls feeds and stores what is new. Problems are logged
one line each on standard error; the summary goes to standard error at the end (with
``--json``, a JSON object on standard output too). ``cli.py`` registers both with
:func:`register` and calls :func:`run_ingest` / :func:`run_watch`; tests pass a
:class:`Runtime` holding a mock transport, a fake clock and a loaded reader.
"""

from __future__ import annotations

import argparse
import json
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO

import httpx

from livedesk.desk import Desk, utc_now
from livedesk.errors import InputError
from livedesk.feeds.addresses import Resolver
from livedesk.feeds.fetch import Fetcher, is_url
from livedesk.feeds.ingest import EXIT_ALL_FAILED, EXIT_OK, Ingester, IngestResult, parse_languages
from livedesk.feeds.progress import Progress
from livedesk.feeds.sources import Context, Item, items_of
from livedesk.feeds.watch import Schedule, Watcher
from livedesk.reader import Reader
from livedesk.settings import SETTINGS, Settings, load_settings

DEFAULT_DB = "livedesk.sqlite"


@dataclass(frozen=True)
class Runtime:
    """The boundaries a command touches, replaceable in tests: the HTTP transport (None: the
    network), the host resolver (None: the system's), the monotonic clock and sleep, the wall
    clock as ISO 8601, and the reader (None: load one from the settings)."""

    transport: httpx.BaseTransport | None = None
    resolver: Resolver | None = None
    clock: Callable[[], float] = time.monotonic
    sleep: Callable[[float], None] = time.sleep
    now: Callable[[], str] = utc_now
    reader: Reader | None = None


def register(
    commands: Any, add_settings_flags: Callable[[argparse.ArgumentParser], None]
) -> dict[str, argparse.ArgumentParser]:
    """Add the ``ingest`` and ``watch`` sub-commands; returns their parsers by name."""
    ingest = commands.add_parser(
        "ingest",
        help="read files, folders, JSONL, RSS/Atom feeds and web pages into a store",
    )
    ingest.add_argument(
        "inputs",
        nargs="+",
        metavar="PATH|URL",
        help=".txt/.html report, .jsonl batch, .xml/.rss/.atom feed, folder, or http(s) URL",
    )
    _common_flags(ingest)
    ingest.add_argument(
        "--no-fetch",
        action="store_true",
        help="never use the network: URLs and feed entries without full text are skipped",
    )
    add_settings_flags(ingest)
    watch = commands.add_parser(
        "watch", help="poll RSS/Atom feeds and store new reports as they appear (Ctrl-C stops)"
    )
    watch.add_argument("feeds", nargs="+", metavar="FEED_URL", help="http(s) URL of a feed")
    _common_flags(watch)
    watch.add_argument(
        "--interval",
        type=float,
        metavar="S",
        help="seconds between polls of a feed (default: setting watch_interval_seconds)",
    )
    watch.add_argument(
        "--max-polls",
        type=int,
        metavar="N",
        help="stop after polling each feed N times (default: run until interrupted)",
    )
    add_settings_flags(watch)
    return {"ingest": ingest, "watch": watch}


def _common_flags(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--db",
        type=Path,
        default=Path(DEFAULT_DB),
        help=f"store file, created when missing (default: ./{DEFAULT_DB})",
    )
    parser.add_argument(
        "--outlet", help="outlet name for reports whose input names none (else feed title, host)"
    )
    parser.add_argument("--json", action="store_true", help="also print the result as JSON")


def settings_of(args: argparse.Namespace) -> Settings:
    """Settings from ``--config`` and the setting flags (as ``cli.py`` resolves them)."""
    overrides = {s.name: getattr(args, f"setting_{s.name}", None) for s in SETTINGS}
    return load_settings(config=getattr(args, "config", None), overrides=overrides)


def run_ingest(
    args: argparse.Namespace, out: TextIO, err: TextIO, runtime: Runtime | None = None
) -> int:
    """``livedesk ingest``: 0 when anything was stored (now or before), 2 when nothing was."""
    runtime = runtime or Runtime()
    settings = settings_of(args)
    reader = runtime.reader or Reader(settings).load()
    progress = Progress(err, total=len(args.inputs))
    with _fetcher(settings, runtime) as fetcher, _desk(args, settings, runtime) as desk:
        context = Context(
            max_bytes=int(settings.max_input_bytes),
            fetcher=None if args.no_fetch else fetcher,
            now=runtime.now,
            note=lambda line: progress.log(f"livedesk: {line}"),
            outlet=args.outlet,
        )
        ingester = _ingester(desk, reader, settings, progress.log)
        result = ingester.ingest(_items(args.inputs, context), progress)
        progress.update(len(args.inputs), result.counts())
        progress.finish()
    err.write(f"livedesk: ingest into {args.db}: {result.counts()}\n")
    _print_json(args, out, result)
    return result.exit_status()


def run_watch(
    args: argparse.Namespace, out: TextIO, err: TextIO, runtime: Runtime | None = None
) -> int:
    """``livedesk watch``: 0 when any poll succeeded, 2 when every poll failed."""
    runtime = runtime or Runtime()
    settings = settings_of(args)
    bad = [url for url in args.feeds if not is_url(url)]
    if bad:
        raise InputError(f"watch takes feed URLs (http or https); not a URL: {', '.join(bad)}")
    if args.max_polls is not None and args.max_polls < 1:
        raise InputError(f"--max-polls {args.max_polls}: give a number of polls >= 1")
    interval = args.interval if args.interval is not None else settings.watch_interval_seconds
    if interval <= 0:
        raise InputError(f"--interval {interval:g}: give a positive number of seconds")
    reader = runtime.reader or Reader(settings).load()

    def log(line: str) -> None:
        err.write(line + "\n")
        err.flush()

    with _fetcher(settings, runtime) as fetcher, _desk(args, settings, runtime) as desk:
        context = Context(
            max_bytes=int(settings.max_input_bytes),
            fetcher=fetcher,
            now=runtime.now,
            note=log,
            outlet=args.outlet,
        )
        watcher = Watcher(
            list(args.feeds),
            fetcher=fetcher,
            ingester=_ingester(desk, reader, settings, log),
            context=context,
            schedule=Schedule(
                interval=float(interval),
                max_backoff=float(settings.watch_max_backoff_seconds),
                max_errors=max(1, int(settings.watch_max_errors)),
            ),
            clock=runtime.clock,
            sleep=runtime.sleep,
            log=log,
        )
        try:
            result = watcher.run(args.max_polls)
        except KeyboardInterrupt:
            result = watcher.total
            log("watch: interrupted")
    err.write(f"livedesk: watch into {args.db}: {result.counts()}\n")
    _print_json(args, out, result)
    return EXIT_OK if watcher.successes else EXIT_ALL_FAILED


def _items(inputs: list[str], context: Context) -> Iterator[Item]:
    for index, source in enumerate(inputs):
        yield from items_of(source, context, index)


def _fetcher(settings: Settings, runtime: Runtime) -> Fetcher:
    return Fetcher(
        transport=runtime.transport,
        resolver=runtime.resolver,
        allow_private=bool(settings.fetch_allow_private),
        timeout=float(settings.fetch_timeout_seconds),
        max_seconds=float(settings.fetch_max_seconds),
        max_bytes=int(settings.max_input_bytes),
        max_redirects=int(settings.fetch_max_redirects),
        host_interval=float(settings.fetch_host_interval_seconds),
        clock=runtime.clock,
        sleep=runtime.sleep,
    )


def _desk(args: argparse.Namespace, settings: Settings, runtime: Runtime) -> Desk:
    return Desk.open(Path(args.db), clock=runtime.now, settings=settings)


def _ingester(
    desk: Desk, reader: Reader, settings: Settings, log: Callable[[str], None]
) -> Ingester:
    return Ingester(
        desk,
        reader,
        languages=parse_languages(str(settings.ingest_languages)),
        batch_size=int(settings.ingest_batch_size),
        log=log,
    )


def _print_json(args: argparse.Namespace, out: TextIO, result: IngestResult) -> None:
    if not args.json:
        return
    payload = {
        "added": result.added,
        "skipped": result.skipped,
        "linked": [{"copy": copy, "original": original} for copy, original in result.linked],
        "failed": [
            {"id": p.id, "origin": p.origin, "stage": p.stage, "reason": p.reason}
            for p in result.failed
        ],
    }
    out.write(json.dumps(payload, ensure_ascii=False) + "\n")
