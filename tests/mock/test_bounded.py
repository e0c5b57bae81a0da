"""A mock left running stays small: LITE channels go with their sessions, audio per channel is capped, odd numbers are answered."""

from __future__ import annotations

import base64
import gc
import json
import time
import tracemalloc
from collections.abc import Callable, Iterator
from typing import Any

import httpx
import pytest
from websockets.exceptions import ConnectionClosed
from websockets.sync.client import ClientConnection, connect

from liveavatar.mock import DEFAULT_LITE_AUDIO_LIMIT, LiveAvatarMock, MockConfig, MockServer
from liveavatar.mock._lite import DEFAULT_AUDIO_LIMIT, LiteChannelOptions, LiteChannels, ManualClock, ws_url_for
from tests.lite.support import UvicornServer
from tests.mock.support import (
    API_KEY,
    KEEP_ALIVE_PATH,
    SESSIONS_PATH,
    STOP_PATH,
    TOKEN_PATH,
    bearer,
    call_app,
    full_body,
    lite_body,
    mint_in_process,
    started,
)

WAIT = 5.0
"""Seconds to wait for what should happen at once; only a failing test waits this long."""
SESSION_ID = "5e55101d-0000-4000-8000-0000000000f0"
SECOND_OF_AUDIO = bytes(range(256)) * 187 + bytes(128)
"""48,000 bytes: one second of 24 kHz 16-bit PCM."""


def eventually(check: Callable[[], Any]) -> Any:
    """Poll `check` until it returns something truthy; fail after `WAIT`."""
    deadline = time.monotonic() + WAIT
    while not (value := check()):
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.002)
    return value


def speak(ws_url: str, pcm: bytes) -> None:
    """Open the LITE socket, wait for `connected`, send `pcm` in one `agent.speak` and close."""
    websocket: ClientConnection
    with connect(ws_url, open_timeout=WAIT, close_timeout=WAIT) as websocket:
        assert "connected" == json.loads(websocket.recv(timeout=WAIT))["state"]
        websocket.send(json.dumps({"type": "agent.speak", "audio": base64.b64encode(pcm).decode()}))
        websocket.send(json.dumps({"type": "agent.speak_end"}))


@pytest.fixture
def small() -> Iterator[tuple[MockServer, httpx.Client]]:
    """A served mock that remembers 10 sessions (and 30 requests) and keeps 2 s of audio per channel."""
    config = MockConfig(session_limit=10, record_limit=30, lite_audio_limit=2 * len(SECOND_OF_AUDIO))
    with MockServer(config) as mock, httpx.Client(base_url=mock.url, headers={"X-API-KEY": API_KEY}) as api:
        yield mock, api


def run_session(mock: MockServer, api: httpx.Client) -> str:
    """One LITE session through its life: start, a second of audio on its socket, stop."""
    session_id, data = started(api, lite_body())
    speak(data["ws_url"], SECOND_OF_AUDIO)
    eventually(lambda: len(mock.lite_audio(session_id)) == len(SECOND_OF_AUDIO))
    assert 200 == api.post(STOP_PATH, json={"session_id": session_id}).status_code
    return session_id


MOCK_CODE = tracemalloc.Filter(True, "*/liveavatar/mock/*")
"""Allocations made by the mock's own code (the test's, httpx's, coverage's and the caches' are not its)."""


def mock_memory() -> int:
    """The bytes still held that the mock's own code allocated (tracemalloc must be tracing)."""
    gc.collect()
    snapshot = tracemalloc.take_snapshot().filter_traces([MOCK_CODE])
    return sum(stat.size for stat in snapshot.statistics("filename"))


def retained(mock: MockServer, session_ids: list[str]) -> tuple[int, int]:
    """How many of these sessions' channels the mock still holds, and their audio bytes (public controls only)."""
    channels = audio = 0
    for session_id in session_ids:
        try:
            audio += len(mock.lite_audio(session_id))
        except KeyError:
            continue
        channels += 1
    return channels, audio


