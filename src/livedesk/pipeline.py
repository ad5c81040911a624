"""The stage contract and the runner.

A stage is an object with a ``name``, the draft fields it ``requires`` and the ones it
``assigns``, and a ``__call__(draft)`` that fills those fields. A batch stage (the spaCy pass)
has ``process(drafts)`` instead and sees a whole batch at once, so the model streams documents
through ``nlp.pipe``. The runner checks that each stage's requirements were met before it
runs, and turns any exception a stage raises on one document into a :class:`StageError` that
names the stage and the document; the other documents of the batch go on.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol, runtime_checkable

from livedesk.errors import LivedeskError, StageError
from livedesk.ingest.source import RawDocument
from livedesk.models import Published, Reading


@dataclass
class Draft:
    """The working state of one document while stages fill it in (internal, mutable)."""

    raw: RawDocument
    title: str | None = None
    body: str | None = None
    language: str | None = None
    published: Published | None = None
    retrieved: Published | None = None
    doc: Any = None
    title_doc: Any = None
    facts: dict[str, Any] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)

    def has(self, name: str) -> bool:
        if name in self.facts:
            return True
        return getattr(self, name, None) is not None


@runtime_checkable
class Stage(Protocol):
    @property
    def name(self) -> str: ...
    @property
    def requires(self) -> tuple[str, ...]: ...
    @property
    def assigns(self) -> tuple[str, ...]: ...

    def __call__(self, draft: Draft) -> None: ...


@runtime_checkable
class BatchStage(Protocol):
    @property
    def name(self) -> str: ...
    @property
    def requires(self) -> tuple[str, ...]: ...
    @property
    def assigns(self) -> tuple[str, ...]: ...

    def process(self, drafts: Sequence[Draft]) -> None: ...


@dataclass(frozen=True)
class Failure:
    """A document the pipeline could not read, with the reason (batch mode yields these)."""

    id: str
    error: str
    stage: str | None

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "error": self.error, "stage": self.stage}


def _check_requires(stage: Stage | BatchStage, draft: Draft) -> None:
    missing = [name for name in stage.requires if not draft.has(name)]
    if missing:
        raise LivedeskError(
            f"stage '{stage.name}' needs {', '.join(missing)}, which no earlier stage assigned"
        )


def _failure(draft: Draft, stage: Stage | BatchStage, error: Exception) -> Failure:
    if isinstance(error, LivedeskError) and not isinstance(error, StageError):
        return Failure(draft.raw.id, str(error), stage.name)
    wrapped = StageError(stage.name, draft.raw.id, error)
    return Failure(draft.raw.id, str(wrapped), stage.name)


class Runner:
    """Runs stages over documents in batches; yields a Reading or a Failure per document."""

    def __init__(
        self,
        stages: Sequence[Stage | BatchStage],
        finish: Any,
        batch_size: int = 16,
    ) -> None:
        self.stages = tuple(stages)
        self.finish = finish
        self.batch_size = batch_size

    def run(self, documents: Iterable[RawDocument | Failure]) -> Iterator[Reading | Failure]:
        batch: list[RawDocument | Failure] = []
        for document in documents:
            batch.append(document)
            if len(batch) >= self.batch_size:
                yield from self._run_batch(batch)
                batch = []
        if batch:
            yield from self._run_batch(batch)

    def _run_batch(self, batch: list[RawDocument | Failure]) -> Iterator[Reading | Failure]:
        drafts = [Draft(raw=item) for item in batch if isinstance(item, RawDocument)]
        failed: dict[int, Failure] = {}
        for stage in self.stages:
            live = [draft for draft in drafts if id(draft) not in failed]
            if isinstance(stage, BatchStage):
                self._run_batch_stage(stage, live, failed)
                continue
            for draft in live:
                try:
                    _check_requires(stage, draft)
                    stage(draft)
                except Exception as error:
                    failed[id(draft)] = _failure(draft, stage, error)
        by_id = iter(drafts)
        for item in batch:
            if isinstance(item, Failure):
                yield item
                continue
            draft = next(by_id)
            if id(draft) in failed:
                yield failed[id(draft)]
            else:
                yield self.finish(draft)

    @staticmethod
    def _run_batch_stage(stage: BatchStage, live: list[Draft], failed: dict[int, Failure]) -> None:
        ready = []
        for draft in live:
            try:
                _check_requires(stage, draft)
                ready.append(draft)
            except LivedeskError as error:
                failed[id(draft)] = _failure(draft, stage, error)
        try:
            stage.process(ready)
        except Exception:
            for draft in ready:
                try:
                    stage.process([draft])
                except Exception as error:
                    failed[id(draft)] = _failure(draft, stage, error)
