"""A minimal HTTP/1.1 server on 127.0.0.1 for the loopback rows, run in its own process.

It answers every request with one canned response, in one write, and does
nothing else, so that the client under test is what limits the rate (the
mock validates and records, and would be the bottleneck at 256 tasks). Its
CPU is in another process, so `time.process_time()` in the bench is the
client's alone.

`GET /_bench/stats` answers how many connections it has accepted and how
many requests it has served, so that a row can report the connection churn
each client's pool causes.

Usage: ``python scripts/bench_loopback.py`` prints its port, then serves until
its stdin closes. From the bench: ``with LoopbackServer(response) as server``.
"""

from __future__ import annotations

import asyncio
import json
import socket
import subprocess
import sys
import urllib.request
from pathlib import Path
from typing import Any

STATS_PATH = "/_bench/stats"


def http_response(body: bytes, extra_headers: str = "") -> bytes:
    head = f"HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {len(body)}\r\n{extra_headers}\r\n"
    return head.encode("ascii") + body


class _Counters:
    connections = 0
    requests = 0


class _Protocol(asyncio.Protocol):
    """Answers each request on a keep-alive connection as soon as its body is in."""

    def __init__(self, response: bytes) -> None:
        self.response = response
        self.buffer = b""
        self.transport: asyncio.Transport | None = None

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        assert isinstance(transport, asyncio.Transport)
        self.transport = transport
        _Counters.connections += 1

    def data_received(self, data: bytes) -> None:
        assert self.transport is not None
        # httpx writes a request's head and body separately. Were our ACK of the
        # head delayed, Nagle's algorithm on the client would hold the body back
        # for it (up to 40 ms on Linux); acknowledging at once keeps that wait,
        # an artefact of loopback, out of every client's figures without
        # changing any client's socket options.
        sock = self.transport.get_extra_info("socket")
        if sock is not None and hasattr(socket, "TCP_QUICKACK"):
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_QUICKACK, 1)
        self.buffer += data
        while True:
            end = self.buffer.find(b"\r\n\r\n")
            if end < 0:
                return
            head = self.buffer[:end]
            length = 0
            for line in head.split(b"\r\n")[1:]:
                name, _, value = line.partition(b":")
                if name.strip().lower() == b"content-length":
                    length = int(value)
            total = end + 4 + length
            if len(self.buffer) < total:
                return
            self.buffer = self.buffer[total:]
            if head.startswith(b"GET " + STATS_PATH.encode()):
                stats = {"connections": _Counters.connections, "requests": _Counters.requests}
                self.transport.write(http_response(json.dumps(stats).encode()))
            else:
                _Counters.requests += 1
                self.transport.write(self.response)


async def _serve(response: bytes) -> None:
    loop = asyncio.get_running_loop()
    server = await loop.create_server(lambda: _Protocol(response), "127.0.0.1", 0, backlog=2048)
    print(server.sockets[0].getsockname()[1], flush=True)
    # Stop when the parent closes our stdin, or dies: no stray servers.
    await loop.run_in_executor(None, sys.stdin.buffer.read)
    server.close()


class LoopbackServer:
    """The server in a subprocess, answering `response` (a whole HTTP response) to every request."""

    def __init__(self, response: bytes) -> None:
        self.response = response
        self.url = ""

    def __enter__(self) -> LoopbackServer:
        self.process = subprocess.Popen(
            [sys.executable, str(Path(__file__).resolve())],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
        )
        assert self.process.stdin is not None
        assert self.process.stdout is not None
        # The response goes over stdin, hex on one line, so the parent alone defines it.
        self.process.stdin.write(self.response.hex().encode() + b"\n")
        self.process.stdin.flush()
        port = int(self.process.stdout.readline())
        self.url = f"http://127.0.0.1:{port}"
        return self

    def stats(self) -> dict[str, Any]:
        """Connections accepted and requests served so far (this call's own connection included)."""
        with urllib.request.urlopen(self.url + STATS_PATH, timeout=10) as answer:  # noqa: S310 - our own loopback URL
            stats: dict[str, Any] = json.loads(answer.read())
            return stats

    def __exit__(self, *exc: object) -> None:
        assert self.process.stdin is not None
        assert self.process.stdout is not None
        self.process.stdin.close()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.process.stdout.close()


def main() -> None:
    response = bytes.fromhex(sys.stdin.buffer.readline().decode().strip())
    asyncio.run(_serve(response))


if __name__ == "__main__":
    main()
