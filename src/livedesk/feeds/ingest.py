"""Items to stored reports: read them, keep the ones in a language the desk reads, and write
them to a :class:`~livedesk.desk.Desk` in batches.

Nothing one item does can undo another's work:

1. a document that cannot be had or read arrives as a :class:`~livedesk.pipeline.Failure`
   (the reader passes those through in order) and is logged and counted, never written;
2. a reading in a language outside ``languages`` is logged and skipped (the reader reads
   events, entities and quotes in English only; ``ingest_languages`` names the languages
   whose dates, places and figures are worth storing);
3. each batch is one transaction; earlier batches are committed and stay. If the store
   refuses a batch (say, an id reused for a different report) the batch is written again one
   report at a time, so only the offending report fails.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from livedesk.desk import Desk
from livedesk.errors import LivedeskError
from livedesk.feeds.progress import Progress
from livedesk.feeds.sources import Item
from livedesk.ingest.language import UNDETERMINED
from livedesk.ingest.source import RawDocument
from livedesk.models import Reading
from livedesk.pipeline import Failure
from livedesk.reader import Reader
from livedesk.store import AddResult

EXIT_OK = 0
EXIT_ALL_FAILED = 2


@dataclass(frozen=True)
class Problem:
    """One item that was not stored, and why."""

    id: str
    origin: str
    reason: str
    stage: str | None

    def line(self) -> str:
        return f"livedesk: skipped {self.origin} [{self.id}]: {self.reason}"


@dataclass
class IngestResult:
    """What an ingest did, by report id: ``added`` (newly stored, syndicated copies included),
    ``skipped`` (already stored: same URL or same body), ``linked`` (copy, original) pairs and
    ``failed`` problems. Filled in as the ingest goes."""

    added: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    linked: list[tuple[str, str]] = field(default_factory=list)
    failed: list[Problem] = field(default_factory=list)

    @property
    def processed(self) -> int:
        return len(self.added) + len(self.skipped)

    def record(self, stored: AddResult) -> None:
        self.added.extend(stored.added)
        self.skipped.extend(stored.skipped_same)
        self.linked.extend(stored.linked)

    def merge(self, other: IngestResult) -> None:
        self.added.extend(other.added)
        self.skipped.extend(other.skipped)
        self.linked.extend(other.linked)
        self.failed.extend(other.failed)

    def counts(self) -> str:
        return (
            f"{len(self.added)} added ({len(self.linked)} linked as syndicated copies) · "
            f"{len(self.skipped)} already stored · {len(self.failed)} failed"
        )

    def exit_status(self) -> int:
        """0 when anything was processed (stored now or before), 2 when nothing was."""
        return EXIT_OK if self.processed else EXIT_ALL_FAILED


def parse_languages(value: str) -> frozenset[str] | None:
    """``"en, fr"`` → {"en", "fr"}; ``"*"`` (or empty) → None, meaning every language."""
    codes = frozenset(code.strip().lower() for code in value.split(",") if code.strip())
    return None if not codes or "*" in codes else codes


class Ingester:
    """Reads items and stores the readings in ``desk``; logs each problem as one line."""

    def __init__(
        self,
        desk: Desk,
        reader: Reader,
        *,
        languages: frozenset[str] | None,
        batch_size: int,
        log: Callable[[str], None],
    ) -> None:
        self.desk = desk
        self.reader = reader
        self.languages = languages
        self.batch_size = max(1, batch_size)
        self.log = log

    def stored_urls(self, urls: Iterable[str]) -> set[str]:
        """Those of ``urls`` the desk already holds."""
        return self.desk.stored_urls(urls)

    def ingest(self, items: Iterable[Item], progress: Progress | None = None) -> IngestResult:
        """Read and store every item; the result says what happened to each."""
        result = IngestResult()
        in_flight: deque[Item] = deque()
        batch: list[tuple[Reading, Item]] = []
        outcomes = self.reader.read_many(_documents(items, in_flight))
        for read, outcome in enumerate(outcomes, start=1):
            # The reader yields exactly one outcome per document, in input order.
            item = in_flight.popleft()
            if isinstance(outcome, Failure):
                self._fail(result, item, outcome.error, outcome.stage)
            elif (problem := self._language_problem(outcome)) is not None:
                self._fail(result, item, problem, "language")
            else:
                batch.append((outcome, item))
                if len(batch) >= self.batch_size:
                    self._write(batch, result)
                    batch = []
            if progress is not None:
                progress.update(item.input_index, f"{read} read · {result.counts()}")
        if batch:
            self._write(batch, result)
        return result

    def _language_problem(self, reading: Reading) -> str | None:
        if self.languages is None or reading.language in self.languages:
            return None
        accepted = ", ".join(sorted(self.languages))
        if reading.language == UNDETERMINED:
            what = "its language could not be determined"
        else:
            what = f"it is in language '{reading.language}'"
        return (
            f"{what}, and the desk stores reports in {accepted} only (setting "
            "ingest_languages; events, entities and quotes are read in English only)"
        )

    def _write(self, batch: list[tuple[Reading, Item]], result: IngestResult) -> None:
        outlets = {reading.id: item.outlet for reading, item in batch}
        try:
            stored = self.desk.add_readings(
                [reading for reading, _item in batch], outlet_of=lambda r: outlets.get(r.id)
            )
        except LivedeskError as error:
            if len(batch) == 1:
                item = batch[0][1]
                self._fail(result, item, str(error), "store")
                return
            # The store rolled the whole batch back; find the report it refused.
            for pair in batch:
                self._write([pair], result)
            return
        result.record(stored)

    def _fail(self, result: IngestResult, item: Item, reason: str, stage: str | None) -> None:
        problem = Problem(item.id, item.origin, reason, stage)
        result.failed.append(problem)
        self.log(problem.line())


def _documents(items: Iterable[Item], in_flight: deque[Item]) -> Iterator[RawDocument | Failure]:
    for item in items:
        in_flight.append(item)
        yield item.document
