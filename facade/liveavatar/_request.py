"""Turn `create_token` / `create_lite_token` arguments into a checked request body.

One pass walks the arguments, writes the JSON body in the API's field names
and collects every problem it meets, each with the path the caller wrote
(`persona.voice_settings.speed`), so one `InvalidRequestError` reports them
all before any network I/O.

What is checked: uuid formats, types, every enum and numeric range of the
spec, the dynamic-variable limits, and the rules the schema cannot carry:

- FULL takes exactly one of `persona` and `voice_agent`;
- `max_session_duration` is at most 60 in sandbox;
- `apply_language_text_normalization` needs the persona language `ja`;
- with a voice agent, dynamic variables go inside it (the API answers 400
  to top-level ones).

LITE takes one `connector` (or none): the type says so, so there is no run-time
rule for it. The mock's rule table (docs/guides/rules.md) gives each rule's
source; nothing the published schema and those rules allow is refused here.

Third-party credentials (a LiveKit client token, an Agora token) go into the
body as `Secret`s, revealed only by the JSON encoder, so the body can sit in
a frame local or a log without showing them.

`extra_body` is merged last and not checked: it is for fields this SDK does
not model yet.
"""

from __future__ import annotations

import functools
import json
import math
import uuid
from collections.abc import Mapping
from typing import Any, TypeGuard, TypeVar, get_args

from ._config import SANDBOX_MAX_SESSION_DURATION
from ._errors import InvalidRequestError
from ._models import (
    AgoraConfig,
    ElevenLabsAgentConfig,
    ElevenLabsModel,
    ElevenLabsVoiceSettings,
    FieldError,
    FishLatencyMode,
    FishModel,
    FishVoiceSettings,
    GeminiRealtimeConfig,
    GeminiRealtimeModel,
    GeminiRealtimeVoice,
    InteractivityType,
    LiveKitConfig,
    Memory,
    OpenAIRealtimeConfig,
    OpenAIRealtimeVoice,
    Persona,
    STTConfig,
    STTProvider,
    VideoEncoding,
    VideoQuality,
    VideoSettings,
    VoiceAgent,
)
from ._secrets import Secret

__all__ = ["Connector", "full_body", "lite_body"]

Connector = LiveKitConfig | AgoraConfig | ElevenLabsAgentConfig | OpenAIRealtimeConfig | GeminiRealtimeConfig
"""What a LITE session connects to: your LiveKit room or Agora channel, or a voice-agent provider."""

_T = TypeVar("_T")

MAX_DYNAMIC_VARIABLES = 50
MAX_DYNAMIC_VARIABLE_KEY_LENGTH = 64
MAX_DYNAMIC_VARIABLE_VALUE_LENGTH = 1000
MAX_JSON_INT = 2**63 - 1
"""Python can write larger ints, but no server stores them: refused here rather
than as a 500 (inferred: the server's integer columns are 64-bit at most)."""
SPEED_RANGE = (0.8, 1.2)
UNIT_RANGE = (0.0, 1.0)
OPENAI_TEMPERATURE_RANGE = (0.6, 1.2)
GEMINI_TEMPERATURE_RANGE = (0.0, 2.0)

_VIDEO_QUALITIES = frozenset(get_args(VideoQuality))
_VIDEO_ENCODINGS = frozenset(get_args(VideoEncoding))
_INTERACTIVITY_TYPES = frozenset(get_args(InteractivityType))
_ELEVENLABS_MODELS = frozenset(get_args(ElevenLabsModel))
_FISH_MODELS = frozenset(get_args(FishModel))
_FISH_LATENCY_MODES = frozenset(get_args(FishLatencyMode))
_STT_PROVIDERS = frozenset(get_args(STTProvider))
_OPENAI_VOICES = frozenset(get_args(OpenAIRealtimeVoice))
_GEMINI_VOICES = frozenset(get_args(GeminiRealtimeVoice))
_GEMINI_MODELS = frozenset(get_args(GeminiRealtimeModel))


@functools.lru_cache(maxsize=1024)
def _canonical_uuid(text: str) -> str:
    """The canonical form the spec's `format: uuid` wants (lower case, hyphens).

    Cached: a product mints with the same few avatar, voice and context ids
    over and over, and parsing them again on every call is waste.
    """
    return str(uuid.UUID(text))


