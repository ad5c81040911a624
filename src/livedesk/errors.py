"""One exception tree for livedesk.

Every error livedesk raises on purpose derives from :class:`LivedeskError` and says what was
wrong, what is allowed and how to fix it::

    LivedeskError
    ├── SettingsError          a setting has a bad value or name
    ├── InputError             a document cannot be read
    │   ├── InputTooLarge      over the size cap
    │   ├── EmptyInput         nothing to read after cleaning
    │   └── NoArticleFound     HTML without an article body
    ├── StageError             a pipeline stage failed on one document (names the stage)
    ├── ResourceError          a model, lexicon or gazetteer is missing or broken
    └── RegistryError          a lookup by name missed (lists the available names)
"""

from __future__ import annotations


class LivedeskError(Exception):
    """Root of every error livedesk raises on purpose."""


class SettingsError(LivedeskError):
    """A setting has a value of the wrong type or an unknown name."""


class InputError(LivedeskError):
    """A document cannot be read (missing, a directory, binary, badly formed)."""


class InputTooLarge(InputError):
    """The document is over the documented size cap."""


class EmptyInput(InputError):
    """Nothing readable remains after cleaning."""


class NoArticleFound(InputError):
    """An HTML page from which no article body could be extracted."""


class StageError(LivedeskError):
    """A pipeline stage failed on one document."""

    def __init__(self, stage: str, doc_id: str, cause: BaseException) -> None:
        super().__init__(f"stage '{stage}' failed on document '{doc_id}': {cause}")
        self.stage = stage
        self.doc_id = doc_id
        self.cause = cause


class ResourceError(LivedeskError):
    """A model, lexicon or gazetteer is missing or cannot be loaded."""


class RegistryError(LivedeskError):
    """A name was looked up in a registry and is not there."""

    def __init__(self, kind: str, name: str, available: list[str]) -> None:
        names = ", ".join(sorted(available)) or "(none)"
        super().__init__(f"no {kind} named '{name}'; available: {names}")
        self.kind = kind
        self.name = name
        self.available = available
