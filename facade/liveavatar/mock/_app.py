"""The mock itself: an ASGI app for LiveAvatar's token and session-lifecycle API, and its controls.

`LiveAvatarMock` owns one configuration, one clock, one token signer, one
`MockState` (faults + request log), one `Lifecycle` (tokens, sessions,
credits, transcripts) and one `LiteChannels` (the LITE sessions'
WebSockets), shares the process's one compiled schema validator, and
exposes a Starlette app (`.app`) that serves them. It does no I/O of its
own, so it can be driven in-process through `httpx.ASGITransport` or
served by uvicorn (`MockServer`, `serve`).

Every HTTP request goes through the same pipeline, in this order:

1. the body is read, at most `MockConfig.max_body_bytes` of it (a larger
   declared `Content-Length` is not read at all);
2. routing names the operation (`liveavatar.mock._routes`), so that faults
   can be aimed at one;
3. faults: the configured latency is slept (without blocking other
   requests), then a pending fault answers instead of the API. Faults come
   before size, auth and validation, because in production they come from
   what sits in front of the API (rate limiter, load balancer, a restarting
   upstream) and hit a request whatever it carries;
4. size: a body over the limit gets 413 `{"code": 413, "data": null,
   "message": ...}`;
5. no operation: any other path is a 404 and any other method a 405, with
   FastAPI's bodies (`{"detail": "Not Found"}`, `{"detail": "Method Not
   Allowed"}` plus `Allow`);
6. the operation. The token path: `X-API-KEY` must be accepted by the
   config, else 401 `{"code": 401, "data": null, "message": "Unauthorized:
   missing or invalid X-API-KEY"}` (a bearer token is not a credential
   here: only API keys mint); the body is read as FastAPI reads it (empty →
   `missing`, bad JSON or JSON nested deeper than `MAX_JSON_DEPTH` →
   `json_invalid`, a non-JSON content type → `model_attributes_type`; JSON
   that Python cannot read, such as an integer of more than 4,300 digits,
   gets FastAPI's 400 `{"detail": "There was an error parsing the body"}`
   on every operation that reads a body),
   `mode` defaulted to FULL, validated against the server's view of the
   spec, then the model-level rules (any problem → 422 `{"detail":
   [...]}`), then the business rules (`_rules`; the first failure → 400),
   then 200 `{"code": <success_code>, "data": {"session_id",
   "session_token"}, "message": "Session token created"}`. The lifecycle
   operations: `liveavatar.mock._endpoints` and `liveavatar.mock._sessions`.

Before any operation, the sessions' clock-driven ends and charges that
fell due are applied (`Lifecycle.catch_up`), so a request always sees the
state as of the clock's time.

WebSocket scopes on the LITE channel's path are served by `LiteChannels`
(`liveavatar.mock._lite`), watched on the way in and out: the socket's
keep-alives and audio keep the session from idling out, and an end the
channel announces on its own (idle, max duration) ends the session; any
other WebSocket is refused at the upgrade.

Every HTTP response carries a fresh `x-request-id` and the CORS headers a
browser needs, and every request is recorded, whatever its outcome, within
the log's limits. A browser's CORS preflight is answered 204 before step 2
(no faults, no latency); see `liveavatar.mock._cors`.
"""

from __future__ import annotations

import asyncio
import json
import re
import urllib.parse
import uuid
from collections.abc import Mapping
from decimal import Decimal
from typing import Any, Final

from starlette.applications import Starlette
from starlette.datastructures import Headers
from starlette.responses import Response
from starlette.routing import Mount
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from ._account import Account
from ._body import MAX_JSON_DEPTH, UNPARSABLE_BODY_MESSAGE, UnparsableBodyError, parse_body, read_body
from ._clock import MockClock
from ._config import MockConfig, retry_after_text
from ._cors import cors_headers, is_preflight, preflight_headers
from ._endpoints import UNAUTHORIZED_MESSAGE, Endpoints, Incoming
from ._lite import LITE_PATH_PREFIX, LiteChannelOptions, LiteChannels, LiteFrame, ws_url_for
from ._reply import Reply, envelope, refused, success, unprocessable
from ._routes import OPERATIONS, Routed, route
from ._rules import business_rejection, input_problems
from ._sessions import Lifecycle, MockSession, TranscriptLine
from ._state import Fault, MockState, RecordedRequest, mask_headers
from ._tokens import TokenMinter
from ._validation import compiled_validator, with_defaults

