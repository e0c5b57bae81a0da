from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.memory_type_enum import MemoryTypeEnum, check_memory_type_enum
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.memory_episode_data import MemoryEpisodeData


T = TypeVar("T", bound="MemoryData")


@_attrs_define
class MemoryData:
    """A memory: `memory_content` on create and get, `memory_content_preview`
    in the list, `session_episodes` on get.

    """

    id: str
    memory_type: MemoryTypeEnum | str | Unset = UNSET
    """ a value added later is kept as text. """
    memory_content: str | Unset = UNSET
    memory_content_preview: str | Unset = UNSET
    session_episodes: list[MemoryEpisodeData] | Unset = UNSET
    created_at: datetime.datetime | Unset = UNSET
    updated_at: datetime.datetime | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        memory_type: str | Unset
        if isinstance(self.memory_type, Unset):
            memory_type = UNSET
        elif isinstance(self.memory_type, str):
            memory_type = self.memory_type
        else:
            memory_type = self.memory_type

        memory_content = self.memory_content

        memory_content_preview = self.memory_content_preview

        session_episodes: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.session_episodes, Unset):
            session_episodes = []
            for session_episodes_item_data in self.session_episodes:
                session_episodes_item = session_episodes_item_data.to_dict()
                session_episodes.append(session_episodes_item)

        created_at: str | Unset = UNSET
        if not isinstance(self.created_at, Unset):
            created_at = self.created_at.isoformat()

        updated_at: str | Unset = UNSET
        if not isinstance(self.updated_at, Unset):
            updated_at = self.updated_at.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
            }
        )
        if memory_type is not UNSET:
            field_dict["memory_type"] = memory_type
        if memory_content is not UNSET:
            field_dict["memory_content"] = memory_content
        if memory_content_preview is not UNSET:
            field_dict["memory_content_preview"] = memory_content_preview
        if session_episodes is not UNSET:
            field_dict["session_episodes"] = session_episodes
        if created_at is not UNSET:
            field_dict["created_at"] = created_at
        if updated_at is not UNSET:
            field_dict["updated_at"] = updated_at

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.memory_episode_data import MemoryEpisodeData

        d = dict(src_dict)
        id = d.pop("id")

        def _parse_memory_type(data: object) -> MemoryTypeEnum | str | Unset:
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                memory_type_type_0 = check_memory_type_enum(data)

                return memory_type_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(MemoryTypeEnum | str | Unset, data)

        memory_type = _parse_memory_type(d.pop("memory_type", UNSET))

        memory_content = d.pop("memory_content", UNSET)

        memory_content_preview = d.pop("memory_content_preview", UNSET)

        _session_episodes = d.pop("session_episodes", UNSET)
        session_episodes: list[MemoryEpisodeData] | Unset = UNSET
        if _session_episodes is not UNSET:
            session_episodes = []
            for session_episodes_item_data in _session_episodes:
                session_episodes_item = MemoryEpisodeData.from_dict(
                    session_episodes_item_data
                )

                session_episodes.append(session_episodes_item)

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

        memory_data = cls(
            id=id,
            memory_type=memory_type,
            memory_content=memory_content,
            memory_content_preview=memory_content_preview,
            session_episodes=session_episodes,
            created_at=created_at,
            updated_at=updated_at,
        )

        memory_data.additional_properties = d
        return memory_data

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
