"""Managed sessions over a stateful MockTransport fake: always stopped, kept alive by one heartbeat, nothing left behind."""

from __future__ import annotations

import asyncio
import json
import logging
from typing import Any

import httpx
import pytest

import liveavatar
from liveavatar import AsyncLiveAvatar, LiveAvatar
from liveavatar._live import Heartbeat
from tests.unit.support import API_KEY, AVATAR_ID, SESSION_ID, SESSION_TOKEN


class FakeLifecycle:
    """Just enough of the API's session lifecycle, with a clock the test moves."""

    def __init__(self, *, start_status: int = 201, stop_status: int = 200, keep_alive_status: int = 200) -> None:
        self.now = 0.0
        self.start_status = start_status
        self.stop_status = stop_status
        self.keep_alive_status = keep_alive_status
        self.active = False
        self.last_seen = 0.0
        self.stops: list[str] = []
        self.keep_alives = 0

    def advance(self, seconds: float) -> None:
        self.now += seconds
        if self.active and self.now - self.last_seen >= 300:
            self.active = False

    def __call__(self, request: httpx.Request) -> httpx.Response:
        path = request.url.path
        if path == "/v1/sessions/token":
            return self._ok({"session_id": SESSION_ID, "session_token": SESSION_TOKEN})
        if path == "/v1/sessions/start":
            if self.start_status != 201:
                self.active = self.start_status >= 500  # a 5xx may leave it running
                return httpx.Response(self.start_status)
            self.active, self.last_seen = True, self.now
            return self._ok(
                {"session_id": SESSION_ID, "livekit_url": "wss://lk", "livekit_client_token": "t" * 20}, 201
            )
        if path == "/v1/sessions/stop":
            self.stops.append(json.loads(request.content)["reason"])
            if self.stop_status != 200:
                return httpx.Response(self.stop_status)
            if not self.active:
                return httpx.Response(404, json={"message": "Session not found"})
            self.active = False
            return self._ok(None)
        if path == "/v1/sessions/keep-alive":
            if self.keep_alive_status != 200:
                return httpx.Response(self.keep_alive_status)
            if not self.active:
                return httpx.Response(404, json={"message": "Session not found"})
            self.keep_alives += 1
            self.last_seen = self.now
            return self._ok(None)
        if path == f"/v1/sessions/{SESSION_ID}":
            ended = {} if self.active else {"end_at": "2026-11-30T10:05:00Z", "end_reason": "IDLE_TIMEOUT"}
            return self._ok({"id": SESSION_ID, "mode": "LITE", **ended})
        return httpx.Response(404)

    @staticmethod
    def _ok(data: Any, status: int = 200) -> httpx.Response:
        return httpx.Response(status, json={"code": 100, "data": data, "message": "ok"})


def sync_client(fake: FakeLifecycle) -> LiveAvatar:
    return LiveAvatar(api_key=API_KEY, http_client=httpx.Client(transport=httpx.MockTransport(fake)), max_retries=0)


def async_client(fake: FakeLifecycle) -> AsyncLiveAvatar:
    return AsyncLiveAvatar(
        api_key=API_KEY, http_client=httpx.AsyncClient(transport=httpx.MockTransport(fake)), max_retries=0
    )


def test_a_block_that_returns_stops_the_session_as_user_closed() -> None:
    """Leaving the with block normally stops the session with USER_CLOSED."""
    fake = FakeLifecycle()
    with sync_client(fake) as client, client.sessions.start_lite(avatar_id=AVATAR_ID, keep_alive_every=None) as live:
        assert (fake.active, live.session_id, live.stopped) == (True, SESSION_ID, False)

    assert (["USER_CLOSED"], False, True) == (fake.stops, fake.active, live.stopped)


def test_a_block_that_raises_stops_with_server_error_and_reraises() -> None:
    """An exception leaving the block stops the session with SERVER_ERROR and is raised unchanged."""
    fake = FakeLifecycle()
    client = sync_client(fake)

    with pytest.raises(KeyError, match="boom"), client.sessions.start_lite(avatar_id=AVATAR_ID, keep_alive_every=None):
        raise KeyError("boom")

    assert ["SERVER_ERROR"] == fake.stops