__all__ = ["MAX_JSON_DEPTH", "UNAUTHORIZED_MESSAGE", "LiveAvatarMock"]

SUCCESS_MESSAGE = "Session token created"
_JSON = "application/json"
_POLICY_VIOLATION: Final = 1008
_ACTIVITY: Final = re.compile(r'"type"\s*:\s*"(session\.keep_alive|agent\.speak)"')
"""A client frame that keeps a LITE session from idling: a keep-alive (counted) or audio.

A search, not a parse: base64 audio holds no `"`, so a match can only be
the frame's own `type`, and a 1 MB frame costs a scan, not a second JSON
decode (the channel decodes it anyway).
"""
_TERMINAL_STATES: Final = frozenset({"closed", "disconnected"})
"""The states the channel announces when a session ends (see `liveavatar.mock._lite`)."""


def _check_operation(operation: str | None) -> None:
    if operation is not None and operation not in OPERATIONS:
        raise ValueError(f"operation must be one of {', '.join(OPERATIONS)} (or None for all), got {operation!r}")


def _base_url(scope: Scope, headers: Headers) -> str:
    """`scheme://host[:port]` as the client addressed the mock."""
    scheme = "https" if scope.get("scheme") in ("https", "wss") else "http"
    host = headers.get("host")
    if not host:
        server = scope.get("server") or ("127.0.0.1", 80)
        host = f"{server[0]}:{server[1]}"
    return f"{scheme}://{host}"


