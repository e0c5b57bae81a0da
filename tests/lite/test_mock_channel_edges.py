"""The mock's LITE channel at its edges: odd frames, the 3P speak_end audio, queued utterances, replaced and reset sockets."""

from __future__ import annotations

import asyncio
import base64
import json
from collections.abc import Callable
from typing import Any

import pytest
from websockets.exceptions import ConnectionClosed
from websockets.sync.client import ClientConnection, connect

from liveavatar.audio import tone
from liveavatar.mock._lite import LiteChannelOptions, LiteChannels, ManualClock, ws_url_for
from tests.lite.support import WAIT, SharedServer, eventually

pytestmark = pytest.mark.wire

SESSION = "5e55101d-0000-4000-8000-0000000000c0"
CONNECTED = {"type": "session.state_updated", "state": "connected"}


class Mock:
    """A channel registry (on a manual clock unless `clock=None`), served by uvicorn."""

    def __init__(self, served: SharedServer, *, manual: bool = True, **options: Any) -> None:
        self.clock = ManualClock()
        self.channels = LiteChannels(LiteChannelOptions(**options), clock=self.clock if manual else None)
        self.base_url = served.server.base_url
        self.prefix = served.mount(self.channels)

    def url(self, session_id: str = SESSION) -> str:
        return ws_url_for(self.base_url, self.prefix + self.channels.open(session_id))

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


def audio_text(pcm: bytes) -> str:
    return base64.b64encode(pcm).decode()


def close_of(websocket: ClientConnection) -> tuple[list[dict[str, Any]], int | None, str | None]:
    """Every event until the server closes the socket, and its close code and reason."""
    events = []
    while True:
        try:
            events.append(receive(websocket))
        except ConnectionClosed as closed:
            frame = closed.rcvd
            return events, None if frame is None else frame.code, None if frame is None else frame.reason


@pytest.mark.parametrize(
    ("frame", "message"),
    [
        (b'{"type": "agent.speak"}', "expected a JSON text frame"),
        ("[1, 2]", "missing type"),
        ('{"type": 5}', "missing type"),
        ('{"type": "agent.speak", "event_id": "u1", "audio": 12}', "missing audio"),
        ('{"type": "agent.speak_end", "event_id": "u1", "audio": "%%%"}', "invalid base64 audio data"),
    ],
    ids=["binary", "not-an-object", "type-not-text", "audio-not-text", "bad-speak-end-audio"],
)
def test_frames_the_channel_cannot_read_get_an_error_and_keep_it_open(
    mock_factory: Callable[..., Mock], frame: str | bytes, message: str
) -> None:
    """A binary frame, JSON without a text `type`, or audio that is not base64 text gets one `error`; the socket stays."""
    mock = mock_factory()
    with connect(mock.url()) as websocket:
        assert CONNECTED == receive(websocket)
        websocket.send(frame)
        error = receive(websocket)
        websocket.send(json.dumps({"type": "session.keep_alive"}))
        mock.taken(2)
    assert ("error", message) == (error["type"], error["error"]["message"])
    assert message == mock.channels.frames(SESSION)[0].answer
    assert b"" == mock.channels.audio(SESSION)


def test_speak_end_may_carry_the_last_piece_of_audio(mock_factory: Callable[..., Mock]) -> None:
    """An agent.speak_end with `audio` (as third-party clients send) adds that audio to the utterance it ends."""
    mock = mock_factory()
    first, last = tone(0.5), tone(0.25, frequency=660)
    with connect(mock.url()) as websocket:
        receive(websocket)
        websocket.send(json.dumps({"type": "agent.speak", "event_id": "u1", "audio": audio_text(first)}))
        websocket.send(json.dumps({"type": "agent.speak_end", "event_id": "u1", "audio": audio_text(last)}))
        mock.taken(2)
        mock.clock.advance(0.2)
        started = receive(websocket)
        mock.clock.advance(0.74)
        websocket.send(json.dumps({"type": "session.keep_alive"}))
        mock.taken(3)
        with pytest.raises(TimeoutError):
            websocket.recv(timeout=0.05)  # 0.75 s of audio: 10 ms still to play
        mock.clock.advance(0.01)
        ended = receive(websocket)
    assert ("agent.speak_started", "agent.speak_ended") == (started["type"], ended["type"])
    assert first + last == mock.channels.audio(SESSION)
    assert len(last) == mock.channels.frames(SESSION)[1].audio_bytes


