"""Hardening over `httpx.MockTransport`: checks at the boundary, typed errors, picklable errors.

`client_factory` (tests/unit/conftest.py) runs each behavioural test once with
`LiveAvatar` and once with `AsyncLiveAvatar`. Nothing here opens a socket,
except the process-pool test, whose worker uses a MockTransport too.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import copy
import json
import multiprocessing
import pickle
import uuid
from collections.abc import Callable
from typing import Any

import httpx
import pytest

import liveavatar
from liveavatar import (
    APIConnectionError,
    APIError,
    APIResponseValidationError,
    APIStatusError,
    APITimeoutError,
    AsyncLiveAvatar,
    AuthenticationError,
    BadRequestError,
    ConfigurationError,
    ConflictError,
    FieldError,
    InternalServerError,
    InvalidRequestError,
    LiveAvatar,
    LiveAvatarError,
    NotFoundError,
    PermissionDeniedError,
    RateLimitError,
    SessionStartUnknownError,
    UnprocessableEntityError,
    ValidationErrorItem,
)
from liveavatar._errors import LiteAudioError, LiteConnectError, LiteConnectionClosed, LiteTimeoutError
from liveavatar.testing import no_retry_waits
from tests.unit.support import API_KEY, AVATAR_ID, VOICE_ID, ClientFactory, Recorder, token_response
from tests.wire import hardening_support as hs

ClientClass = type[LiveAvatar] | type[AsyncLiveAvatar]
CLIENTS: list[ClientClass] = [LiveAvatar, AsyncLiveAvatar]
NESTED = b"[" * 100_000


def persona() -> liveavatar.Persona:
    return liveavatar.Persona(voice_id=VOICE_ID)


def raised(action: Callable[[], object]) -> BaseException:
    try:
        action()
    except BaseException as exc:
        return exc
    raise AssertionError("no exception was raised")


# --- no credential header in default_headers ----------------------------------------------------------


@pytest.mark.parametrize("client_class", CLIENTS)
@pytest.mark.parametrize("name", ["x-api-key", "X-Api-Key", "X-API-KEY", "Authorization", "authorization"])
def test_default_headers_with_a_credential_header_raise_configuration_error(
    client_class: ClientClass, name: str
) -> None:
    """Default_headers naming x-api-key or Authorization (any case) raise ConfigurationError."""
    error = raised(lambda: client_class(api_key=API_KEY, default_headers={name: "sk_other_0123456789abc"}))

    assert isinstance(error, ConfigurationError)
    assert isinstance(error, LiveAvatarError)
    assert "api_key" in str(error)
    assert "sk_other_0123456789abc" not in str(error)


@pytest.mark.parametrize("client_class", CLIENTS)
def test_with_options_refuses_a_credential_header_too(client_class: ClientClass) -> None:
    """With_options(default_headers={"X-Api-Key": ...}) raises ConfigurationError as the constructor does."""
    client = client_class(api_key=API_KEY)

    assert isinstance(raised(lambda: client.with_options(default_headers={"X-Api-Key": "x"})), ConfigurationError)


def test_never_two_api_key_headers_are_sent(client_factory: ClientFactory) -> None:
    """A request carries exactly one X-API-KEY, the client's, with harmless default headers beside it."""
    recorder = Recorder()
    minter = client_factory(recorder, default_headers={"X-Trace": "t-1"})

    minter.create_token(avatar_id=AVATAR_ID, persona=persona())

    request = recorder.requests[-1]
    assert [API_KEY] == request.headers.get_list("x-api-key")
    assert ["t-1"] == request.headers.get_list("x-trace")
    assert "authorization" not in request.headers


@pytest.mark.parametrize("client_class", CLIENTS)
def test_a_key_given_in_default_headers_is_not_in_the_refusals_frame_locals(client_class: ClientClass) -> None:
    """Refusing default_headers={"X-Api-Key": key} shows that key in no captured frame local."""
    error = raised(lambda: client_class(api_key="sk_live_another_key_0000", default_headers={"X-Api-Key": hs.API_KEY}))

    assert isinstance(error, ConfigurationError)
    assert [] == hs.leaking_locals(error)


# --- every error pickles and deep-copies --------------------------------------------------------------


def _headers() -> httpx.Headers:
    return httpx.Headers({"x-request-id": "req-1", "retry-after": "3"})


def _response_fields(status: int) -> dict[str, Any]:
    return {"status_code": status, "body": {"message": "m"}, "headers": _headers(), "request_id": "req-1"}


