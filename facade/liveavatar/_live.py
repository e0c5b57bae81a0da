"""Managed sessions: started, kept alive, and always stopped, by one owner per root client.

`sessions.start_lite(...)` / `start_full(...)` mint and start a session and
return a `LiveSession` (on the async client, an `AsyncLiveStart`: `await` it
for an `AsyncLiveSession`, or use it with `async with`). Leaving its `with`
block stops it, whatever the exit: `USER_CLOSED` after a normal exit,
`SERVER_ERROR` after an exception (including `KeyboardInterrupt` and task
cancellation); a failing stop is logged and never hides the exception that
is leaving the block.

A `SessionRegistry`, one per root client and shared by every client
`with_options()` derives from it, holds the managed sessions and runs their
heartbeat, which sends keep-alive every `keep_alive_every` seconds:

- sync: one scheduler thread per registry, which hands each due keep-alive
  to one of `HEARTBEAT_WORKERS` threads, so one hung call holds up no other;
- async: one task per session on the running loop.

Each heartbeat call has a timeout below the interval (`HEARTBEAT_CALL_SHARE`)
and no retries. A keep-alive answered 404 asks `get`: only a session `get`
shows ended is marked ended and forgotten; anything else (a live session,
an error, an answer that is not JSON) is logged and the heartbeat goes on.
No exception ends the thread or a task while its session lives.

`close()` / `aclose()` on the root client stops every session still held,
in parallel, and returns within `2 * CLOSE_STOP_TIMEOUT` whatever their
number; a derived client's `close()` leaves them to the root.
"""

from __future__ import annotations

import heapq
import inspect
import itertools
import logging
import os
import queue
import signal
import threading
import time
from collections.abc import Awaitable, Callable, Generator, Iterable
from types import FrameType, TracebackType
from typing import TYPE_CHECKING, Any, Self

from . import _procedures as procedures
from ._config import (
    CLOSE_STOP_TIMEOUT,
    CLOSE_WORKERS,
    HEARTBEAT_CALL_SHARE,
    HEARTBEAT_MAX_CALL_TIMEOUT,
    HEARTBEAT_WORKERS,
    LITE_OPEN_TIMEOUT,
    LITE_READY_TIMEOUT,
    LITE_SEND_TIMEOUT,
    LITE_SOCKET_KEEP_ALIVE_EVERY,
    SIGNAL_STOP_TIMEOUT,
)
from ._errors import ClientClosedError, LiveAvatarError
from ._logging import logger
from ._models import SessionEndReason, SessionToken, StartedSession
from ._operations import Call, Managed
from ._secrets import masked_repr
from ._types import NOT_GIVEN, NotGiven

if TYPE_CHECKING:
    # asyncio only where a loop runs: a sync client builds no async session and
    # should not load it (about 11 ms) when its resources are made.
    import asyncio

    from ._lite import AsyncLiteConnect, AsyncLiteConnection, LiteConnection

_GOLDEN = 0.6180339887498949
_async_beats = itertools.count()

Send = Callable[[Call[Any]], Any]
"""A client's send path: a call in, its result out (awaitable on the async client)."""


def first_beat_after(every: float, order: int) -> float:
    """When a new session's first keep-alive goes: between half and all of `every`, spread by the golden ratio.

    Sessions started together (a burst, a restart) would otherwise beat in
    step for their whole life, every keep-alive of a thousand of them due in
    the same instant; spread, they come one after another across the
    interval. No session waits longer than `every`, so none idles out.
    """
    return every * (0.5 + 0.5 * ((order * _GOLDEN) % 1.0))


def heartbeat_call_timeout(every: float) -> float:
    """The timeout of each heartbeat call for a session beating every `every` seconds."""
    return min(every * HEARTBEAT_CALL_SHARE, HEARTBEAT_MAX_CALL_TIMEOUT)


LATE_FRACTION = 0.1
"""A keep-alive later than this share of its interval is logged: the heartbeat is falling behind."""

__all__ = [
    "AsyncLiveSession",
    "AsyncLiveStart",
    "Heartbeat",
    "LiveSession",
    "SessionRegistry",
    "first_beat_after",
    "heartbeat_call_timeout",
    "start_may_have_run",
    "stop_sessions_on_signals",
]

start_may_have_run = procedures.start_may_have_run


