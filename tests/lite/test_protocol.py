"""The LITE protocol core without I/O: bytes moved by hand between it and websockets' sans-I/O server."""

from __future__ import annotations

import base64
import json
import logging
from collections.abc import Iterator
from typing import Any

import pytest
from websockets.frames import Frame, Opcode
from websockets.http11 import Request
from websockets.server import ServerProtocol

from liveavatar._errors import (
    InvalidRequestError,
    LiteAudioError,
    LiteConnectError,
    LiteConnectionClosed,
    LiteTimeoutError,
)
from liveavatar._lite._events import EventsDropped, LiteEvent, SpeakEnded, SpeakStarted
from liveavatar._lite._log import EventLog
from liveavatar._lite._protocol import ConnectionState, LiteProtocol, Utterance, prepare_speak, ready_failure
from liveavatar._lite._wire import ChunkPlan, ConnectOptions
from liveavatar._lite._ws import WebSocketFramer
from liveavatar._secrets import Secret
from liveavatar.audio import BYTES_PER_MS, tone
from tests.lite.support import CANARY_URL, CONNECTED


class Pair:
    """A core and a websockets server protocol, with the bytes between them moved only when asked."""

    def __init__(self, *, max_bytes: int = 2**22) -> None:
        self.core = LiteProtocol(WebSocketFramer(Secret.text(CANARY_URL)), EventLog(max_bytes=max_bytes))
        self.server = ServerProtocol(max_size=None)

    def open(self, *, status: int | None = None) -> None:
        """Run the upgrade: accepted, or refused with `status`."""
        self.core.start()
        request = next(event for event in self.to_server() if isinstance(event, Request))
        response = self.server.accept(request) if status is None else self.server.reject(status, "no\n")
        self.server.send_response(response)
        self.to_client()

    def to_server(self) -> list[Any]:
        """Move what the core queued to the server; what it completed (the request, then frames)."""
        for data in self.core.data_to_send():
            if data:
                self.server.receive_data(data)
        return list(self.server.events_received())

    def to_client(self) -> None:
        """Move what the server queued to the core (an empty chunk is the server's end of TCP)."""
        for data in self.server.data_to_send():
            if data:
                self.core.receive_data(data)
            else:
                self.core.receive_eof()

    def push(self, event: dict[str, Any]) -> None:
        """The server sends one event."""
        self.server.send_text(json.dumps(event).encode())
        self.to_client()

    def sent(self) -> list[dict[str, Any]]:
        """The text frames the core queued, decoded, as the server received them."""
        return [
            json.loads(bytes(event.data))
            for event in self.to_server()
            if isinstance(event, Frame) and event.opcode is Opcode.TEXT
        ]


@pytest.fixture
def pair() -> Pair:
    """An open connection, server side included, with no socket."""
    made = Pair()
    made.open()
    return made


# -- the state machine -----------------------------------------------------------------


def test_a_connection_is_connecting_until_the_upgrade_is_answered_then_open() -> None:
    """CONNECTING before the server's answer, OPEN after it; events after the upgrade are parsed into the log."""
    made = Pair()
    assert ConnectionState.CONNECTING == made.core.state

    made.open()
    made.push(CONNECTED)

    assert (ConnectionState.OPEN, True, "connected") == (made.core.state, made.core.log.ready, made.core.log.state)
    assert made.core.handshake_error(1.0) is None


def test_a_refused_upgrade_is_a_connect_error_with_its_status() -> None:
    """An HTTP 403 answer to the upgrade is LiteConnectError with status_code 403."""
    made = Pair()
    made.open(status=403)

    error = made.core.handshake_error(1.0)

    assert isinstance(error, LiteConnectError)
    assert 403 == error.status_code


def test_the_peers_close_frame_closes_at_once_and_refuses_sends(pair: Pair) -> None:
    """A close frame 4000 ends the connection for its users at once (no TCP end needed) and is echoed."""
    pair.server.send_close(4000, "bye")
    pair.to_client()

    assert ConnectionState.CLOSED == pair.core.state
    assert (4000, "bye", True) == (pair.core.log.close_code, pair.core.log.close_reason, pair.core.log.ended_abnormally)
    with pytest.raises(LiteConnectionClosed, match="code 4000"):
        pair.core.send(b"{}")
    assert [Opcode.CLOSE] == [frame.opcode for frame in pair.to_server()]


def test_our_close_is_closing_until_the_echo_then_closed_with_1000(pair: Pair) -> None:
    """close() queues a close frame once; sends are refused while closing; the echo and the end close it (1000)."""
    assert pair.core.close()
    assert not pair.core.close()
    assert ConnectionState.CLOSING == pair.core.state
    with pytest.raises(LiteConnectionClosed, match="closed by this client"):
        pair.core.command("agent.start_listening")

    assert [Opcode.CLOSE] == [frame.opcode for frame in pair.to_server()]
    pair.to_client()

    assert (ConnectionState.CLOSED, 1000, False) == (
        pair.core.state,
        pair.core.log.close_code,
        pair.core.log.ended_abnormally,
    )


