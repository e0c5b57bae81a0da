"""Faults aimed at one operation: forced statuses, latency and fail-first-N per operation, beside the all-operation ones."""

from __future__ import annotations

import time

import httpx
import pytest

from liveavatar import InternalServerError, LiveAvatar, Persona
from liveavatar.mock import SANDBOX_AVATAR_ID, LiveAvatarMock, MockConfig, MockServer
from liveavatar.testing import no_retry_waits
from tests.mock.spec_check import spec_problems
from tests.mock.support import API_KEY, CREDITS_PATH, SESSIONS_PATH, TOKEN_PATH, call_app, full_body, mint, start

pytestmark = pytest.mark.usefixtures("spec_checked")


def test_fail_next_for_start_leaves_other_operations_alone(liveavatar_mock: MockServer, api: httpx.Client) -> None:
    """Two start faults: mints and lists pass, the first two starts get 503 and start nothing, the third starts."""
    liveavatar_mock.fail_next(2, 503, operation="start")
    session_id, token = mint(api, full_body())

    statuses = [start(api, token).status_code for _ in range(3)]

    assert [503, 503, 201] == statuses
    assert 200 == api.get(SESSIONS_PATH, params={"type": "active"}).status_code
    assert [session_id] == [session.id for session in liveavatar_mock.sessions()]
    assert ["create_token", "start", "start", "start", "list"] == [r.operation for r in liveavatar_mock.requests]


def test_a_fault_for_one_operation_does_not_hold_back_the_queue(liveavatar_mock: MockServer, api: httpx.Client) -> None:
    """A start fault queued before an all-operation fault: the next credits call takes the latter at once."""
    liveavatar_mock.fail_next(1, 503, operation="start")
    liveavatar_mock.fail_next(1, 500)

    assert 500 == api.get(CREDITS_PATH).status_code
    assert 200 == api.get(CREDITS_PATH).status_code
    assert 503 == start(api, mint(api, full_body())[1]).status_code


def test_a_forced_status_for_one_operation(liveavatar_mock: MockServer, api: httpx.Client) -> None:
    """force_status(429, operation="list") answers every list until cleared; credits answer normally meanwhile."""
    liveavatar_mock.force_status(429, operation="list")

    responses = [api.get(SESSIONS_PATH, params={"type": "active"}) for _ in range(2)]

    assert [(429, "1"), (429, "1")] == [(r.status_code, r.headers["retry-after"]) for r in responses]
    assert 200 == api.get(CREDITS_PATH).status_code
    liveavatar_mock.clear_faults()
    assert 200 == api.get(SESSIONS_PATH, params={"type": "active"}).status_code


def test_an_operation_forced_status_wins_over_the_general_one(liveavatar_mock: MockServer, api: httpx.Client) -> None:
    """With 503 forced everywhere and 429 for credits, credits get 429 and the rest 503."""
    liveavatar_mock.force_status(503)
    liveavatar_mock.force_status(429, operation="credits")

    assert (429, 503) == (api.get(CREDITS_PATH).status_code, api.post(TOKEN_PATH, json=full_body()).status_code)


def test_latency_for_one_operation(liveavatar_mock: MockServer, api: httpx.Client) -> None:
    """Latency aimed at credits delays credits only."""
    liveavatar_mock.set_latency(0.3, operation="credits")

    began = time.monotonic()
    api.get(SESSIONS_PATH, params={"type": "active"})
    quick = time.monotonic() - began
    began = time.monotonic()
    api.get(CREDITS_PATH)
    slow = time.monotonic() - began

    assert slow >= 0.3
    assert quick < 0.3


def test_all_operation_faults_still_hit_lifecycle_calls(liveavatar_mock: MockServer, api: httpx.Client) -> None:
    """fail_next without an operation answers the very next request, whatever it is."""
    liveavatar_mock.fail_next(1, 502)

    response = api.get(CREDITS_PATH)

    assert (502, "text/html") == (response.status_code, response.headers["content-type"].split(";")[0])


def test_the_sdk_retries_a_start_only_when_told_it_is_safe(liveavatar_mock: MockServer) -> None:
    """A 503 on start without Retry-After is raised at once; with Retry-After the SDK retries and the session starts."""
    with LiveAvatar(api_key=API_KEY, base_url=liveavatar_mock.url) as client, no_retry_waits():
        token = client.sessions.create_token(avatar_id=SANDBOX_AVATAR_ID, persona=Persona())
        liveavatar_mock.fail_next(1, 503, operation="start")
        with pytest.raises(InternalServerError):
            client.sessions.start(token)
        assert [] == liveavatar_mock.sessions()

        liveavatar_mock.fail_next(2, 503, operation="start", retry_after=1)
        started = client.sessions.start(token)

    assert (2, [token.session_id]) == (started.retries_taken, [s.id for s in liveavatar_mock.sessions()])


def test_config_faults_can_be_aimed_at_one_operation() -> None:
    """MockConfig(fault_operation="start", fail_first=1): the mint passes, the first start fails, and reset re-arms it."""
    mock = LiveAvatarMock(MockConfig(fault_operation="start", fail_first=1, fail_status=500))
    headers = {"X-API-KEY": API_KEY}

    for _ in range(2):
        token = call_app(mock.app, "POST", json=full_body(), headers=headers).json()["data"]["session_token"]
        bearer = {"Authorization": f"Bearer {token}"}
        assert [500, 201] == [
            call_app(mock.app, "POST", "/v1/sessions/start", headers=bearer).status_code for _ in "ab"
        ]
        assert [] == spec_problems(mock.requests)
        mock.reset()


def test_unknown_operation_names_are_refused(liveavatar_mock: MockServer) -> None:
    """A fault or config aimed at an operation the mock does not have raises ValueError naming the valid ones."""
    with pytest.raises(ValueError, match="keep_alive"):
        liveavatar_mock.fail_next(1, 503, operation="keepalive")
    with pytest.raises(ValueError, match="start"):
        liveavatar_mock.force_status(503, operation="begin")
    with pytest.raises(ValueError, match="credits"):
        liveavatar_mock.set_latency(1, operation="balance")
    with pytest.raises(ValueError, match="fault_operation"):
        MockConfig(fault_operation="nope")
