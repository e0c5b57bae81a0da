"""Prism tier: Stoplight Prism, an independent reading of the spec, validates the requests the facade sends.

`prism mock openapi/liveavatar.yaml` checks every request against the spec
before answering; a body that breaks it gets a 422 and `Violation: request...`
lines in Prism's log. Both clients (sync and async) mint through Prism for a
matrix of valid configurations; each must come back as a `SessionToken` built
from Prism's schema-generated 200, with nothing but a passed validation in
the log for that request. Negative tests break the facade's serialiser on
purpose (a renamed required field, ids without hyphens) and prove the tier
catches it.

Limit of this tier: the spec's objects are open (no `additionalProperties:
false`), so Prism takes a misspelt optional field (`voiceId`) for an extra
one and passes the body. Each body is therefore also checked against the
spec with every object closed (`support.closed_problems`).

Needs node and npm (skipped with that reason otherwise); `make prism`
installs the pinned Prism into `.prism/` on first use.
"""

from __future__ import annotations

import asyncio
import json
import re
import uuid
from collections.abc import Callable
from typing import Any

import httpx
import pytest

import liveavatar
from liveavatar import (
    AgoraConfig,
    ElevenLabsAgentConfig,
    ElevenLabsVoiceSettings,
    FishVoiceSettings,
    GeminiRealtimeConfig,
    LiveKitConfig,
    Memory,
    OpenAIRealtimeConfig,
    Persona,
    SessionToken,
    STTConfig,
    VideoSettings,
    VoiceAgent,
    _request,
)
from liveavatar._client import _ENCODER
from liveavatar._request import _Body
from tests.conformance.support import SANDBOX_AVATAR_ID, Prism, closed_problems, lite_connector_kwargs

pytestmark = pytest.mark.prism

API_KEY = "sk_prism_0123456789abcdef"
AVATAR_ID = "3c90c3cc-0d44-4b50-8888-8dd25736052a"
VOICE_ID = uuid.UUID("c2527536-6d1f-4412-a643-53a3497dada9")
CONTEXT_ID = "5b9dba8a-aa31-11f0-a6ee-066a7fa2e369"
AGENT_ID = "6f2b8a51-3c1e-4f0a-9d47-2b1c8e5a7f10"
SECRET_ID = "0e4d1c2b-7a8f-4b3e-9c6d-5f1a2b3c4d5e"
SESSION_ID = "0f5b0a52-8a4f-4d67-9a55-8f2d0b4f3c11"
MEMORY_ID = "9d3c1f0e-2b4a-4c6d-8e7f-1a2b3c4d5e6f"

LIMIT_VARIABLES = {f"{index:02d}".ljust(64, "k"): "v" * 1000 for index in range(50)}
"""Dynamic variables at every limit at once: 50 entries, 64-character keys, 1000-character values."""

FULL = "create_token"
LITE = "create_lite_token"

