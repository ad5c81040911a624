"""Shared fixtures: one reader per test session (the model loads once), the founding example
from ../shared (skipped with a reason when absent), and the demo reports read once."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("LIVEDESK_SHARED", ROOT.parent / "shared"))
SEED = SHARED / "samples" / "seed-live-updates.txt"
DEMO_FACTS = ROOT / "tests" / "data" / "demo_facts.json"


def normalise_quotes(text: str) -> str:
    """Straight quotes and apostrophes, for comparing with typographic text."""
    return text.replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"')


@pytest.fixture(scope="session")
def reader():
    from livedesk.reader import Reader

    return Reader().load()


@pytest.fixture(scope="session")
def seed_text() -> str:
    if not SEED.exists():
        pytest.skip(f"founding example not found at {SEED} (../shared is absent)")
    return SEED.read_text("utf-8")


def _read(reader, text: str, **meta):
    from livedesk.ingest.source import RawDocument

    return reader.read(RawDocument(id="seed", text=text, **meta))


@pytest.fixture(scope="session")
def seed(reader, seed_text):
    """The founding example read with its publication date supplied."""
    return _read(reader, seed_text, published="2022-02-28")


@pytest.fixture(scope="session")
def seed_unanchored(reader, seed_text):
    return _read(reader, seed_text)


@pytest.fixture(scope="session")
def seed_retrieved(reader, seed_text):
    return _read(reader, seed_text, retrieved="2025-03-01T12:00:00Z")


@pytest.fixture(scope="session")
def demo_facts() -> dict:
    return json.loads(DEMO_FACTS.read_text("utf-8"))


@pytest.fixture(scope="session")
def demo_readings(reader) -> dict:
    """Every demo report read once: id → reading."""
    from livedesk.demo_data import demo_documents

    return {reading.id: reading for reading in reader.read_many(demo_documents())}
