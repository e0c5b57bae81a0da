"""Client-side validation: each rule refuses bad input before any I/O, and lets good input through."""

from __future__ import annotations

import uuid
from typing import Any

import pytest

from liveavatar import (
    AgoraConfig,
    ElevenLabsAgentConfig,
    ElevenLabsVoiceSettings,
    FieldError,
    FishVoiceSettings,
    GeminiRealtimeConfig,
    InvalidRequestError,
    LiveAvatarError,
    LiveKitConfig,
    Memory,
    OpenAIRealtimeConfig,
    Persona,
    STTConfig,
    VideoSettings,
    VoiceAgent,
)
from tests.unit.support import AVATAR_ID, VOICE_ID, ClientFactory, Recorder

ID = "6f2b8a51-3c1e-4f0a-9d47-2b1c8e5a7f10"
LIVEKIT = LiveKitConfig(url="wss://lk", room="r", client_token="t")

# (method, keyword arguments, the path of the expected problem or None when valid)
CASES: list[Any] = [
    # uuid formats
    pytest.param("full", {"avatar_id": "nope", "persona": Persona()}, "avatar_id", id="avatar-id-bad"),
    pytest.param("full", {"avatar_id": uuid.UUID(AVATAR_ID), "persona": Persona()}, None, id="avatar-id-uuid"),
    pytest.param("full", {"avatar_id": 42, "persona": Persona()}, "avatar_id", id="avatar-id-int"),
    pytest.param("full", {"persona": Persona(voice_id="x")}, "persona.voice_id", id="voice-id-bad"),
    pytest.param("full", {"persona": Persona(context_id="x")}, "persona.context_id", id="context-id-bad"),
    pytest.param("full", {"persona": Persona(voice_id=ID, context_id=ID)}, None, id="persona-ids-good"),
    pytest.param("full", {"llm_configuration_id": "x", "persona": Persona()}, "llm_configuration_id", id="llm-bad"),
    pytest.param("full", {"llm_configuration_id": ID, "persona": Persona()}, None, id="llm-good"),
    pytest.param(
        "full",
        {"memory": Memory(prev_session_id="x"), "persona": Persona()},
        "memory.prev_session_id",
        id="mem-prev-bad",
    ),
    pytest.param(
        "full",
        {"memory": Memory(session_memory_id="x"), "persona": Persona()},
        "memory.session_memory_id",
        id="mem-id-bad",
    ),
    pytest.param(
        "full",
        {"memory": Memory(prev_session_id=ID, session_memory_id=ID), "persona": Persona()},
        None,
        id="memory-good",
    ),
    pytest.param("full", {"voice_agent": VoiceAgent(id="x")}, "voice_agent.id", id="agent-id-bad"),
    # exclusivity
    pytest.param("full", {}, "persona", id="neither-persona-nor-agent"),
    pytest.param("full", {"persona": Persona(), "voice_agent": VoiceAgent(id=ID)}, "persona", id="both"),
    pytest.param("full", {"voice_agent": VoiceAgent(id=ID, language="de")}, None, id="agent-only"),
    pytest.param("full", {"persona": {"voice_id": ID}}, "persona", id="persona-not-a-persona"),
    pytest.param("full", {"voice_agent": {"id": ID}}, "voice_agent", id="agent-not-an-agent"),
    # dynamic variables
    pytest.param(
        "full", {"persona": Persona(), "dynamic_variables": {f"k{i}": "v" for i in range(50)}}, None, id="dv-50"
    ),
    pytest.param(
        "full",
        {"persona": Persona(), "dynamic_variables": {f"k{i}": "v" for i in range(51)}},
        "dynamic_variables",
        id="dv-51",
    ),
    pytest.param("full", {"persona": Persona(), "dynamic_variables": {"k" * 64: "v" * 1000}}, None, id="dv-at-limits"),
    pytest.param(
        "full", {"persona": Persona(), "dynamic_variables": {"k" * 65: "v"}}, "dynamic_variables", id="dv-key-65"
    ),
    # Only maxLength 64 is published for keys, so an empty key is sent.
    pytest.param("full", {"persona": Persona(), "dynamic_variables": {"": "v"}}, None, id="dv-key-empty"),
    pytest.param("full", {"persona": Persona(), "dynamic_variables": {1: "v"}}, "dynamic_variables", id="dv-key-int"),
    pytest.param(
        "full",
        {"persona": Persona(), "dynamic_variables": {"k": "v" * 1001}},
        "dynamic_variables['k']",
        id="dv-value-1001",
    ),
    pytest.param(
        "full", {"persona": Persona(), "dynamic_variables": {"k": 5}}, "dynamic_variables['k']", id="dv-value-int"
    ),
    pytest.param("full", {"persona": Persona(), "dynamic_variables": ["k"]}, "dynamic_variables", id="dv-not-mapping"),
    pytest.param(
        "full",
        {"voice_agent": VoiceAgent(id=ID, dynamic_variables={"k": object()})},
        "voice_agent.dynamic_variables",
        id="agent-dv-bad",
    ),
    # The published VoiceAgentRef.dynamic_variables is a plain object: any JSON values, any keys.
    pytest.param(
        "full",
        {"voice_agent": VoiceAgent(id=ID, dynamic_variables={"k" * 65: 1, "n": [True, None, {"x": 1.5}]})},
        None,
        id="agent-dv-json",
    ),
    pytest.param("full", {"voice_agent": VoiceAgent(id=ID, dynamic_variables={"k": "v"})}, None, id="agent-dv-good"),
    pytest.param(
        "full",
        {"voice_agent": VoiceAgent(id=ID), "dynamic_variables": {"k": "v"}},
        "dynamic_variables",
        id="dv-top-level-with-agent",
    ),
    # numeric ranges and enums: ElevenLabs
    pytest.param(
        "full", {"persona": Persona(voice_settings=ElevenLabsVoiceSettings(speed=0.8))}, None, id="el-speed-low-edge"
    ),
    pytest.param(
        "full", {"persona": Persona(voice_settings=ElevenLabsVoiceSettings(speed=1.2))}, None, id="el-speed-high-edge"
    ),
    pytest.param(
        "full",
        {"persona": Persona(voice_settings=ElevenLabsVoiceSettings(speed=2.0))},
        "persona.voice_settings.speed",
        id="el-speed-2",
    ),
    pytest.param(
        "full",
        {"persona": Persona(voice_settings=ElevenLabsVoiceSettings(speed=0.79))},
        "persona.voice_settings.speed",
        id="el-speed-0.79",
    ),
    pytest.param(
        "full",
        {"persona": Persona(voice_settings=ElevenLabsVoiceSettings(speed=float("nan")))},
        "persona.voice_settings.speed",
        id="el-speed-nan",
    ),
    pytest.param(
        "full",
        {"persona": Persona(voice_settings=ElevenLabsVoiceSettings(speed=True))},
        "persona.voice_settings.speed",
        id="el-speed-bool",
    ),
    pytest.param(
        "full",
        {"persona": Persona(voice_settings=ElevenLabsVoiceSettings(stability=1.01))},
        "persona.voice_settings.stability",
        id="el-stability",
    ),
    pytest.param(
        "full",
        {"persona": Persona(voice_settings=ElevenLabsVoiceSettings(similarity_boost=-0.1))},
        "persona.voice_settings.similarity_boost",
        id="el-similarity",
    ),
    pytest.param(
        "full",
        {"persona": Persona(voice_settings=ElevenLabsVoiceSettings(style="0"))},  # type: ignore[arg-type]
        "persona.voice_settings.style",
        id="el-style-str",
    ),
    pytest.param(
        "full",
        {"persona": Persona(voice_settings=ElevenLabsVoiceSettings(stability=0, similarity_boost=1, style=0.5))},
        None,
        id="el-unit-range",
    ),
    pytest.param(
        "full",
        {"persona": Persona(voice_settings=ElevenLabsVoiceSettings(model="eleven_v3"))},  # type: ignore[arg-type]
        "persona.voice_settings.model",
        id="el-model-bad",
    ),
    pytest.param(
        "full",
        {"persona": Persona(voice_settings=ElevenLabsVoiceSettings(model="eleven_multilingual_v2"))},
        None,
        id="el-model-good",
    ),
    pytest.param(
        "full",
        {"persona": Persona(voice_settings=ElevenLabsVoiceSettings(use_speaker_boost=1))},  # type: ignore[arg-type]
        "persona.voice_settings.use_speaker_boost",
        id="el-boost-int",
    ),
    # the Japanese-only normalisation
    pytest.param(
        "full",
        {"persona": Persona(voice_settings=ElevenLabsVoiceSettings(apply_language_text_normalization=True))},
        "persona.voice_settings.apply_language_text_normalization",
        id="normalization-default-en",
    ),
    pytest.param(
        "full",
        {
            "persona": Persona(
                language="fr", voice_settings=ElevenLabsVoiceSettings(apply_language_text_normalization=True)
            )
        },
        "persona.voice_settings.apply_language_text_normalization",
        id="normalization-fr",
    ),
    pytest.param(
        "full",
        {
            "persona": Persona(
                language="ja", voice_settings=ElevenLabsVoiceSettings(apply_language_text_normalization=True)
            )
        },
        None,
        id="normalization-ja",
    ),
    pytest.param(
        "full",
        {
            "persona": Persona(
                language="fr", voice_settings=ElevenLabsVoiceSettings(apply_language_text_normalization=False)
            )
        },
        None,
        id="normalization-off-fr",
    ),
    pytest.param("full", {"persona": Persona(language=5)}, "persona.language", id="language-int"),  # type: ignore[arg-type]
    # Fish, STT, the voice settings union
    pytest.param(
        "full",
        {"persona": Persona(voice_settings=FishVoiceSettings(speed=1.25))},
        "persona.voice_settings.speed",
        id="fish-speed",
    ),
    pytest.param(
        "full",
        {"persona": Persona(voice_settings=FishVoiceSettings(model="s3"))},  # type: ignore[arg-type]
        "persona.voice_settings.model",
        id="fish-model",
    ),
    pytest.param(
        "full",
        {"persona": Persona(voice_settings=FishVoiceSettings(latency_mode="fast"))},  # type: ignore[arg-type]
        "persona.voice_settings.latency_mode",
        id="fish-latency",
    ),
    pytest.param(
        "full",
        {"persona": Persona(voice_settings=FishVoiceSettings(speed=0.9, model="s1", latency_mode="normal"))},
        None,
        id="fish-good",
    ),
    pytest.param(
        "full",
        {"persona": Persona(voice_settings={"provider": "fish"})},  # type: ignore[arg-type]
        "persona.voice_settings",
        id="settings-dict",
    ),
    pytest.param("full", {"persona": Persona(stt=STTConfig(provider="whisper"))}, "persona.stt.provider", id="stt-bad"),  # type: ignore[arg-type]
    pytest.param("full", {"persona": Persona(stt=STTConfig(provider="gladia"))}, None, id="stt-good"),
    pytest.param("full", {"persona": Persona(stt="deepgram")}, "persona.stt", id="stt-str"),  # type: ignore[arg-type]
    # enums at the top
    pytest.param(
        "full",
        {"persona": Persona(), "interactivity_type": "WALKIE_TALKIE"},
        "interactivity_type",
        id="interactivity-bad",
    ),
    pytest.param("full", {"persona": Persona(), "interactivity_type": "PUSH_TO_TALK"}, None, id="interactivity-good"),
    pytest.param(
        "full",
        {"persona": Persona(), "video_settings": VideoSettings(quality="ultra")},  # type: ignore[arg-type]
        "video_settings.quality",
        id="quality-bad",
    ),
    pytest.param(
        "full",
        {"persona": Persona(), "video_settings": VideoSettings(encoding="AV1")},  # type: ignore[arg-type]
        "video_settings.encoding",
        id="encoding-bad",
    ),
    pytest.param(
        "full",
        {"persona": Persona(), "video_settings": VideoSettings(quality="very_high", encoding="VP8")},
        None,
        id="video-good",
    ),
    pytest.param(
        "full", {"persona": Persona(), "video_settings": {"quality": "high"}}, "video_settings", id="video-dict"
    ),
    # durations and sandbox
    # No minimum is published, so the server decides.
    pytest.param("full", {"persona": Persona(), "max_session_duration": 0}, None, id="duration-0"),
    # An int JSON cannot carry is reported against its own field.
    pytest.param(
        "full", {"persona": Persona(), "max_session_duration": 10**5000}, "max_session_duration", id="duration-huge"
    ),
    pytest.param(
        "full", {"persona": Persona(), "max_session_duration": 1.5}, "max_session_duration", id="duration-float"
    ),
    pytest.param(
        "full", {"persona": Persona(), "max_session_duration": True}, "max_session_duration", id="duration-bool"
    ),
    pytest.param("full", {"persona": Persona(), "max_session_duration": 3600}, None, id="duration-hour"),
    pytest.param("full", {"persona": Persona(), "sandbox": True, "max_session_duration": 60}, None, id="sandbox-60"),
    pytest.param(
        "full",
        {"persona": Persona(), "sandbox": True, "max_session_duration": 61},
        "max_session_duration",
        id="sandbox-61",
    ),
    pytest.param("full", {"persona": Persona(), "sandbox": "yes"}, "sandbox", id="sandbox-str"),
    pytest.param("lite", {"sandbox": True, "max_session_duration": 61}, "max_session_duration", id="lite-sandbox-61"),
    # extra_body
    pytest.param("full", {"persona": Persona(), "extra_body": {1: "x"}}, "extra_body", id="extra-body-int-key"),
    # LITE connectors
    pytest.param("lite", {"connector": LIVEKIT}, None, id="lite-one-connector"),
    pytest.param("lite", {"connector": Persona()}, "connector", id="lite-connector-not-a-connector"),
    pytest.param(
        "lite",
        {"connector": LiveKitConfig(url=1, room="r", client_token="t")},  # type: ignore[arg-type]
        "connector.url",
        id="livekit-url-int",
    ),
    pytest.param("lite", {"connector": AgoraConfig("a", "t", "c", 7)}, "connector.uid", id="agora-uid-int"),  # type: ignore[arg-type]
    pytest.param("lite", {"connector": {"url": "wss://lk"}}, "connector", id="livekit-dict"),
    pytest.param(
        "lite",
        {"connector": ElevenLabsAgentConfig(secret_id="x", agent_id="a")},
        "connector.secret_id",
        id="el-agent-secret",
    ),
    pytest.param(
        "lite",
        {"connector": ElevenLabsAgentConfig(secret_id=ID, agent_id="a", voice_id=3)},  # type: ignore[arg-type]
        "connector.voice_id",
        id="el-agent-voice",
    ),
    pytest.param(
        "lite",
        {"connector": ElevenLabsAgentConfig(secret_id=ID, agent_id="a", dynamic_variables={"k": [1]})},  # type: ignore[dict-item]
        "connector.dynamic_variables",
        id="el-agent-dv-list",
    ),
    pytest.param(
        "lite",
        {"connector": ElevenLabsAgentConfig(secret_id=ID, agent_id="a", dynamic_variables=[1])},  # type: ignore[arg-type]
        "connector.dynamic_variables",
        id="el-agent-dv-not-mapping",
    ),
    pytest.param(
        "lite",
        {"connector": OpenAIRealtimeConfig(secret_id=ID, temperature=0.5)},
        "connector.temperature",
        id="openai-temp-low",
    ),
    pytest.param(
        "lite",
        {"connector": OpenAIRealtimeConfig(secret_id=ID, voice="robot")},  # type: ignore[arg-type]
        "connector.voice",
        id="openai-voice",
    ),
    pytest.param(
        "lite",
        {"connector": OpenAIRealtimeConfig(secret_id=ID, context_id="x")},
        "connector.context_id",
        id="openai-context",
    ),
    pytest.param(
        "lite",
        {"connector": OpenAIRealtimeConfig(secret_id=ID, model=4)},  # type: ignore[arg-type]
        "connector.model",
        id="openai-model-int",
    ),
    pytest.param(
        "lite",
        {"connector": OpenAIRealtimeConfig(secret_id=ID, temperature=1.2, voice="cedar", model="any")},
        None,
        id="openai-good",
    ),
    pytest.param(
        "lite",
        {"connector": GeminiRealtimeConfig(secret_id=ID, temperature=2.1)},
        "connector.temperature",
        id="gemini-temp",
    ),
    pytest.param(
        "lite",
        {"connector": GeminiRealtimeConfig(secret_id=ID, model="gemini-1")},  # type: ignore[arg-type]
        "connector.model",
        id="gemini-model",
    ),
    pytest.param(
        "lite",
        {"connector": GeminiRealtimeConfig(secret_id=ID, voice="Kore", temperature=0)},
        None,
        id="gemini-good",
    ),
]


