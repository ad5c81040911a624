"""Whole readers in a process pool read exactly what one process reads, in input order."""

from __future__ import annotations

import multiprocessing

import pytest

from livedesk.demo_data import demo_documents
from livedesk.ingest.source import RawDocument
from livedesk.models import Reading
from livedesk.pipeline import Failure
from livedesk.reader import Reader

pytestmark = pytest.mark.skipif(
    "fork" not in multiprocessing.get_all_start_methods(), reason="the pool forks workers"
)


def test_two_processes_read_the_demo_exactly_as_one(reader, demo_readings):
    pooled = Reader(
        reader.settings.replace(n_process=2, batch_size=4),
        nlp=reader.nlp,
        gazetteer=reader.gazetteer,
    ).load()
    results = list(pooled.read_many(demo_documents()))
    assert [r.id for r in results] == list(demo_readings)
    for result in results:
        assert isinstance(result, Reading)
        assert result.to_json() == demo_readings[result.id].to_json()


def test_failures_keep_their_place_in_a_pooled_run(reader):
    pooled = Reader(
        reader.settings.replace(n_process=2, batch_size=2),
        nlp=reader.nlp,
        gazetteer=reader.gazetteer,
    ).load()
    documents = [
        RawDocument(id="a", text="Shelling killed at least 3 people in Kharkiv on Monday."),
        Failure(id="b", error="could not be fetched", stage="input"),
        RawDocument(id="c", text="   "),
        RawDocument(id="d", text="Officials said 40 families fled the town of Izium."),
    ]
    results = list(pooled.read_many(documents))
    assert [r.id for r in results] == ["a", "b", "c", "d"]
    assert isinstance(results[0], Reading) and isinstance(results[3], Reading)
    assert isinstance(results[1], Failure) and isinstance(results[2], Failure)
