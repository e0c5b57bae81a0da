"""When to retry a request, and how long to wait first.

Pure functions of a response's status and headers, so the policy can be read
and tested without a network. The clients' send loops call them.

- Retried: connection errors and timeouts, 408, 429, 500, 502, 503 and 504.
  Nothing else: other 4xx will fail the same way again.
- A server may override that with `x-should-retry: true|false`.
- The wait is the server's (`retry-after-ms`, then `Retry-After` in seconds
  or as an HTTP date) when it gives one, else `min(0.5 * 2**n, 8)` seconds
  for the n-th retry (from 0), less up to a quarter at random so that many
  clients do not come back in step.
- A server that asks for more than 60 s is not waited for: the error is
  raised at once, with the wait on it.

A retried mint may create a token that is never used. That costs nothing:
billing starts when a session starts, not when a token is minted.

Starting a session is the one call that is not idempotent: it is retried
only when the request cannot have reached the server (the connection was
never made) or the server asked for it (429 or 503 with `Retry-After`).
"""

from __future__ import annotations

import math
import random
import time
from collections.abc import Callable, Mapping

from ._config import INITIAL_RETRY_DELAY, MAX_RETRY_DELAY

__all__ = [
    "RETRYABLE_STATUSES",
    "async_wait",
    "backoff_delay",
    "retry_after_seconds",
    "server_allows_retry",
    "server_allows_start_retry",
    "set_waits_enabled",
    "wait",
    "waits_enabled",
]

RETRYABLE_STATUSES = frozenset({408, 429, 500, 502, 503, 504})

_waits_enabled = True


def set_waits_enabled(enabled: bool) -> None:
    """Turn the sleeps between retries on or off, for the whole process (see `liveavatar.testing`)."""
    global _waits_enabled  # one process-wide switch, as stamina has
    _waits_enabled = enabled


def waits_enabled() -> bool:
    """Whether the clients sleep between retries."""
    return _waits_enabled


def server_allows_retry(status_code: int, headers: Mapping[str, str]) -> bool:
    """Whether a response with this status is worth another attempt."""
    hint = headers.get("x-should-retry")
    if hint == "true":
        return True
    if hint == "false":
        return False
    return status_code in RETRYABLE_STATUSES


def server_allows_start_retry(status_code: int, headers: Mapping[str, str]) -> bool:
    """Whether a start that got this answer may be sent again: the server said it did nothing yet."""
    return status_code in (429, 503) and retry_after_seconds(headers) is not None


def _seconds(text: str) -> float | None:
    try:
        value = float(text)
    except ValueError:
        return None
    # NaN and infinity parse as floats and mean nothing as a wait.
    return max(value, 0.0) if math.isfinite(value) else None


def retry_after_seconds(headers: Mapping[str, str], *, now: Callable[[], float] = time.time) -> float | None:
    """The wait the server asked for, in seconds, or `None` if it asked for none it could be understood by."""
    millis = headers.get("retry-after-ms")
    if millis is not None:
        wait_ms = _seconds(millis)
        if wait_ms is not None:
            return wait_ms / 1000.0
    value = headers.get("retry-after")
    if value is None:
        return None
    seconds = _seconds(value)
    if seconds is not None:
        return seconds
    from email.utils import parsedate_to_datetime  # imported late: HTTP dates are rare

    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        return None
    return max(when.timestamp() - now(), 0.0)


def backoff_delay(retries_taken: int, *, jitter: Callable[[], float] = random.random) -> float:
    """Seconds to wait before retry number `retries_taken + 1` when the server named no wait."""
    base = min(INITIAL_RETRY_DELAY * 2.0**retries_taken, MAX_RETRY_DELAY)
    return base * (1.0 - 0.25 * jitter())


def wait(seconds: float) -> None:
    """Sleep between retries, unless waits are turned off."""
    if _waits_enabled and seconds > 0:
        time.sleep(seconds)


async def async_wait(seconds: float) -> None:
    """Sleep between retries in async code, unless waits are turned off."""
    if _waits_enabled and seconds > 0:
        import asyncio  # loaded already under a running loop; not at import, for sync-only users

        await asyncio.sleep(seconds)
