"""The mock's corners: its settings refused, odd bodies and paths on the lifecycle routes, forgotten tokens, the server's start and stop."""

from __future__ import annotations

import json
import math
import socket
from decimal import Decimal
from typing import Any

import httpx
import pytest
from jsonschema import Draft202012Validator
from websockets.exceptions import ConnectionClosed, InvalidStatus
from websockets.sync.client import connect

from liveavatar.mock import MockClock, MockConfig, MockServer, Rule
from liveavatar.mock._compiled import compile_schema
from tests.mock.support import (
    API_KEY,
    KEEP_ALIVE_PATH,
    SESSIONS_PATH,
    STOP_PATH,
    bearer,
    lite_body,
    mint,
    mint_in_process,
    start,
    started,
)

OTHER_SESSION = "0c1d2e3f-4a5b-4c6d-8e7f-901234567890"


@pytest.fixture
def server() -> Any:
    """A mock of its own on a free port, with an httpx client sending the API key."""
    with (
        MockServer(MockConfig(api_keys={API_KEY})) as mock,
        httpx.Client(base_url=mock.url, headers={"X-API-KEY": API_KEY}, timeout=10) as api,
    ):
        yield mock, api


# -- settings ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("setting", "value", "message"),
    [
        ("credits", "lots", "credits must be a decimal number"),
        ("credits", "-1", "credits must be a finite number >= 0"),
        ("credits", "Infinity", "credits must be a finite number >= 0"),
        ("lite_connected_delay", -0.5, "lite_connected_delay must be a finite number >= 0 or None"),
        ("lite_connected_delay", math.inf, "lite_connected_delay must be a finite number >= 0 or None"),
        ("latency", math.nan, "latency must be a finite number >= 0"),
        ("latency", math.inf, "latency must be a finite number >= 0"),
        ("idle_timeout", -1.0, "idle_timeout must be a finite number >= 0"),
        ("lite_audio_limit", -1, "lite_audio_limit must be a finite number >= 0"),
        ("retry_after", math.nan, "retry_after must be a finite number of seconds >= 0"),
        ("retry_after", -1.0, "retry_after must be a finite number of seconds >= 0"),
        ("max_session_duration", 0, "max_session_duration must be >= 1 or None"),
        ("session_limit", 0, "session_limit must be >= 1"),
    ],
)
def test_a_bad_setting_is_refused_naming_it(setting: str, value: Any, message: str) -> None:
    """MockConfig refuses a value its setting cannot hold, with a ValueError naming the setting."""
    with pytest.raises(ValueError, match=message):
        MockConfig(**{setting: value})  # the values are deliberately bad


def test_credits_are_kept_exactly() -> None:
    """A credit balance given as text is kept as the exact Decimal."""
    assert Decimal("12.345") == MockConfig(credits="12.345").credits


def test_an_unknown_clock_kind_is_refused() -> None:
    """MockClock takes `manual` or `real`; another kind is a ValueError listing both."""
    with pytest.raises(ValueError, match="clock must be one of manual, real"):
        MockClock("sundial")  # type: ignore[arg-type]  # deliberately bad


def test_a_rule_the_mock_does_not_check_cannot_refuse() -> None:
    """A Rule without a mock status raises when asked to refuse, rather than answering with no status."""
    rule = Rule("sdk-only", refused="x", answer="y", status=None, sources=(), evidence="", checked_by=("SDK",))

    with pytest.raises(ValueError, match="does not check 'sdk-only'"):
        rule.refuse("no")


def test_the_clock_property_is_the_one_the_mock_runs_on(server: tuple[MockServer, httpx.Client]) -> None:
    """`mock.clock` is a manual clock by default, and advancing it moves `mock.time()`."""
    mock, _ = server
    before = mock.time()

    mock.clock.advance(30)

    assert ("manual", before + 30) == (mock.clock.kind, mock.time())


# -- lifecycle routes with odd input ------------------------------------------------------


def test_stop_without_a_body_asks_for_the_session_id(server: tuple[MockServer, httpx.Client]) -> None:
    """A stop with the API key and no body at all is refused: session_id is required with an API key."""
    _, api = server

    response = api.post(STOP_PATH)

    assert 400 == response.status_code
    assert "session_id is required when authenticating with an API key" == response.json()["message"]


