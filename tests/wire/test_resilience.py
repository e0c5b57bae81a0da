"""Resilience over a real socket: retries, waits, timeouts and error mapping, for both clients.

Each test takes `mint` (see conftest.py), which runs it once with `LiveAvatar`
and once with `AsyncLiveAvatar`, against `wire_server` on 127.0.0.1.
"""

from __future__ import annotations

import platform
import time
from email.utils import formatdate

import httpx
import pytest

import liveavatar
from liveavatar import (
    DEFAULT_TIMEOUT,
    APIConnectionError,
    APIResponseValidationError,
    APITimeoutError,
    AuthenticationError,
    InternalServerError,
    RateLimitError,
    UnprocessableEntityError,
    ValidationErrorItem,
)
from liveavatar.testing import no_retry_waits
from tests.wire.conftest import Mint, WireServer

pytestmark = pytest.mark.wire

TOKEN_PATH = "/v1/sessions/token"


# --- retries ------------------------------------------------------------------


@pytest.mark.usefixtures("real_retry_waits")
def test_429_with_retry_after_1_waits_about_a_second_then_succeeds(
    mint: Mint, wire_server: WireServer, canary: dict[str, str]
) -> None:
    """A 429 with `Retry-After: 1` is retried once, after about one second."""
    wire_server.script(wire_server.reply(429, {"Retry-After": "1"}, {"message": "slow down"}))

    started = time.perf_counter()
    token = mint()
    elapsed = time.perf_counter() - started

    assert canary["session_token"] == token.session_token
    assert 1 == token.retries_taken
    assert 2 == wire_server.count
    assert 0.9 <= elapsed <= 2.5, f"waited {elapsed:.2f} s"


def test_503_twice_then_200_succeeds_after_two_retries(
    mint: Mint, wire_server: WireServer, canary: dict[str, str]
) -> None:
    """Two 503s then a 200: the token comes back, with two retries counted."""
    wire_server.script(wire_server.reply(503), wire_server.reply(503))

    with no_retry_waits():
        token = mint()

    assert canary["session_token"] == token.session_token
    assert 2 == token.retries_taken
    assert 3 == wire_server.count


def test_503_three_times_raises_internal_server_error_after_two_retries(mint: Mint, wire_server: WireServer) -> None:
    """Three 503s exhaust the default two retries: `InternalServerError` after three requests."""
    wire_server.script(*[wire_server.reply(503, body={"message": "overloaded"})] * 3)

    with no_retry_waits(), pytest.raises(InternalServerError) as caught:
        mint()

    assert 503 == caught.value.status_code
    assert 2 == caught.value.retries_taken
    assert "overloaded" == caught.value.message
    assert 3 == wire_server.count


def test_connection_refused_raises_connection_error_not_timeout(mint: Mint, closed_port_url: str) -> None:
    """A refused connection is retried, then raised as `APIConnectionError` (not the timeout subclass)."""
    with no_retry_waits(), pytest.raises(APIConnectionError) as caught:
        mint({"base_url": closed_port_url})

    assert APIConnectionError is type(caught.value)
    assert 2 == caught.value.retries_taken


def test_connection_reset_mid_response_raises_connection_error(mint: Mint, wire_server: WireServer) -> None:
    """A TCP reset after the headers and part of the body raises `APIConnectionError`, after the retries."""
    wire_server.script(*[wire_server.reset()] * 3)

    with no_retry_waits(), pytest.raises(APIConnectionError) as caught:
        mint()

    assert APIConnectionError is type(caught.value)
    assert 2 == caught.value.retries_taken
    assert 3 == wire_server.count


def test_connection_reset_then_200_succeeds_on_retry(
    mint: Mint, wire_server: WireServer, canary: dict[str, str]
) -> None:
    """A reset mid-response is retried like any connection error; the next attempt's token comes back."""
    wire_server.script(wire_server.reset())

    with no_retry_waits():
        token = mint()

    assert canary["session_token"] == token.session_token
    assert 1 == token.retries_taken
    assert 2 == wire_server.count


