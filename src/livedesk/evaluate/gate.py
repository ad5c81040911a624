"""The quality gate: every task on the gold data of ``../shared``, held to pinned floors.

Floors live in ``tests/eval/floors.json`` with, per suite, the fingerprint of the gold data
they were measured on. A score may fall short of its floor by at most ``epsilon`` (noise);
more is a regression. Floors rise with :func:`update`; lowering one needs ``allow_lower`` (the
``--allow-lower`` flag), and the commit that lowers it must say why. A suite whose gold data
has another fingerprint (another split of the corpus) is reported, not judged.

    python -m livedesk.evaluate.gate --shared ../shared            # check, print scores
    python -m livedesk.evaluate.gate --shared ../shared --update   # raise floors to scores
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from livedesk.errors import LivedeskError

# Suites: a task and where its gold data sits under ../shared.
SUITES: dict[str, tuple[str, str]] = {
    "extraction": ("extraction", "eval/extraction"),
    "geoparsing-lgl": ("geoparsing", "eval/geoparsing/lgl.xml"),
    "geoparsing-geovirus": ("geoparsing", "eval/geoparsing/GeoVirus.xml"),
    "events-acled": ("events-acled", "eval/events/case2021_acled_dev.tsv"),
    "events-plover": ("events-plover", "eval/events/PLOVER_GSR_CAMEO.json"),
    "attribution": ("attribution", "eval/attribution/polnear_dev"),
    "seed": ("seed", "samples/seed-live-updates.txt"),
}
# Scores where lower is better; counts (n, passed, total) are not gated.
LOWER_IS_BETTER = {"missing", "mean_km", "median_km"}
NOT_GATED = {"n", "passed", "total"}
# Room for run-to-run noise (model batching, float sums) before a drop counts.
DEFAULT_EPSILON = 0.005
FLOORS = Path(__file__).resolve().parents[3] / "tests" / "eval" / "floors.json"


class GateError(LivedeskError):
    """A floor would be lowered without permission, or the floors file is unreadable."""


@dataclass(frozen=True)
class Verdict:
    suite: str
    metric: str
    score: float
    floor: float
    ok: bool

    def __str__(self) -> str:
        mark = "ok  " if self.ok else "FAIL"
        return f"{mark} {self.suite:<22} {self.metric:<22} {self.score:.4f} (floor {self.floor})"


def fingerprint(path: Path) -> str:
    """SHA-256 over a file, or over a folder's files (relative names and contents)."""
    digest = hashlib.sha256()
    files = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
    for file in files:
        digest.update(str(file.relative_to(path) if path.is_dir() else file.name).encode())
        digest.update(file.read_bytes())
    return digest.hexdigest()[:16]


def load_floors(path: Path = FLOORS) -> dict[str, Any]:
    if not path.exists():
        return {"epsilon": DEFAULT_EPSILON, "suites": {}}
    try:
        data: dict[str, Any] = json.loads(path.read_text("utf-8"))
    except json.JSONDecodeError as error:
        raise GateError(f"floors file '{path}' is not valid JSON: {error}") from error
    return data


def judge(suite: str, scores: dict[str, Any], floors: dict[str, Any]) -> list[Verdict]:
    """One verdict per gated metric of a suite with pinned floors."""
    pinned = floors["suites"].get(suite, {}).get("floors", {})
    epsilon = float(floors.get("epsilon", DEFAULT_EPSILON))
    verdicts = []
    for metric, floor in pinned.items():
        score = float(scores[metric])
        if metric in LOWER_IS_BETTER:
            slack = epsilon * max(1.0, abs(floor))
            ok = score <= floor + slack
        else:
            ok = score >= floor - epsilon
        verdicts.append(Verdict(suite, metric, score, floor, ok))
    return verdicts


def update(
    floors: dict[str, Any],
    suite: str,
    scores: dict[str, Any],
    corpus: str,
    *,
    allow_lower: bool = False,
) -> dict[str, Any]:
    """Floors set to the new scores; refuses to lower one unless ``allow_lower``."""
    current = floors["suites"].get(suite, {})
    old = current.get("floors", {}) if current.get("fingerprint") == corpus else {}
    epsilon = float(floors.get("epsilon", DEFAULT_EPSILON))
    new: dict[str, float] = {}
    for metric, value in scores.items():
        if metric in NOT_GATED:
            continue
        value = round(float(value), 4)
        before = old.get(metric)
        if before is None or allow_lower:
            new[metric] = value
            continue
        loss = value - before if metric in LOWER_IS_BETTER else before - value
        slack = epsilon * max(1.0, abs(before)) if metric in LOWER_IS_BETTER else epsilon
        if loss > slack:
            raise GateError(
                f"{suite}.{metric} would drop from {before} to {value}; rerun with "
                "--allow-lower and say why in the commit message"
            )
        new[metric] = before if loss > 0 else value  # a drop within noise keeps the floor
    suites = {**floors["suites"], suite: {"fingerprint": corpus, "floors": new}}
    return {**floors, "suites": suites}


def run_suite(suite: str, shared: Path, context: Any) -> tuple[str, dict[str, Any]]:
    """(fingerprint, scores) of one suite on the gold data under ``shared``."""
    from livedesk.evaluate import run_task

    task, relative = SUITES[suite]
    path = shared / relative
    return fingerprint(path), run_task(task, path, context)


def main(argv: list[str] | None = None) -> int:
    from livedesk.evaluate import EvalContext

    parser = argparse.ArgumentParser(prog="python -m livedesk.evaluate.gate")
    parser.add_argument("--shared", type=Path, required=True, help="the ../shared folder")
    parser.add_argument("--suite", action="append", help="only these suites (repeatable)")
    parser.add_argument("--update", action="store_true", help="raise floors to the scores")
    parser.add_argument("--allow-lower", action="store_true", help="let --update lower floors")
    args = parser.parse_args(argv)
    floors = load_floors()
    context = EvalContext()
    failed = False
    for suite in args.suite or list(SUITES):
        corpus, scores = run_suite(suite, args.shared, context)
        print(f"{suite} [{corpus}]: {json.dumps(scores)}")
        if args.update:
            floors = update(floors, suite, scores, corpus, allow_lower=args.allow_lower)
        elif floors["suites"].get(suite, {}).get("fingerprint") == corpus:
            for verdict in judge(suite, scores, floors):
                print(f"  {verdict}")
                failed = failed or not verdict.ok
    if args.update:
        FLOORS.parent.mkdir(parents=True, exist_ok=True)
        FLOORS.write_text(json.dumps(floors, indent=2) + "\n", "utf-8")
        print(f"floors written to {FLOORS}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
