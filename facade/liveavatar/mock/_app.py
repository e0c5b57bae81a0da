"""The mock itself: an ASGI app for `POST /v1/sessions/token` and its controls.

`LiveAvatarMock` owns one configuration, one token signer and one
`MockState` (faults + request log), shares the process's one compiled
schema validator, and exposes a Starlette app (`.app`) that serves them. It
does no I/O of its own, so it can be driven in-process through
`httpx.ASGITransport` or served by uvicorn (`MockServer`, `serve`).

Every request goes through the same pipeline, in this order:

1. the body is read, at most `MockConfig.max_body_bytes` of it (a larger
   declared `Content-Length` is not read at all);
2. faults: the configured latency is slept (without blocking other
   requests), then a pending fault answers instead of the API. Faults come
   first, before auth and routing, because in production they come from
   what sits in front of the API (rate limiter, load balancer, a restarting
   upstream) and hit a request whatever it carries;
3. size: a body over the limit gets 413 `{"code": 413, "data": null,
   "message": ...}`;
4. routing: any other path is a 404 and any other method a 405, with
   FastAPI's bodies (`{"detail": "Not Found"}`, `{"detail": "Method Not
   Allowed"}` plus `Allow: POST`);
5. auth: `X-API-KEY` must be accepted by the config, else 401
   `{"code": 401, "data": null, "message": "Unauthorized: missing or invalid X-API-KEY"}`.
   A bearer token is not a credential here: only API keys mint;
6. body: read as FastAPI reads it (empty → `missing`, bad JSON or JSON
   nested deeper than `MAX_JSON_DEPTH` → `json_invalid`, a non-JSON content
   type → `model_attributes_type`), `mode` defaulted to FULL, validated
   against the server's view of the spec, then the model-level rules; any
   problem → 422 `{"detail": [...]}`;
7. business rules (`_rules`): the first failure → 400 `{"code": 400,
   "data": null, "message": ...}`;
8. success: 200 `{"code": <success_code>, "data": {"session_id",
   "session_token"}, "message": "Session token created"}`.

Every response carries a fresh `x-request-id`, and every request is
recorded, whatever its outcome, within the log's limits.
"""

from __future__ import annotations

import asyncio
import email.message
import json
import uuid
from collections.abc import Mapping
from typing import Any

import attrs
from starlette.applications import Starlette
from starlette.datastructures import Headers
from starlette.responses import Response
from starlette.routing import Mount
from starlette.types import Receive, Scope, Send

from ._config import MockConfig
from ._rules import business_rejection, input_problems, rule_for_detail
from ._state import Fault, MockState, RecordedRequest, mask_headers
from ._tokens import TokenMinter
from ._validation import TOKEN_PATH, Detail, compiled_validator, field_problem, with_defaults

__all__ = ["MAX_JSON_DEPTH", "UNAUTHORIZED_MESSAGE", "LiveAvatarMock"]

UNAUTHORIZED_MESSAGE = "Unauthorized: missing or invalid X-API-KEY"
SUCCESS_MESSAGE = "Session token created"
MAX_JSON_DEPTH = 200
"""The deepest nesting of arrays and objects a body may have; deeper is a 422 `json_invalid`.

The deepest field a token request has is four levels down, so no real body
comes near; the bound keeps parsing, validation and the JSON echo of a
422's `input` well inside Python's recursion limit, which an unbounded body
would break with a `RecursionError` (a 500 and a logged traceback).
"""
_JSON = "application/json"


@attrs.frozen
class _Reply:
    """What the API itself answers: always JSON (faults bring their own bodies)."""

    status: int
    payload: Any
    headers: Mapping[str, str] = attrs.field(factory=dict)
    rules: tuple[str, ...] = ()

    def encode(self) -> bytes:
        return json.dumps(self.payload, separators=(",", ":")).encode()


def _envelope(status: int, message: str, rules: tuple[str, ...] = ()) -> _Reply:
    return _Reply(status, {"code": status, "data": None, "message": message}, rules=rules)


def _unprocessable(details: list[Detail]) -> _Reply:
    rules = {rule.name: None for rule in map(rule_for_detail, details) if rule is not None}
    return _Reply(422, {"detail": details}, rules=tuple(rules))


