"""The wire tier's own server: it stops promptly and leaves no socket behind, whatever its clients did.

A socket the server's loop still held when it ended is collected later, in
whichever test runs then, as an "unclosed transport" ResourceWarning, which
the suite's `filterwarnings = error` turns into that other test's failure.
"""

from __future__ import annotations

import gc
import socket
import time

import pytest

from tests.wire.conftest import WireServer

pytestmark = pytest.mark.wire

REQUEST = b"POST /v1/sessions/token HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 0\r\n\r\n"


@pytest.mark.parametrize("client_after", ["keeps the socket open", "closes the socket"])
def test_stop_drops_a_body_the_client_never_read(client_after: str) -> None:
    """A stop while 8 MiB of a reply sit unread returns (it raises after 10 s) and leaves no transport behind."""
    server = WireServer()
    server.start()
    server.script(server.reply(200, body=b"x" * (8 << 20)))
    with socket.create_connection(("127.0.0.1", server.port)) as client:
        client.sendall(REQUEST)
        assert client.recv(64).startswith(b"HTTP/1.1 200")
        if client_after == "closes the socket":
            client.close()
        server.stop()  # raised "did not stop within 10 s" while it waited for the client to read
    assert server.connections == 1
    del server
    gc.collect()  # a leaked transport warns here, inside this test


def test_a_connection_accepted_as_the_server_stops_is_closed_with_it() -> None:
    """A client that connects just as the server stops leaves no half-built transport behind (the CI flake of 23f17cf)."""
    server = WireServer()
    server.start()
    assert server._loop is not None
    # Hold the server's loop, so that the connection waits in the backlog and the loop then
    # meets the stop and the accept in one iteration, the stop first: asyncio's Server used
    # to be closed before the task that builds the accepted connection's transport had run.
    server._loop.call_soon_threadsafe(time.sleep, 0.3)
    with socket.create_connection(("127.0.0.1", server.port)):
        server.stop()
    del server
    gc.collect()  # a leaked transport warns here, inside this test
