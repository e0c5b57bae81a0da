"""Named defaults and the environment variables the clients read.

Every default the SDK applies lives here, so a reader can see in one place
what a client does when it is told nothing.
"""

from __future__ import annotations

import httpx

__all__ = [
    "API_KEY_ENV",
    "BASE_URL_ENV",
    "CLOSE_STOP_TIMEOUT",
    "CLOSE_WORKERS",
    "DEFAULT_BASE_URL",
    "DEFAULT_PAGE_SIZE",
    "DEFAULT_MAX_RETRIES",
    "DEFAULT_TIMEOUT",
    "HEARTBEAT_CALL_SHARE",
    "HEARTBEAT_MAX_CALL_TIMEOUT",
    "HEARTBEAT_WORKERS",
    "MAX_OLDER_THAN",
    "MAX_RESPONSE_BYTES",
    "MAX_TIMEOUT",
    "INITIAL_RETRY_DELAY",
    "LITE_CLOSE_TIMEOUT",
    "LITE_EVENT_BUFFER_BYTES",
    "LITE_EVENT_BUFFER_EVENTS",
    "LITE_OPEN_TIMEOUT",
    "LITE_READY_TIMEOUT",
    "LITE_SEND_TIMEOUT",
    "LITE_SOCKET_KEEP_ALIVE_EVERY",
    "SESSION_HEARTBEAT_EVERY",
    "SIGNAL_STOP_TIMEOUT",
    "LOG_LEVEL_ENV",
    "MAX_RETRY_AFTER",
    "MAX_RETRY_DELAY",
    "POOL_LIMITS",
    "PREFLIGHT_CACHE_SIZE",
    "PREFLIGHT_CACHE_TTL",
    "PREFLIGHT_MIN_CREDITS_FULL",
    "PREFLIGHT_MIN_CREDITS_LITE",
    "REQUEST_ID_HEADERS",
    "SANDBOX_AVATAR_ID",
    "SANDBOX_MAX_SESSION_DURATION",
    "TOKEN_PATH",
    "WAIT_POLL_MARGIN",
]

API_KEY_ENV = "LIVEAVATAR_API_KEY"
"""Read for the API key when the client is built without `api_key`."""

BASE_URL_ENV = "LIVEAVATAR_BASE_URL"
"""Read for the base URL when the client is built without `base_url`."""

LOG_LEVEL_ENV = "LIVEAVATAR_LOG"
"""`info` or `debug` sends the `liveavatar` logger's records to stderr."""

DEFAULT_BASE_URL = "https://api.liveavatar.com"

TOKEN_PATH = "/v1/sessions/token"  # noqa: S105 - a URL path, not a password

DEFAULT_TIMEOUT = httpx.Timeout(30.0, connect=5.0)
"""30 s for each attempt's whole exchange, connect to last byte, and 5 s of it
to connect: a token is a few hundred bytes, so anything slower is an outage,
and a dead host should fail fast."""

MAX_TIMEOUT = 3600.0
"""The longest timeout a client or call accepts, in seconds. Larger values
are mistakes (a millisecond count, `float("inf")`) that would hang a worker,
and the OS refuses some of them outright."""

MAX_RESPONSE_BYTES = 1024 * 1024
"""How much of a response body is read, after decompression. Every LiveAvatar
answer is a few kilobytes at most; past this the connection is closed and the
call fails, so a hostile or broken server cannot exhaust memory."""

POOL_LIMITS = httpx.Limits(max_connections=32, max_keepalive_connections=32)
"""The pool the clients build for themselves. httpcore 1.0's pool costs CPU per
request in proportion to the connections it holds and the requests queued in it
(encode/httpcore#1035), so a big pool is a slow one, and the async client keeps
callers beyond 32 out of it (`_PoolGate`). Against a server that answers after
50 ms (`python scripts/pool_limits.py`, 64 and 256 tasks), 32/32 with the gate
did 413 and 381 requests a second at about 2 ms of CPU each, where 100/100 did
83 and 41 at 12 and 24 ms, and httpx's defaults (100/20) 509 and 112, opening a
connection, a TLS handshake against the real API, for most requests beyond the
20 they keep. 32 in flight is about 200 requests a second at a 150 ms round
trip; a service that wants more passes its own `http_client`."""

DEFAULT_MAX_RETRIES = 2
"""Retries after the first attempt, for connection errors, timeouts, 408, 429
and 500/502/503/504."""

INITIAL_RETRY_DELAY = 0.5
"""Seconds before the first retry; doubles for each retry after it."""

MAX_RETRY_DELAY = 8.0
"""Ceiling on the exponential backoff, in seconds."""

MAX_RETRY_AFTER = 60.0
"""The longest server-requested wait (`Retry-After`) the client sleeps
through; above it the error is raised at once, with the wait on it."""

REQUEST_ID_HEADERS = ("x-request-id", "request-id", "x-amzn-requestid", "cf-ray")
"""LiveAvatar documents no request-id header; the first of these present is
kept on results and errors, so a support ticket can quote it."""

SANDBOX_MAX_SESSION_DURATION = 60
"""Sandbox sessions end after a minute; the API refuses a longer cap."""

SANDBOX_AVATAR_ID = "dd73ea75-1218-4ef3-92ce-606d5f7fbc0a"
"""The one avatar that sandbox sessions may use (the docs' "Wayne")."""

