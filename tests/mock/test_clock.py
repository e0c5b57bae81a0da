"""The mock's clock: manual time stands still until advanced, real time flows, and neither runs backwards."""

from __future__ import annotations

import math
import time

import pytest

from liveavatar.mock import MockClock, MockConfig


def test_a_manual_clock_moves_only_when_advanced() -> None:
    """now() is constant on a manual clock; advance() adds exactly what it is given and returns the new time."""
    clock = MockClock("manual")
    before = clock.now()
    time.sleep(0.01)

    assert before == clock.now()
    assert before + 300 == clock.advance(300) == clock.now()
    assert 300 == clock.advanced
    assert before == math.floor(before)  # whole seconds, so integral steps land exactly on deadlines


def test_a_real_clock_flows_and_can_jump() -> None:
    """now() on a real clock follows time, and advance() jumps it forward on top."""
    clock = MockClock("real")
    before = clock.now()
    time.sleep(0.01)
    flowed = clock.now()

    assert flowed > before
    assert clock.advance(100) >= flowed + 100


def test_advance_refuses_going_back_or_forever() -> None:
    """Negative, NaN and infinite steps raise ValueError; callbacks run on every advance, in order."""
    clock = MockClock()
    calls: list[str] = []
    clock.on_advance(lambda: calls.append("first"))
    clock.on_advance(lambda: calls.append("second"))

    for bad in (-1.0, math.nan, math.inf):
        with pytest.raises(ValueError, match="seconds"):
            clock.advance(bad)
    clock.advance(0)

    assert ["first", "second"] == calls


def test_wait_time_is_real_only_on_a_real_clock() -> None:
    """A manual clock never asks for a real wait; a real one waits until the deadline."""
    manual, real = MockClock("manual"), MockClock("real")

    assert None is manual.wait_time(manual.now() + 10)
    wait = real.wait_time(real.now() + 10)
    assert wait is not None
    assert 9 < wait <= 10
    assert None is real.wait_time(None)


def test_the_config_names_the_clock() -> None:
    """MockConfig.clock is manual by default and refuses anything but manual or real."""
    assert "manual" == MockConfig().clock
    with pytest.raises(ValueError, match="clock"):
        MockConfig(clock="fast")  # type: ignore[arg-type]
