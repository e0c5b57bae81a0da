"""Client configuration: keys, URLs, timeouts, derived clients, closing, the low-level escape hatch."""

from __future__ import annotations

import asyncio
import logging
import uuid

import httpx
import pytest

import liveavatar
from liveavatar import AsyncLiveAvatar, LiveAvatar, LiveAvatarError
from tests.unit.support import API_KEY, AVATAR_ID, ClientFactory, Recorder

CLIENTS = pytest.mark.parametrize("client_class", [LiveAvatar, AsyncLiveAvatar])


def close(client: LiveAvatar | AsyncLiveAvatar) -> None:
    if isinstance(client, AsyncLiveAvatar):
        asyncio.run(client.aclose())
    else:
        client.close()


@CLIENTS
def test_missing_api_key_names_both_fixes(client_class: type[LiveAvatar]) -> None:
    """Without api_key or LIVEAVATAR_API_KEY the client refuses to build, saying how to fix it."""
    with pytest.raises(LiveAvatarError, match=r"api_key=.*LIVEAVATAR_API_KEY"):
        client_class()


@CLIENTS
def test_empty_api_key_is_missing(client_class: type[LiveAvatar]) -> None:
    """An empty key is no key."""
    with pytest.raises(LiveAvatarError):
        client_class(api_key="")


@CLIENTS
def test_environment_supplies_key_and_base_url(client_class: type[LiveAvatar], monkeypatch: pytest.MonkeyPatch) -> None:
    """LIVEAVATAR_API_KEY and LIVEAVATAR_BASE_URL are read when the client is built."""
    monkeypatch.setenv("LIVEAVATAR_API_KEY", "sk_from_environment_1234")
    monkeypatch.setenv("LIVEAVATAR_BASE_URL", "http://127.0.0.1:9/")
    client = client_class()
    monkeypatch.setenv("LIVEAVATAR_BASE_URL", "http://changed.later")

    assert "http://127.0.0.1:9" == client.base_url
    assert "'…1234'" in repr(client)
    close(client)


@CLIENTS
def test_defaults(client_class: type[LiveAvatar]) -> None:
    """The defaults are the named constants: public base URL, 30 s / 5 s timeout, 2 retries."""
    client = client_class(api_key=API_KEY)

    assert (liveavatar.DEFAULT_BASE_URL, liveavatar.DEFAULT_TIMEOUT, liveavatar.DEFAULT_MAX_RETRIES) == (
        client.base_url,
        client.timeout,
        client.max_retries,
    )
    assert httpx.Timeout(30.0, connect=5.0) == client.timeout
    close(client)


@CLIENTS
@pytest.mark.parametrize("base_url", ["ftp://example.com", "not a url", "http://", "http://[::1"])
def test_bad_base_url_is_refused(client_class: type[LiveAvatar], base_url: str) -> None:
    """A base URL that is not http(s) with a host fails when the client is built."""
    with pytest.raises(LiveAvatarError, match="base_url"):
        client_class(api_key=API_KEY, base_url=base_url)


@CLIENTS
@pytest.mark.parametrize(
    ("option", "value"),
    [("timeout", 0), ("timeout", -1.0), ("timeout", "5"), ("max_retries", -1), ("max_retries", True)],
)
def test_bad_timeout_or_retries_are_refused(client_class: type[LiveAvatar], option: str, value: object) -> None:
    """Timeouts must be positive and retry counts non-negative ints: a ConfigurationError naming the option."""
    with pytest.raises(liveavatar.ConfigurationError, match=option):
        client_class(api_key=API_KEY, **{option: value})  # type: ignore[arg-type]  # deliberately bad values


@CLIENTS
def test_number_timeout_keeps_a_short_connect_phase(client_class: type[LiveAvatar]) -> None:
    """A plain number sets the overall timeout and caps connecting at 5 s."""
    client = client_class(api_key=API_KEY, timeout=60)
    short = client_class(api_key=API_KEY, timeout=2)

    assert httpx.Timeout(60.0, connect=5.0) == client.timeout
    assert httpx.Timeout(2.0) == short.timeout
    close(client)
    close(short)


@CLIENTS
def test_repr_masks_the_key(client_class: type[LiveAvatar]) -> None:
    """The client's repr names its URL and shows only the key's last characters."""
    client = client_class(api_key=API_KEY)

    expected = f"{client_class.__name__}(base_url='https://api.liveavatar.com', api_key='…cdef', max_retries=2)"
    assert expected == repr(client)
    close(client)


def test_with_options_derives_a_client_sharing_the_pool(client_factory: ClientFactory) -> None:
    """with_options changes settings for the copy only, and the copy uses the same connection pool."""
    server = Recorder()
    original = client_factory(server, default_headers={"X-A": "1"})
    derived = original.client.with_options(
        api_key="sk_other_key_987654321", max_retries=0, timeout=3, default_headers={"X-B": "2"}
    )

    assert derived._http is original.client._http
    assert (0, httpx.Timeout(3.0), original.client.base_url) == (derived.max_retries, derived.timeout, derived.base_url)
    assert 2 == original.client.max_retries
    type(original)(derived).create_token(avatar_id=AVATAR_ID, persona=liveavatar.Persona())
    headers = server.requests[-1].headers
    assert ("sk_other_key_987654321", "1", "2") == (headers["x-api-key"], headers["x-a"], headers["x-b"])


