"""The OpenAPI spec's request-body schema, held against the public page and the live API's rules.

Bodies are checked with jsonschema (Draft 2020-12, formats on) against
schemas that stay inside the whole spec document, so every
`$ref: "#/components/..."` resolves the way it does in the spec.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from jsonschema import ValidationError
from openapi_spec_validator import OpenAPIV31SpecValidator, validate

from tests.spec_document import PAYLOAD, load_spec, validator_for
from tests.spec_document import schema_problems as problems

# The curl example of https://docs.liveavatar.com/api-reference/sessions/create-session-token,
# copied verbatim from the seed page.
SEED_PATH = Path(__file__).with_name("seed_request.json")
FULL = "#/components/schemas/FullSDKSessionTokenConfigDataSchema"
LITE = "#/components/schemas/LiteSDKSessionTokenConfigDataSchema"

# The sandbox avatar ("Wayne") from LiveAvatar's sandbox docs; the other ids only need to be UUIDs.
AVATAR_ID = "dd73ea75-1218-4ef3-92ce-606d5f7fbc0a"
VOICE_AGENT_ID = "6f2b8a51-3c1e-4f0a-9d47-2b1c8e5a7f10"
SECRET_ID = "0e4d1c2b-7a8f-4b3e-9c6d-5f1a2b3c4d5e"


def violations(pointer: str, body: Any) -> set[tuple[tuple[str | int, ...], str]]:
    """Every (instance path, keyword) that failed, including those nested inside anyOf/oneOf/not."""
    found: set[tuple[tuple[str | int, ...], str]] = set()

    def walk(error: ValidationError) -> None:
        found.add((tuple(error.absolute_path), str(error.validator)))
        for sub in error.context or ():
            walk(sub)

    for error in validator_for(pointer).iter_errors(body):
        walk(error)
    return found


def seed_body() -> dict[str, Any]:
    body: dict[str, Any] = json.loads(SEED_PATH.read_text(encoding="utf-8"))
    return body


def test_spec_is_valid_openapi_3_1() -> None:
    """The spec is a valid OpenAPI 3.1 document."""
    spec = load_spec()
    assert "3.1.0" == spec["openapi"]
    validate(spec, cls=OpenAPIV31SpecValidator)


def test_spec_request_example_is_a_valid_full_request() -> None:
    """The spec's own requestBody example validates as a FULL request and as the whole body."""
    example = load_spec()["paths"]["/v1/sessions/token"]["post"]["requestBody"]["content"]["application/json"][
        "example"
    ]
    assert [] == problems(FULL, example)
    assert [] == problems(PAYLOAD, example)


def test_seed_body_is_a_valid_full_request() -> None:
    """The public page's example, exactly as published, validates as a FULL request and as the whole body."""
    # The seed wins on the request fields it shows: its empty `stt_config`
    # and its persona-plus-voice-agent pair are both schema-valid. The live
    # server's "exactly one of avatar_persona or voice_agent" is a business
    # rule (422 from the server, InvalidRequestError from the facade), kept
    # out of the schema for that reason.
    body = seed_body()
    assert {} == body["avatar_persona"]["stt_config"]
    assert [] == problems(FULL, body)
    assert [] == problems(PAYLOAD, body)


def _dynamic_variables(count: int) -> dict[str, str]:
    return {f"var_{index}": "value" for index in range(count)}


