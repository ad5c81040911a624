"""Small questions asked of the dependency parse by several stages."""

from __future__ import annotations

from typing import Any

# Subjects of a clause, active and passive ("the army shelled…", "the town was shelled…").
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})


def subjects_of(token: Any) -> list[Any]:
    """The subject children of ``token`` (a verb, usually), in order."""
    return [child for child in token.children if child.dep_ in SUBJECT_DEPS]
