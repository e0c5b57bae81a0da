from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="ThirdPartyVoiceBindRequest")


@_attrs_define
class ThirdPartyVoiceBindRequest:
    provider_voice_id: str
    """ The provider's own voice id (not `voice_id`, as some guides write). """
    secret_id: str
    """ The stored secret holding the provider's API key. """
    name: str | Unset = UNSET
    """ The new voice's name; "Imported Voice - <provider id>" style when left out. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        provider_voice_id = self.provider_voice_id

        secret_id = self.secret_id

        name = self.name

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "provider_voice_id": provider_voice_id,
                "secret_id": secret_id,
            }
        )
        if name is not UNSET:
            field_dict["name"] = name

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        provider_voice_id = d.pop("provider_voice_id")

        secret_id = d.pop("secret_id")

        name = d.pop("name", UNSET)

        third_party_voice_bind_request = cls(
            provider_voice_id=provider_voice_id,
            secret_id=secret_id,
            name=name,
        )

        third_party_voice_bind_request.additional_properties = d
        return third_party_voice_bind_request

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
