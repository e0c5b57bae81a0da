"""`make demo`: mint three tokens, then run a LITE session, through the `liveavatar` CLI against the local mock.

Starts `liveavatar mock` on a free port, then runs, as a user would:

1. `liveavatar token create` with a persona (FULL);
2. `liveavatar token create` with a stored voice agent (FULL);
3. `liveavatar token create-lite` with a LiveKit room (LITE);
4. `liveavatar lite speak` with two seconds of generated audio
   (`liveavatar.audio.tone`, written to a temporary WAV): it starts a managed
   LITE session, connects to its `ws_url`, streams the audio, prints the
   channel's events as they arrive, waits for `agent.speak_ended` and stops
   the session;
5. `liveavatar sessions ls --historic`: the session just stopped, with its
   end reason;

prints each result, stops the mock and exits 0, or non-zero at the first
failure. Uses the sandbox avatar and ids from LiveAvatar's own demo. The LITE
step takes about as long as its audio: the mock plays it in real time.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import tempfile
import wave
from pathlib import Path

from liveavatar.audio import CHANNELS, SAMPLE_RATE, SAMPLE_WIDTH, tone

CLI = str(Path(sys.executable).with_name("liveavatar"))
DEMO_KEY = "sk_demo_local_mock_0001"
SANDBOX_AVATAR = "dd73ea75-1218-4ef3-92ce-606d5f7fbc0a"
DEMO_VOICE = "c2527536-6d1f-4412-a643-53a3497dada9"
DEMO_CONTEXT = "5b9dba8a-aa31-11f0-a6ee-066a7fa2e369"
DEMO_VOICE_AGENT = "7d2f4c1e-5b3a-4e8d-9f60-1a2b3c4d5e6f"
SPEECH_SECONDS = 2.0

RUNS = [
    (
        "FULL, persona",
        ["token", "create", "--avatar-id", SANDBOX_AVATAR, "--sandbox", "--max-duration", "60",
         "--voice-id", DEMO_VOICE, "--context-id", DEMO_CONTEXT, "--language", "en"],
    ),
    (
        "FULL, voice agent",
        ["token", "create", "--avatar-id", SANDBOX_AVATAR, "--sandbox",
         "--voice-agent-id", DEMO_VOICE_AGENT, "--var", "customer_name=Ada"],
    ),
    (
        "LITE, LiveKit",
        ["token", "create-lite", "--avatar-id", SANDBOX_AVATAR, "--sandbox", "--livekit-url", "wss://livekit.example.com",
         "--livekit-room", "demo-room", "--livekit-token", "lk_demo_token_for_the_avatar"],
    ),
]  # fmt: skip


def run(title: str, arguments: list[str], env: dict[str, str]) -> int:
    """Run one CLI command as a user would, its output straight to ours; its exit code."""
    print(f"\n== {title}: liveavatar {' '.join(arguments)}", flush=True)
    result = subprocess.run([CLI, *arguments], env=env, check=False)
    if result.returncode != 0:
        print(f"demo: {title} failed with exit code {result.returncode}", file=sys.stderr)
    return result.returncode


def write_wav(path: Path, pcm: bytes) -> None:
    """`pcm` as a WAV file in the LITE format (24 kHz, mono, 16-bit), what `lite speak` reads."""
    with wave.open(str(path), "wb") as wav:
        wav.setnchannels(CHANNELS)
        wav.setsampwidth(SAMPLE_WIDTH)
        wav.setframerate(SAMPLE_RATE)
        wav.writeframes(pcm)


def main() -> int:
    mock = subprocess.Popen(
        [CLI, "mock", "--port", "0", "--api-key", DEMO_KEY, "--quiet"],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert mock.stdout is not None
        banner = mock.stdout.readline().strip()
        if not banner.startswith("LiveAvatar mock listening on "):
            print(f"demo: the mock did not start ({banner!r})", file=sys.stderr)
            return 1
        base_url = banner.rsplit(" ", 1)[1]
        print(f"== {banner}")
        env = {**os.environ, "LIVEAVATAR_API_KEY": DEMO_KEY, "LIVEAVATAR_BASE_URL": base_url}
        for title, arguments in RUNS:
            code = run(title, arguments, env)
            if code != 0:
                return code
        print("\n== three tokens minted")
        with tempfile.TemporaryDirectory(prefix="liveavatar-demo-") as folder:
            speech = Path(folder) / "tone.wav"
            write_wav(speech, tone(SPEECH_SECONDS))
            lite_runs = [
                (
                    f"LITE session: start, connect, speak {SPEECH_SECONDS:g} s of audio, stop",
                    ["lite", "speak", str(speech), "--avatar-id", SANDBOX_AVATAR, "--sandbox"],
                ),
                ("the session just stopped", ["sessions", "ls", "--historic"]),
            ]
            for title, arguments in lite_runs:
                code = run(title, arguments, env)
                if code != 0:
                    return code
        print("\n== a LITE session started, spoke and stopped; stopping the mock")
        return 0
    except KeyboardInterrupt:
        # Ctrl-C reaches the whole process group: the CLI and the mock stop too.
        print("demo: interrupted", file=sys.stderr)
        return 130
    finally:
        mock.send_signal(signal.SIGINT)
        try:
            mock.wait(timeout=10)
        except subprocess.TimeoutExpired:
            mock.kill()
            mock.wait()
        if mock.stdout is not None:
            mock.stdout.close()


if __name__ == "__main__":
    sys.exit(main())
