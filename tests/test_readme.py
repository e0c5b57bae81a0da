"""The README's Python examples run, unchanged, against the mock."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from liveavatar.mock import MockServer
from liveavatar.testing import no_retry_waits

README = Path(__file__).resolve().parents[1] / "README.md"
BLOCKS = re.findall(r"```python\n(.*?)```", README.read_text(encoding="utf-8"), flags=re.DOTALL)


def test_readme_has_examples() -> None:
    """The README shows FULL (persona and voice agent), LITE, error and mock examples."""
    text = "\n".join(BLOCKS)

    assert len(BLOCKS) >= 6
    for needle in (
        "persona=Persona(",
        "voice_agent=VoiceAgent(",
        "create_lite_token(",
        "InvalidRequestError",
        "MockServer",
    ):
        assert needle in text


@pytest.mark.parametrize("source", BLOCKS, ids=[f"block-{index}" for index in range(len(BLOCKS))])
def test_readme_example_runs(source: str, liveavatar_mock: MockServer, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each README example runs against the mock as written, its own asserts included."""
    monkeypatch.setenv("LIVEAVATAR_API_KEY", "sk_readme_example_key_0001")
    monkeypatch.setenv("LIVEAVATAR_BASE_URL", liveavatar_mock.url)

    with no_retry_waits():
        exec(compile(source, str(README), "exec"), {"__name__": "readme_example"})

    # Examples that mint with the environment's settings must have reached the mock;
    # the error example refuses before sending, and the mock example brings its own.
    expected_to_send = "InvalidRequestError" not in source and "MockServer" not in source
    assert expected_to_send == bool(liveavatar_mock.requests)
