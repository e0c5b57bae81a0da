"""The value types: a session's configuration, what the API answers, and the details errors carry.

All are frozen attrs classes: a configuration can be built once (say at
import time, for a product's default persona) and shared between threads and
requests. Fields left as `None` are not sent, so the API's own defaults
apply. The classes do not check their values; `create_token` checks every field at
once and reports every problem together (see `liveavatar._request`).

Building them (and importing attrs) is most of what this package adds to
`import httpx`, so `import liveavatar` defers this module until a value type
is first named or a client is built (docs/guides/performance.md).
"""

from __future__ import annotations

import base64
import binascii
import json
import uuid
from collections.abc import Mapping
from datetime import UTC, datetime
from decimal import Decimal
from typing import Literal, TypeAlias

import attrs

from ._secrets import masked_repr

__all__ = [
    "AgoraConfig",
    "ElevenLabsAgentConfig",
    "ElevenLabsModel",
    "ElevenLabsVoiceSettings",
    "FieldError",
    "FishLatencyMode",
    "FishModel",
    "FishVoiceSettings",
    "GeminiRealtimeConfig",
    "GeminiRealtimeModel",
    "GeminiRealtimeVoice",
    "Id",
    "InteractivityType",
    "LiveKitConfig",
    "Memory",
    "OpenAIRealtimeConfig",
    "OpenAIRealtimeVoice",
    "Persona",
    "SessionEndReason",
    "SessionInfo",
    "SessionMode",
    "SessionSource",
    "StartedSession",
    "Transcript",
    "TranscriptEntry",
    "ValidationErrorItem",
    "STTConfig",
    "STTProvider",
    "SessionToken",
    "VideoEncoding",
    "VideoQuality",
    "VideoSettings",
    "VoiceAgent",
    "VoiceSettings",
]

SessionEndReason: TypeAlias = Literal[
    "UNKNOWN",
    "USER_DISCONNECTED",
    "SERVER_ERROR",
    "IDLE_TIMEOUT",
    "NO_CREDITS",
    "USER_CLOSED",
    "AVATAR_DELETED",
    "MAX_DURATION_REACHED",
    "ZOMBIE_SESSION_REAP",
    "AGENT_HANG_UP",
]
"""Why a session ended, as the API names it. Results keep a value the SDK does not know yet as plain text."""

SessionMode: TypeAlias = Literal["FULL", "LITE"]
SessionSource: TypeAlias = Literal["DEMO", "APP", "API", "EMBED"]

Id: TypeAlias = str | uuid.UUID
"""A LiveAvatar id: a UUID, as text or as a `uuid.UUID`."""

VideoQuality: TypeAlias = Literal["very_high", "high", "medium", "low"]
VideoEncoding: TypeAlias = Literal["VP8", "H264"]
InteractivityType: TypeAlias = Literal["CONVERSATIONAL", "PUSH_TO_TALK"]
ElevenLabsModel: TypeAlias = Literal["eleven_flash_v2_5", "eleven_multilingual_v2"]
FishModel: TypeAlias = Literal["s1", "s2"]
FishLatencyMode: TypeAlias = Literal["normal", "balanced"]
STTProvider: TypeAlias = Literal["deepgram", "assembly_ai", "gladia", "elevenlabs"]
OpenAIRealtimeVoice: TypeAlias = Literal[
    "alloy",
    "ash",
    "ballad",
    "coral",
    "echo",
    "fable",
    "onyx",
    "nova",
    "shimmer",
    "sage",
    "verse",
    "marin",
    "cedar",
]
GeminiRealtimeVoice: TypeAlias = Literal[
    "Achernar", "Achird", "Algenib", "Algieba", "Alnilam", "Aoede", "Autonoe", "Callirrhoe", "Charon", "Despina",
    "Enceladus", "Erinome", "Fenrir", "Gacrux", "Iapetus", "Kore", "Laomedeia", "Leda", "Orus", "Pulcherrima",
    "Puck", "Rasalgethi", "Sadachbia", "Sadaltager", "Schedar", "Sulafat", "Umbriel", "Vindemiatrix", "Zephyr",
    "Zubenelgenubi",
]  # fmt: skip
GeminiRealtimeModel: TypeAlias = Literal[
    "gemini-2.5-flash-native-audio-preview-12-2025", "gemini-3.1-flash-live-preview"
]


@attrs.frozen
class VideoSettings:
    """Video encoding for the session: `quality` (default high) and `encoding` (default H264)."""

    quality: VideoQuality | None = None
    encoding: VideoEncoding | None = None


@attrs.frozen
class ElevenLabsVoiceSettings:
    """ElevenLabs speech synthesis: `speed` 0.8–1.2; `stability`, `similarity_boost`, `style` 0–1.

    `apply_language_text_normalization` is valid only with the persona language `ja`.
    """

    speed: float | None = None
    stability: float | None = None
    similarity_boost: float | None = None
    style: float | None = None
    use_speaker_boost: bool | None = None
    model: ElevenLabsModel | None = None
    apply_language_text_normalization: bool | None = None


@attrs.frozen
class FishVoiceSettings:
    """Fish Audio speech synthesis: `speed` 0.8–1.2, `model` s1 or s2, `latency_mode` normal or balanced."""

    speed: float | None = None
    model: FishModel | None = None
    latency_mode: FishLatencyMode | None = None


VoiceSettings: TypeAlias = ElevenLabsVoiceSettings | FishVoiceSettings
"""Speech synthesis settings; the class chooses the provider."""


@attrs.frozen
class STTConfig:
    """The speech-recognition provider; with `None` (sent as `{}`) the service picks one."""

    provider: STTProvider | None = None


