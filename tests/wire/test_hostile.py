"""Hostile conditions over a real socket: keys, redirects, frame locals, deadlines, hostile bodies.

Every test runs against `wire_server` (tests/wire/conftest.py) on 127.0.0.1,
once with `LiveAvatar` and once with `AsyncLiveAvatar` where both apply. The
canaries and the hostile behaviours are in `hardening_support`; no test frame
holds a canary as a local, since the leak checks format tracebacks with
`capture_locals=True` and see the test's own frames too.
"""

from __future__ import annotations

import gzip
import json
import logging
import time
import tracemalloc
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from liveavatar import (
    APIConnectionError,
    APIResponseValidationError,
    APIStatusError,
    APITimeoutError,
    AuthenticationError,
    BadRequestError,
    ConfigurationError,
    InternalServerError,
    InvalidRequestError,
    LiveAvatar,
    LiveAvatarError,
    SessionStartUnknownError,
)
from liveavatar._config import MAX_RESPONSE_BYTES
from liveavatar.testing import no_retry_waits
from tests.support import run_on
from tests.wire import hardening_support as hs
from tests.wire.conftest import WireServer

pytestmark = pytest.mark.wire

KINDS = ["sync", "async"]

BAD_KEYS = {
    "interior newline": hs.API_KEY[:12] + "\n" + hs.API_KEY[12:],
    "interior CR LF": hs.API_KEY[:12] + "\r\n" + hs.API_KEY[12:],
    "NUL": hs.API_KEY[:12] + "\x00" + hs.API_KEY[12:],
    "DEL": hs.API_KEY + "\x7f",
    "tab inside": hs.API_KEY[:12] + "\t" + hs.API_KEY[12:],
    "non-ASCII": hs.API_KEY[:12] + "é" + hs.API_KEY[12:],
}
"""Keys that stay invalid header values after stripping; each holds the canary key."""


@pytest.fixture
def other_server() -> Iterator[WireServer]:
    """A second origin (another port on 127.0.0.1), the target of cross-origin redirects."""
    server = WireServer()
    server.start()
    try:
        yield server
    finally:
        server.stop()


def options(server: WireServer, **extra: Any) -> hs.Options:
    return hs.Options({"api_key": hs.API_KEY, "base_url": server.url, **extra})


def mint(kind: str, client_kwargs: dict[str, Any], pool: dict[str, Any] | None = None, **call: Any) -> Any:
    """One `create_token` (or `create_lite_token` with `lite=True`) on a fresh client of `kind`, maybe on a caller's pool."""
    lite = call.pop("lite", False)
    arguments = {**(hs.livekit_call() if lite else hs.persona_call()), **call}

    def use(client: Any) -> Any:
        method = client.sessions.create_lite_token if lite else client.sessions.create_token
        return method(**arguments)

    return run_on(kind, client_kwargs, use, pool)


def assert_clean(error: BaseException) -> None:
    """No canary, nor any 8-character piece of one, in anything the error shows; no local holds one."""
    assert [] == hs.leaking_locals(error)
    assert [] == [hits for text in hs.error_texts(error) if (hits := hs.canary_hits(text))]


