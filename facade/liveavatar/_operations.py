"""Every operation of the API, defined once for both clients.

An `Operation` is data: method, path, which credential it takes, its retry
rule and the function that reads its answer. Each public method is a
builder here: it checks the caller's arguments (before any I/O) and returns
a `Call`, which a client's one send path runs. `liveavatar._resources` turns
each builder into a sync and an async method, so the signature, the
docstring and the checks exist once.
"""

from __future__ import annotations

import datetime
import email.utils
import uuid
from collections.abc import Callable, Mapping
from decimal import Decimal
from typing import Any, Generic, Literal, TypeVar, overload

import attrs

from . import _request
from ._config import DEFAULT_PAGE_SIZE, MAX_OLDER_THAN, SESSION_HEARTBEAT_EVERY, TOKEN_PATH
from ._errors import APIResponseValidationError, InvalidRequestError
from ._listing import Chunk, Listing
from ._models import (
    FieldError,
    Id,
    InteractivityType,
    Memory,
    Persona,
    SessionEndReason,
    SessionInfo,
    SessionToken,
    StartedSession,
    Transcript,
    VideoSettings,
    VoiceAgent,
)
from ._request import Connector
from ._response import Reply, find_request_id, invalid_reply, read_data, read_nothing, read_parsed
from ._secrets import Secret
from ._types import NOT_GIVEN, NotGiven, TimeoutTypes

__all__ = ["Call", "Managed", "Operation", "SessionListType", "canonical_uuid"]

DEFAULT_KEEP_ALIVE_EVERY = SESSION_HEARTBEAT_EVERY
"""Seconds between a managed session's keep-alives: sessions idle out after
about 5 minutes, and the reference advises keeping alive every 2 to 3."""

_T = TypeVar("_T")

Auth = Literal["api_key", "session_token"]
"""`api_key`: the `X-API-KEY` header; `session_token`: `Authorization: Bearer <session token>`."""

RetryRule = Literal["idempotent", "start", "create"]
"""`idempotent`: retried on transport errors and 408/429/5xx; `start`: see `liveavatar._retry`;
`create` (a POST that makes a new resource each time): retried as `start` is, only when the request
cannot have reached the server or the server asked for it, so a retry never makes a second one."""

SessionListType = Literal["active", "historic"]


MAX_PAGE_SIZE = 100
"""The largest `page_size` the API documents for `GET /v1/sessions`."""


@attrs.frozen
class Operation(Generic[_T]):
    """One endpoint: how to send it and how to read its answer."""

    name: str
    method: str
    path: str
    read: Callable[[Reply], _T | APIResponseValidationError]
    auth: Auth = "api_key"
    retry: RetryRule = "idempotent"
    unauthorized_hint: str | None = None
    """Added to a 401's message: which credential this operation takes."""


class Call(Generic[_T]):
    """One invocation of an operation, checked and ready to send."""

    __slots__ = (
        "body",
        "encoded",
        "max_retries",
        "operation",
        "params",
        "path",
        "session_id",
        "session_token",
        "timeout",
    )

    def __init__(
        self,
        operation: Operation[_T],
        *,
        path: str | None = None,
        params: Mapping[str, str | int] | None = None,
        body: dict[str, Any] | None = None,
        session_token: Secret[str] | None = None,
        session_id: str | None = None,
        timeout: TimeoutTypes | NotGiven = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
    ) -> None:
        self.operation = operation
        self.path = operation.path if path is None else path
        self.params = params
        self.body = body
        self.session_token = session_token
        self.session_id = session_id
        self.timeout = timeout
        self.max_retries = max_retries
        self.encoded: Secret[bytes] | None = None
        """The body as sent, once the client has encoded it."""

    def __repr__(self) -> str:
        operation = getattr(self, "operation", None)
        return f"Call({getattr(operation, 'method', '?')} {getattr(self, 'path', '?')})"


