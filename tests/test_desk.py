"""The live desk on the bundled demo corpus: fusion, figures, series, stories, brief.

Expectations come from tests/data/demo_facts.json, written by the corpus author from what
each report means, not from livedesk's output.
"""

from __future__ import annotations

import pytest

from livedesk.demo_data import demo_outlets
from livedesk.desk import Change, Desk
from livedesk.errors import InputError

CLOCK = "2022-03-03T00:00:00Z"


@pytest.fixture(scope="module")
def desk(tmp_path_factory, demo_readings):
    path = tmp_path_factory.mktemp("desk") / "demo.sqlite"
    outlets = demo_outlets()
    with Desk.open(path, clock=lambda: CLOCK) as opened:
        opened.add_readings(demo_readings.values(), outlet_of=lambda r: outlets.get(r.id))
        yield opened


def _all_incidents(desk: Desk) -> list[dict]:
    items, after = [], None
    while True:
        page = desk.incidents(after=after, limit=7)
        items.extend(page.items)
        if page.next is None:
            return items
        after = page.next


def _incident_of(desk: Desk, reports: list[str]) -> dict:
    """The incident that holds the first expected report's lead occurrence."""
    holding = [
        incident
        for incident in _all_incidents(desk)
        if set(reports) <= {source["report"] for source in incident["sources"]}
    ]
    assert holding, f"no incident holds all of {reports}"
    return max(holding, key=lambda incident: incident["corroboration"])


@pytest.mark.parametrize(
    "name", ["kharkiv-shelling-0228", "freedom-square-0301", "kyiv-tv-tower-0301"]
)
def test_three_outlets_reports_of_one_strike_become_one_incident(desk, demo_facts, name):
    reports = demo_facts["incidents"][name]
    incident = _incident_of(desk, reports)
    assert incident["corroboration"] == 3
    assert incident["type"] == "ASSAULT"
    assert incident["place"]["name"] in ("Kharkiv", "Kyiv")
    assert incident["evidence"]["report"] in {s["report"] for s in incident["sources"]}


@pytest.mark.parametrize(
    ("name", "disagree"),
    [("kharkiv-shelling-0228", True), ("freedom-square-0301", True), ("kyiv-tv-tower-0301", False)],
)
def test_death_tolls_are_reconciled_per_source_never_averaged(desk, demo_facts, name, disagree):
    incident = _incident_of(desk, demo_facts["incidents"][name])
    killed = next(f for f in incident["figures"] if f["kind"] == "killed")
    by_report = {s["report"]: s for s in killed["sources"]}
    assert set(demo_facts["incidents"][name]) <= set(by_report)
    values = [s["value"] for s in killed["sources"]]
    assert killed["disagree"] is disagree
    assert (killed["min"], killed["max"]) == (min(values), max(values))
    assert killed["conservative"]["value"] == min(values)
    assert killed["latest"]["published"] == max(s["published"] for s in killed["sources"])
    for report, phrase in demo_facts["incident_tolls"][name].items():
        assert by_report[report]["evidence"].find(phrase) >= 0, (report, phrase)


def test_kharkiv_tolls_are_the_ones_each_outlet_gave(desk, demo_facts):
    incident = _incident_of(desk, demo_facts["incidents"]["kharkiv-shelling-0228"])
    killed = next(f for f in incident["figures"] if f["kind"] == "killed")
    values = {s["report"]: s["value"] for s in killed["sources"]}
    assert values["kep-0228-kharkiv-shelling"] == 9
    assert values["nw-0228-kharkiv-shelling"] == 11


def test_a_syndicated_copy_counts_once(desk, demo_facts):
    original, copy = demo_facts["syndicated"]["original"], demo_facts["syndicated"]["copy"]
    assert desk.report(copy)["duplicate_of"] == original
    holding = [
        incident
        for incident in _all_incidents(desk)
        if original in {source["report"] for source in incident["sources"]}
    ]
    assert holding
    for incident in holding:
        reports = [source["report"] for source in incident["sources"]]
        assert copy not in reports
        source = next(s for s in incident["sources"] if s["report"] == original)
        assert source["copies"] == [copy]
        outlets = {s["outlet"] for s in incident["sources"]}
        assert incident["corroboration"] == len(outlets)


