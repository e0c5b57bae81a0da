"""One owner for managed sessions: a heartbeat that never abandons a live one, a close that is bounded, calls after close typed."""

from __future__ import annotations

import asyncio
import itertools
import json
import threading
import time
import uuid
from collections.abc import Awaitable, Callable
from typing import Any

import httpx
import pytest

import liveavatar
from liveavatar import AsyncLiveAvatar, LiveAvatar
from liveavatar._live import Heartbeat
from tests.unit.support import API_KEY, AVATAR_ID, ClientFactory

EVERY = 120.0


class Fake:
    """Many sessions of the API's lifecycle, each its own id, with a clock the test moves and switches it can flip."""

    def __init__(self) -> None:
        self.now = 0.0
        self.minted: list[str] = []
        self.active: set[str] = set()
        self.keep_alives: dict[str, list[float]] = {}
        self.stops: list[tuple[str, str]] = []
        self.keep_alive_404 = False
        """Keep-alive answers 404 for every session, active or not (a flaky API)."""
        self.get_body: bytes | None = None
        """When set, get answers 200 with this body instead of the session."""
        self.hung_keep_alive: set[str] = set()
        self.release = threading.Event()
        self.hang_stops = False

    def __call__(self, request: httpx.Request) -> httpx.Response:
        path = request.url.path
        if path == "/v1/sessions/token":
            session_id = str(uuid.uuid4())
            self.minted.append(session_id)
            return _ok({"session_id": session_id, "session_token": "tok-" + session_id})
        if path == "/v1/sessions/start":
            found = request.headers["authorization"].removeprefix("Bearer tok-")
            self.active.add(found)
            return _ok({"session_id": found, "livekit_url": "wss://lk", "livekit_client_token": "t" * 20}, 201)
        if path == "/v1/sessions/keep-alive":
            session_id = json.loads(request.content)["session_id"]
            if session_id in self.hung_keep_alive:
                self.release.wait(30)
                raise httpx.ReadTimeout("hung", request=request)
            if self.keep_alive_404 or session_id not in self.active:
                return httpx.Response(404, json={"message": "Session not found"})
            self.keep_alives.setdefault(session_id, []).append(self.now)
            return _ok(None)
        if path == "/v1/sessions/stop":
            body = json.loads(request.content)
            if self.hang_stops:
                self.release.wait(30)
                raise httpx.ReadTimeout("hung", request=request)
            self.stops.append((body["session_id"], body["reason"]))
            self.active.discard(body["session_id"])
            return _ok(None)
        session_id = path.rsplit("/", 1)[-1]
        if self.get_body is not None:
            return httpx.Response(200, content=self.get_body)
        ended = {} if session_id in self.active else {"end_at": "2026-11-30T10:05:00Z", "end_reason": "IDLE_TIMEOUT"}
        return _ok({"id": session_id, "mode": "LITE", **ended})


def _ok(data: Any, status: int = 200) -> httpx.Response:
    return httpx.Response(status, json={"code": 100, "data": data, "message": "ok"})


def sync_client(fake: Fake, **options: Any) -> LiveAvatar:
    return LiveAvatar(
        api_key=API_KEY, http_client=httpx.Client(transport=httpx.MockTransport(fake)), max_retries=0, **options
    )


def async_client(fake: Fake | Callable[[httpx.Request], Any]) -> AsyncLiveAvatar:
    return AsyncLiveAvatar(
        api_key=API_KEY, http_client=httpx.AsyncClient(transport=httpx.MockTransport(fake)), max_retries=0
    )


def driven(client: LiveAvatar, fake: Fake, *, inline: bool = True) -> Heartbeat:
    """Give the client's registry a heartbeat on the fake's clock that the test drives (no scheduler thread)."""
    heartbeat = Heartbeat(clock=lambda: fake.now, dispatch=(lambda job: job()) if inline else None, scheduler=False)
    client._registry.heartbeat = heartbeat
    return heartbeat


