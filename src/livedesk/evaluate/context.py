"""What evaluation tasks share: the settings, and a reader and gazetteer made on first use
(a task that needs neither, such as extraction, never loads the model)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from livedesk.settings import Settings, load_settings


class EvalContext:
    def __init__(self, settings: Settings | None = None, reader: Any = None) -> None:
        self.settings = settings or load_settings()
        self._reader = reader

    @property
    def reader(self) -> Any:
        """The reader, loaded once."""
        if self._reader is None:
            from livedesk.reader import Reader

            self._reader = Reader(self.settings).load()
        return self._reader

    @property
    def gazetteer(self) -> Any:
        return self.reader.gazetteer


def require(path: Path, what: str) -> Path:
    """The path if it exists; else a clear error naming what was expected there."""
    from livedesk.errors import InputError

    if not path.exists():
        raise InputError(f"No {what} at '{path}'. Give the path with --data.")
    return path
