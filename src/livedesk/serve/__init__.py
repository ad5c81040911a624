"""HTTP: the live page, the live stream and the JSON API over a :class:`~livedesk.desk.Desk`.

``create_app(desk)`` builds the app; ``livedesk serve`` and ``livedesk demo`` run it
(``serve/commands.py``).
"""

from __future__ import annotations

from typing import Any

from livedesk.serve.exceptions import NotFound, ServeError, Unavailable

__all__ = ["NotFound", "ServeError", "Unavailable", "create_app"]


def __getattr__(name: str) -> Any:
    # The web framework loads only when an app is built, so the CLI starts fast.
    if name == "create_app":
        from livedesk.serve.app import create_app

        return create_app
    raise AttributeError(name)
