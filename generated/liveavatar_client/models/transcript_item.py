from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.transcript_role_enum import TranscriptRoleEnum, check_transcript_role_enum
from ..types import UNSET, Unset

T = TypeVar("T", bound="TranscriptItem")


@_attrs_define
class TranscriptItem:
    """One utterance."""

    role: str | TranscriptRoleEnum | Unset = UNSET
    """ `user` or `avatar`; a value added later is kept as text. """
    transcript: str | Unset = UNSET
    absolute_timestamp: int | Unset = UNSET
    """ When it was said; the unit `start_timestamp` and `end_timestamp` take. """
    relative_timestamp: float | Unset = UNSET
    """ When it was said, counted from the session's start. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        role: str | Unset
        if isinstance(self.role, Unset):
            role = UNSET
        elif isinstance(self.role, str):
            role = self.role
        else:
            role = self.role

        transcript = self.transcript

        absolute_timestamp = self.absolute_timestamp

        relative_timestamp = self.relative_timestamp

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if role is not UNSET:
            field_dict["role"] = role
        if transcript is not UNSET:
            field_dict["transcript"] = transcript
        if absolute_timestamp is not UNSET:
            field_dict["absolute_timestamp"] = absolute_timestamp
        if relative_timestamp is not UNSET:
            field_dict["relative_timestamp"] = relative_timestamp

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)

        def _parse_role(data: object) -> str | TranscriptRoleEnum | Unset:
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                role_type_0 = check_transcript_role_enum(data)

                return role_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(str | TranscriptRoleEnum | Unset, data)

        role = _parse_role(d.pop("role", UNSET))

        transcript = d.pop("transcript", UNSET)

        absolute_timestamp = d.pop("absolute_timestamp", UNSET)

        relative_timestamp = d.pop("relative_timestamp", UNSET)

        transcript_item = cls(
            role=role,
            transcript=transcript,
            absolute_timestamp=absolute_timestamp,
            relative_timestamp=relative_timestamp,
        )

        transcript_item.additional_properties = d
        return transcript_item

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
