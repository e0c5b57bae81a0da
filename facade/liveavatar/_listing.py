"""How a listing ends: the rules every lazy `list()` follows (sessions and the account API), free of I/O.

A listing reads page 1, 2, … of a paged endpoint (or the one answer of an
unpaged one) only as the caller iterates. It ends at the first of:

- the answer links no next page (`next` empty), or the endpoint is not paged;
- `count` reached: as many distinct items seen as the API said there are;
- no new id: a page whose every item was already seen (a server that
  ignores `page` would otherwise be read forever);
- `ceil(count / page_size) + 1` pages read, when the API states a `count`
  and the listing knows its page size;
- `MAX_LIST_PAGES` pages read: then a warning is logged and the listing
  stops, so no server can keep a caller in a loop.

Items seen on an earlier page (a page boundary shifts when items are added
or deleted while listing) are not yielded twice. The sync and async drivers
in `liveavatar._methods` (and `sessions.stop_all`'s procedure) only send the
calls this state asks for.
"""

from __future__ import annotations

import datetime
import math
from collections.abc import Callable
from typing import TYPE_CHECKING, Generic, TypeVar

from ._config import MAX_LIST_PAGES
from ._logging import logger

if TYPE_CHECKING:
    from ._operations import Call

__all__ = ["Chunk", "Listing", "ListingState"]

_T = TypeVar("_T")


class Chunk(Generic[_T]):
    """What one answer of a listing holds: its items, whether a next page is linked, and the total if given.

    `server_date` is the answer's `Date` header (the API's clock when it
    answered), when the reader keeps it.
    """

    __slots__ = ("count", "items", "more", "server_date")

    def __init__(
        self,
        items: tuple[_T, ...],
        more: bool = False,
        count: int | None = None,
        server_date: datetime.datetime | None = None,
    ) -> None:
        self.items = items
        self.more = more
        self.count = count
        self.server_date = server_date

    def __repr__(self) -> str:
        return f"Chunk(items={len(self.items)}, more={self.more}, count={self.count})"


class Listing(Generic[_T]):
    """A checked listing: the call for each page, each item's identity, and the page size asked for (if paged)."""

    __slots__ = ("key", "page_call", "page_size")

    def __init__(
        self, page_call: Callable[[int], Call[Chunk[_T]]], key: Callable[[_T], str], page_size: int | None = None
    ) -> None:
        self.page_call = page_call
        self.key = key
        self.page_size = page_size


class ListingState(Generic[_T]):
    """Where a listing is: which page comes next, and which ids were seen."""

    __slots__ = ("_listing", "_page", "_seen", "max_pages")

    def __init__(self, listing: Listing[_T], max_pages: int | None = None) -> None:
        self._listing = listing
        self._page = 1
        self._seen: set[str] = set()
        self.max_pages = MAX_LIST_PAGES if max_pages is None else max_pages

    def first(self) -> Call[Chunk[_T]]:
        """The call for page 1."""
        return self._listing.page_call(1)

    def advance(self, chunk: Chunk[_T]) -> tuple[list[_T], Call[Chunk[_T]] | None]:
        """The items of `chunk` not seen before, and the next page's call (None when the listing has ended)."""
        fresh = []
        for item in chunk.items:
            key = self._listing.key(item)
            if key not in self._seen:
                self._seen.add(key)
                fresh.append(item)
        if not (chunk.more and fresh):
            return fresh, None
        if chunk.count is not None:
            if len(self._seen) >= chunk.count:
                return fresh, None
            size = self._listing.page_size
            if size is not None and self._page >= math.ceil(max(chunk.count, 0) / size) + 1:
                # The pages the count allows, and one for items added meanwhile.
                return fresh, None
        if self._page >= self.max_pages:
            logger.warning(
                "Listing stopped after %d pages, although the API links another: MAX_LIST_PAGES bounds every listing",
                self._page,
            )
            return fresh, None
        self._page += 1
        return fresh, self._listing.page_call(self._page)
