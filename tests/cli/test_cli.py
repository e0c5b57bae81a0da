"""The `liveavatar` command line: output, masking, and one exit code per kind of failure."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from liveavatar import _cli
from liveavatar.mock import MockConfig, MockServer

ROOT = Path(__file__).resolve().parents[2]
CLI = str(Path(sys.executable).with_name("liveavatar"))
KEY = "sk_cli_test_key_000111222"
AVATAR = "dd73ea75-1218-4ef3-92ce-606d5f7fbc0a"
OTHER_AVATAR = "3c90c3cc-0d44-4b50-8888-8dd25736052a"
VOICE = "c2527536-6d1f-4412-a643-53a3497dada9"
CONTEXT = "5b9dba8a-aa31-11f0-a6ee-066a7fa2e369"


@pytest.fixture
def cli(liveavatar_mock: MockServer, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]):  # type: ignore[no-untyped-def]
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
    """A mock that accepts one API key only."""
    with MockServer(MockConfig(api_keys={"sk_the_only_good_key_42"})) as server:
        yield server


def test_create_with_persona_prints_the_token_masked(cli, liveavatar_mock: MockServer) -> None:  # type: ignore[no-untyped-def]
    """`token create` with a persona mints a FULL token and prints JSON with the token masked."""
    code, out, err = cli("token", "create", "--avatar-id", AVATAR, "--voice-id", VOICE, "--context-id", CONTEXT,
                         "--language", "en", "--sandbox", "--max-duration", "60")  # fmt: skip

    printed = json.loads(out)
    assert (0, "") == (code, err)
    assert printed["session_token"].startswith("…")
    assert 5 == len(printed["session_token"])
    assert printed["expires_at"]
    body = liveavatar_mock.last_request.body
    assert {"voice_id": VOICE, "context_id": CONTEXT, "language": "en"} == body["avatar_persona"]
    assert (True, 60, "FULL") == (body["is_sandbox"], body["max_session_duration"], body["mode"])


def test_show_token_and_compact_json(cli, liveavatar_mock: MockServer) -> None:  # type: ignore[no-untyped-def]
    """--show-token prints the real token and --json prints one line."""
    code, out, _ = cli("token", "create", "--avatar-id", AVATAR, "--voice-agent-id", VOICE, "--var", "name=Ada",
                       "--var", "plan=pro=max", "--show-token", "--json")  # fmt: skip

    printed = json.loads(out)
    assert 0 == code
    assert 1 == len(out.strip().splitlines())
    assert printed["session_id"] == liveavatar_mock.verify_token(printed["session_token"])["session_id"]
    agent = liveavatar_mock.last_request.body["voice_agent"]
    assert {"id": VOICE, "dynamic_variables": {"name": "Ada", "plan": "pro=max"}} == agent


def test_create_lite_with_livekit(cli, liveavatar_mock: MockServer) -> None:  # type: ignore[no-untyped-def]
    """`token create-lite` sends the LiveKit room under the API's field names."""
    code, _, _ = cli("token", "create-lite", "--avatar-id", OTHER_AVATAR, "--livekit-url", "wss://lk.example",
                     "--livekit-room", "room-1", "--livekit-token", "lk-token")  # fmt: skip

    body = liveavatar_mock.last_request.body
    assert 0 == code
    assert {"livekit_url": "wss://lk.example", "livekit_room": "room-1", "livekit_client_token": "lk-token"} == body[
        "livekit_config"
    ]


def test_create_lite_with_agora(cli, liveavatar_mock: MockServer) -> None:  # type: ignore[no-untyped-def]
    """Agora options go together and are sent as agora_config."""
    code, _, _ = cli("token", "create-lite", "--avatar-id", OTHER_AVATAR, "--agora-app-id", "app", "--agora-token",
                     "t", "--agora-channel", "c", "--agora-uid", "9")  # fmt: skip

    assert 0 == code
    assert "9" == liveavatar_mock.last_request.body["agora_config"]["agora_uid"]


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["token", "create", "--avatar-id", "not-a-uuid", "--voice-id", VOICE], "avatar_id: must be a UUID"),
        (
            ["token", "create", "--avatar-id", AVATAR, "--voice-id", VOICE, "--voice-agent-id", VOICE],
            "give exactly one of persona and voice_agent",
        ),
        (["token", "create-lite", "--avatar-id", AVATAR, "--livekit-url", "wss://x"], "also needs --livekit-room"),
    ],
)
def test_invalid_input_exits_3_without_sending(
    cli,  # type: ignore[no-untyped-def]
    liveavatar_mock: MockServer,
    arguments: list[str],
    message: str,
) -> None:
    """Input the SDK refuses gives exit code 3 and one line on stderr; nothing is sent."""
    code, out, err = cli(*arguments)

    assert (3, "") == (code, out)
    assert message in err
    assert 1 == len(err.strip().splitlines())
    assert [] == liveavatar_mock.requests


