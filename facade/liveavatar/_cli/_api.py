"""Running an API command: the client built from the options and the environment, the failure mapped to one line."""

from __future__ import annotations

import argparse
import os
from collections.abc import Callable
from typing import Any

from liveavatar import _errors
from liveavatar._client import LiveAvatar
from liveavatar._config import API_KEY_ENV

from ._common import EXIT_OK, EXIT_SETUP, Failure, Printed
from ._failures import describe, exit_code, shown_url
from ._output import print_json

Action = Callable[[argparse.Namespace, LiveAvatar], object]


def _api_key(args: argparse.Namespace) -> str:
    key: str | None = args.api_key if args.api_key is not None else os.environ.get(API_KEY_ENV)
    if not key or not key.strip():
        raise Failure(f"no API key: set {API_KEY_ENV}, or pass --api-key", EXIT_SETUP)
    return key


def run_api(args: argparse.Namespace) -> int:
    action: Action = args.action
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
        raise Failure(" ".join(str(error).split()), EXIT_SETUP) from None
    with client:
        try:
            result = action(args, client)
        except _errors.LiveAvatarError as error:
            raise Failure(describe(error, args, shown_url(client.base_url)), exit_code(error)) from None
    if isinstance(result, Printed):
        return result.code
    print_json(result, compact=args.json)
    return EXIT_OK
