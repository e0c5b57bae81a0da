"""Calls made of several calls (stop, stop_all, wait_until_ended), written once for both clients.

Each is a generator, I/O-free in the manner of h11: it yields a `Call` (or
a `Sleep`), is sent back the call's result (or has its `LiveAvatarError`
thrown in), and returns the procedure's result. `liveavatar._resources`
runs them with a sync or an async driver; only the drivers `await`.
"""

from __future__ import annotations

import inspect
import time
import typing
from collections.abc import Callable, Generator
from typing import Any, ParamSpec, TypeVar

from . import _operations as ops
from ._errors import APITimeoutError, LiveAvatarError, NotFoundError
from ._models import Id, SessionEndReason, SessionInfo
from ._operations import Call

__all__ = ["Procedure", "Sleep", "stop", "stop_all", "wait_until_ended"]

_P = ParamSpec("_P")
_T = TypeVar("_T")


class Sleep:
    """A step that waits `seconds` before the procedure goes on."""

    __slots__ = ("seconds",)

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds


Procedure = Generator["Call[Any] | Sleep", Any, _T]
"""What a procedure is to its driver: steps out, their results back in, a result at the end."""


def _stop_steps(call: Call[bool]) -> Procedure[bool]:
    try:
        stopped: bool = yield call
    except NotFoundError as error:
        # Third parties see 404 for an ended session, and an unknown one is 404 too: ask which.
        session: SessionInfo = yield ops.get(call.session_id or "", timeout=call.timeout)
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
    """Stop every active session matching the filters (`older_than`: seconds of age); their ids.

    Age is the session's `duration` as the API counts it (no clock skew),
    else its `created_at` against this machine's clock. With `dry_run`
    nothing is stopped: the ids are those it would stop.

    Raises:
        LiveAvatarError: A stop failed. The others were still tried; the
            error's notes name the sessions stopped and those not.
    """
    keep = ops.reap_filter(older_than=older_than)
    page_call = ops.list_sessions(type="active", avatar_id=avatar_id)
    return _stop_all_steps(keep, page_call, reason, dry_run)


def _stop_all_steps(
    keep: Callable[[SessionInfo], bool],
    page_call: Callable[[int], Call[ops.Page]],
    reason: SessionEndReason,
    dry_run: bool,
) -> Procedure[list[str]]:
    chosen: list[str] = []
    page = 1
    while True:
        found, more = yield page_call(page)
        chosen += [session.id for session in found if keep(session)]
        if not (more and found):
            break
        page += 1
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


_clock = time.monotonic
"""What wait_until_ended measures its timeout by; tests replace it to drive time."""


def wait_until_ended(
    session_id: Id, *, timeout: float | None = None, poll_every: float = 5.0
) -> Procedure[SessionInfo]:
    """Poll `get` until the session has ended (LiveAvatar has no webhooks); its final `SessionInfo`.

    Raises:
        APITimeoutError: `timeout` seconds passed and the session is still active.
    """
    limit, every = ops.wait_settings(timeout, poll_every)
    get = ops.get(session_id)
    return _wait_steps(get, limit, every, _clock)


def _wait_steps(
    get: Call[SessionInfo], limit: float | None, every: float, clock: Callable[[], float]
) -> Procedure[SessionInfo]:
    started = clock()
    while True:
        session: SessionInfo = yield get
        if session.ended:
            return session
        waited = clock() - started
        if limit is not None and waited >= limit:
            raise APITimeoutError(f"Session {session.id} had not ended after {limit:g} s of polling")
        yield Sleep(every if limit is None else min(every, limit - waited))
