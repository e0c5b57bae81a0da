"""`liveavatar voices ...`: list, show, preview, bind and delete voices."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from liveavatar._client import LiveAvatar

from ._account import add_delete, add_get, add_group, add_id_command, add_ls, listed
from ._common import EXIT_INVALID_REQUEST, Failure, api_command, client_options


def add_voice_commands(commands: Any) -> None:
    """`voices ls [--private]|get|preview ID -o FILE|bind|delete`."""
    group = add_group(commands, "voices", "list, show, preview, bind and delete voices")
    ls = add_ls(group, "list the public voices (--private: your imported ones)", "GET /v1/voices", _ls_voices)
    ls.add_argument("--private", action="store_true", help="list your imported voices instead of the public ones")
    add_get(group, "voice", "GET /v1/voices/{voice_id}", "voice_id", lambda client: client.voices.get)
    preview = add_id_command(
        group, "preview", "save a voice's audio sample to a file", "GET /v1/voices/{voice_id}/preview", "voice_id",
        _preview,
    )  # fmt: skip
    preview.add_argument("-o", "--output", required=True, metavar="FILE", help="where to write the audio")

    bind = api_command(
        group,
        "bind",
        "import a third-party voice (not idempotent: each call makes a new voice)",
        description="Import a voice of a third-party provider (ElevenLabs, Cartesia) through a stored secret\n"
        "and print the new LiveAvatar voice id. Not idempotent: each call makes a new voice.",
    )
    bind.set_defaults(
        action=_bind,
        endpoint="POST /v1/voices/bind",
        option_of_path={"provider_voice_id": "--provider-voice-id", "secret_id": "--secret-id", "name": "--name"},
    )
    bind.add_argument("--provider-voice-id", required=True, help="the voice's id at the provider")
    bind.add_argument("--secret-id", required=True, help="the stored secret holding the provider's API key")
    bind.add_argument("--name", help="a name for the voice")
    client_options(bind)
    add_delete(group, "imported voice", "DELETE /v1/voices/{voice_id}", "voice_id", lambda client: client.voices.delete)


def _ls_voices(args: argparse.Namespace, client: LiveAvatar) -> object:
    return listed(client.voices.list(voice_type="private" if args.private else "public"), args.limit)


def _preview(args: argparse.Namespace, client: LiveAvatar) -> object:
    audio = client.voices.preview(args.voice_id)
    try:
        Path(args.output).write_bytes(audio)
    except OSError as exc:
        raise Failure(f"cannot write {args.output}: {exc.strerror or exc}", EXIT_INVALID_REQUEST) from None
    return {"voice_id": args.voice_id, "output": args.output, "bytes": len(audio)}


def _bind(args: argparse.Namespace, client: LiveAvatar) -> object:
    voice_id = client.voices.bind_third_party(
        provider_voice_id=args.provider_voice_id, secret_id=args.secret_id, name=args.name
    )
    return {"voice_id": voice_id}
