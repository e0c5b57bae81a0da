"""In-process use: the Starlette app served through `httpx.ASGITransport`, with no socket."""

from __future__ import annotations

import asyncio

import httpx
from starlette.applications import Starlette

from liveavatar.mock import LiveAvatarMock
from tests.mock.support import API_KEY, TOKEN_PATH, full_body


def test_app_is_a_starlette_app() -> None:
    """`LiveAvatarMock().app` is a Starlette application."""
    assert isinstance(LiveAvatarMock().app, Starlette)


def test_mint_through_asgi_transport() -> None:
    """An AsyncClient on ASGITransport mints a token exactly as over HTTP, and the mock records it."""
    mock = LiveAvatarMock()

    async def mint() -> httpx.Response:
        transport = httpx.ASGITransport(app=mock.app)
        async with httpx.AsyncClient(transport=transport, base_url="http://mock") as client:
            return await client.post(TOKEN_PATH, headers={"X-API-KEY": API_KEY}, json=full_body())

    response = asyncio.run(mint())

    assert 200 == response.status_code
    assert mock.verify_token(response.json()["data"]["session_token"])
    assert [200] == [record.status for record in mock.requests]


def test_faults_work_in_process() -> None:
    """Run-time faults apply in-process too."""
    mock = LiveAvatarMock()
    mock.fail_next(1, 429)

    async def twice() -> list[int]:
        transport = httpx.ASGITransport(app=mock.app)
        async with httpx.AsyncClient(transport=transport, base_url="http://mock") as client:
            headers = {"X-API-KEY": API_KEY}
            return [(await client.post(TOKEN_PATH, headers=headers, json=full_body())).status_code for _ in range(2)]

    assert [429, 200] == asyncio.run(twice())


def test_mocks_are_independent() -> None:
    """Two mocks share no faults, records or signing secret."""
    first, second = LiveAvatarMock(), LiveAvatarMock()
    first.force_status(500)

    async def one(mock: LiveAvatarMock) -> httpx.Response:
        transport = httpx.ASGITransport(app=mock.app)
        async with httpx.AsyncClient(transport=transport, base_url="http://mock") as client:
            return await client.post(TOKEN_PATH, headers={"X-API-KEY": API_KEY}, json=full_body())

    statuses = [asyncio.run(one(mock)).status_code for mock in (first, second)]

    assert [500, 200] == statuses
    assert ([500], [200]) == ([r.status for r in first.requests], [r.status for r in second.requests])
