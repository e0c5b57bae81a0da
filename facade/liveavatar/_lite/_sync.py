"""`LiteConnection`: the LITE channel driven by a plain socket and two threads, and `connect_lite`.

A driver only: it moves bytes between the socket and the `LiteProtocol`
core and waits; every decision is the core's. Three kinds of thread touch
a connection: the callers' (`speak` in one, `interrupt` from another is
the point), a reader that takes every byte off the socket as it comes, and
the keep-alive timer.

One lock (`_lock`, a condition) guards the core and is never held while
the socket is read, written or waited on. Writing is done by whichever
thread finds nobody writing: it becomes the writer (`_writing`) and writes
everything queued, other threads' frames included. So no thread ever waits
on another's blocked write: `interrupt()` marks the utterance in flight
unwanted, queues `agent.interrupt` and returns; the writer sends it after
the frame it is writing (a frame cannot be cut short without breaking the
WebSocket), and sends nothing more of the interrupted utterance.

Every write has a deadline: `send_timeout` seconds from the moment the
socket first refuses bytes (no clock is read while it takes them). Past it
the socket is aborted, which wakes every thread waiting on it. Aborting
takes no lock, so a signal handler may do it (`abort()`). `close()` gives
the server `CLOSE_TIMEOUT` seconds for its side of the closing handshake,
then aborts, and returns within that plus one second.
"""

from __future__ import annotations

import contextlib
import select
import socket
import ssl
import threading
import time
from collections.abc import Iterable, Iterator
from types import TracebackType
from typing import Final, Self, TypeVar, Unpack, overload

from liveavatar._errors import LiveAvatarError
from liveavatar._logging import logger
from liveavatar._secrets import Secret

from ._events import LiteEvent
from ._log import matcher
from ._protocol import ConnectionView, LiteProtocol, Utterance, event_type_name, prepare_speak, ready_failure
from ._wire import (
    CLOSE_TIMEOUT,
    DEFAULT_CHUNK_MS,
    DEFAULT_FIRST_CHUNK_MS,
    DEFAULT_KEEP_ALIVE_EVERY,
    DEFAULT_OPEN_TIMEOUT,
    DEFAULT_READY_TIMEOUT,
    DEFAULT_SEND_TIMEOUT,
    Clock,
    ConnectKeywords,
    ConnectOptions,
    secret_url,
    send_timeout_error,
    timeout_error,
)
from ._ws import Endpoint, WebSocketFramer, open_error

__all__ = ["LiteConnection", "SystemClock", "connect_lite", "open_lite"]

E = TypeVar("E", bound=LiteEvent)

_READ_SIZE: Final = 65536
_ABORT_GRACE: Final = 1.0
"""Seconds the threads get to finish once the socket is aborted: the `+ 1 s` of close()'s bound."""
_WOULD_BLOCK: Final = (BlockingIOError, ssl.SSLWantReadError, ssl.SSLWantWriteError)


class SystemClock:
    """The real clock, for the sync keep-alive timer."""

    def monotonic(self) -> float:
        """`time.monotonic()`."""
        return time.monotonic()

    def sleep(self, seconds: float, stop: threading.Event) -> bool:
        """`stop.wait(seconds)`."""
        return stop.wait(seconds)


def _wait_socket(sock: socket.socket, *, write: bool, timeout: float | None) -> None:
    """Wait until `sock` is readable (or writable), at most `timeout` seconds; a closed socket returns at once."""
    try:
        if hasattr(select, "poll"):
            poller = select.poll()
            poller.register(sock, select.POLLOUT if write else select.POLLIN)
            poller.poll(None if timeout is None else max(0, int(timeout * 1000) + 1))
        else:  # pragma: no cover - Windows has no poll
            select.select([] if write else [sock], [sock] if write else [], [], timeout)
    except (OSError, ValueError):
        return  # closed under us: the next read or write reports it


