"""Fixtures for the mock's tests: an httpx client on the plugin's `liveavatar_mock` server, and the spec check."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

import liveavatar
from liveavatar.mock import MockServer
from tests.mock.spec_check import spec_problems
from tests.mock.support import API_KEY, OneLoop
from tests.unit.support import Minter


@pytest.fixture
def api(liveavatar_mock: MockServer) -> Iterator[httpx.Client]:
    """A plain httpx client on the running mock, sending a valid `X-API-KEY`."""
    with httpx.Client(base_url=liveavatar_mock.url, headers={"X-API-KEY": API_KEY}, timeout=10) as client:
        yield client


@pytest.fixture
def spec_checked(liveavatar_mock: MockServer) -> Iterator[MockServer]:
    """The mock; after the test, every response it gave must match the spec's schema for its operation and status."""
    yield liveavatar_mock
    assert [] == spec_problems(liveavatar_mock.requests)


@pytest.fixture(params=["sync", "async"])
def sdk(request: pytest.FixtureRequest, liveavatar_mock: MockServer) -> Iterator[Minter]:
    """A sync or an async client on the running mock, called through one synchronous surface."""
    minter: Minter
    if request.param == "sync":
        minter = Minter(liveavatar.LiveAvatar(api_key=API_KEY, base_url=liveavatar_mock.url, max_retries=0))
    else:
        minter = OneLoop(liveavatar.AsyncLiveAvatar(api_key=API_KEY, base_url=liveavatar_mock.url, max_retries=0))
    yield minter
    minter.close()
