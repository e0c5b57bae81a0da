"""`AsyncLiteConnection`: the LITE channel on websockets' asyncio client, and `connect_lite_async`.

The same design as the sync flavour, with tasks for threads: a reader task
takes every server message off the socket, a timer task sends the
keep-alives, and `interrupt()` from another task stops a `speak()` that is
waiting on its source. `_send_lock` makes "is this utterance still
wanted?" and "send its chunk" one step, so nothing of an interrupted
utterance follows its `agent.interrupt`.

`connect_lite_async(...)` returns an object that is both awaitable and an
async context manager, so both `conn = await connect_lite_async(url)` and
`async with connect_lite_async(url) as conn:` work.
"""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections.abc import AsyncGenerator, AsyncIterable, AsyncIterator, Awaitable, Callable, Generator, Iterable
from types import TracebackType
from typing import Any, Final, Self, TypeVar, cast, overload

from liveavatar._errors import LiveAvatarError
from liveavatar._logging import logger
from liveavatar._secrets import Secret, masked_repr

from ._events import LiteEvent, parse_event
from ._log import EventLog, matcher
from ._wire import (
    DEFAULT_CHUNK_MS,
    DEFAULT_FIRST_CHUNK_MS,
    DEFAULT_KEEP_ALIVE_EVERY,
    DEFAULT_OPEN_TIMEOUT,
    DEFAULT_READY_TIMEOUT,
    AsyncClock,
    AsyncTransportLike,
    ChunkPlan,
    Cutter,
    TransportClosed,
    async_open,
    check_options,
    check_piece,
    closed_error,
    command_frame,
    decode_message,
    new_event_id,
    not_audio_error,
    odd_end_error,
    secret_url,
    speak_end_frame,
    speak_frame,
    timeout_error,
    whole_audio,
)

__all__ = ["AsyncLiteConnect", "AsyncLiteConnection", "AsyncSystemClock", "connect_lite_async", "open_lite_async"]

E = TypeVar("E", bound=LiteEvent)

AudioPiece = bytes | bytearray | memoryview
AsyncAudio = AudioPiece | Iterable[AudioPiece] | AsyncIterable[AudioPiece]

_READY_WHAT: Final = "session.state_updated 'connected'"
_END: Final = object()


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


