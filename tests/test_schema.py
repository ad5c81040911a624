"""Readings validate against the published JSON Schema, and offsets point where they say."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

ROOT = Path(__file__).resolve().parents[1]
SCHEMA = json.loads((ROOT / "src/livedesk/schema/reading.schema.json").read_text("utf-8"))

pytestmark = pytest.mark.slow


def _evidence_items(reading):
    for event in reading["events"]:
        yield event["evidence"]
    for figure in reading["figures"]:
        yield figure["evidence"]
    for quote in reading["quotes"]:
        yield quote["evidence"]
    for point in reading["key_points"]:
        yield point["evidence"]
    for item in reading["entities"] + reading["places"]:
        yield from item["mentions"]


def check_reading(reading: dict) -> None:
    jsonschema.validate(reading, SCHEMA)
    body, title = reading["body"], reading["title"] or ""
    for sentence in reading["sentences"]:
        assert body[sentence["start"] : sentence["end"]] == sentence["text"]
    for item in _evidence_items(reading):
        source = title if item["sentence"] == -1 else body
        assert source[item["start"] : item["end"]] == item["text"], item
    place_ids = {place["id"] for place in reading["places"]}
    entity_ids = {entity["id"] for entity in reading["entities"]}
    for event in reading["events"]:
        assert event["place"] is None or event["place"] in place_ids
        assert all(i < len(reading["figures"]) for i in event["figures"])
        for participant in event["actors"] + event["recipients"]:
            assert participant["entity"] is None or participant["entity"] in entity_ids


def test_demo_readings_match_schema(demo_readings):
    assert len(demo_readings) >= 30
    for reading in demo_readings.values():
        check_reading(reading.to_json())


def test_seed_reading_matches_schema(seed):
    check_reading(seed.to_json())


def test_reading_json_round_trips(demo_readings):
    reading = next(iter(demo_readings.values())).to_json()
    assert json.loads(json.dumps(reading, ensure_ascii=False)) == reading