def _encodable(text: str) -> bool:
    """Whether UTF-8 can carry `text` (a lone surrogate it cannot)."""
    if text.isascii():
        return True
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


# Only to find what JSON cannot carry, with the same rules as the body's encoder.
_check_encoder = json.JSONEncoder(ensure_ascii=False, allow_nan=False)


class _Body:
    """A JSON object under construction, and the problems met while building it."""

    __slots__ = ("problems",)

    def __init__(self) -> None:
        self.problems: list[FieldError] = []

    def fail(self, path: str, message: str) -> None:
        self.problems.append(FieldError(path, message))

    def id(self, out: dict[str, Any], key: str, value: object, path: str) -> None:
        if isinstance(value, uuid.UUID):
            # Not str(value): a subclass may override __str__; the int is the value.
            out[key] = str(uuid.UUID(int=value.int))
        elif isinstance(value, str):
            try:
                out[key] = _canonical_uuid(value)
            except ValueError:
                self.fail(path, f"must be a UUID, got {value!r}")
        else:
            self.fail(path, f"must be a UUID (str or uuid.UUID), got {type(value).__name__}")

    def text(self, out: dict[str, Any], key: str, value: object, path: str) -> None:
        if not isinstance(value, str):
            self.fail(path, f"must be a str, got {type(value).__name__}")
        elif not _encodable(value):
            self.fail(path, "must be text UTF-8 can encode (it holds a lone surrogate)")
        else:
            out[key] = value

    def secret(self, out: dict[str, Any], key: str, value: object, path: str) -> None:
        self.text(out, key, value, path)
        if key in out:
            out[key] = Secret.text(out[key])

    def flag(self, out: dict[str, Any], key: str, value: object, path: str) -> None:
        if isinstance(value, bool):
            out[key] = value
        else:
            self.fail(path, f"must be a bool, got {type(value).__name__}")

    def choice(self, out: dict[str, Any], key: str, value: object, path: str, allowed: frozenset[str]) -> None:
        if isinstance(value, str) and value in allowed:
            out[key] = value
        else:
            self.fail(path, f"must be one of {', '.join(sorted(allowed))}; got {value!r}")

    def number(self, out: dict[str, Any], key: str, value: object, path: str, bounds: tuple[float, float]) -> None:
        low, high = bounds
        # bool is an int to Python, never a number to the API.
        if isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value):
            if low <= value <= high:
                out[key] = value
            else:
                self.fail(path, f"must be between {low:g} and {high:g}, got {value!r}")
        else:
            self.fail(path, f"must be a number between {low:g} and {high:g}, got {value!r}")

    def of_type(self, value: object, cls: type[_T], path: str) -> TypeGuard[_T]:
        if isinstance(value, cls):
            return True
        self.fail(path, f"must be a liveavatar.{cls.__name__}, got {type(value).__name__}")
        return False

    def dynamic_variables(self, value: object, path: str) -> dict[str, str] | None:
        if not isinstance(value, Mapping):
            self.fail(path, f"must be a mapping of str to str, got {type(value).__name__}")
            return None
        if len(value) > MAX_DYNAMIC_VARIABLES:
            self.fail(path, f"at most {MAX_DYNAMIC_VARIABLES} entries, got {len(value)}")
        for name, text in value.items():
            if not isinstance(name, str) or len(name) > MAX_DYNAMIC_VARIABLE_KEY_LENGTH:
                self.fail(path, f"keys must be str of at most {MAX_DYNAMIC_VARIABLE_KEY_LENGTH} characters: {name!r}")
            elif not isinstance(text, str):
                self.fail(f"{path}[{name!r}]", f"must be a str, got {type(text).__name__}")
            elif not (_encodable(name) and _encodable(text)):
                self.fail(f"{path}[{name!r}]", "must be text UTF-8 can encode (it holds a lone surrogate)")
            elif len(text) > MAX_DYNAMIC_VARIABLE_VALUE_LENGTH:
                self.fail(
                    f"{path}[{name!r}]",
                    f"at most {MAX_DYNAMIC_VARIABLE_VALUE_LENGTH} characters, got {len(text)}",
                )
        return dict(value)

    def duration(self, out: dict[str, Any], value: object, sandbox: bool) -> None:
        # No minimum is published, so none is applied: the server decides.
        if not isinstance(value, int) or isinstance(value, bool):
            self.fail("max_session_duration", f"must be an int (seconds), got {type(value).__name__}")
        elif abs(value) > MAX_JSON_INT:
            self.fail("max_session_duration", "must fit in a 64-bit integer")
        elif sandbox and value > SANDBOX_MAX_SESSION_DURATION:
            self.fail(
                "max_session_duration",
                f"at most {SANDBOX_MAX_SESSION_DURATION} in sandbox, got {value}",
            )
        else:
            out["max_session_duration"] = value

    def common(self, out: dict[str, Any], avatar_id: object, sandbox: object, video: object, duration: object) -> None:
        self.id(out, "avatar_id", avatar_id, "avatar_id")
        if sandbox is not False:
            self.flag(out, "is_sandbox", sandbox, "sandbox")
        if video is not None and self.of_type(video, VideoSettings, "video_settings"):
            out["video_settings"] = self.video_settings(video)
        if duration is not None:
            self.duration(out, duration, sandbox is True)

    def video_settings(self, video: VideoSettings) -> dict[str, Any]:
        wire: dict[str, Any] = {}
        if video.quality is not None:
            self.choice(wire, "quality", video.quality, "video_settings.quality", _VIDEO_QUALITIES)
        if video.encoding is not None:
            self.choice(wire, "encoding", video.encoding, "video_settings.encoding", _VIDEO_ENCODINGS)
        return wire

    def persona(self, persona: Persona) -> dict[str, Any]:
        wire: dict[str, Any] = {}
        if persona.voice_id is not None:
            self.id(wire, "voice_id", persona.voice_id, "persona.voice_id")
        if persona.context_id is not None:
            self.id(wire, "context_id", persona.context_id, "persona.context_id")
        if persona.language is not None:
            self.text(wire, "language", persona.language, "persona.language")
        settings = persona.voice_settings
        if isinstance(settings, ElevenLabsVoiceSettings):
            wire["voice_settings"] = self.elevenlabs(settings, persona.language)
        elif isinstance(settings, FishVoiceSettings):
            wire["voice_settings"] = self.fish(settings)
        elif settings is not None:
            self.fail(
                "persona.voice_settings",
                f"must be ElevenLabsVoiceSettings or FishVoiceSettings, got {type(settings).__name__}",
            )
        if persona.stt is not None and self.of_type(persona.stt, STTConfig, "persona.stt"):
            stt: dict[str, Any] = {}
            if persona.stt.provider is not None:
                self.choice(stt, "provider", persona.stt.provider, "persona.stt.provider", _STT_PROVIDERS)
            wire["stt_config"] = stt
        return wire

    def elevenlabs(self, settings: ElevenLabsVoiceSettings, language: str | None) -> dict[str, Any]:
        path = "persona.voice_settings"
        wire: dict[str, Any] = {"provider": "elevenLabs"}
        if settings.speed is not None:
            self.number(wire, "speed", settings.speed, f"{path}.speed", SPEED_RANGE)
        for key in ("stability", "similarity_boost", "style"):
            value = getattr(settings, key)
            if value is not None:
                self.number(wire, key, value, f"{path}.{key}", UNIT_RANGE)
        if settings.use_speaker_boost is not None:
            self.flag(wire, "use_speaker_boost", settings.use_speaker_boost, f"{path}.use_speaker_boost")
        if settings.model is not None:
            self.choice(wire, "model", settings.model, f"{path}.model", _ELEVENLABS_MODELS)
        normalization = settings.apply_language_text_normalization
        if normalization is not None:
            self.flag(
                wire,
                "apply_language_text_normalization",
                normalization,
                f"{path}.apply_language_text_normalization",
            )
            if normalization is True and language != "ja":
                self.fail(
                    f"{path}.apply_language_text_normalization",
                    f"only valid with persona language 'ja', got {language or 'en (the default)'!r}",
                )
        return wire

    def fish(self, settings: FishVoiceSettings) -> dict[str, Any]:
        path = "persona.voice_settings"
        wire: dict[str, Any] = {"provider": "fish"}
        if settings.speed is not None:
            self.number(wire, "speed", settings.speed, f"{path}.speed", SPEED_RANGE)
        if settings.model is not None:
            self.choice(wire, "model", settings.model, f"{path}.model", _FISH_MODELS)
        if settings.latency_mode is not None:
            self.choice(wire, "latency_mode", settings.latency_mode, f"{path}.latency_mode", _FISH_LATENCY_MODES)
        return wire

    def voice_agent(self, agent: VoiceAgent) -> dict[str, Any]:
        wire: dict[str, Any] = {}
        self.id(wire, "id", agent.id, "voice_agent.id")
        if agent.language is not None:
            self.text(wire, "language", agent.language, "voice_agent.language")
        if agent.dynamic_variables is not None:
            # The published VoiceAgentRef.dynamic_variables is a plain object: any JSON values.
            variables = self.json_object(agent.dynamic_variables, "voice_agent.dynamic_variables")
            if variables is not None:
                wire["dynamic_variables"] = variables
        return wire

    def json_object(self, value: object, path: str) -> dict[str, Any] | None:
        if not isinstance(value, Mapping) or not all(isinstance(key, str) for key in value):
            self.fail(path, f"must be a mapping with str keys, got {type(value).__name__}")
            return None
        try:
            _check_encoder.encode(value)
        except (TypeError, ValueError, RecursionError) as exc:
            self.fail(path, f"cannot be sent as JSON: {exc}")
            return None
        return dict(value)

    def memory(self, memory: Memory) -> dict[str, Any]:
        wire: dict[str, Any] = {}
        if memory.prev_session_id is not None:
            self.id(wire, "prev_session_id", memory.prev_session_id, "memory.prev_session_id")
        if memory.session_memory_id is not None:
            self.id(wire, "session_memory_id", memory.session_memory_id, "memory.session_memory_id")
        return wire

    def livekit(self, config: LiveKitConfig) -> dict[str, Any]:
        wire: dict[str, Any] = {}
        self.text(wire, "livekit_url", config.url, "connector.url")
        self.text(wire, "livekit_room", config.room, "connector.room")
        self.secret(wire, "livekit_client_token", config.client_token, "connector.client_token")
        return wire

    def agora(self, config: AgoraConfig) -> dict[str, Any]:
        wire: dict[str, Any] = {}
        self.text(wire, "agora_app_id", config.app_id, "connector.app_id")
        self.secret(wire, "agora_token", config.token, "connector.token")
        self.text(wire, "agora_channel", config.channel, "connector.channel")
        self.text(wire, "agora_uid", config.uid, "connector.uid")
        return wire

    def elevenlabs_agent(self, config: ElevenLabsAgentConfig) -> dict[str, Any]:
        wire: dict[str, Any] = {}
        self.id(wire, "secret_id", config.secret_id, "connector.secret_id")
        self.text(wire, "agent_id", config.agent_id, "connector.agent_id")
        if config.voice_id is not None:
            self.text(wire, "voice_id", config.voice_id, "connector.voice_id")
        variables: object = config.dynamic_variables
        if variables is None:
            return wire
        if not isinstance(variables, Mapping):
            self.fail("connector.dynamic_variables", "must be a mapping of str to str, int, float or bool")
            return wire
        for name, value in variables.items():
            if (
                not isinstance(name, str)
                or not isinstance(value, str | int | float | bool)
                or (isinstance(value, float) and not math.isfinite(value))
                or not _encodable(name)
                or (isinstance(value, str) and not _encodable(value))
            ):
                self.fail(
                    "connector.dynamic_variables",
                    f"keys must be str and values str, int, finite float or bool: {name!r}",
                )
        wire["dynamic_variables"] = dict(variables)
        return wire

    def realtime(
        self,
        config: OpenAIRealtimeConfig | GeminiRealtimeConfig,
        path: str,
        voices: frozenset[str],
        temperatures: tuple[float, float],
    ) -> dict[str, Any]:
        wire: dict[str, Any] = {}
        self.id(wire, "secret_id", config.secret_id, f"{path}.secret_id")
        if config.context_id is not None:
            self.id(wire, "context_id", config.context_id, f"{path}.context_id")
        if config.voice is not None:
            self.choice(wire, "voice", config.voice, f"{path}.voice", voices)
        if config.temperature is not None:
            self.number(wire, "temperature", config.temperature, f"{path}.temperature", temperatures)
        if config.model is not None:
            if isinstance(config, GeminiRealtimeConfig):
                self.choice(wire, "model", config.model, f"{path}.model", _GEMINI_MODELS)
            else:
                self.text(wire, "model", config.model, f"{path}.model")
        return wire

    def finish(self, wire: dict[str, Any], extra_body: object) -> dict[str, Any]:
        if extra_body is not None:
            if isinstance(extra_body, Mapping) and all(isinstance(key, str) for key in extra_body):
                wire.update(extra_body)
            else:
                self.fail("extra_body", "must be a mapping with str keys")
        if self.problems:
            raise InvalidRequestError(self.problems)
        return wire


