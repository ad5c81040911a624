"""JSON that is safe wherever it lands: ``<``, ``>`` and ``&`` written as ``\\u003c`` …

The page builds its DOM with ``textContent`` and the server sends a Content-Security-Policy
without inline script; escaping these three characters server-side as well means report
text (a title holding ``</script><script>…``) stays inert even if some client pastes a
response into HTML.
"""

from __future__ import annotations

import json
from typing import Any

from fastapi.responses import JSONResponse

_ESCAPES = {ord("<"): "\\u003c", ord(">"): "\\u003e", ord("&"): "\\u0026"}


def dumps(value: Any) -> str:
    """JSON text with ``<``, ``>`` and ``&`` escaped (still valid JSON, same value)."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).translate(_ESCAPES)


class SafeJSONResponse(JSONResponse):
    def render(self, content: Any) -> bytes:
        return dumps(content).encode("utf-8")