def test_the_refugee_count_is_one_series_over_time(desk, demo_facts):
    expected = [(p["id"], p["low"] or p["approx"]) for p in demo_facts["refugee_series"]]
    series = next(s for s in desk.series() if s["kind"] == "displaced" and s["place"] == "Ukraine")
    points = [(p["report"], p["value"]) for p in series["points"]]
    assert [p for p in points if p in expected] == expected
    published = [p["published"] for p in series["points"]]
    assert published == sorted(published)


def test_stories_group_a_city_s_incidents_under_one_title(desk, demo_facts):
    stories = {story["id"]: story for story in desk.stories()}
    first = _incident_of(desk, demo_facts["incidents"]["kharkiv-shelling-0228"])
    second = _incident_of(desk, demo_facts["incidents"]["freedom-square-0301"])
    assert first["story"] == second["story"]
    story = stories[first["story"]]
    assert story["title"] == "Fighting in Kharkiv"
    assert {first["id"], second["id"]} <= set(story["incidents"])
    assert story["incident_count"] == len(desk.incidents(story=story["id"], limit=1000).items)
    assert story["report_count"] >= 3
    talks = _incident_of(desk, [demo_facts["syndicated"]["original"]])
    assert stories[talks["story"]]["theme"] == "talks"
    assert all(story["title"] for story in stories.values())


def test_the_brief_cites_sentences_of_its_sources(desk, demo_readings):
    brief = desk.brief()
    assert brief["window"]["end"] == "2022-03-02T21:45:00Z"
    assert brief["window"]["start"] == "2022-03-01T21:45:00Z"
    points = brief["points"]
    assert 3 <= len(points) <= 8
    incidents = [p["incident"] for p in points if p["incident"]]
    assert len(incidents) == len(set(incidents))
    assert len({p["text"] for p in points}) == len(points)
    for point in points:
        reading = demo_readings[point["report"]]
        assert point["text"] in reading.body or point["text"] == reading.title
        assert point["report"] in point["reports"]
    scores = [p["score"] for p in points]
    assert scores == sorted(scores, reverse=True)
    assert brief["headline"]["text"] == demo_readings[brief["headline"]["report"]].title
    assert brief["lead"]["reports"]


def test_the_brief_window_follows_the_data_not_the_wall_clock(desk):
    early = desk.brief(end="2022-02-26T00:00:00Z", hours=24)
    assert early["window"] == {
        "start": "2022-02-25T00:00:00Z",
        "end": "2022-02-26T00:00:00Z",
        "hours": 24,
    }
    cited = {report for point in early["points"] for report in point["reports"]}
    assert cited and all(report.split("-")[1] in ("0225", "0226") for report in cited)


def test_incident_pages_walk_the_whole_list_newest_first(desk):
    walked = _all_incidents(desk)
    whole = desk.incidents(limit=1000).items
    assert [i["id"] for i in walked] == [i["id"] for i in whole]
    assert len(whole) == desk.counts()["incidents"]
    dates = [i["date"] for i in whole]
    assert dates == sorted(dates, reverse=True)


def test_incident_filters(desk):
    kharkiv = desk.incidents(place="kharkiv", limit=1000).items
    assert kharkiv and all("Kharkiv" in i["place"]["name"] for i in kharkiv)
    talks = desk.incidents(type="consult", limit=1000).items
    assert talks and all(i["type"] == "CONSULT" for i in talks)
    story = kharkiv[0]["story"]
    assert all(i["story"] == story for i in desk.incidents(story=story, limit=1000).items)
    russian = desk.incidents(actor="RUS", limit=1000).items
    assert all(any(p["country"] == "RUS" for p in i["actors"] + i["recipients"]) for i in russian)
    searched = desk.incidents(q="television tower", limit=1000).items
    assert any(s["report"] == "nw-0301-tv-tower" for i in searched for s in i["sources"])


def test_a_bad_cursor_is_refused_with_a_clear_error(desk):
    with pytest.raises(InputError, match="cursor"):
        desk.incidents(after="not-a-cursor")


def test_reopening_rebuilds_the_same_incidents(desk):
    before = [i["id"] for i in desk.incidents(limit=1000).items]
    with Desk.open(desk.store.path) as again:
        assert [i["id"] for i in again.incidents(limit=1000).items] == before
        assert again.counts() == desk.counts()


