"""Helpers for the LITE channel tests: in-process scripted sockets, controlled clocks, loopback servers.

- `Script` is the server side of an in-process socket pair (websockets'
  sans-I/O server): it records what the client sent and pushes what the
  test tells it to, optionally answering each frame through `on_frame`.
  `client_socket()` is the socket a connection is opened on.
- `Flavour` gives the sync and the async connection one synchronous
  surface (the async one runs on an event loop in a background thread), so
  a behavioural test is written once and runs for both.
- `FakeClock` / `AsyncFakeClock` move only when the test says, so the
  keep-alive timer is tested without sleeping.
- `WebSocketServer` is websockets' own sync server on 127.0.0.1; `UvicornServer`
  serves an ASGI app (the mock's channel) there, and `SharedServer` is one
  uvicorn a module shares, each test mounting its own app under a fresh
  prefix (starting uvicorn per test cost seconds); `HostileServer` upgrades
  and then misbehaves (stops reading, holds TCP open after its close frame,
  floods), with a small receive buffer.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import contextlib
import json
import os
import select
import socket
import struct
import threading
import time
from collections.abc import Callable, Coroutine, Iterator
from typing import Any, TypeVar

import uvicorn

from liveavatar._lite._async import AsyncLiteConnection, connect_lite_async, open_lite_async
from liveavatar._lite._sync import LiteConnection, connect_lite, open_lite
from liveavatar._secrets import Secret

CANARY_SECRET = "CANARY_WS_SECRET_7f3e9a1c5b"
"""A capability distinctive enough that any appearance of it in text is a leak."""
CANARY_URL = f"ws://127.0.0.1:9/v1/lite/8c1d2e3f?secret={CANARY_SECRET}"
CONNECTED = {"type": "session.state_updated", "state": "connected"}
WAIT = 5.0
"""Seconds a test waits for something that should happen at once; only a failing test waits this long."""

T = TypeVar("T")


def eventually(check: Callable[[], T], *, timeout: float = WAIT) -> T:
    """Poll `check` until it returns something truthy; fail after `timeout`."""
    deadline = time.monotonic() + timeout
    while True:
        value = check()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"not true within {timeout} s: {check}")
        time.sleep(0.002)


# -- scripted sockets --------------------------------------------------------------


class Script:
    """The server side of one in-process socket: websockets' sans-I/O server over one end of a socket pair."""

    def __init__(
        self, *, connected: bool = True, on_frame: Callable[[Script, dict[str, Any]], None] | None = None
    ) -> None:
        self._frames: list[dict[str, Any]] = []
        self._raw: list[bytes] = []
        self._pongs: set[bytes] = set()
        self._synced = threading.Condition()
        self.on_frame = on_frame
        self._closed_by_client = False
        self._lock = threading.RLock()
        self._sock: socket.socket | None = None
        self._protocol: Any = None
        self._backlog: list[tuple[str, Any]] = [("text", json.dumps(CONNECTED))] if connected else []
        self._thread: threading.Thread | None = None

    def client_socket(self) -> socket.socket:
        """Serve one end of a new socket pair in a thread; the other end is the connection's socket."""
        server, client = socket.socketpair()
        # A small buffer between the two, as a network has: a client's writes wait for this server's reads.
        client.setsockopt(socket.SOL_SOCKET, socket.SO_SNDBUF, 32768)
        self._sock = server
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()
        return client

    def sync(self) -> None:
        """Wait until the server has read everything the client wrote before this call (a ping's pong follows it)."""
        thread = self._thread
        if thread is None or thread is threading.current_thread():
            return
        from websockets.protocol import State

        token = os.urandom(8)
        with self._lock:
            live = self._protocol is not None and self._protocol.state is State.OPEN
            if live:
                self._protocol.send_ping(token)
                self._write()
        with self._synced:
            if live and self._synced.wait_for(lambda: token in self._pongs or not thread.is_alive(), timeout=WAIT):
                return
        thread.join(WAIT)

    @property
    def closed_by_client(self) -> bool:
        """True when the client sent its close frame first."""
        self.sync()
        return self._closed_by_client

    @property
    def frames(self) -> list[dict[str, Any]]:
        """Every frame the client sent, decoded."""
        self.sync()
        with self._lock:
            return list(self._frames)

    @property
    def raw(self) -> list[bytes]:
        """Every frame the client sent, as bytes."""
        self.sync()
        with self._lock:
            return list(self._raw)

    def push(self, event: dict[str, Any] | str | bytes) -> None:
        """Send one message to the client."""
        self._put("text", event if isinstance(event, str | bytes) else json.dumps(event))

    def close(self, code: int = 1000, reason: str = "") -> None:
        """Close the socket from the server's side; 1006 drops it with no close frame."""
        self._put("close", (code, reason))

    def _put(self, kind: str, item: Any) -> None:
        with self._lock:
            if self._protocol is None:
                self._backlog.append((kind, item))
                return
            self._send(kind, item)

    def _send(self, kind: str, item: Any) -> None:
        from websockets.protocol import State

        if self._protocol.state is not State.OPEN:
            return
        if kind == "close" and item[0] == 1006:
            assert self._sock is not None
            self._sock.shutdown(socket.SHUT_RDWR)
            return
        if kind == "close":
            self._protocol.send_close(*item)
        elif isinstance(item, bytes):
            self._protocol.send_binary(item)
        else:
            self._protocol.send_text(item.encode())
        self._write()

    def _write(self) -> None:
        assert self._sock is not None
        for data in self._protocol.data_to_send():
            try:
                if data:
                    self._sock.sendall(data)
                else:
                    self._sock.shutdown(socket.SHUT_WR)
            except OSError:
                return

    def _serve(self) -> None:
        from websockets.frames import Frame, Opcode
        from websockets.http11 import Request
        from websockets.server import ServerProtocol

        assert self._sock is not None
        protocol = ServerProtocol(max_size=None)
        with self._sock:
            while True:
                try:
                    data = self._sock.recv(65536)
                except OSError:
                    data = b""
                with self._lock:
                    if data:
                        protocol.receive_data(data)
                    else:
                        protocol.receive_eof()
                    events = protocol.events_received()
                    for event in events:
                        if isinstance(event, Request):
                            protocol.send_response(protocol.accept(event))
                            self._protocol = protocol
                            self._write()
                            backlog, self._backlog = self._backlog, []
                            for kind, item in backlog:
                                self._send(kind, item)
                    if self._protocol is not None:
                        self._write()
                for event in events:
                    if isinstance(event, Frame) and event.opcode is Opcode.PONG:
                        with self._synced:
                            self._pongs.add(bytes(event.data))
                            self._synced.notify_all()
                    if isinstance(event, Frame) and event.opcode is Opcode.TEXT:
                        self.received(bytes(event.data))
                    elif isinstance(event, Frame) and event.opcode is Opcode.CLOSE and protocol.close_rcvd_then_sent:
                        self._closed_by_client = True
                if not data:
                    with self._synced:
                        self._synced.notify_all()
                    return

    def received(self, frame: bytes) -> None:
        """Called for each frame the client sent."""
        data = json.loads(frame)
        with self._lock:
            self._raw.append(frame)
            self._frames.append(data)
        if self.on_frame is not None:
            self.on_frame(self, data)

    def types(self) -> list[str]:
        """The `type` of every frame so far."""
        return [frame["type"] for frame in self.frames]

    def of_type(self, event_type: str) -> list[dict[str, Any]]:
        """The frames of one type."""
        return [frame for frame in self.frames if frame["type"] == event_type]


