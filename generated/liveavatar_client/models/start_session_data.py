from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="StartSessionData")


@_attrs_define
class StartSessionData:
    """Where and how to join the started session."""

    session_id: UUID
    livekit_url: str
    """ The LiveKit server to join. """
    livekit_client_token: str
    """ A LiveKit token for the user's side; treat it as a secret. """
    livekit_agent_token: None | str | Unset = UNSET
    """ A LiveKit token for an agent that joins the room; treat it as a secret. """
    max_session_duration: int | None | Unset = UNSET
    """ The session's cap in seconds. """
    ws_url: None | str | Unset = UNSET
    """ LITE only: the session-event WebSocket. Connector sessions
    (ElevenLabs, realtime models, Cartesia) get none.
     """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        session_id = str(self.session_id)

        livekit_url = self.livekit_url

        livekit_client_token = self.livekit_client_token

        livekit_agent_token: None | str | Unset
        if isinstance(self.livekit_agent_token, Unset):
            livekit_agent_token = UNSET
        else:
            livekit_agent_token = self.livekit_agent_token

        max_session_duration: int | None | Unset
        if isinstance(self.max_session_duration, Unset):
            max_session_duration = UNSET
        else:
            max_session_duration = self.max_session_duration

        ws_url: None | str | Unset
        if isinstance(self.ws_url, Unset):
            ws_url = UNSET
        else:
            ws_url = self.ws_url

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "session_id": session_id,
                "livekit_url": livekit_url,
                "livekit_client_token": livekit_client_token,
            }
        )
        if livekit_agent_token is not UNSET:
            field_dict["livekit_agent_token"] = livekit_agent_token
        if max_session_duration is not UNSET:
            field_dict["max_session_duration"] = max_session_duration
        if ws_url is not UNSET:
            field_dict["ws_url"] = ws_url

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        session_id = UUID(d.pop("session_id"))

        livekit_url = d.pop("livekit_url")

        livekit_client_token = d.pop("livekit_client_token")

        def _parse_livekit_agent_token(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        livekit_agent_token = _parse_livekit_agent_token(
            d.pop("livekit_agent_token", UNSET)
        )

        def _parse_max_session_duration(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        max_session_duration = _parse_max_session_duration(
            d.pop("max_session_duration", UNSET)
        )

        def _parse_ws_url(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        ws_url = _parse_ws_url(d.pop("ws_url", UNSET))

        start_session_data = cls(
            session_id=session_id,
            livekit_url=livekit_url,
            livekit_client_token=livekit_client_token,
            livekit_agent_token=livekit_agent_token,
            max_session_duration=max_session_duration,
            ws_url=ws_url,
        )

        start_session_data.additional_properties = d
        return start_session_data

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
