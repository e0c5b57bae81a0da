"""The value types of the account API: avatars, voices, contexts, memories, secrets and the rest.

Frozen attrs classes, one per resource, fields named as the API names them.
Dates are aware datetimes (UTC when the API sends none). Enum fields are
`Literal`s that also hold any other text, since the API adds values. Fields
the SDK does not model yet are kept in `extra`, never a parse failure.
Where the resource's name is already a request-side reference (`Memory`,
`VoiceAgent` in a token), the stored object is `MemoryInfo` /
`VoiceAgentInfo`; a stored secret's metadata is `SecretInfo`, since
`Secret(…)` is how the SDK's masked holder prints itself.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Literal, TypeAlias

import attrs

__all__ = [
    "Avatar",
    "AvatarStatus",
    "AvatarType",
    "AvatarVoice",
    "Context",
    "ContextLink",
    "ContextSummary",
    "Embed",
    "EmbedOrientation",
    "EmbedType",
    "LLMConfiguration",
    "LLMModel",
    "Language",
    "MemoryEpisode",
    "MemoryInfo",
    "MemoryType",
    "SecretInfo",
    "SecretType",
    "Voice",
    "VoiceAgentInfo",
    "VoiceAgentType",
    "VoiceListType",
]

AvatarType: TypeAlias = Literal["IMAGE", "VIDEO"]
AvatarStatus: TypeAlias = Literal["ACTIVE", "INIT", "DEPLOYING", "FAILED"]
VoiceListType: TypeAlias = Literal["public", "private"]
MemoryType: TypeAlias = Literal["session"]
SecretType: TypeAlias = Literal["OPENAI_API_KEY", "ELEVENLABS_API_KEY", "GEMINI_API_KEY", "CARTESIA_API_KEY"]
"""The published three and `CARTESIA_API_KEY` (documented by the Cartesia
connector, accepted live). Use `OPENAI_API_KEY` for any OpenAI-compatible
custom LLM: the guides' `LLM_API_KEY` is refused."""
EmbedType: TypeAlias = Literal["DEFAULT", "WIDGET"]
EmbedOrientation: TypeAlias = Literal["horizontal", "vertical"]
VoiceAgentType: TypeAlias = Literal["liveavatar_agent", "elevenlabs_agent", "cartesia_agent"]

_Extra = Mapping[str, object]


@attrs.frozen
class AvatarVoice:
    """An avatar's default voice."""

    id: str
    name: str | None = None


@attrs.frozen
class Avatar:
    """An avatar, custom or public. `default_voice` is None for image avatars (give a voice in the session)."""

    id: str
    name: str | None = None
    type: AvatarType | str | None = None
    status: AvatarStatus | str | None = None
    space_id: str | None = None
    preview_url: str | None = None
    is_expired: bool | None = None
    is_1080p: bool | None = None
    default_voice: AvatarVoice | None = None
    error_message: str | None = None
    created_at: datetime | None = None
    updated_at: datetime | None = None
    extra: _Extra = attrs.field(factory=dict, eq=False, hash=False, kw_only=True)
    """Fields the SDK does not model yet, as the API sent them."""


@attrs.frozen
class Voice:
    """A voice. Imported voices report `language` en and `gender` unknown whatever they speak."""

    id: str
    name: str | None = None
    description: str | None = None
    language: str | None = None
    gender: str | None = None
    tags: tuple[str, ...] = ()
    created_at: datetime | None = None
    updated_at: datetime | None = None
    extra: _Extra = attrs.field(factory=dict, eq=False, hash=False, kw_only=True)
    """Fields the SDK does not model yet, as the API sent them."""


@attrs.frozen
class ContextLink:
    """A page the context's LLM may cite: its `url` and what it answers (`faq`); `id` once stored."""

    url: str
    faq: str
    id: str | None = None


