"""CORS: what lets a web page on another origin call the mock, as pages call LiveAvatar.

The live API serves browsers: HeyGen's web SDK calls `start`, `keep-alive`
and `stop` from the page, with the session token as `Authorization: Bearer`
and `fetch(..., {credentials: "include"})` (HG). A browser sends such a
request only after a preflight `OPTIONS` that the server approves, and
reads its answer only if that answer names the page's origin. So, on every
HTTP route (no I/O here; `liveavatar.mock._app` applies it):

- A preflight (`OPTIONS` with `Origin` and `Access-Control-Request-Method`)
  is answered 204 at once, for any path, before faults and latency (the
  API's edge answers it; a fault aimed at a call must reach the call):
  `Access-Control-Allow-Methods` lists every method, and
  `Access-Control-Allow-Headers` names `authorization`, `content-type` and
  `x-api-key` (the API's credentials and body type; a `*` would not cover
  `authorization` in every browser), plus any other header the preflight
  asks for (the mock is never stricter than the API), with a
  `Access-Control-Max-Age` of `PREFLIGHT_MAX_AGE`.
- Every answer (preflight, success, refusal, fault, 404, 405, 413) carries
  `Access-Control-Allow-Origin`: the request's own `Origin`, since a
  browser refuses `*` on a request made with credentials; with no `Origin`
  (not a browser), `*`. `Access-Control-Allow-Credentials: true` goes with
  an echoed origin unless `MockConfig.cors_credentials` is off;
  `Vary: Origin` tells caches the answer depends on it; and
  `Access-Control-Expose-Headers` lets a page read `x-request-id` and
  `Retry-After`.

INFERRED: the live API's exact CORS headers are not published; these are
what a browser needs for the calls the web SDK makes. Any origin is
allowed: the mock is a local development server.
"""

from __future__ import annotations

import re
from typing import Final

from starlette.datastructures import Headers

__all__ = [
    "ALLOWED_HEADERS",
    "ALLOWED_METHODS",
    "EXPOSED_HEADERS",
    "PREFLIGHT_MAX_AGE",
    "cors_headers",
    "is_preflight",
    "preflight_headers",
]

ALLOWED_HEADERS: Final[tuple[str, ...]] = ("authorization", "content-type", "x-api-key")
"""The request headers a preflight always approves, named one by one."""
ALLOWED_METHODS: Final = "DELETE, GET, HEAD, OPTIONS, PATCH, POST, PUT"
EXPOSED_HEADERS: Final = "retry-after, x-request-id"
PREFLIGHT_MAX_AGE: Final = 600
"""Seconds a browser may cache a preflight's approval."""
_TOKEN: Final = re.compile(r"[!#$%&'*+.^_`|~0-9a-z-]+")
"""An HTTP header name (RFC 9110 `token`), lower-cased."""


def is_preflight(method: str, headers: Headers) -> bool:
    """Whether a request is a browser's CORS preflight."""
    return method == "OPTIONS" and "origin" in headers and "access-control-request-method" in headers


def cors_headers(headers: Headers, *, credentials: bool) -> dict[str, str]:
    """The CORS headers every answer to a request with these `headers` carries."""
    origin = headers.get("origin")
    out = {"access-control-expose-headers": EXPOSED_HEADERS, "vary": "Origin"}
    if origin is None:
        out["access-control-allow-origin"] = "*"
        return out
    out["access-control-allow-origin"] = origin
    if credentials:
        out["access-control-allow-credentials"] = "true"
    return out


def preflight_headers(headers: Headers, *, credentials: bool) -> dict[str, str]:
    """The headers of the 204 answering a preflight."""
    asked = (name.strip().lower() for name in headers.get("access-control-request-headers", "").split(","))
    extra = [name for name in asked if _TOKEN.fullmatch(name) and name not in ALLOWED_HEADERS]
    return {
        **cors_headers(headers, credentials=credentials),
        "access-control-allow-methods": ALLOWED_METHODS,
        "access-control-allow-headers": ", ".join(dict.fromkeys((*ALLOWED_HEADERS, *extra))),
        "access-control-max-age": str(PREFLIGHT_MAX_AGE),
    }
