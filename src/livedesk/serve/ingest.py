"""Reports posted to the API: their shape, and the reader that turns them into readings.

``POST /api/reports`` takes one :class:`ReportIn` or a list of them. The server gives each a
stable id (from its text when none is sent), then hands the payloads to a ``read`` function
(``list[dict] -> list[Reading | Failure]``) in a worker thread. :class:`ReportReader` is the
real one: the same checks as a JSONL batch (``parse_jsonl_line``), then the reader, loaded on
first use so the server starts fast.
"""

from __future__ import annotations

import contextlib
import json
import threading
from collections.abc import Callable, Sequence
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, model_validator

from livedesk.errors import InputError, LivedeskError
from livedesk.ingest.source import RawDocument, content_id, parse_jsonl_line
from livedesk.models import Reading
from livedesk.pipeline import Failure
from livedesk.settings import Settings

# Reports one POST may carry; more belong in a JSONL batch through the ingest command.
MAX_REPORTS_PER_POST = 100

ReadFunction = Callable[[list[dict[str, Any]]], Sequence[Reading | Failure]]


class ReportIn(BaseModel):
    """One report to read: ``text`` or ``html``, and what is known about it."""

    model_config = ConfigDict(extra="forbid")

    id: str | None = Field(None, min_length=1, max_length=200, description="default: from text")
    text: str | None = Field(None, description="plain text of the report")
    html: str | None = Field(None, description="the report's HTML page (instead of text)")
    title: str | None = None
    url: str | None = None
    published: str | None = Field(None, description="publication time, ISO 8601")
    retrieved: str | None = Field(None, description="when the page was fetched, ISO 8601")
    outlet: str | None = Field(None, description="who published it, e.g. 'Northwire'")

    @model_validator(mode="after")
    def _has_body(self) -> ReportIn:
        if not (self.text or self.html):
            raise ValueError("give the report's 'text' or its 'html'")
        return self


def payloads_of(reports: ReportIn | list[ReportIn]) -> list[dict[str, Any]]:
    """Plain dicts, each with an id: the one sent, else one derived from its body."""
    batch = reports if isinstance(reports, list) else [reports]
    payloads = []
    for report in batch:
        payload = report.model_dump(exclude_none=True)
        payload.setdefault("id", "report-" + content_id(report.text or report.html or ""))
        payloads.append(payload)
    return payloads


class ReportReader:
    """The server's ``read`` function over a livedesk reader (loaded on the first call).

    Calls are serialised: one spaCy pipeline is not meant to be run from two threads at once.
    """

    def __init__(self, settings: Settings, reader: Any = None) -> None:
        self.settings = settings
        self.reader = reader
        self._lock = threading.Lock()

    def __call__(self, payloads: list[dict[str, Any]]) -> list[Reading | Failure]:
        documents = [self._document(payload, n) for n, payload in enumerate(payloads, 1)]
        with self._lock:
            reader = self._loaded()
            return list(reader.read_many(documents))

    def warm_in_background(self) -> threading.Thread:
        """Load the model in a daemon thread, so the first posted report does not wait for it
        (a failure to load is reported by the first call, which tries again)."""

        def load() -> None:
            with self._lock, contextlib.suppress(LivedeskError, OSError):
                self._loaded()

        thread = threading.Thread(target=load, name="livedesk-reader-warm-up", daemon=True)
        thread.start()
        return thread

    def _loaded(self) -> Any:
        if self.reader is None:
            from livedesk.reader import Reader

            self.reader = Reader(self.settings).load()
        return self.reader

    def _document(self, payload: dict[str, Any], number: int) -> RawDocument | Failure:
        fields = {key: value for key, value in payload.items() if key != "outlet"}
        try:
            return parse_jsonl_line(
                json.dumps(fields), number, max_bytes=int(self.settings.max_input_bytes)
            )
        except InputError as error:
            return Failure(id=str(payload.get("id")), error=str(error), stage="input")