def test_a_queued_utterance_starts_when_the_one_before_it_ends(mock_factory: Callable[..., Mock]) -> None:
    """Two utterances sent at once play one after the other: the second starts the moment the first ends."""
    mock = mock_factory()
    with connect(mock.url()) as websocket:
        receive(websocket)
        for event_id in ("u1", "u2"):
            websocket.send(json.dumps({"type": "agent.speak", "event_id": event_id, "audio": audio_text(tone(0.5))}))
            websocket.send(json.dumps({"type": "agent.speak_end", "event_id": event_id}))
        mock.taken(4)
        mock.clock.advance(0.2)
        first = receive(websocket)
        mock.clock.advance(0.5)
        after_first = [receive(websocket) for _ in range(2)]
        mock.clock.advance(0.5)
        last = receive(websocket)
    assert ("agent.speak_started", "u1") == (first["type"], first["event_id"])
    assert [("agent.speak_ended", "u1"), ("agent.speak_started", "u2")] == [
        (event["type"], event["event_id"]) for event in after_first
    ]
    assert ("agent.speak_ended", "u2") == (last["type"], last["event_id"])


def test_listening_commands_are_recorded_but_answered_only_in_extended_when_not_talking(
    mock_factory: Callable[..., Mock],
) -> None:
    """docs: start_listening gets no answer; extended: it moves idle to listening, but not while talking."""
    docs = mock_factory()
    with connect(docs.url()) as websocket:
        receive(websocket)
        websocket.send(json.dumps({"type": "agent.start_listening", "event_id": "l1"}))
        docs.taken(1)
        with pytest.raises(TimeoutError):
            websocket.recv(timeout=0.05)
    extended = mock_factory(profile="extended")
    with connect(extended.url()) as websocket:
        receive(websocket)
        websocket.send(json.dumps({"type": "agent.speak", "event_id": "u1", "audio": audio_text(tone(1.0))}))
        receive(websocket)  # appended
        extended.clock.advance(0.2)
        receive(websocket), receive(websocket)  # started, talking
        websocket.send(json.dumps({"type": "agent.start_listening", "event_id": "l1"}))
        websocket.send(json.dumps({"type": "agent.interrupt", "event_id": "i1"}))
        after = [receive(websocket)["type"] for _ in range(3)]
        websocket.send(json.dumps({"type": "agent.start_listening", "event_id": "l2"}))
        listening = receive(websocket)
    assert ["agent.audio_buffer_cleared", "agent.speak_interrupted", "agent.state_updated"] == after
    assert ("idle", "listening") == (listening["previous_state"], listening["new_state"])
    assert ["agent.start_listening"] == [frame.type for frame in docs.channels.frames(SESSION)]


@pytest.mark.parametrize("profile", ["docs", "extended"])
def test_an_interrupt_with_nothing_playing_clears_only(mock_factory: Callable[..., Mock], profile: str) -> None:
    """Interrupting when nothing plays: extended acknowledges the clear alone, docs says nothing."""
    mock = mock_factory(profile=profile)
    with connect(mock.url()) as websocket:
        receive(websocket)
        websocket.send(json.dumps({"type": "agent.interrupt", "event_id": "i1"}))
        websocket.send(json.dumps({"type": "session.keep_alive"}))
        mock.taken(2)
        mock.channels.end(SESSION, "done")
        events, code, _ = close_of(websocket)
    terminal = "disconnected" if profile == "extended" else "closed"
    expected = [("agent.audio_buffer_cleared", "i1")] if profile == "extended" else []
    assert [*expected, ("session.state_updated", terminal)] == [
        (event["type"], event.get("source_event_id", event.get("state"))) for event in events
    ]
    assert 1000 == code


