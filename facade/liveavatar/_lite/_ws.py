"""The one module that imports websockets: its sans-I/O client protocol, behind `WebSocketFramer`.

websockets splits its WebSocket code the way this package splits the LITE
channel: `websockets.client.ClientProtocol` turns bytes into frames and
frames into bytes, with no socket, and its sync and asyncio connections
only move those bytes. The LITE drivers (`_sync`, `_async`) move them
instead, so that every write has a deadline and every close a bound, which
websockets' own connections do not give.

Everything websockets raises or reports is turned into one of ours here,
with nothing chained: its exceptions and requests hold the `ws_url`, a
bearer capability. The library is imported on the first connect, so
`import liveavatar` works without the `[realtime]` extra.
"""

from __future__ import annotations

import logging
import sys
import traceback
import urllib.parse
from typing import Any, Final

import attrs

from liveavatar._errors import InvalidRequestError, LiteConnectError, LiveAvatarError
from liveavatar._logging import logger
from liveavatar._models import FieldError
from liveavatar._secrets import Secret

from ._wire import MAX_INBOUND_BYTES, MISSING_EXTRA_MESSAGE, USER_AGENT, timeout_error

__all__ = ["Endpoint", "QuietLogger", "WebSocketFramer", "load_websockets", "open_error"]

_NORMAL_CLOSE: Final = 1000


def load_websockets() -> None:
    """Import websockets' sans-I/O client; `LiveAvatarError` naming the `[realtime]` extra when it is missing."""
    try:
        import websockets.client  # noqa: F401 - imported to fail early, before a session is minted
    except ImportError:
        missing = True
    else:
        missing = False
    if missing:
        raise LiveAvatarError(MISSING_EXTRA_MESSAGE)


@attrs.frozen
class Endpoint:
    """Where a `ws_url` points: host, port, TLS. No path: the path and query are the capability."""

    host: str
    port: int
    secure: bool


class QuietLogger(logging.LoggerAdapter[logging.Logger]):
    """The logger handed to websockets: its wire lines dropped, the URL masked out of the rest.

    websockets logs the handshake at DEBUG (`> GET /path?query HTTP/1.1`, every
    header) and every frame (`> TEXT '{"type":"agent.speak",...}'`), so every
    line that starts with `>` or `<` goes, the request line with the
    capability in it included. What remains (state changes, errors) goes to
    `liveavatar.websockets` with any text of the URL replaced by its mask.
    """

    def __init__(self, url: Secret[str]) -> None:
        super().__init__(logging.getLogger(f"{logger.name}.websockets"))
        raw = url.reveal()
        parts = urllib.parse.urlsplit(raw)
        resource = parts.path + (f"?{parts.query}" if parts.query else "")
        self._hidden = tuple(text for text in (raw, resource, parts.query) if len(text) > 1)
        self._mask = url.masked

    def log(self, level: int, msg: object, *args: object, **kwargs: Any) -> None:
        """Forward one record, unless it is a wire line."""
        if not self.isEnabledFor(level):
            return
        text = str(msg) % args if args else str(msg)
        if text.startswith((">", "<")):
            return
        exc_info = kwargs.pop("exc_info", None)
        if exc_info:
            # Formatted here, so that an exception's text is masked like the message.
            error = exc_info if isinstance(exc_info, BaseException) else sys.exc_info()[1]
            if error is not None:
                text += "\n" + "".join(traceback.format_exception(error)).rstrip()
        for hidden in self._hidden:
            text = text.replace(hidden, self._mask)
        kwargs.pop("stacklevel", None)
        self.logger.log(level, "%s", text, **kwargs)


def _bad_url() -> InvalidRequestError:
    return InvalidRequestError([FieldError("ws_url", "is not a ws:// or wss:// URL")])


