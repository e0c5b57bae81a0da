"""Helpers shared by several test folders: one definition each.

- `envelope` / `envelope_response`: the API's `{code, data, message}` body, as JSON or as an `httpx.Response`.
- `run_on(kind, options, call)`: run one call on a sync or an async client built with the given options, and close it.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Callable, Mapping
from typing import Any, Literal

import httpx

import liveavatar

Kind = Literal["sync", "async"]
KINDS: list[Kind] = ["sync", "async"]


def envelope(data: object, *, code: int = 100, message: str = "ok") -> dict[str, Any]:
    """The API's envelope around `data` (LiveAvatar's live answers say `code: 1000`, the spec 100)."""
    return {"code": code, "data": data, "message": message}


def envelope_response(data: object, status: int = 200, *, code: int = 100, **headers: str) -> httpx.Response:
    """An `httpx.Response` carrying `envelope(data)`, for `httpx.MockTransport` handlers."""
    return httpx.Response(status, json=envelope(data, code=code), headers=headers)


def run_on(
    kind: str,
    options: Mapping[str, Any],
    call: Callable[[Any], Any],
    pool: Mapping[str, Any] | None = None,
) -> Any:
    """Build a `LiveAvatar` (kind "sync") or `AsyncLiveAvatar` from `options`, run `call(client)`, close it.

    `call` returns the result for a sync client and an awaitable for an async one. With `pool`, the
    client runs on a caller's `httpx.Client`/`AsyncClient(**pool)`, built and closed here (an async one
    inside the event loop that used it). `options` may be any mapping (the hardening tests' masks its repr).
    """
    if kind == "sync":
        with contextlib.ExitStack() as stack:
            if pool is not None:
                options = type(options)({**options, "http_client": stack.enter_context(httpx.Client(**pool))})  # type: ignore[call-arg]
            client = stack.enter_context(liveavatar.LiveAvatar(**options))
            return call(client)

    async def go() -> Any:
        async with contextlib.AsyncExitStack() as stack:
            chosen = options
            if pool is not None:
                http = await stack.enter_async_context(httpx.AsyncClient(**pool))
                chosen = type(options)({**options, "http_client": http})  # type: ignore[call-arg]
            client = await stack.enter_async_context(liveavatar.AsyncLiveAvatar(**chosen))
            return await call(client)

    return asyncio.run(go())
