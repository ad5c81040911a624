"""Crash safety: an ingest killed mid-batch (SIGKILL, no clean-up of any kind) and run again
leaves every report stored exactly once, copies linked as in an uninterrupted run, and an
intact file.

The ingest is a small script in a subprocess writing hand-made readings through
``Desk.add_readings`` in batches, the way ``livedesk ingest`` does (the reader itself would
only make the test slow). To kill it *inside* a batch's transaction, not between two, the
script's ``outlet_of`` hook (called for each report while the transaction is open) announces
a chosen report and then waits to be killed.
"""

from __future__ import annotations

import contextlib
import os
import queue
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from livedesk.desk import Desk
from livedesk.store.sqlite import Store

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs POSIX SIGKILL")

REPORTS = 120
BATCH = 20
# Every COPY_EVERY-th report is a syndicated copy of the one before: the same body plus a line.
COPY_EVERY = 6
# Killed while writing this report: batches 0-2 (60 reports) are committed, batch 3 is open.
KILL_AT = 67
# No step of the test may wait longer than this.
STEP_SECONDS = 20.0

INGEST = r"""
import random
import sys
import time

from livedesk.desk import Desk
from livedesk.models import Published, Reading, Sentence

db, reports, batch, hang_at = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
copy_every = int(sys.argv[5])
WORDS = ("shelling", "convoy", "mayor", "bridge", "evacuation", "ceasefire", "talks", "border",
         "hospital", "power", "station", "refugees", "governor", "drone", "market", "rail",
         "grain", "port", "curfew", "aid", "river", "village", "school", "airfield")


def body_of(number):
    if number % copy_every == copy_every - 1:
        return body_of(number - 1) + " This report was distributed by a news agency."
    rng = random.Random(number)  # the same body for a report on every run
    words = [rng.choice(WORDS) for _ in range(70)]
    return f"Report number {number} from the desk. " + " ".join(words) + f" {number}."


def reading(number):
    body = body_of(number)
    return Reading(
        id=f"r{number:04d}",
        title=f"Report {number}",
        url=f"https://news.example/2022/03/{number}",
        language="en",
        published=Published("2022-03-01T12:00:00Z", "second", None, "given"),
        retrieved=None,
        body=body,
        sentences=(Sentence(0, 0, len(body), body),),
    )


def outlet_of(item):
    if int(item.id[1:]) == hang_at:
        print("inside", flush=True)  # the batch's transaction is open now
        time.sleep(60)
    return "Desk Wire"


with Desk.open(db, clock=lambda: "2022-03-02T00:00:00Z") as desk:
    for start in range(0, reports, batch):
        numbers = range(start, min(reports, start + batch))
        desk.add_readings([reading(n) for n in numbers], outlet_of=outlet_of)
        print(f"committed {start + len(numbers)}", flush=True)
print("done", flush=True)
"""


def _ingest(script: Path, db: Path, hang_at: int = -1) -> subprocess.Popen[str]:
    argv = [sys.executable, str(script), str(db), str(REPORTS), str(BATCH), str(hang_at)]
    return subprocess.Popen(
        [*argv, str(COPY_EVERY)], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )


def _finish(process: subprocess.Popen[str]) -> str:
    out, _ = process.communicate(timeout=STEP_SECONDS)
    assert process.returncode == 0, out
    return out


def _kill_when(
    process: subprocess.Popen[str], wanted: str, before: Callable[[], object]
) -> tuple[list[str], object]:
    """SIGKILL the process as soon as it prints ``wanted`` (or once the time limit passes),
    calling ``before`` just before the kill; the lines it printed and what ``before`` gave.
    A thread reads the pipe, so the wait can time out."""
    assert process.stdout is not None
    pipe = process.stdout
    lines: queue.Queue[str] = queue.Queue()
    reader = threading.Thread(target=lambda: [lines.put(line.strip()) for line in pipe])
    reader.start()
    seen: list[str] = []
    deadline = time.monotonic() + STEP_SECONDS
    while wanted not in seen and time.monotonic() < deadline and process.poll() is None:
        with contextlib.suppress(queue.Empty):
            seen.append(lines.get(timeout=0.1))
    seen_before = before() if wanted in seen else None
    os.kill(process.pid, signal.SIGKILL)
    process.wait(timeout=STEP_SECONDS)
    reader.join(timeout=STEP_SECONDS)  # the pipe ends with the process
    pipe.close()
    seen.extend(lines.queue)
    assert wanted in seen, f"the ingest never printed {wanted!r}; it printed {seen}"
    return seen, seen_before


def _committed_rows(db: Path) -> int:
    """Reports visible to another reader, through a read-only connection."""
    reader = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=STEP_SECONDS)
    try:
        return int(reader.execute("SELECT count(*) FROM reports").fetchone()[0])
    finally:
        reader.close()


def _rows(db: Path) -> list[tuple[str, str | None, str, str | None]]:
    with Store(db) as store:
        return [
            (str(r[0]), r[1], str(r[2]), r[3])
            for r in store.conn.execute(
                "SELECT id, url, content_hash, duplicate_of FROM reports ORDER BY id"
            )
        ]


@pytest.fixture
def script(tmp_path: Path) -> Path:
    path = tmp_path / "ingest.py"
    path.write_text(INGEST, encoding="utf-8")
    return path


def test_ingest_killed_mid_batch_and_rerun_stores_each_report_once(tmp_path, script):
    db = tmp_path / "desk.sqlite"
    started = time.monotonic()

    # 1. Start the ingest; once it is inside batch 4 (three committed), SIGKILL it.
    process = _ingest(script, db, hang_at=KILL_AT)
    printed, visible = _kill_when(process, "inside", before=lambda: _committed_rows(db))
    assert printed == ["committed 20", "committed 40", "committed 60", "inside"]
    assert visible == 60  # batch 4 is being written, and no other connection sees it
    assert process.returncode == -signal.SIGKILL

    # 2. After the crash: the committed batches, nothing of the open one, an intact file.
    assert _committed_rows(db) == 60
    with Store(db) as store:
        assert store.integrity_check() == ["ok"]
        assert store.count() == 60

    # 3. Run the same ingest again, to the end.
    rerun = _finish(_ingest(script, db))
    assert rerun.splitlines()[-1] == "done"

    # 4. Every report once: ids, URLs and bodies each stored a single time.
    rows = _rows(db)
    ids = [row[0] for row in rows]
    assert ids == [f"r{n:04d}" for n in range(REPORTS)]
    assert len({row[1] for row in rows}) == len({row[2] for row in rows}) == REPORTS

    # 5. Copies linked exactly as in an ingest that was never interrupted.
    clean = tmp_path / "clean.sqlite"
    _finish(_ingest(script, clean))
    assert _rows(db) == _rows(clean)
    links = {row[0]: row[3] for row in rows if row[3] is not None}
    expected = {
        f"r{n:04d}": f"r{n - 1:04d}" for n in range(REPORTS) if n % COPY_EVERY == COPY_EVERY - 1
    }
    assert links == expected

    # 6. The file is intact and opens as a desk showing every report.
    with Store(db) as store:
        assert store.integrity_check() == ["ok"]
    with Desk.open(db) as desk:
        listed = desk.reports(limit=1000).items
        assert sorted(item["id"] for item in listed) == ids
        stored = desk.report(f"r{KILL_AT:04d}")  # the report the crash interrupted
        assert stored is not None and stored["outlet"] == "Desk Wire"
    assert time.monotonic() - started < 30
