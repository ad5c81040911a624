"""Errors of the server, under the livedesk root; ``errors.py`` renders them over HTTP::

LivedeskError
└── ServeError             the server cannot do what was asked (carries status and code)
    ├── InvalidRequest     422: the request body or parameters are not valid
    ├── Unauthorized       401: no API token, or the wrong one, on a guarded endpoint
    ├── Forbidden          403: writes are disabled (the server has no API token)
    ├── TooLarge           413: too much in one request
    ├── NotFound           404: no such report, incident or export
    └── Unavailable        503: a resource the server needs is missing

Kept apart from the web framework so the command line can raise them without loading it.
"""

from __future__ import annotations

from livedesk.errors import LivedeskError


class ServeError(LivedeskError):
    """The server cannot do what was asked; ``status`` and ``code`` say how to answer."""

    status = 400
    code = "bad_request"


class InvalidRequest(ServeError):
    status = 422
    code = "invalid_request"


class Unauthorized(ServeError):
    status = 401
    code = "unauthorized"


class Forbidden(ServeError):
    status = 403
    code = "forbidden"


class TooLarge(ServeError):
    status = 413
    code = "too_large"


class NotFound(ServeError):
    status = 404
    code = "not_found"


class Unavailable(ServeError):
    status = 503
    code = "unavailable"
