"""The one module that talks to the generated `liveavatar_client` package.

Everything the facade needs from the generated side passes through here:
the low-level client that users reach for edge-case fields, and the wire
shapes of the lifecycle answers, which the generated models' `from_dict`
parses before they become the facade's value types. (The token request is
written by `liveavatar._request` on the hot path instead; a round-trip test
proves the generated models read it unchanged.) A ruff banned-import rule
(`TID251`) keeps every other facade module away from `liveavatar_client`,
and no generated type appears in a public facade signature.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from decimal import Decimal, InvalidOperation
from typing import Any, TypeVar

import httpx

from liveavatar_client.client import AuthenticatedClient
from liveavatar_client.models import CreditsData, SessionData, SessionListData, StartSessionData, TranscriptData
from liveavatar_client.types import Unset

from ._models import SessionInfo, StartedSession, Transcript, TranscriptEntry
from ._secrets import Secret

__all__ = ["build_lowlevel_client", "credits_left", "session_info", "session_page", "started_session", "transcript"]

_T = TypeVar("_T")


def build_lowlevel_client(
    *, base_url: str, api_key: Secret[str], timeout: httpx.Timeout, headers: dict[str, str]
) -> Any:
    """A generated `AuthenticatedClient` with the facade client's key, base URL and timeout.

    It keeps the key out of its `repr` and sends it as `X-API-KEY`.
    """
    return AuthenticatedClient(
        base_url=base_url,
        token=api_key.reveal(),
        prefix="",
        auth_header_name="X-API-KEY",
        timeout=timeout,
        headers=headers,
        raise_on_unexpected_status=True,
    )


def _given(value: _T | Unset) -> _T | None:
    return None if isinstance(value, Unset) else value


def _decimal(value: object) -> Decimal | None:
    if value is None or isinstance(value, Unset | bool):
        return None
    try:
        # str() first: a float's shortest text is the number the server wrote.
        return Decimal(str(value))
    except InvalidOperation:
        raise ValueError(f"{value!r} is not a number") from None


def _finite(value: Decimal | None, name: str) -> Decimal | None:
    if value is not None and not value.is_finite():
        # NaN raises on comparison and Infinity is no balance: a broken answer, not a number to hand on.
        raise ValueError(f"{name} is {value}, not a finite number")
    return value


def _aware(value: object, name: str) -> datetime.datetime | None:
    """A parsed date, timezone-aware (the API writes UTC; an offset-less one is read as UTC)."""
    if value is None or isinstance(value, Unset):
        return None
    if not isinstance(value, datetime.datetime):
        # The generated model keeps text it cannot parse as a date: "yesterday" is no end time.
        raise ValueError(f"{name} is not an ISO 8601 date")
    return value if value.tzinfo is not None else value.replace(tzinfo=datetime.UTC)


def _int(value: object) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _session(model: SessionData) -> SessionInfo:
    return SessionInfo(
        id=str(model.id),
        mode=_given(model.mode),
        source=_given(model.source),
        is_sandbox=_given(model.is_sandbox),
        created_at=_aware(model.created_at, "created_at"),
        duration=_int(_given(model.duration)),
        credits_consumed=_finite(_decimal(model.credits_consumed), "credits_consumed"),
        updated_at=_aware(model.updated_at, "updated_at"),
        end_at=_aware(model.end_at, "end_at"),
        end_reason=None if isinstance(model.end_reason, Unset) else model.end_reason,
    )


def started_session(data: Mapping[str, Any]) -> StartedSession:
    """`data` of a start answer."""
    model = StartSessionData.from_dict(data)
    return StartedSession(
        session_id=str(model.session_id),
        livekit_url=model.livekit_url,
        livekit_client_token=model.livekit_client_token,
        livekit_agent_token=_given(model.livekit_agent_token),
        max_session_duration=_int(_given(model.max_session_duration)),
        ws_url=_given(model.ws_url),
    )


def session_info(data: Mapping[str, Any]) -> SessionInfo:
    """`data` of a `GET /v1/sessions/{id}` answer."""
    return _session(SessionData.from_dict(data))


def session_page(data: Mapping[str, Any]) -> tuple[tuple[SessionInfo, ...], bool, int | None]:
    """`data` of a list answer: its sessions, whether a next page is linked, and the `count` it states."""
    model = SessionListData.from_dict(data)
    count = _int(_given(model.count))
    return tuple(_session(item) for item in model.results), bool(_given(model.next_)), count


def transcript(data: Mapping[str, Any]) -> Transcript:
    """`data` of a transcript answer."""
    model = TranscriptData.from_dict(data)
    items = _given(model.transcript_data) or []
    return Transcript(
        entries=tuple(
            TranscriptEntry(
                role=str(_given(item.role) or ""),
                transcript=_given(item.transcript) or "",
                absolute_timestamp=_int(_given(item.absolute_timestamp)),
                relative_timestamp=_given(item.relative_timestamp),
            )
            for item in items
        ),
        session_active=bool(model.session_active),
        next_timestamp=_int(_given(model.next_timestamp)),
    )


def credits_left(data: Mapping[str, Any]) -> Decimal:
    """`data` of a credits answer, exactly."""
    value = _finite(_decimal(CreditsData.from_dict(data).credits_left), "credits_left")
    if value is None:
        raise ValueError("credits_left is missing")
    return value