def test_keyboard_interrupt_still_stops_the_session() -> None:
    """Ctrl-C inside the block stops the session, then the interrupt goes on."""
    fake = FakeLifecycle()
    client = sync_client(fake)

    with pytest.raises(KeyboardInterrupt), client.sessions.start_lite(avatar_id=AVATAR_ID, keep_alive_every=None):
        raise KeyboardInterrupt

    assert ["SERVER_ERROR"] == fake.stops


def test_a_failing_stop_never_hides_the_original_exception(caplog: pytest.LogCaptureFixture) -> None:
    """When stop fails on the way out of a raising block, the block's exception wins and the stop is logged."""
    fake = FakeLifecycle(stop_status=400)
    client = sync_client(fake)

    with (
        pytest.raises(ValueError, match="original"),
        client.sessions.start_lite(avatar_id=AVATAR_ID, keep_alive_every=None),
    ):
        raise ValueError("original")

    assert "Stopping session" in caplog.text


def test_a_failing_stop_after_a_clean_block_is_raised() -> None:
    """When the block ends normally, a failing stop is not swallowed: its error leaves the with statement."""
    fake = FakeLifecycle(stop_status=400)
    client = sync_client(fake)

    with (
        pytest.raises(liveavatar.BadRequestError),
        client.sessions.start_lite(avatar_id=AVATAR_ID, keep_alive_every=None),
    ):
        pass

    assert ["USER_CLOSED"] == fake.stops


def test_stop_is_idempotent() -> None:
    """live.stop() twice stops once; the second call says it did nothing."""
    fake = FakeLifecycle()
    live = sync_client(fake).sessions.start_lite(avatar_id=AVATAR_ID, keep_alive_every=None)

    assert (True, False) == (live.stop(), live.stop())
    assert ["USER_CLOSED"] == fake.stops


@pytest.mark.parametrize("status", [500, 502])
def test_a_start_that_may_have_run_is_stopped_before_the_error(status: int) -> None:
    """A 5xx from start may have started the session: it is stopped, then the error is raised."""
    fake = FakeLifecycle(start_status=status)

    with pytest.raises(liveavatar.InternalServerError):
        sync_client(fake).sessions.start_lite(avatar_id=AVATAR_ID)

    assert (["SERVER_ERROR"], False) == (fake.stops, fake.active)


def test_a_failing_stop_after_a_5xx_start_is_logged_and_the_start_error_raised(
    caplog: pytest.LogCaptureFixture,
) -> None:
    """When the clean-up stop after a 5xx start fails too, that failure is logged and the start's error is raised."""
    fake = FakeLifecycle(start_status=503, stop_status=400)

    with pytest.raises(liveavatar.InternalServerError):
        sync_client(fake).sessions.start_lite(avatar_id=AVATAR_ID)

    assert ["SERVER_ERROR"] == fake.stops
    assert "Stopping session" in caplog.text


def test_close_logs_a_failing_stop_and_still_reports_the_session(caplog: pytest.LogCaptureFixture) -> None:
    """stop_live_sessions() logs a stop that fails, goes on, and lists the session it tried."""
    fake = FakeLifecycle(stop_status=400)
    client = sync_client(fake)
    client.sessions.start_lite(avatar_id=AVATAR_ID, keep_alive_every=None)

    assert [SESSION_ID] == client.stop_live_sessions()
    assert ["USER_CLOSED"] == fake.stops
    assert "Stopping session" in caplog.text


def test_a_start_refused_outright_leaves_nothing_to_stop() -> None:
    """A 400 from start started nothing: no stop is sent."""
    fake = FakeLifecycle(start_status=400)

    with pytest.raises(liveavatar.BadRequestError):
        sync_client(fake).sessions.start_lite(avatar_id=AVATAR_ID)

    assert ([], False) == (fake.stops, fake.active)


def test_close_stops_every_session_the_client_holds() -> None:
    """client.close() stops the managed sessions still running."""
    fake = FakeLifecycle()
    client = sync_client(fake)
    client.sessions.start_lite(avatar_id=AVATAR_ID, keep_alive_every=None)

    client.close()

    assert (["USER_CLOSED"], False) == (fake.stops, fake.active)


