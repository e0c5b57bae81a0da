"""The channel against a real WebSocket server on 127.0.0.1: the wire, typed failures, secrets, the extra."""

from __future__ import annotations

import asyncio
import copy
import json
import logging
import pickle
import socket
import subprocess
import sys
import traceback
from collections.abc import Callable, Iterator
from typing import Any

import pytest

from liveavatar._errors import (
    APIConnectionError,
    APITimeoutError,
    LiteAudioError,
    LiteConnectError,
    LiteConnectionClosed,
    LiteTimeoutError,
    LiveAvatarError,
)
from liveavatar._lite import SpeakEnded, connect_lite, connect_lite_async
from liveavatar._lite._wire import MISSING_EXTRA_MESSAGE
from liveavatar.audio import tone
from tests.lite.support import CANARY_SECRET, CONNECTED, WAIT, WebSocketServer, free_port

pytestmark = pytest.mark.wire


class AckServer:
    """A handler that says `connected`, records frames, ends each utterance at once, or runs `then` instead."""

    def __init__(self, *, connected: bool = True, then: Callable[[Any], None] | None = None) -> None:
        self.connected = connected
        self.then = then
        self.frames: list[dict[str, Any]] = []

    def __call__(self, websocket: Any) -> None:
        if self.then is not None:
            self.then(websocket)
            return
        if self.connected:
            websocket.send(json.dumps(CONNECTED))
        for message in websocket:
            frame = json.loads(message)
            self.frames.append(frame)
            if frame["type"] == "agent.speak_end":
                reply = {"type": "agent.speak_ended", "event_id": "x", "source_event_id": frame["event_id"]}
                websocket.send(json.dumps(reply))


ack_server = AckServer


@pytest.fixture
def serve() -> Iterator[Callable[..., WebSocketServer]]:
    """Start WebSocketServers for a test and stop them after it."""
    servers: list[WebSocketServer] = []

    def start(handler: Callable[[Any], None], **options: Any) -> WebSocketServer:
        server = WebSocketServer(handler, **options)
        servers.append(server)
        return server

    yield start
    for server in servers:
        server.stop()


def run_awaitable(awaitable: Any) -> Any:
    """Run a coroutine or any awaitable (such as what connect_lite_async returns) to completion."""

    async def main() -> Any:
        return await awaitable

    return asyncio.run(main())


# -- the happy path --------------------------------------------------------------------


def test_sync_speak_reaches_a_real_server_and_its_reply_is_matched(serve: Callable[..., WebSocketServer]) -> None:
    """Over a real socket: text frames of one utterance, speak_end, and the reply found by source_event_id."""
    handler = ack_server()
    server = serve(handler)
    with connect_lite(server.url(), keep_alive_every=None) as conn:
        event_id = conn.speak(tone(1.2))
        ended = conn.wait_for(SpeakEnded, event_id=event_id, timeout=WAIT)
    assert ended.source_event_id == event_id
    assert [frame["type"] for frame in handler.frames] == ["agent.speak", "agent.speak", "agent.speak_end"]
    assert server.paths == [f"/v1/lite/8c1d2e3f?secret={CANARY_SECRET}"]


def test_async_connect_is_awaitable_and_an_async_context_manager(serve: Callable[..., WebSocketServer]) -> None:
    """`await connect_lite_async(...)` and `async with connect_lite_async(...)` both give a working connection."""
    server = serve(ack_server())

    async def main() -> tuple[str, bool]:
        conn = await connect_lite_async(server.url(), keep_alive_every=None)
        event_id = await conn.speak(tone(0.3))
        ended = await conn.wait_for(SpeakEnded, event_id=event_id, timeout=WAIT)
        await conn.aclose()
        async with connect_lite_async(server.url(), keep_alive_every=None) as second:
            assert second.is_ready
        return ended.source_event_id or "", second.closed

    source_event_id, closed = run_awaitable(main())
    assert source_event_id
    assert closed


# -- typed failures ----------------------------------------------------------------------


@pytest.mark.parametrize("flavour", ["sync", "async"])
def test_a_refused_upgrade_is_a_typed_connect_error_with_its_status(
    serve: Callable[..., WebSocketServer], flavour: str
) -> None:
    """HTTP 403 at the upgrade raises LiteConnectError (an APIConnectionError) with status_code 403."""
    server = serve(ack_server(), refuse_with=403)
    with pytest.raises(LiteConnectError) as caught:
        open_either(flavour, server.url())
    assert caught.value.status_code == 403
    assert isinstance(caught.value, APIConnectionError)
    assert "403" in str(caught.value)