ERRORS: dict[str, Any] = {
    "LiveAvatarError": lambda: LiveAvatarError("root"),
    "ConfigurationError": lambda: ConfigurationError("no key"),
    "ClientClosedError": lambda: liveavatar.ClientClosedError("closed"),
    "InvalidRequestError": lambda: InvalidRequestError([FieldError("timeout", "bad"), FieldError("avatar_id", "x")]),
    "APIError": lambda: APIError("m", retries_taken=1, request_id="req-1"),
    "APIConnectionError": lambda: APIConnectionError("refused", retries_taken=2),
    "APITimeoutError": lambda: APITimeoutError("slow", retries_taken=2),
    "SessionStartUnknownError": lambda: SessionStartUnknownError("lost", session_id="sid-1", retries_taken=1),
    "APIResponseValidationError": lambda: APIResponseValidationError("bad", retries_taken=1, **_response_fields(200)),
    "APIStatusError": lambda: APIStatusError("redirect", **_response_fields(307)),
    "BadRequestError": lambda: BadRequestError("bad", **_response_fields(400)),
    "AuthenticationError": lambda: AuthenticationError("no", **_response_fields(401)),
    "PermissionDeniedError": lambda: PermissionDeniedError("no", **_response_fields(403)),
    "NotFoundError": lambda: NotFoundError("gone", **_response_fields(404)),
    "ConflictError": lambda: ConflictError("in use", **_response_fields(409)),
    "UnprocessableEntityError": lambda: UnprocessableEntityError(
        "invalid",
        errors=(ValidationErrorItem(loc=("body", "avatar_id", 0), msg="bad uuid", type="uuid_parsing"),),
        **_response_fields(422),
    ),
    "RateLimitError": lambda: RateLimitError("slow down", retry_after=2.5, retries_taken=2, **_response_fields(429)),
    "InternalServerError": lambda: InternalServerError("boom", **_response_fields(503)),
    "LiteConnectError": lambda: LiteConnectError("refused upgrade", status_code=403),
    "LiteConnectionClosed": lambda: LiteConnectionClosed("closed", close_code=1006, close_reason="gone"),
    "LiteTimeoutError": lambda: LiteTimeoutError("no ready state", retries_taken=0),
    "LiteAudioError": lambda: LiteAudioError("half a sample", event_id="evt-1"),
    "PreflightError": lambda: liveavatar.PreflightError(
        liveavatar.PreflightReport(
            (liveavatar.PreflightProblem("avatar_not_found", "avatar_id", "not in your space"),),
            (liveavatar.CheckResult("avatar", "failed", "not in your space"),),
        )
    ),
}


def _fields(error: BaseException) -> dict[str, Any]:
    fields = dict(vars(error))
    if isinstance(fields.get("headers"), httpx.Headers):
        fields["headers"] = list(fields["headers"].multi_items())
    return fields


def test_every_exception_class_of_the_sdk_has_a_sample() -> None:
    """The pickling samples cover every exception class `liveavatar._errors` defines."""
    import liveavatar._errors as errors_module

    defined = {
        name
        for name, value in vars(errors_module).items()
        if isinstance(value, type) and issubclass(value, BaseException) and not name.startswith("_")
    }
    assert defined == set(ERRORS)


@pytest.mark.parametrize("name", sorted(ERRORS))
@pytest.mark.parametrize("how", ["pickle", "deepcopy", "copy"])
def test_every_exception_round_trips_pickle_and_copy_with_its_fields(name: str, how: str) -> None:
    """Each exception type survives pickle, copy.deepcopy and copy.copy with type, args and fields."""
    error = ERRORS[name]()
    clone = {
        "pickle": lambda: pickle.loads(pickle.dumps(error)),
        "deepcopy": lambda: copy.deepcopy(error),
        "copy": lambda: copy.copy(error),
    }[how]()

    assert type(error) is type(clone)
    assert error.args == clone.args
    assert str(error) == str(clone)
    assert _fields(error) == _fields(clone)
    if isinstance(error, RateLimitError):
        assert 2.5 == clone.retry_after
    if isinstance(error, UnprocessableEntityError):
        assert ("body", "avatar_id", 0) == clone.errors[0].loc
    if isinstance(error, SessionStartUnknownError):
        assert "sid-1" == clone.session_id


