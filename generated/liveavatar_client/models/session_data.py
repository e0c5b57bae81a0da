from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.session_end_reason import SessionEndReason, check_session_end_reason
from ..models.session_mode_enum import SessionModeEnum, check_session_mode_enum
from ..models.session_source_enum import SessionSourceEnum, check_session_source_enum
from ..types import UNSET, Unset

T = TypeVar("T", bound="SessionData")


@_attrs_define
class SessionData:
    """One session, in the list or on its own. Only `id` is required here:
    the reference names the fields but not which ones are always sent.
    Ended (historic) sessions add `end_at` and `end_reason`.

    """

    id: UUID
    created_at: datetime.datetime | Unset = UNSET
    updated_at: datetime.datetime | Unset = UNSET
    duration: int | Unset = UNSET
    """ Length so far, in seconds. """
    source: SessionSourceEnum | str | Unset = UNSET
    """ Where the session was started from; a value added later is kept as text. """
    mode: SessionModeEnum | str | Unset = UNSET
    """ FULL or LITE. Any other text is accepted too: LITE was called
    CUSTOM before 2026-02-03, and whether old sessions still report
    that name is not known.
     """
    is_sandbox: bool | Unset = UNSET
    credits_consumed: float | Unset = UNSET
    """ Credits charged so far. """
    end_at: datetime.datetime | None | Unset = UNSET
    """ When the session ended (historic sessions). """
    end_reason: None | SessionEndReason | str | Unset = UNSET
    """ Why the session ended (historic sessions); a value added later is kept as text. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = str(self.id)

        created_at: str | Unset = UNSET
        if not isinstance(self.created_at, Unset):
            created_at = self.created_at.isoformat()

        updated_at: str | Unset = UNSET
        if not isinstance(self.updated_at, Unset):
            updated_at = self.updated_at.isoformat()

        duration = self.duration

        source: str | Unset
        if isinstance(self.source, Unset):
            source = UNSET
        elif isinstance(self.source, str):
            source = self.source
        else:
            source = self.source

        mode: str | Unset
        if isinstance(self.mode, Unset):
            mode = UNSET
        elif isinstance(self.mode, str):
            mode = self.mode
        else:
            mode = self.mode

        is_sandbox = self.is_sandbox

        credits_consumed = self.credits_consumed

        end_at: None | str | Unset
        if isinstance(self.end_at, Unset):
            end_at = UNSET
        elif isinstance(self.end_at, datetime.datetime):
            end_at = self.end_at.isoformat()
        else:
            end_at = self.end_at

        end_reason: None | str | Unset
        if isinstance(self.end_reason, Unset):
            end_reason = UNSET
        elif isinstance(self.end_reason, str):
            end_reason = self.end_reason
        else:
            end_reason = self.end_reason

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
            }
        )
        if created_at is not UNSET:
            field_dict["created_at"] = created_at
        if updated_at is not UNSET:
            field_dict["updated_at"] = updated_at
        if duration is not UNSET:
            field_dict["duration"] = duration
        if source is not UNSET:
            field_dict["source"] = source
        if mode is not UNSET:
            field_dict["mode"] = mode
        if is_sandbox is not UNSET:
            field_dict["is_sandbox"] = is_sandbox
        if credits_consumed is not UNSET:
            field_dict["credits_consumed"] = credits_consumed
        if end_at is not UNSET:
            field_dict["end_at"] = end_at
        if end_reason is not UNSET:
            field_dict["end_reason"] = end_reason

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        id = UUID(d.pop("id"))

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

        duration = d.pop("duration", UNSET)

        def _parse_source(data: object) -> SessionSourceEnum | str | Unset:
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                source_type_0 = check_session_source_enum(data)

                return source_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(SessionSourceEnum | str | Unset, data)

        source = _parse_source(d.pop("source", UNSET))

        def _parse_mode(data: object) -> SessionModeEnum | str | Unset:
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                mode_type_0 = check_session_mode_enum(data)

                return mode_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(SessionModeEnum | str | Unset, data)

        mode = _parse_mode(d.pop("mode", UNSET))

        is_sandbox = d.pop("is_sandbox", UNSET)

        credits_consumed = d.pop("credits_consumed", UNSET)

        def _parse_end_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                end_at_type_0 = datetime.datetime.fromisoformat(data)

                return end_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        end_at = _parse_end_at(d.pop("end_at", UNSET))

        def _parse_end_reason(data: object) -> None | SessionEndReason | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                end_reason_type_0 = check_session_end_reason(data)

                return end_reason_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | SessionEndReason | str | Unset, data)

        end_reason = _parse_end_reason(d.pop("end_reason", UNSET))

        session_data = cls(
            id=id,
            created_at=created_at,
            updated_at=updated_at,
            duration=duration,
            source=source,
            mode=mode,
            is_sandbox=is_sandbox,
            credits_consumed=credits_consumed,
            end_at=end_at,
            end_reason=end_reason,
        )

        session_data.additional_properties = d
        return session_data

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
