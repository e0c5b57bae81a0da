"""The exceptions the SDK raises, all under one root.

::

    LiveAvatarError                  anything this SDK raises on purpose
    ├── ConfigurationError           a client that cannot be set up: no key, bad URL, bad timeout (also a ValueError)
    ├── ClientClosedError            a call on a closed client (also a RuntimeError)
    ├── InvalidRequestError          bad input to a call, caught before any I/O (also a ValueError)
    ├── LiteAudioError               LITE: a stream found mid-utterance not to be 16-bit PCM (also a ValueError)
    ├── PreflightError               a preflight found errors (`report`, `problems`); nothing was minted
    └── APIError                     the call was made and went wrong (`retries_taken`, `request_id`)
        ├── APIConnectionError       no usable HTTP response: refused, reset, DNS, TLS, a local protocol error
        │   ├── APITimeoutError      the call's deadline ran out
        │   │   └── LiteTimeoutError     LITE: no ready state, or no matching event, in time
        │   ├── SessionStartUnknownError   a start whose answer was lost: the session may be running
        │   ├── LiteConnectError     LITE: the WebSocket could not be opened (`status_code` of a refused upgrade)
        │   └── LiteConnectionClosed LITE: the socket closed (`close_code`, `close_reason`)
        ├── APIResponseValidationError   a 2xx whose body is not what the operation returns
        └── APIStatusError           a non-2xx status (`status_code`, `message`, `body`, `headers`)
            ├── BadRequestError          400
            ├── AuthenticationError      401
            ├── PermissionDeniedError    403
            ├── NotFoundError            404
            ├── UnprocessableEntityError 422 (`errors`: the server's `detail` items)
            ├── RateLimitError           429 (`retry_after`)
            └── InternalServerError      500 and above

A status without a class of its own (3xx redirects, 405, 409, 413, 520, …)
raises `APIStatusError` itself. Which class a response becomes is decided in
one place, `liveavatar._response`.

No exception holds the API key or a session token, in its message, its args
or its attributes: errors are logged, pickled to other processes and sent to
error reporters far from where they happen. Every exception here survives
`pickle` and `copy.deepcopy` with its fields.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Literal

if TYPE_CHECKING:
    # Value types, built with attrs; `import liveavatar` loads neither (see _models).
    from ._models import FieldError, ValidationErrorItem
    from ._preflight import PreflightProblem, PreflightReport

__all__ = [
    "APIConnectionError",
    "APIError",
    "APIResponseValidationError",
    "APIStatusError",
    "APITimeoutError",
    "AuthenticationError",
    "BadRequestError",
    "ClientClosedError",
    "ConflictError",
    "ConfigurationError",
    "InternalServerError",
    "InvalidRequestError",
    "LiteAudioError",
    "LiteConnectError",
    "LiteConnectionClosed",
    "LiteTimeoutError",
    "LiveAvatarError",
    "NotFoundError",
    "PermissionDeniedError",
    "PreflightError",
    "RateLimitError",
    "SessionStartUnknownError",
    "UnprocessableEntityError",
]


def _rebuild(cls: type[BaseException], args: tuple[object, ...], state: dict[str, Any]) -> BaseException:
    """Unpickle an SDK exception without calling its keyword-only constructor."""
    error = cls.__new__(cls)
    BaseException.__init__(error, *args)
    error.__dict__.update(state)
    return error


class LiveAvatarError(Exception):
    """The root of every exception this SDK raises on purpose."""

    def __reduce__(self) -> tuple[Any, ...]:
        # The default (cls(*args)) cannot call keyword-only constructors, which
        # breaks process pools and task queues that pickle a raised error.
        return (_rebuild, (type(self), self.args, dict(self.__dict__)))


class ConfigurationError(LiveAvatarError, ValueError):
    """Raised when a client cannot be set up: no API key, a bad base URL, timeout or header."""


class ClientClosedError(LiveAvatarError, RuntimeError):
    """Raised by a call on a client that is closed (or derived with `with_options` from one that is)."""


class InvalidRequestError(LiveAvatarError, ValueError):
    """Raised before any I/O when a call's input breaks a rule of the API.

    `problems` lists every problem found, not just the first.
    """

    def __init__(self, problems: list[FieldError] | tuple[FieldError, ...]) -> None:
        self.problems: tuple[FieldError, ...] = tuple(problems)
        noun = "problem" if len(self.problems) == 1 else "problems"
        listed = "; ".join(str(problem) for problem in self.problems)
        super().__init__(f"invalid request ({len(self.problems)} {noun}): {listed}")


class PreflightError(LiveAvatarError):
    """Raised by `PreflightReport.raise_for_problems()`, and by `start_full`/`start_lite(preflight=True)`.

    `problems` lists every error the preflight found (warnings are on
    `report`); nothing was minted or started.
    """

    def __init__(self, report: PreflightReport) -> None:
        self.report = report
        self.problems: tuple[PreflightProblem, ...] = tuple(p for p in report.problems if p.severity == "error")
        noun = "error" if len(self.problems) == 1 else "errors"
        listed = "; ".join(f"{p.path or p.code}: {p.message}" for p in self.problems)
        super().__init__(f"preflight found {len(self.problems)} {noun}: {listed}")


def invalid_field(path: str, message: str) -> InvalidRequestError:
    """The `InvalidRequestError` for one problem with one field, for checks made outside `_request`."""
    from ._models import FieldError  # the value types load on first use, not with the clients

    return InvalidRequestError([FieldError(path, message)])


class APIError(LiveAvatarError):
    """Raised when a request was sent and did not produce a result.

    `retries_taken` says how many retries were made before giving up;
    `request_id` is the last response's request-id header, if any came back.
    """

    def __init__(self, message: str, *, retries_taken: int = 0, request_id: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.retries_taken = retries_taken
        self.request_id = request_id


class APIConnectionError(APIError):
    """Raised when no usable HTTP response came back: refused, reset, DNS or TLS failure."""

    def __init__(self, message: str = "Connection error.", *, retries_taken: int = 0) -> None:
        super().__init__(message, retries_taken=retries_taken)


class APITimeoutError(APIConnectionError):
    """Raised when the call's deadline ran out before the whole response came back."""

    def __init__(self, message: str = "Request timed out.", *, retries_taken: int = 0) -> None:
        super().__init__(message, retries_taken=retries_taken)