@pytest.mark.parametrize(("content", "problem"), [(b"{not json", "json_invalid"), (b"[1, 2]", "model_attributes_type")])
def test_an_action_body_that_is_not_an_object_is_422(
    server: tuple[MockServer, httpx.Client], content: bytes, problem: str
) -> None:
    """keep-alive with a body that is not JSON, or JSON that is not an object, gets a FastAPI-shaped 422."""
    _, api = server

    response = api.post(KEEP_ALIVE_PATH, content=content, headers={"Content-Type": "application/json"})

    assert 422 == response.status_code
    assert problem == response.json()["detail"][0]["type"]


@pytest.mark.parametrize(("method", "suffix"), [("GET", "/transcript"), ("DELETE", "/events")])
def test_a_path_id_that_is_not_a_uuid_is_422(server: tuple[MockServer, httpx.Client], method: str, suffix: str) -> None:
    """transcript and delete-events with a malformed session id in the path get 422 on that path parameter."""
    _, api = server

    response = api.request(method, f"{SESSIONS_PATH}/not-a-uuid{suffix}")

    assert 422 == response.status_code
    assert ["path", "session_id"] == response.json()["detail"][0]["loc"]


def test_delete_events_needs_credentials_and_a_token_only_for_its_own_session(
    server: tuple[MockServer, httpx.Client],
) -> None:
    """delete-events: no credentials is 401, another session's token is 403, a session never started is 404."""
    _, api = server
    session_id, _ = started(api, lite_body())
    _, other_token = mint(api, lite_body())
    start(api, other_token)
    never_started, _ = mint(api, lite_body())
    no_key = {"X-API-KEY": ""}

    anonymous = api.delete(f"{SESSIONS_PATH}/{session_id}/events", headers=no_key)
    other = api.delete(f"{SESSIONS_PATH}/{session_id}/events", headers={**bearer(other_token), **no_key})
    not_started = api.delete(f"{SESSIONS_PATH}/{never_started}/events")
    own = api.delete(f"{SESSIONS_PATH}/{session_id}/events")

    assert (401, 403, 404, 200) == tuple(r.status_code for r in (anonymous, other, not_started, own))
    assert "does not grant access to that session" in other.text


def test_a_token_whose_session_the_mock_forgot_cannot_start() -> None:
    """With session_limit=1, minting again forgets the older unstarted token: its start is 401, no longer known."""
    with (
        MockServer(MockConfig(session_limit=1)) as mock,
        httpx.Client(base_url=mock.url, headers={"X-API-KEY": API_KEY}, timeout=10) as api,
    ):
        _, forgotten = mint(api, lite_body())
        for _ in range(5):  # started and stopped: ended sessions are forgotten too
            session_id, _ = started(api, lite_body())
            api.post(STOP_PATH, json={"session_id": session_id})
        response = start(api, forgotten)
        historic = api.get(SESSIONS_PATH, params={"type": "historic"}).json()["data"]

    assert 401 == response.status_code
    assert "no longer known to the mock" in response.text
    assert [session_id] == [entry["id"] for entry in historic["results"]]


@pytest.mark.parametrize(
    ("body", "kind"),
    [
        (5, "model_attributes_type"),
        (lite_body(avatar_id=""), "uuid_parsing"),
    ],
)
def test_token_bodies_of_odd_shapes_get_fastapi_422s(body: object, kind: str) -> None:
    """A scalar body, or a field breaking its schema, gets a 422 whose first item has FastAPI's error type."""
    from liveavatar.mock import LiveAvatarMock

    response = mint_in_process(LiveAvatarMock().app, body)

    assert 422 == response.status_code
    assert kind == response.json()["detail"][0]["type"]


def test_a_voice_settings_provider_the_spec_does_not_know_names_the_expected_tags() -> None:
    """voice_settings with an unknown `provider` is 422 listing the tags the discriminator accepts."""
    from liveavatar.mock import LiveAvatarMock

    body = {"mode": "FULL", "avatar_id": OTHER_SESSION, "avatar_persona": {"voice_settings": {"provider": "acme"}}}
    response = mint_in_process(LiveAvatarMock().app, body)

    assert 422 == response.status_code
    messages = " ".join(item["msg"] for item in response.json()["detail"])
    assert "'elevenLabs'" in messages
    assert "'fish'" in messages


