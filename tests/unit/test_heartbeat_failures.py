"""The sync heartbeat when a keep-alive fails or runs late, and the opt-in signal handler's hand-back to what was there before."""

from __future__ import annotations

import logging
import os
import signal
import threading
from collections.abc import Iterator
from types import FrameType

import httpx
import pytest

import liveavatar
from liveavatar import LiveAvatar
from liveavatar._live import Heartbeat
from tests.unit.support import AVATAR_ID
from tests.unit.test_managed import FakeLifecycle, sync_client

EVERY = 120.0


class CountingLifecycle(FakeLifecycle):
    """FakeLifecycle that also counts keep-alive requests, answered or not, and can fail them with an exception."""

    def __init__(self, **options: int) -> None:
        super().__init__(**options)
        self.keep_alives_tried = 0
        self.raise_on_keep_alive: Exception | None = None

    def __call__(self, request: httpx.Request) -> httpx.Response:
        if request.url.path == "/v1/sessions/keep-alive":
            self.keep_alives_tried += 1
            if self.raise_on_keep_alive is not None:
                raise self.raise_on_keep_alive
        return super().__call__(request)


def driven(fake: FakeLifecycle, client: LiveAvatar | None = None) -> tuple[LiveAvatar, Heartbeat]:
    """A client whose heartbeat the test drives on the fake's clock (no thread, no waits), as test_managed does."""
    client = client or sync_client(fake)
    heartbeat = Heartbeat(clock=lambda: fake.now, dispatch=lambda job: job(), scheduler=False)
    client._registry.heartbeat = heartbeat
    return client, heartbeat


def beat_once(fake: CountingLifecycle, heartbeat: Heartbeat, *, step: float = 10.0, limit: float = 2 * EVERY) -> None:
    """Move the fake's clock in steps until the heartbeat has sent one more keep-alive request (or `limit` passed)."""
    before = fake.keep_alives_tried
    moved = 0.0
    while fake.keep_alives_tried == before and moved < limit:
        fake.advance(step)
        moved += step
        heartbeat.beat_due()


def test_a_keep_alive_answered_with_a_5xx_is_logged_and_the_next_one_still_goes(
    caplog: pytest.LogCaptureFixture,
) -> None:
    """A 503 keep-alive is a WARNING naming the session; the heartbeat sends the next one on time, which succeeds."""
    caplog.set_level(logging.WARNING, logger="liveavatar")
    fake = CountingLifecycle(keep_alive_status=503)
    client, heartbeat = driven(fake)
    live = client.sessions.start_lite(avatar_id=AVATAR_ID, keep_alive_every=EVERY)

    beat_once(fake, heartbeat)
    fake.keep_alive_status = 200
    beat_once(fake, heartbeat)

    failed = [record for record in caplog.records if "failed: " in record.getMessage()]
    assert 1 == len(failed)
    assert live.session_id in failed[0].getMessage()
    assert (2, 1) == (fake.keep_alives_tried, fake.keep_alives)
    live.stop()


def test_an_unexpected_keep_alive_error_is_logged_with_its_traceback_and_the_thread_goes_on(
    caplog: pytest.LogCaptureFixture,
) -> None:
    """An exception the SDK does not map is logged at ERROR with a traceback, never raised out of the heartbeat."""
    caplog.set_level(logging.WARNING, logger="liveavatar")
    fake = CountingLifecycle()
    client, heartbeat = driven(fake)
    live = client.sessions.start_lite(avatar_id=AVATAR_ID, keep_alive_every=EVERY)

    fake.raise_on_keep_alive = RuntimeError("handler bug")
    beat_once(fake, heartbeat)
    fake.raise_on_keep_alive = None
    beat_once(fake, heartbeat)

    errors = [record for record in caplog.records if record.levelno == logging.ERROR]
    assert 1 == len(errors)
    assert errors[0].exc_info is not None
    assert "handler bug" in str(errors[0].exc_info[1])
    assert 1 == fake.keep_alives
    live.stop()


def test_a_late_keep_alive_is_warned_about_and_a_timely_one_is_timed_at_debug(
    caplog: pytest.LogCaptureFixture,
) -> None:
    """A keep-alive sent well after it was due logs how late it is; one on time logs its duration at DEBUG only."""
    caplog.set_level(logging.DEBUG, logger="liveavatar")
    fake = CountingLifecycle()
    client, heartbeat = driven(fake)
    live = client.sessions.start_lite(avatar_id=AVATAR_ID, keep_alive_every=EVERY)

    beat_once(fake, heartbeat, step=1.0)  # on time: at most a second late
    fake.advance(2 * EVERY - 1)  # the next one is then most of an interval overdue
    heartbeat.beat_due()

    messages = [record.getMessage() for record in caplog.records]
    late = [message for message in messages if "s late" in message]
    timed = [message for message in messages if message.startswith("Keep-alive for") and " ms" in message]
    assert 1 == len(late)
    assert live.session_id in late[0]
    assert 2 <= len(timed)
    assert 2 == fake.keep_alives
    live.stop()


# -- signals ----------------------------------------------------------------------


@pytest.fixture
def restore_signals() -> Iterator[None]:
    """The handlers of the signals these tests use, put back after each."""
    used = (signal.SIGUSR1, signal.SIGUSR2, signal.SIGWINCH)
    saved = {sig: signal.getsignal(sig) for sig in used}
    yield
    for sig, handler in saved.items():
        signal.signal(sig, handler)


def _started(fake: FakeLifecycle) -> tuple[LiveAvatar, liveavatar.LiveSession]:
    client = sync_client(fake)
    return client, client.sessions.start_lite(avatar_id=AVATAR_ID, keep_alive_every=None)


@pytest.mark.skipif(threading.current_thread() is not threading.main_thread(), reason="signals need the main thread")
def test_on_a_signal_the_sessions_stop_then_the_previous_python_handler_runs(restore_signals: None) -> None:
    """A previous Python handler is put back and called with the signal, after the sessions are stopped."""
    fake = FakeLifecycle()
    client, live = _started(fake)
    calls: list[tuple[int, bool]] = []

    def previous(signum: int, frame: FrameType | None) -> None:
        calls.append((signum, live.stopped))

    signal.signal(signal.SIGUSR1, previous)
    liveavatar.stop_sessions_on_signals(client, (signal.SIGUSR1,))

    os.kill(os.getpid(), signal.SIGUSR1)

    assert [(signal.SIGUSR1, True)] == calls
    assert ["USER_CLOSED"] == fake.stops
    assert previous == signal.getsignal(signal.SIGUSR1)
    client.close()


@pytest.mark.skipif(threading.current_thread() is not threading.main_thread(), reason="signals need the main thread")
@pytest.mark.parametrize(("signum", "before"), [(signal.SIGWINCH, signal.SIG_DFL), (signal.SIGUSR2, signal.SIG_IGN)])
def test_on_a_signal_whose_previous_handler_is_not_python_it_is_restored(
    restore_signals: None, signum: signal.Signals, before: signal.Handlers
) -> None:
    """SIG_DFL is restored and the signal raised again (SIGWINCH: ignored by default); SIG_IGN is restored, not raised."""
    fake = FakeLifecycle()
    client, live = _started(fake)
    signal.signal(signum, before)
    liveavatar.stop_sessions_on_signals(client, (signum,))

    os.kill(os.getpid(), signum)

    assert live.stopped
    assert before == signal.getsignal(signum)
    client.close()