# -- clocks ------------------------------------------------------------------------


class FakeClock:
    """A `Clock` for the sync timer: time moves only in `advance`."""

    def __init__(self) -> None:
        self.now = 0.0
        self._cond = threading.Condition()
        self.sleepers: list[float] = []
        """Times the timer is sleeping until, right now."""

    def monotonic(self) -> float:
        with self._cond:
            return self.now

    def sleep(self, seconds: float, stop: threading.Event) -> bool:
        with self._cond:
            until = self.now + seconds
            self.sleepers.append(until)
            self._cond.notify_all()
            try:
                while self.now < until and not stop.is_set():
                    # Short real waits only to notice `stop`, which is set without notifying us.
                    self._cond.wait(0.01)
            finally:
                self.sleepers.remove(until)
                self._cond.notify_all()
            return stop.is_set()

    def advance(self, seconds: float) -> None:
        with self._cond:
            self.now += seconds
            self._cond.notify_all()

    def wait_sleeping(self, until: float) -> None:
        """Block until the timer sleeps until `until`."""
        with self._cond:
            if not self._cond.wait_for(lambda: until in self.sleepers, timeout=WAIT):
                raise AssertionError(f"the timer is not sleeping until {until}: {self.sleepers}")


class AsyncFakeClock:
    """An `AsyncClock` for the async timer; `advance` and `wait_sleeping` are called from the test's thread."""

    def __init__(self, loop: asyncio.AbstractEventLoop) -> None:
        self.now = 0.0
        self._loop = loop
        self._cond = threading.Condition()
        self._waiting: list[tuple[float, asyncio.Event]] = []
        self.sleepers: list[float] = []

    def monotonic(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        until = self.now + seconds
        done = asyncio.Event()
        with self._cond:
            self._waiting.append((until, done))
            self.sleepers.append(until)
            self._cond.notify_all()
        try:
            await done.wait()
        finally:
            with self._cond:
                self._waiting.remove((until, done))
                self.sleepers.remove(until)
                self._cond.notify_all()

    def advance(self, seconds: float) -> None:
        with self._cond:
            self.now += seconds
            due = [done for until, done in self._waiting if until <= self.now]
        for done in due:
            self._loop.call_soon_threadsafe(done.set)

    def wait_sleeping(self, until: float) -> None:
        with self._cond:
            if not self._cond.wait_for(lambda: until in self.sleepers, timeout=WAIT):
                raise AssertionError(f"the timer is not sleeping until {until}: {self.sleepers}")


# -- one surface for both flavours ------------------------------------------------------


class Portal:
    """An event loop in a background thread, for driving the async connection from a sync test."""

    def __init__(self) -> None:
        self.loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self.loop.run_forever, daemon=True)
        self._thread.start()

    def submit(self, coroutine: Coroutine[Any, Any, T]) -> concurrent.futures.Future[T]:
        return asyncio.run_coroutine_threadsafe(coroutine, self.loop)

    def call(self, coroutine: Coroutine[Any, Any, T], timeout: float = WAIT) -> T:
        return self.submit(coroutine).result(timeout)

    def stop(self) -> None:
        async def cancel_all() -> None:
            tasks = [task for task in asyncio.all_tasks() if task is not asyncio.current_task()]
            for task in tasks:
                task.cancel()
            await asyncio.gather(*tasks, return_exceptions=True)

        self.call(cancel_all())
        self.loop.call_soon_threadsafe(self.loop.stop)
        self._thread.join(WAIT)
        self.loop.close()


