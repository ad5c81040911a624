"""``livedesk bench --desk N``: how the desk holds up with N stored reports.

Reading 100,000 reports would take hours, so this benchmark writes *generated* readings
straight into a fresh store: each is a new report whose body is eight sentences drawn at
random from the demo readings (so full-text search and near-duplicate checks see real
prose, and two generated bodies rarely share enough to count as copies), with one to three
events of random PLOVER types at places taken from the demo readings, some with death tolls,
on days that advance with the report's number over three months (each report about one of
the three days before its point in the run, as on a live desk where the news moves on).
Outlets and days are drawn so that incidents fuse across reports as in a busy desk. Timed, in order:

1. ingest: ``Desk.add_readings`` in batches (store write + fusion), reports/s, and the cost
   curve: at 1k, 2k, 5k, 10k … stored reports, the time a report takes in the WINDOW
   batches ending there (median), each batch written, right after, into a small control
   store too (a fresh copy of a 1k store for every point, warmed by one batch), and the
   median of those pairs' ratios — immune to the machine's drift, 1.0 when nothing grows
   with the store;
2. reopen: ``Desk.open`` of the full file (the fused view rebuilt from the store);
3. reads: the median and 95th percentile of each API read, repeated.
"""

from __future__ import annotations

import random
import shutil
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
# The machine's own speed drifts during a long run (a VM's by tens of per cent), so each of
# those batches is also written, right after, to a control store of CONTROL_SIZE reports
# (a fresh copy for every point): the ratio of each pair cancels the drift.
CONTROL_SIZE = 1000
CLOCK = lambda: "2022-06-01T00:00:00Z"  # noqa: E731  (a fixed "now": reproducible stores)
SPAN_DAYS = 90
LAG_DAYS = 3
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
        # The news moves on: report n is about a day near n/count of the way through the
        # span (up to LAG_DAYS back), as on a live desk, so incidents stay as large at
        # 100k stored reports as at 1k and the cost curve measures the store, not them.
        progress = SPAN_DAYS * number / count
        day = START + timedelta(
            days=max(0.0, progress - rng.uniform(0, LAG_DAYS)), minutes=rng.randrange(1440)
        )
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
        generated = list(synthetic_readings(templates, count + BATCH))
        outlets = {reading.id: outlet for reading, outlet in generated}
        warm_up = [reading for reading, _ in generated[count:]]  # never stored in the desk
        generated = generated[:count]
        control = _Control(Path(scratch), [r for r, _ in generated[:CONTROL_SIZE]], outlets)
        points = _checkpoints(count)
        curve: list[dict[str, float]] = []
        pairs: list[tuple[float, float]] = []  # (ms a report here, in the control store)
        control_s = 0.0  # time spent on the control store, not ingest time
        started = time.perf_counter()
        with Desk.open(path, clock=CLOCK) as desk:
            for first in range(0, len(generated), BATCH):
                batch = [reading for reading, _ in generated[first : first + BATCH]]
                spent = _timed(desk, batch, outlets)
                stored = first + len(batch)
                point = next((p for p in points if stored <= p), None)
                if point is None or point - stored >= WINDOW * BATCH:
                    continue
                begun = time.perf_counter()
                small = control.timed(batch, warm_up) if first >= CONTROL_SIZE else spent
                control_s += time.perf_counter() - begun
                pairs.append((spent * 1000 / len(batch), small * 1000 / len(batch)))
                if stored >= point:
                    curve.append(_point(stored, pairs))
                    pairs = []
                    control.reset()
        control.reset()
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


def _checkpoints(count: int) -> list[int]:
    """Store sizes of the cost curve: 1k, 2k, 5k, 10k, 20k, 50k … up to ``count``."""
    sizes = [step * scale for scale in (1_000, 10_000, 100_000, 1_000_000) for step in (1, 2, 5)]
    return [size for size in sizes if size <= count] or [count]


def _point(stored: int, pairs: list[tuple[float, float]]) -> dict[str, float]:
    return {
        "stored": stored,
        "ms_per_report": round(statistics.median(here for here, _ in pairs), 3),
        "batches": len(pairs),
        "vs_small_store": round(statistics.median(here / small for here, small in pairs), 3),
    }


class _Control:
    """A small store written alongside the measured one; a fresh copy for every point."""

    def __init__(self, scratch: Path, seed: list[Reading], outlets: dict[str, str]) -> None:
        self.template = scratch / "control-template.sqlite"
        self.path = scratch / "control.sqlite"
        self.outlets = outlets
        with Desk.open(self.template, clock=CLOCK) as desk:
            desk.add_readings(seed, outlet_of=lambda r: outlets.get(r.id))
        self.desk: Desk | None = None

    def timed(self, batch: list[Reading], warm_up: list[Reading]) -> float:
        if self.desk is None:
            shutil.copyfile(self.template, self.path)
            self.desk = Desk.open(self.path, clock=CLOCK)
            # a first write pays for a cold cache
            self.desk.add_readings(warm_up, outlet_of=lambda r: self.outlets.get(r.id))
        return _timed(self.desk, batch, self.outlets)

    def reset(self) -> None:
        if self.desk is not None:
            self.desk.close()
            self.desk = None
        for suffix in ("", "-wal", "-shm"):
            Path(f"{self.path}{suffix}").unlink(missing_ok=True)


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
