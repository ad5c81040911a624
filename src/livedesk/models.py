"""The shared vocabulary: frozen records that every stage reads and writes.

Each fact carries provenance: the sentence it came from and character offsets into the
reading's ``body`` (``sentence == -1`` means the title, with offsets into the title).
``to_json()`` on a :class:`Reading` gives the public JSON contract documented in
``docs/reading.md`` and checked against ``schema/reading.schema.json``.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

PRECISIONS = ("second", "minute", "hour", "day", "month", "year", "unknown")
PUBLISHED_SOURCES = ("given", "metadata", "text", "relative")
MODALITIES = ("reported", "anticipated", "intended", "hypothetical", "negated")
FIGURE_KINDS = ("killed", "injured", "missing", "abducted", "arrested", "displaced", "affected")
QUALIFIERS = ("exact", "more_than", "at_least", "up_to", "less_than", "about", "range", "vague")
PLOVER_TYPES = (
    "AGREE",
    "CONSULT",
    "SUPPORT",
    "CONCEDE",
    "COOPERATE",
    "AID",
    "RETREAT",
    "REQUEST",
    "ACCUSE",
    "REJECT",
    "THREATEN",
    "PROTEST",
    "SANCTION",
    "MOBILIZE",
    "COERCE",
    "ASSAULT",
)
TITLE_SENTENCE = -1


@dataclass(frozen=True)
class Evidence:
    """Where a fact was read: sentence index and character span (into body, or title if -1)."""

    sentence: int
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class DateValue:
    """A date as read: ISO value truncated to its precision (or None), and the raw text."""

    value: str | None
    precision: str
    text: str | None


@dataclass(frozen=True)
class Published:
    """When the report was published, and how livedesk knows (given/metadata/text/relative)."""

    value: str | None
    precision: str
    text: str | None
    source: str | None


@dataclass(frozen=True)
class Sentence:
    index: int
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Mention:
    sentence: int
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Actor:
    """CAMEO/PLOVER-style actor code: ISO-3 country (or IGO code) and sector."""

    country: str | None
    sector: str | None


@dataclass(frozen=True)
class Entity:
    id: str
    name: str
    type: str
    aliases: tuple[str, ...]
    actor: Actor | None
    mentions: tuple[Mention, ...]


@dataclass(frozen=True)
class Place:
    id: str
    name: str
    lat: float | None
    lon: float | None
    geonames_id: int | None
    country: str | None
    feature: str
    precision: str
    mentions: tuple[Mention, ...]


@dataclass(frozen=True)
class Participant:
    name: str
    entity: str | None
    country: str | None
    sector: str | None


@dataclass(frozen=True)
class Attribution:
    speaker: str
    entity: str | None
    anonymous: bool


@dataclass(frozen=True)
class Figure:
    kind: str
    low: int | None
    high: int | None
    approx: int | None
    qualifier: str
    who: str | None
    place: str | None
    date: DateValue | None
    attribution: Attribution | None
    modality: str
    evidence: Evidence


@dataclass(frozen=True)
class Event:
    type: str
    mode: str | None
    acled: str | None
    trigger: str
    actors: tuple[Participant, ...]
    recipients: tuple[Participant, ...]
    place: str | None
    date: DateValue | None
    modality: str
    figures: tuple[int, ...]
    attribution: Attribution | None
    evidence: Evidence


@dataclass(frozen=True)
class Quote:
    """A quotation or an attribution. ``kind`` tells them apart: ``direct`` (words between
    quotation marks), ``speech`` (reported speech), ``belief`` (what a source thinks, expects
    or wants), ``evidence`` (what a poll, video or document shows) or ``stance`` (a position
    taken: praised, condemned, backs). Left empty it follows ``direct``: ``direct`` or
    ``speech``."""

    text: str
    speaker: str | None
    entity: str | None
    anonymous: bool
    cue: str | None
    direct: bool
    evidence: Evidence
    kind: str = ""

    def __post_init__(self) -> None:
        if not self.kind:
            object.__setattr__(self, "kind", "direct" if self.direct else "speech")


@dataclass(frozen=True)
class DateReference:
    """A date expression of the body, resolved against the publication date."""

    value: str | None
    precision: str
    text: str
    evidence: Evidence


@dataclass(frozen=True)
class KeyPoint:
    text: str
    score: float
    evidence: Evidence


@dataclass(frozen=True)
class Reading:
    """Everything livedesk reads out of one report."""

    id: str
    title: str | None
    url: str | None
    language: str
    published: Published
    retrieved: str | None
    body: str
    sentences: tuple[Sentence, ...]
    entities: tuple[Entity, ...] = ()
    places: tuple[Place, ...] = ()
    events: tuple[Event, ...] = ()
    figures: tuple[Figure, ...] = ()
    quotes: tuple[Quote, ...] = ()
    dates: tuple[DateReference, ...] = ()
    key_points: tuple[KeyPoint, ...] = ()
    notes: tuple[str, ...] = field(default=())

    def to_json(self) -> dict[str, Any]:
        """The public JSON contract: plain dicts and lists, tuples turned into lists."""
        return _plain(asdict(self))


def _plain(value: Any) -> Any:
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(item) for item in value]
    return value
