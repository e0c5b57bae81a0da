"""`client.sessions` and `client.users`, for both clients, from the one definition of each operation.

The method makers of `liveavatar._methods` turn each builder of
`liveavatar._operations` into a method with the builder's signature,
overloads and docstring, which runs the call on the client's send path;
the managed-session makers (`start_lite`, `start_full`) are here. The sync
and async makers differ only in `await`; no operation is written twice.
"""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from typing import TYPE_CHECKING, Any, Concatenate, ParamSpec

from . import _operations as ops
from . import _preflight
from . import _procedures as procedures
from ._config import LITE_OPEN_TIMEOUT, LITE_READY_TIMEOUT, LITE_SEND_TIMEOUT, LITE_SOCKET_KEEP_ALIVE_EVERY
from ._methods import async_call as _async
from ._methods import async_list as _async_list
from ._methods import async_procedure as _async_procedure
from ._methods import present as _present
from ._methods import sync_call as _sync
from ._methods import sync_list as _sync_list
from ._methods import sync_procedure as _sync_procedure
from ._operations import Managed

if TYPE_CHECKING:
    from ._client import AsyncLiveAvatar, LiveAvatar
    from ._lite import AsyncLiteConnect, LiteConnection
    from ._live import AsyncLiveSession, AsyncLiveStart, LiveSession
    from ._models import StartedSession


__all__ = ["AsyncSessions", "AsyncUsers", "Sessions", "Users"]

_P = ParamSpec("_P")


def _live_class(name: str) -> object:
    from . import _live  # loaded with the resources: a client is being built

    return getattr(_live, name)


def _sync_preflight(
    build: Callable[_P, _preflight.PreflightPlan],
) -> Callable[Concatenate[Any, _P], _preflight.PreflightReport]:
    def method(self: Any, /, *args: _P.args, **kwargs: _P.kwargs) -> _preflight.PreflightReport:
        try:
            plan = build(*args, **kwargs)
        finally:
            del args, kwargs
        steps = _preflight.preflight_steps(plan, _preflight.cache_of(self._client))
        return procedures.run(self._client._send, steps)

    _present(method, build, lambda _: _preflight.PreflightReport)
    return method


def _async_preflight(
    build: Callable[_P, _preflight.PreflightPlan],
) -> Callable[Concatenate[Any, _P], Coroutine[Any, Any, _preflight.PreflightReport]]:
    async def method(self: Any, /, *args: _P.args, **kwargs: _P.kwargs) -> _preflight.PreflightReport:
        try:
            plan = build(*args, **kwargs)
        finally:
            del args, kwargs
        steps = _preflight.preflight_steps(plan, _preflight.cache_of(self._client))
        return await procedures.arun(self._client._send, steps)

    _present(method, build, lambda _: _preflight.PreflightReport)
    return method


def _sync_managed(build: Callable[_P, Managed]) -> Callable[Concatenate[Any, _P], LiveSession]:
    def method(self: Any, /, *args: _P.args, **kwargs: _P.kwargs) -> LiveSession:
        try:
            plan = build(*args, **kwargs)
        finally:
            del args, kwargs
        if plan.preflight:
            steps = _preflight.preflight_steps(
                _preflight.PreflightPlan.of_mint(plan.mint), _preflight.cache_of(self._client)
            )
            procedures.run(self._client._send, steps).raise_for_problems()
        live: LiveSession = self._client._start_managed(plan)
        return live

    _present(method, build, lambda _: _live_class("LiveSession"))
    return method


def _async_managed(build: Callable[_P, Managed]) -> Callable[Concatenate[Any, _P], AsyncLiveStart]:
    def method(self: Any, /, *args: _P.args, **kwargs: _P.kwargs) -> AsyncLiveStart:
        try:
            plan = build(*args, **kwargs)
        finally:
            del args, kwargs
        client = self._client

        async def checked_start(plan: Managed) -> AsyncLiveSession:
            if plan.preflight:
                steps = _preflight.preflight_steps(
                    _preflight.PreflightPlan.of_mint(plan.mint), _preflight.cache_of(client)
                )
                (await procedures.arun(client._send, steps)).raise_for_problems()
            live: AsyncLiveSession = await client._start_managed(plan)
            return live

        start: AsyncLiveStart = _live_class("AsyncLiveStart")(checked_start, plan)  # type: ignore[operator]
        return start

    _present(method, build, lambda _: _live_class("AsyncLiveStart"))
    return method


