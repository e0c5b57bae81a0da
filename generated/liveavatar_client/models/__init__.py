"""Contains all the data models used in inputs/outputs"""

from .agora_config import AgoraConfig
from .avatar_data import AvatarData
from .avatar_list_data import AvatarListData
from .avatar_list_response import AvatarListResponse
from .avatar_persona import AvatarPersona
from .avatar_response import AvatarResponse
from .avatar_status_enum import AvatarStatusEnum
from .avatar_type_enum import AvatarTypeEnum
from .avatar_voice_data import AvatarVoiceData
from .context_data import ContextData
from .context_link_data import ContextLinkData
from .context_link_request import ContextLinkRequest
from .context_list_data import ContextListData
from .context_list_response import ContextListResponse
from .context_request import ContextRequest
from .context_response import ContextResponse
from .context_summary_data import ContextSummaryData
from .create_embed_request import CreateEmbedRequest
from .create_llm_configuration_request import CreateLLMConfigurationRequest
from .create_memory_request import CreateMemoryRequest
from .create_secret_data import CreateSecretData
from .create_secret_request import CreateSecretRequest
from .create_secret_response import CreateSecretResponse
from .credits_data import CreditsData
from .credits_response import CreditsResponse
from .dynamic_variables import DynamicVariables
from .eleven_labs_agent_dynamic_variables import ElevenLabsAgentDynamicVariables
from .eleven_labs_model_enum import ElevenLabsModelEnum
from .eleven_labs_voice_settings import ElevenLabsVoiceSettings
from .elevenlabs_agent_config import ElevenLabsAgentConfig
from .embed_data import EmbedData
from .embed_orientation_enum import EmbedOrientationEnum
from .embed_response import EmbedResponse
from .embed_type_enum import EmbedTypeEnum
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
from .language_data import LanguageData
from .language_list_response import LanguageListResponse
from .lite_session_token_request import LiteSessionTokenRequest
from .livekit_config import LiveKitConfig
from .llm_configuration_data import LLMConfigurationData
from .llm_configuration_list_response import LLMConfigurationListResponse
from .llm_configuration_response import LLMConfigurationResponse
from .llm_models_response import LLMModelsResponse
from .llm_models_response_data import LLMModelsResponseData
from .memory_data import MemoryData
from .memory_detail_response import MemoryDetailResponse
from .memory_episode_data import MemoryEpisodeData
from .memory_list_data import MemoryListData
from .memory_list_response import MemoryListResponse
from .memory_ref import MemoryRef
from .memory_response import MemoryResponse
from .memory_type_enum import MemoryTypeEnum
from .open_ai_realtime_voice_enum import OpenAIRealtimeVoiceEnum
from .openai_realtime_config import OpenAIRealtimeConfig
from .secret_data import SecretData
from .secret_list_response import SecretListResponse
from .secret_type_enum import SecretTypeEnum
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
from .third_party_voice_bind_data import ThirdPartyVoiceBindData
from .third_party_voice_bind_request import ThirdPartyVoiceBindRequest
from .third_party_voice_bind_response import ThirdPartyVoiceBindResponse
from .transcript_data import TranscriptData
from .transcript_item import TranscriptItem
from .transcript_response import TranscriptResponse
from .transcript_role_enum import TranscriptRoleEnum
from .update_avatar_request import UpdateAvatarRequest
from .update_llm_configuration_request import UpdateLLMConfigurationRequest
from .update_voice_request import UpdateVoiceRequest
from .validation_error import ValidationError
from .validation_error_ctx import ValidationErrorCtx
from .video_encoding_enum import VideoEncodingEnum
from .video_quality_enum import VideoQualityEnum
from .video_settings import VideoSettings
from .voice_agent_data import VoiceAgentData
from .voice_agent_data_agent_configuration import VoiceAgentDataAgentConfiguration
from .voice_agent_list_response import VoiceAgentListResponse
from .voice_agent_ref import VoiceAgentRef
from .voice_agent_response import VoiceAgentResponse
from .voice_agent_type_enum import VoiceAgentTypeEnum
from .voice_data import VoiceData
from .voice_list_data import VoiceListData
from .voice_list_response import VoiceListResponse
from .voice_list_type_enum import VoiceListTypeEnum
from .voice_preview_data import VoicePreviewData
from .voice_preview_response import VoicePreviewResponse
from .voice_response import VoiceResponse

__all__ = (
    "AgoraConfig",
    "AvatarData",
    "AvatarListData",
    "AvatarListResponse",
    "AvatarPersona",
    "AvatarResponse",
    "AvatarStatusEnum",
    "AvatarTypeEnum",
    "AvatarVoiceData",
    "ContextData",
    "ContextLinkData",
    "ContextLinkRequest",
    "ContextListData",
    "ContextListResponse",
    "ContextRequest",
    "ContextResponse",
    "ContextSummaryData",
    "CreateEmbedRequest",
    "CreateLLMConfigurationRequest",
    "CreateMemoryRequest",
    "CreateSecretData",
    "CreateSecretRequest",
    "CreateSecretResponse",
    "CreditsData",
    "CreditsResponse",
    "DynamicVariables",
    "ElevenLabsAgentConfig",
    "ElevenLabsAgentDynamicVariables",
    "ElevenLabsModelEnum",
    "ElevenLabsVoiceSettings",
    "EmbedData",
    "EmbedOrientationEnum",
    "EmbedResponse",
    "EmbedTypeEnum",
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
    "LLMConfigurationData",
    "LLMConfigurationListResponse",
    "LLMConfigurationResponse",
    "LLMModelsResponse",
    "LLMModelsResponseData",
    "LanguageData",
    "LanguageListResponse",
    "LiteSessionTokenRequest",
    "LiveKitConfig",
    "MemoryData",
    "MemoryDetailResponse",
    "MemoryEpisodeData",
    "MemoryListData",
    "MemoryListResponse",
    "MemoryRef",
    "MemoryResponse",
    "MemoryTypeEnum",
    "OpenAIRealtimeConfig",
    "OpenAIRealtimeVoiceEnum",
    "STTConfig",
    "STTProviderEnum",
    "SecretData",
    "SecretListResponse",
    "SecretTypeEnum",
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
    "ThirdPartyVoiceBindData",
    "ThirdPartyVoiceBindRequest",
    "ThirdPartyVoiceBindResponse",
    "TranscriptData",
    "TranscriptItem",
    "TranscriptResponse",
    "TranscriptRoleEnum",
    "UpdateAvatarRequest",
    "UpdateLLMConfigurationRequest",
    "UpdateVoiceRequest",
    "ValidationError",
    "ValidationErrorCtx",
    "VideoEncodingEnum",
    "VideoQualityEnum",
    "VideoSettings",
    "VoiceAgentData",
    "VoiceAgentDataAgentConfiguration",
    "VoiceAgentListResponse",
    "VoiceAgentRef",
    "VoiceAgentResponse",
    "VoiceAgentTypeEnum",
    "VoiceData",
    "VoiceListData",
    "VoiceListResponse",
    "VoiceListTypeEnum",
    "VoicePreviewData",
    "VoicePreviewResponse",
    "VoiceResponse",
)
