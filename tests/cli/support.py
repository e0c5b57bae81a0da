"""Shared values and helpers of the CLI tests."""

from __future__ import annotations

import socket
import sys
import threading
import wave
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from liveavatar.mock import MockServer

ROOT = Path(__file__).resolve().parents[2]
CLI = str(Path(sys.executable).with_name("liveavatar"))
KEY = "sk_cli_test_key_000111222"
GOOD_KEY = "sk_the_only_good_key_4242"
"""The one key `strict_mock` accepts."""
AVATAR = "dd73ea75-1218-4ef3-92ce-606d5f7fbc0a"
OTHER_AVATAR = "3c90c3cc-0d44-4b50-8888-8dd25736052a"
VOICE = "c2527536-6d1f-4412-a643-53a3497dada9"
CONTEXT = "5b9dba8a-aa31-11f0-a6ee-066a7fa2e369"
AGENT = "7d2f4c1e-5b3a-4e8d-9f60-1a2b3c4d5e6f"

RunCli = Callable[..., tuple[int, str, str]]
"""The `cli` fixture: run the CLI in-process with these arguments; (exit code, stdout, stderr)."""


def free_port() -> int:
    """A loopback port nothing listens on (bound once, then released)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
    return port


def write_wav(path: Path, pcm: bytes, *, rate: int = 24_000, channels: int = 1, width: int = 2) -> Path:
    """Write `pcm` as a WAV file (by default in the LITE format: 24 kHz, mono, 16-bit); returns `path`."""
    with wave.open(str(path), "wb") as wav:
        wav.setnchannels(channels)
        wav.setsampwidth(width)
        wav.setframerate(rate)
        wav.writeframes(pcm)
    return path


class PlayOut:
    """Plays a LITE utterance on the mock's manual clock, standing in for the time a real avatar takes.

    A thread watches the mock until a client has sent `agent.speak_end` on a
    LITE session's channel, then advances the mock's clock by `seconds`, so
    that what falls due in that time (`agent.speak_ended`, a max-duration
    end) is sent. A `with` block: the thread is stopped and joined on exit.
    """

    def __init__(self, mock: MockServer, seconds: float) -> None:
        self._mock = mock
        self._seconds = seconds
        self._done = threading.Event()
        self.advanced = False
        self._thread = threading.Thread(target=self._run, name="cli-test-play-out", daemon=True)

    def __enter__(self) -> PlayOut:
        self._thread.start()
        return self

    def __exit__(self, *_: object) -> None:
        self._done.set()
        self._thread.join(10)

    def _speak_ended(self) -> bool:
        for session in self._mock.sessions():
            if session.mode != "LITE" or session.end_at is not None:
                continue
            try:
                frames = self._mock.lite_frames(session.id)
            except KeyError:  # started, not yet connected
                continue
            if any(frame.type == "agent.speak_end" for frame in frames):
                return True
        return False

    def _run(self) -> None:
        # Polls the mock's state; a condition to wait for, not a fixed sleep.
        while not self._done.wait(0.005):
            if self._speak_ended():
                self._mock.advance(self._seconds)
                self.advanced = True
                return
