"""The mock driven as two clients people already run drive LiveAvatar: HeyGen's web SDK and pipecat.

Each client is re-told here, in our own words, from its published behaviour
(its source and docs, as summarised in the project's reference notes), only
as far as the mock is concerned:

- HeyGen's web SDK (`@heygen/liveavatar-web-sdk`, its `SessionAPIClient`):
  the page holds only the session token. `start`, `keep-alive` and `stop`
  are `POST`s to `/v1/sessions/...` with `Authorization: Bearer <token>`
  and a JSON content type (fetched with `credentials: "include"`). A call
  succeeds only when the HTTP status is 2xx *and* the envelope's `code` is
  1000; anything else is raised as an error carrying `message` and `code`.
  Its answer is the envelope's `data`.
- pipecat's LiveAvatar client (`pipecat.services.heygen`): mints with
  `accept`, `content-type` and `X-API-KEY`, a LITE body with VP8 video
  settings; reads the envelope strictly (`code`, `data` and `message` must
  all be there); starts with the Bearer token and reads the start's `data`
  into a model whose `max_session_duration` is a required integer (its docs:
  the live API fills in the plan's limit when the mint gave none), with
  `session_id`, `livekit_url` and `livekit_client_token` required strings and
  `ws_url` an optional one; stops with `{session_id}` and the Bearer token.

Each client is also run against the setting that broke it, to show the
re-telling is strict enough to notice.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import attrs
import httpx
import pytest

from liveavatar.mock import MockConfig, MockServer

API_KEY = "outside-client-key-0123"
AVATAR_ID = "3c90c3cc-0d44-4b50-8888-8dd25736052a"
"""A non-sandbox avatar: pipecat's default session is not a sandbox one."""
WEB_SDK_SUCCESS_CODE = 1000


class WebSdkError(Exception):
    """What the web SDK raises for a call it does not count as a success."""

    def __init__(self, message: str, code: object, status: int) -> None:
        super().__init__(f"{message} (code {code}, HTTP {status})")
        self.code = code
        self.status = status


class WebSdkSessionClient:
    """The web SDK's session API client: Bearer calls, success only on a 2xx with `code` 1000."""

    def __init__(self, base_url: str, session_token: str) -> None:
        self._http = httpx.Client(
            base_url=base_url,
            headers={"Authorization": f"Bearer {session_token}", "Content-Type": "application/json"},
            timeout=10,
        )

    def _post(self, path: str, body: dict[str, Any] | None = None) -> Any:
        response = self._http.post(path, json=body)
        payload = response.json()
        if not response.is_success or payload.get("code") != WEB_SDK_SUCCESS_CODE:
            raise WebSdkError(str(payload.get("message")), payload.get("code"), response.status_code)
        return payload.get("data")

    def start(self) -> dict[str, Any]:
        data: dict[str, Any] = self._post("/v1/sessions/start")
        return data

    def keep_alive(self) -> None:
        self._post("/v1/sessions/keep-alive")

    def stop(self) -> None:
        self._post("/v1/sessions/stop", {})

    def close(self) -> None:
        self._http.close()


class ModelError(Exception):
    """A field pipecat's models would refuse."""


def _field(data: dict[str, Any], name: str, kind: type, *, optional: bool = False) -> Any:
    value = data.get(name)
    if value is None and optional:
        return None
    # A model field of type int takes no bool and no null.
    if not isinstance(value, kind) or isinstance(value, bool):
        raise ModelError(f"{name}: expected {kind.__name__}, got {value!r}")
    return value


@attrs.frozen
class PipecatStart:
    """pipecat's model of a start's `data`."""

    session_id: str
    livekit_url: str
    livekit_client_token: str
    max_session_duration: int
    ws_url: str | None

    @classmethod
    def parse(cls, data: dict[str, Any]) -> PipecatStart:
        return cls(
            session_id=_field(data, "session_id", str),
            livekit_url=_field(data, "livekit_url", str),
            livekit_client_token=_field(data, "livekit_client_token", str),
            max_session_duration=_field(data, "max_session_duration", int),
            ws_url=_field(data, "ws_url", str, optional=True),
        )


