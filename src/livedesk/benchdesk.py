"""``livedesk bench --desk N``: how the desk holds up with N stored reports.

Reading 100,000 reports would take hours, so this benchmark writes *generated* readings
straight into a fresh store: each is a new report whose body is eight sentences drawn at
random from the demo readings (so full-text search and near-duplicate checks see real
prose, and two generated bodies rarely share enough to count as copies), with one to three
events of random PLOVER types at places taken from the demo readings, on days spread over
three months, some with death tolls. Outlets and days are drawn so that incidents fuse
across reports as they would in a busy desk. Timed, in order:

1. ingest: ``Desk.add_readings`` in batches (store write + fusion), reports/s, and the time
   a report takes at 1k, 2k, 5k, 10k … stored reports — the median of the (up to five)
   batches ending there — and how the last of those batches compares with the same batch
   written right after into a store of about 1k reports (the cost curve: flat when
   nothing grows with the store; the ratio is immune to the machine's drift);
2. reopen: ``Desk.open`` of the full file (the fused view rebuilt from the store);
3. reads: the median and 95th percentile of each API read, repeated.
"""

from __future__ import annotations

import random
import statistics
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from livedesk.desk import Desk
from livedesk.models import (
    DateValue,
    Event,
    Evidence,
    Figure,
    Participant,
    Published,
    Reading,
    Sentence,
)

OUTLETS = tuple(f"Outlet {n}" for n in range(1, 41))
TYPES = ("ASSAULT",) * 6 + ("CONSULT", "SANCTION", "AID", "PROTEST", "MOBILIZE", "THREATEN")
BATCH = 500
# A point of the cost curve is the median of the batches ending there (one batch alone is
# at the mercy of a checkpoint or a busy neighbour).
WINDOW = 5
# The machine's own speed drifts during a long run (a VM's by tens of per cent), so each point
# is also compared with the same batch written, right after, to a store of CONTROL_SIZE
# reports (growing by a batch a point): the ratio cancels the drift.
CONTROL_SIZE = 1000
CLOCK = lambda: "2022-06-01T00:00:00Z"  # noqa: E731  (a fixed "now": reproducible stores)
SPAN_DAYS = 90
START = datetime(2022, 2, 24, tzinfo=UTC)


def synthetic_readings(
    templates: list[Reading], count: int, seed: int = 7
) -> Iterator[tuple[Reading, str]]:
    """``count`` generated readings (with their outlets) built from sentences of templates."""
    rng = random.Random(seed)
    sentences = [s.text for r in templates for s in r.sentences if len(s.text.split()) >= 6]
    places = {
        p.name: p for r in templates for p in r.places if p.lat is not None and p.lon is not None
    }
    pool = list(places.values())
    for number in range(count):
        chosen = rng.sample(sentences, 8)
        body_parts, spans = [], []
        offset = 0
        for index, text in enumerate(chosen):
            spans.append(Sentence(index, offset, offset + len(text), text))
            body_parts.append(text)
            offset += len(text) + 1
        body = " ".join(body_parts)
        day = START + timedelta(days=rng.randrange(SPAN_DAYS), minutes=rng.randrange(1440))
        iso = day.strftime("%Y-%m-%dT%H:%M:%SZ")
        place = replace(rng.choice(pool), id="p1", mentions=())
        events, figures = [], []
        for index in range(rng.randint(1, 3)):
            kind = rng.choice(TYPES)
            evidence = Evidence(index, spans[index].start, spans[index].end, spans[index].text)
            linked: tuple[int, ...] = ()
            if kind == "ASSAULT" and rng.random() < 0.5:
                killed = rng.randint(1, 40)
                figures.append(_figure(killed, evidence, day))
                linked = (len(figures) - 1,)
            events.append(_event(kind, evidence, day, linked))
        reading = Reading(
            id=f"gen-{number:07d}",
            title=chosen[0][:120],
            url=f"https://generated.invalid/{number}",
            language="en",
            published=Published(iso, "second", None, "given"),
            retrieved=None,
            body=body,
            sentences=tuple(spans),
            places=(place,),
            events=tuple(events),
            figures=tuple(figures),
        )
        yield reading, rng.choice(OUTLETS)


def _event(kind: str, evidence: Evidence, day: datetime, figures: tuple[int, ...]) -> Event:
    return Event(
        type=kind,
        mode=None,
        acled=None,
        trigger="",
        actors=(Participant("Russian forces", None, "RUS", "MIL"),),
        recipients=(),
        place="p1",
        date=DateValue(day.strftime("%Y-%m-%d"), "day", None),
        modality="reported",
        figures=figures,
        attribution=None,
        evidence=evidence,
    )


def _figure(killed: int, evidence: Evidence, day: datetime) -> Figure:
    return Figure(
        kind="killed",
        low=killed,
        high=None,
        approx=None,
        qualifier="at_least",
        who="people",
        place="p1",
        date=DateValue(day.strftime("%Y-%m-%d"), "day", None),
        attribution=None,
        modality="reported",
        evidence=evidence,
    )