class _LiveState:
    """What sync and async managed sessions share: their identity, state and repr."""

    token: SessionToken
    started: StartedSession
    keep_alive_every: float | None
    stopped: bool
    ended_reason: str | None

    def _init_state(
        self, registry: SessionRegistry, send: Send, token: SessionToken, started: StartedSession, every: float | None
    ) -> None:
        self._registry = registry
        self._send = send
        self.token = token
        self.started = started
        self.keep_alive_every = every
        self.stopped = False
        """Whether `stop` has run (by this object or by the exit of its block)."""
        self.ended_reason = None
        """Why the session ended on its own, when a keep-alive found it ended (from `get`)."""

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
        """Whether the session is over: stopped here, or found ended by a keep-alive."""
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

    def _beat_timeout(self) -> float:
        return heartbeat_call_timeout(self.keep_alive_every or HEARTBEAT_MAX_CALL_TIMEOUT / HEARTBEAT_CALL_SHARE)

    def _keep_alive_steps(self, *, heartbeat: bool) -> procedures.Procedure[str | None]:
        if heartbeat:
            return procedures.keep_alive_managed(self.session_id, timeout=self._beat_timeout(), max_retries=0)
        return procedures.keep_alive_managed(self.session_id)

    def _found_ended(self, reason: str | None) -> None:
        if reason is None:
            return
        self.ended_reason = reason
        logger.info("Session %s ended on its own (%s); heartbeat stopped", self.session_id, reason)
        self._registry.forget(self)

    def _beat_failed(self, error: BaseException) -> None:
        # Logged, never raised: a heartbeat that gave up would leave a live session to idle out.
        if isinstance(error, LiveAvatarError):
            logger.warning("Keep-alive for session %s failed: %s; the heartbeat goes on", self.session_id, error)
        else:
            # Not an error the SDK maps: a bug somewhere, worth its traceback.
            logger.error("Keep-alive for session %s failed", self.session_id, exc_info=error)


class LiveSession(_LiveState):
    """A started session that keeps itself alive and is stopped when its `with` block ends."""

    def __init__(
        self,
        registry: SessionRegistry,
        send: Send,
        client: Any,
        token: SessionToken,
        started: StartedSession,
        keep_alive_every: float | None,
    ) -> None:
        self._client = client
        self._init_state(registry, send, token, started, keep_alive_every)
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
        connection: LiteConnection = self._client.sessions.connect(
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
        return self._stop(reason, NOT_GIVEN)

    def _stop(self, reason: SessionEndReason, timeout: float | NotGiven) -> bool:
        with self._lock:
            if self.stopped:
                return False
            self.stopped = True
        self._registry.forget(self)
        retries: int | NotGiven = NOT_GIVEN if isinstance(timeout, NotGiven) else 0
        try:
            # Stop, then close, as the reference advises: closing first can read as a
            # disconnect while the session goes on being billed.
            stopping = procedures.stop(self.session_id, reason=reason, timeout=timeout, max_retries=retries)
            result: bool = procedures.run(self._send, stopping)
            return result
        finally:
            for connection in self._connections:
                connection.close()

    def _abort_channels(self) -> None:
        """Drop this session's LITE sockets at once: takes no lock, so a signal handler may call it."""
        for connection in tuple(self._connections):
            connection.abort()

    def keep_alive(self) -> None:
        """Send one keep-alive now; marks the session ended if `get` shows it has ended.

        Raises:
            NotFoundError: The keep-alive answered 404 while `get` shows the session active.
        """
        self._found_ended(procedures.run(self._send, self._keep_alive_steps(heartbeat=False)))

    def _beat(self) -> None:
        """One heartbeat: a keep-alive bounded below the interval; never raises."""
        try:
            self._found_ended(procedures.run(self._send, self._keep_alive_steps(heartbeat=True)))
        except Exception as error:  # noqa: BLE001 - the heartbeat outlives any one failure
            self._beat_failed(error)

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
        self,
        registry: SessionRegistry,
        send: Send,
        client: Any,
        token: SessionToken,
        started: StartedSession,
        keep_alive_every: float | None,
    ) -> None:
        self._client = client
        self._init_state(registry, send, token, started, keep_alive_every)
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
            connection: AsyncLiteConnection = await opening
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
                self._found_ended(await procedures.arun(self._send, self._keep_alive_steps(heartbeat=True)))
            except Exception as error:  # noqa: BLE001 - no failure ends the task while the session lives
                self._beat_failed(error)

    async def stop(self, *, reason: SessionEndReason = "USER_CLOSED") -> bool:
        """Stop the session (idempotent): `True` if this call ended it."""
        return await self._stop(reason, NOT_GIVEN)

    async def _stop(self, reason: SessionEndReason, timeout: float | NotGiven) -> bool:
        import asyncio  # loaded already: this runs on a loop

        if self._stopping is None:
            self.stopped = True
            self._registry.forget(self)
            if self._heartbeat is not None and self._heartbeat is not asyncio.current_task():
                self._heartbeat.cancel()
            retries: int | NotGiven = NOT_GIVEN if isinstance(timeout, NotGiven) else 0
            stopping = procedures.stop(self.session_id, reason=reason, timeout=timeout, max_retries=retries)
            # A task of its own, shielded: a cancelled caller must not leave the session running.
            self._stopping = asyncio.ensure_future(procedures.arun(self._send, stopping))
            try:
                return await asyncio.shield(self._stopping)
            finally:
                for connection in self._connections:
                    await connection.aclose()
        await asyncio.shield(self._stopping)
        return False

    async def keep_alive(self) -> None:
        """Send one keep-alive now; marks the session ended if `get` shows it has ended.

        Raises:
            NotFoundError: The keep-alive answered 404 while `get` shows the session active.
        """
        self._found_ended(await procedures.arun(self._send, self._keep_alive_steps(heartbeat=False)))

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


