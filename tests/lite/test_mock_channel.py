"""The mock's LITE channel on its own (uvicorn on 127.0.0.1), both profiles, and the SDK talking to it."""

from __future__ import annotations

import base64
import json
from collections.abc import Callable
from typing import Any

import pytest
from websockets.exceptions import InvalidStatus
from websockets.sync.client import ClientConnection, connect

from liveavatar._lite import SpeakEnded, SpeakStarted, connect_lite
from liveavatar.audio import tone
from liveavatar.mock._lite import PROFILES, LiteChannelOptions, LiteChannels, ManualClock, ws_url_for
from tests.lite.support import WAIT, SharedServer, eventually

pytestmark = pytest.mark.wire

SESSION = "5e55101d-0000-4000-8000-000000000001"


class Mock:
    """A channel registry on a manual clock, served by uvicorn."""

    def __init__(self, served: SharedServer, **options: Any) -> None:
        self.clock = ManualClock()
        self.channels = LiteChannels(LiteChannelOptions(**options), clock=self.clock)
        self.base_url = served.server.base_url
        self.prefix = served.mount(self.channels)

    def url(self, session_id: str = SESSION, **open_options: Any) -> str:
        return ws_url_for(self.base_url, self.prefix + self.channels.open(session_id, **open_options))

    def taken(self, count: int) -> None:
        """Wait until the mock has taken `count` frames, so that moving the clock comes after them."""
        eventually(lambda: len(self.channels.frames(SESSION)) >= count)


@pytest.fixture
def mock_factory(served: SharedServer) -> Callable[..., Mock]:
    """Make mocks for a test on the module's server; `served` resets them after it."""

    def make(**options: Any) -> Mock:
        return Mock(served, **options)

    return make


def receive(websocket: ClientConnection) -> dict[str, Any]:
    message = json.loads(websocket.recv(timeout=WAIT))
    assert isinstance(message, dict)
    return message


def speak(websocket: ClientConnection, pcm: bytes, event_id: str | None = "u1") -> None:
    frame: dict[str, Any] = {"type": "agent.speak", "audio": base64.b64encode(pcm).decode()}
    if event_id is not None:
        frame["event_id"] = event_id
    websocket.send(json.dumps(frame))


def test_docs_profile_plays_an_utterance_on_the_clock(mock_factory: Callable[..., Mock]) -> None:
    """docs: connected; speak_started after the delay; speak_ended only after speak_end and the audio's duration."""
    mock = mock_factory(profile="docs")
    with connect(mock.url()) as websocket:
        assert receive(websocket) == {"type": "session.state_updated", "state": "connected"}
        speak(websocket, tone(1.0))
        websocket.send(json.dumps({"type": "agent.speak_end", "event_id": "u1"}))
        mock.taken(2)
        mock.clock.advance(0.2)
        started = receive(websocket)
        assert (started["type"], started["event_id"]) == ("agent.speak_started", "u1")
        mock.clock.advance(0.99)
        websocket.send(json.dumps({"type": "session.keep_alive"}))
        mock.taken(3)
        with pytest.raises(TimeoutError):
            websocket.recv(timeout=0.05)  # 10 ms of audio still to play
        mock.clock.advance(0.01)
        ended = receive(websocket)
        assert (ended["type"], ended["event_id"], ended["task"]) == ("agent.speak_ended", "u1", started["task"])
    assert mock.channels.audio(SESSION) == tone(1.0)
    assert [frame.type for frame in mock.channels.frames(SESSION)] == [
        "agent.speak",
        "agent.speak_end",
        "session.keep_alive",
    ]


def test_extended_profile_acknowledges_and_reports_poses(mock_factory: Callable[..., Mock]) -> None:
    """extended: appended/committed acks with source_event_id, state_updated to talking and back, fresh ids."""
    mock = mock_factory(profile="extended")
    with connect(mock.url()) as websocket:
        receive(websocket)
        speak(websocket, tone(0.5))
        appended = receive(websocket)
        assert (appended["type"], appended["source_event_id"]) == ("agent.audio_buffer_appended", "u1")
        websocket.send(json.dumps({"type": "agent.speak_end", "event_id": "u1"}))
        assert receive(websocket)["type"] == "agent.audio_buffer_committed"
        mock.clock.advance(0.2)
        started, talking = receive(websocket), receive(websocket)
        assert (started["type"], started["source_event_id"]) == ("agent.speak_started", "u1")
        assert started["event_id"] != "u1"
        assert (talking["type"], talking["previous_state"], talking["new_state"]) == (
            "agent.state_updated",
            "idle",
            "talking",
        )
        mock.clock.advance(0.5)
        assert receive(websocket)["type"] == "agent.speak_ended"
        assert receive(websocket)["new_state"] == "idle"


