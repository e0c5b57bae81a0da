"""Lifecycle answers typed or refused, listings that end, older_than checked first, waits that keep their timeout."""

from __future__ import annotations

import asyncio
import datetime
import email.utils
import json
import threading
import time
import uuid
from decimal import Decimal
from typing import Any

import httpx
import pytest

import liveavatar
from tests.unit.support import API_KEY, SESSION_ID, ClientFactory


def _ok(data: Any, **headers: str) -> httpx.Response:
    return httpx.Response(200, json={"code": 100, "data": data, "message": "ok"}, headers=headers)


def _ids(count: int, start: int = 0) -> list[str]:
    return [str(uuid.UUID(int=start + number + 1)) for number in range(count)]


def _page(ids: list[str], *, count: int | None, more: bool = True, **headers: str) -> httpx.Response:
    data: dict[str, Any] = {"next": "https://api.liveavatar.com/v1/sessions?page=99" if more else None}
    if count is not None:
        data["count"] = count
    data["results"] = [{"id": session_id, "created_at": "2026-01-01T00:00:00Z"} for session_id in ids]
    return _ok(data, **headers)


@pytest.mark.parametrize("field", ["end_at", "created_at", "updated_at"])
@pytest.mark.parametrize("value", ["yesterday", "2026-13-45T00:00:00Z", 17])
def test_a_date_that_is_not_a_date_is_a_validation_error(
    client_factory: ClientFactory, field: str, value: object
) -> None:
    """get answering a date field with text that is not a date raises APIResponseValidationError naming the field."""
    client = client_factory(lambda request: _ok({"id": SESSION_ID, field: value}))

    with pytest.raises(liveavatar.APIResponseValidationError, match="not a session"):
        client.call("sessions", "get", SESSION_ID)


def test_a_date_without_an_offset_is_read_as_utc(client_factory: ClientFactory) -> None:
    """An offset-less date comes back timezone-aware, in UTC; one with an offset keeps it."""
    client = client_factory(
        lambda request: _ok(
            {"id": SESSION_ID, "created_at": "2026-11-30T10:00:00", "end_at": "2026-11-30T12:00:00+02:00"}
        )
    )

    info = client.call("sessions", "get", SESSION_ID)

    assert datetime.datetime(2026, 11, 30, 10, tzinfo=datetime.UTC) == info.created_at
    assert info.created_at.tzinfo is not None
    assert datetime.timedelta(hours=2) == info.end_at.utcoffset()


@pytest.mark.parametrize("value", ["NaN", "sNaN", "Infinity", "-Infinity", "nan"])
def test_credits_that_are_not_a_finite_number_are_a_validation_error(client_factory: ClientFactory, value: str) -> None:
    """credits() answered NaN, sNaN or Infinity raises APIResponseValidationError, never a decimal that cannot compare."""
    client = client_factory(lambda request: _ok({"credits_left": value}))

    with pytest.raises(liveavatar.APIResponseValidationError, match="credit balance"):
        client.call("users", "credits")


def test_finite_credits_are_exact(client_factory: ClientFactory) -> None:
    """A finite balance comes back as the exact Decimal the API wrote."""
    client = client_factory(lambda request: _ok({"credits_left": "12.50"}))

    assert Decimal("12.50") == client.call("users", "credits")


def test_consumed_credits_that_are_not_finite_refuse_the_session(client_factory: ClientFactory) -> None:
    """A session whose credits_consumed is NaN is refused as an answer, not handed on."""
    client = client_factory(lambda request: _ok({"id": SESSION_ID, "credits_consumed": "NaN"}))

    with pytest.raises(liveavatar.APIResponseValidationError):
        client.call("sessions", "get", SESSION_ID)


@pytest.mark.parametrize("older_than", [float("inf"), 1e11, -1, float("nan"), 366 * 24 * 3600, "600", True])
def test_older_than_out_of_range_is_refused_before_any_request(client_factory: ClientFactory, older_than: Any) -> None:
    """stop_all(older_than=...) outside 0 to a year, or not a number, is an InvalidRequestError and sends nothing."""
    sent: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        sent.append(request)
        return _page([], count=0, more=False)

    client = client_factory(handler)

    with pytest.raises(liveavatar.InvalidRequestError, match="older_than"):
        client.call("sessions", "stop_all", older_than=older_than)
    assert [] == sent


def test_stop_all_ends_on_a_listing_that_always_says_next(client_factory: ClientFactory) -> None:
    """stop_all over pages that always link another, repeating the same sessions, ends and stops each once."""
    stopped: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/v1/sessions/stop":
            stopped.append(json.loads(request.content)["session_id"])
            return _ok(None)
        return _page(_ids(3), count=None)

    client = client_factory(handler)

    assert _ids(3) == client.call("sessions", "stop_all")
    assert _ids(3) == stopped


def _date_header(when: datetime.datetime) -> str:
    return email.utils.format_datetime(when, usegmt=True)


