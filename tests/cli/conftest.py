"""Fixtures of the CLI tests."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from liveavatar import _cli
from liveavatar.mock import MockConfig, MockServer
from tests.cli.support import GOOD_KEY, KEY, RunCli


@pytest.fixture
def cli(liveavatar_mock: MockServer, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> RunCli:
    """Run the CLI in-process against the session's mock; returns (exit code, stdout, stderr)."""
    monkeypatch.setenv("LIVEAVATAR_API_KEY", KEY)
    monkeypatch.setenv("LIVEAVATAR_BASE_URL", liveavatar_mock.url)
    monkeypatch.delenv("LIVEAVATAR_LOG", raising=False)

    def run(*arguments: str) -> tuple[int, str, str]:
        code = _cli.main(list(arguments))
        out, err = capsys.readouterr()
        return code, out, err

    return run


@pytest.fixture(scope="module")
def strict_mock() -> Iterator[MockServer]:
    """A mock that accepts one API key only, `GOOD_KEY`."""
    with MockServer(MockConfig(api_keys={GOOD_KEY})) as server:
        yield server
