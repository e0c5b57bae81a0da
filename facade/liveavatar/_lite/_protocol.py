"""The LITE channel's protocol core, with no I/O: what both connections decide, and nothing of how they wait.

`LiteProtocol` is one connection's state, the way websockets' own
`Protocol` is: bytes read from the socket go in (`receive_data`,
`receive_eof`), bytes to write come out (`data_to_send`), and in between it
keeps the connection's state (connecting, open, closing, closed, with the
close code and reason), parses server events into the bounded `EventLog`,
cuts utterances into frames (`Utterance`), numbers commands, and refuses a
send on a connection that is closing or closed. It holds no socket, thread,
task, lock or clock: the sync and async drivers own those, and only move
bytes and wait. WebSocket framing is the `Framer`'s (the websockets adapter
in `_ws`); this module never imports websockets.

The drivers serialise calls into one `LiteProtocol` (a lock for the sync
flavour, the event loop for the async one).
"""

from __future__ import annotations

import enum
from collections.abc import AsyncIterable, Iterable, Iterator
from typing import Final, Protocol

from liveavatar._errors import LiveAvatarError
from liveavatar._logging import logger
from liveavatar._secrets import Secret, masked_repr

from ._events import LiteEvent, parse_event
from ._log import EventLog
from ._wire import (
    ChunkPlan,
    Cutter,
    check_piece,
    command_frame,
    decode_message,
    new_event_id,
    not_audio_error,
    odd_end_error,
    speak_end_frame,
    speak_frame,
    timeout_error,
    whole_audio,
)

__all__ = [
    "READY_WHAT",
    "ConnectionState",
    "ConnectionView",
    "Framer",
    "LiteProtocol",
    "Utterance",
    "event_type_name",
    "prepare_speak",
    "ready_failure",
]

READY_WHAT: Final = "session.state_updated 'connected'"


class Framer(Protocol):
    """What the core needs from a sans-I/O WebSocket client (`_ws.WebSocketFramer`; tests may script one)."""

    def start(self) -> None:
        """Queue the upgrade request."""

    @property
    def handshake_done(self) -> bool:
        """True once the server answered the upgrade."""

    def handshake_error(self, open_timeout: float) -> LiveAvatarError | None:
        """The error for a refused upgrade, if it was refused."""

    def receive_data(self, data: bytes) -> list[bytes]:
        """Bytes read; the messages they completed."""

    def receive_eof(self) -> list[bytes]:
        """End of file read; any message it completed."""

    def send_text(self, frame: bytes) -> None:
        """Queue a text frame."""

    def send_close(self) -> bool:
        """Queue a close frame (1000); False if closing had begun."""

    def data_to_send(self) -> list[bytes]:
        """Bytes to write; an empty `bytes` asks for a half-close."""

    @property
    def is_open(self) -> bool:
        """True while frames may be sent."""

    def ending(self) -> tuple[int, str] | None:
        """The close code and reason once the WebSocket has ended."""


class ConnectionState(enum.Enum):
    """Where a connection is in its life."""

    CONNECTING = "connecting"
    OPEN = "open"
    CLOSING = "closing"
    """A close frame went or came; no more frames are sent."""
    CLOSED = "closed"


class LiteProtocol:
    """One LITE connection's state and decisions: bytes in, events out; commands in, bytes out."""

    __slots__ = ("_framer", "generation", "log")

    def __init__(self, framer: Framer, log: EventLog | None = None) -> None:
        self._framer = framer
        self.log = log if log is not None else EventLog()
        self.generation = 0
        """Bumped by each interrupt; an utterance sends only while it is the generation it began in."""

    # -- the handshake ---------------------------------------------------------------

    def start(self) -> None:
        """Queue the upgrade request; write `data_to_send()` next."""
        self._framer.start()

    @property
    def handshake_done(self) -> bool:
        """True once the server answered the upgrade (accepted or not: see `handshake_error`)."""
        return self._framer.handshake_done

    def handshake_error(self, open_timeout: float) -> LiveAvatarError | None:
        """The error to raise for a refused upgrade, else `None`."""
        return self._framer.handshake_error(open_timeout)

    # -- state -----------------------------------------------------------------------------

    @property
    def state(self) -> ConnectionState:
        """Connecting, open, closing (a close frame went or came) or closed (the WebSocket is over)."""
        if self.log.closed:
            return ConnectionState.CLOSED
        if self._framer.is_open:
            return ConnectionState.OPEN
        return ConnectionState.CLOSING if self._framer.handshake_done else ConnectionState.CONNECTING

    # -- bytes in ------------------------------------------------------------------------------

    def receive_data(self, data: bytes) -> None:
        """Take bytes read from the socket: parse the events they complete, note a close."""
        self._messages(self._framer.receive_data(data))

    def receive_eof(self) -> None:
        """The socket reached end of file (or was aborted): the connection is over."""
        self._messages(self._framer.receive_eof())
        self.finish()

    def _messages(self, messages: list[bytes]) -> None:
        for message in messages:
            data = decode_message(message)
            if data is not None:
                self.log.add(parse_event(data), len(message))
        ending = self._framer.ending()
        if ending is not None:
            # The peer's close frame ends the connection for its users at once,
            # whether or not its TCP connection ever follows.
            self.log.mark_closed(*ending)

    def finish(self, reason: str = "") -> None:
        """The transport is gone: close the log, 1000 after our own close, else 1006 (no close frame)."""
        if self.log.by_us:
            self.log.mark_closed(1000, "")
        else:
            self.log.mark_closed(1006, reason)

    # -- bytes out ----------------------------------------------------------------------------

    def data_to_send(self) -> list[bytes]:
        """What to write next, in order.

        websockets' client asks for a half-close (an empty `bytes`) only once
        the server has ended its side, when the drivers close the socket
        anyway; so it is left out here.
        """
        return [data for data in self._framer.data_to_send() if data]

    def check_send(self) -> None:
        """Raise `LiteConnectionClosed` unless a frame may be sent now."""
        if self.log.closed or self.log.by_us or not self._framer.is_open:
            raise self.log.closed_error()

    def send(self, frame: bytes) -> None:
        """Queue one text frame; refused (`LiteConnectionClosed`) once closing or closed."""
        self.check_send()
        self._framer.send_text(frame)

    def command(self, event_type: str) -> str:
        """Queue a command that carries only its id; return the id."""
        event_id = new_event_id()
        self.send(command_frame(event_type, event_id))
        return event_id

    def interrupt(self) -> str:
        """Abandon the utterance in flight (it sends nothing more) and queue `agent.interrupt`; return its id."""
        self.generation += 1
        return self.command("agent.interrupt")

    def close(self) -> bool:
        """Begin our closing handshake (close frame 1000); True when this call began it."""
        if self.log.by_us or self.log.closed:
            return False
        self.log.by_us = True
        self._framer.send_close()
        return True

    def abort(self, reason: str) -> None:
        """The driver gave up on the socket (a send past its deadline, a failed reader): closed, 1006."""
        self.log.mark_closed(1006, reason)


