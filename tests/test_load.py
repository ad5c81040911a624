"""Load: 200 clients listen on /api/stream while reports are posted, and every client receives
every report, none lost, in the order they were stored. The server is uvicorn on a free
loopback port in a thread, over a real desk; posted reports are read by a fake reader (no model
loads). Bounded: every wait has a timeout, the test ends by itself in seconds.

The figures (clients, updates, seconds, the worst delay from a POST to a client seeing its
event) are printed; run with ``-s`` to see them.
"""

from __future__ import annotations

import asyncio
import json
import time
from dataclasses import dataclass, field

import httpx

from livedesk.desk import Desk
from livedesk.serve import create_app
from livedesk.serve.background import BackgroundServer
from tests.test_serve import AUTH, NOW, TOKEN, fake_read

CLIENTS = 200
UPDATES = 50
# Generous bounds for a loaded CI machine; the run itself takes a few seconds.
CONNECT_SECONDS = 30.0
DELIVERY_SECONDS = 30.0


@dataclass
class Listener:
    """One stream client: the report ids it received, in order, and when."""

    number: int
    ready: asyncio.Event = field(default_factory=asyncio.Event)
    ids: list[str] = field(default_factory=list)
    times: list[float] = field(default_factory=list)
    done: asyncio.Event = field(default_factory=asyncio.Event)

    async def listen(self, http: httpx.AsyncClient) -> None:
        try:
            await self._read(http)
        finally:
            # A stream that fails or ends early must not leave the test waiting for it.
            self.ready.set()
            self.done.set()

    async def _read(self, http: httpx.AsyncClient) -> None:
        async with http.stream("GET", "/api/stream") as response:
            assert response.status_code == 200
            event = None
            async for line in response.aiter_lines():
                if line.startswith("event:"):
                    event = line.split(":", 1)[1].strip()
                elif line.startswith("data:") and event == "ready":
                    self.ready.set()
                elif line.startswith("data:") and event == "report":
                    self.ids.append(json.loads(line.split(":", 1)[1])["id"])
                    self.times.append(time.monotonic())
                    if len(self.ids) == UPDATES:
                        return


def test_every_listener_receives_every_update_in_order(tmp_path):
    with Desk.open(tmp_path / "desk.sqlite", clock=lambda: NOW) as desk:
        app = create_app(desk, read=fake_read, api_token=TOKEN, ping_seconds=2.0)
        with BackgroundServer(app) as server:
            figures = asyncio.run(_run(server.url))
    print(
        f"\nload: {CLIENTS} clients, {UPDATES} updates, {figures['events']} events delivered "
        f"in {figures['seconds']:.2f} s (connect {figures['connect']:.2f} s); delay from POST "
        f"to a client: median {figures['median_ms']:.0f} ms, max {figures['max_ms']:.0f} ms"
    )


async def _run(url: str) -> dict[str, float]:
    limits = httpx.Limits(max_connections=CLIENTS + 10, max_keepalive_connections=0)
    timeout = httpx.Timeout(DELIVERY_SECONDS)
    async with (
        httpx.AsyncClient(base_url=url, limits=limits, timeout=timeout) as streams,
        httpx.AsyncClient(base_url=url, timeout=timeout, headers=AUTH) as poster,
    ):
        listeners = [Listener(n) for n in range(CLIENTS)]
        tasks = [asyncio.create_task(listener.listen(streams)) for listener in listeners]
        try:
            started = time.monotonic()
            await asyncio.wait_for(
                asyncio.gather(*(listener.ready.wait() for listener in listeners)),
                CONNECT_SECONDS,
            )
            connected = time.monotonic()
            posted: dict[str, float] = {}
            order: list[str] = []
            for n in range(UPDATES):
                report_id = f"load-{n:03d}"
                posted[report_id] = time.monotonic()
                answer = await poster.post(
                    "/api/reports",
                    json={"id": report_id, "text": f"Report number {n} of the load test."},
                )
                assert answer.json()["added"] == [report_id], answer.text
                order.append(report_id)
            await asyncio.wait_for(
                asyncio.gather(*(listener.done.wait() for listener in listeners)),
                DELIVERY_SECONDS,
            )
            finished = time.monotonic()
        finally:
            for task in tasks:
                task.cancel()
            outcomes = await asyncio.gather(*tasks, return_exceptions=True)
    failures = [outcome for outcome in outcomes if isinstance(outcome, Exception)]
    assert not failures, failures[:3]
    for listener in listeners:
        assert listener.ids == order, f"client {listener.number} got {listener.ids}"
    delays = sorted(
        (when - posted[report_id]) * 1000
        for listener in listeners
        for report_id, when in zip(listener.ids, listener.times, strict=True)
    )
    return {
        "events": len(delays),
        "seconds": finished - connected,
        "connect": connected - started,
        "median_ms": delays[len(delays) // 2],
        "max_ms": delays[-1],
    }
