"""The genders a document itself gives its people, so that "she said" skips a man."""

from __future__ import annotations

import re
from typing import Any

PRONOUN_GENDER = {"he": "m", "him": "m", "his": "m", "she": "f", "her": "f", "hers": "f"}
_HONORIFIC = re.compile(r"\b(?P<title>Mr|Mrs|Ms|Miss|Sir|Dame|Lord|Lady)\.?\s+$")
_HONORIFIC_GENDER = {"mr": "m", "sir": "m", "lord": "m", "mrs": "f", "ms": "f", "miss": "f",
                     "dame": "f", "lady": "f"}  # fmt: skip
_PRONOUN_WORD = re.compile(r"\b(he|him|his|she|her|hers)\b", re.I)
# Pronoun evidence must lean this clearly one way before a person is given a gender.
GENDER_MARGIN = 2


def document_genders(body: str, sentences: Any, entities: Any) -> dict[str, str]:
    """Genders the document itself gives its people, by entity id: an honorific before a
    mention ("Mr. Clarke", "Ms. Machado"), else the pronouns of sentences that mention that
    person and no other (and of the sentence after, when it names no one)."""
    people = [e for e in entities if e.type == "PERSON"]
    by_sentence: dict[int, set[str]] = {}
    for person in people:
        for mention in person.mentions:
            if mention.sentence >= 0:
                by_sentence.setdefault(mention.sentence, set()).add(person.id)
    genders: dict[str, str] = {}
    for person in people:
        votes = {"m": 0, "f": 0}
        for mention in person.mentions:
            if mention.sentence < 0:
                continue
            title = _HONORIFIC.search(body[max(0, mention.start - 6) : mention.start])
            if title:
                genders[person.id] = _HONORIFIC_GENDER[title.group("title").lower()]
                break
            for index in (mention.sentence, mention.sentence + 1):
                if index >= len(sentences) or by_sentence.get(index, {person.id}) != {person.id}:
                    continue
                for word in _PRONOUN_WORD.findall(sentences[index].text):
                    votes[PRONOUN_GENDER[word.lower()]] += 1
        if person.id not in genders and abs(votes["m"] - votes["f"]) >= GENDER_MARGIN:
            genders[person.id] = "m" if votes["m"] > votes["f"] else "f"
    return genders