def test_reaper_measures_age_on_the_servers_clock_when_duration_stays_zero(client_factory: ClientFactory) -> None:
    """With duration 0, age is created_at to the answer's Date header, whatever this machine's clock says."""
    server_now = datetime.datetime(2030, 6, 1, 12, 0, tzinfo=datetime.UTC)
    old, young = _ids(2)
    sessions = [
        {"id": old, "created_at": "2030-06-01T11:00:00Z", "duration": 0},
        {"id": young, "created_at": "2030-06-01T11:55:00Z", "duration": 0},
    ]

    def handler(request: httpx.Request) -> httpx.Response:
        data = {"count": 2, "next": None, "results": sessions}
        return _ok(data, date=_date_header(server_now))

    client = client_factory(handler)

    assert [old] == client.call("sessions", "stop_all", older_than=600, dry_run=True)


def test_reaper_without_a_date_header_measures_on_this_machines_clock(client_factory: ClientFactory) -> None:
    """No Date header: created_at is measured against this machine's clock."""
    old, young = _ids(2)
    now = datetime.datetime.now(datetime.UTC)
    sessions = [
        {"id": old, "created_at": (now - datetime.timedelta(hours=1)).isoformat(), "duration": 0},
        {"id": young, "created_at": now.isoformat()},
    ]
    client = client_factory(lambda request: _ok({"count": 2, "next": None, "results": sessions}))

    assert [old] == client.call("sessions", "stop_all", older_than=600, dry_run=True)


def test_reaper_reads_a_naive_created_at_as_utc(client_factory: ClientFactory) -> None:
    """A created_at without an offset is compared as UTC, never raising a TypeError."""
    server_now = datetime.datetime(2030, 6, 1, 12, 0, tzinfo=datetime.UTC)
    (old,) = _ids(1)
    sessions = [{"id": old, "created_at": "2030-06-01T11:00:00"}]
    client = client_factory(
        lambda request: _ok({"count": 1, "next": None, "results": sessions}, date=_date_header(server_now))
    )

    assert [old] == client.call("sessions", "stop_all", older_than=600, dry_run=True)


def test_sync_wait_until_ended_keeps_its_timeout_with_a_poll_in_flight() -> None:
    """Sync: against an API that never answers, wait_until_ended(timeout=T) raises within T and a small margin."""
    release = threading.Event()

    def hung(request: httpx.Request) -> httpx.Response:
        # A hostile peer that holds each request as long as the client lets it (its read timeout), then fails it.
        release.wait(request.extensions["timeout"]["read"])
        raise httpx.ReadTimeout("no answer", request=request)

    client = liveavatar.LiveAvatar(api_key=API_KEY, http_client=httpx.Client(transport=httpx.MockTransport(hung)))
    started = time.monotonic()
    try:
        with pytest.raises(liveavatar.APITimeoutError):
            client.sessions.wait_until_ended(SESSION_ID, timeout=0.3, poll_every=5)
    finally:
        release.set()

    assert time.monotonic() - started < 0.3 + liveavatar._config.WAIT_POLL_MARGIN + 1.0


def test_async_wait_until_ended_keeps_its_timeout_with_a_poll_in_flight() -> None:
    """Async: a poll that hangs is cut so wait_until_ended(timeout=T) raises within T and a small margin."""

    async def hung(request: httpx.Request) -> httpx.Response:
        await asyncio.sleep(3600)
        raise AssertionError("unreachable")

    async def scenario() -> float:
        client = liveavatar.AsyncLiveAvatar(
            api_key=API_KEY, http_client=httpx.AsyncClient(transport=httpx.MockTransport(hung))
        )
        started = time.monotonic()
        with pytest.raises(liveavatar.APITimeoutError):
            await client.sessions.wait_until_ended(SESSION_ID, timeout=0.3, poll_every=5)
        return time.monotonic() - started

    assert asyncio.run(scenario()) < 0.3 + liveavatar._config.WAIT_POLL_MARGIN + 1.0


def test_wait_until_ended_polls_again_after_a_failed_poll_while_time_is_left(client_factory: ClientFactory) -> None:
    """A poll answered 503 within the timeout is followed by another; the session found ended is returned."""
    answers = iter([httpx.Response(503), _ok({"id": SESSION_ID, "end_reason": "USER_CLOSED"})])
    client = client_factory(lambda request: next(answers))

    info = client.call("sessions", "wait_until_ended", SESSION_ID, timeout=60, poll_every=0.01)

    assert "USER_CLOSED" == info.end_reason


@pytest.mark.parametrize("timeout", [float("inf"), float("nan"), 0, -1])
def test_wait_until_ended_refuses_a_timeout_that_is_no_bound(client_factory: ClientFactory, timeout: float) -> None:
    """An infinite, NaN, zero or negative timeout is an InvalidRequestError before any request."""
    client = client_factory(lambda request: _ok({"id": SESSION_ID}))

    with pytest.raises(liveavatar.InvalidRequestError, match="timeout"):
        client.call("sessions", "wait_until_ended", SESSION_ID, timeout=timeout)


@pytest.mark.parametrize("header", ["not a date", "", "Mon, 99 Foo 2026 99:99:99 GMT"])
def test_an_unreadable_date_header_falls_back_to_this_machines_clock(
    client_factory: ClientFactory, header: str
) -> None:
    """A Date header that does not parse is ignored: ages are measured on this machine's clock."""
    old = _ids(1)[0]
    sessions = [{"id": old, "created_at": "2020-01-01T00:00:00Z"}]
    client = client_factory(lambda request: _ok({"count": 1, "next": None, "results": sessions}, date=header))

    assert [old] == client.call("sessions", "stop_all", older_than=600, dry_run=True)
