"""`client.sessions` and `client.users`, for both clients, from the one definition of each operation.

Each wrapper here turns a builder of `liveavatar._operations` into a method
with the builder's signature, overloads and docstring, which runs the call
on the client's send path. The sync and async wrappers differ only in
`await`; no operation is written twice.
"""

from __future__ import annotations

import builtins
import functools
import time
from collections.abc import AsyncIterator, Callable, Coroutine, Iterator
from typing import TYPE_CHECKING, Any, Concatenate, ParamSpec, TypeVar

from . import _operations as ops
from ._config import LITE_KEEP_ALIVE_EVERY, LITE_OPEN_TIMEOUT, LITE_READY_TIMEOUT
from ._errors import APITimeoutError, LiveAvatarError, NotFoundError
from ._models import Id, SessionEndReason, SessionInfo
from ._operations import Call, Managed, Page

if TYPE_CHECKING:
    from ._client import AsyncLiveAvatar, LiveAvatar
    from ._lite import AsyncLiteConnect, LiteConnection
    from ._live import AsyncLiveSession, LiveSession
    from ._models import StartedSession


__all__ = ["AsyncSessions", "AsyncUsers", "Sessions", "Users"]

_P = ParamSpec("_P")
_T = TypeVar("_T")


def _sync(build: Callable[_P, Call[_T]]) -> Callable[Concatenate[Any, _P], _T]:
    def method(self: Any, /, *args: _P.args, **kwargs: _P.kwargs) -> _T:
        try:
            call = build(*args, **kwargs)
        finally:
            # The arguments may hold a session token as plain text: gone before any frame is reported.
            del args, kwargs
        result: _T = self._client._send(call)
        return result

    functools.update_wrapper(method, build)
    return method


def _async(build: Callable[_P, Call[_T]]) -> Callable[Concatenate[Any, _P], Coroutine[Any, Any, _T]]:
    async def method(self: Any, /, *args: _P.args, **kwargs: _P.kwargs) -> _T:
        try:
            call = build(*args, **kwargs)
        finally:
            del args, kwargs
        result: _T = await self._client._send(call)
        return result

    functools.update_wrapper(method, build)
    return method


def _already_ended(error: NotFoundError, session: SessionInfo) -> bool:
    """After a 404 from stop: `True` when `get` shows the session ended, else the 404 stands."""
    if session.ended:
        return True
    raise error


def _sync_stop(build: Callable[_P, Call[bool]]) -> Callable[Concatenate[Any, _P], bool]:
    def method(self: Any, /, *args: _P.args, **kwargs: _P.kwargs) -> bool:
        try:
            call = build(*args, **kwargs)
        finally:
            del args, kwargs
        try:
            stopped: bool = self._client._send(call)
        except NotFoundError as error:
            # Third parties see 404 for an ended session, and an unknown one is 404 too: ask which.
            found = error
        else:
            return stopped
        return not _already_ended(found, self._client._send(ops.get(call.session_id or "", timeout=call.timeout)))

    functools.update_wrapper(method, build)
    return method


def _async_stop(build: Callable[_P, Call[bool]]) -> Callable[Concatenate[Any, _P], Coroutine[Any, Any, bool]]:
    async def method(self: Any, /, *args: _P.args, **kwargs: _P.kwargs) -> bool:
        try:
            call = build(*args, **kwargs)
        finally:
            del args, kwargs
        try:
            stopped: bool = await self._client._send(call)
        except NotFoundError as error:
            found = error
        else:
            return stopped
        return not _already_ended(found, await self._client._send(ops.get(call.session_id or "", timeout=call.timeout)))

    functools.update_wrapper(method, build)
    return method


def _sync_pages(
    build: Callable[_P, Callable[[int], Call[Page]]],
) -> Callable[Concatenate[Any, _P], Iterator[SessionInfo]]:
    def method(self: Any, /, *args: _P.args, **kwargs: _P.kwargs) -> Iterator[SessionInfo]:
        # Built now, so bad arguments raise at the call, not at the first `next`.
        page_call = build(*args, **kwargs)
        send = self._client._send

        def sessions() -> Iterator[SessionInfo]:
            page = 1
            while True:
                found, more = send(page_call(page))
                yield from found
                if not (more and found):
                    return
                page += 1

        return sessions()

    functools.update_wrapper(method, build)
    return method


