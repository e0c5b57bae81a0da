"""A local, faithful stand-in for LiveAvatar's API: the token and the whole session lifecycle.

Like stripe-mock for Stripe: it validates requests against the same OpenAPI
spec the SDK is generated from, enforces the API's business rules, answers
with the API's envelopes and error shapes, mints JWT-shaped tokens, keeps
sessions with state (start, keep-alive, stop, idle timeout, max duration,
credits, transcripts, the LITE `ws_url` WebSocket), and can be told to
misbehave (latency, 429 with `Retry-After`, 5xx, an HTML 502), for every
request or one operation, so retry and error handling can be tested without
the network.

Needs the `[mock]` extra: `pip install "liveavatar[mock]"`; the LITE
WebSocket also needs `websockets` (the `[realtime]` extra) in the serving
process.

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
a schema-valid request is refused only for a rule in `RULES`, the table of
rules beyond the schema, each with its source (`rules_table()` renders it;
the docs' rules page, docs/guides/rules.md, shows it). Where the project's spec
is stricter than the published one, the mock follows the published one; see
`liveavatar.mock._validation`. The request pipeline (body, routing, faults,
size, auth, validation, rules) is described in `liveavatar.mock._app`.

Sessions (`liveavatar.mock._sessions` has every behaviour and its source):
a minted token starts once (`POST /v1/sessions/start` with the token as
`Authorization: Bearer`); a started session is active until `stop`, or
`idle_timeout` (300 s) without keep-alive (`IDLE_TIMEOUT`), or its
`max_session_duration` (sandbox 60 s; `MAX_DURATION_REACHED`), or a minute
it cannot pay for (`NO_CREDITS`; FULL 2 credits a minute, LITE 1, sandbox
0, charged at start and every minute after). Time is the mock's clock:
manual by default, so `mock.advance(seconds)` reaches any of those at once
and no test sleeps (`MockConfig(clock="real")` for a dev server). Tests
read and steer the state with `sessions()`, `session(id)`, `credits`,
`set_credits()`, `add_transcript()`, `lite_audio(id)` and `lite_frames(id)`.

Inferred, not documented (each is labelled in the rule table or in
`_sessions`): the statuses of a second start (400), of a start without
credit (400), of a stop or keep-alive of an ended session (404, as
third-party code sees), of an expired or unknown session token (401) and
of a session token used for another session (403); that a minted but
unstarted session is not found (404); the order of `list` (newest first)
and an empty page past the end; the transcript's page size (100), its
`next_timestamp` (one past the last entry) and its timestamps (whole
seconds since the epoch); that `DELETE .../events` clears the transcript;
that a session ending exactly on a minute is not charged for the next
one; the `ws_url` form (`ws://HOST:PORT/v1/lite/<id>?secret=...`) and the
channel's timings and close codes (`liveavatar.mock._lite`).

Success envelopes carry `code: 1000` (`DEFAULT_SUCCESS_CODE`), as the live
API's answers do and HeyGen's web SDK requires; `MockConfig(success_code=100)`
gives the published schema's default (`PUBLISHED_SUCCESS_CODE`). A session
minted without `max_session_duration` starts with the plan's limit,
`DEFAULT_PLAN_MAX_SESSION_DURATION` (INFERRED), which `start` answers as an
integer. Every HTTP route serves browsers (CORS, `liveavatar.mock._cors`).

Left running as a dev server it stays small and fast: it remembers the last
`DEFAULT_RECORD_LIMIT` requests (within `DEFAULT_RECORD_BYTES_LIMIT` of
bodies) and `DEFAULT_SESSION_LIMIT` tokens and ended sessions (a forgotten
LITE session's channel and audio go with it; each channel keeps at most
`DEFAULT_LITE_AUDIO_LIMIT` bytes of audio), answers a
body over `DEFAULT_MAX_BODY_BYTES` with 413 unread and JSON nested deeper
than `MAX_JSON_DEPTH` with 422, and validates with schemas compiled once
per process. `measure_mint_cpu()` reports what a mint costs it.
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
from ._clock import MockClock  # noqa: E402
from ._config import (  # noqa: E402
    CREDITS_PER_MINUTE,
    DEFAULT_CREDITS,
    DEFAULT_HOST,
    DEFAULT_IDLE_TIMEOUT,
    DEFAULT_LITE_AUDIO_LIMIT,
    DEFAULT_MAX_BODY_BYTES,
    DEFAULT_PLAN_MAX_SESSION_DURATION,
    DEFAULT_PORT,
    DEFAULT_RECORD_BYTES_LIMIT,
    DEFAULT_RECORD_LIMIT,
    DEFAULT_SANDBOX_AVATAR_IDS,
    DEFAULT_SESSION_LIMIT,
    DEFAULT_SUCCESS_CODE,
    DEFAULT_TRANSCRIPT_PAGE_SIZE,
    EMBED_SANDBOX_AVATAR_ID,
    PUBLISHED_SUCCESS_CODE,
    SANDBOX_AVATAR_ID,
    SANDBOX_MAX_SESSION_DURATION,
    MockConfig,
)
from ._lite import LiteFrame  # noqa: E402
from ._measure import MintCost, measure_mint_cpu, measure_served_mint_cpu  # noqa: E402
from ._routes import OPERATIONS  # noqa: E402
from ._rules import (  # noqa: E402
    DYNAMIC_VARIABLES_PLACEMENT_MESSAGE,
    EXACTLY_ONE_MESSAGE,
    RULES,
    START_UNAUTHORIZED_MESSAGE,
    TABLE,
    Rule,
    rules_table,
)
from ._server import MockServer, serve  # noqa: E402
from ._sessions import MOCK_LIVEKIT_URL, MockSession, TranscriptLine  # noqa: E402
from ._state import Fault, RecordedRequest  # noqa: E402

__all__ = [
    "LiveAvatarMock",
    "MockServer",
    "serve",
    "MockConfig",
    "Fault",
    "RecordedRequest",
    "MockClock",
    "MockSession",
    "TranscriptLine",
    "LiteFrame",
    "OPERATIONS",
    "Rule",
    "RULES",
    "TABLE",
    "rules_table",
    "MintCost",
    "measure_mint_cpu",
    "measure_served_mint_cpu",
    "CREDITS_PER_MINUTE",
    "DEFAULT_CREDITS",
    "DEFAULT_IDLE_TIMEOUT",
    "DEFAULT_SESSION_LIMIT",
    "DEFAULT_TRANSCRIPT_PAGE_SIZE",
    "DEFAULT_LITE_AUDIO_LIMIT",
    "DEFAULT_PLAN_MAX_SESSION_DURATION",
    "DEFAULT_SUCCESS_CODE",
    "PUBLISHED_SUCCESS_CODE",
    "MOCK_LIVEKIT_URL",
    "START_UNAUTHORIZED_MESSAGE",
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
