"""Fixtures for the conformance tier: a running Prism, a deterministic Hypothesis profile, and the summary count.

The Hypothesis profile is registered here but never loaded: each property
applies it with `settings(settings.get_profile("liveavatar-conformance"))`,
so it changes nothing for other suites.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import time
from collections.abc import Iterator

import pytest
from hypothesis import HealthCheck, settings

from tests.conformance.support import CHECKED, ROOT, Prism
from tests.spec_document import SPEC_PATH

settings.register_profile(
    "liveavatar-conformance",
    derandomize=True,
    database=None,
    deadline=None,
    max_examples=150,
    print_blob=False,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.large_base_example],
)

PRISM_DIR = ROOT / ".prism"
PRISM_BIN = PRISM_DIR / "node_modules" / ".bin" / "prism"
PRISM_START_TIMEOUT = 60.0


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """Print how many generated inputs each conformance property checked."""
    if not CHECKED:
        return
    total = sum(CHECKED.values())
    terminalreporter.section("conformance")
    for name, number in sorted(CHECKED.items()):
        terminalreporter.write_line(f"{number:6d}  {name}")
    terminalreporter.write_line(f"conformance: {total} generated inputs checked against the spec, facade and mock")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _install_prism() -> None:
    """`make prism` when the pinned Prism is not installed; a failure with node and npm present fails the tier."""
    if PRISM_BIN.exists():
        return
    make = shutil.which("make")
    if make is None:
        pytest.fail("Prism is not installed in .prism/ and `make` is not on PATH to install it", pytrace=False)
    result = subprocess.run([make, "prism"], cwd=ROOT, capture_output=True, text=True, timeout=600, check=False)
    if result.returncode != 0 or not PRISM_BIN.exists():
        pytest.fail(
            f"`make prism` failed (exit {result.returncode}):\n{result.stdout[-4000:]}\n{result.stderr[-4000:]}",
            pytrace=False,
        )


@pytest.fixture(scope="session")
def prism(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Prism]:
    """A `prism mock` of the spec on a free port of 127.0.0.1, its log captured to a file; stopped at teardown."""
    if shutil.which("node") is None or shutil.which("npm") is None:
        pytest.skip("node and npm are needed for the Prism tier")
    _install_prism()
    port = _free_port()
    log_path = tmp_path_factory.mktemp("prism") / "prism.log"
    env = {**os.environ, "NO_COLOR": "1", "FORCE_COLOR": "0"}
    with log_path.open("wb") as log:
        process = subprocess.Popen(
            [str(PRISM_BIN), "mock", str(SPEC_PATH), "-h", "127.0.0.1", "-p", str(port)],
            cwd=ROOT,
            stdout=log,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            env=env,
        )
    try:
        deadline = time.monotonic() + PRISM_START_TIMEOUT
        while True:
            if process.poll() is not None:
                pytest.fail(f"Prism exited with {process.returncode}:\n{log_path.read_text(errors='replace')}")
            if "Prism is listening" in log_path.read_text(errors="replace"):
                try:
                    socket.create_connection(("127.0.0.1", port), timeout=1).close()
                    break
                except OSError:
                    pass
            if time.monotonic() > deadline:
                pytest.fail(
                    f"Prism did not answer within {PRISM_START_TIMEOUT:g} s:\n{log_path.read_text(errors='replace')}"
                )
            time.sleep(0.1)
        yield Prism(f"http://127.0.0.1:{port}", log_path, process)
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)
