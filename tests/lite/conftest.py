"""Fixtures for the LITE channel tests: `flavour` (sync and async connections) and `served` (one uvicorn per module)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.lite.support import Flavour, SharedServer


@pytest.fixture(params=["sync", "async"])
def flavour(request: pytest.FixtureRequest) -> Iterator[Flavour]:
    """Open connections of one flavour over scripted in-process sockets; close them after the test."""
    made = Flavour(request.param)
    yield made
    made.finish()


@pytest.fixture(scope="module")
def shared_server() -> Iterator[SharedServer]:
    """One uvicorn on 127.0.0.1 for the whole module."""
    server = SharedServer()
    yield server
    server.stop()


@pytest.fixture
def served(shared_server: SharedServer) -> Iterator[SharedServer]:
    """The module's server, for this test's own apps; they are reset and unmounted after it."""
    yield shared_server
    shared_server.reset()
