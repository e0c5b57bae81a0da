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

It is never stricter than LiveAvatar: unknown fields, and fields of the
other mode, are accepted and ignored (and kept in the request record), and
a schema-valid body is refused only for a rule in `RULES`, the table of
rules beyond the schema, each with its source (`rules_table()` renders it;
the README's "Rules beyond the schema" shows it). Where the project's spec
is stricter than the published one, the mock follows the published one; see
`liveavatar.mock._validation`. The request pipeline (body, faults, size,
routing, auth, validation, rules) is described in `liveavatar.mock._app`.

Left running as a dev server it stays small and fast: it remembers the last
`DEFAULT_RECORD_LIMIT` requests (within `DEFAULT_RECORD_BYTES_LIMIT` of
bodies), answers a body over `DEFAULT_MAX_BODY_BYTES` with 413 unread and
JSON nested deeper than `MAX_JSON_DEPTH` with 422, and validates with
schemas compiled once per process. `measure_mint_cpu()` reports what a mint
costs it.
"""

from __future__ import annotations

import importlib

MISSING_EXTRA_MESSAGE = 'liveavatar.mock needs the [mock] extra: pip install "liveavatar[mock]"'

for _name in ("starlette", "uvicorn", "jsonschema"):
    try:
        importlib.import_module(_name)
    except ImportError as _exc:
        raise ImportError(f"{MISSING_EXTRA_MESSAGE} (missing: {_exc.name or _name})", name=_exc.name) from _exc

from ._app import MAX_JSON_DEPTH, UNAUTHORIZED_MESSAGE, LiveAvatarMock  # noqa: E402 - after the extra check, on purpose
from ._config import (  # noqa: E402
    DEFAULT_HOST,
    DEFAULT_MAX_BODY_BYTES,
    DEFAULT_PORT,
    DEFAULT_RECORD_BYTES_LIMIT,
    DEFAULT_RECORD_LIMIT,
    DEFAULT_SANDBOX_AVATAR_IDS,
    EMBED_SANDBOX_AVATAR_ID,
    SANDBOX_AVATAR_ID,
    SANDBOX_MAX_SESSION_DURATION,
    MockConfig,
)
from ._measure import MintCost, measure_mint_cpu, measure_served_mint_cpu  # noqa: E402
from ._rules import (  # noqa: E402
    DYNAMIC_VARIABLES_PLACEMENT_MESSAGE,
    EXACTLY_ONE_MESSAGE,
    RULES,
    TABLE,
    Rule,
    rules_table,
)
from ._server import MockServer, serve  # noqa: E402
from ._state import Fault, RecordedRequest  # noqa: E402

__all__ = [
    "LiveAvatarMock",
    "MockServer",
    "serve",
    "MockConfig",
    "Fault",
    "RecordedRequest",
    "Rule",
    "RULES",
    "TABLE",
    "rules_table",
    "MintCost",
    "measure_mint_cpu",
    "measure_served_mint_cpu",
    "DEFAULT_HOST",
    "DEFAULT_PORT",
    "DEFAULT_MAX_BODY_BYTES",
    "DEFAULT_RECORD_LIMIT",
    "DEFAULT_RECORD_BYTES_LIMIT",
    "DEFAULT_SANDBOX_AVATAR_IDS",
    "EMBED_SANDBOX_AVATAR_ID",
    "MAX_JSON_DEPTH",
    "SANDBOX_AVATAR_ID",
    "SANDBOX_MAX_SESSION_DURATION",
    "UNAUTHORIZED_MESSAGE",
    "EXACTLY_ONE_MESSAGE",
    "DYNAMIC_VARIABLES_PLACEMENT_MESSAGE",
    "MISSING_EXTRA_MESSAGE",
]
