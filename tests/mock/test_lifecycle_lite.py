"""LITE sessions on the served mock: `ws_url` on the mock's own WebSocket route, closed by the session's end."""

from __future__ import annotations

import base64
import json
import time
from collections.abc import Callable, Iterator
from typing import Any, TypeVar

import httpx
import pytest
from websockets.exceptions import ConnectionClosed, InvalidStatus
from websockets.sync.client import ClientConnection, connect

from liveavatar import LiveAvatar
from liveavatar.audio import tone
from liveavatar.mock import SANDBOX_AVATAR_ID, MockConfig, MockServer
from tests.mock.spec_check import spec_problems
from tests.mock.support import API_KEY, KEEP_ALIVE_PATH, SESSIONS_PATH, STOP_PATH, lite_body, started

WAIT = 5.0
"""Seconds to wait for what should happen at once; only a failing test waits this long."""
CONNECTED = {"type": "session.state_updated", "state": "connected"}
T = TypeVar("T")


def eventually(check: Callable[[], T]) -> T:
    """Poll `check` until it returns something truthy; fail after `WAIT`."""
    deadline = time.monotonic() + WAIT
    while not (value := check()):
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.005)
    return value


def receive(websocket: ClientConnection) -> dict[str, Any]:
    """The next server event."""
    event: dict[str, Any] = json.loads(websocket.recv(timeout=WAIT))
    return event


def closed(websocket: ClientConnection) -> tuple[list[dict[str, Any]], int | None, str | None]:
    """Every event until the socket closes, and the close code and reason."""
    events = []
    while True:
        try:
            events.append(receive(websocket))
        except ConnectionClosed as error:
            close = error.rcvd
            return events, None if close is None else close.code, None if close is None else close.reason


@pytest.fixture
def served() -> Iterator[Callable[..., tuple[MockServer, httpx.Client]]]:
    """Start mocks with a given config (each with an httpx client); every answer they gave is spec-checked."""
    made: list[tuple[MockServer, httpx.Client]] = []

    def make(**config: Any) -> tuple[MockServer, httpx.Client]:
        mock = MockServer(MockConfig(**config)).start()
        api = httpx.Client(base_url=mock.url, headers={"X-API-KEY": API_KEY}, timeout=10)
        made.append((mock, api))
        return mock, api

    yield make
    for mock, api in made:
        api.close()
        mock.stop()
        assert [] == spec_problems(mock.requests)


def test_start_returns_a_ws_url_on_the_mock_with_a_per_session_secret(
    served: Callable[..., tuple[MockServer, httpx.Client]],
) -> None:
    """ws_url is ws://<the mock's host:port>/v1/lite/<id>?secret=...; each session has its own secret."""
    mock, api = served()
    first, data = started(api, lite_body())
    _, other = started(api, lite_body())

    host = mock.url.removeprefix("http://")
    assert data["ws_url"].startswith(f"ws://{host}/v1/lite/{first}?secret=")
    assert data["ws_url"].split("secret=")[1] != other["ws_url"].split("secret=")[1]


def test_the_channel_says_connected_and_records_what_it_is_sent(
    served: Callable[..., tuple[MockServer, httpx.Client]],
) -> None:
    """On the ws_url: connected, then the audio sent is in lite_audio and the frames in lite_frames."""
    mock, api = served()
    session_id, data = started(api, lite_body())
    pcm = tone(0.25)

    with connect(data["ws_url"]) as websocket:
        assert CONNECTED == receive(websocket)
        assert mock.lite_connected(session_id)
        websocket.send(json.dumps({"type": "agent.speak", "event_id": "u1", "audio": base64.b64encode(pcm).decode()}))
        websocket.send(json.dumps({"type": "agent.speak_end", "event_id": "u1"}))
        eventually(lambda: len(mock.lite_frames(session_id)) == 2)

    assert pcm == mock.lite_audio(session_id)
    assert ["agent.speak", "agent.speak_end"] == [frame.type for frame in mock.lite_frames(session_id)]


def test_a_wrong_secret_is_refused_at_the_upgrade(served: Callable[..., tuple[MockServer, httpx.Client]]) -> None:
    """The ws_url with another secret is refused with HTTP 403."""
    _, api = served()
    _, data = started(api, lite_body())

    with pytest.raises(InvalidStatus) as info:
        connect(data["ws_url"].split("secret=")[0] + "secret=wrong")

    assert 403 == info.value.response.status_code


def test_an_http_stop_closes_the_socket(served: Callable[..., tuple[MockServer, httpx.Client]]) -> None:
    """POST /v1/sessions/stop ends the channel: a terminal state, then close 1000 with the stop's reason."""
    _, api = served()
    session_id, data = started(api, lite_body())

    with connect(data["ws_url"]) as websocket:
        assert CONNECTED == receive(websocket)
        api.post(STOP_PATH, json={"session_id": session_id, "reason": "USER_CLOSED"})
        events, code, reason = closed(websocket)

    assert ([{"type": "session.state_updated", "state": "closed"}], 1000, "USER_CLOSED") == (events, code, reason)


@pytest.mark.parametrize(
    ("body", "seconds", "reason"),
    [(lite_body(), 300, "IDLE_TIMEOUT"), (lite_body(is_sandbox=True), 60, "MAX_DURATION_REACHED")],
)
def test_the_clock_ends_the_session_and_closes_its_socket(
    served: Callable[..., tuple[MockServer, httpx.Client]], body: dict[str, Any], seconds: int, reason: str
) -> None:
    """advance() past the idle timeout or the sandbox's 60 s closes the open socket with the session's end reason."""
    mock, api = served()
    session_id, data = started(api, body)

    with connect(data["ws_url"]) as websocket:
        assert CONNECTED == receive(websocket)
        mock.advance(seconds)
        _, code, said = closed(websocket)

    assert (1000, reason, reason) == (code, said, mock.session(session_id).end_reason)


