"""`AsyncLiteConnection`: the LITE channel driven by an asyncio transport, and `connect_lite_async`.

A driver only, as `_sync` is: `_Wire` is the asyncio protocol that hands
the bytes the transport reads to the `LiteProtocol` core and writes what
the core queues; every decision is the core's. asyncio's transport never
blocks a write, so there is no writer to wait for: a frame is written
whole at once, and a send then waits (`send_timeout`, one deadline only
when the transport asked to pause) for the server to take the backlog.
`interrupt()` therefore returns at once, whatever the socket does. Past a
deadline the transport is aborted, which ends every wait on it; `aclose()`
gives the server `CLOSE_TIMEOUT` seconds for its side of the closing
handshake, then aborts.

`connect_lite_async(...)` returns an object that is both awaitable and an
async context manager, so both `conn = await connect_lite_async(url)` and
`async with connect_lite_async(url) as conn:` work.
"""

from __future__ import annotations

import asyncio
import contextlib
import socket
import ssl
import time
from collections.abc import AsyncGenerator, AsyncIterable, AsyncIterator, Awaitable, Callable, Generator, Iterable
from types import TracebackType
from typing import Any, Final, Self, TypeVar, Unpack, cast, overload

from liveavatar._errors import LiteConnectError, LiveAvatarError
from liveavatar._logging import logger
from liveavatar._secrets import Secret

from ._events import LiteEvent
from ._log import matcher
from ._protocol import ConnectionView, LiteProtocol, Utterance, event_type_name, prepare_speak, ready_failure
from ._wire import (
    CLOSE_TIMEOUT,
    DEFAULT_CHUNK_MS,
    DEFAULT_FIRST_CHUNK_MS,
    DEFAULT_KEEP_ALIVE_EVERY,
    DEFAULT_OPEN_TIMEOUT,
    DEFAULT_READY_TIMEOUT,
    DEFAULT_SEND_TIMEOUT,
    AsyncClock,
    ConnectKeywords,
    ConnectOptions,
    secret_url,
    send_timeout_error,
    timeout_error,
)
from ._ws import Endpoint, WebSocketFramer, open_error

__all__ = ["AsyncLiteConnect", "AsyncLiteConnection", "AsyncSystemClock", "connect_lite_async", "open_lite_async"]

E = TypeVar("E", bound=LiteEvent)

AudioPiece = bytes | bytearray | memoryview
AsyncAudio = AudioPiece | Iterable[AudioPiece] | AsyncIterable[AudioPiece]

_END: Final = object()
_ABORT_GRACE: Final = 1.0
"""Seconds for the transport to report its end once aborted: the `+ 1 s` of aclose()'s bound."""


class AsyncSystemClock:
    """The real clock, for the async keep-alive timer."""

    def monotonic(self) -> float:
        """`time.monotonic()`."""
        return time.monotonic()

    async def sleep(self, seconds: float) -> None:
        """`asyncio.sleep(seconds)`."""
        await asyncio.sleep(seconds)


async def _next_piece(iterator: AsyncIterator[AudioPiece]) -> object:
    # A task cannot end with StopAsyncIteration cleanly, so the end is a value.
    try:
        return await anext(iterator)
    except StopAsyncIteration:
        return _END


def _forget(task: asyncio.Task[object]) -> None:
    # The source read abandoned by an interrupt: retrieve its outcome so
    # asyncio does not report an exception nobody asked for.
    if not task.cancelled():
        task.exception()


