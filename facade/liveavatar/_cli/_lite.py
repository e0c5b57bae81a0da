"""`liveavatar lite speak`: make a LITE avatar speak a WAV file, printing the channel's events."""

from __future__ import annotations

import argparse
import json
import threading
from typing import TYPE_CHECKING, Any

from liveavatar import _errors
from liveavatar._client import LiveAvatar
from liveavatar._config import LITE_READY_TIMEOUT

from ._common import (
    EXIT_INVALID_REQUEST,
    EXIT_UNREACHABLE,
    Failure,
    Parser,
    api_command,
    client_options,
    positive_seconds,
)
from ._output import plain
from ._token import session_options

if TYPE_CHECKING:
    from liveavatar._lite import LiteConnection

# How long `lite speak` waits, beyond the audio's own length, for the avatar
# to finish the utterance: the server buffers what it was sent and plays it
# in real time, so the wait must cover the playback, plus some slack for the
# server's start-up (about 200 ms observed) and a slow network.
_SPEAK_END_SLACK = 30.0

# How long `lite speak` waits for its event printer once the session has
# stopped: the socket's close handshake is bounded at 5 s by the SDK.
_PRINTER_JOIN_TIMEOUT = 10.0


def add_lite_commands(commands: Any) -> None:
    lite = commands.add_parser("lite", help="drive a LITE session's real-time channel", allow_abbrev=False)
    lite_commands = lite.add_subparsers(dest="lite_command", required=True, parser_class=Parser)
    speak = api_command(
        lite_commands,
        "speak",
        "make a LITE avatar speak a WAV file (needs liveavatar[realtime])",
        description="Mint and start a LITE session, connect to its ws_url, stream AUDIO (a 24 kHz mono 16-bit\n"
        "WAV), print each event as one JSON line, wait for the utterance to end, then stop the session.",
    )
    # No one endpoint: a failure names the base URL, or the LITE channel.
    speak.set_defaults(action=_lite_speak_action, endpoint=None)
    speak.add_argument("audio", metavar="AUDIO", help="a WAV file: 24000 Hz, 1 channel, 16-bit PCM")
    session_options(speak)
    speak.add_argument(
        "--ready-timeout",
        type=positive_seconds,
        default=LITE_READY_TIMEOUT,
        metavar="SECONDS",
        help=f"how long to wait for the session to say connected (default {LITE_READY_TIMEOUT:g}); then go on anyway",
    )
    speak.add_argument(
        "--speak-timeout",
        type=positive_seconds,
        metavar="SECONDS",
        help="how long to wait for agent.speak_ended once the audio is sent "
        f"(default: the audio's length + {_SPEAK_END_SLACK:g})",
    )
    client_options(speak)


def _read_audio(path: str) -> bytes:
    from liveavatar.audio import read_wav

    try:
        pcm = read_wav(path)
    except OSError as exc:
        raise Failure(f"cannot read {path}: {exc.strerror or exc}", EXIT_INVALID_REQUEST) from None
    except _errors.LiveAvatarError as exc:
        # read_wav's own words: what the file is and the command that converts it.
        raise Failure(" ".join(str(exc).split()), EXIT_INVALID_REQUEST) from None
    if not pcm:
        raise Failure(f"{path} holds no audio", EXIT_INVALID_REQUEST)
    return pcm


class _EventPrinter:
    """Prints every event of a LITE connection as one JSON line, from a thread of its own, until it closes.

    A thread, so that events show as they arrive while the command waits for
    the end of the utterance; it ends when the socket closes, which stopping
    the session does.
    """

    def __init__(self, connection: LiteConnection) -> None:
        self.count = 0
        self._connection = connection
        self._thread = threading.Thread(target=self._run, name="liveavatar-cli-events", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        try:
            for event in self._connection.events():
                self.count += 1
                print(json.dumps(plain(event.raw), ensure_ascii=False), flush=True)
        except _errors.LiveAvatarError:
            # An abnormal close: the command's own wait reports it, in one line.
            return
        except OSError:
            # stdout went away (`| head`): stop printing; a thread's traceback
            # would be the one thing the command must never show.
            return

    def join(self) -> None:
        self._thread.join(_PRINTER_JOIN_TIMEOUT)


def _lite_speak_action(args: argparse.Namespace, client: LiveAvatar) -> object:
    from liveavatar._lite._events import SpeakEnded
    from liveavatar._lite._ws import load_websockets
    from liveavatar.audio import duration_of

    pcm = _read_audio(args.audio)
    # Before anything is minted: without websockets the session would start,
    # be billed its first minute and stop without a word spoken.
    load_websockets()
    seconds = duration_of(pcm)
    wait: float = args.speak_timeout if args.speak_timeout is not None else seconds + _SPEAK_END_SLACK
    printer: _EventPrinter | None = None
    try:
        with client.sessions.start_lite(
            avatar_id=args.avatar_id, sandbox=args.sandbox, max_session_duration=args.max_duration
        ) as live:
            connection = live.connect(ready_timeout=args.ready_timeout)
            printer = _EventPrinter(connection)
            event_id = connection.speak(pcm)
            try:
                connection.wait_for(SpeakEnded, event_id=event_id, timeout=wait)
            except _errors.LiteTimeoutError:
                # Leaving the block on this stops the session (SERVER_ERROR).
                raise Failure(
                    f"the avatar did not finish speaking within {wait:g} s (no agent.speak_ended for {event_id})",
                    EXIT_UNREACHABLE,
                ) from None
            # Stopped here, not by the block's exit, to report whether this call ended it.
            stopped = live.stop()
            result = {
                "session_id": live.session_id,
                "event_id": event_id,
                "audio_seconds": round(seconds, 3),
                "stopped": stopped,
            }
    finally:
        # Stopping closed the socket, which ends the printer: its lines all
        # come before the result or the error line.
        if printer is not None:
            printer.join()
    result["events"] = printer.count
    return result
