"""`liveavatar lite speak`: a managed LITE session from a WAV file, its events printed, a code for each failure."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

import liveavatar._lite
from liveavatar import LiteConnectError
from liveavatar._lite import LiteConnection
from liveavatar._lite._wire import MISSING_EXTRA_MESSAGE
from liveavatar.audio import tone
from liveavatar.mock import MockServer
from tests.cli.support import AVATAR, OTHER_AVATAR, PlayOut, RunCli, free_port, write_wav


@pytest.fixture
def speech(tmp_path: Path) -> Path:
    """Half a second of tone in the LITE format, as a WAV file."""
    return write_wav(tmp_path / "speech.wav", tone(0.5))


def _lines(out: str) -> tuple[list[dict[str, object]], dict[str, object]]:
    """The event lines and the result that `lite speak` printed (with --json, every line is one JSON object)."""
    objects = [json.loads(line) for line in out.splitlines()]
    return objects[:-1], objects[-1]


def test_speak_streams_the_file_prints_the_events_and_stops(
    speech: Path, cli: RunCli, liveavatar_mock: MockServer
) -> None:
    """`lite speak` starts a LITE session, sends the WAV's PCM, prints started and ended for its id, then stops it."""
    with PlayOut(liveavatar_mock, seconds=1.0):
        code, out, err = cli("lite", "speak", str(speech), "--avatar-id", AVATAR, "--sandbox", "--json")

    events, result = _lines(out)
    assert (0, "") == (code, err)
    (session,) = liveavatar_mock.sessions()
    assert (session.id, True, 0.5) == (result["session_id"], result["stopped"], result["audio_seconds"])
    assert ("LITE", "USER_CLOSED") == (session.mode, session.end_reason)
    assert tone(0.5) == liveavatar_mock.lite_audio(session.id)
    ours = [event["type"] for event in events if event.get("event_id") == result["event_id"]]
    assert ["agent.speak_started", "agent.speak_ended"] == ours
    assert {"type": "session.state_updated", "state": "connected"} == events[0]
    assert len(events) == result["events"]


def test_without_json_the_result_is_indented_and_no_ws_url_is_printed(
    speech: Path, cli: RunCli, liveavatar_mock: MockServer
) -> None:
    """Without --json the result is indented JSON after the event lines; the session's ws_url appears nowhere."""
    with PlayOut(liveavatar_mock, seconds=1.0):
        code, out, err = cli("lite", "speak", str(speech), "--avatar-id", AVATAR, "--sandbox")

    assert 0 == code
    start_answer = next(request for request in liveavatar_mock.requests if request.path == "/v1/sessions/start")
    ws_url = start_answer.response_body["data"]["ws_url"]
    secret = ws_url.rsplit("=", 1)[1]
    assert secret not in out + err
    assert '"stopped": true' in out
    assert out.rstrip().endswith("}")
    assert out.count("\n  ") >= 4  # the result's fields, one a line


def test_the_wait_for_the_end_is_bounded(speech: Path, cli: RunCli, liveavatar_mock: MockServer) -> None:
    """When agent.speak_ended does not come within --speak-timeout: exit 5, one line, and the session is stopped."""
    # No PlayOut: on the mock's manual clock the utterance never ends.
    code, _, err = cli("lite", "speak", str(speech), "--avatar-id", AVATAR, "--sandbox", "--speak-timeout", "0.3")

    (session,) = liveavatar_mock.sessions()
    assert 5 == code
    assert 1 == len(err.splitlines())
    assert "the avatar did not finish speaking within 0.3 s (no agent.speak_ended for " in err
    assert "SERVER_ERROR" == session.end_reason


def test_a_session_that_ends_mid_utterance_exits_5(tmp_path: Path, cli: RunCli, liveavatar_mock: MockServer) -> None:
    """A session capped at 1 s that is sent 2 s of audio closes the channel first: exit 5, naming the close."""
    speech = write_wav(tmp_path / "long.wav", tone(2.0))

    # 1.5 s: past the cap, before the utterance could end (0.2 s + 2 s).
    with PlayOut(liveavatar_mock, seconds=1.5):
        code, _, err = cli("lite", "speak", str(speech), "--avatar-id", OTHER_AVATAR, "--max-duration", "1")

    (session,) = liveavatar_mock.sessions()
    assert 5 == code
    assert 1 == len(err.splitlines())
    assert "the LITE server closed the connection" in err or "the LITE session ended" in err
    assert "(the session's ws_url, not shown as it is a credential)" in err
    assert "MAX_DURATION_REACHED" == session.end_reason


