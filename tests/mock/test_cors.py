"""CORS: a page on another origin may call every route, preflight first, with credentials."""

from __future__ import annotations

import re
from typing import Any

import httpx
import pytest

from liveavatar.mock import LiveAvatarMock, MockConfig
from liveavatar.mock._spec import load_spec
from tests.mock.support import (
    API_KEY,
    START_PATH,
    TOKEN_PATH,
    bearer,
    call_app,
    full_body,
    mint_in_process,
)

PAGE = "http://127.0.0.1:5173"
"""The page's origin: another port than the mock's, so another origin."""
SESSION_ID = "3fa85f64-5717-4562-b3fc-2c963f66afa6"
ROUTES = [
    (method.upper(), path.replace("{session_id}", SESSION_ID))
    for path, item in load_spec()["paths"].items()
    for method in item
    if method in {"get", "post", "put", "patch", "delete"}
]
"""Every operation of the published spec, as a browser would call it."""
KEYLESS = {
    (method.upper(), path.replace("{session_id}", SESSION_ID))
    for path, item in load_spec()["paths"].items()
    for method, operation in item.items()
    if isinstance(operation, dict) and {} in operation.get("security", [])
}
"""The operations the spec lets a caller make without credentials (public avatars, languages, LLM models)."""


def _preflight(mock: LiveAvatarMock, path: str, method: str, asked: str, origin: str = PAGE) -> httpx.Response:
    headers = {"Origin": origin, "Access-Control-Request-Method": method, "Access-Control-Request-Headers": asked}
    return call_app(mock.app, "OPTIONS", path, headers=headers)


def _names(value: str) -> list[str]:
    return [name.strip().lower() for name in value.split(",")]


@pytest.mark.parametrize(("method", "path"), ROUTES)
def test_preflight_of_every_route_is_approved(method: str, path: str) -> None:
    """OPTIONS with the API's headers gets 204, the method and the three named headers, for the page's origin."""
    response = _preflight(LiveAvatarMock(), path, method, "authorization, content-type, x-api-key")

    assert 204 == response.status_code
    assert b"" == response.content
    assert PAGE == response.headers["access-control-allow-origin"]
    assert "true" == response.headers["access-control-allow-credentials"]
    assert method.lower() in _names(response.headers["access-control-allow-methods"])
    assert {"authorization", "content-type", "x-api-key"} <= set(
        _names(response.headers["access-control-allow-headers"])
    )
    assert "Origin" in response.headers["vary"]
    assert int(response.headers["access-control-max-age"]) > 0


@pytest.mark.parametrize(("method", "path"), ROUTES)
def test_every_answer_names_the_origin(method: str, path: str) -> None:
    """The route's own answer (a 401 without credentials, or a keyless route's 200) names the origin and credentials."""
    response = call_app(LiveAvatarMock().app, method, path, headers={"Origin": PAGE})

    assert (200 if (method, path) in KEYLESS else 401) == response.status_code
    assert PAGE == response.headers["access-control-allow-origin"]
    assert "true" == response.headers["access-control-allow-credentials"]
    assert "Origin" in response.headers["vary"]
    assert "x-request-id" in _names(response.headers["access-control-expose-headers"])


def test_the_named_headers_are_approved_even_when_not_asked_for() -> None:
    """A preflight asking for only `authorization` still gets the three named (a `*` would not cover it everywhere)."""
    response = _preflight(LiveAvatarMock(), START_PATH, "POST", "Authorization")

    assert "*" not in response.headers["access-control-allow-headers"]
    assert ["authorization", "content-type", "x-api-key"] == _names(response.headers["access-control-allow-headers"])


def test_other_asked_headers_are_approved_too() -> None:
    """Headers the preflight asks for beyond the three are approved as asked (never stricter than the API)."""
    response = _preflight(LiveAvatarMock(), TOKEN_PATH, "POST", "x-api-key, X-Trace-Id , accept, bad header")

    assert ["authorization", "content-type", "x-api-key", "x-trace-id", "accept"] == _names(
        response.headers["access-control-allow-headers"]
    )


