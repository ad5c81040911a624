"""Snippet → ACLED sub-event type, scored on CASE 2021 task 2 (TSV ``id, EventSnippet,
SubType``; 25 ACLED codes plus ORG_CRIME, NATURAL_DISASTER, MAN_MADE_DISASTER, DIPLO, ATTRIB).

Each snippet is read as one report and given one code:

1. **Events that happened.** Events read as negated or hypothetical are left out.
2. **Each event's code**, through the fixed table ``data/acled_case_codes.tsv``: its ACLED
   value when it has one; else (or when the value is ACLED's residual "Strategic
   developments: Other") its PLOVER type and mode, then its type alone.
3. **The main event** is in the earliest sentence holding a coded event (the title, then the
   body: news puts the main event first). Within that sentence the event of lowest rank wins
   (ACLED names an event by its means: "attacked with grenades" is a Grenade event, not an
   Attack), then the leftmost.
4. **Cues** for the classes livedesk does not read yet (disasters, organised crime, claims of
   responsibility) come from the same table: the first phrase found, unless negated ("no group
   has claimed responsibility"). A cue in a sentence before or at the main event's wins: an
   event read in the same sentence as "earthquake" or "claimed responsibility" is that
   disaster or that claim, not an event of its own.
5. **Nothing read** gives ``OTHER``, the CASE code for "none of the named types".

Scores: accuracy, and F1 per gold label weighted by the label's support.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from livedesk.errors import InputError, ResourceError
from livedesk.evaluate.context import EvalContext, require
from livedesk.evaluate.scoring import rounded, weighted_f1
from livedesk.ingest.source import RawDocument
from livedesk.models import TITLE_SENTENCE, Event, Reading

TABLE = "acled_case_codes.tsv"
COLUMNS = ("id", "EventSnippet", "SubType")
FALLBACK = "OTHER"
# ACLED's residual sub-event type: a PLOVER reading of the same event says more.
RESIDUAL = "Strategic developments: Other"
# Events that did not (or may not) happen are not the snippet's event.
SKIPPED_MODALITIES = {"negated", "hypothetical"}
# Words before a cue that deny it, within the cue's sentence ("no group has yet claimed").
NEGATION_WINDOW = 5
_NEGATION = re.compile(r"\b(?:no|not|never|nobody|none|without)\b|n't\b|\byet to\b")
_WORD = re.compile(r"[\w']+")


@dataclass(frozen=True)
class CaseCodes:
    """The fixed table: ACLED value → (code, rank), PLOVER "TYPE[ mode]" → (code, rank), and
    cue phrases with their code, each phrase compiled to match its plural too."""

    acled: dict[str, tuple[str, int]]
    plover: dict[str, tuple[str, int]]
    cues: tuple[tuple[re.Pattern[str], str], ...]

    def targets(self) -> set[str]:
        """Every code the table can give, the fallback included."""
        codes = {code for code, _rank in (*self.acled.values(), *self.plover.values())}
        return codes | {code for _pattern, code in self.cues} | {FALLBACK}


@dataclass(frozen=True)
class Snippet:
    id: str
    text: str
    label: str


@dataclass(frozen=True)
class Coded:
    """A code given to a snippet, and the sentence it was read in."""

    code: str
    sentence: int
    rank: int = 0


def parse_table(text: str) -> CaseCodes:
    """The table from the text of ``acled_case_codes.tsv``."""
    acled: dict[str, tuple[str, int]] = {}
    plover: dict[str, tuple[str, int]] = {}
    cues: list[tuple[re.Pattern[str], str]] = []
    seen: set[tuple[str, str]] = set()
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        if len(cells) != 4 or cells[0] not in {"acled", "plover", "cue"}:
            raise ResourceError(
                f"{TABLE} line {number}: expected 'acled|plover|cue <TAB> key <TAB> code <TAB> "
                f"rank', got {line!r}"
            )
        kind, key, code, rank = cells
        if (kind, key) in seen:
            raise ResourceError(f"{TABLE} line {number}: {kind} '{key}' is listed twice")
        seen.add((kind, key))
        if kind == "cue":
            pattern = re.compile(rf"\b{re.escape(key.lower())}(?:e?s)?\b")
            cues.append((pattern, code))
        elif not rank.isdigit():
            raise ResourceError(f"{TABLE} line {number}: rank must be a number, got {rank!r}")
        else:
            (acled if kind == "acled" else plover)[key] = (code, int(rank))
    return CaseCodes(acled, plover, tuple(cues))


@lru_cache(maxsize=1)
def case_codes() -> CaseCodes:
    """The table shipped in ``livedesk/data``."""
    return parse_table(resources.files("livedesk.data").joinpath(TABLE).read_text("utf-8"))


def event_code(event: Event, codes: CaseCodes) -> tuple[str, int] | None:
    """(code, rank) of one event: its ACLED value, else its PLOVER type and mode."""
    acled = codes.acled.get(event.acled) if event.acled else None
    if acled is not None and event.acled != RESIDUAL:
        return acled
    plover = codes.plover.get(f"{event.type} {event.mode}") if event.mode else None
    return plover or codes.plover.get(event.type) or acled


def main_event(reading: Reading, codes: CaseCodes) -> Coded | None:
    """The code of the reading's main event (rule 3 of the module docstring), or None."""
    coded = []
    for event in reading.events:
        found = event_code(event, codes) if event.modality not in SKIPPED_MODALITIES else None
        if found is not None:
            coded.append(Coded(found[0], event.evidence.sentence, found[1]))
    if not coded:
        return None
    first = min(item.sentence for item in coded)  # the title (-1) comes first
    # min() keeps the first of equals, and events come in reading order: the leftmost.
    return min((item for item in coded if item.sentence == first), key=lambda item: item.rank)