def _async_pages(
    build: Callable[_P, Callable[[int], Call[Page]]],
) -> Callable[Concatenate[Any, _P], AsyncIterator[SessionInfo]]:
    def method(self: Any, /, *args: _P.args, **kwargs: _P.kwargs) -> AsyncIterator[SessionInfo]:
        page_call = build(*args, **kwargs)
        send = self._client._send

        async def sessions() -> AsyncIterator[SessionInfo]:
            page = 1
            while True:
                found, more = await send(page_call(page))
                for session in found:
                    yield session
                if not (more and found):
                    return
                page += 1

        return sessions()

    functools.update_wrapper(method, build)
    return method


def _sync_managed(build: Callable[_P, Managed]) -> Callable[Concatenate[Any, _P], LiveSession]:
    def method(self: Any, /, *args: _P.args, **kwargs: _P.kwargs) -> LiveSession:
        try:
            plan = build(*args, **kwargs)
        finally:
            del args, kwargs
        live: LiveSession = self._client._start_managed(plan)
        return live

    functools.update_wrapper(method, build)
    return method


def _async_managed(
    build: Callable[_P, Managed],
) -> Callable[Concatenate[Any, _P], Coroutine[Any, Any, AsyncLiveSession]]:
    async def method(self: Any, /, *args: _P.args, **kwargs: _P.kwargs) -> AsyncLiveSession:
        try:
            plan = build(*args, **kwargs)
        finally:
            del args, kwargs
        live: AsyncLiveSession = await self._client._start_managed(plan)
        return live

    functools.update_wrapper(method, build)
    return method


def _reaped(chosen: list[str], failures: list[tuple[str, LiveAvatarError]]) -> list[str]:
    """The ids `stop_all` stopped; if any stop failed, the first failure, noting what was stopped and what not."""
    if not failures:
        return chosen
    failed = {session_id for session_id, _ in failures}
    stopped = [session_id for session_id in chosen if session_id not in failed]
    error = failures[0][1]
    error.add_note(f"stop_all stopped {len(stopped)} session(s): {', '.join(stopped) or 'none'}")
    error.add_note(f"and could not stop {len(failed)}: {', '.join(sorted(failed))}")
    raise error


def _not_ended_in_time(session_id: str, timeout: float) -> APITimeoutError:
    return APITimeoutError(f"Session {session_id} had not ended after {timeout:g} s of polling")


# What wait_until_ended sleeps with; tests replace them to drive time.
_sleep = time.sleep
_clock = time.monotonic


async def _async_sleep(seconds: float) -> None:
    import asyncio  # loaded already under a running loop

    await asyncio.sleep(seconds)


class Sessions:
    """`client.sessions`: mint tokens, then start, keep alive, stop, list and read sessions."""

    def __init__(self, client: LiveAvatar) -> None:
        self._client = client

    create_token = _sync(ops.create_token)
    create_lite_token = _sync(ops.create_lite_token)
    start = _sync(ops.start)
    stop = _sync_stop(ops.stop)
    keep_alive = _sync(ops.keep_alive)
    get = _sync(ops.get)
    list = _sync_pages(ops.list_sessions)
    transcript = _sync(ops.transcript)
    delete_events = _sync(ops.delete_events)
    start_lite = _sync_managed(ops.start_lite)
    start_full = _sync_managed(ops.start_full)

    def connect(
        self,
        session: StartedSession | LiveSession | str,
        *,
        ready_timeout: float = LITE_READY_TIMEOUT,
        require_ready: bool = False,
        keep_alive_every: float | None = LITE_KEEP_ALIVE_EVERY,
        open_timeout: float = LITE_OPEN_TIMEOUT,
    ) -> LiteConnection:
        """Open a LITE session's `ws_url` channel and wait up to `ready_timeout` for it to be ready.

        `session` is a `StartedSession`, a `LiveSession` or the `ws_url`.
        Without `connected` in time it logs a warning and returns (some
        sessions never send it), or raises `LiteTimeoutError` with
        `require_ready=True`. `keep_alive_every` sends `session.keep_alive`
        on the socket (None turns it off). Needs the `[realtime]` extra.
        """
        from ._lite import connect_lite

        return connect_lite(
            ops.ws_url_of(session),
            ready_timeout=ready_timeout,
            require_ready=require_ready,
            keep_alive_every=keep_alive_every,
            open_timeout=open_timeout,
        )

    def stop_all(
        self,
        *,
        older_than: float | None = None,
        avatar_id: Id | None = None,
        reason: SessionEndReason = "ZOMBIE_SESSION_REAP",
        dry_run: bool = False,
    ) -> builtins.list[str]:
        """Stop every active session matching the filters (`older_than`: seconds of age); their ids.

        Age is the session's `duration` as the API counts it (no clock skew),
        else its `created_at` against this machine's clock. With `dry_run`
        nothing is stopped: the ids are those it would stop.

        Raises:
            LiveAvatarError: A stop failed. The others were still tried; the
                error's notes name the sessions stopped and those not.
        """
        keep = ops.reap_filter(older_than=older_than)
        chosen = [session.id for session in self.list(type="active", avatar_id=avatar_id) if keep(session)]
        if dry_run:
            return chosen
        failures: list[tuple[str, LiveAvatarError]] = []
        for session_id in chosen:
            try:
                self.stop(session_id, reason=reason)
            except LiveAvatarError as error:
                # Go on: one session the API will not stop must not keep the others running.
                failures.append((session_id, error))
        return _reaped(chosen, failures)

    def wait_until_ended(self, session_id: Id, *, timeout: float | None = None, poll_every: float = 5.0) -> SessionInfo:
        """Poll `get` until the session has ended (LiveAvatar has no webhooks); its final `SessionInfo`.

        Raises:
            APITimeoutError: `timeout` seconds passed and the session is still active.
        """
        limit, every = ops.wait_settings(timeout, poll_every)
        started = _clock()
        while True:
            session = self.get(session_id)
            if session.ended:
                return session
            waited = _clock() - started
            if limit is not None and waited >= limit:
                raise _not_ended_in_time(session.id, limit)
            _sleep(every if limit is None else min(every, limit - waited))