class Conn:
    """A sync or async connection behind one synchronous surface."""

    def __init__(self, connection: LiteConnection | AsyncLiteConnection, portal: Portal | None) -> None:
        self.connection = connection
        self._portal = portal

    def _do(self, name: str, *args: Any, **kwargs: Any) -> Any:
        method = getattr(self.connection, name)
        if self._portal is None:
            return method(*args, **kwargs)
        return self._portal.call(method(*args, **kwargs), timeout=WAIT + (kwargs.get("timeout") or 0.0))

    def in_background(self, name: str, *args: Any, **kwargs: Any) -> concurrent.futures.Future[Any]:
        """Start a call in another thread (sync) or another task (async)."""
        method = getattr(self.connection, name)
        if self._portal is None:
            pool = concurrent.futures.ThreadPoolExecutor(max_workers=1)
            future = pool.submit(method, *args, **kwargs)
            pool.shutdown(wait=False)
            return future
        return self._portal.submit(method(*args, **kwargs))

    def speak(self, audio: Any, **options: Any) -> str:
        return self._do("speak", audio, **options)  # type: ignore[no-any-return]

    def interrupt(self) -> str:
        return self._do("interrupt")  # type: ignore[no-any-return]

    def start_listening(self) -> str:
        return self._do("start_listening")  # type: ignore[no-any-return]

    def stop_listening(self) -> str:
        return self._do("stop_listening")  # type: ignore[no-any-return]

    def keep_alive(self) -> str:
        return self._do("keep_alive")  # type: ignore[no-any-return]

    def wait_for(self, event_type: Any, **options: Any) -> Any:
        return self._do("wait_for", event_type, **options)

    def wait_ready(self, timeout: float, *, require: bool) -> None:
        self._do("wait_ready", timeout, require=require)

    def close(self) -> None:
        self._do("close" if self._portal is None else "aclose")

    def events(self) -> Iterator[Any]:
        """The connection's events, pulled one at a time."""
        if self._portal is None:
            assert isinstance(self.connection, LiteConnection)
            yield from self.connection.events()
            return
        assert isinstance(self.connection, AsyncLiteConnection)
        stream = self.connection.events()
        while True:
            try:
                yield self._portal.call(anext(stream))  # type: ignore[arg-type]
            except StopAsyncIteration:
                return


