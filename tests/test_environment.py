"""The suite's own set-up: every test runs without the developer's `LIVEAVATAR_*` settings."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest

from tests.conftest import ENV_PREFIX


@pytest.fixture(scope="module", autouse=True)
def developer_settings() -> Iterator[None]:
    """Settings a developer's shell might export, present before any test of this module starts."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("LIVEAVATAR_API_KEY", "sk_developers_own_key_0000")
        patch.setenv("LIVEAVATAR_SOMETHING_NEW", "1")
        yield None


def test_no_liveavatar_variable_reaches_a_test() -> None:
    """The root conftest removes every `LIVEAVATAR_*` variable, known or not, before each test."""
    assert [name for name in os.environ if name.startswith(ENV_PREFIX)] == []
