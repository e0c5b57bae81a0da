"""The retry policy's pure functions: server waits, backoff, the retryable statuses."""

from __future__ import annotations

import email.utils

import pytest

from liveavatar import _retry
from liveavatar.testing import no_retry_waits, set_retry_waits

NOW = 1_800_000_000.0


@pytest.mark.parametrize(
    ("headers", "expected"),
    [
        ({}, None),
        ({"retry-after": "1"}, 1.0),
        ({"retry-after": "2.5"}, 2.5),
        ({"retry-after": "-3"}, 0.0),
        ({"retry-after-ms": "250", "retry-after": "9"}, 0.25),
        ({"retry-after-ms": "soon", "retry-after": "9"}, 9.0),
        ({"retry-after": email.utils.formatdate(NOW + 30, usegmt=True)}, 30.0),
        ({"retry-after": email.utils.formatdate(NOW - 30, usegmt=True)}, 0.0),
        ({"retry-after": "Wed, 21 Oct 2015 07:28:00"}, None),
        ({"retry-after": "tomorrow"}, None),
    ],
)
def test_retry_after_seconds(headers: dict[str, str], expected: float | None) -> None:
    """retry-after-ms wins over Retry-After, which may be seconds or an HTTP date; nonsense is ignored."""
    assert expected == _retry.retry_after_seconds(headers, now=lambda: NOW)


@pytest.mark.parametrize(
    ("retries_taken", "no_jitter", "full_jitter"),
    [(0, 0.5, 0.375), (1, 1.0, 0.75), (3, 4.0, 3.0), (4, 8.0, 6.0), (9, 8.0, 6.0)],
)
def test_backoff_doubles_to_its_ceiling_with_up_to_a_quarter_of_jitter(
    retries_taken: int, no_jitter: float, full_jitter: float
) -> None:
    """The n-th retry waits min(0.5 * 2**n, 8) seconds, less up to 25% at random."""
    assert no_jitter == _retry.backoff_delay(retries_taken, jitter=lambda: 0.0)
    assert full_jitter == _retry.backoff_delay(retries_taken, jitter=lambda: 1.0)


@pytest.mark.parametrize(
    ("status", "expected"), [(408, True), (429, True), (500, True), (504, True), (501, False), (400, False)]
)
def test_server_allows_retry(status: int, expected: bool) -> None:
    """Only 408, 429 and 500/502/503/504 are retried without a server hint."""
    assert expected == _retry.server_allows_retry(status, {})


def test_waits_can_be_turned_off_and_back_on(monkeypatch: pytest.MonkeyPatch) -> None:
    """The testing switch turns the sleeps off, and the context manager restores the previous state."""
    slept: list[float] = []
    monkeypatch.setattr("liveavatar._retry.time.sleep", slept.append)
    set_retry_waits(True)

    _retry.wait(0.25)
    with no_retry_waits():
        _retry.wait(5)
        assert not _retry.waits_enabled()
    _retry.wait(0)

    assert [0.25] == slept
    assert _retry.waits_enabled()
    set_retry_waits(False)
