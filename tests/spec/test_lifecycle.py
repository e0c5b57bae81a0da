"""The spec's session-lifecycle operations, held against the published reference.

What `shared/reference/liveavatar-lifecycle-api.md` states is checked here
as data: each operation's method, credentials, statuses and parameters, the
`SessionEndReason` values, and sample bodies that must validate against the
response schemas, including values the server may add later.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from tests.spec.account_samples import ACCOUNT
from tests.spec.lifecycle_samples import (
    LIFECYCLE,
    SESSION_END_REASONS,
    SESSION_ID,
    Operation,
    samples,
)
from tests.spec_document import load_spec, operation, request_schema, response_schema, schema_problems

STOP_BODY = request_schema("post", "/v1/sessions/stop")
KEEP_ALIVE_BODY = request_schema("post", "/v1/sessions/keep-alive")


def by_id(op: Operation) -> str:
    return op.operation_id


def resolve(node: dict[str, Any]) -> dict[str, Any]:
    """Follow one local `$ref`, as the spec's responses and parameters use them."""
    ref = node.get("$ref")
    if ref is None:
        return node
    target: Any = load_spec()
    for token in ref.removeprefix("#/").split("/"):
        target = target[token.replace("~1", "/").replace("~0", "~")]
    resolved: dict[str, Any] = target
    return resolved


def parameters(method: str, path: str) -> dict[str, dict[str, Any]]:
    """An operation's parameters by name, path-level ones included."""
    declared = [*load_spec()["paths"][path].get("parameters", []), *operation(method, path).get("parameters", [])]
    return {param["name"]: param for param in map(resolve, declared)}


def walk(node: Any) -> Iterator[dict[str, Any]]:
    """Every mapping inside the spec, depth first."""
    if isinstance(node, dict):
        yield node
        for value in node.values():
            yield from walk(value)
    elif isinstance(node, list):
        for value in node:
            yield from walk(value)


@pytest.mark.parametrize("op", LIFECYCLE, ids=by_id)
def test_lifecycle_operation_is_declared_with_its_credentials_and_statuses(op: Operation) -> None:
    """Each lifecycle operation exists on its method and path with the published credentials and statuses."""
    declared = operation(op.method, op.path)
    assert op.operation_id == declared["operationId"]
    assert op.security == declared["security"]
    assert {op.success} | op.errors == set(declared["responses"])
    assert declared["description"].strip()


def test_spec_declares_exactly_the_token_lifecycle_and_account_operations() -> None:
    """The spec's operations are the token mint, the eight lifecycle ones and the account ones, nothing else."""
    declared = {
        (method, path)
        for path, item in load_spec()["paths"].items()
        for method in item
        if method in {"get", "put", "post", "delete", "options", "head", "patch", "trace"}
    }
    expected = {(op.method, op.path) for op in (*LIFECYCLE, *ACCOUNT)} | {("post", "/v1/sessions/token")}
    assert expected == declared


def test_security_schemes_are_the_api_key_header_and_a_bearer_session_token() -> None:
    """X-API-KEY stays an apiKey header scheme, the session token is an http bearer scheme, and minting takes only the key."""
    schemes = load_spec()["components"]["securitySchemes"]
    assert {"type": "apiKey", "in": "header", "name": "X-API-KEY"} == schemes["APIKeyHeader"]
    assert ("http", "bearer") == (schemes["HTTPBearer"]["type"], schemes["HTTPBearer"]["scheme"])
    assert [{"APIKeyHeader": []}] == operation("post", "/v1/sessions/token")["security"]


def test_start_takes_no_body_and_only_the_session_token() -> None:
    """`POST /v1/sessions/start` has no request body, no parameters, and refuses the API key by declaring bearer alone."""
    start = operation("post", "/v1/sessions/start")
    assert "requestBody" not in start
    assert {} == parameters("post", "/v1/sessions/start")
    assert [{"HTTPBearer": []}] == start["security"]


