"""Fixtures for every test: no test sees the developer's own LiveAvatar settings."""

from __future__ import annotations

import os

import pytest

ENV_PREFIX = "LIVEAVATAR_"


@pytest.fixture(autouse=True)
def no_liveavatar_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """Remove every `LIVEAVATAR_*` variable (key, base URL, log level, ...) for the test; restored after it."""
    for name in [name for name in os.environ if name.startswith(ENV_PREFIX)]:
        monkeypatch.delenv(name)
