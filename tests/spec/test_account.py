"""The spec's account operations, held against the account reference.

Each operation's method, path, credentials and statuses are checked as
data, sample answers (null, absent and later-added values included) must
validate, and request bodies are accepted or refused as the published
schemas say, never more strictly.
"""

from __future__ import annotations

from typing import Any

import pytest

from tests.spec.account_samples import ACCOUNT, AVATAR_ID, CONTEXT_ID, SECRET_ID, SESSION_ID, samples
from tests.spec.lifecycle_samples import Operation
from tests.spec_document import load_spec, operation, request_schema, response_schema, schema_problems


def by_id(op: Operation) -> str:
    return op.operation_id


@pytest.mark.parametrize("op", ACCOUNT, ids=by_id)
def test_account_operation_is_declared_with_its_credentials_and_statuses(op: Operation) -> None:
    """Each account operation exists on its method and path with its credentials, statuses and a description."""
    declared = operation(op.method, op.path)
    assert op.operation_id == declared["operationId"]
    assert op.security == declared["security"]
    assert {op.success} | op.errors == set(declared["responses"])
    assert declared["description"].strip()


@pytest.mark.parametrize(
    ("op", "name", "body"), [pytest.param(*case, id=f"{case[0].operation_id}-{case[1]}") for case in samples()]
)
def test_account_sample_success_body_validates(op: Operation, name: str, body: Any) -> None:
    """Each sample answer, with nulls, absent fields and values added later, validates against its schema."""
    assert [] == schema_problems(response_schema(op.method, op.path, op.success), body)


def test_memory_delete_answers_204_without_a_body() -> None:
    """`DELETE /v1/memory/{id}` is the one delete answered with 204 and no content."""
    assert "content" not in operation("delete", "/v1/memory/{memory_id}")["responses"]["204"]


def test_left_out_operations_are_not_declared() -> None:
    """The alpha image upload and the undocumented feedback endpoint are not in the spec, and the description says why."""
    spec = load_spec()
    assert "/v1-alpha/avatars/image" not in spec["paths"]
    assert "/v1/feedback/agents" not in spec["paths"]
    assert "/v1/llm_configurations" not in spec["paths"]
    assert "/v1/feedback/agents" in spec["info"]["description"]


CONTEXT = request_schema("post", "/v1/contexts")
SECRET = request_schema("post", "/v1/secrets")
LLM = request_schema("post", "/v1/llm-configurations")
LLM_UPDATE = request_schema("patch", "/v1/llm-configurations/{config_id}")
EMBED = request_schema("post", "/v2/embeddings")
BIND = request_schema("post", "/v1/voices/third_party")
VOICE_UPDATE = request_schema("patch", "/v1/voices/{voice_id}")
MEMORY = request_schema("post", "/v1/memory")
AVATAR_UPDATE = request_schema("patch", "/v1/avatars/{avatar_id}")


@pytest.mark.parametrize(
    ("pointer", "body"),
    [
        pytest.param(CONTEXT, {"name": "n", "prompt": "p", "opening_text": ""}, id="context-empty-opening-text"),
        pytest.param(
            CONTEXT,
            {"name": "n", "prompt": "p", "opening_text": "o", "links": [{"url": "https://x", "faq": "f"}]},
            id="context-with-links",
        ),
        pytest.param(
            SECRET,
            {"secret_name": "s", "secret_value": "v", "secret_type": "CARTESIA_API_KEY"},
            id="secret-cartesia",
        ),
        pytest.param(LLM, {"display_name": "d", "model_name": "m", "secret_id": SECRET_ID}, id="llm-no-base-url"),
        pytest.param(LLM_UPDATE, {}, id="llm-update-empty"),
        pytest.param(EMBED, {"avatar_id": AVATAR_ID, "voice_agent_id": "agent"}, id="embed-voice-agent"),
        pytest.param(
            EMBED, {"avatar_id": AVATAR_ID, "context_id": CONTEXT_ID, "orientation": "vertical"}, id="embed-context"
        ),
        pytest.param(BIND, {"provider_voice_id": "v", "secret_id": SECRET_ID}, id="bind-no-name"),
        pytest.param(MEMORY, {"memory_type": "session", "session_id": SESSION_ID}, id="memory"),
        pytest.param(AVATAR_UPDATE, {}, id="avatar-update-empty"),
        pytest.param(VOICE_UPDATE, {"name": "x" * 64}, id="voice-name-64"),
    ],
)
def test_account_request_body_is_accepted(pointer: str, body: dict[str, Any]) -> None:
    """Bodies the published schemas accept, at their limits, are accepted."""
    assert [] == schema_problems(pointer, body)


