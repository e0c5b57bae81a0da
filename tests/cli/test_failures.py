"""How the CLI fails: one line in the user's terms, never a traceback, a documented exit code."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import threading
import time
from typing import Any

import pytest

from liveavatar import InvalidRequestError, LiveAvatar, _cli
from liveavatar.mock import MockServer
from liveavatar.testing import no_retry_waits
from tests.cli.support import AGENT, AVATAR, CLI, CONTEXT, GOOD_KEY, KEY, VOICE, RunCli, free_port


def one_line(err: str) -> str:
    """The single line the CLI printed on stderr (fails if it printed more)."""
    lines = err.splitlines()
    assert 1 == len(lines), err
    return lines[0]


# --- interrupts and the mock's port -------------------------------------------------


@pytest.mark.subprocess
def test_interrupt_during_a_retry_wait_exits_130(liveavatar_mock: MockServer) -> None:
    """SIGINT while the installed CLI waits to retry prints one line and exits 130."""
    liveavatar_mock.force_status(503, retry_after=30)
    env = {**os.environ, "LIVEAVATAR_API_KEY": KEY, "LIVEAVATAR_BASE_URL": liveavatar_mock.url}
    env.pop("LIVEAVATAR_LOG", None)

    # SIGINT back to its default in the child: a runner that started us in the
    # background may have set it to "ignored", which Python would inherit.
    with subprocess.Popen(
        [CLI, "token", "create-lite", "--avatar-id", AVATAR, "--max-retries", "1"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    ) as process:
        deadline = time.monotonic() + 30
        while not liveavatar_mock.requests and process.poll() is None and time.monotonic() < deadline:
            time.sleep(0.01)
        # The 503 asked for 30 s: from here on the CLI is answering it or waiting.
        process.send_signal(signal.SIGINT)
        out, err = process.communicate(timeout=20)

    assert (130, "") == (process.returncode, out)
    assert "liveavatar: interrupted" == one_line(err)
    assert 1 == len(liveavatar_mock.requests)


def test_interrupt_in_the_retry_wait_in_process(
    cli: RunCli, liveavatar_mock: MockServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A KeyboardInterrupt raised by the retry's sleep itself gives one line and 130."""
    liveavatar_mock.force_status(503, retry_after=5)
    real_sleep = time.sleep
    waits: list[float] = []

    def interrupted_sleep(seconds: float) -> None:
        if threading.current_thread() is not threading.main_thread():
            real_sleep(seconds)  # the mock's own threads
            return
        waits.append(seconds)
        raise KeyboardInterrupt

    monkeypatch.setattr(time, "sleep", interrupted_sleep)

    try:
        code, out, err = cli("token", "create-lite", "--avatar-id", AVATAR, "--max-retries", "2")
    except KeyboardInterrupt:
        pytest.fail("the KeyboardInterrupt escaped main()")

    assert (130, "") == (code, out)
    assert "liveavatar: interrupted" == one_line(err)
    assert [5.0] == waits


def test_mock_on_a_port_in_use_exits_4_with_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    """`liveavatar mock --port N` with N taken says so in one line and exits 4."""
    with socket.create_server(("127.0.0.1", 0)) as taken:
        port = taken.getsockname()[1]

        code = _cli.main(["mock", "--port", str(port), "--quiet"])

    out, err = capsys.readouterr()
    assert (4, "") == (code, out)
    assert f"liveavatar: error: cannot listen on 127.0.0.1:{port}: Address already in use" == one_line(err)


@pytest.mark.parametrize("port", ["99999", "-1", "http"])
def test_mock_port_out_of_range_is_a_usage_error(port: str, capsys: pytest.CaptureFixture[str]) -> None:
    """`--port 99999` (or -1, or not a number) is a one-line usage error, exit 2."""
    code = _cli.main(["mock", "--port", port])

    out, err = capsys.readouterr()
    assert (2, "") == (code, out)
    assert one_line(err).startswith("liveavatar: error: argument --port: ")
    assert "Traceback" not in err


# --- the persona / voice agent rule, in the options the user typed -------------------


def test_create_without_persona_or_voice_agent_is_refused(cli: RunCli, liveavatar_mock: MockServer) -> None:
    """`token create --avatar-id X` alone is refused before sending, as the Python API refuses it."""
    code, out, err = cli("token", "create", "--avatar-id", AVATAR)
    with LiveAvatar(api_key=KEY, base_url=liveavatar_mock.url) as client:
        sessions: Any = client.sessions  # untyped: the typed overloads forbid this call on purpose
        with pytest.raises(InvalidRequestError) as caught:
            sessions.create_token(avatar_id=AVATAR)

    assert (3, "") == (code, out)
    assert (
        "liveavatar: error: invalid request: give a persona (--voice-id, --context-id, --language) or --voice-agent-id"
        == one_line(err)
    )
    assert ["persona"] == [problem.path for problem in caught.value.problems]
    assert [] == liveavatar_mock.requests


