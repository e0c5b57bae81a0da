"""One table of rules beyond the schema: the docs render it, each rule has a source, every mock refusal names one."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

import httpx

from liveavatar.mock import RULES, TABLE, LiveAvatarMock, MockConfig, rules_table
from liveavatar.mock import _rules as rules_module
from tests.mock.support import (
    ACCOUNT_RULES,
    LIFECYCLE_RULES,
    MEMORY_ID,
    OTHER_AVATAR_ID,
    OTHER_MEMORY_ID,
    PREV_SESSION_ID,
    agent_body,
    full_body,
    mint_in_process,
)

ROOT = Path(__file__).resolve().parents[2]


def test_the_rules_page_renders_the_mock_table() -> None:
    """The docs' rules page holds the marker the site build replaces with `rules_table()`, exactly."""
    spec = importlib.util.spec_from_file_location("docs_hooks", ROOT / "scripts" / "docs_hooks.py")
    assert spec is not None
    assert spec.loader is not None
    hooks = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(hooks)
    page = (ROOT / "docs" / "guides" / "rules.md").read_text(encoding="utf-8")

    rendered = hooks.on_page_markdown(page)

    assert hooks.RULES_MARKER in page
    assert rules_table() in rendered
    assert hooks.RULES_MARKER not in rendered


def test_every_rule_has_a_name_a_source_and_a_checker() -> None:
    """Names are unique kebab-case, sources are from the three labels, and the mock's rules carry a status."""
    names = [rule.name for rule in TABLE]
    assert len(names) == len(set(names))
    for rule in TABLE:
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", rule.name), rule.name
        assert rule.sources
        assert set(rule.sources) <= {"documented", "observed", "inferred"}
        assert rule.evidence
        assert rule.checked_by
        assert (rule.status is not None) == ("mock" in rule.checked_by), rule.name
    assert [rule for rule in TABLE if "mock" in rule.checked_by] == list(RULES)


def test_the_module_docs_name_every_mock_rule() -> None:
    """The `_rules` module documentation explains every rule the mock enforces, by name."""
    docs = rules_module.__doc__ or ""

    assert [rule.name for rule in RULES if f"`{rule.name}`" not in docs] == []


def test_each_token_rule_refuses_and_is_recorded_by_name() -> None:
    """One body per token rule: refused with the rule's status, and the record names exactly that rule.

    The lifecycle's rules are exercised the same way in `test_lifecycle_rules.py`; together the two cover `RULES`.
    """
    mock = LiveAvatarMock(MockConfig(memories={PREV_SESSION_ID: MEMORY_ID}))
    normalizing = {
        "language": "en",
        "voice_settings": {"provider": "elevenLabs", "apply_language_text_normalization": True},
    }
    breaking = {
        "persona-or-agent": full_body(voice_agent={"id": OTHER_AVATAR_ID}),
        "dynamic-variables-limits": full_body(dynamic_variables={"k": "x" * 1001}),
        "normalization-needs-ja": full_body(avatar_persona=normalizing),
        "sandbox-duration": full_body(is_sandbox=True, max_session_duration=61),
        "sandbox-avatar": full_body(is_sandbox=True, avatar_id=OTHER_AVATAR_ID),
        "memory-same": full_body(memory={"prev_session_id": PREV_SESSION_ID, "session_memory_id": OTHER_MEMORY_ID}),
        "agent-variables-inside": agent_body(dynamic_variables={}),
    }
    token_rules = [rule for rule in RULES if rule.name not in LIFECYCLE_RULES | ACCOUNT_RULES]
    assert set(breaking) == {rule.name for rule in token_rules}

    for rule in token_rules:
        response: httpx.Response = mint_in_process(mock.app, breaking[rule.name])
        assert (rule.status, (rule.name,)) == (response.status_code, mock.last_request.rules), rule.name


def test_a_plain_schema_error_names_no_rule() -> None:
    """A 422 that is the schema's own (a bad uuid) records no rule."""
    mock = LiveAvatarMock()

    assert 422 == mint_in_process(mock.app, full_body(avatar_id="nope")).status_code
    assert () == mock.last_request.rules
