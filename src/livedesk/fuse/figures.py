"""Step 3 of fusion: figures reconciled per incident, and figure series across reports.

Nothing is averaged. Per incident and kind, each source keeps the figure it gave first for
that incident (a report's headline count; later sentences tend to be background); the
reconciliation shows every source's value, the range, the most conservative and the latest
figure, and flags a disagreement when the values differ.

A series follows one measure over time: the same kind of figure for the same country-level
place and the same group of people (civilians, soldiers, children…), not tied to any single
incident (displacement counts are totals even when tied to an event) — e.g. the number of
refugees who have left Ukraine, report after report. Each report contributes its largest
such figure; a series needs two reports or more.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from livedesk.fuse.facts import FigureFact, ReportFacts

# Qualifiers too loose to chart as a point of a series ("hundreds", "between 18 and 60").
UNCHARTED_QUALIFIERS = frozenset({"vague", "range"})
COUNTED_MODALITIES = frozenset({"reported"})
# Kinds reported as running totals even when the reader ties them to one event ("more than
# 500,000 have fled"); other kinds tied to an incident belong to that incident, not a series.
CUMULATIVE_KINDS = frozenset({"displaced"})

_GROUPS = (
    ("children", re.compile(r"\b(child|children|kids?|minors?)\b", re.I)),
    ("soldiers", re.compile(r"\b(soldiers?|troops?|servicem[ae]n|military|fighters?)\b", re.I)),
    ("civilians", re.compile(r"\bcivilians?\b", re.I)),
)


def source_figure(report: dict[str, Any], figure: FigureFact) -> dict[str, Any]:
    return {
        "report": report["id"],
        "outlet": report.get("outlet"),
        "published": report.get("published"),
        "value": figure.value,
        "low": figure.low,
        "high": figure.high,
        "approx": figure.approx,
        "qualifier": figure.qualifier,
        "who": figure.who,
        "date": figure.date,
        "modality": figure.modality,
        "speaker": figure.speaker,
        "evidence": figure.evidence,
    }


def reconcile(
    incident_id: str, per_source: Iterable[tuple[dict[str, Any], list[FigureFact]]]
) -> list[dict[str, Any]]:
    """One reconciliation per kind, from each source's figures for this incident."""
    chosen: dict[str, list[dict[str, Any]]] = {}
    for report, figures in per_source:
        first: dict[str, FigureFact] = {}
        for figure in sorted(figures, key=lambda f: (f.sentence, f.order)):
            if figure.value is None or figure.modality not in COUNTED_MODALITIES:
                continue
            first.setdefault(figure.kind, figure)
        for kind, figure in first.items():
            chosen.setdefault(kind, []).append(source_figure(report, figure))
    return [_reconciliation(incident_id, kind, sources) for kind, sources in chosen.items()]


def _reconciliation(incident_id: str, kind: str, sources: list[dict[str, Any]]) -> dict[str, Any]:
    values = [s["value"] for s in sources]
    conservative = min(sources, key=lambda s: (s["value"], s["published"] or ""))
    latest = max(sources, key=lambda s: (s["published"] or "", s["value"]))
    return {
        "incident": incident_id,
        "kind": kind,
        "sources": sorted(sources, key=lambda s: (s["published"] or "", s["report"])),
        "min": min(values),
        "max": max(values),
        "conservative": conservative,
        "latest": latest,
        "disagree": len(set(values)) > 1,
    }


def group_of(who: str | None) -> str:
    """The group of people a figure counts: children, soldiers, civilians or people."""
    for name, pattern in _GROUPS:
        if who and pattern.search(who):
            return name
    return "people"


def series(reports: Iterable[ReportFacts]) -> list[dict[str, Any]]:
    """Figure series across reports, oldest point first; the longest series first."""
    found: dict[tuple[str, str, str], dict[str, dict[str, Any]]] = {}
    labels: dict[tuple[str, str, str], tuple[str, str | None]] = {}
    for facts in reports:
        if facts.summary.get("duplicate_of"):
            continue
        for index, figure in enumerate(facts.figures):
            if not _chartable(figure) or figure.place is None:
                continue
            if index in facts.linked_figures and figure.kind not in CUMULATIVE_KINDS:
                continue
            key = (figure.kind, figure.place.name, group_of(figure.who))
            labels[key] = (figure.place.name, figure.place.country)
            point = source_figure(facts.summary, figure)
            kept = found.setdefault(key, {}).get(facts.id)
            if kept is None or (point["value"] or 0) > (kept["value"] or 0):
                found[key][facts.id] = point
    result = []
    for key, points in found.items():
        if len(points) < 2:
            continue
        kind, place, group = key
        ordered = sorted(points.values(), key=lambda p: (p["published"] or "", p["report"]))
        who = "" if group == "people" else f" ({group})"
        result.append(
            {
                "id": "series-" + "-".join(_slug(part) for part in key),
                "kind": kind,
                "group": group,
                "label": f"{kind.capitalize()}{who}: {place}",
                "place": place,
                "country": labels[key][1],
                "points": ordered,
            }
        )
    return sorted(result, key=lambda s: (-len(s["points"]), s["id"]))


def _chartable(figure: FigureFact) -> bool:
    return (
        figure.value is not None
        and figure.qualifier not in UNCHARTED_QUALIFIERS
        and figure.modality in COUNTED_MODALITIES
        and figure.place is not None
        and figure.place.precision == "country"
    )


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "x"
