"""What live answers carry by default: `code: 1000` on every success, and an integer `max_session_duration` at start."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from liveavatar.mock import (
    DEFAULT_PLAN_MAX_SESSION_DURATION,
    DEFAULT_SUCCESS_CODE,
    PUBLISHED_SUCCESS_CODE,
    MockConfig,
    MockServer,
)
from tests.mock.spec_check import spec_problems
from tests.mock.support import (
    API_KEY,
    CREDITS_PATH,
    KEEP_ALIVE_PATH,
    LIVEKIT,
    OTHER_AVATAR_ID,
    SESSIONS_PATH,
    STOP_PATH,
    TOKEN_PATH,
    bearer,
    full_body,
    lite_body,
    started,
)


def every_success(api: httpx.Client) -> dict[str, httpx.Response]:
    """One successful answer of each operation, in a session's order."""
    minted = api.post(TOKEN_PATH, json=full_body())
    token = minted.json()["data"]["session_token"]
    session_id = minted.json()["data"]["session_id"]
    answers = {"create_token": minted}
    answers["start"] = api.post("/v1/sessions/start", headers={**bearer(token), "X-API-KEY": ""})
    answers["keep_alive"] = api.post(KEEP_ALIVE_PATH, headers={**bearer(token), "X-API-KEY": ""})
    answers["list"] = api.get(SESSIONS_PATH, params={"type": "active"})
    answers["get"] = api.get(f"{SESSIONS_PATH}/{session_id}")
    answers["transcript"] = api.get(f"{SESSIONS_PATH}/{session_id}/transcript")
    answers["credits"] = api.get(CREDITS_PATH)
    answers["stop"] = api.post(STOP_PATH, json={"session_id": session_id})
    answers["delete_events"] = api.delete(f"{SESSIONS_PATH}/{session_id}/events")
    return answers


@pytest.fixture
def serve_with() -> Iterator[Any]:
    """Start a mock with the given config and a client on it; every answer is checked against the spec."""
    made: list[tuple[MockServer, httpx.Client]] = []

    def make(config: MockConfig) -> tuple[MockServer, httpx.Client]:
        mock = MockServer(config).start()
        api = httpx.Client(base_url=mock.url, headers={"X-API-KEY": API_KEY}, timeout=10)
        made.append((mock, api))
        return mock, api

    yield make
    for mock, api in made:
        api.close()
        mock.stop()
        assert [] == spec_problems(mock.requests)


@pytest.mark.parametrize(
    ("config", "code"),
    [
        (MockConfig(), 1000),
        (MockConfig(success_code=PUBLISHED_SUCCESS_CODE), 100),
        (MockConfig(success_code=1000), 1000),
    ],
    ids=["default", "published", "live"],
)
def test_every_success_carries_the_configured_code(serve_with: Any, config: MockConfig, code: int) -> None:
    """Every operation's success carries `code` 1000 by default, 100 with `success_code=100`."""
    _, api = serve_with(config)

    answers = every_success(api)

    assert {name: (200 if name != "start" else 201) for name in answers} == {
        name: response.status_code for name, response in answers.items()
    }
    assert {name: code for name in answers} == {name: response.json()["code"] for name, response in answers.items()}


def test_the_default_is_the_live_code() -> None:
    """The default is the live 1000, and the published 100 is named beside it."""
    assert (1000, 100) == (DEFAULT_SUCCESS_CODE, PUBLISHED_SUCCESS_CODE)
    assert DEFAULT_SUCCESS_CODE == MockConfig().success_code


def test_refusals_keep_their_status_as_code(api: httpx.Client) -> None:
    """An error envelope's `code` is its status, whatever the success code."""
    response = api.post(STOP_PATH, json={})

    assert (400, 400) == (response.status_code, response.json()["code"])


@pytest.mark.parametrize(
    "body",
    [
        lite_body(avatar_id=OTHER_AVATAR_ID),
        lite_body(avatar_id=OTHER_AVATAR_ID, livekit_config=LIVEKIT),
        full_body(avatar_id=OTHER_AVATAR_ID),
    ],
    ids=["lite", "lite-own-room", "full"],
)
def test_start_without_a_cap_answers_the_plans_limit(api: httpx.Client, body: dict[str, Any]) -> None:
    """A non-sandbox session minted without `max_session_duration` starts with the plan's limit, an int."""
    _, data = started(api, body)

    assert type(data["max_session_duration"]) is int
    assert DEFAULT_PLAN_MAX_SESSION_DURATION == data["max_session_duration"] == 3600


def test_the_plans_limit_ends_the_session(liveavatar_mock: MockServer, api: httpx.Client) -> None:
    """The plan's limit is a real cap: the session ends with MAX_DURATION_REACHED when it is reached."""
    session_id, data = started(api, lite_body(avatar_id=OTHER_AVATAR_ID))
    for _ in range(data["max_session_duration"] // 200):
        liveavatar_mock.advance(200)
        api.post(KEEP_ALIVE_PATH, json={"session_id": session_id})

    assert "MAX_DURATION_REACHED" == liveavatar_mock.session(session_id).end_reason


def test_the_plans_limit_is_configurable(serve_with: Any) -> None:
    """`MockConfig(max_session_duration=1200)` is the plan's limit; an asked cap and sandbox still win."""
    _, api = serve_with(MockConfig(max_session_duration=1200))

    answers = [
        started(api, body)[1]["max_session_duration"]
        for body in (
            lite_body(avatar_id=OTHER_AVATAR_ID),
            lite_body(avatar_id=OTHER_AVATAR_ID, max_session_duration=300),
            lite_body(is_sandbox=True),
        )
    ]

    assert [1200, 300, 60] == answers


def test_no_plan_limit_answers_null(serve_with: Any) -> None:
    """`max_session_duration=None` opts out: no cap, and start answers `null`, as the spec allows."""
    _, api = serve_with(MockConfig(max_session_duration=None))

    _, data = started(api, full_body(avatar_id=OTHER_AVATAR_ID))

    assert data["max_session_duration"] is None
