"""Request-body validation against the spec, read as LiveAvatar's server reads it, with FastAPI-shaped 422s.

The schema comes from the project's spec (`_spec.load_spec()`), so the mock
cannot drift from the spec the client is generated from. The mock stands in
for the server, though, not for the spec, and a mock that refuses what the
server accepts breaks working code. So the spec is first turned into the
server's view of it (`server_schemas`), undoing the few places where the
project's spec is stricter than the published document on purpose or by
mistake. Each is a named edit below, a no-op once the spec agrees:

- fields of the other mode are ignored, not refused: the spec's LITE
  `not: {anyOf: [{required: [avatar_persona]}, ...]}` is dropped. The
  server's models are pydantic's with default settings, which ignore
  unknown fields (third parties see stray fields accepted);
- `max_session_duration` is any integer: the published schema sets no
  minimum (the sandbox's 60 s cap is a rule, see `_rules`);
- a dynamic-variable key may be empty: only `maxLength: 64` is published;
- `voice_agent.dynamic_variables` is any object: the published
  `VoiceAgentRef` gives it no value type or limits;
- `stt_config` may leave out `provider`: the published schema marks it
  required, but its description says the service picks one when it is left
  out and the endpoint's own example sends `stt_config: {}`. The project
  decided the example wins; the spec and the SDK agree.

Unknown fields are accepted everywhere, as the spec's objects are open.

A body without `mode` is read as FULL, as the server defaults it
(`with_defaults`). Each mode has its own schema, with every `$ref` inlined,
compiled once per process (`compiled_validator`) into a plain predicate
(`_compiled`) that answers for a valid body; jsonschema runs only for a
body that fails, to explain why. A request pays for neither reference
resolution nor the branch it is not.
`format: uuid` accepts the spellings a pydantic `UUID` field parses
(hyphenated, 32 bare hex digits, braced, `urn:uuid:`), not only RFC 4122's.

LiveAvatar's API is FastAPI, so its 422 body is Pydantic v2's:
`{"detail": [{"loc": ["body", ...], "msg": ..., "type": ..., "input": ...}]}`.
jsonschema reports a failed union as one error at the union, which would
tell a caller nothing, so errors are translated, not just copied:

- a `oneOf`/`anyOf` with an OpenAPI `discriminator` is entered through the
  branch its tag selects (`mode` for the body, `provider` for voice
  settings), so the message is about the real field, e.g.
  `["body", "avatar_persona", "voice_settings", "speed"]`;
- a nullable `anyOf: [X, {type: null}]` is entered through `X`;
- any other union falls back to jsonschema's `best_match`;
- leaf keywords get Pydantic's `type` and wording (`missing`,
  `uuid_parsing`, `string_too_long`, `less_than_equal`, ...), and an invalid
  dictionary key gets Pydantic's `[..., key, "[key]"]` location.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Callable, Iterator, Mapping
from functools import cache
from typing import Any

from jsonschema import Draft202012Validator, FormatChecker
from jsonschema.exceptions import ValidationError, best_match
from jsonschema.protocols import Validator

from ._compiled import Check, compile_schema
from ._spec import load_spec

__all__ = [
    "ACTION_SCHEMAS",
    "DEFAULT_MODE",
    "MODES",
    "TOKEN_PATH",
    "BodyValidator",
    "Detail",
    "Loc",
    "compiled_validator",
    "field_problem",
    "server_schemas",
    "action_problems",
    "schema_problems",
    "with_defaults",
]

TOKEN_PATH = "/v1/sessions/token"  # noqa: S105 - a URL path, not a password
DEFAULT_MODE = "FULL"
MODES = {"FULL": "FullSDKSessionTokenConfigDataSchema", "LITE": "LiteSDKSessionTokenConfigDataSchema"}
"""Each mode's component schema in the spec."""

Loc = tuple[str | int, ...]
Detail = dict[str, Any]

_REF_PREFIX = "#/components/schemas/"
_INLINED_FROM = "x-inlined-from"
"""Left on an inlined schema so a discriminator's mapping (written as `$ref`s) still finds its branch."""
_NULL_SCHEMA = {"type": "null"}
_NO_INPUT = object()

# What `uuid.UUID` spellings pydantic's UUID parser takes: hyphenated, simple, braced, URN.
_HEX = "[0-9a-fA-F]"
_UUID_TEXT = re.compile(
    rf"(?:urn:uuid:)?{_HEX}{{8}}-{_HEX}{{4}}-{_HEX}{{4}}-{_HEX}{{4}}-{_HEX}{{12}}"
    rf"|\{{{_HEX}{{8}}-{_HEX}{{4}}-{_HEX}{{4}}-{_HEX}{{4}}-{_HEX}{{12}}\}}"
    rf"|{_HEX}{{32}}"
)