class AsyncSessions:
    """`client.sessions` of `AsyncLiveAvatar`: the same methods as `Sessions`, awaited (`list` with `async for`)."""

    def __init__(self, client: AsyncLiveAvatar) -> None:
        self._client = client

    create_token = _async(ops.create_token)
    create_lite_token = _async(ops.create_lite_token)
    start = _async(ops.start)
    stop = _async_stop(ops.stop)
    keep_alive = _async(ops.keep_alive)
    get = _async(ops.get)
    list = _async_pages(ops.list_sessions)
    transcript = _async(ops.transcript)
    delete_events = _async(ops.delete_events)
    start_lite = _async_managed(ops.start_lite)
    start_full = _async_managed(ops.start_full)

    def connect(
        self,
        session: StartedSession | AsyncLiveSession | str,
        *,
        ready_timeout: float = LITE_READY_TIMEOUT,
        require_ready: bool = False,
        keep_alive_every: float | None = LITE_KEEP_ALIVE_EVERY,
        open_timeout: float = LITE_OPEN_TIMEOUT,
    ) -> AsyncLiteConnect:
        """Open the LITE channel as `Sessions.connect` does; `await` the result, or use it with `async with`."""
        from ._lite import connect_lite_async

        return connect_lite_async(
            ops.ws_url_of(session),
            ready_timeout=ready_timeout,
            require_ready=require_ready,
            keep_alive_every=keep_alive_every,
            open_timeout=open_timeout,
        )

    async def stop_all(
        self,
        *,
        older_than: float | None = None,
        avatar_id: Id | None = None,
        reason: SessionEndReason = "ZOMBIE_SESSION_REAP",
        dry_run: bool = False,
    ) -> builtins.list[str]:
        """Stop every active session matching the filters; see `Sessions.stop_all`."""
        keep = ops.reap_filter(older_than=older_than)
        chosen = [session.id async for session in self.list(type="active", avatar_id=avatar_id) if keep(session)]
        if dry_run:
            return chosen
        failures: list[tuple[str, LiveAvatarError]] = []
        for session_id in chosen:
            try:
                await self.stop(session_id, reason=reason)
            except LiveAvatarError as error:
                failures.append((session_id, error))
        return _reaped(chosen, failures)

    async def wait_until_ended(
        self, session_id: Id, *, timeout: float | None = None, poll_every: float = 5.0
    ) -> SessionInfo:
        """Poll `get` until the session has ended; see `Sessions.wait_until_ended`."""
        limit, every = ops.wait_settings(timeout, poll_every)
        started = _clock()
        while True:
            session = await self.get(session_id)
            if session.ended:
                return session
            waited = _clock() - started
            if limit is not None and waited >= limit:
                raise _not_ended_in_time(session.id, limit)
            await _async_sleep(every if limit is None else min(every, limit - waited))


class Users:
    """`client.users`: the account."""

    def __init__(self, client: LiveAvatar) -> None:
        self._client = client

    credits = _sync(ops.credits)


class AsyncUsers:
    """`client.users` of `AsyncLiveAvatar`."""

    def __init__(self, client: AsyncLiveAvatar) -> None:
        self._client = client

    credits = _async(ops.credits)
