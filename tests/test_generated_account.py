"""The generated layer reaches every account operation: each low-level call sends its request and parses its answer."""

from __future__ import annotations

import importlib
import inspect
import json
from typing import Any

import httpx
import pytest

from liveavatar_client.client import AuthenticatedClient
from tests.spec.account_samples import (
    ACCOUNT,
    AGENT_ID,
    AVATAR_ID,
    CONFIG_ID,
    CONTEXT_ID,
    MEMORY_ID,
    SECRET_ID,
    VOICE_ID,
)
from tests.spec.lifecycle_samples import Operation

TAGS = {
    "avatars": "avatars",
    "voices": "voices",
    "contexts": "contexts",
    "memory": "memories",
    "secrets": "secrets",
    "llm-configurations": "llm_configurations",
    "llm-models": "llm_models",
    "languages": "languages",
    "embeddings": "embeds",
    "voice_agents": "voice_agents",
}
IDS = {
    "avatar_id": AVATAR_ID,
    "voice_id": VOICE_ID,
    "context_id": CONTEXT_ID,
    "memory_id": MEMORY_ID,
    "secret_id": SECRET_ID,
    "config_id": CONFIG_ID,
    "agent_id": AGENT_ID,
}
BODIES: dict[str, dict[str, Any]] = {
    "update_avatar": {"name": "Wayne"},
    "bind_third_party_voice": {"provider_voice_id": "pv", "secret_id": SECRET_ID},
    "update_voice": {"name": "Ava"},
    "create_context": {"name": "n", "prompt": "p", "opening_text": ""},
    "update_context": {"name": "n", "prompt": "p", "opening_text": "o"},
    "create_memory": {"memory_type": "session", "session_id": CONTEXT_ID},
    "create_secret": {"secret_name": "n", "secret_value": "v", "secret_type": "OPENAI_API_KEY"},
    "create_llm_configuration": {"display_name": "d", "model_name": "m", "secret_id": SECRET_ID},
    "update_llm_configuration": {"model_name": "m2"},
    "create_embed": {"avatar_id": AVATAR_ID, "voice_agent_id": AGENT_ID},
}


def _module(op: Operation) -> Any:
    package = TAGS[op.path.split("/")[2]]
    return importlib.import_module(f"liveavatar_client.api.{package}.{op.operation_id}")


@pytest.mark.parametrize("op", ACCOUNT, ids=lambda op: op.operation_id)
def test_low_level_client_calls_the_account_operation(op: Operation) -> None:
    """Each generated account call sends its method, path and body with the key, and parses the sample answer."""
    module = _module(op)
    sample = next(iter(op.samples.values()), None)
    seen: list[httpx.Request] = []

    def answer(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(int(op.success), json=sample) if sample is not None else httpx.Response(204)

    http = httpx.Client(
        base_url="https://api.liveavatar.com", headers={"X-API-KEY": "k"}, transport=httpx.MockTransport(answer)
    )
    client = AuthenticatedClient(base_url="https://unused.invalid", token="unused").set_httpx_client(http)
    parameters = inspect.signature(module.sync_detailed).parameters
    kwargs: dict[str, Any] = {name: value for name, value in IDS.items() if name in parameters}
    if "body" in parameters:
        body_type = parameters["body"].annotation
        model = (
            getattr(importlib.import_module(module.__name__), body_type) if isinstance(body_type, str) else body_type
        )
        kwargs["body"] = model.from_dict(BODIES[op.operation_id])
    with client:
        response = module.sync_detailed(client=client, **kwargs)

    (request,) = seen
    expected_path = op.path.format(**IDS)
    assert (op.method.upper(), expected_path) == (request.method, request.url.path)
    if op.operation_id in BODIES:
        assert BODIES[op.operation_id] == json.loads(request.content)
    assert int(op.success) == response.status_code
    if sample is not None:
        assert sample == response.parsed.to_dict()
