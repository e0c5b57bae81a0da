"""The LITE connection at its edges: a socket failing on send or in the reader, an unread event flood, odd ids and input."""

from __future__ import annotations

import asyncio
import logging
import socket
import threading
from collections.abc import AsyncIterator, Iterator
from typing import Any

import pytest

from liveavatar import InvalidRequestError, LiteConnectError
from liveavatar._errors import LiteConnectionClosed
from liveavatar._lite import (
    EventsDropped,
    LiteEvent,
    SessionStateUpdated,
    SpeakStarted,
    connect_lite,
    connect_lite_async,
)
from liveavatar._lite import _protocol as protocol_module
from liveavatar._lite._async import AsyncLiteConnection, open_lite_async
from liveavatar._lite._log import EVENT_BUFFER_LIMIT
from liveavatar._lite._sync import open_lite
from liveavatar._lite._ws import QuietLogger
from liveavatar._secrets import Secret
from liveavatar.audio import tone
from tests.lite.support import (
    CANARY_SECRET,
    CANARY_URL,
    WAIT,
    AsyncFakeClock,
    FakeClock,
    Flavour,
    Portal,
    Script,
    eventually,
)

# -- failures -----------------------------------------------------------------------


def test_a_send_after_the_servers_close_frame_raises_closed_with_its_code(flavour: Flavour) -> None:
    """Once the server's close frame came, speak raises LiteConnectionClosed carrying its code and reason."""
    script = Script()
    conn = flavour.connect(script)
    script.close(1011, "server going away")
    eventually(lambda: conn.connection.closed)

    with pytest.raises(LiteConnectionClosed) as caught:
        conn.speak(tone(0.1))

    assert (1011, "server going away") == (caught.value.close_code, caught.value.close_reason)


def test_a_keep_alive_the_closed_connection_refuses_stops_the_sync_timer() -> None:
    """Sync: once the server closed the connection the timer ends: it does not sleep or try again."""
    clock = FakeClock()
    script = Script()
    connection = open_lite(
        Secret.text(CANARY_URL), sock=script.client_socket(), keep_alive_every=1.0, ready_timeout=1.0, clock=clock
    )
    try:
        clock.wait_sleeping(1.0)
        script.close(1011, "server going away")
        eventually(lambda: connection.closed)
        clock.advance(1.0)
        eventually(lambda: not clock.sleepers)
        clock.advance(5.0)
        assert [] == clock.sleepers
    finally:
        connection.close()


def test_a_keep_alive_the_closed_connection_refuses_stops_the_async_timer() -> None:
    """Async: a keep-alive refused because the server closed the connection ends the timer: no sleep, no retry."""
    portal = Portal()
    clock = AsyncFakeClock(portal.loop)
    script = Script()

    async def open_async() -> AsyncLiteConnection:
        return await open_lite_async(
            Secret.text(CANARY_URL), sock=script.client_socket(), keep_alive_every=1.0, ready_timeout=1.0, clock=clock
        )

    connection = portal.call(open_async())
    try:
        clock.wait_sleeping(1.0)
        script.close(1011, "server going away")
        eventually(lambda: connection.closed)
        clock.advance(1.0)
        eventually(lambda: not clock.sleepers)
        clock.advance(5.0)
        assert [] == clock.sleepers
    finally:
        portal.call(connection.aclose())
        portal.stop()