def _is_json_media_type(content_type: str) -> bool:
    # FastAPI's test: application/json or application/*+json, parameters ignored.
    message = email.message.Message()
    message["content-type"] = content_type
    subtype = message.get_content_subtype()
    return message.get_content_maintype() == "application" and (subtype == "json" or subtype.endswith("+json"))


def _too_deep(value: Any, limit: int) -> bool:
    """Whether `value` nests arrays and objects more than `limit` levels deep (no recursion)."""
    stack: list[tuple[Any, int]] = [(value, 1)]
    while stack:
        node, depth = stack.pop()
        if depth > limit:
            return True
        if not isinstance(node, dict | list):
            continue
        children = node.values() if isinstance(node, dict) else node
        stack.extend((child, depth + 1) for child in children if isinstance(child, dict | list))
    return False


def _nesting_problem() -> Detail:
    return field_problem(
        ("body",), "JSON decode error", "json_invalid", {}, {"error": f"nesting deeper than {MAX_JSON_DEPTH} levels"}
    )


def _parse_body(content_type: str | None, raw: bytes) -> tuple[Any, Detail | None]:
    """The JSON body as FastAPI would read it, or the 422 problem it would report."""
    if not raw:
        return None, field_problem(("body",), "Field required", "missing", None)
    if content_type and not _is_json_media_type(content_type):
        text = raw.decode("utf-8", errors="replace")
        return None, field_problem(
            ("body",),
            "Input should be a valid dictionary or object to extract fields from",
            "model_attributes_type",
            text,
        )
    try:
        body = json.loads(raw)
    except json.JSONDecodeError as exc:
        return None, field_problem(("body", exc.pos), "JSON decode error", "json_invalid", {}, {"error": exc.msg})
    except UnicodeDecodeError as exc:
        return None, field_problem(("body", exc.start), "JSON decode error", "json_invalid", {}, {"error": exc.reason})
    except RecursionError:
        return None, _nesting_problem()
    # Counting brackets is C-speed and bounds the walk to bodies that could be too deep.
    could_be_too_deep = raw.count(b"[") + raw.count(b"{") > MAX_JSON_DEPTH
    if could_be_too_deep and _too_deep(body, MAX_JSON_DEPTH):
        return None, _nesting_problem()
    if body is None:
        return None, field_problem(("body",), "Field required", "missing", None)
    return body, None


async def _read_body(scope: Scope, receive: Receive, headers: Headers, limit: int) -> bytes | None:
    """The request body, or None when it is over `limit` bytes (the rest is left unread)."""
    declared = headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        return None
    chunks: list[bytes] = []
    size = 0
    while True:
        message = await receive()
        if message["type"] != "http.request":
            break
        chunk: bytes = message.get("body", b"")
        size += len(chunk)
        if size > limit:
            return None
        chunks.append(chunk)
        if not message.get("more_body", False):
            break
    return b"".join(chunks)