def test_heartbeat_keeps_the_session_alive_past_the_idle_timeout() -> None:
    """With keep-alive every 120 s, a session that idles out at 300 s is still active after 1,000 s."""
    fake = FakeLifecycle()
    client = sync_client(fake)
    heartbeat = Heartbeat(clock=lambda: fake.now, dispatch=lambda job: job(), scheduler=False)
    client._registry.heartbeat = heartbeat  # driven by the test, no thread waits
    live = client.sessions.start_lite(avatar_id=AVATAR_ID, keep_alive_every=120.0)

    for _ in range(100):
        fake.advance(10)
        heartbeat.beat_due()

    assert (True, 8, None) == (fake.active, fake.keep_alives, live.ended_reason)
    live.stop()


def test_without_a_heartbeat_the_session_idles_out_and_keep_alive_reports_why() -> None:
    """With the heartbeat off the session ends at 300 s; the next keep-alive marks it ended with get's reason."""
    fake = FakeLifecycle()
    live = sync_client(fake).sessions.start_lite(avatar_id=AVATAR_ID, keep_alive_every=None)

    fake.advance(1000)
    live.keep_alive()

    assert (False, "IDLE_TIMEOUT", True) == (fake.active, live.ended_reason, live.ended)


def test_one_heartbeat_thread_serves_every_session_of_a_client() -> None:
    """Many managed sessions on one sync client share a single heartbeat thread."""
    fake = FakeLifecycle()
    client = sync_client(fake)
    sessions = [client.sessions.start_lite(avatar_id=AVATAR_ID, keep_alive_every=60.0) for _ in range(5)]

    threads = {client._registry.heartbeat._thread}
    assert 1 == len(threads)
    assert None not in threads
    client.close()
    assert all(session.stopped for session in sessions)


def test_keep_alive_every_is_checked_before_io() -> None:
    """A zero, negative or non-number keep_alive_every is refused before the mint."""
    fake = FakeLifecycle()

    with pytest.raises(liveavatar.InvalidRequestError, match="keep_alive_every"):
        sync_client(fake).sessions.start_lite(avatar_id=AVATAR_ID, keep_alive_every=0)

    assert [] == fake.stops


def test_async_block_that_raises_stops_with_server_error() -> None:
    """async with: an exception stops the session with SERVER_ERROR and is re-raised."""
    fake = FakeLifecycle()

    async def scenario() -> None:
        async with async_client(fake) as client:
            with pytest.raises(RuntimeError, match="boom"):
                async with await client.sessions.start_lite(avatar_id=AVATAR_ID, keep_alive_every=None):
                    raise RuntimeError("boom")

    asyncio.run(scenario())
    assert ["SERVER_ERROR"] == fake.stops


def test_cancelling_the_owning_task_stops_the_session() -> None:
    """Cancelling the task inside async with still stops the session."""
    fake = FakeLifecycle()

    async def scenario() -> None:
        client = async_client(fake)
        entered = asyncio.Event()

        async def owner() -> None:
            async with await client.sessions.start_lite(avatar_id=AVATAR_ID, keep_alive_every=None):
                entered.set()
                await asyncio.sleep(3600)

        task = asyncio.create_task(owner())
        await entered.wait()
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task

    asyncio.run(scenario())
    assert (["SERVER_ERROR"], False) == (fake.stops, fake.active)


def test_async_heartbeat_keeps_the_session_alive_on_a_driven_clock() -> None:
    """The async heartbeat task sends keep-alive each interval; the test's sleep moves the fake clock."""
    fake = FakeLifecycle()

    async def scenario() -> int:
        client = async_client(fake)
        live = await client.sessions.start_lite(avatar_id=AVATAR_ID, keep_alive_every=None)
        live.keep_alive_every = 120.0
        ticks = 0

        async def driven_sleep(seconds: float) -> None:
            nonlocal ticks
            ticks += 1
            fake.advance(seconds)
            if ticks > 8:
                await asyncio.sleep(3600)
            await asyncio.sleep(0)

        live._start_heartbeat(driven_sleep)
        for _ in range(50):
            await asyncio.sleep(0)
        await client.aclose()
        return ticks

    asyncio.run(scenario())
    assert (8, ["USER_CLOSED"]) == (fake.keep_alives, fake.stops)


def test_async_close_stops_what_it_started() -> None:
    """aclose() stops the managed sessions still running."""
    fake = FakeLifecycle()

    async def scenario() -> None:
        client = async_client(fake)
        await client.sessions.start_lite(avatar_id=AVATAR_ID, keep_alive_every=None)
        await client.aclose()

    asyncio.run(scenario())
    assert (["USER_CLOSED"], False) == (fake.stops, fake.active)


