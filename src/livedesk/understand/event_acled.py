"""ACLED's sub-event types read from who acts on whom and how a sentence tells it.

ACLED names an event by its means and by who fights whom. Given an event's trigger, PLOVER type,
mode, ACLED value and participants:

1. **Roles.** Ground taken by state forces is regained, by armed groups overtaken; violence by
   protesters is a riot, force used on protesters excessive force; violence against armed men
   or their installations is a battle, against unarmed people an attack.
2. **Escalation.** A demonstration told with the crowd's stones, fires or clashes (or that
   "turned violent"), and a clash between a crowd and anyone, is a violent demonstration;
   violence by a mob or vigilantes, and a clash between civilians only ("villagers clashed"),
   is mob violence.
3. **Means.** An act whose doer is an aircraft is an air strike; an explosion of equipment or at
   an industrial site with no one behind it is an accident (mode ``accident``, EM-DAT's
   technological disasters), not an attack.
4. **Protests.** Arrests at a protest (told anywhere in the sentence, or of protesters) are an
   intervention in it; an intervention that kills, wounds or uses live fire is excessive force.
"""

from __future__ import annotations

import re
from typing import Any

from livedesk.models import Participant
from livedesk.understand.triggers import Trigger

AIR_STRIKE = "Explosions/Remote violence: Air/drone strike"
# Explosions of equipment or at industrial sites, without anyone who set them off, are
# industrial accidents (EM-DAT's technological disasters).
EXPLOSION_LEMMAS = {"explode", "explosion", "blast"}
INDUSTRIAL = {"boiler", "cylinder", "furnace", "tank", "tanker", "container", "transformer",
              "reactor", "pipeline", "plant", "factory", "refinery", "warehouse", "mill", "kiln",
              "fertilizer", "fertiliser", "chemical", "firework", "compressor", "generator",
              "gas", "fuel", "oil", "petroleum", "mine", "well", "workshop", "depot"}  # fmt: skip
# Doers that are the means of an air strike ("warplanes destroyed…", "a drone hit…").
AIRCRAFT = re.compile(
    r"\b(warplanes?|jets?|aircraft|helicopters?|choppers?|gunships?|bombers?|drones?)\b",
    re.IGNORECASE,
)
CIVILIAN_ATTACK = "Violence against civilians: Attack"
ARMED_CLASH = "Battles: Armed clash"
VIOLENT_DEMONSTRATION = "Riots: Violent demonstration"
EXCESSIVE_FORCE = "Protests: Excessive force against protesters"
ARMED_SECTORS = {"MIL", "REB", "COP"}
# Who takes ground names the ACLED type: state forces regain it, armed groups overtake it.
GOVERNMENT_REGAINS = "Battles: Government regains territory"
NON_STATE_OVERTAKES = "Battles: Non-state actor overtakes territory"
TERRITORY = {GOVERNMENT_REGAINS, NON_STATE_OVERTAKES}
STATE_SECTORS = {"GOV", "MIL", "COP"}
# Targets that are armed men or their installations, whatever their owner: attacking them is
# a battle in ACLED's sense (Armed clash), not violence against civilians.
ARMED_TARGET = re.compile(
    r"\b(military|army|troops?|soldiers?|forces|militiam[ae]n|militias?|militants?|fighters?|"
    r"insurgents?|rebels?|terrorists?|base|bases|barracks|checkpoints?|outposts?|garrison|"
    r"positions?)\b",
    re.IGNORECASE,
)
PEACEFUL_PROTEST = "Protests: Peaceful protest"
# People in the street: violence between them and anyone else is a riot in ACLED's sense.
PROTESTERS = re.compile(
    r"\b(protesters?|protestors?|demonstrators?|rioters?|marchers?|crowds?)\b", re.IGNORECASE
)
ARRESTS = "Strategic developments: Arrests"
PROTEST_INTERVENTION = "Protests: Protest with intervention"
PROTEST_TYPES = {PEACEFUL_PROTEST, PROTEST_INTERVENTION, EXCESSIVE_FORCE}
# Gatherings of people: violence by unarmed people against one is mob violence.
GATHERING = re.compile(
    r"\b(rall(y|ies)|protests?|demonstrations?|marches|march|vigils?|sit-ins?|protesters?|"
    r"demonstrators?|marchers?|worshippers?|mourners?|congregations?)\b",
    re.IGNORECASE,
)
# Force that kills, wounds or is lethal by its means: excessive force against protesters.
LETHAL_FORCE = re.compile(
    r"\b(violently|excessive force|live (ammunition|bullets|rounds|fire)|shot dead|"
    r"killed|killing|injured|injuring|wounded|wounding)\b",
    re.IGNORECASE,
)
# Unorganised crowds that turn on people or property: ACLED's mob violence.
MOB = re.compile(r"\b(mobs?|vigilantes?|lynch)\b", re.IGNORECASE)
MOB_VIOLENCE = "Riots: Mob violence"
# Fighting that takes two sides: "police clashed with protesters" is violence by both.
MUTUAL_LEMMAS = {"clash", "scuffle", "skirmish", "confrontation", "brawl"}
# Acts of a crowd that make a demonstration violent (ACLED: vandalism, stone-throwing, arson,
# clashes): a protest told in the same sentence as one of them is a violent demonstration.
CROWD_VIOLENCE = re.compile(
    r"\b(clash(es|ed)?|scuffles?|aggressive|riot(s|ers|ing)|ablaze|set fire|torch(ed|ing)|"
    r"smash(ed|ing)|pelt(ed|ing)|"
    r"(threw|throwing|hurl(ed|ing)) (stones|rocks|bottles|bricks|petrol bombs|molotov)|"
    r"firecrackers?|fireworks?|molotov|vandali[sz]\w*|loot(ed|ing)|barricades?|"
    r"burn(ed|t|ing) (tyres|tires)|turn(ed|s)? violent|outbreaks? of violence|"
    r"(descend|erupt|degenerat|spiral|spill)\w* into (\w+ ){0,4}violence)\b",
    re.IGNORECASE,
)


