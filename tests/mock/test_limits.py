"""Bounded under abuse: body size (413), nesting depth (422, no traceback) and the request log's count and bytes."""

from __future__ import annotations

import asyncio
import gc
import json
import logging
import socket
import tracemalloc
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from liveavatar.mock import (
    DEFAULT_MAX_BODY_BYTES,
    DEFAULT_RECORD_BYTES_LIMIT,
    DEFAULT_RECORD_LIMIT,
    MAX_JSON_DEPTH,
    LiveAvatarMock,
    MockConfig,
    MockServer,
)
from tests.mock.support import API_KEY, TOKEN_PATH, full_body, mint_in_process

SMALL_LIMIT = 1024


def padded(size: int, **fields: Any) -> bytes:
    """A valid FULL body of exactly `size` bytes (JSON whitespace pads it)."""
    raw = json.dumps(full_body(**fields)).encode()
    assert len(raw) <= size
    return raw + b" " * (size - len(raw))


def nested(depth: int) -> Any:
    """An unknown field's value: `depth` objects inside one another."""
    value: Any = {}
    for _ in range(depth - 1):
        value = {"a": value}
    return value


@pytest.fixture
def small_server() -> Iterator[MockServer]:
    """A served mock that reads at most SMALL_LIMIT bytes of a body."""
    with MockServer(MockConfig(max_body_bytes=SMALL_LIMIT)) as server:
        yield server


# -- request size: 413 --------------------------------------------------------------------


def test_default_body_limit_is_one_mib() -> None:
    """The named default is 1 MiB, and a config without one uses it."""
    assert (1024 * 1024, DEFAULT_MAX_BODY_BYTES) == (DEFAULT_MAX_BODY_BYTES, MockConfig().max_body_bytes)


def test_oversized_body_gets_413_and_the_server_keeps_serving(small_server: MockServer) -> None:
    """A body one byte over the limit gets the 413 envelope, is recorded without its bytes, and the next mint works."""
    headers = {"X-API-KEY": API_KEY, "content-type": "application/json"}
    with httpx.Client(base_url=small_server.url, headers=headers, timeout=10) as http:
        refused = http.post(TOKEN_PATH, content=padded(SMALL_LIMIT + 1))
        accepted = http.post(TOKEN_PATH, content=padded(SMALL_LIMIT))

    message = f"Request body larger than {SMALL_LIMIT} bytes"
    assert (413, {"code": 413, "data": None, "message": message}) == (refused.status_code, refused.json())
    assert 200 == accepted.status_code
    first, _second = small_server.requests
    assert (413, b"", None) == (first.status, first.raw_body, first.body)


def test_streamed_oversized_body_gets_413(small_server: MockServer) -> None:
    """A chunked body with no Content-Length is cut off once it passes the limit."""

    def chunks() -> Iterator[bytes]:
        for _ in range(64):
            yield b" " * 256

    with httpx.Client(base_url=small_server.url, headers={"X-API-KEY": API_KEY}, timeout=10) as http:
        response = http.post(TOKEN_PATH, content=chunks())

    assert 413 == response.status_code


def test_declared_huge_body_is_answered_without_reading_it(small_server: MockServer) -> None:
    """A Content-Length of 100 MB is refused at once: the mock answers before a single body byte is sent."""
    host, port = small_server.url.removeprefix("http://").split(":")
    head = (
        f"POST {TOKEN_PATH} HTTP/1.1\r\nHost: {host}\r\nX-API-KEY: {API_KEY}\r\n"
        f"Content-Type: application/json\r\nContent-Length: {100 * 1024 * 1024}\r\n\r\n"
    )
    with socket.create_connection((host, int(port)), timeout=5) as sock:
        sock.sendall(head.encode())
        status_line = sock.recv(4096).split(b"\r\n", 1)[0]

    # The reason phrase is the server's Python's ("Content Too Large" from 3.13 on): the status is what counts.
    assert status_line.startswith(b"HTTP/1.1 413 ")


# -- nesting depth: 422, never a 500 ------------------------------------------------------------


def test_deep_nesting_is_422_without_a_logged_traceback(caplog: pytest.LogCaptureFixture) -> None:
    """JSON too deep for Python's parser is a 422 `json_invalid` from a served mock, and nothing is logged as an error."""
    caplog.set_level(logging.WARNING)
    depth = 100_000
    with MockServer() as server, httpx.Client(base_url=server.url, timeout=10) as http:
        response = http.post(
            TOKEN_PATH,
            content=b"[" * depth + b"]" * depth,
            headers={"X-API-KEY": API_KEY, "content-type": "application/json"},
        )
        last = server.last_request

    assert 422 == response.status_code
    [detail] = response.json()["detail"]
    assert (["body"], "json_invalid") == (detail["loc"], detail["type"])
    assert (422, None) == (last.status, last.body)
    assert [] == [record for record in caplog.records if record.levelno >= logging.ERROR]


def test_nesting_past_the_limit_is_422() -> None:
    """An unknown field nested one level past MAX_JSON_DEPTH (which Python could parse) is still refused."""
    mock = LiveAvatarMock()

    response = mint_in_process(mock.app, full_body(extra=nested(MAX_JSON_DEPTH)))

    assert 422 == response.status_code
    assert f"nesting deeper than {MAX_JSON_DEPTH} levels" == response.json()["detail"][0]["ctx"]["error"]


