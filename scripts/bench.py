"""Measure the SDK's overhead against raw httpx, as ratios.

Usage: ``python scripts/bench.py [--quick] [--json PATH]`` (``make bench``).

Four benchmarks. In each, the contenders take turns round by round, and the
order rotates every round, so that load from elsewhere on the machine hits
them alike. A figure is the median over rounds, with the min–max beside it;
`ratio` is median over median, `per-round ratio` the median of the ratios
between batches run back to back, which is what the targets are judged on.

1. in-process: CPU microseconds per call, a canned 200 from
   `httpx.MockTransport`: raw `httpx.Client.post` + `.json()`, the generated
   `sync_detailed` with a prebuilt model, and the facade's `create_token`;
2. loopback sequential: wall-clock microseconds per keep-alive request to a
   minimal HTTP/1.1 server in a subprocess (its CPU is not the client's), raw
   `httpx.Client` against `LiveAvatar`; the client's CPU per request beside;
3. loopback concurrent: tokens per second from 64 asyncio tasks, raw
   `httpx.AsyncClient` against `AsyncLiveAvatar`; client CPU per token beside;
4. import: milliseconds for `import liveavatar` against `import httpx`, timed
   inside fresh interpreters so start-up is left out; as the environment is,
   and with httpx's optional CLI dependencies hidden, as after a plain
   `pip install liveavatar`.

Every contender sends the same JSON body (checked before timing) and gets the
same response. Targets are reported, never enforced: the exit status is 0.
"""

from __future__ import annotations

import argparse
import asyncio
import base64
import gc
import json
import os
import platform
import socket
import statistics
import subprocess
import sys
import time
import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx

API_KEY = "bench-api-key"
BASE_URL = "https://api.liveavatar.com"
TOKEN_PATH = "/v1/sessions/token"  # noqa: S105 - a URL path
AVATAR_ID = "dd73ea75-1218-4ef3-92ce-606d5f7fbc0a"
VOICE_ID = "5a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d"
CONTEXT_ID = "0f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0"
SESSION_ID = "7c9e6679-7425-40de-944b-e07fc1f90ae7"


def _jwt_part(claims: dict[str, Any]) -> str:
    return base64.urlsafe_b64encode(json.dumps(claims).encode()).rstrip(b"=").decode()


SESSION_TOKEN = ".".join(
    (_jwt_part({"alg": "HS256", "typ": "JWT"}), _jwt_part({"sid": SESSION_ID, "exp": 4102444800}), "bench-signature")
)
"""JWT-shaped, as LiveAvatar's are; nothing checks the signature."""

BODY: dict[str, Any] = {
    "mode": "FULL",
    "avatar_id": AVATAR_ID,
    "avatar_persona": {"voice_id": VOICE_ID, "context_id": CONTEXT_ID, "language": "en"},
}
"""The request body every contender sends: what `create_token(avatar_id, persona=Persona(...))` builds."""

RAW_HEADERS = {"Accept": "application/json", "User-Agent": "bench/1", "X-API-KEY": API_KEY}
"""What a hand-written httpx call sends: the same three headers as the facade."""

RESPONSE_JSON = json.dumps(
    {"code": 100, "data": {"session_id": SESSION_ID, "session_token": SESSION_TOKEN}, "message": "ok"},
    separators=(",", ":"),
).encode()
RESPONSE_HEADERS = {"content-type": "application/json", "x-request-id": "req-bench"}

CONCURRENCY = 64

NODELAY = [(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)]
"""Loopback clients send headers and body in two writes; without TCP_NODELAY, Nagle's
algorithm and delayed ACKs add a variable wait to each request that hides the
clients' own cost. Raw and facade get the same transport settings."""

TARGETS = {
    "in_process": ("<=", 1.15),
    "loopback_sequential": ("<=", 1.05),
    "loopback_concurrent": (">=", 0.95),
    "import": ("<=", 1.25),
}


@dataclass(frozen=True)
class Plan:
    """Rounds and batch sizes for one run."""

    in_process_rounds: int
    in_process_calls: int
    sequential_rounds: int
    sequential_requests: int
    concurrent_rounds: int
    concurrent_requests: int
    import_rounds: int