def _listing(*entries: dict[str, Any]) -> httpx.Response:
    data = {"count": len(entries), "next": None, "previous": None, "results": list(entries)}
    return httpx.Response(200, json={"code": 100, "data": data, "message": "ok"})


OLD = {"id": "00000000-0000-4000-8000-000000000001", "created_at": "2020-01-01T00:00:00Z"}
NEW = {"id": "00000000-0000-4000-8000-000000000002", "created_at": "2999-01-01T00:00:00Z"}


def test_stop_all_dry_run_lists_and_stops_nothing() -> None:
    """stop_all(dry_run=True) returns what it would stop and sends no stop."""
    sent: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        sent.append(request.url.path)
        return _listing(OLD, NEW)

    client = LiveAvatar(api_key=API_KEY, http_client=httpx.Client(transport=httpx.MockTransport(handler)))

    assert [OLD["id"], NEW["id"]] == client.sessions.stop_all(dry_run=True)
    assert ["/v1/sessions"] == sent


def test_stop_all_stops_only_sessions_older_than_asked() -> None:
    """older_than keeps young sessions running and stops the old ones with ZOMBIE_SESSION_REAP."""
    stops: list[Any] = []

    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/v1/sessions/stop":
            stops.append(json.loads(request.content))
            return httpx.Response(200, json={"code": 100, "data": None})
        return _listing(OLD, NEW)

    client = AsyncLiveAvatar(api_key=API_KEY, http_client=httpx.AsyncClient(transport=httpx.MockTransport(handler)))

    assert [OLD["id"]] == asyncio.run(client.sessions.stop_all(older_than=600))
    assert [{"session_id": OLD["id"], "reason": "ZOMBIE_SESSION_REAP"}] == stops


def test_wait_until_ended_polls_get_until_the_session_ends(monkeypatch: pytest.MonkeyPatch) -> None:
    """wait_until_ended polls every poll_every seconds (on a driven clock) and returns the ended SessionInfo."""
    fake = FakeLifecycle()
    client = sync_client(fake)
    client.sessions.start_lite(avatar_id=AVATAR_ID, keep_alive_every=None)
    slept: list[float] = []

    def sleep(seconds: float) -> None:
        slept.append(seconds)
        fake.advance(seconds)

    monkeypatch.setattr("liveavatar._procedures._sleep", sleep)

    info = client.sessions.wait_until_ended(SESSION_ID, poll_every=100)

    assert ("IDLE_TIMEOUT", [100.0, 100.0, 100.0]) == (info.end_reason, slept)


def test_wait_until_ended_times_out_typed(monkeypatch: pytest.MonkeyPatch) -> None:
    """A session still active after timeout raises APITimeoutError, after sleeping no longer than the timeout."""
    fake = FakeLifecycle()
    client = sync_client(fake)
    client.sessions.start_lite(avatar_id=AVATAR_ID, keep_alive_every=None)
    monkeypatch.setattr("liveavatar._procedures._clock", lambda: fake.now)
    monkeypatch.setattr(
        "liveavatar._procedures._sleep", lambda seconds: fake.advance(seconds) if seconds < 50 else None
    )

    with pytest.raises(liveavatar.APITimeoutError, match="not ended"):
        client.sessions.wait_until_ended(SESSION_ID, timeout=30, poll_every=10)

    assert 30 == fake.now


def test_async_failing_stop_is_raised_after_a_clean_block_and_logged_after_a_raising_one(
    caplog: pytest.LogCaptureFixture,
) -> None:
    """async with: a failing stop raises when the block returned, and is only logged when the block raised."""
    fake = FakeLifecycle(stop_status=400)

    async def scenario() -> None:
        client = async_client(fake)
        with pytest.raises(liveavatar.BadRequestError):
            async with await client.sessions.start_lite(avatar_id=AVATAR_ID, keep_alive_every=None):
                pass
        with pytest.raises(ValueError, match="original"):
            async with await client.sessions.start_lite(avatar_id=AVATAR_ID, keep_alive_every=None):
                raise ValueError("original")

    asyncio.run(scenario())
    assert ["USER_CLOSED", "SERVER_ERROR"] == fake.stops
    assert "Stopping session" in caplog.text


