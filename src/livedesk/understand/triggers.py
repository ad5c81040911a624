"""Event triggers: words that name a happening, typed in PLOVER with an ACLED type alongside.

The lexicon is ``data/event_triggers.tsv``. A row matches a token by lemma and part of speech;
phrasal verbs need their particle among the verb's children ("cut off"); rows written
``verb>obj|obj`` need one of the objects (direct, or after a preposition) so that "send
troops" is a deployment while "send a letter" is nothing. Multi-word noun triggers ("air
strike", "humanitarian corridor") match a compound or modifier before the head noun.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any


@dataclass(frozen=True)
class TriggerRule:
    lemma: str
    particle: str | None
    objects: frozenset[str]
    modifier: str | None
    pos: str
    type: str
    mode: str | None
    acled: str | None


@dataclass(frozen=True)
class Trigger:
    token: Any
    rule: TriggerRule

    @property
    def type(self) -> str:
        return self.rule.type


def _parse_rule(cells: list[str]) -> TriggerRule:
    trigger, pos, plover, mode, acled = cells
    objects: frozenset[str] = frozenset()
    if ">" in trigger:
        trigger, wanted = trigger.split(">", 1)
        objects = frozenset(wanted.split("|"))
    words = trigger.split()
    particle = modifier = None
    lemma = words[-1]
    if len(words) == 2 and pos == "VERB":
        lemma, particle = words
    elif len(words) == 2:
        modifier, lemma = words
    return TriggerRule(
        lemma,
        particle,
        objects,
        modifier,
        pos,
        plover,
        None if mode == "-" else mode,
        None if acled == "-" else acled,
    )


@lru_cache(maxsize=1)
def trigger_rules() -> dict[str, tuple[TriggerRule, ...]]:
    """Rules by lemma, more specific (with objects, particles, modifiers) first."""
    text = resources.files("livedesk.data").joinpath("event_triggers.tsv").read_text("utf-8")
    rules: dict[str, list[TriggerRule]] = {}
    for line in text.splitlines():
        if line and not line.startswith("#"):
            rule = _parse_rule(line.split("\t"))
            rules.setdefault(rule.lemma, []).append(rule)
    return {
        lemma: tuple(sorted(group, key=lambda r: (not r.objects, not r.particle, not r.modifier)))
        for lemma, group in rules.items()
    }


def _objects(token: Any) -> set[str]:
    found = set()
    for child in token.children:
        if child.dep_ in {"dobj", "obj", "attr", "oprd", "nsubjpass", "acomp"}:
            found.add(child.lemma_.lower())
            # "a lot of weapons", "dozens of rifles": the object is what the quantity is of.
            found.update(
                grand.lemma_.lower()
                for of in child.children
                if of.dep_ == "prep" and of.lower_ == "of"
                for grand in of.children
                if grand.dep_ == "pobj"
            )
        if child.dep_ == "advmod" and child.lower_.startswith("a"):
            found.add(child.lower_)  # a predicative "ablaze", "alight", "aground"
        if child.dep_ in {"prep", "dative"}:
            found.add(child.lower_)
            found.update(grand.lemma_.lower() for grand in child.children if grand.dep_ == "pobj")
        if child.dep_ == "dobj":
            found.update(grand.lemma_.lower() for grand in child.children if grand.dep_ == "conj")
        if child.dep_ in {"acl", "ccomp"}:
            # "on the condition that Ukraine demilitarize": the clause's "that" counts.
            found.update(grand.lower_ for grand in child.children if grand.dep_ == "mark")
    return found


def _pos_ok(rule: TriggerRule, token: Any) -> bool:
    if rule.pos == "*":
        return token.pos_ in {"VERB", "NOUN", "PROPN"}
    if rule.pos == "VERB":
        return token.pos_ == "VERB"
    return token.pos_ in {"NOUN", "PROPN"}


def match_token(token: Any) -> TriggerRule | None:
    """The first rule that matches a token, or None."""
    lemma = token.lemma_.lower()
    for rule in trigger_rules().get(lemma, ()) or trigger_rules().get(token.lower_, ()):
        if not _pos_ok(rule, token):
            continue
        if rule.particle and not any(
            child.lower_ == rule.particle and child.dep_ in {"prt", "prep", "advmod"}
            for child in token.children
        ):
            continue
        if rule.objects and not (rule.objects & _objects(token)):
            continue
        if rule.modifier and not (
            token.i > 0 and token.doc[token.i - 1].lemma_.lower() == rule.modifier
        ):
            continue
        return rule
    return None


def find_triggers(sentence: Any) -> list[Trigger]:
    """Trigger tokens of a parsed sentence, left to right."""
    found = []
    for token in sentence:
        if token.is_stop and token.lemma_.lower() not in {"back", "call"}:
            continue
        if token.ent_type_ in {"DATE", "TIME"}:
            continue  # "on 21 March", "last fall": dates, not marches or falls
        rule = match_token(token)
        if rule is not None:
            found.append(Trigger(token, rule))
    return found
