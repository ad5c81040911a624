"""The quality gate: every evaluation suite on ../shared held to its pinned floor.

Skipped with a clear message when ../shared is absent, or when a suite's gold data has
another fingerprint than the one its floors were measured on.
"""

from __future__ import annotations

import pytest

from livedesk.evaluate.gate import (
    SUITES,
    GateError,
    fingerprint,
    judge,
    load_floors,
    run_suite,
    update,
)
from tests.conftest import SHARED

FLOORS = load_floors()


@pytest.fixture(scope="module")
def context(reader):
    from livedesk.evaluate import EvalContext

    return EvalContext(reader=reader)


@pytest.mark.slow
@pytest.mark.parametrize("suite", list(SUITES))
def test_suite_holds_its_floors(suite, context):
    _task, relative = SUITES[suite]
    path = SHARED / relative
    if not path.exists():
        pytest.skip(f"gold data for {suite} not found at {path} (../shared is absent)")
    pinned = FLOORS["suites"].get(suite)
    if pinned is None:
        pytest.skip(f"no floors pinned for {suite} in tests/eval/floors.json")
    if pinned["fingerprint"] != fingerprint(path):
        pytest.skip(f"{suite}: floors were pinned on other gold data ({pinned['fingerprint']})")
    _print, scores = run_suite(suite, SHARED, context)
    failures = [str(v) for v in judge(suite, scores, FLOORS) if not v.ok]
    assert not failures, "quality regression:\n" + "\n".join(failures)


def floors_with(**metrics):
    return {"epsilon": 0.01, "suites": {"s": {"fingerprint": "f", "floors": metrics}}}


def test_judge_tolerates_epsilon_but_not_more():
    floors = floors_with(f1=0.80, mean_km=100.0)
    verdicts = {v.metric: v.ok for v in judge("s", {"f1": 0.795, "mean_km": 100.5}, floors)}
    assert verdicts == {"f1": True, "mean_km": True}
    verdicts = {v.metric: v.ok for v in judge("s", {"f1": 0.78, "mean_km": 103.0}, floors)}
    assert verdicts == {"f1": False, "mean_km": False}


def test_update_raises_floors_and_refuses_to_lower_without_flag():
    floors = floors_with(f1=0.80, mean_km=100.0)
    raised = update(floors, "s", {"n": 5, "f1": 0.85, "mean_km": 90.0}, "f")
    assert raised["suites"]["s"]["floors"] == {"f1": 0.85, "mean_km": 90.0}
    with pytest.raises(GateError, match="would drop"):
        update(floors, "s", {"n": 5, "f1": 0.70, "mean_km": 90.0}, "f")
    lowered = update(floors, "s", {"n": 5, "f1": 0.70, "mean_km": 90.0}, "f", allow_lower=True)
    assert lowered["suites"]["s"]["floors"]["f1"] == 0.70


def test_new_corpus_fingerprint_starts_fresh_floors():
    floors = floors_with(f1=0.80)
    fresh = update(floors, "s", {"n": 5, "f1": 0.50}, "other")
    assert fresh["suites"]["s"] == {"fingerprint": "other", "floors": {"f1": 0.5}}


def test_fingerprint_changes_with_content(tmp_path):
    (tmp_path / "a.txt").write_text("one", encoding="utf-8")
    first = fingerprint(tmp_path)
    (tmp_path / "a.txt").write_text("two", encoding="utf-8")
    assert fingerprint(tmp_path) != first


def test_update_keeps_a_floor_when_the_drop_is_noise():
    floors = floors_with(f1=0.80)
    kept = update(floors, "s", {"n": 5, "f1": 0.795}, "f")
    assert kept["suites"]["s"]["floors"]["f1"] == 0.80
