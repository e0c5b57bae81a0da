"""CONTRIBUTING.md's layout matches the tree, so it cannot go stale."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "facade" / "liveavatar"


def _layout() -> dict[Path, str]:
    """Each path named in the layout block's name column, with the line that names it.

    An indented line's names are relative to the last unindented folder; names are
    separated by single spaces and end at the first run of two spaces.
    """
    text = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    block = re.search(r"## Layout\n.*?```text\n(.*?)```", text, flags=re.DOTALL)
    assert block is not None
    named: dict[Path, str] = {}
    parent = ROOT
    for line in block.group(1).splitlines():
        if not line.strip() or line.startswith(" " * 4):  # a description's second line
            continue
        column = re.split(r"\s{2,}", line.strip(), maxsplit=1)[0]
        indented = line.startswith("  ")
        for name in column.split():
            path = (parent if indented else ROOT) / name
            named[path] = line
        if not indented:
            parent = ROOT / column
    return named


def test_every_path_in_the_layout_exists() -> None:
    """No line of the layout names a file or folder the tree does not have."""
    assert [line for path, line in _layout().items() if not path.exists()] == []


def test_the_layout_names_every_module_script_and_test_folder() -> None:
    """Every module and subpackage of `liveavatar`, every script and every test folder is in the layout."""
    named = set(_layout())
    expected = [
        *(path for path in PACKAGE.iterdir() if path.suffix == ".py" and path.name != "__init__.py"),
        *(path for path in PACKAGE.iterdir() if path.is_dir() and (path / "__init__.py").exists()),
        *(ROOT / "scripts").glob("*.py"),
        *(path for path in (ROOT / "tests").iterdir() if path.is_dir() and path.name != "__pycache__"),
        *(ROOT / name for name in ("openapi", "generated", "docs", "examples", "scripts", "tests")),
    ]

    assert sorted(str(path.relative_to(ROOT)) for path in expected if path not in named) == []
