"""Every atheris target (tests/fuzz_atheris.py) runs a fixed number of coverage-guided inputs
with no crash. Each run is its own process, since libFuzzer exits when it is done; an input
that crashes a parser is written under the test's temporary folder and named in the failure.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("atheris", reason="atheris is installed with the test extras")

ROOT = Path(__file__).resolve().parents[1]
# Inputs a target tries in CI (page extraction is the slowest, ~70 inputs/s instrumented).
RUNS = {
    "figures": 2000,
    "dates": 2000,
    "html": 300,
    "feeds": 2000,
    "jsonl": 2000,
    "sentences": 2000,
}


@pytest.mark.parametrize("target", sorted(RUNS))
def test_atheris_finds_no_crash(target, tmp_path):
    runs = RUNS[target]
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "tests.fuzz_atheris",
            target,
            f"-runs={runs}",
            "-seed=1",
            f"-artifact_prefix={tmp_path}/",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )
    crashes = sorted(path.name for path in tmp_path.iterdir())
    assert done.returncode == 0, f"{target}: crash inputs {crashes}\n{done.stderr[-3000:]}"
    finished = re.search(r"Done (\d+) runs", done.stderr)
    assert finished and int(finished.group(1)) == runs, done.stderr[-2000:]