class PipecatClient:
    """pipecat's LiveAvatar API client, as far as tokens and the session lifecycle go."""

    def __init__(self, base_url: str, api_key: str) -> None:
        self._http = httpx.Client(base_url=f"{base_url}/v1", timeout=10)
        self._key_headers = {"accept": "application/json", "content-type": "application/json", "X-API-KEY": api_key}

    @staticmethod
    def _envelope(response: httpx.Response) -> dict[str, Any]:
        response.raise_for_status()
        payload = response.json()
        for name in ("code", "data", "message"):
            if name not in payload:
                raise ModelError(f"the envelope has no {name}")
        data: dict[str, Any] = payload["data"]
        return data

    def create_token(self) -> tuple[str, str]:
        body = {
            "mode": "LITE",
            "avatar_id": AVATAR_ID,
            "is_sandbox": False,
            "video_settings": {"encoding": "VP8", "quality": "high"},
        }
        data = self._envelope(self._http.post("/sessions/token", headers=self._key_headers, json=body))
        return _field(data, "session_id", str), _field(data, "session_token", str)

    def start(self, session_token: str) -> PipecatStart:
        response = self._http.post("/sessions/start", headers={"Authorization": f"Bearer {session_token}"})
        return PipecatStart.parse(self._envelope(response))

    def stop(self, session_id: str, session_token: str) -> None:
        headers = {"Authorization": f"Bearer {session_token}", "content-type": "application/json"}
        self._envelope(self._http.post("/sessions/stop", headers=headers, json={"session_id": session_id}))

    def close(self) -> None:
        self._http.close()


def mint(mock: MockServer, body: dict[str, Any]) -> str:
    """A session token minted by the page's backend, with the API key."""
    response = httpx.post(f"{mock.url}/v1/sessions/token", headers={"X-API-KEY": API_KEY}, json=body)
    assert 200 == response.status_code, response.text
    token: str = response.json()["data"]["session_token"]
    return token


@pytest.fixture
def serving() -> Iterator[Any]:
    """Start mocks with a given config; stopped after the test."""
    mocks: list[MockServer] = []

    def make(config: MockConfig | None = None) -> MockServer:
        mocks.append(MockServer(config).start())
        return mocks[-1]

    yield make
    for mock in mocks:
        mock.stop()


@pytest.mark.parametrize("mode", ["FULL", "LITE"])
def test_the_web_sdk_runs_a_session_on_the_default_mock(serving: Any, mode: str) -> None:
    """The web SDK's start, keep-alive and stop all count as successes on a default mock, FULL and LITE."""
    mock = serving()
    body = {"mode": mode, "avatar_id": AVATAR_ID, "avatar_persona": {"language": "en"}}
    client = WebSdkSessionClient(mock.url, mint(mock, body))
    try:
        started = client.start()
        client.keep_alive()
        client.stop()
    finally:
        client.close()

    session = mock.session(started["session_id"])
    assert (1, "UNKNOWN") == (session.keep_alives, session.end_reason)
    assert isinstance(started["livekit_client_token"], str)
    assert ("ws_url" in started) == (mode == "LITE")


def test_the_web_sdk_refuses_the_published_code(serving: Any) -> None:
    """With `success_code=100` (the published default) the web SDK takes the 201 start for a failure."""
    mock = serving(MockConfig(success_code=100))
    client = WebSdkSessionClient(mock.url, mint(mock, {"mode": "LITE", "avatar_id": AVATAR_ID}))
    try:
        with pytest.raises(WebSdkError) as caught:
            client.start()
    finally:
        client.close()

    assert (100, 201) == (caught.value.code, caught.value.status)


def test_the_web_sdk_sees_a_refusal_as_an_error(serving: Any) -> None:
    """A second start is an HTTP 400 the web SDK raises with the mock's message and code."""
    mock = serving()
    client = WebSdkSessionClient(mock.url, mint(mock, {"mode": "LITE", "avatar_id": AVATAR_ID}))
    try:
        client.start()
        with pytest.raises(WebSdkError) as caught:
            client.start()
    finally:
        client.close()

    assert (400, 400) == (caught.value.code, caught.value.status)
    assert "already been started" in str(caught.value)


def test_pipecats_default_session_runs_on_the_default_mock(serving: Any) -> None:
    """pipecat mints a non-sandbox LITE session without a cap, starts it (an int cap, a ws_url) and stops it."""
    mock = serving()
    client = PipecatClient(mock.url, API_KEY)
    try:
        session_id, token = client.create_token()
        started = client.start(token)
        client.stop(session_id, token)
    finally:
        client.close()

    assert (session_id, 3600) == (started.session_id, started.max_session_duration)
    assert started.ws_url is not None
    assert started.ws_url.startswith(mock.url.replace("http://", "ws://"))
    assert "UNKNOWN" == mock.session(session_id).end_reason


def test_pipecat_refuses_a_start_without_an_integer_cap(serving: Any) -> None:
    """With no plan limit (`max_session_duration=None`) the start answers null, which pipecat's model refuses."""
    mock = serving(MockConfig(max_session_duration=None))
    client = PipecatClient(mock.url, API_KEY)
    try:
        _, token = client.create_token()
        with pytest.raises(ModelError, match="max_session_duration: expected int, got None"):
            client.start(token)
    finally:
        client.close()
