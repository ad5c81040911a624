"""The ``serve`` and ``demo`` commands: open a store, build the app, serve it until Ctrl-C.

``livedesk serve --db desk.sqlite`` serves an existing store (created when missing) and reads
reports posted to ``/api/reports`` by clients that send the API token (``--api-token``; when
none is set, one is made for the run and printed). ``livedesk demo`` first stores the
bundled demo reports (a second run adds nothing) in ``~/.cache/livedesk/demo.sqlite`` unless
``--db`` is given.
``cli.py`` registers both with :func:`register` and calls :func:`run_serve` /
:func:`run_demo`.
"""

from __future__ import annotations

import argparse
import socket
from collections.abc import Callable
from pathlib import Path
from typing import Any, TextIO

from livedesk.desk import Desk
from livedesk.models import Reading
from livedesk.pipeline import Failure
from livedesk.serve.assets import INSTALL_HINT, assets_dir_from, missing_assets
from livedesk.serve.exceptions import ServeError
from livedesk.serve.ingest import ReportReader
from livedesk.settings import SETTINGS, Settings, load_settings
from livedesk.store import AddResult

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000
DEFAULT_DB = "livedesk.sqlite"
# Seconds open streams get to finish when the server stops, before they are cut.
SHUTDOWN_GRACE_SECONDS = 2

Serve = Callable[[Any, socket.socket], None]


def default_demo_db() -> Path:
    return Path.home() / ".cache" / "livedesk" / "demo.sqlite"


def register(
    commands: Any, add_settings_flags: Callable[[argparse.ArgumentParser], None]
) -> dict[str, argparse.ArgumentParser]:
    """Add the ``serve`` and ``demo`` sub-commands; returns their parsers by name."""
    serve = commands.add_parser(
        "serve", help="serve the live page and the JSON API over a store (Ctrl-C stops)"
    )
    _server_flags(serve, f"store file, created when missing (default: {DEFAULT_DB})")
    add_settings_flags(serve)
    demo = commands.add_parser(
        "demo", help="store the bundled demo reports and serve the live page (Ctrl-C stops)"
    )
    _server_flags(demo, "store file (default: ~/.cache/livedesk/demo.sqlite)")
    add_settings_flags(demo)
    return {"serve": serve, "demo": demo}


def _server_flags(parser: argparse.ArgumentParser, db_help: str) -> None:
    parser.add_argument("--host", default=DEFAULT_HOST, help=f"address (default {DEFAULT_HOST})")
    parser.add_argument(
        "--port", type=int, default=DEFAULT_PORT, help=f"port (default {DEFAULT_PORT})"
    )
    parser.add_argument("--db", type=Path, default=None, help=db_help)


def settings_of(args: argparse.Namespace) -> Settings:
    """Settings from ``--config`` and the setting flags (as ``cli.py`` resolves them)."""
    overrides = {s.name: getattr(args, f"setting_{s.name}", None) for s in SETTINGS}
    return load_settings(config=getattr(args, "config", None), overrides=overrides)


def run_serve(
    args: argparse.Namespace, out: TextIO, err: TextIO, serve: Serve | None = None
) -> int:
    """``livedesk serve``: serve the store at ``--db`` until interrupted."""
    settings = settings_of(args)
    with _open_desk(Path(args.db or DEFAULT_DB), settings) as desk:
        _serve(desk, ReportReader(settings), settings, args, out, err, serve)
    return 0


def run_demo(args: argparse.Namespace, out: TextIO, err: TextIO, serve: Serve | None = None) -> int:
    """``livedesk demo``: store the demo reports (once), then serve them until interrupted."""
    settings = settings_of(args)
    read = ReportReader(settings)
    with _open_desk(Path(args.db or default_demo_db()), settings) as desk:
        result, failures = add_demo_reports(desk, read)
        stored = desk.counts()["reports"]
        err.write(
            f"livedesk: {len(result.added)} demo report(s) added, {stored} in the store "
            f"{desk.store.path}\n"
        )
        for failure in failures:
            err.write(f"livedesk: demo report '{failure.id}' not read: {failure.error}\n")
        _serve(desk, read, settings, args, out, err, serve)
    return 0