def run_for(fake: Fake, heartbeat: Heartbeat, seconds: float, step: float = 10.0) -> None:
    """Move the fake's clock `seconds` forward in steps, sending what is due at each."""
    moved = 0.0
    while moved < seconds:
        fake.now += step
        moved += step
        heartbeat.beat_due()


def test_a_keep_alive_404_for_a_session_get_shows_active_keeps_beating_and_close_stops_it() -> None:
    """Sync: keep-alive 404 while get shows the session active: it stays held, beats on, and close() stops it."""
    fake = Fake()
    client = sync_client(fake)
    heartbeat = driven(client, fake)
    live = client.sessions.start_lite(avatar_id=AVATAR_ID, keep_alive_every=EVERY)

    fake.keep_alive_404 = True
    run_for(fake, heartbeat, 3 * EVERY)
    fake.keep_alive_404 = False
    run_for(fake, heartbeat, 2 * EVERY)
    beats = len(fake.keep_alives.get(live.session_id, []))
    client.close()

    assert live.ended_reason is None
    assert beats >= 1
    assert [(live.session_id, "USER_CLOSED")] == fake.stops


def test_async_a_keep_alive_404_for_a_live_session_keeps_beating_and_aclose_stops_it() -> None:
    """Async: keep-alive 404 while get shows the session active: the task goes on beating and aclose() stops it."""
    fake = Fake()
    fake.keep_alive_404 = True

    async def scenario() -> tuple[bool, str | None, int]:
        client = async_client(fake)
        live = await client.sessions.start_lite(avatar_id=AVATAR_ID, keep_alive_every=None)
        live.keep_alive_every = EVERY
        sleeps = 0

        async def driven_sleep(seconds: float) -> None:
            nonlocal sleeps
            sleeps += 1
            fake.now += seconds
            if sleeps == 3:
                fake.keep_alive_404 = False
            if sleeps > 5:
                await asyncio.sleep(3600)
            await asyncio.sleep(0)

        live._start_heartbeat(driven_sleep)
        for _ in range(100):
            await asyncio.sleep(0)
        task = live._heartbeat
        assert task is not None
        alive = not task.done()
        await client.aclose()
        return alive, live.ended_reason, len(fake.keep_alives.get(live.session_id, []))

    alive, reason, beats = asyncio.run(scenario())
    assert (True, None) == (alive, reason)
    assert beats >= 1
    assert "USER_CLOSED" == fake.stops[0][1]


@pytest.mark.parametrize("body", [b"<html>ok</html>", b"", b'{"code": 100, "data": {"id": 5}}'])
def test_async_a_get_answer_that_is_not_a_session_does_not_end_the_heartbeat(body: bytes) -> None:
    """Async: after a keep-alive 404, a 2xx get that is not JSON (or not a session) is logged; the task beats on."""
    fake = Fake()
    fake.keep_alive_404 = True
    fake.get_body = body

    async def scenario() -> tuple[bool, int]:
        client = async_client(fake)
        live = await client.sessions.start_lite(avatar_id=AVATAR_ID, keep_alive_every=None)
        live.keep_alive_every = EVERY
        sleeps = 0

        async def driven_sleep(seconds: float) -> None:
            nonlocal sleeps
            sleeps += 1
            if sleeps == 3:
                fake.keep_alive_404, fake.get_body = False, None
            if sleeps > 4:
                await asyncio.sleep(3600)
            await asyncio.sleep(0)

        live._start_heartbeat(driven_sleep)
        for _ in range(100):
            await asyncio.sleep(0)
        task = live._heartbeat
        assert task is not None
        alive = not task.done() and not live.ended
        await client.aclose()
        return alive, len(fake.keep_alives.get(live.session_id, []))

    alive, beats = asyncio.run(scenario())
    assert alive
    assert beats >= 1


