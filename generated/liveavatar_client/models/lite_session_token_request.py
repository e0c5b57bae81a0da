from __future__ import annotations

from collections.abc import Mapping
from typing import (
    TYPE_CHECKING,
    Any,
    Literal,
    Self,
    TypeVar,
    cast,
)
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.agora_config import AgoraConfig
    from ..models.elevenlabs_agent_config import ElevenLabsAgentConfig
    from ..models.gemini_realtime_config import GeminiRealtimeConfig
    from ..models.livekit_config import LiveKitConfig
    from ..models.openai_realtime_config import OpenAIRealtimeConfig
    from ..models.video_settings import VideoSettings


T = TypeVar("T", bound="LiteSessionTokenRequest")


@_attrs_define
class LiteSessionTokenRequest:
    """A LITE session: the caller brings the conversation (its own LiveKit
    or Agora room, or a realtime agent) and LiveAvatar renders the video.
    The FULL-only fields are refused.

    """

    avatar_id: UUID
    """ The avatar to render. """
    mode: Literal["LITE"] | Unset = "LITE"
    """ Selects LITE mode. """
    is_sandbox: bool | Unset = False
    """ A free, time-limited sandbox session. """
    video_settings: None | Unset | VideoSettings = UNSET
    max_session_duration: int | Unset = UNSET
    """ No minimum is published, so none is declared (the server decides).
    Hard cap on the session length in seconds; at most the limit of
    the subscription tier, and at most 60 in sandbox.
     """
    livekit_config: LiveKitConfig | None | Unset = UNSET
    agora_config: AgoraConfig | None | Unset = UNSET
    elevenlabs_agent_config: ElevenLabsAgentConfig | None | Unset = UNSET
    openai_realtime_config: None | OpenAIRealtimeConfig | Unset = UNSET
    gemini_realtime_config: GeminiRealtimeConfig | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.agora_config import AgoraConfig
        from ..models.elevenlabs_agent_config import ElevenLabsAgentConfig
        from ..models.gemini_realtime_config import GeminiRealtimeConfig
        from ..models.livekit_config import LiveKitConfig
        from ..models.openai_realtime_config import OpenAIRealtimeConfig
        from ..models.video_settings import VideoSettings

        avatar_id = str(self.avatar_id)

        mode = self.mode

        is_sandbox = self.is_sandbox

        video_settings: dict[str, Any] | None | Unset
        if isinstance(self.video_settings, Unset):
            video_settings = UNSET
        elif isinstance(self.video_settings, VideoSettings):
            video_settings = self.video_settings.to_dict()
        else:
            video_settings = self.video_settings

        max_session_duration = self.max_session_duration

        livekit_config: dict[str, Any] | None | Unset
        if isinstance(self.livekit_config, Unset):
            livekit_config = UNSET
        elif isinstance(self.livekit_config, LiveKitConfig):
            livekit_config = self.livekit_config.to_dict()
        else:
            livekit_config = self.livekit_config

        agora_config: dict[str, Any] | None | Unset
        if isinstance(self.agora_config, Unset):
            agora_config = UNSET
        elif isinstance(self.agora_config, AgoraConfig):
            agora_config = self.agora_config.to_dict()
        else:
            agora_config = self.agora_config

        elevenlabs_agent_config: dict[str, Any] | None | Unset
        if isinstance(self.elevenlabs_agent_config, Unset):
            elevenlabs_agent_config = UNSET
        elif isinstance(self.elevenlabs_agent_config, ElevenLabsAgentConfig):
            elevenlabs_agent_config = self.elevenlabs_agent_config.to_dict()
        else:
            elevenlabs_agent_config = self.elevenlabs_agent_config

        openai_realtime_config: dict[str, Any] | None | Unset
        if isinstance(self.openai_realtime_config, Unset):
            openai_realtime_config = UNSET
        elif isinstance(self.openai_realtime_config, OpenAIRealtimeConfig):
            openai_realtime_config = self.openai_realtime_config.to_dict()
        else:
            openai_realtime_config = self.openai_realtime_config

        gemini_realtime_config: dict[str, Any] | None | Unset
        if isinstance(self.gemini_realtime_config, Unset):
            gemini_realtime_config = UNSET
        elif isinstance(self.gemini_realtime_config, GeminiRealtimeConfig):
            gemini_realtime_config = self.gemini_realtime_config.to_dict()
        else:
            gemini_realtime_config = self.gemini_realtime_config

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "avatar_id": avatar_id,
            }
        )
        if mode is not UNSET:
            field_dict["mode"] = mode
        if is_sandbox is not UNSET:
            field_dict["is_sandbox"] = is_sandbox
        if video_settings is not UNSET:
            field_dict["video_settings"] = video_settings
        if max_session_duration is not UNSET:
            field_dict["max_session_duration"] = max_session_duration
        if livekit_config is not UNSET:
            field_dict["livekit_config"] = livekit_config
        if agora_config is not UNSET:
            field_dict["agora_config"] = agora_config
        if elevenlabs_agent_config is not UNSET:
            field_dict["elevenlabs_agent_config"] = elevenlabs_agent_config
        if openai_realtime_config is not UNSET:
            field_dict["openai_realtime_config"] = openai_realtime_config
        if gemini_realtime_config is not UNSET:
            field_dict["gemini_realtime_config"] = gemini_realtime_config

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.agora_config import AgoraConfig
        from ..models.elevenlabs_agent_config import ElevenLabsAgentConfig
        from ..models.gemini_realtime_config import GeminiRealtimeConfig
        from ..models.livekit_config import LiveKitConfig
        from ..models.openai_realtime_config import OpenAIRealtimeConfig
        from ..models.video_settings import VideoSettings

        d = dict(src_dict)
        avatar_id = UUID(d.pop("avatar_id"))

        mode = cast(Literal["LITE"] | Unset, d.pop("mode", UNSET))
        if mode != "LITE" and not isinstance(mode, Unset):
            raise ValueError(f"mode must match const 'LITE', got '{mode}'")

        is_sandbox = d.pop("is_sandbox", UNSET)

        def _parse_video_settings(data: object) -> None | Unset | VideoSettings:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                video_settings_type_0 = VideoSettings.from_dict(data)

                return video_settings_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | VideoSettings, data)

        video_settings = _parse_video_settings(d.pop("video_settings", UNSET))

        max_session_duration = d.pop("max_session_duration", UNSET)

        def _parse_livekit_config(data: object) -> LiveKitConfig | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                livekit_config_type_0 = LiveKitConfig.from_dict(data)

                return livekit_config_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(LiveKitConfig | None | Unset, data)

        livekit_config = _parse_livekit_config(d.pop("livekit_config", UNSET))

        def _parse_agora_config(data: object) -> AgoraConfig | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                agora_config_type_0 = AgoraConfig.from_dict(data)

                return agora_config_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(AgoraConfig | None | Unset, data)

        agora_config = _parse_agora_config(d.pop("agora_config", UNSET))

        def _parse_elevenlabs_agent_config(
            data: object,
        ) -> ElevenLabsAgentConfig | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                elevenlabs_agent_config_type_0 = ElevenLabsAgentConfig.from_dict(data)

                return elevenlabs_agent_config_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(ElevenLabsAgentConfig | None | Unset, data)

        elevenlabs_agent_config = _parse_elevenlabs_agent_config(
            d.pop("elevenlabs_agent_config", UNSET)
        )

        def _parse_openai_realtime_config(
            data: object,
        ) -> None | OpenAIRealtimeConfig | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                openai_realtime_config_type_0 = OpenAIRealtimeConfig.from_dict(data)

                return openai_realtime_config_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | OpenAIRealtimeConfig | Unset, data)

        openai_realtime_config = _parse_openai_realtime_config(
            d.pop("openai_realtime_config", UNSET)
        )

        def _parse_gemini_realtime_config(
            data: object,
        ) -> GeminiRealtimeConfig | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                gemini_realtime_config_type_0 = GeminiRealtimeConfig.from_dict(data)

                return gemini_realtime_config_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(GeminiRealtimeConfig | None | Unset, data)

        gemini_realtime_config = _parse_gemini_realtime_config(
            d.pop("gemini_realtime_config", UNSET)
        )

        lite_session_token_request = cls(
            avatar_id=avatar_id,
            mode=mode,
            is_sandbox=is_sandbox,
            video_settings=video_settings,
            max_session_duration=max_session_duration,
            livekit_config=livekit_config,
            agora_config=agora_config,
            elevenlabs_agent_config=elevenlabs_agent_config,
            openai_realtime_config=openai_realtime_config,
            gemini_realtime_config=gemini_realtime_config,
        )

        lite_session_token_request.additional_properties = d
        return lite_session_token_request

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
