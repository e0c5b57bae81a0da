"""wait_until_ended(timeout=T) against a peer on 127.0.0.1 that never answers a poll: it raises within T and a margin."""

from __future__ import annotations

import asyncio
import time

import pytest

import liveavatar
from liveavatar import AsyncLiveAvatar, LiveAvatar
from liveavatar._config import WAIT_POLL_MARGIN
from tests.wire.conftest import SESSION_ID, WireServer

API_KEY = "sk_wire_wait_0123456789"
TIMEOUT = 1.0


@pytest.mark.parametrize("kind", ["sync", "async"])
def test_wait_until_ended_keeps_its_timeout_with_a_poll_hanging(wire_server: WireServer, kind: str) -> None:
    """Each poll reads, then hangs: wait_until_ended(timeout=1) raises APITimeoutError within 1 s and the margin."""
    wire_server.script(*(wire_server.hang() for _ in range(5)))

    def wait() -> None:
        if kind == "sync":
            with LiveAvatar(api_key=API_KEY, base_url=wire_server.url) as client:
                client.sessions.wait_until_ended(SESSION_ID, timeout=TIMEOUT, poll_every=5)
            return

        async def scenario() -> None:
            async with AsyncLiveAvatar(api_key=API_KEY, base_url=wire_server.url) as client:
                await client.sessions.wait_until_ended(SESSION_ID, timeout=TIMEOUT, poll_every=5)

        asyncio.run(scenario())

    started = time.monotonic()
    with pytest.raises(liveavatar.APITimeoutError):
        wait()

    assert time.monotonic() - started <= TIMEOUT + WAIT_POLL_MARGIN + 0.5