class Flavour:
    """Opens connections of one flavour over scripted transports; closes them all at the end."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.portal = Portal() if name == "async" else None
        self._opened: list[Conn] = []

    def clock(self) -> FakeClock | AsyncFakeClock:
        return FakeClock() if self.portal is None else AsyncFakeClock(self.portal.loop)

    def connect(self, script: Script, *, url: str = CANARY_URL, **options: Any) -> Conn:
        """Open a connection over `script`; options as `connect_lite`'s, plus `clock`."""
        options.setdefault("keep_alive_every", None)
        options.setdefault("ready_timeout", 1.0)
        if self.portal is None:
            connection: LiteConnection | AsyncLiteConnection = open_lite(
                Secret.text(url), sock=script.client_socket(), **options
            )
        else:

            async def open_async() -> AsyncLiteConnection:
                return await open_lite_async(Secret.text(url), sock=script.client_socket(), **options)

            connection = self.portal.call(open_async())
        conn = Conn(connection, self.portal)
        self._opened.append(conn)
        return conn

    def connect_url(self, url: str, **options: Any) -> Conn:
        """Open a connection to a real server at `url`; options as `connect_lite`'s."""
        options.setdefault("keep_alive_every", None)
        if self.portal is None:
            connection: LiteConnection | AsyncLiteConnection = connect_lite(url, **options)
        else:

            async def open_async() -> AsyncLiteConnection:
                return await connect_lite_async(url, **options)

            connection = self.portal.call(open_async())
        conn = Conn(connection, self.portal)
        self._opened.append(conn)
        return conn

    def run(self, coroutine_or_value: Any) -> Any:
        """Await a coroutine on the portal (async flavour); return a plain value as is."""
        if self.portal is not None and asyncio.iscoroutine(coroutine_or_value):
            return self.portal.call(coroutine_or_value)
        return coroutine_or_value

    def finish(self) -> None:
        for conn in self._opened:
            conn.close()
        if self.portal is not None:
            self.portal.stop()


# -- loopback servers ------------------------------------------------------------


