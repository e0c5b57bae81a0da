"""Request URLs under the client's base URL, built without parsing each one again.

`httpx.URL(text)` parses and validates the whole URL (about 15 µs), and
httpx would do so on every request given a string. Every path the SDK
sends is made of characters a URL path may hold as they are: fixed
templates, canonical UUIDs, and text ids percent-encoded by their builder.
Such a path is appended to the base URL parsed once. A path with any other
character, or an httpx whose URL is not built as this module expects (a
probe at construction compares the two ways), takes the full parse.
"""

from __future__ import annotations

import re

import httpx

__all__ = ["PathJoiner"]

_URL_PATH = re.compile(r"[A-Za-z0-9\-._~%!$&'()*+,;=:@/]*")
"""RFC 3986 `pchar`s and `/`: what httpx leaves unchanged in a path (`%` as the caller's own escape)."""

_PROBE = "/v1/contexts/0f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0/a%2Fb~c"


class PathJoiner:
    """`joiner(path)`: the absolute URL of `path` (which starts with `/`) under the base URL."""

    __slots__ = ("_base", "_base_url", "_fast")

    def __init__(self, base_url: str) -> None:
        self._base_url = base_url
        self._base = httpx.URL(base_url)
        self._fast = self._agrees()

    def __call__(self, path: str) -> httpx.URL:
        if self._fast and _URL_PATH.fullmatch(path):
            return self._appended(path)
        return httpx.URL(self._base_url + path)

    def _appended(self, path: str) -> httpx.URL:
        reference = self._base._uri_reference
        url = httpx.URL.__new__(httpx.URL)
        url._uri_reference = reference._replace(path=reference.path + path)
        return url

    def _agrees(self) -> bool:
        """Whether appending gives the URL parsing would, for this base URL and this httpx."""
        try:
            reference = self._base._uri_reference
            if reference.query is not None or reference.fragment is not None:
                return False
            built, parsed = self._appended(_PROBE), httpx.URL(self._base_url + _PROBE)
            return str(built) == str(parsed) and built.raw_path == parsed.raw_path and built.host == parsed.host
        except (AttributeError, TypeError, ValueError):  # an httpx that builds URLs otherwise
            return False
