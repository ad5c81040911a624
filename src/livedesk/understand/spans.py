"""The working record of a name found in a document, shared by the entity, place, event
and quote stages (internal: the public records are in ``livedesk.models``)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from livedesk.resolve.actors import ActorEntry


@dataclass
class Span:
    """One candidate mention, in the body (title=False) or in the title."""

    title: bool
    start_token: int
    end_token: int
    start: int
    end: int
    text: str
    label: str
    entry: ActorEntry | None = None
    key: str = ""
    country: str | None = None
    sector: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)
