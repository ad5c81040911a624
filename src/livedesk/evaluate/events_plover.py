"""Sentence → PLOVER event type and the countries of its source and target actors, scored on
the PLOVER gold-standard records (a JSON array of ``{text, event, source, target, …}``).

1. **Gold.** Entries whose ``event`` is ``DOCUMENT`` are notes about the file, not events.
   The file predates PLOVER's current 16 types; its older labels are mapped as the PLOVER
   manual renamed them (:data:`OLD_LABELS`), and any other unknown label is an error.
   Gold countries are the first three letters of each actor's ``code`` when they are an ISO
   3166-1 alpha-3 country (or XKX, Kosovo, as livedesk codes it); codes of international
   bodies and groups (``IGO…``, ``NGO…``, ``IMG…``), placeholders (``***``) and codes that are
   not ISO are left out. A ``source``/``target`` that is not a list counts as no actor.
2. **The main event** of a sentence: among its events not read as negated (all of them if
   every one is), the first that has an actor, else the first. Events come in reading order,
   so "first" is the leftmost trigger.
3. **Scores.** ``accuracy``: the main event's type equals the gold type (no event is wrong).
   ``source_f1`` / ``target_f1``: micro F1 over the sets of country codes of each sentence,
   predicted from the main event's actors / recipients.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pycountry

from livedesk.errors import InputError
from livedesk.evaluate.context import EvalContext, require
from livedesk.evaluate.scoring import prf, rounded
from livedesk.ingest.source import RawDocument
from livedesk.models import PLOVER_TYPES, Event, Participant, Reading

# PLOVER 0.5-era labels of the gold file → the current 16 types.
OLD_LABELS = {
    "DEMAND": "REQUEST",
    "DISAPPROVE": "ACCUSE",
    "INVESTIGATE": "ACCUSE",
    "FIGHT": "ASSAULT",
}
NOT_EVENTS = {"DOCUMENT"}
# Country codes outside ISO 3166-1 that livedesk gives (GeoNames' code for Kosovo).
EXTRA_COUNTRIES = {"XKX"}


@dataclass(frozen=True)
class GoldSentence:
    id: str
    text: str
    type: str
    sources: frozenset[str]
    targets: frozenset[str]


@dataclass(frozen=True)
class Predicted:
    type: str | None
    sources: frozenset[str]
    targets: frozenset[str]


def is_country(code: str) -> bool:
    return code in EXTRA_COUNTRIES or pycountry.countries.get(alpha_3=code) is not None


def current_type(label: str, record_id: str) -> str:
    """The current PLOVER type of a gold label; an error for a label neither current nor old."""
    label = OLD_LABELS.get(label, label)
    if label not in PLOVER_TYPES:
        allowed = ", ".join([*PLOVER_TYPES, *OLD_LABELS])
        raise InputError(f"record '{record_id}' has event '{label}'; expected one of {allowed}.")
    return label


def gold_countries(actors: Any) -> frozenset[str]:
    """ISO-3 countries of a gold ``source``/``target`` list (rule 1 of the docstring)."""
    if not isinstance(actors, list):
        return frozenset()
    codes = (str(actor.get("code") or "")[:3] for actor in actors if isinstance(actor, dict))
    return frozenset(code for code in codes if is_country(code))


def read_gold(path: Path) -> list[GoldSentence]:
    """The gold sentences of a PLOVER GSR JSON array, labels mapped to the current types."""
    try:
        records = json.loads(path.read_text("utf-8"))
    except json.JSONDecodeError as error:
        raise InputError(f"'{path}' is not JSON ({error}); expected a PLOVER GSR array.") from None
    if not isinstance(records, list):
        raise InputError(f"'{path}' holds a {type(records).__name__}; expected a JSON array.")
    gold = []
    for number, record in enumerate(records):
        if not isinstance(record, dict):
            raise InputError(f"record {number} of '{path}' is not a JSON object.")
        record_id = str(record.get("id", number))
        if record.get("event") in NOT_EVENTS:
            continue
        if "event" not in record or "text" not in record:
            raise InputError(f"record '{record_id}' of '{path}' lacks 'event' or 'text'.")
        gold.append(
            GoldSentence(
                record_id,
                str(record["text"]),
                current_type(str(record["event"]), record_id),
                gold_countries(record.get("source")),
                gold_countries(record.get("target")),
            )
        )
    return gold


def main_event(reading: Reading) -> Event | None:
    """The main event of a sentence (rule 2 of the module docstring), or None."""
    events = [e for e in reading.events if e.modality != "negated"] or list(reading.events)
    with_actors = [event for event in events if event.actors]
    chosen = with_actors or events
    return chosen[0] if chosen else None


def _countries(participants: Iterable[Participant]) -> frozenset[str]:
    return frozenset(p.country for p in participants if p.country)


def predicted_of(result: Reading | Any) -> Predicted:
    """What was read for one sentence; a failure or a sentence without events is empty."""
    event = main_event(result) if isinstance(result, Reading) else None
    if event is None:
        return Predicted(None, frozenset(), frozenset())
    return Predicted(event.type, _countries(event.actors), _countries(event.recipients))


def predict(gold: Sequence[GoldSentence], reader: Any) -> list[Predicted]:
    documents = (RawDocument(id=sentence.id, text=sentence.text) for sentence in gold)
    return [predicted_of(result) for result in reader.read_many(documents)]


def country_f1(gold: Sequence[frozenset[str]], predicted: Sequence[frozenset[str]]) -> float:
    """Micro F1 over per-sentence sets of country codes."""
    tp = sum(len(g & p) for g, p in zip(gold, predicted, strict=True))
    return prf(tp, sum(map(len, predicted)), sum(map(len, gold)))[2]


def run(path: Path, context: EvalContext) -> dict[str, Any]:
    gold = read_gold(require(path, "PLOVER gold-standard JSON"))
    predicted = predict(gold, context.reader)
    correct = sum(1 for g, p in zip(gold, predicted, strict=True) if g.type == p.type)
    return rounded(
        {
            "n": len(gold),
            "accuracy": correct / len(gold) if gold else 0.0,
            "source_f1": country_f1([g.sources for g in gold], [p.sources for p in predicted]),
            "target_f1": country_f1([g.targets for g in gold], [p.targets for p in predicted]),
        }
    )
