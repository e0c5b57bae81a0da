from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.avatar_status_enum import AvatarStatusEnum, check_avatar_status_enum
from ..models.avatar_type_enum import AvatarTypeEnum, check_avatar_type_enum
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.avatar_voice_data import AvatarVoiceData


T = TypeVar("T", bound="AvatarData")


@_attrs_define
class AvatarData:
    """An avatar. Only `id` is required here, and ids are plain text: the
    published schema's other required fields (`error_message` among them)
    are null or absent in practice, and a field added later is kept.

    """

    id: str
    name: str | Unset = UNSET
    space_id: None | str | Unset = UNSET
    type_: AvatarTypeEnum | str | Unset = UNSET
    """ IMAGE or VIDEO; a value added later is kept as text. """
    status: AvatarStatusEnum | str | Unset = UNSET
    """ INIT, DEPLOYING, then ACTIVE or FAILED; a value added later is kept as text. """
    preview_url: None | str | Unset = UNSET
    is_expired: bool | Unset = UNSET
    is_1080p: bool | Unset = UNSET
    default_voice: AvatarVoiceData | None | Unset = UNSET
    """ Null for image avatars, which have no voice. """
    created_at: datetime.datetime | Unset = UNSET
    updated_at: datetime.datetime | Unset = UNSET
    error_message: None | str | Unset = UNSET
    """ Why training failed, if it did. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.avatar_voice_data import AvatarVoiceData

        id = self.id

        name = self.name

        space_id: None | str | Unset
        if isinstance(self.space_id, Unset):
            space_id = UNSET
        else:
            space_id = self.space_id

        type_: str | Unset
        if isinstance(self.type_, Unset):
            type_ = UNSET
        elif isinstance(self.type_, str):
            type_ = self.type_
        else:
            type_ = self.type_

        status: str | Unset
        if isinstance(self.status, Unset):
            status = UNSET
        elif isinstance(self.status, str):
            status = self.status
        else:
            status = self.status

        preview_url: None | str | Unset
        if isinstance(self.preview_url, Unset):
            preview_url = UNSET
        else:
            preview_url = self.preview_url

        is_expired = self.is_expired

        is_1080p = self.is_1080p

        default_voice: dict[str, Any] | None | Unset
        if isinstance(self.default_voice, Unset):
            default_voice = UNSET
        elif isinstance(self.default_voice, AvatarVoiceData):
            default_voice = self.default_voice.to_dict()
        else:
            default_voice = self.default_voice

        created_at: str | Unset = UNSET
        if not isinstance(self.created_at, Unset):
            created_at = self.created_at.isoformat()

        updated_at: str | Unset = UNSET
        if not isinstance(self.updated_at, Unset):
            updated_at = self.updated_at.isoformat()

        error_message: None | str | Unset
        if isinstance(self.error_message, Unset):
            error_message = UNSET
        else:
            error_message = self.error_message

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
            }
        )
        if name is not UNSET:
            field_dict["name"] = name
        if space_id is not UNSET:
            field_dict["space_id"] = space_id
        if type_ is not UNSET:
            field_dict["type"] = type_
        if status is not UNSET:
            field_dict["status"] = status
        if preview_url is not UNSET:
            field_dict["preview_url"] = preview_url
        if is_expired is not UNSET:
            field_dict["is_expired"] = is_expired
        if is_1080p is not UNSET:
            field_dict["is_1080p"] = is_1080p
        if default_voice is not UNSET:
            field_dict["default_voice"] = default_voice
        if created_at is not UNSET:
            field_dict["created_at"] = created_at
        if updated_at is not UNSET:
            field_dict["updated_at"] = updated_at
        if error_message is not UNSET:
            field_dict["error_message"] = error_message

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.avatar_voice_data import AvatarVoiceData

        d = dict(src_dict)
        id = d.pop("id")

        name = d.pop("name", UNSET)

        def _parse_space_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        space_id = _parse_space_id(d.pop("space_id", UNSET))

        def _parse_type_(data: object) -> AvatarTypeEnum | str | Unset:
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                type_type_0 = check_avatar_type_enum(data)

                return type_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(AvatarTypeEnum | str | Unset, data)

        type_ = _parse_type_(d.pop("type", UNSET))

        def _parse_status(data: object) -> AvatarStatusEnum | str | Unset:
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                status_type_0 = check_avatar_status_enum(data)

                return status_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(AvatarStatusEnum | str | Unset, data)

        status = _parse_status(d.pop("status", UNSET))

        def _parse_preview_url(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        preview_url = _parse_preview_url(d.pop("preview_url", UNSET))

        is_expired = d.pop("is_expired", UNSET)

        is_1080p = d.pop("is_1080p", UNSET)

        def _parse_default_voice(data: object) -> AvatarVoiceData | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                default_voice_type_0 = AvatarVoiceData.from_dict(data)

                return default_voice_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(AvatarVoiceData | None | Unset, data)

        default_voice = _parse_default_voice(d.pop("default_voice", UNSET))

        _created_at = d.pop("created_at", UNSET)
        created_at: datetime.datetime | Unset
        if isinstance(_created_at, Unset):
            created_at = UNSET
        else:
            created_at = datetime.datetime.fromisoformat(_created_at)

        _updated_at = d.pop("updated_at", UNSET)
        updated_at: datetime.datetime | Unset
        if isinstance(_updated_at, Unset):
            updated_at = UNSET
        else:
            updated_at = datetime.datetime.fromisoformat(_updated_at)

        def _parse_error_message(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        error_message = _parse_error_message(d.pop("error_message", UNSET))

        avatar_data = cls(
            id=id,
            name=name,
            space_id=space_id,
            type_=type_,
            status=status,
            preview_url=preview_url,
            is_expired=is_expired,
            is_1080p=is_1080p,
            default_voice=default_voice,
            created_at=created_at,
            updated_at=updated_at,
            error_message=error_message,
        )

        avatar_data.additional_properties = d
        return avatar_data

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
