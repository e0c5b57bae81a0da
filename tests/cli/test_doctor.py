"""`liveavatar doctor` and `liveavatar usage` against the mock: output and exit codes."""

from __future__ import annotations

import csv
import io
import json

import liveavatar
from liveavatar.mock import MockServer
from tests.cli.support import AVATAR, KEY, OTHER_AVATAR, VOICE, RunCli


def test_doctor_prints_every_check_and_exits_0_when_nothing_is_an_error(cli: RunCli) -> None:
    """A sound sandbox mint: one line per check with its outcome, warnings shown, exit 0, nothing minted."""
    code, out, err = cli("doctor", "--avatar-id", AVATAR, "--voice-id", VOICE, "--sandbox")
    lines = out.splitlines()
    assert (0, "") == (code, err)
    assert lines[0].split()[:2] == ["api_key", "PASSED"]
    assert any(line.split()[:2] == ["restricted_mode", "WARNING"] for line in lines)
    assert 14 == sum(1 for line in lines if line.split()[1] in ("PASSED", "FAILED", "WARNING", "SKIPPED"))
    assert "ok: 0 error(s), 1 warning(s)" == lines[-1]


def test_doctor_exits_3_naming_each_error(cli: RunCli, liveavatar_mock: MockServer) -> None:
    """An unknown voice and an avatar still training: both errors printed with their codes, exit 3, no token."""
    training = liveavatar_mock.add_avatar("New", status="DEPLOYING", default_voice={"id": VOICE, "name": "v"})
    unknown_voice = "0b7c1f34-1111-4222-8333-444455556666"
    code, out, _ = cli("doctor", "--avatar-id", training, "--voice-id", unknown_voice)
    assert 3 == code
    assert "error: avatar_id: avatar " in out
    assert "[avatar_training]" in out
    assert "error: persona.voice_id: " in out
    assert "[voice_not_found]" in out
    assert out.splitlines()[-1].startswith("not ok: 2 error(s)")
    assert [] == liveavatar_mock.minted_sessions()


def test_doctor_json_is_one_object_with_checks_and_problems(cli: RunCli, liveavatar_mock: MockServer) -> None:
    """`--json --lite`: ok, every check by name, the problems, and how many requests it sent."""
    liveavatar_mock.set_credits("0.5")
    code, out, _ = cli("doctor", "--lite", "--avatar-id", AVATAR, "--json")
    report = json.loads(out)
    assert (3, False) == (code, report["ok"])
    assert "failed" == {check["name"]: check["outcome"] for check in report["checks"]}["credits"]
    assert [("credits_low", "error")] == [(p["code"], p["severity"]) for p in report["problems"]]
    assert 2 == report["calls"]


def test_usage_prints_a_table_by_day_with_a_total(cli: RunCli, liveavatar_mock: MockServer) -> None:
    """Two LITE sessions: the day's row and the total show 2 sessions and their exact credits."""
    with liveavatar.LiveAvatar(api_key=KEY, base_url=liveavatar_mock.url) as client:
        for _ in range(2):
            with client.sessions.start_lite(avatar_id=AVATAR, keep_alive_every=None):
                liveavatar_mock.advance(30)
    code, out, _ = cli("usage", "--since", "7d", "--until", "2100-01-01")
    rows = [line.split() for line in out.splitlines()]
    assert 0 == code
    assert ["day", "sessions", "credits", "seconds"] == rows[0]
    assert ["total", "2", "2", "60"] == rows[-1]


def test_usage_csv_by_avatar_and_json_by_mode(cli: RunCli, liveavatar_mock: MockServer) -> None:
    """`--by avatar --avatar-id` once per avatar gives a CSV row each; `--by mode --json` keeps credits exact."""
    client = liveavatar.LiveAvatar(api_key=KEY, base_url=liveavatar_mock.url)
    with client, client.sessions.start_lite(avatar_id=AVATAR, keep_alive_every=None):
        liveavatar_mock.advance(61)
    code, out, _ = cli(
        "usage", "--since", "2000-01-01", "--until", "2100-01-01", "--by", "avatar", "--csv",
        "--avatar-id", AVATAR, "--avatar-id", OTHER_AVATAR,
    )  # fmt: skip
    assert 0 == code
    assert [["avatar", "sessions", "credits", "seconds"], [AVATAR, "1", "2", "61"], ["total", "1", "2", "61"]] == list(
        csv.reader(io.StringIO(out))
    )
    code, out, _ = cli("usage", "--since", "1d", "--until", "2100-01-01", "--by", "mode", "--json")
    assert (0, [{"mode": "LITE", "sessions": 1, "credits": "2", "seconds": 61}]) == (code, json.loads(out)[:1])


def test_usage_refuses_a_since_it_cannot_read(cli: RunCli) -> None:
    """`--since yesterday` is a usage error (exit 2) naming the forms it takes."""
    code, _, err = cli("usage", "--since", "yesterday")
    assert 2 == code
    assert "expected 7d, 24h, 30m or an ISO date" in err
