"""Deadlines and size limits under the send loops.

httpx's timeouts bound each socket operation, not an exchange: a server that
trickles one byte a second never trips a 2 s read timeout. The clients'
deadline is the whole attempt, connect to last byte:

- async: the attempt runs under `asyncio.timeout`, whatever the pool;
- sync, on the client's own pool: its connections use `_DeadlineBackend`, a
  network backend (httpcore's public extension point) that gives every
  connect, read and write only the time left before the thread's current
  deadline;
- sync, on a caller's `http_client`: httpx's per-phase timeouts apply, and
  the deadline is checked between body chunks; the README says so.

Bodies are streamed and read up to a limit, after decompression.
"""

from __future__ import annotations

import threading
import time

import httpx

__all__ = ["DeadlineExceeded", "aread_limited", "bounded", "deadline_transport", "read_limited", "thread_deadline"]

_SHORTEST_WAIT = 1e-3
"""What a socket operation gets once the deadline has passed: a zero timeout
would make the socket non-blocking and fail with another error than a timeout."""


class DeadlineExceeded(Exception):
    """The attempt's deadline passed while its body was being read."""


class _ThreadDeadline(threading.local):
    value: float | None = None


thread_deadline = _ThreadDeadline()
"""The deadline (a `time.monotonic()` value) of the attempt running on this thread, if any."""


def bounded(timeout: float | None) -> float | None:
    """`timeout`, cut to the time left before this thread's deadline."""
    deadline = thread_deadline.value
    if deadline is None:
        return timeout
    left = max(deadline - time.monotonic(), _SHORTEST_WAIT)
    return left if timeout is None else min(timeout, left)


def deadline_transport(limits: httpx.Limits) -> httpx.HTTPTransport:
    """An httpx transport with the environment's TLS settings, on connections that keep the thread's deadline."""
    import httpcore  # imported here: httpx itself loads it only when a pool is built

    from ._deadline_backend import DeadlineBackend

    transport = httpx.HTTPTransport(limits=limits)
    # httpx builds its pool without a way to name the network backend; the
    # pool is replaced, same settings, before any connection exists. The wire
    # tests' trickling server fails if this stops bounding the exchange.
    transport._pool = httpcore.ConnectionPool(
        ssl_context=httpx.create_ssl_context(),
        max_connections=limits.max_connections,
        max_keepalive_connections=limits.max_keepalive_connections,
        keepalive_expiry=limits.keepalive_expiry,
        network_backend=DeadlineBackend(),
    )
    return transport


def read_limited(response: httpx.Response, limit: int, deadline: float) -> tuple[bytes, bool]:
    """The decoded body up to `limit` bytes, and whether there was more (then the rest is left unread)."""
    chunks: list[bytes] = []
    size = 0
    for chunk in response.iter_bytes():
        chunks.append(chunk)
        size += len(chunk)
        if size > limit:
            return b"".join(chunks)[:limit], True
        if time.monotonic() > deadline:
            raise DeadlineExceeded
    return b"".join(chunks), False


async def aread_limited(response: httpx.Response, limit: int) -> tuple[bytes, bool]:
    """`read_limited` for async clients, whose deadline is the surrounding `asyncio.timeout`."""
    chunks: list[bytes] = []
    size = 0
    async for chunk in response.aiter_bytes():
        chunks.append(chunk)
        size += len(chunk)
        if size > limit:
            return b"".join(chunks)[:limit], True
    return b"".join(chunks), False