_TYPE_NAMES = {
    "object": ("dict_type", "Input should be a valid dictionary"),
    "array": ("list_type", "Input should be a valid list"),
    "string": ("string_type", "Input should be a valid string"),
    "integer": ("int_type", "Input should be a valid integer"),
    "number": ("float_type", "Input should be a valid number"),
    "boolean": ("bool_type", "Input should be a valid boolean"),
    "null": ("none_required", "Input should be None"),
}


def field_problem(
    loc: Loc, msg: str, type_: str, input_: Any = _NO_INPUT, ctx: Mapping[str, Any] | None = None
) -> Detail:
    """One FastAPI/Pydantic v2 error item."""
    detail: Detail = {"type": type_, "loc": list(loc), "msg": msg}
    if input_ is not _NO_INPUT:
        detail["input"] = input_
    if ctx:
        detail["ctx"] = dict(ctx)
    return detail


def with_defaults(body: Any) -> Any:
    """The body as the server reads it: `mode` defaults to FULL."""
    if isinstance(body, dict) and "mode" not in body:
        return {**body, "mode": DEFAULT_MODE}
    return body


def _plural(count: int) -> str:
    return "" if count == 1 else "s"


def _expected(values: list[Any]) -> str:
    # Pydantic's "'a', 'b' or 'c'".
    shown = [repr(value) for value in values]
    return shown[0] if len(shown) == 1 else f"{', '.join(shown[:-1])} or {shown[-1]}"


# -- the server's view of the spec -------------------------------------------


def _ignore_other_mode_fields(schemas: dict[str, Any]) -> None:
    schemas[MODES["LITE"]].pop("not", None)


def _any_integer_duration(schemas: dict[str, Any]) -> None:
    for name in MODES.values():
        duration = schemas[name].get("properties", {}).get("max_session_duration")
        if isinstance(duration, dict):
            duration.pop("minimum", None)
            duration.pop("exclusiveMinimum", None)


def _empty_variable_keys(schemas: dict[str, Any]) -> None:
    names = schemas.get("DynamicVariables", {}).get("propertyNames")
    if isinstance(names, dict):
        names.pop("minLength", None)


def _plain_agent_variables(schemas: dict[str, Any]) -> None:
    properties = schemas.get("VoiceAgentRef", {}).get("properties", {})
    if "dynamic_variables" in properties:
        properties["dynamic_variables"] = {"type": "object"}


def _optional_stt_provider(schemas: dict[str, Any]) -> None:
    stt = schemas.get("STTConfigSchema", {})
    required = [name for name in stt.get("required", []) if name != "provider"]
    if required:
        stt["required"] = required
    else:
        stt.pop("required", None)


SERVER_VIEW: tuple[Callable[[dict[str, Any]], None], ...] = (
    _ignore_other_mode_fields,
    _any_integer_duration,
    _empty_variable_keys,
    _plain_agent_variables,
    _optional_stt_provider,
)
"""The edits that turn the project's spec into what the server accepts (see the module docs)."""


def _inline(node: Any, schemas: Mapping[str, Any]) -> Any:
    if isinstance(node, dict):
        ref = node.get("$ref")
        if isinstance(ref, str) and ref.startswith(_REF_PREFIX) and len(node) == 1:
            target = _inline(schemas[ref.removeprefix(_REF_PREFIX)], schemas)
            return {**target, _INLINED_FROM: ref}
        return {key: _inline(value, schemas) for key, value in node.items()}
    if isinstance(node, list):
        return [_inline(item, schemas) for item in node]
    return node


def server_schemas(spec: Mapping[str, Any]) -> dict[str, dict[str, Any]]:
    """Each mode's request schema as the server reads it: `SERVER_VIEW` applied, every `$ref` inlined."""
    schemas: dict[str, Any] = copy.deepcopy(dict(spec["components"]["schemas"]))
    for edit in SERVER_VIEW:
        edit(schemas)
    return {mode: _inline(schemas[name], schemas) for mode, name in MODES.items()}


def _uuid_text(instance: object) -> bool:
    return not isinstance(instance, str) or _UUID_TEXT.fullmatch(instance) is not None


_FORMATS = FormatChecker(formats=())
_FORMATS.checks("uuid")(_uuid_text)


@cache
def compiled_validator() -> BodyValidator:
    """The validator of the mock's spec, built once per process and shared by every mock (it keeps no state)."""
    return BodyValidator(load_spec())


