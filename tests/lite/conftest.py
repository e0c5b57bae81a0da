"""Fixtures for the LITE channel tests: `flavour`, parametrized over the sync and the async connection."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.lite.support import Flavour


@pytest.fixture(params=["sync", "async"])
def flavour(request: pytest.FixtureRequest) -> Iterator[Flavour]:
    """Open connections of one flavour over scripted in-process sockets; close them after the test."""
    made = Flavour(request.param)
    yield made
    made.finish()