def test_server_that_never_answers_raises_timeout_within_timeout_plus_one_second(
    mint: Mint, wire_server: WireServer
) -> None:
    """A server that accepts and never answers: `APITimeoutError` once the 0.5 s timeout runs out."""
    wire_server.script(wire_server.hang())

    started = time.perf_counter()
    with pytest.raises(APITimeoutError) as caught:
        mint({"timeout": 0.5, "max_retries": 0})
    elapsed = time.perf_counter() - started

    assert 0 == caught.value.retries_taken
    assert 1 == wire_server.count
    assert 0.45 <= elapsed <= 1.5, f"gave up after {elapsed:.2f} s"


# --- bodies the SDK cannot read ----------------------------------------------


def test_truncated_json_on_200_raises_response_validation_error(mint: Mint, wire_server: WireServer) -> None:
    """A 200 whose JSON is cut short (with a matching Content-Length) raises `APIResponseValidationError`."""
    wire_server.script(wire_server.reply(200, body=b'{"code": 100, "data": {"session_id": "8c1d2e3f-4a5b'))

    with no_retry_waits(), pytest.raises(APIResponseValidationError) as caught:
        mint()

    assert 200 == caught.value.status_code
    assert "not JSON" in caught.value.message
    assert 1 == wire_server.count


def test_html_502_page_raises_internal_server_error_with_sensible_message(mint: Mint, wire_server: WireServer) -> None:
    """An HTML 502 page from a proxy raises `InternalServerError` 502 with a short message and the page as body."""
    page = b"<html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1></body></html>"
    wire_server.script(wire_server.reply(502, {"Content-Type": "text/html"}, page))

    with pytest.raises(InternalServerError) as caught:
        mint({"max_retries": 0})

    error = caught.value
    assert 502 == error.status_code
    assert page.decode() == error.body
    assert "502" in error.message
    assert "<" not in error.message
    assert error.message == str(error)
    assert 1 == wire_server.count


# --- errors raised at once ----------------------------------------------------


def test_401_is_raised_at_once(mint: Mint, wire_server: WireServer) -> None:
    """A 401 is not retried: `AuthenticationError` after exactly one request."""
    wire_server.script(wire_server.reply(401, body={"code": 401, "message": "Invalid API key"}))

    with pytest.raises(AuthenticationError) as caught:
        mint()

    assert 401 == caught.value.status_code
    assert "Invalid API key" == caught.value.message
    assert 0 == caught.value.retries_taken
    assert 1 == wire_server.count


def test_422_is_raised_at_once_with_its_errors_parsed(mint: Mint, wire_server: WireServer) -> None:
    """A FastAPI-style 422 is not retried: `UnprocessableEntityError` with `detail` parsed into `errors`."""
    detail = [
        {"loc": ["body", "avatar_id"], "msg": "Field required", "type": "missing"},
        {"loc": ["body", "video_settings", "quality"], "msg": "Input should be 'low'", "type": "enum"},
    ]
    wire_server.script(wire_server.reply(422, body={"detail": detail}))

    with pytest.raises(UnprocessableEntityError) as caught:
        mint()

    assert (
        ValidationErrorItem(loc=("body", "avatar_id"), msg="Field required", type="missing"),
        ValidationErrorItem(loc=("body", "video_settings", "quality"), msg="Input should be 'low'", type="enum"),
    ) == caught.value.errors
    assert "Field required; Input should be 'low'" == caught.value.message
    assert 1 == wire_server.count


@pytest.mark.usefixtures("real_retry_waits")
def test_retry_after_300_raises_rate_limit_error_at_once(mint: Mint, wire_server: WireServer) -> None:
    """A 429 asking for 300 s (over the 60 s cap) raises `RateLimitError` at once, with the wait on it."""
    wire_server.script(wire_server.reply(429, {"Retry-After": "300"}, {"message": "quota exhausted"}))

    started = time.perf_counter()
    with pytest.raises(RateLimitError) as caught:
        mint()
    elapsed = time.perf_counter() - started

    assert 300.0 == caught.value.retry_after
    assert 0 == caught.value.retries_taken
    assert 1 == wire_server.count
    assert elapsed < 1.0, f"took {elapsed:.2f} s"


# --- the server's wait --------------------------------------------------------