class LiveAvatarMock:
    """A local stand-in for LiveAvatar's API, as an ASGI app plus test controls.

    In-process use, without a socket (inside async code, or `asyncio.run`)::

        mock = LiveAvatarMock()
        transport = httpx.ASGITransport(app=mock.app)
        async with httpx.AsyncClient(transport=transport, base_url="http://mock") as http:
            response = await http.post("/v1/sessions/token", headers={"X-API-KEY": "k"}, json={...})

    The controls (`fail_next`, `force_status`, `set_latency`, `requests`,
    `advance`, `sessions`, `set_credits`, `reset`, ...) are thread-safe, so a
    test can call them while a server thread is answering.
    """

    def __init__(self, config: MockConfig | None = None) -> None:
        self._config = config if config is not None else MockConfig()
        self._state = MockState(self._config)
        self._validator = compiled_validator()
        self._clock = MockClock(self._config.clock)
        self._tokens = TokenMinter(self._config.token_ttl, now=self._clock.now)
        # Registered before the channels register theirs: on `advance`, sessions end
        # (and tell their sockets) before the sockets wake to play what fell due.
        self._clock.on_advance(self._catch_up)
        self._channels = LiteChannels(
            LiteChannelOptions(
                profile=self._config.lite_profile,
                connected_delay=self._config.lite_connected_delay,
                idle_timeout=self._config.idle_timeout,
                audio_limit=self._config.lite_audio_limit,
            ),
            clock=self._clock,
        )
        self._lifecycle = Lifecycle(
            self._config,
            self._clock.now,
            open_channel=self._open_channel,
            end_channel=self._end_channel,
            keep_channel_alive=self._channels.keep_alive,
            forget_channel=self._channels.forget,
        )
        self._account = Account(self._config, self._clock.now, self._lifecycle)
        self._endpoints = Endpoints(
            self._config, self._tokens, self._lifecycle, self._clock.now, ws_url_for, self._account.start_refusal
        )
        self.app: Starlette = Starlette(routes=[Mount("/", app=self._asgi)])
        """The ASGI application; every path and method reaches the mock's pipeline."""
        self.asgi_pipeline: ASGIApp = self._asgi
        """The same pipeline as a bare ASGI callable, without Starlette's layers: what `MockServer` serves."""

    @property
    def config(self) -> MockConfig:
        """The configuration this mock was built with."""
        return self._config

    # -- faults ------------------------------------------------------------------------

    def set_latency(self, seconds: float, *, operation: str | None = None) -> None:
        """Delay every response (of one `operation`, e.g. `"start"`, when given) by `seconds` (0 to stop).

        Latency is real time, not the mock's clock: it is there to exercise
        the client's timeouts.
        """
        _check_operation(operation)
        self._state.set_latency(seconds, operation)

    def fail_next(
        self,
        count: int = 1,
        status: int = 503,
        *,
        operation: str | None = None,
        retry_after: str | float | None = None,
        body: str | Mapping[str, Any] | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> None:
        """Answer the next `count` requests (of `operation` only, when given) with `status`.

        Queued after any counted faults already pending, and ahead of a
        forced status; a fault for one operation does not hold back
        requests of another. `operation` is one of `OPERATIONS`
        (`"create_token"`, `"start"`, `"stop"`, `"keep_alive"`, `"list"`,
        `"get"`, `"transcript"`, `"delete_events"`, `"credits"`).
        `retry_after` sets `Retry-After` (a 429 gets "1" without it); `body`
        and `headers` replace the default error body (JSON envelope, or an
        HTML page for 502). See `Fault`. A failed request changes nothing:
        a start that got the fault did not start.
        """
        _check_operation(operation)
        self._state.add_counted(_fault(status, retry_after, body, headers), count, operation)

    def force_status(
        self,
        status: int,
        *,
        operation: str | None = None,
        retry_after: str | float | None = None,
        body: str | Mapping[str, Any] | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> None:
        """Answer every request (of `operation`, when given) with `status` until `clear_faults()` or `reset()`."""
        _check_operation(operation)
        self._state.set_forced(_fault(status, retry_after, body, headers), operation)

    def clear_faults(self) -> None:
        """Remove all latency and faults, including the ones from the config."""
        self._state.clear_faults()

    def reset(self) -> None:
        """Forget requests, tokens, sessions and transcripts; faults and credits go back to the config's.

        After `reset()` the mock behaves as if freshly started (a config with
        `fail_first=2` fails the next two requests again), except that its
        clock keeps its time: time never runs backwards.
        """
        self._state.reset()
        self._lifecycle.reset()
        self._channels.reset()
        self._account.reset()

    # -- the account API's state -------------------------------------------------------

    def add_avatar(self, name: str, *, avatar_id: str | None = None, **fields: Any) -> str:
        """Add a custom avatar to the caller's space (the API cannot create one) and return its id.

        `fields` set the avatar's other fields as the API sends them, e.g.
        `status="FAILED"`, `type="IMAGE"`, `is_expired=True`.
        """
        return self._account.add_avatar(name, avatar_id=avatar_id, **fields)

    def add_voice_agent(
        self,
        name: str,
        *,
        agent_type: str = "liveavatar_agent",
        agent_configuration: Mapping[str, Any] | None = None,
        agent_id: str | None = None,
    ) -> str:
        """Add a voice agent (upstream they are built in the dashboard) and return its id."""
        return self._account.add_voice_agent(
            name, agent_type=agent_type, agent_configuration=agent_configuration, agent_id=agent_id
        )

    def stored_secret(self, secret_id: str) -> str:
        """The value stored for a secret, as the mock received it (the API never returns it); KeyError if none."""
        return self._account.secret_values[secret_id]

    # -- the request log -------------------------------------------------------------

    @property
    def requests(self) -> list[RecordedRequest]:
        """The requests answered since start or `reset()`, oldest first (a copy).

        At most the latest `MockConfig.record_limit` (1000 by default), within
        `MockConfig.record_bytes_limit` of bodies.
        """
        return self._state.records()

    @property
    def last_request(self) -> RecordedRequest:
        """The most recent request; `LookupError` if there was none."""
        records = self._state.records()
        if not records:
            raise LookupError("the LiveAvatar mock has received no requests")
        return records[-1]

    def verify_token(self, token: str) -> dict[str, Any]:
        """The payload of a session token this mock minted; `ValueError` for any other string."""
        return self._tokens.verify(token)

    # -- time ------------------------------------------------------------------------

    @property
    def clock(self) -> MockClock:
        """The mock's clock (`now()`, `advance()`, `kind`)."""
        return self._clock

    def time(self) -> float:
        """The mock's time now, in seconds since the epoch (what `created_at` and a token's `exp` use)."""
        return self._clock.now()

    def advance(self, seconds: float) -> float:
        """Move the mock's clock forward by `seconds` and apply what fell due; returns the new time.

        Idle timeouts, max durations and per-minute charges (and `NO_CREDITS`)
        happen in time order, each dated when it fell due; LITE sockets get
        their due events and closes. Tokens age too (`exp`).
        """
        return self._clock.advance(seconds)

    def _catch_up(self) -> None:
        self._lifecycle.catch_up()

    # -- sessions and credits -------------------------------------------------------

    def sessions(self) -> list[MockSession]:
        """Every started session the mock remembers (active and ended), in the order they started."""
        return self._lifecycle.sessions()

    def session(self, session_id: str) -> MockSession:
        """One started session, as of now; `KeyError` if the mock started none by that id."""
        canonical = _canonical_or_given(session_id)
        return self._lifecycle.session(canonical)

    def minted_sessions(self) -> list[str]:
        """The session ids of tokens minted and not (yet) started, oldest first."""
        return self._lifecycle.minted_ids()

    @property
    def credits(self) -> Decimal:
        """The credit balance now (`GET /v1/users/credits` shows it as a decimal string)."""
        return self._lifecycle.credits

    def set_credits(self, amount: Decimal | int | str) -> None:
        """Set the credit balance (a `Decimal`, or an int or decimal string); minutes already charged stay charged."""
        value = MockConfig(credits=Decimal(amount) if isinstance(amount, int) else amount).credits
        self._lifecycle.set_credits(value)

    def add_transcript(self, session_id: str, role: str, text: str, *, at: float | None = None) -> TranscriptLine:
        """Seed one transcript entry of a started session: `role` (`"user"`, `"avatar"`), `text`.

        `at` is when it was said, in seconds since the epoch on the mock's
        clock (default: now); `absolute_timestamp` is its whole seconds and
        `relative_timestamp` its offset from the session's start.
        `LookupError` if no such session has started.
        """
        return self._lifecycle.add_transcript(_canonical_or_given(session_id), role, text, at)

    # -- LITE ----------------------------------------------------------------------

    def lite_audio(self, session_id: str) -> bytes:
        """The PCM a LITE session's clients sent over its `ws_url` (bounded); `KeyError` if it has no channel."""
        return self._channels.audio(_canonical_or_given(session_id))

    def lite_frames(self, session_id: str) -> list[LiteFrame]:
        """The frames a LITE session's clients sent (the most recent, oldest first); `KeyError` without a channel."""
        return self._channels.frames(_canonical_or_given(session_id))

    def lite_connected(self, session_id: str) -> bool:
        """Whether a socket is open on the LITE session's `ws_url`."""
        return self._channels.is_connected(_canonical_or_given(session_id))

    def _open_channel(self, session_id: str, max_duration: int | None) -> str:
        return self._channels.open(session_id, max_duration=max_duration)

    def _end_channel(self, session_id: str, reason: str) -> None:
        self._channels.end(session_id, reason)

    # -- ASGI ----------------------------------------------------------------------

    async def _asgi(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "websocket":
            await self._websocket(scope, receive, send)
            return
        if scope["type"] != "http":  # pragma: no cover - lifespan is off
            return
        headers = Headers(scope=scope)
        limit = self._config.max_body_bytes
        raw = await read_body(scope, receive, headers, limit)
        method: str = scope["method"]
        path: str = scope["path"]
        if is_preflight(method, headers):
            await self._preflight(scope, receive, send, headers, raw)
            return
        routed = route(method, path)
        latency, fault = self._state.take(routed.operation)
        if latency:
            await asyncio.sleep(latency)
        request_id = str(uuid.uuid4())
        rules: tuple[str, ...] = ()
        if fault is not None:
            reply = fault.reply()
            status, content, media_type, reply_headers = reply.status, reply.body, reply.media_type, dict(reply.headers)
        else:
            if raw is None:
                answer = envelope(413, f"Request body larger than {limit} bytes")
            else:
                try:
                    answer = self._handle(routed, scope, headers, raw)
                except UnparsableBodyError:
                    answer = Reply(400, {"detail": UNPARSABLE_BODY_MESSAGE})
            status, content, media_type, reply_headers = answer.status, answer.encode(), _JSON, dict(answer.headers)
            rules = answer.rules
        reply_headers["x-request-id"] = request_id
        for name, value in cors_headers(headers, credentials=self._config.cors_credentials).items():
            reply_headers.setdefault(name, value)
        self._state.record(
            RecordedRequest(
                method=method,
                path=path,
                query=scope["query_string"].decode("latin-1"),
                headers=mask_headers(headers.items()),
                raw_body=raw or b"",
                status=status,
                raw_response=content,
                response_media_type=media_type,
                request_id=request_id,
                rules=rules,
                operation=routed.operation,
            )
        )
        response = Response(content, status_code=status, headers=reply_headers, media_type=media_type)
        await response(scope, receive, send)

    async def _preflight(self, scope: Scope, receive: Receive, send: Send, headers: Headers, raw: bytes | None) -> None:
        """Answer a CORS preflight 204 (`liveavatar.mock._cors`), and record it like any request."""
        request_id = str(uuid.uuid4())
        reply_headers = preflight_headers(headers, credentials=self._config.cors_credentials)
        reply_headers["x-request-id"] = request_id
        self._state.record(
            RecordedRequest(
                method="OPTIONS",
                path=scope["path"],
                query=scope["query_string"].decode("latin-1"),
                headers=mask_headers(headers.items()),
                raw_body=raw or b"",
                status=204,
                raw_response=b"",
                response_media_type="",
                request_id=request_id,
                rules=(),
                operation=None,
            )
        )
        await Response(status_code=204, headers=reply_headers)(scope, receive, send)

    def _handle(self, routed: Routed, scope: Scope, headers: Headers, raw: bytes) -> Reply:
        operation = routed.operation
        if operation is None:
            if routed.allow is not None:
                return Reply(405, {"detail": "Method Not Allowed"}, {"allow": routed.allow})
            return Reply(404, {"detail": "Not Found"})
        if operation == "create_token":
            return self._create_token(headers, raw)
        request = Incoming(
            headers=headers,
            raw=raw,
            query=scope["query_string"].decode("latin-1"),
            path=scope["path"],
            base_url=_base_url(scope, headers),
            session_id=routed.session_id,
        )
        handler = self._endpoints.handlers.get(operation) or self._account.handlers[operation]
        return handler(request)

    def _create_token(self, headers: Headers, raw: bytes) -> Reply:
        if not self._config.accepts(headers.get("x-api-key")):
            return envelope(401, UNAUTHORIZED_MESSAGE)
        parsed, problem = parse_body(headers.get("content-type"), raw)
        if problem is not None:
            return unprocessable([problem])
        body = with_defaults(parsed)
        details = self._validator.problems(body)
        if not details:
            details = input_problems(body)
        if details:
            return unprocessable(details)
        rejection = business_rejection(body, self._config)
        if rejection is not None:
            return refused(rejection)
        return self._mint(body)

    def _mint(self, body: dict[str, Any]) -> Reply:
        session_id = str(uuid.uuid4())
        token = self._tokens.mint(
            session_id=session_id,
            mode=str(body["mode"]),
            sandbox=body.get("is_sandbox") is True,
            avatar_id=str(body["avatar_id"]),
        )
        self._lifecycle.minted(session_id, body)
        self._account.minted(session_id, body)
        data = {"session_id": session_id, "session_token": token}
        return success(200, self._config.success_code, data, SUCCESS_MESSAGE)

    async def _websocket(self, scope: Scope, receive: Receive, send: Send) -> None:
        if not self._channels.handles(scope):
            await send({"type": "websocket.close", "code": _POLICY_VIOLATION})  # the server answers HTTP 403
            return
        session_id = urllib.parse.unquote(str(scope["path"])[len(LITE_PATH_PREFIX) :])
        # A session that idled out while nobody asked must not be revived by a late socket.
        self._lifecycle.catch_up()
        lifecycle = self._lifecycle

        async def watched_receive() -> Message:
            message = await receive()
            if message["type"] == "websocket.receive":
                text = message.get("text")
                found = None if text is None else _ACTIVITY.search(text)
                if found is not None:
                    lifecycle.channel_activity(session_id, keep_alive=found.group(1) == "session.keep_alive")
            return message

        async def watched_send(message: Message) -> None:
            if message["type"] == "websocket.accept":
                lifecycle.channel_activity(session_id)  # the channel resets its idle timer on a new socket
            elif message["type"] == "websocket.send" and _announces_end(message.get("text")):
                lifecycle.channel_ended(session_id)
            await send(message)

        await self._channels(scope, watched_receive, watched_send)


def _announces_end(text: str | None) -> bool:
    if text is None or "session.state_updated" not in text:
        return False
    try:
        event = json.loads(text)
    except ValueError:
        return False
    return isinstance(event, dict) and event.get("state") in _TERMINAL_STATES


def _canonical_or_given(session_id: str) -> str:
    try:
        return str(uuid.UUID(session_id))
    except (ValueError, TypeError, AttributeError):
        return session_id


def _fault(
    status: int,
    retry_after: str | float | None,
    body: str | Mapping[str, Any] | None,
    headers: Mapping[str, str] | None,
) -> Fault:
    if not 100 <= status <= 599:
        raise ValueError(f"status must be an HTTP status (100-599), got {status!r}")
    return Fault(status, retry_after_text(retry_after), body, headers or {})