def _acled_for_roles(
    kind: str,
    acled: str | None,
    actors: list[Participant],
    recipients: list[Participant],
    target: str = "",
) -> str | None:
    """ACLED's types follow who fights whom: ground taken by state forces is regained, by
    armed groups overtaken; violence by protesters is a riot, force used on protesters is
    excessive force, violence against armed men is a battle, against unarmed
    people an attack."""
    if kind != "ASSAULT":
        return acled
    if acled in TERRITORY:
        sectors = {actor.sector for actor in actors}
        if sectors & STATE_SECTORS:
            return GOVERNMENT_REGAINS
        return NON_STATE_OVERTAKES if "REB" in sectors else acled
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


def _escalation(
    trigger: Trigger,
    acled: str | None,
    actors: list[Participant],
    recipients: list[Participant],
    text: str,
    target: str = "",
) -> str | None:
    """A protest turned violent is a riot (ACLED's violent demonstration): clashes between a
    crowd and anyone, and a demonstration told with the crowd's stones, fires or clashes. Violence
    by a mob or vigilantes, and by unarmed people on a gathering, is mob violence."""
    if acled in PROTEST_TYPES and CROWD_VIOLENCE.search(text):
        return VIOLENT_DEMONSTRATION  # a riot, whatever the police did about it
    if trigger.type in {"ASSAULT", "COERCE"} and MOB.search(_doer_text(trigger.token, actors)):
        return MOB_VIOLENCE
    mutual = trigger.token.lemma_.lower() in MUTUAL_LEMMAS
    crowd = any(PROTESTERS.search(p.name) for p in recipients if p.name) or bool(
        PROTESTERS.search(_doer_text(trigger.token, actors))
    )
    if trigger.type == "ASSAULT" and mutual and crowd:
        return VIOLENT_DEMONSTRATION
    people = [p for p in actors + recipients if p.sector]
    if trigger.type == "ASSAULT" and mutual and people and all(p.sector == "CVL" for p in people):
        return MOB_VIOLENCE  # "villagers clashed": a communal clash of unarmed people
    doers = _doer_text(trigger.token, actors)
    unarmed = doers and not any(a.sector in ARMED_SECTORS | {"GOV"} for a in actors)
    generic = acled in {CIVILIAN_ATTACK, ARMED_CLASH} and trigger.rule.mode in {None, "beat"}
    if generic and unarmed and GATHERING.search(target) and not mutual:
        return MOB_VIOLENCE  # "a group of men attacked a rally": rioters on a crowd
    return acled


