"""pytest fixtures for code that uses `liveavatar`: a running LiveAvatar mock.

Registered through the `pytest11` entry point (named `liveavatar`), so
pytest loads this module for everyone who installs `liveavatar`, with or
without the `[mock]` extra. It therefore costs a run that never uses it
nothing beyond `import liveavatar`: the mock (and starlette, uvicorn and
jsonschema with it) is imported when a fixture is first used, and without
the extra that use fails with the command that fixes it.

To turn the plugin off, run `pytest -p no:liveavatar` (or put
`addopts = -p no:liveavatar` in your pytest configuration); its fixtures
are then unknown to pytest.

Fixtures:

- `liveavatar_mock`: the one you want. A `liveavatar.mock.MockServer`,
  reset (records cleared, faults back to the config's) before and after
  each test::

      def test_mint(liveavatar_mock):
          client = LiveAvatar(api_key="test-key", base_url=liveavatar_mock.url)
          client.sessions.create_token(...)
          assert liveavatar_mock.last_request.status == 200

- `liveavatar_mock_server`: the same server, session-scoped, not reset;
  started on first use, stopped at the end of the session.
- `liveavatar_mock_config`: the `MockConfig` the server is built with.
  Session-scoped; override it in a `conftest.py` to change the accepted
  keys, success code, memories, sandbox avatars or starting faults.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterator
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from types import ModuleType

    from liveavatar.mock import MockConfig, MockServer

__all__ = ["liveavatar_mock", "liveavatar_mock_config", "liveavatar_mock_server"]


def _mock_module() -> ModuleType:
    # import_module, not `from liveavatar import mock`: the latter would find
    # a stale attribute on the package after a failed import.
    try:
        return importlib.import_module("liveavatar.mock")
    except ImportError as exc:
        pytest.fail(
            f'The liveavatar_mock fixtures need the [mock] extra: pip install "liveavatar[mock]" ({exc})',
            pytrace=False,
        )


@pytest.fixture(scope="session")
def liveavatar_mock_config() -> MockConfig:
    """The `MockConfig` of the session's mock server; override it to configure the mock."""
    config: MockConfig = _mock_module().MockConfig()
    return config


@pytest.fixture(scope="session")
def liveavatar_mock_server(liveavatar_mock_config: MockConfig) -> Iterator[MockServer]:
    """A LiveAvatar mock on 127.0.0.1 (free port), shared by the whole session, never reset."""
    server: MockServer = _mock_module().MockServer(liveavatar_mock_config)
    with server:
        yield server


@pytest.fixture
def liveavatar_mock(liveavatar_mock_server: MockServer) -> Iterator[MockServer]:
    """The session's LiveAvatar mock, reset before and after the test; its base URL is `.url`."""
    liveavatar_mock_server.reset()
    yield liveavatar_mock_server
    liveavatar_mock_server.reset()
