"""The web app: the live page at ``/``, its files at ``/static``, the offline map assets at
``/assets``, the JSON API under ``/api`` and ``/healthz``. Build it with :func:`create_app`;
nothing starts until a server (uvicorn) runs it.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator, Callable, Mapping
from pathlib import Path
from typing import Any

from fastapi import FastAPI
from fastapi.responses import FileResponse
from fastapi.staticfiles import StaticFiles
from starlette.concurrency import run_in_threadpool
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from livedesk.desk import Desk
from livedesk.errors import LivedeskError
from livedesk.serve.api import Exporter, api_router, load_exporters
from livedesk.serve.assets import INSTALL_HINT, PACKAGES, default_assets_dir, has_assets
from livedesk.serve.errors import NotFound, install_error_handlers
from livedesk.serve.guard import DEFAULT_MAX_REQUEST_BYTES, BodyLimit, check_limits, require_token
from livedesk.serve.ingest import ReadFunction
from livedesk.serve.safejson import SafeJSONResponse
from livedesk.serve.stream import QUEUE_SIZE

STATIC = Path(__file__).with_name("static")
log = logging.getLogger("livedesk.serve")

# The page loads only its own files: no inline script, no other origin, not framed.
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; "
    "form-action 'self'"
)
SECURITY_HEADERS = (
    (b"content-security-policy", CONTENT_SECURITY_POLICY.encode("ascii")),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
)


class Assets(StaticFiles):
    """One npm package's folder; a missing folder is a 404 that says how to install it."""

    async def check_config(self) -> None:
        if self.directory is not None and not Path(self.directory).is_dir():
            raise NotFound(
                f"map assets are not installed ('{self.directory}' is missing); {INSTALL_HINT}"
            )
        await super().check_config()


class SecurityHeaders:
    """Adds the security headers to every HTTP response (streams included)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [*message.get("headers", []), *SECURITY_HEADERS]
            await send(message)

        await self.app(scope, receive, send_with_headers)


def create_app(
    desk: Desk,
    *,
    read: ReadFunction | None = None,
    assets_dir: Path | None = None,
    exporters: Mapping[str, Exporter] | None = None,
    ping_seconds: float = 15.0,
    queue_size: int = QUEUE_SIZE,
    refresh_seconds: float | None = None,
    api_token: str = "",
    read_token_required: bool = False,
    max_request_bytes: int = DEFAULT_MAX_REQUEST_BYTES,
) -> FastAPI:
    """The app over ``desk``.

    ``read`` turns posted report payloads into readings (without it ``POST /api/reports``
    answers 503); ``api_token`` is the bearer token writes need ('' refuses every write), and
    reads under ``/api`` too with ``read_token_required``; request bodies over
    ``max_request_bytes`` are refused before they are parsed (``serve/guard.py``);
    ``assets_dir`` holds the npm map packages (default: the checkout's
    node_modules); ``exporters`` replaces the ``livedesk.export`` registry (for tests);
    ``refresh_seconds``, when set, is how often the app looks for reports another process
    (``livedesk watch``) stored in the same file, and pushes them to open pages.
    """
    check_limits(api_token, read_token_required, max_request_bytes)
    folder = assets_dir if assets_dir is not None else default_assets_dir()
    registry: Callable[[], Mapping[str, Exporter]] = (
        load_exporters if exporters is None else lambda: exporters
    )

    @contextlib.asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        task = None
        if refresh_seconds:
            task = asyncio.create_task(_refresh_forever(desk, refresh_seconds))
        try:
            yield
        finally:
            if task is not None:
                task.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await task

    app = FastAPI(
        lifespan=lifespan,
        default_response_class=SafeJSONResponse,
        title="livedesk",
        summary="A sourced, structured live desk built from crisis reports",
        version="1",
        docs_url=None,  # the interactive docs load scripts from a CDN; the page must not
        redoc_url=None,
    )
    install_error_handlers(app)
    app.add_middleware(BodyLimit, max_bytes=max_request_bytes)
    app.add_middleware(SecurityHeaders)  # the outermost: on every answer, refusals included
    writes = require_token(api_token, "writes")
    reads = require_token(api_token, "reads") if read_token_required else None
    app.include_router(
        api_router(
            desk,
            read=read,
            exporters=registry,
            ping_seconds=ping_seconds,
            queue_size=queue_size,
            writes=writes,
            reads=reads,
        )
    )

    @app.get("/healthz", summary="Liveness, with the desk's counts")
    def healthz() -> dict[str, Any]:
        return {
            "status": "ok",
            "counts": desk.counts(),
            "ingest": read is not None,
            "map_assets": has_assets(folder),
        }

    @app.get("/", include_in_schema=False)
    def page() -> FileResponse:
        return FileResponse(STATIC / "index.html", headers={"Cache-Control": "no-cache"})

    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    for prefix, inside in PACKAGES.items():
        # check_dir=False: with the packages missing, their URLs are 404s and the page says why.
        files = Assets(directory=folder / inside, check_dir=False)
        app.mount(f"/assets/{prefix}", files, name=f"assets-{prefix}")
    return app


async def _refresh_forever(desk: Desk, seconds: float) -> None:
    """Fold in other processes' writes every ``seconds``; an error is logged, not fatal."""
    while True:
        await asyncio.sleep(seconds)
        try:
            await run_in_threadpool(desk.refresh)
        except LivedeskError as error:
            log.warning("could not refresh the desk from its store: %s", error)