def canonical_uuid(value: object, name: str = "session_id") -> str:
    """The canonical text of a session id, or `InvalidRequestError` naming the argument."""
    if isinstance(value, uuid.UUID):
        return str(uuid.UUID(int=value.int))
    if isinstance(value, str):
        try:
            return str(uuid.UUID(value))
        except ValueError:
            pass
    raise InvalidRequestError([FieldError(name, f"must be a session id (a UUID), got {value!r}")])


# -- reading answers -------------------------------------------------------------------------------------------


def _read_session_token(reply: Reply) -> SessionToken | APIResponseValidationError:
    """The token in a 2xx token response."""
    found = read_data(reply)
    if isinstance(found, APIResponseValidationError):
        return found
    envelope, data = found
    token = data.get("session_token")
    session_id = data.get("session_id")
    if not (isinstance(token, str) and token and isinstance(session_id, str)):
        return invalid_reply(reply, "it has no data.session_token and data.session_id", envelope)
    if not (token.isascii() and token.isprintable()):
        # It could never be sent back as `Authorization: Bearer`; a broken or hostile server.
        return invalid_reply(reply, "its data.session_token holds characters a header cannot carry", envelope)
    code = envelope.get("code")
    message = envelope.get("message")
    return SessionToken(
        session_id=session_id,
        session_token=token,
        code=code if isinstance(code, int) and not isinstance(code, bool) else None,
        message=message if isinstance(message, str) else None,
        request_id=find_request_id(reply.headers),
        retries_taken=reply.retries_taken,
    )


def _read_started(reply: Reply) -> StartedSession | APIResponseValidationError:
    from ._lowlevel import started_session  # the generated models load on the first lifecycle answer

    started = read_parsed(reply, started_session, "a started session")
    if isinstance(started, APIResponseValidationError):
        return started
    return attrs.evolve(started, request_id=find_request_id(reply.headers), retries_taken=reply.retries_taken)


def _read_session(reply: Reply) -> SessionInfo | APIResponseValidationError:
    from ._lowlevel import session_info

    return read_parsed(reply, session_info, "a session")


def server_date(headers: Mapping[str, str]) -> datetime.datetime | None:
    """The `Date` header as an aware datetime, or None when it is absent or unreadable."""
    text = headers.get("date")
    if not text:
        return None
    try:
        when = email.utils.parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    return when if when.tzinfo is not None else when.replace(tzinfo=datetime.UTC)


def _read_page(reply: Reply) -> Chunk[SessionInfo] | APIResponseValidationError:
    from ._lowlevel import session_page

    found = read_parsed(reply, session_page, "a page of sessions")
    if isinstance(found, APIResponseValidationError):
        return found
    sessions, more, count = found
    return Chunk(sessions, more, count, server_date(reply.headers))


def _read_transcript(reply: Reply) -> Transcript | APIResponseValidationError:
    from ._lowlevel import transcript

    return read_parsed(reply, transcript, "a transcript")


def _read_credits(reply: Reply) -> Decimal | APIResponseValidationError:
    from ._lowlevel import credits_left

    return read_parsed(reply, credits_left, "a credit balance")


def _read_stop(reply: Reply) -> bool:
    return True


CREATE_TOKEN = Operation("create_token", "POST", TOKEN_PATH, _read_session_token)
START = Operation(
    "start",
    "POST",
    "/v1/sessions/start",
    _read_started,
    auth="session_token",
    retry="start",
    unauthorized_hint="start takes the session token from create_token, not the API key",
)
STOP = Operation("stop", "POST", "/v1/sessions/stop", _read_stop)
KEEP_ALIVE = Operation("keep_alive", "POST", "/v1/sessions/keep-alive", read_nothing)
GET = Operation("get", "GET", "/v1/sessions/{session_id}", _read_session)
LIST = Operation("list", "GET", "/v1/sessions", _read_page)
TRANSCRIPT = Operation("transcript", "GET", "/v1/sessions/{session_id}/transcript", _read_transcript)
DELETE_EVENTS = Operation("delete_events", "DELETE", "/v1/sessions/{session_id}/events", read_nothing)
CREDITS = Operation("credits", "GET", "/v1/users/credits", _read_credits)


# -- the builders: one per public method ------------------------------------------------------------------------


