"""Read a response: the operation's result, or the error it stands for.

This is the one place that decides which exception a response becomes. Its
functions return errors instead of raising them: the send loop raises, from
a frame that holds no response body, so a reporter that captures frame
locals never sees a token that was in one. No parsing error (`KeyError`,
`ValueError`, `RecursionError`, …) gets through: a body the SDK cannot
understand is itself an error with a clear message.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar, cast

import httpx

from ._config import MAX_RESPONSE_BYTES, REQUEST_ID_HEADERS
from ._errors import (
    APIResponseValidationError,
    APIStatusError,
    AuthenticationError,
    BadRequestError,
    ConflictError,
    InternalServerError,
    NotFoundError,
    PermissionDeniedError,
    RateLimitError,
    UnprocessableEntityError,
)

if TYPE_CHECKING:
    from ._models import ValidationErrorItem

__all__ = [
    "Reply",
    "find_request_id",
    "invalid_reply",
    "read_data",
    "read_nothing",
    "read_parsed_list",
    "status_error",
]

_T = TypeVar("_T")

_STATUS_ERRORS: dict[int, type[APIStatusError]] = {
    400: BadRequestError,
    401: AuthenticationError,
    403: PermissionDeniedError,
    404: NotFoundError,
    409: ConflictError,
}

_MAX_TEXT_BODY = 4096
"""An HTML error page can be large; errors keep its start, which names the problem."""

_REQUEST_ID_NAMES = tuple(name.encode("ascii") for name in REQUEST_ID_HEADERS)
_REQUEST_ID_NAME_SET = frozenset(_REQUEST_ID_NAMES)


class Reply:
    """A response as the readers see it: status, headers and the body read so far."""

    __slots__ = ("content", "headers", "reason", "retries_taken", "status", "truncated", "undecodable")

    def __init__(
        self,
        response: httpx.Response,
        content: bytes,
        truncated: bool,
        retries_taken: int,
        undecodable: bool = False,
    ) -> None:
        self.status = response.status_code
        self.reason = response.reason_phrase
        self.headers = response.headers
        self.content = content
        """The body, cut at `MAX_RESPONSE_BYTES` when `truncated`."""
        self.truncated = truncated
        self.retries_taken = retries_taken
        self.undecodable = undecodable
        """Whether the body's Content-Encoding did not decode (then `content` is empty)."""

    def __repr__(self) -> str:
        # Never the content: a token response holds the token.
        return f"Reply(status={getattr(self, 'status', None)}, bytes={len(getattr(self, 'content', b''))})"


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


def _decode(reply: Reply) -> tuple[object, bool]:
    """The body as JSON if it is JSON, else the start of its text; and whether it was JSON."""
    if not reply.truncated:
        try:
            return json.loads(reply.content), True
        # ValueError covers JSONDecodeError and UnicodeDecodeError; RecursionError
        # is what deeply nested arrays raise.
        except (ValueError, RecursionError):
            pass
    return reply.content[:_MAX_TEXT_BODY].decode("utf-8", errors="replace"), False


def invalid_reply(reply: Reply, problem: str, body: object) -> APIResponseValidationError:
    """The error for a 2xx whose body is not what the operation returns, with any token in it redacted."""
    return APIResponseValidationError(
        f"HTTP {reply.status} response is not what the operation returns: {problem}",
        status_code=reply.status,
        body=_without_secrets(body),
        headers=reply.headers,
        request_id=find_request_id(reply.headers),
        retries_taken=reply.retries_taken,
    )


def read_data(reply: Reply) -> tuple[dict[str, Any], dict[str, Any]] | APIResponseValidationError:
    """The envelope and its `data` object of a 2xx response, or the error saying why there is none."""
    if reply.undecodable:
        return invalid_reply(reply, "the body does not inflate as its Content-Encoding says", "")
    if reply.truncated:
        return invalid_reply(reply, f"the body is over the {MAX_RESPONSE_BYTES}-byte limit", _decode(reply)[0])
    envelope, is_json = _decode(reply)
    if not is_json:
        return invalid_reply(reply, "the body is not JSON", envelope)
    if not isinstance(envelope, dict):
        return invalid_reply(reply, "the body is not a JSON object", envelope)
    data = envelope.get("data")
    if not isinstance(data, dict):
        return invalid_reply(reply, "its data is not an object", envelope)
    return envelope, data


