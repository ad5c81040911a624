"""Whether an event happened, is expected, intended, only possible, or denied.

Read from the words that govern the event's trigger: negation ("did not attack"), futures
and plans ("will", "is preparing to", "as soon as"), intentions ("would demand", "plans to",
"vowed to"), conditions ("could", "might", "if").

1. **Negation** is the verb's ("did not attack"), a negative quantifier's ("no strikes have
   hit", "nobody got a deal", "agreed to nothing") or "without"'s ("ended without agreeing").
   A verb's negation does not deny the event that is its subject ("the strike did not kill
   anyone"), unless the verb says that it happened ("the talks did not take place"); an event
   that "did not stop" went on. An infinitive under a negated verb did not happen ("was not
   waiting for anyone to liberate it").
2. **Plans and expectations** govern their complements, not their subjects ("the attack had
   been aimed at…" happened), nor the clauses coordinated with them. Words that anticipate
   only in a construction ("set to", "due to", "about to") count only there: "set fire",
   "concerned about the strike" are no futures.
3. **Conditions**: "could", "might", "can", a counterfactual "would have" ("a resolution that
   would have condemned…"), what is needed ("would need support") and what anyone might do
   ("anyone providing assistance").
"""

from __future__ import annotations

from typing import Any

from livedesk.understand.syntax import SUBJECT_DEPS

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
    "predict",
    "forecast",
    "anticipate",
    "await",
    "wait",
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
    "can",
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
# What is needed has not been given: "would need international support".
NEEDING = {"need", "require"}
# Nouns of purpose: what they "are" ("the aim was to get an agreement") is intended.
PURPOSES = {"goal", "aim", "objective", "purpose", "intention", "plan", "mission", "task",
            "ambition", "idea", "priority", "hope", "wish", "dream", "target"}  # fmt: skip
# Words that anticipate only what they govern as an infinitive ("due to meet", "set to vote").
CONSTRUCTIONS = {"set", "due", "about", "poised"}
# Verbs that say an event happened: their negation denies the event that is their subject.
HAPPENING = {"take", "happen", "occur", "begin", "start", "resume", "go", "materialize",
             "materialise", "break", "erupt"}  # fmt: skip
# Verbs that end an event: "fighting did not stop" went on.
ENDING = {"stop", "end", "cease", "halt", "subside", "abate", "ease"}
NEGATIVE_WORDS = {"nobody", "nothing", "none", "neither", "noone"}
NEGATIVE_DETERMINERS = {"no", "neither"}
# Subjects that name no one in particular: what "anyone" does is a possibility.
ANYONE = {"anyone", "anybody", "whoever", "whomever"}
GOVERNORS = ANTICIPATED | INTENDED | REFUSING | NEEDING
# Dependencies by which a plan or expectation governs an event ("plans to attack", "expects
# talks", "preparing for an assault").
GOVERNED_DEPS = {"xcomp", "ccomp", "dobj", "pobj", "acomp", "attr", "oprd", "prep", "advcl", "acl"}
# How far up the tree (governing verbs) to look for a modal or a plan verb.
MAX_LEVELS = 3


def _negates(child: Any) -> bool:
    return child.dep_ == "neg" or (child.dep_ == "advmod" and child.lower_ == "never")


def _negative(token: Any) -> bool:
    """A negative quantifier phrase: "nobody", "nothing", "no strikes", "no one"."""
    return token.lower_ in NEGATIVE_WORDS or any(
        child.dep_ == "det" and child.lower_ in NEGATIVE_DETERMINERS for child in token.children
    )


def _negated(token: Any) -> bool:
    """Whether a verb (or a trigger word) is denied by its own words (rule 1)."""
    if any(_negates(child) for child in token.children):
        return True
    if token.pos_ in {"NOUN", "PROPN"}:
        return _negative(token)  # "no strikes"
    for child in token.children:
        if child.dep_ in SUBJECT_DEPS and _negative(child):
            return True  # "nobody got one"
        if child.dep_ == "dobj" and child.lower_ in NEGATIVE_WORDS:
            return True  # "gave them nothing"
        if child.dep_ == "prep" and any(
            grand.dep_ == "pobj" and grand.lower_ in NEGATIVE_WORDS for grand in child.children
        ):
            return True  # "agreed to nothing"
    return False


def _infinitive(token: Any) -> bool:
    return any(child.dep_ == "aux" and child.lower_ == "to" for child in token.children)