# --- the API key is checked when the client is built ---------------------------------------------------


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("padding", ["\n", "\r\n", " ", "\t \n", "leading"])
def test_key_with_surrounding_whitespace_is_stripped_and_works(
    kind: str, padding: str, wire_server: WireServer
) -> None:
    """A key with a trailing newline/space (or leading space) is stripped; the server gets the bare key."""
    key = f"  {hs.API_KEY}" if padding == "leading" else hs.API_KEY + padding
    token = mint(kind, hs.Options(api_key=key, base_url=wire_server.url))
    del key

    assert hs.SESSION_TOKEN == token.session_token
    assert [hs.API_KEY] == [request.headers["x-api-key"] for request in wire_server.requests]


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("bad", sorted(BAD_KEYS))
@pytest.mark.parametrize("route", ["api_key=", "LIVEAVATAR_API_KEY", "with_options"])
def test_key_with_interior_control_char_raises_configuration_error_without_the_key(
    kind: str, bad: str, route: str, wire_server: WireServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A key that is still no header value raises ConfigurationError naming the problem, never the key; no I/O."""
    client_class = LiveAvatar if kind == "sync" else __import__("liveavatar").AsyncLiveAvatar
    if route == "LIVEAVATAR_API_KEY" and bad == "NUL":
        pytest.skip("the environment cannot hold a NUL")
    if route == "LIVEAVATAR_API_KEY":
        monkeypatch.setenv("LIVEAVATAR_API_KEY", BAD_KEYS[bad])
        error = hs.catch(lambda: client_class(base_url=wire_server.url))
    elif route == "with_options":
        good = client_class(api_key="sk_live_another_key_0000", base_url=wire_server.url)
        error = hs.catch(lambda: good.with_options(api_key=BAD_KEYS[bad]))
        del good
    else:
        error = hs.catch(lambda: client_class(api_key=BAD_KEYS[bad], base_url=wire_server.url))
    monkeypatch.delenv("LIVEAVATAR_API_KEY", raising=False)

    assert isinstance(error, ConfigurationError)
    assert isinstance(error, LiveAvatarError)
    assert "api_key" in str(error)
    assert_clean(error)
    assert 0 == wire_server.connections


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("pool", ["own", "caller's"])
def test_local_protocol_error_from_a_header_value_is_not_retried(
    kind: str, pool: str, wire_server: WireServer, caplog: pytest.LogCaptureFixture
) -> None:
    """A header h11 refuses (a default header value with a newline) is one APIConnectionError, not retried."""
    attempts: list[str] = []

    def count(request: httpx.Request) -> None:
        attempts.append(request.url.path)

    async def acount(request: httpx.Request) -> None:
        count(request)

    client_kwargs = options(wire_server, default_headers={"X-Trace": "a\nb"}, max_retries=2)
    http = {"event_hooks": {"request": [count if kind == "sync" else acount]}} if pool == "caller's" else None
    caplog.set_level(logging.INFO, logger="liveavatar")

    with no_retry_waits():
        error = hs.catch(lambda: mint(kind, client_kwargs, http))

    assert type(error) is APIConnectionError
    assert 0 == error.retries_taken
    assert "could not be sent" in str(error)
    assert "a\nb" not in str(error)
    assert not [record for record in caplog.records if record.getMessage().startswith("Retrying")]
    assert 0 == wire_server.count
    if pool == "caller's":
        assert ["/v1/sessions/token"] == attempts
    assert_clean(error)


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("suffix", ["\n", "\r\nX-Injected: 1", "\x00", "\u00e9"])
def test_a_server_sent_token_no_header_can_carry_is_refused_at_the_mint(
    kind: str, suffix: str, wire_server: WireServer, caplog: pytest.LogCaptureFixture
) -> None:
    """A minted token h11 would refuse is an APIResponseValidationError at the mint; start never sends it, no log shows it."""
    hs.debug_logging(caplog)
    hostile = {"code": 100, "data": {"session_id": hs.SESSION_ID, "session_token": hs.SESSION_TOKEN + suffix}}
    wire_server.script(wire_server.reply(200, body=hostile))
    del hostile

    with no_retry_waits():
        error = hs.catch(lambda: mint(kind, options(wire_server, max_retries=2)))

    assert isinstance(error, APIResponseValidationError)
    assert 0 == error.retries_taken
    assert ["/v1/sessions/token"] == [request.path for request in wire_server.requests]
    assert_clean(error)
    assert [] == hs.canary_hits(caplog.text)


# --- redirects are never followed ----------------------------------------------------------------------


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("status", [301, 302, 303, 307, 308])
@pytest.mark.parametrize("pool", ["own", "caller's follow_redirects=True"])
def test_cross_origin_redirect_is_never_followed(
    kind: str, status: int, pool: str, wire_server: WireServer, other_server: WireServer
) -> None:
    """A 3xx to another origin is an APIStatusError naming the status and only the Location origin."""
    location = f"{other_server.url}/v1/sessions/token?sig=QUERYSECRET&x=1"
    wire_server.script(wire_server.reply(status, {"Location": location}, b""))
    http = None if pool == "own" else {"follow_redirects": True}

    error = hs.catch(lambda: mint(kind, options(wire_server), http, lite=True))

    assert type(error) is APIStatusError
    assert status == error.status_code
    assert str(status) in str(error)
    assert other_server.url in str(error)
    assert "QUERYSECRET" not in repr(error.args)
    assert "sig=" not in str(error)
    assert "/v1/sessions" not in str(error)
    assert 0 == other_server.count
    assert 1 == wire_server.count  # not retried either
    assert_clean(error)


# --- no frame local on a raised path shows a secret ----------------------------------------------------


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("env_url", ["ftp://api.example", "https://api.example/?tenant=1", "not a url at all"])
def test_constructor_error_with_a_bad_env_base_url_shows_no_key_in_frame_locals(
    kind: str, env_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A bad LIVEAVATAR_BASE_URL with the canary key raises ConfigurationError; no frame local shows the key."""
    monkeypatch.setenv("LIVEAVATAR_BASE_URL", env_url)
    client_class = LiveAvatar if kind == "sync" else __import__("liveavatar").AsyncLiveAvatar

    for error in (
        hs.catch(lambda: client_class(api_key=hs.API_KEY)),
        hs.catch(lambda: client_class(api_key=hs.API_KEY + "\n")),
    ):
        assert isinstance(error, ConfigurationError)
        assert "base_url" in str(error)
        assert "repr() failed" not in hs.formatted(error)
        assert_clean(error)
    monkeypatch.setenv("LIVEAVATAR_API_KEY", hs.API_KEY)
    error = hs.catch(lambda: client_class())
    assert isinstance(error, ConfigurationError)
    assert_clean(error)


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("status", [400, 401, 404, 422, 429, 500])
@pytest.mark.parametrize("connector", ["livekit", "agora"])
def test_status_errors_on_a_lite_mint_show_no_third_party_token_in_frame_locals(
    kind: str, status: int, connector: str, wire_server: WireServer
) -> None:
    """A status error on a mint whose body holds a LiveKit/Agora canary shows it in no frame local."""
    body = {"message": "refused", "detail": [{"loc": ["body"], "msg": "no", "type": "x"}]}
    wire_server.script(wire_server.reply(status, {"Retry-After": "0"}, body))
    call = hs.livekit_call() if connector == "livekit" else hs.agora_call()

    error = hs.catch(
        lambda: run_on(kind, options(wire_server, max_retries=0), lambda c: c.sessions.create_lite_token(**call))
    )

    assert isinstance(error, APIStatusError)
    assert status == error.status_code
    assert_clean(error)
    sent = wire_server.requests[-1].body.decode()
    assert hs.LIVEKIT_TOKEN in sent or hs.AGORA_TOKEN in sent  # the canary did go on the wire, where it belongs


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("cut", [-40, -25, -8, -2])
def test_response_validation_error_with_a_token_in_a_truncated_body_shows_no_token(
    kind: str, cut: int, wire_server: WireServer
) -> None:
    """A 2xx body cut short inside or after the token raises a validation error holding no token piece."""
    full = json.dumps({"code": 100, "data": {"session_id": hs.SESSION_ID, "session_token": hs.SESSION_TOKEN}})
    wire_server.script(wire_server.reply(200, body=full[:cut].encode()))
    del full

    error = hs.catch(lambda: mint(kind, options(wire_server), lite=True))

    assert isinstance(error, APIResponseValidationError)
    assert_clean(error)


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("fault", ["refused", "reset", "hang"])
def test_transport_errors_on_a_lite_mint_show_no_secret_in_frame_locals(
    kind: str, fault: str, wire_server: WireServer, closed_port_url: str
) -> None:
    """Refused, reset and timed-out mints carrying a LiveKit canary show no secret in any frame."""
    client_kwargs = options(wire_server, max_retries=1, timeout=0.3)
    if fault == "refused":
        client_kwargs["base_url"] = closed_port_url
    elif fault == "reset":
        wire_server.script(wire_server.reset(), wire_server.reset())
    else:
        wire_server.script(wire_server.hang(), wire_server.hang())

    with no_retry_waits():
        error = hs.catch(lambda: mint(kind, client_kwargs, lite=True))

    assert isinstance(error, APITimeoutError if fault == "hang" else APIConnectionError)
    assert 1 == error.retries_taken
    assert_clean(error)


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("fault", ["401", "400", "reset"])
def test_start_with_a_raw_session_token_string_shows_no_token(kind: str, fault: str, wire_server: WireServer) -> None:
    """Start(raw token string) failing by status or transport shows the token in no text or frame local."""
    if fault == "reset":
        wire_server.script(wire_server.reset())
    else:
        wire_server.script(wire_server.reply(int(fault), body={"message": "nope"}))

    error = hs.catch(lambda: run_on(kind, options(wire_server), lambda c: c.sessions.start(hs.RAW_SESSION_TOKEN)))

    expected = {"401": AuthenticationError, "400": BadRequestError, "reset": SessionStartUnknownError}[fault]
    assert isinstance(error, expected)
    assert f"Bearer {hs.RAW_SESSION_TOKEN}" == wire_server.requests[-1].headers["authorization"]
    assert_clean(error)


@pytest.mark.parametrize("kind", KINDS)
def test_start_with_an_invalid_raw_token_string_shows_no_token_in_frame_locals(
    kind: str, wire_server: WireServer
) -> None:
    """Start() refusing a raw token (a control character in it) keeps the token out of frame locals."""
    error = hs.catch(
        lambda: run_on(kind, options(wire_server), lambda c: c.sessions.start(hs.RAW_SESSION_TOKEN + "\n"))
    )

    assert isinstance(error, InvalidRequestError)
    assert 0 == wire_server.connections
    assert_clean(error)


# --- the timeout bounds the whole attempt --------------------------------------------------------------


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("where", ["headers", "body"])
def test_trickling_server_times_out_within_the_timeout(kind: str, where: str, wire_server: WireServer) -> None:
    """One byte per 0.2 s (headers or body), timeout=1.0, no retries: APITimeoutError within 2.5 s."""
    wire_server.script(hs.Trickle(where, gap=0.2))

    started = time.monotonic()
    error = hs.catch(lambda: mint(kind, options(wire_server, timeout=1.0, max_retries=0)))
    elapsed = time.monotonic() - started

    assert isinstance(error, APITimeoutError)
    assert 0 == error.retries_taken
    assert 0.9 <= elapsed < 2.5
    assert 1 == wire_server.count


@pytest.mark.parametrize("kind", KINDS)
def test_with_retries_the_call_is_bounded_by_attempts_times_timeout(kind: str, wire_server: WireServer) -> None:
    """Three trickling attempts at timeout=0.5 and no waits end within 3 x 0.5 s plus slack."""
    wire_server.script(*[hs.Trickle("body", gap=0.2)] * 3)

    started = time.monotonic()
    with no_retry_waits():
        error = hs.catch(lambda: mint(kind, options(wire_server, timeout=0.5, max_retries=2)))
    elapsed = time.monotonic() - started

    assert isinstance(error, APITimeoutError)
    assert 2 == error.retries_taken
    assert 3 == wire_server.count
    assert 1.4 <= elapsed < 3 * 0.5 + 1.0


@pytest.mark.parametrize("kind", KINDS)
def test_per_call_timeout_bounds_a_trickle_too(kind: str, wire_server: WireServer) -> None:
    """A per-call timeout=1.0 on a client with the 30 s default bounds a trickling body the same way."""
    wire_server.script(hs.Trickle("body", gap=0.2))

    started = time.monotonic()
    error = hs.catch(lambda: mint(kind, options(wire_server, max_retries=0), timeout=1.0))

    assert isinstance(error, APITimeoutError)
    assert time.monotonic() - started < 2.5


@pytest.mark.parametrize("kind", KINDS)
def test_caller_pool_trickling_body_is_bounded(kind: str, wire_server: WireServer) -> None:
    """On a caller's http_client a trickling body still ends by the deadline (checked between chunks)."""
    wire_server.script(hs.Trickle("body", gap=0.2))

    started = time.monotonic()
    error = hs.catch(lambda: mint(kind, options(wire_server, timeout=1.0, max_retries=0), {}))

    assert isinstance(error, APITimeoutError)
    assert time.monotonic() - started < 2.5


@pytest.mark.xfail(
    strict=True,
    reason="_transport.py (documented in docs/guides/retries.md): with a caller's sync httpx.Client only httpx's per-read "
    "timeouts apply until the headers are in, so a server trickling its status line and headers is not bounded "
    "by `timeout`, nor the call by (max_retries + 1) x timeout",
)
def test_caller_sync_pool_trickling_headers_is_bounded(wire_server: WireServer) -> None:
    """On a caller's sync http_client, headers trickled 6 bytes per 0.25 s still end by the deadline."""
    wire_server.script(hs.Trickle("headers", gap=0.25, step=6))

    started = time.monotonic()
    error = hs.catch(lambda: mint("sync", options(wire_server, timeout=1.0, max_retries=0), {}))

    assert isinstance(error, APITimeoutError)
    assert time.monotonic() - started < 2.5


# --- bodies are read up to MAX_RESPONSE_BYTES ----------------------------------------------------------


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("framing", ["content-length", "chunked"])
def test_a_2xx_over_the_limit_is_a_validation_error_and_the_connection_is_not_reused(
    kind: str, framing: str, wire_server: WireServer
) -> None:
    """A 2xx body over 1 MiB raises APIResponseValidationError; the next call opens a new connection."""
    padding = b" " * (MAX_RESPONSE_BYTES + 4096)
    body = json.dumps(hs.TOKEN_BODY).encode()[:-1] + b"," + b'"pad": "' + padding + b'"}'
    if framing == "chunked":
        head = b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
        chunks = b"".join(
            b"%x\r\n%s\r\n" % (len(part), part) for part in (body[i : i + 65536] for i in range(0, len(body), 65536))
        )
        wire_server.script(hs.Raw(head + chunks + b"0\r\n\r\n"))
    else:
        wire_server.script(wire_server.reply(200, body=body))

    def use(client: Any) -> Any:
        if kind == "sync":
            first = hs.catch(lambda: client.sessions.create_token(**hs.persona_call()))
            return (
                first,
                client.sessions.create_token(**hs.persona_call()),
                client.sessions.create_token(**hs.persona_call()),
            )

        async def go() -> Any:
            try:
                await client.sessions.create_token(**hs.persona_call())
            except BaseException as exc:
                first = exc
            else:
                raise AssertionError("no error")
            return (
                first,
                await client.sessions.create_token(**hs.persona_call()),
                await client.sessions.create_token(**hs.persona_call()),
            )

        return go()

    error, second, third = run_on(kind, options(wire_server, max_retries=0), use)

    assert isinstance(error, APIResponseValidationError)
    assert 200 == error.status_code
    assert str(MAX_RESPONSE_BYTES) in str(error)
    assert hs.SESSION_TOKEN == second.session_token == third.session_token
    assert 3 == wire_server.count
    assert 2 == wire_server.connections  # a new one after the oversized body, then reused: the pool works
    assert_clean(error)


@pytest.mark.parametrize("kind", KINDS)
def test_a_gzip_bomb_is_a_typed_error_with_bounded_memory(kind: str, wire_server: WireServer) -> None:
    """2 MB of gzip that inflates to 2 GiB raises APIResponseValidationError, no MemoryError, bounded memory."""
    bomb = hs.gzip_bomb(2048)
    assert len(bomb) < 3 * 1024 * 1024
    wire_server.script(wire_server.reply(200, {"Content-Encoding": "gzip"}, bomb))
    del bomb

    tracemalloc.start()
    try:
        error = hs.catch(lambda: mint(kind, options(wire_server, max_retries=0)))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()

    assert isinstance(error, APIResponseValidationError)
    assert "limit" in str(error)
    # The SDK inflates gzip itself, never more than the room left under the 1 MiB limit per step:
    # a few MiB at most (the chunks, their join, the network buffers), not the 2 GiB the bomb holds.
    assert peak < 8 * 1024 * 1024


@pytest.mark.parametrize("kind", KINDS)
def test_a_small_gzip_body_still_reads(kind: str, wire_server: WireServer) -> None:
    """A gzip-encoded token response under the limit is decoded and read as before."""
    wire_server.script(
        wire_server.reply(200, {"Content-Encoding": "gzip"}, gzip.compress(json.dumps(hs.TOKEN_BODY).encode()))
    )

    assert hs.SESSION_TOKEN == mint(kind, options(wire_server)).session_token


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("status", [400, 500])
def test_a_non_2xx_over_the_limit_is_the_status_error_with_a_truncated_body(
    kind: str, status: int, wire_server: WireServer
) -> None:
    """An error body over 1 MiB gives the status error with a truncated body; its connection is closed."""
    page = b"<html>" + b"x" * (2 * MAX_RESPONSE_BYTES) + b"</html>"
    wire_server.script(wire_server.reply(status, {"Content-Type": "text/html"}, page))
    del page

    def use(client: Any) -> Any:
        if kind == "sync":
            return hs.catch(lambda: client.sessions.create_token(**hs.persona_call())), client.sessions.create_token(
                **hs.persona_call()
            )

        async def go() -> Any:
            try:
                await client.sessions.create_token(**hs.persona_call())
            except BaseException as exc:
                return exc, await client.sessions.create_token(**hs.persona_call())
            raise AssertionError("no error")

        return go()

    error, after = run_on(kind, options(wire_server, max_retries=0), use)

    assert hs.SESSION_TOKEN == after.session_token
    assert 2 == wire_server.connections  # the rest of the body was not read: that connection was closed
    assert isinstance(error, BadRequestError if status == 400 else InternalServerError)
    assert status == error.status_code
    assert isinstance(error.body, str)
    assert error.body.startswith("<html>xxx")
    assert len(error.body) <= 64 * 1024
    assert_clean(error)
