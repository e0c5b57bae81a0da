"""Deadlines and size limits under the send loops.

httpx's timeouts bound each socket operation, not an exchange: a server that
trickles one byte a second never trips a 2 s read timeout. The clients'
deadline is the whole attempt, connect to last byte:

- async: the attempt runs under `asyncio.timeout`, whatever the pool;
- sync, on the client's own pool: its connections use `_deadline_backend`'s, a
  network backend (httpcore's public extension point) that gives every
  connect, read and write only the time left before the thread's current
  deadline;
- sync, on a caller's `http_client`: httpx's per-phase timeouts apply, and
  the deadline is checked between body chunks; the retries guide says so.

Bodies are streamed and read up to a limit, after decompression.
"""

from __future__ import annotations

import threading
import time
import zlib

import httpx

__all__ = [
    "DeadlineExceeded",
    "Undecodable",
    "aread_limited",
    "bounded",
    "read_limited",
    "thread_deadline",
]

_SHORTEST_WAIT = 1e-3
"""What a socket operation gets once the deadline has passed: a zero timeout
would make the socket non-blocking and fail with another error than a timeout."""


class DeadlineExceeded(Exception):
    """The attempt's deadline passed while its body was being read."""


class Undecodable(Exception):
    """The body arrived but does not inflate: the server answered, so this is no transport error to retry."""


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


class _Body:
    """A response body read up to `limit` bytes, inflating gzip and deflate itself.

    httpx inflates each network read in one step, so 64 KiB of a gzip bomb
    becomes some 64 MB before any size check; here no step yields more than
    the room left under the limit. Other encodings (br, zstd, several) go
    through httpx's decoders, read chunk by chunk.
    """

    __slots__ = ("chunks", "inflater", "limit", "size")

    def __init__(self, response: httpx.Response, limit: int) -> None:
        self.chunks: list[bytes] = []
        self.size = 0
        self.limit = limit
        encoding = response.headers.get("content-encoding", "").strip().lower()
        wbits = _WBITS.get(encoding)
        self.inflater = None if wbits is None else zlib.decompressobj(wbits)

    @property
    def raw(self) -> bool:
        """Whether the body is to be read undecoded (this reader inflates it)."""
        return self.inflater is not None

    def add(self, chunk: bytes) -> bool:
        """Take a chunk as read; whether the limit is passed (then reading stops)."""
        if self.inflater is None:
            return self._keep(chunk)
        try:
            while chunk:
                if self._keep(self.inflater.decompress(chunk, self.limit - self.size + 1)):
                    return True
                chunk = self.inflater.unconsumed_tail
        except zlib.error:
            raise Undecodable from None
        return False

    def _keep(self, data: bytes) -> bool:
        self.chunks.append(data)
        self.size += len(data)
        return self.size > self.limit

    def result(self, truncated: bool) -> tuple[bytes, bool]:
        body = b"".join(self.chunks)
        return (body[: self.limit], True) if truncated else (body, False)


_WBITS = {"gzip": zlib.MAX_WBITS | 16, "x-gzip": zlib.MAX_WBITS | 16, "deflate": zlib.MAX_WBITS | 32}
"""zlib's window settings for the encodings read here: gzip, and deflate as zlib data (what servers send)."""


def read_limited(response: httpx.Response, limit: int, deadline: float) -> tuple[bytes, bool]:
    """The decoded body up to `limit` bytes, and whether there was more (then the rest is left unread)."""
    body = _Body(response, limit)
    for chunk in response.iter_raw() if body.raw else response.iter_bytes():
        if body.add(chunk):
            return body.result(True)
        if time.monotonic() > deadline:
            raise DeadlineExceeded
    return body.result(False)


async def aread_limited(response: httpx.Response, limit: int) -> tuple[bytes, bool]:
    """`read_limited` for async clients, whose deadline is the surrounding `asyncio.timeout`."""
    body = _Body(response, limit)
    async for chunk in response.aiter_raw() if body.raw else response.aiter_bytes():
        if body.add(chunk):
            return body.result(True)
    return body.result(False)
