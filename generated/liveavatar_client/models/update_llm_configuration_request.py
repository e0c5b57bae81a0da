from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="UpdateLLMConfigurationRequest")


@_attrs_define
class UpdateLLMConfigurationRequest:
    display_name: str | Unset = UNSET
    model_name: str | Unset = UNSET
    secret_id: str | Unset = UNSET
    base_url: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        display_name = self.display_name

        model_name = self.model_name

        secret_id = self.secret_id

        base_url = self.base_url

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if display_name is not UNSET:
            field_dict["display_name"] = display_name
        if model_name is not UNSET:
            field_dict["model_name"] = model_name
        if secret_id is not UNSET:
            field_dict["secret_id"] = secret_id
        if base_url is not UNSET:
            field_dict["base_url"] = base_url

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        display_name = d.pop("display_name", UNSET)

        model_name = d.pop("model_name", UNSET)

        secret_id = d.pop("secret_id", UNSET)

        base_url = d.pop("base_url", UNSET)

        update_llm_configuration_request = cls(
            display_name=display_name,
            model_name=model_name,
            secret_id=secret_id,
            base_url=base_url,
        )

        update_llm_configuration_request.additional_properties = d
        return update_llm_configuration_request

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
