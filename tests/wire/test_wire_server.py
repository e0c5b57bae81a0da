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
    """A stop while 8 MiB of a reply sit unread returns at once and leaves no transport to be collected later."""
    server = WireServer()
    server.start()
    server.script(server.reply(200, body=b"x" * (8 << 20)))
    with socket.create_connection(("127.0.0.1", server.port)) as client:
        client.sendall(REQUEST)
        assert client.recv(64).startswith(b"HTTP/1.1 200")
        if client_after == "closes the socket":
            client.close()
        started = time.monotonic()
        server.stop()
        stopping = time.monotonic() - started
    del server
    gc.collect()  # a leaked transport warns here, inside this test

    assert stopping < 2.0