def test_async_stop_is_idempotent() -> None:
    """await live.stop() twice stops once; the second call waits for the first and says it did nothing."""
    fake = FakeLifecycle()

    async def scenario() -> tuple[bool, bool]:
        live = await async_client(fake).sessions.start_lite(avatar_id=AVATAR_ID, keep_alive_every=None)
        return await live.stop(), await live.stop()

    assert (True, False) == asyncio.run(scenario())
    assert ["USER_CLOSED"] == fake.stops


def test_async_keep_alive_on_an_idled_out_session_marks_it_ended_with_gets_reason() -> None:
    """Async: a keep-alive answered 404 asks get why, marks the session ended, and forgets it on the client."""
    fake = FakeLifecycle()

    async def scenario() -> tuple[str | None, bool, list[str]]:
        client = async_client(fake)
        live = await client.sessions.start_lite(avatar_id=AVATAR_ID, keep_alive_every=None)
        fake.advance(1000)
        await live.keep_alive()
        await client.aclose()  # the session is forgotten: no stop is sent for it
        return live.ended_reason, live.ended, fake.stops

    assert ("IDLE_TIMEOUT", True, []) == asyncio.run(scenario())


def test_async_heartbeat_logs_a_failed_keep_alive_and_stops_once_the_session_ends(
    caplog: pytest.LogCaptureFixture,
) -> None:
    """The async heartbeat survives a 503 keep-alive (logged as a warning) and returns once the session has ended."""
    fake = FakeLifecycle(keep_alive_status=503)

    async def scenario() -> bool:
        client = async_client(fake)
        live = await client.sessions.start_lite(avatar_id=AVATAR_ID, keep_alive_every=None)
        live.keep_alive_every = 120.0
        sleeps = 0

        async def driven_sleep(seconds: float) -> None:
            nonlocal sleeps
            sleeps += 1
            if sleeps == 2:
                live.ended_reason = "IDLE_TIMEOUT"  # found ended while the heartbeat slept
            await asyncio.sleep(0)

        live._start_heartbeat(driven_sleep)
        heartbeat = live._heartbeat
        assert heartbeat is not None
        await asyncio.wait_for(heartbeat, timeout=5)
        await client.aclose()
        return heartbeat.done() and not heartbeat.cancelled()

    assert asyncio.run(scenario())
    failures = [record for record in caplog.records if record.getMessage().startswith("Keep-alive for session")]
    assert 1 == len(failures), "one keep-alive failed; none is sent after the session was found ended"
    assert (logging.WARNING, 0) == (failures[0].levelno, fake.keep_alives)


@pytest.mark.parametrize("stop_status", [200, 400])
def test_async_start_that_may_have_run_is_stopped_before_the_error(
    stop_status: int, caplog: pytest.LogCaptureFixture
) -> None:
    """Async: a 5xx start is stopped with SERVER_ERROR before its error is raised; a failing stop is only logged."""
    fake = FakeLifecycle(start_status=502, stop_status=stop_status)

    async def scenario() -> None:
        async with async_client(fake) as client:
            with pytest.raises(liveavatar.InternalServerError):
                await client.sessions.start_lite(avatar_id=AVATAR_ID)

    asyncio.run(scenario())
    assert ["SERVER_ERROR"] == fake.stops
    assert ("Stopping session" in caplog.text) == (stop_status != 200)


def test_async_close_logs_a_failing_stop_and_still_reports_the_session(caplog: pytest.LogCaptureFixture) -> None:
    """Async stop_live_sessions() logs a stop that fails, goes on, and lists the session it tried."""
    fake = FakeLifecycle(stop_status=400)

    async def scenario() -> list[str]:
        client = async_client(fake)
        await client.sessions.start_lite(avatar_id=AVATAR_ID, keep_alive_every=None)
        return await client.stop_live_sessions()

    assert [SESSION_ID] == asyncio.run(scenario())
    assert ["USER_CLOSED"] == fake.stops
    assert "Stopping session" in caplog.text


