"""Calls made of several calls, written once for both clients.

`stop`, `stop_all`, `wait_until_ended`, and a managed session's start,
keep-alive and stop. Each is a generator, I/O-free in the manner of h11: it
yields a `Call` (or a `Sleep`), is sent back the call's result (or has the
exception the step raised thrown in), and returns the procedure's result.
`run` and `arun` are the two drivers, the only code here that sends or
waits; only `arun` awaits.
"""

from __future__ import annotations

import inspect
import time
import typing
from collections.abc import Callable, Generator
from typing import Any, ParamSpec, TypeVar

from . import _operations as ops
from ._config import DEFAULT_TIMEOUT, WAIT_POLL_MARGIN
from ._errors import (
    APIConnectionError,
    APIError,
    APITimeoutError,
    InternalServerError,
    LiveAvatarError,
    NotFoundError,
    SessionStartUnknownError,
)
from ._listing import Chunk, Listing, ListingState
from ._logging import logger
from ._models import Id, SessionEndReason, SessionInfo, SessionToken, StartedSession
from ._operations import Call
from ._types import NOT_GIVEN, NotGiven, TimeoutTypes

__all__ = [
    "Gather",
    "Procedure",
    "Sleep",
    "arun",
    "keep_alive_managed",
    "run",
    "start_managed",
    "start_may_have_run",
    "stop",
    "stop_all",
    "wait_until_ended",
]

_P = ParamSpec("_P")
_T = TypeVar("_T")


class Sleep:
    """A step that waits `seconds` before the procedure goes on."""

    __slots__ = ("seconds",)

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds


class Gather:
    """A step of independent calls: the sync driver sends them in turn, the async one at once.

    The procedure is sent back one outcome per call, in order: its result,
    or the `LiveAvatarError` it raised (any other exception is raised
    through the procedure, as a single call's would be).
    """

    __slots__ = ("calls",)

    def __init__(self, calls: list[Call[Any]]) -> None:
        self.calls = calls


Procedure = Generator[Call[Any] | Sleep | Gather, Any, _T]
"""What a procedure is to its driver: steps out, their results back in, a result at the end."""


def _stop_steps(call: Call[bool]) -> Procedure[bool]:
    try:
        stopped: bool = yield call
    except NotFoundError as error:
        # Third parties see 404 for an ended session, and an unknown one is 404 too: ask which.
        session: SessionInfo = yield ops.get(call.session_id or "", timeout=call.timeout, max_retries=call.max_retries)
        if not session.ended:
            raise error from None
        return False
    return stopped


def _procedure(build: Callable[_P, Call[bool]]) -> Callable[_P, Procedure[bool]]:
    def procedure(*args: _P.args, **kwargs: _P.kwargs) -> Procedure[bool]:
        return _stop_steps(build(*args, **kwargs))

    procedure.__doc__ = build.__doc__
    procedure.__name__ = procedure.__qualname__ = build.__name__
    procedure.__signature__ = inspect.signature(build).replace(  # type: ignore[attr-defined]
        return_annotation=Procedure[bool]
    )
    procedure.__annotations__ = {**typing.get_type_hints(build), "return": Procedure[bool]}
    return procedure


stop = _procedure(ops.stop)


def stop_all(
    *,
    older_than: float | None = None,
    avatar_id: Id | None = None,
    reason: SessionEndReason = "ZOMBIE_SESSION_REAP",
    dry_run: bool = False,
) -> Procedure[list[str]]:
    """Stop every active session matching the filters (`older_than`: seconds of age, 0 to a year); their ids.

    Age is measured on the API's clock: from the session's `created_at` to
    the listing answer's `Date` header (this machine's clock when the answer
    has none). A `duration` the API reports above 0 is a second witness:
    either showing the session old enough is enough. With `dry_run` nothing
    is stopped: the ids are those it would stop.

    Raises:
        LiveAvatarError: A stop failed. The others were still tried; the
            error's notes name the sessions stopped and those not.
    """
    keep = ops.reap_filter(older_than=older_than)
    page_call = ops.list_sessions(type="active", avatar_id=avatar_id)
    return _stop_all_steps(keep, page_call, reason, dry_run)