def test_errors_raised_by_a_real_call_pickle_with_masked_secrets(client_factory: ClientFactory) -> None:
    """A 429 and a 422 raised by a call pickle with their fields; the body's token stays redacted."""
    body = {"message": "slow", "data": {"session_token": hs.SESSION_TOKEN}}
    recorder = Recorder(
        httpx.Response(429, headers={"Retry-After": "7", "x-request-id": "r-9"}, json=body),
        httpx.Response(422, json={"detail": [{"loc": ["body", "avatar_id"], "msg": "bad", "type": "uuid"}]}),
    )
    minter = client_factory(recorder, max_retries=0)

    clones = []
    for expected in (RateLimitError, UnprocessableEntityError):
        error = raised(lambda: minter.create_token(avatar_id=AVATAR_ID, persona=persona()))
        assert isinstance(error, expected)
        clone = pickle.loads(pickle.dumps(error))
        assert _fields(error) == _fields(clone)
        assert [] == hs.canary_hits(pickle.dumps(error).decode("latin-1"))
        clones.append(clone)
    rate_limited, unprocessable = clones
    assert 7.0 == rate_limited.retry_after
    assert "r-9" == rate_limited.request_id
    assert ("body", "avatar_id") == unprocessable.errors[0].loc


@pytest.mark.subprocess
@pytest.mark.parametrize("start_method", ["spawn", "fork"])
def test_a_rate_limit_error_raised_in_a_process_pool_worker_arrives_intact(start_method: str) -> None:
    """A RateLimitError raised in a ProcessPoolExecutor worker reaches the parent with its fields."""
    if start_method not in multiprocessing.get_all_start_methods():
        pytest.skip(f"no {start_method} start method here")
    context = multiprocessing.get_context(start_method)
    with concurrent.futures.ProcessPoolExecutor(max_workers=1, mp_context=context) as pool:
        future = pool.submit(hs.raise_rate_limit_in_worker, "2")
        error = future.exception(timeout=60)

    assert type(error) is RateLimitError
    assert 429 == error.status_code
    assert 2.0 == error.retry_after
    assert "req-429" == error.request_id
    assert "slow" == error.message
    assert [] == hs.canary_hits(repr(vars(error)))


# --- deeply nested JSON and unbounded timeouts -------------------------------------------------------


@pytest.mark.parametrize(
    ("status", "expected"),
    [
        (200, APIResponseValidationError),
        (400, BadRequestError),
        (422, UnprocessableEntityError),
        (429, RateLimitError),
        (500, InternalServerError),
    ],
)
@pytest.mark.parametrize("shape", ["arrays", "objects"])
def test_deeply_nested_json_is_a_typed_error_not_a_recursion_error(
    client_factory: ClientFactory, status: int, expected: type[APIStatusError | APIResponseValidationError], shape: str
) -> None:
    """100k nested `[` (or `{"a":`) in a 2xx or an error body raise the typed error, no RecursionError."""
    body = NESTED if shape == "arrays" else b'{"a":' * 100_000
    minter = client_factory(Recorder(httpx.Response(status, content=body)), max_retries=0)

    error = raised(lambda: minter.create_token(avatar_id=AVATAR_ID, persona=persona()))

    assert type(error) is expected
    assert status == error.status_code
    assert len(str(error)) < 1000


@pytest.mark.parametrize("client_class", CLIENTS)
@pytest.mark.parametrize(
    "timeout",
    [float("inf"), 1e10, float("nan"), None, 0, -1.0, True, "30", httpx.Timeout(None), httpx.Timeout(5.0, read=1e10)],
    ids=repr,
)
def test_unsane_timeouts_raise_configuration_error_from_the_constructor(
    client_class: ClientClass, timeout: object
) -> None:
    """Timeout inf, 1e10, nan, None (and other nonsense) raise ConfigurationError naming `timeout`."""
    error = raised(lambda: client_class(api_key=API_KEY, timeout=timeout))  # type: ignore[arg-type]  # deliberately wrong: None, True, "30"

    assert isinstance(error, ConfigurationError)
    assert str(error).startswith("timeout")
    with_options = raised(lambda: client_class(api_key=API_KEY).with_options(timeout=timeout))  # type: ignore[arg-type]
    assert isinstance(with_options, ConfigurationError)


@pytest.mark.parametrize(
    "timeout",
    [float("inf"), 1e10, float("nan"), None, 0, -1.0, httpx.Timeout(None), httpx.Timeout(5.0, pool=float("inf"))],
    ids=repr,
)
def test_unsane_per_call_timeouts_raise_invalid_request_error_naming_timeout(
    client_factory: ClientFactory, timeout: object
) -> None:
    """A per-call timeout inf, 1e10, nan or None is InvalidRequestError on `timeout`; nothing is sent."""
    recorder = Recorder()
    minter = client_factory(recorder)

    error = raised(lambda: minter.create_token(avatar_id=AVATAR_ID, persona=persona(), timeout=timeout))

    assert isinstance(error, InvalidRequestError)
    assert ["timeout"] == [problem.path for problem in error.problems]
    assert [] == recorder.requests


