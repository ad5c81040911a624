"""Progress on standard error: a bar redrawn in place on a terminal, silence otherwise.

Log lines (one per skipped or failed item) go through :meth:`Progress.log`, which clears the
bar first, so the two never mix. When standard error is not a terminal (a pipe, a log file,
a test's StringIO) only the log lines and the caller's final summary are written.
"""

from __future__ import annotations

from typing import TextIO

BAR_WIDTH = 24
_CLEAR_LINE = "\r\x1b[K"


class Progress:
    """Tracks inputs done out of ``total`` and the counts so far; draws only on a TTY."""

    def __init__(self, err: TextIO, total: int, *, tty: bool | None = None) -> None:
        self.err = err
        self.total = total
        self.tty = _is_tty(err) if tty is None else tty
        self.inputs_done = 0
        self.counts = ""
        self._drawn = False

    def update(self, inputs_done: int, counts: str) -> None:
        self.inputs_done = max(self.inputs_done, min(inputs_done, self.total))
        self.counts = counts
        if self.tty:
            self._draw()

    def log(self, line: str) -> None:
        """Write one line (no newline needed), keeping the bar below it."""
        if self._drawn:
            self.err.write(_CLEAR_LINE)
        self.err.write(line.rstrip("\n") + "\n")
        if self._drawn:
            self._draw()

    def finish(self) -> None:
        """Take the bar off the screen (the caller then prints its summary)."""
        if self._drawn:
            self.err.write(_CLEAR_LINE)
            self._drawn = False
        self.err.flush()

    def line(self) -> str:
        filled = BAR_WIDTH * self.inputs_done // self.total if self.total else BAR_WIDTH
        bar = "#" * filled + "-" * (BAR_WIDTH - filled)
        return f"ingest [{bar}] {self.inputs_done}/{self.total} inputs · {self.counts}"

    def _draw(self) -> None:
        self.err.write(_CLEAR_LINE + self.line())
        self.err.flush()
        self._drawn = True


def _is_tty(stream: TextIO) -> bool:
    isatty = getattr(stream, "isatty", None)
    try:
        return bool(isatty()) if isatty is not None else False
    except ValueError:  # a closed stream
        return False
