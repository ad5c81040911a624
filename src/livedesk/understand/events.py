"""Events: who did what to whom, where, when, how sure, and on whose word.

For every sentence of an English report (and its title):

1. Find trigger words (``triggers.py``) and drop the ones nested inside another trigger's
   phrase ("demand a cease fire", "in support of the invasion"): they are that event's content,
   not events of their own. A nested trigger of the same type lends its mode ("artillery
   attack" → heavy weapons).
2. Keep one event per type per sentence (the first trigger, the fullest reading).
3. Actors and recipients from the parse: subject and agent act; objects, passive subjects and
   "on/against/with/into X" receive; a noun trigger takes the subject of its light verb ("began
   talks"), except after verbs of undergoing ("came under attack"), whose subject receives.
   (roles.py) A pronoun takes the sentence's source or the previous sentence's actor; an event still
   without a recipient takes the next entity of another country in the sentence.
4. Place, date, modality, attribution and the figures of the same sentence.
5. An event of the body missing its actor borrows it from a title event of the same type and
   place ("Russia bombards Kharkiv").
"""

from __future__ import annotations

import re
from typing import Any

from livedesk.models import TITLE_SENTENCE, DateValue, Event, Evidence, Figure, Participant, Place
from livedesk.pipeline import Draft
from livedesk.understand.attribution import attribution_for, find_source, governs
from livedesk.understand.dates import find_dates
from livedesk.understand.modality import modality_of
from livedesk.understand.participants import SpanIndex, participants
from livedesk.understand.roles import reports, roles
from livedesk.understand.timeline import nearest_date
from livedesk.understand.triggers import (
    Trigger,
    TriggerRule,
    find_triggers,
    match_token,
    trigger_rules,
)

NESTING_DEPS = {
    "dobj",
    "pobj",
    "prep",
    "compound",
    "amod",
    "xcomp",
    "ccomp",
    "acl",
    "nmod",
    "attr",
    "oprd",
    "relcl",
    "advcl",
    "npadvmod",
    "appos",
    "dative",
}
# How many steps up the tree a trigger may sit under another and still be its content.
MAX_NESTING = 3
# Verbs that decide on or deny the event they govern: both are events ("agreed to freeze
# assets" → AGREE and SANCTION; "denied attacking" → REJECT and a negated ASSAULT).
ASSERTING_VERBS = {"agree", "decide", "vote", "deny", "approve"}
# Forceful events an actor only announces ("said it would carry out strikes") are threats.
THREAT_TYPES = {"ASSAULT", "COERCE", "SANCTION"}
# Modes ranked by how precisely they name the means; the default for other modes is 1.
MODE_SPECIFICITY = {"firearms": 1, "beat": 1, "heavy-weapons": 3, "aerial": 3, "drone": 3,
                    "explosives": 3, "chemical": 4, "riot": 2}  # fmt: skip
CIVILIAN_ATTACK = "Violence against civilians: Attack"
ARMED_CLASH = "Battles: Armed clash"
VIOLENT_DEMONSTRATION = "Riots: Violent demonstration"
EXCESSIVE_FORCE = "Protests: Excessive force against protesters"
ARMED_SECTORS = {"MIL", "REB", "COP"}
# Targets that are armed men or their installations, whatever their owner: attacking them is
# a battle in ACLED's sense (Armed clash), not violence against civilians.
ARMED_TARGET = re.compile(
    r"\b(military|army|troops?|soldiers?|forces|militiam[ae]n|militias?|militants?|fighters?|"
    r"insurgents?|rebels?|terrorists?|base|bases|barracks|checkpoints?|outposts?|garrison|"
    r"positions?)\b",
    re.IGNORECASE,
)
# Finer places first: an event "in three areas of Kharkiv, Ukraine" happened in Kharkiv.
FEATURE_RANK = {"point": 0, "city": 1, "admin2": 2, "admin1": 3, "country": 4}
PLACE_PREPS = {
    "in",
    "at",
    "near",
    "outside",
    "around",
    "on",
    "into",
    "across",
    "inside",
    "of",
    "from",
    "to",
    "toward",
    "towards",
    "over",
    "through",
    "throughout",
}


def _nested(trigger: Trigger, others: list[Trigger]) -> Trigger | None:
    """The trigger this one is the content of, if any."""
    tokens = {other.token.i: other for other in others if other is not trigger}
    token = trigger.token
    for _step in range(MAX_NESTING):
        conjoined_object = token.dep_ == "conj" and token.pos_ in {"NOUN", "PROPN"}
        if (token.dep_ not in NESTING_DEPS and not conjoined_object) or token.head.i == token.i:
            return None
        token = token.head
        if token.i in tokens:
            return tokens[token.i]
    return None


