from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.embed_orientation_enum import (
    EmbedOrientationEnum,
    check_embed_orientation_enum,
)
from ..models.embed_type_enum import EmbedTypeEnum, check_embed_type_enum
from ..types import UNSET, Unset

T = TypeVar("T", bound="CreateEmbedRequest")


@_attrs_define
class CreateEmbedRequest:
    """`avatar_id`, then either `voice_agent_id` or `context_id` (with an
    optional `voice_id`). The older published schema requires
    `context_id`; the newer docs make `voice_agent_id` its alternative,
    so only `avatar_id` is required here.

    """

    avatar_id: UUID
    context_id: UUID | Unset = UNSET
    voice_id: UUID | Unset = UNSET
    voice_agent_id: str | Unset = UNSET
    type_: EmbedTypeEnum | Unset = "DEFAULT"
    """ How the embed is shown. """
    max_session_duration: int | Unset = UNSET
    """ Seconds. """
    default_language: str | Unset = UNSET
    is_sandbox: bool | Unset = False
    orientation: EmbedOrientationEnum | Unset = "horizontal"
    """ 16:9 or 9:16. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        avatar_id = str(self.avatar_id)

        context_id: str | Unset = UNSET
        if not isinstance(self.context_id, Unset):
            context_id = str(self.context_id)

        voice_id: str | Unset = UNSET
        if not isinstance(self.voice_id, Unset):
            voice_id = str(self.voice_id)

        voice_agent_id = self.voice_agent_id

        type_: str | Unset = UNSET
        if not isinstance(self.type_, Unset):
            type_ = self.type_

        max_session_duration = self.max_session_duration

        default_language = self.default_language

        is_sandbox = self.is_sandbox

        orientation: str | Unset = UNSET
        if not isinstance(self.orientation, Unset):
            orientation = self.orientation

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "avatar_id": avatar_id,
            }
        )
        if context_id is not UNSET:
            field_dict["context_id"] = context_id
        if voice_id is not UNSET:
            field_dict["voice_id"] = voice_id
        if voice_agent_id is not UNSET:
            field_dict["voice_agent_id"] = voice_agent_id
        if type_ is not UNSET:
            field_dict["type"] = type_
        if max_session_duration is not UNSET:
            field_dict["max_session_duration"] = max_session_duration
        if default_language is not UNSET:
            field_dict["default_language"] = default_language
        if is_sandbox is not UNSET:
            field_dict["is_sandbox"] = is_sandbox
        if orientation is not UNSET:
            field_dict["orientation"] = orientation

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        avatar_id = UUID(d.pop("avatar_id"))

        _context_id = d.pop("context_id", UNSET)
        context_id: UUID | Unset
        if isinstance(_context_id, Unset):
            context_id = UNSET
        else:
            context_id = UUID(_context_id)

        _voice_id = d.pop("voice_id", UNSET)
        voice_id: UUID | Unset
        if isinstance(_voice_id, Unset):
            voice_id = UNSET
        else:
            voice_id = UUID(_voice_id)

        voice_agent_id = d.pop("voice_agent_id", UNSET)

        _type_ = d.pop("type", UNSET)
        type_: EmbedTypeEnum | Unset
        if isinstance(_type_, Unset):
            type_ = UNSET
        else:
            type_ = check_embed_type_enum(_type_)

        max_session_duration = d.pop("max_session_duration", UNSET)

        default_language = d.pop("default_language", UNSET)

        is_sandbox = d.pop("is_sandbox", UNSET)

        _orientation = d.pop("orientation", UNSET)
        orientation: EmbedOrientationEnum | Unset
        if isinstance(_orientation, Unset):
            orientation = UNSET
        else:
            orientation = check_embed_orientation_enum(_orientation)

        create_embed_request = cls(
            avatar_id=avatar_id,
            context_id=context_id,
            voice_id=voice_id,
            voice_agent_id=voice_agent_id,
            type_=type_,
            max_session_duration=max_session_duration,
            default_language=default_language,
            is_sandbox=is_sandbox,
            orientation=orientation,
        )

        create_embed_request.additional_properties = d
        return create_embed_request

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
