from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.eleven_labs_voice_settings import ElevenLabsVoiceSettings
    from ..models.fish_audio_voice_settings import FishAudioVoiceSettings
    from ..models.stt_config import STTConfig


T = TypeVar("T", bound="AvatarPersona")


@_attrs_define
class AvatarPersona:
    """An inline voice, context and voice settings. Deprecated in favour of a
    stored voice agent; mutually exclusive with `voice_agent`.

    """

    voice_id: UUID | Unset = UNSET
    """ The voice; the avatar's default voice when left out. """
    context_id: UUID | Unset = UNSET
    """ The context (prompt, opening text). Without it the avatar streams
    and transcribes but never answers.
     """
    language: str | Unset = "en"
    """ Session language code, such as `en` or `ja`. """
    voice_settings: ElevenLabsVoiceSettings | FishAudioVoiceSettings | None | Unset = (
        UNSET
    )
    stt_config: None | STTConfig | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.eleven_labs_voice_settings import ElevenLabsVoiceSettings
        from ..models.fish_audio_voice_settings import FishAudioVoiceSettings
        from ..models.stt_config import STTConfig

        voice_id: str | Unset = UNSET
        if not isinstance(self.voice_id, Unset):
            voice_id = str(self.voice_id)

        context_id: str | Unset = UNSET
        if not isinstance(self.context_id, Unset):
            context_id = str(self.context_id)

        language = self.language

        voice_settings: dict[str, Any] | None | Unset
        if isinstance(self.voice_settings, Unset):
            voice_settings = UNSET
        elif isinstance(self.voice_settings, ElevenLabsVoiceSettings) or isinstance(
            self.voice_settings, FishAudioVoiceSettings
        ):
            voice_settings = self.voice_settings.to_dict()
        else:
            voice_settings = self.voice_settings

        stt_config: dict[str, Any] | None | Unset
        if isinstance(self.stt_config, Unset):
            stt_config = UNSET
        elif isinstance(self.stt_config, STTConfig):
            stt_config = self.stt_config.to_dict()
        else:
            stt_config = self.stt_config

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if voice_id is not UNSET:
            field_dict["voice_id"] = voice_id
        if context_id is not UNSET:
            field_dict["context_id"] = context_id
        if language is not UNSET:
            field_dict["language"] = language
        if voice_settings is not UNSET:
            field_dict["voice_settings"] = voice_settings
        if stt_config is not UNSET:
            field_dict["stt_config"] = stt_config

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.eleven_labs_voice_settings import ElevenLabsVoiceSettings
        from ..models.fish_audio_voice_settings import FishAudioVoiceSettings
        from ..models.stt_config import STTConfig

        d = dict(src_dict)
        _voice_id = d.pop("voice_id", UNSET)
        voice_id: UUID | Unset
        if isinstance(_voice_id, Unset):
            voice_id = UNSET
        else:
            voice_id = UUID(_voice_id)

        _context_id = d.pop("context_id", UNSET)
        context_id: UUID | Unset
        if isinstance(_context_id, Unset):
            context_id = UNSET
        else:
            context_id = UUID(_context_id)

        language = d.pop("language", UNSET)

        def _parse_voice_settings(
            data: object,
        ) -> ElevenLabsVoiceSettings | FishAudioVoiceSettings | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                voice_settings_type_0_type_0 = ElevenLabsVoiceSettings.from_dict(data)

                return voice_settings_type_0_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                voice_settings_type_0_type_1 = FishAudioVoiceSettings.from_dict(data)

                return voice_settings_type_0_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(
                ElevenLabsVoiceSettings | FishAudioVoiceSettings | None | Unset, data
            )

        voice_settings = _parse_voice_settings(d.pop("voice_settings", UNSET))

        def _parse_stt_config(data: object) -> None | STTConfig | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                stt_config_type_0 = STTConfig.from_dict(data)

                return stt_config_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | STTConfig | Unset, data)

        stt_config = _parse_stt_config(d.pop("stt_config", UNSET))

        avatar_persona = cls(
            voice_id=voice_id,
            context_id=context_id,
            language=language,
            voice_settings=voice_settings,
            stt_config=stt_config,
        )

        avatar_persona.additional_properties = d
        return avatar_persona

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
