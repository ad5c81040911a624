"""Roles: who acts and who is acted upon in an event, read from the parse.

1. The subject (each of coordinated subjects: "Jordan and Britain agreed") acts, climbing
   through "preparing to send", "began talks", "willing to talk"; after verbs of undergoing
   ("came under attack", "faced resistance") the subject receives.
2. Passive subjects, objects of types that have targets, and "on/against/with/into X"
   receive; "by/between/from X" act, except that a retreat "from X" leaves X; possessives and
   nationality words act ("Russia's invasion", "Russian shelling").
3. A pronoun takes the source of the reporting verb that governs it ("Putin said he had
   put…"), else the actors of the previous sentence.
4. Only informative participants stay (an entity, a country or a sector); an own mission
   abroad stands for its host; without a target, types that need one take the next entity of
   another country in the sentence, and reactions the previous sentence's actors.
"""

from __future__ import annotations

from typing import Any

from livedesk.models import Participant
from livedesk.understand.attribution import PRONOUNS
from livedesk.understand.participants import SpanIndex, participants
from livedesk.understand.triggers import Trigger

UNDERGO_VERBS = {"come", "face", "suffer", "endure", "sustain", "withstand", "undergo", "receive",
                 "need", "require", "meet", "encounter"}  # fmt: skip
# "under attack", "under bombardment": whoever is under it undergoes it.
UNDERGO_PREPS = {"under"}
# Phrases of time and cause: an event in them is not done by the clause's subject.
CIRCUMSTANCE_PREPS = {"after", "before", "since", "during", "despite", "amid", "amidst",
                      "following", "until", "because", "than", "like", "ahead"}  # fmt: skip
# Verbs whose object is an event someone else did: reporting, perceiving, judging it.
WITNESS_VERBS = {"report", "describe", "call", "hear", "see", "witness", "watch", "film",
                 "record", "comment", "condemn", "denounce", "deplore", "criticize", "criticise",
                 "confirm", "document", "verify", "blame", "mourn", "show", "note", "cite",
                 "recall", "remember", "fear", "expect", "predict", "survive", "flee", "escape",
                 "investigate", "probe", "protest", "discuss", "study", "monitor", "track",
                 "count", "estimate"}  # fmt: skip
RECIPIENT_PREPS = {"on", "against", "with", "into", "to", "at", "upon", "toward", "towards"}
ACTOR_PREPS = {"by", "between", "from"}
# Withdrawing "from X" leaves X: X is the target of a retreat, not its actor.
LEAVING_TYPES = {"RETREAT"}
LEFT_PREPS = {"from", "out"}
PERSONAL_PRONOUNS = {"he", "she", "him", "her", "his"}
GROUP_PRONOUNS = {"it", "its", "they", "them", "their"}
# Types where the direct object is the target (not the thing moved or given).
OBJECT_IS_TARGET = {
    "ASSAULT",
    "COERCE",
    "SANCTION",
    "ACCUSE",
    "REJECT",
    "REQUEST",
    "CONSULT",
    "SUPPORT",
    "THREATEN",
    "PROTEST",
    "AGREE",
    "COOPERATE",
}
# Types whose target, when the parse names none, is the next entity of another country.
FALLBACK_TYPES = {
    "ASSAULT",
    "COERCE",
    "SANCTION",
    "ACCUSE",
    "REJECT",
    "REQUEST",
    "THREATEN",
    "MOBILIZE",
}
TARGET_LABELS = {"GPE", "NORP", "ORG", "PERSON", "LOC"}
# Reactions aim at the previous sentence's actor when the sentence names no target.
REACTIONS = {"ACCUSE", "REJECT", "SUPPORT", "THREATEN", "SANCTION", "PROTEST"}


def subject_of_trigger(token: Any) -> tuple[Any | None, bool]:
    """(subject token, undergoes?) for a trigger, climbing xcomp/conj/light-verb links. A verb
    with a passive subject of its own has no subject above it ("Kharkiv lies near the border,
    and its districts have been shelled"); an event named in a phrase of time or cause ("went
    off air after the strike") or as what someone reports, sees or judges ("residents described
    heavy shelling") is not done by the subject of that verb; "be under X" and "need X" undergo
    X."""
    current = token
    undergoing = False
    for _step in range(4):
        subjects = [c for c in current.children if c.dep_ in {"nsubj", "csubj"}]
        if subjects:
            lemma = current.lemma_.lower()
            undergoes = current is not token and (lemma in UNDERGO_VERBS or undergoing)
            return subjects[0], undergoes
        passive = [c for c in current.children if c.dep_ == "nsubjpass"]
        if passive:
            return (passive[0], True) if current is not token else (None, False)
        if current is not token and current.pos_ == "VERB" and _witness(current):
            return None, False
        if current.dep_ == "prep" and current.lower_ in UNDERGO_PREPS:
            undergoing = True  # "came under attack", "has been under bombardment"
        if current.dep_ == "pobj" and current.head.lower_ in CIRCUMSTANCE_PREPS:
            return None, False
        if current.dep_ in {
            "xcomp",
            "conj",
            "dobj",
            "pobj",
            "prep",
            "advcl",
            "acl",
            "compound",
            "acomp",
        }:
            current = current.head
            continue
        break
    return None, False


def _witness(verb: Any) -> bool:
    """Whether a verb reports, perceives or judges its object rather than doing it."""
    return verb.lemma_.lower() in WITNESS_VERBS