class AsyncLiteConnection:
    """An open LITE channel for asyncio code: stream audio, send commands, read events.

    Made by `connect_lite_async` (or the async client's `sessions.connect`);
    an async context manager that closes the socket on exit. Use it from one
    event loop; `interrupt()` from another task stops a `speak()` at once,
    even one waiting on a slow source.
    """

    def __init__(
        self,
        transport: AsyncTransportLike,
        *,
        url: Secret[str],
        keep_alive_every: float | None = DEFAULT_KEEP_ALIVE_EVERY,
        clock: AsyncClock | None = None,
    ) -> None:
        self._transport = transport
        self._url = url
        self._log = EventLog()
        self._changed = asyncio.Event()
        self._send_lock = asyncio.Lock()
        self._speak_lock = asyncio.Lock()
        self._generation = 0
        """Bumped by each interrupt; an utterance sends only while it is the generation it began in."""
        self._interrupted: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        """Resolved by the next interrupt, so a `speak` waiting on its source wakes at once."""
        self._clock: AsyncClock = clock if clock is not None else AsyncSystemClock()
        self._keep_alive_every = keep_alive_every
        self._last_keep_alive = self._clock.monotonic()
        self._reader = asyncio.create_task(self._read_loop(), name="liveavatar-lite-reader")
        self._keeper: asyncio.Task[None] | None = None
        if keep_alive_every is not None:
            self._keeper = asyncio.create_task(self._keep_alive_loop(), name="liveavatar-lite-keepalive")

    def __repr__(self) -> str:
        # getattr: a reporter may format one whose constructor raised half-way.
        log = getattr(self, "_log", None)
        return (
            f"AsyncLiteConnection(ws_url={masked_repr(getattr(self, '_url', None))}, "
            f"session_state={getattr(log, 'state', None)!r}, closed={getattr(log, 'closed', None)})"
        )

    # -- state ---------------------------------------------------------------

    @property
    def session_state(self) -> str | None:
        """The last `session.state_updated` state, as sent (unknown states included)."""
        return self._log.state

    @property
    def is_ready(self) -> bool:
        """True once the session said `connected`."""
        return self._log.ready

    @property
    def closed(self) -> bool:
        """True once the socket has closed, by either side."""
        return self._log.closed

    @property
    def close_code(self) -> int | None:
        """The close frame's code once closed (1006: the socket dropped without one)."""
        return self._log.close_code

    @property
    def close_reason(self) -> str:
        """The close frame's reason once closed."""
        return self._log.close_reason

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
        `LiteConnectionClosed` when the socket is closed.
        """
        plan = ChunkPlan.build(chunk_ms, first_chunk_ms)
        whole = whole_audio(audio)
        if whole is None and not isinstance(audio, Iterable | AsyncIterable):
            raise not_audio_error(audio)
        generation, interrupted = self._generation, self._interrupted
        event_id = new_event_id()
        async with self._speak_lock:
            if whole is not None:
                for view in plan.cut(whole):
                    if not await self._send_while(generation, speak_frame(event_id, view)):
                        return event_id
                    # A send into a socket with room never yields; this lets
                    # an interrupt (and the reader) in between chunks.
                    await asyncio.sleep(0)
            else:
                cutter = Cutter(plan)
                stream = cast("Iterable[AudioPiece] | AsyncIterable[AudioPiece]", audio)
                async with contextlib.aclosing(self._pieces(stream, interrupted)) as pieces:
                    async for piece in pieces:
                        for chunk in cutter.feed(check_piece(piece, event_id)):
                            if not await self._send_while(generation, speak_frame(event_id, chunk)):
                                return event_id
                if self._generation != generation:
                    return event_id
                if cutter.ends_mid_sample:
                    raise odd_end_error(cutter, event_id)
                if cutter.total == 0:
                    return event_id  # an empty stream opened no utterance, so there is none to end
                tail = cutter.tail()
                if tail and not await self._send_while(generation, speak_frame(event_id, tail)):
                    return event_id
            await self._send_while(generation, speak_end_frame(event_id))
        return event_id

    async def interrupt(self) -> str:
        """Stop any `speak` in progress on this connection, and send `agent.interrupt`; return its `event_id`.

        Third parties see `agent.audio_buffer_cleared` answer it with this id
        as `source_event_id`.
        """
        event_id = new_event_id()
        self._generation += 1
        self._interrupted.set_result(None)
        self._interrupted = asyncio.get_running_loop().create_future()
        async with self._send_lock:
            await self._send_locked(command_frame("agent.interrupt", event_id))
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

    async def close(self) -> None:
        """Close the socket (code 1000) and stop the reader and the timer; safe to call twice."""
        first = not (self._log.by_us or self._log.closed)
        self._log.by_us = True
        if self._keeper is not None and self._keeper is not asyncio.current_task():
            self._keeper.cancel()
        if first:
            await self._transport.close()
        if self._reader is not asyncio.current_task():
            await asyncio.wait({self._reader}, timeout=1.0)
            self._reader.cancel()
        # A transport that never reported its close still ends events() and wait_for.
        self._log.mark_closed(1000, "")
        self._notify()

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, traceback: TracebackType | None
    ) -> None:
        await self.close()

    # -- events ----------------------------------------------------------------

    def events(self) -> AsyncIterator[LiteEvent]:
        """Every server event in order, each once; ends when the socket closes.

        A deliberate close (1000, 1001, 1005, or `close()`) just ends the
        loop; any other raises `LiteConnectionClosed` after the last event.
        Meant for one reader at a time: two loops would split the events.
        """
        return _EventStream(self)

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
        out, `LiteConnectionClosed` at once if the socket closes first.
        """
        match = matcher(event_type)
        since = self._log.received
        found: LiteEvent | None = None
        try:
            async with asyncio.timeout(timeout):
                found = await self._until_match(match, event_id, since)
        except TimeoutError:
            pass
        if found is not None:
            return found
        if self._log.closed:
            raise self._log.closed_error()
        name = event_type if isinstance(event_type, str) else event_type.TYPE
        raise timeout_error(f"{name} event", timeout)

    async def wait_ready(self, timeout: float, *, require: bool) -> None:
        """Wait for `connected`; used by `connect_lite_async`, callable again after a connect that did not wait.

        Raises `LiteConnectionClosed` when the session reports a terminal
        state or the socket closes first; when the time runs out, raises
        `LiteTimeoutError` if `require`, else logs a warning and returns.
        """
        try:
            async with asyncio.timeout(timeout):
                while not (self._log.ready or self._log.terminal or self._log.closed):
                    await self._changed.wait()
        except TimeoutError:
            pass
        if self._log.ready:
            return
        if self._log.terminal or self._log.closed:
            raise self._log.closed_error()
        if require:
            raise timeout_error(_READY_WHAT, timeout)
        logger.warning(
            "LITE session not ready after %s s (no 'connected' state); going on, as some sessions never send it",
            timeout,
        )

    # -- internals -------------------------------------------------------------

    def _notify(self) -> None:
        # Waiters hold the event they saw; a fresh one for the next change
        # means no waiter misses a change and none needs a lock.
        self._changed.set()
        self._changed = asyncio.Event()

    async def _until_match(self, match: Any, event_id: str | None, since: int) -> LiteEvent | None:
        while True:
            found = self._log.first_match(match, event_id, since)
            if found is not None or self._log.closed:
                return found
            await self._changed.wait()

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
        event_id = new_event_id()
        async with self._send_lock:
            await self._send_locked(command_frame(event_type, event_id))
        return event_id

    async def _send_while(self, generation: int, frame: bytes) -> bool:
        async with self._send_lock:
            if self._generation != generation:
                return False
            await self._send_locked(frame)
        return True

    async def _send_locked(self, frame: bytes) -> None:
        if self._log.closed or self._log.by_us:
            raise self._log.closed_error()
        try:
            await self._transport.send(frame)
        except TransportClosed as closed:
            failure = closed_error(closed.code, closed.reason, by_us=self._log.by_us)
        else:
            return
        raise failure

    async def _read_loop(self) -> None:
        code, reason = 1006, ""
        try:
            while True:
                message = await self._transport.recv()
                data = decode_message(message)
                if data is None:
                    continue
                self._log.add(parse_event(data))
                self._notify()
        except TransportClosed as closed:
            code, reason = closed.code, closed.reason
        except Exception:  # noqa: BLE001 - a dead reader would leave every waiter hanging
            logger.exception("LITE reader failed; treating the connection as closed")
            reason = "reader failed"
        self._log.mark_closed(code, reason)
        self._notify()
        if self._keeper is not None:
            self._keeper.cancel()

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

    __slots__ = ("_connection",)

    def __init__(self, connection: AsyncLiteConnection) -> None:
        self._connection = connection

    def __aiter__(self) -> Self:
        return self

    async def __anext__(self) -> LiteEvent:
        connection = self._connection
        log = connection._log
        while not log.pending and not log.closed:
            await connection._changed.wait()
        if log.pending:
            return log.pending.popleft()
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
            await self._connection.close()


