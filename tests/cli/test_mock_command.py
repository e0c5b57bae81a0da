"""`liveavatar mock` options: more sandbox avatars, the LITE event profile, and wall time for a dev server."""

from __future__ import annotations

import json
import signal
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest

from liveavatar import _cli
from liveavatar.audio import tone
from liveavatar.mock import DEFAULT_SANDBOX_AVATAR_IDS
from liveavatar.mock._config import LITE_PROFILES
from tests.cli.support import AVATAR, CLI, OTHER_AVATAR, RunCli, write_wav

THIRD_AVATAR = "9e1c2d3b-4a5f-4e6d-8c7b-0a1b2c3d4e5f"


@contextmanager
def running_mock(*options: str) -> Iterator[str]:
    """`liveavatar mock --port 0 OPTIONS` in a child process, as a user runs it; yields its base URL."""
    process = subprocess.Popen([CLI, "mock", "--port", "0", "--quiet", *options], stdout=subprocess.PIPE, text=True)
    try:
        assert process.stdout is not None
        banner = process.stdout.readline().strip()
        assert banner.startswith("LiveAvatar mock listening on "), banner
        yield banner.rsplit(" ", 1)[1]
    finally:
        process.send_signal(signal.SIGINT)
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        if process.stdout is not None:
            process.stdout.close()


@pytest.mark.subprocess
def test_sandbox_avatar_adds_to_the_default_set(cli: RunCli) -> None:
    """`--sandbox-avatar` (twice) allows both avatars in sandbox sessions, and the documented ones stay allowed."""
    mint = ["token", "create-lite", "--sandbox", "--avatar-id"]
    with running_mock("--sandbox-avatar", OTHER_AVATAR, "--sandbox-avatar", THIRD_AVATAR) as url:
        codes = [
            cli(*mint, avatar, "--base-url", url)[0]
            for avatar in (OTHER_AVATAR, THIRD_AVATAR, *DEFAULT_SANDBOX_AVATAR_IDS)
        ]
        refused = cli(*mint, "0c1d2e3f-4a5b-4c6d-8e7f-901234567890", "--base-url", url)
    with running_mock() as url:
        default = cli(*mint, OTHER_AVATAR, "--base-url", url)

    assert [0, 0, 0, 0] == codes
    assert 3 == refused[0]
    assert 3 == default[0]
    # The mock's refusal says how to allow the avatar: this option.
    assert f"liveavatar mock --sandbox-avatar {OTHER_AVATAR}" in default[2]


@pytest.mark.subprocess
def test_the_extended_profile_and_wall_time(tmp_path: Path, cli: RunCli) -> None:
    """`--lite-profile extended` sends the events third parties observe; the utterance ends on wall time, unadvanced."""
    speech = write_wav(tmp_path / "speech.wav", tone(0.2))
    with running_mock("--lite-profile", "extended") as url:
        code, out, err = cli("lite", "speak", str(speech), "--avatar-id", AVATAR, "--sandbox", "--json",
                             "--base-url", url, "--speak-timeout", "10")  # fmt: skip
    with running_mock() as url:
        _, docs_out, _ = cli("lite", "speak", str(speech), "--avatar-id", AVATAR, "--sandbox", "--json",
                             "--base-url", url, "--speak-timeout", "10")  # fmt: skip

    types = {json.loads(line)["type"] for line in out.splitlines()[:-1]}
    docs_types = {json.loads(line)["type"] for line in docs_out.splitlines()[:-1]}
    assert (0, "") == (code, err)
    assert {"agent.audio_buffer_appended", "agent.speak_started", "agent.speak_ended"} <= types
    assert "agent.audio_buffer_appended" not in docs_types
    assert {"agent.speak_started", "agent.speak_ended"} <= docs_types