class BodyValidator:
    """Validates token request bodies; build once, use from any thread."""

    def __init__(self, spec: Mapping[str, Any]) -> None:
        schemas = server_schemas(spec)
        self._validators: dict[str, Validator] = {
            mode: Draft202012Validator(schema, format_checker=_FORMATS) for mode, schema in schemas.items()
        }
        self._checks: dict[str, Check] = {
            mode: compile_schema(schema, {"uuid": _uuid_text}) for mode, schema in schemas.items()
        }

    def accepts(self, body: Any) -> bool:
        """Whether `body` (already through `with_defaults`) is valid: the fast answer, without details."""
        mode = body.get("mode") if isinstance(body, dict) else None
        check = self._checks.get(mode) if isinstance(mode, str) else None
        return check is not None and check(body)

    def problems(self, body: Any) -> list[Detail]:
        """Every schema problem in `body` (already through `with_defaults`), FastAPI-shaped."""
        if self.accepts(body):
            return []
        if not isinstance(body, dict):
            return [
                field_problem(
                    ("body",),
                    "Input should be a valid dictionary or object to extract fields from",
                    "model_attributes_type",
                    body,
                )
            ]
        mode = body.get("mode")
        validator = self._validators.get(mode) if isinstance(mode, str) else None
        if validator is None:
            expected = ", ".join(repr(name) for name in MODES)
            return [
                field_problem(
                    ("body", "mode"),
                    f"Input tag {mode!r} found using 'mode' does not match any of the expected tags: {expected}",
                    "union_tag_invalid",
                    mode,
                    {"discriminator": "'mode'", "tag": str(mode), "expected_tags": expected},
                )
            ]
        details: list[Detail] = []
        seen: set[tuple[str, str, str]] = set()
        for error in validator.iter_errors(body):
            for detail in _translate(error):
                key = (repr(detail["loc"]), detail["type"], detail["msg"])
                if key not in seen:
                    seen.add(key)
                    details.append(detail)
        return details


# -- the lifecycle's small bodies ------------------------------------------------

ACTION_SCHEMAS = {"stop": "StopSessionRequest", "keep_alive": "KeepAliveRequest"}
"""The request schema of each lifecycle operation that takes a body."""


@cache
def _action_validators() -> dict[str, Validator]:
    schemas: dict[str, Any] = dict(load_spec()["components"]["schemas"])
    return {
        operation: Draft202012Validator(_inline(schemas[name], schemas), format_checker=_FORMATS)
        for operation, name in ACTION_SCHEMAS.items()
    }


def action_problems(operation: str, body: Any) -> list[Detail]:
    """The schema problems of a `stop` or `keep_alive` body, FastAPI-shaped (none: valid)."""
    if not isinstance(body, dict):
        return [
            field_problem(
                ("body",),
                "Input should be a valid dictionary or object to extract fields from",
                "model_attributes_type",
                body,
            )
        ]
    details: list[Detail] = []
    for error in _action_validators()[operation].iter_errors(body):
        details.extend(_translate(error))
    return details


@cache
def _schema_validator(name: str) -> Validator:
    schemas: dict[str, Any] = dict(load_spec()["components"]["schemas"])
    return Draft202012Validator(_inline(schemas[name], schemas), format_checker=_FORMATS)


def schema_problems(name: str, body: Any) -> list[Detail]:
    """The problems of a body against the spec's request schema `name`, FastAPI-shaped (none: valid)."""
    if not isinstance(body, dict):
        return [
            field_problem(
                ("body",),
                "Input should be a valid dictionary or object to extract fields from",
                "model_attributes_type",
                body,
            )
        ]
    details: list[Detail] = []
    for error in _schema_validator(name).iter_errors(body):
        details.extend(_translate(error))
    return details


# -- translation ---------------------------------------------------------------


def _translate(error: ValidationError) -> Iterator[Detail]:
    if error.validator in ("oneOf", "anyOf"):
        yield from _union(error)
    elif error.validator == "required":
        instance = error.instance
        for name in error.validator_value:
            if isinstance(instance, dict) and name not in instance:
                yield field_problem((*_loc(error), name), "Field required", "missing", instance)
    else:
        yield _leaf(error)


def _union(error: ValidationError) -> Iterator[Detail]:
    index, problem = _select_branch(error)
    if problem is not None:
        yield problem
        return
    if index is None:
        best = best_match(error.context)
        yield from _translate(best) if best is not None else [_leaf(error)]
        return
    chosen = [sub for sub in error.context if sub.relative_schema_path[0] == index]
    if not chosen:  # the selected branch passed, so the union failed some other way
        yield _leaf(error)
    for sub in chosen:
        yield from _translate(sub)


