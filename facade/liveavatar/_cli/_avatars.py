"""`liveavatar avatars ...` and `liveavatar voice-agents ...`: the avatars and voice agents of the account."""

from __future__ import annotations

import argparse
from typing import Any

from liveavatar._client import LiveAvatar

from ._account import add_delete, add_get, add_group, add_id_command, add_ls, listed, value_json


def add_avatar_commands(commands: Any) -> None:
    """`avatars ls [--public]|get|update|delete`."""
    group = add_group(commands, "avatars", "list, show, rename and delete avatars")
    ls = add_ls(group, "list your custom avatars (--public: the public ones)", "GET /v1/avatars", _ls_avatars)
    ls.add_argument("--public", action="store_true", help="list the public avatars instead of your own")
    add_get(group, "avatar", "GET /v1/avatars/{avatar_id}", "avatar_id", lambda client: client.avatars.get)
    update = add_id_command(
        group, "update", "rename an avatar or change its default voice", "PATCH /v1/avatars/{avatar_id}", "avatar_id",
        _update_avatar,
    )  # fmt: skip
    update.add_argument("--name", help="the new name")
    update.add_argument("--default-voice-id", help="the new default voice (UUID)")
    update.set_defaults(
        option_of_path={"avatar_id": "AVATAR_ID", "name": "--name", "default_voice_id": "--default-voice-id"}
    )
    add_delete(
        group, "custom avatar", "DELETE /v1/avatars/{avatar_id}", "avatar_id", lambda client: client.avatars.delete
    )


def _ls_avatars(args: argparse.Namespace, client: LiveAvatar) -> object:
    avatars = client.avatars.list_public() if args.public else client.avatars.list()
    return listed(avatars, args.limit)


def _update_avatar(args: argparse.Namespace, client: LiveAvatar) -> object:
    return value_json(client.avatars.update(args.avatar_id, name=args.name, default_voice_id=args.default_voice_id))


def add_voice_agent_commands(commands: Any) -> None:
    """`voice-agents ls|get|delete`."""
    group = add_group(commands, "voice-agents", "list, show and delete voice agents (built in the dashboard)")
    add_ls(group, "list the voice agents", "GET /v1/voice_agents", _ls_agents)
    add_get(group, "voice agent", "GET /v1/voice_agents/{agent_id}", "agent_id", lambda client: client.voice_agents.get)
    add_delete(
        group, "voice agent (refused while an embed uses it)", "DELETE /v1/voice_agents/{agent_id}", "agent_id",
        lambda client: client.voice_agents.delete,
    )  # fmt: skip


def _ls_agents(args: argparse.Namespace, client: LiveAvatar) -> object:
    return listed(client.voice_agents.list(), args.limit)