@pytest.mark.slow  # a soak: `make test` runs it, `make unit` does not
def test_two_hundred_sessions_through_a_small_limit_keep_memory_flat(small: tuple[MockServer, httpx.Client]) -> None:
    """200 LITE sessions, 10 remembered: the channels held stay at 10 and the mock's memory does not grow with the count."""
    mock, api = small
    tracemalloc.start()
    try:
        ids = [run_session(mock, api) for _ in range(20)]  # warm-up: the windows are full from here on
        before = mock_memory()
        ids += [run_session(mock, api) for _ in range(180)]
        after = mock_memory()
    finally:
        tracemalloc.stop()
    print(f"memory allocated by the mock's code: {before} bytes after 20 sessions, {after - before:+} after 180 more")

    channels, audio = retained(mock, ids)
    assert (10, 10 * len(SECOND_OF_AUDIO)) == (channels, audio)
    assert 10 == len(mock.sessions())
    # Had each session's channel been kept, 180 more seconds of audio (8.6 MB) would be held.
    assert after - before < 2 * len(SECOND_OF_AUDIO), f"the mock's memory grew by {after - before} bytes"


def test_a_forgotten_session_takes_its_channel_with_it(small: tuple[MockServer, httpx.Client]) -> None:
    """Once a session leaves the `session_limit` window, `lite_audio` and `lite_frames` no longer know it."""
    mock, api = small
    first = run_session(mock, api)
    assert SECOND_OF_AUDIO == mock.lite_audio(first)

    for _ in range(10):
        run_session(mock, api)

    with pytest.raises(KeyError):
        mock.lite_audio(first)
    with pytest.raises(KeyError):
        mock.lite_frames(first)


def test_audio_kept_per_channel_is_bounded(small: tuple[MockServer, httpx.Client]) -> None:
    """Three seconds sent to a channel that keeps two: the first two are kept, the rest is not."""
    mock, api = small
    session_id, data = started(api, lite_body())
    speak(data["ws_url"], SECOND_OF_AUDIO * 3)

    eventually(lambda: mock.lite_frames(session_id)[-1].type == "agent.speak_end")
    assert SECOND_OF_AUDIO * 2 == mock.lite_audio(session_id)


def test_the_audio_bound_default_is_ten_minutes_and_the_channels() -> None:
    """`DEFAULT_LITE_AUDIO_LIMIT` is ten minutes of 24 kHz PCM, the channel's own default."""
    assert 48_000 * 600 == DEFAULT_LITE_AUDIO_LIMIT == DEFAULT_AUDIO_LIMIT == MockConfig().lite_audio_limit


def test_socket_keep_alives_are_counted_with_http_ones(small: tuple[MockServer, httpx.Client]) -> None:
    """Two `session.keep_alive` frames and one HTTP keep-alive make `keep_alives` 3; audio is not counted."""
    mock, api = small
    session_id, data = started(api, lite_body())
    with connect(data["ws_url"], open_timeout=WAIT, close_timeout=WAIT) as websocket:
        assert "connected" == json.loads(websocket.recv(timeout=WAIT))["state"]
        websocket.send(json.dumps({"type": "session.keep_alive"}))
        websocket.send(json.dumps({"type": "agent.speak", "audio": base64.b64encode(bytes(4)).decode()}))
        websocket.send(json.dumps({"type": "session.keep_alive", "event_id": "k-2"}))
        eventually(lambda: len(mock.lite_frames(session_id)) == 3)
    assert 200 == api.post(KEEP_ALIVE_PATH, json={"session_id": session_id}).status_code

    assert 3 == mock.session(session_id).keep_alives


def test_ended_sessions_queued_deadlines_are_dropped() -> None:
    """Sessions stopped long before their hour is up leave no queue behind: the mock's ends stay few."""
    mock = LiveAvatarMock(MockConfig(session_limit=5))
    for _ in range(300):
        token = mint_in_process(mock.app, full_body(avatar_id="3c90c3cc-0d44-4b50-8888-8dd25736052a"))
        token_text = token.json()["data"]["session_token"]
        assert 201 == call_app(mock.app, "POST", "/v1/sessions/start", headers=bearer(token_text)).status_code
        stopped = call_app(mock.app, "POST", STOP_PATH, headers=bearer(token_text))
        assert 200 == stopped.status_code

    # Three entries per remembered session at most, plus a fixed slack; without the compaction, 900.
    assert len(mock._lifecycle._heap) <= 3 * 5 + 64


# -- numbers too big to parse ----------------------------------------------------------

HUGE = "7" * 4301
"""One digit more than Python (and pydantic) parse into an int."""


