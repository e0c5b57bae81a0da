"""The request log: every request, what it carried (secrets masked) and what it got, until reset."""

from __future__ import annotations

import time

import httpx
import pytest

from liveavatar._secrets import mask
from liveavatar.mock import LiveAvatarMock, MockServer
from tests.mock.support import TOKEN_PATH, call_app, full_body


def test_a_request_is_recorded(liveavatar_mock: MockServer, api: httpx.Client) -> None:
    """Method, path, query, parsed body, status, response body and request id are recorded."""
    body = full_body()
    response = api.post(TOKEN_PATH, json=body, params={"trace": "1"})

    record = liveavatar_mock.last_request
    assert ("POST", TOKEN_PATH, "trace=1") == (record.method, record.path, record.query)
    assert (body, 200) == (record.body, record.status)
    assert response.json() == record.response_body
    assert response.headers["x-request-id"] == record.request_id
    assert "application/json" == record.headers["content-type"]


def test_api_key_is_masked_to_its_last_four(liveavatar_mock: MockServer, api: httpx.Client) -> None:
    """The recorded X-API-KEY (and Authorization) keep only their last four characters."""
    api.post(TOKEN_PATH, json=full_body(), headers={"Authorization": "Bearer abcdefgh.ijkl"})

    record = liveavatar_mock.last_request
    assert ("…abcd", "…ijkl") == (record.headers["x-api-key"], record.headers["authorization"])
    assert "…abcd" == record.api_key


@pytest.mark.parametrize(
    ("key", "shown"),
    [("short", "…"), ("eleven-char", "…"), ("twelve-chars", "…hars"), ("x" * 40 + "tail", "…tail")],
)
def test_keys_are_masked_by_the_package_rule(key: str, shown: str) -> None:
    """The record masks keys as `liveavatar._secrets.mask` does: under twelve characters whole, else all but four."""
    mock = LiveAvatarMock()

    call_app(mock.app, "POST", json=full_body(), headers={"X-API-KEY": key})

    assert (shown, shown) == (mock.last_request.api_key, mask(key))


def test_every_outcome_is_recorded_in_order(liveavatar_mock: MockServer, api: httpx.Client) -> None:
    """Faults, 404s, 422s and successes all land in the log, oldest first."""
    liveavatar_mock.fail_next(1, 503)
    api.post(TOKEN_PATH, json=full_body())
    api.get("/nowhere")
    api.post(TOKEN_PATH, content=b"{", headers={"content-type": "application/json"})
    api.post(TOKEN_PATH, json=full_body())

    records = liveavatar_mock.requests
    assert [503, 404, 422, 200] == [record.status for record in records]
    assert [None, b"{"] == [records[2].body, records[2].raw_body]


def test_fault_response_body_is_recorded_as_text_when_not_json(liveavatar_mock: MockServer, api: httpx.Client) -> None:
    """An HTML 502 is recorded as its text."""
    liveavatar_mock.fail_next(1, 502)
    api.post(TOKEN_PATH, json=full_body())

    assert "502 Bad Gateway" in liveavatar_mock.last_request.response_body


def test_requests_is_a_snapshot(liveavatar_mock: MockServer, api: httpx.Client) -> None:
    """`requests` returns a copy: later requests do not change a list already taken."""
    api.post(TOKEN_PATH, json=full_body())
    snapshot = liveavatar_mock.requests
    api.post(TOKEN_PATH, json=full_body())

    assert (1, 2) == (len(snapshot), len(liveavatar_mock.requests))


def test_reset_clears_records_and_faults(liveavatar_mock: MockServer, api: httpx.Client) -> None:
    """`reset()` empties the log and removes run-time faults and latency."""
    liveavatar_mock.force_status(500)
    api.post(TOKEN_PATH, json=full_body())
    liveavatar_mock.set_latency(5)

    liveavatar_mock.reset()

    assert [] == liveavatar_mock.requests
    started = time.perf_counter()
    assert 200 == api.post(TOKEN_PATH, json=full_body()).status_code
    assert time.perf_counter() - started < 1


def test_last_request_without_requests_raises(liveavatar_mock: MockServer) -> None:
    """`last_request` on an empty log raises LookupError rather than returning None."""
    with pytest.raises(LookupError, match="no requests"):
        _ = liveavatar_mock.last_request
