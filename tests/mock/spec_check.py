"""Every response the mock gave, checked against the spec's response schema for its operation and status."""

from __future__ import annotations

import datetime
import uuid
from collections.abc import Iterable, Mapping
from functools import cache
from typing import Any

from jsonschema import Draft202012Validator, FormatChecker

from liveavatar.mock import OPERATIONS, RecordedRequest
from liveavatar.mock._spec import load_spec

OPERATION_IDS = {
    "create_token": "create_session_token",
    "start": "start_session",
    "stop": "stop_session",
    "keep_alive": "keep_session_alive",
    "list": "list_sessions",
    "get": "get_session",
    "transcript": "get_session_transcript",
    "delete_events": "delete_session_events",
    "credits": "get_user_credits",
    "avatars.list": "list_avatars",
    "avatars.list_public": "list_public_avatars",
    "avatars.get": "get_avatar",
    "avatars.update": "update_avatar",
    "avatars.delete": "delete_avatar",
    "voices.list": "list_voices",
    "voices.get": "get_voice",
    "voices.update": "update_voice",
    "voices.delete": "delete_voice",
    "voices.preview": "get_voice_preview",
    "voices.bind_third_party": "bind_third_party_voice",
    "contexts.list": "list_contexts",
    "contexts.create": "create_context",
    "contexts.get": "get_context",
    "contexts.update": "update_context",
    "contexts.delete": "delete_context",
    "memories.list": "list_memories",
    "memories.create": "create_memory",
    "memories.get": "get_memory",
    "memories.delete": "delete_memory",
    "secrets.list": "list_secrets",
    "secrets.create": "create_secret",
    "secrets.delete": "delete_secret",
    "llm_configurations.list": "list_llm_configurations",
    "llm_configurations.create": "create_llm_configuration",
    "llm_configurations.get": "get_llm_configuration",
    "llm_configurations.update": "update_llm_configuration",
    "llm_configurations.delete": "delete_llm_configuration",
    "llm_models.list": "list_llm_models",
    "languages.list": "list_languages",
    "embeds.create": "create_embed",
    "voice_agents.list": "list_voice_agents",
    "voice_agents.get": "get_voice_agent",
    "voice_agents.delete": "delete_voice_agent",
}
"""The mock's operation names and the spec's operationIds."""

_REF = "#/components/"


def _uuid(value: object) -> bool:
    if not isinstance(value, str):
        return True
    try:
        uuid.UUID(value)
    except ValueError:
        return False
    return True


def _date_time(value: object) -> bool:
    if not isinstance(value, str):
        return True
    try:
        moment = datetime.datetime.fromisoformat(value)
    except ValueError:
        return False
    return moment.tzinfo is not None  # RFC 3339 needs an offset


_FORMATS = FormatChecker(formats=())
_FORMATS.checks("uuid")(_uuid)
_FORMATS.checks("date-time")(_date_time)


def _resolve(node: Any, spec: Mapping[str, Any]) -> Any:
    if isinstance(node, dict):
        ref = node.get("$ref")
        if isinstance(ref, str) and ref.startswith(_REF):
            kind, name = ref.removeprefix(_REF).split("/")
            return _resolve(spec["components"][kind][name], spec)
        return {key: _resolve(value, spec) for key, value in node.items()}
    if isinstance(node, list):
        return [_resolve(item, spec) for item in node]
    return node


@cache
def _operations() -> dict[str, dict[str, Any]]:
    spec = load_spec()
    found: dict[str, dict[str, Any]] = {}
    for item in spec["paths"].values():
        for operation in item.values():
            if isinstance(operation, dict) and "operationId" in operation:
                found[operation["operationId"]] = _resolve(operation["responses"], spec)
    return found


def response_schema(operation: str, status: int) -> dict[str, Any] | None:
    """The JSON schema the spec gives `operation`'s `status` response; None when that status is not declared."""
    responses = _operations()[OPERATION_IDS[operation]]
    declared = responses.get(str(status)) or responses.get(f"{status // 100}XX")
    if declared is None:
        return None
    if "content" not in declared:
        return {"const": None}  # a declared answer without a body (a 204)
    schema: dict[str, Any] = declared["content"]["application/json"]["schema"]
    return schema


def spec_problems(records: Iterable[RecordedRequest]) -> list[str]:
    """What in `records` breaks the spec: an undeclared status, or a JSON body its schema refuses.

    Requests that named no operation (404 and 405 paths) have no spec entry and are skipped; so is a
    fault's non-JSON body (a proxy's HTML 502 is not the API's answer).
    """
    problems: list[str] = []
    for record in records:
        if record.operation is None:
            continue
        where = f"{record.method} {record.path} -> {record.status}"
        schema = response_schema(record.operation, record.status)
        if schema is None:
            problems.append(f"{where}: status not declared in the spec")
            continue
        if record.response_media_type != "application/json":
            continue
        validator = Draft202012Validator(schema, format_checker=_FORMATS)
        problems.extend(f"{where}: {error.message}" for error in validator.iter_errors(record.response_body))
    return problems


assert set(OPERATION_IDS) == set(OPERATIONS)  # a guard for the table above
