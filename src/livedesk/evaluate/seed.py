"""The founding example: the checks of ``seed-reading.md`` not marked (stretch).

The file is read three times, as ``tests/test_seed.py`` reads it: with ``published`` given
(2022-02-28, the reading most checks look at), with no anchor at all, and with only a
retrieval time (2025-03-01T12:00:00Z). Each check is a named function over the three
readings returning True or False; one that trips over a missing fact (an attribute of
``None``, an absent entity) fails rather than stopping the run. The score is the share of
checks passed. The expected strings here are names and short phrases, never the report.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from livedesk.errors import LivedeskError
from livedesk.evaluate.context import EvalContext, require
from livedesk.evaluate.scoring import rounded
from livedesk.ingest.source import RawDocument
from livedesk.models import Entity, Event, Reading

PUBLISHED = "2022-02-28"
RETRIEVED = "2025-03-01T12:00:00Z"
TITLE = (
    "Russia-Ukraine live updates: High-stakes talks underway on Belarus border as Russia "
    "bombards Kharkiv"
)
TIMESTAMP = "3 yıl önce"
SHELLING = "Explosions/Remote violence: Shelling/artillery/missile attack"
# A check that looks up a fact the reading lacks raises one of these: it fails, not crashes.
MISSING_FACT = (AttributeError, KeyError, IndexError, LookupError, StopIteration, TypeError)


@dataclass(frozen=True)
class Readings:
    seed: Reading  # published given
    unanchored: Reading
    retrieved: Reading  # retrieval time only


@dataclass(frozen=True)
class Check:
    name: str
    test: Callable[[Readings], bool]

    def passes(self, readings: Readings) -> bool:
        try:
            return bool(self.test(readings))
        except MISSING_FACT:
            return False


def normalise_quotes(text: str) -> str:
    return text.replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"')


def entity(reading: Reading, name: str) -> Entity:
    return next(e for e in reading.entities if e.name == name or name in e.aliases)


def places(reading: Reading) -> dict[str, str]:
    return {place.id: place.name for place in reading.places}


def codes(participants: Any) -> set[str | None]:
    return {p.country for p in participants}


def events(reading: Reading, fragment: str, *kinds: str) -> list[Event]:
    """Events of the given types (any if none) whose evidence holds ``fragment``."""
    return [
        e
        for e in reading.events
        if (not kinds or e.type in kinds)
        and normalise_quotes(fragment) in normalise_quotes(e.evidence.text)
    ]


def speaker_has(attribution: Any, word: str) -> bool:
    return attribution is not None and word in attribution.speaker


# --- document level -----------------------------------------------------------------------


def title(r: Readings) -> bool:
    return r.seed.title == TITLE


def noise_kept_out_of_body(r: Readings) -> bool:
    body = r.seed.body
    return (
        TIMESTAMP not in body
        and "what to know" not in normalise_quotes(body)
        and ".." not in body
        and all(TIMESTAMP not in s.text for s in r.seed.sentences)
    )


def run_together_split(start: str) -> Check:
    return Check(
        f"run_together_split:{start}",
        lambda r: any(s.text.startswith(start) for s in r.seed.sentences),
    )


def sentence_offsets_point_into_body(r: Readings) -> bool:
    return all(r.seed.body[s.start : s.end] == s.text for s in r.seed.sentences)


def relative_timestamp_resolved_against_retrieval(r: Readings) -> bool:
    p = r.retrieved.published
    return (p.text, p.precision, p.source, p.value) == (TIMESTAMP, "year", "relative", "2022")


def relative_timestamp_never_turned_into_now(r: Readings) -> bool:
    p = r.unanchored.published
    return (p.text, p.value, p.precision) == (TIMESTAMP, None, "year")


def given_publication_wins(r: Readings) -> bool:
    return (r.seed.published.value, r.seed.published.source) == (PUBLISHED, "given")


def weekdays_resolved_against_publication(r: Readings) -> bool:
    talks = events(r.seed, "began talks Monday", "CONSULT")
    alert = events(r.seed, "nuclear deterrence forces")
    return (
        bool(talks)
        and talks[0].date is not None
        and talks[0].date.value == PUBLISHED
        and any(e.date is not None and e.date.value == "2022-02-27" for e in alert)
    )


def weekdays_kept_unresolved_without_anchor(r: Readings) -> bool:
    dated = [e.date for e in r.unanchored.events if e.date is not None]
    weekdays = [d for d in dated if d.text and "day" in d.text.lower()]
    return (
        bool(dated)
        and all(d.value is None for d in weekdays)
        and any(d.text and "Monday" in d.text for d in dated)
    )


def language_is_english(r: Readings) -> bool:
    return r.seed.language == "en"


# --- entities -----------------------------------------------------------------------------


def zelensky_aliases_merged(r: Readings) -> bool:
    zelensky = entity(r.seed, "Volodymyr Zelensky")
    return (
        "Zelenky" in zelensky.aliases
        and zelensky.type == "PERSON"
        and sum(1 for e in r.seed.entities if "Zelen" in e.name) == 1
    )


def of_type(name: str, kind: str) -> Check:
    return Check(f"{kind.lower()}:{name}", lambda r: entity(r.seed, name).type == kind)


def reznikov_is_ukrainian_government(r: Readings) -> bool:
    actor = entity(r.seed, "Oleksii Reznikov").actor
    return actor is not None and actor.country == "UKR"


def embassy_and_central_bank_are_organisations(r: Readings) -> bool:
    names = {normalise_quotes(e.name) for e in r.seed.entities if e.type == "ORG"}
    return any("Embassy in Belarus" in n for n in names) and any(
        "central bank" in n and "Russia" in n for n in names
    )


def map_places(r: Readings) -> bool:
    return {"Ukraine", "Russia", "Belarus", "Kharkiv", "Kyiv"} <= set(places(r.seed).values())


def metonym_capitals_are_not_map_places(r: Readings) -> bool:
    return not {"Minsk", "Moscow", "Washington"} & set(places(r.seed).values())


def kharkiv_coordinates(r: Readings) -> bool:
    kharkiv = next(p for p in r.seed.places if p.name == "Kharkiv")
    lat, lon = kharkiv.lat, kharkiv.lon
    return (
        lat is not None
        and lon is not None
        and abs(lat - 49.99) < 0.1
        and abs(lon - 36.23) < 0.1
        and kharkiv.country == "UKR"
    )


def metonym(name: str, country: str) -> Check:
    def test(r: Readings) -> bool:
        actor = entity(r.seed, name).actor
        return actor is not None and (actor.country, actor.sector) == (country, "GOV")

    return Check(f"metonym:{name}", test)


# --- events -------------------------------------------------------------------------------


def event_talks(r: Readings) -> bool:
    found = events(r.seed, "delegations began talks", "CONSULT")
    return (
        bool(found)
        and {"RUS", "UKR"} <= codes(found[0].actors) | codes(found[0].recipients)
        and found[0].modality == "reported"
    )


def event_kharkiv_shelling(r: Readings) -> bool:
    found = events(r.seed, "artillery attack", "ASSAULT")
    event = found[0]
    kinds = {r.seed.figures[i].kind for i in event.figures}
    return (
        (event.mode, event.acled, event.modality) == ("heavy-weapons", SHELLING, "reported")
        and "RUS" in codes(event.actors)
        and places(r.seed).get(event.place or "") == "Kharkiv"
        and event.date is not None
        and event.date.value == PUBLISHED
        and speaker_has(event.attribution, "city officials")
        and {"injured", "killed"} <= kinds
    )


def event_sanctions_on_central_bank(r: Readings) -> bool:
    event = events(r.seed, "further round of sanctions", "SANCTION")[0]
    return (
        "USA" in codes(event.actors)
        and "RUS" in codes(event.recipients)
        and event.date is not None
        and event.date.value == PUBLISHED
    )


def event_swift_sanctions(r: Readings) -> bool:
    return "RUS" in codes(events(r.seed, "SWIFT", "SANCTION")[0].recipients)


def event_belarus_troops_anticipated(r: Readings) -> bool:
    event = events(r.seed, "send soldiers", "MOBILIZE")[0]
    return (
        "BLR" in codes(event.actors)
        and "UKR" in codes(event.recipients)
        and event.modality == "anticipated"
        and event.attribution is not None
        and event.attribution.anonymous
        and speaker_has(event.attribution, "official")
    )


def event_nuclear_alert(r: Readings) -> bool:
    found = events(r.seed, "nuclear deterrence forces", "THREATEN", "MOBILIZE")
    return "RUS" in codes(found[0].actors)


def actor_to_recipient(name: str, kind: str, fragment: str, actor: str, recipient: str) -> Check:
    def test(r: Readings) -> bool:
        event = events(r.seed, fragment, kind)[0]
        return actor in codes(event.actors) and recipient in codes(event.recipients)

    return Check(name, test)


def event_ukraine_demands_ceasefire(r: Readings) -> bool:
    event = events(r.seed, "cease fire", "REQUEST")[0]
    return (
        "UKR" in codes(event.actors)
        and "RUS" in codes(event.recipients)
        and event.modality == "intended"
        and speaker_has(event.attribution, "office")
    )


# --- figures ------------------------------------------------------------------------------


def figure_refugees(r: Readings) -> bool:
    figure = next(f for f in r.seed.figures if f.kind == "displaced")
    dated = figure.date is not None and figure.date.value == "2022-02-28"
    return (
        (figure.low, figure.qualifier) == (500001, "more_than")
        and speaker_has(figure.attribution, "United Nations")
        and dated
    )


def figure_kharkiv(kind: str, low: int, qualifier: str, who: str, place: bool) -> Check:
    def test(r: Readings) -> bool:
        figure = next(f for f in r.seed.figures if f.kind == kind and f.low == low)
        return (
            figure.qualifier == qualifier
            and who in (figure.who or "")
            and speaker_has(figure.attribution, "city officials")
            and (not place or places(r.seed)[figure.place or ""] == "Kharkiv")
        )

    return Check(f"figure_kharkiv_{kind}", test)


# --- quotes -------------------------------------------------------------------------------


def quote(name: str, fragment: str, speaker: str, anonymous: bool = False) -> Check:
    def test(r: Readings) -> bool:
        item = next(q for q in r.seed.quotes if q.direct and fragment in normalise_quotes(q.text))
        return speaker in (item.speaker or "") and (item.anonymous or not anonymous)

    return Check(name, test)


# --- brief --------------------------------------------------------------------------------


def key_points_cover(topic: str, *words: str) -> Check:
    def test(r: Readings) -> bool:
        texts = " ".join(point.text for point in r.seed.key_points)
        return any(word in texts for word in words)

    return Check(f"key_points_cover:{topic}", test)


def key_points_cite_their_sentence(r: Readings) -> bool:
    points = r.seed.key_points
    return 1 <= len(points) <= 6 and all(
        r.seed.sentences[p.evidence.sentence].text == p.text for p in points
    )


def _named(*tests: Callable[[Readings], bool]) -> list[Check]:
    return [Check(test.__name__, test) for test in tests]


CHECKS: tuple[Check, ...] = (
    *_named(title, noise_kept_out_of_body),
    run_together_split("Washington announced a further round"),
    run_together_split("Russian President Vladimir Putin said Sunday"),
    run_together_split("Belarus, in a constitutional referendum"),
    *_named(
        sentence_offsets_point_into_body,
        relative_timestamp_resolved_against_retrieval,
        relative_timestamp_never_turned_into_now,
        given_publication_wins,
        weekdays_resolved_against_publication,
        weekdays_kept_unresolved_without_anchor,
        language_is_english,
        zelensky_aliases_merged,
    ),
    of_type("Oleksii Reznikov", "PERSON"),
    of_type("Vladimir Putin", "PERSON"),
    *_named(reznikov_is_ukrainian_government),
    *(
        of_type(name, "ORG")
        for name in (
            "NATO",
            "the United Nations",
            "the Pentagon",
            "the Kremlin",
            "the State Department",
            "the White House",
            "SWIFT",
        )
    ),
    *_named(
        embassy_and_central_bank_are_organisations,
        map_places,
        metonym_capitals_are_not_map_places,
        kharkiv_coordinates,
    ),
    metonym("the Kremlin", "RUS"),
    metonym("Moscow", "RUS"),
    metonym("Minsk", "BLR"),
    metonym("Washington", "USA"),
    metonym("the White House", "USA"),
    *_named(
        event_talks,
        event_kharkiv_shelling,
        event_sanctions_on_central_bank,
        event_swift_sanctions,
        event_belarus_troops_anticipated,
        event_nuclear_alert,
    ),
    actor_to_recipient(
        "event_white_house_accuses", "ACCUSE", "manufacturing threats", "USA", "RUS"
    ),
    *_named(event_ukraine_demands_ceasefire),
    actor_to_recipient("event_kremlin_conditions", "REQUEST", "demilitarize", "RUS", "UKR"),
    actor_to_recipient("event_embassy_suspended", "SANCTION", "suspended operations", "USA", "BLR"),
    *_named(figure_refugees),
    figure_kharkiv("injured", 31, "more_than", "residents", place=True),
    figure_kharkiv("killed", 1, "at_least", "civilian", place=False),
    quote(
        "quote_minsk_extension_anonymous",
        "Minsk is now an extension of the Kremlin",
        "official",
        anonymous=True,
    ),
    quote("quote_kremlin_conditions", "demilitarize and denazify", "Kremlin"),
    quote("quote_putin_partial", "aggressive statements", "Putin"),
    quote("quote_white_house", "manufacturing threats that don't exist", "White House"),
    key_points_cover("talks", "talks"),
    key_points_cover("kharkiv", "Kharkiv"),
    key_points_cover("sanctions", "sanctions", "SWIFT"),
    key_points_cover("refugees", "half a million"),
    key_points_cover("nuclear", "nuclear"),
    key_points_cover("belarus troops", "soldiers"),
    *_named(key_points_cite_their_sentence),
)


def read_seed(text: str, reader: Any) -> Readings:
    """The three readings the checks look at, read in one batch."""
    documents = [
        RawDocument(id="seed", text=text, published=PUBLISHED),
        RawDocument(id="seed", text=text),
        RawDocument(id="seed", text=text, retrieved=RETRIEVED),
    ]
    readings = list(reader.read_many(documents))
    for reading in readings:
        if not isinstance(reading, Reading):
            raise LivedeskError(f"the founding example could not be read: {reading.error}")
    return Readings(*readings)


def outcomes(readings: Readings) -> dict[str, bool]:
    """Every check's name with whether it passed."""
    return {check.name: check.passes(readings) for check in CHECKS}


def run(path: Path, context: EvalContext) -> dict[str, Any]:
    """How many of the founding example's checks the reader passes."""
    text = require(path, "founding example (seed-live-updates.txt)").read_text("utf-8")
    results = outcomes(read_seed(text, context.reader))
    passed, total = sum(results.values()), len(results)
    return rounded({"n": total, "passed": passed, "total": total, "score": passed / total})
