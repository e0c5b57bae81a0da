from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.secret_type_enum import SecretTypeEnum, check_secret_type_enum
from ..types import UNSET, Unset

T = TypeVar("T", bound="SecretData")


@_attrs_define
class SecretData:
    """A stored secret's metadata; never its value."""

    id: str
    secret_name: str | Unset = UNSET
    secret_type: SecretTypeEnum | str | Unset = UNSET
    """ a value added later is kept as text. """
    created_at: datetime.datetime | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        secret_name = self.secret_name

        secret_type: str | Unset
        if isinstance(self.secret_type, Unset):
            secret_type = UNSET
        elif isinstance(self.secret_type, str):
            secret_type = self.secret_type
        else:
            secret_type = self.secret_type

        created_at: str | Unset = UNSET
        if not isinstance(self.created_at, Unset):
            created_at = self.created_at.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
            }
        )
        if secret_name is not UNSET:
            field_dict["secret_name"] = secret_name
        if secret_type is not UNSET:
            field_dict["secret_type"] = secret_type
        if created_at is not UNSET:
            field_dict["created_at"] = created_at

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        id = d.pop("id")

        secret_name = d.pop("secret_name", UNSET)

        def _parse_secret_type(data: object) -> SecretTypeEnum | str | Unset:
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                secret_type_type_0 = check_secret_type_enum(data)

                return secret_type_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(SecretTypeEnum | str | Unset, data)

        secret_type = _parse_secret_type(d.pop("secret_type", UNSET))

        _created_at = d.pop("created_at", UNSET)
        created_at: datetime.datetime | Unset
        if isinstance(_created_at, Unset):
            created_at = UNSET
        else:
            created_at = datetime.datetime.fromisoformat(_created_at)

        secret_data = cls(
            id=id,
            secret_name=secret_name,
            secret_type=secret_type,
            created_at=created_at,
        )

        secret_data.additional_properties = d
        return secret_data

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
