"""The model's attribute rules, applied from lookup tables instead of spaCy's token matcher.

English spaCy pipelines end with an ``attribute_ruler``: about 180 rules that map each
fine-grained tag to a part of speech and morphology, with exceptions by word form and
dependency ("'s" tagged VBZ is the auxiliary "be"). spaCy runs them through its general
token matcher, which took about a seventh of the whole model pass here. The rules
themselves are simple (one or two tokens, equality, IN, NOT_IN and REGEX tests on TAG,
LOWER, DEP and IS_SPACE), so :class:`AttributeTable` indexes them by the word form, tag or
dependency that selects them and applies them the same way: every rule matched against the
tokens as the parser left them, then the rules applied in their order, a later rule's value
winning. A pipeline whose rules use anything else keeps spaCy's component
(:func:`install`); a test checks token by token that both give the same annotations.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

COMPONENT = "livedesk_attribute_table"
RULER = "attribute_ruler"
# Token attributes a rule may test, and how: the table reads them as strings (IS_SPACE as a
# boolean) from the parsed Doc.
TESTED = ("TAG", "LOWER", "DEP", "IS_SPACE")
# The attributes a rule may set, in the order the Doc array carries them.
WRITTEN = ("POS", "MORPH", "LEMMA")
SET_ONE_BY_ONE = ("TAG", "DEP")


class Unsupported(ValueError):
    """A rule the table cannot express (the pipeline then keeps spaCy's component)."""


@dataclass(frozen=True)
class _Test:
    attribute: str
    kind: str  # eq, in, not_in, regex
    value: Any

    def passes(self, token: dict[str, Any]) -> bool:
        seen = token[self.attribute]
        if self.kind == "eq":
            return bool(seen == self.value)
        if self.kind == "in":
            return seen in self.value
        if self.kind == "not_in":
            return seen not in self.value
        return self.value.search(seen) is not None


@dataclass(frozen=True)
class _Rule:
    order: int
    tokens: tuple[tuple[_Test, ...], ...]
    index: int
    attrs: tuple[tuple[str, Any], ...]


def _tests(spec: dict[str, Any]) -> tuple[_Test, ...]:
    tests = []
    for attribute, value in spec.items():
        if attribute not in TESTED:
            raise Unsupported(f"a rule tests {attribute}")
        if isinstance(value, str | bool):
            tests.append(_Test(attribute, "eq", value))
            continue
        if not isinstance(value, dict) or len(value) != 1:
            raise Unsupported(f"a rule tests {attribute} with {value!r}")
        ((operator, operand),) = value.items()
        if operator == "IN":
            tests.append(_Test(attribute, "in", frozenset(operand)))
        elif operator == "NOT_IN":
            tests.append(_Test(attribute, "not_in", frozenset(operand)))
        elif operator == "REGEX" and attribute != "IS_SPACE":
            tests.append(_Test(attribute, "regex", re.compile(operand)))
        else:
            raise Unsupported(f"a rule tests {attribute} with operator {operator}")
    return tuple(tests)


def compile_rules(patterns: Iterable[dict[str, Any]]) -> list[_Rule]:
    """One rule per (rule, pattern) of ``AttributeRuler.patterns``, in the ruler's order."""
    rules = []
    for order, entry in enumerate(patterns):
        unknown = set(entry["attrs"]) - set(WRITTEN) - set(SET_ONE_BY_ONE)
        if unknown:
            raise Unsupported(f"a rule sets {sorted(unknown)}")
        index = int(entry.get("index", 0))
        for pattern in entry["patterns"]:
            if not pattern or any(set(spec) & {"OP"} for spec in pattern):
                raise Unsupported("a rule uses an operator or an empty pattern")
            if not -len(pattern) <= index < len(pattern):
                raise Unsupported(f"rule {order} points at token {index} of {len(pattern)}")
            rules.append(
                _Rule(
                    order,
                    tuple(_tests(spec) for spec in pattern),
                    index,
                    tuple(entry["attrs"].items()),
                )
            )
    return rules


# Distinct (tag, word, dependency, space) keys whose matching rules are remembered; the
# memory is cleared when full (a long run meets new words without end).
MEMORY = 200_000


class AttributeTable:
    """Applies compiled attribute rules to a Doc, as spaCy's attribute ruler would."""

    def __init__(self, vocab: Any, patterns: Iterable[dict[str, Any]]) -> None:
        from spacy.parts_of_speech import IDS

        self.vocab = vocab
        self.rules = compile_rules(patterns)
        # Rules indexed by the first token's most selective equality test.
        self.by: dict[str, dict[Any, list[_Rule]]] = {"LOWER": {}, "TAG": {}, "DEP": {}}
        self.always: list[_Rule] = []
        for rule in self.rules:
            self._index(rule)
        # Per token key: the one-token rules that match it, and the longer rules whose
        # first token it matches (checked against the following tokens each time).
        self.memory: dict[tuple[int, ...], tuple[dict[str, tuple[int, Any]], list[_Rule]]] = {}
        # Values as the Doc stores them: parts of speech by id, strings and morphologies
        # by their hashes (adding them to the vocabulary, as spaCy's ruler does).
        self.values: dict[tuple[str, Any], int] = {}
        for rule in self.rules:
            for attribute, value in rule.attrs:
                if attribute == "POS":
                    self.values[attribute, value] = IDS[value]
                elif attribute == "MORPH":
                    self.values[attribute, value] = vocab.morphology.add(value)
                else:
                    self.values[attribute, value] = vocab.strings.add(value)

    def _index(self, rule: _Rule) -> None:
        first = {test.attribute: test for test in rule.tokens[0]}
        for attribute in ("LOWER", "TAG", "DEP"):
            test = first.get(attribute)
            if test is not None and test.kind in ("eq", "in"):
                keys = [test.value] if test.kind == "eq" else sorted(test.value)
                for key in keys:
                    self.by[attribute].setdefault(key, []).append(rule)
                return
        self.always.append(rule)

    def __call__(self, doc: Doc) -> Doc:
        from spacy.attrs import DEP, IS_SPACE, LEMMA, LOWER, MORPH, POS, TAG

        keys = [tuple(row) for row in doc.to_array([TAG, LOWER, DEP, IS_SPACE]).tolist()]
        # slots[token][attribute] = (rule order, value); a slot of one-token rules is shared
        # by every token with the same key, so it is copied before a longer rule adds to it.
        slots: list[dict[str, tuple[int, Any]]] = []
        longer_hits: list[tuple[int, _Rule]] = []
        for start, key in enumerate(keys):
            slot, longer = self._rules_for(key)
            slots.append(slot)
            for rule in longer:
                end = start + len(rule.tokens)
                if end <= len(keys) and all(
                    test.passes(self._token(keys[start + offset]))
                    for offset, tests in enumerate(rule.tokens)
                    if offset > 0
                    for test in tests
                ):
                    longer_hits.append(((start if rule.index >= 0 else end) + rule.index, rule))
        for target, rule in longer_hits:
            slots[target] = dict(slots[target])
            _win(slots[target], rule)
        columns = [POS, MORPH, LEMMA]
        current = doc.to_array(columns).tolist()
        values = self.values
        for row, slot in zip(current, slots, strict=True):
            for column, attribute in enumerate(WRITTEN):
                if attribute in slot:
                    row[column] = values[attribute, slot[attribute][1]]
        doc.from_array(columns, numpy.array(current, dtype=numpy.uint64))  # type: ignore[arg-type]
        for target, slot in enumerate(slots):
            if "TAG" in slot:
                doc[target].tag_ = slot["TAG"][1]
            if "DEP" in slot:
                doc[target].dep_ = slot["DEP"][1]
        return doc

    def _rules_for(self, key: tuple[int, ...]) -> tuple[dict[str, tuple[int, Any]], list[_Rule]]:
        found = self.memory.get(key)
        if found is None:
            token = self._token(key)
            slot: dict[str, tuple[int, Any]] = {}
            longer = []
            for rule in sorted(self._candidates(token), key=lambda r: r.order):
                if not all(test.passes(token) for test in rule.tokens[0]):
                    continue
                if len(rule.tokens) > 1:
                    longer.append(rule)  # its first token matches: the others are checked
                else:
                    _win(slot, rule)
            if len(self.memory) >= MEMORY:
                self.memory.clear()
            found = self.memory[key] = (slot, longer)
        return found

    def _token(self, key: tuple[int, ...]) -> dict[str, Any]:
        strings = self.vocab.strings
        tag, lower, dep, space = key
        return {
            "TAG": strings[tag] if tag else "",
            "LOWER": strings[lower] if lower else "",
            "DEP": strings[dep] if dep else "",
            "IS_SPACE": bool(space),
        }

    def _candidates(self, token: dict[str, Any]) -> list[_Rule]:
        found: list[_Rule] = []
        for attribute, rules in self.by.items():
            found.extend(rules.get(token[attribute], ()))
        found.extend(self.always)
        return found


def _win(slot: dict[str, tuple[int, Any]], rule: _Rule) -> None:
    """Record the rule's values in a token's slot; of two rules, the later in order wins (and
    of two matches of one rule, the later match), as when spaCy applies them in order."""
    for attribute, value in rule.attrs:
        if attribute not in slot or slot[attribute][0] <= rule.order:
            slot[attribute] = (rule.order, value)


def install(nlp: Language) -> bool:
    """Put the table in the place of the pipeline's attribute ruler; False (and the ruler
    kept) when the pipeline has none or its rules use something the table cannot do."""
    if RULER not in nlp.pipe_names:
        return False
    try:
        compile_rules(_ruler_patterns(nlp))
    except Unsupported:
        return False
    _register()
    nlp.add_pipe(COMPONENT, before=RULER)  # built from the ruler's rules, then replaces it
    nlp.remove_pipe(RULER)
    return True


def _register() -> None:
    from spacy.language import Language

    if COMPONENT in Language.factories:
        return

    @Language.factory(COMPONENT)
    def make_table(nlp: Language, name: str) -> AttributeTable:
        return AttributeTable(nlp.vocab, _ruler_patterns(nlp))


def _ruler_patterns(nlp: Language) -> list[dict[str, Any]]:
    patterns: list[dict[str, Any]] | None = getattr(nlp.get_pipe(RULER), "patterns", None)
    if patterns is None:
        raise Unsupported(f"the pipeline's '{RULER}' is not spaCy's (it lists no patterns)")
    return patterns
