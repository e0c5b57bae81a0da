"""The spec's limits, probed one at a time: the facade accepts exactly the values the spec accepts.

Random inputs rarely land on a bound, so this module walks the spec itself
(not the facade's constants) and, for every constrained field of the request
body, builds probes at the edge: each bound and the nearest float beyond it
(`math.nextafter`), every enum value and a near miss, a uuid and a non-uuid,
each dynamic-variable limit and one past it, and a wrong JSON type. Each
probe is one field changed in an otherwise valid base body; it goes through
the inverse mapping (`support.facade_call`) into the body builders, and the
facade must accept it exactly when the spec does (and then send it back
canonically). Probes that break a documented business rule
(`support.rule_paths`) are left out; `test_properties` covers those.

The facade's extra id spellings (no hyphens, braces, `urn:uuid:`), which it
canonicalises, are not probed here: the spec never sees them.
"""

from __future__ import annotations

import copy
import math
from collections.abc import Iterator
from typing import Any

import pytest

from liveavatar import InvalidRequestError
from tests.conformance.support import (
    FULL,
    LITE,
    SANDBOX_AVATAR_ID,
    canonical,
    count,
    facade_call,
    inlined,
    rule_paths,
    sdk_only_rules,
    spec_problems,
    strict_json,
)

ID = "6f2b8a51-3c1e-4f0a-9d47-2b1c8e5a7f10"

BASES: dict[str, tuple[str, dict[str, Any]]] = {
    "full-elevenlabs": (
        FULL,
        {
            "mode": "FULL",
            "avatar_id": SANDBOX_AVATAR_ID,
            "video_settings": {"quality": "high"},
            "avatar_persona": {
                "voice_id": ID,
                "context_id": ID,
                "language": "ja",
                "voice_settings": {"provider": "elevenLabs"},
                "stt_config": {"provider": "deepgram"},
            },
            "memory": {"prev_session_id": ID},
        },
    ),
    "full-fish": (
        FULL,
        {"mode": "FULL", "avatar_id": SANDBOX_AVATAR_ID, "avatar_persona": {"voice_settings": {"provider": "fish"}}},
    ),
    "full-voice-agent": (FULL, {"avatar_id": SANDBOX_AVATAR_ID, "voice_agent": {"id": ID}}),
    "lite-livekit": (
        LITE,
        {
            "mode": "LITE",
            "avatar_id": SANDBOX_AVATAR_ID,
            "livekit_config": {"livekit_url": "wss://x", "livekit_room": "r", "livekit_client_token": "t"},
        },
    ),
    "lite-agora": (
        LITE,
        {
            "mode": "LITE",
            "avatar_id": SANDBOX_AVATAR_ID,
            "agora_config": {"agora_app_id": "a", "agora_token": "t", "agora_channel": "c", "agora_uid": "1"},
        },
    ),
    "lite-elevenlabs-agent": (
        LITE,
        {"mode": "LITE", "avatar_id": SANDBOX_AVATAR_ID, "elevenlabs_agent_config": {"secret_id": ID, "agent_id": "a"}},
    ),
    "lite-openai": (
        LITE,
        {"mode": "LITE", "avatar_id": SANDBOX_AVATAR_ID, "openai_realtime_config": {"secret_id": ID}},
    ),
    "lite-gemini": (
        LITE,
        {"mode": "LITE", "avatar_id": SANDBOX_AVATAR_ID, "gemini_realtime_config": {"secret_id": ID}},
    ),
}
"""Valid bodies that between them hold every object of the request body."""


def _branch(schema: dict[str, Any], current: object) -> dict[str, Any]:
    """The schema a field's value answers to: the non-null branch, or the one its `provider` selects."""
    for keyword in ("anyOf", "oneOf"):
        if keyword in schema:
            branches: list[dict[str, Any]] = [b for b in schema[keyword] if b != {"type": "null"}]
            if len(branches) == 1:
                return _branch(branches[0], current)
            provider = current.get("provider") if isinstance(current, dict) else None
            for branch in branches:
                chosen = _branch(branch, current)
                if chosen.get("properties", {}).get("provider", {}).get("const") == provider:
                    return chosen
            return branches[0]
    return schema


