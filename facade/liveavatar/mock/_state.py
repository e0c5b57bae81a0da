"""What a mock remembers between requests: its faults and its request log.

Tests change faults and read records from their own thread while the server
thread answers requests, so everything here sits behind one lock, held only
for a few list operations (never across I/O or `await`).

Faults come in two kinds:

- counted ("fail the next N requests"), queued in the order they were
  added, each used up before the next one starts;
- forced ("every request"), at most one, used when no counted fault is
  pending, until cleared.

So `force_status(503)` followed by `fail_next(2, 429)` gives 429, 429, then
503 for good: a counted fault always means "the very next requests".

Each fault, and the latency, may be aimed at one operation (`"start"`,
`"stop"`, ...; the names in `liveavatar.mock._routes.OPERATIONS`). A counted
fault for `start` is used up only by starts, and does not hold back the
faults queued behind it for other requests; a forced status or latency for
one operation wins over the all-operation one for that operation. A request
that matches no operation (a 404 or 405 path) meets only the
all-operation faults.

The log is bounded twice, by count (`MockConfig.record_limit`) and by the
body bytes it holds (`MockConfig.record_bytes_limit`), dropping the oldest
first, so a mock left running for days stays as small as a fresh one.
Records keep bytes, not parsed JSON: parsing happens when a test reads
`body`, which costs the request path nothing and keeps a record's size
close to what was on the wire.
"""

from __future__ import annotations

import collections
import http
import json
import math
import threading
from collections.abc import Mapping
from types import MappingProxyType
from typing import Any

import attrs

from liveavatar._secrets import mask

from ._config import MockConfig

__all__ = ["Fault", "FaultReply", "MockState", "RecordedRequest", "mask_headers"]

_SECRET_HEADERS = frozenset({"x-api-key", "authorization"})
_BAD_GATEWAY_HTML = (
    "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n"
    "<center><h1>502 Bad Gateway</h1></center>\r\n</body>\r\n</html>\r\n"
)
_JSON = "application/json"


def mask_headers(headers: list[tuple[str, str]]) -> Mapping[str, str]:
    """Request headers with lower-case names, repeated ones joined, secrets masked as the package masks them."""
    joined: dict[str, str] = {}
    for name, value in headers:
        name = name.lower()
        shown = mask(value) if name in _SECRET_HEADERS else value
        joined[name] = f"{joined[name]}, {shown}" if name in joined else shown
    return MappingProxyType(joined)


def _json_or_none(raw: bytes) -> Any:
    if not raw:
        return None
    try:
        return json.loads(raw)
    except (ValueError, RecursionError):  # JSONDecodeError and UnicodeDecodeError are ValueErrors
        return None


def _frozen_headers(headers: Mapping[str, str]) -> Mapping[str, str]:
    return MappingProxyType(dict(headers))


@attrs.frozen
class RecordedRequest:
    """One request the mock answered, as a test would want to assert on it.

    `headers` has lower-case names, with `x-api-key` and `authorization`
    masked by `liveavatar._secrets.mask` (the last four characters of a
    value of twelve or more, `…` alone for a shorter one). `raw_body` is the
    bytes received (empty when the body was refused unread, over the size
    limit); `body` is them parsed as JSON, unknown fields and all (`None`
    when empty or not JSON). `response_body` is the parsed JSON answer, or
    its text when not JSON. `rules` names the rules of the table in
    `liveavatar.mock._rules` that refused the request (empty when none did).
    `operation` is the operation the path named (`"start"`, `"list"`, ...;
    None for a path the mock does not serve).
    """

    method: str
    path: str
    query: str
    headers: Mapping[str, str]
    raw_body: bytes
    status: int
    raw_response: bytes
    response_media_type: str
    request_id: str
    rules: tuple[str, ...] = ()
    operation: str | None = None

    @property
    def body(self) -> Any:
        """The request body parsed as JSON, or None."""
        return _json_or_none(self.raw_body)

    @property
    def response_body(self) -> Any:
        """The response parsed as JSON when it was JSON, else its text."""
        if self.response_media_type == _JSON:
            return _json_or_none(self.raw_response)
        return self.raw_response.decode("utf-8", errors="replace")

    @property
    def api_key(self) -> str | None:
        """The masked `X-API-KEY` sent, or None."""
        return self.headers.get("x-api-key")

    @property
    def size(self) -> int:
        """The body bytes this record holds, counted against `MockConfig.record_bytes_limit`."""
        return len(self.raw_body) + len(self.raw_response)


@attrs.frozen
class FaultReply:
    """The response a fault produces."""

    status: int
    body: bytes
    media_type: str
    headers: Mapping[str, str]


