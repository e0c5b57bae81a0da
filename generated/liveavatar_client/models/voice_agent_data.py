from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.voice_agent_type_enum import (
    VoiceAgentTypeEnum,
    check_voice_agent_type_enum,
)
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.voice_agent_data_agent_configuration import (
        VoiceAgentDataAgentConfiguration,
    )


T = TypeVar("T", bound="VoiceAgentData")


@_attrs_define
class VoiceAgentData:
    """A voice agent. Its schema is not published; these are the fields
    seen in the docs and third-party code. The list omits
    `agent_configuration`.

    """

    id: str
    name: str | Unset = UNSET
    agent_type: str | Unset | VoiceAgentTypeEnum = UNSET
    """ a value added later is kept as text. """
    agent_configuration: VoiceAgentDataAgentConfiguration | Unset = UNSET
    """ Depends on `agent_type`. """
    created_at: datetime.datetime | Unset = UNSET
    updated_at: datetime.datetime | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        name = self.name

        agent_type: str | Unset
        if isinstance(self.agent_type, Unset):
            agent_type = UNSET
        elif isinstance(self.agent_type, str):
            agent_type = self.agent_type
        else:
            agent_type = self.agent_type

        agent_configuration: dict[str, Any] | Unset = UNSET
        if not isinstance(self.agent_configuration, Unset):
            agent_configuration = self.agent_configuration.to_dict()

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
        if name is not UNSET:
            field_dict["name"] = name
        if agent_type is not UNSET:
            field_dict["agent_type"] = agent_type
        if agent_configuration is not UNSET:
            field_dict["agent_configuration"] = agent_configuration
        if created_at is not UNSET:
            field_dict["created_at"] = created_at
        if updated_at is not UNSET:
            field_dict["updated_at"] = updated_at

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.voice_agent_data_agent_configuration import (
            VoiceAgentDataAgentConfiguration,
        )

        d = dict(src_dict)
        id = d.pop("id")

        name = d.pop("name", UNSET)

        def _parse_agent_type(data: object) -> str | Unset | VoiceAgentTypeEnum:
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                agent_type_type_0 = check_voice_agent_type_enum(data)

                return agent_type_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(str | Unset | VoiceAgentTypeEnum, data)

        agent_type = _parse_agent_type(d.pop("agent_type", UNSET))

        _agent_configuration = d.pop("agent_configuration", UNSET)
        agent_configuration: VoiceAgentDataAgentConfiguration | Unset
        if isinstance(_agent_configuration, Unset):
            agent_configuration = UNSET
        else:
            agent_configuration = VoiceAgentDataAgentConfiguration.from_dict(
                _agent_configuration
            )

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

        voice_agent_data = cls(
            id=id,
            name=name,
            agent_type=agent_type,
            agent_configuration=agent_configuration,
            created_at=created_at,
            updated_at=updated_at,
        )

        voice_agent_data.additional_properties = d
        return voice_agent_data

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
