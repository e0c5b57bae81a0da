"""Shared data and helpers for the mock's tests: request bodies, in-process calls, JWT decoding."""

from __future__ import annotations

import asyncio
import base64
import json
from typing import Any

import httpx

import liveavatar
from liveavatar.mock import SANDBOX_AVATAR_ID
from tests.unit.support import Minter

TOKEN_PATH = "/v1/sessions/token"
API_KEY = "test-key-0123456789abcd"
OTHER_AVATAR_ID = "3c90c3cc-0d44-4b50-8888-8dd25736052a"
VOICE_AGENT_ID = "6b2a1a57-3d0e-4bde-9e37-8a1f4c2f9d10"
SECRET_ID = "0f7e3e2c-5a4b-4c3d-9e8f-7a6b5c4d3e2f"
PREV_SESSION_ID = "11111111-2222-4333-8444-555555555555"
MEMORY_ID = "aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee"
OTHER_MEMORY_ID = "99999999-8888-4777-8666-555555555555"

LIVEKIT = {"livekit_url": "wss://lk.example", "livekit_room": "room", "livekit_client_token": "lk-token"}
AGORA = {"agora_app_id": "app", "agora_token": "tok", "agora_channel": "chan", "agora_uid": "7"}


def full_body(**fields: Any) -> dict[str, Any]:
    """A valid FULL body (sandbox avatar, empty persona), with `fields` laid over it."""
    body: dict[str, Any] = {"mode": "FULL", "avatar_id": SANDBOX_AVATAR_ID, "avatar_persona": {}}
    body.update(fields)
    return body


def agent_body(**fields: Any) -> dict[str, Any]:
    """A valid FULL body with a stored voice agent and no `mode`, as the facade sends it."""
    body: dict[str, Any] = {"avatar_id": SANDBOX_AVATAR_ID, "voice_agent": {"id": VOICE_AGENT_ID}}
    body.update(fields)
    return body


def lite_body(**fields: Any) -> dict[str, Any]:
    """A valid LITE body, with `fields` laid over it."""
    body: dict[str, Any] = {"mode": "LITE", "avatar_id": SANDBOX_AVATAR_ID}
    body.update(fields)
    return body


def call_app(app: Any, method: str, path: str = TOKEN_PATH, **kwargs: Any) -> httpx.Response:
    """One request to an ASGI app in-process (httpx.ASGITransport), from sync code."""

    async def send() -> httpx.Response:
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://mock") as client:
            return await client.request(method, path, **kwargs)

    return asyncio.run(send())


def mint_in_process(app: Any, body: Any, api_key: str | None = API_KEY) -> httpx.Response:
    """POST a JSON body to the token endpoint of an in-process app."""
    headers = {} if api_key is None else {"X-API-KEY": api_key}
    return call_app(app, "POST", json=body, headers=headers)


def jwt_part(token: str, index: int) -> dict[str, Any]:
    """The decoded JSON of a JWT's header (0) or payload (1), without checking anything."""
    segment = token.split(".")[index]
    decoded: dict[str, Any] = json.loads(base64.urlsafe_b64decode(segment + "=" * (-len(segment) % 4)))
    return decoded


def locs(response: httpx.Response) -> list[list[Any]]:
    """The `loc` of every 422 detail item."""
    return [item["loc"] for item in response.json()["detail"]]


LIFECYCLE_RULES = frozenset(
    {
        "start-takes-session-token",
        "session-token-valid",
        "start-once",
        "start-needs-credit",
        "session-id-with-api-key",
        "token-own-session",
        "session-exists",
        "session-ended",
    }
)
"""The rules of the table that refuse lifecycle calls (each exercised in `test_lifecycle_rules.py`)."""

ACCOUNT_RULES = frozenset(
    {
        "account-resource-exists",
        "llm-config-secret-known",
        "bind-secret-known",
        "voice-agent-in-use",
        "memory-from-ended-full-session",
        "embed-agent-or-context",
        "start-llm-config-known",
    }
)
"""The rules of the table that refuse account calls (each exercised in `test_account_mock.py`)."""


def mint(api: httpx.Client, body: dict[str, Any]) -> tuple[str, str]:
    """Mint a token on the mock with the API key; (session_id, session_token)."""
    response = api.post(TOKEN_PATH, json=body)
    assert 200 == response.status_code, response.text
    data: dict[str, str] = response.json()["data"]
    return data["session_id"], data["session_token"]


def bearer(token: str) -> dict[str, str]:
    """The session token as an `Authorization` header."""
    return {"Authorization": f"Bearer {token}"}


def start(api: httpx.Client, token: str) -> httpx.Response:
    """`POST /v1/sessions/start` with the session token only (the API key header removed)."""
    return api.post(START_PATH, headers={**bearer(token), "X-API-KEY": ""})


def started(api: httpx.Client, body: dict[str, Any]) -> tuple[str, dict[str, Any]]:
    """Mint and start; (session_id, the start's `data`)."""
    session_id, token = mint(api, body)
    response = start(api, token)
    assert 201 == response.status_code, response.text
    data: dict[str, Any] = response.json()["data"]
    return session_id, data


START_PATH = "/v1/sessions/start"
STOP_PATH = "/v1/sessions/stop"
KEEP_ALIVE_PATH = "/v1/sessions/keep-alive"
SESSIONS_PATH = "/v1/sessions"
CREDITS_PATH = "/v1/users/credits"


class OneLoop(Minter):
    """`Minter` for an async client on a real socket: every call on one event loop, which its pool is bound to."""

    def __init__(self, client: liveavatar.AsyncLiveAvatar) -> None:
        super().__init__(client)
        self.runner = asyncio.Runner()

    def call(self, resource: str, method: str, *args: Any, **kwargs: Any) -> Any:
        return self.runner.run(getattr(getattr(self.client, resource), method)(*args, **kwargs))

    def create_token(self, **kwargs: Any) -> liveavatar.SessionToken:
        return self.call("sessions", "create_token", **kwargs)  # type: ignore[no-any-return]

    def create_lite_token(self, **kwargs: Any) -> liveavatar.SessionToken:
        return self.call("sessions", "create_lite_token", **kwargs)  # type: ignore[no-any-return]

    def listed(self, resource: str, limit: int | None = None, **kwargs: Any) -> list[Any]:
        async def take() -> list[Any]:
            found: list[Any] = []
            async for item in getattr(self.client, resource).list(**kwargs):
                found.append(item)
                if limit is not None and len(found) >= limit:
                    break
            return found

        return self.runner.run(take())

    def close(self) -> None:
        assert isinstance(self.client, liveavatar.AsyncLiveAvatar)
        self.runner.run(self.client.aclose())
        self.runner.close()