def full_body(
    *,
    avatar_id: object,
    persona: object,
    voice_agent: object,
    sandbox: object,
    video_settings: object,
    max_session_duration: object,
    interactivity_type: object,
    llm_configuration_id: object,
    dynamic_variables: object,
    memory: object,
    extra_body: Mapping[str, object] | None,
) -> dict[str, Any]:
    """The FULL-mode request body, or `InvalidRequestError` listing every problem."""
    body = _Body()
    # With a voice agent `mode` stays out: the agent's stored type decides it,
    # and the API answers 400 to an explicit FULL for an ElevenLabs agent.
    wire: dict[str, Any] = {} if voice_agent is not None else {"mode": "FULL"}
    body.common(wire, avatar_id, sandbox, video_settings, max_session_duration)
    if (persona is None) == (voice_agent is None):
        body.fail("persona", "give exactly one of persona and voice_agent")
    if persona is not None and body.of_type(persona, Persona, "persona"):
        wire["avatar_persona"] = body.persona(persona)
    if voice_agent is not None and body.of_type(voice_agent, VoiceAgent, "voice_agent"):
        wire["voice_agent"] = body.voice_agent(voice_agent)
    if interactivity_type is not None:
        body.choice(wire, "interactivity_type", interactivity_type, "interactivity_type", _INTERACTIVITY_TYPES)
    if llm_configuration_id is not None:
        body.id(wire, "llm_configuration_id", llm_configuration_id, "llm_configuration_id")
    if dynamic_variables is not None:
        if voice_agent is not None:
            body.fail("dynamic_variables", "with a voice agent, pass them as VoiceAgent(dynamic_variables=...)")
        variables = body.dynamic_variables(dynamic_variables, "dynamic_variables")
        if variables is not None:
            wire["dynamic_variables"] = variables
    if memory is not None and body.of_type(memory, Memory, "memory"):
        wire["memory"] = body.memory(memory)
    return body.finish(wire, extra_body)


