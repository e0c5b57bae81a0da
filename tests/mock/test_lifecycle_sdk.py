"""The SDK's lifecycle calls against the mock, sync and async: what the SDK promises holds on the mock's state."""

from __future__ import annotations

import asyncio
from decimal import Decimal

import pytest

from liveavatar import (
    AsyncLiveAvatar,
    AuthenticationError,
    BadRequestError,
    LiveAvatar,
    NotFoundError,
    Persona,
)
from liveavatar.mock import SANDBOX_AVATAR_ID, MockServer
from tests.mock.support import API_KEY

pytestmark = pytest.mark.usefixtures("spec_checked")

UNKNOWN_ID = "0b7c1f34-1111-4222-8333-444455556666"


def test_the_whole_lifecycle_through_the_sync_client(liveavatar_mock: MockServer) -> None:
    """Mint, start, get, list, keep alive, transcript, delete events, credits, stop (True, then False)."""
    with LiveAvatar(api_key=API_KEY, base_url=liveavatar_mock.url) as client:
        token = client.sessions.create_token(avatar_id=SANDBOX_AVATAR_ID, persona=Persona())
        started = client.sessions.start(token)
        liveavatar_mock.add_transcript(started.session_id, "user", "hello")
        liveavatar_mock.advance(61)

        info = client.sessions.get(started.session_id)
        assert ("FULL", 61, Decimal(4), False) == (info.mode, info.duration, info.credits_consumed, info.ended)
        assert [started.session_id] == [session.id for session in client.sessions.list()]
        client.sessions.keep_alive(started.session_id)
        assert ["hello"] == [entry.transcript for entry in client.sessions.transcript(started.session_id).entries]
        client.sessions.delete_events(started.session_id)
        assert () == client.sessions.transcript(started.session_id).entries
        assert liveavatar_mock.config.credits - 4 == client.users.credits()

        assert client.sessions.stop(started.session_id) is True
        assert client.sessions.stop(started.session_id) is False
        ended = client.sessions.get(started.session_id)
        with pytest.raises(NotFoundError):
            client.sessions.stop(UNKNOWN_ID)

    assert (True, "USER_CLOSED") == (ended.ended, ended.end_reason)
    assert [ended.id] == [session.id for session in liveavatar_mock.sessions() if not session.active]


def test_the_whole_lifecycle_through_the_async_client(liveavatar_mock: MockServer) -> None:
    """The async client runs the same flow: start, list with `async for`, stop True then False."""

    async def flow() -> tuple[list[str], bool, bool, list[str]]:
        async with AsyncLiveAvatar(api_key=API_KEY, base_url=liveavatar_mock.url) as client:
            token = await client.sessions.create_lite_token(avatar_id=SANDBOX_AVATAR_ID, sandbox=True)
            started = await client.sessions.start(token)
            active = [session.id async for session in client.sessions.list()]
            first = await client.sessions.stop(started.session_id, reason="AGENT_HANG_UP")
            second = await client.sessions.stop(started.session_id)
            historic = [session.id async for session in client.sessions.list(type="historic")]
            return active, first, second, historic

    active, first, second, historic = asyncio.run(flow())

    (session,) = liveavatar_mock.sessions()
    assert ([session.id], True, False, [session.id]) == (active, first, second, historic)
    assert ("AGENT_HANG_UP", "LITE") == (session.end_reason, session.mode)


def test_a_token_started_twice_is_refused(liveavatar_mock: MockServer) -> None:
    """The second start of one token raises BadRequestError and starts nothing more."""
    with LiveAvatar(api_key=API_KEY, base_url=liveavatar_mock.url) as client:
        token = client.sessions.create_token(avatar_id=SANDBOX_AVATAR_ID, persona=Persona())
        client.sessions.start(token)
        with pytest.raises(BadRequestError):
            client.sessions.start(token)

    assert 1 == len(liveavatar_mock.sessions())


def test_a_string_that_is_no_token_cannot_start(liveavatar_mock: MockServer) -> None:
    """A session-token string this mock never minted is an AuthenticationError."""
    with LiveAvatar(api_key=API_KEY, base_url=liveavatar_mock.url) as client, pytest.raises(AuthenticationError):
        client.sessions.start("a.b.c")


