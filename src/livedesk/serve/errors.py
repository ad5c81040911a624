"""Errors of the server and the one JSON shape every HTTP error takes.

Every error response, whatever raised it, has the body::

    {"error": {"status": 404, "code": "not_found", "message": "what was wrong and how to fix it"}}

The server's own errors sit under the livedesk root::

    LivedeskError
    └── ServeError             the server cannot do what was asked (carries status and code)
        ├── InvalidRequest     a parameter the framework could not check is malformed
        ├── Unauthorized       no API token, or the wrong one, on a guarded endpoint
        ├── Forbidden          writes are disabled: the server has no API token
        ├── TooLarge           more reports, or more bytes, in one request than allowed
        ├── NotFound           no such report, incident or export
        └── Unavailable        a part of the server is not set up (ingest, exports)
"""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.routing import Match

from livedesk.errors import (
    InputError,
    LivedeskError,
    RegistryError,
    ResourceError,
    SettingsError,
)
from livedesk.serve.exceptions import (
    Forbidden,
    InvalidRequest,
    NotFound,
    ServeError,
    TooLarge,
    Unauthorized,
    Unavailable,
)
from livedesk.serve.safejson import SafeJSONResponse
from livedesk.store import StoreError

__all__ = [
    "Forbidden",
    "InvalidRequest",
    "NotFound",
    "ServeError",
    "TooLarge",
    "Unauthorized",
    "Unavailable",
    "error_body",
    "install_error_handlers",
]

log = logging.getLogger("livedesk.serve")

# Codes by HTTP status, for errors raised by the framework (unknown route, wrong method …).
_CODES = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    409: "conflict",
    413: "too_large",
    415: "unsupported_media_type",
    422: "invalid_request",
    500: "internal_error",
    503: "unavailable",
}


_METHODS = ("GET", "POST", "PUT", "PATCH", "DELETE")
# A 401 names the scheme the client should use (RFC 9110, section 11.6.1).
_CHALLENGE = {"WWW-Authenticate": 'Bearer realm="livedesk"'}


def error_body(status: int, code: str, message: str) -> dict[str, Any]:
    return {"error": {"status": status, "code": code, "message": message}}


def _respond(status: int, code: str, message: str, headers: Any = None) -> JSONResponse:
    return SafeJSONResponse(error_body(status, code, message), status_code=status, headers=headers)


def _status_of(error: LivedeskError) -> tuple[int, str]:
    """The HTTP status and code for an error livedesk raised on purpose."""
    if isinstance(error, ServeError):
        return error.status, error.code
    if isinstance(error, RegistryError):
        return 404, "not_found"
    if isinstance(error, InputError | StoreError | SettingsError):
        # Bad cursors, bad documents and conflicting report ids are the caller's to fix.
        return 400, "bad_request"
    if isinstance(error, ResourceError):
        return 503, "unavailable"
    return 500, "internal_error"


async def _livedesk_error(request: Request, error: Exception) -> JSONResponse:
    if not isinstance(error, LivedeskError):  # registered for LivedeskError only
        raise error
    status, code = _status_of(error)
    if status >= 500:
        log.error("%s %s failed: %s", request.method, request.url.path, error)
    return _respond(status, code, str(error), headers=_CHALLENGE if status == 401 else None)


async def _http_error(request: Request, error: Exception) -> JSONResponse:
    if not isinstance(error, StarletteHTTPException):
        raise error
    status = error.status_code
    if status == 404:
        message = (
            f"nothing at {request.url.path}; the API is described at /openapi.json, "
            "the live page is at /"
        )
    elif status == 405:
        allowed = _allowed_methods(request)
        message = f"{request.method} is not allowed on {request.url.path}; use {allowed}"
        headers = {**(error.headers or {}), "Allow": allowed}
        return _respond(status, "method_not_allowed", message, headers=headers)
    else:
        message = str(error.detail)
    return _respond(status, _CODES.get(status, "error"), message, headers=error.headers)


def _allowed_methods(request: Request) -> str:
    """Every method some route accepts at this path (Starlette names only the first route's)."""
    allowed = [
        method
        for method in _METHODS
        if any(
            route.matches({**request.scope, "method": method})[0] == Match.FULL
            for route in request.app.router.routes
        )
    ]
    return ", ".join(allowed) or "GET"


async def _validation_error(request: Request, error: Exception) -> JSONResponse:
    if not isinstance(error, RequestValidationError):
        raise error
    problems = []
    for item in error.errors():
        where = ".".join(str(part) for part in item.get("loc", ()))
        problems.append(f"{where}: {item.get('msg', 'invalid')}")
    message = f"the request is not valid: {'; '.join(problems)} (shapes: /openapi.json)"
    return _respond(422, "invalid_request", message)


async def _unexpected(request: Request, error: Exception) -> JSONResponse:
    log.exception("%s %s failed unexpectedly", request.method, request.url.path)
    message = (
        f"the server failed on {request.method} {request.url.path} "
        f"({type(error).__name__}); this is a livedesk bug: the server log has the traceback"
    )
    return _respond(500, "internal_error", message)


def install_error_handlers(app: FastAPI) -> None:
    """Render every error, from the framework, livedesk or a bug, in the one shape."""
    app.add_exception_handler(LivedeskError, _livedesk_error)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(Exception, _unexpected)