VALID_BODIES: list[Any] = [
    pytest.param(FULL, {"mode": "FULL", "avatar_id": AVATAR_ID, "avatar_persona": {}}, id="full-minimal-persona"),
    # No `mode`: a stored voice agent's own type decides it.
    pytest.param(FULL, {"avatar_id": AVATAR_ID, "voice_agent": {"id": VOICE_AGENT_ID}}, id="full-voice-agent-no-mode"),
    pytest.param(
        FULL,
        {
            "avatar_id": AVATAR_ID,
            "avatar_persona": {"voice_settings": {"provider": "elevenLabs", "speed": 1.2}},
            "dynamic_variables": {**_dynamic_variables(49), "k" * 64: "v" * 1000},
        },
        id="full-at-the-documented-limits",
    ),
    pytest.param(LITE, {"mode": "LITE", "avatar_id": AVATAR_ID}, id="lite-minimal"),
    pytest.param(
        LITE,
        {
            "mode": "LITE",
            "avatar_id": AVATAR_ID,
            "livekit_config": {
                "livekit_url": "wss://example.livekit.cloud",
                "livekit_room": "support-room",
                "livekit_client_token": "lk-client-token",
            },
        },
        id="lite-livekit",
    ),
    pytest.param(
        LITE,
        {
            "mode": "LITE",
            "avatar_id": AVATAR_ID,
            "agora_config": {
                "agora_app_id": "app-id",
                "agora_token": "agora-token",
                "agora_channel": "support",
                "agora_uid": "42",
            },
        },
        id="lite-agora",
    ),
    pytest.param(
        LITE,
        {
            "mode": "LITE",
            "avatar_id": AVATAR_ID,
            "elevenlabs_agent_config": {
                "secret_id": SECRET_ID,
                "agent_id": "agent_01",
                "dynamic_variables": {"name": "Ada", "turns": 3, "score": 0.5, "vip": True},
            },
        },
        id="lite-elevenlabs-agent",
    ),
    pytest.param(
        LITE,
        {
            "mode": "LITE",
            "avatar_id": AVATAR_ID,
            "openai_realtime_config": {"secret_id": SECRET_ID, "voice": "marin", "temperature": 0.6},
        },
        id="lite-openai-realtime",
    ),
    pytest.param(
        LITE,
        {
            "mode": "LITE",
            "avatar_id": AVATAR_ID,
            "gemini_realtime_config": {
                "secret_id": SECRET_ID,
                "voice": "Puck",
                "model": "gemini-3.1-flash-live-preview",
            },
        },
        id="lite-gemini-realtime",
    ),
]


@pytest.mark.parametrize(("variant", "body"), VALID_BODIES)
def test_valid_body_is_accepted(variant: str, body: dict[str, Any]) -> None:
    """A well-formed body validates against its own variant and against the request body's oneOf."""
    assert [] == problems(variant, body)
    assert [] == problems(PAYLOAD, body)


def _persona_body(**extra: Any) -> dict[str, Any]:
    return {"mode": "FULL", "avatar_id": AVATAR_ID, "avatar_persona": {}, **extra}


# Each invalid body is one defect away from a valid one; `expected` is the
# (instance path, keyword) that the variant's schema must report, so the body
# is refused for the stated reason and not for a typo elsewhere.
INVALID_BODIES: list[Any] = [
    pytest.param(FULL, {"mode": "FULL", "avatar_persona": {}}, ((), "required"), id="no-avatar_id"),
    pytest.param(FULL, _persona_body(avatar_id="avatar-42"), (("avatar_id",), "format"), id="avatar_id-not-a-uuid"),
    pytest.param(
        FULL,
        _persona_body(interactivity_type="ALWAYS_LISTENING"),
        (("interactivity_type",), "enum"),
        id="unknown-interactivity_type",
    ),
    pytest.param(
        FULL,
        _persona_body(dynamic_variables=_dynamic_variables(51)),
        (("dynamic_variables",), "maxProperties"),
        id="51-dynamic-variables",
    ),
    pytest.param(
        FULL,
        _persona_body(dynamic_variables={"k" * 65: "value"}),
        (("dynamic_variables",), "maxLength"),
        id="65-char-dynamic-variable-name",
    ),
    pytest.param(
        FULL,
        _persona_body(avatar_persona={"voice_settings": {"provider": "elevenLabs", "speed": 2.0}}),
        (("avatar_persona", "voice_settings", "speed"), "maximum"),
        id="elevenlabs-speed-2.0",
    ),
    pytest.param(
        LITE,
        {"mode": "LITE", "avatar_id": AVATAR_ID, "avatar_persona": {}},
        ((), "not"),
        id="lite-with-avatar_persona",
    ),
]


@pytest.mark.parametrize(("variant", "body", "expected"), INVALID_BODIES)
def test_invalid_body_is_rejected(variant: str, body: dict[str, Any], expected: tuple[tuple[str, ...], str]) -> None:
    """A body that breaks one documented rule fails its variant for that rule, and fails the oneOf."""
    assert expected in violations(variant, body)
    assert problems(PAYLOAD, body)
