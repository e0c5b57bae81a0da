"""Mint LiveAvatar session tokens and run the session lifecycle.

    from liveavatar import LiveAvatar, VoiceAgent

    with LiveAvatar() as client:  # reads LIVEAVATAR_API_KEY
        token = client.sessions.create_token(avatar_id=..., voice_agent=VoiceAgent(id=...))

See the README for the full tour; `liveavatar.testing` helps test code that
uses this package, and `liveavatar.mock` (extra `[mock]`) is a local stand-in
for the API.
"""

import typing as _typing

from ._client import AsyncLiveAvatar, LiveAvatar
from ._config import (
    API_KEY_ENV,
    BASE_URL_ENV,
    DEFAULT_BASE_URL,
    DEFAULT_MAX_RETRIES,
    DEFAULT_TIMEOUT,
    LOG_LEVEL_ENV,
    MAX_RESPONSE_BYTES,
    MAX_RETRY_AFTER,
    MAX_TIMEOUT,
    SANDBOX_AVATAR_ID,
    SANDBOX_MAX_SESSION_DURATION,
)
from ._errors import (
    APIConnectionError,
    APIError,
    APIResponseValidationError,
    APIStatusError,
    APITimeoutError,
    AuthenticationError,
    BadRequestError,
    ConfigurationError,
    InternalServerError,
    InvalidRequestError,
    LiteAudioError,
    LiteConnectError,
    LiteConnectionClosed,
    LiteTimeoutError,
    LiveAvatarError,
    NotFoundError,
    PermissionDeniedError,
    RateLimitError,
    SessionStartUnknownError,
    UnprocessableEntityError,
)
from ._logging import setup_from_environment as _setup_logging
from ._types import NOT_GIVEN, NotGiven, TimeoutTypes
from ._version import __version__

if _typing.TYPE_CHECKING:
    from ._lite import (
        AgentStateUpdated,
        AsyncLiteConnect,
        AsyncLiteConnection,
        AudioBufferAppended,
        AudioBufferCleared,
        AudioBufferCommitted,
        EventsDropped,
        LiteConnection,
        LiteEvent,
        ServerErrorEvent,
        ServerWarningEvent,
        SessionStateUpdated,
        SpeakEnded,
        SpeakInterrupted,
        SpeakStarted,
    )
    from ._live import AsyncLiveSession, LiveSession, stop_sessions_on_signals
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
        Id,
        InteractivityType,
        LiveKitConfig,
        Memory,
        OpenAIRealtimeConfig,
        OpenAIRealtimeVoice,
        Persona,
        SessionEndReason,
        SessionInfo,
        SessionMode,
        SessionSource,
        SessionToken,
        StartedSession,
        STTConfig,
        STTProvider,
        Transcript,
        TranscriptEntry,
        ValidationErrorItem,
        VideoEncoding,
        VideoQuality,
        VideoSettings,
        VoiceAgent,
        VoiceSettings,
    )
    from ._request import Connector

_LAZY = {
    # Building the value types (attrs, and a class each) is most of what this package
    # would add to `import httpx`; they load when first named, or when a client is built.
    "_models": (
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
        "SessionToken",
        "StartedSession",
        "STTConfig",
        "STTProvider",
        "Transcript",
        "TranscriptEntry",
        "ValidationErrorItem",
        "VideoEncoding",
        "VideoQuality",
        "VideoSettings",
        "VoiceAgent",
        "VoiceSettings",
    ),
    "_request": ("Connector",),
    "_live": ("AsyncLiveSession", "LiveSession", "stop_sessions_on_signals"),
    "_lite": (
        "AgentStateUpdated",
        "AsyncLiteConnect",
        "AsyncLiteConnection",
        "AudioBufferAppended",
        "AudioBufferCleared",
        "AudioBufferCommitted",
        "LiteConnection",
        "EventsDropped",
        "LiteEvent",
        "ServerErrorEvent",
        "ServerWarningEvent",
        "SessionStateUpdated",
        "SpeakEnded",
        "SpeakInterrupted",
        "SpeakStarted",
    ),
}


def __getattr__(name: str) -> _typing.Any:
    # Managed sessions and the LITE channel bring asyncio and threading that a minting call never needs.
    for module, names in _LAZY.items():
        if name in names:
            import importlib

            value = getattr(importlib.import_module(f"{__name__}.{module}"), name)
            globals()[name] = value  # later lookups are plain attribute reads
            return value
    raise AttributeError(f"module 'liveavatar' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})


__all__ = [
    # clients
    "AsyncLiveAvatar",
    "LiveAvatar",
    "AsyncLiveSession",
    "LiveSession",
    "stop_sessions_on_signals",
    # the LITE channel (extra [realtime])
    "AsyncLiteConnect",
    "AsyncLiteConnection",
    "LiteConnection",
    "LiteEvent",
    "AgentStateUpdated",
    "AudioBufferAppended",
    "AudioBufferCleared",
    "AudioBufferCommitted",
    "EventsDropped",
    "ServerErrorEvent",
    "ServerWarningEvent",
    "SessionStateUpdated",
    "SpeakEnded",
    "SpeakInterrupted",
    "SpeakStarted",
    "NOT_GIVEN",
    "NotGiven",
    "TimeoutTypes",
    # results and configuration values
    "AgoraConfig",
    "ElevenLabsAgentConfig",
    "ElevenLabsVoiceSettings",
    "FishVoiceSettings",
    "GeminiRealtimeConfig",
    "LiveKitConfig",
    "Memory",
    "OpenAIRealtimeConfig",
    "Persona",
    "STTConfig",
    "SessionInfo",
    "SessionToken",
    "StartedSession",
    "Transcript",
    "TranscriptEntry",
    "VideoSettings",
    "VoiceAgent",
    # literal and union types
    "Connector",
    "SessionEndReason",
    "SessionMode",
    "SessionSource",
    "ElevenLabsModel",
    "FishLatencyMode",
    "FishModel",
    "GeminiRealtimeModel",
    "GeminiRealtimeVoice",
    "Id",
    "InteractivityType",
    "OpenAIRealtimeVoice",
    "STTProvider",
    "VideoEncoding",
    "VideoQuality",
    "VoiceSettings",
    # errors
    "APIConnectionError",
    "APIError",
    "APIResponseValidationError",
    "APIStatusError",
    "APITimeoutError",
    "AuthenticationError",
    "BadRequestError",
    "ConfigurationError",
    "LiteAudioError",
    "LiteConnectError",
    "LiteConnectionClosed",
    "LiteTimeoutError",
    "FieldError",
    "InternalServerError",
    "InvalidRequestError",
    "LiveAvatarError",
    "NotFoundError",
    "PermissionDeniedError",
    "RateLimitError",
    "SessionStartUnknownError",
    "UnprocessableEntityError",
    "ValidationErrorItem",
    # defaults
    "API_KEY_ENV",
    "BASE_URL_ENV",
    "DEFAULT_BASE_URL",
    "DEFAULT_MAX_RETRIES",
    "DEFAULT_TIMEOUT",
    "LOG_LEVEL_ENV",
    "MAX_RESPONSE_BYTES",
    "MAX_RETRY_AFTER",
    "MAX_TIMEOUT",
    "SANDBOX_AVATAR_ID",
    "SANDBOX_MAX_SESSION_DURATION",
    "__version__",
]

_setup_logging()
