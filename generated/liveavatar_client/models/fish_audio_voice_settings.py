from __future__ import annotations

from collections.abc import Mapping
from typing import (
    Any,
    Literal,
    Self,
    TypeVar,
    cast,
)

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.fish_audio_latency_mode_enum import (
    FishAudioLatencyModeEnum,
    check_fish_audio_latency_mode_enum,
)
from ..models.fish_audio_model_enum import (
    FishAudioModelEnum,
    check_fish_audio_model_enum,
)
from ..types import UNSET, Unset

T = TypeVar("T", bound="FishAudioVoiceSettings")


@_attrs_define
class FishAudioVoiceSettings:
    """Speech synthesis settings for the Fish Audio provider."""

    provider: Literal["fish"] = "fish"
    speed: float | Unset = 1.0
    """ Speech rate. """
    model: FishAudioModelEnum | Unset = UNSET
    latency_mode: FishAudioLatencyModeEnum | Unset = UNSET
    """ About 500 ms (normal) or about 300 ms (balanced) to first audio. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        provider = self.provider

        speed = self.speed

        model: str | Unset = UNSET
        if not isinstance(self.model, Unset):
            model = self.model

        latency_mode: str | Unset = UNSET
        if not isinstance(self.latency_mode, Unset):
            latency_mode = self.latency_mode

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "provider": provider,
            }
        )
        if speed is not UNSET:
            field_dict["speed"] = speed
        if model is not UNSET:
            field_dict["model"] = model
        if latency_mode is not UNSET:
            field_dict["latency_mode"] = latency_mode

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        provider = cast(Literal["fish"], d.pop("provider"))
        if provider != "fish":
            raise ValueError(f"provider must match const 'fish', got '{provider}'")

        speed = d.pop("speed", UNSET)

        _model = d.pop("model", UNSET)
        model: FishAudioModelEnum | Unset
        if isinstance(_model, Unset):
            model = UNSET
        else:
            model = check_fish_audio_model_enum(_model)

        _latency_mode = d.pop("latency_mode", UNSET)
        latency_mode: FishAudioLatencyModeEnum | Unset
        if isinstance(_latency_mode, Unset):
            latency_mode = UNSET
        else:
            latency_mode = check_fish_audio_latency_mode_enum(_latency_mode)

        fish_audio_voice_settings = cls(
            provider=provider,
            speed=speed,
            model=model,
            latency_mode=latency_mode,
        )

        fish_audio_voice_settings.additional_properties = d
        return fish_audio_voice_settings

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