def roles(
    trigger: Trigger, index: SpanIndex, source: Any, previous: list[Participant]
) -> tuple[list[Participant], list[Participant]]:
    """Who acts and who is acted upon, for one trigger (see the module docstring)."""
    token = trigger.token
    actors: list[Participant] = []
    recipients: list[Participant] = []
    subject, undergoes = subject_of_trigger(token)
    if subject is not None:
        found = [p for item in conjuncts(subject) for p in participants(item, index)]
        if not found and subject.lower_ in PRONOUNS:
            if reports(source, token):
                found = participants(source.head, index)
            elif previous:
                found = list(previous)
            found = [p for p in found if _agrees(subject.lower_, p, index)]
        if (subject.dep_ == "nsubjpass" and subject.head is token) or undergoes:
            recipients += found
        else:
            actors += found
    for child in token.children:
        if child.dep_ in {"dobj", "nsubjpass"} and trigger.type in OBJECT_IS_TARGET:
            recipients += participants(child, index)
        if child.dep_ == "poss" or (child.dep_ == "amod" and index.span_of(child.i)):
            actors += participants(child, index)
        if child.dep_ in {"prep", "agent"}:
            objects = [c for c in child.children if c.dep_ == "pobj"]
            for obj in objects:
                conj = [obj] + [c for c in obj.children if c.dep_ == "conj"]
                for item in conj:
                    found = participants(item, index)
                    left = child.lower_ in LEFT_PREPS and trigger.type in LEAVING_TYPES
                    if left:
                        recipients += found
                    elif child.lower_ in ACTOR_PREPS or child.dep_ == "agent":
                        actors += found
                    elif child.lower_ in RECIPIENT_PREPS or (
                        child.lower_ == "of" and token.pos_ == "NOUN"
                    ):
                        recipients += found
    actors = [actor for actor in unique(actors) if informative(actor)]
    recipients = [_host(r, index, actors) for r in unique(recipients) if informative(r)]
    recipients = [r for r in recipients if r not in actors]
    if not recipients and trigger.type in FALLBACK_TYPES:
        recipients = _fallback_recipient(trigger, index, actors)
    others = all(p.country != actor.country for p in previous for actor in actors)
    if not recipients and trigger.type in REACTIONS and previous and others:
        recipients = list(previous)
    return actors, recipients


def _agrees(pronoun: str, participant: Participant, index: SpanIndex) -> bool:
    """Whether a pronoun can stand for a participant: "he" or "she" not for a group or a
    country, "it" and "they" not for one named person ("Synehubov said: they hit…")."""
    person = _is_person(participant, index)
    if pronoun in PERSONAL_PRONOUNS:
        return person is not False
    if pronoun in GROUP_PRONOUNS:
        return person is not True
    return True


def _is_person(participant: Participant, index: SpanIndex) -> bool | None:
    """True for a named person, False for a named body or a plural noun, None if unknown. A
    participant named by its owner ("British minister") is judged by its own noun."""
    if participant.entity is not None:
        for span in index.by_token.values():
            same = span.text.removesuffix("'s").removesuffix("’s") == participant.name
            if same and span.extra.get("entity") == participant.entity:
                return span.label == "PERSON"
    word = participant.name.split()[-1].lower() if participant.name else ""
    return False if word.endswith("s") and not word.endswith("ss") else None


def conjuncts(token: Any) -> list[Any]:
    """A token and the tokens coordinated with it ("the United States and Jordan")."""
    found = [token]
    for item in found:
        found += [child for child in item.children if child.dep_ == "conj"]
    return found


def reports(source: Any, token: Any) -> bool:
    """Whether a reporting verb's subject governs the trigger ("Putin said he had put…")."""
    if source is None or source.cue == "according to":
        return False
    verb = source.head.head
    return any(ancestor.i == verb.i for ancestor in token.ancestors)


def informative(participant: Participant) -> bool:
    """A participant that names someone (an entity, a country or a sector), not a thing."""
    return bool(participant.entity or participant.country or participant.sector)


def _host(participant: Participant, index: SpanIndex, actors: list[Participant]) -> Participant:
    """An own mission abroad stands for its host: suspending the U.S. Embassy in Belarus
    targets Belarus."""
    countries = {actor.country for actor in actors}
    if participant.country not in countries or participant.entity is None:
        return participant
    for span in index.by_token.values():
        host = span.extra.get("host_country")
        if span.extra.get("entity") == participant.entity and host and host not in countries:
            return Participant(host, None, host, "GOV")
    return participant


def unique(items: list[Participant]) -> list[Participant]:
    seen: set[tuple[str | None, str | None, str]] = set()
    result = []
    for item in items:
        key = (item.entity, item.country, item.name if item.entity is None else "")
        if key not in seen:
            seen.add(key)
            result.append(item)
    return result


def _fallback_recipient(
    trigger: Trigger, index: SpanIndex, actors: list[Participant]
) -> list[Participant]:
    """The first entity of another country after the trigger, within its sentence."""
    countries = {actor.country for actor in actors if actor.country}
    entities = {actor.entity for actor in actors}
    sentence = trigger.token.sent
    seen: set[int] = set()
    for token in sentence[trigger.token.i - sentence.start + 1 :]:
        span = index.span_of(token.i)
        if span is None or id(span) in seen or span.label not in TARGET_LABELS:
            continue
        seen.add(id(span))
        candidate = participants(token, index)
        for item in candidate:
            if item.entity in entities:
                continue
            if item.country and item.country in countries:
                host = span.extra.get("host_country")
                if host and host not in countries:
                    return [Participant(host, None, host, "GOV")]
                continue
            return [item]
    return []
