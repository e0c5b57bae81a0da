"""What the account commands share: a stored value as JSON, and the `ls`/`get`/`delete` commands made from one table."""

from __future__ import annotations

import argparse
import datetime
import itertools
from collections.abc import Callable, Iterable, Mapping
from typing import Any

import attrs

from liveavatar._client import LiveAvatar

from ._common import Parser, api_command, client_options, whole_number
from ._output import plain

__all__ = ["add_delete", "add_get", "add_group", "add_id_command", "add_ls", "listed", "value_json"]


def value_json(value: object) -> object:
    """A value of the SDK (a frozen attrs class, its tuples, dates and extra fields) as plain JSON."""
    if attrs.has(type(value)):
        return {field.name: value_json(getattr(value, field.name)) for field in attrs.fields(type(value))}  # type: ignore[arg-type]
    if isinstance(value, datetime.datetime):
        return value.isoformat()
    if isinstance(value, Mapping):
        return {str(key): value_json(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [value_json(item) for item in value]
    return plain(value)


def listed(items: Iterable[Any], limit: int | None) -> list[object]:
    """The items of a lazy listing as JSON, at most `limit` of them (only the pages reached are fetched)."""
    chosen = items if limit is None else itertools.islice(items, limit)
    return [value_json(item) for item in chosen]


def add_group(commands: Any, name: str, help_text: str) -> Any:
    """A command group (`avatars`, `voices`, ...) and its subcommands' parsers."""
    group = commands.add_parser(name, help=help_text, allow_abbrev=False)
    return group.add_subparsers(dest=f"{name.replace('-', '_')}_command", required=True, parser_class=Parser)


def add_ls(
    group: Any, help_text: str, endpoint: str, action: Callable[[argparse.Namespace, LiveAvatar], object]
) -> argparse.ArgumentParser:
    """An `ls` command: every item, fetched page after page as printed; `--limit N` stops early."""
    ls = api_command(group, "ls", help_text)
    ls.set_defaults(action=action, endpoint=endpoint)
    ls.add_argument("--limit", type=whole_number, metavar="N", help="print at most N (pages are fetched as needed)")
    client_options(ls)
    return ls


def add_id_command(
    group: Any, name: str, help_text: str, endpoint: str, id_name: str, action: Callable[..., object]
) -> argparse.ArgumentParser:
    """A command on one resource given by its id, named `id_name` in the SDK's messages."""
    metavar = id_name.upper()
    command = api_command(group, name, help_text)
    command.set_defaults(action=action, endpoint=endpoint, option_of_path={id_name: metavar})
    command.add_argument(id_name, metavar=metavar)
    client_options(command)
    return command


def add_get(group: Any, what: str, endpoint: str, id_name: str, get: Callable[[LiveAvatar], Any]) -> None:
    """A `get ID` command printing the value `get(client)(ID)` returns."""

    def action(args: argparse.Namespace, client: LiveAvatar) -> object:
        return value_json(get(client)(getattr(args, id_name)))

    add_id_command(group, "get", f"show one {what}", endpoint, id_name, action)


def add_delete(group: Any, what: str, endpoint: str, id_name: str, delete: Callable[[LiveAvatar], Any]) -> None:
    """A `delete ID` command; prints the id and `"deleted": true`."""

    def action(args: argparse.Namespace, client: LiveAvatar) -> object:
        identifier = getattr(args, id_name)
        delete(client)(identifier)
        return {id_name: identifier, "deleted": True}

    add_id_command(group, "delete", f"delete a {what}", endpoint, id_name, action)
