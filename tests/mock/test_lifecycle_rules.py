"""Each lifecycle rule of the table refuses with its status and is recorded by name; the spec checker catches drift."""

from __future__ import annotations

from collections.abc import Callable

import httpx
import pytest

from liveavatar.mock import RULES, START_UNAUTHORIZED_MESSAGE, MockServer, RecordedRequest
from tests.mock.spec_check import spec_problems
from tests.mock.support import (
    API_KEY,
    KEEP_ALIVE_PATH,
    LIFECYCLE_RULES,
    SESSIONS_PATH,
    START_PATH,
    STOP_PATH,
    bearer,
    full_body,
    mint,
    start,
    started,
)

pytestmark = pytest.mark.usefixtures("spec_checked")

UNKNOWN_ID = "0b7c1f34-1111-4222-8333-444455556666"


def _start_with_the_api_key(mock: MockServer, api: httpx.Client) -> httpx.Response:
    return api.post(START_PATH)


def _start_with_a_foreign_token(mock: MockServer, api: httpx.Client) -> httpx.Response:
    return api.post(START_PATH, headers=bearer("eyJhbGciOiJIUzI1NiJ9.e30.c2lnbmF0dXJl"))


def _start_twice(mock: MockServer, api: httpx.Client) -> httpx.Response:
    _, token = mint(api, full_body())
    start(api, token)
    return start(api, token)


def _start_without_credit(mock: MockServer, api: httpx.Client) -> httpx.Response:
    mock.set_credits(0)
    return start(api, mint(api, full_body())[1])


def _stop_with_the_key_and_no_id(mock: MockServer, api: httpx.Client) -> httpx.Response:
    started(api, full_body())
    return api.post(STOP_PATH, json={"reason": "USER_CLOSED"})


def _keep_another_session_alive(mock: MockServer, api: httpx.Client) -> httpx.Response:
    _, token = mint(api, full_body())
    start(api, token)
    other, _ = started(api, full_body())
    return api.post(KEEP_ALIVE_PATH, json={"session_id": other}, headers={**bearer(token), "X-API-KEY": ""})


def _get_an_unknown_session(mock: MockServer, api: httpx.Client) -> httpx.Response:
    return api.get(f"{SESSIONS_PATH}/{UNKNOWN_ID}")


def _keep_an_ended_session_alive(mock: MockServer, api: httpx.Client) -> httpx.Response:
    session_id, _ = started(api, full_body())
    api.post(STOP_PATH, json={"session_id": session_id, "reason": "USER_CLOSED"})
    return api.post(KEEP_ALIVE_PATH, json={"session_id": session_id})


BREAKING: dict[str, Callable[[MockServer, httpx.Client], httpx.Response]] = {
    "start-takes-session-token": _start_with_the_api_key,
    "session-token-valid": _start_with_a_foreign_token,
    "start-once": _start_twice,
    "start-needs-credit": _start_without_credit,
    "session-id-with-api-key": _stop_with_the_key_and_no_id,
    "token-own-session": _keep_another_session_alive,
    "session-exists": _get_an_unknown_session,
    "session-ended": _keep_an_ended_session_alive,
}


def test_the_lifecycle_rules_are_in_the_table() -> None:
    """Every lifecycle rule is a mock rule of the table, and each has a request that breaks it below."""
    assert LIFECYCLE_RULES <= {rule.name for rule in RULES}
    assert set(BREAKING) == LIFECYCLE_RULES


@pytest.mark.parametrize("name", sorted(BREAKING))
def test_each_lifecycle_rule_refuses_and_is_recorded_by_name(
    liveavatar_mock: MockServer, api: httpx.Client, name: str
) -> None:
    """The breaking request gets the rule's status and the API's envelope, and the record names exactly that rule."""
    rule = next(rule for rule in RULES if rule.name == name)

    response = BREAKING[name](liveavatar_mock, api)

    assert (rule.status, (name,)) == (response.status_code, liveavatar_mock.last_request.rules)
    assert {"code", "data", "message"} == set(response.json())


def test_start_with_the_api_key_says_start_takes_the_session_token(api: httpx.Client) -> None:
    """The 401 for the API key on start names the session token and the Bearer header."""
    response = api.post(START_PATH)

    assert {"code": 401, "data": None, "message": START_UNAUTHORIZED_MESSAGE} == response.json()
    assert "session token" in START_UNAUTHORIZED_MESSAGE
    assert "Bearer" in START_UNAUTHORIZED_MESSAGE


def test_an_expired_token_cannot_start(liveavatar_mock: MockServer, api: httpx.Client) -> None:
    """A token is refused at start once the clock passes its exp (token_ttl, 3600 s by default)."""
    _, token = mint(api, full_body())
    liveavatar_mock.advance(3601)

    response = start(api, token)

    assert (401, ("session-token-valid",)) == (response.status_code, liveavatar_mock.last_request.rules)
    assert "expired" in response.json()["message"]


@pytest.mark.parametrize(
    ("method", "path"),
    [("GET", SESSIONS_PATH + "?type=active"), ("GET", f"{SESSIONS_PATH}/{UNKNOWN_ID}"), ("GET", "/v1/users/credits")],
)
def test_api_key_only_calls_refuse_the_session_token(
    liveavatar_mock: MockServer, api: httpx.Client, method: str, path: str
) -> None:
    """list, get and credits take the API key only: a valid session token alone is a 401."""
    _, token = mint(api, full_body())

    response = api.request(method, path, headers={**bearer(token), "X-API-KEY": ""})

    assert 401 == response.status_code


def test_the_spec_checker_reports_bad_answers() -> None:
    """The checker flags an undeclared status and a body its schema refuses, and passes a good answer."""

    def record(operation: str, status: int, body: bytes) -> RecordedRequest:
        return RecordedRequest(
            method="POST",
            path="/v1/sessions/start",
            query="",
            headers={"x-api-key": API_KEY},
            raw_body=b"",
            status=status,
            raw_response=body,
            response_media_type="application/json",
            request_id="r",
            operation=operation,
        )

    good = (
        b'{"code":100,"data":{"session_id":"'
        + UNKNOWN_ID.encode()
        + b'","livekit_url":"u","livekit_client_token":"t"}}'
    )
    no_token = b'{"code":100,"data":{"session_id":"' + UNKNOWN_ID.encode() + b'","livekit_url":"u"}}'

    assert [] == spec_problems([record("start", 201, good)])
    assert 1 == len(spec_problems([record("start", 201, no_token)]))
    assert 1 == len(spec_problems([record("start", 404, b'{"code":404}')]))
    assert 1 == len(spec_problems([record("credits", 200, b'{"data":{"credits_left":12}}')]))
