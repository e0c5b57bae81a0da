"""`scripts/bench.py --quick` runs end to end and reports every figure."""

from __future__ import annotations

import json
import math
import subprocess
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parent.parent / "scripts" / "bench.py"

SECTIONS = {
    "in_process": {"raw httpx", "generated", "facade"},
    "loopback_sequential": {"raw httpx", "facade"},
    "loopback_sequential_cpu": {"raw httpx", "facade"},
    "loopback_concurrent": {"raw httpx", "facade"},
    "loopback_concurrent_cpu": {"raw httpx", "facade"},
    "import": {"httpx", "liveavatar"},
    "import_no_httpx_cli": {"httpx", "liveavatar"},
}


def _positive(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value) and value > 0


@pytest.mark.wire
def test_quick_run_writes_every_figure(tmp_path: Path) -> None:
    """A quick run writes JSON with positive medians, ranges and ratios for every contender, and judges every target."""
    out = tmp_path / "bench.json"
    subprocess.run(
        [sys.executable, str(BENCH), "--quick", "--json", str(out)], check=True, capture_output=True, timeout=120
    )
    report = json.loads(out.read_text(encoding="utf-8"))

    assert report["quick"] is True
    assert report["python"] == ".".join(map(str, sys.version_info[:3]))
    assert isinstance(report["httpx"], str)
    assert report["httpx"]
    assert set(report["rounds"]) == {"in_process", "loopback_sequential", "loopback_concurrent", "import"}
    assert all(isinstance(count, int) and count > 0 for count in report["rounds"].values())
    assert set(report["results"]) == set(SECTIONS)
    for section, contenders in SECTIONS.items():
        result = report["results"][section]
        assert set(result["contenders"]) == contenders, section
        assert result["contenders"][result["baseline"]]["ratio"] == 1
        for name, entry in result["contenders"].items():
            where = f"{section}/{name}"
            assert all(_positive(entry[key]) for key in ("median", "min", "max", "ratio")), where
            assert entry["min"] <= entry["median"] <= entry["max"], where
            assert all(_positive(entry["round_ratio"][key]) for key in ("median", "min", "max")), where
            assert all(_positive(sample) for sample in entry["samples"]), where
    for key in ("in_process", "loopback_sequential", "loopback_concurrent", "import"):
        target = report["targets"][key]
        assert _positive(target["round_ratio"]), key
        assert isinstance(target["met"], bool), key
