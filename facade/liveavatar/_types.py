"""Small types the public signatures share: the "not given" sentinel and timeouts.

`NOT_GIVEN` marks an argument the caller left out, as httpx and openai do,
so that `None` can keep a meaning of its own where it has one (`None` for a
timeout would mean "wait forever", which this SDK refuses: see
`ClientTimeout.from_value`).
"""

from __future__ import annotations

import math
from typing import Final, Literal, final

import httpx

from ._config import DEFAULT_TIMEOUT, MAX_TIMEOUT
from ._errors import ConfigurationError, invalid_field

__all__ = ["NOT_GIVEN", "ClientTimeout", "NotGiven", "TimeoutTypes"]


@final
class NotGiven:
    """The type of `NOT_GIVEN`: an argument that was left out."""

    _instance: NotGiven | None = None

    def __new__(cls) -> NotGiven:
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __bool__(self) -> Literal[False]:
        return False

    def __repr__(self) -> str:
        return "NOT_GIVEN"

    def __reduce__(self) -> str:
        return "NOT_GIVEN"


NOT_GIVEN: Final = NotGiven()

TimeoutTypes = float | httpx.Timeout
"""Seconds for each attempt's whole exchange, or an `httpx.Timeout` whose phases apply as given."""


class ClientTimeout:
    """A checked timeout: httpx's per-phase values, and the budget for a whole attempt.

    A number `T` gives each attempt `T` seconds from connect to the last byte
    of the response, `DEFAULT_TIMEOUT.connect` of it at most to connect. An
    `httpx.Timeout` sets each phase as httpx does; its largest value is the
    budget for the whole attempt.
    """

    __slots__ = ("budget", "extension", "phases")

    def __init__(self, phases: httpx.Timeout, budget: float) -> None:
        self.phases = phases
        self.budget = budget
        # What httpx reads from a request's extensions; built once, not per call.
        self.extension = phases.as_dict()

    def __repr__(self) -> str:
        return f"ClientTimeout(budget={getattr(self, 'budget', None)!r})"

    @classmethod
    def from_value(cls, value: object, name: str, *, in_constructor: bool) -> ClientTimeout:
        """Check `value`, given as `name`: a `ConfigurationError` in a constructor, else `InvalidRequestError`."""
        problem = _timeout_problem(value)
        if problem is not None:
            if in_constructor:
                raise ConfigurationError(f"{name} {problem}")
            raise invalid_field(name, problem)
        if isinstance(value, httpx.Timeout):
            phases = [value.connect, value.read, value.write, value.pool]
            return cls(value, max(phase for phase in phases if phase is not None))
        seconds = float(value)  # type: ignore[arg-type]  # checked by _timeout_problem
        connect = min(seconds, DEFAULT_TIMEOUT.connect or seconds)
        return cls(httpx.Timeout(seconds, connect=connect), seconds)


DEFAULT_CLIENT_TIMEOUT = ClientTimeout(
    DEFAULT_TIMEOUT, max(DEFAULT_TIMEOUT.read or 0.0, DEFAULT_TIMEOUT.connect or 0.0)
)


def _sane(seconds: object) -> bool:
    return (
        isinstance(seconds, int | float)
        and not isinstance(seconds, bool)
        and math.isfinite(seconds)
        and 0 < seconds <= MAX_TIMEOUT
    )


def _timeout_problem(value: object) -> str | None:
    if value is None:
        return (
            "must not be None: no timeout would let one slow server hang the caller for good; "
            f"pass a number of seconds (at most {MAX_TIMEOUT:g})"
        )
    if isinstance(value, httpx.Timeout):
        phases = {"connect": value.connect, "read": value.read, "write": value.write, "pool": value.pool}
        for phase, seconds in phases.items():
            if not _sane(seconds):
                return f"{phase} must be a number of seconds above 0 and at most {MAX_TIMEOUT:g}, got {seconds!r}"
        return None
    if not _sane(value):
        return f"must be a number of seconds above 0 and at most {MAX_TIMEOUT:g}, or an httpx.Timeout; got {value!r}"
    return None
