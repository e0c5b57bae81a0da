"""The LITE real-time channel: the `ws_url` WebSocket a LITE session's `start` returns.

`connect_lite(ws_url, ...)` / `connect_lite_async(ws_url, ...)` open it and
return a `LiteConnection` / `AsyncLiteConnection`; the clients'
`sessions.connect` wrap them. Needs the `[realtime]` extra (websockets),
imported on the first connect, not here.

The layers: `_protocol` is the sans-I/O core (state, events, utterances,
what a send is refused for), `_wire` and `_log` its frames and its bounded
event buffer, `_ws` the one module that imports websockets (its sans-I/O
client protocol, for the WebSocket framing), and `_sync` / `_async` the
thin drivers that move bytes and wait.

The protocol as this package speaks it, and where the sources disagree, is
in docs/guides/lite.md.
"""

from typing import TYPE_CHECKING, Any

from ._events import (
    READY_STATE,
    TERMINAL_STATES,
    AgentStateUpdated,
    AudioBufferAppended,
    AudioBufferCleared,
    AudioBufferCommitted,
    EventsDropped,
    LiteEvent,
    ServerErrorEvent,
    ServerWarningEvent,
    SessionStateUpdated,
    SpeakEnded,
    SpeakInterrupted,
    SpeakStarted,
    parse_event,
)
from ._sync import LiteConnection, connect_lite
from ._wire import (
    CLOSE_TIMEOUT,
    DEFAULT_CHUNK_MS,
    DEFAULT_FIRST_CHUNK_MS,
    DEFAULT_KEEP_ALIVE_EVERY,
    DEFAULT_OPEN_TIMEOUT,
    DEFAULT_READY_TIMEOUT,
    DEFAULT_SEND_TIMEOUT,
    MAX_CHUNK_MS,
    MAX_FRAME_BYTES,
    MISSING_EXTRA_MESSAGE,
)

if TYPE_CHECKING:
    from ._async import AsyncLiteConnect, AsyncLiteConnection, connect_lite_async

_ASYNC = ("AsyncLiteConnect", "AsyncLiteConnection", "connect_lite_async")


def __getattr__(name: str) -> Any:
    # The async flavour brings asyncio, which a sync program's connect never needs.
    if name in _ASYNC:
        from . import _async

        value = getattr(_async, name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'liveavatar._lite' has no attribute {name!r}")


__all__ = [
    "connect_lite",
    "connect_lite_async",
    "LiteConnection",
    "AsyncLiteConnection",
    "AsyncLiteConnect",
    "LiteEvent",
    "SessionStateUpdated",
    "SpeakStarted",
    "SpeakEnded",
    "SpeakInterrupted",
    "AgentStateUpdated",
    "AudioBufferAppended",
    "AudioBufferCommitted",
    "AudioBufferCleared",
    "ServerErrorEvent",
    "ServerWarningEvent",
    "EventsDropped",
    "parse_event",
    "READY_STATE",
    "TERMINAL_STATES",
    "DEFAULT_CHUNK_MS",
    "DEFAULT_FIRST_CHUNK_MS",
    "DEFAULT_KEEP_ALIVE_EVERY",
    "DEFAULT_OPEN_TIMEOUT",
    "DEFAULT_READY_TIMEOUT",
    "DEFAULT_SEND_TIMEOUT",
    "CLOSE_TIMEOUT",
    "MAX_CHUNK_MS",
    "MAX_FRAME_BYTES",
    "MISSING_EXTRA_MESSAGE",
]