def run_desk_bench(
    templates: list[Reading], count: int, folder: Path | None = None, repeat: int = 30
) -> dict[str, Any]:
    """Fill a fresh store with ``count`` generated readings and time ingest, reopen and reads."""
    with tempfile.TemporaryDirectory(dir=folder) as scratch:
        path = Path(scratch) / "bench.sqlite"
        generated = list(synthetic_readings(templates, count))
        outlets = {reading.id: outlet for reading, outlet in generated}
        curve: list[dict[str, float]] = []
        recent: list[float] = []  # ms a report of the last WINDOW batches
        control_s = 0.0  # time spent on the control store, not ingest time
        with Desk.open(Path(scratch) / "control.sqlite", clock=CLOCK) as control:
            control.add_readings([r for r, _ in generated[:CONTROL_SIZE]])
            started = time.perf_counter()
            with Desk.open(path, clock=CLOCK) as desk:
                for first in range(0, len(generated), BATCH):
                    batch = [reading for reading, _ in generated[first : first + BATCH]]
                    spent = _timed(desk, batch, outlets)
                    recent = [*recent[1 - WINDOW :], spent * 1000 / len(batch)]
                    stored = first + len(batch)
                    if _is_checkpoint(stored, BATCH):
                        small = spent  # the first batches are the control's own reports
                        if first >= CONTROL_SIZE:
                            small = _timed(control, batch, outlets)
                            control_s += small
                        curve.append(
                            {
                                "stored": stored,
                                "ms_per_report": round(statistics.median(recent), 3),
                                "batches": len(recent),
                                "vs_small_store": round(spent / small, 3),
                            }
                        )
        ingest_s = time.perf_counter() - started - control_s
        started = time.perf_counter()
        desk = Desk.open(path)
        reopen_s = time.perf_counter() - started
        with desk:
            reads = _time_reads(desk, repeat)
            counts = desk.counts()
        size_mb = path.stat().st_size / 1e6
    return {
        "reports": count,
        "incidents": counts["incidents"],
        "stories": counts["stories"],
        "ingest_reports_per_s": round(count / ingest_s, 1),
        "ingest_s": round(ingest_s, 2),
        "reopen_s": round(reopen_s, 2),
        "store_mb": round(size_mb, 1),
        "reads_ms": reads,
        "ingest_curve": curve,
    }


def _timed(desk: Desk, batch: list[Reading], outlets: dict[str, str]) -> float:
    started = time.perf_counter()
    desk.add_readings(batch, outlet_of=lambda r: outlets.get(r.id))
    return time.perf_counter() - started


def _is_checkpoint(stored: int, batch: int) -> bool:
    """Batches ending at 1k, 2k, 5k, 10k, 20k, 50k … stored reports (the cost curve)."""
    for scale in (1_000, 10_000, 100_000, 1_000_000):
        for step in (1, 2, 5):
            if stored == step * scale or (stored > step * scale and stored - batch < step * scale):
                return True
    return False


def _time_reads(desk: Desk, repeat: int) -> dict[str, dict[str, float]]:
    first_page = desk.incidents(limit=50)
    some_id = first_page.items[0]["id"] if first_page.items else "none"
    reads: dict[str, Callable[[], Any]] = {
        "incidents first page (50)": lambda: desk.incidents(limit=50),
        "incidents next page": lambda: desk.incidents(after=first_page.next, limit=50),
        "incidents filtered by place": lambda: desk.incidents(place="Kharkiv", limit=50),
        "incident by id": lambda: desk.incident(some_id),
        "reports page (100)": lambda: desk.reports(limit=100),
        "search": lambda: desk.search("missile Kharkiv", limit=20),
        "brief (24 h)": lambda: desk.brief(),
        "stories": lambda: desk.stories(),
        "series": lambda: desk.series(),
    }
    timings = {}
    for name, read in reads.items():
        samples = []
        for _ in range(repeat):
            started = time.perf_counter()
            read()
            samples.append((time.perf_counter() - started) * 1000)
        samples.sort()
        timings[name] = {
            "median": round(statistics.median(samples), 2),
            "p95": round(samples[max(0, int(len(samples) * 0.95) - 1)], 2),
        }
    return timings


def format_desk_bench(result: dict[str, Any]) -> str:
    lines = [
        f"desk with {result['reports']:,} generated reports "
        f"({result['incidents']:,} incidents, {result['stories']:,} stories, "
        f"{result['store_mb']} MB)",
        f"  ingest: {result['ingest_reports_per_s']} reports/s ({result['ingest_s']} s)",
        f"  reopen (rebuild fused view): {result['reopen_s']} s",
    ]
    for point in result.get("ingest_curve", []):
        lines.append(
            f"  ingest at {point['stored']:>9,} stored: {point['ms_per_report']} ms a report"
            f" (median of {point.get('batches', 1)} batches); the same batch costs"
            f" {point.get('vs_small_store', 1)}x what it costs in a ~1k store"
        )
    for name, timing in result["reads_ms"].items():
        lines.append(f"  {name:<30} median {timing['median']} ms, p95 {timing['p95']} ms")
    return "\n".join(lines) + "\n"
