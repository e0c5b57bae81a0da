"""The `liveavatar` command line: mint tokens, run the session lifecycle, speak through a LITE avatar, or run the mock.

::

    liveavatar token create --avatar-id ID (--voice-id ID --context-id ID | --voice-agent-id ID) [...]
    liveavatar token create-lite --avatar-id ID [--livekit-url U --livekit-room R --livekit-token T] [...]
    liveavatar sessions start --avatar-id ID [--lite] [...token create or create-lite options]
    liveavatar sessions ls [--historic] [--avatar-id ID] [--limit N]
    liveavatar sessions get|keep-alive|transcript SESSION_ID
    liveavatar sessions stop SESSION_ID [--reason R]
    liveavatar sessions reap [--older-than 10m] [--avatar-id ID] [--dry-run]
    liveavatar credits
    liveavatar lite speak AUDIO.wav --avatar-id ID [--sandbox] [--speak-timeout SECONDS]
    liveavatar mock [--port N] [--sandbox-avatar ID ...] [--lite-profile docs|extended] [...]

The key and base URL come from `--api-key` and `--base-url`, else from
`LIVEAVATAR_API_KEY` and `LIVEAVATAR_BASE_URL`. Results are printed as
JSON on stdout (indented, or one line with `--json`), secrets masked (a
minted token unless `--show-token`; `lite speak` never prints the
`ws_url`). `lite speak` prints each event of the LITE channel as one JSON
line as it arrives, then its result. A failure prints one line on stderr,
never a traceback, and exits with its own code:

====  ==========================================================
0     success (and `liveavatar mock` stopped with Ctrl-C)
2     the command line is wrong (unknown option, missing value, port out of range, a bad duration)
3     the request is invalid: refused before sending, or 400/422; an unreadable or non-24 kHz WAV
4     authentication or set-up: no key, 401, 403, a missing extra, a port in use
5     the API could not be reached: connection failure or timeout; the LITE channel failed,
      closed, or the utterance did not end in time
6     any other API failure: 404, 429 after retries, 5xx, a bad response
130   interrupted (Ctrl-C), also while waiting to retry
====  ==========================================================

Messages name the options the user typed (`--voice-id`), never the Python
arguments behind them (`persona.voice_id`), and never print a secret given on
the command line (`--api-key`, `--livekit-token`, `--agora-token`).
"""

from __future__ import annotations

import argparse
import ast
import datetime
import email.utils
import itertools
import json
import math
import os
import re
import sys
import threading
import uuid
from collections.abc import Callable, Mapping, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, Any, NoReturn, get_args
from urllib.parse import urlsplit, urlunsplit

from . import _cli_doctor, _errors
from ._client import LiveAvatar
from ._config import API_KEY_ENV, BASE_URL_ENV, LITE_READY_TIMEOUT, LOG_LEVEL_ENV
from ._models import (
    AgoraConfig,
    FieldError,
    LiveKitConfig,
    Persona,
    SessionEndReason,
    SessionInfo,
    SessionToken,
    Transcript,
    TranscriptEntry,
    VoiceAgent,
)
from ._secrets import mask
from ._version import __version__

if TYPE_CHECKING:
    from ._lite import LiteConnection

__all__ = ["main"]

EXIT_OK = 0
EXIT_USAGE = 2
EXIT_INVALID_REQUEST = 3
EXIT_SETUP = 4
EXIT_UNREACHABLE = 5
EXIT_API_ERROR = 6
EXIT_INTERRUPTED = 130  # 128 + SIGINT, what a shell reports for Ctrl-C

# What each API command calls, for messages only: a connection error or a 404
# names the whole URL that was tried. `{session_id}` is the id as typed.
_TOKEN_ENDPOINT = "POST /v1/sessions/token"  # noqa: S105 - a URL path, not a password
_ENDPOINTS = {
    "start": None,
    "ls": "GET /v1/sessions",
    "get": "GET /v1/sessions/{session_id}",
    "stop": "POST /v1/sessions/stop",
    "keep-alive": "POST /v1/sessions/keep-alive",
    "transcript": "GET /v1/sessions/{session_id}/transcript",
    "reap": "GET /v1/sessions",
    "credits": "GET /v1/users/credits",
}

# Said instead of the URL when the LITE channel fails: the ws_url is a bearer
# credential, so no message may show it.
_LITE_CHANNEL = "the session's ws_url, not shown as it is a credential"

# The stop reasons `--reason` offers, in the API's order.
_END_REASONS: tuple[str, ...] = get_args(SessionEndReason)

# How long `lite speak` waits, beyond the audio's own length, for the avatar
# to finish the utterance: the server buffers what it was sent and plays it
# in real time, so the wait must cover the playback, plus some slack for the
# server's start-up (about 200 ms observed) and a slow network.
_SPEAK_END_SLACK = 30.0

# How long `lite speak` waits for its event printer once the session has
# stopped: the socket's close handshake is bounded at 5 s by the SDK.
_PRINTER_JOIN_TIMEOUT = 10.0

# The mock's LITE event profiles (`liveavatar.mock.LITE_PROFILES`), spelled
# out so that `--help` works without the [mock] extra; a test keeps them equal.
LITE_PROFILE_CHOICES = ("docs", "extended")