@overload
def create_token(
    *,
    avatar_id: Id,
    voice_agent: VoiceAgent,
    sandbox: bool = False,
    video_settings: VideoSettings | None = None,
    max_session_duration: int | None = None,
    interactivity_type: InteractivityType | None = None,
    llm_configuration_id: Id | None = None,
    memory: Memory | None = None,
    extra_body: Mapping[str, object] | None = None,
    timeout: TimeoutTypes | NotGiven = NOT_GIVEN,
    max_retries: int | NotGiven = NOT_GIVEN,
) -> Call[SessionToken]: ...
@overload
def create_token(
    *,
    avatar_id: Id,
    persona: Persona,
    sandbox: bool = False,
    video_settings: VideoSettings | None = None,
    max_session_duration: int | None = None,
    interactivity_type: InteractivityType | None = None,
    llm_configuration_id: Id | None = None,
    dynamic_variables: Mapping[str, str] | None = None,
    memory: Memory | None = None,
    extra_body: Mapping[str, object] | None = None,
    timeout: TimeoutTypes | NotGiven = NOT_GIVEN,
    max_retries: int | NotGiven = NOT_GIVEN,
) -> Call[SessionToken]: ...
def create_token(
    *,
    avatar_id: Id,
    persona: Persona | None = None,
    voice_agent: VoiceAgent | None = None,
    sandbox: bool = False,
    video_settings: VideoSettings | None = None,
    max_session_duration: int | None = None,
    interactivity_type: InteractivityType | None = None,
    llm_configuration_id: Id | None = None,
    dynamic_variables: Mapping[str, str] | None = None,
    memory: Memory | None = None,
    extra_body: Mapping[str, object] | None = None,
    timeout: TimeoutTypes | NotGiven = NOT_GIVEN,
    max_retries: int | NotGiven = NOT_GIVEN,
) -> Call[SessionToken]:
    """Mint a FULL-mode token: LiveAvatar listens, thinks and speaks.

    Give exactly one of `voice_agent` (a stored agent; per-session dynamic
    variables go inside it) and `persona` (inline voice and context,
    deprecated upstream). `extra_body` is merged into the JSON last, for
    fields this SDK does not model yet. `timeout` and `max_retries` override
    the client's for this call.

    Raises:
        InvalidRequestError: The input breaks a rule; nothing was sent.
        APIStatusError: The API refused (a subclass per status).
        APIConnectionError: No response (`APITimeoutError` on timeout).
        APIResponseValidationError: A 2xx without a token in it.
    """
    body = _request.full_body(
        avatar_id=avatar_id,
        persona=persona,
        voice_agent=voice_agent,
        sandbox=sandbox,
        video_settings=video_settings,
        max_session_duration=max_session_duration,
        interactivity_type=interactivity_type,
        llm_configuration_id=llm_configuration_id,
        dynamic_variables=dynamic_variables,
        memory=memory,
        extra_body=extra_body,
    )
    return Call(CREATE_TOKEN, body=body, timeout=timeout, max_retries=max_retries)


def create_lite_token(
    *,
    avatar_id: Id,
    connector: Connector | None = None,
    sandbox: bool = False,
    video_settings: VideoSettings | None = None,
    max_session_duration: int | None = None,
    extra_body: Mapping[str, object] | None = None,
    timeout: TimeoutTypes | NotGiven = NOT_GIVEN,
    max_retries: int | NotGiven = NOT_GIVEN,
) -> Call[SessionToken]:
    """Mint a LITE-mode token: you bring the conversation, LiveAvatar renders the avatar.

    `connector` is your own `LiveKitConfig` room or `AgoraConfig` channel,
    or an `ElevenLabsAgentConfig`, `OpenAIRealtimeConfig` or
    `GeminiRealtimeConfig` agent; with none, LiveAvatar hosts the room and
    you stream audio over the session's `ws_url`. Otherwise as `create_token`.
    """
    body = _request.lite_body(
        avatar_id=avatar_id,
        sandbox=sandbox,
        video_settings=video_settings,
        max_session_duration=max_session_duration,
        connector=connector,
        extra_body=extra_body,
    )
    return Call(CREATE_LITE_TOKEN, body=body, timeout=timeout, max_retries=max_retries)


