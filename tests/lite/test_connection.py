"""The connection over a scripted in-process server: ready gate, events, wait_for, commands, interrupt, keep-alive."""

from __future__ import annotations

import asyncio
import logging
import threading
import time
from collections.abc import AsyncIterator, Iterator
from typing import Any

import pytest

from liveavatar._errors import LiteConnectionClosed, LiteTimeoutError
from liveavatar._lite import (
    AgentStateUpdated,
    AudioBufferAppended,
    AudioBufferCleared,
    AudioBufferCommitted,
    LiteEvent,
    ServerErrorEvent,
    ServerWarningEvent,
    SessionStateUpdated,
    SpeakEnded,
    SpeakInterrupted,
    SpeakStarted,
)
from liveavatar.audio import tone
from tests.lite.support import CONNECTED, WAIT, Flavour, Script, eventually

# -- ready gate ------------------------------------------------------------------


def test_connect_returns_ready_once_connected_arrives(flavour: Flavour) -> None:
    """A `connected` state makes connect return a ready connection."""
    conn = flavour.connect(Script())
    assert conn.connection.is_ready
    assert conn.connection.session_state == "connected"


def test_no_connected_logs_a_warning_and_returns_after_the_timeout(
    flavour: Flavour, caplog: pytest.LogCaptureFixture
) -> None:
    """Without `connected`, connect waits ready_timeout (bounded), warns, and returns a usable connection."""
    caplog.set_level(logging.WARNING, logger="liveavatar")
    script = Script(connected=False)
    started = time.monotonic()
    conn = flavour.connect(script, ready_timeout=0.05)
    assert 0.05 <= time.monotonic() - started < WAIT
    assert not conn.connection.is_ready
    assert any("not ready after 0.05 s" in record.getMessage() for record in caplog.records)
    conn.speak(tone(0.01))
    assert script.types() == ["agent.speak", "agent.speak_end"]


def test_require_ready_raises_a_typed_timeout(flavour: Flavour) -> None:
    """With require_ready=True a missing `connected` raises LiteTimeoutError (an APITimeoutError) and closes."""
    script = Script(connected=False)
    with pytest.raises(LiteTimeoutError, match="connected"):
        flavour.connect(script, ready_timeout=0.05, require_ready=True)
    assert script.closed_by_client


def test_unknown_states_are_accepted_on_the_way_to_connected(flavour: Flavour) -> None:
    """`new` and `connecting` (and any other string) neither fail nor satisfy the gate; `connected` does."""
    script = Script(connected=False)
    for state in ("new", "connecting", "warming-up"):
        script.push({"type": "session.state_updated", "state": state})
    script.push(CONNECTED)
    conn = flavour.connect(script, require_ready=True)
    assert conn.connection.is_ready


@pytest.mark.parametrize("state", ["closing", "closed", "disconnected"])
def test_a_terminal_state_fails_the_gate_at_once(flavour: Flavour, state: str) -> None:
    """A terminal state during the gate raises LiteConnectionClosed without waiting out the timeout."""
    script = Script(connected=False)
    script.push({"type": "session.state_updated", "state": state})
    started = time.monotonic()
    with pytest.raises(LiteConnectionClosed, match=state):
        flavour.connect(script, ready_timeout=WAIT)
    assert time.monotonic() - started < WAIT / 2


def test_a_close_during_the_gate_fails_it_at_once_even_when_not_required(flavour: Flavour) -> None:
    """The socket closing before `connected` raises LiteConnectionClosed with its code, require_ready or not."""
    script = Script(connected=False)
    script.close(1000, "")
    with pytest.raises(LiteConnectionClosed) as caught:
        flavour.connect(script, ready_timeout=WAIT)
    assert caught.value.close_code == 1000


# -- events ------------------------------------------------------------------------


SERVER_EVENTS: list[tuple[dict[str, Any], type[LiteEvent], dict[str, Any]]] = [
    (
        {"type": "agent.speak_started", "event_id": "u1", "task": {"id": "t1"}},
        SpeakStarted,
        {"event_id": "u1", "task_id": "t1"},
    ),
    ({"type": "agent.speak_ended", "event_id": "u1", "task": {"id": "t1"}}, SpeakEnded, {"task_id": "t1"}),
    ({"type": "agent.speak_interrupted", "event_id": "s1", "source_event_id": "u1"}, SpeakInterrupted, {}),
    (
        {"type": "agent.state_updated", "previous_state": "idle", "new_state": "talking"},
        AgentStateUpdated,
        {"previous_state": "idle", "new_state": "talking"},
    ),
    ({"type": "agent.audio_buffer_appended", "source_event_id": "u1"}, AudioBufferAppended, {"source_event_id": "u1"}),
    ({"type": "agent.audio_buffer_committed", "source_event_id": "u1"}, AudioBufferCommitted, {}),
    ({"type": "agent.audio_buffer_cleared", "source_event_id": "i1"}, AudioBufferCleared, {}),
    (
        {
            "type": "error",
            "event_id": "e1",
            "error": {"type": "invalid_request_error", "message": "invalid base64 audio data", "event_id": "u1"},
        },
        ServerErrorEvent,
        {"error_type": "invalid_request_error", "message": "invalid base64 audio data", "source_event_id": "u1"},
    ),
    (
        {"type": "warning", "warning": {"type": "slow_audio", "message": "audio is late"}},
        ServerWarningEvent,
        {"warning_type": "slow_audio", "message": "audio is late"},
    ),
    ({"type": "agent.idle_started", "task": {"id": "t9"}}, LiteEvent, {"type": "agent.idle_started"}),
    ({"event_id": "no-type"}, LiteEvent, {"type": ""}),
]


