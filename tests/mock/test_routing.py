"""The mock's routing: the token and lifecycle paths exist; the rest gets FastAPI's 404 and 405."""

from __future__ import annotations

import httpx

from tests.mock.support import TOKEN_PATH


def test_unknown_path_is_404_json(api: httpx.Client) -> None:
    """A path the mock does not serve (the undocumented feedback endpoint) answers 404 with FastAPI's JSON body."""
    response = api.post("/v1/feedback/agents", json={})

    assert 404 == response.status_code
    assert {"detail": "Not Found"} == response.json()
    assert "application/json" == response.headers["content-type"]


def test_wrong_method_is_405_json_with_allow(api: httpx.Client) -> None:
    """Another method on the token path answers 405, JSON, with `Allow: POST`."""
    response = api.get(TOKEN_PATH)

    assert 405 == response.status_code
    assert {"detail": "Method Not Allowed"} == response.json()
    assert "POST" == response.headers["allow"]


def test_delete_is_405(api: httpx.Client) -> None:
    """DELETE on the token path is refused like any non-POST method."""
    assert 405 == api.delete(TOKEN_PATH).status_code


def test_trailing_slash_is_another_path(api: httpx.Client) -> None:
    """`/v1/sessions/token/` is not the token endpoint."""
    assert 404 == api.post(f"{TOKEN_PATH}/", json={}).status_code
