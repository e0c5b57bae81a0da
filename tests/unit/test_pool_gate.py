"""The async client's own pool takes at most `POOL_LIMITS.max_connections` requests at once; the rest wait outside it."""

from __future__ import annotations

import asyncio
from typing import Any

import httpx

from liveavatar import APITimeoutError, AsyncLiveAvatar, VoiceAgent
from liveavatar._config import POOL_LIMITS
from tests.unit.support import API_KEY, AVATAR_ID, CONTEXT_ID, token_response

POOL = POOL_LIMITS.max_connections or 0


class HeldAnswers:
    """An async MockTransport handler that holds every request until released, counting how many it holds at once."""

    def __init__(self, full_at: int = POOL) -> None:
        self.full_at = full_at
        self.held = 0
        self.most_held = 0
        self.release = asyncio.Event()
        self.full = asyncio.Event()

    async def __call__(self, request: httpx.Request) -> httpx.Response:
        self.held += 1
        self.most_held = max(self.most_held, self.held)
        if self.held == self.full_at:
            self.full.set()
        await self.release.wait()
        self.held -= 1
        return token_response()


def own_pool_client(handler: HeldAnswers, **options: object) -> AsyncLiveAvatar:
    """A client on its own pool (limits, gate and all) whose transport is swapped for `handler`."""
    client = AsyncLiveAvatar(api_key=API_KEY, **options)  # type: ignore[arg-type]
    client._http._transport = httpx.MockTransport(handler)
    return client


def mint(client: AsyncLiveAvatar, **options: object) -> asyncio.Future[Any]:
    call = client.sessions.create_token(avatar_id=AVATAR_ID, voice_agent=VoiceAgent(id=CONTEXT_ID), **options)  # type: ignore[call-overload]
    future: asyncio.Future[Any] = asyncio.ensure_future(call)
    return future


def test_the_gate_is_the_pools_size() -> None:
    """The gate and the pool agree: callers beyond the pool's connections are the ones that wait."""
    assert POOL > 0
    assert POOL == POOL_LIMITS.max_keepalive_connections


def test_no_more_requests_than_connections_enter_the_pool() -> None:
    """With three times the pool's size in flight, the transport never holds more than the pool's size; all succeed."""

    async def scenario() -> tuple[int, int]:
        handler = HeldAnswers()
        async with own_pool_client(handler) as client:
            calls = [mint(client) for _ in range(3 * POOL)]
            await handler.full.wait()
            await asyncio.sleep(0)  # let any caller the gate failed to stop reach the transport
            handler.release.set()
            done = await asyncio.gather(*calls)
        return handler.most_held, len(done)

    assert (POOL, 3 * POOL) == asyncio.run(scenario())


def test_waiting_at_the_gate_counts_against_the_deadline() -> None:
    """A call that cannot get into a full pool before its timeout is an APITimeoutError, as a pool wait is."""

    async def scenario() -> tuple[BaseException | None, int]:
        handler = HeldAnswers()
        async with own_pool_client(handler, max_retries=0) as client:
            holding = [mint(client) for _ in range(POOL)]
            await handler.full.wait()
            late = mint(client, timeout=0.05)
            error = await asyncio.gather(late, return_exceptions=True)
            handler.release.set()
            await asyncio.gather(*holding)
        return (error[0] if isinstance(error[0], BaseException) else None), handler.most_held

    error, most_held = asyncio.run(scenario())
    assert isinstance(error, APITimeoutError)
    assert POOL == most_held  # it timed out at the gate, never reaching the transport


def test_a_with_options_copy_shares_the_gate_of_the_pool_it_shares() -> None:
    """Calls on the original and on a `with_options` copy together never exceed the pool's size."""

    async def scenario() -> int:
        handler = HeldAnswers()
        async with own_pool_client(handler) as client:
            copy = client.with_options(max_retries=0)
            calls = [mint(client if index % 2 else copy) for index in range(2 * POOL)]
            await handler.full.wait()
            await asyncio.sleep(0)
            handler.release.set()
            await asyncio.gather(*calls)
        return handler.most_held

    assert POOL == asyncio.run(scenario())


def test_one_client_on_two_event_loops_in_turn_is_gated_on_each() -> None:
    """The gate is rebuilt for a new running loop, so a client used by two `asyncio.run`s in turn works on both."""
    client = AsyncLiveAvatar(api_key=API_KEY)
    client._http._transport = httpx.MockTransport(lambda request: token_response())

    async def burst() -> int:
        return len(await asyncio.gather(*(mint(client) for _ in range(2 * POOL))))

    assert (2 * POOL, 2 * POOL) == (asyncio.run(burst()), asyncio.run(burst()))
    asyncio.run(client.aclose())


def test_a_callers_pool_is_not_gated() -> None:
    """With `http_client=`, the caller's pool and its limits decide: every request reaches its transport at once."""

    async def scenario() -> int:
        handler = HeldAnswers(full_at=POOL + 5)
        pool = httpx.AsyncClient(transport=httpx.MockTransport(handler))
        async with AsyncLiveAvatar(api_key=API_KEY, http_client=pool) as client:
            calls = [mint(client) for _ in range(POOL + 5)]
            await handler.full.wait()
            handler.release.set()
            await asyncio.gather(*calls)
        await pool.aclose()
        return handler.most_held

    assert POOL + 5 == asyncio.run(scenario())