class AsyncLiveStart:
    """A managed start on the async client: `await` it for the session, or `async with` it to stop it on exit."""

    __slots__ = ("_plan", "_session", "_start")

    def __init__(self, start: Callable[[Managed], Awaitable[AsyncLiveSession]], plan: Managed) -> None:
        self._start = start
        self._plan = plan
        self._session: AsyncLiveSession | None = None

    def __await__(self) -> Generator[Any, None, AsyncLiveSession]:
        return self._start(self._plan).__await__()

    async def __aenter__(self) -> AsyncLiveSession:
        self._session = await self._start(self._plan)
        return self._session

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        if self._session is not None:
            await self._session.__aexit__(exc_type, exc, tb)

    def __repr__(self) -> str:
        return f"AsyncLiveStart(session={getattr(self, '_session', None)!r})"


class Heartbeat:
    """The sync registry's heartbeat: one scheduler thread, keep-alives sent by a few worker threads.

    `clock` is injectable and `dispatch` (how a due keep-alive is handed
    to a worker) too, and `scheduler=False` starts no scheduler thread, so
    tests drive time instead of sleeping: `beat_due()` dispatches whatever
    is due at `clock()` and returns the seconds until the next one. A
    session whose last keep-alive is still in flight is not sent another:
    the hung call ends by its own timeout.
    """

    def __init__(
        self,
        clock: Callable[[], float] = time.monotonic,
        dispatch: Callable[[Callable[[], None]], None] | None = None,
        *,
        scheduler: bool = True,
    ) -> None:
        self.clock = clock
        self._scheduler = scheduler
        self._dispatch = dispatch or self._to_worker
        self._due: list[tuple[float, int, LiveSession]] = []
        self._order = itertools.count()
        self._wake = threading.Condition()
        self._thread: threading.Thread | None = None
        self._closed = False
        self._in_flight: set[int] = set()
        self._jobs: queue.SimpleQueue[Callable[[], None] | None] = queue.SimpleQueue()
        self._workers: list[threading.Thread] = []

    def add(self, session: LiveSession) -> None:
        """Start beating for `session` (no-op when its `keep_alive_every` is None)."""
        if session.keep_alive_every is None:
            return
        with self._wake:
            order = next(self._order)
            first = self.clock() + first_beat_after(session.keep_alive_every, order)
            heapq.heappush(self._due, (first, order, session))
            self._wake.notify()
            if self._thread is None and self._scheduler and not self._closed:
                self._thread = threading.Thread(target=self._run, name="liveavatar-heartbeat", daemon=True)
                self._thread.start()

    def beat_due(self) -> float | None:
        """Dispatch every keep-alive due now; the seconds until the next is due, or None when none is left."""
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
                busy = id(session) in self._in_flight
                if not busy:
                    self._in_flight.add(id(session))
            if busy:
                logger.warning("Keep-alive for session %s skipped: the last one is still in flight", session.session_id)
                continue
            self._dispatch(self._job(session, now - due))

    def _job(self, session: LiveSession, late: float) -> Callable[[], None]:
        def send() -> None:
            try:
                self._send(session, late)
            finally:
                with self._wake:
                    self._in_flight.discard(id(session))

        return send

    @staticmethod
    def _send(session: LiveSession, late: float) -> None:
        """Send one keep-alive, `late` seconds after it was due; a failure is logged, never raised."""
        if late > LATE_FRACTION * (session.keep_alive_every or 0.0):
            # Too many sessions, or a slow API: worth knowing before sessions idle out.
            logger.warning("Keep-alive for session %s is %.1f s late", session.session_id, late)
        started = time.monotonic()
        session._beat()
        if logger.isEnabledFor(logging.DEBUG):
            logger.debug("Keep-alive for %s in %.1f ms", session.session_id, (time.monotonic() - started) * 1000.0)

    def _to_worker(self, job: Callable[[], None]) -> None:
        self._jobs.put(job)
        with self._wake:
            if len(self._workers) < HEARTBEAT_WORKERS and not self._closed:
                worker = threading.Thread(target=self._work, name="liveavatar-keep-alive", daemon=True)
                self._workers.append(worker)
                worker.start()

    def _work(self) -> None:
        while True:
            job = self._jobs.get()
            if job is None:
                return
            try:
                job()
            except Exception:  # noqa: BLE001 - a worker must outlive any one session's failure
                logger.exception("Keep-alive failed")

    def _run(self) -> None:
        while True:
            try:
                wait = self.beat_due()
            except Exception:  # noqa: BLE001 - the one scheduler must outlive anything one beat does
                logger.exception("Heartbeat failed to schedule; retrying")
                wait = 1.0
            with self._wake:
                if self._closed:
                    return
                self._wake.wait(wait)
                if self._closed:
                    return

    def close(self) -> None:
        """Stop the threads; sessions still held are the registry's to stop."""
        with self._wake:
            self._closed = True
            self._due.clear()
            self._wake.notify()
            workers = list(self._workers)
        for _ in workers:
            self._jobs.put(None)
        thread = self._thread
        if thread is not None and thread is not threading.current_thread():
            thread.join(timeout=5.0)