class LiteConnection(ConnectionView):
    """An open LITE channel: stream audio to the avatar, send its commands, read its events.

    Made by `connect_lite` (or the client's `sessions.connect`); a context
    manager that closes the socket on exit. Thread-safe: `interrupt()` from
    one thread stops a `speak()` running in another, at once, even one
    blocked on a server that stopped reading.
    """

    def __init__(
        self,
        sock: socket.socket,
        core: LiteProtocol,
        *,
        url: Secret[str],
        keep_alive_every: float | None = DEFAULT_KEEP_ALIVE_EVERY,
        send_timeout: float = DEFAULT_SEND_TIMEOUT,
        clock: Clock | None = None,
    ) -> None:
        self._url = url
        self._core = core
        self._sock = sock
        sock.setblocking(False)
        self._lock = threading.Condition()
        self._writing = False
        self._aborted = False
        self._reader_done = False
        self._closing_since: float | None = None
        self._speak_lock = threading.Lock()
        self._send_timeout = send_timeout
        self._stop = threading.Event()
        self._clock: Clock = clock if clock is not None else SystemClock()
        self._keep_alive_every = keep_alive_every
        self._last_keep_alive = self._clock.monotonic()
        self._reader = threading.Thread(target=self._read_loop, name="liveavatar-lite-reader", daemon=True)
        self._reader.start()
        self._keeper: threading.Thread | None = None
        if keep_alive_every is not None:
            self._keeper = threading.Thread(target=self._keep_alive_loop, name="liveavatar-lite-keepalive", daemon=True)
            self._keeper.start()

    # -- commands --------------------------------------------------------------

    def speak(
        self,
        audio: bytes | bytearray | memoryview | Iterable[bytes | bytearray | memoryview],
        *,
        chunk_ms: int = DEFAULT_CHUNK_MS,
        first_chunk_ms: int = DEFAULT_FIRST_CHUNK_MS,
    ) -> str:
        """Stream one utterance of 24 kHz mono 16-bit PCM; return its `event_id`.

        `audio` is bytes-like, or an iterable of bytes (a TTS stream) read as
        fast as it yields. It is re-cut on sample boundaries into a
        `first_chunk_ms` chunk, then `chunk_ms` chunks, each sent as
        `agent.speak` under the one `event_id`, then `agent.speak_end`.

        Returns early, sending nothing more, when `interrupt()` is called
        (a stream is then not read again; a `next()` already waiting on it
        finishes first). Raises `InvalidRequestError` before sending for bad
        options or bytes of odd length, `LiteAudioError` when a stream ends
        on half a sample, `LiteConnectionClosed` when the connection is
        closed, `LiteTimeoutError` when the server took no data for
        `send_timeout` seconds (the connection is then aborted).
        """
        plan, whole = prepare_speak(audio, chunk_ms, first_chunk_ms, async_ok=False)
        with self._lock:
            utterance = Utterance(self._core, plan)
        with self._speak_lock:
            frames = utterance.cut(whole) if whole is not None else utterance.stream(audio)
            for frame in frames:
                if not self._send(frame, utterance):
                    break
        return utterance.event_id

    def interrupt(self) -> str:
        """Stop any `speak` in progress on this connection, and send `agent.interrupt`; return its `event_id`.

        Never waits for a blocked send: the frame is queued behind the one
        being written and goes out when the socket takes it (or the
        connection ends at that write's deadline). Third parties see
        `agent.audio_buffer_cleared` answer it with this id as
        `source_event_id`.
        """
        with self._lock:
            event_id = self._core.interrupt()
            write = self._claim_writer()
        if write:
            self._flush()
        return event_id

    def start_listening(self) -> str:
        """Send `agent.start_listening` (the avatar's listening pose); return its `event_id`."""
        return self._command("agent.start_listening")

    def stop_listening(self) -> str:
        """Send `agent.stop_listening` (back to idle); return its `event_id`."""
        return self._command("agent.stop_listening")

    def keep_alive(self) -> str:
        """Send `session.keep_alive` now (the timer then counts from here); return its `event_id`."""
        self._last_keep_alive = self._clock.monotonic()
        return self._command("session.keep_alive")

    def abort(self) -> None:
        """Drop the socket now, with no closing handshake: every wait on it ends, sends raise.

        Takes no lock, so it is safe from a signal handler or any thread
        while another is blocked in `speak`. Call `close()` after it to
        release the threads and the socket.
        """
        self._aborted = True
        with contextlib.suppress(OSError):
            # socket.socket's own shutdown, also for a TLS socket: its SSL
            # object stays, so another thread's read or write fails cleanly.
            socket.socket.shutdown(self._sock, socket.SHUT_RDWR)

    def close(self) -> None:
        """Close (code 1000) and stop the reader and the timer; safe to call twice.

        Waits up to `CLOSE_TIMEOUT` seconds for the server's side of the
        closing handshake, then aborts the socket: returns within that plus
        one second whatever the server does.
        """
        deadline = time.monotonic() + CLOSE_TIMEOUT
        with self._lock:
            if self._core.close() and self._closing_since is None:
                self._closing_since = time.monotonic()
            write = self._claim_writer()
        self._stop.set()
        if write:
            with contextlib.suppress(LiveAvatarError):
                self._flush(limit=deadline)
        # (The reader never calls close(): it runs only this module's code.)
        self._reader.join(max(0.0, deadline - time.monotonic()))
        if self._reader.is_alive():
            self.abort()  # a server that does not finish the closing handshake
        grace = max(time.monotonic(), deadline) + _ABORT_GRACE
        for thread in (self._reader, self._keeper):
            if thread is not None and thread is not threading.current_thread():
                thread.join(max(0.0, grace - time.monotonic()))
        with self._lock:
            # A reader that never reported the end (still finishing) still ends events() and wait_for.
            self._core.finish()
            self._release_socket()
            self._lock.notify_all()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, traceback: TracebackType | None
    ) -> None:
        self.close()

    # -- events ----------------------------------------------------------------

    def events(self) -> Iterator[LiteEvent]:
        """Every server event in order, each once; ends when the connection closes.

        A deliberate close (1000, 1001, 1005, or `close()`) just ends the
        loop; any other raises `LiteConnectionClosed` after the last event.
        The server's close frame ends it at once, whether or not the server
        then ends its TCP connection. Meant for one reader at a time: two
        loops would split the events.
        """
        log = self._core.log
        while True:
            with self._lock:
                while not log.pending and not log.closed:
                    self._lock.wait()
                event = log.take()
                if event is None:
                    failure = log.closed_error() if log.ended_abnormally else None
                    break
            yield event
        if failure is not None:
            raise failure

    @overload
    def wait_for(self, event_type: type[E], *, event_id: str | None = None, timeout: float | None) -> E: ...

    @overload
    def wait_for(self, event_type: str, *, event_id: str | None = None, timeout: float | None) -> LiteEvent: ...

    def wait_for(
        self, event_type: str | type[LiteEvent], *, event_id: str | None = None, timeout: float | None
    ) -> LiteEvent:
        """The first event of `event_type` (a `type` string or an event class), waiting up to `timeout` seconds.

        With `event_id`, only an event about that command (as its `event_id`
        or `source_event_id`) matches, and one that came before the call
        counts too; without it, only events from now on. Does not take
        events from `events()`. Raises `LiteTimeoutError` when the time runs
        out, `LiteConnectionClosed` at once if the connection closes first.
        """
        match = matcher(event_type)
        deadline = None if timeout is None else time.monotonic() + timeout
        log = self._core.log
        with self._lock:
            since = log.received
            while True:
                found = log.first_match(match, event_id, since)
                if found is not None:
                    return found
                if log.closed:
                    failure: LiveAvatarError = log.closed_error()
                    break
                remaining = None if deadline is None else deadline - time.monotonic()
                if remaining is not None and remaining <= 0:
                    failure = timeout_error(f"{event_type_name(event_type)} event", timeout)
                    break
                self._lock.wait(remaining)
        raise failure

    def wait_ready(self, timeout: float, *, require: bool) -> None:
        """Wait for `connected`; used by `connect_lite`, callable again after a `connect` that did not wait.

        Raises `LiteConnectionClosed` when the session reports a terminal
        state or the connection closes first; when the time runs out, raises
        `LiteTimeoutError` if `require`, else logs a warning and returns.
        """
        deadline = time.monotonic() + timeout
        log = self._core.log
        with self._lock:
            while not (log.ready or log.terminal or log.closed):
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    break
                self._lock.wait(remaining)
            failure = ready_failure(log, timeout, require=require)
        if failure is not None:
            raise failure

    # -- writing -----------------------------------------------------------------

    def _claim_writer(self) -> bool:
        """Under the lock: become the writer, unless another thread is (it will write what was queued)."""
        if self._writing or self._aborted or self._reader_done:
            return False
        self._writing = True
        return True

    def _command(self, event_type: str) -> str:
        with self._lock:
            event_id = self._core.command(event_type)
            write = self._claim_writer()
        if write:
            self._flush()
        return event_id

    def _send(self, frame: bytes, utterance: Utterance) -> bool:
        """Queue one frame of `utterance` and see it written; False (nothing sent) once it is unwanted."""
        with self._lock:
            if not utterance.wanted:
                return False
            self._core.send(frame)
            while self._writing:
                # Another thread writes what is queued, this frame included; its deadline bounds this wait.
                self._lock.wait()
            if self._aborted or self._reader_done:
                raise self._core.log.closed_error()
            self._writing = True
        self._flush()
        return True

    def _flush(self, limit: float | None = None) -> None:
        """Write everything queued; the caller is the writer. Gives the place up on return or failure."""
        try:
            while True:
                with self._lock:
                    chunks = self._core.data_to_send()
                    if not chunks:
                        self._give_up_writing()
                        return
                for chunk in chunks:
                    self._write(chunk, limit)
        except BaseException:
            with self._lock:
                self._give_up_writing()
            raise

    def _give_up_writing(self) -> None:
        self._writing = False
        if self._reader_done:
            self._release_socket()
        self._lock.notify_all()

    def _write(self, chunk: bytes, limit: float | None) -> None:
        """Write `chunk` whole, within `send_timeout` of the socket's first refusal (and by `limit`)."""
        view = memoryview(chunk)
        deadline: float | None = None
        while True:
            broken = self._aborted
            if not broken:
                try:
                    view = view[self._sock.send(view) :]
                except _WOULD_BLOCK:
                    pass
                except (OSError, ValueError):
                    broken = True  # the peer reset the connection, or it was aborted under us
            if broken:
                self._abandon("the socket failed")
                raise self._closed_error()
            if not view:
                return
            now = time.monotonic()
            if deadline is None:
                deadline = now + self._send_timeout if limit is None else min(limit, now + self._send_timeout)
            if now >= deadline:
                self._abandon("send timed out")
                raise send_timeout_error(self._send_timeout)
            _wait_socket(self._sock, write=True, timeout=deadline - now)

    def _abandon(self, reason: str) -> None:
        self.abort()
        with self._lock:
            self._core.abort(reason)
            self._lock.notify_all()

    def _closed_error(self) -> LiveAvatarError:
        with self._lock:
            self._core.abort("aborted")
            return self._core.log.closed_error()

    def _release_socket(self) -> None:
        """Under the lock, once nobody writes and the reader is done (or gone): close the file descriptor."""
        if not self._writing:
            self._sock.close()

    # -- reading -----------------------------------------------------------------

    def _read_loop(self) -> None:
        reason = ""
        try:
            while self._read_once():
                pass
        except LiveAvatarError:
            pass  # a write of a pong or the close echo failed: the connection is aborted already
        except Exception:  # noqa: BLE001 - a dead reader would leave every waiter hanging
            logger.exception("LITE reader failed; treating the connection as closed")
            reason = "reader failed"
        self.abort()
        with self._lock:
            self._core.finish(reason)
            self._reader_done = True
            self._release_socket()
            self._lock.notify_all()
        self._stop.set()

    def _read_once(self) -> bool:
        """Read what the socket has and give it to the core; False once the connection is over."""
        try:
            data = self._sock.recv(_READ_SIZE)
        except _WOULD_BLOCK:
            return self._wait_readable()
        except (OSError, ValueError):
            data = b""
        if self._aborted:
            data = b""  # after an abort, a TLS socket may hand back raw bytes: nothing more is read
        with self._lock:
            if data:
                self._core.receive_data(data)
            else:
                self._core.receive_eof()
            if self._closing_since is None and self._core.log.closed:
                self._closing_since = time.monotonic()
            write = self._claim_writer()
            self._lock.notify_all()
        if write:
            self._flush()  # pongs, the close frame's echo
        return bool(data)

    def _wait_readable(self) -> bool:
        """Wait for bytes; once closing, only until the server's `CLOSE_TIMEOUT` runs out (then False)."""
        closing_since = self._closing_since
        if closing_since is None:
            _wait_socket(self._sock, write=False, timeout=None)
            return True
        remaining = closing_since + CLOSE_TIMEOUT - time.monotonic()
        if remaining <= 0:
            return False  # a close frame and no end of TCP: the connection is over all the same
        _wait_socket(self._sock, write=False, timeout=remaining)
        return True

    def _keep_alive_loop(self) -> None:
        assert self._keep_alive_every is not None
        while not self._stop.is_set():
            wait = self._last_keep_alive + self._keep_alive_every - self._clock.monotonic()
            if wait > 0:
                if self._clock.sleep(wait, self._stop):
                    return
                continue  # a manual keep_alive() may have moved the due time
            try:
                self.keep_alive()
            except LiveAvatarError:
                return