def add_demo_reports(desk: Desk, read: ReportReader) -> tuple[AddResult, list[Failure]]:
    """Read and store the demo reports not yet stored; a second call reads and adds nothing."""
    from livedesk.demo_data import demo_outlets, demo_records

    fields = ("id", "text", "html", "title", "url", "published")
    payloads = [
        {key: record[key] for key in fields if record.get(key) is not None}
        for record in demo_records()
        if desk.report(record["id"]) is None
    ]
    if not payloads:
        return AddResult(), []
    results = read(payloads)
    outlets = demo_outlets()
    readings = [r for r in results if isinstance(r, Reading)]
    added = desk.add_readings(readings, outlet_of=lambda reading: outlets.get(reading.id))
    return added, [r for r in results if isinstance(r, Failure)]


def _open_desk(path: Path, settings: Settings) -> Desk:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise ServeError(
            f"cannot create the folder of the store '{path}': {error.strerror}; give --db "
            "a path in a writable folder"
        ) from error
    return Desk.open(path, settings=settings)


def _serve(
    desk: Desk,
    read: ReportReader,
    settings: Settings,
    args: argparse.Namespace,
    out: TextIO,
    err: TextIO,
    serve: Serve | None,
) -> None:
    from livedesk.serve.app import create_app
    from livedesk.serve.guard import new_token

    assets = assets_dir_from(str(settings.assets_dir))
    # Without a token every write would be refused; one made per run keeps posting possible
    # for whoever can read this terminal, and for nobody else.
    token = str(settings.api_token) or new_token()
    app = create_app(
        desk,
        read=read,
        assets_dir=assets,
        ping_seconds=float(settings.stream_ping_seconds),
        refresh_seconds=float(settings.refresh_seconds),
        api_token=token,
        read_token_required=bool(settings.api_read_token_required),
        max_request_bytes=int(settings.max_request_bytes),
    )
    sock = bind(args.host, args.port)
    missing = missing_assets(assets)
    if missing:
        err.write(
            f"livedesk: map assets not found in '{assets}' (missing {', '.join(missing)}); "
            f"the page works without its map: {INSTALL_HINT}, or set assets_dir\n"
        )
    if not settings.api_token:
        out.write(
            f"livedesk: API token for this run: {token} (send 'Authorization: Bearer "
            "<token>' to post reports; choose your own with --api-token or LIVEDESK_API_TOKEN)\n"
        )
    out.write(f"livedesk: the live desk is at {page_url(args.host, sock)} (Ctrl-C stops)\n")
    out.flush()
    if serve is None:
        # The first report posted should not wait seconds for the model to load.
        read.warm_in_background()
    (serve or serve_forever)(app, sock)


def bind(host: str, port: int) -> socket.socket:
    """A listening-ready socket on ``host:port``, or a ServeError that says what to change."""
    try:
        family, kind, proto, _, address = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0]
    except socket.gaierror as error:
        raise ServeError(
            f"cannot resolve --host '{host}': {error.strerror}; give an address such as "
            f"{DEFAULT_HOST}"
        ) from error
    sock = socket.socket(family, kind, proto)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind(address)
    except OSError as error:
        sock.close()
        raise ServeError(
            f"cannot listen on {host}:{port}: {error.strerror}; pick another --port, "
            "or stop the program that uses this one"
        ) from error
    return sock


def page_url(host: str, sock: socket.socket) -> str:
    port = sock.getsockname()[1]
    shown = {"0.0.0.0": "127.0.0.1", "::": "::1", "": "127.0.0.1"}.get(host, host)
    return f"http://[{shown}]:{port}/" if ":" in shown else f"http://{shown}:{port}/"


def serve_forever(app: Any, sock: socket.socket) -> None:
    """Run uvicorn on the bound socket until Ctrl-C (uvicorn handles the signal)."""
    import uvicorn

    config = uvicorn.Config(
        app,
        log_level="warning",
        timeout_graceful_shutdown=SHUTDOWN_GRACE_SECONDS,
    )
    uvicorn.Server(config).run(sockets=[sock])
