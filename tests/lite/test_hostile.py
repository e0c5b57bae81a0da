"""The channel against hostile servers on 127.0.0.1: nothing waits without a bound, memory stays bounded."""

from __future__ import annotations

import asyncio
import concurrent.futures
import contextlib
import json
import os
import signal
import subprocess
import sys
import time
import tracemalloc
from collections.abc import Callable, Iterator
from pathlib import Path

import attrs
import pytest

from liveavatar import AsyncLiveAvatar, LiveAvatar, stop_sessions_on_signals
from liveavatar._config import LITE_EVENT_BUFFER_BYTES
from liveavatar._errors import LiteConnectionClosed, LiteTimeoutError, LiveAvatarError
from liveavatar._lite import EventsDropped, SpeakEnded
from liveavatar._lite import _async as lite_async
from liveavatar._lite import _sync as lite_sync
from liveavatar.audio import tone
from liveavatar.mock import SANDBOX_AVATAR_ID, MockServer
from tests.lite.support import WAIT, Flavour, HostileConnection, HostileServer, eventually, send_blocked

pytestmark = pytest.mark.wire

LONG_AUDIO_SECONDS = 120.0
"""About 7.7 MB of frames: more than the kernel buffers between a client and a server that stopped reading."""
SHORT_CLOSE = 0.5
"""The close timeout these tests run with, so that its bound is proved in half a second, not five."""
ABORT_GRACE = 1.0
"""What close() may take beyond its close timeout."""


@pytest.fixture
def hostile() -> Iterator[Callable[..., HostileServer]]:
    """Start hostile servers for a test and stop them after it."""
    servers: list[HostileServer] = []

    def start(then: Callable[[HostileConnection], None] | None = None) -> HostileServer:
        server = HostileServer(then)
        servers.append(server)
        return server

    yield start
    for server in servers:
        server.stop()


@pytest.fixture
def short_close(monkeypatch: pytest.MonkeyPatch) -> float:
    """Both drivers give the server `SHORT_CLOSE` seconds for its side of the closing handshake."""
    monkeypatch.setattr(lite_sync, "CLOSE_TIMEOUT", SHORT_CLOSE)
    monkeypatch.setattr(lite_async, "CLOSE_TIMEOUT", SHORT_CLOSE)
    return SHORT_CLOSE


# -- a server that stops reading --------------------------------------------------------


def test_a_speak_to_a_server_that_stops_reading_raises_within_the_send_deadline(
    flavour: Flavour, hostile: Callable[..., HostileServer]
) -> None:
    """speak raises LiteTimeoutError within send_timeout of the stall, and the connection is then closed (1006)."""
    server = hostile()
    conn = flavour.connect_url(server.url(), send_timeout=0.5)
    started = time.monotonic()

    with pytest.raises(LiteTimeoutError, match="send_timeout"):
        conn.speak(tone(LONG_AUDIO_SECONDS))

    # The deadline counts from the stall, after the kernel's buffers filled: a few MB on loopback.
    assert time.monotonic() - started < 0.5 + WAIT
    assert (True, 1006) == (conn.connection.closed, conn.connection.close_code)
    with pytest.raises(LiteConnectionClosed):
        conn.start_listening()


def test_interrupt_returns_at_once_while_a_speak_is_blocked(
    flavour: Flavour, hostile: Callable[..., HostileServer]
) -> None:
    """interrupt() from another thread or task returns within 1 s while speak is stuck on a full socket."""
    server = hostile()
    conn = flavour.connect_url(server.url(), send_timeout=3.0)
    speaking = conn.in_background("speak", tone(LONG_AUDIO_SECONDS))
    eventually(lambda: send_blocked(conn.connection))

    started = time.monotonic()
    event_id = conn.interrupt()

    assert time.monotonic() - started < 1.0
    assert event_id
    # The frame in flight goes if the kernel finds room for it, and then nothing more of the
    # utterance; if it never finds room, the speak ends at its deadline. Either way it ends.
    with contextlib.suppress(LiteTimeoutError):
        assert speaking.result(WAIT)


def test_close_returns_within_its_bound_while_a_speak_is_blocked(
    flavour: Flavour, hostile: Callable[..., HostileServer], short_close: float
) -> None:
    """close() returns within the close timeout plus 1 s, and the blocked speak then raises LiteConnectionClosed."""
    server = hostile()
    conn = flavour.connect_url(server.url(), send_timeout=60.0)
    speaking = conn.in_background("speak", tone(LONG_AUDIO_SECONDS))
    eventually(lambda: send_blocked(conn.connection))

    started = time.monotonic()
    conn.close()

    assert time.monotonic() - started <= short_close + ABORT_GRACE
    with pytest.raises(LiteConnectionClosed):
        speaking.result(WAIT)
    assert conn.connection.closed