def connect_lite(
    ws_url: str | Secret[str],
    *,
    ready_timeout: float = DEFAULT_READY_TIMEOUT,
    require_ready: bool = False,
    keep_alive_every: float | None = DEFAULT_KEEP_ALIVE_EVERY,
    open_timeout: float = DEFAULT_OPEN_TIMEOUT,
    send_timeout: float = DEFAULT_SEND_TIMEOUT,
) -> LiteConnection:
    """Open the LITE channel at `ws_url` and wait (up to `ready_timeout`) for the session to be ready.

    When `connected` does not come in time, logs a warning and returns
    (some sessions never send it), or raises `LiteTimeoutError` with
    `require_ready=True`; `LiteConnectionClosed` when the session reports
    `closing`/`closed`/`disconnected` or the socket closes first.
    `keep_alive_every`: seconds between `session.keep_alive` messages
    (`None`: none). `send_timeout`: seconds a frame may wait for the server
    to take it before the connection is aborted. Raises `LiteConnectError`
    when the socket cannot be opened (a refused upgrade has `status_code`),
    `LiveAvatarError` without the `[realtime]` extra. `ws_url` may be given
    as a `Secret`.
    """
    url = secret_url(ws_url)
    del ws_url  # from here on only the Secret: no frame local shows the capability
    return open_lite(
        url,
        ready_timeout=ready_timeout,
        require_ready=require_ready,
        keep_alive_every=keep_alive_every,
        open_timeout=open_timeout,
        send_timeout=send_timeout,
    )


