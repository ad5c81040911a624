"""Events: who did what to whom, where, when, how sure, and on whose word.

For every sentence of an English report (and its title):

1. Find trigger words (``triggers.py``) and drop the ones nested inside another trigger's
   phrase ("demand a cease fire", "in support of the invasion"): they are that event's content,
   not events of their own. A nested trigger of the same type lends its mode ("artillery
   attack" → heavy weapons). Weapons named where weapons are seized, or crowds dispersed, are
   the means of that act, not attacks; firing tear gas is the dispersal, not an assault.
2. Keep one event per type per sentence (the first trigger, the fullest reading).
3. Actors and recipients from the parse: subject and agent act; objects, passive subjects and
   "on/against/with/into X" receive; a noun trigger takes the subject of its light verb ("began
   talks"), except after verbs of undergoing ("came under attack"), whose subject receives.
   (roles.py) A pronoun takes the sentence's source or the previous sentence's actor; an event still
   without a recipient takes the next entity of another country in the sentence.
4. Place, date, modality, attribution and the figures of the same sentence; the ACLED type
   from roles and wording (``event_acled.py``); PLOVER's speech-act conventions
   (``event_conventions.py``): announced cooperation is also an AGREE, refused cooperation a
   REJECT, an announced forceful act or a conditional one a THREATEN, a reported "must" a
   REQUEST.
5. An event of the body missing its actor borrows it from a title event of the same type and
   place ("Russia bombards Kharkiv").
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from livedesk.models import TITLE_SENTENCE, DateValue, Event, Evidence, Figure, Participant, Place
from livedesk.pipeline import Draft
from livedesk.resolve.actors import sector_of, sector_words
from livedesk.understand.attribution import attribution_for, find_source, governs
from livedesk.understand.dates import find_dates
from livedesk.understand.event_acled import TERRITORY, acled_type
from livedesk.understand.event_conventions import (
    COOPERATIVE,
    DEMAND_RULE,
    FUTURE,
    SANCTION_CONDITIONS,
    conditional,
    demand_roles,
    demanded,
    forecast,
    promise,
    refusal,
)
from livedesk.understand.modality import modality_cue
from livedesk.understand.participants import SpanIndex, participants
from livedesk.understand.roles import reports, roles
from livedesk.understand.syntax import SUBJECT_DEPS
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
# Prepositions of the aim of an act.
AIMED = {"on", "against", "at", "upon"}
# Phrases of time and cause: an event in them is not the content of the event they follow.
CIRCUMSTANCE_PREPS = {"after", "before", "since", "following", "amid", "amidst", "despite",
                      "until", "ahead"}  # fmt: skip
# How many steps up the tree a trigger may sit under another and still be its content.
MAX_NESTING = 3
# Verbs that decide on or deny the event they govern: both are events ("agreed to freeze
# assets" → AGREE and SANCTION; "denied attacking" → REJECT and a negated ASSAULT).
ASSERTING_VERBS = {"agree", "decide", "vote", "deny", "approve"}
# Forceful events an actor only announces ("said it would carry out strikes") are threats.
THREAT_TYPES = {"ASSAULT", "COERCE", "PROTEST"}
# A sanction announced is a decision taken ("said it would close its airspace"); made to depend
# on the other side ("will impose sanctions unless…", "may halt aid if…") it is a threat.
CONDITIONAL_THREATS = {"SANCTION"}
# An attempt is made, not announced: "said they tried to kill him" reports an assault; an act
# agreed or decided on ("agreed to freeze assets") is that act, not a threat of it.
ATTEMPTS = {"try", "attempt"}
# Modes ranked by how precisely they name the means; the default for other modes is 1.
# A suicide bombing is named by that means before any explosive; sexual violence and abduction
# before the beating or shooting that went with them (ACLED's sub-event precedence).
MODE_SPECIFICITY = {"firearms": 1, "beat": 1, "abduct": 2, "heavy-weapons": 3, "aerial": 3,
                    "drone": 3, "explosives": 3, "sexual": 3, "chemical": 4,
                    "suicide-attack": 4, "riot": 2}  # fmt: skip
DISRUPTED_WEAPONS = "Strategic developments: Disrupted weapons use"
WEAPONS_AS_MEANS = {DISRUPTED_WEAPONS, "Protests: Protest with intervention"}
# Trigger nouns that name a weapon rather than its use.
WEAPON_NOUNS = {"grenade", "ied", "landmine", "missile", "rocket", "mortar", "artillery", "drone",
                "bomb", "device"}  # fmt: skip
VERBAL_PROTEST = TriggerRule("protest", None, frozenset(), None, "VERB", "ACCUSE", None, None)
# Words of having, making or moving things: a weapon they govern is equipment.
HOLDING = {"receive", "send", "supply", "deliver", "sell", "buy", "purchase", "acquire",
           "possess", "manufacture", "produce", "develop", "build", "export", "import", "ship",
           "transfer", "own", "stockpile", "store", "display", "parade", "transport", "part",
           "component", "shipment", "delivery", "sale", "stock", "arsenal", "factory",
           "production", "convoy", "column", "shop", "programme", "program"}  # fmt: skip
# Steps up a list of equipment ("a convoy of vehicles, tanks and artillery").
EQUIPMENT_STEPS = 5
# Pacts that name the bodies they form ("the alliance", "the coalition").
BODIES = {"alliance", "coalition"}
# Nouns for the doer of violence, which name an attack only as the doer of one.
DOER_TRIGGERS = {"gunman"}
# Workers: a strike they hold is a labour strike.
LABOUR_WORDS = {"worker", "union", "employee", "teacher", "doctor", "nurse", "driver", "miner",
                "trader", "docker", "unionist", "workforce", "staff", "pilot",
                "lecturer"}  # fmt: skip
LABOUR_STRIKES = {"open-ended", "indefinite", "general", "warning", "token", "sympathy",
                  "nationwide", "national", "hunger"}  # fmt: skip
MILITARY_STRIKES = {"air", "missile", "drone", "rocket", "military", "artillery", "retaliatory",
                    "nuclear", "preemptive", "pre-emptive", "surgical", "precision",
                    "airstrike"}  # fmt: skip
LABOUR_STRIKE = TriggerRule(
    "strike", None, frozenset(), None, "NOUN", "PROTEST", "strike", "Protests: Peaceful protest"
)
# Heads naming a body of people, or a property of people: a trigger noun before them names what
# they do ("aid groups", "riot police") or are ("men of fighting age"), not an event.
ACTOR_HEADS = {"group", "agency", "organisation", "organization", "committee", "body", "team",
               "movement", "network", "unit", "squad", "organiser", "organizer", "leader",
               "worker", "official", "age"}  # fmt: skip
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
        if token.dep_ == "prep" and token.lower_ in CIRCUMSTANCE_PREPS:
            return None  # "evacuation after a blast": the blast is no part of the evacuation
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
        found = _verbal_protests(_labour_strikes(_events_only(find_triggers(sentence))))
        triggers = _crowd_control(_without_seized_weapons(found))
        kept: dict[str, Trigger] = {}
        modes: dict[str, tuple[str | None, str | None]] = {}
        triggers = [trigger for trigger in triggers if not forecast(trigger.token)]
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
        foreground = {k: t for k, t in kept.items() if not _background(t.token)}
        if foreground:
            kept = foreground  # "agreed a truce following weeks of fighting": the truce
        source = find_source(sentence)
        demand = demanded(sentence, source)
        if demand is not None and "REQUEST" not in kept:
            kept = {"REQUEST": Trigger(demand, DEMAND_RULE), **kept}
        evidence = Evidence(number, sentence.start_char, sentence.end_char, sentence.text)
        events: list[Event] = []
        for kind, trigger in kept.items():
            mode, acled = modes.get(kind, (trigger.rule.mode, trigger.rule.acled))
            if trigger.rule.acled in TERRITORY:
                acled = trigger.rule.acled  # ground taken "in fierce clashes" is still taken
            if trigger.rule is DEMAND_RULE and source is not None:
                actors, recipients = demand_roles(trigger.token, source, index)
            else:
                actors, recipients = roles(trigger, index, source, previous)
            modality, cue = (
                ("reported", None) if trigger.rule is DEMAND_RULE else modality_cue(trigger.token)
            )
            kind, mode, acled, actors = acled_type(
                trigger,
                kind,
                mode,
                acled,
                actors,
                recipients,
                target=_target_text(trigger.token),
                text=sentence.text,
                protest=any(item.type == "PROTEST" for item in triggers),
                reported=modality == "reported",
            )
            announced = (
                modality in FUTURE
                and reports(source, trigger.token)
                and trigger.token.head.lemma_.lower() not in ATTEMPTS | ASSERTING_VERBS
            )
            if kind in THREAT_TYPES and announced and _speaks_for(source, actors, index):
                kind, mode, acled = "THREATEN", None, None
            elif (kind in COOPERATIVE and modality in FUTURE and conditional(trigger.token)) or (
                kind in CONDITIONAL_THREATS
                and modality in FUTURE | {"hypothetical"}
                and conditional(trigger.token, SANCTION_CONDITIONS)
            ):
                kind, mode, acled = "THREATEN", None, None  # "will withdraw … unless …"
            attribution = _attribution(trigger, source, sentence, index, actors)
            place = _place(trigger, sentence, index)
            recipients = _located(recipients, place, index)
            event = Event(
                type=kind,
                mode=mode,
                acled=acled,
                trigger=trigger.token.text,
                actors=tuple(actors),
                recipients=tuple(recipients),
                place=place,
                date=_date(trigger, sentence, number, draft),
                modality=modality,
                figures=tuple(
                    i for i, figure in enumerate(figures) if figure.evidence.sentence == number
                ),
                attribution=attribution,
                evidence=evidence,
            )
            stance = promise(event, cue) or refusal(event)
            if stance is not None and stance.type not in {*kept, *(e.type for e in events)}:
                events.append(stance)
            events.append(event)
        return events


def _labour_strikes(triggers: list[Trigger]) -> list[Trigger]:
    """A strike by workers is a protest (ACLED: a strike is a peaceful protest; PLOVER: PROTEST
    strike), not a military strike: the noun "strike" called open-ended, indefinite or general,
    "on strike", or a strike by workers, a union or staff (its verb's subject, its owner or its
    "by" phrase) is a labour strike."""
    return [
        Trigger(trigger.token, LABOUR_STRIKE) if _labour(trigger) else trigger
        for trigger in triggers
    ]


def _verbal_protests(triggers: list[Trigger]) -> list[Trigger]:
    """To protest that something is wrong ("a rights group protested that the authorities were
    failing…") is to disapprove in words, PLOVER's ACCUSE; PROTEST is a demonstration."""
    return [
        Trigger(t.token, VERBAL_PROTEST)
        if t.type == "PROTEST"
        and t.token.pos_ == "VERB"
        and t.token.lemma_.lower() == "protest"
        and any(child.dep_ == "ccomp" for child in t.token.children)
        else t
        for t in triggers
    ]


def _labour(trigger: Trigger) -> bool:
    token = trigger.token
    if token.lemma_.lower() != "strike" or token.pos_ != "NOUN":
        return False
    modifiers = {
        "".join(item.text_with_ws for item in child.subtree).strip().lower()
        for child in token.children
        if child.dep_ in {"amod", "compound"}
    }  # "open-ended" whole, as the tokenizer splits it
    if modifiers & MILITARY_STRIKES or trigger.rule.mode in {"aerial", "drone"}:
        return False
    bare = not any(child.dep_ in {"det", "poss"} for child in token.children)
    if modifiers & LABOUR_STRIKES or (bare and token.dep_ == "pobj" and token.head.lower_ == "on"):
        return True  # "an indefinite strike", "went on strike"
    doers = [c for c in token.children if c.dep_ in {"poss", "compound"}]
    doers += [g for c in token.children if c.lower_ == "by" for g in c.children]
    for verb in list(token.ancestors)[:3]:
        doers += [c for c in verb.children if c.dep_ in {"nsubj", "dobj"} and c is not token]
    return any(doer.lemma_.lower() in LABOUR_WORDS for doer in doers)


def _background(token: Any) -> bool:
    """Whether an event is told as the time or cause of another ("after a blast", "following
    weeks of fighting", "amid clashes"): a phrase of circumstance holds it."""
    for _step in range(MAX_NESTING + 1):
        if token.dep_ == "prep" and token.lower_ in CIRCUMSTANCE_PREPS:
            return True
        if token.head.i == token.i:
            return False
        token = token.head
    return False


def _events_only(triggers: list[Trigger]) -> list[Trigger]:
    """Trigger words that name an event, not a kind of actor or a property: a noun before a
    noun for people or a body ("aid groups", "riot police", "protest organisers") says what the
    actor does, and a participle before a noun ("allied leaders") is an adjective."""
    return [
        trigger
        for trigger in triggers
        if not _modifier_of_actor(trigger.token)
        and not _idle_doer(trigger, triggers)
        and not _body(trigger.token)
        and not _equipment(trigger)
    ]


def _equipment(trigger: Trigger) -> bool:
    """A weapon named as a thing had, made or moved ("receiving parts for drones", "a convoy of
    tanks and towed artillery") is equipment, not an attack."""
    token = trigger.token
    if token.pos_ != "NOUN" or trigger.rule.lemma not in WEAPON_NOUNS:
        return False
    for _step in range(EQUIPMENT_STEPS):
        if token.dep_ not in {"dobj", "pobj", "prep", "conj", "compound", "nsubjpass", "appos"}:
            return False
        token = token.head
        if token.lemma_.lower() in HOLDING:
            return True
        rule = match_token(token)
        if rule is not None and rule.lemma not in WEAPON_NOUNS:
            return False  # "an attack with drones": the drones are its means
    return False


def _body(token: Any) -> bool:
    """ "The alliance was deploying…": a noun for a pact that acts is the body it formed."""
    return token.lemma_.lower() in BODIES and token.dep_ in SUBJECT_DEPS


def _idle_doer(trigger: Trigger, triggers: list[Trigger]) -> bool:
    """A noun for a violent doer ("gunmen") names an attack only as the doer of one: "gunmen
    killed…", "killed by gunmen"; "a commander of the gunmen defected" tells of none."""
    if trigger.rule.lemma not in DOER_TRIGGERS:
        return False
    acts = {other.token.i for other in triggers if other.type == "ASSAULT" and other is not trigger}
    return not any(ancestor.i in acts for ancestor in list(trigger.token.ancestors)[:2])


def _modifier_of_actor(token: Any) -> bool:
    head = token.head
    if head.i == token.i or head.pos_ not in {"NOUN", "PROPN"}:
        return False
    if token.dep_ == "amod" and token.pos_ == "VERB":
        return token.tag_ == "VBN" and head.lemma_.lower() in ACTOR_HEADS | set(sector_words())
    if token.dep_ != "compound" or match_token(head) is not None:
        return False
    lemma = head.lemma_.lower()
    return (
        lemma in ACTOR_HEADS
        or sector_of(lemma) is not None
        or sector_of(f"{token.lemma_.lower()} {lemma}") is not None
    )


def _without_seized_weapons(triggers: list[Trigger]) -> list[Trigger]:
    """Weapons named where weapons are found, seized or defused are what was disrupted (ACLED's
    disrupted weapons use), and where a crowd is dispersed ("stun grenades") the means of the
    intervention: not attacks of their own."""
    if not any(trigger.rule.acled in WEAPONS_AS_MEANS for trigger in triggers):
        return triggers
    return [
        trigger
        for trigger in triggers
        if not (trigger.token.pos_ == "NOUN" and trigger.rule.lemma in WEAPON_NOUNS)
    ]


def _crowd_control(triggers: list[Trigger]) -> list[Trigger]:
    """Firing tear gas or rubber bullets is an intervention against a crowd, not an assault:
    the act whose content is a means of crowd control gives way to it."""
    outers = set()
    for trigger in triggers:
        outer = _nested(trigger, triggers) if trigger.rule.mode == "disperse" else None
        if outer is not None and outer.type == "ASSAULT":
            outers.add(outer.token.i)
    return [trigger for trigger in triggers if trigger.token.i not in outers]


def _located(
    recipients: list[Participant], place: str | None, index: SpanIndex
) -> list[Participant]:
    """Those acted upon who are named only by what they are ("demonstrators", "villagers")
    belong to the country the event happened in."""
    country = index.places[place].country if place in index.places else None
    if country is None:
        return recipients
    return [
        replace(r, country=country) if r.country is None and r.entity is None else r
        for r in recipients
    ]


def _specificity(mode: str | None) -> int:
    """How precisely a mode names the means of an event (a weapon beats "firearms")."""
    return MODE_SPECIFICITY.get(mode, 1) if mode else 0


def _target_text(token: Any) -> str:
    """The words of what an event is done to: its object and prepositional phrases, or the
    object it shares with a verb coordinated with it ("killed and wounded dozens of fighters"),
    the aim its light verb gives a noun ("launched an attack on a base") and what an attack
    set out to take ("an attack to capture positions")."""
    deps = {"dobj", "obj", "nsubjpass", "prep", "dative", "attr"}
    children = [child for child in token.children if child.dep_ in deps]
    if not any(child.dep_ in {"dobj", "obj"} for child in children):
        for verb in token.children:
            if verb.dep_ == "conj" and verb.pos_ == "VERB":
                children += [child for child in verb.children if child.dep_ in {"dobj", "obj"}]
    if token.pos_ == "NOUN" and token.dep_ in {"nsubjpass", "dobj"}:
        # "an attack was launched on a base", "carried out an attack on a base"
        children += [c for c in token.head.children if c.dep_ == "prep" and c.lower_ in AIMED]
    for clause in token.children:
        if clause.dep_ in {"acl", "xcomp"}:  # "an attack to capture the army's positions"
            children += [c for c in clause.children if c.dep_ in {"dobj", "obj"}]
    return " ".join(" ".join(t.text for t in child.subtree) for child in children)


def _speaks_for(source: Any, actors: list[Participant], index: SpanIndex) -> bool:
    """Whether the source announcing an event is its actor ("Russia said it would strike")."""
    if not actors:
        return False
    entity = index.entity_of(source.head.i)
    if any(actor.entity is not None and actor.entity == entity for actor in actors):
        return True
    # A speaker that is not a named entity ("radical farmers said they would…").
    return any(speaker in actors for speaker in participants(source.head, index))


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
