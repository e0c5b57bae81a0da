from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="LiveKitConfig")


@_attrs_define
class LiveKitConfig:
    """The avatar joins the caller's own LiveKit room."""

    livekit_url: str
    """ The LiveKit server URL, usually `wss://…`. """
    livekit_room: str
    """ The room the avatar joins. """
    livekit_client_token: str
    """ A LiveKit access token that lets the avatar publish into the room. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        livekit_url = self.livekit_url

        livekit_room = self.livekit_room

        livekit_client_token = self.livekit_client_token

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "livekit_url": livekit_url,
                "livekit_room": livekit_room,
                "livekit_client_token": livekit_client_token,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        livekit_url = d.pop("livekit_url")

        livekit_room = d.pop("livekit_room")

        livekit_client_token = d.pop("livekit_client_token")

        livekit_config = cls(
            livekit_url=livekit_url,
            livekit_room=livekit_room,
            livekit_client_token=livekit_client_token,
        )

        livekit_config.additional_properties = d
        return livekit_config

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
