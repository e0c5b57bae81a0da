"""Sample success bodies for every account operation, shaped as the account reference transcribes them.

The spec tier proves each one valid against its operation's response
schema; the SDK's MockTransport tests parse the same bodies, so the spec,
the generated layer and the facade are held to one set. Each operation has
a full sample and, where fields may be null, absent or extended, samples
with those values.
"""

from __future__ import annotations

from typing import Any

from tests.spec.lifecycle_samples import API_KEY, ERRORS, Operation
from tests.support import envelope

AVATAR_ID = "dd73ea75-1218-4ef3-92ce-606d5f7fbc0a"
EMBED_AVATAR_ID = "65f9e3c9-d48b-4118-b73a-4ae2e3cbb8f0"
VOICE_ID = "4f3a2b1c-0d9e-4f8a-b7c6-d5e4f3a2b1c0"
CONTEXT_ID = "7a6b5c4d-3e2f-4a1b-9c8d-7e6f5a4b3c2d"
SECRET_ID = "0e4d1c2b-7a8f-4b3e-9c6d-5f1a2b3c4d5e"
CONFIG_ID = "9f8e7d6c-5b4a-4392-8170-6f5e4d3c2b1a"
MEMORY_ID = "mem_01HZX3"
SESSION_ID = "8c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f"
AGENT_ID = "6f2b8a51-3c1e-4f0a-9d47-2b1c8e5a7f10"
EMBED_ID = "3c2b1a09-8f7e-4d6c-b5a4-39281706f5e4"
WHEN = "2026-05-01T12:00:00+00:00"
LATER = "2026-05-01T12:05:00+00:00"

OPTIONAL_KEY: list[dict[str, list[str]]] = [{}, {"APIKeyHeader": []}]
"""Unauthenticated upstream; the SDK sends the key anyway."""
BY_ID = ERRORS | {"404"}


def live_envelope(data: Any, message: str = "Success") -> dict[str, Any]:
    """The envelope as the live API sends it: `code: 1000` (the spec says 100)."""
    return envelope(data, code=1000, message=message)


def page(results: list[Any], *, next_: str | None = None) -> dict[str, Any]:
    return live_envelope({"count": len(results), "next": next_, "previous": None, "results": results})


AVATAR: dict[str, Any] = {
    "id": AVATAR_ID,
    "space_id": "space-1",
    "type": "VIDEO",
    "status": "ACTIVE",
    "name": "Wayne",
    "preview_url": "https://files.liveavatar.com/wayne.webp",
    "is_expired": False,
    "default_voice": {"id": VOICE_ID, "name": "Wayne's voice"},
    "is_1080p": False,
    "created_at": WHEN,
    "updated_at": LATER,
    "error_message": None,
}
IMAGE_AVATAR: dict[str, Any] = {
    "id": "1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d",
    "name": "Portrait",
    "type": "IMAGE",
    "status": "TRAINING_V2",
    "default_voice": None,
    "error_message": None,
    "created_at": WHEN,
    "updated_at": WHEN,
    "is_1080p": True,
    "rating": 5,
}
VOICE: dict[str, Any] = {
    "id": VOICE_ID,
    "name": "Ava",
    "description": None,
    "language": "en",
    "gender": "female",
    "created_at": WHEN,
    "updated_at": LATER,
    "tags": ["Cartesia", "Imported"],
}
CONTEXT_SUMMARY: dict[str, Any] = {"id": CONTEXT_ID, "name": "Support", "created_at": WHEN, "updated_at": LATER}
CONTEXT: dict[str, Any] = {
    "id": CONTEXT_ID,
    "name": "Support",
    "prompt": "You help ${name} with billing.",
    "opening_text": "Hello ${name}!",
    "links": [{"id": "5d4c3b2a-1f0e-4d9c-8b7a-6f5e4d3c2b1a", "url": "https://example.com/faq", "faq": "Billing FAQ"}],
    "created_at": WHEN,
    "updated_at": LATER,
    "required_dynamic_variables": ["name"],
}
MEMORY: dict[str, Any] = {
    "id": MEMORY_ID,
    "memory_type": "session",
    "memory_content": "The user prefers short answers.",
    "created_at": WHEN,
}
MEMORY_ITEM: dict[str, Any] = {
    "id": MEMORY_ID,
    "memory_type": "session",
    "memory_content_preview": "The user prefers…",
    "created_at": WHEN,
    "updated_at": LATER,
}
MEMORY_DETAIL: dict[str, Any] = {
    **MEMORY,
    "updated_at": LATER,
    "session_episodes": [
        {"session_id": SESSION_ID, "sequence_num": 1, "summary": "Asked about billing.", "created_at": WHEN}
    ],
}
SECRET_ITEM: dict[str, Any] = {
    "id": SECRET_ID,
    "secret_name": "openai",
    "secret_type": "OPENAI_API_KEY",
    "created_at": WHEN,
}
LLM_CONFIGURATION: dict[str, Any] = {
    "id": CONFIG_ID,
    "base_url": "https://llm.example.com/v1",
    "display_name": "Our model",
    "model_name": "our-model-1",
    "secret_id": SECRET_ID,
    "created_at": WHEN,
    "updated_at": LATER,
}
LLM_CONFIGURATION_ITEM: dict[str, Any] = {
    "id": CONFIG_ID,
    "display_name": "Our model",
    "model_name": "our-model-1",
    "secret_id": SECRET_ID,
}
EMBED: dict[str, Any] = {
    "embed_id": EMBED_ID,
    "url": f"https://embed.liveavatar.com/v1/{EMBED_ID}",
    "script": f'<iframe src="https://embed.liveavatar.com/v1/{EMBED_ID}" allow="microphone"></iframe>',
    "orientation": "horizontal",
}
VOICE_AGENT_ITEM: dict[str, Any] = {
    "id": AGENT_ID,
    "name": "Receptionist",
    "agent_type": "liveavatar_agent",
    "created_at": WHEN,
    "updated_at": LATER,
}
VOICE_AGENT: dict[str, Any] = {
    **VOICE_AGENT_ITEM,
    "agent_configuration": {
        "voice_id": VOICE_ID,
        "context_id": CONTEXT_ID,
        "language": "en",
        "llm_settings": {"provider": "openai", "model": "gpt-4o-mini"},
    },
}
DELETED: dict[str, Any] = {"code": 1000, "data": None, "message": "Deleted"}

