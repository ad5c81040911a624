"""The desk's brief: "what to know" in a window of the data's own time.

1. The window ends at ``end`` (default: the latest publication time on the desk, not the
   wall clock) and spans ``hours`` before it.
2. Candidates are the incidents reported in the window (their best evidence sentence) and
   each report's own key points (sentences the reader ranked).
3. A candidate scores by severity (type, deaths and injuries), corroboration (distinct
   outlets), novelty (first reported inside the window) and recency (how late in it).
4. Points are picked best first; a candidate that repeats a picked point (the same
   incident, or mostly the same words) is passed over. At most ``limit`` points.
5. The headline is the title of the top point's report; the lead counts what the window
   holds and names its deadliest incident, citing the reports it draws on.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from livedesk.brief.keypoints import EVENT_WEIGHT, content_words

WEIGHTS = {"severity": 0.4, "corroboration": 0.25, "novelty": 0.15, "recency": 0.2}
# Word overlap (Jaccard) above which a candidate says the same thing as a picked point.
SAME_THING = 0.45
# Two sentences giving the same count ("498 of its soldiers") with this much word overlap
# report the same fact, however differently worded.
SAME_FIGURE_OVERLAP = 0.15
_NUMBER = re.compile(r"\d[\d,.]*\d")
MAX_EVENT_WEIGHT = max(EVENT_WEIGHT.values())


@dataclass(frozen=True)
class Candidate:
    text: str
    report: str
    outlet: str | None
    incident: str | None
    reports: tuple[str, ...]
    severity: float
    outlets: int
    first: str
    last: str


def window_of(end: str | None, hours: float, latest: str | None) -> tuple[str, str] | None:
    """The (start, end) of the window as ISO strings; None when the desk has no dates."""
    stop = _parse(end) if end else _parse(latest) if latest else None
    if stop is None:
        return None
    return _iso(stop - timedelta(hours=hours)), _iso(stop)


def build_brief(
    candidates: Iterable[Candidate],
    *,
    window: tuple[str, str] | None,
    hours: float,
    titles: Callable[[str], str | None],
    limit: int = 8,
) -> dict[str, Any]:
    if window is None:
        return {"window": None, "headline": None, "lead": None, "points": []}
    start, end = window
    inside = [c for c in candidates if start <= c.last <= end]
    most_outlets = max((c.outlets for c in inside), default=1) or 1
    scored = sorted(
        ((_score(c, start, end, hours, most_outlets), c) for c in inside),
        key=lambda pair: (-pair[0], pair[1].report, pair[1].text),
    )
    points: list[dict[str, Any]] = []
    picked: list[tuple[str | None, set[str], set[str]]] = []
    for score, candidate in scored:
        words = content_words(candidate.text)
        numbers = _numbers(candidate.text)
        if any(_same_thing(candidate.incident, words, numbers, other) for other in picked):
            continue
        picked.append((candidate.incident, words, numbers))
        points.append(
            {
                "text": candidate.text,
                "report": candidate.report,
                "outlet": candidate.outlet,
                "incident": candidate.incident,
                "reports": list(candidate.reports),
                "score": round(score, 3),
            }
        )
        if len(points) == limit:
            break
    return {
        "window": {"start": start, "end": end, "hours": hours},
        "headline": _headline(points, titles),
        "lead": _lead(inside, points),
        "points": points,
    }


def _score(candidate: Candidate, start: str, end: str, hours: float, most: int) -> float:
    span = max(hours * 3600.0, 1.0)
    stop, last = _parse(end), _parse(candidate.last)
    recency = 1.0 - ((stop - last).total_seconds() / span if stop and last else 1.0)
    parts = {
        "severity": candidate.severity,
        "corroboration": candidate.outlets / most,
        "novelty": 1.0 if candidate.first >= start else 0.0,
        "recency": max(0.0, min(1.0, recency)),
    }
    return sum(WEIGHTS[name] * value for name, value in parts.items())


def severity(event_type: str | None, killed: int | None, injured: int | None) -> float:
    """0..1: the type's weight plus deaths (log scale) and injuries, capped at 1."""
    weight = EVENT_WEIGHT.get(event_type or "", 0.5) / MAX_EVENT_WEIGHT
    harm = math.log10(1 + (killed or 0)) / 2 + math.log10(1 + (injured or 0)) / 6
    return min(1.0, 0.5 * weight + 0.5 * min(1.0, harm))


def _same_thing(
    incident: str | None,
    words: set[str],
    numbers: set[str],
    other: tuple[str | None, set[str], set[str]],
) -> bool:
    if incident is not None and incident == other[0]:
        return True
    union = words | other[1]
    overlap = len(words & other[1]) / len(union) if union else 0.0
    if numbers & other[2] and overlap >= SAME_FIGURE_OVERLAP:
        return True
    return overlap >= SAME_THING


def _numbers(text: str) -> set[str]:
    """Counts of two digits or more, commas dropped: "1,597" and "1597" are one number."""
    return {match.replace(",", "") for match in _NUMBER.findall(text)}


def _headline(
    points: list[dict[str, Any]], titles: Callable[[str], str | None]
) -> dict[str, Any] | None:
    for point in points:
        title = titles(point["report"])
        if title:
            return {"text": title, "report": point["report"]}
    if points:
        return {"text": points[0]["text"], "report": points[0]["report"]}
    return None


def _lead(inside: list[Candidate], points: list[dict[str, Any]]) -> dict[str, Any] | None:
    if not points:
        return None
    incidents = {c.incident: c for c in inside if c.incident}
    reports = {r for c in inside for r in c.reports}
    outlets = {c.outlet for c in inside if c.outlet}
    text = (
        f"{len(incidents)} incident{'s' if len(incidents) != 1 else ''} from "
        f"{len(reports)} report{'s' if len(reports) != 1 else ''} by "
        f"{len(outlets)} outlet{'s' if len(outlets) != 1 else ''} in this window."
    )
    cited = [points[0]["report"]]
    worst = max(incidents.values(), key=lambda c: c.severity, default=None)
    if worst is not None and worst.severity > 0:
        text += f" Most severe: {worst.text}"
        cited = list(worst.reports)
    return {"text": text, "reports": cited}


def _parse(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def _iso(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