def test_nesting_at_the_limit_is_accepted() -> None:
    """A body exactly MAX_JSON_DEPTH levels deep (the body itself is the first) mints."""
    mock = LiveAvatarMock()

    assert 200 == mint_in_process(mock.app, full_body(extra=nested(MAX_JSON_DEPTH - 1))).status_code


def test_deep_body_in_a_422_echo_is_encoded() -> None:
    """A deep but allowed body that breaks a rule is echoed in the 422's `input` without a recursion error."""
    mock = LiveAvatarMock()
    body = {"mode": "FULL", "avatar_id": "dd73ea75-1218-4ef3-92ce-606d5f7fbc0a", "extra": nested(MAX_JSON_DEPTH - 1)}

    response = mint_in_process(mock.app, body)

    assert (422, body) == (response.status_code, response.json()["detail"][0]["input"])


def test_many_brackets_in_strings_are_not_nesting() -> None:
    """Brackets inside string values do not count as depth."""
    mock = LiveAvatarMock()

    response = mint_in_process(mock.app, full_body(note="[{" * (MAX_JSON_DEPTH * 2)))

    assert 200 == response.status_code


# -- the request log: bounded by count and by bytes --------------------------------------------


def test_record_defaults_are_named() -> None:
    """The log keeps the last 1,000 requests within 32 MiB of bodies unless told otherwise."""
    config = MockConfig()

    assert (1000, 32 * 1024 * 1024) == (DEFAULT_RECORD_LIMIT, DEFAULT_RECORD_BYTES_LIMIT)
    assert (DEFAULT_RECORD_LIMIT, DEFAULT_RECORD_BYTES_LIMIT) == (config.record_limit, config.record_bytes_limit)


def test_log_keeps_only_the_latest_requests() -> None:
    """With `record_limit=3`, five requests leave the last three, oldest first."""
    mock = LiveAvatarMock(MockConfig(record_limit=3))

    ids = [mint_in_process(mock.app, full_body()).headers["x-request-id"] for _ in range(5)]

    assert ids[2:] == [record.request_id for record in mock.requests]


def test_record_limit_zero_keeps_nothing() -> None:
    """`record_limit=0` turns the log off; the mock still answers."""
    mock = LiveAvatarMock(MockConfig(record_limit=0))

    assert 200 == mint_in_process(mock.app, full_body()).status_code
    assert [] == mock.requests
    with pytest.raises(LookupError):
        _ = mock.last_request


def test_log_drops_the_oldest_beyond_its_byte_budget() -> None:
    """Records of 1,000-byte bodies under a 5,000-byte budget: the total stays within it, the newest is kept."""
    mock = LiveAvatarMock(MockConfig(record_bytes_limit=5000))
    headers = {"X-API-KEY": API_KEY, "content-type": "application/json"}

    ids = [
        asyncio_post(mock, padded(1000), headers).headers["x-request-id"]
        for _ in range(10)  # each record holds the body plus a ~190-byte answer
    ]

    kept = mock.requests
    assert sum(record.size for record in kept) <= 5000
    assert ids[-len(kept) :] == [record.request_id for record in kept]
    assert 3 <= len(kept) < 10


def test_one_record_larger_than_the_budget_is_still_kept() -> None:
    """The newest request is kept whatever its size, so `last_request` always works."""
    mock = LiveAvatarMock(MockConfig(record_bytes_limit=100))

    mint_in_process(mock.app, full_body())
    mint_in_process(mock.app, full_body(note="x" * 500))

    [record] = mock.requests
    assert "x" * 500 == record.body["note"]


@pytest.mark.slow  # a soak: `make test` runs it, `make unit` does not
def test_memory_stays_flat_once_the_log_is_full() -> None:
    """After the log and the token registry fill, 600 more mints allocate no lasting memory beyond noise."""
    mock = LiveAvatarMock(MockConfig(record_limit=100, session_limit=100))
    body = json.dumps(full_body(dynamic_variables={"name": "x" * 500})).encode()
    headers = {"X-API-KEY": API_KEY, "content-type": "application/json"}

    async def mint(http: httpx.AsyncClient, count: int) -> None:
        for _ in range(count):
            response = await http.post(TOKEN_PATH, content=body, headers=headers)
            assert 200 == response.status_code

    async def run() -> tuple[int, int]:
        transport = httpx.ASGITransport(app=mock.app)
        async with httpx.AsyncClient(transport=transport, base_url="http://mock") as http:
            # Traced from the first request, so every kept record is counted at both readings.
            tracemalloc.start()
            try:
                await mint(http, 300)
                gc.collect()  # cyclic garbage is not held memory; count only what survives
                full, _ = tracemalloc.get_traced_memory()
                await mint(http, 600)
                gc.collect()
                later, _ = tracemalloc.get_traced_memory()
            finally:
                tracemalloc.stop()
            return full, later

    full, later = asyncio.run(run())

    # Unbounded (record_limit=100_000), the same run grows by about 1.7 MB; bounded it does not grow.
    assert later - full < 100_000, (full, later)
    assert 100 == len(mock.requests)
    assert 100 == len(mock.minted_sessions())


def asyncio_post(mock: LiveAvatarMock, content: bytes, headers: dict[str, str]) -> httpx.Response:
    """POST raw bytes to an in-process mock."""

    async def send() -> httpx.Response:
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=mock.app), base_url="http://mock") as http:
            return await http.post(TOKEN_PATH, content=content, headers=headers)

    return asyncio.run(send())