@pytest.mark.parametrize(
    ("pointer", "body"),
    [
        pytest.param(CONTEXT, {"name": "n", "prompt": "p"}, id="context-without-opening-text"),
        pytest.param(
            SECRET, {"secret_name": "s", "secret_value": "v", "secret_type": "LLM_API_KEY"}, id="secret-llm-type"
        ),
        pytest.param(
            SECRET, {"secret_name": "", "secret_value": "v", "secret_type": "OPENAI_API_KEY"}, id="secret-empty-name"
        ),
        pytest.param(LLM, {"display_name": "d", "model_name": "m", "secret_id": "s" * 37}, id="llm-secret-id-37"),
        pytest.param(LLM_UPDATE, {"base_url": ""}, id="llm-update-empty-base-url"),
        pytest.param(EMBED, {"avatar_id": AVATAR_ID, "max_session_duration": 0}, id="embed-zero-duration"),
        pytest.param(EMBED, {"avatar_id": AVATAR_ID, "default_language": "english"}, id="embed-long-language"),
        pytest.param(BIND, {"voice_id": "v", "secret_id": SECRET_ID}, id="bind-with-the-guides-voice_id"),
        pytest.param(VOICE_UPDATE, {"name": "x" * 65}, id="voice-name-65"),
        pytest.param(MEMORY, {"memory_type": "session", "session_id": "s-1"}, id="memory-session-not-uuid"),
    ],
)
def test_account_request_body_is_refused(pointer: str, body: dict[str, Any]) -> None:
    """A body that breaks one published rule is refused."""
    assert schema_problems(pointer, body)


@pytest.mark.parametrize(
    ("schema", "field", "known"),
    [
        ("AvatarData", "type", "AvatarTypeEnum"),
        ("AvatarData", "status", "AvatarStatusEnum"),
        ("MemoryData", "memory_type", "MemoryTypeEnum"),
        ("SecretData", "secret_type", "SecretTypeEnum"),
        ("EmbedData", "orientation", "EmbedOrientationEnum"),
        ("VoiceAgentData", "agent_type", "VoiceAgentTypeEnum"),
    ],
)
def test_account_response_enums_also_accept_any_string(schema: str, field: str, known: str) -> None:
    """Enum fields in answers are `anyOf` the known enum and any string, so a later value is no schema error."""
    options = load_spec()["components"]["schemas"][schema]["properties"][field]["anyOf"]
    assert {"$ref": f"#/components/schemas/{known}"} == options[0]
    assert [] == schema_problems(f"#/components/schemas/{schema}/properties/{field}", "A_VALUE_FROM_THE_FUTURE")


def test_secret_types_include_cartesia_and_not_the_guides_llm_type() -> None:
    """The secret types are the published three plus CARTESIA_API_KEY (used live); LLM_API_KEY is not one."""
    assert ["OPENAI_API_KEY", "ELEVENLABS_API_KEY", "GEMINI_API_KEY", "CARTESIA_API_KEY"] == load_spec()["components"][
        "schemas"
    ]["SecretTypeEnum"]["enum"]


def test_context_path_takes_a_uuid_and_the_other_ids_are_text() -> None:
    """Only the context id is a UUID in the published paths; avatar, voice, memory, secret, config and agent ids are text."""
    params = load_spec()["components"]["parameters"]
    assert "uuid" == params["ContextId"]["schema"]["format"]
    for name in ("AvatarId", "VoiceId", "MemoryId", "SecretId", "ConfigId", "AgentId"):
        assert {"type": "string"} == params[name]["schema"], name
