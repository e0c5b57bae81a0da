"""A caller's httpx pool: its default headers, cookies and params still apply under the SDK's, without build_request."""

from __future__ import annotations

from typing import Any, TypedDict

import httpx

from liveavatar import LiveAvatar, Persona
from tests.unit.support import API_KEY, AVATAR_ID, SESSION_TOKEN, Recorder


class _PersonaCall(TypedDict):
    avatar_id: str
    persona: Persona


PERSONA_CALL: _PersonaCall = {"avatar_id": AVATAR_ID, "persona": Persona()}


def _client(server: Recorder, **pool: Any) -> LiveAvatar:
    return LiveAvatar(api_key=API_KEY, http_client=httpx.Client(transport=httpx.MockTransport(server), **pool))


def test_the_pools_default_headers_are_sent_under_ours() -> None:
    """A header set on the caller's pool is sent; ours (the key, the content type) win where both name one."""
    server = Recorder()
    client = _client(server, headers={"X-Trace": "t-1", "Accept": "text/plain"})

    client.sessions.create_token(**PERSONA_CALL)

    sent = server.requests[0].headers
    assert ("t-1", "application/json", API_KEY) == (sent["x-trace"], sent["accept"], sent["x-api-key"])


def test_a_change_to_the_pools_headers_is_picked_up_at_once() -> None:
    """The merged headers are cached, but keyed on the pool's current headers: a new value is sent next call."""
    server = Recorder()
    pool = httpx.Client(transport=httpx.MockTransport(server), headers={"X-Trace": "first"})
    client = LiveAvatar(api_key=API_KEY, http_client=pool)

    client.sessions.create_token(**PERSONA_CALL)
    pool.headers["X-Trace"] = "second"
    client.sessions.create_token(**PERSONA_CALL)

    assert ["first", "second"] == [request.headers["x-trace"] for request in server.requests]


def test_cookies_and_params_of_the_pool_still_apply() -> None:
    """A pool with cookies or default params is merged by httpx itself, so both reach the server."""
    server = Recorder()
    client = _client(server, cookies={"session": "c"}, params={"tenant": "7"})

    client.sessions.create_token(**PERSONA_CALL)

    request = server.requests[0]
    assert ("session=c", "7") == (request.headers["cookie"], request.url.params["tenant"])


def test_start_through_a_callers_pool_sends_its_headers_and_the_bearer_only() -> None:
    """start on a caller's pool carries the pool's headers and the session token, never the API key."""
    body = {
        "session_id": "0f5b0a52-8a4f-4d67-9a55-8f2d0b4f3c11",
        "livekit_url": "wss://lk",
        "livekit_client_token": "t" * 20,
    }
    server = Recorder(httpx.Response(201, json={"code": 100, "data": body}))
    client = _client(server, headers={"X-Trace": "t-2"})

    client.sessions.start(SESSION_TOKEN)

    sent = server.requests[0].headers
    assert ("t-2", f"Bearer {SESSION_TOKEN}") == (sent["x-trace"], sent["authorization"])
    assert "x-api-key" not in sent
