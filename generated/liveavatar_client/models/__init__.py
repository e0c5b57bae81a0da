"""Contains all the data models used in inputs/outputs"""

from .agora_config import AgoraConfig
from .avatar_persona import AvatarPersona
from .credits_data import CreditsData
from .credits_response import CreditsResponse
from .dynamic_variables import DynamicVariables
from .eleven_labs_agent_dynamic_variables import ElevenLabsAgentDynamicVariables
from .eleven_labs_model_enum import ElevenLabsModelEnum
from .eleven_labs_voice_settings import ElevenLabsVoiceSettings
from .elevenlabs_agent_config import ElevenLabsAgentConfig
from .error_envelope import ErrorEnvelope
from .fish_audio_latency_mode_enum import FishAudioLatencyModeEnum
from .fish_audio_model_enum import FishAudioModelEnum
from .fish_audio_voice_settings import FishAudioVoiceSettings
from .full_session_token_request import FullSessionTokenRequest
from .gemini_realtime_config import GeminiRealtimeConfig
from .gemini_realtime_model_enum import GeminiRealtimeModelEnum
from .gemini_realtime_voice_enum import GeminiRealtimeVoiceEnum
from .http_validation_error import HTTPValidationError
from .keep_alive_request import KeepAliveRequest
from .lite_session_token_request import LiteSessionTokenRequest
from .livekit_config import LiveKitConfig
from .memory_ref import MemoryRef
from .open_ai_realtime_voice_enum import OpenAIRealtimeVoiceEnum
from .openai_realtime_config import OpenAIRealtimeConfig
from .session_action_response import SessionActionResponse
from .session_data import SessionData
from .session_end_reason import SessionEndReason
from .session_interactivity_type_enum import SessionInteractivityTypeEnum
from .session_list_data import SessionListData
from .session_list_response import SessionListResponse
from .session_list_type_enum import SessionListTypeEnum
from .session_mode_enum import SessionModeEnum
from .session_response import SessionResponse
from .session_source_enum import SessionSourceEnum
from .session_token_data import SessionTokenData
from .session_token_response import SessionTokenResponse
from .start_session_data import StartSessionData
from .start_session_response import StartSessionResponse
from .stop_session_request import StopSessionRequest
from .stt_config import STTConfig
from .stt_provider_enum import STTProviderEnum
from .transcript_data import TranscriptData
from .transcript_item import TranscriptItem
from .transcript_response import TranscriptResponse
from .transcript_role_enum import TranscriptRoleEnum
from .validation_error import ValidationError
from .validation_error_ctx import ValidationErrorCtx
from .video_encoding_enum import VideoEncodingEnum
from .video_quality_enum import VideoQualityEnum
from .video_settings import VideoSettings
from .voice_agent_ref import VoiceAgentRef

__all__ = (
    "AgoraConfig",
    "AvatarPersona",
    "CreditsData",
    "CreditsResponse",
    "DynamicVariables",
    "ElevenLabsAgentConfig",
    "ElevenLabsAgentDynamicVariables",
    "ElevenLabsModelEnum",
    "ElevenLabsVoiceSettings",
    "ErrorEnvelope",
    "FishAudioLatencyModeEnum",
    "FishAudioModelEnum",
    "FishAudioVoiceSettings",
    "FullSessionTokenRequest",
    "GeminiRealtimeConfig",
    "GeminiRealtimeModelEnum",
    "GeminiRealtimeVoiceEnum",
    "HTTPValidationError",
    "KeepAliveRequest",
    "LiteSessionTokenRequest",
    "LiveKitConfig",
    "MemoryRef",
    "OpenAIRealtimeConfig",
    "OpenAIRealtimeVoiceEnum",
    "STTConfig",
    "STTProviderEnum",
    "SessionActionResponse",
    "SessionData",
    "SessionEndReason",
    "SessionInteractivityTypeEnum",
    "SessionListData",
    "SessionListResponse",
    "SessionListTypeEnum",
    "SessionModeEnum",
    "SessionResponse",
    "SessionSourceEnum",
    "SessionTokenData",
    "SessionTokenResponse",
    "StartSessionData",
    "StartSessionResponse",
    "StopSessionRequest",
    "TranscriptData",
    "TranscriptItem",
    "TranscriptResponse",
    "TranscriptRoleEnum",
    "ValidationError",
    "ValidationErrorCtx",
    "VideoEncodingEnum",
    "VideoQualityEnum",
    "VideoSettings",
    "VoiceAgentRef",
)
