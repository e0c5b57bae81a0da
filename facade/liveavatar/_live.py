"""Managed sessions: started, kept alive, and always stopped.

`sessions.start_lite(...)` / `start_full(...)` mint and start a session and
return a `LiveSession` (`AsyncLiveSession` on the async client). Leaving its
`with` block stops it, whatever the exit: `USER_CLOSED` after a normal exit,
`SERVER_ERROR` after an exception (including `KeyboardInterrupt` and task
cancellation); a failing stop is logged and never hides the exception that
is leaving the block. While it lives, a heartbeat sends keep-alive every
`keep_alive_every` seconds:

- sync: one thread per client serves every session's heartbeat (a heap of
  due times), so a service holding hundreds of sessions has one extra thread;
- async: one task per session on the running loop.

A keep-alive that fails is retried by the send path's policy and logged; one
that finds the session gone asks `get` why, records `ended_reason`, and stops
beating. `client.close()` / `aclose()` stops every session the client still
holds.
"""

from __future__ import annotations

import heapq
import itertools
import logging
import os
import signal
import threading
import time
from collections.abc import Callable
from types import FrameType, TracebackType
from typing import TYPE_CHECKING, Any, Self

from ._config import (
    LITE_OPEN_TIMEOUT,
    LITE_READY_TIMEOUT,
    LITE_SEND_TIMEOUT,
    LITE_SOCKET_KEEP_ALIVE_EVERY,
    SIGNAL_STOP_TIMEOUT,
)
from ._errors import (
    APIConnectionError,
    APIError,
    APIStatusError,
    InternalServerError,
    LiveAvatarError,
    NotFoundError,
    SessionStartUnknownError,
)
from ._logging import logger
from ._models import SessionEndReason, SessionToken, StartedSession
from ._secrets import masked_repr

if TYPE_CHECKING:
    # asyncio only where a loop runs: a sync client builds no async session and
    # should not load it (about 11 ms) when its resources are made.
    import asyncio

    from ._client import AsyncLiveAvatar, LiveAvatar
    from ._lite import AsyncLiteConnect, AsyncLiteConnection, LiteConnection

_GOLDEN = 0.6180339887498949
_async_beats = itertools.count()


def first_beat_after(every: float, order: int) -> float:
    """When a new session's first keep-alive goes: between half and all of `every`, spread by the golden ratio.

    Sessions started together (a burst, a restart) would otherwise beat in
    step for their whole life, every keep-alive of a thousand of them due in
    the same instant; spread, they come one after another across the
    interval. No session waits longer than `every`, so none idles out.
    """
    return every * (0.5 + 0.5 * ((order * _GOLDEN) % 1.0))


LATE_FRACTION = 0.1
"""A keep-alive later than this share of its interval is logged: the heartbeat is falling behind."""

__all__ = [
    "AsyncLiveSession",
    "Heartbeat",
    "LiveSession",
    "first_beat_after",
    "start_may_have_run",
    "stop_sessions_on_signals",
]


def start_may_have_run(error: BaseException) -> bool:
    """Whether a failed start may have left a session running: lost answers and server errors."""
    return isinstance(error, SessionStartUnknownError | InternalServerError) or not isinstance(error, APIError)


class _LiveState:
    """What sync and async managed sessions share: their identity, state and repr."""

    token: SessionToken
    started: StartedSession
    keep_alive_every: float | None
    stopped: bool
    ended_reason: str | None

    def _init_state(self, token: SessionToken, started: StartedSession, keep_alive_every: float | None) -> None:
        from ._operations import keep_alive

        self.token = token
        self.started = started
        self._keep_alive_call = keep_alive(started.session_id)
        self.keep_alive_every = keep_alive_every
        self.stopped = False
        """Whether `stop` has run (by this object or by the exit of its block)."""
        self.ended_reason = None
        """Why the session ended on its own, when the heartbeat found it ended (from `get`)."""

    @property
    def session_id(self) -> str:
        """The session's id."""
        return self.started.session_id

    @property
    def ws_url(self) -> str | None:
        """The LITE WebSocket URL (a credential: never log it)."""
        return self.started.ws_url

    @property
    def ended(self) -> bool:
        """Whether the session is over: stopped here, or found ended by the heartbeat."""
        return self.stopped or self.ended_reason is not None

    def __repr__(self) -> str:
        started = getattr(self, "started", None)
        return (
            f"{type(self).__name__}(session_id={getattr(started, 'session_id', None)!r}, "
            f"ws_url={masked_repr(getattr(started, 'ws_url', None))}, stopped={getattr(self, 'stopped', None)})"
        )

    @staticmethod
    def _exit_reason(exc: BaseException | None) -> SessionEndReason:
        return "USER_CLOSED" if exc is None else "SERVER_ERROR"

    def _log_failed_stop(self, error: BaseException) -> None:
        logger.warning("Stopping session %s failed: %s", self.session_id, error)


