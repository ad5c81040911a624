"""Whether an event happened, is expected, intended, only possible, or denied.

Read from the words that govern the event's trigger: negation ("did not attack"), futures
and plans ("will", "is preparing to", "as soon as"), intentions ("would demand", "plans to",
"vowed to"), conditions ("could", "might", "if").
"""

from __future__ import annotations

from typing import Any

ANTICIPATED = {
    "will",
    "shall",
    "'ll",
    "expect",
    "expected",
    "prepare",
    "preparing",
    "schedule",
    "scheduled",
    "set",
    "due",
    "upcoming",
    "soon",
    "poised",
    "about",
}
INTENDED = {
    "would",
    "plan",
    "intend",
    "want",
    "aim",
    "seek",
    "vow",
    "pledge",
    "promise",
    "threaten",
    "try",
    "attempt",
    "decide",
    "agree",
    "hope",
    "wish",
    "going",
    "willing",
    "ready",
    "prepared",
    "eager",
    "determined",
}
HYPOTHETICAL = {
    "could",
    "might",
    "may",
    "if",
    "unless",
    "whether",
    "possible",
    "possibly",
    "consider",
    "considering",
    "weigh",
    "weighing",
}
CONDITIONS = {"if", "unless", "whether"}
# Verbs whose complement did not (or will not) happen: "refused to sign", "failed to reach".
REFUSING = {"deny", "refuse", "fail", "decline"}
# How far up the tree (governing verbs) to look for a modal or a plan verb.
MAX_LEVELS = 3


def _negates(child: Any) -> bool:
    return child.dep_ == "neg" or (child.dep_ == "advmod" and child.lower_ == "never")


def modality_of(trigger: Any) -> str:
    """reported / anticipated / intended / hypothetical / negated for a trigger token."""
    token = trigger
    for _level in range(MAX_LEVELS):
        # A negation outweighs a modal of the same verb, wherever it stands ("will not").
        if any(_negates(child) for child in token.children):
            return "negated"
        for child in token.children:
            word = child.lower_
            if child.dep_ in {"aux", "auxpass"} or (child.dep_ == "mark" and word in CONDITIONS):
                if word in HYPOTHETICAL:
                    return "hypothetical"
                if word in ANTICIPATED:
                    return "anticipated"
                if word in INTENDED:
                    return "intended"
        if token.dep_ in {"xcomp", "ccomp"} or token.head.lemma_ in ANTICIPATED | INTENDED:
            head = token.head
            if head.lemma_ in ANTICIPATED or head.lower_ in ANTICIPATED:
                return "anticipated"
            if head.lemma_ in INTENDED:
                return "intended"
            if head.lemma_ in REFUSING:
                return "negated"
            token = head
            continue
        if token.dep_ in {"pobj", "dobj", "nsubj", "nsubjpass", "compound", "amod"}:
            token = token.head
            continue
        break
    sentence = trigger.sent
    for token in sentence:
        if token.lower_ == "soon" and token.i > 0 and token.doc[token.i - 1].lower_ == "as":
            return "anticipated"
    return "reported"
