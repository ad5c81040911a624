"""The reader: one raw report in, one cited :class:`~livedesk.models.Reading` out.

Stages, in order (each in its own module):

1. ``prepare``    ingest/prepare.py      title, publication time, cleaned body, language
2. ``parse``      understand/nlp.py      the spaCy pass, batched over documents
3. ``sentences``  understand/sentences.py
4. ``entities``   understand/entities.py people, organisations, countries, actors
5. ``places``     understand/places.py   toponyms → gazetteer entries, metonyms out
6. ``dates``      understand/timeline.py every date expression, resolved against publication
7. ``figures``    understand/figures.py  killed / injured / … counts
8. ``events``     understand/events.py   PLOVER events with actors, place, date, modality
9. ``quotes``     understand/quotes.py   direct and reported speech with speakers
10. ``key_points`` brief/keypoints.py    what to know, each point citing its sentence

With ``n_process`` above 1, whole readers run in a pool of that many forked processes, each
reading batches of ``batch_size`` documents end to end (model pass and livedesk's own
stages), so every core works on both; results come back in input order.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Iterable, Iterator
from itertools import islice
from pathlib import Path
from typing import Any, cast

from livedesk.brief.keypoints import KeyPointStage
from livedesk.errors import LivedeskError
from livedesk.ingest.prepare import NO_DATE, PrepareStage
from livedesk.ingest.source import RawDocument
from livedesk.models import Reading
from livedesk.pipeline import BatchStage, Draft, Failure, Runner, Stage
from livedesk.settings import Settings, load_settings
from livedesk.understand.entities import EntityStage
from livedesk.understand.events import EventStage
from livedesk.understand.figures import FigureStage
from livedesk.understand.nlp import ParseStage, load_model
from livedesk.understand.places import PlaceStage
from livedesk.understand.quotes import QuoteStage
from livedesk.understand.sentences import SentenceStage
from livedesk.understand.timeline import DateStage


def finish(draft: Draft) -> Reading:
    """Freeze a completed draft into its public reading."""
    facts = draft.facts
    retrieved = draft.retrieved.value if draft.retrieved else None
    return Reading(
        id=draft.raw.id,
        title=draft.title,
        url=draft.raw.url,
        language=draft.language or "und",
        published=draft.published or NO_DATE,
        retrieved=retrieved,
        body=draft.body or "",
        sentences=facts.get("sentences", ()),
        entities=facts.get("entities", ()),
        places=facts.get("places", ()),
        events=facts.get("events", ()),
        figures=facts.get("figures", ()),
        quotes=facts.get("quotes", ()),
        dates=facts.get("dates", ()),
        key_points=facts.get("key_points", ()),
        notes=tuple(draft.notes),
    )


class Reader:
    """Loads the model and the gazetteer once, then reads any number of reports."""

    def __init__(
        self,
        settings: Settings | None = None,
        nlp: Any = None,
        gazetteer: Any = None,
    ) -> None:
        self.settings = settings or load_settings()
        self.nlp = nlp
        self.gazetteer = gazetteer
        self.runner: Runner | None = None

    def load(self) -> Reader:
        """Load the model and gazetteer (if not injected) and build the stages."""
        from livedesk.resolve.gazetteer import open_gazetteer
        from livedesk.resolve.geocode import Geocoder

        if self.nlp is None:
            self.nlp = load_model(self.settings.model)
        if self.gazetteer is None:
            path = Path(self.settings.gazetteer) if self.settings.gazetteer else None
            self.gazetteer = open_gazetteer(path)
        stages: list[Stage | BatchStage] = [
            PrepareStage(),
            ParseStage(self.nlp, self.settings.n_process, self.settings.batch_size),
            SentenceStage(),
            EntityStage(self.nlp, self.gazetteer),
            PlaceStage(Geocoder(self.gazetteer)),
            DateStage(),
            FigureStage(),
            EventStage(),
            QuoteStage(),
            KeyPointStage(self.settings.max_key_points),
        ]
        self.runner = Runner(stages, finish, batch_size=self.settings.batch_size)
        return self

    def read_many(self, documents: Iterable[RawDocument | Failure]) -> Iterator[Reading | Failure]:
        """Readings (or failures) in input order; the model streams over batches."""
        runner = self.runner or cast(Runner, self.load().runner)
        if self.settings.n_process > 1 and _can_fork():
            return self._read_in_pool(documents)
        return runner.run(documents)

    def _read_in_pool(
        self, documents: Iterable[RawDocument | Failure]
    ) -> Iterator[Reading | Failure]:
        """Whole readers in forked processes: the loaded model is shared copy-on-write, so no
        worker loads it again; each worker opens its own gazetteer connection."""
        single = Reader(
            self.settings.replace(n_process=1), nlp=self.nlp, gazetteer=self.gazetteer
        ).load()
        chunks = _chunks(documents, max(1, int(self.settings.batch_size)))
        context = multiprocessing.get_context("fork")
        with context.Pool(
            int(self.settings.n_process), initializer=_start_worker, initargs=(single,)
        ) as pool:
            for results in pool.imap(_read_chunk, chunks):
                yield from results

    def read(self, document: RawDocument) -> Reading:
        """Read one report; raise the stage's error if it cannot be read."""
        result = next(iter(self.read_many([document])))
        if isinstance(result, Failure):
            raise LivedeskError(result.error)
        return result


# -- the process pool ---------------------------------------------------------------------

_WORKER: Reader | None = None


def _can_fork() -> bool:
    return "fork" in multiprocessing.get_all_start_methods()


def _start_worker(reader: Reader) -> None:
    """In a fresh worker: keep the inherited reader, but not the parent's SQLite handle."""
    global _WORKER
    if reader.gazetteer is not None and hasattr(reader.gazetteer, "after_fork"):
        reader.gazetteer.after_fork()
    _WORKER = reader


def _read_chunk(chunk: list[RawDocument | Failure]) -> list[Reading | Failure]:
    if _WORKER is None or _WORKER.runner is None:
        raise LivedeskError("reader worker used before it was started")
    return list(_WORKER.runner.run(chunk))


def _chunks(
    documents: Iterable[RawDocument | Failure], size: int
) -> Iterator[list[RawDocument | Failure]]:
    iterator = iter(documents)
    while chunk := list(islice(iterator, size)):
        yield chunk
