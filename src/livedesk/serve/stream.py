"""The live stream: desk changes, from whatever thread wrote them, to each client's queue.

``Desk.subscribe`` calls its listener on the writing thread (a worker thread of the server,
or another process's ingest run through the same desk object). A :class:`Feed` turns each
:class:`~livedesk.desk.Change` into events and hands them to its client's event loop with
``call_soon_threadsafe``; the queue is bounded, and a client too slow to keep up gets one
``reset`` event (reload everything) instead of an ever-growing backlog.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Any

import anyio

from livedesk.desk import Change, Desk
from livedesk.serve.safejson import dumps

# Events one client may have waiting; a burst bigger than this becomes one reset event.
QUEUE_SIZE = 512


@dataclass(frozen=True)
class Event:
    """One server-sent event: its name and its JSON data."""

    name: str
    data: dict[str, Any]

    def to_sse(self) -> dict[str, str]:
        return {"event": self.name, "data": dumps(self.data)}


# Put in a feed's queue to end its stream cleanly.
CLOSE = Event("close", {})


def events_of(change: Change) -> list[Event]:
    """The events one desk change sends: a ``report`` per report, an ``incident`` per incident."""
    reports = [Event("report", report) for report in change.reports if report]
    incidents = [Event("incident", incident) for incident in change.incidents if incident]
    return reports + incidents


class Feed:
    """One client's bounded queue of events, filled from any thread."""

    def __init__(self, loop: asyncio.AbstractEventLoop, size: int = QUEUE_SIZE) -> None:
        self.loop = loop
        self.queue: asyncio.Queue[Event] = asyncio.Queue(size)
        self.dropped = 0

    def push(self, change: Change) -> None:
        """The desk listener: safe to call from any thread."""
        events = events_of(change)
        try:
            self.loop.call_soon_threadsafe(self._put, events)
        except RuntimeError:
            # The client's loop has closed (server shutting down): nobody is listening.
            return

    def _put(self, events: list[Event]) -> None:
        for event in events:
            if self.queue.full():
                self._reset()
                return
            self.queue.put_nowait(event)

    def close(self) -> None:
        """End the stream after what is queued now (the server is stopping)."""
        if self.queue.full():
            self.queue.get_nowait()
        self.queue.put_nowait(CLOSE)

    def _reset(self) -> None:
        """Too far behind: drop the backlog and tell the client to reload instead."""
        while not self.queue.empty():
            self.queue.get_nowait()
            self.dropped += 1
        self.queue.put_nowait(Event("reset", {"dropped": self.dropped}))


async def stream_events(
    desk: Desk, size: int = QUEUE_SIZE, closing: anyio.Event | None = None
) -> AsyncIterator[dict[str, str]]:
    """A ``ready`` event, then the desk's changes as they happen, until the client leaves
    or ``closing`` is set (the server is stopping: the stream then ends cleanly).

    Subscribes on the first step and unsubscribes when the generator is closed.
    """
    feed = Feed(asyncio.get_running_loop(), size)
    unsubscribe = desk.subscribe(feed.push)
    watcher = asyncio.ensure_future(_close_when(closing, feed)) if closing else None
    try:
        counts = await asyncio.to_thread(desk.counts)
        yield Event("ready", {"counts": counts}).to_sse()
        while (event := await feed.queue.get()) is not CLOSE:
            yield event.to_sse()
    finally:
        unsubscribe()
        if watcher is not None:
            watcher.cancel()


async def _close_when(closing: anyio.Event, feed: Feed) -> None:
    await closing.wait()
    feed.close()
