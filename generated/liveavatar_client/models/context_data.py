from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.context_link_data import ContextLinkData


T = TypeVar("T", bound="ContextData")


@_attrs_define
class ContextData:
    """A context in full."""

    id: str
    name: str | Unset = UNSET
    prompt: str | Unset = UNSET
    opening_text: str | Unset = UNSET
    links: list[ContextLinkData] | Unset = UNSET
    required_dynamic_variables: list[str] | Unset = UNSET
    """ The `${name}` placeholders of the prompt and opening text (read only). """
    created_at: datetime.datetime | Unset = UNSET
    updated_at: datetime.datetime | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        name = self.name

        prompt = self.prompt

        opening_text = self.opening_text

        links: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.links, Unset):
            links = []
            for links_item_data in self.links:
                links_item = links_item_data.to_dict()
                links.append(links_item)

        required_dynamic_variables: list[str] | Unset = UNSET
        if not isinstance(self.required_dynamic_variables, Unset):
            required_dynamic_variables = self.required_dynamic_variables

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
        if prompt is not UNSET:
            field_dict["prompt"] = prompt
        if opening_text is not UNSET:
            field_dict["opening_text"] = opening_text
        if links is not UNSET:
            field_dict["links"] = links
        if required_dynamic_variables is not UNSET:
            field_dict["required_dynamic_variables"] = required_dynamic_variables
        if created_at is not UNSET:
            field_dict["created_at"] = created_at
        if updated_at is not UNSET:
            field_dict["updated_at"] = updated_at

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.context_link_data import ContextLinkData

        d = dict(src_dict)
        id = d.pop("id")

        name = d.pop("name", UNSET)

        prompt = d.pop("prompt", UNSET)

        opening_text = d.pop("opening_text", UNSET)

        _links = d.pop("links", UNSET)
        links: list[ContextLinkData] | Unset = UNSET
        if _links is not UNSET:
            links = []
            for links_item_data in _links:
                links_item = ContextLinkData.from_dict(links_item_data)

                links.append(links_item)

        required_dynamic_variables = cast(
            list[str], d.pop("required_dynamic_variables", UNSET)
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

        context_data = cls(
            id=id,
            name=name,
            prompt=prompt,
            opening_text=opening_text,
            links=links,
            required_dynamic_variables=required_dynamic_variables,
            created_at=created_at,
            updated_at=updated_at,
        )

        context_data.additional_properties = d
        return context_data

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
