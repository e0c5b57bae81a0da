"""The one module that talks to the generated `liveavatar_client` package.

Everything the facade needs from the generated side passes through here: the
low-level client that users reach for edge-case fields. (The spec document the
mock validates with is the mock's own: `liveavatar.mock._spec`.) A ruff banned-import rule
(`TID251`) keeps every other facade module away from `liveavatar_client`, and
no generated type appears in a public facade signature.
"""

from __future__ import annotations

from typing import Any

import httpx

from liveavatar_client.client import AuthenticatedClient

__all__ = ["build_lowlevel_client"]


def build_lowlevel_client(*, base_url: str, api_key: str, timeout: httpx.Timeout, headers: dict[str, str]) -> Any:
    """A generated `AuthenticatedClient` with the facade client's key, base URL and timeout.

    It keeps the key out of its `repr` and sends it as `X-API-KEY`.
    """
    return AuthenticatedClient(
        base_url=base_url,
        token=api_key,
        prefix="",
        auth_header_name="X-API-KEY",
        timeout=timeout,
        headers=headers,
        raise_on_unexpected_status=True,
    )
