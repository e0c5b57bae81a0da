"""The `liveavatar` command line: mint tokens, or run the local mock.

::

    liveavatar token create --avatar-id ID (--voice-id ID --context-id ID | --voice-agent-id ID) [...]
    liveavatar token create-lite --avatar-id ID [--livekit-url U --livekit-room R --livekit-token T] [...]
    liveavatar mock [--port N] [...]

The key and base URL come from `--api-key` and `--base-url`, else from
`LIVEAVATAR_API_KEY` and `LIVEAVATAR_BASE_URL`. A minted token is printed as
JSON on stdout, its secret masked unless `--show-token` is given. A failure
prints one line on stderr, never a traceback, and exits with its own code:

====  ==========================================================
0     success (and `liveavatar mock` stopped with Ctrl-C)
2     the command line is wrong (unknown option, missing value, port out of range)
3     the request is invalid: refused before sending, or 400/422
4     authentication or set-up: no key, 401, 403, a missing extra, a port in use
5     the API could not be reached: connection failure or timeout
6     any other API failure: 429 after retries, 5xx, a bad response
130   interrupted (Ctrl-C), also while waiting to retry
====  ==========================================================

Messages name the options the user typed (`--voice-id`), never the Python
arguments behind them (`persona.voice_id`), and never print a secret given on
the command line (`--api-key`, `--livekit-token`, `--agora-token`).
"""

from __future__ import annotations

import argparse
import ast
import json
import math
import os
import sys
from collections.abc import Sequence
from typing import Any, NoReturn
from urllib.parse import urlsplit, urlunsplit

from . import _errors
from ._client import LiveAvatar
from ._config import API_KEY_ENV, BASE_URL_ENV, LOG_LEVEL_ENV
from ._models import AgoraConfig, LiveKitConfig, Persona, SessionToken, VoiceAgent
from ._secrets import mask
from ._version import __version__

__all__ = ["main"]

EXIT_OK = 0
EXIT_USAGE = 2
EXIT_INVALID_REQUEST = 3
EXIT_SETUP = 4
EXIT_UNREACHABLE = 5
EXIT_API_ERROR = 6
EXIT_INTERRUPTED = 130  # 128 + SIGINT, what a shell reports for Ctrl-C

# The path both token commands post to, for messages only: a connection error
# or a 404 names the whole URL that was tried.
_TOKEN_ENDPOINT = "/v1/sessions/token"  # noqa: S105 - a URL path, not a password

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


def _connection_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--avatar-id", required=True, help="the avatar to render (UUID)")
    parser.add_argument("--sandbox", action="store_true", help="a free sandbox session (60 s at most)")
    parser.add_argument("--max-duration", type=int, metavar="SECONDS", help="cap on the session length")
    parser.add_argument(
        "--api-key",
        metavar="KEY",
        help=f"the API key (default: {API_KEY_ENV}; prefer the variable, as a command line is visible to other users)",
    )
    parser.add_argument("--base-url", help=f"API base URL (default: {BASE_URL_ENV}, else the public API)")
    parser.add_argument("--timeout", type=_seconds, metavar="SECONDS", help="per-request timeout (default 30)")
    parser.add_argument("--max-retries", type=_count, metavar="N", help="retries after the first attempt (default 2)")
    parser.add_argument("--json", action="store_true", help="print compact one-line JSON instead of indented JSON")
    parser.add_argument("--show-token", action="store_true", help="print the session token unmasked")


