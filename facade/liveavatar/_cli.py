"""The `liveavatar` command line: mint tokens, or run the local mock.

::

    liveavatar token create --avatar-id ID (--voice-id ID --context-id ID | --voice-agent-id ID) [...]
    liveavatar token create-lite --avatar-id ID [--livekit-url U --livekit-room R --livekit-token T] [...]
    liveavatar mock [--port N] [...]

The key and base URL come from `LIVEAVATAR_API_KEY` and `LIVEAVATAR_BASE_URL`
(or `--base-url`). A minted token is printed as JSON on stdout, its secret
masked unless `--show-token` is given. A failure prints one line on stderr,
never a traceback, and exits with its own code:

====  ==========================================================
0     success
2     the command line is wrong (unknown option, missing value)
3     the request is invalid: refused before sending, or 400/422
4     authentication or set-up: no key, 401, 403, a missing extra
5     the API could not be reached: connection failure or timeout
6     any other API failure: 429 after retries, 5xx, a bad response
====  ==========================================================
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from typing import Any, NoReturn

from . import _errors
from ._client import LiveAvatar
from ._models import AgoraConfig, LiveKitConfig, Persona, SessionToken, VoiceAgent
from ._secrets import mask
from ._version import __version__

__all__ = ["main"]

EXIT_OK = 0
EXIT_USAGE = 2
EXIT_INVALID_REQUEST = 3
EXIT_AUTHENTICATION = 4
EXIT_UNREACHABLE = 5
EXIT_API_ERROR = 6


class _Parser(argparse.ArgumentParser):
    """argparse, but usage errors are one line and exit with EXIT_USAGE."""

    def error(self, message: str) -> NoReturn:
        self.exit(EXIT_USAGE, f"liveavatar: error: {message} (see {self.prog} --help)\n")


def _dynamic_variable(text: str) -> tuple[str, str]:
    name, separator, value = text.partition("=")
    if not separator:
        raise argparse.ArgumentTypeError(f"expected NAME=VALUE, got {text!r}")
    return name, value


def _connection_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--avatar-id", required=True, help="the avatar to render (UUID)")
    parser.add_argument("--sandbox", action="store_true", help="a free sandbox session (60 s at most)")
    parser.add_argument("--max-duration", type=int, metavar="SECONDS", help="cap on the session length")
    parser.add_argument("--base-url", help="API base URL (default: LIVEAVATAR_BASE_URL, else the public API)")
    parser.add_argument("--timeout", type=float, metavar="SECONDS", help="per-request timeout (default 30)")
    parser.add_argument("--max-retries", type=int, metavar="N", help="retries after the first attempt (default 2)")
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
        "create", help="mint a FULL-mode token (persona or voice agent)", allow_abbrev=False
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
        "create-lite", help="mint a LITE-mode token (bring your own room or agent)", allow_abbrev=False
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
        "mock", help="run the local mock of the API (needs liveavatar[mock])", allow_abbrev=False
    )
    mock.add_argument("--host", default="127.0.0.1")
    mock.add_argument("--port", type=int, default=8800, help="0 picks a free port (default 8800)")
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
    missing = [f"--{prefix}-{name}".replace("_", "-") for name, value in values.items() if value is None]
    if missing:
        raise _errors.InvalidRequestError([_errors.FieldError(prefix, f"also needs {', '.join(missing)}")])
    return values


def _mint(args: argparse.Namespace) -> SessionToken:
    client = LiveAvatar(base_url=args.base_url, timeout=args.timeout, max_retries=args.max_retries)
    with client:
        common: dict[str, Any] = {
            "avatar_id": args.avatar_id,
            "sandbox": args.sandbox,
            "max_session_duration": args.max_duration,
        }
        if args.mint_kind == "create":
            variables = dict(args.variables) or None
            has_agent = args.voice_agent_id is not None
            persona = None
            if args.voice_id is not None or args.context_id is not None or not has_agent:
                persona = Persona(voice_id=args.voice_id, context_id=args.context_id, language=args.language)
            agent = None
            if has_agent:
                agent = VoiceAgent(id=args.voice_agent_id, language=args.language, dynamic_variables=variables)
            # Both, or neither, are passed on as given, so the SDK's own rule reports it.
            return client.sessions.create_token(
                persona=persona,
                voice_agent=agent,
                interactivity_type=args.interactivity_type,
                llm_configuration_id=args.llm_configuration_id,
                dynamic_variables=None if has_agent else variables,
                **common,
            )
        livekit = _group(args, "livekit", ["url", "room", "token"])
        agora = _group(args, "agora", ["app_id", "token", "channel", "uid"])
        return client.sessions.create_lite_token(
            livekit=LiveKitConfig(url=livekit["url"], room=livekit["room"], client_token=livekit["token"])
            if livekit
            else None,
            agora=AgoraConfig(app_id=agora["app_id"], token=agora["token"], channel=agora["channel"], uid=agora["uid"])
            if agora
            else None,
            **common,
        )


def _token_json(token: SessionToken, *, show_token: bool) -> dict[str, Any]:
    expires_at = token.expires_at
    return {
        "session_id": token.session_id,
        "session_token": token.session_token if show_token else mask(token.session_token).strip("'"),
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
        return EXIT_AUTHENTICATION
    if isinstance(error, _errors.APIConnectionError):
        return EXIT_UNREACHABLE
    if isinstance(error, _errors.APIError):
        return EXIT_API_ERROR
    return EXIT_AUTHENTICATION  # the client could not be set up: no key, a bad base URL


def _describe(error: _errors.LiveAvatarError) -> str:
    text = " ".join(str(error).split())
    if isinstance(error, _errors.APIStatusError):
        text = f"HTTP {error.status_code}: {text}"
    if isinstance(error, _errors.APIError) and error.retries_taken:
        text += f" (after {error.retries_taken} retries)"
    return text


def _run_mock(args: argparse.Namespace) -> int:
    try:
        from .mock import MockConfig, serve
    except ImportError as exc:
        print(f"liveavatar: error: {exc}", file=sys.stderr)
        return EXIT_AUTHENTICATION
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
        print(f"liveavatar: error: {exc}", file=sys.stderr)
        return EXIT_USAGE

    def announce(url: str) -> None:
        print(f"LiveAvatar mock listening on {url}", flush=True)

    log_level = "warning" if args.quiet else "info"
    serve(config, host=args.host, port=args.port, access_log=not args.quiet, log_level=log_level, on_ready=announce)
    return EXIT_OK


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    args = _build_parser().parse_args(argv)
    if args.command == "mock":
        return _run_mock(args)
    try:
        token = _mint(args)
    except _errors.LiveAvatarError as error:
        print(f"liveavatar: error: {_describe(error)}", file=sys.stderr)
        return _exit_code(error)
    indent = None if args.json else 2
    print(json.dumps(_token_json(token, show_token=args.show_token), indent=indent, ensure_ascii=False))
    return EXIT_OK


if __name__ == "__main__":  # pragma: no cover - `python -m liveavatar._cli`
    sys.exit(main())