def _at_a_protest(
    acled: str | None, recipients: list[Participant], protest: bool, text: str
) -> str | None:
    """Arrests at a protest are an intervention in it; an intervention that kills, wounds or
    uses live fire is excessive force (ACLED's protest sub-event types)."""
    at_protest = protest or any(r.name and PROTESTERS.search(r.name) for r in recipients)
    if acled == ARRESTS and at_protest:
        return PROTEST_INTERVENTION
    if acled == PROTEST_INTERVENTION and LETHAL_FORCE.search(text):
        return EXCESSIVE_FORCE
    return acled


def _doer_text(token: Any, actors: list[Participant]) -> str:
    """The words naming who did an act: its actors, subject and "by" phrase, named or not."""
    parts = [actor.name for actor in actors if actor.name]
    for child in token.children:
        if child.dep_ in {"nsubj", "agent"}:
            parts.append(" ".join(t.text for t in child.subtree))
    return " ".join(parts)


def _industrial(token: Any, actors: list[Participant]) -> bool:
    """Whether an explosion is of equipment or at an industrial site ("a gas cylinder
    exploded", "an explosion at a chemical plant") with no one who set it off: an accident,
    not an attack. The subject of an intransitive "exploded" is what blew up, not an actor."""
    if token.lemma_.lower() not in EXPLOSION_LEMMAS:
        return False
    if actors and any(child.dep_ in {"dobj", "obj"} for child in token.children):
        return False
    if actors and token.pos_ != "VERB":
        return False
    if actors:  # with a doer named, only what blew up counts, not where ("a bomber at a plant")
        subjects = [child for child in token.children if child.dep_ == "nsubj"]
        return any(subject.lemma_.lower() in INDUSTRIAL for subject in subjects)
    deps = {"nsubj", "compound", "amod", "nmod", "prep"}
    words = {
        item.lemma_.lower()
        for child in token.children
        if child.dep_ in deps and child.lower_ not in {"near", "outside", "by", "after"}
        for item in child.subtree
    }
    return bool(words & INDUSTRIAL)


def _from_the_air(actors: list[Participant]) -> bool:
    """Whether an act's doer is an aircraft: ACLED names violence by its means."""
    return any(AIRCRAFT.search(actor.name) for actor in actors if actor.name)


def acled_type(
    trigger: Trigger,
    kind: str,
    mode: str | None,
    acled: str | None,
    actors: list[Participant],
    recipients: list[Participant],
    *,
    target: str,
    text: str,
    protest: bool,
    reported: bool,
) -> tuple[str, str | None, str | None, list[Participant]]:
    """(type, mode, ACLED value, actors) of an event after rules 1-4 of the module docstring.
    ``target`` is the text of what the act is done to, ``text`` its sentence's, ``protest``
    whether the sentence tells of a protest, ``reported`` whether the act happened."""
    acled = _acled_for_roles(kind, acled, actors, recipients, target)
    acled = _escalation(trigger, acled, actors, recipients, text, target)
    if kind == "ASSAULT" and _industrial(trigger.token, actors):
        mode, acled, actors = "accident", None, []  # "a boiler exploded"
    if kind in {"ASSAULT", "COERCE"} and _from_the_air(actors):
        kind, mode, acled = "ASSAULT", "aerial", AIR_STRIKE  # "jets destroyed depots"
    if reported:
        acled = _at_a_protest(acled, recipients, protest or bool(PROTESTERS.search(target)), text)
    return kind, mode, acled, actors
