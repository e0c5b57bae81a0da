from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.embed_orientation_enum import (
    EmbedOrientationEnum,
    check_embed_orientation_enum,
)
from ..types import UNSET, Unset

T = TypeVar("T", bound="EmbedData")


@_attrs_define
class EmbedData:
    embed_id: str
    url: str
    script: None | str | Unset = UNSET
    orientation: EmbedOrientationEnum | str | Unset = UNSET
    """ a value added later is kept as text. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        embed_id = self.embed_id

        url = self.url

        script: None | str | Unset
        if isinstance(self.script, Unset):
            script = UNSET
        else:
            script = self.script

        orientation: str | Unset
        if isinstance(self.orientation, Unset):
            orientation = UNSET
        elif isinstance(self.orientation, str):
            orientation = self.orientation
        else:
            orientation = self.orientation

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "embed_id": embed_id,
                "url": url,
            }
        )
        if script is not UNSET:
            field_dict["script"] = script
        if orientation is not UNSET:
            field_dict["orientation"] = orientation

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        embed_id = d.pop("embed_id")

        url = d.pop("url")

        def _parse_script(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        script = _parse_script(d.pop("script", UNSET))

        def _parse_orientation(data: object) -> EmbedOrientationEnum | str | Unset:
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                orientation_type_0 = check_embed_orientation_enum(data)

                return orientation_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(EmbedOrientationEnum | str | Unset, data)

        orientation = _parse_orientation(d.pop("orientation", UNSET))

        embed_data = cls(
            embed_id=embed_id,
            url=url,
            script=script,
            orientation=orientation,
        )

        embed_data.additional_properties = d
        return embed_data

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
