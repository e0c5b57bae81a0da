"""The one module that talks to the generated `liveavatar_client` package.

Everything the facade needs from the generated side passes through here:
the low-level client that users reach for edge-case fields, and the wire
shapes of the lifecycle answers, which the generated models' `from_dict`
parses before they become the facade's value types. (The token request is
written by `liveavatar._request` on the hot path instead; a round-trip test
proves the generated models read it unchanged.) A ruff banned-import rule
(`TID251`) keeps every other facade module away from `liveavatar_client`,
and no generated type appears in a public facade signature.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from decimal import Decimal, InvalidOperation
from typing import Any, TypeVar

import httpx

from liveavatar_client.client import AuthenticatedClient
from liveavatar_client.models import (
    AvatarData,
    AvatarListData,
    ContextData,
    ContextListData,
    CreateSecretData,
    CreditsData,
    EmbedData,
    LanguageData,
    LLMConfigurationData,
    LLMModelsResponseData,
    MemoryData,
    MemoryListData,
    SecretData,
    SessionData,
    SessionListData,
    StartSessionData,
    ThirdPartyVoiceBindData,
    TranscriptData,
    VoiceAgentData,
    VoiceData,
    VoiceListData,
    VoicePreviewData,
)
from liveavatar_client.types import Unset

from . import _account_models as am
from ._listing import Chunk
from ._models import SessionInfo, StartedSession, Transcript, TranscriptEntry
from ._secrets import Secret

__all__ = ["build_lowlevel_client", "credits_left", "session_info", "session_page", "started_session", "transcript"]

_T = TypeVar("_T")


def build_lowlevel_client(
    *, base_url: str, api_key: Secret[str], timeout: httpx.Timeout, headers: dict[str, str]
) -> Any:
    """A generated `AuthenticatedClient` with the facade client's key, base URL and timeout.

    It keeps the key out of its `repr` and sends it as `X-API-KEY`.
    """
    return AuthenticatedClient(
        base_url=base_url,
        token=api_key.reveal(),
        prefix="",
        auth_header_name="X-API-KEY",
        timeout=timeout,
        headers=headers,
        raise_on_unexpected_status=True,
    )


def _given(value: _T | Unset) -> _T | None:
    return None if isinstance(value, Unset) else value


def _decimal(value: object) -> Decimal | None:
    if value is None or isinstance(value, Unset | bool):
        return None
    try:
        # str() first: a float's shortest text is the number the server wrote.
        return Decimal(str(value))
    except InvalidOperation:
        raise ValueError(f"{value!r} is not a number") from None


def _finite(value: Decimal | None, name: str) -> Decimal | None:
    if value is not None and not value.is_finite():
        # NaN raises on comparison and Infinity is no balance: a broken answer, not a number to hand on.
        raise ValueError(f"{name} is {value}, not a finite number")
    return value


def _aware(value: object, name: str) -> datetime.datetime | None:
    """A parsed date, timezone-aware (the API writes UTC; an offset-less one is read as UTC)."""
    if value is None or isinstance(value, Unset):
        return None
    if not isinstance(value, datetime.datetime):
        # The generated model keeps text it cannot parse as a date: "yesterday" is no end time.
        raise ValueError(f"{name} is not an ISO 8601 date")
    return value if value.tzinfo is not None else value.replace(tzinfo=datetime.UTC)


def _int(value: object) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _session(model: SessionData) -> SessionInfo:
    return SessionInfo(
        id=str(model.id),
        mode=_given(model.mode),
        source=_given(model.source),
        is_sandbox=_given(model.is_sandbox),
        created_at=_aware(model.created_at, "created_at"),
        duration=_int(_given(model.duration)),
        credits_consumed=_finite(_decimal(model.credits_consumed), "credits_consumed"),
        updated_at=_aware(model.updated_at, "updated_at"),
        end_at=_aware(model.end_at, "end_at"),
        end_reason=None if isinstance(model.end_reason, Unset) else model.end_reason,
    )


def started_session(data: Mapping[str, Any]) -> StartedSession:
    """`data` of a start answer."""
    model = StartSessionData.from_dict(data)
    return StartedSession(
        session_id=str(model.session_id),
        livekit_url=model.livekit_url,
        livekit_client_token=model.livekit_client_token,
        livekit_agent_token=_given(model.livekit_agent_token),
        max_session_duration=_int(_given(model.max_session_duration)),
        ws_url=_given(model.ws_url),
    )


def session_info(data: Mapping[str, Any]) -> SessionInfo:
    """`data` of a `GET /v1/sessions/{id}` answer."""
    return _session(SessionData.from_dict(data))


def session_page(data: Mapping[str, Any]) -> tuple[tuple[SessionInfo, ...], bool, int | None]:
    """`data` of a list answer: its sessions, whether a next page is linked, and the `count` it states."""
    model = SessionListData.from_dict(data)
    count = _int(_given(model.count))
    return tuple(_session(item) for item in model.results), bool(_given(model.next_)), count


def transcript(data: Mapping[str, Any]) -> Transcript:
    """`data` of a transcript answer."""
    model = TranscriptData.from_dict(data)
    items = _given(model.transcript_data) or []
    return Transcript(
        entries=tuple(
            TranscriptEntry(
                role=str(_given(item.role) or ""),
                transcript=_given(item.transcript) or "",
                absolute_timestamp=_int(_given(item.absolute_timestamp)),
                relative_timestamp=_given(item.relative_timestamp),
            )
            for item in items
        ),
        session_active=bool(model.session_active),
        next_timestamp=_int(_given(model.next_timestamp)),
    )


def credits_left(data: Mapping[str, Any]) -> Decimal:
    """`data` of a credits answer, exactly."""
    value = _finite(_decimal(CreditsData.from_dict(data).credits_left), "credits_left")
    if value is None:
        raise ValueError("credits_left is missing")
    return value


# -- the account API: each answer's `data`, parsed by its generated model, as the facade's value type --------


def _text(value: object) -> str | None:
    return value if isinstance(value, str) else None


def _flag(value: object) -> bool | None:
    return value if isinstance(value, bool) else None


def _id(value: object) -> str:
    if isinstance(value, str) and value:
        return value
    raise ValueError(f"id {value!r} is not text")


def _strings(value: object) -> tuple[str, ...]:
    return tuple(item for item in value if isinstance(item, str)) if isinstance(value, list) else ()


def _chunk(items: list[_T], model: AvatarListData | VoiceListData | ContextListData | MemoryListData) -> Chunk[_T]:
    count = _given(model.count)
    return Chunk(tuple(items), more=bool(_given(model.next_)), count=count if _int(count) is not None else None)


def _avatar(model: AvatarData) -> am.Avatar:
    voice = model.default_voice
    return am.Avatar(
        id=_id(model.id),
        name=_text(model.name),
        type=_text(model.type_),
        status=_text(model.status),
        space_id=_text(model.space_id),
        preview_url=_text(model.preview_url),
        is_expired=_flag(model.is_expired),
        is_1080p=_flag(model.is_1080p),
        default_voice=None
        if voice is None or isinstance(voice, Unset)
        else am.AvatarVoice(id=_id(voice.id), name=_text(voice.name)),
        error_message=_text(model.error_message),
        created_at=_aware(model.created_at, "created_at"),
        updated_at=_aware(model.updated_at, "updated_at"),
        extra=dict(model.additional_properties),
    )


def avatar(data: Mapping[str, Any]) -> am.Avatar:
    """`data` of one avatar."""
    return _avatar(AvatarData.from_dict(data))


def avatar_page(data: Mapping[str, Any]) -> Chunk[am.Avatar]:
    """`data` of a page of avatars."""
    model = AvatarListData.from_dict(data)
    return _chunk([_avatar(item) for item in model.results], model)


def _voice(model: VoiceData) -> am.Voice:
    return am.Voice(
        id=_id(model.id),
        name=_text(model.name),
        description=_text(model.description),
        language=_text(model.language),
        gender=_text(model.gender),
        tags=_strings(_given(model.tags)),
        created_at=_aware(model.created_at, "created_at"),
        updated_at=_aware(model.updated_at, "updated_at"),
        extra=dict(model.additional_properties),
    )


def voice(data: Mapping[str, Any]) -> am.Voice:
    """`data` of one voice."""
    return _voice(VoiceData.from_dict(data))


def voice_page(data: Mapping[str, Any]) -> Chunk[am.Voice]:
    """`data` of a page of voices."""
    model = VoiceListData.from_dict(data)
    return _chunk([_voice(item) for item in model.results], model)


def voice_preview(data: Mapping[str, Any]) -> str:
    """`data` of a voice sample: its base64 text."""
    audio = VoicePreviewData.from_dict(data).audio_base64
    if not isinstance(audio, str):
        raise ValueError("audio_base64 is not text")
    return audio


def bound_voice(data: Mapping[str, Any]) -> str:
    """`data` of a voice bind: the new voice's id."""
    return _id(ThirdPartyVoiceBindData.from_dict(data).voice_id)