_DURATION = re.compile(r"(?P<number>\d+(?:\.\d+)?)(?P<unit>[smhd]?)")
_UNIT_SECONDS = {"": 1, "s": 1, "m": 60, "h": 3600, "d": 86400}

# Options whose values are secrets: argparse echoes a stray value in some
# usage errors ("invalid choice: 'sk_...'"), so those values are masked first.
_SECRET_OPTIONS = ("--api-key", "--livekit-token", "--agora-token")

# The SDK reports input problems by the Python path a caller wrote; the CLI
# user typed an option. `voice_agent.language` and `persona.language` are both
# `--language`: the CLI gives it to whichever of the two is sent. Options that
# argparse checks itself (--timeout, --interactivity-type, ...) are not here.
_OPTION_OF_PATH = {
    "avatar_id": "--avatar-id",
    "max_session_duration": "--max-duration",
    "persona.voice_id": "--voice-id",
    "persona.context_id": "--context-id",
    "persona.language": "--language",
    "voice_agent.id": "--voice-agent-id",
    "voice_agent.language": "--language",
    "voice_agent.dynamic_variables": "--var",
    "dynamic_variables": "--var",
    "llm_configuration_id": "--llm-configuration-id",
    # LiveKit's and Agora's fields have no name in common.
    "connector.url": "--livekit-url",
    "connector.room": "--livekit-room",
    "connector.client_token": "--livekit-token",
    "connector.app_id": "--agora-app-id",
    "connector.token": "--agora-token",
    "connector.channel": "--agora-channel",
    "connector.uid": "--agora-uid",
    "session_id": "SESSION_ID",
    "older_than": "--older-than",
    "start_timestamp": "--start-timestamp",
    "end_timestamp": "--end-timestamp",
}

_PERSONA_OPTIONS = "--voice-id, --context-id, --language"

_ENVIRONMENT_HELP = f"""\
environment:
  {API_KEY_ENV}   the API key, unless --api-key is given
  {BASE_URL_ENV}  the API base URL, unless --base-url is given
  {LOG_LEVEL_ENV}       info (retries) or debug (every attempt): log to stderr
"""


class _UsageError(Exception):
    """A wrong command line; `main` prints it, with secrets masked, and exits 2."""

    def __init__(self, message: str, prog: str) -> None:
        super().__init__(message)
        self.message = message
        self.prog = prog


class _Failure(Exception):
    """A failure found by the CLI itself: one line to print and its exit code."""

    def __init__(self, message: str, code: int) -> None:
        super().__init__(message)
        self.message = message
        self.code = code


class _Parser(argparse.ArgumentParser):
    """argparse, but a usage error is raised for `main` to report, not printed here."""

    def error(self, message: str) -> NoReturn:
        raise _UsageError(message, self.prog)


def _dynamic_variable(text: str) -> tuple[str, str]:
    name, separator, value = text.partition("=")
    if not separator:
        raise argparse.ArgumentTypeError(f"expected NAME=VALUE, got {text!r}")
    return name, value


def _port(text: str) -> int:
    try:
        port = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a port number, got {text!r}") from None
    if not 0 <= port <= 65535:
        raise argparse.ArgumentTypeError(f"must be 0 to 65535 (0 picks a free port), got {port}")
    return port


def _seconds(text: str) -> float:
    try:
        seconds = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected seconds, got {text!r}") from None
    if not (math.isfinite(seconds) and seconds > 0):
        raise argparse.ArgumentTypeError(f"must be a positive number of seconds, got {text!r}")
    return seconds


def _count(text: str) -> int:
    try:
        count = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, got {text!r}") from None
    if count < 0:
        raise argparse.ArgumentTypeError(f"must be 0 or more, got {count}")
    return count


def _duration(text: str) -> float:
    """`90s`, `10m`, `2h`, `1d` or plain seconds (`600`), as seconds."""
    found = _DURATION.fullmatch(text.strip().lower())
    if found is None:
        raise argparse.ArgumentTypeError(f"expected a duration such as 90s, 10m or 2h, got {text!r}")
    return float(found["number"]) * _UNIT_SECONDS[found["unit"]]


def _uuid(text: str) -> str:
    try:
        return str(uuid.UUID(text))
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected an avatar id (UUID), got {text!r}") from None


def _session_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--avatar-id", required=True, help="the avatar to render (UUID)")
    parser.add_argument("--sandbox", action="store_true", help="a free sandbox session (60 s at most)")
    parser.add_argument("--max-duration", type=int, metavar="SECONDS", help="cap on the session length")


def _connection_options(parser: argparse.ArgumentParser) -> None:
    _session_options(parser)
    _client_options(parser)
    parser.add_argument("--show-token", action="store_true", help="print the session token unmasked")


def _full_options(parser: argparse.ArgumentParser) -> None:
    """The options of a FULL-mode mint (`token create`, `sessions start`)."""
    parser.add_argument("--voice-id", help="persona voice (UUID)")
    parser.add_argument("--context-id", help="persona context (UUID)")
    parser.add_argument("--language", help="persona or voice agent language, e.g. en")
    parser.add_argument("--voice-agent-id", help="a stored voice agent instead of a persona (UUID)")
    parser.add_argument("--interactivity-type", choices=["CONVERSATIONAL", "PUSH_TO_TALK"])
    parser.add_argument("--llm-configuration-id", help="a custom LLM configuration (UUID)")
    parser.add_argument(
        "--var", dest="variables", action="append", type=_dynamic_variable, default=[], metavar="NAME=VALUE",
        help="a dynamic variable; repeat for more",
    )  # fmt: skip


