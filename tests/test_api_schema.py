"""Bad parameters never give a 500: schemathesis generates requests from ``/openapi.json`` (valid
and invalid ones) against the app over a small real desk, and every answer must be below 500,
every 4xx in the one error shape, and none served as HTML. Posted reports are read by a fake
reader (no model loads); the stream is left out (it never ends by itself; tests/test_serve.py
and tests/test_load.py cover it). Bounded: a few dozen examples per operation, seconds in all.
"""

from __future__ import annotations

import warnings
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis import GenerationMode

from livedesk.desk import Desk
from livedesk.serve import create_app
from tests.test_serve import NOW, TOKEN, fake_read, seed

with warnings.catch_warnings():
    warnings.simplefilter("ignore")  # see tests/test_serve.py
    from starlette.testclient import TestClient

# Examples per operation: enough to hit the edges of every parameter, few enough for CI.
EXAMPLES = 40


@pytest.fixture(scope="module")
def api(tmp_path_factory):
    path = tmp_path_factory.mktemp("api-schema") / "desk.sqlite"
    with Desk.open(path, clock=lambda: NOW) as desk:
        seed(desk)
        app = create_app(
            desk,
            read=fake_read,
            assets_dir=path.parent / "no-assets",
            api_token=TOKEN,
            max_request_bytes=200_000,
        )
        with TestClient(app):  # runs the lifespan, as a server would
            yield schemathesis.openapi.from_asgi("/openapi.json", app).exclude(path="/api/stream")


@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE])
def test_no_request_makes_the_server_fail(api, mode):
    operations = [result.ok() for result in api.get_all_operations()]
    assert len(operations) >= 12  # every endpoint but the stream (tests/test_serve.py)
    if mode is GenerationMode.NEGATIVE:
        # Only query parameters and bodies have shapes to break: a path parameter here is any
        # string, so an operation without the others has no invalid request to generate.
        operations = [op for op in operations if len(op.query) or len(op.body)]
        assert len(operations) >= 5
    for operation in operations:
        _exercise(operation, mode)


def _exercise(operation: Any, mode: GenerationMode) -> None:
    @given(operation.as_strategy(generation_mode=mode))
    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    def run(case: Any) -> None:
        response = case.call(headers={"Authorization": f"Bearer {TOKEN}"})
        where = f"{case.method} {case.formatted_path} {case.query or ''} -> {response.status_code}"
        assert response.status_code < 500, f"{where}: {response.text[:500]}"
        assert "html" not in response.headers.get("content-type", [""])[0], where
        if response.status_code >= 400:
            _assert_error_shape(response.json(), response.status_code, where)

    run()


def _assert_error_shape(body: Any, status: int, where: str) -> None:
    assert isinstance(body, dict) and set(body) == {"error"}, where
    error = body["error"]
    assert set(error) == {"status", "code", "message"}, where
    assert error["status"] == status, where
    assert isinstance(error["code"], str) and error["code"], where
    assert isinstance(error["message"], str) and len(error["message"]) > 20, where