def test_an_end_of_tcp_without_a_close_frame_is_1006(pair: Pair) -> None:
    """EOF with no close frame closes the connection with 1006, an abnormal end."""
    pair.core.receive_eof()

    assert (1006, True) == (pair.core.log.close_code, pair.core.log.ended_abnormally)


def test_an_oversize_message_closes_with_1009_at_once(pair: Pair) -> None:
    """A message over 1 MiB makes websockets fail the connection with 1009; the core is closed with it at once."""
    pair.push({"type": "agent.speak_started", "pad": "x" * (2**20 + 1)})

    assert (ConnectionState.CLOSED, 1009) == (pair.core.state, pair.core.log.close_code)


def test_an_abort_closes_with_1006_and_its_reason(pair: Pair) -> None:
    """A driver that gives up on the socket closes the core with 1006 and says why."""
    pair.core.abort("send timed out")

    assert (1006, "send timed out") == (pair.core.log.close_code, pair.core.log.close_reason)


def test_messages_that_are_not_json_objects_are_ignored(pair: Pair) -> None:
    """A text that is not JSON, or JSON that is not an object, adds no event."""
    pair.server.send_text(b"not json")
    pair.server.send_text(b"[1, 2]")
    pair.to_client()

    assert 0 == pair.core.log.received


# -- commands and utterances ------------------------------------------------------------