def test_events_are_typed_in_order_with_unknown_types_kept(flavour: Flavour) -> None:
    """Every server event comes out of events() in order, known types as their class, others as LiteEvent."""
    script = Script()
    conn = flavour.connect(script)
    for raw, _, _ in SERVER_EVENTS:
        script.push(raw)
    script.close(1000, "bye")
    events = list(conn.events())
    assert isinstance(events[0], SessionStateUpdated)
    assert events[0].is_ready
    assert len(events) == 1 + len(SERVER_EVENTS)
    for event, (raw, cls, fields) in zip(events[1:], SERVER_EVENTS, strict=True):
        assert type(event) is cls
        assert dict(event.raw) == raw
        for name, value in fields.items():
            assert getattr(event, name) == value


def test_frames_that_are_not_json_objects_are_skipped_with_a_warning(
    flavour: Flavour, caplog: pytest.LogCaptureFixture
) -> None:
    """Non-JSON and non-object messages never raise; they are logged and skipped."""
    caplog.set_level(logging.WARNING, logger="liveavatar")
    script = Script()
    conn = flavour.connect(script)
    for bad in ("not json", "[1, 2]", b"\xff\xfe"):
        script.push(bad)
    script.push({"type": "agent.speak_ended"})
    script.close()
    assert [event.type for event in conn.events()] == ["session.state_updated", "agent.speak_ended"]
    assert sum("not a JSON object" in record.getMessage() for record in caplog.records) == 3


def test_events_raise_a_typed_error_after_an_abnormal_close(flavour: Flavour) -> None:
    """A close with 1011 ends events() with LiteConnectionClosed carrying the code and reason, after the events."""
    script = Script()
    conn = flavour.connect(script)
    script.push({"type": "agent.speak_started"})
    script.close(1011, "internal error")
    seen: list[str] = []
    with pytest.raises(LiteConnectionClosed) as caught:
        seen.extend(event.type for event in conn.events())
    assert seen == ["session.state_updated", "agent.speak_started"]
    assert (caught.value.close_code, caught.value.close_reason) == (1011, "internal error")
    assert conn.connection.close_code == 1011


def test_server_errors_and_warnings_are_logged_at_warning(flavour: Flavour, caplog: pytest.LogCaptureFixture) -> None:
    """An `error` or `warning` event is logged at WARNING on the liveavatar logger, with its type and message."""
    caplog.set_level(logging.WARNING, logger="liveavatar")
    script = Script()
    conn = flavour.connect(script)
    script.push(SERVER_EVENTS[7][0])
    script.push(SERVER_EVENTS[8][0])
    eventually(lambda: conn.connection._core.log.received == 3)
    messages = [(record.levelno, record.name, record.getMessage()) for record in caplog.records]
    assert (
        logging.WARNING,
        "liveavatar",
        "LITE server error invalid_request_error: invalid base64 audio data (command u1)",
    ) in messages
    assert any(level == logging.WARNING and "slow_audio: audio is late" in text for level, _, text in messages)


# -- wait_for ------------------------------------------------------------------------


def test_wait_for_matches_an_id_as_event_id_or_source_event_id(flavour: Flavour) -> None:
    """The docs' correlation (event_id) and the observed one (source_event_id) both match."""
    script = Script()
    conn = flavour.connect(script)
    script.push({"type": "agent.speak_started", "event_id": "other"})
    script.push({"type": "agent.speak_started", "event_id": "fresh", "source_event_id": "u1"})
    script.push({"type": "agent.speak_ended", "event_id": "u1"})
    started = conn.wait_for(SpeakStarted, event_id="u1", timeout=WAIT)
    ended = conn.wait_for("agent.speak_ended", event_id="u1", timeout=WAIT)
    assert (started.event_id, started.source_event_id) == ("fresh", "u1")
    assert isinstance(ended, SpeakEnded)


