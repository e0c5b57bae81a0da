"""How a listing ends: the rules every lazy `list()` of the account API follows, free of I/O.

A listing reads page 1, 2, … of a paged endpoint (or the one answer of an
unpaged one) only as the caller iterates. It ends at the first of:

- the answer links no next page (`next` empty), or the endpoint is not paged;
- `count` reached: as many distinct items seen as the API said there are;
- no new id: a page whose every item was already seen (a server that
  ignores `page` would otherwise be read forever);
- `MAX_LIST_PAGES` pages read: then a warning is logged and the listing
  stops, so no server can keep a caller in a loop.

Items seen on an earlier page (a page boundary shifts when items are added
or deleted while listing) are not yielded twice. The sync and async drivers
in `liveavatar._account_resources` only send the calls this state asks for.
The same rules suit `sessions.list()`; the two can share this module.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Generic, TypeVar

from ._config import MAX_LIST_PAGES
from ._logging import logger

if TYPE_CHECKING:
    from ._operations import Call

__all__ = ["Chunk", "Listing", "ListingState"]

_T = TypeVar("_T")


class Chunk(Generic[_T]):
    """What one answer of a listing holds: its items, whether a next page is linked, and the total if given."""

    __slots__ = ("count", "items", "more")

    def __init__(self, items: tuple[_T, ...], more: bool = False, count: int | None = None) -> None:
        self.items = items
        self.more = more
        self.count = count

    def __repr__(self) -> str:
        return f"Chunk(items={len(self.items)}, more={self.more}, count={self.count})"


class Listing(Generic[_T]):
    """A checked listing: the call for each page, and each item's identity."""

    __slots__ = ("key", "page_call")

    def __init__(self, page_call: Callable[[int], Call[Chunk[_T]]], key: Callable[[_T], str]) -> None:
        self.page_call = page_call
        self.key = key


class ListingState(Generic[_T]):
    """Where a listing is: which page comes next, and which ids were seen."""

    __slots__ = ("_listing", "_page", "_seen", "max_pages")

    def __init__(self, listing: Listing[_T], max_pages: int = MAX_LIST_PAGES) -> None:
        self._listing = listing
        self._page = 1
        self._seen: set[str] = set()
        self.max_pages = max_pages

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
        if chunk.count is not None and len(self._seen) >= chunk.count:
            return fresh, None
        if self._page >= self.max_pages:
            logger.warning(
                "Listing stopped after %d pages, although the API links another: MAX_LIST_PAGES bounds every listing",
                self._page,
            )
            return fresh, None
        self._page += 1
        return fresh, self._listing.page_call(self._page)