@pytest.mark.parametrize("client_class", CLIENTS)
def test_the_largest_sane_timeout_still_works_on_the_sync_and_async_paths(client_class: ClientClass) -> None:
    """Timeout=3600 (MAX_TIMEOUT) is accepted and a call runs with it, no OverflowError."""
    recorder = Recorder()
    transport = httpx.MockTransport(recorder)

    async def amint() -> Any:
        async with AsyncLiveAvatar(
            api_key=API_KEY, timeout=3600, http_client=httpx.AsyncClient(transport=transport)
        ) as client:
            token = await client.sessions.create_token(avatar_id=AVATAR_ID, persona=persona())
            await client._http.aclose()
            return token

    if client_class is LiveAvatar:
        with (
            httpx.Client(transport=transport) as pool,
            LiveAvatar(api_key=API_KEY, timeout=3600, http_client=pool) as c,
        ):
            token = c.sessions.create_token(avatar_id=AVATAR_ID, persona=persona())
    else:
        token = asyncio.run(amint())
    assert token.session_token
    assert 3600 == recorder.requests[-1].extensions["timeout"]["read"]


# --- the smaller ones ---------------------------------------------------------------------------------


@pytest.mark.parametrize("value", ["NaN", "nan", "inf", "-inf", "Infinity", "1e400"])
def test_a_non_finite_retry_after_gives_retry_after_none(client_factory: ClientFactory, value: str) -> None:
    """`Retry-After: NaN` (or inf) gives RateLimitError.retry_after None, not nan."""
    minter = client_factory(Recorder(httpx.Response(429, headers={"Retry-After": value})), max_retries=0)

    error = raised(lambda: minter.create_token(avatar_id=AVATAR_ID, persona=persona()))

    assert isinstance(error, RateLimitError)
    assert error.retry_after is None


def test_a_nan_retry_after_is_retried_with_backoff_not_a_nan_sleep(client_factory: ClientFactory) -> None:
    """A 429 with `Retry-After: NaN` is retried (the backoff wait), then succeeds."""
    recorder = Recorder(httpx.Response(429, headers={"Retry-After": "NaN"}), token_response())
    minter = client_factory(recorder)

    with no_retry_waits():
        token = minter.create_token(avatar_id=AVATAR_ID, persona=persona())

    assert 1 == token.retries_taken


@pytest.mark.parametrize("client_class", CLIENTS)
@pytest.mark.parametrize(
    "url",
    [
        "https://api.liveavatar.com/?tenant=1",
        "https://api.liveavatar.com?x",
        "https://api.liveavatar.com/#frag",
        "https://api.liveavatar.com/v1?",
        "https://api.liveavatar.com#",
    ],
)
def test_a_base_url_with_a_query_or_fragment_raises_configuration_error(
    client_class: ClientClass, url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A base_url (argument or LIVEAVATAR_BASE_URL) with a query or a fragment is refused."""
    assert isinstance(raised(lambda: client_class(api_key=API_KEY, base_url=url)), ConfigurationError)
    monkeypatch.setenv("LIVEAVATAR_BASE_URL", url)
    assert isinstance(raised(lambda: client_class(api_key=API_KEY)), ConfigurationError)


@pytest.mark.parametrize("client_class", CLIENTS)
@pytest.mark.parametrize("userinfo", ["admin:hunter2-secret@", "token-abcdef123456@", "user:p%40ss-secret@"])
def test_userinfo_in_the_base_url_is_masked_in_the_repr(client_class: ClientClass, userinfo: str) -> None:
    """Userinfo in base_url never shows in the client's repr or str (nor a derived client's)."""
    client = client_class(api_key=API_KEY, base_url=f"https://{userinfo}api.example.com/")
    secret_part = userinfo.rstrip("@")

    for text in (repr(client), str(client), repr(client.with_options(max_retries=1))):
        assert "api.example.com" in text
        for piece in [secret_part, *secret_part.split(":")]:
            assert piece not in text
        assert "…@" in text


class _OddUUID(uuid.UUID):
    """A UUID subclass whose str is not the canonical form."""

    def __str__(self) -> str:
        return "not-a-uuid; drop table"


def test_a_uuid_subclass_with_its_own_str_is_sent_canonical(client_factory: ClientFactory) -> None:
    """A uuid.UUID subclass overriding __str__ is sent in canonical form, in the body and in paths."""
    recorder = Recorder()
    minter = client_factory(recorder)

    minter.create_token(avatar_id=_OddUUID(AVATAR_ID.upper()), persona=liveavatar.Persona(voice_id=_OddUUID(VOICE_ID)))

    sent = recorder.body
    assert AVATAR_ID == sent["avatar_id"]
    assert VOICE_ID == sent["avatar_persona"]["voice_id"]
    assert "drop table" not in json.dumps(sent)


@pytest.mark.parametrize("client_class", CLIENTS)
def test_a_uuid_subclass_session_id_is_canonical_in_the_path(client_class: ClientClass) -> None:
    """Sessions.get(UUID subclass) puts the canonical id in the URL path, not the subclass's str."""
    seen: list[str] = []

    def answer(request: httpx.Request) -> httpx.Response:
        seen.append(request.url.path)
        return httpx.Response(404, json={"message": "no such session"})

    session_id = "0f5b0a52-8a4f-4d67-9a55-8f2d0b4f3c11"
    transport = httpx.MockTransport(answer)
    if client_class is LiveAvatar:
        with httpx.Client(transport=transport) as pool, LiveAvatar(api_key=API_KEY, http_client=pool) as client:
            error = raised(lambda: client.sessions.get(_OddUUID(session_id)))
    else:

        async def go() -> BaseException:
            async with (
                httpx.AsyncClient(transport=transport) as pool,
                AsyncLiveAvatar(api_key=API_KEY, http_client=pool) as client,
            ):
                try:
                    await client.sessions.get(_OddUUID(session_id))
                except BaseException as exc:
                    return exc
            raise AssertionError("no error")

        error = asyncio.run(go())
    assert isinstance(error, NotFoundError)
    assert [f"/v1/sessions/{session_id}"] == seen