def connect_lite_async(
    ws_url: str | Secret[str],
    *,
    ready_timeout: float = DEFAULT_READY_TIMEOUT,
    require_ready: bool = False,
    keep_alive_every: float | None = DEFAULT_KEEP_ALIVE_EVERY,
    open_timeout: float = DEFAULT_OPEN_TIMEOUT,
) -> AsyncLiteConnect:
    """Open the LITE channel at `ws_url` and wait (up to `ready_timeout`) for the session to be ready.

    `await` the result, or use it as `async with`. The options and errors
    are `connect_lite`'s; the options are checked here, before any I/O.
    """
    url = secret_url(ws_url)
    del ws_url  # from here on only the Secret: no frame local shows the capability
    check_options(ready_timeout=ready_timeout, keep_alive_every=keep_alive_every, open_timeout=open_timeout)
    return AsyncLiteConnect(
        lambda: open_lite_async(
            url,
            ready_timeout=ready_timeout,
            require_ready=require_ready,
            keep_alive_every=keep_alive_every,
            open_timeout=open_timeout,
        )
    )


async def open_lite_async(
    url: Secret[str],
    *,
    ready_timeout: float = DEFAULT_READY_TIMEOUT,
    require_ready: bool = False,
    keep_alive_every: float | None = DEFAULT_KEEP_ALIVE_EVERY,
    open_timeout: float = DEFAULT_OPEN_TIMEOUT,
    clock: AsyncClock | None = None,
    transport: AsyncTransportLike | None = None,
) -> AsyncLiteConnection:
    """`connect_lite_async` with a URL already held as a `Secret`, and seams for tests: a clock, a transport."""
    check_options(ready_timeout=ready_timeout, keep_alive_every=keep_alive_every, open_timeout=open_timeout)
    if transport is None:
        transport, failure = await async_open(url, open_timeout)
        if failure is not None:
            raise failure
        assert transport is not None
    connection = AsyncLiteConnection(transport, url=url, keep_alive_every=keep_alive_every, clock=clock)
    try:
        await connection.wait_ready(ready_timeout, require=require_ready)
    except BaseException:
        await connection.close()
        raise
    return connection
