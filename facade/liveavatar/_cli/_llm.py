"""`liveavatar llm-configs ...` and `liveavatar llm-models`: custom LLM configurations and the managed catalog."""

from __future__ import annotations

import argparse
from typing import Any

from liveavatar._client import LiveAvatar

from ._account import add_delete, add_get, add_group, add_id_command, add_ls, listed, value_json
from ._common import api_command, client_options, whole_number

# `--llm-base-url`, not `--base-url`: that one is the API's own base URL.
_OPTIONS = {
    "config_id": "CONFIG_ID",
    "display_name": "--display-name",
    "model_name": "--model-name",
    "secret_id": "--secret-id",
    "base_url": "--llm-base-url",
}


def add_llm_commands(commands: Any) -> None:
    """`llm-configs ls|get|create|update|delete` and `llm-models`."""
    group = add_group(commands, "llm-configs", "list, show, create, update and delete custom LLM configurations")
    add_ls(group, "list the LLM configurations, newest first", "GET /v1/llm-configurations", _ls)
    add_get(
        group, "LLM configuration", "GET /v1/llm-configurations/{config_id}", "config_id",
        lambda client: client.llm_configurations.get,
    )  # fmt: skip
    create = api_command(group, "create", "create an LLM configuration (an OpenAI-compatible endpoint)")
    create.set_defaults(action=_create, endpoint="POST /v1/llm-configurations", option_of_path=_OPTIONS)
    _fields(create, required=True)
    client_options(create)
    update = add_id_command(
        group, "update", "change an LLM configuration; what is not given stays as it is",
        "PATCH /v1/llm-configurations/{config_id}", "config_id", _update,
    )  # fmt: skip
    update.set_defaults(option_of_path=_OPTIONS)
    _fields(update, required=False)
    add_delete(
        group, "LLM configuration", "DELETE /v1/llm-configurations/{config_id}", "config_id",
        lambda client: client.llm_configurations.delete,
    )  # fmt: skip

    models = api_command(commands, "llm-models", "list the managed LLM models")
    models.set_defaults(action=_models, endpoint="GET /v1/llm-models")
    models.add_argument("--limit", type=whole_number, metavar="N", help="print at most N")
    client_options(models)


def _fields(parser: argparse.ArgumentParser, *, required: bool) -> None:
    parser.add_argument("--display-name", required=required, help="the configuration's name")
    parser.add_argument("--model-name", required=required, help="the model, as the endpoint names it")
    parser.add_argument("--secret-id", required=required, help="the stored secret holding the endpoint's API key")
    parser.add_argument("--llm-base-url", metavar="URL", help="the endpoint's base URL (default: OpenAI's)")


def _ls(args: argparse.Namespace, client: LiveAvatar) -> object:
    return listed(client.llm_configurations.list(), args.limit)


def _create(args: argparse.Namespace, client: LiveAvatar) -> object:
    created = client.llm_configurations.create(
        display_name=args.display_name, model_name=args.model_name, secret_id=args.secret_id, base_url=args.llm_base_url
    )
    return value_json(created)


def _update(args: argparse.Namespace, client: LiveAvatar) -> object:
    updated = client.llm_configurations.update(
        args.config_id,
        display_name=args.display_name,
        model_name=args.model_name,
        secret_id=args.secret_id,
        base_url=args.llm_base_url,
    )
    return value_json(updated)


def _models(args: argparse.Namespace, client: LiveAvatar) -> object:
    return listed(client.llm_models.list(), args.limit)