@pytest.mark.parametrize("flavour", ["sync", "async"])
def test_nothing_listening_is_a_typed_connect_error(flavour: str) -> None:
    """A refused TCP connection raises LiteConnectError with no status code."""
    with pytest.raises(LiteConnectError) as caught:
        open_either(flavour, f"ws://127.0.0.1:{free_port()}/v1/lite/x?secret={CANARY_SECRET}")
    assert caught.value.status_code is None


@pytest.mark.parametrize("flavour", ["sync", "async"])
def test_a_silent_server_times_the_handshake_out_typed(flavour: str) -> None:
    """A server that accepts TCP but never answers the upgrade raises LiteTimeoutError after open_timeout."""
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen()
        url = f"ws://127.0.0.1:{listener.getsockname()[1]}/v1/lite/x?secret={CANARY_SECRET}"
        with pytest.raises(LiteTimeoutError) as caught:
            open_either(flavour, url, open_timeout=0.2)
    assert isinstance(caught.value, APITimeoutError)


@pytest.mark.parametrize("flavour", ["sync", "async"])
def test_an_abnormal_close_is_typed_with_code_and_reason(serve: Callable[..., WebSocketServer], flavour: str) -> None:
    """A server closing with 1011 ends events() with LiteConnectionClosed(1011, reason)."""

    def then(websocket: Any) -> None:
        websocket.send(json.dumps(CONNECTED))
        websocket.close(1011, "media server failed")

    server = serve(ack_server(then=then))
    caught = events_until_error(flavour, server.url())
    assert isinstance(caught, LiteConnectionClosed)
    assert (caught.close_code, caught.close_reason) == (1011, "media server failed")


@pytest.mark.parametrize("flavour", ["sync", "async"])
def test_a_dropped_socket_is_typed_as_1006(serve: Callable[..., WebSocketServer], flavour: str) -> None:
    """A TCP drop without a close frame ends events() with LiteConnectionClosed(1006)."""

    def then(websocket: Any) -> None:
        websocket.send(json.dumps(CONNECTED))
        websocket.socket.shutdown(socket.SHUT_RDWR)

    server = serve(ack_server(then=then))
    caught = events_until_error(flavour, server.url())
    assert isinstance(caught, LiteConnectionClosed)
    assert caught.close_code == 1006


def test_a_normal_server_close_just_ends_events(serve: Callable[..., WebSocketServer]) -> None:
    """A close with 1000 at the session's end ends events() without an error."""

    def then(websocket: Any) -> None:
        websocket.send(json.dumps(CONNECTED))
        websocket.send(json.dumps({"type": "session.state_updated", "state": "closed"}))
        websocket.close(1000, "session ended")

    server = serve(ack_server(then=then))
    with connect_lite(server.url(), keep_alive_every=None) as conn:
        assert [event.type for event in conn.events()] == ["session.state_updated"] * 2
        assert (conn.close_code, conn.close_reason) == (1000, "session ended")


def test_a_bad_url_is_refused_as_input() -> None:
    """A URL that is not ws:// or wss:// raises a ValueError naming ws_url, not a websockets error."""
    with pytest.raises(ValueError, match="ws_url"):
        connect_lite(f"https://example.invalid/{CANARY_SECRET}")


@pytest.mark.parametrize(
    ("option", "value"), [("ready_timeout", 0), ("keep_alive_every", -1.0), ("open_timeout", float("inf"))]
)
def test_unbounded_or_spinning_options_are_refused_before_any_io(option: str, value: float) -> None:
    """A zero, negative or infinite wait is refused with InvalidRequestError before connecting."""
    options: dict[str, Any] = {option: value}
    with pytest.raises(ValueError, match=option):
        connect_lite(f"ws://127.0.0.1:{free_port()}/", **options)


# -- secrets -------------------------------------------------------------------------------


def failures(serve: Callable[..., WebSocketServer]) -> list[BaseException]:
    """One error of each kind a connect can raise, every one made with the canary URL."""
    refused = serve(ack_server(), refuse_with=403)
    found: list[BaseException] = []
    attempts: list[Callable[[], object]] = [
        lambda: connect_lite(refused.url()),
        lambda: connect_lite(f"ws://127.0.0.1:{free_port()}/v1/lite/x?secret={CANARY_SECRET}"),
        lambda: connect_lite(f"http://127.0.0.1/{CANARY_SECRET}"),
        lambda: run_awaitable(connect_lite_async(refused.url())),
        lambda: connect_lite(serve(ack_server(connected=False)).url(), ready_timeout=0.05, require_ready=True),
        lambda: run_awaitable(open_and_wait_async(serve(ack_server()))),
    ]
    for attempt in attempts:
        try:
            attempt()
        except LiveAvatarError as exc:
            found.append(exc)
    return found