class LiveAvatarMock:
    """A local stand-in for LiveAvatar's token endpoint, as an ASGI app plus test controls.

    In-process use, without a socket (inside async code, or `asyncio.run`)::

        mock = LiveAvatarMock()
        transport = httpx.ASGITransport(app=mock.app)
        async with httpx.AsyncClient(transport=transport, base_url="http://mock") as http:
            response = await http.post("/v1/sessions/token", headers={"X-API-KEY": "k"}, json={...})

    The controls (`fail_next`, `force_status`, `set_latency`, `requests`,
    `reset`, ...) are thread-safe, so a test can call them while a server
    thread is answering.
    """

    def __init__(self, config: MockConfig | None = None) -> None:
        self._config = config if config is not None else MockConfig()
        self._state = MockState(self._config)
        self._validator = compiled_validator()
        self._tokens = TokenMinter(self._config.token_ttl)
        self.app: Starlette = Starlette(routes=[Mount("/", app=self._asgi)])
        """The ASGI application; every path and method reaches the mock's pipeline."""

    @property
    def config(self) -> MockConfig:
        """The configuration this mock was built with."""
        return self._config

    # -- controls ----------------------------------------------------------

    def set_latency(self, seconds: float) -> None:
        """Delay every response by `seconds` (0 to stop)."""
        self._state.set_latency(seconds)

    def fail_next(
        self,
        count: int = 1,
        status: int = 503,
        *,
        retry_after: str | float | None = None,
        body: str | Mapping[str, Any] | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> None:
        """Answer the next `count` requests with `status` instead of handling them.

        Queued after any counted faults already pending, and ahead of a
        forced status. `retry_after` sets `Retry-After` (a 429 gets "1"
        without it); `body` and `headers` replace the default error body
        (JSON envelope, or an HTML page for 502). See `Fault`.
        """
        self._state.add_counted(_fault(status, retry_after, body, headers), count)

    def force_status(
        self,
        status: int,
        *,
        retry_after: str | float | None = None,
        body: str | Mapping[str, Any] | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> None:
        """Answer every request with `status` until `clear_faults()` or `reset()`."""
        self._state.set_forced(_fault(status, retry_after, body, headers))

    def clear_faults(self) -> None:
        """Remove all latency and faults, including the ones from the config."""
        self._state.clear_faults()

    def reset(self) -> None:
        """Forget recorded requests and return to the config's faults (none by default).

        After `reset()` the mock behaves as if freshly started: a config
        with `fail_first=2` fails the next two requests again.
        """
        self._state.reset()

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

    # -- ASGI --------------------------------------------------------------

    async def _asgi(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":  # pragma: no cover - uvicorn runs with ws="none"
            await send({"type": "websocket.close", "code": 1008})
            return
        headers = Headers(scope=scope)
        limit = self._config.max_body_bytes
        raw = await _read_body(scope, receive, headers, limit)
        latency, fault = self._state.take()
        if latency:
            await asyncio.sleep(latency)
        request_id = str(uuid.uuid4())
        method: str = scope["method"]
        path: str = scope["path"]
        rules: tuple[str, ...] = ()
        if fault is not None:
            reply = fault.reply()
            status, content, media_type, reply_headers = reply.status, reply.body, reply.media_type, dict(reply.headers)
        else:
            if raw is None:
                answer = _envelope(413, f"Request body larger than {limit} bytes")
            else:
                answer = self._handle(method, path, headers, raw)
            status, content, media_type, reply_headers = answer.status, answer.encode(), _JSON, dict(answer.headers)
            rules = answer.rules
        reply_headers["x-request-id"] = request_id
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
            )
        )
        response = Response(content, status_code=status, headers=reply_headers, media_type=media_type)
        await response(scope, receive, send)

    def _handle(self, method: str, path: str, headers: Headers, raw: bytes) -> _Reply:
        if path != TOKEN_PATH:
            return _Reply(404, {"detail": "Not Found"})
        if method != "POST":
            return _Reply(405, {"detail": "Method Not Allowed"}, {"allow": "POST"})
        if not self._config.accepts(headers.get("x-api-key")):
            return _envelope(401, UNAUTHORIZED_MESSAGE)
        parsed, problem = _parse_body(headers.get("content-type"), raw)
        if problem is not None:
            return _unprocessable([problem])
        body = with_defaults(parsed)
        details = self._validator.problems(body)
        if not details:
            details = input_problems(body)
        if details:
            return _unprocessable(details)
        rejection = business_rejection(body, self._config)
        if rejection is not None:
            return _envelope(rejection.status, rejection.message, (rejection.rule.name,))
        return self._mint(body)

    def _mint(self, body: dict[str, Any]) -> _Reply:
        session_id = str(uuid.uuid4())
        token = self._tokens.mint(
            session_id=session_id,
            mode=str(body["mode"]),
            sandbox=body.get("is_sandbox") is True,
            avatar_id=str(body["avatar_id"]),
        )
        return _Reply(
            200,
            {
                "code": self._config.success_code,
                "data": {"session_id": session_id, "session_token": token},
                "message": SUCCESS_MESSAGE,
            },
        )


def _fault(
    status: int,
    retry_after: str | float | None,
    body: str | Mapping[str, Any] | None,
    headers: Mapping[str, str] | None,
) -> Fault:
    if not 100 <= status <= 599:
        raise ValueError(f"status must be an HTTP status (100-599), got {status!r}")
    shown = retry_after if retry_after is None or isinstance(retry_after, str) else format(retry_after, "g")
    return Fault(status, shown, body, headers or {})
