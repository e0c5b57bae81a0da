"""CLI corners: option values refused in one line, a bad base URL, the mock command served in-process until Ctrl-C."""

from __future__ import annotations

import logging
import os
import signal
import sys
import threading
import time
from collections.abc import Iterator

import httpx
import pytest

from liveavatar import _cli
from tests.cli.support import AVATAR, RunCli, free_port

USAGE = 2
SETUP = 4


@pytest.mark.parametrize(
    ("arguments", "words"),
    [
        (["token", "create-lite", "--avatar-id", AVATAR, "--timeout", "soon"], "expected seconds, got 'soon'"),
        (["token", "create-lite", "--avatar-id", AVATAR, "--timeout", "-3"], "must be a positive number of seconds"),
        (["token", "create-lite", "--avatar-id", AVATAR, "--timeout", "nan"], "must be a positive number of seconds"),
        (["token", "create-lite", "--avatar-id", AVATAR, "--max-retries", "two"], "expected a whole number"),
        (["token", "create-lite", "--avatar-id", AVATAR, "--max-retries", "-1"], "must be 0 or more, got -1"),
        (["sessions", "ls", "--limit", "1.5"], "expected a whole number, got '1.5'"),
        (["token", "create", "--avatar-id", AVATAR, "--var", "name"], "expected NAME=VALUE, got 'name'"),
    ],
)
def test_a_bad_option_value_is_a_usage_error_naming_it(cli: RunCli, arguments: list[str], words: str) -> None:
    """A value an option cannot take exits 2 with one `liveavatar: error:` line saying what was expected."""
    code, out, err = cli(*arguments)

    assert (USAGE, "") == (code, out)
    assert words in err
    assert "Traceback" not in err


def test_a_secret_option_without_its_value_is_a_usage_error_without_a_crash(cli: RunCli) -> None:
    """`--api-key` as the last argument (its value missing) exits 2 with argparse's words, nothing to mask."""
    code, out, err = cli("token", "create-lite", "--avatar-id", AVATAR, "--api-key")

    assert (USAGE, "") == (code, out)
    assert "--api-key" in err
    assert "expected one argument" in err


def test_a_base_url_that_is_not_a_url_is_a_setup_error(cli: RunCli, monkeypatch: pytest.MonkeyPatch) -> None:
    """LIVEAVATAR_BASE_URL that is not an http(s) URL exits 4 with the client's own words on one line."""
    monkeypatch.setenv("LIVEAVATAR_BASE_URL", "ftp://example.com")

    code, out, err = cli("credits")

    assert (SETUP, "") == (code, out)
    assert "liveavatar: error: base_url must be an http(s) URL with a host, got scheme 'ftp'" == err.strip()


def test_mock_without_its_extra_is_a_setup_error(cli: RunCli, monkeypatch: pytest.MonkeyPatch) -> None:
    """`liveavatar mock` when the mock cannot be imported (no [mock] extra) exits 4 in one line, no traceback."""
    monkeypatch.setitem(sys.modules, "liveavatar.mock", None)

    code, out, err = cli("mock", "--port", "0")

    assert (SETUP, "") == (code, out)
    assert "liveavatar.mock" in err
    assert "Traceback" not in err


@pytest.fixture
def uvicorn_logging() -> Iterator[None]:
    """The uvicorn loggers as they were: `serve` configures them for a terminal, as a dev server should."""
    names = ("uvicorn", "uvicorn.error", "uvicorn.access")
    saved = {
        name: (logger.handlers[:], logger.level, logger.propagate, logger.disabled)
        for name in names
        for logger in [logging.getLogger(name)]
    }
    yield
    for name, (handlers, level, propagate, disabled) in saved.items():
        logger = logging.getLogger(name)
        logger.handlers[:] = handlers
        logger.setLevel(level)
        logger.propagate = propagate
        logger.disabled = disabled


@pytest.mark.skipif(threading.current_thread() is not threading.main_thread(), reason="signals need the main thread")
def test_mock_serves_until_ctrl_c_then_exits_0(
    uvicorn_logging: None, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """`liveavatar mock` in-process announces its URL, answers requests, and returns 0 after SIGINT."""
    monkeypatch.delenv("LIVEAVATAR_LOG", raising=False)
    port = free_port()
    answered: list[int] = []

    def client() -> None:
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            try:
                response = httpx.get(f"http://127.0.0.1:{port}/v1/users/credits", headers={"X-API-KEY": "k"}, timeout=2)
            except httpx.TransportError:
                time.sleep(0.01)  # not listening yet: poll, a condition not a fixed wait
                continue
            answered.append(response.status_code)
            break
        os.kill(os.getpid(), signal.SIGINT)

    helper = threading.Thread(target=client, daemon=True)
    helper.start()
    code = _cli.main(["mock", "--port", str(port), "--quiet"])
    helper.join(10)
    out, _ = capsys.readouterr()

    assert 0 == code
    assert [200] == answered
    assert f"LiveAvatar mock listening on http://127.0.0.1:{port}" == out.strip()
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler
