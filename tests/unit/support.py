"""Shared values and helpers for the facade's logic tests."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Callable
from typing import Any

import httpx

import liveavatar

API_KEY = "sk_test_unit_0123456789abcdef"
SESSION_ID = "0f5b0a52-8a4f-4d67-9a55-8f2d0b4f3c11"
SESSION_TOKEN = "eyJhbGciOiJIUzI1NiJ9.eyJleHAiOjQxMDI0NDQ4MDB9.c2lnbmF0dXJl"
AVATAR_ID = "3c90c3cc-0d44-4b50-8888-8dd25736052a"
VOICE_ID = "c2527536-6d1f-4412-a643-53a3497dada9"
CONTEXT_ID = "5b9dba8a-aa31-11f0-a6ee-066a7fa2e369"

Handler = Callable[[httpx.Request], httpx.Response]


def token_response(code: int = 100, **headers: str) -> httpx.Response:
    """A success envelope as the API sends it."""
    body = {"code": code, "data": {"session_id": SESSION_ID, "session_token": SESSION_TOKEN}, "message": "ok"}
    return httpx.Response(200, json=body, headers=headers)


class Recorder:
    """A MockTransport handler that answers from a script and keeps every request."""

    def __init__(self, *responses: httpx.Response | Exception) -> None:
        self.script = list(responses) or [token_response()]
        self.requests: list[httpx.Request] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        step = self.script[min(len(self.requests), len(self.script)) - 1]
        if isinstance(step, Exception):
            raise step
        # A fresh copy each time: a response's stream is sync or async, and read once.
        return httpx.Response(step.status_code, headers=step.headers, content=step.content)

    @property
    def body(self) -> Any:
        """The JSON body of the last request."""
        return json.loads(self.requests[-1].content)


class Minter:
    """One client, sync or async, called through the same synchronous methods."""

    def __init__(self, client: liveavatar.LiveAvatar | liveavatar.AsyncLiveAvatar) -> None:
        self.client = client

    def create_token(self, **kwargs: Any) -> liveavatar.SessionToken:
        if isinstance(self.client, liveavatar.AsyncLiveAvatar):
            return asyncio.run(self.client.sessions.create_token(**kwargs))
        return self.client.sessions.create_token(**kwargs)

    def create_lite_token(self, **kwargs: Any) -> liveavatar.SessionToken:
        if isinstance(self.client, liveavatar.AsyncLiveAvatar):
            return asyncio.run(self.client.sessions.create_lite_token(**kwargs))
        return self.client.sessions.create_lite_token(**kwargs)

    def call(self, resource: str, method: str, *args: Any, **kwargs: Any) -> Any:
        """`client.<resource>.<method>(...)`, awaited on the async client."""
        bound = getattr(getattr(self.client, resource), method)
        if isinstance(self.client, liveavatar.AsyncLiveAvatar):
            return asyncio.run(bound(*args, **kwargs))
        return bound(*args, **kwargs)

    def sessions_listed(self, limit: int | None = None, **kwargs: Any) -> list[liveavatar.SessionInfo]:
        """The first `limit` sessions `client.sessions.list(...)` yields (all when None), then stop iterating."""
        found: list[liveavatar.SessionInfo] = []
        if isinstance(self.client, liveavatar.AsyncLiveAvatar):
            listing = self.client.sessions.list(**kwargs)

            async def take() -> None:
                async for session in listing:
                    found.append(session)
                    if limit is not None and len(found) >= limit:
                        break

            asyncio.run(take())
            return found
        for session in self.client.sessions.list(**kwargs):
            found.append(session)
            if limit is not None and len(found) >= limit:
                break
        return found

    def listed(self, resource: str, limit: int | None = None, **kwargs: Any) -> list[Any]:
        """What `client.<resource>.list(...)` yields (the first `limit` items), iterated as each client iterates."""
        found: list[Any] = []
        listing = getattr(self.client, resource).list(**kwargs)
        if isinstance(self.client, liveavatar.AsyncLiveAvatar):

            async def take() -> None:
                async for item in listing:
                    found.append(item)
                    if limit is not None and len(found) >= limit:
                        break

            asyncio.run(take())
            return found
        for item in listing:
            found.append(item)
            if limit is not None and len(found) >= limit:
                break
        return found

    def close(self) -> None:
        if isinstance(self.client, liveavatar.AsyncLiveAvatar):
            asyncio.run(self.client.aclose())
        else:
            self.client.close()


ClientFactory = Callable[..., Minter]