def _context_summary(model: Any) -> am.ContextSummary:
    return am.ContextSummary(
        id=_id(model.id),
        name=_text(model.name),
        created_at=_aware(model.created_at, "created_at"),
        updated_at=_aware(model.updated_at, "updated_at"),
        extra=dict(model.additional_properties),
    )


def context(data: Mapping[str, Any]) -> am.Context:
    """`data` of one context, in full."""
    model = ContextData.from_dict(data)
    links = _given(model.links) or []
    return am.Context(
        id=_id(model.id),
        name=_text(model.name),
        prompt=_text(model.prompt),
        opening_text=_text(model.opening_text),
        links=tuple(
            am.ContextLink(url=_text(link.url) or "", faq=_text(link.faq) or "", id=_text(link.id)) for link in links
        ),
        required_dynamic_variables=_strings(_given(model.required_dynamic_variables)),
        created_at=_aware(model.created_at, "created_at"),
        updated_at=_aware(model.updated_at, "updated_at"),
        extra=dict(model.additional_properties),
    )


def context_page(data: Mapping[str, Any]) -> Chunk[am.ContextSummary]:
    """`data` of a page of contexts (summaries)."""
    model = ContextListData.from_dict(data)
    return _chunk([_context_summary(item) for item in model.results], model)


def _memory(model: MemoryData) -> am.MemoryInfo:
    episodes = _given(model.session_episodes) or []
    return am.MemoryInfo(
        id=_id(model.id),
        memory_type=_text(model.memory_type),
        memory_content=_text(model.memory_content),
        memory_content_preview=_text(model.memory_content_preview),
        session_episodes=tuple(
            am.MemoryEpisode(
                session_id=_text(episode.session_id),
                sequence_num=_int(_given(episode.sequence_num)),
                summary=_text(episode.summary),
                created_at=_aware(episode.created_at, "episodes[].created_at"),
            )
            for episode in episodes
        ),
        created_at=_aware(model.created_at, "created_at"),
        updated_at=_aware(model.updated_at, "updated_at"),
        extra=dict(model.additional_properties),
    )