@pytest.mark.parametrize("name", ["page", "page_size"])
def test_a_huge_integer_in_the_query_is_fastapis_422(name: str) -> None:
    """`page=<4301 digits>` is pydantic's `int_parsing_size` 422, not a 500."""
    response = call_app(
        LiveAvatarMock().app, "GET", f"{SESSIONS_PATH}?type=active&{name}={HUGE}", headers={"X-API-KEY": API_KEY}
    )

    assert 422 == response.status_code
    [detail] = response.json()["detail"]
    assert {
        "type": "int_parsing_size",
        "loc": ["query", name],
        "msg": "Unable to parse input string as an integer, exceeded maximum size",
        "input": HUGE,
    } == detail


def test_leading_zeros_do_not_count_towards_the_size() -> None:
    """`page=000…01` (5,000 zeros) is page 1, as pydantic reads it."""
    response = call_app(
        LiveAvatarMock().app, "GET", f"{SESSIONS_PATH}?type=active&page={'0' * 5000}1", headers={"X-API-KEY": API_KEY}
    )

    assert (200, None) == (response.status_code, response.json()["data"]["previous"])


def test_transcript_timestamps_too_big_are_422_too(liveavatar_mock: MockServer, api: httpx.Client) -> None:
    """`start_timestamp=<4301 digits>` on a transcript is the same 422."""
    session_id, _ = started(api, full_body())

    response = api.get(f"{SESSIONS_PATH}/{session_id}/transcript", params={"start_timestamp": "-" + HUGE})

    assert (422, "int_parsing_size") == (response.status_code, response.json()["detail"][0]["type"])


@pytest.mark.parametrize("path", [TOKEN_PATH, STOP_PATH, KEEP_ALIVE_PATH])
def test_a_huge_integer_in_a_body_is_fastapis_400(path: str) -> None:
    """A JSON body with a 4301-digit integer gets FastAPI's 400 "There was an error parsing the body", not a 500."""
    content = f'{{"max_session_duration": {HUGE}, "session_id": "x"}}'.encode()

    response = call_app(
        LiveAvatarMock().app,
        "POST",
        path,
        content=content,
        headers={"X-API-KEY": API_KEY, "content-type": "application/json"},
    )

    assert (400, {"detail": "There was an error parsing the body"}) == (response.status_code, response.json())


def test_a_huge_declared_length_is_413_unread() -> None:
    """A `Content-Length` of 5,000 digits is over the limit (413), not an int() failure."""
    mock = LiveAvatarMock()

    response = call_app(mock.app, "POST", TOKEN_PATH, content=b"{}", headers={"content-length": "9" * 5000})

    assert 413 == response.status_code


def test_a_session_capped_beyond_any_clock_still_starts() -> None:
    """`max_session_duration` of 400 digits (the schema sets no maximum) starts, answers it back, and idles out."""
    mock = LiveAvatarMock()
    cap = 10**400
    body = full_body(avatar_id="3c90c3cc-0d44-4b50-8888-8dd25736052a", max_session_duration=cap)
    token = mint_in_process(mock.app, body).json()["data"]["session_token"]

    response = call_app(mock.app, "POST", "/v1/sessions/start", headers=bearer(token))
    mock.advance(10**6)

    assert (201, cap) == (response.status_code, response.json()["data"]["max_session_duration"])
    assert "IDLE_TIMEOUT" == mock.sessions()[0].end_reason


def test_forgetting_a_channel_with_a_socket_open_closes_it() -> None:
    """A channel forgotten while its socket is open announces `closed`, closes 1000 "forgotten" and keeps nothing."""
    channels = LiteChannels(LiteChannelOptions(), clock=ManualClock())
    server = UvicornServer(channels)
    try:
        url = ws_url_for(server.base_url, channels.open(SESSION_ID))
        with connect(url, open_timeout=WAIT, close_timeout=WAIT) as websocket:
            assert "connected" == json.loads(websocket.recv(timeout=WAIT))["state"]
            channels.forget(SESSION_ID)
            channels.forget(SESSION_ID)  # a second time: nothing left to forget
            assert "closed" == json.loads(websocket.recv(timeout=WAIT))["state"]
            with pytest.raises(ConnectionClosed) as caught:
                websocket.recv(timeout=WAIT)
    finally:
        server.stop()

    assert caught.value.rcvd is not None
    assert (1000, "forgotten") == (caught.value.rcvd.code, caught.value.rcvd.reason)
    with pytest.raises(KeyError):
        channels.audio(SESSION_ID)
