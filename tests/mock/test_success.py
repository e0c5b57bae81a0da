"""A successful mint: the API's envelope, a request id, and a unique, signed, JWT-shaped token."""

from __future__ import annotations

import uuid

import httpx
import pytest

from liveavatar.mock import SANDBOX_AVATAR_ID, LiveAvatarMock, MockConfig, MockServer
from tests.mock.support import TOKEN_PATH, agent_body, full_body, jwt_part, lite_body, mint_in_process


def test_success_envelope(api: httpx.Client) -> None:
    """200 carries `{code: 1000, data: {session_id, session_token}, message}` and JSON content."""
    response = api.post(TOKEN_PATH, json=full_body())

    payload = response.json()
    assert 200 == response.status_code
    assert "application/json" == response.headers["content-type"]
    assert ["code", "data", "message"] == sorted(payload)
    assert (1000, "Session token created") == (payload["code"], payload["message"])
    assert ["session_id", "session_token"] == sorted(payload["data"])
    assert 4 == uuid.UUID(payload["data"]["session_id"]).version


def test_success_code_is_configurable() -> None:
    """`success_code=100` (the published schema's default) changes the envelope's code."""
    mock = LiveAvatarMock(MockConfig(success_code=100))

    assert 100 == mint_in_process(mock.app, full_body()).json()["code"]


def test_request_ids_are_unique(api: httpx.Client) -> None:
    """Every response has an `x-request-id`, different each time."""
    ids = {api.post(TOKEN_PATH, json=full_body()).headers["x-request-id"] for _ in range(5)}

    assert 5 == len(ids)


def test_token_is_an_hs256_jwt(api: httpx.Client) -> None:
    """The token is three base64url parts with an HS256 JWT header."""
    token = api.post(TOKEN_PATH, json=full_body()).json()["data"]["session_token"]

    assert 3 == len(token.split("."))
    assert {"alg": "HS256", "typ": "JWT"} == jwt_part(token, 0)


def test_token_payload_describes_the_session(liveavatar_mock: MockServer, api: httpx.Client) -> None:
    """The payload carries session_id, mode, sandbox and avatar_id; iat is the mock's clock, exp iat + 3600."""
    liveavatar_mock.advance(7)
    data = api.post(TOKEN_PATH, json=full_body(is_sandbox=True)).json()["data"]

    payload = jwt_part(data["session_token"], 1)
    assert int(liveavatar_mock.time()) == payload["iat"]
    assert 3600 == payload["exp"] - payload["iat"]
    expected = {"session_id": data["session_id"], "mode": "FULL", "sandbox": True, "avatar_id": SANDBOX_AVATAR_ID}
    assert expected == {key: payload[key] for key in expected}


def test_token_mode_follows_the_body(api: httpx.Client) -> None:
    """LITE bodies get `mode: LITE` tokens; a body without mode gets FULL."""
    modes = [
        jwt_part(api.post(TOKEN_PATH, json=body).json()["data"]["session_token"], 1)["mode"]
        for body in (lite_body(), agent_body())
    ]

    assert ["LITE", "FULL"] == modes


def test_token_ttl_is_configurable() -> None:
    """`token_ttl` sets exp - iat."""
    mock = LiveAvatarMock(MockConfig(token_ttl=120))

    payload = jwt_part(mint_in_process(mock.app, full_body()).json()["data"]["session_token"], 1)

    assert 120 == payload["exp"] - payload["iat"]


def test_tokens_and_sessions_are_unique(api: httpx.Client) -> None:
    """Identical requests get different tokens and session ids."""
    data = [api.post(TOKEN_PATH, json=full_body()).json()["data"] for _ in range(10)]

    assert 10 == len({item["session_token"] for item in data})
    assert 10 == len({item["session_id"] for item in data})


def test_verify_token_returns_the_payload(liveavatar_mock: MockServer, api: httpx.Client) -> None:
    """`verify_token` checks the signature of the mock's own tokens and returns their payload."""
    token = api.post(TOKEN_PATH, json=full_body()).json()["data"]["session_token"]

    assert jwt_part(token, 1) == liveavatar_mock.verify_token(token)


def test_verify_token_refuses_tampering(liveavatar_mock: MockServer, api: httpx.Client) -> None:
    """A token with a changed payload, or from another mock, or not a JWT, is refused."""
    token = api.post(TOKEN_PATH, json=full_body()).json()["data"]["session_token"]
    header, _, signature = token.split(".")
    other = mint_in_process(LiveAvatarMock().app, full_body()).json()["data"]["session_token"]

    for bad in (f"{header}.e30.{signature}", other, "not-a-jwt"):
        with pytest.raises(ValueError, match=r"signature|JWT"):
            liveavatar_mock.verify_token(bad)