CREATE_LITE_TOKEN = CREATE_TOKEN


def start(
    token: SessionToken | str,
    *,
    timeout: TimeoutTypes | NotGiven = NOT_GIVEN,
    max_retries: int | NotGiven = NOT_GIVEN,
) -> Call[StartedSession]:
    """Start the session a token was minted for; billing starts here.

    Sends the session token as `Authorization: Bearer`, never the API key.
    Not idempotent, so it is retried only when the request cannot have
    reached the server, or the server asked for it (429/503 with
    `Retry-After`).

    Raises:
        SessionStartUnknownError: The answer was lost after the request may
            have reached the server: the session may be running.
        AuthenticationError: The token is wrong or expired.
        BadRequestError: Already started, no credits, or a configuration
            the server refuses at start.
    """
    given: object = token  # checked as what it may be at run time, not as typed
    text = given.session_token if isinstance(given, SessionToken) else given
    # What an HTTP header can carry: a token with a control character would be
    # refused by h11, whose error text (and httpcore's debug trace) quotes it.
    if isinstance(text, str) and text and text.isascii() and text.isprintable():
        secret = Secret.text(text)
        session_id = given.session_id if isinstance(given, SessionToken) else None
        del text
    else:
        del text
        del token, given
        raise InvalidRequestError(
            [FieldError("token", "must be a SessionToken, or the session-token text as create_token returned it")]
        )
    del token, given
    return Call(START, session_token=secret, session_id=session_id, timeout=timeout, max_retries=max_retries)


def stop(
    session_id: Id,
    *,
    reason: SessionEndReason = "USER_CLOSED",
    timeout: TimeoutTypes | NotGiven = NOT_GIVEN,
    max_retries: int | NotGiven = NOT_GIVEN,
) -> Call[bool]:
    """Stop a session: `True` when this call ended it, `False` when it had already ended.

    Idempotent: stopping an ended session is not an error (the API answers
    an ended session with 404 or with success, depending on the source; both
    mean `False`). An id the API has never seen raises `NotFoundError`.
    """
    given_reason: object = reason
    if not isinstance(given_reason, str) or not given_reason:
        raise InvalidRequestError([FieldError("reason", f"must be a SessionEndReason, got {reason!r}")])
    body = {"session_id": canonical_uuid(session_id), "reason": reason}
    return Call(STOP, body=body, session_id=body["session_id"], timeout=timeout, max_retries=max_retries)


def keep_alive(
    session_id: Id,
    *,
    timeout: TimeoutTypes | NotGiven = NOT_GIVEN,
    max_retries: int | NotGiven = NOT_GIVEN,
) -> Call[None]:
    """Reset the session's idle timer (sessions end after about 5 idle minutes)."""
    body = {"session_id": canonical_uuid(session_id)}
    return Call(KEEP_ALIVE, body=body, session_id=body["session_id"], timeout=timeout, max_retries=max_retries)


def get(
    session_id: Id,
    *,
    timeout: TimeoutTypes | NotGiven = NOT_GIVEN,
    max_retries: int | NotGiven = NOT_GIVEN,
) -> Call[SessionInfo]:
    """One session, active or ended."""
    canonical = canonical_uuid(session_id)
    return Call(GET, path=f"/v1/sessions/{canonical}", timeout=timeout, max_retries=max_retries)