FULL = Plan(
    in_process_rounds=151,
    in_process_calls=150,
    sequential_rounds=101,
    sequential_requests=60,
    concurrent_rounds=21,
    concurrent_requests=CONCURRENCY * 2,
    import_rounds=30,
)
"""Many short rounds rather than a few long ones: a burst of load from elsewhere
then spoils a few rounds' ratios instead of shifting a whole contender."""
QUICK = Plan(
    in_process_rounds=3,
    in_process_calls=50,
    sequential_rounds=3,
    sequential_requests=30,
    concurrent_rounds=2,
    concurrent_requests=CONCURRENCY,
    import_rounds=3,
)


# --------------------------------------------------------------------------
# The loopback server (run as `bench.py --serve` in a subprocess)


def _canned_http_response() -> bytes:
    head = (
        "HTTP/1.1 200 OK\r\n"
        "content-type: application/json\r\n"
        f"content-length: {len(RESPONSE_JSON)}\r\n"
        "x-request-id: req-bench\r\n"
        "\r\n"
    )
    return head.encode("ascii") + RESPONSE_JSON


class _TokenProtocol(asyncio.Protocol):
    """Answers every HTTP/1.1 request on a keep-alive connection with the canned token."""

    response = _canned_http_response()

    def __init__(self) -> None:
        self.buffer = b""
        self.transport: asyncio.Transport | None = None

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        assert isinstance(transport, asyncio.Transport)
        self.transport = transport

    def data_received(self, data: bytes) -> None:
        self.buffer += data
        while True:
            end = self.buffer.find(b"\r\n\r\n")
            if end < 0:
                return
            length = 0
            for line in self.buffer[:end].split(b"\r\n")[1:]:
                name, _, value = line.partition(b":")
                if name.strip().lower() == b"content-length":
                    length = int(value)
            total = end + 4 + length
            if len(self.buffer) < total:
                return
            self.buffer = self.buffer[total:]
            assert self.transport is not None
            self.transport.write(self.response)


async def _serve() -> None:
    loop = asyncio.get_running_loop()
    server = await loop.create_server(_TokenProtocol, "127.0.0.1", 0, backlog=1024)
    port = server.sockets[0].getsockname()[1]
    print(port, flush=True)
    # Stop when the parent closes our stdin, or dies: no stray servers.
    await loop.run_in_executor(None, sys.stdin.read)
    server.close()