@pytest.mark.parametrize(
    ("arguments", "expected"),
    [
        (["--voice-id", "nope", "--context-id", CONTEXT], "--voice-id: must be a UUID, got 'nope'"),
        (["--voice-id", VOICE, "--context-id", "nope"], "--context-id: must be a UUID, got 'nope'"),
        (["--voice-agent-id", "nope"], "--voice-agent-id: must be a UUID, got 'nope'"),
        (["--voice-agent-id", AGENT, "--voice-id", VOICE], "give --voice-agent-id or the persona options"),
        (["--voice-id", VOICE, "--sandbox", "--max-duration", "61"], "--max-duration: at most 60 in sandbox"),
        (["--voice-id", VOICE, "--llm-configuration-id", "x"], "--llm-configuration-id: must be a UUID"),
        (["--voice-id", VOICE, "--var", "name=" + "x" * 1001], "--var name=...: at most 1000 characters"),
        (["--voice-id", VOICE, "--language", "\udcff"], "--language: must be text UTF-8 can encode"),
    ],
)
def test_refusals_name_the_options_typed(
    cli: RunCli, liveavatar_mock: MockServer, arguments: list[str], expected: str
) -> None:
    """Every refusal names the CLI option (`--voice-id`), never the Python path (`persona.voice_id`)."""
    code, _, err = cli("token", "create", "--avatar-id", AVATAR, *arguments)

    line = one_line(err)
    assert 3 == code
    assert expected in line
    for python_name in ("persona.", "voice_agent", "_id", "max_session_duration", "dynamic_variables"):
        assert python_name not in line
    assert [] == liveavatar_mock.requests


def test_every_problem_of_a_request_is_named(cli: RunCli) -> None:
    """All problems of one command are reported together, each by its option."""
    code, _, err = cli("token", "create", "--avatar-id", "bad", "--voice-id", "worse", "--sandbox", "--max-duration",
                       "300")  # fmt: skip

    assert 3 == code
    assert one_line(err).count("--") == 3
    for option in ("--avatar-id:", "--voice-id:", "--max-duration:"):
        assert option in err


@pytest.mark.parametrize(
    ("option", "expected"),
    [
        ("--livekit-url", "--livekit-url: must be text UTF-8 can encode"),
        ("--livekit-room", "--livekit-room: must be text UTF-8 can encode"),
        ("--livekit-token", "--livekit-token: must be text UTF-8 can encode"),
    ],
)
def test_lite_refusals_name_the_options_typed(
    cli: RunCli, liveavatar_mock: MockServer, option: str, expected: str
) -> None:
    """A refused LiveKit value (a byte that is not UTF-8 on the command line) names its option."""
    values = {"--livekit-url": "wss://lk", "--livekit-room": "room", "--livekit-token": "lk_token_0123456789"}
    values[option] = "not\udcffutf8"

    code, _, err = cli(
        "token", "create-lite", "--avatar-id", AVATAR, *(part for pair in values.items() for part in pair)
    )

    line = one_line(err)
    assert 3 == code
    assert expected in line
    assert "connector" not in line
    assert [] == liveavatar_mock.requests


def test_lite_with_two_connectors_is_refused_in_options(cli: RunCli, liveavatar_mock: MockServer) -> None:
    """LiveKit and Agora options together are refused, naming the option groups."""
    code, _, err = cli("token", "create-lite", "--avatar-id", AVATAR, "--livekit-url", "wss://lk", "--livekit-room",
                       "r", "--livekit-token", "t", "--agora-app-id", "a", "--agora-token", "t", "--agora-channel",
                       "c", "--agora-uid", "1")  # fmt: skip

    assert 3 == code
    assert "give the --livekit-* options or the --agora-* options, not both" in one_line(err)
    assert [] == liveavatar_mock.requests


# --- messages that say what happened and what to do --------------------------------


def test_connection_error_names_the_url_tried(cli: RunCli) -> None:
    """A connection failure names the URL the CLI tried."""
    base_url = f"http://127.0.0.1:{free_port()}"

    code, _, err = cli("token", "create-lite", "--avatar-id", AVATAR, "--base-url", base_url, "--max-retries", "0")

    assert 5 == code
    assert f"POST {base_url}/v1/sessions/token " in one_line(err)
    assert 1 == err.count(base_url)


def test_not_found_hints_at_a_base_url_ending_in_v1(cli: RunCli, liveavatar_mock: MockServer) -> None:
    """A 404 from a base URL that already ends in /v1 says so and suggests the fix."""
    code, _, err = cli("token", "create-lite", "--avatar-id", AVATAR, "--base-url", f"{liveavatar_mock.url}/v1/")

    line = one_line(err)
    assert 6 == code
    assert line.startswith("liveavatar: error: HTTP 404: ")
    assert f"POST {liveavatar_mock.url}/v1/v1/sessions/token" in line
    assert f"the base URL ends in /v1, which the SDK adds itself: try --base-url {liveavatar_mock.url})" in line