MATRIX: list[Any] = [
    pytest.param(
        FULL,
        {
            "avatar_id": AVATAR_ID,
            "persona": Persona(
                voice_id=VOICE_ID,
                context_id=CONTEXT_ID,
                language="ja",
                voice_settings=ElevenLabsVoiceSettings(
                    speed=1.2,
                    stability=0.0,
                    similarity_boost=1.0,
                    style=0.5,
                    use_speaker_boost=False,
                    model="eleven_multilingual_v2",
                    apply_language_text_normalization=True,
                ),
            ),
        },
        id="full-persona-elevenlabs-every-field",
    ),
    pytest.param(
        FULL,
        {
            "avatar_id": AVATAR_ID,
            "persona": Persona(
                voice_id=str(VOICE_ID),
                context_id=CONTEXT_ID,
                language="en",
                voice_settings=FishVoiceSettings(speed=0.8, model="s1", latency_mode="normal"),
                stt=STTConfig(provider="assembly_ai"),
            ),
        },
        id="full-persona-fish-and-stt",
    ),
    pytest.param(
        FULL,
        {"avatar_id": AVATAR_ID, "voice_agent": VoiceAgent(id=AGENT_ID, language="fr", dynamic_variables={"a": "b"})},
        id="full-voice-agent-no-mode",
    ),
    pytest.param(
        FULL,
        {"avatar_id": AVATAR_ID, "voice_agent": VoiceAgent(id=AGENT_ID, dynamic_variables=LIMIT_VARIABLES)},
        id="full-voice-agent-variables-at-limits",
    ),
    pytest.param(
        FULL,
        {"avatar_id": AVATAR_ID, "persona": Persona(), "memory": Memory(prev_session_id=SESSION_ID)},
        id="full-memory-previous-session",
    ),
    pytest.param(
        FULL,
        {"avatar_id": AVATAR_ID, "persona": Persona(), "memory": Memory(session_memory_id=MEMORY_ID)},
        id="full-memory-stored",
    ),
    pytest.param(
        FULL,
        {
            "avatar_id": AVATAR_ID,
            "persona": Persona(context_id=CONTEXT_ID),
            "memory": Memory(prev_session_id=SESSION_ID, session_memory_id=MEMORY_ID),
        },
        id="full-memory-both",
    ),
    pytest.param(
        FULL,
        {"avatar_id": AVATAR_ID, "persona": Persona(context_id=CONTEXT_ID), "dynamic_variables": LIMIT_VARIABLES},
        id="full-dynamic-variables-at-limits",
    ),
    pytest.param(
        FULL,
        {
            "avatar_id": AVATAR_ID,
            "persona": Persona(),
            "video_settings": VideoSettings(quality="very_high", encoding="VP8"),
        },
        id="full-video-settings",
    ),
    pytest.param(
        FULL,
        {"avatar_id": AVATAR_ID, "persona": Persona(), "interactivity_type": "PUSH_TO_TALK"},
        id="full-push-to-talk",
    ),
    pytest.param(
        FULL,
        {
            "avatar_id": AVATAR_ID,
            "persona": Persona(context_id=CONTEXT_ID),
            "llm_configuration_id": uuid.UUID(SECRET_ID),
        },
        id="full-llm-configuration",
    ),
    pytest.param(
        FULL,
        {"avatar_id": SANDBOX_AVATAR_ID, "persona": Persona(), "sandbox": True, "max_session_duration": 60},
        id="full-sandbox-60s",
    ),
    pytest.param(LITE, {"avatar_id": AVATAR_ID}, id="lite-no-connector"),
    pytest.param(
        LITE,
        {
            "avatar_id": AVATAR_ID,
            "livekit": LiveKitConfig(url="wss://example.livekit.cloud", room="r", client_token="t"),
        },
        id="lite-livekit",
    ),
    pytest.param(
        LITE,
        {"avatar_id": AVATAR_ID, "agora": AgoraConfig(app_id="app", token="tok", channel="ch", uid="42")},
        id="lite-agora",
    ),
    pytest.param(
        LITE,
        {
            "avatar_id": AVATAR_ID,
            "elevenlabs_agent": ElevenLabsAgentConfig(
                secret_id=SECRET_ID,
                agent_id="agent_01",
                voice_id="21m00Tcm4TlvDq8ikWAM",
                dynamic_variables={"name": "Ada", "turns": 3, "score": 0.5, "vip": True},
            ),
        },
        id="lite-elevenlabs-agent-with-variables",
    ),
    pytest.param(
        LITE,
        {
            "avatar_id": AVATAR_ID,
            "openai_realtime": OpenAIRealtimeConfig(
                secret_id=SECRET_ID, context_id=CONTEXT_ID, voice="marin", temperature=0.6, model="gpt-realtime"
            ),
        },
        id="lite-openai-realtime",
    ),
    pytest.param(
        LITE,
        {
            "avatar_id": AVATAR_ID,
            "gemini_realtime": GeminiRealtimeConfig(
                secret_id=SECRET_ID,
                context_id=CONTEXT_ID,
                voice="Zephyr",
                temperature=2.0,
                model="gemini-3.1-flash-live-preview",
            ),
        },
        id="lite-gemini-realtime",
    ),
    pytest.param(
        LITE,
        {
            "avatar_id": SANDBOX_AVATAR_ID,
            "sandbox": True,
            "max_session_duration": 60,
            "video_settings": VideoSettings(quality="low"),
        },
        id="lite-sandbox-60s-video",
    ),
]

VIOLATION = re.compile(
    r"Violation|did not pass the validation rules|\[VALIDATOR\].*(warning|error)|Responding with \"4"
)

Mint = Callable[..., SessionToken]


@pytest.fixture(params=["sync", "async"])
def mint(request: pytest.FixtureRequest, prism: Prism) -> Mint:
    """Mint through Prism with a sync or an async client (one client per call, no retries)."""

    def sync_mint(method: str, **kwargs: Any) -> SessionToken:
        if method == LITE:
            kwargs = lite_connector_kwargs(kwargs)
        with liveavatar.LiveAvatar(api_key=API_KEY, base_url=prism.url, max_retries=0) as client:
            result: SessionToken = getattr(client.sessions, method)(**kwargs)
            return result

    def async_mint(method: str, **kwargs: Any) -> SessionToken:
        if method == LITE:
            kwargs = lite_connector_kwargs(kwargs)

        async def go() -> SessionToken:
            async with liveavatar.AsyncLiveAvatar(api_key=API_KEY, base_url=prism.url, max_retries=0) as client:
                result: SessionToken = await getattr(client.sessions, method)(**kwargs)
                return result

        return asyncio.run(go())

    return sync_mint if request.param == "sync" else async_mint


