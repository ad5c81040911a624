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


def test_generated_reports_follow_the_news_forward_in_time(demo_readings):
    readings = [r for r, _ in synthetic_readings(list(demo_readings.values()), 300)]
    days = [r.published.value[:10] for r in readings]
    assert max(days[:30]) < min(days[-30:])  # the first tenth is over before the last begins
    assert len(set(days)) > 60  # still spread over the three months


def test_the_cost_curve_has_a_point_per_store_size_with_the_ratio_of_pairs():
    from livedesk.benchdesk import _checkpoints, _point

    assert _checkpoints(100_000) == [1_000, 2_000, 5_000, 10_000, 20_000, 50_000, 100_000]
    assert _checkpoints(300) == [300]
    point = _point(5_000, [(3.0, 2.0), (2.0, 2.0), (9.0, 3.0)])
    assert point == {"stored": 5_000, "ms_per_report": 3.0, "batches": 3, "vs_small_store": 1.5}