def _stop_a_managed_session_while_blocked_sync(mock: MockServer, ws_url: str) -> str:
    with (
        LiveAvatar(api_key="key", base_url=mock.url) as client,
        client.sessions.start_lite(avatar_id=SANDBOX_AVATAR_ID, sandbox=True, keep_alive_every=None) as live,
        concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool,
    ):
        live.started = attrs.evolve(live.started, ws_url=ws_url)
        with live.connect(keep_alive_every=None, send_timeout=60.0) as conn:
            speaking = pool.submit(conn.speak, tone(LONG_AUDIO_SECONDS))
            eventually(lambda: send_blocked(conn))
            left = time.monotonic()
        assert time.monotonic() - left <= SHORT_CLOSE + ABORT_GRACE
        with pytest.raises(LiveAvatarError):
            speaking.result(WAIT)
    return live.session_id


def _stop_a_managed_session_while_blocked_async(mock: MockServer, ws_url: str) -> str:
    async def main() -> str:
        async with (
            AsyncLiveAvatar(api_key="key", base_url=mock.url) as client,
            await client.sessions.start_lite(avatar_id=SANDBOX_AVATAR_ID, sandbox=True, keep_alive_every=None) as live,
        ):
            live.started = attrs.evolve(live.started, ws_url=ws_url)
            async with live.connect(keep_alive_every=None, send_timeout=60.0) as conn:
                speaking = asyncio.ensure_future(conn.speak(tone(LONG_AUDIO_SECONDS)))
                await asyncio.to_thread(eventually, lambda: send_blocked(conn))
                left = time.monotonic()
            assert time.monotonic() - left <= SHORT_CLOSE + ABORT_GRACE
            with pytest.raises(LiveAvatarError):
                await speaking
        return live.session_id

    return asyncio.run(main())


@pytest.mark.parametrize("flavour_name", ["sync", "async"])
def test_leaving_the_nested_managed_blocks_while_a_speak_is_blocked_stops_the_session(
    flavour_name: str, hostile: Callable[..., HostileServer], short_close: float
) -> None:
    """`with start_lite(...)` / `with live.connect()`: the inner block ends within the close bound, the HTTP stop goes."""
    server = hostile()
    with MockServer() as mock:
        leave = (
            _stop_a_managed_session_while_blocked_sync
            if flavour_name == "sync"
            else _stop_a_managed_session_while_blocked_async
        )
        session_id = leave(mock, server.url())
        after = mock.session(session_id)

    assert (False, "USER_CLOSED") == (after.active, after.end_reason)


# -- a server that sends its close frame and keeps TCP open ------------------------------


def _close_and_hold(connection: HostileConnection) -> None:
    connection.send_close(4000, "going away, not hanging up")
    connection.hold()


def test_a_close_frame_without_the_end_of_tcp_ends_events_and_close_in_their_bound(
    flavour: Flavour, hostile: Callable[..., HostileServer], short_close: float
) -> None:
    """After a close frame 4000 and no FIN, events() raises at once with its code, and close() is bounded."""
    server = hostile(_close_and_hold)
    conn = flavour.connect_url(server.url())
    started = time.monotonic()

    with pytest.raises(LiteConnectionClosed) as caught:
        for _ in conn.events():
            pass

    assert time.monotonic() - started <= short_close + ABORT_GRACE
    assert (4000, "going away, not hanging up") == (caught.value.close_code, caught.value.close_reason)
    started = time.monotonic()
    conn.close()
    assert time.monotonic() - started <= short_close + ABORT_GRACE


def _oversize(connection: HostileConnection) -> None:
    connection.send_text(json.dumps({"type": "agent.speak_started", "pad": "x" * (2**20 + 10)}))
    connection.hold()


def test_an_oversize_message_ends_events_with_1009_although_the_server_keeps_tcp_open(
    flavour: Flavour, hostile: Callable[..., HostileServer], short_close: float
) -> None:
    """A message over 1 MiB: the SDK closes with 1009, and events() raises it at once, FIN or not."""
    server = hostile(_oversize)
    conn = flavour.connect_url(server.url())

    with pytest.raises(LiteConnectionClosed) as caught:
        for _ in conn.events():
            pass

    assert 1009 == caught.value.close_code
    started = time.monotonic()
    conn.close()
    assert time.monotonic() - started <= short_close + ABORT_GRACE


# -- a server that floods events nobody reads --------------------------------------------

FLOOD_EVENTS = 600
FLOOD_EVENT_BYTES = 1_000_000


def _flood(connection: HostileConnection) -> None:
    template = {"type": "agent.speak_started", "pad": ""}
    overhead = len(json.dumps(template))
    event = json.dumps({**template, "pad": "x" * (FLOOD_EVENT_BYTES - overhead)})
    for number in range(FLOOD_EVENTS):
        if number == 5:
            connection.send_text(json.dumps({"type": "agent.speak_ended", "event_id": "early"}))
        connection.send_text(event)
    connection.send_text(json.dumps({"type": "agent.speak_ended", "event_id": "last"}))
    connection.hold()


