"""Quotes across reports: who said what, newest first, each with its report.

Quotes are not fused (two outlets quoting one sentence stay two entries, each cited); a
syndicated copy's quotes are left out, since its original already lists them. The listing
reads stored readings newest first and stops at a report boundary once it has a page, so
nothing is held in memory between calls.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from livedesk.store.sqlite import encode_cursor

# Reports looked through for one page at most: a filter that matches nothing stops here and
# hands back a cursor, rather than reading the whole store in one request.
MAX_REPORTS_SCANNED = 2000


@dataclass(frozen=True)
class QuoteFilter:
    """Which quotes to list: a speaker substring (any case), anonymous or named sources
    only, direct quotations only, one kind only (when readings carry kinds)."""

    speaker: str | None = None
    anonymous: bool | None = None
    direct: bool | None = None
    kind: str | None = None

    def keeps(self, quote: dict[str, Any]) -> bool:
        if (
            self.speaker
            and self.speaker.casefold() not in str(quote.get("speaker") or "").casefold()
        ):
            return False
        if self.anonymous is not None and bool(quote.get("anonymous")) != self.anonymous:
            return False
        if self.direct is not None and bool(quote.get("direct")) != self.direct:
            return False
        return self.kind is None or quote.get("kind") == self.kind


def report_quotes(summary: dict[str, Any], reading: dict[str, Any]) -> list[dict[str, Any]]:
    """The quotes of one stored report, each with where it comes from."""
    if summary.get("duplicate_of"):
        return []
    source = {
        "report": summary["id"],
        "title": summary.get("title"),
        "outlet": summary.get("outlet"),
        "published": summary.get("published"),
        "url": summary.get("url"),
    }
    items = []
    for quote in reading.get("quotes", []):
        evidence = quote.get("evidence") or {}
        items.append(
            {
                "text": quote.get("text", ""),
                "speaker": quote.get("speaker"),
                "entity": quote.get("entity"),
                "anonymous": bool(quote.get("anonymous")),
                "direct": bool(quote.get("direct")),
                "kind": quote.get("kind"),
                "cue": quote.get("cue"),
                "sentence": evidence.get("text"),
                **source,
            }
        )
    return items


def collect(
    pages: Iterable[tuple[list[tuple[dict[str, Any], dict[str, Any]]], str | None]],
    wanted: QuoteFilter,
    limit: int,
) -> tuple[list[dict[str, Any]], str | None]:
    """A page of at least ``limit`` quotes (whole reports at a time) from ``pages`` of
    (summary, reading) pairs, newest first; and the cursor after the last report read."""
    found: list[dict[str, Any]] = []
    scanned = 0
    for pairs, next_cursor in pages:
        for index, (summary, reading) in enumerate(pairs):
            found.extend(q for q in report_quotes(summary, reading) if wanted.keeps(q))
            scanned += 1
            if len(found) >= limit or scanned >= MAX_REPORTS_SCANNED:
                more = index + 1 < len(pairs) or next_cursor is not None
                return found, _after(summary) if more else None
    return found, None


def _after(summary: dict[str, Any]) -> str:
    return encode_cursor(summary.get("published") or "", summary["id"])
