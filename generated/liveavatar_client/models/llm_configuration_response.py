from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.llm_configuration_data import LLMConfigurationData


T = TypeVar("T", bound="LLMConfigurationResponse")


@_attrs_define
class LLMConfigurationResponse:
    """The success envelope of one LLM configuration."""

    code: int | Unset = 100
    data: LLMConfigurationData | None | Unset = UNSET
    message: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.llm_configuration_data import LLMConfigurationData

        code = self.code

        data: dict[str, Any] | None | Unset
        if isinstance(self.data, Unset):
            data = UNSET
        elif isinstance(self.data, LLMConfigurationData):
            data = self.data.to_dict()
        else:
            data = self.data

        message = self.message

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if code is not UNSET:
            field_dict["code"] = code
        if data is not UNSET:
            field_dict["data"] = data
        if message is not UNSET:
            field_dict["message"] = message

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.llm_configuration_data import LLMConfigurationData

        d = dict(src_dict)
        code = d.pop("code", UNSET)

        def _parse_data(data: object) -> LLMConfigurationData | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                data_type_0 = LLMConfigurationData.from_dict(data)

                return data_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(LLMConfigurationData | None | Unset, data)

        data = _parse_data(d.pop("data", UNSET))

        message = d.pop("message", UNSET)

        llm_configuration_response = cls(
            code=code,
            data=data,
            message=message,
        )

        llm_configuration_response.additional_properties = d
        return llm_configuration_response

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
