"""`liveavatar languages` and `liveavatar embeds create`."""

from __future__ import annotations

import argparse
from typing import Any, get_args

from liveavatar._account_models import EmbedOrientation, EmbedType
from liveavatar._client import LiveAvatar

from ._account import add_group, listed, value_json
from ._common import api_command, client_options, whole_number

_EMBED_OPTIONS = {
    "avatar_id": "--avatar-id",
    "context_id": "--context-id",
    "voice_agent_id": "--voice-agent-id",
    "voice_id": "--voice-id",
    "type": "--type",
    "max_session_duration": "--max-duration",
    "default_language": "--default-language",
    "orientation": "--orientation",
}


def add_catalog_commands(commands: Any) -> None:
    """`languages` and `embeds create`."""
    languages = api_command(commands, "languages", "list the supported languages")
    languages.set_defaults(action=_languages, endpoint="GET /v1/languages")
    languages.add_argument("--limit", type=whole_number, metavar="N", help="print at most N")
    client_options(languages)

    group = add_group(commands, "embeds", "create embeddable avatar pages")
    create = api_command(
        group,
        "create",
        "create an embed: --voice-agent-id, or --context-id with an optional --voice-id",
        description="Create an embeddable avatar page and print its URL and iframe script. Give --voice-agent-id,\n"
        "or --context-id with an optional --voice-id. Each call makes a new embed.",
    )
    create.set_defaults(action=_create_embed, endpoint="POST /v2/embeddings", option_of_path=_EMBED_OPTIONS)
    create.add_argument("--avatar-id", required=True, help="the avatar (UUID)")
    create.add_argument("--context-id", help="the context (UUID)")
    create.add_argument("--voice-id", help="the voice (UUID), with --context-id")
    create.add_argument("--voice-agent-id", help="a voice agent instead of a context")
    create.add_argument("--type", choices=get_args(EmbedType), help="the embed's kind")
    create.add_argument("--max-duration", type=int, metavar="SECONDS", help="cap on each session's length")
    create.add_argument("--default-language", metavar="CODE", help="the language, e.g. en")
    create.add_argument("--sandbox", action="store_true", help="a sandbox embed (its own avatar, free sessions)")
    create.add_argument("--orientation", choices=get_args(EmbedOrientation))
    client_options(create)


def _languages(args: argparse.Namespace, client: LiveAvatar) -> object:
    return listed(client.languages.list(), args.limit)


def _create_embed(args: argparse.Namespace, client: LiveAvatar) -> object:
    # A plain mapping: the SDK's own rule refuses a voice agent given with a
    # context, with every other problem of the same request.
    options: dict[str, Any] = {
        "avatar_id": args.avatar_id,
        "context_id": args.context_id,
        "voice_id": args.voice_id,
        "voice_agent_id": args.voice_agent_id,
        "type": args.type,
        "max_session_duration": args.max_duration,
        "default_language": args.default_language,
        "sandbox": args.sandbox or None,
        "orientation": args.orientation,
    }
    return value_json(client.embeds.create(**options))
