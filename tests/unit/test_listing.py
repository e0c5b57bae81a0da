"""The rules that end every listing, proved once on `sessions.list()` and on an account `list()` alike.

Both are driven by `liveavatar._listing.ListingState`: a listing ends when no
next page is linked, when its `count` is reached, at a page with no new id,
after `ceil(count / page_size) + 1` pages, or after `MAX_LIST_PAGES` pages
with a warning; an item on two pages is yielded once.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable
from typing import Any

import httpx
import pytest

from tests.spec import account_samples as s
from tests.unit.support import ClientFactory

LISTINGS = ["sessions", "avatars"]
"""The sessions listing (page size 20 by default) and an account one (page size 100)."""

Make = Callable[[int], tuple[list[str], int | None]]
"""For page n: the ids it holds and the count it states (None: no count)."""


def _ids(count: int, start: int = 0) -> list[str]:
    return [str(uuid.UUID(int=start + number + 1)) for number in range(count)]


class Pages:
    """A listing whose every page links another; which ids each holds, and the count it states, is up to the test."""

    def __init__(self, kind: str, make: Make) -> None:
        self.kind = kind
        self.make = make
        self.pages: list[int] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        page = int(request.url.params.get("page", "1"))
        self.pages.append(page)
        if len(self.pages) > 1000:
            raise AssertionError("the listing did not end")
        ids, count = self.make(page)
        data: dict[str, Any] = {"next": f"https://api.liveavatar.com/v1/{self.kind}?page={page + 1}"}
        if count is not None:
            data["count"] = count
        if self.kind == "sessions":
            data["results"] = [{"id": item, "created_at": "2026-01-01T00:00:00Z"} for item in ids]
            return httpx.Response(200, json={"code": 100, "data": data, "message": "ok"})
        data["results"] = [{**s.AVATAR, "id": item} for item in ids]
        return httpx.Response(200, json=s.live_envelope(data))


def _listed(client_factory: ClientFactory, pages: Pages, **options: Any) -> list[str]:
    client = client_factory(pages)
    found = client.sessions_listed(**options) if pages.kind == "sessions" else client.listed(pages.kind, **options)
    return [item.id for item in found]


@pytest.mark.parametrize("kind", LISTINGS)
@pytest.mark.parametrize(
    ("make", "expected_ids", "pages_fetched"),
    [
        # The same page again and again: the second brings nothing new.
        (lambda page: (_ids(3), None), 3, 2),
        # New ids on every page: the stated count is reached on the second.
        (lambda page: (_ids(3, start=page * 10), 5), 6, 2),
        # One new id a page, short of the count: ceil(5/page_size)+1 = 2 pages at most.
        (lambda page: (_ids(1, start=page * 10), 5), 2, 2),
        # Pages that overlap: the ids seen before are yielded once.
        (lambda page: (_ids(3, start=page), 7), 4, 2),
    ],
    ids=["no-new-id", "count-reached", "count-bounds-the-pages", "overlap-yielded-once"],
)
def test_a_listing_whose_every_page_links_another_ends(
    client_factory: ClientFactory, kind: str, make: Make, expected_ids: int, pages_fetched: int
) -> None:
    """Every listing ends at the count, at a page with no new id, or after ceil(count/page_size)+1 pages; no id twice."""
    pages = Pages(kind, make)

    found = _listed(client_factory, pages)

    assert len(found) == len(set(found))
    assert (expected_ids, pages_fetched) == (len(found), len(pages.pages))


def test_the_count_bound_follows_the_page_size_asked_for(client_factory: ClientFactory) -> None:
    """`sessions.list(page_size=3)` with pages that overlap and a count of 7 reads ceil(7/3)+1 = 4 pages."""
    pages = Pages("sessions", lambda page: (_ids(3, start=page), 7))

    found = _listed(client_factory, pages, page_size=3)

    assert (6, 4) == (len(found), len(pages.pages))


@pytest.mark.parametrize("kind", LISTINGS)
def test_a_listing_with_fresh_ids_and_no_count_stops_at_the_page_bound_with_a_warning(
    client_factory: ClientFactory, kind: str, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    """New ids on every page and no count: the listing reads MAX_LIST_PAGES pages, then stops and says so."""
    monkeypatch.setattr("liveavatar._listing.MAX_LIST_PAGES", 7)
    pages = Pages(kind, lambda page: (_ids(2, start=page * 10), None))

    with caplog.at_level(logging.WARNING, "liveavatar"):
        found = _listed(client_factory, pages)

    assert (7, 14) == (len(pages.pages), len(found))
    assert "MAX_LIST_PAGES" in caplog.text