def _sentences(reading: Reading) -> list[tuple[int, str]]:
    title = [(TITLE_SENTENCE, reading.title)] if reading.title else []
    return title + [(sentence.index, sentence.text) for sentence in reading.sentences]


def _negated(before: str) -> bool:
    words = _WORD.findall(before)[-NEGATION_WINDOW:]
    return bool(_NEGATION.search(" ".join(words)))


def first_cue(reading: Reading, codes: CaseCodes) -> Coded | None:
    """The first cue phrase of the reading that is not negated (rule 4), or None."""
    for number, text in _sentences(reading):
        lowered = text.lower()
        found = [
            (match.start(), code)
            for pattern, code in codes.cues
            for match in pattern.finditer(lowered)
            if not _negated(lowered[: match.start()])
        ]
        if found:
            return Coded(min(found)[1], number)
    return None


def label(reading: Reading, codes: CaseCodes) -> str:
    """The one CASE code for a reading (rules 1-5 of the module docstring)."""
    event = main_event(reading, codes)
    cue = first_cue(reading, codes)
    if cue is not None and (event is None or cue.sentence <= event.sentence):
        return cue.code
    return event.code if event is not None else FALLBACK


def read_snippets(path: Path) -> list[Snippet]:
    """The gold snippets of a CASE 2021 task 2 TSV."""
    with path.open(encoding="utf-8", newline="") as handle:
        rows = csv.DictReader(handle, delimiter="\t")
        missing = [column for column in COLUMNS if column not in (rows.fieldnames or [])]
        if missing:
            raise InputError(
                f"'{path}' has columns {rows.fieldnames}; a CASE 2021 task 2 TSV needs "
                f"{', '.join(COLUMNS)} (missing: {', '.join(missing)})."
            )
        return [Snippet(row["id"], row["EventSnippet"] or "", row["SubType"]) for row in rows]


def predict(snippets: Sequence[Snippet], reader: Any, codes: CaseCodes) -> list[str]:
    """One code per snippet; a snippet the reader cannot read gets the fallback."""
    documents: Iterable[RawDocument] = (
        RawDocument(id=snippet.id, text=snippet.text) for snippet in snippets
    )
    return [
        label(result, codes) if isinstance(result, Reading) else FALLBACK
        for result in reader.read_many(documents)
    ]


def run(path: Path, context: EvalContext) -> dict[str, Any]:
    snippets = read_snippets(require(path, "CASE 2021 event-snippet TSV"))
    predicted = predict(snippets, context.reader, case_codes())
    gold = [snippet.label for snippet in snippets]
    correct = sum(1 for g, p in zip(gold, predicted, strict=True) if g == p)
    return rounded(
        {
            "n": len(gold),
            "accuracy": correct / len(gold) if gold else 0.0,
            "weighted_f1": weighted_f1(gold, predicted),
        }
    )