def test_keep_alives_on_the_socket_keep_the_session_alive(
    served: Callable[..., tuple[MockServer, httpx.Client]],
) -> None:
    """session.keep_alive on the ws_url resets the session's idle timer, as the HTTP keep-alive does."""
    mock, api = served()
    session_id, data = started(api, lite_body())

    with connect(data["ws_url"]) as websocket:
        assert CONNECTED == receive(websocket)
        for count in range(1, 5):
            mock.advance(250)
            websocket.send(json.dumps({"type": "session.keep_alive", "event_id": f"k{count}"}))
            eventually(lambda count=count: len(mock.lite_frames(session_id)) == count)  # type: ignore[misc]
        assert "end_reason" not in api.get(f"{SESSIONS_PATH}/{session_id}").json()["data"]
        mock.advance(300)
        _, code, reason = closed(websocket)

    assert (1000, "IDLE_TIMEOUT") == (code, reason)
    assert 1300 == mock.session(session_id).duration


def test_the_http_keep_alive_keeps_the_socket_open(served: Callable[..., tuple[MockServer, httpx.Client]]) -> None:
    """An HTTP keep-alive resets the channel's idle timer too: at 450 s the socket is still open."""
    mock, api = served()
    session_id, data = started(api, lite_body())

    with connect(data["ws_url"]) as websocket:
        assert CONNECTED == receive(websocket)
        mock.advance(200)
        assert 200 == api.post(KEEP_ALIVE_PATH, json={"session_id": session_id}).status_code
        mock.advance(250)
        websocket.send(json.dumps({"type": "session.keep_alive"}))
        eventually(lambda: mock.lite_frames(session_id))
        assert mock.lite_connected(session_id)


def test_an_ended_session_refuses_a_new_socket(served: Callable[..., tuple[MockServer, httpx.Client]]) -> None:
    """After the session idles out (noticed only when the socket comes), its ws_url is refused."""
    mock, api = served()
    _, data = started(api, lite_body())
    mock.advance(300)

    with pytest.raises(InvalidStatus):
        connect(data["ws_url"])


def test_the_extended_profile_acknowledges_audio(served: Callable[..., tuple[MockServer, httpx.Client]]) -> None:
    """MockConfig(lite_profile="extended") sends agent.audio_buffer_appended for each chunk."""
    _, api = served(lite_profile="extended")
    _, data = started(api, lite_body())

    with connect(data["ws_url"]) as websocket:
        assert CONNECTED == receive(websocket)
        websocket.send(
            json.dumps({"type": "agent.speak", "event_id": "u1", "audio": base64.b64encode(tone(0.1)).decode()})
        )
        ack = receive(websocket)

    assert ("agent.audio_buffer_appended", "u1") == (ack["type"], ack["source_event_id"])


def test_connected_can_be_delayed_on_the_clock(served: Callable[..., tuple[MockServer, httpx.Client]]) -> None:
    """MockConfig(lite_connected_delay=5): connected comes only once the clock has moved 5 s."""
    mock, api = served(lite_connected_delay=5)
    session_id, data = started(api, lite_body())

    with connect(data["ws_url"]) as websocket:
        eventually(lambda: mock.lite_connected(session_id))
        with pytest.raises(TimeoutError):
            websocket.recv(timeout=0.2)
        mock.advance(5)
        assert CONNECTED == receive(websocket)


def test_connected_can_be_withheld(served: Callable[..., tuple[MockServer, httpx.Client]]) -> None:
    """MockConfig(lite_connected_delay=None): connected never comes, however far the clock moves."""
    mock, api = served(lite_connected_delay=None)
    session_id, data = started(api, lite_body())

    with connect(data["ws_url"]) as websocket:
        eventually(lambda: mock.lite_connected(session_id))
        mock.advance(100)
        with pytest.raises(TimeoutError):
            websocket.recv(timeout=0.2)


def test_the_sdk_streams_to_a_managed_session_on_the_mock(
    served: Callable[..., tuple[MockServer, httpx.Client]],
) -> None:
    """start_lite, connect and speak through the SDK: the mock received that PCM; the block's end stops the session."""
    mock, _ = served()
    pcm = tone(0.5)

    with (
        LiveAvatar(api_key=API_KEY, base_url=mock.url) as client,
        client.sessions.start_lite(avatar_id=SANDBOX_AVATAR_ID, sandbox=True, keep_alive_every=None) as live,
    ):
        connection = live.connect(keep_alive_every=None)
        connection.speak(pcm)
        eventually(lambda: any(frame.type == "agent.speak_end" for frame in mock.lite_frames(live.session_id)))

    assert pcm == mock.lite_audio(live.session_id)
    assert "USER_CLOSED" == mock.session(live.session_id).end_reason


def test_on_a_real_clock_the_socket_idles_out_by_itself(served: Callable[..., tuple[MockServer, httpx.Client]]) -> None:
    """MockConfig(clock="real", idle_timeout=0.2): with no request at all, the socket closes IDLE_TIMEOUT on time."""
    mock, api = served(clock="real", idle_timeout=0.2)
    session_id, data = started(api, lite_body())

    with connect(data["ws_url"]) as websocket:
        assert CONNECTED == receive(websocket)
        _, code, _ = closed(websocket)

    # The close reason is the channel's own wording when it ends a session by itself (see _lite.py).
    assert (1000, "IDLE_TIMEOUT") == (code, mock.session(session_id).end_reason)