class WebSocketFramer:
    """One client WebSocket, sans I/O: bytes in, whole text messages out; text frames in, bytes out.

    Made from the `ws_url`; `endpoint` says where to connect. `start()`
    queues the upgrade request; `receive_data` / `receive_eof` take what the
    socket read and return the messages it completed; `data_to_send()` is
    what to write next (an empty `bytes` means: half-close the socket).
    Pings are answered and close frames echoed by websockets itself.
    """

    __slots__ = ("_parts", "_protocol", "_response", "endpoint")

    def __init__(self, url: Secret[str]) -> None:
        load_websockets()
        from websockets.client import ClientProtocol
        from websockets.exceptions import InvalidURI
        from websockets.uri import parse_uri

        try:
            parsed = parse_uri(url.reveal())
        except InvalidURI:
            parsed = None
        if parsed is None:
            raise _bad_url()
        self.endpoint = Endpoint(parsed.host, parsed.port, parsed.secure)
        self._protocol: Any = ClientProtocol(parsed, max_size=MAX_INBOUND_BYTES, logger=QuietLogger(url))
        self._parts: list[bytes] = []
        self._response = False

    # -- the handshake -----------------------------------------------------------------

    def start(self) -> None:
        """Queue the upgrade request (the path and query, the capability, go only to the socket)."""
        request = self._protocol.connect()
        request.headers["User-Agent"] = f"{USER_AGENT} websockets"
        self._protocol.send_request(request)

    @property
    def handshake_done(self) -> bool:
        """True once the server answered the upgrade, accepted or not."""
        return self._response

    def handshake_error(self, open_timeout: float) -> LiveAvatarError | None:
        """Our error for a refused or broken upgrade; `None` once accepted (or not yet answered)."""
        from websockets.exceptions import InvalidStatus

        failure = self._protocol.handshake_exc
        if failure is None:
            return None
        if isinstance(failure, InvalidStatus):
            status = int(failure.response.status_code)
            return LiteConnectError(f"the LITE server refused the WebSocket upgrade: HTTP {status}", status_code=status)
        if isinstance(failure, TimeoutError):  # pragma: no cover - websockets reports no timeout of its own
            return timeout_error("WebSocket handshake", open_timeout)
        return LiteConnectError(f"the LITE WebSocket handshake failed: {type(failure).__name__}")

    # -- bytes in, messages out ------------------------------------------------------------

    def receive_data(self, data: bytes) -> list[bytes]:
        """Feed bytes read from the socket; the text or binary messages they completed."""
        self._protocol.receive_data(data)
        return self._messages()

    def receive_eof(self) -> list[bytes]:
        """The socket reached end of file."""
        self._protocol.receive_eof()
        return self._messages()

    def _messages(self) -> list[bytes]:
        from websockets.frames import Frame, Opcode

        messages: list[bytes] = []
        for event in self._protocol.events_received():
            if not isinstance(event, Frame):
                self._response = True  # the handshake's answer
                continue
            if event.opcode in (Opcode.TEXT, Opcode.BINARY, Opcode.CONT):
                self._parts.append(bytes(event.data))
                if event.fin:
                    messages.append(b"".join(self._parts))
                    self._parts.clear()
        return messages

    # -- frames out ---------------------------------------------------------------------------

    def send_text(self, frame: bytes) -> None:
        """Queue one text frame (UTF-8 already)."""
        self._protocol.send_text(frame)

    def send_close(self) -> bool:
        """Queue a close frame with 1000; False when the closing handshake had begun already."""
        from websockets.protocol import State

        if self._protocol.state is not State.OPEN:
            return False
        self._protocol.send_close(_NORMAL_CLOSE)
        return True

    def data_to_send(self) -> list[bytes]:
        """What to write, in order; an empty `bytes` asks for a half-close."""
        data: list[bytes] = self._protocol.data_to_send()
        return data

    # -- state -----------------------------------------------------------------------------------

    @property
    def is_open(self) -> bool:
        """True while frames may be sent: upgraded, and no close frame sent or received."""
        from websockets.protocol import State

        return bool(self._protocol.state is State.OPEN)

    @property
    def is_closed(self) -> bool:
        """True once the TCP connection is known to be over."""
        from websockets.protocol import State

        return bool(self._protocol.state is State.CLOSED)

    def ending(self) -> tuple[int, str] | None:
        """How the WebSocket ended, as soon as it is known: the peer's close frame, our own failure, or 1006.

        The peer's close frame decides at once, whether or not its TCP
        connection follows; so does a close websockets sent because the
        peer broke the protocol (1009 for an oversize message, 1002, 1007).
        """
        protocol = self._protocol
        if protocol.close_rcvd is not None:
            return int(protocol.close_rcvd.code), str(protocol.close_rcvd.reason)
        sent = protocol.close_sent
        if sent is not None and sent.code != _NORMAL_CLOSE:
            return int(sent.code), str(sent.reason)
        if self.is_closed:
            return 1006, ""
        return None


def open_error(exc: OSError, open_timeout: float) -> LiveAvatarError:
    """Our error for a socket that could not be opened; reads only fields that cannot hold the URL."""
    if isinstance(exc, TimeoutError):
        return timeout_error("WebSocket handshake", open_timeout)
    # strerror ("Connection refused", "Name or service not known") names no host or path.
    return LiteConnectError(f"could not reach the LITE server: {exc.strerror or type(exc).__name__}")