def read_parsed(reply: Reply, parse: Callable[[dict[str, Any]], _T], what: str) -> _T | APIResponseValidationError:
    """The `data` object parsed by `parse`, or the error naming `what` was expected."""
    found = read_data(reply)
    if isinstance(found, APIResponseValidationError):
        return found
    envelope, data = found
    try:
        return parse(data)
    # What a generated model's from_dict raises on a body of another shape.
    except (KeyError, TypeError, ValueError, AttributeError, OverflowError) as exc:
        return invalid_reply(reply, f"its data is not {what} ({type(exc).__name__}: {exc})", envelope)


def read_parsed_list(reply: Reply, parse: Callable[[list[Any]], _T], what: str) -> _T | APIResponseValidationError:
    """The `data` array of a 2xx answer (the account API's unpaged lists) parsed by `parse`, or the error."""
    if reply.undecodable or reply.truncated:
        # read_data refuses both, with the same words as for an object.
        return cast(APIResponseValidationError, read_data(reply))
    envelope, is_json = _decode(reply)
    if not (is_json and isinstance(envelope, dict) and isinstance(envelope.get("data"), list)):
        return invalid_reply(reply, "its data is not a list", envelope)
    try:
        return parse(envelope["data"])
    except (KeyError, TypeError, ValueError, AttributeError, OverflowError) as exc:
        return invalid_reply(reply, f"its data is not {what} ({type(exc).__name__}: {exc})", envelope)


def read_nothing(reply: Reply) -> None:
    """A 2xx whose body does not matter (stop, keep-alive, delete-events)."""
    return


_SECRET_KEYS = frozenset(
    {"session_token", "livekit_client_token", "livekit_agent_token", "ws_url", "agora_token", "secret_value"}
)
_SECRET_IN_TEXT = re.compile(r'("(?:' + "|".join(sorted(_SECRET_KEYS)) + r')"\s*:\s*")[^"]*"?')


def _without_secrets(body: object) -> object:
    """The body with every token redacted: under a secret's key at any depth, or in text.

    A 2xx the SDK cannot read may still hold a token: cut short in transit
    (then it is only text), or in an envelope of another shape. Errors never
    carry one.
    """
    if isinstance(body, dict):
        return {key: "<redacted>" if key in _SECRET_KEYS else _without_secrets(value) for key, value in body.items()}
    if isinstance(body, list):
        return [_without_secrets(item) for item in body]
    if isinstance(body, str):
        return _SECRET_IN_TEXT.sub(r'\1<redacted>"', body)
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
    from ._models import ValidationErrorItem  # a 422 is rare; the value types load on first use

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


def _redirect_message(reply: Reply) -> str:
    location = reply.headers.get("location")
    target = "no Location"
    if location:
        try:
            url = httpx.URL(location)
        except httpx.InvalidURL:
            target = "an unreadable Location"
        else:
            # The origin only: a query may carry a signed token.
            target = (
                f"{url.scheme}://{url.netloc.decode('ascii', 'replace')}" if url.is_absolute_url else "a relative URL"
            )
    return (
        f"HTTP {reply.status} redirect to {target}: the SDK never follows redirects, so the API key and "
        "request body cannot reach another host; check the base URL"
    )


def status_error(reply: Reply, retry_after: float | None, hint: str | None = None) -> APIStatusError:
    """The exception for a non-2xx response; `hint` is added to the message (e.g. which credential a call takes)."""
    status = reply.status
    body = _without_secrets(_decode(reply)[0])
    if 300 <= status < 400:
        message = _redirect_message(reply)
    else:
        message = _server_message(body) or f"HTTP {status} {reply.reason or 'Unknown Status'} from the LiveAvatar API"
    if hint:
        message = f"{message} ({hint})"
    headers = reply.headers
    request_id = find_request_id(headers)
    retries_taken = reply.retries_taken
    if status == 422:
        return UnprocessableEntityError(
            message,
            errors=_validation_items(body),
            status_code=status,
            body=body,
            headers=headers,
            request_id=request_id,
            retries_taken=retries_taken,
        )
    if status == 429:
        return RateLimitError(
            message,
            retry_after=retry_after,
            status_code=status,
            body=body,
            headers=headers,
            request_id=request_id,
            retries_taken=retries_taken,
        )
    cls = InternalServerError if status >= 500 else _STATUS_ERRORS.get(status, APIStatusError)
    return cls(
        message,
        status_code=status,
        body=body,
        headers=headers,
        request_id=request_id,
        retries_taken=retries_taken,
    )
