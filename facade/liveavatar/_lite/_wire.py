"""What the LITE channel puts on the wire, with no I/O: frames, chunking, options, errors.

The sync and async connections share everything here and in `_protocol`,
so they differ only in how they wait. No socket, thread or clock is used
here; the websockets library is imported only by `_ws`.
"""

from __future__ import annotations

import base64
import json
import threading
import uuid
from collections.abc import Iterator
from typing import Any, Final, Protocol, TypedDict, Unpack

import attrs

from liveavatar._config import (
    LITE_CLOSE_TIMEOUT,
    LITE_OPEN_TIMEOUT,
    LITE_READY_TIMEOUT,
    LITE_SEND_TIMEOUT,
    LITE_SOCKET_KEEP_ALIVE_EVERY,
)
from liveavatar._errors import (
    InvalidRequestError,
    LiteAudioError,
    LiteConnectionClosed,
    LiteTimeoutError,
    LiveAvatarError,
)
from liveavatar._logging import logger
from liveavatar._models import FieldError
from liveavatar._secrets import Secret
from liveavatar._version import __version__
from liveavatar.audio import BYTES_PER_MS, SAMPLE_WIDTH

__all__ = [
    "CLOSE_TIMEOUT",
    "DEFAULT_CHUNK_MS",
    "DEFAULT_FIRST_CHUNK_MS",
    "DEFAULT_KEEP_ALIVE_EVERY",
    "DEFAULT_OPEN_TIMEOUT",
    "DEFAULT_READY_TIMEOUT",
    "DEFAULT_SEND_TIMEOUT",
    "MAX_CHUNK_MS",
    "MAX_FRAME_BYTES",
    "MAX_INBOUND_BYTES",
    "MISSING_EXTRA_MESSAGE",
    "NORMAL_CLOSE_CODES",
    "AsyncClock",
    "ChunkPlan",
    "Clock",
    "ConnectKeywords",
    "ConnectOptions",
    "Cutter",
    "closed_error",
    "command_frame",
    "new_event_id",
    "send_timeout_error",
    "speak_end_frame",
    "speak_frame",
    "timeout_error",
]

# Kept in _config with every other default, so the clients' signatures can name them
# without importing this package (and asyncio with it).
DEFAULT_READY_TIMEOUT: Final = LITE_READY_TIMEOUT
DEFAULT_OPEN_TIMEOUT: Final = LITE_OPEN_TIMEOUT
DEFAULT_KEEP_ALIVE_EVERY: Final = LITE_SOCKET_KEEP_ALIVE_EVERY
DEFAULT_SEND_TIMEOUT: Final = LITE_SEND_TIMEOUT
CLOSE_TIMEOUT: Final = LITE_CLOSE_TIMEOUT
DEFAULT_CHUNK_MS: Final = 1000
"""The docs' "~1 second" chunks."""
DEFAULT_FIRST_CHUNK_MS: Final = 500
"""A shorter first chunk starts the avatar sooner; HeyGen advises 400–600 ms."""
MAX_FRAME_BYTES: Final = 1_000_000
"""The documented "1MB per packet", read as the strictest of its meanings: 10^6 bytes of the whole frame."""
MAX_INBOUND_BYTES: Final = 2**20
"""Largest server message accepted; server events are small, and 1 MiB is what other clients allow."""
NORMAL_CLOSE_CODES: Final = frozenset({1000, 1001, 1005})
"""Close codes of a deliberate close: `events()` ends quietly on these, and raises on any other."""
EVENT_ID_LENGTH: Final = 36
MISSING_EXTRA_MESSAGE: Final = (
    'the LITE real-time channel needs the [realtime] extra: pip install "liveavatar[realtime]"'
)
USER_AGENT: Final = f"liveavatar-python/{__version__}"

_SPEAK_PREFIX = b'{"type":"agent.speak","event_id":"'
_SPEAK_MIDDLE = b'","audio":"'
_SPEAK_SUFFIX = b'"}'
_SPEAK_OVERHEAD = len(_SPEAK_PREFIX) + EVENT_ID_LENGTH + len(_SPEAK_MIDDLE) + len(_SPEAK_SUFFIX)