def list_sessions(
    *,
    type: SessionListType = "active",
    avatar_id: Id | None = None,
    context_id: Id | None = None,
    embed_id: str | None = None,
    page_size: int | None = None,
    timeout: TimeoutTypes | NotGiven = NOT_GIVEN,
    max_retries: int | NotGiven = NOT_GIVEN,
) -> Listing[SessionInfo]:
    """Every session of that `type` (`active` or `historic`), page after page, each fetched only when reached.

    `avatar_id`, `context_id` and `embed_id` filter; `page_size` is 1 to 100
    (the API's default is 20). The listing always ends: when the sessions
    seen reach the answer's `count`, when a page brings no session not seen
    before, or after `ceil(count / page_size) + 1` pages (`MAX_LIST_PAGES`
    when the API states no count), whichever comes first. A session on two
    pages is yielded once.
    """
    problems: list[FieldError] = []
    if type not in ("active", "historic"):
        problems.append(FieldError("type", f"must be 'active' or 'historic', got {type!r}"))
    params: dict[str, str | int] = {"type": type}
    for name, value in (("avatar_id", avatar_id), ("context_id", context_id)):
        if value is not None:
            try:
                params[name] = canonical_uuid(value, name)
            except InvalidRequestError as exc:
                problems.extend(exc.problems)
    if embed_id is not None:
        # The spec types embed_id as plain text, not a UUID: sent as given.
        given_embed: object = embed_id
        if isinstance(given_embed, str) and given_embed:
            params["embed_id"] = given_embed
        else:
            problems.append(FieldError("embed_id", f"must be text, got {given_embed.__class__.__name__}"))
    if page_size is not None:
        size: object = page_size
        if isinstance(size, int) and not isinstance(size, bool) and 1 <= size <= MAX_PAGE_SIZE:
            params["page_size"] = page_size
        else:
            problems.append(FieldError("page_size", f"must be an int from 1 to {MAX_PAGE_SIZE}, got {page_size!r}"))
    if problems:
        raise InvalidRequestError(problems)

    size = DEFAULT_PAGE_SIZE if page_size is None else page_size

    def page_call(page: int) -> Call[Chunk[SessionInfo]]:
        return Call(LIST, params={**params, "page": page}, timeout=timeout, max_retries=max_retries)

    return Listing(page_call, _session_key, size)


def _session_key(session: SessionInfo) -> str:
    return session.id


def transcript(
    session_id: Id,
    *,
    start_timestamp: int | None = None,
    end_timestamp: int | None = None,
    timeout: TimeoutTypes | NotGiven = NOT_GIVEN,
    max_retries: int | NotGiven = NOT_GIVEN,
) -> Call[Transcript]:
    """A FULL session's transcript; pass `next_timestamp` back as `start_timestamp` to read on."""
    canonical = canonical_uuid(session_id)
    params: dict[str, str | int] = {}
    problems: list[FieldError] = []
    timestamps: tuple[tuple[str, object], ...] = (
        ("start_timestamp", start_timestamp),
        ("end_timestamp", end_timestamp),
    )
    for name, value in timestamps:
        if value is None:
            continue
        if isinstance(value, int) and not isinstance(value, bool):
            params[name] = value
        else:
            problems.append(FieldError(name, f"must be an int, got {type(value).__name__}"))
    if problems:
        raise InvalidRequestError(problems)
    return Call(
        TRANSCRIPT,
        path=f"/v1/sessions/{canonical}/transcript",
        params=params or None,
        timeout=timeout,
        max_retries=max_retries,
    )


def delete_events(
    session_id: Id,
    *,
    timeout: TimeoutTypes | NotGiven = NOT_GIVEN,
    max_retries: int | NotGiven = NOT_GIVEN,
) -> Call[None]:
    """Hard-delete a session's events."""
    canonical = canonical_uuid(session_id)
    return Call(DELETE_EVENTS, path=f"/v1/sessions/{canonical}/events", timeout=timeout, max_retries=max_retries)


def credits(
    *,
    timeout: TimeoutTypes | NotGiven = NOT_GIVEN,
    max_retries: int | NotGiven = NOT_GIVEN,
) -> Call[Decimal]:
    """The account's credits left, exactly (the API sends a decimal string)."""
    return Call(CREDITS, timeout=timeout, max_retries=max_retries)


