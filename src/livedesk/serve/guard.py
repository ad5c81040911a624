"""What guards the server: the API token, and the cap on request bodies.

1. Writes (``POST /api/reports``) need the header ``Authorization: Bearer <api_token>``;
   with ``api_read_token_required`` the reads under ``/api`` need it too. Tokens are compared
   with :func:`hmac.compare_digest`. An app without a token refuses writes (403); the
   ``serve`` and ``demo`` commands make one per run when none is set (:func:`new_token`).
2. Request bodies are capped at ``max_request_bytes`` before anything parses them: a declared
   ``Content-Length`` over the cap is refused before the body is read, and a body without one
   (chunked) is counted as it arrives and refused as soon as it passes the cap. Both are a 413
   in the one error shape.

The live page (``/``, ``/static``, ``/assets``), ``/healthz`` and ``/openapi.json`` stay open:
they hold no reports.
"""

from __future__ import annotations

import hmac
import secrets
from collections.abc import Callable
from typing import Annotated, Any

from fastapi import Security
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from livedesk.errors import SettingsError
from livedesk.serve.errors import error_body
from livedesk.serve.exceptions import Forbidden, Unauthorized
from livedesk.serve.safejson import SafeJSONResponse
from livedesk.settings import SETTINGS

# Shorter tokens are guessable; new_token() makes 32 characters.
MIN_TOKEN_LENGTH = 16
DEFAULT_MAX_REQUEST_BYTES: int = next(s.default for s in SETTINGS if s.name == "max_request_bytes")
HOW_TO_SET = "start the server with --api-token TOKEN or set LIVEDESK_API_TOKEN"
HOW_TO_SEND = "send the header 'Authorization: Bearer TOKEN'"
MAKE_ONE = "make one with: python -c 'import secrets; print(secrets.token_urlsafe(24))'"

# Declared in /openapi.json, so clients (and schemathesis) know how to authenticate.
_bearer = HTTPBearer(
    auto_error=False,
    scheme_name="api_token",
    description="the server's api_token (setting; --api-token or LIVEDESK_API_TOKEN)",
)
Credentials = Annotated[HTTPAuthorizationCredentials | None, Security(_bearer)]


def new_token() -> str:
    """A random token for one run of the server."""
    return secrets.token_urlsafe(24)


def check_token(token: str) -> str:
    """``token`` when it can be the API token ('' disables writes), else a SettingsError."""
    if token and (len(token) < MIN_TOKEN_LENGTH or not all("!" <= c <= "~" for c in token)):
        # The token itself stays out of the message: it may end up in a log.
        raise SettingsError(
            f"Setting 'api_token' has {len(token)} character(s); it must be at least "
            f"{MIN_TOKEN_LENGTH} visible ASCII characters (no spaces); {MAKE_ONE}"
        )
    return token


def check_limits(token: str, read_token_required: bool, max_request_bytes: int) -> None:
    """Refuse settings that would lock everyone out or accept no request at all."""
    check_token(token)
    if read_token_required and not token:
        raise SettingsError(
            "Setting 'api_read_token_required' is on but 'api_token' is empty, so nobody could "
            f"read the API; set api_token (--api-token or LIVEDESK_API_TOKEN; {MAKE_ONE}) or "
            "turn api_read_token_required off"
        )
    if max_request_bytes < 1:
        raise SettingsError(
            f"Setting 'max_request_bytes' is {max_request_bytes}; give a positive number of "
            f"bytes (default {DEFAULT_MAX_REQUEST_BYTES})"
        )


def require_token(token: str, what: str) -> Callable[..., None]:
    """A dependency that lets a request through only with ``token`` as its bearer token;
    ``what`` names the guarded action in the errors ("writes", "reads")."""
    expected = token.encode("ascii")

    def guard(credentials: Credentials) -> None:
        if not expected:
            raise Forbidden(
                f"{what} are disabled: this server has no API token; {HOW_TO_SET}, "
                f"then {HOW_TO_SEND}"
            )
        if credentials is None:
            raise Unauthorized(
                f"{what} need the API token: {HOW_TO_SEND} with the token the server was "
                "started with (--api-token or LIVEDESK_API_TOKEN)"
            )
        # Header values arrive decoded as latin-1: encoding back gives the bytes sent.
        given = credentials.credentials.encode("latin-1")
        if not hmac.compare_digest(given, expected):
            raise Unauthorized(
                f"the API token sent is not this server's; {what} need the token the server "
                "was started with (--api-token or LIVEDESK_API_TOKEN)"
            )

    return guard


class BodyTooLarge(StarletteHTTPException):
    """Raised from ``receive`` once a body passes the cap. An HTTPException, so FastAPI lets it
    through its body parsing and the app's handler answers 413 in the one shape."""

    def __init__(self, limit: int) -> None:
        super().__init__(413, _too_large(f"the request body passed {limit} bytes", limit))


class BodyLimit:
    """ASGI middleware: at most ``max_bytes`` of request body, whatever reads it."""

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = _content_length(scope)
        if declared == -1:
            message = "the Content-Length header is not a number of bytes; send a valid one"
            await _refuse(scope, receive, send, 400, "bad_request", message)
            return
        if declared is not None and declared > self.max_bytes:
            message = _too_large(f"the request body is {declared} bytes", self.max_bytes)
            await _refuse(scope, receive, send, 413, "too_large", message)
            return
        received = 0
        started = False

        async def limited_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_bytes:
                    raise BodyTooLarge(self.max_bytes)
            return message

        async def watched_send(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, limited_receive, watched_send)
        except BodyTooLarge as error:
            if started:
                raise
            await _refuse(scope, receive, send, 413, "too_large", str(error.detail))


def _too_large(what: str, limit: int) -> str:
    return (
        f"{what}; this server accepts at most {limit} bytes per request (setting "
        "max_request_bytes); send fewer reports per request, or store big batches with "
        "'livedesk ingest'"
    )


def _content_length(scope: Scope) -> int | None:
    """The declared body size; None when not declared, -1 when not a number."""
    for name, value in scope.get("headers", ()):
        if name == b"content-length":
            return int(value) if value.isdigit() else -1
    return None


async def _refuse(
    scope: Scope, receive: Receive, send: Send, status: int, code: str, message: str
) -> None:
    # The unread body stays on the connection: closing it is the only safe way on.
    headers: dict[str, Any] = {"Connection": "close"}
    response = SafeJSONResponse(error_body(status, code, message), status, headers=headers)
    await response(scope, receive, send)