def test_sync_stop_all_stops_only_sessions_older_than_asked() -> None:
    """Sync stop_all(older_than=...) stops the old session with ZOMBIE_SESSION_REAP and leaves the young one."""
    stops: list[Any] = []

    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/v1/sessions/stop":
            stops.append(json.loads(request.content))
            return httpx.Response(200, json={"code": 100, "data": None})
        return _listing(OLD, NEW)

    client = LiveAvatar(api_key=API_KEY, http_client=httpx.Client(transport=httpx.MockTransport(handler)))

    assert [OLD["id"]] == client.sessions.stop_all(older_than=600)
    assert [{"session_id": OLD["id"], "reason": "ZOMBIE_SESSION_REAP"}] == stops


@pytest.mark.parametrize("flavour", ["sync", "async"])
def test_a_stop_404_for_a_session_get_shows_active_is_raised(flavour: str) -> None:
    """stop answered 404 while get shows the session still running: the NotFoundError stands, it is not "already ended"."""

    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/v1/sessions/stop":
            return httpx.Response(404, json={"message": "Session not found"})
        return httpx.Response(200, json={"code": 100, "data": {"id": SESSION_ID, "mode": "LITE"}, "message": "ok"})

    def stop() -> bool:
        if flavour == "sync":
            sync = LiveAvatar(api_key=API_KEY, http_client=httpx.Client(transport=httpx.MockTransport(handler)))
            return sync.sessions.stop(SESSION_ID)
        client = AsyncLiveAvatar(api_key=API_KEY, http_client=httpx.AsyncClient(transport=httpx.MockTransport(handler)))
        return asyncio.run(client.sessions.stop(SESSION_ID))

    with pytest.raises(liveavatar.NotFoundError):
        stop()


def test_async_wait_until_ended_polls_then_times_out_typed(monkeypatch: pytest.MonkeyPatch) -> None:
    """Async wait_until_ended returns the ended SessionInfo after polling, and raises APITimeoutError in time."""
    fake = FakeLifecycle()
    slept: list[float] = []

    async def sleep(seconds: float) -> None:
        slept.append(seconds)
        fake.advance(seconds)

    monkeypatch.setattr("liveavatar._procedures._async_sleep", sleep)
    monkeypatch.setattr("liveavatar._procedures._clock", lambda: fake.now)

    async def scenario() -> str | None:
        client = async_client(fake)
        await client.sessions.start_lite(avatar_id=AVATAR_ID, keep_alive_every=None)
        with pytest.raises(liveavatar.APITimeoutError, match="not ended"):
            await client.sessions.wait_until_ended(SESSION_ID, timeout=30, poll_every=20)
        info = await client.sessions.wait_until_ended(SESSION_ID, poll_every=100)
        return info.end_reason

    assert "IDLE_TIMEOUT" == asyncio.run(scenario())
    assert [20.0, 10.0, 100.0, 100.0, 100.0] == slept


def test_stop_all_goes_on_after_a_failed_stop_and_says_what_it_stopped() -> None:
    """One session the API will not stop does not keep the others running; the error notes which were stopped."""
    stopped: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/v1/sessions/stop":
            session_id = json.loads(request.content)["session_id"]
            if session_id == OLD["id"]:
                return httpx.Response(403, json={"message": "not yours"})
            stopped.append(session_id)
            return httpx.Response(200, json={"code": 100, "data": None})
        return _listing(OLD, NEW)

    client = LiveAvatar(api_key=API_KEY, http_client=httpx.Client(transport=httpx.MockTransport(handler)))

    with pytest.raises(liveavatar.PermissionDeniedError) as caught:
        client.sessions.stop_all()

    assert [NEW["id"]] == stopped
    assert any(NEW["id"] in note and "stopped 1" in note for note in caught.value.__notes__)
    assert any(OLD["id"] in note and "could not stop 1" in note for note in caught.value.__notes__)


def test_stop_all_takes_a_running_duration_as_a_second_witness_of_age() -> None:
    """A session whose duration shows it old is reaped even when its created_at looks young on this clock."""
    young = {"id": "00000000-0000-4000-8000-000000000003", "created_at": "2999-01-01T00:00:00Z", "duration": 30}
    old = {"id": "00000000-0000-4000-8000-000000000004", "created_at": "2999-01-01T00:00:00Z", "duration": 900}
    client = LiveAvatar(
        api_key=API_KEY, http_client=httpx.Client(transport=httpx.MockTransport(lambda request: _listing(young, old)))
    )

    assert [old["id"]] == client.sessions.stop_all(older_than=600, dry_run=True)