def _lite_options(parser: argparse.ArgumentParser) -> None:
    """The connector options of a LITE-mode mint (`token create-lite`, `sessions start --lite`)."""
    parser.add_argument("--livekit-url", help="your LiveKit server URL (with --livekit-room and --livekit-token)")
    parser.add_argument("--livekit-room")
    parser.add_argument("--livekit-token", help="a LiveKit token that lets the avatar publish")
    parser.add_argument("--agora-app-id", help="your Agora app (with --agora-token, --agora-channel, --agora-uid)")
    parser.add_argument("--agora-token")
    parser.add_argument("--agora-channel")
    parser.add_argument("--agora-uid")


def _client_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--api-key",
        metavar="KEY",
        help=f"the API key (default: {API_KEY_ENV}; prefer the variable, as a command line is visible to other users)",
    )
    parser.add_argument("--base-url", help=f"API base URL (default: {BASE_URL_ENV}, else the public API)")
    parser.add_argument("--timeout", type=_seconds, metavar="SECONDS", help="per-request timeout (default 30)")
    parser.add_argument("--max-retries", type=_count, metavar="N", help="retries after the first attempt (default 2)")
    parser.add_argument("--json", action="store_true", help="print compact one-line JSON instead of indented JSON")


def _api_command(
    commands: Any, name: str, help_text: str, *, description: str | None = None
) -> argparse.ArgumentParser:
    """A command that calls the API with the key: the shared client options and the environment epilog."""
    parser: argparse.ArgumentParser = commands.add_parser(
        name,
        help=help_text,
        description=description or help_text[0].upper() + help_text[1:] + ".",
        epilog=_ENVIRONMENT_HELP,
        formatter_class=argparse.RawDescriptionHelpFormatter,
        allow_abbrev=False,
    )
    return parser


def _add_session_commands(commands: Any) -> None:
    sessions = commands.add_parser("sessions", help="list, inspect, keep alive and stop sessions", allow_abbrev=False)
    session_commands = sessions.add_subparsers(dest="session_command", required=True, parser_class=_Parser)

    start = _api_command(
        session_commands,
        "start",
        "mint and start a session, and leave it running",
        description="Mint a token and start its session (FULL, or LITE with --lite), then print the session's id\n"
        "and what start returned, tokens masked. The session is not managed: it runs until it is stopped\n"
        "(sessions stop), ends at its maximum duration, or idles out (about 5 minutes without keep-alive).",
    )
    start.set_defaults(action=_start_action, endpoint=_ENDPOINTS["start"])
    start.add_argument("--lite", action="store_true", help="a LITE session (default FULL)")
    _connection_options(start)
    _full_options(start)
    _lite_options(start)

    ls = _api_command(session_commands, "ls", "list the active sessions (--historic: the ended ones)")
    ls.set_defaults(action=_ls_action, endpoint=_ENDPOINTS["ls"])
    ls.add_argument("--historic", action="store_true", help="list ended sessions instead of active ones")
    ls.add_argument("--avatar-id", help="only the sessions of this avatar (UUID)")
    ls.add_argument("--limit", type=_count, metavar="N", help="print at most N sessions (pages are fetched as needed)")
    _client_options(ls)

    for name, help_text, action in (
        ("get", "show one session, active or ended", _get_action),
        ("keep-alive", "keep a session alive (sessions idle out after about 5 minutes)", _keep_alive_action),
    ):
        command = _api_command(session_commands, name, help_text)
        command.set_defaults(action=action, endpoint=_ENDPOINTS[name])
        command.add_argument("session_id", metavar="SESSION_ID")
        _client_options(command)

    stop = _api_command(
        session_commands,
        "stop",
        "stop a session",
        description="Stop a session. Exits 0 whether this call ended it or it had already ended;\n"
        '"stopped" in the result says which.',
    )
    stop.set_defaults(action=_stop_action, endpoint=_ENDPOINTS["stop"])
    stop.add_argument("session_id", metavar="SESSION_ID")
    stop.add_argument(
        "--reason", choices=_END_REASONS, default="USER_CLOSED", help="the end reason (default USER_CLOSED)"
    )
    _client_options(stop)

    transcript = _api_command(
        session_commands,
        "transcript",
        "print a FULL session's transcript",
        description="Print a FULL session's transcript: every entry so far, fetching page after page.",
    )
    transcript.set_defaults(action=_transcript_action, endpoint=_ENDPOINTS["transcript"])
    transcript.add_argument("session_id", metavar="SESSION_ID")
    transcript.add_argument("--start-timestamp", type=_count, metavar="T", help="from this Unix time on")
    transcript.add_argument("--end-timestamp", type=_count, metavar="T", help="up to this Unix time")
    _client_options(transcript)

    reap = _api_command(
        session_commands,
        "reap",
        "stop orphaned active sessions",
        description="Stop every active session matching the filters (ZOMBIE_SESSION_REAP) and print their ids;\n"
        "--dry-run only lists them. Durations: 90s, 10m, 2h, 1d, or plain seconds.",
    )
    reap.set_defaults(action=_reap_action, endpoint=_ENDPOINTS["reap"])
    reap.add_argument("--older-than", type=_duration, metavar="DURATION", help="only sessions at least this old")
    reap.add_argument("--avatar-id", help="only the sessions of this avatar (UUID)")
    reap.add_argument("--dry-run", action="store_true", help="list what would be stopped; stop nothing")
    _client_options(reap)


