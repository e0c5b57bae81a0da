"""What a mint costs the mock in CPU, for `make bench` and for anyone tuning the mock.

Two measurements, both of successful mints of a typical FULL body (the
tokens guide's: a persona with voice settings, sandbox, dynamic variables):

- `measure_mint_cpu()`: in this process, the ASGI app driven directly
  (no sockets, no HTTP parsing, no client): the mock's own cost per mint,
  from validation to the recorded request. Process CPU time, so a busy
  machine slows it but does not inflate it much.
- `measure_served_mint_cpu()`: a real `MockServer` in a child process,
  `concurrency` keep-alive connections from this one; the child's CPU per
  mint, uvicorn and its loop and parser included (`served_by()` names them).
  By default the mints are sent with h11 alone, so that the server is the
  bottleneck; `driver="httpx"` sends them through an httpx pool instead.

Both return a `MintCost`; `make bench` reports them.
"""

from __future__ import annotations

import asyncio
import json
import subprocess
import sys
import time
from collections.abc import MutableMapping
from typing import Any, Literal
from urllib.parse import urlsplit

import attrs

from ._app import LiveAvatarMock
from ._config import SANDBOX_AVATAR_ID, MockConfig
from ._validation import TOKEN_PATH

__all__ = [
    "DEFAULT_CONCURRENCY",
    "DEFAULT_REQUESTS",
    "MintCost",
    "measure_mint_cpu",
    "measure_served_mint_cpu",
    "served_by",
]

DEFAULT_REQUESTS = 2000
DEFAULT_CONCURRENCY = 64
_WARMUP = 200
_API_KEY = "sk_measure_0123456789"

SAMPLE_BODY: dict[str, Any] = {
    "mode": "FULL",
    "avatar_id": SANDBOX_AVATAR_ID,
    "is_sandbox": True,
    "max_session_duration": 60,
    "video_settings": {"quality": "high"},
    "avatar_persona": {
        "voice_id": "c2527536-6d1f-4412-a643-53a3497dada9",
        "context_id": "5b9dba8a-aa31-11f0-a6ee-066a7fa2e369",
        "language": "en",
        "voice_settings": {"provider": "elevenLabs", "speed": 1.05, "stability": 0.6},
    },
    "dynamic_variables": {"customer_name": "Ada"},
}
"""The body every measured mint sends."""


@attrs.frozen
class MintCost:
    """CPU seconds spent on `requests` mints."""

    requests: int
    cpu_seconds: float

    @property
    def per_mint_ms(self) -> float:
        """Milliseconds of CPU per mint."""
        return self.cpu_seconds / self.requests * 1000

    def as_dict(self) -> dict[str, float | int]:
        return {"requests": self.requests, "cpu_seconds": self.cpu_seconds, "per_mint_ms": self.per_mint_ms}


def _scope(body: bytes) -> dict[str, Any]:
    return {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "POST",
        "scheme": "http",
        "path": TOKEN_PATH,
        "raw_path": TOKEN_PATH.encode(),
        "query_string": b"",
        "root_path": "",
        "headers": [
            (b"host", b"mock"),
            (b"x-api-key", _API_KEY.encode()),
            (b"content-type", b"application/json"),
            (b"content-length", str(len(body)).encode()),
        ],
        "client": ("127.0.0.1", 1),
        "server": ("127.0.0.1", 80),
    }


class _OneRequest:
    """The receive and send of one ASGI request whose body is `body`; `status` is what the app answered."""

    def __init__(self, body: bytes) -> None:
        self._body: bytes | None = body
        self.status = 0

    async def receive(self) -> dict[str, Any]:
        body, self._body = self._body, None
        if body is None:
            return {"type": "http.disconnect"}
        return {"type": "http.request", "body": body, "more_body": False}

    async def send(self, message: MutableMapping[str, Any]) -> None:
        if message["type"] == "http.response.start":
            self.status = message["status"]


async def _mint_directly(mock: LiveAvatarMock, scope: dict[str, Any], body: bytes, count: int) -> None:
    for _ in range(count):
        request = _OneRequest(body)
        await mock.app(scope, request.receive, request.send)
        if request.status != 200:
            raise RuntimeError(f"the mock answered {request.status} to the sample body")


def measure_mint_cpu(requests: int = DEFAULT_REQUESTS, *, config: MockConfig | None = None) -> MintCost:
    """The mock's own CPU per mint, in this process, without HTTP (see the module docs)."""
    mock = LiveAvatarMock(config)
    body = json.dumps(SAMPLE_BODY).encode()
    scope = _scope(body)

    async def run() -> float:
        await _mint_directly(mock, scope, body, _WARMUP)
        start = time.process_time()
        await _mint_directly(mock, scope, body, requests)
        return time.process_time() - start

    return MintCost(requests, asyncio.run(run()))


