"""A local, faithful stand-in for LiveAvatar's `POST /v1/sessions/token`.

Like stripe-mock for Stripe: it validates requests against the same OpenAPI
spec the SDK is generated from, enforces the API's business rules, answers
with the API's envelopes and error shapes, mints JWT-shaped tokens, and can
be told to misbehave (latency, 429 with `Retry-After`, 5xx, an HTML 502)
so retry and error handling can be tested without the network.

Needs the `[mock]` extra: `pip install "liveavatar[mock]"`.

Three ways to use it:

1. A real server. In the foreground: `liveavatar mock --port 8800`, or
   `serve(MockConfig(...), host=..., port=...)`. In a background thread:
   `with MockServer() as mock: ... mock.url ...`.
2. In-process, no socket: `LiveAvatarMock().app` is a Starlette app, so
   `httpx.AsyncClient(transport=httpx.ASGITransport(app=mock.app),
   base_url="http://mock")` talks to it directly.
3. The pytest fixture `liveavatar_mock` (installed with the package): a
   running `MockServer`, shared by the session and reset before each test.

The rules it enforces and the statuses they produce are listed in
`liveavatar.mock._rules`; the request pipeline (faults first, then routing,
auth, validation, rules) in `liveavatar.mock._app`.
"""

from __future__ import annotations

import importlib

MISSING_EXTRA_MESSAGE = 'liveavatar.mock needs the [mock] extra: pip install "liveavatar[mock]"'

for _name in ("starlette", "uvicorn", "jsonschema"):
    try:
        importlib.import_module(_name)
    except ImportError as _exc:
        raise ImportError(f"{MISSING_EXTRA_MESSAGE} (missing: {_exc.name or _name})", name=_exc.name) from _exc

from ._app import UNAUTHORIZED_MESSAGE, LiveAvatarMock  # noqa: E402 - after the extra check, on purpose
from ._config import (  # noqa: E402
    DEFAULT_HOST,
    DEFAULT_PORT,
    SANDBOX_AVATAR_ID,
    SANDBOX_MAX_SESSION_DURATION,
    MockConfig,
)
from ._rules import DYNAMIC_VARIABLES_PLACEMENT_MESSAGE, EXACTLY_ONE_MESSAGE  # noqa: E402
from ._server import MockServer, serve  # noqa: E402
from ._state import Fault, RecordedRequest  # noqa: E402

__all__ = [
    "LiveAvatarMock",
    "MockServer",
    "serve",
    "MockConfig",
    "Fault",
    "RecordedRequest",
    "DEFAULT_HOST",
    "DEFAULT_PORT",
    "SANDBOX_AVATAR_ID",
    "SANDBOX_MAX_SESSION_DURATION",
    "UNAUTHORIZED_MESSAGE",
    "EXACTLY_ONE_MESSAGE",
    "DYNAMIC_VARIABLES_PLACEMENT_MESSAGE",
    "MISSING_EXTRA_MESSAGE",
]