class Managed:
    """A managed start: the mint to run first, how often to keep the session alive, and whether to preflight it."""

    __slots__ = ("keep_alive_every", "mint", "preflight")

    def __init__(self, mint: Call[SessionToken], keep_alive_every: float | None, preflight: bool = False) -> None:
        self.mint = mint
        self.keep_alive_every = keep_alive_every
        self.preflight = preflight

    def start(self, token: SessionToken) -> Call[StartedSession]:
        """The start call for the minted token, with the mint's per-call settings."""
        return start(token, timeout=self.mint.timeout, max_retries=self.mint.max_retries)


def _interval(keep_alive_every: float | None) -> float | None:
    given: object = keep_alive_every
    if given is None:
        return None
    if isinstance(given, int | float) and not isinstance(given, bool) and 0 < given < float("inf"):
        return float(given)
    raise InvalidRequestError([FieldError("keep_alive_every", f"must be seconds above 0, or None; got {given!r}")])


def _preflight_flag(preflight: object) -> bool:
    if isinstance(preflight, bool):
        return preflight
    raise InvalidRequestError([FieldError("preflight", f"must be a bool, got {type(preflight).__name__}")])


def start_lite(
    *,
    avatar_id: Id,
    connector: Connector | None = None,
    sandbox: bool = False,
    video_settings: VideoSettings | None = None,
    max_session_duration: int | None = None,
    extra_body: Mapping[str, object] | None = None,
    keep_alive_every: float | None = DEFAULT_KEEP_ALIVE_EVERY,
    preflight: bool = False,
    timeout: TimeoutTypes | NotGiven = NOT_GIVEN,
    max_retries: int | NotGiven = NOT_GIVEN,
) -> Managed:
    """Mint and start a LITE session that keeps itself alive; use it as a context manager to always stop it.

    Takes `create_lite_token`'s arguments and `keep_alive_every` (seconds;
    None turns the heartbeat off). If start fails after the mint, nothing is
    left running: a session that may have started is stopped before the
    error is raised. With `preflight=True` it runs `sessions.preflight_lite`
    first and raises `PreflightError` before minting when it finds an error.
    """
    every = _interval(keep_alive_every)
    check = _preflight_flag(preflight)
    mint = create_lite_token(
        avatar_id=avatar_id,
        connector=connector,
        sandbox=sandbox,
        video_settings=video_settings,
        max_session_duration=max_session_duration,
        extra_body=extra_body,
        timeout=timeout,
        max_retries=max_retries,
    )
    return Managed(mint, every, check)


@overload
def start_full(
    *,
    avatar_id: Id,
    voice_agent: VoiceAgent,
    sandbox: bool = False,
    video_settings: VideoSettings | None = None,
    max_session_duration: int | None = None,
    interactivity_type: InteractivityType | None = None,
    llm_configuration_id: Id | None = None,
    memory: Memory | None = None,
    extra_body: Mapping[str, object] | None = None,
    keep_alive_every: float | None = DEFAULT_KEEP_ALIVE_EVERY,
    preflight: bool = False,
    timeout: TimeoutTypes | NotGiven = NOT_GIVEN,
    max_retries: int | NotGiven = NOT_GIVEN,
) -> Managed: ...
@overload
def start_full(
    *,
    avatar_id: Id,
    persona: Persona,
    sandbox: bool = False,
    video_settings: VideoSettings | None = None,
    max_session_duration: int | None = None,
    interactivity_type: InteractivityType | None = None,
    llm_configuration_id: Id | None = None,
    dynamic_variables: Mapping[str, str] | None = None,
    memory: Memory | None = None,
    extra_body: Mapping[str, object] | None = None,
    keep_alive_every: float | None = DEFAULT_KEEP_ALIVE_EVERY,
    preflight: bool = False,
    timeout: TimeoutTypes | NotGiven = NOT_GIVEN,
    max_retries: int | NotGiven = NOT_GIVEN,
) -> Managed: ...
def start_full(
    *,
    avatar_id: Id,
    persona: Persona | None = None,
    voice_agent: VoiceAgent | None = None,
    sandbox: bool = False,
    video_settings: VideoSettings | None = None,
    max_session_duration: int | None = None,
    interactivity_type: InteractivityType | None = None,
    llm_configuration_id: Id | None = None,
    dynamic_variables: Mapping[str, str] | None = None,
    memory: Memory | None = None,
    extra_body: Mapping[str, object] | None = None,
    keep_alive_every: float | None = DEFAULT_KEEP_ALIVE_EVERY,
    preflight: bool = False,
    timeout: TimeoutTypes | NotGiven = NOT_GIVEN,
    max_retries: int | NotGiven = NOT_GIVEN,
) -> Managed:
    """Mint and start a FULL session from the backend (for agents that join the room themselves).

    Takes `create_token`'s arguments, `keep_alive_every` and `preflight`
    (`sessions.preflight` first); otherwise as `start_lite`.
    """
    every = _interval(keep_alive_every)
    check = _preflight_flag(preflight)
    options: dict[str, Any] = {"persona": persona, "voice_agent": voice_agent}
    if dynamic_variables is not None:
        options["dynamic_variables"] = dynamic_variables
    mint: Call[SessionToken] = create_token(
        avatar_id=avatar_id,
        sandbox=sandbox,
        video_settings=video_settings,
        max_session_duration=max_session_duration,
        interactivity_type=interactivity_type,
        llm_configuration_id=llm_configuration_id,
        memory=memory,
        extra_body=extra_body,
        timeout=timeout,
        max_retries=max_retries,
        **options,
    )
    return Managed(mint, every, check)