class LiveSession(_LiveState):
    """A started session that keeps itself alive and is stopped when its `with` block ends."""

    def __init__(
        self, client: LiveAvatar, token: SessionToken, started: StartedSession, keep_alive_every: float | None
    ) -> None:
        self._client = client
        self._init_state(token, started, keep_alive_every)
        self._lock = threading.Lock()
        self._connections: list[LiteConnection] = []

    def connect(
        self,
        *,
        ready_timeout: float = LITE_READY_TIMEOUT,
        require_ready: bool = False,
        keep_alive_every: float | None = LITE_SOCKET_KEEP_ALIVE_EVERY,
        open_timeout: float = LITE_OPEN_TIMEOUT,
        send_timeout: float = LITE_SEND_TIMEOUT,
    ) -> LiteConnection:
        """Open this LITE session's channel (see `client.sessions.connect`); closed when the session stops."""
        connection = self._client.sessions.connect(
            self,
            ready_timeout=ready_timeout,
            require_ready=require_ready,
            keep_alive_every=keep_alive_every,
            open_timeout=open_timeout,
            send_timeout=send_timeout,
        )
        self._connections.append(connection)
        return connection

    def stop(self, *, reason: SessionEndReason = "USER_CLOSED") -> bool:
        """Stop the session (idempotent), then close its channels: `True` if this call ended it."""
        with self._lock:
            if self.stopped:
                return False
            self.stopped = True
        self._client._forget_live(self)
        try:
            # Stop, then close, as the reference advises: closing first can read as a
            # disconnect while the session goes on being billed.
            return self._client.sessions.stop(self.session_id, reason=reason)
        finally:
            for connection in self._connections:
                connection.close()

    def _abort_channels(self) -> None:
        """Drop this session's LITE sockets at once: takes no lock, so a signal handler may call it."""
        for connection in tuple(self._connections):
            connection.abort()

    def keep_alive(self) -> None:
        """Send one keep-alive now; marks the session ended if the API says it is gone."""
        try:
            # One call, built and encoded once: the heartbeat sends it every interval.
            self._client._send(self._keep_alive_call)
        except NotFoundError:
            self._ended_on_its_own(self._client.sessions.get(self.session_id).end_reason)

    def _ended_on_its_own(self, reason: str | None) -> None:
        self.ended_reason = reason or "UNKNOWN"
        logger.info("Session %s ended on its own (%s); heartbeat stopped", self.session_id, self.ended_reason)
        self._client._forget_live(self)

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        try:
            self.stop(reason=self._exit_reason(exc))
        except LiveAvatarError as error:
            if exc is None:
                raise
            self._log_failed_stop(error)


