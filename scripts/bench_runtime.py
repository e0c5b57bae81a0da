"""A cached virtualenv holding only what `pip install liveavatar` brings: where imports are timed.

The development venv also holds the dev tools, and some of them change what
`import httpx` costs (click and rich, httpx's CLI extra, are imported by httpx
when present), so an import ratio taken there flatters or penalises the SDK
by accident. This venv has the package and its runtime dependencies, nothing
else.

It lives in `.venv-bench/` and is reused while its key holds: it is rebuilt
from scratch when pyproject.toml (the dependencies) or the interpreter
changes, and the package alone is reinstalled, without touching the
dependencies, when the sources under facade/ or generated/ change, so that
the figures are always those of the code in the working tree. A lock keeps
two benches (`make bench` and the test, say) from building it at once.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DIR = ROOT / ".venv-bench"
_STAMP = "bench-stamp.json"
_SOURCES = ("facade", "generated")


def _digest(paths: Iterable[Path]) -> str:
    digest = hashlib.sha256()
    for path in sorted(paths):
        digest.update(str(path.relative_to(ROOT)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def _interpreter() -> str:
    base = getattr(sys, "_base_executable", sys.executable)
    return f"{os.path.realpath(base)} {sys.version}"


def _keys() -> dict[str, str]:
    sources = [
        p for folder in _SOURCES for p in (ROOT / folder).rglob("*") if p.is_file() and "__pycache__" not in p.parts
    ]
    return {
        "environment": _digest([ROOT / "pyproject.toml"]) + " " + _interpreter(),
        "package": _digest([*sources, ROOT / "pyproject.toml"]),
    }


def _pip(python: Path, *args: str) -> None:
    subprocess.run(
        [str(python), "-m", "pip", "install", "-qq", "--disable-pip-version-check", *args],
        check=True,
        stdout=subprocess.DEVNULL,
    )


def ensure(directory: Path = DEFAULT_DIR) -> tuple[Path, dict[str, Any]]:
    """The runtime venv's python, built or refreshed as needed, and what it holds."""
    python = directory / "bin" / "python"
    directory.parent.mkdir(parents=True, exist_ok=True)
    with open(directory.with_name(directory.name + ".lock"), "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        keys = _keys()
        stamp_path = directory / _STAMP
        try:
            stamp = json.loads(stamp_path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            stamp = {}
        action = "reused"
        if stamp.get("environment") != keys["environment"] or not python.exists():
            print(f"  building the runtime-only venv in {directory} (pip install {ROOT})", file=sys.stderr)
            shutil.rmtree(directory, ignore_errors=True)
            subprocess.run([sys.executable, "-m", "venv", str(directory)], check=True)
            _pip(python, str(ROOT))
            action = "built"
        elif stamp.get("package") != keys["package"]:
            print("  the sources changed: reinstalling liveavatar in the runtime-only venv", file=sys.stderr)
            _pip(python, "--no-deps", "--force-reinstall", str(ROOT))
            action = "package reinstalled"
        stamp_path.write_text(json.dumps(keys, indent=2) + "\n", encoding="utf-8")
    listing = subprocess.run(
        [
            str(python),
            "-I",
            "-c",
            "import importlib.metadata as m, json, sys\n"
            "print(json.dumps({'python': sys.version.split()[0], 'distributions': sorted("
            "f\"{d.metadata['Name']}=={d.version}\" for d in m.distributions())}))",
        ],
        check=True,
        capture_output=True,
        text=True,
    )
    return python, {"path": str(directory), "action": action, **json.loads(listing.stdout)}
