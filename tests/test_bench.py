"""`scripts/bench.py --quick` runs end to end, and its JSON report has every row with every field.

The figures themselves are not checked: a quick run is a handful of rounds on
a shared machine. What is checked is that each row the bench promises is
there, measured (or, for calls that do not exist yet, said to be not
available), with rounds, medians and the min–max of every per-round ratio.
"""

from __future__ import annotations

import json
import math
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "scripts" / "bench.py"

MEASURED = {
    "call.small",
    "call.medium",
    "call.large",
    "call.contexts_get",
    "loopback.sequential",
    "loopback.async_c1",
    "loopback.async_c64",
    "loopback.async_c256",
    "import",
    "heartbeat.sync",
    "heartbeat.async",
    "mock.mint_cpu",
    "lite.speak",
    "lite.first_frame",
    "lite.fanout",
    "preflight.full",
}
LIFECYCLE = {"call.keep_alive", "call.stop"}
"""Measured once `sessions.keep_alive` and `sessions.stop` exist; until then "not available"."""

JUDGED = {
    # row: {(contender, baseline, metric), ...} that carry a target
    "call.small": {("facade, own pool", "raw httpx", "cpu_us"), ("facade, http_client=", "raw httpx", "cpu_us")},
    "call.medium": {("facade, own pool", "raw httpx", "cpu_us"), ("facade, http_client=", "raw httpx", "cpu_us")},
    "call.large": {("facade, own pool", "raw httpx", "cpu_us"), ("facade, http_client=", "raw httpx", "cpu_us")},
    "call.contexts_get": {
        ("facade, own pool", "raw httpx", "cpu_us"),
        ("facade, http_client=", "raw httpx", "cpu_us"),
    },
    "loopback.sequential": {
        ("facade, own pool", "raw httpx", "wall_us"),
        ("facade, http_client=", "raw httpx", "wall_us"),
    },
    "loopback.async_c1": {("facade, own pool", "raw httpx, facade's limits", "rps")},
    "loopback.async_c64": {("facade, own pool", "raw httpx, facade's limits", "rps")},
    "loopback.async_c256": {("facade, own pool", "raw httpx, facade's limits", "rps")},
    "import": {("liveavatar", "httpx", "ms")},
    "preflight.full": {("sync, cold", "budget", "calls"), ("async, cold", "budget", "calls")},
}


def _positive(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value) and value > 0


def _spread_ok(spread: dict[str, Any]) -> bool:
    return all(_positive(spread[key]) for key in ("median", "min", "max")) and (
        spread["min"] <= spread["median"] <= spread["max"]
    )


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    out = tmp_path_factory.mktemp("bench") / "bench.json"
    done = subprocess.run(
        [sys.executable, str(BENCH), "--quick", "--json", str(out)], capture_output=True, text=True, timeout=180
    )
    assert done.returncode == 0, done.stderr[-4000:]
    loaded: dict[str, Any] = json.loads(out.read_text(encoding="utf-8"))
    return loaded


@pytest.mark.slow
@pytest.mark.wire
def test_quick_run_reports_every_row(report: dict[str, Any]) -> None:
    """Every row the bench promises is in the report, measured, or for the lifecycle calls not available yet."""
    assert report["quick"] is True
    assert report["python"] == ".".join(map(str, sys.version_info[:3]))
    assert MEASURED | LIFECYCLE <= set(report["rows"])
    for name, entry in report["rows"].items():
        assert entry["status"] != "error", (name, entry.get("reason"))
        assert entry["title"], name
    for name in MEASURED:
        assert report["rows"][name]["status"] == "measured", name
    for name in LIFECYCLE:
        entry = report["rows"][name]
        assert entry["status"] in {"measured", "not available"}, name
        if entry["status"] == "not available":
            assert entry["reason"], name


@pytest.mark.slow
@pytest.mark.wire
def test_every_figure_has_rounds_median_and_range(report: dict[str, Any]) -> None:
    """Each contender's figures and each comparison's per-round ratio carry rounds, median, min and max."""
    for name, entry in report["rows"].items():
        if entry["status"] != "measured":
            continue
        rounds = entry["rounds"]
        assert isinstance(rounds, int), name
        assert rounds > 0, name
        for metric, figures in entry["metrics"].items():
            assert figures["unit"], (name, metric)
            for contender, spread in figures["contenders"].items():
                where = (name, metric, contender)
                assert _spread_ok(spread), where
                assert len(spread["samples"]) == rounds, where
        assert entry["comparisons"], name
        for comparison in entry["comparisons"]:
            compared = (name, comparison["contender"], comparison["baseline"], comparison["metric"])
            assert comparison["metric"] in entry["metrics"], compared
            assert comparison["rounds"] == rounds, compared
            assert _spread_ok(comparison["ratio"]), compared
            assert (comparison["target"] is None) == (comparison["met"] is None), compared


@pytest.mark.slow
@pytest.mark.wire
def test_every_target_is_judged(report: dict[str, Any]) -> None:
    """The performance targets are on the comparisons they bound, each with a verdict."""
    for name, expected in JUDGED.items():
        comparisons = report["rows"][name]["comparisons"]
        judged = {(c["contender"], c["baseline"], c["metric"]) for c in comparisons if c["target"] is not None}
        assert judged == expected, name
        for c in comparisons:
            if c["target"] is not None:
                assert isinstance(c["met"], bool), (name, c["contender"])
                assert c["target"].split()[0] in {"<=", ">="}, (name, c["contender"])
    flat = {(t["row"], t["contender"], t["baseline"], t["metric"]) for t in report["targets"]}
    assert {(row, *key) for row, keys in JUDGED.items() for key in keys} <= flat
    assert isinstance(report["all_targets_met"], bool)


@pytest.mark.slow
@pytest.mark.wire
def test_import_row_uses_a_runtime_only_venv(report: dict[str, Any]) -> None:
    """The import row ran in a venv holding liveavatar and its runtime dependencies, without the dev tools."""
    venv = report["rows"]["import"]["details"]["venv"]
    names = {entry.split("==")[0].lower() for entry in venv["distributions"]}
    assert {"liveavatar", "httpx", "attrs"} <= names
    assert not names & {"pytest", "ruff", "mypy", "click", "rich", "starlette", "uvicorn", "hypothesis"}


@pytest.mark.slow
@pytest.mark.wire
def test_import_row_reports_a_minting_programs_import_beside_the_target(report: dict[str, Any]) -> None:
    """The import row times `from liveavatar import LiveAvatar, VoiceAgent` too, so deferred value types cannot hide."""
    entry = report["rows"]["import"]
    assert {"httpx", "liveavatar", "minting"} == set(entry["metrics"]["ms"]["contenders"])
    assert "VoiceAgent" in entry["details"]["statements"]["minting"]
    assert ("minting", "httpx") in {(c["contender"], c["baseline"]) for c in entry["comparisons"]}
