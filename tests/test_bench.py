"""``livedesk bench``: every side times the same texts; the ratio is the rounds' median."""

from __future__ import annotations

from livedesk.bench import format_bench, run_bench
from livedesk.settings import load_settings


def test_a_small_bench_times_every_side_over_the_same_texts(tmp_path):
    (tmp_path / "one.txt").write_text(
        "Shelling hit a market in Kharkiv on Monday, killing four people, officials said.",
        "utf-8",
    )
    result = run_bench(load_settings(environ={}), tmp_path, repeat=1)
    assert result["documents"] >= 200 and result["failures"] == 0
    for side in ("bare", "model", "reader"):
        assert result[f"{side}_articles_per_s"] > 0
    # one round: the ratio is that round's, reader rate over bare rate
    expected = result["reader_articles_per_s"] / result["bare_articles_per_s"]
    assert abs(result["ratio"] - expected) < 0.01
    per_day = result["reader_words_per_s"] * 86_400 / 600
    assert abs(result["articles_per_day_600_words"] - per_day) / per_day < 0.01
    text = format_bench(result)
    assert "model as loaded" in text and "articles of 600 words a day" in text