@attrs.frozen
class Fault:
    """A response the mock gives instead of handling the request.

    Without `body`, a 502 answers with a proxy's HTML page (as a load
    balancer in front of the API would) and any other status with the JSON
    envelope `{"code": status, "data": null, "message": <reason>}`. A `str`
    body is sent as `text/plain` unless `headers` sets `content-type`; a
    mapping is sent as JSON. `retry_after` becomes the `Retry-After` header;
    a 429 without one gets `"1"` (the API's windows are one second long).
    """

    status: int
    retry_after: str | None = None
    body: str | Mapping[str, Any] | None = None
    headers: Mapping[str, str] = attrs.field(factory=dict, converter=_frozen_headers)

    def reply(self) -> FaultReply:
        """The status, body and headers to send."""
        headers = {name.lower(): value for name, value in self.headers.items()}
        retry_after = self.retry_after
        if retry_after is None and self.status == http.HTTPStatus.TOO_MANY_REQUESTS:
            retry_after = "1"
        if retry_after is not None:
            headers.setdefault("retry-after", retry_after)
            if self.status == http.HTTPStatus.TOO_MANY_REQUESTS and retry_after.isdigit():
                headers.setdefault("x-ratelimit-reset", retry_after)
        if self.body is None and self.status == http.HTTPStatus.BAD_GATEWAY:
            media_type, content = "text/html", _BAD_GATEWAY_HTML.encode()
        elif self.body is None:
            media_type, content = _JSON, _json_bytes(_envelope(self.status))
        elif isinstance(self.body, str):
            media_type, content = "text/plain", self.body.encode()
        else:
            media_type, content = _JSON, _json_bytes(dict(self.body))
        media_type = headers.pop("content-type", media_type)
        return FaultReply(self.status, content, media_type, MappingProxyType(headers))


def _envelope(status: int) -> dict[str, Any]:
    try:
        reason = http.HTTPStatus(status).phrase
    except ValueError:
        reason = "Error"
    return {"code": status, "data": None, "message": reason}


def _json_bytes(value: Any) -> bytes:
    return json.dumps(value, separators=(",", ":")).encode()


@attrs.define
class _Counted:
    fault: Fault
    remaining: int
    operation: str | None = None

    def applies_to(self, operation: str | None) -> bool:
        return self.operation is None or self.operation == operation


class MockState:
    """Faults, latency and the request log of one mock, safe to use from any thread."""

    def __init__(self, config: MockConfig) -> None:
        self._config = config
        self._lock = threading.Lock()
        self._records: collections.deque[RecordedRequest] = collections.deque()
        self._recorded_bytes = 0
        # Keyed by operation; the None key is every operation's.
        self._latency: dict[str | None, float] = {}
        self._counted: collections.deque[_Counted] = collections.deque()
        self._forced: dict[str | None, Fault] = {}
        self.reset()

    def reset(self) -> None:
        """Forget the records and go back to the config's faults."""
        config = self._config
        with self._lock:
            self._records.clear()
            self._recorded_bytes = 0
            scope = config.fault_operation
            self._latency = {scope: config.latency} if config.latency else {}
            self._counted.clear()
            if config.fail_first:
                fault = Fault(config.fail_status, config.retry_after)
                self._counted.append(_Counted(fault, config.fail_first, scope))
            self._forced = {}
            if config.force_status is not None:
                self._forced[scope] = Fault(config.force_status, config.retry_after)

    def clear_faults(self) -> None:
        """No latency, no counted or forced faults."""
        with self._lock:
            self._latency.clear()
            self._counted.clear()
            self._forced.clear()

    def set_latency(self, seconds: float, operation: str | None = None) -> None:
        """Delay every response (of `operation`, when given) by `seconds`."""
        if not (seconds >= 0 and math.isfinite(seconds)):
            raise ValueError(f"latency must be a finite number >= 0, got {seconds!r}")
        with self._lock:
            self._latency[operation] = seconds

    def add_counted(self, fault: Fault, count: int, operation: str | None = None) -> None:
        """Answer the next `count` requests (of `operation`, when given) with `fault`, after those queued."""
        # Written so that NaN fails too; a float such as 1.5 would never count down to 0.
        if not count >= 1 or count != int(count):
            raise ValueError(f"count must be a whole number >= 1, got {count!r}")
        with self._lock:
            self._counted.append(_Counted(fault, count, operation))

    def set_forced(self, fault: Fault | None, operation: str | None = None) -> None:
        """Answer every request (of `operation`, when given) with `fault` (None: stop) when no counted one is due."""
        with self._lock:
            if fault is None:
                self._forced.pop(operation, None)
            else:
                self._forced[operation] = fault

    def take(self, operation: str | None = None) -> tuple[float, Fault | None]:
        """The latency and the fault (if any) for a request of `operation` arriving now."""
        with self._lock:
            latency = self._latency.get(operation, self._latency.get(None, 0.0))
            for index, counted in enumerate(self._counted):
                if counted.applies_to(operation):
                    counted.remaining -= 1
                    if counted.remaining == 0:
                        del self._counted[index]
                    return latency, counted.fault
            forced = self._forced.get(operation) if operation is not None else None
            return latency, forced if forced is not None else self._forced.get(None)

    def record(self, request: RecordedRequest) -> None:
        """Add one answered request to the log, dropping the oldest beyond the config's limits."""
        count_limit, bytes_limit = self._config.record_limit, self._config.record_bytes_limit
        if count_limit == 0:
            return
        with self._lock:
            records = self._records
            records.append(request)
            self._recorded_bytes += request.size
            while len(records) > count_limit or (self._recorded_bytes > bytes_limit and len(records) > 1):
                self._recorded_bytes -= records.popleft().size

    def records(self) -> list[RecordedRequest]:
        """A copy of the log, oldest first."""
        with self._lock:
            return list(self._records)