@attrs.frozen
class Persona:
    """An inline voice and context for a FULL session.

    The API marks this form deprecated in favour of a stored `VoiceAgent`,
    but still serves it. Without `context_id` the avatar listens and never
    answers; without `voice_id` it speaks with the avatar's default voice.
    """

    voice_id: Id | None = None
    context_id: Id | None = None
    language: str | None = None
    voice_settings: VoiceSettings | None = None
    stt: STTConfig | None = None


@attrs.frozen
class VoiceAgent:
    """A stored voice agent, by id, with optional per-session overrides.

    The service resolves the agent's type; an ElevenLabs agent gives a LITE
    session even from `create_token`. Per-session `dynamic_variables` go
    here, not in `create_token(dynamic_variables=...)`.
    """

    id: Id
    language: str | None = None
    dynamic_variables: Mapping[str, object] | None = None


@attrs.frozen
class Memory:
    """Session memory: seed it from a finished FULL session, attach a stored memory, or both."""

    prev_session_id: Id | None = None
    session_memory_id: Id | None = None


@attrs.frozen
class LiveKitConfig:
    """Join the avatar to your own LiveKit room; the token must let it publish there."""

    url: str
    room: str
    client_token: str = attrs.field(repr=masked_repr)


@attrs.frozen
class AgoraConfig:
    """Join the avatar to your own Agora channel."""

    app_id: str
    token: str = attrs.field(repr=masked_repr)
    channel: str
    uid: str


@attrs.frozen
class ElevenLabsAgentConfig:
    """Drive the session with an ElevenLabs agent; `secret_id` names a stored ElevenLabs key."""

    secret_id: Id
    agent_id: str
    voice_id: str | None = None
    dynamic_variables: Mapping[str, str | int | float | bool] | None = None


@attrs.frozen
class OpenAIRealtimeConfig:
    """Drive the session with OpenAI Realtime; `temperature` 0.6–1.2."""

    secret_id: Id
    context_id: Id | None = None
    voice: OpenAIRealtimeVoice | None = None
    temperature: float | None = None
    model: str | None = None


@attrs.frozen
class GeminiRealtimeConfig:
    """Drive the session with Gemini Live; `temperature` 0–2."""

    secret_id: Id
    context_id: Id | None = None
    voice: GeminiRealtimeVoice | None = None
    temperature: float | None = None
    model: GeminiRealtimeModel | None = None


@attrs.frozen
class SessionToken:
    """A minted session token, ready to hand to the browser or agent that starts the session.

    `code` and `message` are the API's envelope as sent: success is a 2xx with
    a token, and `code` is 100 by the published spec and 1000 by LiveAvatar's
    own JavaScript SDK. `request_id` is the response's request-id header, if
    any. `retries_taken` counts the retries before this success. The token is
    a secret: its `repr` shows only the last characters.
    """

    session_id: str
    session_token: str = attrs.field(repr=masked_repr)
    code: int | None = None
    message: str | None = None
    request_id: str | None = None
    retries_taken: int = 0

    @property
    def expires_at(self) -> datetime | None:
        """When the token stops working, from its JWT `exp` claim; `None` if it has none."""
        try:
            payload = self.session_token.split(".")[1]
            claims = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
            return datetime.fromtimestamp(claims["exp"], tz=UTC)
        except (IndexError, KeyError, TypeError, ValueError, OverflowError, binascii.Error):
            return None


@attrs.frozen
class StartedSession:
    """A started session: where to join it, and (LITE) the `ws_url` to stream audio to.

    The LiveKit tokens and `ws_url` are credentials; their `repr` shows only
    the last characters.
    """

    session_id: str
    livekit_url: str | None
    livekit_client_token: str = attrs.field(repr=masked_repr)
    livekit_agent_token: str | None = attrs.field(default=None, repr=masked_repr)
    max_session_duration: int | None = None
    ws_url: str | None = attrs.field(default=None, repr=masked_repr)
    request_id: str | None = None
    retries_taken: int = 0


@attrs.frozen
class SessionInfo:
    """A session as `get` and `list` describe it; `end_at` and `end_reason` only once it has ended.

    `mode`, `source` and `end_reason` keep values the SDK does not know yet
    as plain text. `duration` is in seconds; `credits_consumed` is exact.
    """

    id: str
    mode: SessionMode | str | None
    source: SessionSource | str | None
    is_sandbox: bool | None
    created_at: datetime | None
    duration: int | None
    credits_consumed: Decimal | None
    updated_at: datetime | None = None
    end_at: datetime | None = None
    end_reason: SessionEndReason | str | None = None

    @property
    def ended(self) -> bool:
        """Whether the session has ended (it has an end time or an end reason)."""
        return self.end_at is not None or self.end_reason is not None


@attrs.frozen
class TranscriptEntry:
    """One utterance: who spoke (`user` or `avatar`), what, and when."""

    role: str
    transcript: str
    absolute_timestamp: int | None = None
    relative_timestamp: float | None = None


@attrs.frozen
class Transcript:
    """A slice of a FULL session's transcript; read on from `next_timestamp` while `session_active`."""

    entries: tuple[TranscriptEntry, ...]
    session_active: bool
    next_timestamp: int | None = None


@attrs.frozen
class FieldError:
    """One problem with one input field, found before any network I/O."""

    path: str
    """Where the problem is, as the keyword path a caller wrote, e.g.
    `persona.voice_settings.speed`."""
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


@attrs.frozen
class ValidationErrorItem:
    """One item of a 422 response's `detail`: where, what, and the error type."""

    loc: tuple[str | int, ...]
    msg: str
    type: str
