"""Serve an app from a background thread: for tests, notebooks and embedding.

    with BackgroundServer(create_app(desk)) as server:
        httpx.get(server.url + "healthz")

The socket is bound before the thread starts (port 0 picks a free port), so ``url`` is known
at once and a busy port is an immediate :class:`ServeError`.
"""

from __future__ import annotations

import threading
import time
from types import TracebackType
from typing import Any

from livedesk.serve.commands import bind, page_url
from livedesk.serve.exceptions import ServeError

# How long start() waits for the server to accept connections before giving up.
START_TIMEOUT_SECONDS = 15.0
# Open streams get this long to end when the server stops, then they are cut.
STOP_GRACE_SECONDS = 1


class BackgroundServer:
    """uvicorn on ``host:port`` in a daemon thread; ``start()``/``stop()`` or ``with``."""

    def __init__(self, app: Any, host: str = "127.0.0.1", port: int = 0) -> None:
        self.app = app
        self.host = host
        self.port = port
        self.url = ""
        self._server: Any = None
        self._thread: threading.Thread | None = None

    def start(self) -> BackgroundServer:
        import uvicorn

        sock = bind(self.host, self.port)
        self.url = page_url(self.host, sock)
        config = uvicorn.Config(
            self.app, log_level="warning", timeout_graceful_shutdown=STOP_GRACE_SECONDS
        )
        self._server = uvicorn.Server(config)
        self._thread = threading.Thread(
            target=self._server.run, kwargs={"sockets": [sock]}, name="livedesk-serve", daemon=True
        )
        self._thread.start()
        deadline = time.monotonic() + START_TIMEOUT_SECONDS
        while not self._server.started:
            if not self._thread.is_alive() or time.monotonic() > deadline:
                self.stop()
                raise ServeError(f"the server at {self.url} did not start; see its log above")
            time.sleep(0.02)
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.should_exit = True
        if self._thread is not None:
            self._thread.join(timeout=STOP_GRACE_SECONDS + 5)
        self._server = None
        self._thread = None

    def __enter__(self) -> BackgroundServer:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()
