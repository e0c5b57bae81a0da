from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.secret_type_enum import SecretTypeEnum, check_secret_type_enum

T = TypeVar("T", bound="CreateSecretRequest")


@_attrs_define
class CreateSecretRequest:
    secret_name: str
    secret_value: str
    """ The key to store; never returned. """
    secret_type: SecretTypeEnum
    """ What a secret holds. CARTESIA_API_KEY is not in the published enum but is documented by the Cartesia
    connector and accepted live; LLM_API_KEY, which some guides use, is refused. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        secret_name = self.secret_name

        secret_value = self.secret_value

        secret_type: str = self.secret_type

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "secret_name": secret_name,
                "secret_value": secret_value,
                "secret_type": secret_type,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        secret_name = d.pop("secret_name")

        secret_value = d.pop("secret_value")

        secret_type = check_secret_type_enum(d.pop("secret_type"))

        create_secret_request = cls(
            secret_name=secret_name,
            secret_value=secret_value,
            secret_type=secret_type,
        )

        create_secret_request.additional_properties = d
        return create_secret_request

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
