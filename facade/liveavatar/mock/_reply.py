"""What the mock answers for the API itself (faults bring their own bodies): a status and JSON."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

import attrs

from ._rules import Rejection, rule_for_detail
from ._validation import Detail

__all__ = ["Reply", "envelope", "refused", "success", "unprocessable"]


@attrs.frozen
class Reply:
    """A JSON answer, with the names of the rules that refused the request (none for a success)."""

    status: int
    payload: Any
    headers: Mapping[str, str] = attrs.field(factory=dict)
    rules: tuple[str, ...] = ()

    def encode(self) -> bytes:
        """The body on the wire."""
        return json.dumps(self.payload, separators=(",", ":")).encode()


def envelope(status: int, message: str, rules: tuple[str, ...] = ()) -> Reply:
    """The API's error envelope `{code, data: null, message}`."""
    return Reply(status, {"code": status, "data": None, "message": message}, rules=rules)


def refused(rejection: Rejection) -> Reply:
    """A rule's refusal, naming the rule in the record."""
    return envelope(rejection.status, rejection.message, (rejection.rule.name,))


def success(status: int, code: int, data: Any, message: str) -> Reply:
    """The API's success envelope `{code, data, message}`."""
    return Reply(status, {"code": code, "data": data, "message": message})


def unprocessable(details: list[Detail]) -> Reply:
    """FastAPI's 422 `{"detail": [...]}`, naming the table rules its items report."""
    rules = {rule.name: None for rule in map(rule_for_detail, details) if rule is not None}
    return Reply(422, {"detail": details}, rules=tuple(rules))
