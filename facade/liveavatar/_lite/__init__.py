"""The LITE real-time channel: the `ws_url` WebSocket a LITE session's `start` returns.

`connect_lite(ws_url, ...)` / `connect_lite_async(ws_url, ...)` open it and
return a `LiteConnection` / `AsyncLiteConnection`; the clients'
`sessions.connect` wrap them. Needs the `[realtime]` extra (websockets),
imported on the first connect, not here.

The protocol as this package speaks it, and where the sources disagree, is
in the README's "The LITE real-time channel" section.
"""

from ._async import AsyncLiteConnect, AsyncLiteConnection, connect_lite_async
from ._events import (
    READY_STATE,
    TERMINAL_STATES,
    AgentStateUpdated,
    AudioBufferAppended,
    AudioBufferCleared,
    AudioBufferCommitted,
    LiteEvent,
    ServerError,
    ServerWarning,
    SessionStateUpdated,
    SpeakEnded,
    SpeakInterrupted,
    SpeakStarted,
    parse_event,
)
from ._sync import LiteConnection, connect_lite
from ._wire import (
    DEFAULT_CHUNK_MS,
    DEFAULT_FIRST_CHUNK_MS,
    DEFAULT_KEEP_ALIVE_EVERY,
    DEFAULT_OPEN_TIMEOUT,
    DEFAULT_READY_TIMEOUT,
    MAX_CHUNK_MS,
    MAX_FRAME_BYTES,
    MISSING_EXTRA_MESSAGE,
)

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
    "ServerError",
    "ServerWarning",
    "parse_event",
    "READY_STATE",
    "TERMINAL_STATES",
    "DEFAULT_CHUNK_MS",
    "DEFAULT_FIRST_CHUNK_MS",
    "DEFAULT_KEEP_ALIVE_EVERY",
    "DEFAULT_OPEN_TIMEOUT",
    "DEFAULT_READY_TIMEOUT",
    "MAX_CHUNK_MS",
    "MAX_FRAME_BYTES",
    "MISSING_EXTRA_MESSAGE",
]
