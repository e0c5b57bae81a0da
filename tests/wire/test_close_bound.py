"""close() against a peer on 127.0.0.1 that never answers a stop: bounded, whatever the number of sessions held."""

from __future__ import annotations

import asyncio
import time

import pytest

from liveavatar import AsyncLiveAvatar, LiveAvatar
from tests.wire.conftest import AVATAR_ID, SESSION_ID, TOKEN_BODY, WireServer

STARTED = {
    "code": 100,
    "data": {"session_id": SESSION_ID, "livekit_url": "wss://lk", "livekit_client_token": "lk-0123456789"},
    "message": "ok",
}
API_KEY = "sk_wire_close_0123456789"
STOP_TIMEOUT = 0.5
SESSIONS = 40


def _script(server: WireServer) -> None:
    for _ in range(SESSIONS):
        server.script(server.reply(200, body=TOKEN_BODY), server.reply(201, body=STARTED))
    server.script(*(server.hang() for _ in range(SESSIONS)))


def _sync_close(url: str) -> tuple[float, bool]:
    client = LiveAvatar(api_key=API_KEY, base_url=url, max_retries=0)
    held = [client.sessions.start_lite(avatar_id=AVATAR_ID, keep_alive_every=None) for _ in range(SESSIONS)]
    client._registry.stop_timeout = STOP_TIMEOUT
    started = time.monotonic()
    client.close()
    return time.monotonic() - started, all(live.stopped for live in held)


async def _async_close(url: str) -> tuple[float, bool]:
    client = AsyncLiveAvatar(api_key=API_KEY, base_url=url, max_retries=0)
    held = [await client.sessions.start_lite(avatar_id=AVATAR_ID, keep_alive_every=None) for _ in range(SESSIONS)]
    client._registry.stop_timeout = STOP_TIMEOUT
    started = time.monotonic()
    await client.aclose()
    return time.monotonic() - started, all(live.stopped for live in held)


@pytest.mark.parametrize("kind", ["sync", "async"])
def test_close_with_every_stop_hanging_returns_within_twice_one_stops_timeout(
    wire_server: WireServer, kind: str
) -> None:
    """40 sessions held and a server that reads each stop and never answers: close() returns within 2 x the stop timeout."""
    _script(wire_server)

    took, all_stopped = _sync_close(wire_server.url) if kind == "sync" else asyncio.run(_async_close(wire_server.url))

    stops = [request for request in wire_server.requests if request.path == "/v1/sessions/stop"]
    assert took <= 2 * STOP_TIMEOUT + 0.5
    assert stops
    assert all_stopped
