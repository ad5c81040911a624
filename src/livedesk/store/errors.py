"""Errors of the store, under the livedesk root (``errors.py`` belongs to the whole project)::

LivedeskError
└── StoreError             the store file cannot be opened, migrated or written
    └── SchemaTooNew       the file was written by a newer livedesk
"""

from __future__ import annotations

from livedesk.errors import LivedeskError


class StoreError(LivedeskError):
    """The store file cannot be opened, migrated or written as asked."""


class SchemaTooNew(StoreError):
    """The file carries a schema version this code does not know."""

    def __init__(self, path: str, found: int, known: int) -> None:
        super().__init__(
            f"store file '{path}' has schema version {found}, but this livedesk knows versions "
            f"up to {known}; upgrade livedesk, or open a file written by this version"
        )
        self.path = path
        self.found = found
        self.known = known