ACCOUNT: tuple[Operation, ...] = (
    Operation(
        "list_avatars",
        "get",
        "/v1/avatars",
        API_KEY,
        "200",
        ERRORS,
        {"full": page([AVATAR], next_="https://api.liveavatar.com/v1/avatars?page=2"), "future": page([IMAGE_AVATAR])},
    ),
    Operation(
        "list_public_avatars",
        "get",
        "/v1/avatars/public",
        OPTIONAL_KEY,
        "200",
        frozenset({"400", "422", "429", "5XX"}),
        {"full": page([AVATAR])},
    ),
    Operation(
        "get_avatar",
        "get",
        "/v1/avatars/{avatar_id}",
        API_KEY,
        "200",
        BY_ID,
        {"full": live_envelope(AVATAR), "minimal": live_envelope({"id": AVATAR_ID})},
    ),
    Operation(
        "update_avatar", "patch", "/v1/avatars/{avatar_id}", API_KEY, "200", BY_ID, {"full": live_envelope(AVATAR)}
    ),
    Operation("delete_avatar", "delete", "/v1/avatars/{avatar_id}", API_KEY, "200", BY_ID, {"full": DELETED}),
    Operation("list_voices", "get", "/v1/voices", API_KEY, "200", ERRORS, {"full": page([VOICE])}),
    Operation(
        "bind_third_party_voice",
        "post",
        "/v1/voices/third_party",
        API_KEY,
        "200",
        ERRORS,
        {"full": live_envelope({"voice_id": VOICE_ID}, "Voice imported successfully")},
    ),
    Operation("get_voice", "get", "/v1/voices/{voice_id}", API_KEY, "200", BY_ID, {"full": live_envelope(VOICE)}),
    Operation("update_voice", "patch", "/v1/voices/{voice_id}", API_KEY, "200", BY_ID, {"full": live_envelope(VOICE)}),
    Operation("delete_voice", "delete", "/v1/voices/{voice_id}", API_KEY, "200", BY_ID, {"full": DELETED}),
    Operation(
        "get_voice_preview",
        "get",
        "/v1/voices/{voice_id}/preview",
        API_KEY,
        "200",
        BY_ID,
        {"full": live_envelope({"audio_base64": "SUQzBAAAAAAA"})},
    ),
    Operation("list_contexts", "get", "/v1/contexts", API_KEY, "200", ERRORS, {"full": page([CONTEXT_SUMMARY])}),
    Operation("create_context", "post", "/v1/contexts", API_KEY, "200", ERRORS, {"full": live_envelope(CONTEXT)}),
    Operation(
        "get_context", "get", "/v1/contexts/{context_id}", API_KEY, "200", BY_ID, {"full": live_envelope(CONTEXT)}
    ),
    Operation(
        "update_context", "patch", "/v1/contexts/{context_id}", API_KEY, "200", BY_ID, {"full": live_envelope(CONTEXT)}
    ),
    Operation("delete_context", "delete", "/v1/contexts/{context_id}", API_KEY, "200", BY_ID, {"full": DELETED}),
    Operation("list_memories", "get", "/v1/memory", API_KEY, "200", ERRORS, {"full": page([MEMORY_ITEM])}),
    Operation("create_memory", "post", "/v1/memory", API_KEY, "200", ERRORS, {"full": live_envelope(MEMORY)}),
    Operation(
        "get_memory", "get", "/v1/memory/{memory_id}", API_KEY, "200", BY_ID, {"full": live_envelope(MEMORY_DETAIL)}
    ),
    Operation("delete_memory", "delete", "/v1/memory/{memory_id}", API_KEY, "204", BY_ID, {}),
    Operation(
        "list_secrets",
        "get",
        "/v1/secrets",
        API_KEY,
        "200",
        ERRORS,
        {
            "full": live_envelope([SECRET_ITEM, {**SECRET_ITEM, "secret_type": "MISTRAL_API_KEY"}]),
            "empty": live_envelope([]),
        },
    ),
    Operation(
        "create_secret",
        "post",
        "/v1/secrets",
        API_KEY,
        "200",
        ERRORS,
        {"full": live_envelope({"id": SECRET_ID, "secret_name": "openai"})},
    ),
    Operation("delete_secret", "delete", "/v1/secrets/{secret_id}", API_KEY, "200", BY_ID, {"full": DELETED}),
    Operation(
        "list_llm_configurations",
        "get",
        "/v1/llm-configurations",
        API_KEY,
        "200",
        ERRORS,
        {"full": live_envelope([LLM_CONFIGURATION_ITEM])},
    ),
    Operation(
        "create_llm_configuration",
        "post",
        "/v1/llm-configurations",
        API_KEY,
        "200",
        ERRORS,
        {
            "full": live_envelope(LLM_CONFIGURATION),
            "no-base-url": live_envelope({**LLM_CONFIGURATION, "base_url": None}),
        },
    ),
    Operation(
        "get_llm_configuration",
        "get",
        "/v1/llm-configurations/{config_id}",
        API_KEY,
        "200",
        BY_ID,
        {"full": live_envelope(LLM_CONFIGURATION)},
    ),
    Operation(
        "update_llm_configuration",
        "patch",
        "/v1/llm-configurations/{config_id}",
        API_KEY,
        "200",
        BY_ID,
        {"full": live_envelope(LLM_CONFIGURATION)},
    ),
    Operation(
        "delete_llm_configuration",
        "delete",
        "/v1/llm-configurations/{config_id}",
        API_KEY,
        "200",
        BY_ID,
        {"full": DELETED},
    ),
    Operation(
        "list_llm_models",
        "get",
        "/v1/llm-models",
        OPTIONAL_KEY,
        "200",
        frozenset({"429", "5XX"}),
        {
            "full": {
                "code": 100,
                "data": {"openai": ["gpt-4o", "gpt-4o-mini", "gpt-5-nano", "gpt-5.4-nano"]},
                "message": "LLM models retrieved successfully",
            }
        },
    ),
    Operation(
        "list_languages",
        "get",
        "/v1/languages",
        OPTIONAL_KEY,
        "200",
        frozenset({"429", "5XX"}),
        {"full": live_envelope([{"language": "English", "code": "en"}, {"language": "Multilingual", "code": "multi"}])},
    ),
    Operation(
        "create_embed",
        "post",
        "/v2/embeddings",
        API_KEY,
        "200",
        ERRORS,
        {"full": live_envelope(EMBED), "minimal": live_envelope({"embed_id": EMBED_ID, "url": EMBED["url"]})},
    ),
    Operation(
        "list_voice_agents",
        "get",
        "/v1/voice_agents",
        API_KEY,
        "200",
        ERRORS,
        {"full": live_envelope([VOICE_AGENT_ITEM, {**VOICE_AGENT_ITEM, "agent_type": "openai_agent"}])},
    ),
    Operation(
        "get_voice_agent",
        "get",
        "/v1/voice_agents/{agent_id}",
        API_KEY,
        "200",
        BY_ID,
        {"full": live_envelope(VOICE_AGENT)},
    ),
    Operation(
        "delete_voice_agent",
        "delete",
        "/v1/voice_agents/{agent_id}",
        API_KEY,
        "200",
        BY_ID | {"409"},
        {"full": DELETED},
    ),
)


def samples() -> list[tuple[Operation, str, Any]]:
    """Every (operation, sample name, body)."""
    return [(op, name, body) for op in ACCOUNT for name, body in op.samples.items()]
