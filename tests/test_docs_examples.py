"""The Python examples of the README and of every page in docs/ run, unchanged, against the mock."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from liveavatar.mock import MockServer
from liveavatar.testing import no_retry_waits

ROOT = Path(__file__).resolve().parents[1]
PAGES = [ROOT / "README.md", *sorted((ROOT / "docs").rglob("*.md"))]
FENCE = re.compile(r"```python\n(.*?)```", flags=re.DOTALL)


def _blocks() -> list[tuple[str, str]]:
    """Every Python block of every page, with an id naming the page and the block's place in it."""
    blocks = []
    for page in PAGES:
        for index, source in enumerate(FENCE.findall(page.read_text(encoding="utf-8"))):
            blocks.append((f"{page.relative_to(ROOT)}-{index}", source))
    return blocks


BLOCKS = _blocks()


def test_the_readme_shows_each_kind_of_example() -> None:
    """The README shows a token, an async call, a managed LITE session that speaks, an error and the mock fixture."""
    readme = "\n".join(FENCE.findall((ROOT / "README.md").read_text(encoding="utf-8")))

    for needle in (
        "create_token(",
        "AsyncLiveAvatar",
        "start_lite(",
        ".speak(",
        "InvalidRequestError",
        "liveavatar_mock",
    ):
        assert needle in readme, needle


def test_every_guide_has_an_example_or_says_why_not() -> None:
    """The docs hold examples: at least one Python block per guide that teaches a call."""
    guides = {page.stem for page in PAGES if page.parent.name == "guides" and FENCE.search(page.read_text("utf-8"))}

    assert {
        "tokens",
        "lifecycle",
        "managed",
        "lite",
        "account",
        "preflight",
        "errors",
        "testing",
        "low-level",
    } <= guides


@pytest.mark.parametrize("source", [source for _, source in BLOCKS], ids=[name for name, _ in BLOCKS])
def test_example_runs(source: str, liveavatar_mock: MockServer, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each example runs against the mock as written, its own asserts included, and reaches it unless it brings its own."""
    monkeypatch.setenv("LIVEAVATAR_API_KEY", "sk_docs_example_key_0001")
    monkeypatch.setenv("LIVEAVATAR_BASE_URL", liveavatar_mock.url)

    namespace: dict[str, object] = {"__name__": "docs_example"}
    if "def test_" in source:  # a pytest example: its test functions take the fixture
        exec(compile(source, "example", "exec"), namespace)
        for name, function in list(namespace.items()):
            if name.startswith("test_") and callable(function):
                function(liveavatar_mock)
        return
    with no_retry_waits():
        exec(compile(source, "example", "exec"), namespace)

    # Examples that call with the environment's settings must have reached the mock;
    # the error example refuses before sending, and the mock examples bring their own.
    expected_to_send = "InvalidRequestError" not in source and "MockServer" not in source
    assert expected_to_send == bool(liveavatar_mock.requests)