def test_an_utterance_is_cut_into_a_short_first_chunk_then_full_chunks_under_one_id(pair: Pair) -> None:
    """2.5 s of audio: 500 ms, 1000 ms, 1000 ms chunks, then speak_end, all with the utterance's id."""
    plan, whole = prepare_speak(tone(2.5), 1000, 500, async_ok=False)
    utterance = Utterance(pair.core, plan)
    assert whole is not None

    for frame in utterance.cut(whole):
        pair.core.send(frame)
    frames = pair.sent()

    sizes = [len(base64.b64decode(frame["audio"])) // BYTES_PER_MS for frame in frames[:-1]]
    assert [500, 1000, 1000] == sizes
    assert ["agent.speak"] * 3 + ["agent.speak_end"] == [frame["type"] for frame in frames]
    assert {utterance.event_id} == {frame["event_id"] for frame in frames}


def test_a_stream_is_recut_and_ends_with_its_tail(pair: Pair) -> None:
    """Pieces of any size become 100 ms chunks, then the tail and speak_end; an empty stream makes no frame."""
    utterance = Utterance(pair.core, ChunkPlan.build(100, 100))
    frames = list(utterance.stream([tone(0.07), tone(0.07), tone(0.07)]))

    assert [100 * BYTES_PER_MS, 100 * BYTES_PER_MS] == [
        len(base64.b64decode(json.loads(frame)["audio"])) for frame in frames[:2]
    ]
    assert b"agent.speak_end" in frames[-1]
    assert [] == list(Utterance(pair.core, ChunkPlan.build(100, 100)).stream([]))


def test_a_stream_ending_on_half_a_sample_is_an_audio_error(pair: Pair) -> None:
    """A stream of an odd number of bytes raises LiteAudioError naming the utterance."""
    utterance = Utterance(pair.core, ChunkPlan.build(100, 100))

    with pytest.raises(LiteAudioError) as caught:
        list(utterance.stream([b"\x00\x00\x00"]))

    assert utterance.event_id == caught.value.event_id


def test_an_interrupt_abandons_the_utterance_and_its_stream_is_not_read_again(pair: Pair) -> None:
    """After interrupt() the utterance is unwanted: the stream is read no further, and agent.interrupt is queued."""
    utterance = Utterance(pair.core, ChunkPlan.build(100, 100))
    reads: list[int] = []

    def pieces() -> Iterator[bytes]:
        for number in range(10):
            reads.append(number)
            if number == 2:
                pair.core.interrupt()
            yield tone(0.1)

    frames = list(utterance.stream(pieces()))

    assert (False, [0, 1, 2]) == (utterance.wanted, reads)
    assert 2 == len(frames)
    assert ["agent.interrupt"] == [frame["type"] for frame in pair.sent()]


def test_bad_speak_arguments_are_refused_before_any_frame(pair: Pair) -> None:
    """A str, a number, or a chunk of 0 ms is InvalidRequestError, and nothing is queued."""
    for audio, chunk_ms in (("text", 1000), (3, 1000), (tone(0.1), 0)):
        with pytest.raises(InvalidRequestError):
            prepare_speak(audio, chunk_ms, 500, async_ok=True)

    assert [] == pair.sent()


def test_options_that_would_make_a_wait_unbounded_are_refused_together() -> None:
    """send_timeout 0 and open_timeout infinite are named in one InvalidRequestError."""
    with pytest.raises(InvalidRequestError) as caught:
        ConnectOptions.checked(send_timeout=0, open_timeout=float("inf"))

    assert {"open_timeout", "send_timeout"} == {problem.path for problem in caught.value.problems}


# -- the unread-event buffer --------------------------------------------------------------


def _event(event_type: str, event_id: str) -> LiteEvent:
    return LiteEvent(type=event_type, event_id=event_id)


def test_the_buffer_drops_the_oldest_by_bytes_and_says_so_first() -> None:
    """Past the byte bound the oldest unread go; one EventsDropped, first, counts them and names their types."""
    log = EventLog(max_bytes=1000, max_events=100)
    for number in range(10):
        log.add(_event("agent.speak_started", f"s{number}"), 300)

    taken = [log.take() for _ in range(len(log.pending))]

    dropped = taken[0]
    assert isinstance(dropped, EventsDropped)
    assert (7, ("agent.speak_started",)) == (dropped.count, dropped.dropped_types)
    assert ["s7", "s8", "s9"] == [event.event_id for event in taken[1:] if event is not None]
    assert 0 == log.pending_bytes


def test_speak_ended_is_the_last_kind_of_event_dropped() -> None:
    """With other events to drop, every agent.speak_ended is kept; with none left, the oldest of them goes too."""
    log = EventLog(max_bytes=1000, max_events=100)
    log.add(SpeakEnded(type=SpeakEnded.TYPE, event_id="e1"), 300)
    for number in range(5):
        log.add(_event("agent.speak_started", f"s{number}"), 300)
    kept = [event.event_id for event, _ in log.pending]
    assert "e1" in kept

    for number in range(2, 6):
        log.add(SpeakEnded(type=SpeakEnded.TYPE, event_id=f"e{number}"), 300)

    ended = [event.event_id for event, _ in log.pending if isinstance(event, SpeakEnded)]
    marker = log.pending[0][0]
    assert ["e3", "e4", "e5"] == ended
    assert isinstance(marker, EventsDropped)
    assert "agent.speak_ended" in marker.dropped_types
    assert log.pending_bytes <= 1000


def test_the_buffer_bound_by_count_counts_the_marker() -> None:
    """With a bound of 5 events, 8 added leave the marker and the newest 4."""
    log = EventLog(max_events=5)
    for number in range(8):
        log.add(_event("agent.state_updated", f"a{number}"), 10)

    assert 5 == len(log.pending)
    assert ["a4", "a5", "a6", "a7"] == [event.event_id for event, _ in list(log.pending)[1:]]


def test_the_history_wait_for_searches_is_bounded_by_bytes_too() -> None:
    """History keeps the newest events within the byte bound; the older are no longer found."""
    log = EventLog(max_bytes=1000)
    for number in range(10):
        log.add(SpeakStarted(type=SpeakStarted.TYPE, event_id=f"s{number}"), 400)
    while log.take() is not None:
        pass

    assert log.held_bytes <= 1000
    assert log.first_match(lambda event: True, "s9", 0) is not None
    assert log.first_match(lambda event: True, "s0", 0) is None


# -- the ready decision ----------------------------------------------------------------------


def test_the_ready_decision_after_a_wait(caplog: pytest.LogCaptureFixture) -> None:
    """Ready: nothing; closed or terminal: closed error; not ready: a timeout if required, else a warning."""
    caplog.set_level(logging.WARNING, logger="liveavatar")
    ready, terminal, closed, silent = EventLog(), EventLog(), EventLog(), EventLog()
    ready.state, ready.ready = "connected", True
    terminal.state = "closing"
    closed.mark_closed(1011, "gone")

    assert ready_failure(ready, 1.0, require=True) is None
    assert isinstance(ready_failure(terminal, 1.0, require=False), LiteConnectionClosed)
    assert isinstance(ready_failure(closed, 1.0, require=False), LiteConnectionClosed)
    assert isinstance(ready_failure(silent, 1.0, require=True), LiteTimeoutError)
    assert ready_failure(silent, 1.0, require=False) is None
    assert any("not ready after 1.0 s" in record.getMessage() for record in caplog.records)


def test_a_fragmented_message_is_one_event(pair: Pair) -> None:
    """A text message sent in three fragments becomes one event once its last fragment is in."""
    text = json.dumps({"type": "agent.speak_started", "event_id": "frag"}).encode()
    pair.server.send_text(text[:10], fin=False)
    pair.server.send_continuation(text[10:20], fin=False)
    pair.to_client()
    assert 0 == pair.core.log.received

    pair.server.send_continuation(text[20:], fin=True)
    pair.to_client()

    assert ["frag"] == [event.event_id for event, _ in pair.core.log.pending]


def test_closing_before_the_upgrade_is_answered_sends_no_close_frame() -> None:
    """close() while connecting marks the close as ours and queues nothing but the upgrade request."""
    made = Pair()
    made.core.start()

    assert made.core.close()
    assert [Request] == [type(event) for event in made.to_server()]
    with pytest.raises(LiteConnectionClosed, match="closed by this client"):
        made.core.send(b"{}")