def test_lite_connected_of_an_id_that_is_not_a_uuid_is_false() -> None:
    """`mock.lite_connected()` of a malformed id answers False rather than raising."""
    from liveavatar.mock import LiveAvatarMock

    assert not LiveAvatarMock().lite_connected("not-a-uuid")


def test_a_websocket_off_the_lite_path_is_refused(server: tuple[MockServer, httpx.Client]) -> None:
    """A WebSocket upgrade on any path but the LITE channel's gets HTTP 403, not a socket."""
    mock, _ = server

    with pytest.raises(InvalidStatus) as caught, connect(mock.url.replace("http", "ws") + "/v1/other"):
        pass

    assert 403 == caught.value.response.status_code


def test_a_start_without_a_host_header_gets_a_ws_url_on_the_servers_address(
    server: tuple[MockServer, httpx.Client],
) -> None:
    """An HTTP/1.0 start with no Host header gets a ws_url on the address the mock listens on."""
    mock, api = server
    _, token = mint(api, lite_body())
    host, port = mock.url.removeprefix("http://").split(":")

    with socket.create_connection((host, int(port)), timeout=10) as raw:
        raw.sendall(f"POST /v1/sessions/start HTTP/1.0\r\nAuthorization: Bearer {token}\r\n\r\n".encode())
        answer = b""
        while chunk := raw.recv(65536):
            answer += chunk
    head, _, body = answer.partition(b"\r\n\r\n")

    assert head.startswith(b"HTTP/1.1 201")
    assert json.loads(body)["data"]["ws_url"].startswith(f"ws://{host}:{port}/v1/lite/")


# -- the compiled schema checks ------------------------------------------------------


@pytest.mark.parametrize(
    ("schema", "value", "valid"),
    [
        ({}, object(), True),
        ({"const": [1]}, {"0": 1}, False),
        ({"enum": [[1], {"a": 1}]}, 1, False),
        ({"properties": {"a": {"type": "integer"}}}, [1], True),
        ({"minProperties": 2}, {"a": 1}, False),
        ({"minProperties": 2}, "ab", True),
        ({"minLength": 2}, "😀", False),
        ({"minLength": 2}, 5, True),
    ],
)
def test_compiled_checks_agree_with_jsonschema_on_more_keywords(schema: Any, value: Any, valid: bool) -> None:
    """minProperties, minLength, an empty schema and container constants are checked as Draft 2020-12 says."""
    assert (valid, valid) == (compile_schema(schema)(value), Draft202012Validator(schema).is_valid(value))


def test_a_schema_that_is_not_an_object_cannot_be_compiled() -> None:
    """compile_schema refuses a number where a schema should be, at build time."""
    with pytest.raises(ValueError, match="not a schema: 5"):
        compile_schema({"properties": {"a": 5}})


# -- the server's start and stop --------------------------------------------------------


def test_stop_drops_a_socket_that_outlives_the_graceful_window() -> None:
    """stop(timeout=...) with a LITE socket still open forces the server down and returns, not running."""
    with (
        MockServer() as mock,
        httpx.Client(base_url=mock.url, headers={"X-API-KEY": API_KEY}, timeout=10) as api,
    ):
        _, data = started(api, lite_body())
        with connect(data["ws_url"]) as websocket:
            websocket.recv(timeout=5)  # connected
            mock.stop(timeout=0.05)
            running = mock.running
            with pytest.raises(ConnectionClosed):
                websocket.recv(timeout=5)
    assert not running


def test_a_mock_on_ipv6_loopback_has_a_bracketed_url() -> None:
    """On ::1 the URL puts the address in brackets, and the mock answers there."""
    try:
        socket.create_server(("::1", 0), family=socket.AF_INET6).close()
    except OSError:
        pytest.skip("no IPv6 loopback here")
    with MockServer(host="::1") as mock:
        assert mock.url.startswith("http://[::1]:")
        response = httpx.get(mock.url + "/v1/users/credits", headers={"X-API-KEY": API_KEY}, timeout=10)
    assert 200 == response.status_code
