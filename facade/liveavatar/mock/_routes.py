"""Which operation a request is: the mock's routing table, by method and path.

The operation names are the SDK's (`create_token`, `start`, `stop`, ...), so
a fault aimed at `operation="start"` reads like the call it breaks.

Static paths win over `/v1/sessions/{session_id}`: `GET /v1/sessions/token`
is the token path with the wrong method (405, `Allow: POST`), not a session
called "token". A path that matches but with another method is a 405 with
`Allow`; `DELETE /v1/sessions/{session_id}` is such a 405, as third parties
observe live (it is not a stop). Anything else is a 404.
"""

from __future__ import annotations

from typing import Final

import attrs

from ._account_routes import ACCOUNT_OPERATIONS, account_route

__all__ = ["OPERATIONS", "Routed", "route"]

OPERATIONS: Final[tuple[str, ...]] = (
    "create_token",
    "start",
    "stop",
    "keep_alive",
    "list",
    "get",
    "transcript",
    "delete_events",
    "credits",
    *ACCOUNT_OPERATIONS,
)
"""Every operation the mock serves, named as the SDK names them."""

_STATIC: Final[dict[str, tuple[str, str]]] = {
    "/v1/sessions/token": ("POST", "create_token"),
    "/v1/sessions/start": ("POST", "start"),
    "/v1/sessions/stop": ("POST", "stop"),
    "/v1/sessions/keep-alive": ("POST", "keep_alive"),
    "/v1/sessions": ("GET", "list"),
    "/v1/users/credits": ("GET", "credits"),
}
_SESSION_PREFIX: Final = "/v1/sessions/"
_PER_SESSION: Final[dict[str, tuple[str, str]]] = {
    "": ("GET", "get"),
    "transcript": ("GET", "transcript"),
    "events": ("DELETE", "delete_events"),
}


@attrs.frozen
class Routed:
    """Where a request goes: its operation (None: 404, or 405 when `allow` is set) and path parameter."""

    operation: str | None
    session_id: str | None = None
    allow: str | None = None


def route(method: str, path: str) -> Routed:
    """The operation `method` and `path` name, or why none does."""
    account = account_route(method, path)
    if account is not None:
        operation, resource_id, allow = account
        return Routed(operation, session_id=resource_id, allow=allow)
    static = _STATIC.get(path)
    if static is None and path.startswith(_SESSION_PREFIX):
        parts = path[len(_SESSION_PREFIX) :].split("/")
        if all(parts) and len(parts) <= 2:
            found = _PER_SESSION.get(parts[1] if len(parts) == 2 else "")
            if found is not None:
                allowed, operation = found
                if method != allowed:
                    return Routed(None, allow=allowed)
                return Routed(operation, session_id=parts[0])
    if static is None:
        return Routed(None)
    allowed, operation = static
    if method != allowed:
        return Routed(None, allow=allowed)
    return Routed(operation)