def _violations(log: str) -> list[str]:
    return [line for line in log.splitlines() if VIOLATION.search(line)]


@pytest.fixture
def sent(monkeypatch: pytest.MonkeyPatch) -> list[dict[str, Any]]:
    """The bodies the facade builds during the test, as the clients hand them to httpx."""
    bodies: list[dict[str, Any]] = []
    for name in ("full_body", "lite_body"):
        original = getattr(_request, name)

        def spy(*args: Any, _original: Callable[..., dict[str, Any]] = original, **kwargs: Any) -> dict[str, Any]:
            body = _original(*args, **kwargs)
            bodies.append(json.loads(_ENCODER.encode(body)))  # as sent: Secrets revealed
            return body

        monkeypatch.setattr(_request, name, spy)
    return bodies


@pytest.mark.parametrize(("method", "kwargs"), MATRIX)
def test_prism_accepts_the_request(
    prism: Prism, mint: Mint, sent: list[dict[str, Any]], method: str, kwargs: dict[str, Any]
) -> None:
    """Prism validates the facade's request without a violation and the facade reads Prism's 200 as a token."""
    offset = prism.log_size()
    token = mint(method, **kwargs)
    log = prism.log_since(offset)
    assert _violations(log) == [], log
    assert log.count("Request received") == 1, log
    assert "The request passed the validation rules" in log, log
    assert isinstance(token, SessionToken)
    assert str(uuid.UUID(token.session_id)) == token.session_id.lower()
    assert isinstance(token.session_token, str)
    assert token.session_token
    # Prism, like the spec, takes an unknown field in its open objects: the closed check catches a misspelling.
    [body] = sent
    assert closed_problems(body) == []
    assert ("mode" in body) == ("voice_agent" not in body)


def _rename_avatar_id(monkeypatch: pytest.MonkeyPatch) -> None:
    original = _Body.common

    def common(self: _Body, out: dict[str, Any], *args: Any) -> None:
        original(self, out, *args)
        out["avatarId"] = out.pop("avatar_id")

    monkeypatch.setattr(_Body, "common", common)


def _ids_without_hyphens(monkeypatch: pytest.MonkeyPatch) -> None:
    original = _Body.id

    def as_hex(self: _Body, out: dict[str, Any], key: str, value: object, path: str) -> None:
        original(self, out, key, value, path)
        out[key] = uuid.UUID(out[key]).hex

    monkeypatch.setattr(_Body, "id", as_hex)


@pytest.mark.parametrize(
    "corrupt",
    [
        pytest.param(_rename_avatar_id, id="avatar_id-sent-as-avatarId"),
        pytest.param(_ids_without_hyphens, id="ids-sent-without-hyphens"),
    ],
)
def test_prism_refuses_a_corrupted_serialiser(
    prism: Prism, mint: Mint, monkeypatch: pytest.MonkeyPatch, corrupt: Callable[[pytest.MonkeyPatch], None]
) -> None:
    """With the facade's serialiser broken on purpose, Prism answers 422 and logs the violation: the tier can fail."""
    corrupt(monkeypatch)
    offset = prism.log_size()
    with pytest.raises(liveavatar.UnprocessableEntityError) as caught:
        mint(FULL, avatar_id=AVATAR_ID, persona=Persona(voice_id=VOICE_ID))
    log = prism.log_since(offset)
    assert caught.value.status_code == 422
    assert any("Violation: request.body" in line for line in _violations(log)), log


def test_open_objects_hide_a_misspelt_optional_field(prism: Prism) -> None:
    """Prism (like the spec) accepts `voiceId` for `voice_id`; only the closed-schema check refuses it."""
    body = {"mode": "FULL", "avatar_id": AVATAR_ID, "avatar_persona": {"voiceId": str(VOICE_ID)}}
    offset = prism.log_size()
    response = httpx.post(f"{prism.url}/v1/sessions/token", json=body, headers={"X-API-KEY": API_KEY})
    log = prism.log_since(offset)
    assert response.status_code == 200
    assert _violations(log) == []
    assert closed_problems(body) != []


def test_prism_log_names_request_violations(prism: Prism) -> None:
    """The log pattern the tier relies on matches what Prism writes for a refused body (guards the grep)."""
    offset = prism.log_size()
    response = httpx.post(
        f"{prism.url}/v1/sessions/token",
        json={"mode": "FULL", "avatar_persona": {}},
        headers={"X-API-KEY": API_KEY},
    )
    log = prism.log_since(offset)
    assert response.status_code == 422
    assert "Violation: request.body Request body must have required property 'avatar_id'" in log
    assert _violations(log)