class _Wire(asyncio.Protocol):
    """The transport's side of one connection: bytes in to the core, the core's bytes out, and the waits."""

    def __init__(self, core: LiteProtocol, loop: asyncio.AbstractEventLoop) -> None:
        self.core = core
        self._loop = loop
        self.transport: asyncio.Transport | None = None
        self.changed = asyncio.Event()
        self.handshake: asyncio.Future[None] = loop.create_future()
        self.lost: asyncio.Future[None] = loop.create_future()
        self._writable: asyncio.Future[None] | None = None
        self._closer: asyncio.TimerHandle | None = None

    # -- asyncio's callbacks ------------------------------------------------------------

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        """Keep the transport."""
        self.transport = cast("asyncio.Transport", transport)

    def data_received(self, data: bytes) -> None:
        """Bytes in: to the core; then write what it queued (pongs, a close echo) and wake the waiters."""
        try:
            self.core.receive_data(data)
        except Exception:  # noqa: BLE001 - a dead reader would leave every waiter hanging
            logger.exception("LITE reader failed; treating the connection as closed")
            self.core.abort("reader failed")
            self.abort()
        self.flush()
        if not self.handshake.done() and (self.core.handshake_done or self.core.handshake_error(0) is not None):
            self.handshake.set_result(None)
        if self.core.log.closed and self._closer is None and self.transport is not None:
            # A close frame came: the server has CLOSE_TIMEOUT to end TCP, then it is aborted.
            self._closer = self._loop.call_later(CLOSE_TIMEOUT, self.transport.abort)
        self.notify()

    def eof_received(self) -> bool:
        """The server ended its side: the connection is over (the transport then closes)."""
        self.core.receive_eof()
        self.notify()
        return False

    def connection_lost(self, exc: Exception | None) -> None:
        """The transport is gone: every wait on it ends."""
        self.core.finish()
        for future in (self.handshake, self.lost, self._writable):
            if future is not None and not future.done():
                future.set_result(None)
        if self._closer is not None:
            self._closer.cancel()
        self.notify()

    def pause_writing(self) -> None:
        """The transport's buffer is full: sends wait for `resume_writing`."""
        self._writable = self._loop.create_future()

    def resume_writing(self) -> None:
        """The server took the backlog."""
        writable, self._writable = self._writable, None
        if writable is not None and not writable.done():  # pragma: no branch - asyncio resumes what it paused
            writable.set_result(None)

    # -- the driver's --------------------------------------------------------------------

    def notify(self) -> None:
        """Wake every waiter; waiters hold the event they saw, so none misses a change and none needs a lock."""
        self.changed.set()
        self.changed = asyncio.Event()

    def flush(self) -> None:
        """Write everything the core queued (the transport buffers it; it never blocks)."""
        chunks = self.core.data_to_send()
        transport = self.transport
        if transport is not None and not transport.is_closing():
            for chunk in chunks:
                transport.write(chunk)  # not writelines: before 3.12 it joins, copying each frame again

    async def drain(self, send_timeout: float) -> None:
        """Wait, up to `send_timeout`, until the server takes the backlog; abort and raise when it does not."""
        writable = self._writable
        if writable is not None:
            try:
                async with asyncio.timeout(send_timeout):
                    await asyncio.shield(writable)
            except TimeoutError:
                timed_out = True
            else:
                timed_out = False
            if timed_out:
                self.core.abort("send timed out")
                self.abort()
                self.notify()
                raise send_timeout_error(send_timeout)
        if self.core.log.closed:
            raise self.core.log.closed_error()

    def abort(self) -> None:
        """Drop the transport now: no closing handshake, no flush."""
        if self.transport is not None:
            self.transport.abort()

    async def ended(self, timeout: float) -> bool:
        """Wait up to `timeout` for the transport's end; True when it came."""
        try:
            async with asyncio.timeout(timeout):
                await asyncio.shield(self.lost)
        except TimeoutError:
            return False
        return True