async def open_and_wait_async(server: WebSocketServer) -> None:
    # The URL is never a local here, as it is never one in the SDK: only this test's canary check could see it.
    async with connect_lite_async(server.url(), keep_alive_every=None) as conn:
        await conn.wait_for("never", timeout=0.02)


def test_no_error_chained_error_or_frame_local_shows_the_ws_url(serve: Callable[..., WebSocketServer]) -> None:
    """Every connect and wait failure, rendered with chained causes and captured locals, is free of the canary."""
    errors = failures(serve)
    assert len(errors) == 6
    for error in errors:
        rendered = "".join(traceback.TracebackException.from_exception(error, capture_locals=True).format())
        assert CANARY_SECRET not in rendered, rendered
        assert error.__cause__ is None
        assert error.__context__ is None
        assert CANARY_SECRET not in repr(error.args)


def test_debug_logs_of_every_library_never_show_the_ws_url(
    serve: Callable[..., WebSocketServer], caplog: pytest.LogCaptureFixture
) -> None:
    """With every logger at DEBUG, a session's records (ours and websockets') hold no canary."""
    caplog.set_level(logging.DEBUG)
    server = serve(ack_server())
    with connect_lite(server.url(), keep_alive_every=None) as conn:
        event_id = conn.speak(tone(0.2))
        conn.wait_for(SpeakEnded, event_id=event_id, timeout=WAIT)
        assert CANARY_SECRET not in repr(conn)
    client_records = [record for record in caplog.records if not record.name.startswith("websockets.server")]
    assert any(record.name == "liveavatar.websockets" for record in client_records)
    for record in client_records:
        assert CANARY_SECRET not in record.getMessage()
        assert "agent.speak" not in record.getMessage() or record.name == "liveavatar"


@pytest.mark.parametrize(
    "error",
    [
        LiteConnectError("refused", status_code=403),
        LiteConnectionClosed("closed", close_code=1011, close_reason="gone"),
        LiteTimeoutError("no connected within 10 s"),
        LiteAudioError("half a sample", event_id="u1"),
    ],
    ids=type,
)
def test_lite_errors_survive_pickle_and_deepcopy(error: LiveAvatarError) -> None:
    """The LITE errors round-trip through pickle and deepcopy with their fields."""
    for copied in (pickle.loads(pickle.dumps(error)), copy.deepcopy(error)):
        assert type(copied) is type(error)
        assert str(copied) == str(error)
        assert copied.__dict__ == error.__dict__


# -- the extra ---------------------------------------------------------------------------


def test_connect_without_websockets_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    """With websockets hidden, both connects raise LiveAvatarError naming the [realtime] extra."""
    for name in [name for name in sys.modules if name == "websockets" or name.startswith("websockets.")]:
        monkeypatch.delitem(sys.modules, name)
    monkeypatch.setitem(sys.modules, "websockets", None)
    url = f"ws://127.0.0.1:{free_port()}/"
    with pytest.raises(LiveAvatarError) as caught:
        connect_lite(url)
    assert str(caught.value) == MISSING_EXTRA_MESSAGE
    assert "liveavatar[realtime]" in str(caught.value)
    with pytest.raises(LiveAvatarError, match=r"\[realtime\]"):
        run_awaitable(connect_lite_async(url))


@pytest.mark.subprocess
def test_importing_the_channel_does_not_import_websockets() -> None:
    """`import liveavatar._lite` and `liveavatar.audio` leave websockets unloaded until a connect."""
    code = "import sys, liveavatar._lite, liveavatar.audio; print('websockets' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60)
    assert result.stdout.strip() == "False"


# -- helpers -------------------------------------------------------------------------------


def open_either(flavour: str, url: str, **options: Any) -> None:
    options.setdefault("keep_alive_every", None)
    if flavour == "sync":
        connect_lite(url, **options).close()
        return

    async def main() -> None:
        conn = await connect_lite_async(url, **options)
        await conn.aclose()

    run_awaitable(main())


def events_until_error(flavour: str, url: str) -> BaseException | None:
    if flavour == "sync":
        with connect_lite(url, keep_alive_every=None) as conn:
            try:
                list(conn.events())
            except LiveAvatarError as exc:
                return exc
        return None

    async def main() -> BaseException | None:
        async with connect_lite_async(url, keep_alive_every=None) as conn:
            try:
                async for _ in conn.events():
                    pass
            except LiveAvatarError as exc:
                return exc
        return None

    result: BaseException | None = run_awaitable(main())
    return result


def test_an_unknown_name_on_the_channel_package_is_an_attribute_error() -> None:
    """`liveavatar._lite.nothing` raises AttributeError naming it, as a module without the lazy names would."""
    import liveavatar._lite

    with pytest.raises(AttributeError, match="nothing"):
        liveavatar._lite.nothing  # noqa: B018 - the access is the test
