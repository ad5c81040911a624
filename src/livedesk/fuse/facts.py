"""Step 1 of fusion: boil one stored reading down to the facts fusion needs.

A report's event readings become *occurrences*: one happening as this report tells it, with
a type, a day, a place and the figures the reader tied to it. Rules, in order:

1. Negated and hypothetical events are left out: they did not happen. Accidents (an
   explosion with no one behind it, mode ``accident``) are left out too: an incident is an
   act of someone towards someone, and an accident is not an attack.
2. The report's *lead* is its title and first sentence; the lead's place is the first place
   with coordinates mentioned there, the lead's day the first day-precision date read there,
   else the day of publication.
3. An event in the lede (the title and the first ``LEDE_LAST_SENTENCE + 1`` sentences)
   takes its own place and day when it has them, else the lead's; a country named in its
   sentence, or a town of another country, gives way to the lead's town.
4. An event deeper in the body counts only when it names both a place (in its own sentence)
   and a day-precision date: undated background ("the strike came after…") is not a new
   happening.
5. Events of one report with the same type, day and place are one occurrence; its
   evidence is the earliest sentence, its figures the union of theirs.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from livedesk.models import TITLE_SENTENCE

LEAD_LAST_SENTENCE = 0
# Ledes often take two or three sentences: the toll may come a sentence after the strike.
LEDE_LAST_SENTENCE = 2
SKIPPED_MODALITIES = frozenset({"negated", "hypothetical"})
SKIPPED_MODES = frozenset({"accident"})
# Place precisions finer than a country: an incident can be pinned there.
LOCAL_PRECISIONS = frozenset({"point", "city", "admin2", "admin1", "locality", "district"})


@dataclass(frozen=True)
class PlaceRef:
    name: str
    lat: float | None
    lon: float | None
    country: str | None
    precision: str
    geonames_id: int | None

    @property
    def local(self) -> bool:
        return self.precision in LOCAL_PRECISIONS and self.lat is not None

    def to_json(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "lat": self.lat,
            "lon": self.lon,
            "country": self.country,
            "precision": self.precision,
            "geonames_id": self.geonames_id,
        }


@dataclass(frozen=True)
class FigureFact:
    kind: str
    low: int | None
    high: int | None
    approx: int | None
    qualifier: str
    who: str | None
    place: PlaceRef | None
    date: str | None
    modality: str
    speaker: str | None
    sentence: int
    evidence: str
    order: int = 0

    @property
    def value(self) -> int | None:
        """The single number the figure stands for: its lower bound, else its estimate."""
        if self.low is not None:
            return self.low
        if self.approx is not None:
            return self.approx
        return self.high


@dataclass
class Occurrence:
    """One happening as one report tells it."""

    report: str
    type: str
    mode: str | None
    acled: str | None
    modality: str
    day: str | None
    place: PlaceRef | None
    actors: list[dict[str, Any]]
    recipients: list[dict[str, Any]]
    evidence: dict[str, Any]
    figures: list[FigureFact] = field(default_factory=list)
    detail: int = 0

    @property
    def key(self) -> tuple[str, str | None, str | None]:
        return (self.type, self.day, self.place.name if self.place else None)


@dataclass
class ReportFacts:
    """What fusion keeps of one report."""

    rowid: int
    summary: dict[str, Any]
    occurrences: list[Occurrence]
    figures: list[FigureFact]
    linked_figures: set[int]
    key_points: list[dict[str, Any]]
    lead_place: PlaceRef | None

    @property
    def id(self) -> str:
        return str(self.summary["id"])


def report_facts(rowid: int, summary: dict[str, Any], reading: dict[str, Any]) -> ReportFacts:
    places = {place["id"]: _place(place) for place in reading.get("places", [])}
    by_sentence = _places_by_sentence(reading.get("places", []), places)
    published = (reading.get("published") or {}).get("value")
    figures = [
        _figure(figure, places, order) for order, figure in enumerate(reading.get("figures", []))
    ]
    lead_place = _first_local(by_sentence, (TITLE_SENTENCE, 0))
    lead_day = _lead_day(reading.get("events", []), reading.get("dates", [])) or _day(published)
    grouped: dict[tuple[str, str | None, str | None], Occurrence] = {}
    linked: set[int] = set()
    for event in reading.get("events", []):
        if event.get("modality") in SKIPPED_MODALITIES or event.get("mode") in SKIPPED_MODES:
            continue
        occurrence = _occurrence(summary["id"], event, places, by_sentence, lead_place, lead_day)
        if occurrence is None:
            continue
        wanted = [figures[i] for i in event.get("figures", []) if 0 <= i < len(figures)]
        linked.update(i for i in event.get("figures", []) if 0 <= i < len(figures))
        kept = grouped.get(occurrence.key)
        if kept is None:
            occurrence.figures = wanted
            grouped[occurrence.key] = occurrence
        else:
            kept.figures.extend(f for f in wanted if f not in kept.figures)
            kept.detail = max(kept.detail, occurrence.detail)
            kept.actors = kept.actors or occurrence.actors
            kept.recipients = kept.recipients or occurrence.recipients
    points = [
        {"text": point["text"], "score": point.get("score", 0.0), "evidence": point["evidence"]}
        for point in reading.get("key_points", [])
    ]
    return ReportFacts(rowid, summary, list(grouped.values()), figures, linked, points, lead_place)


def _occurrence(
    report: str,
    event: dict[str, Any],
    places: dict[str, PlaceRef],
    by_sentence: dict[int, list[PlaceRef]],
    lead_place: PlaceRef | None,
    lead_day: str | None,
) -> Occurrence | None:
    evidence = event["evidence"]
    sentence = int(evidence["sentence"])
    in_lede = sentence <= LEDE_LAST_SENTENCE
    own_place = places.get(event.get("place") or "")
    if own_place is None or own_place.lat is None:
        own_place = _first_local(by_sentence, (sentence,))
    own_day = _day((event.get("date") or {}).get("value"), (event.get("date") or {}))
    if in_lede:
        place = own_place or lead_place
        if (
            place is not None
            and lead_place is not None
            and lead_place.local
            and (not place.local or place.country != lead_place.country)
        ):
            place = lead_place
        day = own_day or lead_day
    else:
        place, day = own_place, own_day
        if place is None or day is None:
            return None
    detail = (
        2 * bool(event.get("figures"))
        + bool(own_place)
        + bool(own_day)
        + bool(event.get("actors"))
        + (sentence >= 0)
    )
    return Occurrence(
        report=report,
        type=event["type"],
        mode=event.get("mode"),
        acled=event.get("acled"),
        modality=event.get("modality") or "reported",
        day=day,
        place=place,
        actors=[_participant(p) for p in event.get("actors", [])],
        recipients=[_participant(p) for p in event.get("recipients", [])],
        evidence={key: evidence[key] for key in ("sentence", "start", "end", "text")},
        detail=detail,
    )


def _participant(participant: dict[str, Any]) -> dict[str, Any]:
    return {
        "name": participant.get("name"),
        "country": participant.get("country"),
        "sector": participant.get("sector"),
    }


def _place(place: dict[str, Any]) -> PlaceRef:
    return PlaceRef(
        name=place["name"],
        lat=place.get("lat"),
        lon=place.get("lon"),
        country=place.get("country"),
        precision=place.get("precision") or "unknown",
        geonames_id=place.get("geonames_id"),
    )


def _places_by_sentence(
    raw: list[dict[str, Any]], places: dict[str, PlaceRef]
) -> dict[int, list[PlaceRef]]:
    """Places with coordinates, by the sentences that mention them, in mention order."""
    found: dict[int, list[tuple[int, PlaceRef]]] = {}
    for place in raw:
        ref = places[place["id"]]
        if ref.lat is None:
            continue
        for mention in place.get("mentions", []):
            found.setdefault(int(mention["sentence"]), []).append((int(mention["start"]), ref))
    return {s: [ref for _, ref in sorted(items, key=lambda x: x[0])] for s, items in found.items()}


def _first_local(
    by_sentence: dict[int, list[PlaceRef]], sentences: tuple[int, ...]
) -> PlaceRef | None:
    """The first sub-country place of these sentences, else the first country named there."""
    fallback = None
    for sentence in sentences:
        for ref in by_sentence.get(sentence, []):
            if ref.local:
                return ref
            fallback = fallback or ref
    return fallback


def _lead_day(events: list[dict[str, Any]], dates: list[dict[str, Any]]) -> str | None:
    for event in events:
        if int(event["evidence"]["sentence"]) <= LEAD_LAST_SENTENCE and event.get("date"):
            day = _day(event["date"].get("value"), event["date"])
            if day:
                return day
    for date in dates:
        if int(date["evidence"]["sentence"]) <= LEAD_LAST_SENTENCE:
            day = _day(date.get("value"), date)
            if day:
                return day
    return None


def _day(value: str | None, date: dict[str, Any] | None = None) -> str | None:
    """``YYYY-MM-DD`` when the value is known to the day (or finer), else None."""
    if not value or len(value) < 10:
        return None
    if date is not None and date.get("precision") in ("month", "year", "unknown"):
        return None
    return value[:10]


def _figure(figure: dict[str, Any], places: dict[str, PlaceRef], order: int) -> FigureFact:
    attribution = figure.get("attribution") or {}
    date = figure.get("date") or {}
    return FigureFact(
        kind=figure["kind"],
        low=figure.get("low"),
        high=figure.get("high"),
        approx=figure.get("approx"),
        qualifier=figure.get("qualifier") or "exact",
        who=figure.get("who"),
        place=places.get(figure.get("place") or ""),
        date=date.get("value"),
        modality=figure.get("modality") or "reported",
        speaker=attribution.get("speaker"),
        sentence=int(figure["evidence"]["sentence"]),
        evidence=figure["evidence"]["text"],
        order=order,
    )
