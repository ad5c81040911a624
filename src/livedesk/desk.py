"""The live desk: stored reports, fused into incidents, figures, series, stories and a brief.

A :class:`Desk` owns one :class:`~livedesk.store.Store` and an in-memory fused view of it.
Writes go through :meth:`Desk.add_readings`, which stores the readings (one transaction),
folds the new reports into the view and tells every subscriber what changed. Reads return
plain JSON-ready dicts (documented in ``docs/desk.md``); list reads page with an opaque
cursor. One lock serialises access, so the server may call a desk from worker threads.

    with Desk.open("desk.sqlite") as desk:
        desk.add_readings(readings)
        desk.brief()["points"]
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from itertools import islice
from pathlib import Path
from types import TracebackType
from typing import Any

from livedesk.errors import InputError
from livedesk.fuse.quotes import QuoteFilter, collect
from livedesk.fuse.view import DEFAULT_RADIUS_KM, FusedView, Listing
from livedesk.models import Reading
from livedesk.settings import Settings, load_settings
from livedesk.store import AddResult, Store, StoreError


def utc_now() -> str:
    """The wall clock as ISO 8601 UTC; the default clock of a desk (tests pass their own)."""
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


@dataclass(frozen=True)
class Change:
    """What one write did: reports added, and the incidents created or updated by them."""

    added: tuple[str, ...]
    incidents: tuple[dict[str, Any], ...]
    reports: tuple[dict[str, Any], ...]


Listener = Callable[[Change], None]
# Stored reports parsed and folded into the view at a time.
FOLD_CHUNK = 1000
# Reports read from the store at a time while listing quotes.
QUOTE_PAGE_REPORTS = 100


class Desk:
    """A store plus its fused view. ``open()`` (or ``with Desk.open(path)``) before use."""

    def __init__(
        self,
        store: Store,
        *,
        clock: Callable[[], str] = utc_now,
        radius_km: float = DEFAULT_RADIUS_KM,
        brief_hours: float = 24.0,
    ) -> None:
        self.store = store
        self.clock = clock
        self.brief_hours = brief_hours
        self._lock = threading.RLock()
        self._listeners: list[Listener] = []
        self._view = FusedView(radius_km=radius_km)

    @classmethod
    def open(
        cls,
        path: str | Path,
        *,
        clock: Callable[[], str] = utc_now,
        settings: Settings | None = None,
    ) -> Desk:
        """Open (creating on first run) the store file and build the fused view from it.

        ``settings`` gives the incident radius and the brief's window (defaults otherwise).
        """
        chosen = settings or load_settings(environ={})
        desk = cls(
            Store(path),
            clock=clock,
            radius_km=float(chosen.incident_radius_km),
            brief_hours=float(chosen.brief_hours),
        )
        desk.store.open()
        desk._fold_new_rows(describe=False)  # nobody listens yet: no change to describe
        return desk

    def close(self) -> None:
        with self._lock:
            self.store.close()

    def __enter__(self) -> Desk:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    # -- writes ----------------------------------------------------------------------------

    def add_readings(
        self,
        readings: Iterable[Reading],
        *,
        outlet_of: Callable[[Reading], str | None] | None = None,
    ) -> AddResult:
        """Store the readings (all or none), fold them into the view, notify subscribers."""
        with self._lock:
            result = self.store.add_readings(readings, outlet_of=outlet_of, now=self.clock())
            change, listeners = self._fold_new_rows(describe=bool(self._listeners))
        self._notify(change, listeners)
        return result

    def refresh(self) -> Change | None:
        """Fold in reports another process stored in the same file; notify as for a write.

        The server calls this every few seconds, so ``livedesk watch`` writing to the store
        reaches open pages.
        """
        with self._lock:
            change, listeners = self._fold_new_rows()
        self._notify(change, listeners)
        return change

    def _fold_new_rows(self, *, describe: bool = True) -> tuple[Change | None, list[Listener]]:
        """Fold stored reports the view lacks into it; describe what changed (the incidents
        as JSON, which costs as much as the folding at large incidents) only if asked."""
        touched: dict[str, None] = {}
        ids: list[str] = []
        rows = self.store.readings(after_rowid=self._view.last_rowid)
        # In slices, so a large store never holds every parsed reading at once.
        while chunk := list(islice(rows, FOLD_CHUNK)):
            changed = self._view.add(chunk)
            if describe:
                touched.update(dict.fromkeys(changed))
                ids.extend(summary["id"] for _, summary, _ in chunk)
        if not ids:
            return None, []
        added = tuple(ids)
        change = Change(
            added=added,
            incidents=tuple(self._view.incident(i) or {} for i in touched),
            reports=tuple(self._view.report_summary(r) or {} for r in added),
        )
        return change, list(self._listeners)

    @staticmethod
    def _notify(change: Change | None, listeners: list[Listener]) -> None:
        if change is None:
            return
        for listener in listeners:
            listener(change)

    def subscribe(self, listener: Listener) -> Callable[[], None]:
        """Call ``listener`` after every write that added reports; returns an unsubscribe."""
        with self._lock:
            self._listeners.append(listener)

        def unsubscribe() -> None:
            with self._lock:
                if listener in self._listeners:
                    self._listeners.remove(listener)

        return unsubscribe

    # -- reads -----------------------------------------------------------------------------

    def reports(self, after: str | None = None, limit: int = 100) -> Listing:
        with self._lock:
            page = self.store.reports(after=after, limit=limit)
            items = tuple(self._view.report_summary(item["id"]) or item for item in page.items)
            return Listing(items, page.next)

    def report(self, report_id: str) -> dict[str, Any] | None:
        """The stored reading (public JSON shape) with its outlet and duplicate link."""
        with self._lock:
            reading = self.store.get(report_id)
            summary = self._view.report_summary(report_id)
        if reading is None:
            return None
        return {**(summary or {}), "reading": reading}

    def quotes(
        self,
        *,
        after: str | None = None,
        limit: int = 50,
        speaker: str | None = None,
        anonymous: bool | None = None,
        direct: bool | None = None,
        kind: str | None = None,
    ) -> Listing:
        """Quotes of stored reports, newest report first, filtered; pass ``next`` back as
        ``after`` for more (a page ends at a report boundary, so it may hold a few more than
        ``limit``)."""
        wanted = QuoteFilter(speaker, anonymous, direct, kind)

        def pages() -> Iterator[tuple[list[tuple[dict[str, Any], dict[str, Any]]], str | None]]:
            cursor = after
            while True:
                page = self.store.newest_readings(before=cursor, limit=QUOTE_PAGE_REPORTS)
                yield page
                cursor = page[1]
                if cursor is None:
                    return

        with self._lock:
            try:
                items, cursor = collect(pages(), wanted, max(1, limit))
            except StoreError as error:
                raise InputError(str(error)) from None
        return Listing(tuple(items), cursor)

    def stored_urls(self, urls: Iterable[str]) -> set[str]:
        """Those of ``urls`` already stored (a restarted watcher skips them unread)."""
        with self._lock:
            return self.store.stored_urls(urls)

    def search(self, query: str, limit: int = 20) -> list[dict[str, Any]]:
        with self._lock:
            return self.store.search(query, limit=limit)

    def incidents(
        self,
        *,
        after: str | None = None,
        limit: int = 100,
        story: str | None = None,
        type: str | None = None,
        place: str | None = None,
        actor: str | None = None,
        q: str | None = None,
    ) -> Listing:
        """Incidents, newest first, filtered; pass ``next`` back as ``after`` for more."""
        with self._lock:
            matching = self.store.matching_ids(q) if q else None
            return self._view.incidents(
                after=after,
                limit=limit,
                story=story,
                type=type,
                place=place,
                actor=actor,
                reports=matching,
            )

    def incident(self, incident_id: str) -> dict[str, Any] | None:
        with self._lock:
            return self._view.incident(incident_id)

    def figures(self, *, kind: str | None = None) -> list[dict[str, Any]]:
        """Reconciled figures of every incident (one entry per incident and kind)."""
        with self._lock:
            return self._view.figures(kind=kind)

    def series(self) -> list[dict[str, Any]]:
        with self._lock:
            return self._view.series()

    def stories(self) -> list[dict[str, Any]]:
        with self._lock:
            return self._view.stories()

    def brief(self, *, hours: float | None = None, end: str | None = None) -> dict[str, Any]:
        """What to know in the ``hours`` before ``end`` (default: the latest report's time)."""
        with self._lock:
            return self._view.brief(hours=hours or self.brief_hours, end=end)

    def counts(self) -> dict[str, int]:
        with self._lock:
            return self._view.counts()