def reap_filter(
    *, older_than: float | None, now: datetime.datetime | None = None
) -> Callable[[SessionInfo, datetime.datetime | None], bool]:
    """Which active sessions `stop_all` stops: those at least `older_than` seconds old (all when None).

    The filter is called with a session and the server's clock when it
    listed it (the answer's `Date` header, or None). A session's age is
    the time from its `created_at` to the server's clock (this machine's
    when the answer had no `Date`; `now` when given); its `duration`, when
    the API counts it while the session runs, is a second witness: either
    showing the session old enough is enough. A session with neither is
    left alone.
    """
    given: object = older_than
    if given is None:
        return lambda session, server_now: True
    if not (isinstance(given, int | float) and not isinstance(given, bool) and 0 <= given <= MAX_OLDER_THAN):
        raise InvalidRequestError(
            [FieldError("older_than", f"must be seconds from 0 to {MAX_OLDER_THAN:g}, or None; got {given!r}")]
        )
    seconds = float(given)
    age = datetime.timedelta(seconds=seconds)

    def old_enough(session: SessionInfo, server_now: datetime.datetime | None) -> bool:
        if session.duration is not None and session.duration > 0 and session.duration >= seconds:
            return True
        if session.created_at is None:
            return False
        reference = now or server_now or datetime.datetime.now(datetime.UTC)
        return session.created_at <= reference - age

    return old_enough


def wait_settings(timeout: float | None, poll_every: float) -> tuple[float | None, float]:
    """`wait_until_ended`'s checked timeout and poll interval."""
    problems = []
    given_timeout: object = timeout
    given_poll: object = poll_every
    if given_timeout is not None and not (
        isinstance(given_timeout, int | float)
        and not isinstance(given_timeout, bool)
        and 0 < given_timeout < float("inf")
    ):
        problems.append(FieldError("timeout", f"must be seconds above 0, or None; got {given_timeout!r}"))
    if not (isinstance(given_poll, int | float) and not isinstance(given_poll, bool) and given_poll > 0):
        problems.append(FieldError("poll_every", f"must be seconds above 0, got {given_poll!r}"))
    if problems:
        raise InvalidRequestError(problems)
    return timeout, poll_every


def ws_url_of(session: object) -> Secret[str]:
    """The `ws_url` of a `StartedSession`, a managed session, or the URL itself, held as a `Secret`."""
    url = getattr(session, "ws_url", session)
    if isinstance(url, str) and url:
        return Secret.text(url)
    del url
    raise InvalidRequestError(
        [
            FieldError(
                "session",
                "must be a StartedSession or LiveSession of a LITE session without a connector (it has no ws_url), "
                f"or the ws_url text; got {type(session).__name__}",
            )
        ]
    )