@pytest.mark.usefixtures("real_retry_waits")
def test_retry_after_ms_is_honoured_before_retry_after(mint: Mint, wire_server: WireServer) -> None:
    """`retry-after-ms: 1000` wins over `Retry-After: 3`: the retry comes after about one second."""
    wire_server.script(wire_server.reply(503, {"retry-after-ms": "1000", "Retry-After": "3"}))

    started = time.perf_counter()
    token = mint()
    elapsed = time.perf_counter() - started

    assert 1 == token.retries_taken
    assert 2 == wire_server.count
    assert 0.9 <= elapsed <= 2.5, f"waited {elapsed:.2f} s"


@pytest.mark.usefixtures("real_retry_waits")
def test_http_date_retry_after_is_honoured(mint: Mint, wire_server: WireServer) -> None:
    """`Retry-After` as an HTTP date two seconds ahead: the retry waits until then (1–2 s), not the 0.5 s backoff."""
    wire_server.script(wire_server.reply(429, {"Retry-After": formatdate(time.time() + 2, usegmt=True)}))

    started = time.perf_counter()
    token = mint()
    elapsed = time.perf_counter() - started

    assert 1 == token.retries_taken
    assert 2 == wire_server.count
    assert 0.9 <= elapsed <= 3.0, f"waited {elapsed:.2f} s"


# --- timeouts -----------------------------------------------------------------


def test_default_timeout_is_30s_overall_and_5s_connect(mint: Mint) -> None:
    """With no timeout given, each request goes out with 30 s for every phase but 5 s to connect."""
    seen: list[dict[str, float | None]] = []

    mint({"http_client": mint.recording_http_client(seen)})

    assert httpx.Timeout(30.0, connect=5.0) == DEFAULT_TIMEOUT
    assert [{"connect": 5.0, "read": 30.0, "write": 30.0, "pool": 30.0}] == seen


def test_per_call_timeout_overrides_the_clients(mint: Mint) -> None:
    """A per-call `timeout=` replaces the client's for that request only."""
    seen: list[dict[str, float | None]] = []

    mint({"http_client": mint.recording_http_client(seen), "timeout": 12.0}, timeout=2.0)
    mint({"http_client": mint.recording_http_client(seen), "timeout": 12.0}, timeout=httpx.Timeout(3.0, read=7.0))
    mint({"http_client": mint.recording_http_client(seen), "timeout": 12.0})

    assert [
        {"connect": 2.0, "read": 2.0, "write": 2.0, "pool": 2.0},
        {"connect": 3.0, "read": 7.0, "write": 3.0, "pool": 3.0},
        {"connect": 5.0, "read": 12.0, "write": 12.0, "pool": 12.0},
    ] == seen


def test_per_call_timeout_cuts_a_hanging_call_short(mint: Mint, wire_server: WireServer) -> None:
    """On the wire: a client with a 20 s timeout, a call with `timeout=0.5`, a silent server: timeout in ~0.5 s."""
    wire_server.script(wire_server.hang())

    started = time.perf_counter()
    with pytest.raises(APITimeoutError):
        mint({"timeout": 20.0}, timeout=0.5, max_retries=0)
    elapsed = time.perf_counter() - started

    assert elapsed <= 1.5, f"gave up after {elapsed:.2f} s"


def test_low_level_client_has_the_clients_timeout(mint: Mint) -> None:
    """`client.low_level_client()` builds an httpx client with the facade's timeout, never `None`."""
    client_timeout, low_level_timeout = mint.inspect(lambda client, http: (client.timeout, http.timeout))

    assert DEFAULT_TIMEOUT == client_timeout
    assert DEFAULT_TIMEOUT == low_level_timeout
    assert None not in low_level_timeout.as_dict().values()


# --- what goes on the wire ----------------------------------------------------


def test_user_agent_names_sdk_python_and_httpx_versions(
    mint: Mint, wire_server: WireServer, canary: dict[str, str]
) -> None:
    """Each request says `liveavatar-python/<v> python/<v> httpx/<v>` and carries the key as `X-API-KEY`."""
    mint()

    [request] = wire_server.requests
    assert ("POST", TOKEN_PATH) == (request.method, request.path)
    assert (
        f"liveavatar-python/{liveavatar.__version__} python/{platform.python_version()} httpx/{httpx.__version__}"
        == request.headers["user-agent"]
    )
    assert canary["api_key"] == request.headers["x-api-key"]
    assert "application/json" == request.headers["content-type"]