def test_a_second_socket_replaces_the_first(mock_factory: Callable[..., Mock]) -> None:
    """A new socket for the same session closes the older one with 1000 `replaced by a new connection`."""
    mock = mock_factory()
    url = mock.url()
    with connect(url) as first:
        receive(first)
        with connect(url) as second:
            assert CONNECTED == receive(second)
            _, code, reason = close_of(first)
            assert mock.channels.is_connected(SESSION)
    assert (1000, "replaced by a new connection") == (code, reason)
    eventually(lambda: not mock.channels.is_connected(SESSION))


def test_reset_closes_open_sockets_and_forgets_the_channels(mock_factory: Callable[..., Mock]) -> None:
    """reset() sends the open socket its terminal state, closes it with reason `reset`, and forgets the session."""
    mock = mock_factory()
    with connect(mock.url()) as websocket:
        receive(websocket)
        mock.channels.reset()
        events, code, reason = close_of(websocket)
    assert [{"type": "session.state_updated", "state": "closed"}] == events
    assert (1000, "reset") == (code, reason)
    with pytest.raises(KeyError):
        mock.channels.frames(SESSION)


def test_controls_on_an_unknown_session_do_nothing() -> None:
    """end() of an unknown session is False; keep_alive() of one is a no-op, not an error."""
    channels = LiteChannels(clock=ManualClock())

    assert not channels.end(SESSION)
    channels.keep_alive(SESSION)
    assert not channels.is_connected(SESSION)


def test_frames_before_connected_are_recorded_as_dropped_even_when_not_json(mock_factory: Callable[..., Mock]) -> None:
    """Before `connected`, frames get no answer; JSON ones are recorded with their type, others with none."""
    mock = mock_factory(connected_delay=None)
    with connect(mock.url()) as websocket:
        websocket.send("not json")
        websocket.send(json.dumps({"type": "agent.speak", "event_id": "u1", "audio": audio_text(tone(0.1))}))
        mock.taken(2)
        with pytest.raises(TimeoutError):
            websocket.recv(timeout=0.05)
    frames = mock.channels.frames(SESSION)
    assert [(None, None, True), ("agent.speak", "u1", True)] == [
        (frame.type, frame.event_id, frame.dropped_before_connected) for frame in frames
    ]
    assert b"" == mock.channels.audio(SESSION)


def test_on_the_real_clock_the_channel_connects_at_once(mock_factory: Callable[..., Mock]) -> None:
    """Without a manual clock the channel runs on real time: `connected` comes with no clock to move."""
    mock = mock_factory(manual=False)
    with connect(mock.url()) as websocket:
        assert CONNECTED == receive(websocket)
        websocket.send(json.dumps({"type": "session.keep_alive"}))
        mock.taken(1)


def test_a_negative_delay_is_refused() -> None:
    """LiteChannelOptions refuses a negative delay or timeout, naming the option."""
    with pytest.raises(ValueError, match="idle_timeout must be >= 0"):
        LiteChannelOptions(idle_timeout=-1)


def test_a_scope_that_does_not_open_with_connect_is_left_alone() -> None:
    """An ASGI WebSocket scope whose first message is not websocket.connect gets nothing sent."""
    channels = LiteChannels(clock=ManualClock())
    path = channels.open(SESSION)
    sent: list[dict[str, Any]] = []

    async def receive_disconnect() -> dict[str, Any]:
        return {"type": "websocket.disconnect", "code": 1006}

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    scope = {"type": "websocket", "path": path.split("?")[0], "query_string": path.split("?")[1].encode()}
    asyncio.run(channels(scope, receive_disconnect, send))

    assert [] == sent
    assert not channels.is_connected(SESSION)
