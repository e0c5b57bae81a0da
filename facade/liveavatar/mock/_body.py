"""Reading a request body as FastAPI does: bounded in size and depth, JSON or a 422 problem."""

from __future__ import annotations

import email.message
import json
from typing import Any

from starlette.datastructures import Headers
from starlette.types import Receive, Scope

from ._validation import Detail, field_problem

__all__ = ["MAX_JSON_DEPTH", "UNPARSABLE_BODY_MESSAGE", "UnparsableBodyError", "parse_body", "read_body"]

UNPARSABLE_BODY_MESSAGE = "There was an error parsing the body"
"""FastAPI's `detail` when reading a JSON body fails otherwise than with a JSON syntax error (a 400)."""


class UnparsableBodyError(Exception):
    """The body is well-formed JSON that Python cannot read, e.g. an integer of more than 4,300 digits.

    FastAPI answers it 400 `{"detail": UNPARSABLE_BODY_MESSAGE}`: it turns
    `json.JSONDecodeError` into a 422 and any other error of `json.loads`
    into that 400. The mock's pipeline catches it in one place.
    """


MAX_JSON_DEPTH = 200
"""The deepest nesting of arrays and objects a body may have; deeper is a 422 `json_invalid`.

The deepest field a token request has is four levels down, so no real body
comes near; the bound keeps parsing, validation and the JSON echo of a
422's `input` well inside Python's recursion limit, which an unbounded body
would break with a `RecursionError` (a 500 and a logged traceback).
"""


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


def parse_body(content_type: str | None, raw: bytes) -> tuple[Any, Detail | None]:
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
    except ValueError:
        # Python's limit on integer digits (sys.get_int_max_str_digits(), 4300 by default).
        raise UnparsableBodyError from None
    # Counting brackets is C-speed and bounds the walk to bodies that could be too deep.
    could_be_too_deep = raw.count(b"[") + raw.count(b"{") > MAX_JSON_DEPTH
    if could_be_too_deep and _too_deep(body, MAX_JSON_DEPTH):
        return None, _nesting_problem()
    if body is None:
        return None, field_problem(("body",), "Field required", "missing", None)
    return body, None


async def read_body(scope: Scope, receive: Receive, headers: Headers, limit: int) -> bytes | None:
    """The request body, or None when it is over `limit` bytes (the rest is left unread)."""
    declared = headers.get("content-length", "").lstrip("0")
    # Compared as text first: `int()` refuses more than 4,300 digits, and `isdigit` passes "²".
    if declared.isascii() and declared.isdigit() and (len(declared) > len(str(limit)) or int(declared) > limit):
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