class LoopbackServer:
    """The `--serve` subprocess: a context manager that yields its base URL."""

    def __enter__(self) -> str:
        self.process = subprocess.Popen(
            [sys.executable, str(Path(__file__).resolve()), "--serve"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        assert self.process.stdout is not None
        port = int(self.process.stdout.readline())
        return f"http://127.0.0.1:{port}"

    def __exit__(self, *exc: object) -> None:
        assert self.process.stdin is not None
        assert self.process.stdout is not None
        self.process.stdin.close()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.process.stdout.close()


# --------------------------------------------------------------------------
# Measurement helpers

Measure = Callable[[], dict[str, float]]
"""One contender's batch; returns its figures by metric name (`cpu`, `wall`, …)."""


def rotated(names: list[str], round_index: int) -> list[str]:
    """The contenders in this round's order: each goes first, second, … in turn."""
    shift = round_index % len(names)
    return names[shift:] + names[:shift]


def progress(label: str, done: int, rounds: int) -> None:
    end = "\n" if done == rounds else ""
    print(f"\r  {label}: round {done}/{rounds}", end=end, file=sys.stderr, flush=True)


def interleave(contenders: dict[str, Measure], rounds: int, label: str) -> dict[str, dict[str, list[float]]]:
    """Run every contender once per round, in a rotating order, after one warm-up each.

    Returns the per-round figures as `{metric: {contender: [one per round]}}`.
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


def compare(
    samples: dict[str, list[float]], baseline: str, unit: str, higher_is_better: bool = False
) -> dict[str, Any]:
    """Median and min–max per contender, and two ratios against the baseline.

    `ratio` is the contender's median over the baseline's. `round_ratio` is the
    median of the round-by-round ratios, each taken between batches run back to
    back: the figure that interleaving protects from drifts in machine load, and
    the one the targets are judged on.
    """
    base = statistics.median(samples[baseline])
    out: dict[str, Any] = {"unit": unit, "higher_is_better": higher_is_better, "baseline": baseline, "contenders": {}}
    for name, values in samples.items():
        pairs = [a / b for a, b in zip(values, samples[baseline], strict=True)]
        out["contenders"][name] = {
            "median": statistics.median(values),
            "min": min(values),
            "max": max(values),
            "ratio": statistics.median(values) / base,
            "round_ratio": {"median": statistics.median(pairs), "min": min(pairs), "max": max(pairs)},
            "samples": values,
        }
    return out


# --------------------------------------------------------------------------
# The contenders


# The generated client is a contender here, so its imports carry `noqa: TID251`
# (the rule keeps the facade's modules away from it, not this script).


def _mock_handler(request: httpx.Request) -> httpx.Response:
    return httpx.Response(200, content=RESPONSE_JSON, headers=RESPONSE_HEADERS)


def _generated_request() -> Any:
    from liveavatar_client.models.avatar_persona import AvatarPersona  # noqa: TID251
    from liveavatar_client.models.full_session_token_request import FullSessionTokenRequest  # noqa: TID251
    from liveavatar_client.types import UNSET  # noqa: TID251

    persona = AvatarPersona(voice_id=uuid.UUID(VOICE_ID), context_id=uuid.UUID(CONTEXT_ID), language="en")
    # is_sandbox=UNSET leaves the field out, as the facade does for sandbox=False.
    return FullSessionTokenRequest(avatar_id=uuid.UUID(AVATAR_ID), avatar_persona=persona, is_sandbox=UNSET)


def _persona() -> Any:
    from liveavatar import Persona

    return Persona(voice_id=VOICE_ID, context_id=CONTEXT_ID, language="en")


def check_same_requests() -> None:
    """Fail unless all three in-process contenders send the same body and credentials."""
    from liveavatar import LiveAvatar
    from liveavatar_client.api.sessions import create_session_token  # noqa: TID251
    from liveavatar_client.client import AuthenticatedClient  # noqa: TID251

    seen: dict[str, httpx.Request] = {}

    def recorder(name: str) -> httpx.MockTransport:
        def handle(request: httpx.Request) -> httpx.Response:
            seen[name] = request
            return _mock_handler(request)

        return httpx.MockTransport(handle)

    tokens: dict[str, str] = {}
    with httpx.Client(transport=recorder("raw")) as raw:
        tokens["raw"] = raw.post(BASE_URL + TOKEN_PATH, json=BODY, headers=RAW_HEADERS).json()["data"]["session_token"]
    with AuthenticatedClient(
        base_url=BASE_URL,
        token=API_KEY,
        prefix="",
        auth_header_name="X-API-KEY",
        httpx_args={"transport": recorder("generated")},
    ) as low:
        parsed = create_session_token.sync_detailed(client=low, body=_generated_request()).parsed
        tokens["generated"] = parsed.data.session_token
    with httpx.Client(transport=recorder("facade")) as http, LiveAvatar(api_key=API_KEY, http_client=http) as client:
        tokens["facade"] = client.sessions.create_token(avatar_id=AVATAR_ID, persona=_persona()).session_token
    for name, request in seen.items():
        sent = (request.method, str(request.url), json.loads(request.content), request.headers.get("x-api-key"))
        if sent != ("POST", BASE_URL + TOKEN_PATH, BODY, API_KEY) or tokens[name] != SESSION_TOKEN:
            raise RuntimeError(f"{name} does not send the request the others send, or read the token: {sent!r}")


def bench_in_process(plan: Plan) -> dict[str, Any]:
    """CPU microseconds per call through `httpx.MockTransport`."""
    from liveavatar import LiveAvatar
    from liveavatar_client.api.sessions import create_session_token  # noqa: TID251
    from liveavatar_client.client import AuthenticatedClient  # noqa: TID251

    check_same_requests()
    calls = plan.in_process_calls
    url = BASE_URL + TOKEN_PATH

    raw = httpx.Client(transport=httpx.MockTransport(_mock_handler))
    low = AuthenticatedClient(
        base_url=BASE_URL,
        token=API_KEY,
        prefix="",
        auth_header_name="X-API-KEY",
        httpx_args={"transport": httpx.MockTransport(_mock_handler)},
    )
    model = _generated_request()
    sync_detailed = create_session_token.sync_detailed
    facade_http = httpx.Client(transport=httpx.MockTransport(_mock_handler))
    facade = LiveAvatar(api_key=API_KEY, http_client=facade_http)
    create_token = facade.sessions.create_token
    persona = _persona()

    def run_raw() -> dict[str, float]:
        started = time.process_time()
        for _ in range(calls):
            raw.post(url, json=BODY, headers=RAW_HEADERS).json()["data"]["session_token"]
        return {"cpu": (time.process_time() - started) / calls * 1e6}

    def run_generated() -> dict[str, float]:
        started = time.process_time()
        for _ in range(calls):
            sync_detailed(client=low, body=model).parsed.data.session_token  # noqa: B018
        return {"cpu": (time.process_time() - started) / calls * 1e6}

    def run_facade() -> dict[str, float]:
        started = time.process_time()
        for _ in range(calls):
            create_token(avatar_id=AVATAR_ID, persona=persona).session_token  # noqa: B018
        return {"cpu": (time.process_time() - started) / calls * 1e6}

    try:
        samples = interleave(
            {"raw httpx": run_raw, "generated": run_generated, "facade": run_facade},
            plan.in_process_rounds,
            "in-process",
        )
    finally:
        raw.close()
        low.close()
        facade.close()
        facade_http.close()
    result = compare(samples["cpu"], "raw httpx", "us_cpu_per_call")
    result["calls_per_round"] = calls
    return result


def bench_sequential(plan: Plan, base_url: str) -> tuple[dict[str, Any], dict[str, Any]]:
    """Wall-clock, and client CPU, microseconds per keep-alive request to the loopback server."""
    from liveavatar import LiveAvatar

    requests = plan.sequential_requests
    url = base_url + TOKEN_PATH
    raw = httpx.Client(transport=httpx.HTTPTransport(socket_options=NODELAY))
    facade_http = httpx.Client(transport=httpx.HTTPTransport(socket_options=NODELAY))
    facade = LiveAvatar(api_key=API_KEY, base_url=base_url, http_client=facade_http)
    create_token = facade.sessions.create_token
    persona = _persona()

    def figures(wall: float, cpu: float) -> dict[str, float]:
        return {
            "wall": (time.perf_counter() - wall) / requests * 1e6,
            "cpu": (time.process_time() - cpu) / requests * 1e6,
        }

    def run_raw() -> dict[str, float]:
        wall, cpu = time.perf_counter(), time.process_time()
        for _ in range(requests):
            raw.post(url, json=BODY, headers=RAW_HEADERS).json()["data"]["session_token"]
        return figures(wall, cpu)

    def run_facade() -> dict[str, float]:
        wall, cpu = time.perf_counter(), time.process_time()
        for _ in range(requests):
            create_token(avatar_id=AVATAR_ID, persona=persona).session_token  # noqa: B018
        return figures(wall, cpu)

    try:
        samples = interleave({"raw httpx": run_raw, "facade": run_facade}, plan.sequential_rounds, "sequential")
    finally:
        raw.close()
        facade.close()
        facade_http.close()
    wall = compare(samples["wall"], "raw httpx", "us_wall_per_request")
    cpu = compare(samples["cpu"], "raw httpx", "us_client_cpu_per_request")
    for result in (wall, cpu):
        result["requests_per_round"] = requests
    return wall, cpu


def bench_concurrent(plan: Plan, base_url: str) -> tuple[dict[str, Any], dict[str, Any]]:
    """Tokens per second, and client CPU microseconds per token, from 64 asyncio tasks."""
    from liveavatar import AsyncLiveAvatar

    per_task = plan.concurrent_requests // CONCURRENCY
    total = per_task * CONCURRENCY
    url = base_url + TOKEN_PATH
    # Room for one connection per task, all kept alive between rounds.
    limits = httpx.Limits(max_connections=CONCURRENCY, max_keepalive_connections=CONCURRENCY)

    async def main() -> dict[str, dict[str, list[float]]]:
        raw = httpx.AsyncClient(transport=httpx.AsyncHTTPTransport(limits=limits, socket_options=NODELAY))
        facade_http = httpx.AsyncClient(transport=httpx.AsyncHTTPTransport(limits=limits, socket_options=NODELAY))
        facade = AsyncLiveAvatar(api_key=API_KEY, base_url=base_url, http_client=facade_http)
        create_token = facade.sessions.create_token
        persona = _persona()

        async def raw_task() -> None:
            for _ in range(per_task):
                (await raw.post(url, json=BODY, headers=RAW_HEADERS)).json()["data"]["session_token"]

        async def facade_task() -> None:
            for _ in range(per_task):
                (await create_token(avatar_id=AVATAR_ID, persona=persona)).session_token  # noqa: B018

        async def measure(task: Callable[[], Awaitable[None]]) -> dict[str, float]:
            wall, cpu = time.perf_counter(), time.process_time()
            await asyncio.gather(*(task() for _ in range(CONCURRENCY)))
            return {
                "throughput": total / (time.perf_counter() - wall),
                "cpu": (time.process_time() - cpu) / total * 1e6,
            }

        contenders = {"raw httpx": raw_task, "facade": facade_task}
        names = list(contenders)
        samples: dict[str, dict[str, list[float]]] = {}
        try:
            for name in names:
                await measure(contenders[name])
            for index in range(plan.concurrent_rounds):
                for name in rotated(names, index):
                    gc.collect()
                    for metric, value in (await measure(contenders[name])).items():
                        samples.setdefault(metric, {}).setdefault(name, []).append(value)
                progress("concurrent", index + 1, plan.concurrent_rounds)
        finally:
            await raw.aclose()
            await facade.aclose()
            await facade_http.aclose()
        return samples

    samples = asyncio.run(main())
    throughput = compare(samples["throughput"], "raw httpx", "tokens_per_s", higher_is_better=True)
    cpu = compare(samples["cpu"], "raw httpx", "us_client_cpu_per_token")
    for result in (throughput, cpu):
        result["tasks"] = CONCURRENCY
        result["requests_per_round"] = total
    return throughput, cpu


_IMPORT_CODE = "import time\nstarted = time.perf_counter()\nimport {module}\nprint(time.perf_counter() - started)\n"

_HIDE_HTTPX_CLI = "import sys\nsys.modules['click'] = sys.modules['rich'] = None\n"
"""`import httpx` also imports click and rich when they are installed (its CLI
extra; here, pulled in by the dev tools). A plain `pip install liveavatar` has
neither, so its `import httpx` is much faster and the same overhead a larger ratio."""


def bench_import(plan: Plan) -> tuple[dict[str, Any], dict[str, Any]]:
    """Milliseconds to import each package in a fresh interpreter, start-up excluded.

    Measured as the environment is, and again with httpx's CLI dependencies hidden.
    """
    # Without PYTHONDONTWRITEBYTECODE the warm-up run leaves fresh bytecode behind, as
    # an installed package has: a stale cache would be recompiled on every import.
    env = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith("LIVEAVATAR_") and name != "PYTHONDONTWRITEBYTECODE"
    }

    def timer(module: str, prelude: str = "") -> Measure:
        def run() -> dict[str, float]:
            out = subprocess.run(
                [sys.executable, "-c", prelude + _IMPORT_CODE.format(module=module)],
                env=env,
                capture_output=True,
                text=True,
                check=True,
            )
            return {"ms": float(out.stdout) * 1e3}

        return run

    contenders = {
        "httpx": timer("httpx"),
        "liveavatar": timer("liveavatar"),
        "httpx, no CLI extra": timer("httpx", _HIDE_HTTPX_CLI),
        "liveavatar, no CLI extra": timer("liveavatar", _HIDE_HTTPX_CLI),
    }
    samples = interleave(contenders, plan.import_rounds, "import")["ms"]
    as_is = compare({name: samples[name] for name in ("httpx", "liveavatar")}, "httpx", "ms")
    minimal = {"httpx": samples["httpx, no CLI extra"], "liveavatar": samples["liveavatar, no CLI extra"]}
    return as_is, compare(minimal, "httpx", "ms")


# --------------------------------------------------------------------------
# Report

SECTIONS = {
    "in_process": "in-process, MockTransport: CPU µs/call",
    "loopback_sequential": "loopback sequential keep-alive: wall µs/request",
    "loopback_sequential_cpu": "  same run, client CPU µs/request",
    "loopback_concurrent": f"loopback, {CONCURRENCY} asyncio tasks: tokens/s (higher is better)",
    "loopback_concurrent_cpu": "  same run, client CPU µs/token",
    "import": "import in a fresh interpreter: ms",
    "import_no_httpx_cli": "  same, click and rich (httpx[cli]) hidden",
}
"""Every result, in the table's order; the CPU rows are context, without a target."""


def targets(results: dict[str, Any]) -> dict[str, Any]:
    """Each target, judged on the facade's round-by-round ratio; informational only."""
    out = {}
    for key, (op, limit) in TARGETS.items():
        name = "liveavatar" if key == "import" else "facade"
        ratio = results[key]["contenders"][name]["round_ratio"]["median"]
        met = ratio <= limit if op == "<=" else ratio >= limit
        out[key] = {"contender": name, "round_ratio": ratio, "target": f"{op} {limit:g}", "met": met}
    return out


def _fmt(value: float) -> str:
    if value >= 1000:
        return f"{value:,.0f}"
    if value >= 100:
        return f"{value:.1f}"
    return f"{value:.2f}"


def table(report: dict[str, Any]) -> str:
    """The results as a plain-text table."""
    header = ("benchmark", "contender", "median", "min–max", "ratio", "per-round ratio", "target")
    rows = [header]
    for key, title in SECTIONS.items():
        result = report["results"][key]
        target = report["targets"].get(key)
        for name, entry in result["contenders"].items():
            baseline = name == result["baseline"]
            verdict = ""
            if target is not None and name == target["contender"]:
                verdict = f"{target['target']}: {'met' if target['met'] else 'MISSED'}"
            pair = entry["round_ratio"]
            rows.append(
                (
                    title if baseline else "",
                    name,
                    _fmt(entry["median"]),
                    f"{_fmt(entry['min'])}–{_fmt(entry['max'])}",
                    "1" if baseline else f"{entry['ratio']:.3f}",
                    "" if baseline else f"{pair['median']:.3f} ({pair['min']:.2f}–{pair['max']:.2f})",
                    verdict,
                )
            )
    widths = [max(len(row[i]) for row in rows) for i in range(len(header))]
    lines = ["  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip() for row in rows]
    lines.insert(1, "  ".join("-" * width for width in widths))
    return "\n".join(lines)


def run(plan: Plan, quick: bool) -> dict[str, Any]:
    """Every benchmark, in order, and the report."""
    import liveavatar

    results = {"in_process": bench_in_process(plan)}
    with LoopbackServer() as base_url:
        results["loopback_sequential"], results["loopback_sequential_cpu"] = bench_sequential(plan, base_url)
        results["loopback_concurrent"], results["loopback_concurrent_cpu"] = bench_concurrent(plan, base_url)
    results["import"], results["import_no_httpx_cli"] = bench_import(plan)
    return {
        "python": platform.python_version(),
        "implementation": platform.python_implementation(),
        "httpx": httpx.__version__,
        "liveavatar": liveavatar.__version__,
        "quick": quick,
        "rounds": {
            "in_process": plan.in_process_rounds,
            "loopback_sequential": plan.sequential_rounds,
            "loopback_concurrent": plan.concurrent_rounds,
            "import": plan.import_rounds,
        },
        "batch": {
            "in_process_calls": plan.in_process_calls,
            "loopback_sequential_requests": plan.sequential_requests,
            "loopback_concurrent_requests": plan.concurrent_requests // CONCURRENCY * CONCURRENCY,
            "loopback_concurrent_tasks": CONCURRENCY,
        },
        "results": {key: results[key] for key in SECTIONS},
        "targets": targets(results),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="a few short rounds: checks the harness, not the SDK")
    parser.add_argument("--json", type=Path, metavar="PATH", help="also write the figures as JSON to PATH")
    parser.add_argument("--serve", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.serve:
        asyncio.run(_serve())
        return 0
    started = time.perf_counter()
    report = run(QUICK if args.quick else FULL, args.quick)
    report["elapsed_s"] = time.perf_counter() - started
    print(table(report))
    print(f"\nPython {report['python']}, httpx {report['httpx']}, {report['elapsed_s']:.0f} s.", end=" ")
    print("Targets are judged on the per-round ratio; they never fail the run.")
    if args.json is not None:
        args.json.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
        print(f"JSON written to {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