def test_adding_the_same_reports_again_changes_nothing(tmp_path, demo_readings):
    some = [demo_readings[r] for r in ("nw-0301-tv-tower", "rs-0301-tv-tower")]
    changes: list[Change] = []
    with Desk.open(tmp_path / "d.sqlite", clock=lambda: CLOCK) as desk:
        desk.subscribe(changes.append)
        desk.add_readings(some)
        counts = desk.counts()
        assert desk.add_readings(some).added == ()
        assert desk.counts() == counts
    assert len(changes) == 1
    assert set(changes[0].added) == {"nw-0301-tv-tower", "rs-0301-tv-tower"}
    assert changes[0].incidents
    assert {r["id"] for r in changes[0].reports} == set(changes[0].added)


def test_unsubscribe_stops_notifications(tmp_path, demo_readings):
    changes: list[Change] = []
    with Desk.open(tmp_path / "d.sqlite", clock=lambda: CLOCK) as desk:
        unsubscribe = desk.subscribe(changes.append)
        unsubscribe()
        desk.add_readings([demo_readings["nw-0301-tv-tower"]])
    assert changes == []


def test_an_empty_desk_answers_every_read(tmp_path):
    with Desk.open(tmp_path / "empty.sqlite") as desk:
        assert desk.incidents().items == ()
        assert desk.brief() == {"window": None, "headline": None, "lead": None, "points": []}
        assert desk.series() == [] and desk.stories() == [] and desk.figures() == []
        assert desk.counts() == {"reports": 0, "incidents": 0, "stories": 0}


def test_refresh_folds_in_what_another_process_stored(tmp_path, demo_readings):
    path = tmp_path / "shared.sqlite"
    changes: list[Change] = []
    with Desk.open(path, clock=lambda: CLOCK) as server, Desk.open(path) as watcher:
        server.subscribe(changes.append)
        assert server.refresh() is None
        watcher.add_readings([demo_readings["nw-0301-tv-tower"]])
        assert server.counts()["reports"] == 0
        change = server.refresh()
        assert change is not None and change.added == ("nw-0301-tv-tower",)
        assert server.counts() == watcher.counts()
        assert server.refresh() is None
    assert [c.added for c in changes] == [("nw-0301-tv-tower",)]


def test_an_accident_is_not_an_incident(desk):
    from livedesk.fuse.facts import report_facts

    reports = [desk.report(summary["id"]) for summary in desk.reports(limit=100).items]
    found = next(
        report
        for report in reports
        if report and len(report_facts(1, report, report["reading"]).occurrences) > 0
    )
    reading = found["reading"]
    as_accidents = {
        **reading,
        "events": [{**event, "mode": "accident"} for event in reading["events"]],
    }
    assert report_facts(1, found, reading).occurrences
    assert report_facts(1, found, as_accidents).occurrences == []


def test_quotes_are_listed_newest_report_first_with_their_sources(desk):
    first = desk.quotes(limit=10)
    assert len(first.items) >= 10 and first.next
    published = [q["published"] or "" for q in first.items]
    assert published == sorted(published, reverse=True)
    for quote in first.items:
        assert quote["text"] and quote["report"] and "anonymous" in quote
        assert desk.report(quote["report"])["duplicate_of"] is None  # copies' quotes left out


def test_walking_the_quote_pages_lists_every_quote_once(desk):
    walked, cursor = [], None
    while True:
        page = desk.quotes(after=cursor, limit=7)
        walked.extend(page.items)
        cursor = page.next
        if cursor is None:
            break
    whole = desk.quotes(limit=100_000).items
    key = [(q["report"], q["text"]) for q in walked]
    assert key == [(q["report"], q["text"]) for q in whole]
    expected = sum(
        len(desk.report(r["id"])["reading"]["quotes"])
        for r in desk.reports(limit=1000).items
        if not r.get("duplicate_of")
    )
    assert len(whole) == expected


def test_quote_filters(desk):
    anonymous = desk.quotes(anonymous=True, limit=1000).items
    assert anonymous and all(q["anonymous"] for q in anonymous)
    named = desk.quotes(anonymous=False, limit=1000).items
    assert named and not any(q["anonymous"] for q in named)
    direct = desk.quotes(direct=True, limit=1000).items
    assert direct and all(q["direct"] for q in direct)
    speaker = next(q["speaker"] for q in named if q["speaker"])
    part = speaker.split()[-1].upper()
    by_speaker = desk.quotes(speaker=part, limit=1000).items
    assert by_speaker and all(part.casefold() in q["speaker"].casefold() for q in by_speaker)
    with pytest.raises(InputError, match="cursor"):
        desk.quotes(after="not-a-cursor")
