"""The JSON API over one desk: reports, incidents, figures, series, stories, the brief, search,
the live stream and exports. Shapes are those of ``docs/desk.md``; ``docs/api.md`` lists the
endpoints. Desk calls block (SQLite, one lock), so they run in worker threads.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Mapping
from datetime import datetime
from typing import Annotated, Any, Literal, Protocol

import anyio
from fastapi import APIRouter, Body, Depends, Query, Response
from sse_starlette import EventSourceResponse

from livedesk.desk import Desk
from livedesk.errors import RegistryError
from livedesk.fuse.view import Listing
from livedesk.models import Reading
from livedesk.pipeline import Failure
from livedesk.serve.errors import InvalidRequest, NotFound, TooLarge, Unavailable
from livedesk.serve.ingest import MAX_REPORTS_PER_POST, ReadFunction, ReportIn, payloads_of
from livedesk.serve.stream import QUEUE_SIZE, stream_events

# A client that accepts no bytes for this long is dropped (it reconnects by itself).
SEND_TIMEOUT_SECONDS = 30.0
# Seconds a stream gets to end by itself once the server stops, before it is cut.
SHUTDOWN_GRACE_SECONDS = 1.0
MAX_PAGE = 1000

After = Annotated[
    str | None, Query(description="the 'next' cursor of the previous page; omit for the first")
]
Limit = Annotated[int, Query(ge=1, le=MAX_PAGE, description="items per page")]
Filter = Annotated[str | None, Query()]
QuoteKind = Literal["direct", "speech", "belief", "evidence", "stance"]


class Exporter(Protocol):
    """What ``livedesk.export`` registers per format (see ``EXPORTERS``)."""

    @property
    def name(self) -> str: ...
    @property
    def media_type(self) -> str: ...
    @property
    def extension(self) -> str: ...

    def render(self, desk: Desk) -> str: ...


def load_exporters() -> Mapping[str, Exporter]:
    """The export registry, imported on first use so the server starts without it."""
    try:
        from livedesk.export import EXPORTERS
    except ModuleNotFoundError as error:
        if error.name not in {"livedesk.export", "livedesk"}:
            raise
        raise Unavailable(
            "exports are not part of this livedesk install (module livedesk.export is missing); "
            "reinstall livedesk with 'bash scripts/setup'"
        ) from error
    registry: Mapping[str, Exporter] = EXPORTERS
    return registry


def _page(listing: Listing) -> dict[str, Any]:
    return {"items": list(listing.items), "next": listing.next}


def _check_time(name: str, value: str | None) -> None:
    if value is None:
        return
    try:
        datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        raise InvalidRequest(
            f"{name}={value!r} is not an ISO 8601 time; give e.g. 2022-03-02T21:45:00Z"
        ) from None


def api_router(
    desk: Desk,
    *,
    read: ReadFunction | None,
    exporters: Callable[[], Mapping[str, Exporter]] = load_exporters,
    ping_seconds: float = 15.0,
    queue_size: int = QUEUE_SIZE,
    writes: Callable[..., None],
    reads: Callable[..., None] | None = None,
) -> APIRouter:
    """The ``/api`` routes; ``writes`` guards the write endpoints and ``reads``, when given,
    the read endpoints (``serve/guard.py``)."""
    router = APIRouter(prefix="/api")
    write_guard = [Depends(writes)]
    read_guard = [Depends(reads)] if reads is not None else []

    @router.get(
        "/reports", summary="Stored reports in (published, id) order", dependencies=read_guard
    )
    def reports(after: After = None, limit: Limit = 100) -> dict[str, Any]:
        return _page(desk.reports(after=after, limit=limit))

    @router.get(
        "/reports/{report_id:path}",
        summary="One report with its stored reading",
        dependencies=read_guard,
    )
    def report(report_id: str) -> dict[str, Any]:
        found = desk.report(report_id)
        if found is None:
            raise NotFound(f"no report with id '{report_id}'; list them at /api/reports")
        return found

    @router.post(
        "/reports",
        summary="Read and store one report or a list of reports",
        dependencies=write_guard,
    )
    async def add_reports(
        body: Annotated[ReportIn | list[ReportIn], Body()],
    ) -> dict[str, Any]:
        if read is None:
            raise Unavailable(
                "this server was started without a reader, so it cannot read posted reports; "
                "start it with 'livedesk serve' to enable ingest"
            )
        payloads = payloads_of(body)
        if len(payloads) > MAX_REPORTS_PER_POST:
            raise TooLarge(
                f"{len(payloads)} reports in one request; send at most {MAX_REPORTS_PER_POST} "
                "per request, or ingest a JSONL file with the command line"
            )
        results = await asyncio.to_thread(read, payloads)
        readings = [r for r in results if isinstance(r, Reading)]
        failed = [r.to_json() for r in results if isinstance(r, Failure)]
        outlets = {payload["id"]: payload.get("outlet") for payload in payloads}
        added = await asyncio.to_thread(
            desk.add_readings, readings, outlet_of=lambda reading: outlets.get(reading.id)
        )
        return {
            "added": list(added.added),
            "skipped": list(added.skipped_same),
            "linked": [{"report": copy, "original": original} for copy, original in added.linked],
            "failed": failed,
        }

    @router.get("/incidents", summary="Incidents, newest first, filtered", dependencies=read_guard)
    def incidents(
        after: After = None,
        limit: Limit = 100,
        story: Filter = None,
        type: Filter = None,
        place: Filter = None,
        actor: Filter = None,
        q: Annotated[str | None, Query(description="words the sources must contain")] = None,
    ) -> dict[str, Any]:
        return _page(
            desk.incidents(
                after=after, limit=limit, story=story, type=type, place=place, actor=actor, q=q
            )
        )

    @router.get(
        "/quotes", summary="Quotes of the reports, newest report first", dependencies=read_guard
    )
    def quotes(
        after: After = None,
        limit: Limit = 50,
        speaker: Annotated[
            str | None, Query(max_length=200, description="part of the speaker's name, any case")
        ] = None,
        anonymous: Annotated[
            bool | None, Query(description="true: unnamed sources only; false: named only")
        ] = None,
        direct: Annotated[bool | None, Query(description="true: quotation marks only")] = None,
        kind: Annotated[
            QuoteKind | None, Query(description="direct, speech, belief, evidence or stance")
        ] = None,
    ) -> dict[str, Any]:
        return _page(
            desk.quotes(
                after=after,
                limit=limit,
                speaker=speaker,
                anonymous=anonymous,
                direct=direct,
                kind=kind,
            )
        )

    @router.get("/incidents/{incident_id}", summary="One incident", dependencies=read_guard)
    def incident(incident_id: str) -> dict[str, Any]:
        found = desk.incident(incident_id)
        if found is None:
            raise NotFound(f"no incident with id '{incident_id}'; list them at /api/incidents")
        return found

    @router.get(
        "/figures", summary="Figures reconciled per incident and kind", dependencies=read_guard
    )
    def figures(kind: Filter = None) -> dict[str, Any]:
        return {"items": desk.figures(kind=kind)}

    @router.get("/series", summary="Figure series over time", dependencies=read_guard)
    def series() -> dict[str, Any]:
        return {"items": desk.series()}

    @router.get("/stories", summary="Stories, most recent first", dependencies=read_guard)
    def stories() -> dict[str, Any]:
        return {"items": desk.stories()}

    @router.get("/brief", summary="What to know in a window of hours", dependencies=read_guard)
    def brief(
        hours: Annotated[float | None, Query(gt=0, le=24 * 366)] = None,
        end: Annotated[str | None, Query(description="window end, ISO 8601")] = None,
    ) -> dict[str, Any]:
        _check_time("end", end)
        return desk.brief(hours=hours, end=end)

    @router.get(
        "/search", summary="Reports matching every word of q (full-text)", dependencies=read_guard
    )
    def search(
        q: Annotated[str, Query(min_length=1, max_length=500)],
        limit: Annotated[int, Query(ge=1, le=100)] = 20,
    ) -> dict[str, Any]:
        return {"items": desk.search(q, limit=limit)}

    @router.get(
        "/stream",
        summary="Server-sent events: ready, report, incident, reset",
        dependencies=read_guard,
    )
    async def stream() -> EventSourceResponse:
        closing = anyio.Event()  # set by sse-starlette when the server begins to stop
        return EventSourceResponse(
            stream_events(desk, queue_size, closing),
            ping=ping_seconds,
            send_timeout=SEND_TIMEOUT_SECONDS,
            shutdown_event=closing,
            shutdown_grace_period=SHUTDOWN_GRACE_SECONDS,
        )

    @router.get("/export/{name}", summary="The desk in one export format", dependencies=read_guard)
    async def export(name: str) -> Response:
        registry = exporters()
        exporter = registry.get(name)
        if exporter is None:
            raise RegistryError("export format", name, list(registry))
        text = await asyncio.to_thread(exporter.render, desk)
        filename = f"livedesk-{exporter.name}.{exporter.extension.lstrip('.')}"
        # Report text must never reach a browser as a page of this origin: no export is HTML.
        html = "html" in exporter.media_type.lower()
        return Response(
            text,
            media_type="text/plain; charset=utf-8" if html else exporter.media_type,
            headers={"Content-Disposition": f'attachment; filename="{filename}"'},
        )

    return router
