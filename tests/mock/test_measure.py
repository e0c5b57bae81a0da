"""The CPU measurements `make bench` reports run the mock on its sample body and count what they ran."""

from __future__ import annotations

import asyncio
import sys
from collections.abc import Callable, Coroutine
from typing import Any

import pytest

from liveavatar.mock import MintCost, MockConfig, MockServer, measure_mint_cpu, measure_served_mint_cpu
from liveavatar.mock._measure import Driver, _send_with_h11, _send_with_httpx, served_by


def test_in_process_measurement_counts_successful_mints() -> None:
    """`measure_mint_cpu` mints the sample body the given number of times (it raises on any non-200)."""
    cost = measure_mint_cpu(25)

    assert (25, True) == (cost.requests, cost.cpu_seconds > 0)
    assert cost.per_mint_ms == cost.cpu_seconds / 25 * 1000


def test_in_process_measurement_fails_loudly_when_the_mock_refuses() -> None:
    """A mock configured to refuse the sample body makes the measurement raise instead of timing refusals."""
    with pytest.raises(RuntimeError, match="401"):
        measure_mint_cpu(5, config=MockConfig(api_keys={"another-key-0123456789"}))


@pytest.mark.subprocess
@pytest.mark.parametrize("driver", ["h11", "httpx"])
def test_served_measurement_reads_the_child_process(driver: Driver) -> None:
    """`measure_served_mint_cpu` serves a real mock in a child process and reports that process's CPU, with either driver."""
    cost = measure_served_mint_cpu(40, concurrency=4, driver=driver)

    assert isinstance(cost, MintCost)
    assert (40, True) == (cost.requests, cost.cpu_seconds > 0)
    assert {"requests", "cpu_seconds", "per_mint_ms"} == set(cost.as_dict())


@pytest.mark.parametrize("send", [_send_with_h11, _send_with_httpx], ids=["h11", "httpx"])
def test_served_mints_count_only_successes(send: Callable[[str, int, int], Coroutine[Any, Any, None]]) -> None:
    """Both drivers send exactly the mints asked for, and raise on a refusal instead of timing it."""
    with MockServer() as server:
        asyncio.run(send(server.url, 9, 4))
        assert 9 == len([record for record in server.requests if record.status == 200])
    with (
        MockServer(MockConfig(api_keys={"another-key-0123456789"})) as server,
        pytest.raises(RuntimeError, match="401"),
    ):
        asyncio.run(send(server.url, 3, 2))


@pytest.mark.skipif(sys.platform == "win32", reason="uvloop, in the [mock] extra, has no Windows build")
def test_the_mock_extra_brings_uvicorns_compiled_loop_and_parser() -> None:
    """With the `[mock]` extra installed (as here), uvicorn's `auto` serves the mock on uvloop and httptools."""
    assert served_by() == "uvloop+httptools"


def test_served_by_falls_back_to_asyncio_and_h11(monkeypatch: pytest.MonkeyPatch) -> None:
    """Without uvloop and httptools, the measurement says the mock runs on asyncio and h11, as uvicorn then does."""
    import importlib.util

    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *args: None)

    assert served_by() == "asyncio+h11"
