"""What a mint costs the mock in CPU, for `make bench` and for anyone tuning the mock.

Two measurements, both of successful mints of a typical FULL body (the
README's: a persona with voice settings, sandbox, dynamic variables):

- `measure_mint_cpu()`: in this process, the ASGI app driven directly
  (no sockets, no HTTP parsing, no client): the mock's own cost per mint,
  from validation to the recorded request. Process CPU time, so a busy
  machine slows it but does not inflate it much.
- `measure_served_mint_cpu()`: a real `MockServer` in a child process,
  `concurrency` keep-alive connections from this one; the child's CPU per
  mint, uvicorn and its loop and parser included (`served_by()` names them).
  This is the figure a test suite pays.

Both return a `MintCost`; `make bench` reports them.
"""

from __future__ import annotations

import asyncio
import json
import subprocess
import sys
import time
from collections.abc import MutableMapping
from typing import Any

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


def measure_served_mint_cpu(requests: int = DEFAULT_REQUESTS, *, concurrency: int = DEFAULT_CONCURRENCY) -> MintCost:
    """A served mock's CPU per mint: a child process's CPU over `requests` mints, `concurrency` at a time."""
    import httpx  # the SDK's own dependency, imported here to keep it out of the mock's import time

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

    async def mint(count: int, url: str) -> None:
        limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
        async with httpx.AsyncClient(base_url=url, limits=limits, headers={"X-API-KEY": _API_KEY}) as http:
            gate = asyncio.Semaphore(concurrency)

            async def one() -> None:
                async with gate:
                    response = await http.post(TOKEN_PATH, json=SAMPLE_BODY)
                if response.status_code != 200:
                    raise RuntimeError(f"the mock answered {response.status_code}: {response.text}")

            await asyncio.gather(*(one() for _ in range(count)))

    try:
        url = stdout.readline().strip()
        asyncio.run(mint(_WARMUP, url))
        before = child_cpu()
        asyncio.run(mint(requests, url))
        spent = child_cpu() - before
    finally:
        stdin.close()
        child.wait(timeout=30)
        stdout.close()
    return MintCost(requests, spent)
