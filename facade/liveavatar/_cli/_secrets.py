"""`liveavatar secrets ...`: list, create and delete stored secrets.

A secret's value is never taken from the command line, which other users
of the machine can see: `create` reads it from standard input (without
echo at a terminal) or from the environment variable `--value-env` names.
It is never printed, and no answer of the API carries it back.
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from typing import Any, get_args

from liveavatar._account_models import SecretType
from liveavatar._client import LiveAvatar

from ._account import add_delete, add_group, add_ls, listed, value_json
from ._common import EXIT_INVALID_REQUEST, Failure, api_command, client_options

_VALUE = "the secret's value (standard input or --value-env)"


def add_secret_commands(commands: Any) -> None:
    """`secrets ls|create|delete`."""
    group = add_group(commands, "secrets", "list, create and delete stored secrets (third-party API keys)")
    add_ls(group, "list the stored secrets, newest first (never their values)", "GET /v1/secrets", _ls)
    create = api_command(
        group,
        "create",
        "store a secret, its value read from standard input or --value-env",
        description="Store a secret. Its value is read from standard input (typed without echo at a terminal)\n"
        "or from the environment variable named by --value-env; never from the command line, and never printed.",
    )
    create.set_defaults(
        action=_create,
        endpoint="POST /v1/secrets",
        option_of_path={"name": "--name", "type": "--type", "value": _VALUE},
    )
    create.add_argument("--name", required=True, help="the secret's name")
    create.add_argument(
        "--type", required=True, metavar="TYPE",
        help=f"the secret's type: {', '.join(get_args(SecretType))} (OPENAI_API_KEY for any OpenAI-compatible LLM)",
    )  # fmt: skip
    create.add_argument("--value-env", metavar="NAME", help="read the value from this environment variable")
    client_options(create)
    add_delete(
        group, "stored secret", "DELETE /v1/secrets/{secret_id}", "secret_id", lambda client: client.secrets.delete
    )


def _ls(args: argparse.Namespace, client: LiveAvatar) -> object:
    return listed(client.secrets.list(), args.limit)


def _value(args: argparse.Namespace) -> str:
    """The secret's value: the named variable's, or standard input's less its final line break."""
    if args.value_env is not None:
        value = os.environ.get(args.value_env)
        if value is None:
            raise Failure(f"--value-env: the environment variable {args.value_env} is not set", EXIT_INVALID_REQUEST)
        return value
    if sys.stdin is None:
        raise Failure("no standard input to read the secret's value from: use --value-env", EXIT_INVALID_REQUEST)
    if sys.stdin.isatty():
        return getpass.getpass("secret value: ")
    text = sys.stdin.read()
    return text[:-2] if text.endswith("\r\n") else text.removesuffix("\n")


def _create(args: argparse.Namespace, client: LiveAvatar) -> object:
    return value_json(client.secrets.create(name=args.name, value=_value(args), type=args.type))
