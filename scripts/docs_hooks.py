"""mkdocs hooks: pages whose content comes from the package itself, rendered at build time.

- `<!-- liveavatar.mock.rules_table -->` becomes `liveavatar.mock.rules_table()`, so the
  rules page shows the mock's own table and cannot drift from it.
- `<!-- api: MODULE -->` becomes one mkdocstrings `:::` block per name in `MODULE.__all__`,
  so the API reference lists every public name, and a new one appears without an edit.
"""

from __future__ import annotations

import importlib
import re
from typing import Any

RULES_MARKER = "<!-- liveavatar.mock.rules_table -->"
API_MARKER = re.compile(r"<!-- api: ([a-z_.]+) -->")


def api_blocks(module_name: str) -> str:
    """One `::: module.name` block per public name of `module_name`, in `__all__`'s order."""
    module = importlib.import_module(module_name)
    names: list[str] = list(module.__all__)
    return "\n\n".join(f"::: {module_name}.{name}" for name in names) + "\n"


def render(markdown: str) -> str:
    """`markdown` with every marker replaced by what it stands for."""
    if RULES_MARKER in markdown:
        from liveavatar.mock import rules_table

        markdown = markdown.replace(RULES_MARKER, rules_table())
    return API_MARKER.sub(lambda match: api_blocks(match.group(1)), markdown)


def on_page_markdown(markdown: str, **_: Any) -> str:
    """The mkdocs hook: render each page's markers before Markdown is converted."""
    return render(markdown)
