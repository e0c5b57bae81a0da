"""Serving the mock over real HTTP: `MockServer` (background thread) and `serve` (blocking).

Both bind the listening socket themselves before uvicorn starts. That gives
port 0 ("any free port") a known number at once, and since a listening
socket queues connections in its backlog, the URL is usable the moment it
is announced, with no race against uvicorn's startup.

uvicorn picks its event loop and HTTP parser itself (`auto`): uvloop and
httptools, which the `[mock]` extra installs where they have wheels, and the
plain asyncio loop and h11 otherwise. The compiled pair roughly halves
uvicorn's own CPU per request, which is most of what a served mint costs
(`make bench`, row mock.mint_cpu; issue 11 asks for at most 0.4 ms). uvicorn
0.36 and later build the loop from a factory inside the server thread, so a
uvloop loop never becomes the process's event-loop policy and a test suite's
own asyncio is untouched. Lifespan is off: the mock has no start-up work.
WebSockets are `auto`:
the LITE channel (`ws_url`) is served when `websockets` (the SDK's
`[realtime]` extra) or `wsproto` is installed, with uvicorn's sans-I/O
protocol for `websockets`; without either, HTTP works and an upgrade is
refused.
`MockServer` also passes `log_config=None`, so embedding it in a test suite
leaves the process's logging configuration alone.
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Callable
from types import TracebackType
from typing import Self

import uvicorn
from uvicorn.config import LOGGING_CONFIG

from ._app import LiveAvatarMock
from ._config import DEFAULT_HOST, DEFAULT_PORT, MockConfig

__all__ = ["MockServer", "serve"]

_GRACEFUL_SHUTDOWN_SECONDS = 5
_STOP_SECONDS = 10.0
"""How long `stop` waits for the thread at each step (graceful exit, then forced)."""


def _listen(host: str, port: int) -> socket.socket:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.create_server((host, port), family=family)
    # uvicorn writes a response's head and body separately; with Nagle on, the
    # body waits for the client's delayed ACK, about 40 ms per request on a
    # keep-alive connection. Accepted connections inherit the option (Linux).
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    return sock


def _url(sock: socket.socket) -> str:
    host, port = sock.getsockname()[:2]
    # A wildcard address is where to listen, not where to connect.
    host = {"0.0.0.0": "127.0.0.1", "::": "::1"}.get(host, host)  # noqa: S104 - comparing, not binding
    if ":" in host:
        host = f"[{host}]"
    return f"http://{host}:{port}"


def _uvicorn_server(mock: LiveAvatarMock, *, log_level: str, access_log: bool, embedded: bool) -> uvicorn.Server:
    config = uvicorn.Config(
        # The pipeline itself, not `mock.app`: Starlette's router and error
        # middleware add nothing here (every path reaches the pipeline, and
        # uvicorn answers 500 to an exception as they would) but cost CPU on
        # every request.
        mock.asgi_pipeline,
        interface="asgi3",
        loop="auto",
        http="auto",
        ws="auto",
        lifespan="off",
        # Nothing proxies a local mock; the middleware that reads X-Forwarded-For
        # would only add a layer to every request.
        proxy_headers=False,
        log_level=log_level,
        access_log=access_log,
        log_config=None if embedded else LOGGING_CONFIG,
        timeout_graceful_shutdown=_GRACEFUL_SHUTDOWN_SECONDS,
    )
    return uvicorn.Server(config)


def _halt(server: uvicorn.Server, thread: threading.Thread, sock: socket.socket, timeout: float) -> None:
    """Ask uvicorn to exit, drop what outlives the graceful window, and close the socket once the thread is gone."""
    server.should_exit = True
    thread.join(timeout)
    if thread.is_alive():
        # Open connections outlived the graceful window: drop them.
        server.force_exit = True
        thread.join(timeout)
    sock.close()


class MockServer(LiveAvatarMock):
    """The mock on a real port, served by uvicorn in a background thread.

    ::

        with MockServer() as mock:             # 127.0.0.1, a free port
            client = LiveAvatar(api_key="any", base_url=mock.url)
            ...
            assert mock.last_request.status == 200

    It is a `LiveAvatarMock`, so the fault and record controls are on it.
    Leaving the `with` block stops uvicorn, closes the socket and joins the
    thread.
    """

    def __init__(self, config: MockConfig | None = None, *, host: str = DEFAULT_HOST, port: int = 0) -> None:
        super().__init__(config)
        self._host = host
        self._port = port
        self._server: uvicorn.Server | None = None
        self._thread: threading.Thread | None = None
        self._socket: socket.socket | None = None
        self._url: str | None = None

    @property
    def url(self) -> str:
        """The base URL, e.g. `http://127.0.0.1:54321`; `RuntimeError` when not running."""
        if self._url is None:
            raise RuntimeError("the mock server is not running; use `with MockServer() as mock:` or call start()")
        return self._url

    @property
    def running(self) -> bool:
        """Whether the server thread is serving."""
        return self._thread is not None

    def start(self, timeout: float = 10.0) -> Self:
        """Start serving and return once uvicorn accepts connections."""
        if self._thread is not None:
            raise RuntimeError("the mock server is already running")
        sock = _listen(self._host, self._port)
        server = _uvicorn_server(self, log_level="warning", access_log=False, embedded=True)
        thread = threading.Thread(
            target=server.run, kwargs={"sockets": [sock]}, name="liveavatar-mock-server", daemon=True
        )
        thread.start()
        deadline = time.monotonic() + timeout
        while not server.started:
            if not thread.is_alive() or time.monotonic() > deadline:
                # The stop's own bound, not `timeout`: that has run out, and closing
                # the socket under a thread still starting would crash the thread.
                _halt(server, thread, sock, _STOP_SECONDS)
                raise RuntimeError(f"the mock server did not start within {timeout} s")
            time.sleep(0.005)
        self._server, self._thread, self._socket, self._url = server, thread, sock, _url(sock)
        return self

    def stop(self, timeout: float = _STOP_SECONDS) -> None:
        """Stop serving, close the socket and join the thread; a no-op when not running."""
        server, thread, sock = self._server, self._thread, self._socket
        if server is None or thread is None or sock is None:
            return
        _halt(server, thread, sock, timeout)
        self._server = self._thread = self._socket = self._url = None

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, traceback: TracebackType | None
    ) -> None:
        self.stop()


def serve(
    config: MockConfig | None = None,
    *,
    host: str = DEFAULT_HOST,
    port: int = DEFAULT_PORT,
    log_level: str = "info",
    access_log: bool = True,
    on_ready: Callable[[str], object] | None = None,
) -> None:
    """Serve the mock in the foreground until interrupted (Ctrl-C or SIGTERM).

    `port=0` picks a free port. `on_ready` is called with the base URL once
    the socket listens, before serving starts (connections made from then
    on wait in the backlog), e.g. to print it. Returns normally after
    Ctrl-C. This is what `liveavatar mock` runs.
    """
    mock = LiveAvatarMock(config)
    sock = _listen(host, port)
    try:
        server = _uvicorn_server(mock, log_level=log_level, access_log=access_log, embedded=False)
        if on_ready is not None:
            on_ready(_url(sock))
        server.run(sockets=[sock])
    except KeyboardInterrupt:
        # uvicorn re-raises the SIGINT it handled once it has shut down.
        pass
    finally:
        sock.close()