@attrs.frozen
class ContextSummary:
    """A context as `contexts.list()` shows it: the API lists no prompt (get the context for it)."""

    id: str
    name: str | None = None
    created_at: datetime | None = None
    updated_at: datetime | None = None
    extra: _Extra = attrs.field(factory=dict, eq=False, hash=False, kw_only=True)
    """Fields the SDK does not model yet, as the API sent them."""


@attrs.frozen
class Context:
    """A context in full. `required_dynamic_variables` is the API's read-only list of its `${name}` placeholders."""

    id: str
    name: str | None = None
    prompt: str | None = None
    opening_text: str | None = None
    links: tuple[ContextLink, ...] = ()
    required_dynamic_variables: tuple[str, ...] = ()
    created_at: datetime | None = None
    updated_at: datetime | None = None
    extra: _Extra = attrs.field(factory=dict, eq=False, hash=False, kw_only=True)
    """Fields the SDK does not model yet, as the API sent them."""


@attrs.frozen
class MemoryEpisode:
    """One session folded into a memory."""

    session_id: str | None = None
    sequence_num: int | None = None
    summary: str | None = None
    created_at: datetime | None = None


@attrs.frozen
class MemoryInfo:
    """A stored memory: `memory_content` from create and get, `memory_content_preview` from the list."""

    id: str
    memory_type: MemoryType | str | None = None
    memory_content: str | None = None
    memory_content_preview: str | None = None
    session_episodes: tuple[MemoryEpisode, ...] = ()
    created_at: datetime | None = None
    updated_at: datetime | None = None
    extra: _Extra = attrs.field(factory=dict, eq=False, hash=False, kw_only=True)
    """Fields the SDK does not model yet, as the API sent them."""


@attrs.frozen
class SecretInfo:
    """A stored secret's metadata. The value is never returned by the API, so it is never here."""

    id: str
    secret_name: str | None = None
    secret_type: SecretType | str | None = None
    created_at: datetime | None = None
    extra: _Extra = attrs.field(factory=dict, eq=False, hash=False, kw_only=True)
    """Fields the SDK does not model yet, as the API sent them."""


@attrs.frozen
class LLMConfiguration:
    """A custom-LLM configuration. The list omits `base_url` and the timestamps (None there, not unset)."""

    id: str
    display_name: str | None = None
    model_name: str | None = None
    secret_id: str | None = None
    base_url: str | None = None
    created_at: datetime | None = None
    updated_at: datetime | None = None
    extra: _Extra = attrs.field(factory=dict, eq=False, hash=False, kw_only=True)
    """Fields the SDK does not model yet, as the API sent them."""


@attrs.frozen
class LLMModel:
    """One managed model of the `llm_settings` catalog."""

    provider: str
    model: str


@attrs.frozen
class Language:
    """A supported language: its `code` (such as `en`, or `multi`) and display name."""

    code: str
    language: str | None = None
    extra: _Extra = attrs.field(factory=dict, eq=False, hash=False, kw_only=True)
    """Fields the SDK does not model yet, as the API sent them."""


@attrs.frozen
class Embed:
    """A new embed: its page `url` and a ready iframe `script`."""

    embed_id: str
    url: str
    script: str | None = None
    orientation: EmbedOrientation | str | None = None
    extra: _Extra = attrs.field(factory=dict, eq=False, hash=False, kw_only=True)
    """Fields the SDK does not model yet, as the API sent them."""


@attrs.frozen
class VoiceAgentInfo:
    """A stored voice agent; `agent_configuration` only from `get` (the list omits it)."""

    id: str
    name: str | None = None
    agent_type: VoiceAgentType | str | None = None
    agent_configuration: Mapping[str, object] | None = attrs.field(default=None, eq=False, hash=False)
    created_at: datetime | None = None
    updated_at: datetime | None = None
    extra: _Extra = attrs.field(factory=dict, eq=False, hash=False, kw_only=True)
    """Fields the SDK does not model yet, as the API sent them."""
