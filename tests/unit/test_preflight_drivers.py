"""The preflight's machinery without a server: the async driver's concurrency, and the cache's clock and bound."""

from __future__ import annotations

import asyncio
from typing import Any

from liveavatar import _operations as ops
from liveavatar import _procedures as procedures
from liveavatar._errors import InternalServerError
from liveavatar._preflight import PreflightCache
from liveavatar._procedures import Gather, Procedure


def _gathering(count: int) -> Procedure[list[Any]]:
    outcomes: list[Any] = yield Gather([ops.credits() for _ in range(count)])
    return outcomes


def test_the_async_driver_sends_a_gathered_step_at_once() -> None:
    """Every call of a Gather is in flight together on the async client, and each outcome comes back in order."""
    in_flight = 0
    most = 0

    async def send(call: Any) -> int:
        nonlocal in_flight, most
        in_flight += 1
        most = max(most, in_flight)
        await asyncio.sleep(0)
        await asyncio.sleep(0)
        in_flight -= 1
        return most

    outcomes = asyncio.run(procedures.arun(send, _gathering(4)))
    assert (4, 4) == (most, len(outcomes))


def test_the_sync_driver_sends_a_gathered_step_in_turn_and_hands_back_errors() -> None:
    """On the sync client the calls go one after another; a LiveAvatarError is an outcome, not raised."""
    sent: list[int] = []
    failure = InternalServerError("boom", status_code=503, body=None, headers={}, request_id=None)

    def send(call: Any) -> int:
        sent.append(len(sent))
        if len(sent) == 2:
            raise failure
        return len(sent)

    assert [1, failure, 3] == procedures.run(send, _gathering(3))


def test_the_async_driver_hands_back_errors_as_outcomes() -> None:
    """An async call's LiveAvatarError is its outcome; the other calls' results still arrive."""
    failure = InternalServerError("boom", status_code=500, body=None, headers={}, request_id=None)

    async def send(call: Any) -> str:
        if call.path.endswith("credits"):
            raise failure
        return "x"

    assert [failure, failure] == asyncio.run(procedures.arun(send, _gathering(2)))


def test_a_cached_answer_lives_for_its_ttl_on_the_cache_clock() -> None:
    """Fresh before the TTL, gone at it; `clear` forgets everything."""
    now = [100.0]
    cache = PreflightCache(ttl=60.0, clock=lambda: now[0])
    cache.put(("avatars.get", "/v1/avatars/a?"), "avatar")
    now[0] = 159.9
    assert (True, "avatar") == cache.get(("avatars.get", "/v1/avatars/a?"))
    now[0] = 160.0
    assert (False, None) == cache.get(("avatars.get", "/v1/avatars/a?"))
    cache.put(("x", "y"), 1)
    cache.clear()
    assert 0 == len(cache)


def test_the_cache_holds_at_most_its_size_dropping_the_oldest() -> None:
    """A full cache drops its oldest answer for each new one."""
    cache = PreflightCache(size=2)
    for name in ("a", "b", "c"):
        cache.put((name, ""), name)
    assert (2, False, True) == (len(cache), cache.get(("a", ""))[0], cache.get(("c", ""))[0])


def test_a_problem_reads_as_its_severity_path_and_message() -> None:
    """`str(problem)` names the severity and the argument, or the check when no argument is at fault."""
    from liveavatar import PreflightProblem

    assert "error: avatar_id: gone" == str(PreflightProblem("avatar_not_found", "avatar_id", "gone"))
    assert "warning: api_key: slow" == str(PreflightProblem("check_failed", "", "slow", "warning", "api_key"))