class AsyncLiteConnection(ConnectionView):
    """An open LITE channel for asyncio code: stream audio, send commands, read events.

    Made by `connect_lite_async` (or the async client's `sessions.connect`);
    an async context manager that closes the socket on exit. Use it from one
    event loop; `interrupt()` from another task stops a `speak()` at once,
    even one waiting on a slow source or on a server that stopped reading.
    """

    def __init__(
        self,
        wire: _Wire,
        *,
        url: Secret[str],
        keep_alive_every: float | None = DEFAULT_KEEP_ALIVE_EVERY,
        send_timeout: float = DEFAULT_SEND_TIMEOUT,
        clock: AsyncClock | None = None,
    ) -> None:
        self._url = url
        self._wire = wire
        self._core = wire.core
        self._send_timeout = send_timeout
        self._speak_lock = asyncio.Lock()
        self._interrupted: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        """Resolved by the next interrupt, so a `speak` waiting on its source wakes at once."""
        self._clock: AsyncClock = clock if clock is not None else AsyncSystemClock()
        self._keep_alive_every = keep_alive_every
        self._last_keep_alive = self._clock.monotonic()
        self._keeper: asyncio.Task[None] | None = None
        if keep_alive_every is not None:
            keeper = self._keeper = asyncio.create_task(self._keep_alive_loop(), name="liveavatar-lite-keepalive")
            wire.lost.add_done_callback(lambda _: keeper.cancel())  # no timer outlives its transport

    # -- commands --------------------------------------------------------------

    async def speak(
        self,
        audio: AsyncAudio,
        *,
        chunk_ms: int = DEFAULT_CHUNK_MS,
        first_chunk_ms: int = DEFAULT_FIRST_CHUNK_MS,
    ) -> str:
        """Stream one utterance of 24 kHz mono 16-bit PCM; return its `event_id`.

        `audio` is bytes-like, an iterable or an async iterable of bytes (a
        TTS stream) read as fast as it yields. It is re-cut on sample
        boundaries into a `first_chunk_ms` chunk, then `chunk_ms` chunks,
        each sent as `agent.speak` under the one `event_id`, then
        `agent.speak_end`.

        Returns early, sending nothing more, when `interrupt()` is called;
        a read of an async source still waiting is cancelled. Raises
        `InvalidRequestError` before sending for bad options or bytes of odd
        length, `LiteAudioError` when a stream ends on half a sample,
        `LiteConnectionClosed` when the connection is closed,
        `LiteTimeoutError` when the server took no data for `send_timeout`
        seconds (the connection is then aborted).
        """
        plan, whole = prepare_speak(audio, chunk_ms, first_chunk_ms, async_ok=True)
        utterance, interrupted = Utterance(self._core, plan), self._interrupted
        async with self._speak_lock:
            if whole is not None:
                for frame in utterance.cut(whole):
                    if not await self._send(frame, utterance):
                        break
                    # A write never yields; this lets an interrupt (and the reader) in between chunks.
                    await asyncio.sleep(0)
            else:
                stream = cast("Iterable[AudioPiece] | AsyncIterable[AudioPiece]", audio)
                async with contextlib.aclosing(self._frames(utterance, stream, interrupted)) as frames:
                    async for frame in frames:
                        if not await self._send(frame, utterance):
                            break
        return utterance.event_id

    async def interrupt(self) -> str:
        """Stop any `speak` in progress on this connection, and send `agent.interrupt`; return its `event_id`.

        Returns at once: the frame is written to the transport's buffer and
        goes out when the server takes it (or the connection ends at the
        blocked send's deadline). Third parties see
        `agent.audio_buffer_cleared` answer it with this id as
        `source_event_id`.
        """
        event_id = self._core.interrupt()
        self._interrupted.set_result(None)
        self._interrupted = asyncio.get_running_loop().create_future()
        self._wire.flush()
        return event_id

    async def start_listening(self) -> str:
        """Send `agent.start_listening` (the avatar's listening pose); return its `event_id`."""
        return await self._command("agent.start_listening")

    async def stop_listening(self) -> str:
        """Send `agent.stop_listening` (back to idle); return its `event_id`."""
        return await self._command("agent.stop_listening")

    async def keep_alive(self) -> str:
        """Send `session.keep_alive` now (the timer then counts from here); return its `event_id`."""
        self._last_keep_alive = self._clock.monotonic()
        return await self._command("session.keep_alive")

    async def aclose(self) -> None:
        """Close (code 1000) and stop the timer; safe to call twice.

        Waits up to `CLOSE_TIMEOUT` seconds for the server's side of the
        closing handshake, then aborts the transport: returns within that
        plus one second whatever the server does.
        """
        if self._keeper is not None and self._keeper is not asyncio.current_task():
            self._keeper.cancel()
        if self._core.close():
            self._wire.flush()
        if not await self._wire.ended(CLOSE_TIMEOUT):
            self._wire.abort()  # a server that does not finish the closing handshake
            await self._wire.ended(_ABORT_GRACE)
        # A transport that never reported its end still ends events() and wait_for.
        self._core.finish()
        self._wire.notify()

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, traceback: TracebackType | None
    ) -> None:
        await self.aclose()

    # -- events ----------------------------------------------------------------

    def events(self) -> AsyncIterator[LiteEvent]:
        """Every server event in order, each once; ends when the connection closes.

        A deliberate close (1000, 1001, 1005, or `aclose()`) just ends the
        loop; any other raises `LiteConnectionClosed` after the last event.
        The server's close frame ends it at once, whether or not the server
        then ends its TCP connection. Meant for one reader at a time: two
        loops would split the events.
        """
        return _EventStream(self._wire)

    @overload
    async def wait_for(self, event_type: type[E], *, event_id: str | None = None, timeout: float | None) -> E: ...

    @overload
    async def wait_for(self, event_type: str, *, event_id: str | None = None, timeout: float | None) -> LiteEvent: ...

    async def wait_for(
        self, event_type: str | type[LiteEvent], *, event_id: str | None = None, timeout: float | None
    ) -> LiteEvent:
        """The first event of `event_type` (a `type` string or an event class), waiting up to `timeout` seconds.

        With `event_id`, only an event about that command (as its `event_id`
        or `source_event_id`) matches, and one that came before the call
        counts too; without it, only events from now on. Does not take
        events from `events()`. Raises `LiteTimeoutError` when the time runs
        out, `LiteConnectionClosed` at once if the connection closes first.
        """
        match = matcher(event_type)
        log = self._core.log
        since = log.received
        found: LiteEvent | None = None
        with contextlib.suppress(TimeoutError):
            async with asyncio.timeout(timeout):
                while (found := log.first_match(match, event_id, since)) is None and not log.closed:
                    await self._wire.changed.wait()
        if found is not None:
            return found
        if log.closed:
            raise log.closed_error()
        raise timeout_error(f"{event_type_name(event_type)} event", timeout)

    async def wait_ready(self, timeout: float, *, require: bool) -> None:
        """Wait for `connected`; used by `connect_lite_async`, callable again after a connect that did not wait.

        Raises `LiteConnectionClosed` when the session reports a terminal
        state or the connection closes first; when the time runs out, raises
        `LiteTimeoutError` if `require`, else logs a warning and returns.
        """
        log = self._core.log
        with contextlib.suppress(TimeoutError):
            async with asyncio.timeout(timeout):
                while not (log.ready or log.terminal or log.closed):
                    await self._wire.changed.wait()
        failure = ready_failure(log, timeout, require=require)
        if failure is not None:
            raise failure

    # -- internals -------------------------------------------------------------

    async def _frames(
        self,
        utterance: Utterance,
        audio: Iterable[AudioPiece] | AsyncIterable[AudioPiece],
        interrupted: asyncio.Future[None],
    ) -> AsyncGenerator[bytes]:
        async with contextlib.aclosing(self._pieces(audio, interrupted)) as pieces:
            async for piece in pieces:
                for frame in utterance.feed(piece):
                    yield frame
        if utterance.wanted:
            for frame in utterance.end():
                yield frame

    async def _pieces(
        self, audio: Iterable[AudioPiece] | AsyncIterable[AudioPiece], interrupted: asyncio.Future[None]
    ) -> AsyncGenerator[object]:
        if isinstance(audio, AsyncIterable):
            iterator = aiter(audio)
            while not interrupted.done():
                read = asyncio.ensure_future(_next_piece(iterator))
                either: set[asyncio.Future[Any]] = {read, interrupted}
                await asyncio.wait(either, return_when=asyncio.FIRST_COMPLETED)
                if not read.done():
                    read.cancel()
                    read.add_done_callback(_forget)
                    return
                piece = read.result()
                if piece is _END:
                    return
                yield piece
        else:
            for piece in audio:
                if interrupted.done():
                    return
                yield piece

    async def _command(self, event_type: str) -> str:
        event_id = self._core.command(event_type)
        self._wire.flush()
        await self._wire.drain(self._send_timeout)
        return event_id

    async def _send(self, frame: bytes, utterance: Utterance) -> bool:
        if not utterance.wanted:
            return False
        self._core.send(frame)
        self._wire.flush()
        await self._wire.drain(self._send_timeout)
        return True

    async def _keep_alive_loop(self) -> None:
        assert self._keep_alive_every is not None
        while True:
            wait = self._last_keep_alive + self._keep_alive_every - self._clock.monotonic()
            if wait > 0:
                await self._clock.sleep(wait)
                continue  # a manual keep_alive() may have moved the due time
            try:
                await self.keep_alive()
            except LiveAvatarError:
                return


