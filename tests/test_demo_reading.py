"""The reader on the team's own demo reports, against the facts their authors wrote down in
tests/data/demo_facts.json: the same kinds of facts as the founding example, so the suite never
depends on ../shared alone.

Recall floors are pinned a little under what the reader measured when they were set (see
docs/quality.md); a drop below them is a regression. These facts were also looked at while
the reader was built, so they guard against regressions; they do not measure how the reader
generalises — the gold data of ../shared/eval does that (livedesk eval).
"""

from __future__ import annotations

import pytest

from tests.conftest import normalise_quotes

pytestmark = pytest.mark.slow

FIGURE_RECALL_FLOOR = 0.85
QUOTE_RECALL_FLOOR = 0.90
WEEKDAY_RECALL_FLOOR = 0.95
PLACE_RECALL_FLOOR = 0.95
EVENT_RECALL_FLOOR = 0.85


def _contains(haystack: str, needle: str) -> bool:
    return normalise_quotes(needle) in normalise_quotes(haystack)


def figure_found(reading, fact) -> bool:
    for figure in reading.figures:
        if figure.kind != fact["kind"] or not _contains(figure.evidence.text, fact["phrase"]):
            continue
        values = (figure.low, figure.high, figure.approx, figure.qualifier)
        if values == (fact["low"], fact["high"], fact["approx"], fact["qualifier"]):
            return True
    return False


def quote_found(reading, fact) -> bool:
    for quote in reading.quotes:
        if not _contains(quote.text, fact["fragment"]) and not _contains(
            fact["fragment"], quote.text
        ):
            continue
        speaker = (quote.speaker or "").lower()
        entity = next((e for e in reading.entities if e.id == quote.entity), None)
        names = {speaker} | (
            {entity.name.lower(), *map(str.lower, entity.aliases)} if entity else set()
        )
        wanted = fact["speaker"].lower()
        surname = wanted.split()[-1]
        if any(surname in name or (name and name in wanted) for name in names):
            return quote.anonymous == fact["anonymous"]
        if fact["anonymous"] and quote.anonymous:
            return True
    return False


def weekday_found(reading, fact) -> bool:
    """The date expression is read and resolved to the right day (an hour-precision value
    such as "8 a.m. on Monday" counts by its day)."""
    for date in reading.dates:
        same = _contains(fact["phrase"], date.text) or _contains(date.text, fact["phrase"])
        if same and (date.value or "")[:10] == fact["resolves_to"]:
            return True
    return False


def place_found(reading, fact) -> bool:
    wanted = fact["name"].lower()
    return any(
        place.name.lower() == wanted or any(m.text.lower() == wanted for m in place.mentions)
        for place in reading.places
    )


def event_found(reading, fact) -> bool:
    return any(
        event.type == fact["type"] and _contains(event.evidence.text, fact["fragment"])
        for event in reading.events
    )


def recall(demo_readings, facts, found) -> tuple[float, list]:
    misses = [fact for fact in facts if not found(demo_readings[fact["id"]], fact)]
    return 1 - len(misses) / len(facts), misses


@pytest.mark.parametrize(
    ("key", "found", "floor"),
    [
        ("figures", figure_found, FIGURE_RECALL_FLOOR),
        ("quotes", quote_found, QUOTE_RECALL_FLOOR),
        ("weekday_dates", weekday_found, WEEKDAY_RECALL_FLOOR),
        ("places", place_found, PLACE_RECALL_FLOOR),
        ("events", event_found, EVENT_RECALL_FLOOR),
    ],
)
def test_demo_recall(demo_readings, demo_facts, key, found, floor):
    score, misses = recall(demo_readings, demo_facts[key], found)
    print(f"{key}: recall {score:.3f} over {len(demo_facts[key])}")
    assert score >= floor, f"{key} recall {score:.3f} < {floor}; first misses: {misses[:5]}"


def test_every_demo_report_reads(demo_readings, demo_facts):
    assert len(demo_readings) == 34
    for reading in demo_readings.values():
        assert reading.body and reading.sentences, reading.id
        assert reading.published.value, reading.id


def test_html_report_reads_title_and_body(demo_readings, demo_facts):
    reading = demo_readings[demo_facts["html"]]
    assert reading.title and "Freedom Square" in reading.title + reading.body
    assert "cookie" not in reading.body.lower()
    assert len(reading.body.split()) > 250


def test_scraped_report_is_cleaned(demo_readings, demo_facts):
    reading = demo_readings[demo_facts["scraped"]]
    assert "gün önce" not in reading.body
    assert "what to know" not in normalise_quotes(reading.body).lower()
    for sentence in reading.sentences:
        assert not any(
            sentence.text[i] == "."
            and sentence.text[i + 1].isupper()
            and sentence.text[i - 1].islower()
            for i in range(1, len(sentence.text) - 1)
        ), sentence.text


@pytest.mark.parametrize("language", ["tr", "fr"])
def test_foreign_reports_yield_dates_places_and_digit_figures(demo_readings, demo_facts, language):
    reading = demo_readings[demo_facts["foreign"][language]]
    assert reading.language == language
    assert reading.events == ()
    assert any("events" in note for note in reading.notes)
    names = {place.name for place in reading.places}
    assert "Kharkiv" in names
    figures = {(f.kind, f.low, f.high, f.approx) for f in reading.figures}
    expected = [f for f in demo_facts["foreign_figures"] if f["id"] == reading.id]
    hits = sum((f["kind"], f["low"], f["high"], f["approx"]) in figures for f in expected)
    assert hits >= len(expected) * 0.6, (figures, expected)
    assert any(f.date and f.date.value for f in reading.figures)


def test_refugee_series_rises(demo_readings, demo_facts):
    values = []
    for fact in demo_facts["refugee_series"]:
        reading = demo_readings[fact["id"]]
        found = [
            f
            for f in reading.figures
            if f.kind == "displaced" and _contains(f.evidence.text, fact["phrase"])
        ]
        if found:
            values.append(found[0].low or found[0].approx)
    assert len(values) >= len(demo_facts["refugee_series"]) - 1
    assert values == sorted(values)


def test_incident_outlets_all_find_the_attack(demo_readings, demo_facts):
    for incident, ids in demo_facts["incidents"].items():
        for report in ids:
            assert any(e.type == "ASSAULT" for e in demo_readings[report].events), (
                incident,
                report,
            )
            assert any(f.kind == "killed" for f in demo_readings[report].figures), (
                incident,
                report,
            )
