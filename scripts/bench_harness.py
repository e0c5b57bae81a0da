"""The bench's machinery: a registry of named rows, interleaved rounds, paired ratios, the report.

A row is a function registered with `@row(...)`. It builds its contenders,
runs them with `interleave` (or its own loop, for async ones) and returns a
`Measured`: per-round samples for each metric and contender, and the
`Comparison`s to report, some with a target. A row that cannot be measured
yet returns `NotAvailable` with the reason, which the table prints and the
JSON keeps: never a made-up figure.

Everything here is deliberately free of the SDK, so that `bench.py` reads as
the list of what is measured and how.
"""

from __future__ import annotations

import fnmatch
import gc
import math
import statistics
import sys
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

# --------------------------------------------------------------------------
# Plans


@dataclass(frozen=True)
class Plan:
    """How long each kind of row runs: rounds, and the batch or window in each round."""

    name: str
    in_process_rounds: int
    in_process_calls: int
    """Calls per batch for the small and medium bodies; the largest body gets a quarter."""
    sequential_rounds: int
    sequential_requests: int
    async_rounds: int
    async_warmup_s: float
    """Before each window, under load: long enough for every task to be in flight. With `async_steady` and more than
    one task, at least every pool's keep-alive expiry plus `async_settle_margin_s` (bench `_settling_time`)."""
    async_settle_margin_s: float
    async_window_s: float
    """At least; see `async_steady`."""
    async_steady: bool
    """Open each window only once every task has had an answer, and keep it open until as many requests as tasks
    have completed in it. Off in quick runs, whose windows are then time alone (and one answer at least)."""
    import_rounds: int


FULL = Plan(
    name="full",
    in_process_rounds=151,
    in_process_calls=120,
    sequential_rounds=101,
    sequential_requests=100,
    # Fewer rounds than the other rows: each window at 64 and 256 tasks runs
    # its load for over 5 s before it is measured.
    async_rounds=9,
    async_warmup_s=0.3,
    async_settle_margin_s=0.5,
    async_window_s=0.7,
    async_steady=True,
    import_rounds=31,
)
"""Many short rounds rather than a few long ones: a burst of load from elsewhere
then spoils a few rounds' ratios instead of shifting a whole contender."""

QUICK = Plan(
    name="quick",
    in_process_rounds=3,
    in_process_calls=20,
    sequential_rounds=3,
    sequential_requests=20,
    async_rounds=1,
    async_warmup_s=0.05,
    async_settle_margin_s=0.0,
    async_window_s=0.1,
    async_steady=False,
    import_rounds=3,
)
"""Checks the harness end to end; its figures mean nothing."""


# --------------------------------------------------------------------------
# What a row returns


@dataclass(frozen=True)
class Target:
    """A bound on a per-round ratio's median, quoted from the issue that set it."""

    op: str
    limit: float
    source: str = "issue 15"

    def met(self, ratio: float) -> bool:
        return ratio <= self.limit if self.op == "<=" else ratio >= self.limit

    def __str__(self) -> str:
        return f"{self.op} {self.limit:.2f}"


@dataclass(frozen=True)
class Metric:
    unit: str
    higher_is_better: bool = False


@dataclass(frozen=True)
class Comparison:
    """`contender` over `baseline` on `metric`, round by round."""

    contender: str
    baseline: str
    metric: str
    target: Target | None = None
    meaning: str = ""
    """Why this pair is worth reading, in a few words (for example "equal pool limits")."""


@dataclass
class Measured:
    metrics: dict[str, Metric]
    samples: dict[str, dict[str, list[float]]]
    """`{metric: {contender: [one value per round]}}`."""
    comparisons: list[Comparison]
    rounds: int
    details: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class NotAvailable:
    reason: str


@dataclass(frozen=True)
class Row:
    name: str
    title: str
    group: str
    measure: Callable[[Any], Measured | NotAvailable]


REGISTRY: dict[str, Row] = {}


def row(name: str, title: str, group: str) -> Callable[[Callable[[Any], Measured | NotAvailable]], Any]:
    """Register a row; rows run, and are reported, in the order they are registered."""

    def register(measure: Callable[[Any], Measured | NotAvailable]) -> Callable[[Any], Measured | NotAvailable]:
        if name in REGISTRY:
            raise ValueError(f"row {name!r} registered twice")
        REGISTRY[name] = Row(name, title, group, measure)
        return measure

    return register


def selected(patterns: list[str] | None) -> list[Row]:
    if not patterns:
        return list(REGISTRY.values())
    return [r for r in REGISTRY.values() if any(fnmatch.fnmatchcase(r.name, p) for p in patterns)]


# --------------------------------------------------------------------------
# Measuring

Batch = Callable[[], dict[str, float]]
"""One contender's batch; returns its figures by metric name."""


def progress(label: str, done: int, rounds: int) -> None:
    end = "\n" if done == rounds else ""
    print(f"\r  {label}: round {done}/{rounds}", end=end, file=sys.stderr, flush=True)


def rotated(names: list[str], round_index: int) -> list[str]:
    """The contenders in this round's order: each goes first, second, … in turn."""
    shift = round_index % len(names)
    return names[shift:] + names[:shift]


def interleave(contenders: dict[str, Batch], rounds: int, label: str) -> dict[str, dict[str, list[float]]]:
    """Run every contender once per round, in a rotating order, after one warm-up batch each.

    The collector runs before each batch so that no contender pays for
    another's garbage.
    """
    names = list(contenders)
    for name in names:
        contenders[name]()
    samples: dict[str, dict[str, list[float]]] = {}
    for index in range(rounds):
        for name in rotated(names, index):
            gc.collect()
            for metric, value in contenders[name]().items():
                samples.setdefault(metric, {}).setdefault(name, []).append(value)
        progress(label, index + 1, rounds)
    return samples


