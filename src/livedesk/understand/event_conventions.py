"""PLOVER's conventions for speech acts that a sentence makes about an act.

1. **Promises.** A cooperative act that its actor only announces or offers ("will provide
   aid", "is willing to withdraw", "would meet") is, in PLOVER, an AGREE: an offer or a
   promise to cooperate. The act itself stays in the reading, still marked as expected; the
   promise comes before it as an event of its own. What is only scheduled or expected of the
   actor ("is due to meet", "is expected to sign"), hoped for or needed, commits no one.
2. **Refusals.** A cooperative act its actor will not or did not perform ("will not accept",
   "failed to reach agreement") is a REJECT by that actor; the act stays, marked negated.
3. **Conditional threats.** An announced act made to depend on what the other side does
   ("will withdraw … unless …") is a THREATEN.
4. **Forecasts.** A warning that only foretells how things will go ("warned that the toll
   was likely to rise"), with no act in it and nobody as its subject, threatens no one.
5. **Demands.** A reported clause that says what someone else must or should do ("X said Y
   must drop its barriers") is a REQUEST by the speaker to that someone.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from livedesk.models import Event, Participant
from livedesk.resolve.actors import sector_of
from livedesk.understand.attribution import PRONOUNS, Source, governs
from livedesk.understand.participants import SpanIndex, participants
from livedesk.understand.roles import conjuncts, informative, unique
from livedesk.understand.syntax import subjects_of
from livedesk.understand.triggers import TriggerRule, match_token

# Types of cooperation whose announcement PLOVER codes as an AGREE (an offer or a promise),
# and whose refusal as a REJECT.
COOPERATIVE = {"AID", "CONSULT", "SUPPORT", "CONCEDE", "RETREAT", "COOPERATE"}
REFUSABLE = COOPERATIVE | {"AGREE"}
FUTURE = {"intended", "anticipated"}
# Words that put an act in the future without the actor committing to it.
UNCOMMITTED = {"due", "expected", "expect", "schedule", "scheduled", "set", "upcoming", "soon",
               "about", "poised", "predict", "forecast", "anticipate", "await", "wait", "hope",
               "wish", "want", "need", "try", "attempt"}  # fmt: skip
# Subordinators that make an announced act a condition put to the other side.
THREAT_CONDITIONS = frozenset({"unless"})
# A measure against the other side made to depend on anything it does is a threat ("may halt
# mediation if cooperation founders").
SANCTION_CONDITIONS = frozenset({"unless", "if"})
# Words of warning, which threaten only when they announce an act.
WARNING = {"warn", "warning"}
# Verbs that tell how a figure or a situation develops ("the toll is likely to rise").
DEVELOPMENTS = {"rise", "grow", "increase", "climb", "pass", "exceed", "surpass", "top", "reach",
                "double", "triple", "become", "worsen", "deteriorate", "spread", "mount", "soar",
                "surge", "fall", "drop", "decline", "be"}  # fmt: skip
# Modals of obligation: in reported speech they say what the speaker demands of the subject.
DEONTIC = {"must", "should", "ought"}
# "agreed that both sides should…" records an agreement, not a demand.
AGREEING = {"agree", "decide"}
OWN_POSSESSIVES = {"our", "their", "its", "his", "her", "my"}
DEMAND_RULE = TriggerRule("must", None, frozenset(), None, "VERB", "REQUEST", None, None)


def promise(event: Event, cue: str | None = None) -> Event | None:
    """The AGREE that an announced cooperative act stands for (rule 1), or None. ``cue`` is the
    word that puts the act in the future."""
    if event.type not in COOPERATIVE or event.modality not in FUTURE or not event.actors:
        return None
    if cue in UNCOMMITTED:
        return None
    return replace(event, type="AGREE", mode=None, acled=None, modality="reported")


def refusal(event: Event) -> Event | None:
    """The REJECT that a cooperative act not performed by its actor stands for (rule 2)."""
    if event.type not in REFUSABLE or event.modality != "negated" or not event.actors:
        return None
    return replace(event, type="REJECT", mode=None, acled=None, modality="reported")


def forecast(token: Any) -> bool:
    """Whether a warning only foretells a development (rule 4): its clause names no event, its
    subject is a thing ("the figures", "the exodus"), not a person or a body, and its verb
    tells how that thing goes ("rise", "become")."""
    if token.lemma_.lower() not in WARNING:
        return False
    clauses = [c for c in token.children if c.dep_ in {"ccomp", "acl"}]
    if not clauses or any(
        c.dep_ == "prep" and c.lower_ in {"of", "against"} for c in token.children
    ):
        return False
    for clause in clauses:
        conditions = {
            item.i
            for sub in clause.children
            if sub.dep_ == "advcl"
            for item in sub.subtree  # "… would rise if fighting spread": the forecast's condition
        }
        if any(match_token(t) is not None for t in clause.subtree if t.i not in conditions):
            return False
        subjects = subjects_of(clause)
        if not subjects or subjects[0].pos_ in {"PRON", "PROPN"} or subjects[0].ent_type_:
            return False
        verbs = {clause.lemma_.lower()} | {
            item.lemma_.lower() for item in clause.subtree if item.dep_ == "xcomp"
        }
        if sector_of(subjects[0].lemma_) is not None or not verbs & DEVELOPMENTS:
            return False
    return True


def conditional(token: Any, words: frozenset[str] = THREAT_CONDITIONS) -> bool:
    """Whether an act is made to depend on a condition ("… unless Y leaves")."""
    return any(
        child.dep_ == "mark" and child.lower_ in words
        for item in token.subtree
        for child in item.children
    )


def demanded(sentence: Any, source: Source | None) -> Any | None:
    """The verb of a reported clause that says what someone must do (rule 4), or None."""
    if source is None or source.verb is None or source.verb.lemma_.lower() in AGREEING:
        return None
    for token in sentence:
        if token.pos_ not in {"VERB", "AUX"} or token.i == source.verb.i:
            continue
        modal = any(c.dep_ == "aux" and c.lower_ in DEONTIC for c in token.children)
        subjects = subjects_of(token)
        if modal and subjects and not _own(subjects[0]) and governs(source, token):
            return token
    return None


def _own(subject: Any) -> bool:
    """Whether a subject is the speakers themselves ("we must", "their countries should")."""
    return subject.lower_ in PRONOUNS or any(
        child.dep_ == "poss" and child.lower_ in OWN_POSSESSIVES for child in subject.children
    )


def demand_roles(
    verb: Any, source: Source, index: SpanIndex
) -> tuple[list[Participant], list[Participant]]:
    """(speaker, those the demand is made of) for a demanded clause."""
    actors = [p for item in conjuncts(source.head) for p in participants(item, index)]
    subjects = subjects_of(verb)
    recipients = [
        p for item in conjuncts(subjects[0]) for p in participants(item, index) if p not in actors
    ]
    return unique([a for a in actors if informative(a)]), unique(
        [r for r in recipients if informative(r)]
    )
