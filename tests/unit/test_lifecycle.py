"""The session lifecycle over MockTransport: credentials, bodies, results, errors and retry rules, sync and async."""

from __future__ import annotations

import inspect
import json
from decimal import Decimal
from typing import Any

import httpx
import pytest

import liveavatar
from liveavatar import AsyncLiveAvatar, LiveAvatar, SessionToken
from tests.support import envelope_response
from tests.unit.support import API_KEY, AVATAR_ID, SESSION_ID, SESSION_TOKEN, ClientFactory, Recorder

OTHER_ID = "7d1e3f7a-2b4c-4e8f-9a1b-3c5d7e9f0a2b"


def session_entry(session_id: str = SESSION_ID, **fields: Any) -> dict[str, Any]:
    """A session as `get` and `list` return it."""
    return {
        "id": session_id,
        "created_at": "2026-11-30T10:00:00Z",
        "updated_at": "2026-11-30T10:01:00Z",
        "duration": 60,
        "source": "API",
        "mode": "LITE",
        "is_sandbox": False,
        "credits_consumed": 1.5,
        **fields,
    }


STARTED = {
    "session_id": SESSION_ID,
    "livekit_url": "wss://lk.example",
    "livekit_client_token": "lk-client-token-0123456789",
    "livekit_agent_token": "lk-agent-token-0123456789",
    "max_session_duration": 600,
    "ws_url": "wss://ws.example/v1/ws?secret=0123456789abcdef",
}


def test_start_sends_the_session_token_as_bearer_and_never_the_key(client_factory: ClientFactory) -> None:
    """start authenticates with `Authorization: Bearer <token>` only, sends no body, and reads the 201."""
    server = Recorder(envelope_response(STARTED, 201))
    token = SessionToken(session_id=SESSION_ID, session_token=SESSION_TOKEN)

    started = client_factory(server).call("sessions", "start", token)

    request = server.requests[0]
    assert ("POST", "/v1/sessions/start") == (request.method, request.url.path)
    assert f"Bearer {SESSION_TOKEN}" == request.headers["authorization"]
    assert "x-api-key" not in request.headers
    assert b"" == request.content
    assert (SESSION_ID, "wss://lk.example", 600) == (
        started.session_id,
        started.livekit_url,
        started.max_session_duration,
    )
    assert started.ws_url == STARTED["ws_url"]


def test_started_session_masks_its_credentials() -> None:
    """StartedSession's repr shows neither LiveKit token nor the ws_url."""
    started = liveavatar.StartedSession(
        session_id=SESSION_ID,
        livekit_url="wss://lk",
        livekit_client_token="client-secret-canary-1",
        livekit_agent_token="agent-secret-canary-22",
        ws_url="wss://ws/secret-canary-333",
    )
    shown = repr(started)
    assert not any(secret in shown for secret in ("client-secret", "agent-secret", "secret-canary-333"))


def test_start_takes_the_token_text_too(client_factory: ClientFactory) -> None:
    """start accepts the session-token string as create_token returned it."""
    server = Recorder(envelope_response(STARTED, 201))

    client_factory(server).call("sessions", "start", SESSION_TOKEN)

    assert f"Bearer {SESSION_TOKEN}" == server.requests[0].headers["authorization"]


@pytest.mark.parametrize("token", ["", "two\nlines", 42])
def test_start_refuses_what_cannot_be_a_token_before_io(client_factory: ClientFactory, token: object) -> None:
    """An empty, multi-line or non-text token is refused before any request, without echoing it."""
    server = Recorder()

    with pytest.raises(liveavatar.InvalidRequestError, match="token") as caught:
        client_factory(server).call("sessions", "start", token)

    assert [] == server.requests
    assert "two" not in str(caught.value)


def test_start_401_says_it_needs_the_session_token(client_factory: ClientFactory) -> None:
    """A 401 on start explains that start takes the session token, not the API key."""
    server = Recorder(httpx.Response(401, json={"detail": "Invalid token"}))

    with pytest.raises(liveavatar.AuthenticationError, match="session token"):
        client_factory(server).call("sessions", "start", SESSION_TOKEN)


def test_start_is_not_retried_after_a_5xx(client_factory: ClientFactory) -> None:
    """A 500 on start may mean the session started: it is raised, not retried."""
    server = Recorder(httpx.Response(500))

    with pytest.raises(liveavatar.InternalServerError):
        client_factory(server).call("sessions", "start", SESSION_TOKEN)

    assert 1 == len(server.requests)


