"""Results as JSON: the values the API commands print, and the printing."""

from __future__ import annotations

import datetime
import json
from collections.abc import Mapping
from decimal import Decimal


def iso(value: datetime.datetime | None) -> str | None:
    return None if value is None else value.isoformat()


def decimal_text(value: Decimal | None) -> str | None:
    # A string, not a JSON number: a number would be read back as a float
    # and lose the exactness the API gives credits.
    return None if value is None else str(value)


def plain(value: object) -> object:
    """An event's raw JSON (read-only mappings inside) as plain dicts and lists for `json.dumps`."""
    if isinstance(value, Mapping):
        return {str(key): plain(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [plain(item) for item in value]
    return value


def print_json(value: object, *, compact: bool) -> None:
    print(json.dumps(value, indent=None if compact else 2, ensure_ascii=False), flush=True)
