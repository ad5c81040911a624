"""Golden summaries of the demo readings: what the reader makes of the team's own reports.

Regenerate after an intended change with ``.venv/bin/python -m tests.golden`` and review the
diff of ``tests/golden/demo_readings.json``: every change in what is read shows there.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

GOLDEN = Path(__file__).resolve().parent / "golden" / "demo_readings.json"


def _who(participants: Any) -> list[str]:
    return [p.country or p.name for p in participants]


def summarise(reading: Any) -> dict[str, Any]:
    """A compact, stable view of a reading (no offsets, which move with any cleaning fix)."""
    places = {place.id: place.name for place in reading.places}
    return {
        "title": reading.title,
        "language": reading.language,
        "published": reading.published.value,
        "places": sorted(places.values()),
        "events": [
            [
                e.type,
                e.mode,
                _who(e.actors),
                _who(e.recipients),
                places.get(e.place),
                e.date.value if e.date else None,
                e.modality,
            ]
            for e in reading.events
        ],
        "figures": [
            [f.kind, f.low, f.high, f.approx, f.qualifier, places.get(f.place)]
            for f in reading.figures
        ],
        "quotes": [[q.speaker, q.anonymous, q.direct, q.text[:50]] for q in reading.quotes],
        "key_points": [point.evidence.sentence for point in reading.key_points],
    }


def current() -> dict[str, Any]:
    from livedesk.demo_data import demo_documents
    from livedesk.reader import Reader

    reader = Reader().load()
    return {reading.id: summarise(reading) for reading in reader.read_many(demo_documents())}


def write(summaries: dict[str, Any]) -> None:
    GOLDEN.write_text(json.dumps(summaries, ensure_ascii=False, indent=1) + "\n", "utf-8")


if __name__ == "__main__":
    write(current())
    print(f"wrote {GOLDEN}")
