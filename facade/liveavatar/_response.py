"""Read a token response: a `SessionToken`, or the error it stands for.

This is the one place that decides which exception a response becomes. It
never lets a parsing error (`KeyError`, `ValueError`, …) through: a body the
SDK cannot understand is itself an error with a clear message.
"""

from __future__ import annotations

import json
import re
from typing import Any

import httpx

from ._config import REQUEST_ID_HEADERS
from ._errors import (
    APIResponseValidationError,
    APIStatusError,
    AuthenticationError,
    BadRequestError,
    InternalServerError,
    NotFoundError,
    PermissionDeniedError,
    RateLimitError,
    UnprocessableEntityError,
    ValidationErrorItem,
)
from ._models import SessionToken

__all__ = ["find_request_id", "session_token", "status_error"]

_STATUS_ERRORS: dict[int, type[APIStatusError]] = {
    400: BadRequestError,
    401: AuthenticationError,
    403: PermissionDeniedError,
    404: NotFoundError,
}

_MAX_TEXT_BODY = 4096
"""An HTML error page can be large; errors keep its start, which names the problem."""


_REQUEST_ID_NAMES = tuple(name.encode("ascii") for name in REQUEST_ID_HEADERS)
_REQUEST_ID_NAME_SET = frozenset(_REQUEST_ID_NAMES)


def find_request_id(headers: httpx.Headers) -> str | None:
    """The first request-id header the response carries, in `REQUEST_ID_HEADERS` order."""
    # One pass over the raw pairs: each `headers.get` scans and decodes every
    # header again, which cost more than the rest of reading a response.
    found: dict[bytes, bytes] = {}
    for name, value in headers.raw:
        lowered = name.lower()
        if lowered in _REQUEST_ID_NAME_SET and value:
            found.setdefault(lowered, value)
    for name in _REQUEST_ID_NAMES:
        if name in found:
            return found[name].decode("latin-1")
    return None


def _decode(response: httpx.Response) -> tuple[object, bool]:
    """The body as JSON if it is JSON, else as text; and whether it was JSON."""
    content = response.content
    try:
        return json.loads(content), True
    except ValueError:  # includes JSONDecodeError and UnicodeDecodeError
        text = content.decode("utf-8", errors="replace")
        return text[:_MAX_TEXT_BODY], False


def session_token(response: httpx.Response, retries_taken: int) -> SessionToken:
    """The token in a 2xx response, or `APIResponseValidationError` when it has none."""
    body, is_json = _decode(response)
    headers = response.headers
    problem: str
    if not is_json:
        problem = "the body is not JSON"
    elif not isinstance(body, dict):
        problem = "the body is not a JSON object"
    else:
        data = body.get("data")
        token = data.get("session_token") if isinstance(data, dict) else None
        session_id = data.get("session_id") if isinstance(data, dict) else None
        if isinstance(token, str) and token and isinstance(session_id, str):
            code = body.get("code")
            message = body.get("message")
            return SessionToken(
                session_id=session_id,
                session_token=token,
                code=code if isinstance(code, int) and not isinstance(code, bool) else None,
                message=message if isinstance(message, str) else None,
                request_id=find_request_id(headers),
                retries_taken=retries_taken,
            )
        problem = "it has no data.session_token" if isinstance(data, dict) else "its data is not an object"
    raise APIResponseValidationError(
        f"HTTP {response.status_code} response is not a session token: {problem}",
        status_code=response.status_code,
        body=_without_token(body),
        headers=headers,
        request_id=find_request_id(headers),
        retries_taken=retries_taken,
    )


_TOKEN_IN_TEXT = re.compile(r'("session_token"\s*:\s*")[^"]*"?')


def _without_token(body: object) -> object:
    """The body with every session token redacted: under a `session_token` key at any depth, or in text.

    A 2xx the SDK cannot read may still hold a token: cut short in transit
    (then it is only text), or in an envelope of another shape. Errors never
    carry one.
    """
    if isinstance(body, dict):
        return {key: "<redacted>" if key == "session_token" else _without_token(value) for key, value in body.items()}
    if isinstance(body, list):
        return [_without_token(item) for item in body]
    if isinstance(body, str):
        return _TOKEN_IN_TEXT.sub(r'\1<redacted>"', body)
    return body


def _server_message(body: object) -> str | None:
    """The server's own words, from the first of the fields APIs put them in."""
    if not isinstance(body, dict):
        return None
    message = body.get("message")
    if isinstance(message, str) and message:
        return message
    detail = body.get("detail")
    if isinstance(detail, str) and detail:
        return detail
    if isinstance(detail, list):
        texts = [item["msg"] for item in detail if isinstance(item, dict) and isinstance(item.get("msg"), str)]
        if texts:
            return "; ".join(texts)
    error = body.get("error")
    if isinstance(error, str) and error:
        return error
    if isinstance(error, dict) and isinstance(error.get("message"), str):
        return str(error["message"])
    data = body.get("data")
    if isinstance(data, list):
        texts = [item["message"] for item in data if isinstance(item, dict) and isinstance(item.get("message"), str)]
        if texts:
            return "; ".join(texts)
    return None


def _validation_items(body: object) -> tuple[ValidationErrorItem, ...]:
    detail = body.get("detail") if isinstance(body, dict) else None
    if not isinstance(detail, list):
        return ()
    items = []
    for entry in detail:
        if not isinstance(entry, dict):
            continue
        loc = entry.get("loc")
        items.append(
            ValidationErrorItem(
                loc=tuple(part for part in loc if isinstance(part, str | int)) if isinstance(loc, list) else (),
                msg=str(entry.get("msg", "")),
                type=str(entry.get("type", "")),
            )
        )
    return tuple(items)


def status_error(response: httpx.Response, retries_taken: int, retry_after: float | None) -> APIStatusError:
    """The exception for a non-2xx response."""
    status = response.status_code
    body, _ = _decode(response)
    reason = response.reason_phrase or "Unknown Status"
    message = _server_message(body) or f"HTTP {status} {reason} from the LiveAvatar API"
    fields: dict[str, Any] = {
        "status_code": status,
        "body": body,
        "headers": response.headers,
        "request_id": find_request_id(response.headers),
        "retries_taken": retries_taken,
    }
    if status == 422:
        return UnprocessableEntityError(message, errors=_validation_items(body), **fields)
    if status == 429:
        return RateLimitError(message, retry_after=retry_after, **fields)
    if status >= 500:
        return InternalServerError(message, **fields)
    return _STATUS_ERRORS.get(status, APIStatusError)(message, **fields)
