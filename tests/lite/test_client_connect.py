"""client.sessions.connect and LiveSession.connect: the LITE channel reached from the HTTP clients, sync and async."""

from __future__ import annotations

import asyncio
import json
from typing import Any

import httpx
import pytest

import liveavatar
from liveavatar import AsyncLiveAvatar, LiveAvatar, StartedSession
from liveavatar.audio import tone
from liveavatar.mock._lite import LiteChannelOptions, LiteChannels, ManualClock, ws_url_for
from tests.lite.support import SharedServer, eventually

SESSION = "5e55101d-0000-4000-8000-000000000002"
API_KEY = "sk_connect_test_0123456789"


class Channel:
    """The mock's LITE channel for one session on uvicorn, and the HTTP half of the session over MockTransport."""

    def __init__(self, served: SharedServer) -> None:
        self.channels = LiteChannels(LiteChannelOptions(), clock=ManualClock())
        prefix = served.mount(self.channels)
        self.ws_url = ws_url_for(served.server.base_url, prefix + self.channels.open(SESSION))
        self.http: list[str] = []

    def handler(self, request: httpx.Request) -> httpx.Response:
        self.http.append(request.url.path)
        if request.url.path.endswith("/token"):
            data: Any = {"session_id": SESSION, "session_token": "tok.tok.tok"}
        elif request.url.path.endswith("/start"):
            data = {"session_id": SESSION, "livekit_url": "wss://lk", "livekit_client_token": "t" * 20}
            data["ws_url"] = self.ws_url
        else:
            # Stop closes the channel, as the live service does.
            self.channels.end(SESSION, "stopped")
            data = None
        status = 201 if request.url.path.endswith("/start") else 200
        return httpx.Response(status, json={"code": 100, "data": data, "message": json.dumps(None)})


@pytest.fixture
def channel(served: SharedServer) -> Channel:
    """A LITE channel served on 127.0.0.1 for the test (on the module's server)."""
    return Channel(served)


def test_connect_takes_a_started_session_and_speaks(channel: Channel) -> None:
    """sessions.connect(StartedSession) opens its ws_url, passes the ready gate and streams audio under one id."""
    started = StartedSession(session_id=SESSION, livekit_url=None, livekit_client_token="t" * 20, ws_url=channel.ws_url)
    with LiveAvatar(api_key=API_KEY) as client, client.sessions.connect(started, require_ready=True) as conn:
        event_id = conn.speak(tone(0.5))
        eventually(lambda: bool(channel.channels.frames(SESSION)))
    frames = channel.channels.frames(SESSION)
    assert None not in [frame.type for frame in frames]
    assert {frame.event_id for frame in frames if frame.type is not None and frame.type.startswith("agent.speak")} == {
        event_id
    }


def test_connect_takes_the_ws_url_text(channel: Channel) -> None:
    """sessions.connect also takes the ws_url string."""
    with LiveAvatar(api_key=API_KEY) as client, client.sessions.connect(channel.ws_url, require_ready=True) as conn:
        assert conn.is_ready


def test_connect_refuses_a_session_without_ws_url_before_io() -> None:
    """A FULL session (no ws_url) is refused with InvalidRequestError naming session."""
    started = StartedSession(session_id=SESSION, livekit_url="wss://lk", livekit_client_token="t" * 20)
    with LiveAvatar(api_key=API_KEY) as client, pytest.raises(liveavatar.InvalidRequestError, match="session"):
        client.sessions.connect(started)


def test_a_managed_session_stops_then_closes_its_channel(channel: Channel) -> None:
    """Leaving start_lite's block stops the session over HTTP first, then closes the channel it opened."""
    client = LiveAvatar(api_key=API_KEY, http_client=httpx.Client(transport=httpx.MockTransport(channel.handler)))
    with client.sessions.start_lite(avatar_id="dd73ea75-1218-4ef3-92ce-606d5f7fbc0a", keep_alive_every=None) as live:
        conn = live.connect(require_ready=True)
        assert conn.is_ready
    assert (["/v1/sessions/token", "/v1/sessions/start", "/v1/sessions/stop"], True) == (channel.http, conn.closed)


def test_async_connect_works_awaited_and_as_a_context_manager(channel: Channel) -> None:
    """The async connect is usable as `await` and as `async with`; the managed session closes what it opened."""

    async def scenario() -> tuple[bool, bool]:
        http = httpx.AsyncClient(transport=httpx.MockTransport(channel.handler))
        async with AsyncLiveAvatar(api_key=API_KEY, http_client=http) as client:
            async with client.sessions.connect(channel.ws_url, require_ready=True) as first:
                ready = first.is_ready
            live = await client.sessions.start_lite(
                avatar_id="dd73ea75-1218-4ef3-92ce-606d5f7fbc0a", keep_alive_every=None
            )
            async with live:
                second = await live.connect(require_ready=False)
            return ready, second.closed

    assert (True, True) == asyncio.run(scenario())
