"""Regenerate `generated/liveavatar_client/` from the checked-in spec.

Usage: ``python scripts/gen.py`` writes the package, and the JSON copy of the
spec that the mock server validates with; ``python scripts/gen.py --check``
regenerates both into a temporary folder and fails, listing the files, when
the result differs from what is committed.

The output must be identical on every machine, so the generator and ruff are
run from this interpreter's environment (a post-hook whose executable is not
on PATH is only a warning to the generator, and would leave the code
unformatted), and the post-hooks in `openapi/config.yaml` run ruff with
`--isolated`, so no ruff config near the output folder can change it.
"""

from __future__ import annotations

import argparse
import filecmp
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "openapi" / "liveavatar.yaml"
CONFIG = ROOT / "openapi" / "config.yaml"
TEMPLATES = ROOT / "openapi" / "templates"
PACKAGE = "liveavatar_client"
TARGET = ROOT / "generated" / PACKAGE
# Not generator output, so not in the generated package: it lives beside the
# code that reads it, and ships in the wheel with it.
MOCK_SPEC = ROOT / "facade" / "liveavatar" / "mock" / "openapi.json"


def generate(into: Path) -> Path:
    """Write a fresh package into the folder `into` and return its path."""
    out = into / PACKAGE
    bindir = str(Path(sys.executable).parent)
    env = {**os.environ, "PATH": bindir + os.pathsep + os.environ.get("PATH", "")}
    subprocess.run(
        [
            str(Path(bindir) / "openapi-python-client"),
            "generate",
            "--path",
            str(SPEC),
            "--config",
            str(CONFIG),
            "--custom-template-path",
            str(TEMPLATES),
            "--meta",
            "none",
            "--output-path",
            str(out),
            "--fail-on-warning",
        ],
        check=True,
        env=env,
        stdout=subprocess.DEVNULL,
    )
    # `--meta none` writes no py.typed; the package is typed, so say so.
    (out / "py.typed").write_text("")
    return out


def mock_spec_text() -> str:
    """The spec as the mock server reads it at run time.

    JSON keeps PyYAML out of the runtime dependencies; sorted keys make the
    text depend on the spec's content alone.
    """
    spec = yaml.safe_load(SPEC.read_text(encoding="utf-8"))
    return json.dumps(spec, indent=1, sort_keys=True) + "\n"


def differences(left: Path, right: Path) -> list[str]:
    """Relative paths that differ, or exist on one side only, below two folders."""
    found: list[str] = []

    def walk(cmp: filecmp.dircmp[str], prefix: str) -> None:
        found.extend(prefix + name for name in cmp.left_only + cmp.right_only + cmp.diff_files + cmp.funny_files)
        for name, sub in cmp.subdirs.items():
            walk(sub, f"{prefix}{name}/")

    walk(filecmp.dircmp(left, right, ignore=["__pycache__"]), "")
    return sorted(found)


def stale_files(fresh: Path, spec_text: str) -> list[str]:
    """Committed outputs (paths from the repo root) that differ from a fresh generation."""
    prefix = TARGET.relative_to(ROOT).as_posix() + "/"
    stale = [prefix + name for name in differences(fresh, TARGET)]
    if not MOCK_SPEC.is_file() or MOCK_SPEC.read_text(encoding="utf-8") != spec_text:
        stale.append(MOCK_SPEC.relative_to(ROOT).as_posix())
    return stale


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="fail if generated/ is out of date")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="liveavatar-gen-") as tmp:
        fresh = generate(Path(tmp))
        spec_text = mock_spec_text()
        if args.check:
            if not TARGET.is_dir():
                print(f"check-gen: {TARGET.relative_to(ROOT)} is missing; run `make gen`", file=sys.stderr)
                return 1
            changed = stale_files(fresh, spec_text)
            if changed:
                print("check-gen: the generated files do not match openapi/; run `make gen`. Differs:", file=sys.stderr)
                for name in changed:
                    print(f"  {name}", file=sys.stderr)
                return 1
            print("check-gen: generated/ and the mock's spec copy match the spec")
            return 0
        shutil.rmtree(TARGET, ignore_errors=True)
        shutil.copytree(fresh, TARGET)
        MOCK_SPEC.write_text(spec_text, encoding="utf-8")
    print(f"gen: wrote {TARGET.relative_to(ROOT)} and {MOCK_SPEC.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