class EventStage:
    name = "events"
    requires = ("body", "sentences", "entities", "places", "figures", "dates")
    assigns = ("events",)

    def __call__(self, draft: Draft) -> None:
        if draft.doc is None:
            draft.facts["events"] = ()
            return
        spans = draft.facts.get("spans") or []
        places = {place.id: place for place in draft.facts["places"]}
        figures: tuple[Figure, ...] = draft.facts["figures"]
        events: list[Event] = []
        title_events: list[Event] = []
        if draft.title_doc is not None:
            index = SpanIndex(spans, title=True, places=places)
            for sentence in draft.title_doc.sents:
                title_events += self._read_sentence(
                    sentence, TITLE_SENTENCE, index, draft, figures, previous=[]
                )
            title_events += _headline_events(draft, index, title_events)
        index = SpanIndex(spans, title=False, places=places)
        previous: list[Participant] = []
        for number, sentence in enumerate(_body_sentences(draft)):
            found = self._read_sentence(sentence, number, index, draft, figures, previous)
            events += found
            acting = [event.actors for event in found if any(a.country for a in event.actors)]
            previous = list(acting[0]) if acting else previous
        events = [_borrow_from_title(event, title_events, places) for event in events]
        draft.facts["events"] = tuple(title_events + events)

    def _read_sentence(
        self,
        sentence: Any,
        number: int,
        index: SpanIndex,
        draft: Draft,
        figures: tuple[Figure, ...],
        previous: list[Participant],
    ) -> list[Event]:
        triggers = find_triggers(sentence)
        kept: dict[str, Trigger] = {}
        modes: dict[str, tuple[str | None, str | None]] = {}
        for trigger in triggers:
            outer = _nested(trigger, triggers)
            if outer is not None and outer.token.lemma_.lower() in ASSERTING_VERBS:
                outer = None  # "agreed to freeze assets": the freeze is an event too
            if outer is None:
                kept.setdefault(trigger.type, trigger)
            # The sentence's most specific means names its event of that type: "killed … in
            # an IED blast" is a remote explosive, "artillery attack" heavy weapons.
            kind = trigger.type
            if outer is not None and outer.type != kind:
                continue  # "sent missiles as aid": the aid is not armed
            current = modes.get(kind, (None, None))
            if _specificity(trigger.rule.mode) > _specificity(current[0]):
                modes[kind] = (trigger.rule.mode, trigger.rule.acled)
        source = find_source(sentence)
        evidence = Evidence(number, sentence.start_char, sentence.end_char, sentence.text)
        events = []
        for kind, trigger in kept.items():
            mode, acled = modes.get(kind, (trigger.rule.mode, trigger.rule.acled))
            actors, recipients = roles(trigger, index, source, previous)
            acled = _acled_for_roles(kind, acled, actors, recipients, _target_text(trigger.token))
            modality = modality_of(trigger.token)
            announced = modality in {"intended", "anticipated"} and reports(source, trigger.token)
            if kind in THREAT_TYPES and announced and _speaks_for(source, actors, index):
                kind, mode, acled = "THREATEN", None, None
            attribution = _attribution(trigger, source, sentence, index, actors)
            events.append(
                Event(
                    type=kind,
                    mode=mode,
                    acled=acled,
                    trigger=trigger.token.text,
                    actors=tuple(actors),
                    recipients=tuple(recipients),
                    place=_place(trigger, sentence, index),
                    date=_date(trigger, sentence, number, draft),
                    modality=modality,
                    figures=tuple(
                        i for i, figure in enumerate(figures) if figure.evidence.sentence == number
                    ),
                    attribution=attribution,
                    evidence=evidence,
                )
            )
        return events


def _specificity(mode: str | None) -> int:
    """How precisely a mode names the means of an event (a weapon beats "firearms")."""
    return MODE_SPECIFICITY.get(mode, 1) if mode else 0


def _target_text(token: Any) -> str:
    """The words of what an event is done to: its object and prepositional phrases."""
    parts = [
        " ".join(t.text for t in child.subtree)
        for child in token.children
        if child.dep_ in {"dobj", "obj", "nsubjpass", "prep", "dative", "attr"}
    ]
    return " ".join(parts)


def _acled_for_roles(
    kind: str,
    acled: str | None,
    actors: list[Participant],
    recipients: list[Participant],
    target: str = "",
) -> str | None:
    """ACLED's types follow who fights whom: violence by protesters is a riot, force used on
    protesters is excessive force, violence against armed men is a battle, against unarmed
    people an attack."""
    if kind != "ASSAULT":
        return acled
    if any(actor.sector == "OPP" for actor in actors):
        return VIOLENT_DEMONSTRATION
    if any(r.sector == "OPP" for r in recipients) and any(
        a.sector in ARMED_SECTORS | {"GOV"} for a in actors
    ):
        return EXCESSIVE_FORCE
    civilians = any(r.sector == "CVL" for r in recipients)
    if acled == CIVILIAN_ATTACK and not civilians:
        armed = any(r.sector in ARMED_SECTORS or ARMED_TARGET.search(r.name) for r in recipients)
        if armed or ARMED_TARGET.search(target):
            return ARMED_CLASH
    return acled


def _speaks_for(source: Any, actors: list[Participant], index: SpanIndex) -> bool:
    """Whether the source announcing an event is its actor ("Russia said it would strike")."""
    if not actors:
        return False
    entity = index.entity_of(source.head.i)
    return any(actor.entity is not None and actor.entity == entity for actor in actors)