class Sessions:
    """`client.sessions`: mint tokens, then start, keep alive, stop, list and read sessions."""

    def __init__(self, client: LiveAvatar) -> None:
        self._client = client

    create_token = _sync(ops.create_token)
    create_lite_token = _sync(ops.create_lite_token)
    start = _sync(ops.start)
    stop = _sync_procedure(procedures.stop)
    keep_alive = _sync(ops.keep_alive)
    get = _sync(ops.get)
    list = _sync_list(ops.list_sessions)
    transcript = _sync(ops.transcript)
    delete_events = _sync(ops.delete_events)
    start_lite = _sync_managed(ops.start_lite)
    start_full = _sync_managed(ops.start_full)
    preflight = _sync_preflight(_preflight.preflight)
    preflight_lite = _sync_preflight(_preflight.preflight_lite)

    def connect(
        self,
        session: StartedSession | LiveSession | str,
        *,
        ready_timeout: float = LITE_READY_TIMEOUT,
        require_ready: bool = False,
        keep_alive_every: float | None = LITE_SOCKET_KEEP_ALIVE_EVERY,
        open_timeout: float = LITE_OPEN_TIMEOUT,
        send_timeout: float = LITE_SEND_TIMEOUT,
    ) -> LiteConnection:
        """Open a LITE session's `ws_url` channel and wait up to `ready_timeout` for it to be ready.

        `session` is a `StartedSession`, a `LiveSession` or the `ws_url`.
        Without `connected` in time it logs a warning and returns (some
        sessions never send it), or raises `LiteTimeoutError` with
        `require_ready=True`. `keep_alive_every` sends `session.keep_alive`
        on the socket (None turns it off). `send_timeout`: seconds a frame
        may wait for the server to take it before the connection is aborted.
        Needs the `[realtime]` extra.
        """
        from ._lite import connect_lite

        return connect_lite(
            ops.ws_url_of(session),
            ready_timeout=ready_timeout,
            require_ready=require_ready,
            keep_alive_every=keep_alive_every,
            open_timeout=open_timeout,
            send_timeout=send_timeout,
        )

    stop_all = _sync_procedure(procedures.stop_all)
    wait_until_ended = _sync_procedure(procedures.wait_until_ended)


class AsyncSessions:
    """`client.sessions` of `AsyncLiveAvatar`: the same methods as `Sessions`, awaited (`list` with `async for`)."""

    def __init__(self, client: AsyncLiveAvatar) -> None:
        self._client = client

    create_token = _async(ops.create_token)
    create_lite_token = _async(ops.create_lite_token)
    start = _async(ops.start)
    stop = _async_procedure(procedures.stop)
    keep_alive = _async(ops.keep_alive)
    get = _async(ops.get)
    list = _async_list(ops.list_sessions)
    transcript = _async(ops.transcript)
    delete_events = _async(ops.delete_events)
    start_lite = _async_managed(ops.start_lite)
    start_full = _async_managed(ops.start_full)
    preflight = _async_preflight(_preflight.preflight)
    preflight_lite = _async_preflight(_preflight.preflight_lite)

    def connect(
        self,
        session: StartedSession | AsyncLiveSession | str,
        *,
        ready_timeout: float = LITE_READY_TIMEOUT,
        require_ready: bool = False,
        keep_alive_every: float | None = LITE_SOCKET_KEEP_ALIVE_EVERY,
        open_timeout: float = LITE_OPEN_TIMEOUT,
        send_timeout: float = LITE_SEND_TIMEOUT,
    ) -> AsyncLiteConnect:
        """Open the LITE channel as `Sessions.connect` does; `await` the result, or use it with `async with`."""
        from ._lite import connect_lite_async

        return connect_lite_async(
            ops.ws_url_of(session),
            ready_timeout=ready_timeout,
            require_ready=require_ready,
            keep_alive_every=keep_alive_every,
            open_timeout=open_timeout,
            send_timeout=send_timeout,
        )

    stop_all = _async_procedure(procedures.stop_all)
    wait_until_ended = _async_procedure(procedures.wait_until_ended)


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