def test_six_hundred_one_megabyte_events_unread_stay_under_the_byte_bound(
    flavour: Flavour, hostile: Callable[..., HostileServer], short_close: float
) -> None:
    """600 events of 1 MB nobody reads: memory stays near the 4 MiB bound, speak_ended is kept, the drop is said."""
    server = hostile(_flood)
    tracemalloc.start()
    try:
        conn = flavour.connect_url(server.url())
        conn.wait_for(SpeakEnded, event_id="last", timeout=60.0)
        log = conn.connection._core.log
        held = log.held_bytes
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()

    assert log.pending_bytes <= LITE_EVENT_BUFFER_BYTES
    assert held <= 2 * LITE_EVENT_BUFFER_BYTES
    # What was allocated at the worst moment: the buffers, a message in flight, its parse; not 600 MB.
    assert peak < 8 * LITE_EVENT_BUFFER_BYTES
    conn.close()
    events = list(conn.events())
    dropped = events[0]
    assert isinstance(dropped, EventsDropped)
    assert dropped.count > FLOOD_EVENTS - 10
    assert dropped.dropped_types == ("session.state_updated", "agent.speak_started")
    assert ["early", "last"] == [event.event_id for event in events if isinstance(event, SpeakEnded)]


# -- SIGTERM during a blocked speak ---------------------------------------------------------

CHILD = Path(__file__).with_name("sigterm_child.py")


@pytest.mark.subprocess
def test_sigterm_during_a_blocked_speak_stops_the_session_and_exits(hostile: Callable[..., HostileServer]) -> None:
    """With stop_sessions_on_signals, SIGTERM while speak is stuck: the process exits within 10 s, session stopped."""
    server = hostile()
    with MockServer() as mock:
        child = subprocess.Popen(
            [sys.executable, str(CHILD), mock.url, server.url()],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        try:
            assert child.stdout is not None
            session_id = child.stdout.readline().strip()
            eventually(lambda: server.unread_bytes() > 0, timeout=30.0)
            child.send_signal(signal.SIGTERM)
            started = time.monotonic()
            child.wait(10.0)
            took = time.monotonic() - started
        finally:
            child.kill()
            _, err = child.communicate()
        after = mock.session(session_id)

    assert took < 10.0, err
    assert -signal.SIGTERM == child.returncode, err
    assert (False, "USER_CLOSED") == (after.active, after.end_reason), err


@pytest.mark.subprocess
def test_a_sync_connect_does_not_import_asyncio(hostile: Callable[..., HostileServer]) -> None:
    """In a fresh interpreter, a sync client's sessions.connect, speak and close leave asyncio unloaded."""
    server = hostile()
    code = (
        "import sys\n"
        "from liveavatar import LiveAvatar\n"
        "client = LiveAvatar(api_key='key', base_url='http://127.0.0.1:9')\n"
        f"conn = client.sessions.connect({server.url()!r}, keep_alive_every=None)\n"
        "conn.speak(b'\\0\\0' * 240)\n"
        "conn.close()\n"
        "print('asyncio' in sys.modules)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True)
    assert "False" == result.stdout.strip(), result.stderr


def test_a_signal_during_a_blocked_speak_aborts_its_socket_and_stops_the_session(
    hostile: Callable[..., HostileServer],
) -> None:
    """In process: the handler frees the blocked speak (LiteConnectionClosed), stops the session, then chains."""
    server = hostile()
    chained: list[int] = []
    saved = signal.getsignal(signal.SIGUSR1)
    try:
        with (
            MockServer() as mock,
            LiveAvatar(api_key="key", base_url=mock.url) as client,
            concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool,
        ):
            live = client.sessions.start_lite(avatar_id=SANDBOX_AVATAR_ID, sandbox=True, keep_alive_every=None)
            live.started = attrs.evolve(live.started, ws_url=server.url())
            conn = live.connect(keep_alive_every=None, send_timeout=60.0)
            speaking = pool.submit(conn.speak, tone(LONG_AUDIO_SECONDS))
            eventually(lambda: send_blocked(conn))
            signal.signal(signal.SIGUSR1, lambda signum, frame: chained.append(signum))
            stop_sessions_on_signals(client, (signal.SIGUSR1,))

            started = time.monotonic()
            os.kill(os.getpid(), signal.SIGUSR1)
            took = time.monotonic() - started

            with pytest.raises(LiteConnectionClosed):
                speaking.result(WAIT)
            after = mock.session(live.session_id)
    finally:
        signal.signal(signal.SIGUSR1, saved)

    assert took < 10.0
    assert [signal.SIGUSR1] == chained
    assert (False, "USER_CLOSED") == (after.active, after.end_reason)