class SessionRegistry:
    """The managed sessions of one root client and every client derived from it, and their heartbeat.

    The one owner of managed sessions: it starts them (the `start_managed`
    procedure on the starting client's send path), holds them until they
    stop or are found ended, beats for them, and stops those still held when
    the root client closes, in parallel and within `2 * stop_timeout`.
    """

    def __init__(self, stop_timeout: float = CLOSE_STOP_TIMEOUT) -> None:
        self.stop_timeout = stop_timeout
        """Each stop call's timeout when the registry stops what it holds."""
        self.closed = False
        """Whether the root client is closed: then every call through it, or a client derived from it, is refused."""
        self._held: dict[int, LiveSession | AsyncLiveSession] = {}
        self._lock = threading.Lock()
        self._heartbeat: Heartbeat | None = None

    @property
    def heartbeat(self) -> Heartbeat:
        """The sync sessions' heartbeat, made on first use."""
        with self._lock:
            if self._heartbeat is None:
                self._heartbeat = Heartbeat()
            return self._heartbeat

    @heartbeat.setter
    def heartbeat(self, heartbeat: Heartbeat) -> None:
        self._heartbeat = heartbeat

    def _hold(self, live: LiveSession | AsyncLiveSession) -> bool:
        with self._lock:
            if self.closed:
                return False
            self._held[id(live)] = live
            return True

    def forget(self, live: object) -> None:
        """Stop holding `live` (it stopped, or a keep-alive found it ended)."""
        with self._lock:
            self._held.pop(id(live), None)

    def abort_channels(self) -> None:
        """Drop the LITE sockets of every held sync session at once; takes no lock, so a signal handler may call it."""
        # tuple() copies the values in one step under the GIL: no lock, which the interrupted code may hold.
        for live in tuple(self._held.values()):
            if isinstance(live, LiveSession):
                live._abort_channels()

    def held(self) -> list[LiveSession | AsyncLiveSession]:
        """The sessions held now."""
        with self._lock:
            return list(self._held.values())

    def start(self, send: Send, client: Any, plan: Managed) -> LiveSession:
        """Mint and start a managed session on a sync send path, hold it and beat for it."""
        token, started = procedures.run(send, procedures.start_managed(plan))
        live = LiveSession(self, send, client, token, started, plan.keep_alive_every)
        if not self._hold(live):
            live.stop(reason="USER_CLOSED")
            raise ClientClosedError("The client was closed while the session started; the session was stopped")
        if plan.keep_alive_every is not None:
            self.heartbeat.add(live)
        return live

    async def astart(self, send: Send, client: Any, plan: Managed) -> AsyncLiveSession:
        """`start` on an async send path; the heartbeat is a task on the running loop."""
        token, started = await procedures.arun(send, procedures.start_managed(plan))
        live = AsyncLiveSession(self, send, client, token, started, plan.keep_alive_every)
        if not self._hold(live):
            await live.stop(reason="USER_CLOSED")
            raise ClientClosedError("The client was closed while the session started; the session was stopped")
        live._start_heartbeat()
        return live

    def stop_held(self, *, timeout: float | NotGiven = NOT_GIVEN) -> list[str]:
        """Stop every sync session held, in parallel; their ids. Returns within `2 * stop_timeout`."""
        held = [live for live in self.held() if isinstance(live, LiveSession)]
        bound = self.stop_timeout if isinstance(timeout, NotGiven) else timeout
        jobs = [_stopper(live, bound) for live in held]
        _in_parallel(jobs, deadline=time.monotonic() + 2 * bound)
        return [live.session_id for live in held]

    async def astop_held(self, *, timeout: float | NotGiven = NOT_GIVEN) -> list[str]:
        """`stop_held` for async sessions, as tasks on the running loop."""
        import asyncio  # loaded already: this runs on a loop

        held = [live for live in self.held() if isinstance(live, AsyncLiveSession)]
        bound = self.stop_timeout if isinstance(timeout, NotGiven) else timeout

        async def stop(live: AsyncLiveSession) -> None:
            try:
                await live._stop("USER_CLOSED", bound)
            except LiveAvatarError as error:
                live._log_failed_stop(error)

        if held:
            tasks = {asyncio.ensure_future(stop(live)): live for live in held}
            _, late = await asyncio.wait(tasks, timeout=2 * bound)
            for task in late:
                task.cancel()
                # The stop's own task too (shielded from its caller): the pool it sends on is about to close.
                stopping = tasks[task]._stopping
                if stopping is not None:
                    stopping.cancel()
            if late:
                logger.warning(
                    "%d session stop(s) had no answer within %.0f s; giving up on them", len(late), 2 * bound
                )
        return [live.session_id for live in held]

    def close(self) -> list[str]:
        """Refuse new work, stop the sync sessions held and the heartbeat threads; the ids it stopped."""
        with self._lock:
            self.closed = True
        stopped = self.stop_held()
        if self._heartbeat is not None:
            self._heartbeat.close()
        return stopped

    async def aclose(self) -> list[str]:
        """`close` for async sessions."""
        with self._lock:
            self.closed = True
        return await self.astop_held()


