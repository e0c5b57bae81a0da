"""The lifecycle calls on a real socket (127.0.0.1), sync and async: requests on the wire, resets, retries, lost starts."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest

import liveavatar
from liveavatar import AsyncLiveAvatar, LiveAvatar, SessionToken
from liveavatar.testing import no_retry_waits
from tests.support import envelope, run_on
from tests.wire.conftest import WireServer

pytestmark = pytest.mark.wire

API_KEY = "sk_wire_lifecycle_0123456789"
SESSION_ID = "0f5b0a52-8a4f-4d67-9a55-8f2d0b4f3c11"
TOKEN = SessionToken(session_id=SESSION_ID, session_token="eyJhbGciOiJIUzI1NiJ9.e30.c2lnbmF0dXJl")
STARTED = {"session_id": SESSION_ID, "livekit_url": "wss://lk", "livekit_client_token": "lk-client-token-0123"}
SESSION = {"id": SESSION_ID, "mode": "LITE", "created_at": "2026-11-30T10:00:00Z", "credits_consumed": 1}


def call_on_wire(kind: str, server: WireServer, call: Callable[[Any], Any], **options: Any) -> Any:
    """Run `call(client)` on a sync or async client pointed at the wire server."""
    return run_on(kind, {"api_key": API_KEY, "base_url": server.url, **options}, call)


KINDS = ["sync", "async"]

OPERATIONS: list[Any] = [
    pytest.param(
        lambda c: c.sessions.start(TOKEN), 201, STARTED, ("POST", "/v1/sessions/start"), "bearer", None, id="start"
    ),
    pytest.param(
        lambda c: c.sessions.stop(SESSION_ID, reason="AGENT_HANG_UP"),
        200,
        None,
        ("POST", "/v1/sessions/stop"),
        "key",
        {"session_id": SESSION_ID, "reason": "AGENT_HANG_UP"},
        id="stop",
    ),
    pytest.param(
        lambda c: c.sessions.keep_alive(SESSION_ID),
        200,
        None,
        ("POST", "/v1/sessions/keep-alive"),
        "key",
        {"session_id": SESSION_ID},
        id="keep_alive",
    ),
    pytest.param(
        lambda c: c.sessions.get(SESSION_ID), 200, SESSION, ("GET", f"/v1/sessions/{SESSION_ID}"), "key", None, id="get"
    ),
    pytest.param(
        lambda c: c.sessions.transcript(SESSION_ID, start_timestamp=5),
        200,
        {"session_active": False, "transcript_data": []},
        ("GET", f"/v1/sessions/{SESSION_ID}/transcript?start_timestamp=5"),
        "key",
        None,
        id="transcript",
    ),
    pytest.param(
        lambda c: c.sessions.delete_events(SESSION_ID),
        200,
        None,
        ("DELETE", f"/v1/sessions/{SESSION_ID}/events"),
        "key",
        None,
        id="delete_events",
    ),
    pytest.param(
        lambda c: c.users.credits(),
        200,
        {"credits_left": "12.5"},
        ("GET", "/v1/users/credits"),
        "key",
        None,
        id="credits",
    ),
]


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize(("call", "status", "data", "request_line", "credential", "body"), OPERATIONS)
def test_each_operation_on_the_wire(
    wire_server: WireServer,
    kind: str,
    call: Callable[[Any], Any],
    status: int,
    data: object,
    request_line: tuple[str, str],
    credential: str,
    body: object,
) -> None:
    """Each call sends its method, path, credential and JSON body on a real socket, and reads the real answer."""
    wire_server.script(wire_server.reply(status, body=envelope(data)))

    result = call_on_wire(kind, wire_server, call)

    [request] = wire_server.requests
    assert request_line == (request.method, request.path)
    if credential == "bearer":
        assert (f"Bearer {TOKEN.session_token}", None) == (
            request.headers["authorization"],
            request.headers.get("x-api-key"),
        )
    else:
        assert (API_KEY, None) == (request.headers["x-api-key"], request.headers.get("authorization"))
    assert body == (json.loads(request.body) if request.body else None)
    if data == {"credits_left": "12.5"}:
        assert Decimal("12.5") == result


@pytest.mark.parametrize("kind", KINDS)
def test_list_pages_over_the_wire_on_one_connection(wire_server: WireServer, kind: str) -> None:
    """list reads page after page over one kept-alive connection and stops when no next page is linked."""
    three = [{**SESSION, "id": f"00000000-0000-4000-8000-00000000000{number}"} for number in (1, 2, 3)]
    first = {"count": 3, "next": "?page=2", "previous": None, "results": three[:2]}
    second = {"count": 3, "next": None, "previous": "?page=1", "results": three[2:]}
    wire_server.script(wire_server.reply(200, body=envelope(first)), wire_server.reply(200, body=envelope(second)))

    def listed(client: Any) -> Any:
        if kind == "sync":
            return list(client.sessions.list(page_size=2))

        async def collect() -> list[Any]:
            return [session async for session in client.sessions.list(page_size=2)]

        return collect()

    sessions = call_on_wire(kind, wire_server, listed)

    assert 3 == len(sessions)
    pages = [
        dict(part.split("=") for part in request.path.split("?")[1].split("&")) for request in wire_server.requests
    ]
    assert [("1", "2"), ("2", "2")] == [(page["page"], page["page_size"]) for page in pages]
    assert 1 == wire_server.connections


@pytest.mark.parametrize("kind", KINDS)
def test_a_start_whose_answer_is_cut_off_is_not_retried(wire_server: WireServer, kind: str) -> None:
    """The server acts, then resets mid-answer: start raises SessionStartUnknownError at once, naming the session."""
    wire_server.script(
        wire_server.reset(b'{"code": 100, "data": {"session_id": "'), wire_server.reply(201, body=envelope(STARTED))
    )

    with no_retry_waits(), pytest.raises(liveavatar.SessionStartUnknownError, match="may have started") as caught:
        call_on_wire(kind, wire_server, lambda c: c.sessions.start(TOKEN), max_retries=3)

    assert (1, SESSION_ID, 0) == (len(wire_server.requests), caught.value.session_id, caught.value.retries_taken)


@pytest.mark.parametrize("kind", KINDS)
def test_keep_alive_and_stop_are_retried_after_a_reset(wire_server: WireServer, kind: str) -> None:
    """keep_alive and stop are idempotent: a reset connection is retried on a new one."""
    wire_server.script(wire_server.reset(), wire_server.reply(200, body=envelope(None)))

    with no_retry_waits():
        call_on_wire(kind, wire_server, lambda c: c.sessions.keep_alive(SESSION_ID))

    assert (2, 2) == (len(wire_server.requests), wire_server.connections)


@pytest.mark.parametrize("kind", KINDS)
def test_a_start_refused_by_a_closed_port_is_retried(closed_port_url: str, kind: str) -> None:
    """Nothing can have started when the connection was refused, so start is retried before it gives up."""

    def attempt() -> None:
        if kind == "sync":
            with LiveAvatar(api_key=API_KEY, base_url=closed_port_url, max_retries=2) as client:
                client.sessions.start(TOKEN)
            return

        async def go() -> None:
            async with AsyncLiveAvatar(api_key=API_KEY, base_url=closed_port_url, max_retries=2) as client:
                await client.sessions.start(TOKEN)

        asyncio.run(go())

    with no_retry_waits(), pytest.raises(liveavatar.APIConnectionError) as caught:
        attempt()

    assert not isinstance(caught.value, liveavatar.SessionStartUnknownError)
    assert 2 == caught.value.retries_taken
