"""The exceptions the SDK raises, all under one root.

::

    LiveAvatarError                  anything this SDK raises on purpose
    ├── InvalidRequestError          bad input, caught before any I/O (also a ValueError)
    └── APIError                     the call was made and went wrong
        ├── APIConnectionError       no usable HTTP response: refused, reset, DNS, TLS
        │   └── APITimeoutError      the client's timeout ran out
        ├── APIResponseValidationError   a 2xx whose body is not a token envelope
        └── APIStatusError           a non-2xx status (`status_code`, `message`, `body`)
            ├── BadRequestError          400
            ├── AuthenticationError      401
            ├── PermissionDeniedError    403
            ├── NotFoundError            404
            ├── UnprocessableEntityError 422 (`errors`: the server's `detail` items)
            ├── RateLimitError           429 (`retry_after`)
            └── InternalServerError      500 and above

A status without a class of its own (409, 499, 520, …) raises `APIStatusError`
itself. Which class a response becomes is decided in one place,
`liveavatar._response`.

No exception holds the API key or a session token, in its message, its args or
its attributes: errors are logged and reported far from where they happen.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import attrs

__all__ = [
    "APIConnectionError",
    "APIError",
    "APIResponseValidationError",
    "APIStatusError",
    "APITimeoutError",
    "AuthenticationError",
    "BadRequestError",
    "FieldError",
    "InternalServerError",
    "InvalidRequestError",
    "LiveAvatarError",
    "NotFoundError",
    "PermissionDeniedError",
    "RateLimitError",
    "UnprocessableEntityError",
    "ValidationErrorItem",
]


class LiveAvatarError(Exception):
    """The root of every exception this SDK raises on purpose.

    Raised as itself when the client cannot be configured, for example when
    no API key was given.
    """


@attrs.frozen
class FieldError:
    """One problem with one input field, found before any network I/O."""

    path: str
    """Where the problem is, as the keyword path a caller wrote, e.g.
    `persona.voice_settings.speed`."""
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


class InvalidRequestError(LiveAvatarError, ValueError):
    """Raised before any I/O when the request's input breaks a rule of the API.

    `problems` lists every problem found, not just the first.
    """

    def __init__(self, problems: list[FieldError]) -> None:
        self.problems: tuple[FieldError, ...] = tuple(problems)
        noun = "problem" if len(self.problems) == 1 else "problems"
        listed = "; ".join(str(problem) for problem in self.problems)
        super().__init__(f"invalid request ({len(self.problems)} {noun}): {listed}")


class APIError(LiveAvatarError):
    """Raised when a request was sent and did not produce a token.

    `retries_taken` says how many retries were made before giving up.
    """

    def __init__(self, message: str, *, retries_taken: int = 0) -> None:
        super().__init__(message)
        self.message = message
        self.retries_taken = retries_taken


class APIConnectionError(APIError):
    """Raised when no HTTP response came back: refused, reset, DNS or TLS failure."""

    def __init__(self, message: str = "Connection error.", *, retries_taken: int = 0) -> None:
        super().__init__(message, retries_taken=retries_taken)


class APITimeoutError(APIConnectionError):
    """Raised when the client's timeout ran out before a response came back."""

    def __init__(self, message: str = "Request timed out.", *, retries_taken: int = 0) -> None:
        super().__init__(message, retries_taken=retries_taken)


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
        super().__init__(message, retries_taken=retries_taken)
        self.status_code = status_code
        self.body = body
        """The parsed JSON body, or the text when it is not JSON."""
        self.headers = headers
        self.request_id = request_id


class APIResponseValidationError(_ResponseError):
    """Raised for a 2xx response whose body is not JSON or has no `data.session_token`."""


class APIStatusError(_ResponseError):
    """Raised for a non-2xx response; subclasses name the common statuses.

    `message` is the server's own words where it gave any.
    """


class BadRequestError(APIStatusError):
    """Raised for 400: a business rule failed, e.g. sandbox duration above 60 s."""


class AuthenticationError(APIStatusError):
    """Raised for 401: the API key is missing, wrong, or not a LiveAvatar key."""


class PermissionDeniedError(APIStatusError):
    """Raised for 403: the key may not use what the request names."""


class NotFoundError(APIStatusError):
    """Raised for 404."""


@attrs.frozen
class ValidationErrorItem:
    """One item of a 422 response's `detail`: where, what, and the error type."""

    loc: tuple[str | int, ...]
    msg: str
    type: str


class UnprocessableEntityError(APIStatusError):
    """Raised for 422: the server's validation refused the body.

    `errors` holds the parsed `detail` items.
    """

    def __init__(self, message: str, *, errors: tuple[ValidationErrorItem, ...] = (), **kwargs: Any) -> None:
        super().__init__(message, **kwargs)
        self.errors = errors


class RateLimitError(APIStatusError):
    """Raised for 429 once retries are spent, or at once when the wait asked for is too long.

    `retry_after` is the wait the server asked for, in seconds, if it said.
    """

    def __init__(self, message: str, *, retry_after: float | None = None, **kwargs: Any) -> None:
        super().__init__(message, **kwargs)
        self.retry_after = retry_after


class InternalServerError(APIStatusError):
    """Raised for a status of 500 or above."""