class _EventStream:
    """`AsyncLiteConnection.events()`: an async iterator, not an async generator, so abandoning it needs no cleanup."""

    __slots__ = ("_wire",)

    def __init__(self, wire: _Wire) -> None:
        self._wire = wire

    def __aiter__(self) -> Self:
        return self

    async def __anext__(self) -> LiteEvent:
        log = self._wire.core.log
        while not log.pending and not log.closed:
            await self._wire.changed.wait()
        event = log.take()
        if event is not None:
            return event
        if log.ended_abnormally:
            raise log.closed_error()
        raise StopAsyncIteration


class AsyncLiteConnect:
    """What `connect_lite_async` returns: `await` it for a connection, or `async with` it to close it on exit."""

    __slots__ = ("_connection", "_open")

    def __init__(self, open_: Callable[[], Awaitable[AsyncLiteConnection]]) -> None:
        # A factory, not a coroutine: one made and never awaited would warn.
        self._open = open_
        self._connection: AsyncLiteConnection | None = None

    def __await__(self) -> Generator[Any, None, AsyncLiteConnection]:
        return self._open().__await__()

    async def __aenter__(self) -> AsyncLiteConnection:
        self._connection = await self._open()
        return self._connection

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, traceback: TracebackType | None
    ) -> None:
        if self._connection is not None:
            await self._connection.aclose()