@pytest.mark.parametrize(
    ("name", "request_kwargs", "status"),
    [
        ("success", {"json": full_body(), "headers": {"X-API-KEY": API_KEY}}, 200),
        ("422", {"json": {"mode": "FULL"}, "headers": {"X-API-KEY": API_KEY}}, 422),
        ("413", {"content": b"{" * 2_000_000, "headers": {"X-API-KEY": API_KEY}}, 413),
    ],
)
def test_successes_and_refusals_carry_the_headers(name: str, request_kwargs: dict[str, Any], status: int) -> None:
    """A success, a 422 and a 413 all carry the page's origin."""
    headers = {"Origin": PAGE, **request_kwargs.pop("headers")}
    response = call_app(LiveAvatarMock().app, "POST", TOKEN_PATH, headers=headers, **request_kwargs)

    assert (status, PAGE) == (response.status_code, response.headers["access-control-allow-origin"]), name


@pytest.mark.parametrize(("method", "path"), [("GET", "/v2/nowhere"), ("GET", TOKEN_PATH)])
def test_unknown_paths_and_methods_carry_the_headers(method: str, path: str) -> None:
    """A 404 and a 405 are readable by the page too, so it sees the status instead of a CORS error."""
    response = call_app(LiveAvatarMock().app, method, path, headers={"Origin": PAGE})

    assert response.status_code in (404, 405)
    assert PAGE == response.headers["access-control-allow-origin"]


def test_a_fault_carries_the_headers_and_the_preflight_does_not_take_it() -> None:
    """The preflight is answered before faults; the fault then hits the call, which the page can read."""
    mock = LiveAvatarMock()
    mock.fail_next(1, 429, retry_after=3)

    preflight = _preflight(mock, TOKEN_PATH, "POST", "x-api-key")
    failed = call_app(mock.app, "POST", TOKEN_PATH, headers={"Origin": PAGE, "X-API-KEY": API_KEY}, json=full_body())

    assert (204, 429) == (preflight.status_code, failed.status_code)
    assert PAGE == failed.headers["access-control-allow-origin"]
    assert "retry-after" in _names(failed.headers["access-control-expose-headers"])
    assert ["OPTIONS", "POST"] == [record.method for record in mock.requests]


def test_credentials_can_be_turned_off() -> None:
    """`cors_credentials=False` leaves `Access-Control-Allow-Credentials` out; the origin is still echoed."""
    mock = LiveAvatarMock(MockConfig(cors_credentials=False))

    preflight = _preflight(mock, START_PATH, "POST", "authorization")
    answer = call_app(mock.app, "POST", START_PATH, headers={"Origin": PAGE})

    for response in (preflight, answer):
        assert PAGE == response.headers["access-control-allow-origin"]
        assert "access-control-allow-credentials" not in response.headers


def test_a_request_without_origin_gets_the_wildcard_without_credentials() -> None:
    """Not a browser: `Access-Control-Allow-Origin: *`, and no credentials header (browsers refuse the pair)."""
    response = mint_in_process(LiveAvatarMock().app, full_body())

    assert "*" == response.headers["access-control-allow-origin"]
    assert "access-control-allow-credentials" not in response.headers


def test_a_plain_options_is_not_a_preflight() -> None:
    """OPTIONS without `Access-Control-Request-Method` is an ordinary request: 405 with `Allow`, as FastAPI answers."""
    response = call_app(LiveAvatarMock().app, "OPTIONS", START_PATH, headers={"Origin": PAGE})

    assert (405, "POST") == (response.status_code, response.headers["allow"])
    assert PAGE == response.headers["access-control-allow-origin"]


def test_a_session_token_call_from_the_page_works_in_process() -> None:
    """The calls the web SDK makes from a page (start with the Bearer token) succeed with the origin echoed."""
    mock = LiveAvatarMock()
    token = mint_in_process(mock.app, full_body()).json()["data"]["session_token"]

    response = call_app(mock.app, "POST", START_PATH, headers={"Origin": PAGE, **bearer(token)})

    assert (201, PAGE) == (response.status_code, response.headers["access-control-allow-origin"])
    assert re.fullmatch(r"[0-9a-f-]{36}", response.headers["x-request-id"])