def test_no_operation_declares_the_dashboard_cookie() -> None:
    """The `la_session` dashboard cookie, and any other cookie parameter, is left out of every operation."""
    cookies = [node for node in walk(load_spec()["paths"]) if node.get("in") == "cookie"]
    assert [] == cookies
    assert "la_session" not in str(load_spec()["paths"])


def test_no_schema_forbids_unknown_properties() -> None:
    """No schema says `additionalProperties: false`: the server ignores unknown fields, so the spec never refuses them."""
    assert [] == [node for node in walk(load_spec()) if node.get("additionalProperties") is False]


def test_session_end_reason_lists_the_published_values() -> None:
    """`SessionEndReason` is a string enum of exactly the ten published reasons."""
    schema = load_spec()["components"]["schemas"]["SessionEndReason"]
    assert "string" == schema["type"]
    assert list(SESSION_END_REASONS) == schema["enum"]


def test_list_sessions_parameters_are_as_published() -> None:
    """`GET /v1/sessions` needs `type` (active or historic) and takes page >= 1 (1), page_size 1-100 (20) and three filters."""
    params = parameters("get", "/v1/sessions")
    assert {"type", "page", "page_size", "avatar_id", "embed_id", "context_id"} == set(params)
    assert all("query" == param["in"] for param in params.values())
    assert params["type"]["required"] is True
    assert ["active", "historic"] == resolve(params["type"]["schema"])["enum"]
    assert {"type": "integer", "minimum": 1, "default": 1} == params["page"]["schema"]
    assert {"type": "integer", "minimum": 1, "maximum": 100, "default": 20} == params["page_size"]["schema"]
    optional = ("page", "page_size", "avatar_id", "embed_id", "context_id")
    assert [] == [name for name in optional if params[name].get("required", False)]


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("get", "/v1/sessions/{session_id}"),
        ("get", "/v1/sessions/{session_id}/transcript"),
        ("delete", "/v1/sessions/{session_id}/events"),
    ],
)
def test_session_paths_take_a_uuid_session_id(method: str, path: str) -> None:
    """Operations on one session take a required `session_id` path parameter in uuid format."""
    param = parameters(method, path)["session_id"]
    assert ("path", True) == (param["in"], param["required"])
    assert {"type": "string", "format": "uuid"} == param["schema"]


def test_transcript_takes_optional_integer_timestamps() -> None:
    """The transcript is paged by optional integer `start_timestamp` and `end_timestamp` query parameters."""
    params = parameters("get", "/v1/sessions/{session_id}/transcript")
    for name in ("start_timestamp", "end_timestamp"):
        param = params[name]
        assert ("query", False, "integer") == (param["in"], param["required"], param["schema"]["type"])


def test_session_path_declares_no_delete() -> None:
    """`DELETE /v1/sessions/{session_id}` is not declared: it answers 405 and is not a stop."""
    assert "delete" not in load_spec()["paths"]["/v1/sessions/{session_id}"]
    assert "405" in operation("post", "/v1/sessions/stop")["description"]


@pytest.mark.parametrize("op", LIFECYCLE, ids=by_id)
def test_error_statuses_use_the_shared_error_shapes(op: Operation) -> None:
    """422 is FastAPI's HTTPValidationError, 429 names Retry-After and X-RateLimit-Reset, other errors the envelope."""
    responses = {status: resolve(response) for status, response in operation(op.method, op.path)["responses"].items()}
    for status in op.errors:
        schema = responses[status]["content"]["application/json"]["schema"]
        expected = "HTTPValidationError" if status == "422" else "ErrorEnvelope"
        assert f"#/components/schemas/{expected}" == schema["$ref"], status
    assert {"Retry-After", "X-RateLimit-Reset"} <= set(responses["429"]["headers"])


@pytest.mark.parametrize(
    ("op", "name", "body"), [pytest.param(*case, id=f"{case[0].operation_id}-{case[1]}") for case in samples()]
)
def test_sample_success_body_validates(op: Operation, name: str, body: Any) -> None:
    """Each sample success body, minimal ones and unknown enum values included, validates against its response schema."""
    assert [] == schema_problems(response_schema(op.method, op.path, op.success), body)