def test_a_reader_that_fails_is_logged_and_ends_the_connection(
    flavour: Flavour, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An unexpected error while reading is logged once and closes the connection: waiters stop, sends raise."""
    caplog.set_level(logging.ERROR, logger="liveavatar")
    script = Script()
    conn = flavour.connect(script)

    def explode(raw: Any) -> Any:
        raise RuntimeError("decoder exploded")

    monkeypatch.setattr(protocol_module, "parse_event", explode)
    script.push({"type": "agent.speak_started"})
    eventually(lambda: conn.connection.closed)

    assert (1006, "reader failed") == (conn.connection.close_code, conn.connection.close_reason)
    with pytest.raises(LiteConnectionClosed):
        conn.speak(tone(0.1))
    failures = [record for record in caplog.records if "LITE reader failed" in record.getMessage()]
    assert 1 == len(failures)
    assert "decoder exploded" in (failures[0].exc_text or "")


# -- events ---------------------------------------------------------------------


def test_unread_events_are_capped_keeping_the_newest_with_one_warning(
    flavour: Flavour, caplog: pytest.LogCaptureFixture
) -> None:
    """Events nobody reads are kept up to the count limit: the oldest go, an EventsDropped says so, one warning."""
    caplog.set_level(logging.WARNING, logger="liveavatar")
    script = Script()
    conn = flavour.connect(script)
    total = EVENT_BUFFER_LIMIT + 5
    for number in range(total):
        script.push({"type": "agent.speak_started", "event_id": f"e{number}"})
    conn.wait_for(SpeakStarted, event_id=f"e{total - 1}", timeout=WAIT)
    script.close()

    events = list(conn.events())
    seen = [event.event_id for event in events]

    assert EVENT_BUFFER_LIMIT == len(seen)
    # The `connected` state and the first six utterances were the oldest: dropped, and said so first.
    dropped = events[0]
    assert isinstance(dropped, EventsDropped)
    assert (7, ("session.state_updated", "agent.speak_started")) == (dropped.count, dropped.dropped_types)
    assert ("e6", f"e{total - 1}") == (seen[1], seen[-1])
    warnings = [record for record in caplog.records if "are not being read" in record.getMessage()]
    assert 1 == len(warnings)


def test_numeric_ids_are_kept_as_text_and_terminal_states_are_named(flavour: Flavour) -> None:
    """An event_id sent as a number is its text; `disconnected` is terminal and `connected` is not."""
    script = Script()
    conn = flavour.connect(script)
    script.push({"type": "agent.speak_started", "event_id": 42})
    script.push({"type": "session.state_updated", "state": "disconnected"})
    script.push({"type": "error", "source_event_id": "s1", "error": {"type": "invalid", "event_id": "inner"}})
    script.close()

    events: list[LiteEvent] = list(conn.events())

    started = [event for event in events if isinstance(event, SpeakStarted)]
    states = [event for event in events if isinstance(event, SessionStateUpdated)]
    assert ["42"] == [event.event_id for event in started]
    assert [False, True] == [state.is_terminal for state in states]
    # A top-level source_event_id wins over the one inside the error object.
    assert "s1" == events[-1].source_event_id


# -- input checked before sending ----------------------------------------------------


def test_audio_that_is_not_one_contiguous_buffer_is_refused_before_sending(flavour: Flavour) -> None:
    """A strided memoryview is refused with InvalidRequestError naming `audio`; nothing is sent."""
    script = Script()
    conn = flavour.connect(script)
    strided = memoryview(tone(0.1))[::2]

    with pytest.raises(InvalidRequestError, match="contiguous"):
        conn.speak(strided)

    assert [] == script.types()


@pytest.mark.parametrize("flavour_name", ["sync", "async"])
def test_a_ws_url_that_is_not_text_is_refused(flavour_name: str) -> None:
    """connect_lite(123) is InvalidRequestError naming ws_url and its type, before any socket is opened."""

    def attempt() -> None:
        if flavour_name == "sync":
            connect_lite(123)  # type: ignore[arg-type]  # deliberately bad
        else:
            asyncio.run(_await_connect(123))

    with pytest.raises(InvalidRequestError, match="ws_url: must be a str, not int"):
        attempt()


async def _await_connect(url: Any) -> None:
    await connect_lite_async(url)


def test_a_stream_interrupted_after_its_last_piece_sends_no_end() -> None:
    """Sync: interrupting while the source gives its last piece: speak returns its id and sends no speak_end."""
    sync = Flavour("sync")
    script = Script()
    conn = sync.connect(script)

    def pieces() -> Iterator[bytes]:
        yield tone(0.05)
        conn.connection.interrupt()

    try:
        event_id = conn.speak(pieces())
    finally:
        sync.finish()

    assert "agent.speak_end" not in script.types()
    assert "agent.interrupt" in script.types()
    assert event_id


def test_an_async_source_that_interrupts_mid_chunk_stops_the_utterance() -> None:
    """An async source whose next piece comes after an interrupt: that piece is not sent, nor is speak_end."""
    portal = Portal()
    script = Script()

    async def scenario() -> tuple[str, Any]:
        connection = await open_lite_async(
            Secret.text(CANARY_URL), sock=script.client_socket(), keep_alive_every=None, ready_timeout=1.0
        )

        async def pieces() -> AsyncIterator[bytes]:
            yield tone(0.5)
            await connection.interrupt()
            yield tone(0.5)

        async with connection:
            event_id = await connection.speak(pieces(), first_chunk_ms=100, chunk_ms=100)
            return event_id, connection

    try:
        event_id, connection = portal.call(scenario())
    finally:
        portal.stop()

    speaks = script.of_type("agent.speak")
    assert speaks
    assert all(frame["event_id"] == event_id for frame in speaks)
    # 0.5 s in 100 ms chunks: five before the interrupt, none of the second piece after it.
    assert 5 == len(speaks)
    assert "agent.speak_end" not in script.types()
    assert connection.closed
    assert "" == connection.close_reason


# -- the handshake and the websockets logger ------------------------------------------


def test_a_server_that_drops_the_handshake_is_a_connect_error() -> None:
    """A server that reads the upgrade request and closes without answering gives LiteConnectError, the URL not shown."""
    listener = socket.create_server(("127.0.0.1", 0))
    port = listener.getsockname()[1]

    def drop() -> None:
        connection, _ = listener.accept()
        request = b""
        while b"\r\n\r\n" not in request:
            chunk = connection.recv(65536)
            if not chunk:
                break
            request += chunk
        connection.close()

    thread = threading.Thread(target=drop, daemon=True)
    thread.start()
    try:
        with pytest.raises(LiteConnectError) as caught:
            connect_lite(f"ws://127.0.0.1:{port}/v1/lite/x?secret={CANARY_SECRET}", open_timeout=WAIT)
    finally:
        thread.join(WAIT)
        listener.close()

    assert "the LITE WebSocket handshake failed" in str(caught.value)
    assert CANARY_SECRET not in str(caught.value)


def test_the_websockets_logger_masks_exception_text_and_skips_disabled_levels(caplog: pytest.LogCaptureFixture) -> None:
    """A record with exc_info has the traceback appended with the URL masked; a disabled level logs nothing."""
    quiet = QuietLogger(Secret.text(CANARY_URL))
    caplog.set_level(logging.INFO, logger="liveavatar")

    quiet.debug("below the level %s", CANARY_URL)
    try:
        raise OSError(f"cannot reach {CANARY_URL}")
    except OSError:
        quiet.error("handshake to %s failed", CANARY_URL, exc_info=True)
    quiet.warning("given an exception %s", "object", exc_info=ValueError(CANARY_URL))

    messages = [record.getMessage() for record in caplog.records if record.name.endswith("websockets")]
    assert 2 == len(messages)
    assert "OSError: cannot reach" in messages[0]
    assert "ValueError" in messages[1]
    assert all(CANARY_SECRET not in message for message in messages)
