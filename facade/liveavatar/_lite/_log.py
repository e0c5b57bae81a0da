"""What a LITE connection remembers of the server's events, shared by the sync and async flavours.

Two views of one stream:

- `pending`, read by `events()`: every event in order, each handed out once.
  Bounded by count (`LITE_EVENT_BUFFER_EVENTS`) and by the bytes the events
  arrived as (`LITE_EVENT_BUFFER_BYTES`), so a caller who never reads it
  does not grow memory for the whole session, whatever the server sends.
  On overflow the oldest unread events are dropped, `agent.speak_ended`
  last of all, and an `EventsDropped` event takes their place, so `events()`
  says what it lost; a warning is logged the first time.
- `history`, searched by `wait_for`: the most recent events, which
  `wait_for(..., event_id=...)` also searches, because the reply to a
  command can arrive before the caller starts waiting for it (`speak`
  returns after the last chunk; `agent.speak_started` may be long in).
  Bounded by `HISTORY_LIMIT` events and the same byte bound.

The owner serialises access (a lock for the sync flavour, the event loop
for the async one) and wakes its waiters after each change.
"""

from __future__ import annotations

import collections
from collections.abc import Callable
from typing import Final

from liveavatar._config import LITE_EVENT_BUFFER_BYTES, LITE_EVENT_BUFFER_EVENTS
from liveavatar._errors import LiteConnectionClosed
from liveavatar._logging import logger

from ._events import (
    TERMINAL_STATES,
    EventsDropped,
    LiteEvent,
    ServerErrorEvent,
    ServerWarningEvent,
    SessionStateUpdated,
    SpeakEnded,
)
from ._wire import NORMAL_CLOSE_CODES, closed_error

__all__ = ["EVENT_BUFFER_BYTES", "EVENT_BUFFER_LIMIT", "HISTORY_LIMIT", "EventLog", "matcher"]

EVENT_BUFFER_LIMIT: Final = LITE_EVENT_BUFFER_EVENTS
EVENT_BUFFER_BYTES: Final = LITE_EVENT_BUFFER_BYTES
HISTORY_LIMIT: Final = 1_024
"""Recent events `wait_for(..., event_id=...)` searches."""


def matcher(event_type: str | type[LiteEvent]) -> Callable[[LiteEvent], bool]:
    """A test for `event_type`: a `type` string, or an event class (`LiteEvent` itself matches every event)."""
    if isinstance(event_type, str):
        return lambda event: event.type == event_type
    return lambda event: isinstance(event, event_type)