def test_sync_a_get_answer_that_is_not_json_is_logged_and_the_session_kept(caplog: pytest.LogCaptureFixture) -> None:
    """Sync: after a keep-alive 404, a get that is not JSON is logged; the session stays held and is stopped at close."""
    fake = Fake()
    client = sync_client(fake)
    heartbeat = driven(client, fake)
    live = client.sessions.start_lite(avatar_id=AVATAR_ID, keep_alive_every=EVERY)
    fake.keep_alive_404, fake.get_body = True, b"not json"

    run_for(fake, heartbeat, 2 * EVERY)
    client.close()

    assert live.ended_reason is None
    assert "not JSON" in caplog.text
    assert [(live.session_id, "USER_CLOSED")] == fake.stops


def test_only_a_session_get_shows_ended_is_marked_ended() -> None:
    """A keep-alive 404 for a session get shows ended marks it ended with get's reason, and close sends no stop."""
    fake = Fake()
    client = sync_client(fake)
    heartbeat = driven(client, fake)
    live = client.sessions.start_lite(avatar_id=AVATAR_ID, keep_alive_every=EVERY)
    fake.active.clear()

    run_for(fake, heartbeat, 2 * EVERY)
    client.close()

    assert ("IDLE_TIMEOUT", []) == (live.ended_reason, fake.stops)


def test_a_hung_keep_alive_delays_no_other_session() -> None:
    """Sync: one keep-alive that hangs holds one worker; 50 other sessions are each sent theirs within the interval."""
    fake = Fake()
    client = sync_client(fake)
    heartbeat = driven(client, fake, inline=False)
    hung = client.sessions.start_lite(avatar_id=AVATAR_ID, keep_alive_every=EVERY)
    fake.hung_keep_alive.add(hung.session_id)
    others = [client.sessions.start_lite(avatar_id=AVATAR_ID, keep_alive_every=EVERY) for _ in range(50)]
    try:
        for _ in range(int(3 * EVERY / 10)):
            fake.now += 10
            heartbeat.beat_due()
            _drained(heartbeat, leaving={id(hung)})
    finally:
        fake.release.set()

    for live in others:
        times = [0.0, *fake.keep_alives[live.session_id]]
        assert max(later - earlier for earlier, later in itertools.pairwise(times)) <= EVERY + 10
        assert 3 * EVERY - times[-1] <= EVERY + 10
    heartbeat.close()
    client.close()


def _drained(heartbeat: Heartbeat, *, leaving: set[int]) -> None:
    """Wait (on the real clock, briefly) until the keep-alives in flight are only those expected to hang."""
    limit = time.monotonic() + 10
    while set(heartbeat._in_flight) - leaving and time.monotonic() < limit:
        time.sleep(0.001)
    assert not set(heartbeat._in_flight) - leaving


