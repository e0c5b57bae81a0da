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

import math
import uuid
from collections.abc import Iterable, Mapping
from decimal import Decimal, InvalidOperation
from types import MappingProxyType
from typing import Any, Final, Literal

import attrs

from ._clock import CLOCK_KINDS, ClockKind
from ._routes import OPERATIONS

__all__ = [
    "CREDITS_PER_MINUTE",
    "DEFAULT_CREDITS",
    "DEFAULT_HOST",
    "DEFAULT_IDLE_TIMEOUT",
    "DEFAULT_LITE_AUDIO_LIMIT",
    "DEFAULT_PLAN_MAX_SESSION_DURATION",
    "DEFAULT_SESSION_LIMIT",
    "DEFAULT_SUCCESS_CODE",
    "PUBLISHED_SUCCESS_CODE",
    "DEFAULT_TRANSCRIPT_PAGE_SIZE",
    "LITE_PROFILES",
    "LiteProfile",
    "DEFAULT_MAX_BODY_BYTES",
    "DEFAULT_PORT",
    "DEFAULT_RECORD_BYTES_LIMIT",
    "DEFAULT_RECORD_LIMIT",
    "DEFAULT_SANDBOX_AVATAR_IDS",
    "EMBED_SANDBOX_AVATAR_ID",
    "SANDBOX_AVATAR_ID",
    "SANDBOX_MAX_SESSION_DURATION",
    "MockConfig",
    "retry_after_text",
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

DEFAULT_IDLE_TIMEOUT = 300.0
"""Seconds without a keep-alive after which a started session ends with `IDLE_TIMEOUT` (DOC: about 5 minutes)."""

CREDITS_PER_MINUTE: Final[Mapping[str, Decimal]] = MappingProxyType({"FULL": Decimal(2), "LITE": Decimal(1)})
"""What a started minute costs (DOC); sandbox sessions cost nothing."""

DEFAULT_CREDITS = Decimal("1000.00")
"""The balance a mock starts with: about eight hours of FULL sessions, so no test runs out by accident."""

DEFAULT_SESSION_LIMIT = 10_000
"""How many minted tokens and ended sessions a mock remembers; the oldest go first, active ones never."""

DEFAULT_PLAN_MAX_SESSION_DURATION = 3600
"""The `max_session_duration` of a non-sandbox session minted without one, in seconds (INFERRED).

The docs say a session's length is capped by the plan's limit and that
`start` echoes the effective value; the limits themselves are unpublished,
and pipecat's client requires an integer there. An hour is a guess, large
enough that no test or local demo reaches it by accident.
"""

DEFAULT_SUCCESS_CODE = 1000
"""The envelope `code` of a success, as LiveAvatar's live answers carry it (3P-LIVE) and its JS SDK requires."""

PUBLISHED_SUCCESS_CODE = 100
"""The envelope `code` the published schema gives as its default and examples (`MockConfig(success_code=100)`)."""

DEFAULT_LITE_AUDIO_LIMIT = 48_000 * 600
"""The bytes of received PCM a LITE channel keeps for `lite_audio()`: the first ten minutes at 24 kHz.

A bound per channel; channels are forgotten with their session (see
`session_limit`), so a long-running mock holds at most this many bytes
for each remembered LITE session.
"""

DEFAULT_TRANSCRIPT_PAGE_SIZE = 100
"""The most transcript entries one answer holds (INFERRED: the real page size is unpublished)."""

LiteProfile = Literal["docs", "extended"]
LITE_PROFILES: Final[tuple[LiteProfile, ...]] = ("docs", "extended")
"""The LITE channel's event profiles (see `liveavatar.mock._lite`)."""

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


def _decimal(value: Decimal | int | str) -> Decimal:
    try:
        converted = Decimal(value)
    except (InvalidOperation, TypeError, ValueError):
        raise ValueError(f"credits must be a decimal number, got {value!r}") from None
    if not converted.is_finite() or converted < 0:
        raise ValueError(f"credits must be a finite number >= 0, got {value!r}")
    return converted


def _optional_non_negative(_instance: object, attribute: attrs.Attribute[Any], value: float | None) -> None:
    if value is not None and not (value >= 0 and math.isfinite(value)):
        raise ValueError(f"{attribute.name} must be a finite number >= 0 or None, got {value!r}")


def _optional_positive(_instance: object, attribute: attrs.Attribute[Any], value: int | None) -> None:
    if value is not None and value < 1:
        raise ValueError(f"{attribute.name} must be >= 1 or None, got {value!r}")


def retry_after_text(value: str | float | None) -> str | None:
    """A `Retry-After` given as text (sent as is) or seconds (a finite number >= 0), as the header's text."""
    if value is None or isinstance(value, str):
        return value
    if not (value >= 0 and math.isfinite(value)):
        raise ValueError(f"retry_after must be a finite number of seconds >= 0, got {value!r}")
    return format(value, "g")


def _positive(_instance: object, attribute: attrs.Attribute[Any], value: int) -> None:
    if value < 1:
        raise ValueError(f"{attribute.name} must be >= 1, got {value!r}")


def _non_negative(_instance: object, attribute: attrs.Attribute[Any], value: float) -> None:
    # Written so that NaN fails too (every comparison with it is false).
    if not (value >= 0 and math.isfinite(value)):
        raise ValueError(f"{attribute.name} must be a finite number >= 0, got {value!r}")


def _status(_instance: object, attribute: attrs.Attribute[Any], value: int | None) -> None:
    if value is not None and not 100 <= value <= 599:
        raise ValueError(f"{attribute.name} must be an HTTP status (100-599), got {value!r}")


@attrs.frozen(kw_only=True)
class MockConfig:
    """How a mock behaves. Every field has the default a test would want.

    Auth and responses:

    - `api_keys`: the accepted `X-API-KEY` values; `None` (the default)
      accepts any non-empty key.
    - `success_code`: the envelope `code` of a success
      (`DEFAULT_SUCCESS_CODE`, 1000, as live answers carry it and HeyGen's
      web SDK requires); `PUBLISHED_SUCCESS_CODE` (100) is the published
      schema's default.
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
    - `fault_operation`: limit those starting faults (and `latency`) to one
      operation (`"start"`, `"stop"`, ...; see `OPERATIONS`); `None`, every
      request.

    The session lifecycle (see `liveavatar.mock._sessions`):

    - `clock`: `"manual"` (time moves only on `advance()`, for tests) or
      `"real"` (wall time, for a dev server); see `liveavatar.mock._clock`.
    - `credits`: the starting balance (`DEFAULT_CREDITS`); a `Decimal`.
    - `idle_timeout`: seconds without keep-alive before `IDLE_TIMEOUT`
      (`DEFAULT_IDLE_TIMEOUT`, 300).
    - `max_session_duration`: the plan's limit, the cap of a non-sandbox
      session minted without one, which `start` answers
      (`DEFAULT_PLAN_MAX_SESSION_DURATION`, 3600 s, INFERRED: the plan
      limits are unpublished); `None` for no cap, when `start` answers
      `null` as no live server is seen to. Sandbox sessions are capped at
      `sandbox_max_session_duration` whatever the mint said.
    - `session_limit`: how many minted tokens and ended sessions are
      remembered (`DEFAULT_SESSION_LIMIT`); active sessions are always kept.
      A forgotten LITE session's channel and its recorded audio go with it.
    - `lite_audio_limit`: the bytes of received PCM each LITE channel keeps
      for `lite_audio()` (`DEFAULT_LITE_AUDIO_LIMIT`, ten minutes); later
      audio is counted as played but not kept.
    - `transcript_page_size`: the most entries one transcript answer holds.
    - `lite_profile`: the LITE channel's events, `"docs"` or `"extended"`.
    - `lite_connected_delay`: seconds from the socket's upgrade to
      `connected`; `None` never sends it.

    Browsers (CORS; see `liveavatar.mock._cors`):

    - `cors_credentials`: answer `Access-Control-Allow-Credentials: true`
      (the default, for pages that fetch with `credentials: "include"`, as
      HeyGen's web SDK does); `False` leaves it out. The allowed origin is
      always the request's own `Origin`: the mock is a local dev server.
    """

    api_keys: frozenset[str] | None = attrs.field(default=None, converter=_key_set)
    success_code: int = DEFAULT_SUCCESS_CODE
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
    retry_after: str | None = attrs.field(default=None, converter=retry_after_text)
    fault_operation: str | None = None
    clock: ClockKind = attrs.field(default="manual", validator=attrs.validators.in_(CLOCK_KINDS))
    credits: Decimal = attrs.field(default=DEFAULT_CREDITS, converter=_decimal)
    idle_timeout: float = attrs.field(default=DEFAULT_IDLE_TIMEOUT, validator=_non_negative)
    max_session_duration: int | None = attrs.field(
        default=DEFAULT_PLAN_MAX_SESSION_DURATION, validator=_optional_positive
    )
    session_limit: int = attrs.field(default=DEFAULT_SESSION_LIMIT, validator=_positive)
    transcript_page_size: int = attrs.field(default=DEFAULT_TRANSCRIPT_PAGE_SIZE, validator=_positive)
    lite_profile: LiteProfile = attrs.field(default="docs", validator=attrs.validators.in_(LITE_PROFILES))
    lite_connected_delay: float | None = attrs.field(default=0.0, validator=_optional_non_negative)
    lite_audio_limit: int = attrs.field(default=DEFAULT_LITE_AUDIO_LIMIT, validator=_non_negative)
    cors_credentials: bool = True

    def __attrs_post_init__(self) -> None:
        if self.fault_operation is not None and self.fault_operation not in OPERATIONS:
            raise ValueError(f"fault_operation must be one of {', '.join(OPERATIONS)}, got {self.fault_operation!r}")

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