def open_lite(
    url: Secret[str],
    *,
    clock: Clock | None = None,
    sock: socket.socket | None = None,
    **keywords: Unpack[ConnectKeywords],
) -> LiteConnection:
    """`connect_lite` with a URL already held as a `Secret`, and seams for tests: a clock, a connected socket."""
    options = ConnectOptions.checked(**keywords)
    framer = WebSocketFramer(url)
    core = LiteProtocol(framer)
    opened, failure = _open(core, framer.endpoint, options.open_timeout, sock)
    if failure is not None:
        raise failure
    assert opened is not None
    connection = LiteConnection(
        opened, core, url=url, keep_alive_every=options.keep_alive_every, send_timeout=options.send_timeout, clock=clock
    )
    try:
        connection.wait_ready(options.ready_timeout, require=options.require_ready)
    except BaseException:
        connection.close()
        raise
    return connection


def _open(
    core: LiteProtocol, endpoint: Endpoint, open_timeout: float, sock: socket.socket | None
) -> tuple[socket.socket | None, LiveAvatarError | None]:
    """TCP, TLS and the upgrade within `open_timeout`; the error is returned, to be raised outside any `except`."""
    deadline = time.monotonic() + open_timeout
    failure: LiveAvatarError | None = None
    try:
        if sock is None:
            sock = socket.create_connection((endpoint.host, endpoint.port), timeout=open_timeout)
            # Without it the tail of each frame waits for the server's delayed ACK (Nagle): 40 ms on Linux.
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            if endpoint.secure:
                sock.settimeout(max(0.001, deadline - time.monotonic()))
                sock = ssl.create_default_context().wrap_socket(sock, server_hostname=endpoint.host)
        core.start()
        for chunk in core.data_to_send():
            sock.settimeout(max(0.001, deadline - time.monotonic()))
            sock.sendall(chunk)
        while not core.handshake_done and core.handshake_error(open_timeout) is None:
            sock.settimeout(max(0.001, deadline - time.monotonic()))
            data = sock.recv(_READ_SIZE)
            if data:
                core.receive_data(data)
            else:
                core.receive_eof()
                break
        failure = core.handshake_error(open_timeout)
    except OSError as exc:
        failure = open_error(exc, open_timeout)
    if failure is None and not core.handshake_done:
        failure = open_error(ConnectionResetError(), open_timeout)  # pragma: no cover - websockets reports it
    if failure is not None and sock is not None:
        sock.close()
    return (None, failure) if failure is not None else (sock, None)
