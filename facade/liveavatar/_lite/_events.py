"""The events a LITE session's server sends, as frozen value types.

Only three server events are documented (`session.state_updated`,
`agent.speak_started`, `agent.speak_ended`); third parties observe more
(`agent.state_updated`, the `agent.audio_buffer_*` acknowledgements,
`agent.speak_interrupted`, `error`, `warning`) and one saw types nobody else
reports. So every type is welcome: the known ones get a class with their
fields, anything else is a plain `LiteEvent`, and no field is required,
because the server's shapes are only partly documented.

Correlation: the docs say a reply's `event_id` is the command's; third
parties see a fresh `event_id` with the command's id in `source_event_id`.
`LiteEvent.concerns(event_id)` accepts either.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from types import MappingProxyType
from typing import Any, ClassVar

import attrs

__all__ = [
    "READY_STATE",
    "TERMINAL_STATES",
    "AgentStateUpdated",
    "AudioBufferAppended",
    "AudioBufferCleared",
    "AudioBufferCommitted",
    "EventsDropped",
    "LiteEvent",
    "ServerErrorEvent",
    "ServerWarningEvent",
    "SessionStateUpdated",
    "SpeakEnded",
    "SpeakInterrupted",
    "SpeakStarted",
    "parse_event",
]

READY_STATE = "connected"
"""The session state after which commands are heard (earlier ones are dropped silently)."""
TERMINAL_STATES = frozenset({"closing", "closed", "disconnected"})
"""States after which the session will not become ready: the docs' `closing`/`closed`, third parties' `disconnected`."""

_EMPTY: Mapping[str, Any] = MappingProxyType({})


def _text(value: object) -> str | None:
    # Ids are strings everywhere they are shown; a number is kept as its text
    # rather than dropped, anything else is not an id.
    if isinstance(value, str):
        return value
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return None


def _object(value: object) -> Mapping[str, Any]:
    return value if isinstance(value, Mapping) else _EMPTY


@attrs.frozen(kw_only=True)
class LiteEvent:
    """One server event; a type this SDK has no class for arrives as this class itself.

    `raw` is the whole JSON object as received.
    """

    TYPE: ClassVar[str] = ""

    type: str
    event_id: str | None = None
    source_event_id: str | None = None
    raw: Mapping[str, Any] = attrs.field(default=_EMPTY, repr=False, eq=False)

    def concerns(self, event_id: str) -> bool:
        """True when this event is about the command `event_id`: as its `event_id` or its `source_event_id`."""
        return event_id in (self.event_id, self.source_event_id)


@attrs.frozen(kw_only=True)
class SessionStateUpdated(LiteEvent):
    """`session.state_updated`: the session's state, e.g. `connected`; unknown states are kept as sent."""

    TYPE: ClassVar[str] = "session.state_updated"

    state: str | None = None

    @property
    def is_ready(self) -> bool:
        """True for `connected`."""
        return self.state == READY_STATE

    @property
    def is_terminal(self) -> bool:
        """True for `closing`, `closed` and `disconnected`."""
        return self.state in TERMINAL_STATES


@attrs.frozen(kw_only=True)
class SpeakStarted(LiteEvent):
    """`agent.speak_started`: the avatar began an utterance; `task_id` is the server's `task.id`."""

    TYPE: ClassVar[str] = "agent.speak_started"

    task_id: str | None = None


@attrs.frozen(kw_only=True)
class SpeakEnded(LiteEvent):
    """`agent.speak_ended`: the avatar finished an utterance; `task_id` is the server's `task.id`."""

    TYPE: ClassVar[str] = "agent.speak_ended"

    task_id: str | None = None


@attrs.frozen(kw_only=True)
class SpeakInterrupted(LiteEvent):
    """`agent.speak_interrupted`: an utterance was cut by `agent.interrupt` (reported by third parties)."""

    TYPE: ClassVar[str] = "agent.speak_interrupted"

    task_id: str | None = None


@attrs.frozen(kw_only=True)
class AgentStateUpdated(LiteEvent):
    """`agent.state_updated`: the avatar's pose changed, e.g. `idle` → `talking` (reported by third parties)."""

    TYPE: ClassVar[str] = "agent.state_updated"

    previous_state: str | None = None
    new_state: str | None = None


@attrs.frozen(kw_only=True)
class AudioBufferAppended(LiteEvent):
    """`agent.audio_buffer_appended`: one `agent.speak` chunk was taken (reported by third parties)."""

    TYPE: ClassVar[str] = "agent.audio_buffer_appended"