class SessionStartUnknownError(APIConnectionError):
    """Raised when a start request may have reached the server but its answer was lost.

    Starting is not idempotent, so the SDK does not retry it: the session
    `session_id` may be running (and billed). Stop it, or look it up with
    `sessions.get`, before starting another.
    """

    def __init__(self, message: str, *, session_id: str | None, retries_taken: int = 0) -> None:
        super().__init__(message, retries_taken=retries_taken)
        self.session_id = session_id


class _ResponseError(APIError):
    """Shared fields of the errors raised for an HTTP response."""

    def __init__(
        self,
        message: str,
        *,
        status_code: int,
        body: object,
        headers: Mapping[str, str],
        request_id: str | None,
        retries_taken: int = 0,
    ) -> None:
        super().__init__(message, retries_taken=retries_taken, request_id=request_id)
        self.status_code = status_code
        self.body = body
        """The parsed JSON body, or the start of the text when it is not JSON."""
        self.headers = headers


class APIResponseValidationError(_ResponseError):
    """Raised for a 2xx response whose body is not JSON or lacks what the operation returns."""


class APIStatusError(_ResponseError):
    """Raised for a non-2xx response; subclasses name the common statuses.

    `message` is the server's own words where it gave any.
    """


class BadRequestError(APIStatusError):
    """Raised for 400: a business rule failed, e.g. sandbox duration above 60 s."""

    status_code: Literal[400]


class AuthenticationError(APIStatusError):
    """Raised for 401: the credential is missing or wrong (the API key, or the session token for `start`)."""

    status_code: Literal[401]


