"""The compiled predicates say exactly what jsonschema says, on the mock's own schemas and on edge cases."""

from __future__ import annotations

import copy
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator, FormatChecker

from liveavatar.mock._compiled import compile_schema
from liveavatar.mock._measure import SAMPLE_BODY
from liveavatar.mock._spec import load_spec
from liveavatar.mock._validation import _uuid_text, server_schemas
from tests.mock.support import AGORA, LIVEKIT, SECRET_ID, VOICE_AGENT_ID

SCHEMAS = server_schemas(load_spec())
FORMATS = FormatChecker(formats=())
FORMATS.checks("uuid")(_uuid_text)
VALIDATORS = {mode: Draft202012Validator(schema, format_checker=FORMATS) for mode, schema in SCHEMAS.items()}
CHECKS = {mode: compile_schema(schema, {"uuid": _uuid_text}) for mode, schema in SCHEMAS.items()}

SEEDS: dict[str, list[dict[str, Any]]] = {
    "FULL": [
        SAMPLE_BODY,
        {"mode": "FULL", "avatar_id": VOICE_AGENT_ID, "voice_agent": {"id": VOICE_AGENT_ID, "language": "fr"}},
        {
            "mode": "FULL",
            "avatar_id": VOICE_AGENT_ID,
            "avatar_persona": {"voice_settings": {"provider": "fish", "speed": 0.8, "latency_mode": "normal"}},
            "memory": {"prev_session_id": VOICE_AGENT_ID},
            "interactivity_type": "PUSH_TO_TALK",
        },
    ],
    "LITE": [
        {"mode": "LITE", "avatar_id": VOICE_AGENT_ID, "livekit_config": LIVEKIT, "agora_config": AGORA},
        {
            "mode": "LITE",
            "avatar_id": VOICE_AGENT_ID,
            "openai_realtime_config": {"secret_id": SECRET_ID, "temperature": 1.2, "voice": "ash"},
            "gemini_realtime_config": {"secret_id": SECRET_ID, "temperature": 0},
            "elevenlabs_agent_config": {"secret_id": SECRET_ID, "agent_id": "a", "dynamic_variables": {"n": 1}},
        },
    ],
}
"""Valid bodies that between them reach every object of both schemas."""

JSON = st.recursive(
    st.none() | st.booleans() | st.integers(-3, 3) | st.floats(-2, 2) | st.sampled_from(["", "x", "FULL", "fish"]),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=3), inner, max_size=3),
    max_leaves=6,
)
"""Small JSON values, including the ones schemas trip on: bools as ints, 1.0 as an integer, empty text."""

_NUMBERS = [0.8, 1.2, 0.79, 1.21, 0, 1, 1.0, 2, True, False, None, 60, 60.0, 1.5]
_TEXTS = ["ja", "en", "VP8", "H264", "elevenLabs", VOICE_AGENT_ID, VOICE_AGENT_ID.upper(), VOICE_AGENT_ID[:-1]]
# Copied on every draw: a mutation must never change the shared literal for the next example.
EDGES = st.sampled_from([*_NUMBERS, *_TEXTS, "x" * 65, "x" * 1001, {}, [], {"": "v"}]).map(copy.deepcopy)


def _paths(value: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [prefix]
    if isinstance(value, dict):
        for key, item in value.items():
            found += _paths(item, (*prefix, key))
    return found


@st.composite
def _mutated(draw: st.DrawFn) -> tuple[str, Any]:
    """A seed body with one to three places changed, added or removed."""
    mode = draw(st.sampled_from(sorted(SEEDS)))
    body: Any = copy.deepcopy(draw(st.sampled_from(SEEDS[mode])))
    for _ in range(draw(st.integers(1, 3))):
        path = draw(st.sampled_from(_paths(body)))
        if not path:
            continue
        parent: Any = body
        for key in path[:-1]:
            parent = parent[key]
        action = draw(st.sampled_from(["replace", "delete", "add"]))
        if action == "delete":
            del parent[path[-1]]
        elif action == "add" and isinstance(parent[path[-1]], dict):
            parent[path[-1]][draw(st.sampled_from(["provider", "speed", "id", "extra", "mode"]))] = draw(EDGES | JSON)
        else:
            parent[path[-1]] = draw(EDGES | JSON)
    return mode, body


@settings(
    max_examples=600, derandomize=True, database=None, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
@given(_mutated())
def test_compiled_check_agrees_with_jsonschema(case: tuple[str, Any]) -> None:
    """For mutated token bodies, the compiled predicate accepts exactly what jsonschema accepts."""
    mode, body = case
    assert VALIDATORS[mode].is_valid(body) == CHECKS[mode](body), body


def test_seed_bodies_are_valid() -> None:
    """Every seed is valid, so mutations start from the accepting side."""
    assert all(CHECKS[mode](body) for mode, bodies in SEEDS.items() for body in bodies)


@pytest.mark.parametrize(
    ("schema", "value", "valid"),
    [
        ({"type": "integer"}, 1.0, True),
        ({"type": "integer"}, True, False),
        ({"type": "number"}, False, False),
        ({"const": "FULL"}, "FULL", True),
        ({"enum": [1, "a"]}, True, False),
        ({"enum": [1, "a"]}, 1.0, True),
        ({"const": [1, True]}, [1.0, True], True),
        ({"const": {"a": 1}}, {"a": True}, False),
        ({"maxLength": 2}, "😀😀", True),
        ({"minimum": 0}, "text", True),
        ({"maxProperties": 1}, [1, 2], True),
        ({"oneOf": [{"type": "integer"}, {"type": "number"}]}, 1, False),
        ({"oneOf": [{"type": "integer"}, {"type": "string"}]}, 1, True),
        ({"not": {"required": ["a"]}}, {"a": 1}, False),
        ({"allOf": [{"minimum": 1}, {"maximum": 2}]}, 3, False),
        ({"propertyNames": {"maxLength": 1}}, {"ab": 1}, False),
        ({"additionalProperties": False, "properties": {"a": {}}}, {"a": 1, "b": 2}, False),
        (True, object(), True),
        (False, None, False),
    ],
)
def test_compiled_check_matches_json_schema_semantics(schema: Any, value: Any, valid: bool) -> None:
    """The predicate follows Draft 2020-12 where Python and JSON differ (bools, 1.0, code points, type guards)."""
    assert (valid, valid) == (compile_schema(schema)(value), Draft202012Validator(schema).is_valid(value))


def test_an_unknown_keyword_cannot_be_compiled() -> None:
    """A keyword the compiler does not know is an error at build time, not a silently skipped check."""
    with pytest.raises(ValueError, match="patternProperties"):
        compile_schema({"type": "object", "patternProperties": {"^a": {}}})
