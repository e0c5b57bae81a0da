"""Fixtures for the wire tests: a scriptable HTTP server on 127.0.0.1, and one `mint` for both clients.

`wire_server` is a small HTTP/1.1 server written on `asyncio.start_server`,
running in its own thread and event loop. It speaks just enough HTTP for the
clients (keep-alive, `Content-Length` bodies) and answers each request with the
next scripted behaviour, or with a session token once the script has run out:

- `reply(status, headers, body)`: a complete response;
- `reset(partial)`: the status line, headers and part of the body, then a TCP
  reset (`SO_LINGER` 0);
- `hang()`: read the request and never answer.

It records every request (method, path, headers, body) and counts the
connections it accepted. Being asyncio-based it also holds a couple of hundred
keep-alive connections at once, which the soak test needs.

`mint` is parametrized over the sync and the async client, so that each
behavioural test is written once and runs for both.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import socket
import struct
import subprocess
import sys
import threading
from collections import deque
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any, Protocol

import httpx
import pytest

from liveavatar import AsyncLiveAvatar, LiveAvatar, Persona, SessionToken, _retry
from liveavatar.testing import set_retry_waits

API_KEY = "sk_live_CANARY_KEY_9f8e7d6c5b4a"
"""A fake API key distinctive enough that any appearance of it in text is a leak."""
SESSION_TOKEN = "eyJ.CANARY_TOKEN_1a2b3c4d5e6f.sig"
"""The session token the server hands out; as distinctive as the key."""
SESSION_ID = "8c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f"
AVATAR_ID = "dd73ea75-1218-4ef3-92ce-606d5f7fbc0a"
VOICE_ID = "c2527536-6d1f-4412-a643-53a3497dada9"
CONTEXT_ID = "5b9dba8a-aa31-11f0-a6ee-066a7fa2e369"

TOKEN_BODY = {
    "code": 100,
    "data": {"session_id": SESSION_ID, "session_token": SESSION_TOKEN},
    "message": "Session token created",
}

_REASONS = {
    200: "OK",
    401: "Unauthorized",
    408: "Request Timeout",
    422: "Unprocessable Entity",
    429: "Too Many Requests",
    500: "Internal Server Error",
    502: "Bad Gateway",
    503: "Service Unavailable",
    504: "Gateway Timeout",
}


# --- scripted behaviours ------------------------------------------------------


def _response_bytes(status: int, headers: Mapping[str, str], body: bytes) -> bytes:
    lines = [f"HTTP/1.1 {status} {_REASONS.get(status, 'Unknown')}"]
    names = {name.lower() for name in headers}
    if "content-type" not in names:
        lines.append("Content-Type: application/json")
    if "content-length" not in names:
        lines.append(f"Content-Length: {len(body)}")
    lines.extend(f"{name}: {value}" for name, value in headers.items())
    return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1") + body


@dataclass(frozen=True)
class Reply:
    """Answer with a complete response, and keep the connection open."""

    status: int = 200
    headers: Mapping[str, str] = field(default_factory=dict)
    body: bytes = b""

    async def act(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> bool:
        writer.write(_response_bytes(self.status, self.headers, self.body))
        await writer.drain()
        return True


@dataclass(frozen=True)
class Reset:
    """Send the headers of a 200 and part of its body, then reset the connection."""

    partial: bytes

    async def act(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> bool:
        full_length = len(self.partial) * 4
        writer.write(_response_bytes(200, {"Content-Length": str(full_length)}, self.partial))
        await writer.drain()
        sock = writer.get_extra_info("socket")
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        writer.transport.abort()  # with SO_LINGER 0 the close is an RST, not a FIN
        return False


@dataclass(frozen=True)
class Hang:
    """Read the request, never answer; let go when the client hangs up."""

    async def act(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> bool:
        while await reader.read(4096):
            pass
        return False


class Behaviour(Protocol):
    """What the server does with one request: `Reply`, `Reset`, `Hang`, or a test's own (hardening_support has more)."""

    async def act(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> bool:
        """Answer (or not) on `writer`; True when the connection stays open for the next request."""
        ...


@dataclass(frozen=True)
class Request:
    """One request as the server read it; header names are lower-cased."""

    method: str
    path: str
    headers: dict[str, str]
    body: bytes


# --- the server ---------------------------------------------------------------


class WireServer:
    """A scriptable HTTP/1.1 server on 127.0.0.1, in a background thread."""

    def __init__(self) -> None:
        self.requests: list[Request] = []
        """Every request read, in order."""
        self.connections = 0
        """How many connections were accepted."""
        self.port = 0
        self._script: deque[Behaviour] = deque()
        self._default = Reply(200, {}, json.dumps(TOKEN_BODY).encode())
        self._ready = threading.Event()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._stop: asyncio.Event | None = None
        self._startup_error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, name="wire-server", daemon=True)

    # behaviours, for the tests to script without importing this module
    @staticmethod
    def reply(status: int = 200, headers: Mapping[str, str] | None = None, body: bytes | object = b"") -> Reply:
        """A complete response; a body that is not bytes is sent as JSON."""
        raw = body if isinstance(body, bytes) else json.dumps(body).encode()
        return Reply(status, dict(headers or {}), raw)

    @staticmethod
    def reset(partial: bytes = b'{"code": 100, "data": {"session_') -> Reset:
        """Headers and part of the body, then a TCP reset."""
        return Reset(partial)

    @staticmethod
    def hang() -> Hang:
        """Accept, read the request, never answer."""
        return Hang()

    def script(self, *behaviours: Behaviour) -> None:
        """Answer the next requests with these, in order; then with a token again."""
        self._script.extend(behaviours)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def count(self) -> int:
        """How many requests arrived."""
        return len(self.requests)

    # lifecycle
    def start(self) -> None:
        self._thread.start()
        if not self._ready.wait(10):
            raise RuntimeError("the wire server did not start within 10 s")
        if self._startup_error is not None:
            raise self._startup_error

    def stop(self) -> None:
        if self._loop is not None and self._stop is not None:
            self._loop.call_soon_threadsafe(self._stop.set)
        self._thread.join(10)
        if self._thread.is_alive():
            raise RuntimeError("the wire server did not stop within 10 s")

    def _run(self) -> None:
        asyncio.run(self._main())

    async def _main(self) -> None:
        loop = self._loop = asyncio.get_running_loop()
        self._stop = asyncio.Event()
        handlers: set[asyncio.Task[None]] = set()
        writers: set[asyncio.StreamWriter] = set()

        async def serve(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
            # The server is stopping; asyncio would report a cancelled connection task as an error.
            with contextlib.suppress(asyncio.CancelledError):
                await self._serve(reader, writer)

        def on_connect(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
            # A plain function, so asyncio calls it as the connection is made: the writer is known
            # to `stop` even when the server stops before the connection's task has run at all
            # (a client that connects and at once gives up), which a coroutine's first line is not.
            writers.add(writer)
            self.connections += 1
            task = asyncio.ensure_future(serve(reader, writer))
            handlers.add(task)
            task.add_done_callback(handlers.discard)

        try:
            server = await asyncio.start_server(on_connect, "127.0.0.1", 0, backlog=1024)
        except BaseException as exc:
            self._startup_error = exc
            self._ready.set()
            raise
        self.port = server.sockets[0].getsockname()[1]
        self._ready.set()
        async with server:
            await self._stop.wait()
            # Stop accepting before closing. asyncio builds an accepted connection's transport in a
            # task of its own, a loop iteration later, and the transport asserts as it attaches that
            # its server is still open: a close in between leaves it half-built and never closed,
            # and its socket was collected in some later test as an "unclosed transport" (CPython
            # 3.11 and 3.13, seen whenever a client connected just before a test ended). With the
            # listening sockets out of the selector, one iteration lets every such task finish.
            for listening in server.sockets:
                loop.remove_reader(listening.fileno())
            for _ in range(3):
                await asyncio.sleep(0)
            server.close()
            for task in list(handlers):
                task.cancel()
            await asyncio.gather(*handlers, return_exceptions=True)
            for writer in writers:
                # A handler cancelled before its first step never ran its `finally`; abort, not
                # close, so that no transport waits on bytes a client will never read.
                writer.transport.abort()
            # An aborted or closed transport lets go of its socket in a callback the loop runs next.
            for _ in range(3):
                await asyncio.sleep(0)

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            while True:
                try:
                    head = await reader.readuntil(b"\r\n\r\n")
                except (asyncio.IncompleteReadError, ConnectionError):
                    return
                request_line, *lines = head.decode("latin-1").rstrip("\r\n").split("\r\n")
                method, path, _ = request_line.split(" ", 2)
                headers = {}
                for line in lines:
                    name, _, value = line.partition(":")
                    headers[name.strip().lower()] = value.strip()
                length = int(headers.get("content-length", "0"))
                body = await reader.readexactly(length) if length else b""
                self.requests.append(Request(method, path, headers, body))
                behaviour = self._script.popleft() if self._script else self._default
                keep_alive = await behaviour.act(reader, writer)
                if not keep_alive or headers.get("connection", "").lower() == "close":
                    return
        except (asyncio.IncompleteReadError, ConnectionError):
            return
        except asyncio.CancelledError:
            # The server is stopping: a client that stopped reading would hold a graceful close
            # (and so the stop) open for ever.
            writer.transport.abort()
            raise
        finally:
            writer.close()
            with contextlib.suppress(ConnectionError, asyncio.CancelledError):
                await writer.wait_closed()


@pytest.fixture
def wire_server() -> Iterator[WireServer]:
    """A fresh scriptable server on a free port of 127.0.0.1."""
    server = WireServer()
    server.start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def closed_port_url() -> str:
    """The URL of a port on 127.0.0.1 that nothing listens on: bound, then closed."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}"


# --- one minting callable for both clients ------------------------------------


class Mint:
    """Mint a token with a fresh `LiveAvatar` or `AsyncLiveAvatar`, closing it after.

    `mint(client_kwargs, **create_token_kwargs)`: the client gets the canary API
    key and the wire server's URL unless `client_kwargs` says otherwise, and
    `create_token` a valid FULL-mode request plus `create_token_kwargs`. An
    `http_client` in `client_kwargs` is closed after the call too. The repr and
    str of every client built, and of its low-level client, land in `texts`.
    """

    def __init__(self, kind: str, base_url: str) -> None:
        self.kind = kind
        self.base_url = base_url
        self.texts: list[str] = []

    def __repr__(self) -> str:
        return f"Mint({self.kind})"

    def options(self, client_kwargs: Mapping[str, Any] | None) -> dict[str, Any]:
        return {"api_key": API_KEY, "base_url": self.base_url, **(client_kwargs or {})}

    @staticmethod
    def call(kwargs: Mapping[str, Any]) -> dict[str, Any]:
        return {
            "avatar_id": AVATAR_ID,
            "persona": Persona(voice_id=VOICE_ID, context_id=CONTEXT_ID, language="en"),
            **kwargs,
        }

    def _note(self, client: LiveAvatar | AsyncLiveAvatar) -> None:
        self.texts += [repr(client), str(client), repr(client.low_level_client())]

    def __call__(self, client_kwargs: Mapping[str, Any] | None = None, **kwargs: Any) -> SessionToken:
        options, call = self.options(client_kwargs), self.call(kwargs)
        if self.kind == "sync":
            try:
                with LiveAvatar(**options) as client:
                    self._note(client)
                    return client.sessions.create_token(**call)
            finally:
                if "http_client" in options:
                    options["http_client"].close()
        return asyncio.run(self._amint(options, call))

    async def _amint(self, options: dict[str, Any], call: dict[str, Any]) -> SessionToken:
        try:
            async with AsyncLiveAvatar(**options) as client:
                self._note(client)
                return await client.sessions.create_token(**call)
        finally:
            if "http_client" in options:
                await options["http_client"].aclose()

    def recording_http_client(self, seen: list[dict[str, float | None]]) -> httpx.Client | httpx.AsyncClient:
        """An httpx client of this kind that appends each request's effective timeout to `seen`."""

        def record(request: httpx.Request) -> None:
            seen.append(dict(request.extensions["timeout"]))

        if self.kind == "sync":
            return httpx.Client(event_hooks={"request": [record]})

        async def arecord(request: httpx.Request) -> None:
            record(request)

        return httpx.AsyncClient(event_hooks={"request": [arecord]})

    def inspect(self, look: Callable[[LiveAvatar | AsyncLiveAvatar, httpx.Client | httpx.AsyncClient], Any]) -> Any:
        """Build a client, call `look(client, its low-level client's httpx client)`, close both."""
        options = self.options(None)
        if self.kind == "sync":
            with LiveAvatar(**options) as client:
                return look(client, client.low_level_client().get_httpx_client())

        async def run() -> Any:
            async with AsyncLiveAvatar(**options) as client:
                return look(client, client.low_level_client().get_async_httpx_client())

        return asyncio.run(run())


@pytest.fixture(params=["sync", "async"])
def mint(request: pytest.FixtureRequest, wire_server: WireServer) -> Mint:
    """Mint through `LiveAvatar` in one run of the test and `AsyncLiveAvatar` in the other."""
    return Mint(request.param, wire_server.url)


@pytest.fixture
def canary() -> dict[str, str]:
    """The secrets that must never appear in text: the API key and the session token the server hands out."""
    return {"api_key": API_KEY, "session_token": SESSION_TOKEN}


@pytest.fixture
def token_request() -> dict[str, Any]:
    """Valid `create_token` arguments (FULL mode, inline persona)."""
    return Mint.call({})


@pytest.fixture
def real_retry_waits() -> Iterator[None]:
    """Retries sleep as in production for this test, even if a suite-wide conftest turned the sleeps off."""
    before = _retry.waits_enabled()
    set_retry_waits(True)
    try:
        yield
    finally:
        set_retry_waits(before)


# --- the same server in a process of its own ----------------------------------


class ServerProcess:
    """A `WireServer` serving tokens in a child process, so that it does not share the GIL with the client."""

    def __init__(self) -> None:
        self.requests = -1
        """How many requests the server read; known after `stop()`."""
        self.connections = -1
        """How many connections it accepted; known after `stop()`."""
        self._proc = subprocess.Popen(
            [sys.executable, __file__], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
        )
        try:
            assert self._proc.stdout is not None
            self.port = int(self._proc.stdout.readline())
        except BaseException:
            self._proc.kill()
            self._proc.communicate()
            raise

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def stop(self) -> None:
        """Stop the server (closing its stdin) and read its counts."""
        if self._proc.returncode is not None:
            return
        try:
            out, _ = self._proc.communicate(timeout=20)
        except subprocess.TimeoutExpired:
            self._proc.kill()
            self._proc.communicate()
            raise
        self.requests, self.connections = map(int, out.split())


def _serve_until_stdin_closes() -> None:
    """`python conftest.py`: print the port, serve tokens until stdin closes, print the request and connection counts."""
    server = WireServer()
    server.start()
    print(server.port, flush=True)
    sys.stdin.read()
    server.stop()
    print(server.count, server.connections, flush=True)


@pytest.fixture
def wire_server_process() -> Iterator[ServerProcess]:
    """A token-serving `WireServer` in a child process; its counts are read after `stop()`."""
    server = ServerProcess()
    try:
        yield server
    finally:
        server.stop()


if __name__ == "__main__":
    _serve_until_stdin_closes()