def _stop_all_steps(
    keep: Callable[[SessionInfo, Any], bool],
    listing: Listing[SessionInfo],
    reason: SessionEndReason,
    dry_run: bool,
) -> Procedure[list[str]]:
    chosen: list[str] = []
    state = ListingState(listing)
    call: Call[Chunk[SessionInfo]] | None = state.first()
    while call is not None:
        page: Chunk[SessionInfo] = yield call
        fresh, call = state.advance(page)
        chosen += [session.id for session in fresh if keep(session, page.server_date)]
    if dry_run:
        return chosen
    failures: list[tuple[str, LiveAvatarError]] = []
    for session_id in chosen:
        try:
            yield from stop(session_id, reason=reason)
        except LiveAvatarError as error:
            # Go on: one session the API will not stop must not keep the others running.
            failures.append((session_id, error))
    if failures:
        failed = {session_id for session_id, _ in failures}
        stopped = [session_id for session_id in chosen if session_id not in failed]
        first = failures[0][1]
        first.add_note(f"stop_all stopped {len(stopped)} session(s): {', '.join(stopped) or 'none'}")
        first.add_note(f"and could not stop {len(failed)}: {', '.join(sorted(failed))}")
        raise first
    return chosen


def _poll_timeout(left: float) -> float:
    """A bounded poll's timeout: the time left and the margin, never more than a call's default."""
    return min(max(left, 0.0) + WAIT_POLL_MARGIN, DEFAULT_TIMEOUT.read or WAIT_POLL_MARGIN)


_clock = time.monotonic
"""What wait_until_ended measures its timeout by; tests replace it to drive time."""


def wait_until_ended(
    session_id: Id, *, timeout: float | None = None, poll_every: float = 5.0
) -> Procedure[SessionInfo]:
    """Poll `get` until the session has ended (LiveAvatar has no webhooks); its final `SessionInfo`.

    With a `timeout`, it returns or raises within `timeout` plus
    `WAIT_POLL_MARGIN` seconds, a poll in flight included: each poll gets
    only the time left, without retries, and a poll that fails for lack of
    an answer or with a 5xx is tried again at the next interval while time
    is left.

    Raises:
        APITimeoutError: `timeout` seconds passed and the session is still active.
    """
    limit, every = ops.wait_settings(timeout, poll_every)
    canonical = ops.get(session_id).path.rsplit("/", 1)[-1]
    return _wait_steps(canonical, limit, every, _clock)


def _wait_steps(
    session_id: str, limit: float | None, every: float, clock: Callable[[], float]
) -> Procedure[SessionInfo]:
    started = clock()
    unbounded = ops.get(session_id)
    while True:
        if limit is None:
            session: SessionInfo = yield unbounded
        else:
            left = limit - (clock() - started)
            try:
                session = yield ops.get(session_id, timeout=_poll_timeout(left), max_retries=0)
            except (APIConnectionError, InternalServerError):
                if clock() - started >= limit:
                    raise APITimeoutError(f"Session {session_id} had not ended after {limit:g} s of polling") from None
                yield Sleep(min(every, max(limit - (clock() - started), 0.0)))
                continue
        if session.ended:
            return session
        waited = clock() - started
        if limit is not None and waited >= limit:
            raise APITimeoutError(f"Session {session.id} had not ended after {limit:g} s of polling")
        yield Sleep(every if limit is None else min(every, limit - waited))


def start_may_have_run(error: BaseException) -> bool:
    """Whether a failed start may have left a session running: lost answers and server errors."""
    return isinstance(error, SessionStartUnknownError | InternalServerError) or not isinstance(error, APIError)


