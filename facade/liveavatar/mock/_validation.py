"""Request-body validation against the spec, with FastAPI-shaped 422 details.

The schema is the one the SDK ships (`liveavatar._lowlevel.load_spec()`), so
the mock can never drift from the spec the client was generated from. One
`Draft202012Validator` is built per mock: its root is a `$ref` into the
OpenAPI document, which sits in a `referencing.Registry` under a private URI
so the spec's own `#/components/schemas/...` references resolve as written.
`FORMAT_CHECKER` makes `format: uuid` an assertion, as it is on the server.

LiveAvatar's API is FastAPI, so its 422 body is Pydantic v2's:
`{"detail": [{"loc": ["body", ...], "msg": ..., "type": ..., "input": ...}]}`.
jsonschema reports a failed `oneOf` as one error at the body root, which
would tell a caller nothing, so errors are translated, not just copied:

- a `oneOf`/`anyOf` with an OpenAPI `discriminator` is entered through the
  branch its tag selects (`mode` for the body, `provider` for voice
  settings), so the message is about the real field, e.g.
  `["body", "avatar_persona", "voice_settings", "speed"]`;
- a nullable `anyOf: [X, {type: null}]` is entered through `X`;
- any other union falls back to jsonschema's `best_match`;
- LITE's `not: {anyOf: [{required: [field]}, ...]}` (the FULL-only
  fields it refuses) becomes one `extra_forbidden` item per field sent;
- leaf keywords get Pydantic's `type` and wording (`missing`,
  `uuid_parsing`, `string_too_long`, `less_than_equal`, ...), and an invalid
  dictionary key gets Pydantic's `[..., key, "[key]"]` location.

A body without `mode` is read as FULL, as the server defaults it
(`with_defaults`); without that, the plain `oneOf` would accept a bare
`{"avatar_id": ...}` as LITE.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError, best_match
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

__all__ = ["TOKEN_PATH", "BodyValidator", "Detail", "Loc", "field_problem", "with_defaults"]

TOKEN_PATH = "/v1/sessions/token"  # noqa: S105 - a URL path, not a password
DEFAULT_MODE = "FULL"

Loc = tuple[str | int, ...]
Detail = dict[str, Any]

_SPEC_URI = "urn:liveavatar:openapi"
_NULL_SCHEMA = {"type": "null"}
_NO_INPUT = object()

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


def _escape(token: str) -> str:
    return token.replace("~", "~0").replace("/", "~1")


def _expected(values: list[Any]) -> str:
    # Pydantic's "'a', 'b' or 'c'".
    shown = [repr(value) for value in values]
    return shown[0] if len(shown) == 1 else f"{', '.join(shown[:-1])} or {shown[-1]}"


def _plural(count: int) -> str:
    return "" if count == 1 else "s"


class BodyValidator:
    """Validates token request bodies; build once per mock, use from any thread."""

    def __init__(self, spec: Mapping[str, Any]) -> None:
        pointer = f"/paths/{_escape(TOKEN_PATH)}/post/requestBody/content/{_escape('application/json')}/schema"
        resource = Resource.from_contents(spec, default_specification=DRAFT202012)
        registry: Registry[Any] = Registry().with_resource(_SPEC_URI, resource)
        self._validator = Draft202012Validator(
            {"$ref": f"{_SPEC_URI}#{pointer}"},
            registry=registry,
            format_checker=Draft202012Validator.FORMAT_CHECKER,
        )

    def problems(self, body: Any) -> list[Detail]:
        """Every schema problem in `body` (already through `with_defaults`), FastAPI-shaped."""
        details: list[Detail] = []
        seen: set[tuple[str, str, str]] = set()
        for error in self._validator.iter_errors(body):
            for detail in self._translate(error):
                key = (repr(detail["loc"]), detail["type"], detail["msg"])
                if key not in seen:
                    seen.add(key)
                    details.append(detail)
        return details

    # -- translation -------------------------------------------------------

    def _translate(self, error: ValidationError) -> Iterator[Detail]:
        if error.validator in ("oneOf", "anyOf"):
            yield from self._union(error)
        elif error.validator == "not":
            yield from self._negation(error)
        elif error.validator == "required":
            instance = error.instance
            for name in error.validator_value:
                if isinstance(instance, dict) and name not in instance:
                    yield field_problem((*_loc(error), name), "Field required", "missing", instance)
        else:
            yield _leaf(error)

    def _union(self, error: ValidationError) -> Iterator[Detail]:
        index, problem = _select_branch(error)
        if problem is not None:
            yield problem
            return
        if index is None:
            best = best_match(error.context)
            yield from self._translate(best) if best is not None else [_leaf(error)]
            return
        chosen = [sub for sub in error.context if sub.relative_schema_path[0] == index]
        if not chosen:  # the selected branch passed, so the union failed some other way
            yield _leaf(error)
        for sub in chosen:
            yield from self._translate(sub)

    def _negation(self, error: ValidationError) -> Iterator[Detail]:
        instance = error.instance
        refused = _single_required_names(error.validator_value)
        if refused is not None and isinstance(instance, dict):
            # LITE's `not: {anyOf: [{required: [x]}, ...]}`: the FULL-only fields.
            for name in refused:
                if name in instance:
                    yield field_problem(
                        (*_loc(error), name), "Extra inputs are not permitted", "extra_forbidden", instance[name]
                    )
            return
        yield _leaf(error)


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
            if target is not None and isinstance(branch, dict) and branch.get("$ref") == target:
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


def _single_required_names(negated: Any) -> list[str] | None:
    """`[a, b]` for `{anyOf: [{required: [a]}, {required: [b]}]}`, else None."""
    options = negated.get("anyOf") if isinstance(negated, dict) else None
    if not isinstance(options, list) or not options:
        return None
    names: list[str] = []
    for option in options:
        required = option.get("required") if isinstance(option, dict) else None
        if not (isinstance(required, list) and len(required) == 1 and len(option) == 1):
            return None
        names.append(required[0])
    return names


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
