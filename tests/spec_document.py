"""The checked-in spec, loaded once, and JSON-schema validation against any schema inside it.

Validators resolve every `$ref: "#/components/..."` against the whole spec
document, as OpenAPI tools do, with Draft 2020-12 and format checking (uuid).
`request_schema` and `response_schema` give the pointer to an operation's
body schemas, following a response's `$ref` into `components/responses`.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import yaml
from jsonschema import Draft202012Validator
from referencing import Registry
from referencing.jsonschema import DRAFT202012

SPEC_PATH = Path(__file__).resolve().parents[1] / "openapi" / "liveavatar.yaml"
SPEC_URI = "urn:liveavatar:openapi"
PAYLOAD = "#/paths/~1v1~1sessions~1token/post/requestBody/content/application~1json/schema"
"""The request body's schema: the `oneOf` of FULL and LITE."""


@cache
def load_spec() -> dict[str, Any]:
    """The spec as a dict (parsed once per test session)."""
    spec: dict[str, Any] = yaml.safe_load(SPEC_PATH.read_text(encoding="utf-8"))
    return spec


def operation(method: str, path: str) -> dict[str, Any]:
    """The operation object of `method` (lower case) on `path`, as written in the spec."""
    found: dict[str, Any] = load_spec()["paths"][path][method]
    return found


def _escape(token: str) -> str:
    return token.replace("~", "~0").replace("/", "~1")


def request_schema(method: str, path: str) -> str:
    """The pointer to the JSON request body's schema of an operation."""
    return f"#/paths/{_escape(path)}/{method}/requestBody/content/application~1json/schema"


def response_schema(method: str, path: str, status: str) -> str:
    """The pointer to the JSON body schema of one declared response (`"200"`, `"5XX"`, ...)."""
    response = operation(method, path)["responses"][status]
    ref = response.get("$ref")
    base = ref[1:] if ref else f"/paths/{_escape(path)}/{method}/responses/{_escape(status)}"
    return f"#{base}/content/application~1json/schema"


@cache
def validator_for(pointer: str) -> Draft202012Validator:
    """A validator for the schema at `pointer` inside the spec."""
    registry: Registry[Any] = Registry().with_resource(SPEC_URI, DRAFT202012.create_resource(load_spec()))
    return Draft202012Validator(
        {"$ref": SPEC_URI + pointer}, registry=registry, format_checker=Draft202012Validator.FORMAT_CHECKER
    )


def schema_problems(pointer: str, body: object) -> list[str]:
    """Readable validation errors, so a failing assert shows why the body was refused."""
    return [f"{list(e.absolute_path)}: {e.message}" for e in validator_for(pointer).iter_errors(body)]
