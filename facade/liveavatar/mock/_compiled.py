"""JSON Schemas turned into plain Python predicates, once, for the mock's hot path.

jsonschema walks a schema anew on every call, building a validator object
per keyword it descends into; for a typical token body that is most of a
mint's CPU. A valid body needs no explanation, only a yes, so the mock asks
`compile_schema(schema)(body)` first and runs jsonschema only for a body
that fails, to explain why (`_validation`).

Only the keywords the token schemas use are compiled, with Draft 2020-12's
meaning: `type`, `enum`, `const`, `format` (through the given checks),
`minimum`/`maximum` and their exclusive forms, `minLength`/`maxLength`,
`minProperties`/`maxProperties`, `properties`, `additionalProperties`,
`propertyNames`, `required`, `allOf`, `anyOf`, `oneOf` and `not`.
Annotations (`description`, `default`, `discriminator`, ...) mean nothing
to validity and are skipped. Any other keyword raises `ValueError` when the
schema is compiled, so a spec that starts using one cannot be half-checked
in silence. A test holds the predicates equal to jsonschema on generated
bodies, valid and not.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

__all__ = ["Check", "compile_schema"]

Check = Callable[[Any], bool]

_ANNOTATIONS = frozenset(
    {
        "$comment",
        "default",
        "deprecated",
        "description",
        "discriminator",
        "example",
        "examples",
        "readOnly",
        "title",
        "writeOnly",
        "x-inlined-from",
    }
)


def _is_integer(value: Any) -> bool:
    # bool is an int to Python, not to JSON Schema; 1.0 is an integer to JSON Schema.
    if isinstance(value, bool):
        return False
    return isinstance(value, int) or (isinstance(value, float) and value.is_integer())


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


_TYPES: dict[str, Check] = {
    "object": lambda value: isinstance(value, dict),
    "array": lambda value: isinstance(value, list),
    "string": lambda value: isinstance(value, str),
    "integer": _is_integer,
    "number": _is_number,
    "boolean": lambda value: isinstance(value, bool),
    "null": lambda value: value is None,
}


def _equal(one: Any, two: Any) -> bool:
    """JSON equality: `true` is not `1`, `1` is `1.0`, containers compared item by item."""
    if isinstance(one, bool) or isinstance(two, bool):
        return isinstance(one, bool) and isinstance(two, bool) and one == two
    if isinstance(one, list) and isinstance(two, list):
        return len(one) == len(two) and all(_equal(a, b) for a, b in zip(one, two, strict=True))
    if isinstance(one, dict) and isinstance(two, dict):
        return one.keys() == two.keys() and all(_equal(one[key], two[key]) for key in one)
    if isinstance(one, list | dict) or isinstance(two, list | dict):
        return False
    return bool(one == two)


def _one_of_values(values: list[Any]) -> Check:
    if all(isinstance(value, str) for value in values):
        allowed = frozenset(values)
        return lambda value: isinstance(value, str) and value in allowed
    return lambda value: any(_equal(value, option) for option in values)


def _all(checks: list[Check]) -> Check:
    if not checks:
        return lambda _value: True
    if len(checks) == 1:
        return checks[0]
    return lambda value: all(check(value) for check in checks)


def _any(checks: list[Check]) -> Check:
    if len(checks) == 1:
        return checks[0]
    return lambda value: any(check(value) for check in checks)


def _object_checks(schema: Mapping[str, Any], formats: Mapping[str, Check]) -> list[Check]:
    """The object keywords of `schema`, each a check that passes anything but a dict."""
    checks: list[Check] = []
    properties = {name: compile_schema(sub, formats) for name, sub in schema.get("properties", {}).items()}
    extra = schema.get("additionalProperties")
    extra_check = None if extra is None else compile_schema(extra, formats)
    if properties or extra_check is not None:

        def members(value: Any) -> bool:
            if not isinstance(value, dict):
                return True
            for name, item in value.items():
                check = properties.get(name, extra_check)
                if check is not None and not check(item):
                    return False
            return True

        checks.append(members)
    required = list(schema.get("required", ()))
    if required:
        checks.append(lambda value: not isinstance(value, dict) or all(name in value for name in required))
    if "propertyNames" in schema:
        name_check = compile_schema(schema["propertyNames"], formats)
        checks.append(lambda value: not isinstance(value, dict) or all(name_check(name) for name in value))
    if "maxProperties" in schema:
        most = schema["maxProperties"]
        checks.append(lambda value: not isinstance(value, dict) or len(value) <= most)
    if "minProperties" in schema:
        least = schema["minProperties"]
        checks.append(lambda value: not isinstance(value, dict) or len(value) >= least)
    return checks


_BOUNDS: dict[str, Callable[[Any, Any], bool]] = {
    "minimum": lambda value, bound: value >= bound,
    "maximum": lambda value, bound: value <= bound,
    "exclusiveMinimum": lambda value, bound: value > bound,
    "exclusiveMaximum": lambda value, bound: value < bound,
}


def _bounded(holds: Callable[[Any, Any], bool], bound: Any) -> Check:
    return lambda value: not _is_number(value) or holds(value, bound)


def _scalar_checks(schema: Mapping[str, Any], formats: Mapping[str, Check]) -> list[Check]:
    """The string and number keywords of `schema`, each a check that passes any other type."""
    checks: list[Check] = []
    if "maxLength" in schema:
        longest = schema["maxLength"]
        checks.append(lambda value: not isinstance(value, str) or len(value) <= longest)
    if "minLength" in schema:
        shortest = schema["minLength"]
        checks.append(lambda value: not isinstance(value, str) or len(value) >= shortest)
    for keyword, holds in _BOUNDS.items():
        if keyword in schema:
            checks.append(_bounded(holds, schema[keyword]))
    if "format" in schema and schema["format"] in formats:
        checks.append(formats[schema["format"]])
    return checks


_COMPILED_KEYWORDS = frozenset(
    {
        "type",
        "enum",
        "const",
        "format",
        "minimum",
        "maximum",
        "exclusiveMinimum",
        "exclusiveMaximum",
        "minLength",
        "maxLength",
        "minProperties",
        "maxProperties",
        "properties",
        "additionalProperties",
        "propertyNames",
        "required",
        "allOf",
        "anyOf",
        "oneOf",
        "not",
    }
)


def compile_schema(schema: Any, formats: Mapping[str, Check] | None = None) -> Check:
    """A predicate that holds exactly when `schema` (no `$ref`s) accepts a value.

    `formats` maps a `format` name to its check (called on any value, as a
    jsonschema format check is); formats not in it are annotations.
    """
    formats = formats or {}
    if schema is True or schema == {}:
        return lambda _value: True
    if schema is False:
        return lambda _value: False
    if not isinstance(schema, Mapping):
        raise ValueError(f"not a schema: {schema!r}")
    unknown = set(schema) - _COMPILED_KEYWORDS - _ANNOTATIONS
    if unknown:
        raise ValueError(f"schema keywords the mock cannot compile: {sorted(unknown)}")
    checks: list[Check] = []
    if "type" in schema:
        names = schema["type"] if isinstance(schema["type"], list) else [schema["type"]]
        type_checks = [_TYPES[name] for name in names]
        checks.append(_any(type_checks))
    if "enum" in schema:
        checks.append(_one_of_values(list(schema["enum"])))
    if "const" in schema:
        checks.append(_one_of_values([schema["const"]]))
    checks += _scalar_checks(schema, formats)
    checks += _object_checks(schema, formats)
    if "allOf" in schema:
        checks.append(_all([compile_schema(sub, formats) for sub in schema["allOf"]]))
    if "anyOf" in schema:
        checks.append(_any([compile_schema(sub, formats) for sub in schema["anyOf"]]))
    if "oneOf" in schema:
        branches = [compile_schema(sub, formats) for sub in schema["oneOf"]]
        checks.append(lambda value: sum(1 for branch in branches if branch(value)) == 1)
    if "not" in schema:
        negated = compile_schema(schema["not"], formats)
        checks.append(lambda value: not negated(value))
    return _all(checks)