def test_interrupt_clears_and_is_acknowledged_in_extended(mock_factory: Callable[..., Mock]) -> None:
    """extended: interrupt answers audio_buffer_cleared (its id as source) and speak_interrupted; no speak_ended."""
    mock = mock_factory(profile="extended")
    with connect(mock.url()) as websocket:
        receive(websocket)
        speak(websocket, tone(2.0))
        receive(websocket)  # appended: the chunk is taken
        mock.clock.advance(0.2)
        receive(websocket), receive(websocket)  # started, talking
        websocket.send(json.dumps({"type": "agent.interrupt", "event_id": "i1"}))
        cleared, interrupted = receive(websocket), receive(websocket)
        assert (cleared["type"], cleared["source_event_id"]) == ("agent.audio_buffer_cleared", "i1")
        assert (interrupted["type"], interrupted["source_event_id"]) == ("agent.speak_interrupted", "u1")
        assert receive(websocket)["new_state"] == "idle"
        mock.clock.advance(10.0)
        speak(websocket, tone(0.1), event_id="u2")
        assert receive(websocket)["source_event_id"] == "u2"  # nothing of u1 came in between


@pytest.mark.parametrize("profile", PROFILES)
@pytest.mark.parametrize(
    ("frame", "message"),
    [
        ("not json", "invalid JSON"),
        ('{"type": "agent.speak", "event_id": "u1", "audio": "%%%"}', "invalid base64 audio data"),
        (
            '{"type": "agent.speak", "event_id": "u1", "audio": "AA=="}',
            "audio must be 16-bit PCM: an odd number of bytes",
        ),
        (
            '{"type": "agent.speak", "event_id": "u1", "audio": "' + "A" * 1_000_000 + '"}',
            "message exceeds 1000000 bytes",
        ),
    ],
    ids=["not-json", "bad-base64", "odd-length", "too-large"],
)
def test_bad_frames_get_the_observed_error_shape(
    mock_factory: Callable[..., Mock], profile: str, frame: str, message: str
) -> None:
    """Each bad frame gets one `error` with type invalid_request_error, its message and the command's id."""
    mock = mock_factory(profile=profile)
    with connect(mock.url(), max_size=None) as websocket:
        receive(websocket)
        websocket.send(frame)
        error = receive(websocket)
        assert error["type"] == "error"
        assert error["error"]["type"] == "invalid_request_error"
        assert error["error"]["message"] == message
        assert error["error"].get("event_id") == (None if message == "invalid JSON" or "exceeds" in message else "u1")
        websocket.send(json.dumps({"type": "session.keep_alive"}))  # still open
    assert mock.channels.audio(SESSION) == b""
    assert mock.channels.frames(SESSION)[0].answer == message


@pytest.mark.parametrize("profile", PROFILES)
def test_what_real_clients_send_is_accepted_silently(mock_factory: Callable[..., Mock], profile: str) -> None:
    """HeyGen's `start` frame, commands without event_id and unknown types get no error and no close."""
    mock = mock_factory(profile=profile)
    with connect(mock.url()) as websocket:
        receive(websocket)
        websocket.send(json.dumps({"type": "start", "encoding": "pcm_s16le", "sample_rate": 24000, "channels": 1}))
        websocket.send(json.dumps({"type": "avatar.speak_text", "text": "hi"}))
        speak(websocket, tone(0.1), event_id=None)
        websocket.send(json.dumps({"type": "agent.speak_end"}))
        mock.taken(4)
        mock.clock.advance(0.2)
        mock.clock.advance(0.1)
        types = [receive(websocket)["type"] for _ in range(2 if profile == "docs" else 4)]
        assert "error" not in types
        assert types[-1] == "agent.speak_ended" if profile == "docs" else "agent.state_updated"
    assert [frame.type for frame in mock.channels.frames(SESSION)][:2] == ["start", "avatar.speak_text"]


def test_a_wrong_secret_is_refused_at_the_upgrade(mock_factory: Callable[..., Mock]) -> None:
    """A ws_url with another secret, or for an unknown session, gets HTTP 403 instead of a socket."""
    mock = mock_factory()
    good = mock.url()
    for bad in (good.replace("secret=", "secret=x"), good.replace(SESSION, "unknown")):
        with pytest.raises(InvalidStatus) as caught, connect(bad):
            pass
        assert caught.value.response.status_code == 403


def test_connected_can_be_delayed_or_never_sent(mock_factory: Callable[..., Mock]) -> None:
    """connected_delay holds `connected` until the clock reaches it; None never sends it (frames are dropped)."""
    delayed = mock_factory(connected_delay=2.0)
    with connect(delayed.url()) as websocket:
        speak(websocket, tone(0.1))
        eventually(lambda: delayed.channels.frames(SESSION))
        delayed.clock.advance(2.0)
        assert receive(websocket)["state"] == "connected"
    assert delayed.channels.frames(SESSION)[0].dropped_before_connected
    assert delayed.channels.audio(SESSION) == b""
    never = mock_factory(connected_delay=None)
    with connect(never.url()) as websocket:
        never.clock.advance(100.0)
        websocket.send(json.dumps({"type": "session.keep_alive"}))
        with pytest.raises(TimeoutError):
            websocket.recv(timeout=0.05)


