"""`liveavatar credits`: the account's credit balance."""

from __future__ import annotations

import argparse
from typing import Any

from liveavatar._client import LiveAvatar

from ._common import api_command, client_options
from ._output import decimal_text


def add_credits_command(commands: Any) -> None:
    """`credits`."""
    credits = api_command(commands, "credits", "show the account's credit balance")
    credits.set_defaults(action=_credits_action, endpoint="GET /v1/users/credits")
    client_options(credits)


def _credits_action(args: argparse.Namespace, client: LiveAvatar) -> object:
    return {"credits_left": decimal_text(client.users.credits())}