@pytest.mark.parametrize(
    ("arguments", "message"),
    [(["--sandbox-avatar", "wayne"], "argument --sandbox-avatar: expected an avatar id (UUID), got 'wayne'"),
     (["--lite-profile", "verbose"], "argument --lite-profile: invalid choice: 'verbose'"),
     *[([f"{option}={value}"], f"argument {option}: must be a finite number of seconds, 0 or more, got '{value}'")
       for option in ("--latency", "--retry-after") for value in ("nan", "NaN", "inf", "-inf", "-1")],
     (["--retry-after", "soon"], "argument --retry-after: expected seconds, got 'soon'"),
     *[([option, value], f"argument {option}: expected a whole number, got '{value}'")
       for option in ("--fail-first", "--lite-audio-limit", "--session-limit", "--max-session-duration")
       for value in ("nan", "inf", "1.5")],
     *[([option, "-1"], f"argument {option}: must be 0 or more, got -1")
       for option in ("--fail-first", "--lite-audio-limit", "--session-limit", "--max-session-duration")],
     *[([option, "0"], f"argument {option}: must be 1 or more, got 0")
       for option in ("--session-limit", "--max-session-duration")],
     *[([option, value], f"argument {option}: {problem}")
       for option in ("--fail-status", "--force-status")
       for value, problem in (("nan", "expected an HTTP status, got 'nan'"),
                              ("-503", "must be an HTTP status (100 to 599), got -503"),
                              ("700", "must be an HTTP status (100 to 599), got 700"))],
     (["--port", "-1"], "argument --port: must be 0 to 65535"),
     (["--success-code", "nan"], "argument --success-code: invalid int value: 'nan'"),
     (["--fail-status", "500"], "--fail-status needs --fail-first N"),
     (["--fail-first", "0", "--fail-status", "500"], "--fail-status needs --fail-first N")],
)  # fmt: skip
def test_bad_mock_options_are_usage_errors(
    arguments: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """A bad option value (not a UUID, a choice, NaN, infinite, negative, not a status), or `--fail-status` alone, exits 2 in one line."""
    code = _cli.main(["mock", *arguments])

    err = capsys.readouterr().err
    assert 2 == code
    assert 1 == len(err.splitlines())
    assert message in err


def test_the_lite_profile_choices_are_the_mocks() -> None:
    """The CLI spells out the mock's LITE profiles (so --help needs no [mock] extra); they must stay the same."""
    assert LITE_PROFILES == _cli.LITE_PROFILE_CHOICES


@pytest.mark.subprocess
def test_given_options_reach_the_served_mock(cli: RunCli) -> None:
    """`--success-code 100`, `--max-session-duration`, `--fail-first` with `--fail-status` are what the mock does."""
    with running_mock("--success-code", "100", "--max-session-duration", "900", "--fail-first", "1",
                      "--fail-status", "502", "--latency", "0", "--retry-after", "0") as url:  # fmt: skip
        failed = httpx.post(f"{url}/v1/sessions/token", headers={"X-API-KEY": "k"}, json={"avatar_id": AVATAR})
        minted = httpx.post(
            f"{url}/v1/sessions/token", headers={"X-API-KEY": "k"}, json={"mode": "LITE", "avatar_id": OTHER_AVATAR}
        )
        token = minted.json()["data"]["session_token"]
        start = httpx.post(f"{url}/v1/sessions/start", headers={"Authorization": f"Bearer {token}"})

    assert 502 == failed.status_code
    assert (200, 100) == (minted.status_code, minted.json()["code"])
    assert (201, 100, 900) == (start.status_code, start.json()["code"], start.json()["data"]["max_session_duration"])


@pytest.mark.subprocess
def test_the_default_mock_answers_code_1000_and_serves_browsers() -> None:
    """Without options the served mock answers `code: 1000`, and its answers name a page's origin."""
    with running_mock() as url:
        response = httpx.post(f"{url}/v1/sessions/token", headers={"X-API-KEY": "k", "Origin": "http://localhost:3000"},
                              json={"avatar_id": AVATAR, "mode": "LITE", "is_sandbox": True})  # fmt: skip

    assert (200, 1000) == (response.status_code, response.json()["code"])
    assert "http://localhost:3000" == response.headers["access-control-allow-origin"]
    assert "true" == response.headers["access-control-allow-credentials"]


@pytest.mark.subprocess
def test_no_cors_credentials_leaves_the_header_out() -> None:
    """`--no-cors-credentials` drops `Access-Control-Allow-Credentials`; the origin is still echoed."""
    with running_mock("--no-cors-credentials") as url:
        response = httpx.get(f"{url}/v1/users/credits", headers={"X-API-KEY": "k", "Origin": "http://localhost:3000"})

    assert "http://localhost:3000" == response.headers["access-control-allow-origin"]
    assert "access-control-allow-credentials" not in response.headers


@pytest.mark.subprocess
def test_a_wildcard_host_is_announced_as_such_with_a_reachable_url() -> None:
    """`--host 0.0.0.0` says it listens on every interface, and ends the line with a URL that answers."""
    process = subprocess.Popen([CLI, "mock", "--host", "0.0.0.0", "--port", "0", "--quiet"], stdout=subprocess.PIPE,
                               text=True)  # fmt: skip
    try:
        assert process.stdout is not None
        banner = process.stdout.readline().strip()
        url = banner.rsplit(" ", 1)[1]
        response = httpx.get(f"{url}/v1/users/credits", headers={"X-API-KEY": "k"})
    finally:
        process.send_signal(signal.SIGINT)
        process.wait(timeout=10)
        if process.stdout is not None:
            process.stdout.close()

    port = url.rsplit(":", 1)[1]
    assert banner == (f"LiveAvatar mock listening on http://0.0.0.0:{port} (every interface), "
                      f"reachable from this machine at http://127.0.0.1:{port}")  # fmt: skip
    assert 200 == response.status_code


@pytest.mark.subprocess
def test_a_specific_host_is_announced_as_bound() -> None:
    """`--host 127.0.0.1` prints exactly where it listens, nothing more."""
    with running_mock("--host", "127.0.0.1") as url:
        assert url.startswith("http://127.0.0.1:")


@pytest.mark.parametrize("value", ["0", "2.5", "Wed, 21 Oct 2015 07:28:00 GMT"])
def test_retry_after_takes_seconds_or_an_http_date(value: str) -> None:
    """`--retry-after` takes what the header allows, seconds or an HTTP date, and keeps the text as given."""
    assert value == _cli.build_parser().parse_args(["mock", "--retry-after", value]).retry_after