def _attribution(
    trigger: Trigger, source: Any, sentence: Any, index: SpanIndex, actors: list[Participant]
) -> Any:
    """The sentence's source, unless the source is the actor itself (a speech act, or "Putin
    said he had put…") or the trigger is the reporting verb or inside the source phrase."""
    if source is None or trigger.token.i in range(*source.tokens):
        return None
    if not governs(source, trigger.token):
        return None
    if trigger.token.i == source.head.head.i and source.cue != "according to":
        return None
    attribution = attribution_for(source, sentence.text, index)
    if attribution is None:
        return None
    for actor in actors:
        if attribution.entity and actor.entity == attribution.entity:
            return None
        if actor.name and actor.name in attribution.speaker:
            return None
    return attribution


def locative(token: Any) -> bool:
    """Whether a place name stands where something happens ("in Kyiv", "areas of Kharkiv",
    "Kharkiv, Ukraine's second city"), not as a subject, owner or target."""
    current = token
    while current.dep_ in {"compound", "appos", "conj", "nmod"} and current.head.i != current.i:
        current = current.head
    if current.dep_ == "pobj":
        preposition = current.head
        if preposition.lower_ == "of" and match_token(preposition.head) is not None:
            return False  # "invasion of Ukraine": a target, not a location
        return preposition.lower_ in PLACE_PREPS
    return current.dep_ in {"npadvmod", "ROOT"}


def _place(trigger: Trigger, sentence: Any, index: SpanIndex) -> str | None:
    """The most specific of the sentence's locative place mentions ("areas of Kharkiv,
    Ukraine's second city" → Kharkiv), the nearest to the trigger among equals."""
    best: tuple[int, int, str] | None = None
    for token in sentence:
        place = index.place_of(token.i)
        if place is None or not locative(token):
            continue
        feature = index.places[place].feature if place in index.places else "unknown"
        rank = (FEATURE_RANK.get(feature, len(FEATURE_RANK)), abs(token.i - trigger.token.i))
        if best is None or rank < best[:2]:
            best = (*rank, place)
    return best[2] if best else None


def _date(trigger: Trigger, sentence: Any, number: int, draft: Draft) -> DateValue | None:
    """The date nearest the trigger in its sentence (the title is dated on its own)."""
    position = trigger.token.idx - sentence.start_char
    if number != TITLE_SENTENCE:
        return nearest_date(draft, number, position)
    mentions = find_dates(sentence.text, draft.published, "en")
    if not mentions:
        return None
    return min(mentions, key=lambda m: abs(m.start - position)).value


def _body_sentences(draft: Draft) -> list[Any]:
    """The parser's sentences that match the reading's sentence list, in order."""
    result = []
    doc = draft.doc
    for sentence in draft.facts["sentences"]:
        span = doc.char_span(sentence.start, sentence.end, alignment_mode="expand")
        result.append(span if span is not None else doc[0:0])
    return result


def _verb_rule(word: str) -> TriggerRule | None:
    """The verb rule for a third-person form ("bombards", "pushes") of a trigger verb."""
    for stem in (word[:-1], word[:-2]):
        for rule in trigger_rules().get(stem, ()):
            if rule.pos in {"VERB", "*"} and not rule.objects and not rule.particle:
                return rule
    return None


def _headline_events(draft: Draft, index: SpanIndex, found: list[Event]) -> list[Event]:
    """Headlines drop articles and auxiliaries, and small parsers read "Russia bombards
    Kharkiv" as a noun compound. The pattern NAME verb-s NAME is read here as an event."""
    doc = draft.title_doc
    events = []
    for token in doc[1:-1]:
        rule = _verb_rule(token.lower_) if token.lower_.endswith("s") else None
        if rule is None or any(e.type == rule.type for e in found):
            continue
        before, after = index.span_of(token.i - 1), index.span_of(token.i + 1)
        if before is None or after is None:
            continue
        actors = participants(doc[token.i - 1], index)
        recipients = participants(doc[token.i + 1], index)
        place = after.extra.get("place")
        sentence = token.sent
        events.append(
            Event(
                type=rule.type,
                mode=rule.mode,
                acled=rule.acled,
                trigger=token.text,
                actors=tuple(actors),
                recipients=tuple(recipients),
                place=place,
                date=None,
                modality="reported",
                figures=(),
                attribution=None,
                evidence=Evidence(
                    TITLE_SENTENCE, sentence.start_char, sentence.end_char, sentence.text
                ),
            )
        )
    return events


def _borrow_from_title(event: Event, title_events: list[Event], places: dict[str, Place]) -> Event:
    if event.actors:
        return event
    for title_event in title_events:
        if title_event.type != event.type or not title_event.actors:
            continue
        same_place = event.place is not None and (
            title_event.place == event.place
            or any(r.name == places[event.place].name for r in title_event.recipients)
            if event.place in places
            else False
        )
        if same_place:
            return Event(**{**event.__dict__, "actors": title_event.actors})
    return event
