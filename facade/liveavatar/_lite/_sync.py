"""`LiteConnection`: the LITE channel on websockets' sync client, and `connect_lite`.

Three threads touch a connection: the caller's (or several: `speak` in one,
`interrupt` from another is the point), a reader that takes every server
message off the socket as it comes, and the keep-alive timer. The reader
is what makes `wait_for`, the ready gate and `events()` work together
without any of them stealing the others' messages.

Two locks: `_speak_lock` lets one utterance through at a time, so chunks of
two utterances never interleave; `_send_lock` makes "is this utterance
still wanted?" and "send its next chunk" one step. An interrupt marks the
utterance unwanted first and then sends `agent.interrupt` under the send
lock, so no chunk of it can follow the `agent.interrupt` on the wire.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterable, Iterator
from types import TracebackType
from typing import Self, TypeVar, overload

from liveavatar._errors import LiveAvatarError
from liveavatar._logging import logger
from liveavatar._secrets import Secret, masked_repr

from ._events import LiteEvent, parse_event
from ._log import EventLog, matcher
from ._wire import (
    CLOSE_TIMEOUT,
    DEFAULT_CHUNK_MS,
    DEFAULT_FIRST_CHUNK_MS,
    DEFAULT_KEEP_ALIVE_EVERY,
    DEFAULT_OPEN_TIMEOUT,
    DEFAULT_READY_TIMEOUT,
    ChunkPlan,
    Clock,
    Cutter,
    SyncTransportLike,
    SystemClock,
    TransportClosed,
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
    sync_open,
    timeout_error,
    whole_audio,
)

__all__ = ["LiteConnection", "connect_lite", "open_lite"]

E = TypeVar("E", bound=LiteEvent)

_READY_WHAT = "session.state_updated 'connected'"


class LiteConnection:
    """An open LITE channel: stream audio to the avatar, send its commands, read its events.

    Made by `connect_lite` (or the client's `sessions.connect`); a context
    manager that closes the socket on exit. Thread-safe: `interrupt()` from
    one thread stops a `speak()` running in another.
    """

    def __init__(
        self,
        transport: SyncTransportLike,
        *,
        url: Secret[str],
        keep_alive_every: float | None = DEFAULT_KEEP_ALIVE_EVERY,
        clock: Clock | None = None,
    ) -> None:
        self._transport = transport
        self._url = url
        self._log = EventLog()
        self._changed = threading.Condition()
        self._send_lock = threading.Lock()
        self._speak_lock = threading.Lock()
        self._generation = 0
        """Bumped by each interrupt; an utterance sends only while it is the generation it began in."""
        self._stop = threading.Event()
        self._clock: Clock = clock if clock is not None else SystemClock()
        self._keep_alive_every = keep_alive_every
        self._last_keep_alive = self._clock.monotonic()
        self._reader = threading.Thread(target=self._read_loop, name="liveavatar-lite-reader", daemon=True)
        self._reader.start()
        self._keeper: threading.Thread | None = None
        if keep_alive_every is not None:
            self._keeper = threading.Thread(target=self._keep_alive_loop, name="liveavatar-lite-keepalive", daemon=True)
            self._keeper.start()

    def __repr__(self) -> str:
        # getattr: a reporter may format one whose constructor raised half-way.
        log = getattr(self, "_log", None)
        return (
            f"LiteConnection(ws_url={masked_repr(getattr(self, '_url', None))}, "
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

    def speak(
        self,
        audio: bytes | bytearray | memoryview | Iterable[bytes | bytearray | memoryview],
        *,
        chunk_ms: int = DEFAULT_CHUNK_MS,
        first_chunk_ms: int = DEFAULT_FIRST_CHUNK_MS,
    ) -> str:
        """Stream one utterance of 24 kHz mono 16-bit PCM; return its `event_id`.

        `audio` is bytes-like, or an iterable of bytes (a TTS stream) read as
        fast as it yields. It is re-cut on sample boundaries into a
        `first_chunk_ms` chunk, then `chunk_ms` chunks, each sent as
        `agent.speak` under the one `event_id`, then `agent.speak_end`.

        Returns early, sending nothing more, when `interrupt()` is called
        (a stream is then not read again; a `next()` already waiting on it
        finishes first). Raises `InvalidRequestError` before sending for bad
        options or bytes of odd length, `LiteAudioError` when a stream ends
        on half a sample, `LiteConnectionClosed` when the socket is closed.
        """
        plan = ChunkPlan.build(chunk_ms, first_chunk_ms)
        whole = whole_audio(audio)
        if whole is None and not isinstance(audio, Iterable):
            raise not_audio_error(audio)
        generation = self._generation
        event_id = new_event_id()
        with self._speak_lock:
            if whole is not None:
                for view in plan.cut(whole):
                    if not self._send_while(generation, speak_frame(event_id, view)):
                        return event_id
            else:
                assert isinstance(audio, Iterable)
                cutter = Cutter(plan)
                for piece in audio:
                    if self._generation != generation:
                        return event_id
                    for chunk in cutter.feed(check_piece(piece, event_id)):
                        if not self._send_while(generation, speak_frame(event_id, chunk)):
                            return event_id
                if self._generation != generation:
                    return event_id
                if cutter.ends_mid_sample:
                    raise odd_end_error(cutter, event_id)
                if cutter.total == 0:
                    return event_id  # an empty stream opened no utterance, so there is none to end
                tail = cutter.tail()
                if tail and not self._send_while(generation, speak_frame(event_id, tail)):
                    return event_id
            self._send_while(generation, speak_end_frame(event_id))
        return event_id

    def interrupt(self) -> str:
        """Stop any `speak` in progress on this connection, and send `agent.interrupt`; return its `event_id`.

        Third parties see `agent.audio_buffer_cleared` answer it with this id
        as `source_event_id`.
        """
        event_id = new_event_id()
        with self._changed:
            # Before taking the send lock: a speak that holds it stops at its
            # next chunk instead of racing this thread for the lock.
            self._generation += 1
        with self._send_lock:
            self._send_locked(command_frame("agent.interrupt", event_id))
        return event_id

    def start_listening(self) -> str:
        """Send `agent.start_listening` (the avatar's listening pose); return its `event_id`."""
        return self._command("agent.start_listening")

    def stop_listening(self) -> str:
        """Send `agent.stop_listening` (back to idle); return its `event_id`."""
        return self._command("agent.stop_listening")

    def keep_alive(self) -> str:
        """Send `session.keep_alive` now (the timer then counts from here); return its `event_id`."""
        self._last_keep_alive = self._clock.monotonic()
        return self._command("session.keep_alive")

    def close(self) -> None:
        """Close the socket (code 1000) and stop the reader and the timer; safe to call twice."""
        with self._changed:
            if self._log.by_us or self._log.closed:
                first = False
            else:
                self._log.by_us = first = True
        self._stop.set()
        if first:
            self._transport.close()
        for thread in (self._reader, self._keeper):
            if thread is not None and thread is not threading.current_thread():
                thread.join(CLOSE_TIMEOUT + 1)
        with self._changed:
            # A transport that never reported its close still ends events() and wait_for.
            self._log.mark_closed(1000, "")
            self._changed.notify_all()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, traceback: TracebackType | None
    ) -> None:
        self.close()

    # -- events ----------------------------------------------------------------

    def events(self) -> Iterator[LiteEvent]:
        """Every server event in order, each once; ends when the socket closes.

        A deliberate close (1000, 1001, 1005, or `close()`) just ends the
        loop; any other raises `LiteConnectionClosed` after the last event.
        Meant for one reader at a time: two loops would split the events.
        """
        while True:
            with self._changed:
                while not self._log.pending and not self._log.closed:
                    self._changed.wait()
                if self._log.pending:
                    event = self._log.pending.popleft()
                else:
                    failure = self._log.closed_error() if self._log.ended_abnormally else None
                    break
            yield event
        if failure is not None:
            raise failure

    @overload
    def wait_for(self, event_type: type[E], *, event_id: str | None = None, timeout: float | None) -> E: ...

    @overload
    def wait_for(self, event_type: str, *, event_id: str | None = None, timeout: float | None) -> LiteEvent: ...

    def wait_for(
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
        deadline = None if timeout is None else time.monotonic() + timeout
        with self._changed:
            since = self._log.received
            while True:
                found = self._log.first_match(match, event_id, since)
                if found is not None:
                    return found
                if self._log.closed:
                    failure: LiveAvatarError = self._log.closed_error()
                    break
                remaining = None if deadline is None else deadline - time.monotonic()
                if remaining is not None and remaining <= 0:
                    failure = timeout_error(
                        f"{event_type if isinstance(event_type, str) else event_type.TYPE} event", timeout
                    )
                    break
                self._changed.wait(remaining)
        raise failure

    def wait_ready(self, timeout: float, *, require: bool) -> None:
        """Wait for `connected`; used by `connect_lite`, callable again after a `connect` that did not wait.

        Raises `LiteConnectionClosed` when the session reports a terminal
        state or the socket closes first; when the time runs out, raises
        `LiteTimeoutError` if `require`, else logs a warning and returns.
        """
        deadline = time.monotonic() + timeout
        with self._changed:
            while not self._log.ready:
                if self._log.terminal or self._log.closed:
                    failure: LiveAvatarError | None = self._log.closed_error()
                    break
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    failure = timeout_error(_READY_WHAT, timeout) if require else None
                    break
                self._changed.wait(remaining)
            else:
                return
        if failure is not None:
            raise failure
        logger.warning(
            "LITE session not ready after %s s (no 'connected' state); going on, as some sessions never send it",
            timeout,
        )

    # -- internals -------------------------------------------------------------

    def _command(self, event_type: str) -> str:
        event_id = new_event_id()
        with self._send_lock:
            self._send_locked(command_frame(event_type, event_id))
        return event_id

    def _send_while(self, generation: int, frame: bytes) -> bool:
        with self._send_lock:
            if self._generation != generation:
                return False
            self._send_locked(frame)
        return True

    def _send_locked(self, frame: bytes) -> None:
        if self._log.closed or self._log.by_us:
            raise self._log.closed_error()
        try:
            self._transport.send(frame)
        except TransportClosed as closed:
            failure = closed_error(closed.code, closed.reason, by_us=self._log.by_us)
        else:
            return
        raise failure

    def _read_loop(self) -> None:
        code, reason = 1006, ""
        try:
            while True:
                message = self._transport.recv()
                data = decode_message(message)
                if data is None:
                    continue
                event = parse_event(data)
                with self._changed:
                    self._log.add(event)
                    self._changed.notify_all()
        except TransportClosed as closed:
            code, reason = closed.code, closed.reason
        except Exception:  # noqa: BLE001 - a dead reader would leave every waiter hanging
            logger.exception("LITE reader failed; treating the connection as closed")
            reason = "reader failed"
        with self._changed:
            self._log.mark_closed(code, reason)
            self._changed.notify_all()
        self._stop.set()

    def _keep_alive_loop(self) -> None:
        assert self._keep_alive_every is not None
        while not self._stop.is_set():
            wait = self._last_keep_alive + self._keep_alive_every - self._clock.monotonic()
            if wait > 0:
                if self._clock.sleep(wait, self._stop):
                    return
                continue  # a manual keep_alive() may have moved the due time
            try:
                self.keep_alive()
            except LiveAvatarError:
                return


def connect_lite(
    ws_url: str | Secret[str],
    *,
    ready_timeout: float = DEFAULT_READY_TIMEOUT,
    require_ready: bool = False,
    keep_alive_every: float | None = DEFAULT_KEEP_ALIVE_EVERY,
    open_timeout: float = DEFAULT_OPEN_TIMEOUT,
) -> LiteConnection:
    """Open the LITE channel at `ws_url` and wait (up to `ready_timeout`) for the session to be ready.

    When `connected` does not come in time, logs a warning and returns
    (some sessions never send it), or raises `LiteTimeoutError` with
    `require_ready=True`; `LiteConnectionClosed` when the session reports
    `closing`/`closed`/`disconnected` or the socket closes first.
    `keep_alive_every`: seconds between `session.keep_alive` messages
    (`None`: none). Raises `LiteConnectError` when the socket cannot be
    opened (a refused upgrade has `status_code`), `LiveAvatarError` without
    the `[realtime]` extra. `ws_url` may be given as a `Secret`.
    """
    url = secret_url(ws_url)
    del ws_url  # from here on only the Secret: no frame local shows the capability
    return open_lite(
        url,
        ready_timeout=ready_timeout,
        require_ready=require_ready,
        keep_alive_every=keep_alive_every,
        open_timeout=open_timeout,
    )


def open_lite(
    url: Secret[str],
    *,
    ready_timeout: float = DEFAULT_READY_TIMEOUT,
    require_ready: bool = False,
    keep_alive_every: float | None = DEFAULT_KEEP_ALIVE_EVERY,
    open_timeout: float = DEFAULT_OPEN_TIMEOUT,
    clock: Clock | None = None,
    transport: SyncTransportLike | None = None,
) -> LiteConnection:
    """`connect_lite` with a URL already held as a `Secret`, and seams for tests: a clock, a scripted transport."""
    check_options(ready_timeout=ready_timeout, keep_alive_every=keep_alive_every, open_timeout=open_timeout)
    if transport is None:
        transport, failure = sync_open(url, open_timeout)
        if failure is not None:
            raise failure
        assert transport is not None
    connection = LiteConnection(transport, url=url, keep_alive_every=keep_alive_every, clock=clock)
    try:
        connection.wait_ready(ready_timeout, require=require_ready)
    except BaseException:
        connection.close()
        raise
    return connection
