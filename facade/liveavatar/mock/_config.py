"""The mock's settings: one frozen value, given once when a mock is built.

`MockConfig` holds what a test suite or the `liveavatar mock` command would
want to choose: which API keys are accepted, the success `code`, the token
lifetime, the sandbox avatars, the known memories, the limits that keep a
long-running mock small, and the faults the mock starts with. Faults can also be changed while the mock runs (see
`LiveAvatarMock`); the config is what `reset()` goes back to.

The mock keeps its own copy of the API's constants (the sandbox avatar, the
60 s sandbox limit) instead of importing the client's: it stands in for the
server, so a wrong constant in the client must not be mirrored here.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Mapping
from types import MappingProxyType
from typing import Any

import attrs

__all__ = [
    "DEFAULT_HOST",
    "DEFAULT_MAX_BODY_BYTES",
    "DEFAULT_PORT",
    "DEFAULT_RECORD_BYTES_LIMIT",
    "DEFAULT_RECORD_LIMIT",
    "DEFAULT_SANDBOX_AVATAR_IDS",
    "EMBED_SANDBOX_AVATAR_ID",
    "SANDBOX_AVATAR_ID",
    "SANDBOX_MAX_SESSION_DURATION",
    "MockConfig",
]

SANDBOX_AVATAR_ID = "dd73ea75-1218-4ef3-92ce-606d5f7fbc0a"
"""The avatar the docs allow in sandbox sessions ("Wayne")."""

EMBED_SANDBOX_AVATAR_ID = "65f9e3c9-d48b-4118-b73a-4ae2e3cbb8f0"
"""The docs' sandbox avatar for embeds, which HeyGen's own starter also sends in sandbox sessions."""

DEFAULT_SANDBOX_AVATAR_IDS = frozenset({SANDBOX_AVATAR_ID, EMBED_SANDBOX_AVATAR_ID})
"""The avatars a sandbox session may use unless configured otherwise.

The docs name only Wayne for sessions, but HeyGen's Python starter mints
sandbox sessions with the embed avatar; a mock that refused HeyGen's own
default would be stricter than the evidence, so both are allowed.
"""

DEFAULT_RECORD_LIMIT = 1000
"""How many of the latest requests a mock remembers; older ones are dropped."""

DEFAULT_RECORD_BYTES_LIMIT = 32 * 1024 * 1024
"""The request and response bytes the remembered requests may hold together.

The count alone would not bound memory: a thousand bodies at the size limit
are a gigabyte. The newest request is always kept, whatever its size.
"""

DEFAULT_MAX_BODY_BYTES = 1024 * 1024
"""The largest request body read; a larger one gets 413 without being read.