def test_wait_for_an_id_finds_an_event_that_came_before_the_call(flavour: Flavour) -> None:
    """A reply that arrived while speak() was still sending is found afterwards by its id."""
    script = Script(on_frame=lambda s, f: s.push({"type": "agent.speak_started", "event_id": f["event_id"]}))
    conn = flavour.connect(script)
    event_id = conn.speak(tone(0.05))
    eventually(lambda: conn.connection._core.log.received >= 3)
    assert conn.wait_for(SpeakStarted, event_id=event_id, timeout=0.01).event_id == event_id


def test_wait_for_without_an_id_waits_for_a_new_event(flavour: Flavour) -> None:
    """Without an id, an event from before the call does not match."""
    script = Script()
    conn = flavour.connect(script)
    with pytest.raises(LiteTimeoutError):
        conn.wait_for(SessionStateUpdated, timeout=0.02)


def test_wait_for_times_out_typed_and_does_not_take_events(flavour: Flavour) -> None:
    """A timeout raises LiteTimeoutError; events() still yields what wait_for saw."""
    script = Script()
    conn = flavour.connect(script)
    script.push({"type": "agent.speak_started", "event_id": "u1"})
    assert conn.wait_for("agent.speak_started", event_id="u1", timeout=WAIT)
    with pytest.raises(LiteTimeoutError, match=r"agent.speak_ended event within 0.02 s"):
        conn.wait_for(SpeakEnded, event_id="u1", timeout=0.02)
    script.close()
    assert [event.type for event in conn.events()] == ["session.state_updated", "agent.speak_started"]


def test_wait_for_raises_at_once_when_the_socket_closes(flavour: Flavour) -> None:
    """A close while waiting raises LiteConnectionClosed now, not when the timeout runs out."""
    script = Script()
    conn = flavour.connect(script)
    threading.Timer(0.02, script.close, args=(1006, "")).start()
    started = time.monotonic()
    with pytest.raises(LiteConnectionClosed) as caught:
        conn.wait_for(SpeakEnded, timeout=WAIT)
    assert caught.value.close_code == 1006
    assert time.monotonic() - started < WAIT / 2


# -- commands ----------------------------------------------------------------------


def test_commands_carry_fresh_ids_they_return(flavour: Flavour) -> None:
    """start_listening, stop_listening, keep_alive and interrupt each send their type with the id returned."""
    script = Script()
    conn = flavour.connect(script)
    ids = [conn.start_listening(), conn.stop_listening(), conn.keep_alive(), conn.interrupt()]
    assert [(frame["type"], frame["event_id"]) for frame in script.frames] == list(
        zip(
            ["agent.start_listening", "agent.stop_listening", "session.keep_alive", "agent.interrupt"], ids, strict=True
        )
    )
    assert len(set(ids)) == 4


def test_close_is_idempotent_and_later_sends_raise_typed(flavour: Flavour) -> None:
    """close() twice is fine; a command after it raises LiteConnectionClosed; events() just ends."""
    script = Script()
    conn = flavour.connect(script)
    conn.close()
    conn.close()
    with pytest.raises(LiteConnectionClosed, match="closed by this client"):
        conn.keep_alive()
    assert [event.type for event in conn.events()] == ["session.state_updated"]


def test_repr_masks_the_url(flavour: Flavour) -> None:
    """The connection's repr shows only the URL's last four characters."""
    conn = flavour.connect(Script())
    text = repr(conn.connection)
    assert "CANARY" not in text
    assert "'…a1c5b'"[:-2] not in text
    assert "…1c5b" in text


# -- interrupt -------------------------------------------------------------------


def test_interrupt_stops_a_sync_speak_whose_source_is_slow() -> None:
    """interrupt() from another thread: speak stops reading its source, sends nothing more, returns its id."""
    flavour = Flavour("sync")
    try:
        script = Script()
        conn = flavour.connect(script)
        release = threading.Event()
        reads: list[int] = []

        def source() -> Iterator[bytes]:
            for index in range(100):
                reads.append(index)
                if index == 2:
                    release.wait(WAIT)
                yield tone(0.1)

        speaking = conn.in_background("speak", source(), chunk_ms=100, first_chunk_ms=100)
        eventually(lambda: len(script.of_type("agent.speak")) == 2)
        interrupt_id = conn.interrupt()
        release.set()
        event_id = speaking.result(WAIT)
        assert reads == [0, 1, 2]
        assert script.types() == ["agent.speak", "agent.speak", "agent.interrupt"]
        assert script.frames[0]["event_id"] == event_id != interrupt_id
        assert conn.speak(tone(0.1)) != event_id  # the next utterance goes through
        assert script.types()[-2:] == ["agent.speak", "agent.speak_end"]
    finally:
        flavour.finish()


