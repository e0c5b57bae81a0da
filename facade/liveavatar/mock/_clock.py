"""The mock's clock: the one time that sessions, tokens, credits and the LITE channel go by.

Two kinds, chosen with `MockConfig.clock`:

- `"manual"` (the default): time stands still until `advance(seconds)`
  moves it, so a test can reach a 300 s idle timeout or a 60 s sandbox cap
  at once and exactly, with no sleep and no flakiness at the boundaries;
- `"real"`: wall time flows (for `liveavatar mock` left running as a dev
  server), and `advance` still jumps it forward.

`now()` is seconds since the Unix epoch, so the same number can be written
as a session's `created_at` and a token's `exp`. It never goes backwards:
the real kind counts from `time.monotonic()` added to the wall time read at
construction, so an NTP step on the host cannot reorder sessions.

The clock also satisfies the LITE channel's clock protocol
(`now`, `wait_time`, `on_advance`), so a LITE session's audio plays, and
its socket idles out, on the same time as its HTTP side.
"""

from __future__ import annotations

import math
import threading
import time
from collections.abc import Callable
from typing import Final, Literal

__all__ = ["CLOCK_KINDS", "ClockKind", "MockClock"]

ClockKind = Literal["manual", "real"]
CLOCK_KINDS: Final[tuple[ClockKind, ...]] = ("manual", "real")


class MockClock:
    """Seconds since the epoch, moved by `advance` (and by real time when `running`). Thread-safe."""

    def __init__(self, kind: ClockKind = "manual") -> None:
        if kind not in CLOCK_KINDS:
            raise ValueError(f"clock must be one of {', '.join(CLOCK_KINDS)}, got {kind!r}")
        self.kind: ClockKind = kind
        self._lock = threading.Lock()
        # Whole seconds: integral steps from it add up exactly, so a deadline and the clock meet exactly.
        self._wall_origin = float(math.floor(time.time()))
        self._monotonic_origin = time.monotonic()
        self._advanced = 0.0
        self._callbacks: list[Callable[[], None]] = []

    @property
    def running(self) -> bool:
        """Whether real time moves this clock (the `"real"` kind)."""
        return self.kind == "real"

    def now(self) -> float:
        """The current time, in seconds since the epoch."""
        with self._lock:
            advanced = self._advanced
        flowed = time.monotonic() - self._monotonic_origin if self.running else 0.0
        return self._wall_origin + flowed + advanced

    @property
    def advanced(self) -> float:
        """The seconds `advance` has added so far."""
        with self._lock:
            return self._advanced

    def advance(self, seconds: float) -> float:
        """Move time forward by `seconds` (>= 0), run the callbacks in the order registered; the new time."""
        if not (seconds >= 0 and math.isfinite(seconds)):  # NaN fails the first test
            raise ValueError(f"seconds must be a finite number >= 0, got {seconds!r}")
        with self._lock:
            self._advanced += seconds
            callbacks = list(self._callbacks)
        for callback in callbacks:
            callback()
        return self.now()

    def on_advance(self, callback: Callable[[], None]) -> None:
        """Call `callback` after every `advance` (from the advancing thread)."""
        with self._lock:
            self._callbacks.append(callback)

    def wait_time(self, deadline: float | None) -> float | None:
        """How long to really wait for `deadline`: never on a manual clock (only `advance` gets there)."""
        if deadline is None or not self.running or math.isinf(deadline):
            return None
        return max(0.0, deadline - self.now())
