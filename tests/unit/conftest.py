"""Fixtures for the facade's logic tests: sync and async clients over `httpx.MockTransport`.

`client_factory` is parametrized over both clients and gives the same
synchronous calling surface for each, so every behavioural test runs twice,
once per client, without being written twice.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

import liveavatar
from liveavatar.testing import no_retry_waits
from tests.unit.support import API_KEY, ClientFactory, Handler, Minter


@pytest.fixture(params=["sync", "async"])
def client_factory(request: pytest.FixtureRequest) -> Iterator[ClientFactory]:
    """Build a sync or an async client whose HTTP goes to a MockTransport handler."""
    made: list[Minter] = []

    def factory(handler: Handler, **options: Any) -> Minter:
        options.setdefault("api_key", API_KEY)
        transport = httpx.MockTransport(handler)
        client: liveavatar.LiveAvatar | liveavatar.AsyncLiveAvatar
        if request.param == "sync":
            client = liveavatar.LiveAvatar(http_client=httpx.Client(transport=transport), **options)
        else:
            client = liveavatar.AsyncLiveAvatar(http_client=httpx.AsyncClient(transport=transport), **options)
        minter = Minter(client)
        made.append(minter)
        return minter

    yield factory
    for minter in made:
        minter.close()
        if isinstance(minter.client, liveavatar.AsyncLiveAvatar):
            asyncio.run(minter.client._http.aclose())
        else:
            minter.client._http.close()


@pytest.fixture(autouse=True)
def no_waits() -> Iterator[None]:
    """Retries never sleep (tests/conftest.py already removes the `LIVEAVATAR_*` environment)."""
    with no_retry_waits():
        yield