def free_port() -> int:
    """A port on 127.0.0.1 that nothing listens on (it was free a moment ago)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
    return port


class WebSocketServer:
    """websockets' sync server on 127.0.0.1 in a thread, running `handler` for each connection."""

    def __init__(self, handler: Callable[[Any], None], *, refuse_with: int | None = None) -> None:
        from websockets.sync.server import serve

        def process_request(connection: Any, request: Any) -> Any:
            if refuse_with is not None:
                return connection.respond(refuse_with, "refused\n")
            self.paths.append(request.path)
            return None

        self.paths: list[str] = []
        self._server = serve(handler, "127.0.0.1", 0, process_request=process_request)
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()
        self.port: int = self._server.socket.getsockname()[1]

    def url(self, secret: str = CANARY_SECRET) -> str:
        return f"ws://127.0.0.1:{self.port}/v1/lite/8c1d2e3f?secret={secret}"

    def stop(self) -> None:
        self._server.shutdown()
        self._thread.join(WAIT)


class UvicornServer:
    """An ASGI app served by uvicorn (WebSockets on) on 127.0.0.1, in a thread."""

    def __init__(self, app: Any) -> None:
        self._sock = socket.socket()
        self._sock.bind(("127.0.0.1", 0))
        self.port: int = self._sock.getsockname()[1]
        config = uvicorn.Config(
            app, log_level="warning", ws="websockets-sansio", lifespan="off", loop="asyncio", http="h11"
        )
        self._server = uvicorn.Server(config)
        self._thread = threading.Thread(target=self._server.run, kwargs={"sockets": [self._sock]}, daemon=True)
        self._thread.start()
        eventually(lambda: self._server.started)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def stop(self) -> None:
        self._server.should_exit = True
        self._thread.join(WAIT)
        self._sock.close()


class _Asgi:
    """An ASGI 3 app calling `route` (uvicorn takes a bound method for ASGI 2)."""

    def __init__(self, route: Callable[[dict[str, Any], Any, Any], Coroutine[Any, Any, None]]) -> None:
        self._route = route

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        await self._route(scope, receive, send)


