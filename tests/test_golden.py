"""The demo readings match their reviewed golden summaries (tests/golden.py explains how to
regenerate them after an intended change)."""

from __future__ import annotations

import json

import pytest

from tests.golden import GOLDEN, summarise

pytestmark = pytest.mark.slow


def test_demo_readings_match_golden(demo_readings):
    expected = json.loads(GOLDEN.read_text("utf-8"))
    actual = {id_: summarise(reading) for id_, reading in demo_readings.items()}
    assert sorted(actual) == sorted(expected)
    changed = [id_ for id_ in expected if json.loads(json.dumps(actual[id_])) != expected[id_]]
    assert not changed, (
        f"{len(changed)} demo readings changed ({', '.join(changed[:5])}…); if intended, "
        "regenerate with `.venv/bin/python -m tests.golden` and review the diff"
    )
