"""The OpenAPI document the mock validates against, shipped beside it as `openapi.json`.

`make gen` writes that file from `openapi/liveavatar.yaml` (the same spec the
low-level client is generated from) and `make check-gen` fails when it is
stale, so the mock and the client cannot disagree about the API.
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any

__all__ = ["load_spec"]


@cache
def load_spec() -> dict[str, Any]:
    """The spec as a dict, read once per process."""
    text = resources.files("liveavatar.mock").joinpath("openapi.json").read_text(encoding="utf-8")
    spec: dict[str, Any] = json.loads(text)
    return spec
