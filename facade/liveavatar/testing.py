"""Helpers for testing code that uses `liveavatar`.

Retries sleep between attempts (up to 8 s, or what `Retry-After` asks). In a
test suite that only makes it slow, so turn the sleeps off; the retries
themselves, and their count on results and errors, stay as in production::

    from liveavatar.testing import no_retry_waits

    with no_retry_waits():
        client.sessions.create_token(...)

or for the whole suite, in `conftest.py`: `set_retry_waits(False)`.
For a local stand-in of the API itself, see `liveavatar.mock` and the
`liveavatar_mock` pytest fixture.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from . import _retry

__all__ = ["no_retry_waits", "set_retry_waits"]


def set_retry_waits(enabled: bool) -> None:
    """Turn the sleeps between retries on (the default) or off, process-wide."""
    _retry.set_waits_enabled(enabled)


@contextmanager
def no_retry_waits() -> Iterator[None]:
    """Within the block, retries happen at once instead of sleeping."""
    before = _retry.waits_enabled()
    _retry.set_waits_enabled(False)
    try:
        yield
    finally:
        _retry.set_waits_enabled(before)