def _add_lite_commands(commands: Any) -> None:
    lite = commands.add_parser("lite", help="drive a LITE session's real-time channel", allow_abbrev=False)
    lite_commands = lite.add_subparsers(dest="lite_command", required=True, parser_class=_Parser)
    speak = _api_command(
        lite_commands,
        "speak",
        "make a LITE avatar speak a WAV file (needs liveavatar[realtime])",
        description="Mint and start a LITE session, connect to its ws_url, stream AUDIO (a 24 kHz mono 16-bit\n"
        "WAV), print each event as one JSON line, wait for the utterance to end, then stop the session.",
    )
    # No one endpoint: a failure names the base URL, or the LITE channel.
    speak.set_defaults(action=_lite_speak_action, endpoint=None)
    speak.add_argument("audio", metavar="AUDIO", help="a WAV file: 24000 Hz, 1 channel, 16-bit PCM")
    _session_options(speak)
    speak.add_argument(
        "--ready-timeout",
        type=_seconds,
        default=LITE_READY_TIMEOUT,
        metavar="SECONDS",
        help=f"how long to wait for the session to say connected (default {LITE_READY_TIMEOUT:g}); then go on anyway",
    )
    speak.add_argument(
        "--speak-timeout",
        type=_seconds,
        metavar="SECONDS",
        help="how long to wait for agent.speak_ended once the audio is sent "
        f"(default: the audio's length + {_SPEAK_END_SLACK:g})",
    )
    _client_options(speak)