def connect_lite_async(
    ws_url: str | Secret[str],
    *,
    ready_timeout: float = DEFAULT_READY_TIMEOUT,
    require_ready: bool = False,
    keep_alive_every: float | None = DEFAULT_KEEP_ALIVE_EVERY,
    open_timeout: float = DEFAULT_OPEN_TIMEOUT,
    send_timeout: float = DEFAULT_SEND_TIMEOUT,
) -> AsyncLiteConnect:
    """Open the LITE channel at `ws_url` and wait (up to `ready_timeout`) for the session to be ready.

    `await` the result, or use it as `async with`. The options and errors
    are `connect_lite`'s; the options are checked here, before any I/O.
    """
    url = secret_url(ws_url)
    del ws_url  # from here on only the Secret: no frame local shows the capability
    ConnectOptions.checked(
        ready_timeout=ready_timeout,
        keep_alive_every=keep_alive_every,
        open_timeout=open_timeout,
        send_timeout=send_timeout,
    )
    return AsyncLiteConnect(
        lambda: open_lite_async(
            url,
            ready_timeout=ready_timeout,
            require_ready=require_ready,
            keep_alive_every=keep_alive_every,
            open_timeout=open_timeout,
            send_timeout=send_timeout,
        )
    )


async def open_lite_async(
    url: Secret[str],
    *,
    clock: AsyncClock | None = None,
    sock: socket.socket | None = None,
    **keywords: Unpack[ConnectKeywords],
) -> AsyncLiteConnection:
    """`connect_lite_async` with a URL already held as a `Secret`, and seams for tests: a clock, a connected socket."""
    options = ConnectOptions.checked(**keywords)
    framer = WebSocketFramer(url)
    wire, failure = await _open(LiteProtocol(framer), framer.endpoint, options.open_timeout, sock)
    if failure is not None:
        raise failure
    assert wire is not None
    connection = AsyncLiteConnection(
        wire, url=url, keep_alive_every=options.keep_alive_every, send_timeout=options.send_timeout, clock=clock
    )
    try:
        await connection.wait_ready(options.ready_timeout, require=options.require_ready)
    except BaseException:
        await connection.aclose()
        raise
    return connection


async def _open(
    core: LiteProtocol, endpoint: Endpoint, open_timeout: float, sock: socket.socket | None
) -> tuple[_Wire | None, LiveAvatarError | None]:
    """TCP, TLS and the upgrade within `open_timeout`; the error is returned, to be raised outside any `except`."""
    loop = asyncio.get_running_loop()
    wire = _Wire(core, loop)
    failure: LiveAvatarError | None = None
    try:
        async with asyncio.timeout(open_timeout):
            if sock is not None:
                await loop.create_connection(lambda: wire, sock=sock)
            elif endpoint.secure:
                context = ssl.create_default_context()
                await loop.create_connection(
                    lambda: wire, endpoint.host, endpoint.port, ssl=context, server_hostname=endpoint.host
                )
            else:
                await loop.create_connection(lambda: wire, endpoint.host, endpoint.port)
            core.start()
            wire.flush()
            await wire.handshake
        failure = core.handshake_error(open_timeout)
    except OSError as exc:
        failure = open_error(exc, open_timeout)
    if failure is None and not core.handshake_done:
        failure = LiteConnectError("the LITE WebSocket handshake failed: the connection ended")
    if failure is not None:
        wire.abort()
        return None, failure
    return wire, None
