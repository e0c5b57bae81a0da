"""The lifecycle operations over HTTP: credentials, parameters and bodies in, envelopes out.

Each operation authenticates first (FastAPI's order: security dependencies,
then parameters), then checks its path, query and body as FastAPI would
(422 `{"detail": [...]}` located at `["path", ...]`, `["query", ...]` or
`["body", ...]`), then asks `Lifecycle`. Credentials, per the spec:

- `start`: the session token only (`Authorization: Bearer`); anything
  else is the `start-takes-session-token` 401;
- `stop`, `keep-alive`, `DELETE .../events`: the API key or the session
  token. With the token, the session is the token's own (a `session_id`
  of another session is `token-own-session`); with the key, `stop` and
  `keep-alive` need `session_id` (`session-id-with-api-key`);
- `list`, `get`, `transcript`, `credits`: the API key only.

A bearer token must be one this mock minted and not past its `exp` on the
mock's clock (`session-token-valid`). Success envelopes carry
`MockConfig.success_code`; `start` answers 201, the rest 200.
"""

from __future__ import annotations

import re
import urllib.parse
import uuid
from collections.abc import Callable, Mapping
from typing import Any, Final

import attrs
from starlette.datastructures import Headers

from ._body import parse_body
from ._config import MockConfig
from ._reply import Reply, envelope, refused, success, unprocessable
from ._rules import (
    SESSION_ID_WITH_API_KEY,
    SESSION_TOKEN_VALID,
    START_TAKES_SESSION_TOKEN,
    START_UNAUTHORIZED_MESSAGE,
    TOKEN_OWN_SESSION,
    Rejection,
)
from ._sessions import Lifecycle, StartedData
from ._tokens import TokenMinter
from ._validation import Detail, action_problems, field_problem

__all__ = ["DEFAULT_PAGE_SIZE", "MAX_PAGE_SIZE", "Endpoints", "Incoming", "parse_json_body"]

UNAUTHORIZED_MESSAGE: Final = "Unauthorized: missing or invalid X-API-KEY"
EITHER_UNAUTHORIZED_MESSAGE: Final = "Unauthorized: missing or invalid X-API-KEY or session token"
DEFAULT_PAGE_SIZE: Final = 20
MAX_PAGE_SIZE: Final = 100
_LIST_TYPES: Final = ("active", "historic")
_FILTERS: Final = ("avatar_id", "embed_id", "context_id")
_UUID_FILTERS: Final = frozenset({"avatar_id", "context_id"})
_INTEGER: Final = re.compile(r"\s*([+-]?)0*(\d+)\s*")
"""What pydantic's lax mode parses as an int from query text: sign, leading zeros, significant digits."""
MAX_INT_DIGITS: Final = 4300
"""The most significant digits pydantic parses into an int (Python's default limit); more is `int_parsing_size`."""
_KEY: Final = "api-key"


@attrs.frozen
class Incoming:
    """One request, as the lifecycle handlers need it."""

    headers: Headers
    raw: bytes
    query: str
    path: str
    base_url: str
    """`scheme://host` as the client reached the mock, for `next`/`previous` and `ws_url`."""
    session_id: str | None = None


def parse_json_body(content_type: str | None, raw: bytes, *, required: bool) -> tuple[Any, Detail | None]:
    """The JSON body as FastAPI reads it; an empty optional body is `{}`."""
    if not raw and not required:
        return {}, None
    return parse_body(content_type, raw)


def _bearer(headers: Headers) -> str | None:
    scheme, _, credentials = headers.get("authorization", "").strip().partition(" ")
    token = credentials.strip()
    return token if scheme.lower() == "bearer" and token else None


def _canonical(value: str) -> str | None:
    try:
        return str(uuid.UUID(value))
    except ValueError:
        return None


def _uuid_problem(where: str, name: str, value: str) -> Detail:
    return field_problem((where, name), "Input should be a valid UUID", "uuid_parsing", value)


def _query(text: str) -> dict[str, str]:
    # FastAPI reads a repeated scalar parameter's last value.
    return dict(urllib.parse.parse_qsl(text, keep_blank_values=True))


def _int_param(
    params: Mapping[str, str], name: str, problems: list[Detail], *, low: int | None = None, high: int | None = None
) -> int | None:
    text = params.get(name)
    if text is None:
        return None
    parsed = _INTEGER.fullmatch(text)
    if parsed is None:
        message = "Input should be a valid integer, unable to parse string as an integer"
        problems.append(field_problem(("query", name), message, "int_parsing", text))
        return None
    sign, digits = parsed.groups()
    if len(digits) > MAX_INT_DIGITS:
        message = "Unable to parse input string as an integer, exceeded maximum size"
        problems.append(field_problem(("query", name), message, "int_parsing_size", text))
        return None
    value = int(sign + digits)
    if low is not None and value < low:
        message = f"Input should be greater than or equal to {low}"
        problems.append(field_problem(("query", name), message, "greater_than_equal", text, {"ge": low}))
    elif high is not None and value > high:
        message = f"Input should be less than or equal to {high}"
        problems.append(field_problem(("query", name), message, "less_than_equal", text, {"le": high}))
    return value