def test_interrupt_stops_an_async_speak_waiting_on_its_source_at_once() -> None:
    """interrupt() from another task cancels the pending read of an async source; nothing more is sent."""
    flavour = Flavour("async")
    try:
        script = Script()
        conn = flavour.connect(script)
        state = {"reads": 0, "cancelled": False}

        async def source() -> AsyncIterator[bytes]:
            for _ in range(100):
                state["reads"] += 1
                if state["reads"] == 3:
                    try:
                        await asyncio.sleep(WAIT * 10)  # a TTS stream that has gone quiet
                    except asyncio.CancelledError:
                        state["cancelled"] = True
                        raise
                yield tone(0.1)

        speaking = conn.in_background("speak", source(), chunk_ms=100, first_chunk_ms=100)
        eventually(lambda: len(script.of_type("agent.speak")) == 2)
        started = time.monotonic()
        conn.interrupt()
        speaking.result(WAIT)
        assert time.monotonic() - started < WAIT / 2
        assert script.types() == ["agent.speak", "agent.speak", "agent.interrupt"]
        assert state == {"reads": 3, "cancelled": True}
    finally:
        flavour.finish()


def test_interrupt_stops_a_speak_of_whole_bytes_between_chunks(flavour: Flavour) -> None:
    """An interrupt sent while bytes are being chunked stops the rest: no chunk after agent.interrupt, no speak_end."""
    holder: dict[str, Any] = {}

    def on_frame(script: Script, frame: dict[str, Any]) -> None:
        if frame["type"] == "agent.speak" and len(script.of_type("agent.speak")) == 2:
            conn = holder["conn"]
            holder["future"] = conn.in_background("interrupt")
            if flavour.name == "sync":
                # The interrupting thread has marked the utterance unwanted.
                eventually(lambda: conn.connection._core.generation == 1)

    script = Script(on_frame=on_frame)
    conn = flavour.connect(script)
    holder["conn"] = conn
    # Longer than any socket buffer holds, so the speak is still sending when the interrupt comes.
    conn.speak(tone(60.0), chunk_ms=100, first_chunk_ms=100)
    # The interrupt may stop the speak before the server's thread has stored its future.
    eventually(lambda: "future" in holder)
    holder["future"].result(WAIT)
    types = script.types()
    assert "agent.speak_end" not in types
    assert types[-1] == "agent.interrupt"
    assert types.count("agent.speak") < 600


# -- keep-alive timer --------------------------------------------------------------------


def test_keep_alive_is_sent_every_interval_on_the_connections_clock(flavour: Flavour) -> None:
    """With keep_alive_every=60 the timer sends session.keep_alive at 60 and 120, not before, without sleeping."""
    script = Script()
    clock = flavour.clock()
    flavour.connect(script, keep_alive_every=60.0, clock=clock)
    clock.wait_sleeping(60.0)
    clock.advance(59.0)
    clock.wait_sleeping(60.0)
    assert script.of_type("session.keep_alive") == []
    clock.advance(1.0)
    clock.wait_sleeping(120.0)
    assert len(script.of_type("session.keep_alive")) == 1
    clock.advance(60.0)
    clock.wait_sleeping(180.0)
    assert len(script.of_type("session.keep_alive")) == 2


def test_a_manual_keep_alive_moves_the_next_one(flavour: Flavour) -> None:
    """keep_alive() at 90 makes the timer skip 120 and send at 150."""
    script = Script()
    clock = flavour.clock()
    conn = flavour.connect(script, keep_alive_every=60.0, clock=clock)
    clock.wait_sleeping(60.0)
    clock.advance(60.0)
    clock.wait_sleeping(120.0)
    clock.advance(30.0)
    conn.keep_alive()
    clock.advance(30.0)
    clock.wait_sleeping(150.0)
    assert len(script.of_type("session.keep_alive")) == 2
    clock.advance(30.0)
    clock.wait_sleeping(210.0)
    assert len(script.of_type("session.keep_alive")) == 3


def test_keep_alive_every_none_runs_no_timer(flavour: Flavour) -> None:
    """keep_alive_every=None: the timer never sleeps, and no keep-alive is ever sent."""
    script = Script()
    clock = flavour.clock()
    conn = flavour.connect(script, keep_alive_every=None, clock=clock)
    clock.advance(10_000.0)
    conn.start_listening()
    assert clock.sleepers == []
    assert script.types() == ["agent.start_listening"]


def test_the_timer_stops_when_the_connection_closes(flavour: Flavour) -> None:
    """After close() the timer is gone: advancing the clock sends nothing."""
    script = Script()
    clock = flavour.clock()
    conn = flavour.connect(script, keep_alive_every=60.0, clock=clock)
    clock.wait_sleeping(60.0)
    conn.close()
    eventually(lambda: clock.sleepers == [])
    clock.advance(600.0)
    assert script.of_type("session.keep_alive") == []