@pytest.mark.parametrize(
    ("pointer", "body"),
    [
        pytest.param(STOP_BODY, {}, id="stop-empty"),
        pytest.param(STOP_BODY, {"session_id": SESSION_ID, "reason": "USER_CLOSED"}, id="stop-with-reason"),
        pytest.param(STOP_BODY, {"reason": "IDLE_TIMEOUT", "extra": 1}, id="stop-extra-field"),
        pytest.param(KEEP_ALIVE_BODY, {}, id="keep-alive-empty"),
        pytest.param(KEEP_ALIVE_BODY, {"session_id": SESSION_ID}, id="keep-alive-with-session"),
    ],
)
def test_lifecycle_request_body_is_accepted(pointer: str, body: dict[str, Any]) -> None:
    """Stop and keep-alive accept an empty body, a session id, a published reason and unknown extra fields."""
    assert [] == schema_problems(pointer, body)


@pytest.mark.parametrize(
    ("pointer", "body"),
    [
        pytest.param(STOP_BODY, {"reason": "WENT_HOME"}, id="stop-unknown-reason"),
        pytest.param(STOP_BODY, {"session_id": "session-42"}, id="stop-session-id-not-a-uuid"),
        pytest.param(KEEP_ALIVE_BODY, {"session_id": "session-42"}, id="keep-alive-session-id-not-a-uuid"),
    ],
)
def test_lifecycle_request_body_is_refused(pointer: str, body: dict[str, Any]) -> None:
    """A stop reason outside SessionEndReason, or a session id that is not a uuid, is refused as the server refuses it."""
    assert schema_problems(pointer, body)


def test_stop_and_keep_alive_bodies_are_optional_and_stop_defaults_to_unknown() -> None:
    """Neither body is required, and a stop without a reason means `UNKNOWN`, the schema's published default."""
    for path in ("/v1/sessions/stop", "/v1/sessions/keep-alive"):
        assert operation("post", path)["requestBody"]["required"] is False
    reason = load_spec()["components"]["schemas"]["StopSessionRequest"]["properties"]["reason"]
    assert "UNKNOWN" == reason["default"]
    assert [{"$ref": "#/components/schemas/SessionEndReason"}] == reason["allOf"]


@pytest.mark.parametrize(
    ("schema", "field", "known"),
    [
        ("SessionData", "end_reason", "SessionEndReason"),
        ("SessionData", "source", "SessionSourceEnum"),
        ("SessionData", "mode", "SessionModeEnum"),
        ("TranscriptItem", "role", "TranscriptRoleEnum"),
    ],
)
def test_response_enums_also_accept_any_string(schema: str, field: str, known: str) -> None:
    """Response enum fields are `anyOf` the known enum and any string, so a value added later is not a schema error."""
    options = load_spec()["components"]["schemas"][schema]["properties"][field]["anyOf"]
    assert {"$ref": f"#/components/schemas/{known}"} == options[0]
    assert {"type": "string"} in options
    assert [] == schema_problems(f"#/components/schemas/{schema}/properties/{field}", "A_VALUE_FROM_THE_FUTURE")


def test_start_data_requires_only_the_livekit_join_fields() -> None:
    """A start's data requires session_id, livekit_url and livekit_client_token; the agent token, cap and ws_url may be null."""
    schema = load_spec()["components"]["schemas"]["StartSessionData"]
    assert ["session_id", "livekit_url", "livekit_client_token"] == schema["required"]
    for name in ("livekit_agent_token", "max_session_duration", "ws_url"):
        assert {"type": "null"} in schema["properties"][name]["anyOf"], name
    pointer = "#/components/schemas/StartSessionData"
    assert schema_problems(pointer, {"session_id": SESSION_ID, "livekit_url": "wss://x"})


def test_credits_left_is_a_decimal_string() -> None:
    """`credits_left` is required and typed as a string, so a decimal balance keeps its precision."""
    schema = load_spec()["components"]["schemas"]["CreditsData"]
    assert ["credits_left"] == schema["required"]
    assert "string" == schema["properties"]["credits_left"]["type"]