def _from_modal(token: Any) -> str | None:
    """The modality a verb's own auxiliaries or conditional marker give it, if any."""
    words = {child.lower_ for child in token.children if child.dep_ in {"aux", "auxpass"}}
    if "would" in words and "have" in words and token.tag_ == "VBN":
        return "hypothetical"  # "would have condemned": it did not happen
    for child in token.children:
        word = child.lower_
        if child.dep_ in {"aux", "auxpass"} or (child.dep_ == "mark" and word in CONDITIONS):
            if word in HYPOTHETICAL:
                return "hypothetical"
            if word in ANTICIPATED:
                return "anticipated"
            if word in INTENDED:
                return "intended"
    return None


def _from_governor(token: Any) -> str | None:
    """The modality a governing plan, expectation or refusal gives its complement (rule 2)."""
    head = token.head
    if head.i == token.i or token.dep_ not in GOVERNED_DEPS:
        return None
    forms = _forms(head)
    if forms & CONSTRUCTIONS and not (token.dep_ == "xcomp" or _infinitive(token)):
        return None  # "set fire", "serious about the talks"
    if token.dep_ == "advcl" and not _infinitive(token):
        return None  # "after both sides agreed": a clause of time or cause stands on its own
    if head.lemma_.lower() == "be" and _infinitive(token):
        subjects = [c.lemma_.lower() for c in head.children if c.dep_ in SUBJECT_DEPS]
        if set(subjects) & PURPOSES:
            return "intended"  # "the goal was to destroy…"
    for words in ({head.lemma_.lower(), head.lower_}, forms):
        if words & (ANTICIPATED | INTENDED) and _negated(head):
            return "negated"  # "nobody expected a deal", "did not plan to attack"
        if words & ANTICIPATED:
            return "anticipated"
        if words & INTENDED:
            return "intended"
        if words & REFUSING:
            return "negated"
        if words & NEEDING and token.dep_ in {"dobj", "xcomp"}:
            return "hypothetical"
    return None


def _forms(token: Any) -> set[str]:
    """A word's lemma and the stems its inflection may hide when the lemmatizer misses them
    ("hoped" → hope)."""
    word = token.lower_
    forms = {token.lemma_.lower(), word}
    if word.endswith("ed"):
        forms |= {word[:-1], word[:-2]}
    elif word.endswith("ing"):
        forms |= {word[:-3], word[:-3] + "e"}
    elif word.endswith("s"):
        forms.add(word[:-1])
    return forms


def _generic(token: Any) -> bool:
    """Whether an event's doer is no one in particular ("anyone providing assistance")."""
    if token.dep_ in {"acl", "relcl"} and token.head.lower_ in ANYONE:
        return True
    return any(c.dep_ in SUBJECT_DEPS and c.lower_ in ANYONE for c in token.children)


def _without(token: Any) -> bool:
    """Whether an event is what something went "without" ("ended without agreeing")."""
    return token.dep_ in {"pobj", "pcomp"} and token.head.lower_ == "without"


def modality_of(trigger: Any) -> str:
    """reported / anticipated / intended / hypothetical / negated for a trigger token."""
    return modality_cue(trigger)[0]


def modality_cue(trigger: Any) -> tuple[str, str | None]:
    """(modality, the word that tells it) for a trigger token; see the module docstring."""
    if _without(trigger):
        return "negated", "without"
    if _generic(trigger):
        return "hypothetical", "anyone"
    token = trigger
    via: str | None = None
    for _level in range(MAX_LEVELS):
        # A negation outweighs a modal of the same verb, wherever it stands ("will not").
        if _negated(token):
            lemma = token.lemma_.lower()
            if via not in SUBJECT_DEPS or lemma in HAPPENING:
                return "negated", "not"
            if lemma in ENDING:
                return "reported", None  # "fighting did not stop"
        modal = _from_modal(token)
        if modal is not None:
            return modal, next(
                (c.lower_ for c in token.children if c.dep_ in {"aux", "auxpass", "mark"}), None
            )
        infinitive = token.dep_ in {"advcl", "acl", "relcl"} and _infinitive(token)
        if infinitive and _negated(token.head) and token.head.lemma_.lower() not in ENDING:
            return "negated", "not"  # "was not waiting for anyone to liberate it"
        governed = _from_governor(token)
        if governed is not None:
            words = {token.head.lemma_.lower(), token.head.lower_} & GOVERNORS
            return governed, next(iter(words or _forms(token.head) & GOVERNORS), None)
        if token.dep_ in {"xcomp", "ccomp"} or token.dep_ in {
            "pobj",
            "dobj",
            "nsubj",
            "nsubjpass",
            "compound",
            "amod",
        }:
            if token.head.i == token.i:
                break
            via = token.dep_
            token = token.head
            continue
        break
    sentence = trigger.sent
    for token in sentence:
        if token.lower_ == "soon" and token.i > 0 and token.doc[token.i - 1].lower_ == "as":
            return "anticipated", "soon"
    return "reported", None
