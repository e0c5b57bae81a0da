"""A newcomer's first run: the Makefile's set-up, the README's opening, CONTRIBUTING, the licence and the sdist."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tarfile
import tomllib
from pathlib import Path

import pytest

from tests.cli.support import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def make(directory: Path, *arguments: str) -> subprocess.CompletedProcess[str]:
    """Run the project's Makefile, copied into `directory`, with `arguments`."""
    env = {name: value for name, value in os.environ.items() if not name.startswith(("MAKE", "MFLAGS"))}
    return subprocess.run(["make", "--no-print-directory", *arguments], cwd=directory, env=env, capture_output=True,
                          text=True, timeout=60, check=False)  # fmt: skip


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A directory with the project's Makefile and pyproject.toml, and nothing built."""
    for name in ("Makefile", "pyproject.toml"):
        shutil.copy(ROOT / name, tmp_path / name)
    return tmp_path


def base_python() -> str:
    """The interpreter behind the test run (a venv's python resolves to it)."""
    return os.path.realpath(sys.executable)


def fake_python(path: Path, script: str) -> Path:
    """An executable at `path` running `script` (sh)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"#!/bin/sh\n{script}\n")
    path.chmod(0o755)
    return path


# --- the Makefile's interpreter checks ----------------------------------------------


@pytest.mark.subprocess
def test_too_old_python_is_refused_in_one_line_before_anything_is_built(project: Path) -> None:
    """`make demo` with a Python older than 3.11 prints one line and leaves no .venv behind."""
    # A real interpreter that reports 3.9: its sitecustomize rewrites version_info.
    (project / "old").mkdir()
    (project / "old" / "sitecustomize.py").write_text("import sys\nsys.version_info = (3, 9, 18, 'final', 0)\n")
    python = fake_python(project / "bin" / "python3.9", f'PYTHONPATH={project / "old"} exec {base_python()} "$@"')

    result = make(project, "demo", f"PYTHON={python}")

    ours = [line for line in result.stderr.splitlines() if not line.startswith("make: ***")]
    assert 0 != result.returncode
    assert [f"make: {python} is Python 3.9; liveavatar needs 3.11 or newer: make demo PYTHON=python3.11"] == ours
    assert "" == result.stdout
    assert not (project / ".venv").exists()


@pytest.mark.subprocess
def test_missing_python_is_refused_in_one_line(project: Path) -> None:
    """A PYTHON that cannot be run is named in one line, before anything is built."""
    result = make(project, "unit", "PYTHON=python3.99-not-here")

    ours = [line for line in result.stderr.splitlines() if not line.startswith("make: ***")]
    assert 0 != result.returncode
    assert [
        "make: cannot run python3.99-not-here; liveavatar needs Python 3.11 or newer: make unit PYTHON=/path/to/python3.11"
    ] == ours
    assert not (project / ".venv").exists()


@pytest.mark.subprocess
def test_a_venv_from_another_interpreter_is_rebuilt(project: Path) -> None:
    """A .venv whose python is another interpreter (a failed 3.9 first run) is deleted and rebuilt."""
    fake_python(project / ".venv" / "bin" / "python", "echo CPython 3.9.18 /usr/bin/python3.9")
    (project / ".venv" / ".installed").touch()  # even with a stamp newer than pyproject.toml

    result = make(project, "--dry-run", "install", f"PYTHON={sys.executable}")

    assert 0 == result.returncode, result.stderr
    planned = result.stdout.splitlines()
    assert any("rm -rf .venv" in line for line in planned)
    assert f"{sys.executable} -m venv .venv" in planned


@pytest.mark.subprocess
def test_a_venv_from_the_same_interpreter_is_kept(project: Path) -> None:
    """A complete .venv built by $(PYTHON) is left alone: nothing to rebuild."""
    (project / ".venv" / "bin").mkdir(parents=True)
    (project / ".venv" / "bin" / "python").symlink_to(base_python())
    (project / ".venv" / ".installed").touch()

    result = make(project, "--dry-run", "install", f"PYTHON={sys.executable}")

    assert (0, "") == (result.returncode, result.stderr)
    assert "rm -rf" not in result.stdout
    assert "-m venv" not in result.stdout


@pytest.mark.subprocess
def test_make_unit_leaves_out_the_slow_tests_and_make_test_runs_them() -> None:
    """`make unit` leaves out the slow, Prism and subprocess tests; `make test` runs the whole suite."""
    planned = {target: make(ROOT, "--dry-run", target).stdout for target in ("unit", "test")}
    markers = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["pytest"]["markers"]

    for name in ("slow", "prism", "subprocess"):
        assert any(marker.startswith(f"{name}:") for marker in markers)
    assert (
        'PYTHONDONTWRITEBYTECODE= .venv/bin/python -m pytest -m "not slow and not prism and not subprocess" -n 4'
        in planned["unit"].splitlines()
    )
    assert ".venv/bin/coverage run -m pytest" in planned["test"].splitlines()


def test_readme_opens_with_install_then_a_five_line_first_call() -> None:
    """The README says what the package does, then how to install it today, then a five-line first call."""
    sections = re.split(r"^(?=## )", README, flags=re.MULTILINE)
    titles = [section.splitlines()[0] for section in sections[1:]]
    assert ["## Install", "## First call"] == titles[:2]
    opening = "".join(sections[:3])
    call = re.search(r"```python\n(.*?)```", opening, flags=re.DOTALL)

    assert opening.index("pip install") < opening.index("```python")
    assert call is not None
    assert 5 == len([line for line in call.group(1).splitlines() if line.strip()])
    assert re.search(r"^pip install \S*\.whl", opening, flags=re.MULTILINE)  # from a built wheel
    assert re.search(r"^pip install \.", opening, flags=re.MULTILINE)  # from a clone
    assert not re.search(r"pip install \"?liveavatar", README)  # not on PyPI
    for extra in ("`[mock]`", "`[realtime]`"):
        assert extra in sections[1]


def test_readme_is_short_and_every_extra_is_named_where_it_is_installed() -> None:
    """The README stays under 250 lines; the docs never tell a user to install from PyPI."""
    docs = [path.read_text(encoding="utf-8") for path in (ROOT / "docs").rglob("*.md")]

    assert len(README.splitlines()) <= 250
    assert [text for text in docs if re.search(r"pip install \"?liveavatar", text)] == []


def test_contributing_lists_the_commands_a_contributor_starts_with() -> None:
    """CONTRIBUTING.md names the set-up and edit-loop commands, and every make target the Makefile offers."""
    contributing = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    targets = re.findall(r"^([a-z-]+):.*## ", (ROOT / "Makefile").read_text(encoding="utf-8"), flags=re.MULTILINE)

    for command in ("make demo", "make test", "make unit", "make clean", "make docs"):
        assert command in contributing
    assert [target for target in targets if f"make {target}" not in contributing] == []


def test_license_file_matches_the_declared_license() -> None:
    """LICENSE is the MIT licence that pyproject.toml declares, for the liveavatar authors."""
    declared = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["license"]
    text = (ROOT / "LICENSE").read_text(encoding="utf-8")

    assert "MIT" == declared
    assert text.startswith("MIT License\n\nCopyright (c) 2026 the liveavatar authors\n")
    assert 'THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND' in text


@pytest.mark.subprocess
@pytest.mark.wire  # builds in an isolated environment, which pip fills from the package index
def test_sdist_carries_what_the_tests_import(tmp_path: Path) -> None:
    """The sdist holds examples/ (which tests import), the licence, the tests and the Makefile."""
    subprocess.run([sys.executable, "-m", "build", "--sdist", "--outdir", str(tmp_path)], cwd=ROOT, check=True,
                   capture_output=True, timeout=300)  # fmt: skip
    (sdist,) = tmp_path.glob("*.tar.gz")

    with tarfile.open(sdist) as archive:
        names = {name.split("/", 1)[1] for name in archive.getnames() if "/" in name}
    assert {"examples/token_backend.py", "LICENSE", "Makefile", "README.md", "tests/cli/support.py"} <= names