def _build_parser() -> _Parser:
    parser = _Parser(
        prog="liveavatar",
        description="Mint LiveAvatar session tokens, or run a local mock of the API.",
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
    _connection_options(full)
    full.add_argument("--voice-id", help="persona voice (UUID)")
    full.add_argument("--context-id", help="persona context (UUID)")
    full.add_argument("--language", help="persona or voice agent language, e.g. en")
    full.add_argument("--voice-agent-id", help="a stored voice agent instead of a persona (UUID)")
    full.add_argument("--interactivity-type", choices=["CONVERSATIONAL", "PUSH_TO_TALK"])
    full.add_argument("--llm-configuration-id", help="a custom LLM configuration (UUID)")
    full.add_argument(
        "--var", dest="variables", action="append", type=_dynamic_variable, default=[], metavar="NAME=VALUE",
        help="a dynamic variable; repeat for more",
    )  # fmt: skip

    lite = token_commands.add_parser(
        "create-lite",
        help="mint a LITE-mode token (bring your own room or agent)",
        description="Mint a LITE-mode token, joining your LiveKit room or Agora channel,\n"
        "or with no connector options a room that LiveAvatar hosts.",
        epilog=_ENVIRONMENT_HELP,
        formatter_class=argparse.RawDescriptionHelpFormatter,
        allow_abbrev=False,
    )
    _connection_options(lite)
    lite.add_argument("--livekit-url", help="your LiveKit server URL (with --livekit-room and --livekit-token)")
    lite.add_argument("--livekit-room")
    lite.add_argument("--livekit-token", help="a LiveKit token that lets the avatar publish")
    lite.add_argument("--agora-app-id", help="your Agora app (with --agora-token, --agora-channel, --agora-uid)")
    lite.add_argument("--agora-token")
    lite.add_argument("--agora-channel")
    lite.add_argument("--agora-uid")

    mock = commands.add_parser(
        "mock",
        help="run the local mock of the API (needs liveavatar[mock])",
        description="Run the local mock of the API until Ctrl-C, which stops it with exit code 0.",
        allow_abbrev=False,
    )
    mock.add_argument("--host", default="127.0.0.1")
    mock.add_argument("--port", type=_port, default=8800, help="0 picks a free port (default 8800)")
    mock.add_argument("--api-key", dest="api_keys", action="append", metavar="KEY", help="accept only these keys")
    mock.add_argument("--latency", type=float, default=0.0, metavar="SECONDS", help="delay every response")
    mock.add_argument("--fail-first", type=int, default=0, metavar="N", help="fail the first N requests")
    mock.add_argument("--fail-status", type=int, default=503, metavar="STATUS", help="status for --fail-first")
    mock.add_argument("--force-status", type=int, metavar="STATUS", help="answer every request with this status")
    mock.add_argument("--retry-after", metavar="SECONDS", help="Retry-After on fault responses")
    mock.add_argument("--success-code", type=int, choices=[100, 1000], default=100, help="envelope code of a 200")
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
    if args.mint_kind == "create":
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


def _problem_text(problem: _errors.FieldError, args: argparse.Namespace) -> str:
    """One SDK input problem, said in the options the user typed."""
    path = problem.path
    if path == "persona" and args.mint_kind == "create":
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


def _base_url_hint(base_url: str) -> str | None:
    parts = urlsplit(base_url)
    path = parts.path.rstrip("/")
    if not path.endswith("/v1"):
        return None
    suggested = urlunsplit(parts._replace(path=path.removesuffix("/v1")))
    return f"the base URL ends in /v1, which the SDK adds itself: try --base-url {suggested}"


def _describe(error: _errors.LiveAvatarError, args: argparse.Namespace, base_url: str) -> str:
    """The one line printed for an SDK error, in the CLI's terms."""
    if isinstance(error, _errors.InvalidRequestError):
        return "invalid request: " + "; ".join(_problem_text(problem, args) for problem in error.problems)
    text = " ".join(str(error).split())
    notes = []
    if isinstance(error, _errors.APIConnectionError):
        notes.append(f"POST {base_url}{_TOKEN_ENDPOINT}")
    if isinstance(error, _errors.APIStatusError):
        text = f"HTTP {error.status_code}: {text}"
        if isinstance(error, _errors.NotFoundError):
            notes.append(f"POST {base_url}{_TOKEN_ENDPOINT}")
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


def _run_token(args: argparse.Namespace) -> int:
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
            token = _mint(args, client)
        except _errors.LiveAvatarError as error:
            raise _Failure(_describe(error, args, client.base_url), _exit_code(error)) from None
    indent = None if args.json else 2
    print(json.dumps(_token_json(token, show_token=args.show_token), indent=indent, ensure_ascii=False))
    return EXIT_OK


def _run_mock(args: argparse.Namespace) -> int:
    try:
        from .mock import MockConfig, serve
    except ImportError as exc:
        raise _Failure(str(exc), EXIT_SETUP) from None
    try:
        config = MockConfig(
            api_keys=args.api_keys,
            success_code=args.success_code,
            latency=args.latency,
            fail_first=args.fail_first,
            fail_status=args.fail_status,
            force_status=args.force_status,
            retry_after=args.retry_after,
        )
    except ValueError as exc:
        raise _Failure(str(exc), EXIT_USAGE) from None

    def announce(url: str) -> None:
        print(f"LiveAvatar mock listening on {url}", flush=True)

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
            return _run_mock(args) if args.command == "mock" else _run_token(args)
        except _Failure as failure:
            _fail(failure.message)
            return failure.code
    except KeyboardInterrupt:
        # Ctrl-C, also during a retry's wait: a line, not a traceback.
        print("liveavatar: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED


if __name__ == "__main__":  # pragma: no cover - `python -m liveavatar._cli`
    sys.exit(main())