@pytest.mark.parametrize(
    ("rate", "channels", "width", "found"),
    [(16_000, 1, 2, "16000 Hz, 1 channel, 16-bit"), (24_000, 2, 2, "24000 Hz, 2 channels, 16-bit"),
     (24_000, 1, 1, "24000 Hz, 1 channel, 8-bit")],
)  # fmt: skip
def test_a_wav_in_another_format_exits_3_with_read_wavs_words(
    rate: int, channels: int, width: int, found: str, tmp_path: Path, cli: RunCli, liveavatar_mock: MockServer
) -> None:
    """A WAV that is not 24 kHz mono 16-bit exits 3 with read_wav's message (how to convert it); nothing is minted."""
    wav = write_wav(
        tmp_path / "other.wav", b"\x00" * 4800 * width * channels, rate=rate, channels=channels, width=width
    )

    code, out, err = cli("lite", "speak", str(wav), "--avatar-id", AVATAR, "--sandbox")

    assert (3, "") == (code, out)
    assert 1 == len(err.splitlines())
    assert f"{wav} is {found}; the LITE channel takes 24000 Hz, 1 channel, 16-bit; convert it with: ffmpeg" in err
    assert [] == liveavatar_mock.requests


@pytest.mark.parametrize(
    ("content", "message"),
    [(b"not a wav at all", "is not a 16-bit PCM WAV file"), (None, "cannot read"), (b"", "holds no audio")],
)
def test_an_unreadable_or_empty_file_exits_3(
    content: bytes | None, message: str, tmp_path: Path, cli: RunCli, liveavatar_mock: MockServer
) -> None:
    """A file that is not a WAV, is missing, or holds no audio exits 3 in one line; nothing is minted."""
    path = tmp_path / "speech.wav"
    if content == b"":
        write_wav(path, b"")
    elif content is not None:
        path.write_bytes(content)

    code, out, err = cli("lite", "speak", str(path), "--avatar-id", AVATAR, "--sandbox")

    assert (3, "") == (code, out)
    assert 1 == len(err.splitlines())
    assert message in err
    assert [] == liveavatar_mock.requests


def test_without_the_realtime_extra_exits_4_before_minting(
    speech: Path, cli: RunCli, liveavatar_mock: MockServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Without websockets, `lite speak` names the [realtime] extra and exits 4 before any session is minted or billed."""
    for name in [name for name in sys.modules if name == "websockets" or name.startswith("websockets.")]:
        monkeypatch.delitem(sys.modules, name)
    monkeypatch.setitem(sys.modules, "websockets", None)

    code, out, err = cli("lite", "speak", str(speech), "--avatar-id", AVATAR, "--sandbox")

    assert (4, "") == (code, out)
    assert f"liveavatar: error: {MISSING_EXTRA_MESSAGE}\n" == err
    assert [] == liveavatar_mock.requests


def test_a_refused_channel_exits_5_and_stops_the_session(
    speech: Path, cli: RunCli, liveavatar_mock: MockServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A ws_url whose upgrade is refused exits 5 in one line without the URL, and the started session is stopped."""

    def refused(*_: object, **__: object) -> object:
        raise LiteConnectError("the LITE server refused the WebSocket upgrade: HTTP 403", status_code=403)

    # The refusal itself is the SDK's (tests/lite cover it on a real server);
    # here, what the command makes of it.
    monkeypatch.setattr(liveavatar._lite, "connect_lite", refused)

    code, _, err = cli("lite", "speak", str(speech), "--avatar-id", AVATAR, "--sandbox")

    (session,) = liveavatar_mock.sessions()
    assert 5 == code
    assert err == (
        "liveavatar: error: the LITE server refused the WebSocket upgrade: HTTP 403 "
        "(the session's ws_url, not shown as it is a credential)\n"
    )
    assert "SERVER_ERROR" == session.end_reason


def test_ctrl_c_while_waiting_stops_the_session_and_exits_130(
    speech: Path, cli: RunCli, liveavatar_mock: MockServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Ctrl-C while waiting for the end of the utterance stops the billed session and exits 130 in one line."""

    def interrupted(*_: object, **__: object) -> object:
        raise KeyboardInterrupt

    monkeypatch.setattr(LiteConnection, "wait_for", interrupted)

    code, _, err = cli("lite", "speak", str(speech), "--avatar-id", AVATAR, "--sandbox")

    (session,) = liveavatar_mock.sessions()
    assert (130, "liveavatar: interrupted\n") == (code, err)
    assert "SERVER_ERROR" == session.end_reason


def test_an_unreachable_api_exits_5_naming_the_base_url(speech: Path, cli: RunCli) -> None:
    """`lite speak` that cannot reach the API exits 5 in one line naming the base URL."""
    base_url = f"http://127.0.0.1:{free_port()}"

    code, _, err = cli("lite", "speak", str(speech), "--avatar-id", AVATAR, "--base-url", base_url,
                       "--max-retries", "0")  # fmt: skip

    assert 5 == code
    assert 1 == len(err.splitlines())
    assert 1 == err.count(base_url)


def test_a_refused_mint_exits_3_naming_the_option(speech: Path, cli: RunCli, liveavatar_mock: MockServer) -> None:
    """A LITE session the SDK refuses to mint (a bad --avatar-id) exits 3 in the options typed, nothing sent."""
    code, _, err = cli("lite", "speak", str(speech), "--avatar-id", "not-a-uuid")

    assert 3 == code
    assert "invalid request: --avatar-id: must be a UUID" in err
    assert [] == liveavatar_mock.requests