class EventLog:
    """The events received so far, the session's state, and how the socket closed."""

    __slots__ = (
        "_history_bytes",
        "_max_bytes",
        "_max_events",
        "_pending_bytes",
        "_warned",
        "by_us",
        "close_code",
        "close_reason",
        "closed",
        "history",
        "pending",
        "ready",
        "received",
        "state",
    )

    def __init__(self, *, max_bytes: int = EVENT_BUFFER_BYTES, max_events: int = EVENT_BUFFER_LIMIT) -> None:
        self.pending: collections.deque[tuple[LiteEvent, int]] = collections.deque()
        self.history: collections.deque[tuple[LiteEvent, int]] = collections.deque()
        self.received = 0
        self.state: str | None = None
        self.ready = False
        self.closed = False
        self.by_us = False
        self.close_code: int | None = None
        self.close_reason = ""
        self._max_bytes = max_bytes
        self._max_events = max_events
        self._pending_bytes = 0
        self._history_bytes = 0
        self._warned = False

    @property
    def pending_bytes(self) -> int:
        """Bytes (as received) of the events `events()` has not handed out yet."""
        return self._pending_bytes

    @property
    def held_bytes(self) -> int:
        """Bytes (as received) of every event held, unread or searchable, each counted once."""
        unread = {id(event) for event, _ in self.pending}
        return self._pending_bytes + sum(size for event, size in self.history if id(event) not in unread)

    def add(self, event: LiteEvent, size: int = 0) -> None:
        """Record one event of `size` bytes, note a state change, and log server errors and warnings."""
        if isinstance(event, SessionStateUpdated) and event.state is not None:
            self.state = event.state
            self.ready = self.ready or event.is_ready
        elif isinstance(event, ServerErrorEvent):
            logger.warning(
                "LITE server error %s: %s (command %s)", event.error_type, event.message, event.source_event_id
            )
        elif isinstance(event, ServerWarningEvent):
            logger.warning(
                "LITE server warning %s: %s (command %s)", event.warning_type, event.message, event.source_event_id
            )
        else:
            logger.debug("LITE event %s", event.type)
        self.pending.append((event, size))
        self._pending_bytes += size
        if len(self.pending) > self._max_events or self._pending_bytes > self._max_bytes:
            self._drop_unread()
        self.history.append((event, size))
        self._history_bytes += size
        while len(self.history) > HISTORY_LIMIT or (self._history_bytes > self._max_bytes and len(self.history) > 1):
            self._history_bytes -= self.history.popleft()[1]
        self.received += 1

    def take(self) -> LiteEvent | None:
        """The oldest unread event, handed out once; `None` when there is none."""
        if not self.pending:
            return None
        event, size = self.pending.popleft()
        self._pending_bytes -= size
        return event

    def _drop_unread(self) -> None:
        # The oldest unread events go first; `agent.speak_ended` only when nothing else is left
        # to drop. One EventsDropped at the front says how many went and of which types.
        marker = self.pending.popleft()[0] if isinstance(self.pending[0][0], EventsDropped) else None
        count = marker.count if isinstance(marker, EventsDropped) else 0
        types = list(marker.dropped_types) if isinstance(marker, EventsDropped) else []
        for spare_speak_ended in (True, False):
            index = 0
            while self._over() and index < len(self.pending) - 1:  # never the event just added
                event, size = self.pending[index]
                if spare_speak_ended and isinstance(event, SpeakEnded):
                    index += 1
                    continue
                del self.pending[index]
                self._pending_bytes -= size
                count += 1
                if event.type not in types:
                    types.append(event.type)
        self.pending.appendleft((EventsDropped(type=EventsDropped.TYPE, count=count, dropped_types=tuple(types)), 0))
        if not self._warned:
            self._warned = True
            logger.warning(
                "LITE events are not being read: dropping the oldest (bounds: %d events, %d bytes)",
                self._max_events,
                self._max_bytes,
            )

    def _over(self) -> bool:
        # The marker itself counts as one event, so the bound holds with it in place.
        return len(self.pending) + 1 > self._max_events or self._pending_bytes > self._max_bytes

    def mark_closed(self, code: int | None, reason: str) -> None:
        """Record the end of the socket (once)."""
        if self.closed:
            return
        self.closed, self.close_code, self.close_reason = True, code, reason
        logger.info("LITE connection closed: code %s%s", code, " by this client" if self.by_us else "")

    @property
    def terminal(self) -> bool:
        """True once the session reported `closing`, `closed` or `disconnected`."""
        return self.state in TERMINAL_STATES

    def closed_error(self) -> LiteConnectionClosed:
        """The error for using, or waiting on, this closed connection."""
        if not self.closed and self.terminal:
            return closed_error(None, f"session state {self.state!r}", by_us=False)
        return closed_error(self.close_code, self.close_reason, by_us=self.by_us)

    @property
    def ended_abnormally(self) -> bool:
        """True when the socket closed with a code other than a deliberate close's."""
        return self.closed and not self.by_us and self.close_code not in NORMAL_CLOSE_CODES

    def first_match(self, match: Callable[[LiteEvent], bool], event_id: str | None, since: int) -> LiteEvent | None:
        """The oldest matching event; numbered below `since` only when it concerns `event_id`."""
        number = self.received - len(self.history)
        for event, _ in self.history:
            if match(event) and (event.concerns(event_id) if event_id is not None else number >= since):
                return event
            number += 1
        return None