class Endpoints:
    """The lifecycle operations of one mock."""

    def __init__(
        self,
        config: MockConfig,
        tokens: TokenMinter,
        lifecycle: Lifecycle,
        now: Callable[[], float],
        ws_url: Callable[[str, str], str],
        start_check: Callable[[str], Rejection | None] = lambda session_id: None,
    ) -> None:
        self._start_check = start_check
        """Refusals of a start that live elsewhere (`start-llm-config-known`, in the account state)."""
        self._config = config
        self._tokens = tokens
        self._lifecycle = lifecycle
        self._now = now
        self._ws_url = ws_url
        self.handlers: Mapping[str, Callable[[Incoming], Reply]] = {
            "start": self.start,
            "stop": self.stop,
            "keep_alive": self.keep_alive,
            "list": self.list,
            "get": self.get,
            "transcript": self.transcript,
            "delete_events": self.delete_events,
            "credits": self.credits,
        }

    # -- credentials -------------------------------------------------------------------

    def _token_session(self, token: str) -> str | Rejection:
        try:
            payload = self._tokens.verify(token)
        except ValueError:
            return SESSION_TOKEN_VALID.refuse("Unauthorized: invalid session token")
        expires = payload.get("exp")
        if isinstance(expires, int | float) and expires < self._now():
            return SESSION_TOKEN_VALID.refuse("Unauthorized: the session token has expired")
        return str(payload.get("session_id", ""))

    def _key_or_token(self, headers: Headers) -> str | Reply:
        """`_KEY` for an accepted API key, the session id of a valid bearer token, or the 401."""
        if self._config.accepts(headers.get("x-api-key")):
            return _KEY
        token = _bearer(headers)
        if token is None:
            return envelope(401, EITHER_UNAUTHORIZED_MESSAGE)
        owner = self._token_session(token)
        return refused(owner) if isinstance(owner, Rejection) else owner

    def _key_only(self, headers: Headers) -> Reply | None:
        return None if self._config.accepts(headers.get("x-api-key")) else envelope(401, UNAUTHORIZED_MESSAGE)

    def _path_session(self, request: Incoming) -> str | Reply:
        canonical = _canonical(request.session_id or "")
        if canonical is None:
            return unprocessable([_uuid_problem("path", "session_id", request.session_id or "")])
        return canonical

    def _ok(self, data: Any, message: str, status: int = 200) -> Reply:
        return success(status, self._config.success_code, data, message)

    # -- operations ----------------------------------------------------------------------

    def start(self, request: Incoming) -> Reply:
        """`POST /v1/sessions/start`: the bearer session token starts its session (no body is read)."""
        token = _bearer(request.headers)
        if token is None:
            return refused(START_TAKES_SESSION_TOKEN.refuse(START_UNAUTHORIZED_MESSAGE))
        owner = self._token_session(token)
        if isinstance(owner, Rejection):
            return refused(owner)
        elsewhere = self._start_check(owner)
        if elsewhere is not None:
            return refused(elsewhere)
        started = self._lifecycle.start(owner)
        if isinstance(started, Rejection):
            return refused(started)
        return self._ok(self._started_data(started, request), "Session started", 201)

    def _started_data(self, started: StartedData, request: Incoming) -> dict[str, Any]:
        data: dict[str, Any] = {
            "session_id": started.session_id,
            "livekit_url": started.livekit_url,
            "livekit_client_token": started.livekit_client_token,
            "livekit_agent_token": started.livekit_agent_token,
            "max_session_duration": started.max_session_duration,
        }
        if started.channel_path is not None:
            data["ws_url"] = self._ws_url(request.base_url, started.channel_path)
            self._lifecycle.set_ws_url(started.session_id, data["ws_url"])
        return data

    def _action_target(self, operation: str, request: Incoming) -> tuple[str, dict[str, Any]] | Reply:
        """The session a `stop` or `keep-alive` is for, and its validated body."""
        who = self._key_or_token(request.headers)
        if isinstance(who, Reply):
            return who
        body, problem = parse_json_body(request.headers.get("content-type"), request.raw, required=False)
        if problem is not None:
            return unprocessable([problem])
        details = action_problems(operation, body)
        if details:
            return unprocessable(details)
        given = body.get("session_id")
        named = _canonical(given) if isinstance(given, str) else None
        if who == _KEY:
            if named is None:
                return refused(
                    SESSION_ID_WITH_API_KEY.refuse("session_id is required when authenticating with an API key")
                )
            return named, body
        if named is not None and named != who:
            return refused(TOKEN_OWN_SESSION.refuse("This session token does not grant access to that session"))
        return who, body

    def stop(self, request: Incoming) -> Reply:
        """`POST /v1/sessions/stop`: end an active session with `reason` (default `UNKNOWN`, the schema's)."""
        target = self._action_target("stop", request)
        if isinstance(target, Reply):
            return target
        session_id, body = target
        rejection = self._lifecycle.stop(session_id, str(body.get("reason", "UNKNOWN")))
        return refused(rejection) if rejection is not None else self._ok(None, "Session stopped")

    def keep_alive(self, request: Incoming) -> Reply:
        """`POST /v1/sessions/keep-alive`: reset an active session's idle timer."""
        target = self._action_target("keep_alive", request)
        if isinstance(target, Reply):
            return target
        rejection = self._lifecycle.keep_alive(target[0])
        return refused(rejection) if rejection is not None else self._ok(None, "Session kept alive")

    def list(self, request: Incoming) -> Reply:
        """`GET /v1/sessions`: one page of active or historic sessions."""
        denied = self._key_only(request.headers)
        if denied is not None:
            return denied
        params = _query(request.query)
        problems: list[Detail] = []
        type_ = params.get("type")
        if type_ is None:
            problems.append(field_problem(("query", "type"), "Field required", "missing", None))
        elif type_ not in _LIST_TYPES:
            expected = "'active' or 'historic'"
            problems.append(
                field_problem(("query", "type"), f"Input should be {expected}", "enum", type_, {"expected": expected})
            )
        page = _int_param(params, "page", problems, low=1)
        page_size = _int_param(params, "page_size", problems, low=1, high=MAX_PAGE_SIZE)
        filters: dict[str, str] = {}
        for name in _FILTERS:
            value = params.get(name)
            if value is None:
                continue
            if name in _UUID_FILTERS and _canonical(value) is None:
                problems.append(_uuid_problem("query", name, value))
            filters[name] = value
        if problems:
            return unprocessable(problems)
        assert type_ is not None  # a missing type was a problem above

        def link(number: int) -> str:
            return f"{request.base_url}{request.path}?{urllib.parse.urlencode({**params, 'page': number})}"

        data = self._lifecycle.page(
            type_=type_,
            page=page or 1,
            page_size=page_size or DEFAULT_PAGE_SIZE,
            filters=filters,
            link=link,
        )
        return self._ok(data, "Sessions")

    def get(self, request: Incoming) -> Reply:
        """`GET /v1/sessions/{session_id}`."""
        denied = self._key_only(request.headers)
        if denied is not None:
            return denied
        session_id = self._path_session(request)
        if isinstance(session_id, Reply):
            return session_id
        data = self._lifecycle.get(session_id)
        return refused(data) if isinstance(data, Rejection) else self._ok(data, "Session")

    def transcript(self, request: Incoming) -> Reply:
        """`GET /v1/sessions/{session_id}/transcript`, windowed by `start_timestamp`/`end_timestamp`."""
        denied = self._key_only(request.headers)
        if denied is not None:
            return denied
        session_id = self._path_session(request)
        if isinstance(session_id, Reply):
            return session_id
        params = _query(request.query)
        problems: list[Detail] = []
        start = _int_param(params, "start_timestamp", problems)
        end = _int_param(params, "end_timestamp", problems)
        if problems:
            return unprocessable(problems)
        data = self._lifecycle.transcript(session_id, start, end)
        return refused(data) if isinstance(data, Rejection) else self._ok(data, "Transcript")

    def delete_events(self, request: Incoming) -> Reply:
        """`DELETE /v1/sessions/{session_id}/events`."""
        who = self._key_or_token(request.headers)
        if isinstance(who, Reply):
            return who
        session_id = self._path_session(request)
        if isinstance(session_id, Reply):
            return session_id
        if who not in (_KEY, session_id):
            return refused(TOKEN_OWN_SESSION.refuse("This session token does not grant access to that session"))
        rejection = self._lifecycle.delete_events(session_id)
        return refused(rejection) if rejection is not None else self._ok(None, "Session events deleted")

    def credits(self, request: Incoming) -> Reply:
        """`GET /v1/users/credits`: the balance as a decimal string."""
        denied = self._key_only(request.headers)
        if denied is not None:
            return denied
        return self._ok({"credits_left": str(self._lifecycle.credits)}, "Credits")
