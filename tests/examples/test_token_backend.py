"""The example web backend, run against the LiveAvatar mock as a real integration would be."""

from __future__ import annotations

import asyncio
from collections.abc import Callable

import httpx
import pytest

from liveavatar.mock import MockServer
from liveavatar.testing import no_retry_waits

KEY = "sk_example_backend_key_7788"

Browser = Callable[[], httpx.Response]


@pytest.fixture
def browser(liveavatar_mock: MockServer, monkeypatch: pytest.MonkeyPatch) -> Browser:
    """POST /api/session-token as a browser would, with the app started and stopped around it."""
    monkeypatch.setenv("LIVEAVATAR_API_KEY", KEY)
    monkeypatch.setenv("LIVEAVATAR_BASE_URL", liveavatar_mock.url)
    from examples.token_backend import app

    async def visit() -> httpx.Response:
        # The app's own lifespan builds and closes its LiveAvatar client.
        async with app.router.lifespan_context(app):
            transport = httpx.ASGITransport(app=app)
            async with httpx.AsyncClient(transport=transport, base_url="http://backend") as client:
                return await client.post("/api/session-token")

    return lambda: asyncio.run(visit())


def test_route_mints_a_token_for_the_browser(browser: Browser, liveavatar_mock: MockServer) -> None:
    """POST /api/session-token returns a token the mock minted, using the server-side key and persona."""
    response = browser()

    payload = response.json()
    assert 200 == response.status_code
    assert payload["session_id"] == liveavatar_mock.verify_token(payload["session_token"])["session_id"]
    request = liveavatar_mock.last_request
    assert request.api_key is not None
    assert (KEY[-4:], "FULL", True) == (request.api_key[-4:], request.body["mode"], request.body["is_sandbox"])


def test_rate_limit_is_passed_on_with_its_wait(browser: Browser, liveavatar_mock: MockServer) -> None:
    """A 429 the SDK gives up on reaches the browser as 429 with Retry-After."""
    liveavatar_mock.force_status(429, retry_after=120)

    response = browser()

    assert (429, "120") == (response.status_code, response.headers["retry-after"])


def test_unreachable_service_is_a_503(
    browser: Browser, liveavatar_mock: MockServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    """When LiveAvatar cannot be reached the browser gets 503."""
    monkeypatch.setenv("LIVEAVATAR_BASE_URL", "http://127.0.0.1:9")

    with no_retry_waits():
        assert 503 == browser().status_code


def test_upstream_failure_hides_the_details(browser: Browser, liveavatar_mock: MockServer) -> None:
    """A LiveAvatar 401 becomes a generic 502 for the browser, with no server words or key in it."""
    liveavatar_mock.force_status(401)

    response = browser()

    assert 502 == response.status_code
    assert KEY not in response.text
    assert "Unauthorized" not in response.text