@pytest.mark.parametrize(("method", "arguments", "problem_path"), CASES)
def test_validation_rule(
    client_factory: ClientFactory, method: str, arguments: dict[str, Any], problem_path: str | None
) -> None:
    """Each rule names its field when broken and sends the request when kept."""
    server = Recorder()
    client = client_factory(server)
    call = client.create_token if method == "full" else client.create_lite_token
    arguments = {"avatar_id": AVATAR_ID, **arguments}

    if problem_path is None:
        call(**arguments)
        assert 1 == len(server.requests)
        return
    with pytest.raises(InvalidRequestError) as caught:
        call(**arguments)
    assert problem_path in [problem.path for problem in caught.value.problems]
    assert [] == server.requests


def test_every_problem_is_reported_at_once(client_factory: ClientFactory) -> None:
    """One InvalidRequestError lists every problem, each with its field path."""
    with pytest.raises(InvalidRequestError) as caught:
        client_factory(Recorder()).create_token(
            avatar_id="bad",
            persona=Persona(voice_id="bad", voice_settings=ElevenLabsVoiceSettings(speed=3, stability=2)),
            max_session_duration=1.5,
        )

    expected = [
        FieldError("avatar_id", "must be a UUID, got 'bad'"),
        FieldError("max_session_duration", "must be an int (seconds), got float"),
        FieldError("persona.voice_id", "must be a UUID, got 'bad'"),
        FieldError("persona.voice_settings.speed", "must be between 0.8 and 1.2, got 3"),
        FieldError("persona.voice_settings.stability", "must be between 0 and 1, got 2"),
    ]
    assert expected == list(caught.value.problems)
    assert str(caught.value).startswith("invalid request (5 problems): avatar_id: must be a UUID")
    assert isinstance(caught.value, ValueError)
    assert isinstance(caught.value, LiveAvatarError)


