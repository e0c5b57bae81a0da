"""What a LITE connection remembers of the server's events, shared by the sync and async flavours.

Two views of one stream:

- `pending`, read by `events()`: every event in order, each handed out once.
  Bounded, so a caller who never reads it does not grow memory for the
  whole session; the oldest are dropped first, with one warning.
- `history`, searched by `wait_for`: the most recent events, which
  `wait_for(..., event_id=...)` also searches, because the reply to a
  command can arrive before the caller starts waiting for it (`speak`
  returns after the last chunk; `agent.speak_started` may be long in).

The owner serialises access (a lock for the sync flavour, the event loop
for the async one) and wakes its waiters after each change.
"""

from __future__ import annotations

import collections
from collections.abc import Callable
from typing import Final

from liveavatar._errors import LiteConnectionClosed
from liveavatar._logging import logger

from ._events import TERMINAL_STATES, LiteEvent, ServerError, ServerWarning, SessionStateUpdated
from ._wire import NORMAL_CLOSE_CODES, closed_error

__all__ = ["EVENT_BUFFER_LIMIT", "HISTORY_LIMIT", "EventLog", "matcher"]

EVENT_BUFFER_LIMIT: Final = 10_000
"""Events kept for `events()` when nobody reads them: hours of the observed ~1 event a second."""
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
        "_dropped",
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

    def __init__(self) -> None:
        self.pending: collections.deque[LiteEvent] = collections.deque()
        self.history: collections.deque[LiteEvent] = collections.deque(maxlen=HISTORY_LIMIT)
        self.received = 0
        self.state: str | None = None
        self.ready = False
        self.closed = False
        self.by_us = False
        self.close_code: int | None = None
        self.close_reason = ""
        self._dropped = False

    def add(self, event: LiteEvent) -> None:
        """Record one event, note a state change, and log server errors and warnings."""
        if isinstance(event, SessionStateUpdated) and event.state is not None:
            self.state = event.state
            self.ready = self.ready or event.is_ready
        elif isinstance(event, ServerError):
            logger.warning(
                "LITE server error %s: %s (command %s)", event.error_type, event.message, event.source_event_id
            )
        elif isinstance(event, ServerWarning):
            logger.warning(
                "LITE server warning %s: %s (command %s)", event.warning_type, event.message, event.source_event_id
            )
        else:
            logger.debug("LITE event %s", event.type)
        if len(self.pending) >= EVENT_BUFFER_LIMIT:
            self.pending.popleft()
            if not self._dropped:
                self._dropped = True
                logger.warning("LITE events are not being read: keeping the last %d", EVENT_BUFFER_LIMIT)
        self.pending.append(event)
        self.history.append(event)
        self.received += 1

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
        for event in self.history:
            if match(event) and (event.concerns(event_id) if event_id is not None else number >= since):
                return event
            number += 1
        return None