def _loc(error: ValidationError) -> Loc:
    loc: Loc = ("body", *error.absolute_path)
    schema_path = list(error.absolute_schema_path)
    if len(schema_path) >= 2 and schema_path[-2] == "propertyNames":
        # jsonschema reports a bad key at its dictionary; Pydantic at the key.
        loc = (*loc, error.instance, "[key]")
    return loc


def _select_branch(error: ValidationError) -> tuple[int | None, Detail | None]:
    """The union branch to explain: by discriminator tag, or the only non-null branch."""
    branches: list[Any] = error.validator_value
    instance = error.instance
    discriminator = error.schema.get("discriminator") if isinstance(error.schema, dict) else None
    if isinstance(discriminator, dict) and isinstance(discriminator.get("mapping"), dict):
        mapping: dict[str, str] = discriminator["mapping"]
        tag_name: str = discriminator["propertyName"]
        if not isinstance(instance, dict):
            return None, field_problem(
                _loc(error),
                "Input should be a valid dictionary or object to extract fields from",
                "model_attributes_type",
                instance,
            )
        if tag_name not in instance:
            return None, field_problem(
                _loc(error),
                f"Unable to extract tag using discriminator {tag_name!r}",
                "union_tag_not_found",
                instance,
                {"discriminator": repr(tag_name)},
            )
        tag = instance[tag_name]
        target = mapping.get(tag) if isinstance(tag, str) else None
        for index, branch in enumerate(branches):
            if target is not None and isinstance(branch, dict) and branch.get(_INLINED_FROM) == target:
                return index, None
        expected = ", ".join(repr(name) for name in mapping)
        return None, field_problem(
            (*_loc(error), tag_name),
            f"Input tag {tag!r} found using {tag_name!r} does not match any of the expected tags: {expected}",
            "union_tag_invalid",
            tag,
            {"discriminator": repr(tag_name), "tag": str(tag), "expected_tags": expected},
        )
    candidates = [index for index, branch in enumerate(branches) if branch != _NULL_SCHEMA]
    if len(candidates) == 1:
        return candidates[0], None
    return None, None


def _leaf(error: ValidationError) -> Detail:
    keyword, value, instance, loc = error.validator, error.validator_value, error.instance, _loc(error)
    if keyword == "type":
        names = value if isinstance(value, list) else [value]
        if "integer" in names and isinstance(instance, float):
            return field_problem(
                loc, "Input should be a valid integer, got a number with a fractional part", "int_from_float", instance
            )
        type_, msg = _TYPE_NAMES.get(names[0], ("type_error", error.message))
        return field_problem(loc, msg, type_, instance)
    if keyword == "format" and value == "uuid":
        return field_problem(loc, "Input should be a valid UUID", "uuid_parsing", instance)
    if keyword == "const":
        return field_problem(loc, f"Input should be {value!r}", "literal_error", instance, {"expected": repr(value)})
    if keyword == "enum":
        expected = _expected(value)
        return field_problem(loc, f"Input should be {expected}", "enum", instance, {"expected": expected})
    if keyword in _BOUNDS:
        type_, words, ctx_key = _BOUNDS[keyword]
        return field_problem(loc, f"Input should be {words} {value}", type_, instance, {ctx_key: value})
    if keyword == "minLength":
        msg = f"String should have at least {value} character{_plural(value)}"
        return field_problem(loc, msg, "string_too_short", instance, {"min_length": value})
    if keyword == "maxLength":
        msg = f"String should have at most {value} character{_plural(value)}"
        return field_problem(loc, msg, "string_too_long", instance, {"max_length": value})
    if keyword in ("maxProperties", "minProperties"):
        bound = "most" if keyword == "maxProperties" else "least"
        type_ = "too_long" if keyword == "maxProperties" else "too_short"
        size = len(instance) if isinstance(instance, dict) else 0
        msg = f"Dictionary should have at {bound} {value} item{_plural(value)} after validation, not {size}"
        return field_problem(loc, msg, type_, instance)
    return field_problem(loc, error.message, "value_error", instance)


_BOUNDS = {
    "minimum": ("greater_than_equal", "greater than or equal to", "ge"),
    "maximum": ("less_than_equal", "less than or equal to", "le"),
    "exclusiveMinimum": ("greater_than", "greater than", "gt"),
    "exclusiveMaximum": ("less_than", "less than", "lt"),
}