class SharedServer:
    """One `UvicornServer` for many tests: each mounts its own ASGI app under a fresh path prefix.

    A request's first path segment picks the app, which sees the path without it; an unknown
    prefix is refused (WebSocket close 1008, HTTP 404). `reset()` resets every mounted app that
    can be (the mock's `LiteChannels` closes its sockets) and forgets them.
    """

    def __init__(self) -> None:
        self._apps: dict[str, Any] = {}
        self._mounted = 0
        self.server = UvicornServer(_Asgi(self._route))

    def mount(self, app: Any) -> str:
        """Serve `app` under a new prefix; returns the prefix (`/app3`)."""
        self._mounted += 1
        prefix = f"/app{self._mounted}"
        self._apps[prefix] = app
        return prefix

    def reset(self) -> None:
        """Reset and forget every mounted app."""
        apps, self._apps = list(self._apps.values()), {}
        for app in apps:
            reset = getattr(app, "reset", None)
            if reset is not None:
                reset()

    def stop(self) -> None:
        self.reset()
        self.server.stop()

    async def _route(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        path = str(scope.get("path", ""))
        prefix = "/" + path.split("/", 2)[1] if path.startswith("/") and len(path) > 1 else ""
        app = self._apps.get(prefix)
        if app is None:
            if scope["type"] == "websocket":
                await send({"type": "websocket.close", "code": 1008})
            elif scope["type"] == "http":
                await send({"type": "http.response.start", "status": 404, "headers": []})
                await send({"type": "http.response.body", "body": b""})
            return
        rest = path[len(prefix) :] or "/"
        await app({**scope, "path": rest, "raw_path": rest.encode()}, receive, send)


# -- hostile servers ---------------------------------------------------------------

SMALL_RECEIVE_BUFFER = 4096
"""SO_RCVBUF of a server that stops reading: its window fills after a few KiB."""


class HostileConnection:
    """One accepted connection of a `HostileServer`, after the upgrade and `connected`."""

    def __init__(self, sock: socket.socket, protocol: Any, stop: threading.Event) -> None:
        self.sock = sock
        self._protocol = protocol
        self.stop = stop

    def send_text(self, text: str) -> None:
        """Send one text message."""
        self._protocol.send_text(text.encode())
        self._write()

    def send_close(self, code: int, reason: str) -> None:
        """Send a close frame, and keep the TCP connection open."""
        self._protocol.send_close(code, reason)
        self._write()

    def _write(self) -> None:
        for data in self._protocol.data_to_send():
            if data:
                self.sock.sendall(data)

    def hold(self) -> None:
        """Read nothing more and keep TCP open until the server stops."""
        self.stop.wait()


class HostileServer:
    """A WebSocket server on 127.0.0.1 that upgrades, says `connected`, then runs `then` (by default: reads nothing).

    Its receive buffer is `SMALL_RECEIVE_BUFFER`, so a client's writes stall
    as soon as it stops reading, as against a media server under load.
    """

    def __init__(self, then: Callable[[HostileConnection], None] | None = None) -> None:
        self._then = then or HostileConnection.hold
        self._stop = threading.Event()
        self._listener = socket.socket()
        self._listener.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, SMALL_RECEIVE_BUFFER)
        self._listener.bind(("127.0.0.1", 0))
        self._listener.listen()
        self.port: int = self._listener.getsockname()[1]
        self.accepted: list[socket.socket] = []
        self._threads: list[threading.Thread] = []
        thread = threading.Thread(target=self._accept, daemon=True)
        thread.start()
        self._threads.append(thread)

    def url(self, secret: str = CANARY_SECRET) -> str:
        return f"ws://127.0.0.1:{self.port}/v1/lite/8c1d2e3f?secret={secret}"

    def unread_bytes(self) -> int:
        """Bytes waiting, unread, in the accepted connections' receive buffers."""
        import fcntl
        import termios

        total = 0
        for sock in list(self.accepted):
            with contextlib.suppress(OSError):
                total += struct.unpack("i", fcntl.ioctl(sock, termios.FIONREAD, b"\0\0\0\0"))[0]
        return total

    def _accept(self) -> None:
        while not self._stop.is_set():
            try:
                sock, _ = self._listener.accept()
            except OSError:
                return
            self.accepted.append(sock)
            thread = threading.Thread(target=self._serve, args=(sock,), daemon=True)
            thread.start()
            self._threads.append(thread)

    def _serve(self, sock: socket.socket) -> None:
        from websockets.http11 import Request
        from websockets.server import ServerProtocol

        protocol = ServerProtocol(max_size=None)
        with contextlib.suppress(OSError):
            while True:
                data = sock.recv(65536)
                if not data:
                    return
                protocol.receive_data(data)
                requests = [event for event in protocol.events_received() if isinstance(event, Request)]
                if requests:
                    protocol.send_response(protocol.accept(requests[0]))
                    break
            connection = HostileConnection(sock, protocol, self._stop)
            connection._write()
            connection.send_text(json.dumps(CONNECTED))
            self._then(connection)

    def stop(self) -> None:
        self._stop.set()
        with contextlib.suppress(OSError):
            self._listener.shutdown(socket.SHUT_RDWR)  # wakes the accepting thread
        self._listener.close()
        for sock in self.accepted:
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)
            sock.close()
        for thread in self._threads:
            thread.join(WAIT)


def send_blocked(connection: LiteConnection | AsyncLiteConnection) -> bool:
    """True while a send waits for a socket that takes nothing (the server stopped reading)."""
    if isinstance(connection, AsyncLiteConnection):
        return connection._wire._writable is not None
    if not connection._writing:
        return False
    poller = select.poll()
    poller.register(connection._sock, select.POLLOUT)
    return not poller.poll(0)