def start_managed(plan: ops.Managed) -> Procedure[tuple[SessionToken, StartedSession]]:
    """Mint, then start; a start that fails after it may have run is stopped before its error goes on.

    Whatever stops the start (an error, `KeyboardInterrupt`, a cancelled
    task) is thrown in here by the driver, so the clean-up stop is sent
    for each of them; a failing clean-up is logged, never raised over the
    start's own error.
    """
    token: SessionToken = yield plan.mint
    try:
        started: StartedSession = yield plan.start(token)
    except BaseException as error:
        if start_may_have_run(error):
            try:
                yield from stop(token.session_id, reason="SERVER_ERROR")
            except LiveAvatarError as failure:
                logger.warning("Stopping session %s failed: %s", token.session_id, failure)
        raise
    return token, started


def keep_alive_managed(
    session_id: str, *, timeout: TimeoutTypes | NotGiven = NOT_GIVEN, max_retries: int | NotGiven = NOT_GIVEN
) -> Procedure[str | None]:
    """One keep-alive of a managed session: the session's end reason when it has ended, else None.

    A 404 is not taken as the end: `get` is asked, and only a session it
    shows ended is reported ended. A 404 for a session `get` shows active
    is raised, as is any other failure: the caller decides what to do.
    """
    try:
        yield ops.keep_alive(session_id, timeout=timeout, max_retries=max_retries)
    except NotFoundError as error:
        info: SessionInfo = yield ops.get(session_id, timeout=timeout, max_retries=max_retries)
        if info.ended:
            return str(info.end_reason or "UNKNOWN")
        raise error from None
    return None


def run(send: Callable[[Call[Any]], Any], procedure: Procedure[_T]) -> _T:
    """Run a procedure on a sync send path: send each call, sleep each sleep, hand back results and errors."""
    result: Any = None
    failure: BaseException | None = None
    while True:
        try:
            step = procedure.send(result) if failure is None else procedure.throw(failure)
        except StopIteration as done:
            value: _T = done.value
            return value
        finally:
            failure = None
        result = None
        try:
            if isinstance(step, Sleep):
                _sleep(step.seconds)
            elif isinstance(step, Gather):
                result = [_outcome(send, call) for call in step.calls]
            else:
                result = send(step)
        except BaseException as error:  # noqa: BLE001 - thrown into the procedure, which re-raises what it does not handle
            failure = error


async def arun(send: Callable[[Call[Any]], Any], procedure: Procedure[_T]) -> _T:
    """`run` on an async send path."""
    result: Any = None
    failure: BaseException | None = None
    while True:
        try:
            step = procedure.send(result) if failure is None else procedure.throw(failure)
        except StopIteration as done:
            value: _T = done.value
            return value
        finally:
            failure = None
        result = None
        try:
            if isinstance(step, Sleep):
                await _async_sleep(step.seconds)
            elif isinstance(step, Gather):
                result = await _gathered(send, step.calls)
            else:
                result = await send(step)
        except BaseException as error:  # noqa: BLE001 - thrown into the procedure, which re-raises what it does not handle
            failure = error


def _outcome(send: Callable[[Call[Any]], Any], call: Call[Any]) -> Any:
    try:
        return send(call)
    except LiveAvatarError as error:
        return error


async def _gathered(send: Callable[[Call[Any]], Any], calls: list[Call[Any]]) -> list[Any]:
    import asyncio  # loaded already under a running loop

    async def one(call: Call[Any]) -> Any:
        try:
            return await send(call)
        except LiveAvatarError as error:
            return error

    # Anything but a LiveAvatarError (a bug, a cancellation) propagates out of gather.
    return list(await asyncio.gather(*(one(call) for call in calls)))


# What the drivers sleep with; tests replace them to drive time.
_sleep = time.sleep


async def _async_sleep(seconds: float) -> None:
    import asyncio  # loaded already under a running loop

    await asyncio.sleep(seconds)