def test_a_start_without_credit_raises_and_credits_are_exact(liveavatar_mock: MockServer) -> None:
    """With 1.5 credits a FULL start raises BadRequestError; the balance reads back as the exact Decimal."""
    liveavatar_mock.set_credits(Decimal("1.5"))
    with LiveAvatar(api_key=API_KEY, base_url=liveavatar_mock.url) as client:
        token = client.sessions.create_token(avatar_id=SANDBOX_AVATAR_ID, persona=Persona())
        with pytest.raises(BadRequestError, match="credit"):
            client.sessions.start(token)
        assert Decimal("1.5") == client.users.credits()


def test_the_sdk_sees_an_idle_timeout(liveavatar_mock: MockServer) -> None:
    """After 300 s without keep-alive, get reports IDLE_TIMEOUT and stop returns False."""
    with LiveAvatar(api_key=API_KEY, base_url=liveavatar_mock.url) as client:
        token = client.sessions.create_token(avatar_id=SANDBOX_AVATAR_ID, persona=Persona())
        started = client.sessions.start(token)
        liveavatar_mock.advance(300)

        assert "IDLE_TIMEOUT" == client.sessions.get(started.session_id).end_reason
        assert client.sessions.stop(started.session_id) is False


def test_list_fetches_pages_lazily(liveavatar_mock: MockServer) -> None:
    """45 sessions in pages of 20: the iterator fetches three pages, and one after a break at the first item."""
    with LiveAvatar(api_key=API_KEY, base_url=liveavatar_mock.url) as client:
        for _ in range(45):
            client.sessions.start(client.sessions.create_token(avatar_id=SANDBOX_AVATAR_ID, persona=Persona()))
        before = len(liveavatar_mock.requests)
        everything = list(client.sessions.list(page_size=20))
        pages = len(liveavatar_mock.requests) - before
        for _ in client.sessions.list(page_size=20):
            break

    assert (45, 3) == (len(everything), pages)
    assert {s.id for s in liveavatar_mock.sessions()} == {s.id for s in everything}
    assert "page=1" in liveavatar_mock.last_request.query


def test_a_managed_lite_session_is_stopped_when_its_block_ends(liveavatar_mock: MockServer) -> None:
    """start_lite's session is active inside the block, with a ws_url, and ended USER_CLOSED after it."""
    with LiveAvatar(api_key=API_KEY, base_url=liveavatar_mock.url) as client:
        with client.sessions.start_lite(avatar_id=SANDBOX_AVATAR_ID, sandbox=True, keep_alive_every=None) as live:
            inside = liveavatar_mock.session(live.session_id)
        after = liveavatar_mock.session(live.session_id)

    assert (True, True) == (inside.active, inside.ws_url is not None)
    assert (False, "USER_CLOSED") == (after.active, after.end_reason)


def test_a_managed_session_left_on_an_exception_is_stopped_as_a_server_error(liveavatar_mock: MockServer) -> None:
    """An exception in the block stops the session with SERVER_ERROR and is re-raised."""
    with (
        LiveAvatar(api_key=API_KEY, base_url=liveavatar_mock.url) as client,
        pytest.raises(RuntimeError, match="boom"),
        client.sessions.start_full(
            avatar_id=SANDBOX_AVATAR_ID, persona=Persona(), sandbox=True, keep_alive_every=None
        ) as live,
    ):
        raise RuntimeError("boom")

    assert "SERVER_ERROR" == liveavatar_mock.session(live.session_id).end_reason


def test_managed_keep_alives_carry_a_session_past_1000_seconds(liveavatar_mock: MockServer) -> None:
    """live.keep_alive() every 250 s keeps a FULL session past 1,000 s; without them it idles out at 300 s."""
    with LiveAvatar(api_key=API_KEY, base_url=liveavatar_mock.url) as client:
        kept = client.sessions.start_full(avatar_id=SANDBOX_AVATAR_ID, persona=Persona(), keep_alive_every=None)
        idle = client.sessions.start_full(avatar_id=SANDBOX_AVATAR_ID, persona=Persona(), keep_alive_every=None)
        for _ in range(5):
            liveavatar_mock.advance(250)
            kept.keep_alive()
        kept_info = client.sessions.get(kept.session_id)
        idle_info = client.sessions.get(idle.session_id)
        kept.stop()
        idle.stop()

    assert (False, 1250) == (kept_info.ended, kept_info.duration)
    assert ("IDLE_TIMEOUT", 300) == (idle_info.end_reason, idle_info.duration)