def test_not_found_without_v1_has_no_hint(cli: RunCli, liveavatar_mock: MockServer) -> None:
    """A 404 from another wrong base URL names the URL and offers no /v1 hint."""
    code, _, err = cli("token", "create-lite", "--avatar-id", AVATAR, "--base-url", f"{liveavatar_mock.url}/api")

    assert 6 == code
    assert "/v1, which" not in one_line(err)
    assert f"POST {liveavatar_mock.url}/api/v1/sessions/token" in err


def test_rate_limit_says_how_long_the_server_asked_to_wait(cli: RunCli, liveavatar_mock: MockServer) -> None:
    """A 429 says how long the server asked the caller to wait."""
    liveavatar_mock.force_status(429, retry_after=7)

    code, _, err = cli("token", "create-lite", "--avatar-id", AVATAR, "--max-retries", "0")

    assert 6 == code
    assert one_line(err).startswith("liveavatar: error: HTTP 429: ")
    assert err.rstrip().endswith("(the server asked to wait 7 s)")


def test_one_retry_is_singular(cli: RunCli, liveavatar_mock: MockServer) -> None:
    """A failure after one retry says "after 1 retry", not "after 1 retries"."""
    liveavatar_mock.force_status(503)

    with no_retry_waits():
        code, _, err = cli("token", "create-lite", "--avatar-id", AVATAR, "--max-retries", "1")

    assert 6 == code
    assert one_line(err).endswith("(after 1 retry)")


def test_missing_key_names_the_variable_and_the_option(cli: RunCli, monkeypatch: pytest.MonkeyPatch) -> None:
    """With no key anywhere the CLI names LIVEAVATAR_API_KEY and --api-key, and exits 4."""
    monkeypatch.delenv("LIVEAVATAR_API_KEY")

    code, _, err = cli("token", "create-lite", "--avatar-id", AVATAR)

    assert 4 == code
    assert "liveavatar: error: no API key: set LIVEAVATAR_API_KEY, or pass --api-key" == one_line(err)


def test_api_key_option_wins_over_the_environment(cli: RunCli, strict_mock: MockServer) -> None:
    """`--api-key` is the key sent, over a wrong LIVEAVATAR_API_KEY, and is never printed."""
    code, out, err = cli("token", "create", "--avatar-id", AVATAR, "--voice-agent-id", AGENT, "--api-key", GOOD_KEY,
                         "--base-url", strict_mock.url)  # fmt: skip

    assert (0, "") == (code, err)
    assert GOOD_KEY not in out
    assert 1 == len(strict_mock.requests)


@pytest.mark.parametrize(
    "arguments",
    [
        ["--api-key", GOOD_KEY, "token", "create"],
        ["token", "create", "--avatar-id", AVATAR, "--api-key", GOOD_KEY, GOOD_KEY],
        ["token", "create-lite", "--avatar-id", AVATAR, f"--api-key={GOOD_KEY}", GOOD_KEY],
        ["token", "create-lite", "--avatar-id", AVATAR, "--livekit-token", GOOD_KEY, GOOD_KEY],
        ["token", "create-lite", "--avatar-id", AVATAR, "--agora-token", GOOD_KEY, GOOD_KEY],
    ],
)
def test_usage_errors_never_echo_a_secret(cli: RunCli, arguments: list[str]) -> None:
    """A usage error that quotes the command line masks the values of --api-key and token options."""
    code, _, err = cli(*arguments)

    assert 2 == code
    assert GOOD_KEY not in err
    assert GOOD_KEY[-4:] in one_line(err)  # the masked form, so the user can tell which argument


def test_a_refused_key_given_as_option_is_not_printed(cli: RunCli, strict_mock: MockServer) -> None:
    """A 401 for a key given with --api-key does not print the key."""
    code, _, err = cli("token", "create-lite", "--avatar-id", AVATAR, "--api-key", "sk_wrong_key_on_the_line_99",
                       "--base-url", strict_mock.url)  # fmt: skip

    assert 4 == code
    assert "sk_wrong_key_on_the_line_99" not in err


@pytest.mark.parametrize("command", ["create", "create-lite"])
def test_token_help_names_the_environment_and_hides_the_key(
    command: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """`token create --help` lists the environment variables and never shows the key's value."""
    monkeypatch.setenv("LIVEAVATAR_API_KEY", GOOD_KEY)

    with pytest.raises(SystemExit) as caught:
        _cli.main(["token", command, "--help"])

    out = capsys.readouterr().out
    assert 0 == caught.value.code
    for text in ("--api-key KEY", "LIVEAVATAR_API_KEY", "LIVEAVATAR_BASE_URL", "LIVEAVATAR_LOG"):
        assert text in out
    assert GOOD_KEY not in out
    assert GOOD_KEY[-4:] not in out
