from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.dynamic_variables import DynamicVariables


T = TypeVar("T", bound="VoiceAgentRef")


@_attrs_define
class VoiceAgentRef:
    """A stored voice agent, by id. The service resolves the agent's type;
    an ElevenLabs agent gives a LITE session even from a FULL request.
    Mutually exclusive with `avatar_persona`.

    """

    id: UUID
    """ The stored voice agent's id. """
    language: str | Unset = UNSET
    """ A per-session language override, where the agent type allows one. """
    dynamic_variables: DynamicVariables | Unset = UNSET
    """ Values for the `${name}` placeholders in the context's opening text
    and prompt. Extra keys are ignored. At most 50 entries; keys of at
    most 64 characters (no minimum is published); values of at most 1000
    characters.
     """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = str(self.id)

        language = self.language

        dynamic_variables: dict[str, Any] | Unset = UNSET
        if not isinstance(self.dynamic_variables, Unset):
            dynamic_variables = self.dynamic_variables.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
            }
        )
        if language is not UNSET:
            field_dict["language"] = language
        if dynamic_variables is not UNSET:
            field_dict["dynamic_variables"] = dynamic_variables

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.dynamic_variables import DynamicVariables

        d = dict(src_dict)
        id = UUID(d.pop("id"))

        language = d.pop("language", UNSET)

        _dynamic_variables = d.pop("dynamic_variables", UNSET)
        dynamic_variables: DynamicVariables | Unset
        if isinstance(_dynamic_variables, Unset):
            dynamic_variables = UNSET
        else:
            dynamic_variables = DynamicVariables.from_dict(_dynamic_variables)

        voice_agent_ref = cls(
            id=id,
            language=language,
            dynamic_variables=dynamic_variables,
        )

        voice_agent_ref.additional_properties = d
        return voice_agent_ref

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
