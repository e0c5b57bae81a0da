"""Fixtures for every test: no test sees the developer's own LiveAvatar settings, and only marked tests start processes.

`make unit` leaves out the tests marked `subprocess`, `prism` and `slow`; the
guard here fails any other test that starts a process (`subprocess`,
`multiprocessing`, a process pool), so the marker cannot be forgotten and
`make unit` stays free of process start-up.
"""

from __future__ import annotations

import multiprocessing.process
import os
import subprocess
from typing import Any, NoReturn

import pytest

ENV_PREFIX = "LIVEAVATAR_"
PROCESS_MARKERS = ("subprocess", "prism", "slow")


@pytest.fixture(autouse=True)
def no_liveavatar_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """Remove every `LIVEAVATAR_*` variable (key, base URL, log level, ...) for the test; restored after it."""
    for name in [name for name in os.environ if name.startswith(ENV_PREFIX)]:
        monkeypatch.delenv(name)


@pytest.fixture(autouse=True)
def processes_only_when_marked(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """A test not marked `subprocess` (or `prism`, `slow`) that starts a process fails, naming the marker."""
    if any(request.node.get_closest_marker(name) for name in PROCESS_MARKERS):
        return

    def refuse(*_: Any, **__: Any) -> NoReturn:
        pytest.fail("this test starts a process: mark it `@pytest.mark.subprocess` (make unit leaves those out)")

    monkeypatch.setattr(subprocess.Popen, "_execute_child", refuse)
    monkeypatch.setattr(multiprocessing.process.BaseProcess, "start", refuse)
