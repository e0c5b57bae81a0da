"""`liveavatar contexts ...`: list, show, create, update and delete contexts.

The prompt and opening text come from an option or from a file
(`--prompt-file`, `--opening-text-file`, UTF-8), as prompts are long.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from liveavatar._account_models import ContextLink
from liveavatar._client import LiveAvatar

from ._account import add_delete, add_get, add_group, add_id_command, add_ls, listed, value_json
from ._common import EXIT_INVALID_REQUEST, Failure, api_command, client_options

# What the SDK calls each field, as the option the user typed.
_OPTIONS = {
    "context_id": "CONTEXT_ID",
    "name": "--name",
    "prompt": "--prompt",
    "opening_text": "--opening-text",
    "links": "--link",
}


def add_context_commands(commands: Any) -> None:
    """`contexts ls|get|create|update|delete`."""
    group = add_group(commands, "contexts", "list, show, create, update and delete contexts")
    add_ls(group, "list the contexts (names only: get one for its prompt)", "GET /v1/contexts", _ls)
    add_get(group, "context", "GET /v1/contexts/{context_id}", "context_id", lambda client: client.contexts.get)

    create = api_command(
        group,
        "create",
        "create a context",
        description="Create a context. ${name} placeholders in the prompt or the opening text become the\n"
        "context's required dynamic variables (give them with `token create --var name=...`).",
    )
    create.set_defaults(action=_create, endpoint="POST /v1/contexts", option_of_path=_OPTIONS)
    create.add_argument("--name", required=True, help="the context's name")
    _text_options(create, required=True)
    client_options(create)

    update = add_id_command(
        group, "update", "change a context; what is not given stays as it is", "PATCH /v1/contexts/{context_id}",
        "context_id", _update,
    )  # fmt: skip
    update.set_defaults(option_of_path=_OPTIONS)
    update.add_argument("--name", help="the new name")
    _text_options(update, required=False)
    add_delete(
        group, "context", "DELETE /v1/contexts/{context_id}", "context_id", lambda client: client.contexts.delete
    )


def _text_options(parser: argparse.ArgumentParser, *, required: bool) -> None:
    for name, what in (("prompt", "the prompt"), ("opening-text", "the text spoken first (may be empty)")):
        texts = parser.add_mutually_exclusive_group(required=required)
        texts.add_argument(f"--{name}", metavar="TEXT", help=what)
        texts.add_argument(f"--{name}-file", metavar="FILE", help=f"{what}, read from FILE (UTF-8)")
    parser.add_argument(
        "--link", dest="links", nargs=2, action="append", metavar=("URL", "FAQ"),
        help="a page the LLM may cite and what it answers; repeat for more",
    )  # fmt: skip


def _text(args: argparse.Namespace, name: str) -> str | None:
    given: str | None = getattr(args, name)
    path: str | None = getattr(args, f"{name}_file")
    if path is None:
        return given
    try:
        return Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else "not UTF-8 text"
        raise Failure(f"cannot read {path}: {reason}", EXIT_INVALID_REQUEST) from None


def _links(args: argparse.Namespace) -> list[ContextLink] | None:
    if args.links is None:
        return None
    return [ContextLink(url=url, faq=faq) for url, faq in args.links]


def _ls(args: argparse.Namespace, client: LiveAvatar) -> object:
    return listed(client.contexts.list(), args.limit)


def _create(args: argparse.Namespace, client: LiveAvatar) -> object:
    # Both texts are given (argparse requires one option of each pair).
    options: dict[str, Any] = {
        "name": args.name,
        "prompt": _text(args, "prompt"),
        "opening_text": _text(args, "opening_text"),
        "links": _links(args) or (),
    }
    return value_json(client.contexts.create(**options))


def _update(args: argparse.Namespace, client: LiveAvatar) -> object:
    updated = client.contexts.update(
        args.context_id,
        name=args.name,
        prompt=_text(args, "prompt"),
        opening_text=_text(args, "opening_text"),
        links=_links(args),
    )
    return value_json(updated)