@attrs.frozen(kw_only=True)
class AudioBufferCommitted(LiteEvent):
    """`agent.audio_buffer_committed`: `agent.speak_end` was taken; the avatar may still be talking."""

    TYPE: ClassVar[str] = "agent.audio_buffer_committed"


@attrs.frozen(kw_only=True)
class AudioBufferCleared(LiteEvent):
    """`agent.audio_buffer_cleared`: `agent.interrupt` cleared the queued audio (reported by third parties)."""

    TYPE: ClassVar[str] = "agent.audio_buffer_cleared"


@attrs.frozen(kw_only=True)
class ServerErrorEvent(LiteEvent):
    """`error`: the server refused a command, e.g. `invalid_request_error` for audio that is not base64.

    `source_event_id` is the refused command's id (sent inside `error` as observed).
    """

    TYPE: ClassVar[str] = "error"

    error_type: str | None = None
    message: str | None = None


@attrs.frozen(kw_only=True)
class ServerWarningEvent(LiteEvent):
    """`warning`: something non-fatal the server wants known (reported by third parties)."""

    TYPE: ClassVar[str] = "warning"

    warning_type: str | None = None
    message: str | None = None


@attrs.frozen(kw_only=True)
class EventsDropped(LiteEvent):
    """Not from the server: unread events were dropped here to keep the buffer within its bounds.

    `events()` yields it where the dropped events were (before the oldest
    kept one). `count` is how many went and `dropped_types` their types, in
    order, each once; `agent.speak_ended` is among them only when the
    buffer held nothing else to drop. See "Unread events" in docs/guides/lite.md.
    """

    TYPE: ClassVar[str] = "liveavatar.events_dropped"

    count: int = 0
    dropped_types: tuple[str, ...] = ()


def _common(raw: Mapping[str, Any]) -> dict[str, Any]:
    return {
        "type": _text(raw.get("type")) or "",
        "event_id": _text(raw.get("event_id")),
        "source_event_id": _text(raw.get("source_event_id")),
        "raw": raw,
    }


def _task(raw: Mapping[str, Any]) -> dict[str, Any]:
    return {"task_id": _text(_object(raw.get("task")).get("id"))}


def _problem(raw: Mapping[str, Any], key: str, type_field: str) -> dict[str, Any]:
    detail = _object(raw.get(key))
    fields: dict[str, Any] = {
        type_field: _text(detail.get("type")),
        "message": _text(detail.get("message")) or _text(raw.get("message")),
    }
    if _text(raw.get("source_event_id")) is None:
        # As observed live: the offending command's id sits inside the error object.
        fields["source_event_id"] = _text(detail.get("event_id"))
    return fields


_FIELDS: dict[str, tuple[type[LiteEvent], Callable[[Mapping[str, Any]], dict[str, Any]]]] = {
    SessionStateUpdated.TYPE: (SessionStateUpdated, lambda raw: {"state": _text(raw.get("state"))}),
    SpeakStarted.TYPE: (SpeakStarted, _task),
    SpeakEnded.TYPE: (SpeakEnded, _task),
    SpeakInterrupted.TYPE: (SpeakInterrupted, _task),
    AgentStateUpdated.TYPE: (
        AgentStateUpdated,
        lambda raw: {"previous_state": _text(raw.get("previous_state")), "new_state": _text(raw.get("new_state"))},
    ),
    AudioBufferAppended.TYPE: (AudioBufferAppended, lambda raw: {}),
    AudioBufferCommitted.TYPE: (AudioBufferCommitted, lambda raw: {}),
    AudioBufferCleared.TYPE: (AudioBufferCleared, lambda raw: {}),
    ServerErrorEvent.TYPE: (ServerErrorEvent, lambda raw: _problem(raw, "error", "error_type")),
    ServerWarningEvent.TYPE: (ServerWarningEvent, lambda raw: _problem(raw, "warning", "warning_type")),
}


def parse_event(raw: Mapping[str, Any]) -> LiteEvent:
    """The event for one decoded JSON object; never raises for an unknown or malformed type."""
    frozen = MappingProxyType(dict(raw))
    common = _common(frozen)
    known = _FIELDS.get(common["type"])
    if known is None:
        return LiteEvent(**common)
    cls, fields = known
    return cls(**{**common, **fields(frozen)})
