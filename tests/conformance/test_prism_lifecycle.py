"""Prism tier for the lifecycle: every lifecycle request the SDK can send passes Prism's validation of the spec."""

from __future__ import annotations

import contextlib
import re
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest

import liveavatar
from liveavatar import SessionToken
from tests.conformance.support import Prism
from tests.support import run_on

pytestmark = pytest.mark.prism

API_KEY = "sk_prism_lifecycle_0123456789"
SESSION_ID = "3c90c3cc-0d44-4b50-8888-8dd25736052a"
TOKEN = SessionToken(session_id=SESSION_ID, session_token="eyJhbGciOiJIUzI1NiJ9.e30.c2ln")
VIOLATION = re.compile(r"\b(?:error|violation)\b", re.IGNORECASE)

# (label, the call on a client, what the result must be)
CALLS: list[Any] = [
    pytest.param(lambda c: c.sessions.start(TOKEN), liveavatar.StartedSession, id="start"),
    pytest.param(lambda c: c.sessions.stop(SESSION_ID, reason="USER_CLOSED"), bool, id="stop"),
    pytest.param(lambda c: c.sessions.keep_alive(SESSION_ID), type(None), id="keep_alive"),
    pytest.param(lambda c: c.sessions.get(SESSION_ID), liveavatar.SessionInfo, id="get"),
    pytest.param(
        lambda c: c.sessions.transcript(SESSION_ID, start_timestamp=1, end_timestamp=2),
        liveavatar.Transcript,
        id="transcript",
    ),
    pytest.param(lambda c: c.sessions.delete_events(SESSION_ID), type(None), id="delete_events"),
    pytest.param(lambda c: c.users.credits(), Decimal, id="credits"),
]


def _checked(prism: Prism, offset: int, requests: int = 1) -> None:
    log = prism.log_since(offset)
    assert [line for line in log.splitlines() if VIOLATION.search(line)] == [], log
    assert log.count("Request received") == requests, log
    assert log.count("The request passed the validation rules") == requests, log


@pytest.mark.parametrize("flavour", ["sync", "async"])
@pytest.mark.parametrize(("call", "result_type"), CALLS)
def test_prism_accepts_every_lifecycle_request(
    prism: Prism, flavour: str, call: Callable[[Any], Any], result_type: type
) -> None:
    """Each lifecycle call's request (method, path, credential, query, body) is valid to Prism, and its answer reads."""
    offset = prism.log_size()

    result = run_on(flavour, {"api_key": API_KEY, "base_url": prism.url, "max_retries": 0}, call)

    _checked(prism, offset)
    assert isinstance(result, result_type)


@pytest.mark.parametrize("flavour", ["sync", "async"])
@pytest.mark.parametrize("kind", ["active", "historic"])
def test_prism_accepts_the_list_request(prism: Prism, flavour: str, kind: str) -> None:
    """The first page of list, with every filter and a page size, is a valid request to Prism."""
    offset = prism.log_size()

    def first(client: Any) -> Any:
        listing = client.sessions.list(type=kind, avatar_id=SESSION_ID, context_id=SESSION_ID, page_size=5)
        if flavour == "sync":
            return next(listing, None)
        return listing.__anext__()

    with contextlib.suppress(StopAsyncIteration):  # an empty async listing
        run_on(flavour, {"api_key": API_KEY, "base_url": prism.url, "max_retries": 0}, first)

    _checked(prism, offset)


def test_prism_refuses_start_with_the_api_key(prism: Prism) -> None:
    """The spec's start takes the Bearer session token only: the API key alone is refused (the SDK never sends it)."""
    import httpx

    offset = prism.log_size()
    response = httpx.post(f"{prism.url}/v1/sessions/start", headers={"X-API-KEY": API_KEY})

    assert 401 == response.status_code
    assert "Request received" in prism.log_since(offset)
