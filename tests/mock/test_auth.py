"""The mock's API-key check: `X-API-KEY` must be present and accepted, else 401 with the API's envelope."""

from __future__ import annotations

import httpx

from liveavatar.mock import UNAUTHORIZED_MESSAGE, LiveAvatarMock, MockConfig, MockServer
from tests.mock.support import TOKEN_PATH, full_body, mint_in_process

UNAUTHORIZED = {"code": 401, "data": None, "message": UNAUTHORIZED_MESSAGE}


def test_missing_key_is_401_with_envelope(liveavatar_mock: MockServer) -> None:
    """A request without X-API-KEY gets 401 and the `{code, data, message}` envelope."""
    response = httpx.post(f"{liveavatar_mock.url}{TOKEN_PATH}", json=full_body())

    assert 401 == response.status_code
    assert UNAUTHORIZED == response.json()
    assert "Unauthorized: missing or invalid X-API-KEY" == UNAUTHORIZED_MESSAGE


def test_empty_key_is_401(liveavatar_mock: MockServer) -> None:
    """An empty X-API-KEY header is no key."""
    response = httpx.post(f"{liveavatar_mock.url}{TOKEN_PATH}", json=full_body(), headers={"X-API-KEY": ""})

    assert 401 == response.status_code


def test_whitespace_key_is_not_accepted() -> None:
    """A whitespace-only key is refused even when any key is accepted (HTTP clients will not send one)."""
    assert (False, False, True) == tuple(MockConfig().accepts(key) for key in ("   ", None, "k"))


def test_bearer_token_does_not_authenticate(liveavatar_mock: MockServer) -> None:
    """Only an API key mints: an Authorization bearer token alone gets 401."""
    response = httpx.post(
        f"{liveavatar_mock.url}{TOKEN_PATH}", json=full_body(), headers={"Authorization": "Bearer some.jwt.token"}
    )

    assert 401 == response.status_code


def test_any_non_empty_key_is_accepted_by_default(liveavatar_mock: MockServer) -> None:
    """Without a configured key set, any non-empty key mints a token."""
    response = httpx.post(f"{liveavatar_mock.url}{TOKEN_PATH}", json=full_body(), headers={"x-api-key": "whatever"})

    assert 200 == response.status_code


def test_configured_key_set_refuses_other_keys() -> None:
    """With `api_keys` configured, a key outside the set gets 401."""
    mock = LiveAvatarMock(MockConfig(api_keys={"good-key"}))

    response = mint_in_process(mock.app, full_body(), api_key="bad-key")

    assert 401 == response.status_code
    assert UNAUTHORIZED == response.json()


def test_configured_key_set_accepts_its_keys() -> None:
    """With `api_keys` configured, each key in the set mints a token."""
    mock = LiveAvatarMock(MockConfig(api_keys=["key-one", "key-two"]))

    statuses = [mint_in_process(mock.app, full_body(), api_key=key).status_code for key in ("key-one", "key-two")]

    assert [200, 200] == statuses


def test_single_string_key_set_is_one_key() -> None:
    """`api_keys="abc"` accepts the key "abc", not its characters."""
    config = MockConfig(api_keys="abc")

    assert frozenset({"abc"}) == config.api_keys
    assert (True, False) == (config.accepts("abc"), config.accepts("a"))


def test_auth_is_checked_before_the_body() -> None:
    """An unauthenticated request with an invalid body gets 401, not 422, as FastAPI's security runs first."""
    mock = LiveAvatarMock()

    response = mint_in_process(mock.app, {"avatar_id": "not-a-uuid"}, api_key=None)

    assert 401 == response.status_code