def test_server_side_rule_exits_3(cli) -> None:  # type: ignore[no-untyped-def]
    """A 400 from the API (a non-sandbox avatar in sandbox) is an invalid request too."""
    code, _, err = cli("token", "create-lite", "--avatar-id", OTHER_AVATAR, "--sandbox")

    assert 3 == code
    assert err.startswith("liveavatar: error: HTTP 400: ")


def test_missing_key_exits_4(cli, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    """Without LIVEAVATAR_API_KEY the CLI says how to set it and exits 4."""
    monkeypatch.delenv("LIVEAVATAR_API_KEY")

    code, _, err = cli("token", "create-lite", "--avatar-id", AVATAR)

    assert 4 == code
    assert "LIVEAVATAR_API_KEY" in err


def test_wrong_key_exits_4(cli, strict_mock: MockServer) -> None:  # type: ignore[no-untyped-def]
    """A key the API refuses (401) exits 4 and never prints the key."""
    code, _, err = cli("token", "create-lite", "--avatar-id", AVATAR, "--base-url", strict_mock.url)

    assert 4 == code
    assert err.startswith("liveavatar: error: HTTP 401: ")
    assert KEY not in err


def test_unreachable_server_exits_5(cli) -> None:  # type: ignore[no-untyped-def]
    """A refused connection exits 5 and says how many retries were made."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]

    code, _, err = cli("token", "create-lite", "--avatar-id", AVATAR, "--base-url", f"http://127.0.0.1:{port}",
                       "--max-retries", "0")  # fmt: skip

    assert 5 == code
    assert "Connection error" in err


def test_server_failure_exits_6(cli, liveavatar_mock: MockServer) -> None:  # type: ignore[no-untyped-def]
    """A 503 after the retries allowed exits 6, counting the retries."""
    liveavatar_mock.force_status(503)

    code, _, err = cli("token", "create-lite", "--avatar-id", AVATAR, "--max-retries", "1", "--timeout", "5")

    assert 6 == code
    assert err.startswith("liveavatar: error: HTTP 503: ")
    assert err.rstrip().endswith("(after 1 retries)")


def test_usage_error_exits_2(cli) -> None:  # type: ignore[no-untyped-def]
    """An unknown option is a usage error: exit 2, one line."""
    with pytest.raises(SystemExit) as caught:
        cli("token", "create", "--avatar", AVATAR)

    assert 2 == caught.value.code


def test_console_script_reports_without_a_traceback(liveavatar_mock: MockServer) -> None:
    """The installed `liveavatar` script prints one error line, no traceback, and the documented code."""
    env = {"PATH": "/usr/bin:/bin", "LIVEAVATAR_API_KEY": KEY, "LIVEAVATAR_BASE_URL": liveavatar_mock.url}

    result = subprocess.run([CLI, "token", "create", "--avatar-id", "nope", "--voice-id", VOICE],
                            capture_output=True, text=True, env=env, check=False)  # fmt: skip
    version = subprocess.run(
        [sys.executable, "-m", "liveavatar", "--version"], capture_output=True, text=True, check=True
    )

    assert (3, "") == (result.returncode, result.stdout)
    assert "Traceback" not in result.stderr
    assert version.stdout.startswith("liveavatar ")


def test_demo_mints_three_tokens_end_to_end() -> None:
    """`make demo`'s script starts the mock, mints FULL persona, FULL voice agent and LITE tokens, and exits 0."""
    result = subprocess.run([sys.executable, str(ROOT / "scripts" / "demo.py")], capture_output=True, text=True,
                            timeout=60, check=False)  # fmt: skip

    assert 0 == result.returncode, result.stderr
    assert 3 == result.stdout.count('"session_id"')
    assert "three tokens minted" in result.stdout


def test_mock_with_a_bad_setting_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    """`liveavatar mock` with an impossible setting says so in one line and exits 2."""
    code = _cli.main(["mock", "--latency", "-1"])

    assert 2 == code
    assert capsys.readouterr().err.startswith("liveavatar: error: ")
