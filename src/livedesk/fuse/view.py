"""The fused view: every stored report folded into incidents, figures, series and stories.

Built from the store at open and extended report by report; it holds compact facts, not
whole readings, so a large desk fits in memory.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Listing:
    """One page of a list read: the items and the cursor of the next page (None at the end)."""

    items: tuple[dict[str, Any], ...]
    next: str | None


class FusedView:
    def __init__(self) -> None:
        self.last_rowid = 0
        self._summaries: dict[str, dict[str, Any]] = {}

    def add(self, rows: list[tuple[int, dict[str, Any], dict[str, Any]]]) -> list[str]:
        for rowid, summary, _reading in rows:
            self._summaries[summary["id"]] = summary
            self.last_rowid = max(self.last_rowid, rowid)
        return []

    def report_summary(self, report_id: str) -> dict[str, Any] | None:
        return self._summaries.get(report_id)

    def incidents(self, **_filters: Any) -> Listing:
        return Listing((), None)

    def incident(self, incident_id: str) -> dict[str, Any] | None:
        return None

    def figures(self, *, kind: str | None = None) -> list[dict[str, Any]]:
        return []

    def series(self) -> list[dict[str, Any]]:
        return []

    def stories(self) -> list[dict[str, Any]]:
        return []

    def brief(self, *, hours: float, end: str | None) -> dict[str, Any]:
        return {"window": None, "headline": None, "lead": None, "points": []}

    def counts(self) -> dict[str, int]:
        return {"reports": len(self._summaries), "incidents": 0}