def lite_body(
    *,
    avatar_id: object,
    sandbox: object,
    video_settings: object,
    max_session_duration: object,
    connector: object,
    extra_body: Mapping[str, object] | None,
) -> dict[str, Any]:
    """The LITE-mode request body, or `InvalidRequestError` listing every problem."""
    body = _Body()
    wire: dict[str, Any] = {"mode": "LITE"}
    body.common(wire, avatar_id, sandbox, video_settings, max_session_duration)
    if isinstance(connector, LiveKitConfig):
        wire["livekit_config"] = body.livekit(connector)
    elif isinstance(connector, AgoraConfig):
        wire["agora_config"] = body.agora(connector)
    elif isinstance(connector, ElevenLabsAgentConfig):
        wire["elevenlabs_agent_config"] = body.elevenlabs_agent(connector)
    elif isinstance(connector, OpenAIRealtimeConfig):
        wire["openai_realtime_config"] = body.realtime(connector, "connector", _OPENAI_VOICES, OPENAI_TEMPERATURE_RANGE)
    elif isinstance(connector, GeminiRealtimeConfig):
        wire["gemini_realtime_config"] = body.realtime(connector, "connector", _GEMINI_VOICES, GEMINI_TEMPERATURE_RANGE)
    elif connector is not None:
        body.fail(
            "connector",
            "must be a LiveKitConfig, AgoraConfig, ElevenLabsAgentConfig, OpenAIRealtimeConfig or "
            f"GeminiRealtimeConfig, got {type(connector).__name__}",
        )
    return body.finish(wire, extra_body)
