"""``livedesk eval``: quality measured on gold data nobody on the team wrote.

Each task is a module with a ``run(path, context) -> dict`` that reads a gold file or folder
in the format of ``../shared/eval`` and returns one flat dict of scores (fractions between 0
and 1, plus ``n``). Built-in tasks register exactly as a plug-in would: by name in
:data:`TASKS`, imported lazily so that ``livedesk eval seed`` does not import the geoparser.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from livedesk.errors import RegistryError
from livedesk.evaluate.context import EvalContext

__all__ = ["TASKS", "EvalContext", "Task", "get_task", "run_task"]


@dataclass(frozen=True)
class Task:
    name: str
    module: str
    keys: tuple[str, ...]
    help: str

    def load(self) -> Callable[[Path, EvalContext], dict[str, Any]]:
        return importlib.import_module(self.module).run  # type: ignore[no-any-return]


TASKS: dict[str, Task] = {
    task.name: task
    for task in (
        Task("extraction", "livedesk.evaluate.extraction",
             ("n", "precision", "recall", "f1"),
             "HTML page -> article body, 4-token shingles (ScrapingHub-style folder)"),
        Task("geoparsing", "livedesk.evaluate.geoparsing",
             ("n", "recognition_precision", "recognition_recall", "recognition_f1",
              "exact_match", "country_accuracy", "acc_161km", "acc_161km_all", "missing",
              "mean_km", "median_km"),
             "toponym recognition and resolution (LGL/TR-News or GeoVirus XML)"),
        Task("events-acled", "livedesk.evaluate.events_acled",
             ("n", "accuracy", "weighted_f1"),
             "snippet -> ACLED sub-event type (CASE 2021 TSV)"),
        Task("events-plover", "livedesk.evaluate.events_plover",
             ("n", "accuracy", "source_f1", "target_f1"),
             "sentence -> PLOVER type and actor countries (PLOVER GSR JSON)"),
        Task("attribution", "livedesk.evaluate.attribution",
             ("n", "precision", "recall", "f1"),
             "quotes and paraphrase with their sources (PolNeAR BRAT folder)"),
        Task("seed", "livedesk.evaluate.seed",
             ("n", "passed", "total", "score"),
             "the checks of seed-reading.md on the founding example"),
    )
}  # fmt: skip


def get_task(name: str) -> Task:
    try:
        return TASKS[name]
    except KeyError:
        raise RegistryError("evaluation task", name, list(TASKS)) from None


def run_task(name: str, path: Path, context: EvalContext) -> dict[str, Any]:
    """Run one task and check it returned exactly its documented keys."""
    task = get_task(name)
    scores = task.load()(path, context)
    if tuple(scores) != task.keys:
        raise RegistryError(f"score keys of task '{name}'", ",".join(scores), list(task.keys))
    return scores
