"""The seed task: the checks of seed-reading.md as named functions, on the founding example
(skipped when ../shared is absent) and on hand-made readings that must fail them."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from livedesk.evaluate import TASKS, EvalContext, run_task
from livedesk.evaluate.seed import CHECKS, Readings, outcomes
from livedesk.models import Place, Published, Reading, Sentence

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
SEED = SHARED / "samples" / "seed-live-updates.txt"
# Checks that say what must be absent: an empty reading passes them.
ABSENCE_CHECKS = {
    "noise_kept_out_of_body",
    "sentence_offsets_point_into_body",
    "metonym_capitals_are_not_map_places",
}

BLANK = Reading(
    id="blank",
    title=None,
    url=None,
    language="und",
    published=Published(None, "unknown", None, None),
    retrieved=None,
    body="",
    sentences=(),
)


def test_check_names_are_unique() -> None:
    names = [check.name for check in CHECKS]
    assert len(names) == len(set(names))


def test_an_empty_reading_fails_every_check_but_the_absence_ones() -> None:
    results = outcomes(Readings(BLANK, BLANK, BLANK))
    assert {name for name, ok in results.items() if ok} == ABSENCE_CHECKS


def test_absence_checks_fail_on_noise_bad_offsets_and_metonym_places() -> None:
    minsk = Place("p1", "Minsk", 53.9, 27.57, 625144, "BLR", "city", "city", ())
    dirty = replace(
        BLANK,
        body="3 yıl önce ..",
        sentences=(Sentence(0, 0, 4, "else"),),
        places=(minsk,),
    )
    results = outcomes(Readings(dirty, dirty, dirty))
    assert not any(results[name] for name in ABSENCE_CHECKS)


@pytest.mark.slow
@pytest.mark.seed
@pytest.mark.skipif(
    not SEED.exists(), reason=f"founding example not found at {SEED} (../shared is absent)"
)
def test_seed_task_on_the_founding_example(reader: object) -> None:
    scores = run_task("seed", SEED, EvalContext(reader=reader))
    assert list(scores) == list(TASKS["seed"].keys)
    assert scores["total"] == scores["n"] == len(CHECKS)
    assert scores["score"] >= 0.95, scores