def test_start_is_retried_when_the_server_asks(client_factory: ClientFactory) -> None:
    """429 or 503 with Retry-After means nothing started yet: start is sent again."""
    server = Recorder(
        httpx.Response(503, headers={"Retry-After": "0"}),
        httpx.Response(429, headers={"Retry-After": "0"}),
        envelope_response(STARTED, 201),
    )

    started = client_factory(server).call("sessions", "start", SESSION_TOKEN)

    assert (3, 2) == (len(server.requests), started.retries_taken)


def test_start_is_retried_when_the_connection_was_never_made(client_factory: ClientFactory) -> None:
    """A connect error cannot have reached the server, so start is retried."""
    server = Recorder(httpx.ConnectError("refused"), envelope_response(STARTED, 201))

    client_factory(server).call("sessions", "start", SESSION_TOKEN)

    assert 2 == len(server.requests)


@pytest.mark.parametrize("lost", [httpx.ReadTimeout("slow"), httpx.RemoteProtocolError("peer closed")])
def test_a_lost_start_answer_is_not_retried_and_says_the_session_may_run(
    client_factory: ClientFactory, lost: Exception
) -> None:
    """After the request may have reached the server, a failure raises SessionStartUnknownError at once."""
    server = Recorder(lost, envelope_response(STARTED, 201))
    token = SessionToken(session_id=SESSION_ID, session_token=SESSION_TOKEN)

    with pytest.raises(liveavatar.SessionStartUnknownError, match="may have started") as caught:
        client_factory(server).call("sessions", "start", token)

    assert (1, SESSION_ID) == (len(server.requests), caught.value.session_id)
    assert isinstance(caught.value, liveavatar.APIConnectionError)


def test_stop_sends_id_and_reason_with_the_key(client_factory: ClientFactory) -> None:
    """stop posts {session_id, reason} with the API key, USER_CLOSED by default, and says it ended the session."""
    server = Recorder(envelope_response(None))

    assert client_factory(server).call("sessions", "stop", SESSION_ID) is True

    request = server.requests[0]
    assert ("/v1/sessions/stop", API_KEY) == (request.url.path, request.headers["x-api-key"])
    assert {"session_id": SESSION_ID, "reason": "USER_CLOSED"} == json.loads(request.content)


def test_stop_of_an_ended_session_is_false(client_factory: ClientFactory) -> None:
    """A 404 from stop for a session get shows ended means it was already stopped: False, not an error."""
    ended = session_entry(end_at="2026-11-30T10:05:00Z", end_reason="IDLE_TIMEOUT")
    server = Recorder(httpx.Response(404, json={"message": "Session not found"}), envelope_response(ended))

    assert client_factory(server).call("sessions", "stop", SESSION_ID, reason="SERVER_ERROR") is False

    assert f"/v1/sessions/{SESSION_ID}" == server.requests[1].url.path


def test_stop_of_an_unknown_session_is_not_found(client_factory: ClientFactory) -> None:
    """A 404 from stop and from get is NotFoundError."""
    server = Recorder(httpx.Response(404, json={"message": "Session not found"}))

    with pytest.raises(liveavatar.NotFoundError):
        client_factory(server).call("sessions", "stop", SESSION_ID)


def test_stop_is_retried_like_the_token_call(client_factory: ClientFactory) -> None:
    """stop is idempotent, so a 503 is retried."""
    server = Recorder(httpx.Response(503), envelope_response(None))

    assert client_factory(server).call("sessions", "stop", SESSION_ID) is True
    assert 2 == len(server.requests)


def test_keep_alive_posts_the_session_id(client_factory: ClientFactory) -> None:
    """keep_alive posts {session_id} with the API key and returns None."""
    server = Recorder(envelope_response(None))

    assert client_factory(server).call("sessions", "keep_alive", SESSION_ID) is None

    assert {"session_id": SESSION_ID} == json.loads(server.requests[0].content)
    assert "/v1/sessions/keep-alive" == server.requests[0].url.path


@pytest.mark.parametrize("method", ["stop", "keep_alive", "get", "transcript", "delete_events"])
def test_a_bad_session_id_is_refused_before_io(client_factory: ClientFactory, method: str) -> None:
    """Every call that names a session refuses a non-UUID id, naming session_id, before any request."""
    server = Recorder()

    with pytest.raises(liveavatar.InvalidRequestError, match="session_id"):
        client_factory(server).call("sessions", method, "../../users/credits")

    assert [] == server.requests