class PermissionDeniedError(APIStatusError):
    """Raised for 403: the key may not use what the request names."""

    status_code: Literal[403]


class NotFoundError(APIStatusError):
    """Raised for 404: no such session, or a base URL that names the wrong path."""

    status_code: Literal[404]


class ConflictError(APIStatusError):
    """Raised for 409: the resource is in use, e.g. a voice agent that embeds still reference."""

    status_code: Literal[409]

    @property
    def embed_ids(self) -> tuple[str, ...]:
        """The referencing embed ids the answer names.

        Where the answer holds them is not published: a list in `data`, or
        `embed_ids` in `data` or at the top, are read.
        """
        body = self.body
        found: object = None
        if isinstance(body, dict):
            data = body.get("data")
            if isinstance(data, list):
                found = data
            elif isinstance(data, dict):
                found = data.get("embed_ids")
            if found is None:
                found = body.get("embed_ids")
        if not isinstance(found, list):
            return ()
        return tuple(item for item in found if isinstance(item, str))


class UnprocessableEntityError(APIStatusError):
    """Raised for 422: the server's validation refused the request.

    `errors` holds the parsed `detail` items.
    """

    status_code: Literal[422]

    def __init__(
        self,
        message: str,
        *,
        errors: tuple[ValidationErrorItem, ...] = (),
        status_code: int,
        body: object,
        headers: Mapping[str, str],
        request_id: str | None,
        retries_taken: int = 0,
    ) -> None:
        super().__init__(
            message,
            status_code=status_code,
            body=body,
            headers=headers,
            request_id=request_id,
            retries_taken=retries_taken,
        )
        self.errors = errors


class RateLimitError(APIStatusError):
    """Raised for 429 once retries are spent, or at once when the wait asked for is too long.

    `retry_after` is the wait the server asked for, in seconds, if it said.
    """

    status_code: Literal[429]

    def __init__(
        self,
        message: str,
        *,
        retry_after: float | None = None,
        status_code: int,
        body: object,
        headers: Mapping[str, str],
        request_id: str | None,
        retries_taken: int = 0,
    ) -> None:
        super().__init__(
            message,
            status_code=status_code,
            body=body,
            headers=headers,
            request_id=request_id,
            retries_taken=retries_taken,
        )
        self.retry_after = retry_after


class InternalServerError(APIStatusError):
    """Raised for a status of 500 or above."""


class LiteConnectError(APIConnectionError):
    """Raised when the LITE channel's WebSocket could not be opened: refused, unreachable, a failed handshake.

    `status_code` is the HTTP status of a refused upgrade (403 for a wrong or
    expired `ws_url`, say), `None` when no HTTP answer came back.
    """

    def __init__(self, message: str, *, status_code: int | None = None) -> None:
        super().__init__(message)
        self.status_code = status_code


class LiteConnectionClosed(APIConnectionError):
    """Raised when the LITE channel's socket has closed: on a send, a wait, or an abnormal end of `events()`.

    `close_code` and `close_reason` are what the server's close frame said;
    `close_code` is 1006 when the socket dropped without one, and `None` when
    the session reported a terminal state before the socket closed.
    """

    def __init__(self, message: str, *, close_code: int | None = None, close_reason: str = "") -> None:
        super().__init__(message)
        self.close_code = close_code
        self.close_reason = close_reason


class LiteTimeoutError(APITimeoutError):
    """Raised when the LITE channel waited its whole timeout: for the ready state, or in `wait_for`."""


class LiteAudioError(LiveAvatarError, ValueError):
    """Raised by `speak` when a stream turns out mid-utterance not to be 16-bit PCM.

    A stream that ends on half a sample, or yields something that is not
    bytes, is found only after some of it was sent. Nothing more is sent for
    that utterance (no tail, no `agent.speak_end`); `event_id` names it, so
    the caller can `interrupt()` to clear what the server already holds.
    """

    def __init__(self, message: str, *, event_id: str) -> None:
        super().__init__(message)
        self.event_id = event_id
