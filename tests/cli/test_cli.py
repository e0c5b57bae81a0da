"""The `liveavatar` command line: output, masking, and one exit code per kind of failure."""

from __future__ import annotations

import json
import subprocess
import sys
import time

import pytest

from liveavatar import _cli
from liveavatar.mock import MockServer
from liveavatar.testing import no_retry_waits
from tests.cli.support import AVATAR, CLI, CONTEXT, KEY, OTHER_AVATAR, ROOT, VOICE, RunCli, free_port


def test_create_with_persona_prints_the_token_masked(cli: RunCli, liveavatar_mock: MockServer) -> None:
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


def test_show_token_and_compact_json(cli: RunCli, liveavatar_mock: MockServer) -> None:
    """--show-token prints the real token and --json prints one line."""
    code, out, _ = cli("token", "create", "--avatar-id", AVATAR, "--voice-agent-id", VOICE, "--var", "name=Ada",
                       "--var", "plan=pro=max", "--show-token", "--json")  # fmt: skip

    printed = json.loads(out)
    assert 0 == code
    assert 1 == len(out.strip().splitlines())
    assert printed["session_id"] == liveavatar_mock.verify_token(printed["session_token"])["session_id"]
    agent = liveavatar_mock.last_request.body["voice_agent"]
    assert {"id": VOICE, "dynamic_variables": {"name": "Ada", "plan": "pro=max"}} == agent


def test_create_lite_with_livekit(cli: RunCli, liveavatar_mock: MockServer) -> None:
    """`token create-lite` sends the LiveKit room under the API's field names."""
    code, _, _ = cli("token", "create-lite", "--avatar-id", OTHER_AVATAR, "--livekit-url", "wss://lk.example",
                     "--livekit-room", "room-1", "--livekit-token", "lk-token")  # fmt: skip

    body = liveavatar_mock.last_request.body
    assert 0 == code
    assert {"livekit_url": "wss://lk.example", "livekit_room": "room-1", "livekit_client_token": "lk-token"} == body[
        "livekit_config"
    ]


def test_create_lite_with_agora(cli: RunCli, liveavatar_mock: MockServer) -> None:
    """Agora options go together and are sent as agora_config."""
    code, _, _ = cli("token", "create-lite", "--avatar-id", OTHER_AVATAR, "--agora-app-id", "app", "--agora-token",
                     "t", "--agora-channel", "c", "--agora-uid", "9")  # fmt: skip

    assert 0 == code
    assert "9" == liveavatar_mock.last_request.body["agora_config"]["agora_uid"]


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["token", "create", "--avatar-id", "not-a-uuid", "--voice-id", VOICE], "--avatar-id: must be a UUID"),
        (
            ["token", "create", "--avatar-id", AVATAR, "--voice-id", VOICE, "--voice-agent-id", VOICE],
            "give --voice-agent-id or the persona options (--voice-id, --context-id), not both",
        ),
        (["token", "create-lite", "--avatar-id", AVATAR, "--livekit-url", "wss://x"], "also needs --livekit-room"),
    ],
)
def test_invalid_input_exits_3_without_sending(
    cli: RunCli,
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


def test_server_side_rule_exits_3(cli: RunCli) -> None:
    """A 400 from the API (a non-sandbox avatar in sandbox) is an invalid request too."""
    code, _, err = cli("token", "create-lite", "--avatar-id", OTHER_AVATAR, "--sandbox")

    assert 3 == code
    assert err.startswith("liveavatar: error: HTTP 400: ")


def test_wrong_key_exits_4(cli: RunCli, strict_mock: MockServer) -> None:
    """A key the API refuses (401) exits 4 and never prints the key."""
    code, _, err = cli("token", "create-lite", "--avatar-id", AVATAR, "--base-url", strict_mock.url)

    assert 4 == code
    assert err.startswith("liveavatar: error: HTTP 401: ")
    assert KEY not in err


def test_unreachable_server_exits_5(cli: RunCli) -> None:
    """A refused connection exits 5."""
    code, _, err = cli("token", "create-lite", "--avatar-id", AVATAR, "--base-url", f"http://127.0.0.1:{free_port()}",
                       "--max-retries", "0")  # fmt: skip

    assert 5 == code
    assert "Connection error" in err


def test_server_failure_exits_6(cli: RunCli, liveavatar_mock: MockServer) -> None:
    """A 503 after the retries allowed exits 6."""
    liveavatar_mock.force_status(503)

    with no_retry_waits():
        code, _, err = cli("token", "create-lite", "--avatar-id", AVATAR, "--max-retries", "2", "--timeout", "5")

    assert 6 == code
    assert err.startswith("liveavatar: error: HTTP 503: ")
    assert err.rstrip().endswith("(after 2 retries)")


def test_usage_error_exits_2(cli: RunCli) -> None:
    """An unknown option is a usage error: exit 2, one line."""
    code, out, err = cli("token", "create", "--avatar", AVATAR)

    assert (2, "") == (code, out)
    assert 1 == len(err.splitlines())
    assert err.startswith("liveavatar: error: ")
    assert err.endswith(" (see liveavatar token create --help)\n")


@pytest.mark.subprocess
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


@pytest.mark.subprocess
def test_demo_mints_three_tokens_and_runs_a_lite_session_end_to_end() -> None:
    """`make demo` mints FULL persona, FULL voice agent and LITE tokens, then a LITE session speaks and stops; exit 0."""
    started = time.monotonic()
    result = subprocess.run([sys.executable, str(ROOT / "scripts" / "demo.py")], capture_output=True, text=True,
                            timeout=60, check=False)  # fmt: skip
    elapsed = time.monotonic() - started

    out = result.stdout
    assert 0 == result.returncode, result.stderr
    assert "three tokens minted" in out
    tokens, lite = out.split("== three tokens minted")
    assert 3 == tokens.count('"session_token": "…')
    events = [json.loads(line) for line in lite.splitlines() if line.startswith('{"type": ')]
    ended = [event for event in events if event["type"] == "agent.speak_ended"]
    assert {"type": "session.state_updated", "state": "connected"} == events[0]
    assert 1 == len(ended)
    assert f'"event_id": "{ended[0]["event_id"]}",' in lite  # the result names the utterance that ended
    assert '"audio_seconds": 2.0,' in lite
    assert '"stopped": true,' in lite
    assert '"end_reason": "USER_CLOSED"' in lite  # the historic listing shows the session stopped
    assert "a LITE session started, spoke and stopped" in out
    # Two seconds of audio played in real time, and the rest: fast on a clean clone.
    assert elapsed < 30


def test_mock_with_a_bad_setting_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    """`liveavatar mock` with an impossible setting says so in one line and exits 2."""
    code = _cli.main(["mock", "--latency", "-1"])

    assert 2 == code
    assert capsys.readouterr().err.startswith("liveavatar: error: ")
