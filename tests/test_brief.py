"""The desk's brief, on hand-made candidates: ranking, repetition, the data's own window."""

from __future__ import annotations

from livedesk.brief.whattoknow import Candidate, build_brief, window_of


def _candidate(text, report, *, incident=None, severity=0.5, outlets=1, at="2022-03-02T12:00:00Z"):
    return Candidate(text, report, "Outlet", incident, (report,), severity, outlets, at, at)


WINDOW = ("2022-03-01T12:00:00Z", "2022-03-02T12:00:00Z")


def test_the_same_count_in_other_words_is_one_point():
    candidates = [
        _candidate("The ministry said 498 soldiers had been killed since the start.", "a"),
        _candidate("Russia said 498 of its troops had been killed, its first figure.", "b"),
        _candidate("Talks between the delegations will resume on Thursday near the border.", "c"),
    ]
    brief = build_brief(candidates, window=WINDOW, hours=24, titles=lambda r: None)
    texts = [p["text"] for p in brief["points"]]
    assert len(texts) == 2
    assert sum("498" in t for t in texts) == 1


def test_different_counts_in_similar_words_stay_apart():
    candidates = [
        _candidate("Officials said 12 people had been killed in the shelling of the town.", "a"),
        _candidate("Officials said 40 people had been killed in the bombing of the city.", "b"),
    ]
    brief = build_brief(candidates, window=WINDOW, hours=24, titles=lambda r: None)
    assert len(brief["points"]) == 2


def test_points_rank_by_severity_and_corroboration_and_one_incident_gives_one_point():
    candidates = [
        _candidate("A minor statement was issued about the weather forecast today.", "a"),
        _candidate("A strike killed many people in the city centre overnight.", "b",
                   incident="i1", severity=0.9, outlets=3),
        _candidate("Rescuers searched the rubble of the building hit overnight.", "c",
                   incident="i1", severity=0.9, outlets=3),
    ]  # fmt: skip
    brief = build_brief(candidates, window=WINDOW, hours=24, titles={"b": "Headline"}.get)
    assert [p["report"] for p in brief["points"]] == ["b", "a"]
    assert brief["headline"] == {"text": "Headline", "report": "b"}


def test_candidates_outside_the_window_are_left_out():
    old = _candidate(
        "An old report of an earlier strike on the city.", "a", at="2022-02-20T00:00:00Z"
    )
    brief = build_brief([old], window=WINDOW, hours=24, titles=lambda r: None)
    assert brief["points"] == [] and brief["headline"] is None


def test_the_window_ends_at_the_latest_report_unless_told():
    assert window_of(None, 24, "2022-03-02T21:45:00Z") == (
        "2022-03-01T21:45:00Z",
        "2022-03-02T21:45:00Z",
    )
    assert window_of("2022-03-01", 12, "2022-03-02T21:45:00Z") == (
        "2022-02-28T12:00:00Z",
        "2022-03-01T00:00:00Z",
    )
    assert window_of(None, 24, None) is None
