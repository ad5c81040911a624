"""Event triggers: words that name a happening, typed in PLOVER with an ACLED type alongside.

The lexicon is ``data/event_triggers.tsv``. A row matches a token by lemma and part of speech;
phrasal verbs need their particle among the verb's children ("cut off"), not a preposition
heading a phrase of its own ("gave the order in a meeting" is no "give in"); rows written
``verb>obj|obj`` need one of the objects (direct, or after a preposition) so that "send
troops" is a deployment while "send a letter" is nothing. ``verb>?obj|obj`` takes these
objects only, when it has a direct object ("withdraw" from a town or its troops, not dollars);
``verb>!obj|obj`` any direct object or preposition but these ("meet" a minister, not
resistance; "talk" with, not about); ``verb>*`` needs
a direct object of any kind ("shelter refugees", not "shelter in basements"). Multi-word noun
triggers ("air strike", "humanitarian corridor") match a compound or modifier before the head
noun, whole ("violent protest", not "non-violent protest"); hyphenated ones ("shoot-out",
"sit-in") match at their last part. A participle hyphenated to the word before it is an
adjective ("Iran-backed", "war-hit"), not an event.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

OBJECT_MODES = {"?", "!", "*"}
# Particles of phrasal verbs that take no object of their own ("give in", "pull out").
ADVERBIAL_PARTICLES = {"in", "out", "up", "down", "back", "off", "over", "away", "together"}
# What a word acts on directly, for the "?" and "*" object modes.
DIRECT_DEPS = {"dobj", "obj", "nsubjpass"}


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
    # How ``objects`` are read: "" one of them is needed, "?" needed only when the word has a
    # direct object, "!" none of them may be there, "*" any direct object is needed.
    object_mode: str = ""


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
    object_mode = ""
    if ">" in trigger:
        trigger, wanted = trigger.split(">", 1)
        if wanted[:1] in OBJECT_MODES:
            object_mode, wanted = wanted[0], wanted[1:]
        objects = frozenset(wanted.split("|")) if wanted else frozenset()
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
        object_mode,
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
        lemma: tuple(
            sorted(
                group,
                key=lambda r: (
                    not r.objects or r.object_mode == "!",
                    not r.particle,
                    not r.modifier,
                ),
            )
        )
        for lemma, group in rules.items()
    }


def _objects(token: Any) -> set[str]:
    found = set()
    if token.dep_ == "acl" and token.tag_ == "VBN":
        found.add(token.head.lemma_.lower())  # "diplomats expelled by the US"
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
        if child.dep_ in {"dobj", "nsubjpass"}:
            # "weapons and ammunition"; "staff members": the kind of member counts too
            found.update(
                grand.lemma_.lower()
                for grand in child.children
                if grand.dep_ == "conj" or (grand.dep_ == "compound" and child.dep_ == "dobj")
            )
        if child.dep_ in {"acl", "ccomp"}:
            # "on the condition that Ukraine demilitarize": the clause's "that" counts.
            found.update(grand.lower_ for grand in child.children if grand.dep_ == "mark")
    return found


def _direct_objects(token: Any) -> set[str]:
    """Lemmas of what a word acts on directly: its object or passive subject (or the noun a
    passive participle modifies), and for a noun its "of" phrase or the noun before it ("troop
    withdrawal", "withdrawal of troops")."""
    found = {c.lemma_.lower() for c in token.children if c.dep_ in DIRECT_DEPS}
    if token.dep_ == "acl" and token.tag_ == "VBN":
        found.add(token.head.lemma_.lower())  # "a bill signed by the minister"
    if token.pos_ in {"NOUN", "PROPN"}:
        found.update(c.lemma_.lower() for c in token.children if c.dep_ == "compound")
        found.update(
            grand.lemma_.lower()
            for of in token.children
            if of.dep_ == "prep" and of.lower_ == "of"
            for grand in of.children
            if grand.dep_ == "pobj"
        )
    return found


def _objects_ok(rule: TriggerRule, token: Any) -> bool:
    """Whether a word's objects allow the rule (see ``TriggerRule.object_mode``)."""
    if rule.object_mode == "*":
        return bool(_direct_objects(token))
    if rule.object_mode == "!":
        prepositions = {child.lower_ for child in token.children if child.dep_ == "prep"}
        return not (rule.objects & (_direct_objects(token) | prepositions))
    if rule.object_mode == "?":
        direct = _direct_objects(token)
        return not direct or bool(rule.objects & (direct | _objects(token)))
    return not rule.objects or bool(rule.objects & _objects(token))


def _particle(child: Any, particle: str) -> bool:
    """A verb's particle ("give in", "call for"). An adverbial particle heading a phrase of its
    own is a preposition of place or time ("gave the order in a meeting"), not "give in"."""
    if child.lower_ != particle or child.dep_ not in {"prt", "prep", "advmod"}:
        return False
    if child.dep_ == "prt" or particle not in ADVERBIAL_PARTICLES:
        return True
    return not any(grand.dep_ == "pobj" for grand in child.children)


def _modified(token: Any, modifier: str) -> bool:
    """Whether the word before a noun is the rule's modifier, whole: "violent protest", not
    "non-violent protest"."""
    if token.i == 0 or token.doc[token.i - 1].lemma_.lower() != modifier:
        return False
    return not (token.i > 1 and token.doc[token.i - 2].text == "-")


def _pos_ok(rule: TriggerRule, token: Any) -> bool:
    if rule.pos == "*":
        return token.pos_ in {"VERB", "NOUN", "PROPN"}
    if rule.pos == "VERB":
        return token.pos_ == "VERB"
    return token.pos_ in {"NOUN", "PROPN"}


def match_token(token: Any) -> TriggerRule | None:
    """The first rule that matches a token, or None. A rule met by the word's direct object
    comes before one met only by a phrase ("established a base under the control of…" is a
    base established, not control taken)."""
    lemma = token.lemma_.lower()
    matched = []
    for rule in trigger_rules().get(lemma, ()) or trigger_rules().get(token.lower_, ()):
        if not _pos_ok(rule, token):
            continue
        if rule.particle and not any(_particle(child, rule.particle) for child in token.children):
            continue
        if not _objects_ok(rule, token):
            continue
        if rule.modifier and not _modified(token, rule.modifier):
            continue
        matched.append(rule)
    if not matched:
        return None
    direct = _direct_objects(token)
    listed = [rule for rule in matched if rule.object_mode in {"", "?"} and rule.objects]
    return next((rule for rule in listed if rule.objects & direct), matched[0])


def _hyphenated(token: Any) -> TriggerRule | None:
    """The rule of a hyphenated noun the tokenizer splits ("shoot-out", "sit-in", "cease-fire"),
    matched at its last part, which heads it."""
    if token.i < 2 or token.pos_ not in {"NOUN", "PROPN"}:
        return None
    hyphen, first = token.doc[token.i - 1], token.doc[token.i - 2]
    if hyphen.text != "-" or hyphen.whitespace_ or first.whitespace_:
        return None
    word = f"{first.lower_}-{token.lower_}"
    rules = [rule for rule in trigger_rules().get(word, ()) if rule.pos in {"NOUN", "*"}]
    return rules[0] if rules else None


def _hyphen_adjective(token: Any) -> bool:
    """A participle joined by a hyphen to the word before it, as an adjective ("war-hit",
    "Iran-backed", "Saudi-led")."""
    if token.i < 2 or (token.tag_ not in {"VBN", "JJ"} and token.dep_ != "amod"):
        return False
    hyphen = token.doc[token.i - 1]
    return hyphen.text == "-" and not hyphen.whitespace_ and not token.doc[token.i - 2].whitespace_


def find_triggers(sentence: Any) -> list[Trigger]:
    """Trigger tokens of a parsed sentence, left to right."""
    found = []
    for token in sentence:
        hyphenated = _hyphenated(token)
        if hyphenated is not None:
            found.append(Trigger(token, hyphenated))
            continue
        if _hyphen_adjective(token):
            continue  # "insurgency-hit", "Iran-backed": adjectives, not events
        if token.is_stop and token.lemma_.lower() not in {"back", "call"}:
            continue
        if token.ent_type_ in {"DATE", "TIME"}:
            continue  # "on 21 March", "last fall": dates, not marches or falls
        rule = match_token(token)
        if rule is not None:
            found.append(Trigger(token, rule))
    return found
