"""Soak: many concurrent mints through one `AsyncLiveAvatar`, with no leaked sockets or warnings.

Async only by nature: it is the async client that serves many concurrent
callers from one connection pool. The server runs in a child process, so the
file descriptors counted here are the client's alone, and the server does not
compete with the client for this process's GIL.
"""

from __future__ import annotations

import asyncio
import gc
import os
import time
import warnings
from pathlib import Path
from typing import Any

import pytest

from liveavatar import AsyncLiveAvatar, SessionToken
from liveavatar._config import POOL_LIMITS
from tests.wire.conftest import ServerProcess

pytestmark = [
    pytest.mark.wire,
    pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="counts file descriptors in /proc/self/fd"),
]

TOKENS = 5_000
WORKERS = 200
FD_TOLERANCE = 2
"""Descriptors that may stay open after `aclose` without being a leak (pytest's own files come and go)."""


def open_fds() -> int:
    return len(os.listdir("/proc/self/fd"))


async def mint_many(base_url: str, api_key: str, token_request: dict[str, Any]) -> tuple[list[SessionToken], int]:
    """`TOKENS` mints by `WORKERS` concurrent tasks on one client; the tokens, and the most fds seen open meanwhile."""
    client = AsyncLiveAvatar(api_key=api_key, base_url=base_url)
    jobs = iter(range(TOKENS))
    tokens: list[SessionToken] = []
    peak = open_fds()

    async def worker() -> None:
        for _ in jobs:  # one shared iterator: each job is taken by exactly one worker
            tokens.append(await client.sessions.create_token(**token_request))

    async def sample_fds() -> None:
        nonlocal peak
        while True:
            peak = max(peak, open_fds())
            await asyncio.sleep(0.05)

    sampler = asyncio.create_task(sample_fds())
    try:
        await asyncio.gather(*(worker() for _ in range(WORKERS)))
    finally:
        sampler.cancel()
        await client.aclose()
    return tokens, peak


@pytest.mark.slow
def test_5000_concurrent_mints_succeed_and_leak_no_descriptors_or_warnings(
    wire_server_process: ServerProcess, canary: dict[str, str], token_request: dict[str, Any]
) -> None:
    """200 tasks mint 5,000 tokens on one `AsyncLiveAvatar`; after `aclose` the fds are back to baseline, no warnings."""
    baseline = open_fds()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        started, cpu_started = time.perf_counter(), time.process_time()
        tokens, peak = asyncio.run(mint_many(wire_server_process.url, canary["api_key"], token_request))
        elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu_started
        after = open_fds()
        gc.collect()
    wire_server_process.stop()
    print(
        f"{TOKENS} mints in {elapsed:.1f} s ({cpu:.1f} s of CPU here); fds: baseline {baseline}, peak {peak}, after {after}; "
        f"{wire_server_process.connections} connections"
    )

    assert TOKENS == len(tokens)
    assert {canary["session_token"]} == {token.session_token for token in tokens}
    assert 0 == sum(token.retries_taken for token in tokens)
    assert TOKENS == wire_server_process.requests
    # The count sees the pool's connections while they are open, and no more than the pool holds:
    # the 200 tasks wait at the client's gate, not in new connections...
    # (asyncio.run's loop adds its selector and self-pipe: three fds of its own.)
    pool, loop_fds = POOL_LIMITS.max_connections or 0, 3
    assert baseline + pool // 2 <= peak <= baseline + pool + loop_fds + FD_TOLERANCE, (
        f"baseline {baseline}, peak {peak}"
    )
    # ...and none of them after aclose, however many connections were made.
    assert after <= baseline + FD_TOLERANCE, f"baseline {baseline}, after {after}"
    assert [] == [f"{w.category.__name__}: {w.message}" for w in caught]