def served_by() -> str:
    """The event loop and HTTP parser uvicorn's `auto` picks here: `uvloop+httptools`, or `asyncio+h11` without them."""
    from importlib.util import find_spec

    loop = "uvloop" if find_spec("uvloop") else "asyncio"
    return f"{loop}+{'httptools' if find_spec('httptools') else 'h11'}"


_CHILD = """
import sys, time
from liveavatar.mock import MockServer
with MockServer() as server:
    print(server.url, flush=True)
    for line in sys.stdin:
        print(time.process_time(), flush=True)
"""


Driver = Literal["h11", "httpx"]
"""What sends the served mints: `h11` keeps the server the bottleneck, `httpx` is what a suite drives it with."""


def measure_served_mint_cpu(
    requests: int = DEFAULT_REQUESTS, *, concurrency: int = DEFAULT_CONCURRENCY, driver: Driver = "h11"
) -> MintCost:
    """A served mock's CPU per mint: a child process's CPU over `requests` mints, `concurrency` at a time.

    What a server spends per request depends on how fast requests arrive:
    kept busy, it reads several per wake-up; fed one at a time, it pays for
    a wake-up and a write each. `driver="h11"` sends from `concurrency`
    connections with h11 alone, light enough that the server is the
    bottleneck (its cost, as a busy mock pays it). `driver="httpx"` sends
    through an `httpx.AsyncClient` pool of `concurrency`, whose own CPU makes
    it the bottleneck instead (what a suite driving the mock that hard sees).
    """
    send = _send_with_h11 if driver == "h11" else _send_with_httpx
    # The command is this interpreter and a constant script: nothing untrusted reaches it.
    child = subprocess.Popen(  # noqa: S603
        [sys.executable, "-c", _CHILD], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, bufsize=1
    )
    stdin, stdout = child.stdin, child.stdout
    if stdin is None or stdout is None:  # pragma: no cover - both are pipes, as asked
        raise RuntimeError("the measuring child has no pipes")

    def child_cpu() -> float:
        stdin.write("cpu\n")
        stdin.flush()
        return float(stdout.readline())

    try:
        url = stdout.readline().strip()
        asyncio.run(send(url, _WARMUP, concurrency))
        before = child_cpu()
        asyncio.run(send(url, requests, concurrency))
        spent = child_cpu() - before
    finally:
        stdin.close()
        child.wait(timeout=30)
        stdout.close()
    return MintCost(requests, spent)


def _refused(status: int, body: bytes) -> RuntimeError:
    return RuntimeError(f"the mock answered {status}: {body.decode(errors='replace')}")


async def _send_with_httpx(url: str, count: int, concurrency: int) -> None:
    import httpx  # the SDK's own dependency, imported here to keep it out of the mock's import time

    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    async with httpx.AsyncClient(base_url=url, limits=limits, headers={"X-API-KEY": _API_KEY}) as http:
        gate = asyncio.Semaphore(concurrency)

        async def one() -> None:
            async with gate:
                response = await http.post(TOKEN_PATH, json=SAMPLE_BODY)
            if response.status_code != 200:
                raise _refused(response.status_code, response.content)

        await asyncio.gather(*(one() for _ in range(count)))


async def _send_with_h11(url: str, count: int, concurrency: int) -> None:
    import h11  # httpcore's HTTP/1.1 parser, so always there beside httpx

    address = urlsplit(url)
    host, port = address.hostname or "127.0.0.1", address.port or 80
    body = json.dumps(SAMPLE_BODY).encode()
    headers = [
        ("Host", address.netloc),
        ("X-API-KEY", _API_KEY),
        ("Content-Type", "application/json"),
        ("Content-Length", str(len(body))),
    ]
    left = count

    async def connection() -> None:
        nonlocal left
        reader, writer = await asyncio.open_connection(host, port)
        http = h11.Connection(h11.CLIENT)
        try:
            while left > 0:
                left -= 1
                request = h11.Request(method="POST", target=TOKEN_PATH, headers=headers)
                writer.write(http.send(request) + http.send(h11.Data(data=body)) + http.send(h11.EndOfMessage()))
                status, answer = 0, b""
                while True:
                    event = http.next_event()
                    if event is h11.NEED_DATA:
                        http.receive_data(await reader.read(65536))
                    elif isinstance(event, h11.Response):
                        status = event.status_code
                    elif isinstance(event, h11.Data):
                        answer += event.data
                    elif isinstance(event, h11.EndOfMessage):
                        break
                    elif isinstance(event, h11.ConnectionClosed):
                        raise RuntimeError("the mock closed a keep-alive connection mid-measurement")
                if status != 200:
                    raise _refused(status, answer)
                http.start_next_cycle()
        finally:
            writer.close()
            await writer.wait_closed()

    await asyncio.gather(*(connection() for _ in range(concurrency)))