def memory(data: Mapping[str, Any]) -> am.MemoryInfo:
    """`data` of one memory."""
    return _memory(MemoryData.from_dict(data))


def memory_page(data: Mapping[str, Any]) -> Chunk[am.MemoryInfo]:
    """`data` of a page of memories."""
    model = MemoryListData.from_dict(data)
    return _chunk([_memory(item) for item in model.results], model)


def _secret(model: SecretData | CreateSecretData) -> am.SecretInfo:
    kind = getattr(model, "secret_type", None)
    return am.SecretInfo(
        id=_id(model.id),
        secret_name=_text(model.secret_name),
        secret_type=_text(kind),
        created_at=_aware(getattr(model, "created_at", None), "created_at"),
        extra=dict(model.additional_properties),
    )


def created_secret(data: Mapping[str, Any]) -> am.SecretInfo:
    """`data` of a new secret: its id and name."""
    return _secret(CreateSecretData.from_dict(data))


def secrets(data: list[Any]) -> Chunk[am.SecretInfo]:
    """`data` of the secrets list."""
    return Chunk(tuple(_secret(SecretData.from_dict(item)) for item in data))


def llm_configuration(data: Mapping[str, Any]) -> am.LLMConfiguration:
    """`data` of one LLM configuration."""
    model = LLMConfigurationData.from_dict(data)
    return am.LLMConfiguration(
        id=_id(model.id),
        display_name=_text(model.display_name),
        model_name=_text(model.model_name),
        secret_id=_text(model.secret_id),
        base_url=_text(model.base_url),
        created_at=_aware(model.created_at, "created_at"),
        updated_at=_aware(model.updated_at, "updated_at"),
        extra=dict(model.additional_properties),
    )


def llm_configurations(data: list[Any]) -> Chunk[am.LLMConfiguration]:
    """`data` of the LLM configurations list."""
    return Chunk(tuple(llm_configuration(item) for item in data))


def llm_models(data: Mapping[str, Any]) -> Chunk[am.LLMModel]:
    """`data` of the LLM catalog, one item per provider and model."""
    catalog = LLMModelsResponseData.from_dict(data).additional_properties
    return Chunk(
        tuple(
            am.LLMModel(provider=provider, model=name)
            for provider, names in catalog.items()
            for name in _strings(names)
        )
    )


def languages(data: list[Any]) -> Chunk[am.Language]:
    """`data` of the languages list."""
    found = []
    for item in data:
        model = LanguageData.from_dict(item)
        found.append(
            am.Language(code=_id(model.code), language=_text(model.language), extra=dict(model.additional_properties))
        )
    return Chunk(tuple(found))


def embed(data: Mapping[str, Any]) -> am.Embed:
    """`data` of a new embed."""
    model = EmbedData.from_dict(data)
    url = model.url
    if not isinstance(url, str):
        raise ValueError("url is not text")
    return am.Embed(
        embed_id=_id(model.embed_id),
        url=url,
        script=_text(model.script),
        orientation=_text(model.orientation),
        extra=dict(model.additional_properties),
    )


def voice_agent(data: Mapping[str, Any]) -> am.VoiceAgentInfo:
    """`data` of one voice agent."""
    model = VoiceAgentData.from_dict(data)
    configuration = _given(model.agent_configuration)
    return am.VoiceAgentInfo(
        id=_id(model.id),
        name=_text(model.name),
        agent_type=_text(model.agent_type),
        agent_configuration=None if configuration is None else configuration.to_dict(),
        created_at=_aware(model.created_at, "created_at"),
        updated_at=_aware(model.updated_at, "updated_at"),
        extra=dict(model.additional_properties),
    )


def voice_agents(data: list[Any]) -> Chunk[am.VoiceAgentInfo]:
    """`data` of the voice agents list."""
    return Chunk(tuple(voice_agent(item) for item in data))