def test_end_closes_the_socket_with_a_terminal_state(mock_factory: Callable[..., Mock]) -> None:
    """end(reason): the terminal state event, then close 1000 with the reason; a reconnect is then refused."""
    mock = mock_factory(profile="docs")
    url = mock.url()
    with connect(url) as websocket:
        receive(websocket)
        assert mock.channels.end(SESSION, "stopped")
        assert receive(websocket) == {"type": "session.state_updated", "state": "closed"}
        with pytest.raises(Exception, match="1000"):
            websocket.recv(timeout=WAIT)
        assert (websocket.close_code, websocket.close_reason) == (1000, "stopped")
    with pytest.raises(InvalidStatus):
        connect(url)


def test_the_idle_timer_is_reset_by_keep_alive(mock_factory: Callable[..., Mock]) -> None:
    """With idle_timeout=300, keep_alive at 299 keeps the session; 300 idle seconds after it end it."""
    mock = mock_factory(profile="extended", idle_timeout=300.0)
    with connect(mock.url()) as websocket:
        receive(websocket)
        mock.clock.advance(299.0)
        websocket.send(json.dumps({"type": "session.keep_alive"}))
        websocket.send(json.dumps({"type": "agent.start_listening", "event_id": "l1"}))
        assert receive(websocket)["new_state"] == "listening"  # so the keep-alive before it was taken
        mock.clock.advance(299.0)
        websocket.send(json.dumps({"type": "agent.stop_listening", "event_id": "l2"}))
        assert receive(websocket)["new_state"] == "idle"
        mock.clock.advance(1.0)
        assert receive(websocket) == {"type": "session.state_updated", "state": "disconnected"}
        with pytest.raises(Exception, match="1000"):
            websocket.recv(timeout=WAIT)
        assert websocket.close_reason == "idle_timeout"


def test_max_duration_ends_the_session(mock_factory: Callable[..., Mock]) -> None:
    """A channel opened with max_duration=60 closes at 60 s on the clock with reason max_session_duration."""
    mock = mock_factory()
    with connect(mock.url(max_duration=60.0)) as websocket:
        receive(websocket)
        mock.clock.advance(60.0)
        assert receive(websocket)["state"] == "closed"
        with pytest.raises(Exception, match="1000"):
            websocket.recv(timeout=WAIT)
        assert websocket.close_reason == "max_session_duration"


def test_records_are_bounded(mock_factory: Callable[..., Mock]) -> None:
    """frames() keeps the last frame_limit frames, audio() the first audio_limit bytes."""
    mock = mock_factory(frame_limit=3, audio_limit=100)
    with connect(mock.url()) as websocket:
        receive(websocket)
        for _ in range(5):
            speak(websocket, tone(0.01))
        websocket.send(json.dumps({"type": "agent.speak_end", "event_id": "last"}))
        eventually(lambda: [frame.type for frame in mock.channels.frames(SESSION)][-1:] == ["agent.speak_end"])
        mock.clock.advance(0.2)
        mock.clock.advance(0.05)
        receive(websocket)
        receive(websocket)
    assert [frame.type for frame in mock.channels.frames(SESSION)] == ["agent.speak", "agent.speak", "agent.speak_end"]
    assert mock.channels.audio(SESSION) == tone(0.05)[:100]


@pytest.mark.parametrize("profile", PROFILES)
def test_the_sdk_speaks_to_the_mock_in_both_profiles(mock_factory: Callable[..., Mock], profile: str) -> None:
    """connect_lite + speak + wait_for(event_id=...) work against both correlation conventions of the mock."""
    mock = mock_factory(profile=profile)
    with connect_lite(mock.url(), require_ready=True, keep_alive_every=None) as conn:
        event_id = conn.speak(tone(1.5))
        mock.taken(3)
        mock.clock.advance(0.2)
        assert conn.wait_for(SpeakStarted, event_id=event_id, timeout=WAIT).concerns(event_id)
        mock.clock.advance(1.5)
        ended = conn.wait_for(SpeakEnded, event_id=event_id, timeout=WAIT)
        assert ended.concerns(event_id)
    assert mock.channels.audio(SESSION) == tone(1.5)
    frames = mock.channels.frames(SESSION)
    assert [frame.audio_bytes for frame in frames if frame.type == "agent.speak"] == [24_000, 48_000]
    assert {frame.event_id for frame in frames} == {event_id}