def _values(schema: dict[str, Any]) -> Iterator[tuple[str, object]]:
    """Edge values for one field: (label, value)."""
    kind = schema.get("type")
    if "enum" in schema:
        for value in schema["enum"]:
            yield f"enum {value}", value
        first = schema["enum"][0]
        yield "enum near miss", first.upper() if first != first.upper() else first.lower()
        yield "enum empty", ""
    elif kind == "number":
        low, high = schema.get("minimum"), schema.get("maximum")
        for bound, beyond in ((low, -math.inf), (high, math.inf)):
            if bound is not None:
                yield f"bound {bound}", bound
                yield f"next after {bound}", math.nextafter(float(bound), beyond)
        yield "as text", "1"
        yield "as bool", True
    elif kind == "integer":
        low = schema.get("minimum")
        if low is not None:
            yield f"bound {low}", low
            yield f"below {low}", low - 1
        yield "large", 2**31
        yield "fraction", 1.5
        yield "as bool", True
    elif kind == "boolean":
        yield "true", True
        yield "false", False
        yield "as int", 1
        yield "as text", "true"
    elif kind == "string" and schema.get("format") == "uuid":
        yield "uuid", ID
        yield "uuid upper-case", ID.upper()
        yield "not a uuid", "not-a-uuid"
        yield "uuid one short", ID[:-1]
        yield "as int", 5
    elif kind == "string":
        yield "text", "x"
        yield "empty", ""
        yield "as int", 5
    elif kind == "object" and "maxProperties" in schema:
        yield from _dynamic_variables(schema)
    elif kind == "object" and "additionalProperties" in schema:
        for label, value in [("str", "s"), ("int", 1), ("float", 1.5), ("bool", True), ("null", None), ("list", [1])]:
            yield f"entry {label}", {"k": value}
        yield "not a mapping", ["k"]


def _dynamic_variables(schema: dict[str, Any]) -> Iterator[tuple[str, object]]:
    most = schema["maxProperties"]
    shortest, longest = schema["propertyNames"].get("minLength", 0), schema["propertyNames"]["maxLength"]
    value_max = schema["additionalProperties"]["maxLength"]
    yield f"{most} entries", {f"v{i}": "x" for i in range(most)}
    yield f"{most + 1} entries", {f"v{i}": "x" for i in range(most + 1)}
    yield f"key of {longest}", {"k" * longest: "x"}
    yield f"key of {longest + 1}", {"k" * (longest + 1): "x"}
    if shortest > 0:
        yield f"key of {shortest}", {"k" * shortest: "x"}
    if shortest > 0:
        yield f"key of {shortest - 1}", {"k" * (shortest - 1): "x"}
    else:
        yield "empty key", {"": "x"}
    yield f"value of {value_max}", {"k": "x" * value_max}
    yield f"value of {value_max + 1}", {"k": "x" * (value_max + 1)}
    yield "value not text", {"k": 1}
    yield "empty", {}
    yield "not a mapping", ["k"]


def _probes(
    schema: dict[str, Any], node: dict[str, Any], path: tuple[str, ...]
) -> Iterator[tuple[tuple[str, ...], str, object]]:
    for name, sub in schema.get("properties", {}).items():
        field = _branch(sub, node.get(name))
        if "const" in field:
            continue  # a discriminator (`mode`, a voice provider): it picks the variant, it is not a value
        if field.get("type") == "object" and "properties" in field:
            if isinstance(node.get(name), dict):
                yield from _probes(field, node[name], (*path, name))
            continue
        for label, value in _values(field):
            yield (*path, name), label, value


def _with(body: dict[str, Any], path: tuple[str, ...], value: object) -> dict[str, Any]:
    changed = copy.deepcopy(body)
    node = changed
    for key in path[:-1]:
        node = node[key]
    node[path[-1]] = value
    return changed


def _cases() -> Iterator[Any]:
    for base_name, (variant, base) in BASES.items():
        for path, label, value in _probes(inlined(variant), base, ()):
            body = _with(base, path, value)
            if rule_paths(body) or sdk_only_rules(body):
                continue
            yield pytest.param(body, id=f"{base_name}:{'.'.join(path)}:{label}")


CASES = list(_cases())


def test_bases_are_valid_and_cover_every_object() -> None:
    """Every base body is spec-valid and every probe table is non-trivial."""
    for _variant, base in BASES.values():
        assert spec_problems(base) == []
    assert len(CASES) > 150


@pytest.mark.parametrize("body", CASES)
def test_facade_accepts_exactly_what_the_spec_accepts(body: dict[str, Any]) -> None:
    """At each edge of the spec, the facade accepts the value exactly when the spec does."""
    count("boundary probes: facade decision equals the spec's")
    spec_ok = spec_problems(body) == []
    builder, kwargs = facade_call(body)
    refusal: InvalidRequestError | None
    try:
        sent = builder(**kwargs)
    except InvalidRequestError as exc:
        refusal = exc
    else:
        refusal = None
    if refusal is not None:
        assert not spec_ok, f"facade refused a spec-valid body: {refusal.problems}"
        return
    assert spec_ok, f"facade accepted a body the spec refuses: {spec_problems(body)}"
    assert strict_json(sent) == canonical(body)