def test_async_a_hung_keep_alive_delays_no_other_session() -> None:
    """Async: one keep-alive that hangs is cut at its timeout; 50 other sessions' keep-alives go on meanwhile."""
    fake = Fake()
    hung_ids: set[str] = set()
    every = 0.25

    async def handler(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/v1/sessions/keep-alive" and json.loads(request.content)["session_id"] in hung_ids:
            await asyncio.sleep(3600)
        return fake(request)

    async def scenario() -> dict[str, list[float]]:
        client = async_client(handler)
        hung = await client.sessions.start_lite(avatar_id=AVATAR_ID, keep_alive_every=every)
        hung_ids.add(hung.session_id)
        others = [await client.sessions.start_lite(avatar_id=AVATAR_ID, keep_alive_every=every) for _ in range(50)]
        await asyncio.sleep(6 * every)
        task = hung._heartbeat
        assert task is not None
        assert not task.done()
        await client.aclose()
        return {live.session_id: fake.keep_alives.get(live.session_id, []) for live in others}

    beats = asyncio.run(scenario())
    assert all(len(times) >= 3 for times in beats.values()), beats


@pytest.mark.parametrize("count", [1, 100])
def test_close_against_a_hung_api_returns_within_twice_one_stops_timeout(count: int) -> None:
    """Sync: close() with sessions held and every stop hanging returns within twice the stop timeout, whatever their number."""
    fake = Fake()
    client = sync_client(fake)
    held = [client.sessions.start_lite(avatar_id=AVATAR_ID, keep_alive_every=None) for _ in range(count)]
    # A second: long enough for a loaded machine to start a hundred stop threads before the deadline.
    client._registry.stop_timeout = 1.0
    fake.hang_stops = True
    try:
        started = time.monotonic()
        client.close()
        took = time.monotonic() - started
    finally:
        fake.release.set()

    assert took < 2 * 1.0 + 1.0
    assert all(live.stopped for live in held)


def test_close_stops_sessions_in_parallel() -> None:
    """Sync: close() sends the stops of many held sessions at once, not one after another."""
    fake = Fake()
    client = sync_client(fake)
    for _ in range(20):
        client.sessions.start_lite(avatar_id=AVATAR_ID, keep_alive_every=None)
    in_flight = 0
    most = 0
    lock = threading.Lock()
    inner = fake.__call__

    def slow(request: httpx.Request) -> httpx.Response:
        nonlocal in_flight, most
        if request.url.path != "/v1/sessions/stop":
            return inner(request)
        with lock:
            in_flight += 1
            most = max(most, in_flight)
        time.sleep(0.05)
        with lock:
            in_flight -= 1
        return inner(request)

    client._http._transport = httpx.MockTransport(slow)
    client.close()

    assert 20 == len(fake.stops)
    assert most > 1


def test_async_close_against_a_hung_api_returns_within_twice_one_stops_timeout() -> None:
    """Async: aclose() with 100 sessions held and every stop hanging returns within twice the stop timeout."""
    fake = Fake()
    hang = asyncio.Event()

    async def handler(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/v1/sessions/stop":
            await hang.wait()
        return fake(request)

    async def scenario() -> float:
        client = async_client(handler)
        for _ in range(100):
            await client.sessions.start_lite(avatar_id=AVATAR_ID, keep_alive_every=None)
        client._registry.stop_timeout = 0.2
        started = time.monotonic()
        await client.aclose()
        return time.monotonic() - started

    assert asyncio.run(scenario()) < 2 * 0.2 + 1.0


def test_parent_close_stops_a_derived_clients_session() -> None:
    """Sync: a session started through with_options() is stopped by the root's close(); the derived close() is harmless."""
    fake = Fake()
    parent = sync_client(fake)
    derived = parent.with_options(timeout=5.0)
    live = derived.sessions.start_lite(avatar_id=AVATAR_ID, keep_alive_every=None)

    derived.close()
    still_running = not live.stopped
    parent.close()

    assert still_running
    assert [(live.session_id, "USER_CLOSED")] == fake.stops


def test_async_parent_aclose_stops_a_derived_clients_session() -> None:
    """Async: a session started through with_options() is stopped by the root's aclose(); the derived aclose() is harmless."""
    fake = Fake()

    async def scenario() -> str:
        parent = async_client(fake)
        derived = parent.with_options(max_retries=1)
        live = await derived.sessions.start_lite(avatar_id=AVATAR_ID, keep_alive_every=None)
        await derived.aclose()
        assert not live.stopped
        await parent.aclose()
        return live.session_id

    session_id = asyncio.run(scenario())
    assert [(session_id, "USER_CLOSED")] == fake.stops


def _calls_after_close(client: LiveAvatar) -> list[Callable[[], object]]:
    return [
        lambda: client.sessions.get(str(uuid.uuid4())),
        lambda: client.sessions.start_lite(avatar_id=AVATAR_ID),
        lambda: list(client.sessions.list()),
        lambda: client.sessions.stop_all(),
        lambda: client.users.credits(),
    ]


def test_calls_on_a_closed_client_raise_client_closed_error() -> None:
    """Sync: every call on a closed client, or on one derived from it, raises ClientClosedError (a LiveAvatarError)."""
    fake = Fake()
    client = sync_client(fake)
    derived = client.with_options(max_retries=1)
    client.close()

    for each in (client, derived):
        for call in _calls_after_close(each):
            with pytest.raises(liveavatar.ClientClosedError, match="closed"):
                call()
    assert issubclass(liveavatar.ClientClosedError, liveavatar.LiveAvatarError)


def test_async_calls_on_a_closed_client_raise_client_closed_error() -> None:
    """Async: calls on a closed client, or on one derived from it, raise ClientClosedError."""
    fake = Fake()

    async def scenario() -> None:
        client = async_client(fake)
        derived = client.with_options(max_retries=1)
        await client.aclose()
        calls: list[Callable[[], Awaitable[object]]] = [
            lambda: client.sessions.get(str(uuid.uuid4())),
            lambda: derived.sessions.keep_alive(str(uuid.uuid4())),
            lambda: client.sessions.start_lite(avatar_id=AVATAR_ID),
            lambda: derived.users.credits(),
        ]
        for call in calls:
            with pytest.raises(liveavatar.ClientClosedError):
                await call()

    asyncio.run(scenario())


def test_closing_twice_is_harmless() -> None:
    """close() and aclose() a second time do nothing."""
    fake = Fake()
    client = sync_client(fake)
    client.close()
    client.close()

    async def scenario() -> None:
        async_one = async_client(fake)
        await async_one.aclose()
        await async_one.aclose()

    asyncio.run(scenario())


def test_async_with_start_lite_stops_the_session_on_exit() -> None:
    """`async with client.sessions.start_lite(...) as live` works like connect: the session is stopped on exit."""
    fake = Fake()

    async def scenario() -> tuple[str, bool]:
        client = async_client(fake)
        async with client.sessions.start_lite(avatar_id=AVATAR_ID, keep_alive_every=None) as live:
            inside = not live.stopped
        await client.aclose()
        return live.session_id, inside

    session_id, inside = asyncio.run(scenario())
    assert inside
    assert [(session_id, "USER_CLOSED")] == fake.stops


def test_async_with_start_full_that_raises_stops_with_server_error() -> None:
    """`async with client.sessions.start_full(...)`: an exception in the block stops the session with SERVER_ERROR."""
    fake = Fake()

    async def scenario() -> None:
        client = async_client(fake)
        with pytest.raises(KeyError):
            async with client.sessions.start_full(
                avatar_id=AVATAR_ID, voice_agent=liveavatar.VoiceAgent(id=uuid.uuid4()), keep_alive_every=None
            ):
                raise KeyError("boom")
        await client.aclose()

    asyncio.run(scenario())
    assert ["SERVER_ERROR"] == [reason for _, reason in fake.stops]
    assert "AsyncLiveStart" in repr(async_client(fake).sessions.start_lite(avatar_id=AVATAR_ID))


def test_a_call_through_a_closed_http_client_raises_client_closed_error() -> None:
    """A caller's http_client closed by its owner makes calls raise ClientClosedError, not httpx's RuntimeError."""
    fake = Fake()
    pool = httpx.Client(transport=httpx.MockTransport(fake))
    client = LiveAvatar(api_key=API_KEY, http_client=pool)
    pool.close()

    with pytest.raises(liveavatar.ClientClosedError, match="http_client"):
        client.sessions.get(str(uuid.uuid4()))

    async def scenario() -> None:
        async_pool = httpx.AsyncClient(transport=httpx.MockTransport(fake))
        async_one = AsyncLiveAvatar(api_key=API_KEY, http_client=async_pool)
        await async_pool.aclose()
        with pytest.raises(liveavatar.ClientClosedError, match="http_client"):
            await async_one.sessions.get(str(uuid.uuid4()))

    asyncio.run(scenario())


@pytest.mark.parametrize(("every", "timeout"), [(20.0, 8.0), (600.0, 30.0)])
def test_each_heartbeat_call_has_a_timeout_below_the_interval_and_no_retry(every: float, timeout: float) -> None:
    """A heartbeat keep-alive (and the get after its 404) is sent with 0.4 of the interval, at most 30 s, as its timeout."""
    fake = Fake()
    seen: list[tuple[str, float]] = []

    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.path != "/v1/sessions/token" and request.url.path != "/v1/sessions/start":
            seen.append((request.url.path.rsplit("/", 1)[-1], request.extensions["timeout"]["read"]))
        return fake(request)

    client = LiveAvatar(api_key=API_KEY, http_client=httpx.Client(transport=httpx.MockTransport(handler)))
    heartbeat = driven(client, fake)
    client.sessions.start_lite(avatar_id=AVATAR_ID, keep_alive_every=every)
    fake.keep_alive_404, fake.get_body = True, b"<html>busy</html>"

    run_for(fake, heartbeat, every, step=every / 4)
    heartbeat.close()

    assert [("keep-alive", timeout), (seen[1][0], timeout)] == seen[:2]
    assert 2 == len(seen), "no retry of either call"


def test_a_session_whose_start_races_close_is_stopped_and_the_start_refused() -> None:
    """Sync: a client closed while a managed start is in flight stops the new session and raises ClientClosedError."""
    fake = Fake()
    client = sync_client(fake)

    def closing(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/v1/sessions/start":
            client.close()
        return fake(request)

    client._http._transport = httpx.MockTransport(closing)

    with pytest.raises(liveavatar.ClientClosedError, match="stopped"):
        client.sessions.start_lite(avatar_id=AVATAR_ID)

    assert [(fake.minted[0], "USER_CLOSED")] == fake.stops


def test_async_a_session_whose_start_races_aclose_is_stopped_and_the_start_refused() -> None:
    """Async: a client closed while a managed start is in flight stops the new session and raises ClientClosedError."""
    fake = Fake()
    closes: list[Awaitable[None]] = []

    async def scenario() -> None:
        client: AsyncLiveAvatar

        async def closing(request: httpx.Request) -> httpx.Response:
            if request.url.path == "/v1/sessions/start":
                closes.append(asyncio.ensure_future(client.aclose()))
                await asyncio.sleep(0)  # the close begins while the start's answer is on its way
            return fake(request)

        client = async_client(closing)
        with pytest.raises(liveavatar.ClientClosedError, match="stopped"):
            await client.sessions.start_lite(avatar_id=AVATAR_ID)
        await asyncio.gather(*closes)

    asyncio.run(scenario())
    assert [(fake.minted[0], "USER_CLOSED")] == fake.stops


@pytest.mark.parametrize("failure", ["refused", "timeout", "not found"])
def test_a_base_url_password_never_shows_in_an_error(client_factory: ClientFactory, failure: str) -> None:
    """Errors name the URL tried without the user and password a base URL carries."""

    def handler(request: httpx.Request) -> httpx.Response:
        if failure == "refused":
            raise httpx.ConnectError("[Errno 111] Connection refused", request=request)
        if failure == "timeout":
            raise httpx.ReadTimeout("slow", request=request)
        return httpx.Response(404, json={"message": "no route"})

    client = client_factory(handler, base_url="https://ada-the-user:hunter2pw@api.example.com", max_retries=0)

    with pytest.raises(liveavatar.APIError) as caught:
        client.call("sessions", "get", str(uuid.uuid4()))

    shown = f"{caught.value} {caught.value!r} {caught.value.args}"
    assert "hunter2pw" not in shown
    # A name no session id can spell by chance (a random UUID's hex once held "ada").
    assert "ada-the-user" not in shown
