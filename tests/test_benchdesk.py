"""The desk benchmark's generator: distinct, valid readings that fuse like a busy desk."""

from __future__ import annotations

from livedesk.benchdesk import format_desk_bench, run_desk_bench, synthetic_readings


def test_generated_readings_are_distinct_reports(demo_readings):
    generated = list(synthetic_readings(list(demo_readings.values()), 60))
    readings = [reading for reading, _ in generated]
    assert len({r.id for r in readings}) == len({r.body for r in readings}) == 60
    for reading in readings:
        for event in reading.events:
            assert reading.body[event.evidence.start : event.evidence.end] == event.evidence.text
            assert all(0 <= i < len(reading.figures) for i in event.figures)


def test_a_small_desk_bench_stores_every_generated_report(demo_readings, tmp_path):
    result = run_desk_bench(list(demo_readings.values()), 120, folder=tmp_path, repeat=2)
    assert result["reports"] == 120
    assert 0 < result["incidents"] < 120 * 3
    assert set(result["reads_ms"]) >= {"incidents first page (50)", "brief (24 h)", "search"}
    assert "120 generated reports" in format_desk_bench(result)
