from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.transcript_item import TranscriptItem


T = TypeVar("T", bound="TranscriptData")


@_attrs_define
class TranscriptData:
    """A transcript, or the part of it asked for. Pass `next_timestamp` back
    as `start_timestamp` for what follows.

    """

    session_active: bool
    """ Whether the session is still running, so more may come. """
    next_timestamp: int | None | Unset = UNSET
    transcript_data: list[TranscriptItem] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        session_active = self.session_active

        next_timestamp: int | None | Unset
        if isinstance(self.next_timestamp, Unset):
            next_timestamp = UNSET
        else:
            next_timestamp = self.next_timestamp

        transcript_data: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.transcript_data, Unset):
            transcript_data = []
            for transcript_data_item_data in self.transcript_data:
                transcript_data_item = transcript_data_item_data.to_dict()
                transcript_data.append(transcript_data_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "session_active": session_active,
            }
        )
        if next_timestamp is not UNSET:
            field_dict["next_timestamp"] = next_timestamp
        if transcript_data is not UNSET:
            field_dict["transcript_data"] = transcript_data

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.transcript_item import TranscriptItem

        d = dict(src_dict)
        session_active = d.pop("session_active")

        def _parse_next_timestamp(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        next_timestamp = _parse_next_timestamp(d.pop("next_timestamp", UNSET))

        _transcript_data = d.pop("transcript_data", UNSET)
        transcript_data: list[TranscriptItem] | Unset = UNSET
        if _transcript_data is not UNSET:
            transcript_data = []
            for transcript_data_item_data in _transcript_data:
                transcript_data_item = TranscriptItem.from_dict(
                    transcript_data_item_data
                )

                transcript_data.append(transcript_data_item)

        transcript_data = cls(
            session_active=session_active,
            next_timestamp=next_timestamp,
            transcript_data=transcript_data,
        )

        transcript_data.additional_properties = d
        return transcript_data

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
