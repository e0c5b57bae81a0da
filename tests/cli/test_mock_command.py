"""`liveavatar mock` options: more sandbox avatars, the LITE event profile, and wall time for a dev server."""

from __future__ import annotations

import json
import signal
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

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
     (["--lite-profile", "verbose"], "argument --lite-profile: invalid choice: 'verbose'")],
)  # fmt: skip
def test_bad_mock_options_are_usage_errors(
    arguments: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """A `--sandbox-avatar` that is not a UUID, or an unknown `--lite-profile`, exits 2 in one line."""
    code = _cli.main(["mock", *arguments])

    err = capsys.readouterr().err
    assert 2 == code
    assert 1 == len(err.splitlines())
    assert message in err


def test_the_lite_profile_choices_are_the_mocks() -> None:
    """The CLI spells out the mock's LITE profiles (so --help needs no [mock] extra); they must stay the same."""
    assert LITE_PROFILES == _cli.LITE_PROFILE_CHOICES
