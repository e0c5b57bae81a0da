"""The account API against a hostile server on 127.0.0.1: listings are bounded, creates are never sent twice."""

from __future__ import annotations

import asyncio
import json
import logging
from typing import Any

import pytest

import liveavatar
from liveavatar import MAX_LIST_PAGES, AsyncLiveAvatar, LiveAvatar
from liveavatar.testing import no_retry_waits
from tests.wire.conftest import WireServer

pytestmark = pytest.mark.wire

API_KEY = "sk_live_CANARY_KEY_9f8e7d6c5b4a"
CONTEXT_ID = "7a6b5c4d-3e2f-4a1b-9c8d-7e6f5a4b3c2d"


def _page(index: int, *, next_: bool = True) -> dict[str, Any]:
    item = {"id": f"avatar-{index}", "name": f"Avatar {index}"}
    return {"code": 100, "data": {"next": "more" if next_ else None, "results": [item]}, "message": "ok"}


def _listed(kind: str, url: str, resource: str, **kwargs: Any) -> list[Any]:
    if kind == "sync":
        with LiveAvatar(api_key=API_KEY, base_url=url, max_retries=0) as client:
            return list(getattr(client, resource).list(**kwargs))

    async def go() -> list[Any]:
        async with AsyncLiveAvatar(api_key=API_KEY, base_url=url, max_retries=0) as client:
            return [item async for item in getattr(client, resource).list(**kwargs)]

    return asyncio.run(go())


def _call(kind: str, url: str, resource: str, method: str, *args: Any, **kwargs: Any) -> Any:
    if kind == "sync":
        with LiveAvatar(api_key=API_KEY, base_url=url, max_retries=2) as client:
            return getattr(getattr(client, resource), method)(*args, **kwargs)

    async def go() -> Any:
        async with AsyncLiveAvatar(api_key=API_KEY, base_url=url, max_retries=2) as client:
            return await getattr(getattr(client, resource), method)(*args, **kwargs)

    return asyncio.run(go())


@pytest.mark.parametrize("kind", ["sync", "async"])
def test_a_server_that_links_a_next_page_forever_is_read_for_max_list_pages(
    kind: str, wire_server: WireServer, caplog: pytest.LogCaptureFixture
) -> None:
    """New ids and a `next` on every page: the listing stops after MAX_LIST_PAGES requests and warns."""
    wire_server.script(*(wire_server.reply(body=_page(index)) for index in range(MAX_LIST_PAGES + 5)))

    with caplog.at_level(logging.WARNING, "liveavatar"):
        found = _listed(kind, wire_server.url, "avatars")

    assert MAX_LIST_PAGES == len(found) == wire_server.count
    assert "MAX_LIST_PAGES" in caplog.text


@pytest.mark.parametrize("kind", ["sync", "async"])
def test_a_server_that_ignores_the_page_ends_the_listing_on_the_second_request(
    kind: str, wire_server: WireServer
) -> None:
    """The same page again (a server ignoring `page`) holds no new id: two requests, one item."""
    wire_server.script(*(wire_server.reply(body=_page(0)) for _ in range(5)))

    assert 1 == len(_listed(kind, wire_server.url, "avatars"))
    assert 2 == wire_server.count
    assert ["/v1/avatars?page=1&page_size=100", "/v1/avatars?page=2&page_size=100"] == [
        request.path for request in wire_server.requests
    ]


@pytest.mark.parametrize("kind", ["sync", "async"])
def test_a_create_whose_answer_is_lost_is_sent_once_and_a_read_is_retried(kind: str, wire_server: WireServer) -> None:
    """A reset after a create was sent is raised, not retried (it may exist); a read after a reset is retried."""
    context = {"code": 100, "data": {"id": CONTEXT_ID, "name": "n"}, "message": "ok"}
    wire_server.script(wire_server.reset(), wire_server.reset(), wire_server.reply(body=context))

    with no_retry_waits():
        with pytest.raises(liveavatar.APIConnectionError):
            _call(kind, wire_server.url, "contexts", "create", name="n", prompt="p", opening_text="o")
        assert 1 == wire_server.count

        got = _call(kind, wire_server.url, "contexts", "get", CONTEXT_ID)

    assert CONTEXT_ID == got.id
    assert ["POST", "GET", "GET"] == [request.method for request in wire_server.requests]
    assert {"name": "n", "prompt": "p", "opening_text": "o"} == json.loads(wire_server.requests[0].body)