def _stopper(live: LiveSession, timeout: float) -> Callable[[], None]:
    def stop() -> None:
        try:
            live._stop("USER_CLOSED", timeout)
        except LiveAvatarError as error:
            live._log_failed_stop(error)

    return stop


def _in_parallel(jobs: Iterable[Callable[[], None]], *, deadline: float) -> None:
    """Run `jobs` on up to `CLOSE_WORKERS` daemon threads; return when all are done or at `deadline`."""
    pending = list(jobs)
    if not pending:
        return
    lock = threading.Lock()
    done = threading.Condition(lock)
    left = [len(pending)]
    work = iter(pending)

    def worker() -> None:
        while True:
            with lock:
                if time.monotonic() >= deadline:
                    return
                job = next(work, None)
            if job is None:
                return
            try:
                job()
            except Exception:  # noqa: BLE001 - one stop's failure must not keep the others from running
                logger.exception("Stopping a session failed")
            finally:
                with done:
                    left[0] -= 1
                    done.notify_all()

    for _ in range(min(len(pending), CLOSE_WORKERS)):
        threading.Thread(target=worker, name="liveavatar-stop", daemon=True).start()
    with done:
        while left[0] > 0:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                logger.warning("%d session stop(s) had no answer in time; giving up on them", left[0])
                return
            done.wait(remaining)


def stop_sessions_on_signals(
    client: Any, signals: tuple[signal.Signals, ...] = (signal.SIGTERM, signal.SIGINT)
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
    if inspect.iscoroutinefunction(client.stop_live_sessions):
        _on_signals_async(client, signals)
        return
    previous = {sig: signal.getsignal(sig) for sig in signals}

    def handler(signum: int, frame: FrameType | None) -> None:
        # This runs on top of whatever the main thread was doing, which may hold a
        # lock (a connection's, the pool's, the registry's): so here only sockets are
        # aborted, which takes no lock and frees a blocked speak(), and the HTTP stops
        # run in a thread of their own, waited for with a bound.
        logger.info("Signal %d: stopping the managed sessions", signum)
        client.abort_live_channels()
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


def _on_signals_async(client: Any, signals: tuple[signal.Signals, ...]) -> None:
    import asyncio  # loaded already: this runs on a loop

    loop = asyncio.get_running_loop()
    previous = {sig: signal.getsignal(sig) for sig in signals}

    async def stop_then_raise(sig: signal.Signals) -> None:
        logger.info("Signal %d: stopping the managed sessions", sig)
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