def test_sync_client_closes_its_own_pool_but_not_a_given_one() -> None:
    """close() ends the pool the client made; a caller's http_client stays open for the caller."""
    own = LiveAvatar(api_key=API_KEY)
    given_http = httpx.Client()
    given = LiveAvatar(api_key=API_KEY, http_client=given_http)

    with own, given:
        pass

    assert own._http.is_closed
    assert not given_http.is_closed
    given_http.close()


def test_async_client_closes_its_own_pool_but_not_a_given_one() -> None:
    """aclose() ends the pool the client made; a caller's http_client stays open for the caller."""

    async def scenario() -> tuple[bool, bool]:
        given_http = httpx.AsyncClient()
        async with AsyncLiveAvatar(api_key=API_KEY) as own, AsyncLiveAvatar(api_key=API_KEY, http_client=given_http):
            pass
        result = (own._http.is_closed, given_http.is_closed)
        await given_http.aclose()
        return result

    assert (True, False) == asyncio.run(scenario())


@CLIENTS
def test_low_level_client_shares_key_url_and_timeout(client_class: type[LiveAvatar]) -> None:
    """The generated client behind low_level_client() has this client's key, URL and timeout, and hides the key."""
    client = client_class(api_key=API_KEY, base_url="http://127.0.0.1:9", timeout=7)
    low = client.low_level_client()

    http = low.get_httpx_client()
    assert low is client.low_level_client()
    assert API_KEY == http.headers["x-api-key"]
    assert "http://127.0.0.1:9" == str(http.base_url).rstrip("/")
    assert httpx.Timeout(7.0, connect=5.0) == http.timeout
    assert API_KEY not in repr(low)
    close(client)
    assert http.is_closed


def test_low_level_client_mints_through_the_generated_operation() -> None:
    """The escape hatch reaches the API through the generated operation, with the facade's key."""
    from liveavatar_client.api.sessions import create_session_token
    from liveavatar_client.models import LiteSessionTokenRequest

    server = Recorder()
    client = LiveAvatar(api_key=API_KEY, base_url="http://testserver")
    low = client.low_level_client()
    low.set_httpx_client(httpx.Client(base_url="http://testserver", transport=httpx.MockTransport(server)))

    response = create_session_token.sync_detailed(
        client=low, body=LiteSessionTokenRequest(avatar_id=uuid.UUID(AVATAR_ID))
    )

    assert 200 == response.status_code
    assert "LITE" == server.body["mode"]
    client.close()


def test_log_level_comes_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """LIVEAVATAR_LOG=debug sets the liveavatar logger's level and gives it a stderr handler once."""
    from liveavatar import _logging

    monkeypatch.setattr(_logging.logger, "handlers", [])
    monkeypatch.setattr(_logging.logger, "level", logging.NOTSET)
    monkeypatch.setenv("LIVEAVATAR_LOG", " DEBUG ")

    _logging.setup_from_environment()
    _logging.setup_from_environment()

    assert logging.DEBUG == _logging.logger.level
    assert 1 == len(_logging.logger.handlers)


def test_unknown_log_level_changes_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    """An unknown LIVEAVATAR_LOG value leaves logging as the application set it."""
    from liveavatar import _logging

    monkeypatch.setattr(_logging.logger, "level", logging.WARNING)
    monkeypatch.setenv("LIVEAVATAR_LOG", "chatty")

    _logging.setup_from_environment()

    assert logging.WARNING == _logging.logger.level


@CLIENTS
@pytest.mark.parametrize(
    ("headers", "problem"),
    [
        ([("X-Trace", "t")], "default_headers must be a mapping"),
        ({1: "t"}, "default_headers names must be str"),
        ({"X-Trace": "caf\u00e9"}, "an HTTP header cannot carry"),
        ({"X-Trace": 7}, "an HTTP header cannot carry"),
    ],
)
def test_default_headers_an_http_header_cannot_carry_are_refused(
    client_class: type[LiveAvatar], headers: object, problem: str
) -> None:
    """default_headers that are not a str-to-str mapping of header-safe text raise ConfigurationError when built."""
    with pytest.raises(liveavatar.ConfigurationError, match=problem):
        client_class(api_key=API_KEY, default_headers=headers)  # type: ignore[arg-type]  # deliberately bad values


def test_a_bad_per_call_max_retries_is_an_invalid_request_naming_it(client_factory: ClientFactory) -> None:
    """max_retries=-1 on one call is an InvalidRequestError on `max_retries`, and nothing is sent."""
    server = Recorder()
    minter = client_factory(server)

    with pytest.raises(liveavatar.InvalidRequestError) as caught:
        minter.create_token(avatar_id=AVATAR_ID, persona=liveavatar.Persona(), max_retries=-1)

    assert (["max_retries"], []) == ([problem.path for problem in caught.value.problems], server.requests)