def test_get_reads_every_field_and_keeps_unknown_values(client_factory: ClientFactory) -> None:
    """get returns a SessionInfo with exact credits, datetimes, and unknown enum values kept as text."""
    entry = session_entry(
        source="PARTNER", end_at="2026-11-30T10:05:00Z", end_reason="SOLAR_FLARE", credits_consumed=2.05
    )
    server = Recorder(envelope_response(entry))

    info = client_factory(server).call("sessions", "get", SESSION_ID)

    assert (SESSION_ID, "LITE", "PARTNER", "SOLAR_FLARE") == (info.id, info.mode, info.source, info.end_reason)
    assert Decimal("2.05") == info.credits_consumed
    assert (2026, 60, True) == (info.created_at.year, info.duration, info.ended)


def test_a_2xx_of_another_shape_is_a_validation_error(client_factory: ClientFactory) -> None:
    """A get answer without a session id is APIResponseValidationError, never a KeyError."""
    server = Recorder(envelope_response({"created_at": "yesterday"}))

    with pytest.raises(liveavatar.APIResponseValidationError, match="session"):
        client_factory(server).call("sessions", "get", SESSION_ID)


def _pages(total: int, page_size: int) -> Any:
    """A handler serving `total` sessions in pages, as the API's list does."""
    served: list[int] = []

    def handler(request: httpx.Request) -> httpx.Response:
        page = int(request.url.params["page"])
        served.append(page)
        start = (page - 1) * page_size
        results = [
            session_entry(f"00000000-0000-4000-8000-{n:012d}") for n in range(start, min(start + page_size, total))
        ]
        more = start + page_size < total
        data = {"count": total, "next": f"?page={page + 1}" if more else None, "previous": None, "results": results}
        return httpx.Response(200, json={"code": 100, "data": data, "message": "ok"})

    handler.served = served  # type: ignore[attr-defined]
    return handler


def test_list_walks_every_page_lazily(client_factory: ClientFactory) -> None:
    """250 sessions in pages of 20 take 13 page requests, in order."""
    handler = _pages(250, 20)

    sessions = client_factory(handler).sessions_listed(page_size=20)

    assert 250 == len({session.id for session in sessions})
    assert list(range(1, 14)) == handler.served


def test_list_fetches_one_page_when_the_caller_stops_early(client_factory: ClientFactory) -> None:
    """A break after the first session fetches only the first page."""
    handler = _pages(250, 20)

    assert 1 == len(client_factory(handler).sessions_listed(limit=1, page_size=20))
    assert [1] == handler.served


def test_list_sends_type_and_filters(client_factory: ClientFactory) -> None:
    """list sends type, page, page_size and the id filters as query parameters."""
    server = Recorder(envelope_response({"count": 0, "next": None, "previous": None, "results": []}))

    client_factory(server).sessions_listed(type="historic", avatar_id=AVATAR_ID, page_size=5)

    params = server.requests[0].url.params
    assert ("historic", "1", "5", AVATAR_ID) == (
        params["type"],
        params["page"],
        params["page_size"],
        params["avatar_id"],
    )


@pytest.mark.parametrize(("option", "value"), [("type", "all"), ("page_size", 0), ("page_size", 101)])
def test_list_refuses_bad_arguments_at_the_call(client_factory: ClientFactory, option: str, value: object) -> None:
    """Bad list arguments raise when list is called, before the first page is asked for."""
    server = Recorder()
    minter = client_factory(server)

    with pytest.raises(liveavatar.InvalidRequestError, match=option):
        minter.client.sessions.list(**{option: value})  # type: ignore[arg-type]  # deliberately bad values

    assert [] == server.requests


def test_transcript_reads_entries_and_pages_by_timestamp(client_factory: ClientFactory) -> None:
    """transcript sends the timestamps and returns its entries, session_active and next_timestamp."""
    data = {
        "session_active": True,
        "next_timestamp": 1700000010,
        "transcript_data": [
            {"role": "user", "transcript": "hi", "absolute_timestamp": 1700000001, "relative_timestamp": 1.5},
            {"role": "avatar", "transcript": "hello", "absolute_timestamp": 1700000003, "relative_timestamp": 3},
        ],
    }
    server = Recorder(envelope_response(data))

    transcript = client_factory(server).call("sessions", "transcript", SESSION_ID, start_timestamp=1700000000)

    assert "1700000000" == server.requests[0].url.params["start_timestamp"]
    assert (True, 1700000010) == (transcript.session_active, transcript.next_timestamp)
    assert [("user", "hi"), ("avatar", "hello")] == [(e.role, e.transcript) for e in transcript.entries]