def percentile(values: list[float], fraction: float) -> float:
    """Nearest-rank percentile: a latency some request really had, not an interpolation."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(fraction * len(ordered)) - 1)]


# --------------------------------------------------------------------------
# Summarising


def _spread(values: list[float]) -> dict[str, float]:
    return {"median": statistics.median(values), "min": min(values), "max": max(values)}


def summarise(result: Measured) -> dict[str, Any]:
    """A measured row as the JSON report holds it.

    A comparison's `ratio` is taken round by round, between batches run back
    to back, and summarised by its median, min and max: the figure that
    interleaving protects from drifts in machine load, and the one targets
    are judged on. `ratio_of_medians` is beside it for reference.
    """
    metrics: dict[str, Any] = {}
    for name, metric in result.metrics.items():
        metrics[name] = {
            "unit": metric.unit,
            "higher_is_better": metric.higher_is_better,
            "contenders": {
                contender: {**_spread(values), "samples": values} for contender, values in result.samples[name].items()
            },
        }
    comparisons = []
    for comparison in result.comparisons:
        ours = result.samples[comparison.metric][comparison.contender]
        theirs = result.samples[comparison.metric][comparison.baseline]
        ratios = [a / b for a, b in zip(ours, theirs, strict=True)]
        spread = _spread(ratios)
        target = comparison.target
        comparisons.append(
            {
                "contender": comparison.contender,
                "baseline": comparison.baseline,
                "metric": comparison.metric,
                "meaning": comparison.meaning,
                "rounds": len(ratios),
                "ratio": spread,
                "ratio_of_medians": statistics.median(ours) / statistics.median(theirs),
                "target": None if target is None else str(target),
                "target_source": None if target is None else target.source,
                "met": None if target is None else target.met(spread["median"]),
            }
        )
    return {
        "status": "measured",
        "rounds": result.rounds,
        "details": result.details,
        "metrics": metrics,
        "comparisons": comparisons,
    }


def run_rows(rows: list[Row], context: Any) -> dict[str, Any]:
    """Measure every row; one row's failure is reported, and does not stop the others."""
    out: dict[str, Any] = {}
    for entry in rows:
        head = {"title": entry.title, "group": entry.group}
        print(f"{entry.name}: {entry.title}", file=sys.stderr, flush=True)
        try:
            result = entry.measure(context)
        except Exception as exc:  # noqa: BLE001 - reported in the row; the other rows still run
            traceback.print_exc()
            out[entry.name] = {**head, "status": "error", "reason": f"{type(exc).__name__}: {exc}"}
            continue
        if isinstance(result, NotAvailable):
            print(f"  not available yet: {result.reason}", file=sys.stderr, flush=True)
            out[entry.name] = {**head, "status": "not available", "reason": result.reason}
        else:
            out[entry.name] = {**head, **summarise(result)}
    return out


def targets(rows: dict[str, Any]) -> list[dict[str, Any]]:
    """Every judged comparison, flat: the verdicts at a glance."""
    return [
        {"row": name, **{key: c[key] for key in ("contender", "baseline", "metric", "target", "met")}}
        | {"ratio": c["ratio"]["median"], "rounds": c["rounds"]}
        for name, entry in rows.items()
        if entry["status"] == "measured"
        for c in entry["comparisons"]
        if c["target"] is not None
    ]


# --------------------------------------------------------------------------
# The table


def _fmt(value: float) -> str:
    if value >= 1000:
        return f"{value:,.0f}"
    if value >= 100:
        return f"{value:.1f}"
    return f"{value:.2f}"


def table(rows: dict[str, Any]) -> str:
    """The report as plain text: each row's figures, then each comparison's per-round ratio."""
    lines: list[str] = []
    for name, entry in rows.items():
        lines.append(f"{name}  {entry['title']}")
        if entry["status"] != "measured":
            lines.append(f"  {entry['status'].upper()}: {entry['reason']}")
            lines.append("")
            continue
        lines.append(f"  {entry['rounds']} rounds; median (min–max) over rounds")
        cells: list[tuple[str, ...]] = []
        for metric, figures in entry["metrics"].items():
            for index, (contender, spread) in enumerate(figures["contenders"].items()):
                cells.append(
                    (
                        f"{metric} ({figures['unit']})" if index == 0 else "",
                        contender,
                        _fmt(spread["median"]),
                        f"{_fmt(spread['min'])}–{_fmt(spread['max'])}",
                    )
                )
        lines.extend(_aligned(cells))
        judged: list[tuple[str, ...]] = []
        for c in entry["comparisons"]:
            ratio = c["ratio"]
            verdict = "" if c["target"] is None else f"target {c['target']}: {'met' if c['met'] else 'MISSED'}"
            judged.append(
                (
                    f"{c['metric']}: {c['contender']} / {c['baseline']}",
                    f"{ratio['median']:.3f} ({ratio['min']:.2f}–{ratio['max']:.2f})",
                    c["meaning"],
                    verdict,
                )
            )
        lines.append("  per-round ratio:")
        lines.extend("  " + line for line in _aligned(judged))
        lines.append("")
    return "\n".join(lines)


def _aligned(cells: list[tuple[str, ...]]) -> list[str]:
    if not cells:
        return []
    widths = [max(len(cell[i]) for cell in cells) for i in range(len(cells[0]))]
    return ["  " + "  ".join(c.ljust(w) for c, w in zip(cell, widths, strict=True)).rstrip() for cell in cells]
