"""`liveavatar token create|create-lite`: mint session tokens; the mint options `sessions start` shares."""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from typing import Any

from liveavatar._client import LiveAvatar
from liveavatar._models import AgoraConfig, LiveKitConfig, Persona, SessionToken, VoiceAgent
from liveavatar._secrets import mask

from ._common import ENVIRONMENT_HELP, EXIT_INVALID_REQUEST, Failure, Parser, client_options

# What the mint commands call, for messages only: a connection error or a 404
# names the whole URL that was tried.
TOKEN_ENDPOINT = "POST /v1/sessions/token"  # noqa: S105 - a URL path, not a password


def _dynamic_variable(text: str) -> tuple[str, str]:
    name, separator, value = text.partition("=")
    if not separator:
        raise argparse.ArgumentTypeError(f"expected NAME=VALUE, got {text!r}")
    return name, value


def session_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--avatar-id", required=True, help="the avatar to render (UUID)")
    parser.add_argument("--sandbox", action="store_true", help="a free sandbox session (60 s at most)")
    parser.add_argument("--max-duration", type=int, metavar="SECONDS", help="cap on the session length")


def connection_options(parser: argparse.ArgumentParser) -> None:
    session_options(parser)
    client_options(parser)
    parser.add_argument("--show-token", action="store_true", help="print the session token unmasked")


def full_options(parser: argparse.ArgumentParser) -> None:
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


def lite_options(parser: argparse.ArgumentParser) -> None:
    """The connector options of a LITE-mode mint (`token create-lite`, `sessions start --lite`)."""
    parser.add_argument("--livekit-url", help="your LiveKit server URL (with --livekit-room and --livekit-token)")
    parser.add_argument("--livekit-room")
    parser.add_argument("--livekit-token", help="a LiveKit token that lets the avatar publish")
    parser.add_argument("--agora-app-id", help="your Agora app (with --agora-token, --agora-channel, --agora-uid)")
    parser.add_argument("--agora-token")
    parser.add_argument("--agora-channel")
    parser.add_argument("--agora-uid")


def add_token_commands(commands: Any) -> None:
    """`token create` and `token create-lite`."""
    token = commands.add_parser("token", help="mint session tokens", allow_abbrev=False)
    token_commands = token.add_subparsers(dest="mint_kind", required=True, parser_class=Parser)

    full = token_commands.add_parser(
        "create",
        help="mint a FULL-mode token (persona or voice agent)",
        description="Mint a FULL-mode token: give a persona (--voice-id, --context-id, --language)\n"
        "or a stored voice agent (--voice-agent-id), not both.",
        epilog=ENVIRONMENT_HELP,
        formatter_class=argparse.RawDescriptionHelpFormatter,
        allow_abbrev=False,
    )
    full.set_defaults(action=_token_action, endpoint=TOKEN_ENDPOINT)
    connection_options(full)
    full_options(full)

    lite = token_commands.add_parser(
        "create-lite",
        help="mint a LITE-mode token (bring your own room or agent)",
        description="Mint a LITE-mode token, joining your LiveKit room or Agora channel,\n"
        "or with no connector options a room that LiveAvatar hosts.",
        epilog=ENVIRONMENT_HELP,
        formatter_class=argparse.RawDescriptionHelpFormatter,
        allow_abbrev=False,
    )
    lite.set_defaults(action=_token_action, endpoint=TOKEN_ENDPOINT)
    connection_options(lite)
    lite_options(lite)


def _group(args: argparse.Namespace, prefix: str, names: Sequence[str]) -> dict[str, str] | None:
    """The values of a group of options that go together: all of them, or none."""
    values = {name: getattr(args, f"{prefix}_{name}") for name in names}
    if all(value is None for value in values.values()):
        return None
    given = [_option(prefix, name) for name, value in values.items() if value is not None]
    missing = [_option(prefix, name) for name, value in values.items() if value is None]
    if missing:
        raise Failure(f"invalid request: {', '.join(given)} also needs {', '.join(missing)}", EXIT_INVALID_REQUEST)
    return values


def _option(prefix: str, name: str) -> str:
    return f"--{prefix}-{name}".replace("_", "-")


def mint(args: argparse.Namespace, client: LiveAvatar) -> SessionToken:
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
        raise Failure(
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


def _token_action(args: argparse.Namespace, client: LiveAvatar) -> object:
    return _token_json(mint(args, client), show_token=args.show_token)