# -- utterances ------------------------------------------------------------------------


def prepare_speak(
    audio: object, chunk_ms: int, first_chunk_ms: int, *, async_ok: bool
) -> tuple[ChunkPlan, memoryview | None]:
    """Check `speak`'s arguments before anything is sent: the chunk plan, and the audio as one buffer if it is one."""
    plan = ChunkPlan.build(chunk_ms, first_chunk_ms)
    whole = whole_audio(audio)
    if whole is None and not isinstance(audio, Iterable | AsyncIterable if async_ok else Iterable):
        raise not_audio_error(audio)
    return plan, whole


class Utterance:
    """One `speak`: its `event_id`, the generation it began in, and its frames."""

    __slots__ = ("_core", "_cutter", "_plan", "event_id", "generation")

    def __init__(self, core: LiteProtocol, plan: ChunkPlan) -> None:
        self._core = core
        self._plan = plan
        self._cutter = Cutter(plan)
        self.event_id = new_event_id()
        self.generation = core.generation

    @property
    def wanted(self) -> bool:
        """False once an interrupt came after this utterance began."""
        return self._core.generation == self.generation

    def cut(self, whole: memoryview) -> Iterator[bytes]:
        """The frames of a whole buffer: its chunks, then `agent.speak_end`."""
        for view in self._plan.cut(whole):
            yield speak_frame(self.event_id, view)
        yield speak_end_frame(self.event_id)

    def stream(self, pieces: Iterable[object]) -> Iterator[bytes]:
        """The frames of a stream, read only while the utterance is wanted."""
        for piece in pieces:
            if not self.wanted:
                return
            yield from self.feed(piece)
        if self.wanted:
            yield from self.end()

    def feed(self, piece: object) -> list[bytes]:
        """The frames one piece of a stream completes (often none); `LiteAudioError` if it is not bytes."""
        return [speak_frame(self.event_id, chunk) for chunk in self._cutter.feed(check_piece(piece, self.event_id))]

    def end(self) -> list[bytes]:
        """The last frames of a stream: its tail and `agent.speak_end` (none for an empty stream)."""
        if self._cutter.ends_mid_sample:
            raise odd_end_error(self._cutter, self.event_id)
        if self._cutter.total == 0:
            return []  # an empty stream opened no utterance, so there is none to end
        tail = self._cutter.tail()
        return [speak_frame(self.event_id, tail)] * bool(tail) + [speak_end_frame(self.event_id)]


# -- waiting, decided -----------------------------------------------------------------------


def ready_failure(log: EventLog, timeout: float, *, require: bool) -> LiveAvatarError | None:
    """What a finished wait for `connected` comes to: nothing (ready, or a logged warning) or the error to raise."""
    if log.ready:
        return None
    if log.terminal or log.closed:
        return log.closed_error()
    if require:
        return timeout_error(READY_WHAT, timeout)
    logger.warning(
        "LITE session not ready after %s s (no 'connected' state); going on, as some sessions never send it",
        timeout,
    )
    return None


def event_type_name(event_type: str | type[LiteEvent]) -> str:
    """`wait_for`'s event type as its error names it."""
    return event_type if isinstance(event_type, str) else event_type.TYPE


class ConnectionView:
    """What both connections show of their state: read from the core, never waiting."""

    _core: LiteProtocol
    _url: Secret[str]

    def __repr__(self) -> str:
        # getattr: a reporter may format one whose constructor raised half-way.
        log = getattr(getattr(self, "_core", None), "log", None)
        return (
            f"{type(self).__name__}(ws_url={masked_repr(getattr(self, '_url', None))}, "
            f"session_state={getattr(log, 'state', None)!r}, closed={getattr(log, 'closed', None)})"
        )

    @property
    def session_state(self) -> str | None:
        """The last `session.state_updated` state, as sent (unknown states included)."""
        return self._core.log.state

    @property
    def is_ready(self) -> bool:
        """True once the session said `connected`."""
        return self._core.log.ready

    @property
    def closed(self) -> bool:
        """True once the connection is over: a close frame came, the socket ended, or `close()` ran."""
        return self._core.log.closed

    @property
    def close_code(self) -> int | None:
        """The close frame's code once closed (1006: the socket ended without one)."""
        return self._core.log.close_code

    @property
    def close_reason(self) -> str:
        """The close frame's reason once closed."""
        return self._core.log.close_reason