@pytest.mark.parametrize("method", ["create_token", "create_lite_token"])
@pytest.mark.parametrize("duration", [10**5000, -(10**5000), 2**63], ids=["10**5000", "-10**5000", "2**63"])
def test_a_huge_max_session_duration_is_reported_against_max_session_duration(
    client_factory: ClientFactory, method: str, duration: int
) -> None:
    """Max_session_duration=10**5000 is an InvalidRequestError on `max_session_duration`, not `extra_body`."""
    recorder = Recorder()
    minter = client_factory(recorder)
    call = {"avatar_id": AVATAR_ID, "max_session_duration": duration}
    if method == "create_token":
        call["persona"] = persona()

    error = raised(lambda: getattr(minter, method)(**call))

    assert isinstance(error, InvalidRequestError)
    assert ["max_session_duration"] == [problem.path for problem in error.problems]
    assert [] == recorder.requests


# --- every hand-written __repr__ is safe on a half-built object ---------------------------------------


def _half_built_reprs() -> dict[str, type[object]]:
    from liveavatar import _live, _operations, _response, _secrets, _types
    from liveavatar._lite import _async as lite_async
    from liveavatar._lite import _sync as lite_sync

    return {
        "LiveAvatar": LiveAvatar,
        "AsyncLiveAvatar": AsyncLiveAvatar,
        "Secret": _secrets.Secret,
        "LiveSession": _live.LiveSession,
        "AsyncLiveSession": _live.AsyncLiveSession,
        "Call": _operations.Call,
        "Reply": _response.Reply,
        "ClientTimeout": _types.ClientTimeout,
        "LiteConnection": lite_sync.LiteConnection,
        "AsyncLiteConnection": lite_async.AsyncLiteConnection,
    }


@pytest.mark.parametrize(
    "name",
    [
        "LiveAvatar",
        "AsyncLiveAvatar",
        "Secret",
        "LiveSession",
        "AsyncLiveSession",
        "Call",
        "Reply",
        "ClientTimeout",
        "LiteConnection",
        "AsyncLiteConnection",
    ],
)
def test_repr_is_safe_on_a_half_built_object(name: str) -> None:
    """Repr and str of a half-built object (`cls.__new__(cls)`) do not raise."""
    cls = _half_built_reprs()[name]
    obj = cls.__new__(cls)

    assert repr(obj)
    assert str(obj)


@pytest.mark.parametrize("client_class", CLIENTS)
def test_capture_locals_formats_a_constructor_error_with_the_half_built_client(client_class: ClientClass) -> None:
    """TracebackException(capture_locals=True) formats a constructor error whose frame holds `self`."""
    error = raised(lambda: client_class(api_key=hs.API_KEY, base_url="ftp://nowhere.example"))

    text = hs.formatted(error)  # Python 3.11 calls repr() on every local, unguarded: this would raise
    assert "base_url=None" in text
    assert [] == hs.canary_hits(text)