def _base64_length(size: int) -> int:
    return 4 * -(-size // 3)


def _largest_chunk_ms() -> int:
    # The largest whole number of milliseconds whose agent.speak frame fits in
    # MAX_FRAME_BYTES; derived, not guessed, so the limit is exact.
    budget = MAX_FRAME_BYTES - _SPEAK_OVERHEAD
    milliseconds = (budget // 4 * 3) // BYTES_PER_MS
    while _base64_length(milliseconds * BYTES_PER_MS) > budget:
        milliseconds -= 1
    return milliseconds


MAX_CHUNK_MS: Final = _largest_chunk_ms()
"""The longest chunk whose `agent.speak` frame stays within `MAX_FRAME_BYTES` (15,624 ms)."""


def new_event_id() -> str:
    """A fresh command id: a UUID4, the form HeyGen's own clients use."""
    return str(uuid.uuid4())


def speak_frame(event_id: str, pcm: bytes | bytearray | memoryview) -> bytes:
    """One `agent.speak` frame as UTF-8 JSON; built by hand because `json.dumps` would copy the audio again."""
    frame = b"".join((_SPEAK_PREFIX, event_id.encode("ascii"), _SPEAK_MIDDLE, base64.b64encode(pcm), _SPEAK_SUFFIX))
    if len(frame) > MAX_FRAME_BYTES:  # ChunkPlan keeps speak() below this; the check is the last word
        raise LiveAvatarError(f"internal error: an agent.speak frame of {len(frame)} bytes was about to be sent")
    return frame


def speak_end_frame(event_id: str) -> bytes:
    """The `agent.speak_end` frame that closes utterance `event_id`."""
    return command_frame("agent.speak_end", event_id)


def command_frame(event_type: str, event_id: str) -> bytes:
    """A command with no data but its id: `agent.interrupt`, `session.keep_alive`, …."""
    return json.dumps({"type": event_type, "event_id": event_id}, separators=(",", ":")).encode()


# -- chunking -----------------------------------------------------------------


@attrs.frozen
class ChunkPlan:
    """How `speak` cuts audio: `first` bytes, then `rest` bytes, each a whole number of samples."""

    first: int
    rest: int

    @classmethod
    def build(cls, chunk_ms: int, first_chunk_ms: int) -> ChunkPlan:
        """Check the two durations and turn them into byte counts; raises `InvalidRequestError`."""
        given: tuple[tuple[str, object], ...] = (("chunk_ms", chunk_ms), ("first_chunk_ms", first_chunk_ms))
        problems = [
            FieldError(name, f"must be a whole number of milliseconds from 1 to {MAX_CHUNK_MS}, not {value!r}")
            for name, value in given
            if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= MAX_CHUNK_MS
        ]
        if problems:
            raise InvalidRequestError(problems)
        # A whole millisecond is 24 whole samples, so every cut is on a sample boundary.
        return cls(first=first_chunk_ms * BYTES_PER_MS, rest=chunk_ms * BYTES_PER_MS)

    def cut(self, pcm: memoryview) -> Iterator[memoryview]:
        """Slices of a whole buffer, without copying it."""
        start, size = 0, self.first
        while start < len(pcm):
            yield pcm[start : start + size]
            start, size = start + size, self.rest


class Cutter:
    """Re-cuts a stream of byte pieces of any sizes into a `ChunkPlan`'s chunks."""

    __slots__ = ("_buffer", "_next", "_rest", "total")

    def __init__(self, plan: ChunkPlan) -> None:
        self._buffer = bytearray()
        self._next = plan.first
        self._rest = plan.rest
        self.total = 0

    def feed(self, piece: bytes | bytearray | memoryview) -> list[bytes]:
        """Take one piece; return the chunks it completed (often none)."""
        self._buffer += piece
        self.total += len(piece)
        chunks: list[bytes] = []
        while len(self._buffer) >= self._next:
            chunks.append(bytes(self._buffer[: self._next]))
            del self._buffer[: self._next]
            self._next = self._rest
        return chunks

    def tail(self) -> bytes:
        """What is left at the end of the stream (an even number of bytes, possibly none)."""
        return bytes(self._buffer)

    @property
    def ends_mid_sample(self) -> bool:
        """True when the stream so far has an odd number of bytes."""
        return self.total % SAMPLE_WIDTH != 0


def whole_audio(audio: object) -> memoryview | None:
    """`audio` as a flat byte view if it is bytes-like, else `None`; raises `InvalidRequestError` for bad input."""
    if isinstance(audio, str):
        raise InvalidRequestError([FieldError("audio", "must be PCM bytes or an iterable of bytes, not str")])
    try:
        view = memoryview(audio)  # type: ignore[arg-type]
    except TypeError:
        return None
    try:
        flat = view.cast("B")
    except TypeError:
        raise InvalidRequestError([FieldError("audio", "must be a contiguous buffer")]) from None
    if flat.nbytes == 0:
        raise InvalidRequestError([FieldError("audio", "is empty")])
    if flat.nbytes % SAMPLE_WIDTH:
        raise InvalidRequestError(
            [FieldError("audio", f"has {flat.nbytes} bytes, an odd number: 16-bit PCM has 2 bytes a sample")]
        )
    return flat


def check_piece(piece: object, event_id: str) -> bytes | bytearray | memoryview:
    """One item of an audio stream, checked to be bytes-like; raises `LiteAudioError` otherwise."""
    if isinstance(piece, bytes | bytearray | memoryview):
        return piece
    raise LiteAudioError(
        f"the audio stream yielded {type(piece).__name__}, not bytes; nothing more was sent for utterance {event_id}",
        event_id=event_id,
    )


def odd_end_error(cutter: Cutter, event_id: str) -> LiteAudioError:
    """The error for a stream that ended on half a sample."""
    return LiteAudioError(
        f"the audio stream ended on half a 16-bit sample ({cutter.total} bytes in all); "
        f"nothing more was sent for utterance {event_id}: interrupt() clears what the server holds",
        event_id=event_id,
    )


def not_audio_error(audio: object) -> InvalidRequestError:
    """The error for something that is neither bytes-like nor a stream."""
    return InvalidRequestError(
        [FieldError("audio", f"must be PCM bytes or an iterable of bytes, not {type(audio).__name__}")]
    )


# -- options -----------------------------------------------------------------


class ConnectKeywords(TypedDict, total=False):
    """The keyword options of `connect_lite` / `connect_lite_async`, for the drivers' test seams."""

    ready_timeout: float
    require_ready: bool
    keep_alive_every: float | None
    open_timeout: float
    send_timeout: float


@attrs.frozen(kw_only=True)
class ConnectOptions:
    """A connect's options, checked; the defaults are `_config`'s."""

    ready_timeout: float = DEFAULT_READY_TIMEOUT
    require_ready: bool = False
    keep_alive_every: float | None = DEFAULT_KEEP_ALIVE_EVERY
    open_timeout: float = DEFAULT_OPEN_TIMEOUT
    send_timeout: float = DEFAULT_SEND_TIMEOUT

    @classmethod
    def checked(cls, **options: Unpack[ConnectKeywords]) -> ConnectOptions:
        """The options, after refusing values that would make a wait unbounded or a timer spin."""
        made = cls(**options)
        every = made.keep_alive_every
        given: tuple[tuple[str, object], ...] = (
            ("ready_timeout", made.ready_timeout),
            ("open_timeout", made.open_timeout),
            ("send_timeout", made.send_timeout),
            ("keep_alive_every", 1.0 if every is None else every),
        )
        problems = [
            FieldError(name, f"must be a positive number of seconds, not {value!r}")
            for name, value in given
            if isinstance(value, bool) or not isinstance(value, int | float) or not 0 < value < float("inf")
        ]
        if problems:
            raise InvalidRequestError(problems)
        return made


def secret_url(ws_url: str | Secret[str]) -> Secret[str]:
    """`ws_url` held as a `Secret`, checked to be text."""
    if isinstance(ws_url, Secret):
        return ws_url
    if not isinstance(ws_url, str):
        raise InvalidRequestError([FieldError("ws_url", f"must be a str, not {type(ws_url).__name__}")])
    return Secret.text(ws_url)


# -- clocks ------------------------------------------------------------------


class Clock(Protocol):
    """What the sync keep-alive timer reads and waits on; tests pass a controlled one."""

    def monotonic(self) -> float:
        """Seconds, from any origin."""

    def sleep(self, seconds: float, stop: threading.Event) -> bool:
        """Wait `seconds`, or until `stop` is set; True when it was."""


class AsyncClock(Protocol):
    """What the async keep-alive timer reads and waits on; tests pass a controlled one."""

    def monotonic(self) -> float:
        """Seconds, from any origin."""

    async def sleep(self, seconds: float) -> None:
        """Wait `seconds` (the task is cancelled to stop it early)."""


# -- closing -----------------------------------------------------------------


def closed_error(code: int | None, reason: str, *, by_us: bool) -> LiteConnectionClosed:
    """The public error for a closed channel."""
    if by_us:
        message = "the LITE connection was closed by this client"
    elif code is None:
        message = f"the LITE session ended ({reason})"
    else:
        message = f"the LITE server closed the connection: code {code}" + (f" ({reason})" if reason else "")
    return LiteConnectionClosed(message, close_code=code, close_reason=reason)


def timeout_error(what: str, seconds: float | None) -> LiteTimeoutError:
    """The public error for a wait that ran out."""
    return LiteTimeoutError(f"no {what} within {seconds} s")


def send_timeout_error(seconds: float) -> LiteTimeoutError:
    """The error for a frame the socket would not take in time (the connection is then aborted)."""
    return LiteTimeoutError(f"the LITE server took no data for {seconds} s (send_timeout); the connection was aborted")


def decode_message(message: str | bytes) -> dict[str, Any] | None:
    """A server message as a JSON object, or `None` (logged) when it is not one."""
    try:
        data = json.loads(message)
    except (ValueError, RecursionError):
        data = None
    if not isinstance(data, dict):
        logger.warning("LITE server sent a message that is not a JSON object (%d bytes); ignored", len(message))
        return None
    return data