def _build_parser() -> _Parser:
    parser = _Parser(
        prog="liveavatar",
        description="Mint LiveAvatar session tokens, run and inspect sessions, or run a local mock of the API.",
        allow_abbrev=False,
    )
    parser.add_argument("--version", action="version", version=f"liveavatar {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    token = commands.add_parser("token", help="mint session tokens", allow_abbrev=False)
    token_commands = token.add_subparsers(dest="mint_kind", required=True, parser_class=_Parser)

    full = token_commands.add_parser(
        "create",
        help="mint a FULL-mode token (persona or voice agent)",
        description="Mint a FULL-mode token: give a persona (--voice-id, --context-id, --language)\n"
        "or a stored voice agent (--voice-agent-id), not both.",
        epilog=_ENVIRONMENT_HELP,
        formatter_class=argparse.RawDescriptionHelpFormatter,
        allow_abbrev=False,
    )
    full.set_defaults(action=_token_action, endpoint=_TOKEN_ENDPOINT)
    _connection_options(full)
    _full_options(full)

    lite = token_commands.add_parser(
        "create-lite",
        help="mint a LITE-mode token (bring your own room or agent)",
        description="Mint a LITE-mode token, joining your LiveKit room or Agora channel,\n"
        "or with no connector options a room that LiveAvatar hosts.",
        epilog=_ENVIRONMENT_HELP,
        formatter_class=argparse.RawDescriptionHelpFormatter,
        allow_abbrev=False,
    )
    lite.set_defaults(action=_token_action, endpoint=_TOKEN_ENDPOINT)
    _connection_options(lite)
    _lite_options(lite)

    _add_session_commands(commands)
    credits = _api_command(commands, "credits", "show the account's credit balance")
    credits.set_defaults(action=_credits_action, endpoint=_ENDPOINTS["credits"])
    _client_options(credits)
    _cli_doctor.add_commands(
        commands, api_command=_api_command, session_options=_session_options, client_options=_client_options,
        full_options=_full_options, lite_options=_lite_options, mint=_mint, uuid_type=_uuid,
    )  # fmt: skip
    _add_lite_commands(commands)

    mock = commands.add_parser(
        "mock",
        help="run the local mock of the API (needs liveavatar[mock])",
        description="Run the local mock of the API until Ctrl-C, which stops it with exit code 0.",
        allow_abbrev=False,
    )
    mock.add_argument("--host", default="127.0.0.1", help="the address to listen on (0.0.0.0: every interface)")
    mock.add_argument("--port", type=_port, default=8800, help="0 picks a free port (default 8800)")
    mock.add_argument("--api-key", dest="api_keys", action="append", metavar="KEY", help="accept only these keys")
    mock.add_argument("--latency", type=_mock_seconds, default=0.0, metavar="SECONDS", help="delay every response")
    mock.add_argument("--fail-first", type=_count, metavar="N", help="fail the first N requests")
    mock.add_argument(
        "--fail-status", type=_http_status, metavar="STATUS", help="status for --fail-first (default 503)"
    )
    mock.add_argument(
        "--force-status", type=_http_status, metavar="STATUS", help="answer every request with this status"
    )
    mock.add_argument(
        "--retry-after", type=_retry_after, metavar="SECONDS", help="Retry-After on fault responses (or an HTTP date)"
    )
    mock.add_argument(
        "--success-code", type=int, choices=[100, 1000], default=1000,
        help="envelope code of a success: 1000 as the live API answers (default), or 100 as the published schema says",
    )  # fmt: skip
    mock.add_argument(
        "--max-session-duration", type=_positive_count, metavar="SECONDS",
        help="the plan's limit: what start answers for a session minted without one (default 3600, inferred)",
    )  # fmt: skip
    mock.add_argument(
        "--session-limit", type=_positive_count, metavar="N",
        help="how many tokens and ended sessions (with their LITE audio) to remember (default 10000)",
    )  # fmt: skip
    mock.add_argument(
        "--lite-audio-limit", type=_count, metavar="BYTES",
        help="received LITE audio kept per session (default 28800000, ten minutes)",
    )  # fmt: skip
    mock.add_argument(
        "--no-cors-credentials", dest="cors_credentials", action="store_false",
        help="leave Access-Control-Allow-Credentials out of the answers (sent by default, for browsers)",
    )  # fmt: skip
    mock.add_argument(
        "--sandbox-avatar", dest="sandbox_avatars", action="append", default=[], metavar="ID", type=_uuid,
        help="also allow this avatar in sandbox sessions (besides the documented ones); repeat for more",
    )  # fmt: skip
    mock.add_argument(
        "--lite-profile", choices=LITE_PROFILE_CHOICES, default="docs",
        help="the LITE channel's events: docs (the documented three) or extended (what third parties see)",
    )  # fmt: skip
    mock.add_argument("--quiet", action="store_true", help="log only warnings and errors, no access log")
    return parser


def _group(args: argparse.Namespace, prefix: str, names: Sequence[str]) -> dict[str, str] | None:
    """The values of a group of options that go together: all of them, or none."""
    values = {name: getattr(args, f"{prefix}_{name}") for name in names}
    if all(value is None for value in values.values()):
        return None
    given = [_option(prefix, name) for name, value in values.items() if value is not None]
    missing = [_option(prefix, name) for name, value in values.items() if value is None]
    if missing:
        raise _Failure(f"invalid request: {', '.join(given)} also needs {', '.join(missing)}", EXIT_INVALID_REQUEST)
    return values


def _option(prefix: str, name: str) -> str:
    return f"--{prefix}-{name}".replace("_", "-")


def _api_key(args: argparse.Namespace) -> str:
    key: str | None = args.api_key if args.api_key is not None else os.environ.get(API_KEY_ENV)
    if not key or not key.strip():
        raise _Failure(f"no API key: set {API_KEY_ENV}, or pass --api-key", EXIT_SETUP)
    return key


def _mint(args: argparse.Namespace, client: LiveAvatar) -> SessionToken:
    common: dict[str, Any] = {
        "avatar_id": args.avatar_id,
        "sandbox": args.sandbox,
        "max_session_duration": args.max_duration,
    }
    if _mints_full(args):
        variables = dict(args.variables) or None
        has_agent = args.voice_agent_id is not None
        persona = None
        if args.voice_id is not None or args.context_id is not None or (args.language is not None and not has_agent):
            persona = Persona(voice_id=args.voice_id, context_id=args.context_id, language=args.language)
        agent = None
        if has_agent:
            agent = VoiceAgent(id=args.voice_agent_id, language=args.language, dynamic_variables=variables)
        # Both, or neither, are passed on as given, so the SDK's own rule
        # refuses them, with every other problem of the same request. A plain
        # mapping, not keywords: the typed overloads refuse "both" and
        # "neither", which a command line can say.
        options: dict[str, Any] = {
            "persona": persona,
            "voice_agent": agent,
            "interactivity_type": args.interactivity_type,
            "llm_configuration_id": args.llm_configuration_id,
            "dynamic_variables": None if has_agent else variables,
            **common,
        }
        token: SessionToken = client.sessions.create_token(**options)
        return token
    livekit = _group(args, "livekit", ["url", "room", "token"])
    agora = _group(args, "agora", ["app_id", "token", "channel", "uid"])
    if livekit and agora:
        raise _Failure(
            "invalid request: give the --livekit-* options or the --agora-* options, not both", EXIT_INVALID_REQUEST
        )
    connector: LiveKitConfig | AgoraConfig | None = None
    if livekit:
        connector = LiveKitConfig(url=livekit["url"], room=livekit["room"], client_token=livekit["token"])
    elif agora:
        connector = AgoraConfig(
            app_id=agora["app_id"], token=agora["token"], channel=agora["channel"], uid=agora["uid"]
        )
    return client.sessions.create_lite_token(
        connector=connector,
        **common,
    )


def _mints_full(args: argparse.Namespace) -> bool:
    if getattr(args, "session_command", None) == "start":
        return not args.lite
    return bool(args.mint_kind == "create")


def _token_json(token: SessionToken, *, show_token: bool) -> dict[str, Any]:
    expires_at = token.expires_at
    return {
        "session_id": token.session_id,
        "session_token": token.session_token if show_token else mask(token.session_token),
        "expires_at": expires_at.isoformat() if expires_at else None,
        "code": token.code,
        "message": token.message,
        "request_id": token.request_id,
        "retries_taken": token.retries_taken,
    }


def _exit_code(error: _errors.LiveAvatarError) -> int:
    if isinstance(error, _errors.InvalidRequestError | _errors.BadRequestError | _errors.UnprocessableEntityError):
        return EXIT_INVALID_REQUEST
    if isinstance(error, _errors.AuthenticationError | _errors.PermissionDeniedError):
        return EXIT_SETUP
    if isinstance(error, _errors.APIConnectionError):
        return EXIT_UNREACHABLE
    if isinstance(error, _errors.APIError):
        return EXIT_API_ERROR
    return EXIT_SETUP  # the client could not be set up: a bad base URL


def _problem_text(problem: FieldError, args: argparse.Namespace) -> str:
    """One SDK input problem, said in the options the user typed."""
    path = problem.path
    if path == "persona" and (getattr(args, "mint_kind", None) == "create" or _starts_full(args)):
        # The one rule about which options go together: exactly one of a
        # persona and a voice agent.
        if args.voice_agent_id is None:
            return f"give a persona ({_PERSONA_OPTIONS}) or --voice-agent-id"
        return "give --voice-agent-id or the persona options (--voice-id, --context-id), not both"
    for prefix in ("voice_agent.dynamic_variables", "dynamic_variables"):
        if path.startswith(f"{prefix}["):
            # The SDK writes the variable's name as a Python literal.
            name = ast.literal_eval(path[len(prefix) + 1 : -1])
            return f"--var {name}=...: {problem.message}"
    return f"{_OPTION_OF_PATH.get(path, path)}: {problem.message}"


def _starts_full(args: argparse.Namespace) -> bool:
    return getattr(args, "session_command", None) == "start" and not args.lite


def _shown_url(url: str) -> str:
    """`url` as it may be printed: without the user name and password a base URL may carry."""
    parts = urlsplit(url)
    if "@" not in parts.netloc:
        return url
    return urlunsplit(parts._replace(netloc="…@" + parts.netloc.rpartition("@")[2]))


def _base_url_hint(base_url: str) -> str | None:
    parts = urlsplit(base_url)
    path = parts.path.rstrip("/")
    if not path.endswith("/v1"):
        return None
    suggested = urlunsplit(parts._replace(path=path.removesuffix("/v1")))
    return f"the base URL ends in /v1, which the SDK adds itself: try --base-url {suggested}"


def _where(args: argparse.Namespace, base_url: str) -> str:
    """The call a failed command made, as `METHOD URL`, for messages; the base URL when it made several."""
    endpoint: str | None = args.endpoint
    if endpoint is None:
        return base_url
    method, _, path = endpoint.partition(" ")
    # The session id is an argument of format, never part of the template.
    return f"{method} {base_url}{path.format(session_id=getattr(args, 'session_id', ''))}"


def _describe(error: _errors.LiveAvatarError, args: argparse.Namespace, base_url: str) -> str:
    """The one line printed for an SDK error, in the CLI's terms."""
    if isinstance(error, _errors.InvalidRequestError):
        return "invalid request: " + "; ".join(_problem_text(problem, args) for problem in error.problems)
    text = " ".join(str(error).split())
    notes = []
    lite = isinstance(error, _errors.LiteConnectError | _errors.LiteConnectionClosed | _errors.LiteTimeoutError)
    if isinstance(error, _errors.APIConnectionError):
        where = _where(args, base_url)
        # The SDK's own message names the call it made; the URL is said once.
        if lite:
            notes.append(_LITE_CHANNEL)
        elif base_url not in text:
            notes.append(where)
    if isinstance(error, _errors.APIStatusError):
        text = f"HTTP {error.status_code}: {text}"
        if isinstance(error, _errors.NotFoundError):
            notes.append(_where(args, base_url))
            hint = _base_url_hint(base_url)
            if hint:
                notes.append(hint)
    if isinstance(error, _errors.RateLimitError):
        wait = error.retry_after
        notes.append(
            "the server did not say how long to wait" if wait is None else f"the server asked to wait {wait:g} s"
        )
    if isinstance(error, _errors.APIError) and error.retries_taken:
        notes.append(f"after {error.retries_taken} {'retry' if error.retries_taken == 1 else 'retries'}")
    return text + "".join(f" ({note})" for note in notes)


# -- results as JSON ---------------------------------------------------------------


def _iso(value: datetime.datetime | None) -> str | None:
    return None if value is None else value.isoformat()


def _decimal_text(value: Decimal | None) -> str | None:
    # A string, not a JSON number: a number would be read back as a float
    # and lose the exactness the API gives credits.
    return None if value is None else str(value)


def _session_json(session: SessionInfo) -> dict[str, Any]:
    # SessionInfo holds no credential (the LiveKit tokens and the ws_url are
    # only in a start's answer), so every field is printed as it is.
    return {
        "id": session.id,
        "mode": session.mode,
        "source": session.source,
        "is_sandbox": session.is_sandbox,
        "created_at": _iso(session.created_at),
        "updated_at": _iso(session.updated_at),
        "duration": session.duration,
        "credits_consumed": _decimal_text(session.credits_consumed),
        "ended": session.ended,
        "end_at": _iso(session.end_at),
        "end_reason": session.end_reason,
    }


def _entry_json(entry: TranscriptEntry) -> dict[str, Any]:
    return {
        "role": entry.role,
        "transcript": entry.transcript,
        "absolute_timestamp": entry.absolute_timestamp,
        "relative_timestamp": entry.relative_timestamp,
    }


def _plain(value: object) -> object:
    """An event's raw JSON (read-only mappings inside) as plain dicts and lists for `json.dumps`."""
    if isinstance(value, Mapping):
        return {str(key): _plain(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(item) for item in value]
    return value


def _print_json(value: object, *, compact: bool) -> None:
    print(json.dumps(value, indent=None if compact else 2, ensure_ascii=False), flush=True)


# -- the API commands -------------------------------------------------------------

_Action = Callable[[argparse.Namespace, LiveAvatar], object]


def _token_action(args: argparse.Namespace, client: LiveAvatar) -> object:
    return _token_json(_mint(args, client), show_token=args.show_token)


def _ls_action(args: argparse.Namespace, client: LiveAvatar) -> object:
    sessions = client.sessions.list(type="historic" if args.historic else "active", avatar_id=args.avatar_id)
    # islice keeps the listing lazy: only the pages the limit reaches are fetched.
    chosen = sessions if args.limit is None else itertools.islice(sessions, args.limit)
    return [_session_json(session) for session in chosen]


def _get_action(args: argparse.Namespace, client: LiveAvatar) -> object:
    return _session_json(client.sessions.get(args.session_id))


def _stop_action(args: argparse.Namespace, client: LiveAvatar) -> object:
    stopped = client.sessions.stop(args.session_id, reason=args.reason)
    # Already ended: the reason it ended for is the session's own, not the one this call sent.
    reason = args.reason if stopped else client.sessions.get(args.session_id).end_reason
    return {"session_id": args.session_id, "stopped": stopped, "reason": reason}


def _start_action(args: argparse.Namespace, client: LiveAvatar) -> object:
    token = _mint(args, client)
    started = client.sessions.start(token)
    return {
        "session_id": started.session_id,
        "mode": "LITE" if args.lite else "FULL",
        "session_token": token.session_token if args.show_token else mask(token.session_token),
        "livekit_url": started.livekit_url,
        "livekit_client_token": mask(started.livekit_client_token),
        "livekit_agent_token": None if started.livekit_agent_token is None else mask(started.livekit_agent_token),
        # A credential that grants the channel: whether there is one, never any of it.
        "ws_url": None if started.ws_url is None else "…",
        "max_session_duration": started.max_session_duration,
        "request_id": started.request_id,
    }


def _keep_alive_action(args: argparse.Namespace, client: LiveAvatar) -> object:
    client.sessions.keep_alive(args.session_id)
    return {"session_id": args.session_id, "kept_alive": True}


def _transcript_action(args: argparse.Namespace, client: LiveAvatar) -> object:
    entries: list[TranscriptEntry] = []
    start: int | None = args.start_timestamp
    while True:
        page: Transcript = client.sessions.transcript(
            args.session_id, start_timestamp=start, end_timestamp=args.end_timestamp
        )
        entries.extend(page.entries)
        following = page.next_timestamp
        # Read on only while a page brings entries and moves the cursor
        # forward: an answer that repeats its cursor must not loop forever.
        if not page.entries or following is None or (start is not None and following <= start):
            break
        start = following
    return {
        "session_id": args.session_id,
        "session_active": page.session_active,
        # Where a later read carries on: the last cursor the API gave, or the
        # one this read ended at when the last page gave none.
        "next_timestamp": following if following is not None else start,
        "entries": [_entry_json(entry) for entry in entries],
    }


def _reap_action(args: argparse.Namespace, client: LiveAvatar) -> object:
    chosen = client.sessions.stop_all(older_than=args.older_than, avatar_id=args.avatar_id, dry_run=args.dry_run)
    return {"dry_run": args.dry_run, "session_ids": chosen, "count": len(chosen)}


def _credits_action(args: argparse.Namespace, client: LiveAvatar) -> object:
    return {"credits_left": _decimal_text(client.users.credits())}


def _read_audio(path: str) -> bytes:
    from .audio import read_wav

    try:
        pcm = read_wav(path)
    except OSError as exc:
        raise _Failure(f"cannot read {path}: {exc.strerror or exc}", EXIT_INVALID_REQUEST) from None
    except _errors.LiveAvatarError as exc:
        # read_wav's own words: what the file is and the command that converts it.
        raise _Failure(" ".join(str(exc).split()), EXIT_INVALID_REQUEST) from None
    if not pcm:
        raise _Failure(f"{path} holds no audio", EXIT_INVALID_REQUEST)
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
                print(json.dumps(_plain(event.raw), ensure_ascii=False), flush=True)
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
    from ._lite._events import SpeakEnded
    from ._lite._wire import load_websockets
    from .audio import duration_of

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
                raise _Failure(
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


def _run_api(args: argparse.Namespace) -> int:
    action: _Action = args.action
    # Only the settings given: the client's own defaults stand for the rest.
    settings: dict[str, Any] = {
        name: value
        for name, value in (("base_url", args.base_url), ("timeout", args.timeout), ("max_retries", args.max_retries))
        if value is not None
    }
    try:
        client = LiveAvatar(api_key=_api_key(args), **settings)
    except _errors.LiveAvatarError as error:
        # A set-up problem, say a LIVEAVATAR_BASE_URL that is not a URL.
        raise _Failure(" ".join(str(error).split()), EXIT_SETUP) from None
    with client:
        try:
            result = action(args, client)
        except _errors.LiveAvatarError as error:
            raise _Failure(_describe(error, args, _shown_url(client.base_url)), _exit_code(error)) from None
    if isinstance(result, _cli_doctor.Printed):
        return result.code
    _print_json(result, compact=args.json)
    return EXIT_OK


# Hosts that mean "every interface": where the mock listens, not an address to connect to.
_WILDCARD_HOSTS = {"0.0.0.0": "0.0.0.0", "": "0.0.0.0", "::": "[::]"}  # noqa: S104 - names, not a bind


def _mock_seconds(text: str) -> float:
    try:
        seconds = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected seconds, got {text!r}") from None
    if not (math.isfinite(seconds) and seconds >= 0):
        raise argparse.ArgumentTypeError(f"must be a finite number of seconds, 0 or more, got {text!r}")
    return seconds


def _positive_count(text: str) -> int:
    count = _count(text)
    if count < 1:
        raise argparse.ArgumentTypeError(f"must be 1 or more, got {count}")
    return count


def _http_status(text: str) -> int:
    try:
        status = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected an HTTP status, got {text!r}") from None
    if not 100 <= status <= 599:
        raise argparse.ArgumentTypeError(f"must be an HTTP status (100 to 599), got {status}")
    return status


def _retry_after(text: str) -> str:
    # RFC 9110: delay-seconds or an HTTP-date; the text is sent as given.
    try:
        _mock_seconds(text)
    except argparse.ArgumentTypeError as error:
        try:
            email.utils.parsedate_to_datetime(text)
        except (TypeError, ValueError):
            raise error from None
    return text


def _announcement(url: str, host: str) -> str:
    """The line `liveavatar mock` prints once it listens: where, and for a wildcard host, where to reach it."""
    wildcard = _WILDCARD_HOSTS.get(host)
    if wildcard is None:
        return f"LiveAvatar mock listening on {url}"
    # The URL is printed last on the line, so that scripts can take the last word.
    listening = f"http://{wildcard}:{urlsplit(url).port}"
    return f"LiveAvatar mock listening on {listening} (every interface), reachable from this machine at {url}"


def _run_mock(args: argparse.Namespace) -> int:
    try:
        from .mock import DEFAULT_SANDBOX_AVATAR_IDS, MockConfig, serve
    except ImportError as exc:
        raise _Failure(str(exc), EXIT_SETUP) from None
    if args.fail_status is not None and not args.fail_first:
        raise _Failure("--fail-status needs --fail-first N (the number of requests to fail, 1 or more)", EXIT_USAGE)
    # Only what was given: MockConfig's own defaults stand for the rest.
    given = {
        name: getattr(args, name)
        for name in ("fail_first", "fail_status", "max_session_duration", "session_limit", "lite_audio_limit")
        if getattr(args, name) is not None
    }
    try:
        config = MockConfig(
            api_keys=args.api_keys,
            success_code=args.success_code,
            latency=args.latency,
            force_status=args.force_status,
            retry_after=args.retry_after,
            cors_credentials=args.cors_credentials,
            **given,
            # Added to the documented sandbox avatars, not replacing them: the
            # option exists to allow one more (HeyGen's starter ships another).
            sandbox_avatar_ids={*DEFAULT_SANDBOX_AVATAR_IDS, *args.sandbox_avatars},
            lite_profile=args.lite_profile,
            # Wall time: nothing can call advance() on a mock in another
            # process, so on a manual clock its sessions would never idle out
            # and a LITE utterance would never end.
            clock="real",
        )
    except ValueError as exc:
        raise _Failure(str(exc), EXIT_USAGE) from None

    def announce(url: str) -> None:
        print(_announcement(url, args.host), flush=True)

    log_level = "warning" if args.quiet else "info"
    try:
        serve(config, host=args.host, port=args.port, access_log=not args.quiet, log_level=log_level, on_ready=announce)
    except OSError as exc:
        # Raised before serving starts: the port is taken, the host is not
        # an address of this machine, or a low port needs privileges.
        # errno's own words: create_server appends the address tuple to strerror.
        reason = os.strerror(exc.errno) if exc.errno and exc.errno > 0 else exc.strerror or str(exc)
        raise _Failure(f"cannot listen on {args.host}:{args.port}: {reason}", EXIT_SETUP) from None
    return EXIT_OK


def _mask_secrets(message: str, argv: Sequence[str]) -> str:
    """`message` with every value given to a secret option masked."""
    for index, argument in enumerate(argv):
        option, equals, value = argument.partition("=")
        if option not in _SECRET_OPTIONS:
            continue
        if not equals:
            if index + 1 >= len(argv):
                continue
            value = argv[index + 1]
        if value:
            message = message.replace(value, mask(value))
    return message


def _fail(message: str) -> None:
    print(f"liveavatar: error: {message}", file=sys.stderr)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    arguments = list(sys.argv[1:] if argv is None else argv)
    try:
        try:
            args = _build_parser().parse_args(arguments)
        except _UsageError as error:
            _fail(f"{_mask_secrets(error.message, arguments)} (see {error.prog} --help)")
            return EXIT_USAGE
        try:
            return _run_mock(args) if args.command == "mock" else _run_api(args)
        except _Failure as failure:
            _fail(failure.message)
            return failure.code
    except KeyboardInterrupt:
        # Ctrl-C, also during a retry's wait: a line, not a traceback.
        print("liveavatar: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED


if __name__ == "__main__":  # pragma: no cover - `python -m liveavatar._cli`
    sys.exit(main())