LiveAvatar's own limit is not published. One MiB is nginx's default, about
twenty times the largest ASCII body the schema allows without unknown
fields (50 dynamic variables of 1000 characters), so no real request comes near.
"""

SANDBOX_MAX_SESSION_DURATION = 60
"""Sandbox sessions end after a minute; a longer `max_session_duration` gets a 400."""

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8800
"""The port `serve()` listens on when given none; an arbitrary, rarely used one."""


def _normalize_uuid(value: str) -> str:
    # The server parses ids as UUIDs, so `DD73EA75-…` and `dd73ea75-…` are one
    # avatar; compare canonical forms. Anything unparsable is kept as given
    # (it can then never match a request, whose ids the schema checked).
    try:
        return str(uuid.UUID(value))
    except ValueError:
        return value


def _key_set(keys: Iterable[str] | None) -> frozenset[str] | None:
    if keys is None:
        return None
    if isinstance(keys, str):
        # A lone string would otherwise become a set of its characters.
        return frozenset({keys})
    return frozenset(keys)


def _uuid_set(ids: Iterable[str]) -> frozenset[str]:
    if isinstance(ids, str):
        ids = [ids]
    return frozenset(_normalize_uuid(value) for value in ids)


def _memory_map(memories: Mapping[str, str]) -> Mapping[str, str]:
    return MappingProxyType({_normalize_uuid(k): _normalize_uuid(v) for k, v in memories.items()})


def _retry_after_text(value: str | float | None) -> str | None:
    if value is None or isinstance(value, str):
        return value
    return format(value, "g")


def _positive(_instance: object, attribute: attrs.Attribute[Any], value: int) -> None:
    if value < 1:
        raise ValueError(f"{attribute.name} must be >= 1, got {value!r}")


def _non_negative(_instance: object, attribute: attrs.Attribute[Any], value: float) -> None:
    if value < 0:
        raise ValueError(f"{attribute.name} must be >= 0, got {value!r}")


def _status(_instance: object, attribute: attrs.Attribute[Any], value: int | None) -> None:
    if value is not None and not 100 <= value <= 599:
        raise ValueError(f"{attribute.name} must be an HTTP status (100-599), got {value!r}")


@attrs.frozen(kw_only=True)
class MockConfig:
    """How a mock behaves. Every field has the default a test would want.

    Auth and responses:

    - `api_keys`: the accepted `X-API-KEY` values; `None` (the default)
      accepts any non-empty key.
    - `success_code`: the envelope `code` of a 200; the published document
      says 100, LiveAvatar's own JS SDK expects 1000.
    - `token_ttl`: seconds from minting to the token's `exp`.

    Business rules:

    - `sandbox_avatar_ids`: the avatars allowed with `is_sandbox: true`
      (default `DEFAULT_SANDBOX_AVATAR_IDS`: Wayne and the embed sandbox
      avatar). The set replaces the default; to add one, pass
      `{*DEFAULT_SANDBOX_AVATAR_IDS, "your-avatar-id"}`.
    - `sandbox_max_session_duration`: the largest `max_session_duration`
      allowed with `is_sandbox: true`.
    - `memories`: `prev_session_id -> memory_id` for the sessions the mock
      "knows"; see `liveavatar.mock._rules` for how they are used.

    Limits, so that a mock left running stays small and fast:

    - `record_limit`: how many of the latest requests `requests` keeps
      (`DEFAULT_RECORD_LIMIT`, 1000); `0` keeps none.
    - `record_bytes_limit`: the body bytes (request and response) those
      records may hold together (`DEFAULT_RECORD_BYTES_LIMIT`); the oldest
      go first, the newest is always kept.
    - `max_body_bytes`: a request body above this gets 413 unread
      (`DEFAULT_MAX_BODY_BYTES`, 1 MiB).

    Faults the mock starts with (and returns to on `reset()`), applied before
    anything else, like a flaky gateway in front of the API:

    - `latency`: seconds added to every response.
    - `fail_first` / `fail_status`: the first N requests get `fail_status`.
    - `force_status`: every request (after the first `fail_first`) gets this.
    - `retry_after`: the `Retry-After` header of those fault responses
      (a 429 without one gets `"1"`).
    """

    api_keys: frozenset[str] | None = attrs.field(default=None, converter=_key_set)
    success_code: int = 100
    token_ttl: int = attrs.field(default=3600, validator=_non_negative)
    sandbox_avatar_ids: frozenset[str] = attrs.field(default=DEFAULT_SANDBOX_AVATAR_IDS, converter=_uuid_set)
    sandbox_max_session_duration: int = SANDBOX_MAX_SESSION_DURATION
    memories: Mapping[str, str] = attrs.field(factory=dict, converter=_memory_map)
    record_limit: int = attrs.field(default=DEFAULT_RECORD_LIMIT, validator=_non_negative)
    record_bytes_limit: int = attrs.field(default=DEFAULT_RECORD_BYTES_LIMIT, validator=_non_negative)
    max_body_bytes: int = attrs.field(default=DEFAULT_MAX_BODY_BYTES, validator=_positive)
    latency: float = attrs.field(default=0.0, validator=_non_negative)
    fail_first: int = attrs.field(default=0, validator=_non_negative)
    fail_status: int = attrs.field(default=503, validator=_status)
    force_status: int | None = attrs.field(default=None, validator=_status)
    retry_after: str | None = attrs.field(default=None, converter=_retry_after_text)

    def accepts(self, api_key: str | None) -> bool:
        """Whether `api_key` may mint a token."""
        if not api_key or not api_key.strip():
            return False
        return self.api_keys is None or api_key in self.api_keys

    def is_sandbox_avatar(self, avatar_id: str) -> bool:
        """Whether `avatar_id` may be used in a sandbox session."""
        return _normalize_uuid(avatar_id) in self.sandbox_avatar_ids

    def memory_of(self, prev_session_id: str) -> str | None:
        """The memory a known previous session resolves to, or `None` for an unknown session."""
        return self.memories.get(_normalize_uuid(prev_session_id))

    @staticmethod
    def same_id(a: str, b: str) -> bool:
        """Whether two ids name the same thing, comparing UUIDs in canonical form."""
        return _normalize_uuid(a) == _normalize_uuid(b)