def test_delete_events_sends_delete(client_factory: ClientFactory) -> None:
    """delete_events sends DELETE /v1/sessions/{id}/events and returns None."""
    server = Recorder(envelope_response(None))

    assert client_factory(server).call("sessions", "delete_events", SESSION_ID) is None
    assert ("DELETE", f"/v1/sessions/{SESSION_ID}/events") == (server.requests[0].method, server.requests[0].url.path)


def test_credits_are_an_exact_decimal(client_factory: ClientFactory) -> None:
    """users.credits() turns the API's decimal string into a Decimal without float rounding."""
    server = Recorder(envelope_response({"credits_left": "1234.10"}))

    assert Decimal("1234.10") == client_factory(server).call("users", "credits")
    assert "/v1/users/credits" == server.requests[0].url.path


def _public_methods(cls: type) -> dict[str, inspect.Signature]:
    return {
        name: inspect.signature(member)
        for name, member in inspect.getmembers(cls, callable)
        if not name.startswith("_")
    }


@pytest.mark.parametrize("resource", ["sessions", "users"])
def test_sync_and_async_methods_have_identical_signatures(resource: str) -> None:
    """Every operation has the same name, parameters and defaults on both clients, so they cannot drift."""
    sync_client = LiveAvatar(api_key=API_KEY)
    async_client = AsyncLiveAvatar(api_key=API_KEY)
    sync_methods = _public_methods(type(getattr(sync_client, resource)))
    async_methods = _public_methods(type(getattr(async_client, resource)))

    assert sync_methods.keys() == async_methods.keys()
    for name, signature in sync_methods.items():
        # The same parameters, kinds and defaults; an annotation may name the flavour's own class
        # (LiveSession / AsyncLiveSession), which is the one difference allowed.
        theirs = async_methods[name].parameters
        assert list(signature.parameters) == list(theirs), name
        for parameter in signature.parameters.values():
            other = theirs[parameter.name]
            assert (parameter.kind, parameter.default) == (other.kind, other.default), (name, parameter.name)
            assert str(parameter.annotation) == str(other.annotation).replace("AsyncLive", "Live"), (name, parameter)
    sync_client.close()


def test_every_async_method_is_a_coroutine_function_but_list_connect_and_the_managed_starts() -> None:
    """Async methods are awaited, except list (an async iterator), and connect and the managed starts (both awaitable and async contexts)."""
    sessions = AsyncLiveAvatar(api_key=API_KEY).sessions
    for name, member in inspect.getmembers(type(sessions), callable):
        if not name.startswith("_"):
            expected = name not in ("list", "connect", "start_lite", "start_full")
            assert inspect.iscoroutinefunction(member) == expected, name


def test_list_sends_embed_id_as_text(client_factory: ClientFactory) -> None:
    """embed_id is plain text in the spec (not a UUID), so any embed id is sent as given."""
    server = Recorder(envelope_response({"count": 0, "next": None, "previous": None, "results": []}))

    client_factory(server).sessions_listed(embed_id="embed-42")

    assert "embed-42" == server.requests[0].url.params["embed_id"]


@pytest.mark.parametrize("client_class", [LiveAvatar, AsyncLiveAvatar])
def test_help_shows_each_methods_own_name_parameters_and_result(client_class: type[LiveAvatar]) -> None:
    """inspect.signature and get_type_hints show the caller's result type (never the internal Call) and the name."""
    import typing

    client = client_class(api_key=API_KEY)
    expected = {
        "get": "SessionInfo",
        "stop": "bool",
        "list": "Iterator[",
        "credits": "Decimal",
        "stop_all": "list[str]",
    }
    for name, result in expected.items():
        method = getattr(client.users if name == "credits" else client.sessions, name)
        assert name == method.__name__
        shown = str(inspect.signature(method))
        assert result in shown, (name, shown)
        assert "Call" not in shown, (name, shown)
        assert "Procedure" not in shown, (name, shown)
        assert "Call" not in repr(typing.get_type_hints(method)["return"]), name