def test_single_problem_message_is_singular(client_factory: ClientFactory) -> None:
    """A lone problem reads "1 problem"."""
    with pytest.raises(InvalidRequestError, match=r"^invalid request \(1 problem\): avatar_id"):
        client_factory(Recorder()).create_lite_token(avatar_id="bad")


def test_uuids_are_sent_in_canonical_form(client_factory: ClientFactory) -> None:
    """Upper-case, braced or hyphen-less UUIDs are sent in the spec's canonical form."""
    server = Recorder()

    client_factory(server).create_lite_token(avatar_id="{" + VOICE_ID.upper().replace("-", "") + "}")

    assert VOICE_ID == server.body["avatar_id"]


@pytest.mark.parametrize("extra_body", [{"when": object()}, {"ratio": float("nan")}], ids=["not-json", "nan"])
def test_extra_body_that_json_cannot_carry_is_refused(
    client_factory: ClientFactory, extra_body: dict[str, object]
) -> None:
    """An unchecked extra_body that cannot be JSON is an InvalidRequestError naming it, and nothing is sent."""
    server = Recorder()

    with pytest.raises(InvalidRequestError) as caught:
        client_factory(server).create_token(avatar_id=AVATAR_ID, persona=Persona(), extra_body=extra_body)

    assert ["extra_body"] == [problem.path for problem in caught.value.problems]
    assert [] == server.requests


def test_lone_surrogates_are_refused_with_their_path(client_factory: ClientFactory) -> None:
    """Text UTF-8 cannot encode is refused at its field, in strings and dynamic variables alike."""
    with pytest.raises(InvalidRequestError) as caught:
        client_factory(Recorder()).create_token(
            avatar_id=AVATAR_ID, persona=Persona(language="\ud800"), dynamic_variables={"k": "\udfff"}
        )

    assert ["persona.language", "dynamic_variables['k']"] == [problem.path for problem in caught.value.problems]


def test_provider_less_stt_config_is_sent_as_an_empty_object(client_factory: ClientFactory) -> None:
    """STTConfig() sends `stt_config: {}`, the public example's shape: the service picks the provider."""
    server = Recorder()

    client_factory(server).create_token(avatar_id=AVATAR_ID, persona=Persona(stt=STTConfig()))

    assert {"stt_config": {}} == server.body["avatar_persona"]