class AsyncLiveSession(_LiveState):
    """`LiveSession` on the async client: `async with`, and awaited `stop` and `keep_alive`."""

    def __init__(
        self, client: AsyncLiveAvatar, token: SessionToken, started: StartedSession, keep_alive_every: float | None
    ) -> None:
        self._client = client
        self._init_state(token, started, keep_alive_every)
        self._heartbeat: asyncio.Task[None] | None = None
        self._stopping: asyncio.Task[bool] | None = None
        self._connections: list[AsyncLiteConnection] = []

    def connect(
        self,
        *,
        ready_timeout: float = LITE_READY_TIMEOUT,
        require_ready: bool = False,
        keep_alive_every: float | None = LITE_SOCKET_KEEP_ALIVE_EVERY,
        open_timeout: float = LITE_OPEN_TIMEOUT,
        send_timeout: float = LITE_SEND_TIMEOUT,
    ) -> AsyncLiteConnect:
        """Open this LITE session's channel (`await` it or `async with` it); closed when the session stops."""
        from ._lite import AsyncLiteConnect

        opening = self._client.sessions.connect(
            self,
            ready_timeout=ready_timeout,
            require_ready=require_ready,
            keep_alive_every=keep_alive_every,
            open_timeout=open_timeout,
            send_timeout=send_timeout,
        )

        async def open_and_keep() -> AsyncLiteConnection:
            connection = await opening
            self._connections.append(connection)
            return connection

        return AsyncLiteConnect(open_and_keep)

    def _start_heartbeat(self, sleep: Callable[[float], Any] | None = None) -> None:
        import asyncio  # loaded already: this runs on a loop

        if self.keep_alive_every is not None:
            beat = self._beat(self.keep_alive_every, sleep or asyncio.sleep)
            self._heartbeat = asyncio.get_running_loop().create_task(beat)

    async def _beat(self, every: float, sleep: Callable[[float], Any]) -> None:
        wait = first_beat_after(every, next(_async_beats))
        while not self.ended:
            await sleep(wait)
            wait = every
            if self.ended:
                return
            try:
                await self.keep_alive()
            except (APIConnectionError, APIStatusError) as error:
                logger.warning("Keep-alive for session %s failed: %s", self.session_id, error)

    async def stop(self, *, reason: SessionEndReason = "USER_CLOSED") -> bool:
        """Stop the session (idempotent): `True` if this call ended it."""
        import asyncio  # loaded already: this runs on a loop

        if self._stopping is None:
            self.stopped = True
            self._client._forget_live(self)
            if self._heartbeat is not None and self._heartbeat is not asyncio.current_task():
                self._heartbeat.cancel()
            # A task of its own, shielded: a cancelled caller must not leave the session running.
            self._stopping = asyncio.ensure_future(self._client.sessions.stop(self.session_id, reason=reason))
            try:
                return await asyncio.shield(self._stopping)
            finally:
                for connection in self._connections:
                    await connection.aclose()
        await asyncio.shield(self._stopping)
        return False

    async def keep_alive(self) -> None:
        """Send one keep-alive now; marks the session ended if the API says it is gone."""
        try:
            await self._client._send(self._keep_alive_call)
        except NotFoundError:
            info = await self._client.sessions.get(self.session_id)
            self.ended_reason = info.end_reason or "UNKNOWN"
            logger.info("Session %s ended on its own (%s); heartbeat stopped", self.session_id, self.ended_reason)
            self._client._forget_live(self)

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        try:
            await self.stop(reason=self._exit_reason(exc))
        except LiveAvatarError as error:
            if exc is None:
                raise
            self._log_failed_stop(error)