LITE_READY_TIMEOUT = 10.0
"""Seconds `sessions.connect` waits for the LITE channel's `connected`: what HeyGen's and third-party clients use."""

LITE_OPEN_TIMEOUT = 10.0
"""Seconds for the LITE channel's TCP, TLS and WebSocket handshakes together."""

MAX_LIST_PAGES = 1000
"""The most pages one listing reads, `sessions.list()` and every account
`list()` alike (100,000 items at `LIST_PAGE_SIZE`, 20,000 sessions at the
sessions' default page size); past it the listing stops with a warning, so
no server that keeps linking a next page can hold a caller in a loop."""

LIST_PAGE_SIZE = 100
"""The `page_size` account listings ask for: the API's maximum, so a listing
takes as few requests as it can."""

EMBED_SANDBOX_AVATAR_ID = "65f9e3c9-d48b-4118-b73a-4ae2e3cbb8f0"
"""The avatar that sandbox embeds use (not the sessions' sandbox avatar)."""

DEFAULT_PAGE_SIZE = 20
"""The page size `GET /v1/sessions` uses when none is asked for (the API's documented default)."""

MAX_OLDER_THAN = 365 * 24 * 3600.0
"""The largest `older_than` (seconds: a year) `stop_all` accepts; no session lives that long, and a larger
value (a millisecond count, `float("inf")`) is a mistake."""

HEARTBEAT_CALL_SHARE = 0.4
"""Each heartbeat call (a keep-alive, and the `get` after a 404) gets at most this share of the session's
interval as its timeout, without retries, so the two of them end before the next beat is due."""

HEARTBEAT_MAX_CALL_TIMEOUT = 30.0
"""The longest timeout a heartbeat call gets, whatever the interval (the client's default attempt budget)."""

HEARTBEAT_WORKERS = 8
"""Threads that send the sync client's keep-alives: one hung keep-alive holds one of them, never the others."""

CLOSE_STOP_TIMEOUT = 10.0
"""The timeout of each call `close()` makes to stop a held session (no retries). The stops run in parallel
and `close()` returns after at most twice this (a stop and the `get` a 404 leads to), however many sessions
were held; a stop still unanswered then is logged."""

WAIT_POLL_MARGIN = 0.5
"""Seconds `wait_until_ended(timeout=T)` may run past T: its last poll gets only the time left, and this."""

CLOSE_WORKERS = 256
"""Threads a sync client's `close()` stops its held sessions on, at most: one per session up to this, so every
stop is under way at once (those past the pool's connections wait for one within the same timeout)."""

SESSION_HEARTBEAT_EVERY = 120.0
"""Seconds between a managed session's HTTP keep-alive calls (`POST /v1/sessions/keep-alive`).

The API's idle window is 5 minutes (documented); one call in 2.5 of them
keeps the session alive with one retry's worth of slack, at the cost of one
small HTTPS request per session every two minutes."""

LITE_SOCKET_KEEP_ALIVE_EVERY = 60.0
"""Seconds between `session.keep_alive` messages on the LITE WebSocket itself.

Shorter than the HTTP heartbeat because a socket has a cut-off of its own:
third parties saw idle LITE sockets dropped after 2 to 3.5 minutes, well
inside the session's 5-minute window, and a message on an open socket costs
almost nothing."""

LITE_SEND_TIMEOUT = 5.0
"""Seconds a LITE frame may wait for the socket to take it, counted from the
moment the socket first refuses it (a full send window). Past it the
connection is aborted and the send raises `LiteTimeoutError`: a media server
that stops reading cannot hold a caller for ever. One second of audio is
about 64 KB, so a live link takes a frame in far less."""

LITE_CLOSE_TIMEOUT = 5.0
"""Seconds `close()` waits for the server's side of the closing handshake
(its close frame and the end of TCP) before it aborts the socket; `close()`
returns within this plus one second, whatever the server does."""

LITE_EVENT_BUFFER_BYTES = 4 * 2**20
"""Bytes of unread LITE server events kept for `events()` (as received, JSON).
Server events are a few hundred bytes, so this is thousands of them; a
server sending megabytes that nobody reads cannot grow memory past it."""

LITE_EVENT_BUFFER_EVENTS = 10_000
"""Unread LITE server events kept for `events()`, however small: hours of
the observed ~1 event a second."""

SIGNAL_STOP_TIMEOUT = 8.0
"""Seconds a sync client's `stop_sessions_on_signals` handler waits for the
sessions' HTTP stops (sent from a thread of their own, so that the handler
takes no lock the interrupted code may hold) before the signal goes on: with
the sockets aborted first, the process exits within 10 s."""

PREFLIGHT_CACHE_TTL = 60.0
"""Seconds a preflight's answers (an avatar, a voice, the credit balance, …) are reused by later preflights of
the same client: a service minting many sessions checks each id about once a minute, not once a session."""

PREFLIGHT_CACHE_SIZE = 1024
"""The most answers one client's preflight cache holds; past it the oldest are dropped."""

PREFLIGHT_MIN_CREDITS_FULL = 2
"""Credits a FULL session needs to start: its first minute (the docs' FAQ: FULL and embeds cost 2 a minute)."""

PREFLIGHT_MIN_CREDITS_LITE = 1
"""Credits a LITE session needs to start: its first minute (1 a minute)."""