class Heartbeat:
    """The sync client's one heartbeat thread: keep-alive for every live session when it is due.

    `clock` and `wait` are injectable so tests drive time instead of
    sleeping: `beat_due()` sends whatever is due at `clock()` and returns the
    seconds until the next one.
    """

    def __init__(
        self,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.clock = clock
        self._due: list[tuple[float, int, LiveSession]] = []
        self._order = itertools.count()
        self._wake = threading.Condition()
        self._thread: threading.Thread | None = None
        self._closed = False

    def add(self, session: LiveSession) -> None:
        """Start beating for `session` (no-op when its `keep_alive_every` is None)."""
        if session.keep_alive_every is None:
            return
        with self._wake:
            order = next(self._order)
            first = self.clock() + first_beat_after(session.keep_alive_every, order)
            heapq.heappush(self._due, (first, order, session))
            self._wake.notify()
            if self._thread is None and not self._closed:
                self._thread = threading.Thread(target=self._run, name="liveavatar-heartbeat", daemon=True)
                self._thread.start()

    def beat_due(self) -> float | None:
        """Send every keep-alive due now; the seconds until the next is due, or None when none is left."""
        while True:
            with self._wake:
                while self._due and self._due[0][2].ended:
                    heapq.heappop(self._due)
                if not self._due:
                    return None
                due, _, session = self._due[0]
                now = self.clock()
                if due > now:
                    return due - now
                every = session.keep_alive_every or 0.0
                # On schedule, keep the session's phase (so spread beats stay spread); far behind, start afresh.
                following = due + every if now - due < every else now + every
                heapq.heapreplace(self._due, (following, next(self._order), session))
            self._send(session, now - due)

    @staticmethod
    def _send(session: LiveSession, late: float) -> None:
        """Send one keep-alive, `late` seconds after it was due; a failure is logged, never raised."""
        if late > LATE_FRACTION * (session.keep_alive_every or 0.0):
            # Too many sessions for one thread, or a slow API: worth knowing before sessions idle out.
            logger.warning("Keep-alive for session %s is %.1f s late", session.session_id, late)
        started = time.monotonic()
        try:
            session.keep_alive()
        except (APIConnectionError, APIStatusError) as error:
            logger.warning("Keep-alive for session %s failed: %s", session.session_id, error)
        except Exception:  # noqa: BLE001 - the one heartbeat thread must outlive any one session's failure
            logger.exception("Keep-alive for session %s failed", session.session_id)
        else:
            if logger.isEnabledFor(logging.DEBUG):
                logger.debug("Keep-alive for %s in %.1f ms", session.session_id, (time.monotonic() - started) * 1000.0)

    def _run(self) -> None:
        while True:
            wait = self.beat_due()
            with self._wake:
                if self._closed:
                    return
                self._wake.wait(wait)
                if self._closed:
                    return

    def close(self) -> None:
        """Stop the thread; sessions still held are the client's to stop."""
        with self._wake:
            self._closed = True
            self._due.clear()
            self._wake.notify()
        thread = self._thread
        if thread is not None and thread is not threading.current_thread():
            thread.join(timeout=5.0)


def stop_sessions_on_signals(
    client: LiveAvatar | AsyncLiveAvatar, signals: tuple[signal.Signals, ...] = (signal.SIGTERM, signal.SIGINT)
) -> None:
    """On SIGTERM or SIGINT, stop every managed session `client` holds, then let the signal do what it did before.

    Opt-in, because signal handlers belong to the application: a web server,
    a task queue or a test runner installs its own, and a library that
    replaced them would change how the whole process shuts down. Call it
    once, from the main thread (sync client) or inside the running loop
    (async client). After the sessions are stopped the previous handler is
    restored and the signal raised again, so the default behaviour (exit, or
    `KeyboardInterrupt` for SIGINT) follows.
    """
    from ._client import AsyncLiveAvatar

    if isinstance(client, AsyncLiveAvatar):
        _on_signals_async(client, signals)
        return
    previous = {sig: signal.getsignal(sig) for sig in signals}

    def handler(signum: int, frame: FrameType | None) -> None:
        # This runs on top of whatever the main thread was doing, which may hold a
        # lock (a connection's, the pool's): so here only sockets are aborted, which
        # takes no lock and frees a blocked speak(), and the HTTP stops run in a
        # thread of their own, waited for with a bound.
        sessions = tuple(client._live.values())
        logger.info("Signal %d: stopping %d managed session(s)", signum, len(sessions))
        for live in sessions:
            live._abort_channels()
        stopper = threading.Thread(target=client.stop_live_sessions, name="liveavatar-signal-stop", daemon=True)
        stopper.start()
        stopper.join(SIGNAL_STOP_TIMEOUT)
        _raise_again(signum, previous[signal.Signals(signum)], frame)

    for sig in signals:
        signal.signal(sig, handler)


def _raise_again(signum: int, previous: Any, frame: FrameType | None) -> None:
    signal.signal(signum, previous)
    if callable(previous):
        previous(signum, frame)
    elif previous == signal.SIG_DFL:
        os.kill(os.getpid(), signum)


def _on_signals_async(client: AsyncLiveAvatar, signals: tuple[signal.Signals, ...]) -> None:
    import asyncio  # loaded already: this runs on a loop

    loop = asyncio.get_running_loop()
    previous = {sig: signal.getsignal(sig) for sig in signals}

    async def stop_then_raise(sig: signal.Signals) -> None:
        logger.info("Signal %d: stopping %d managed session(s)", sig, len(client._live))
        await client.stop_live_sessions()
        for each in signals:
            loop.remove_signal_handler(each)
        _raise_again(sig, previous[sig], None)

    # Held here: the loop keeps only a weak reference to a task.
    running: set[asyncio.Task[None]] = set()

    def on_signal(sig: signal.Signals) -> None:
        task = loop.create_task(stop_then_raise(sig))
        running.add(task)
        task.add_done_callback(running.discard)

    for sig in signals:
        loop.add_signal_handler(sig, on_signal, sig)
