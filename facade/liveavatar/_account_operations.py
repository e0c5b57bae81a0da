"""Every operation of the account API, defined once for both clients.

As in `liveavatar._operations`: each operation is data (method, path, how
to read its answer, its retry rule), and each public method is a builder
that checks the caller's arguments before any I/O, reports every problem
at once, and returns a `Call` (or a `Listing` of page calls, or a
procedure of several calls). Checks follow the published schemas and no
further: uuid ids only where the spec says uuid, the lengths and enums it
publishes. Text ids are percent-encoded into the path.

Creates (a POST that makes a new resource each time) take the `create`
retry rule: never sent again once they may have reached the server.
"""

from __future__ import annotations

import base64
import binascii
import re
import uuid
from collections.abc import Callable, Iterable, Mapping
from typing import Any, Final, TypeVar
from urllib.parse import quote

from ._account_models import (
    Avatar,
    Context,
    ContextLink,
    ContextSummary,
    Embed,
    EmbedOrientation,
    EmbedType,
    Language,
    LLMConfiguration,
    LLMModel,
    MemoryInfo,
    SecretInfo,
    SecretType,
    Voice,
    VoiceAgentInfo,
    VoiceListType,
)
from ._config import LIST_PAGE_SIZE
from ._errors import APIResponseValidationError, InvalidRequestError
from ._listing import Chunk, Listing
from ._models import FieldError, Id
from ._operations import Call, Operation
from ._procedures import Procedure, Sleep  # noqa: F401 - `Procedure` names `Sleep`; help() resolves it here
from ._response import Reply, read_nothing, read_parsed, read_parsed_list
from ._secrets import Secret
from ._types import NOT_GIVEN, NotGiven, TimeoutTypes

__all__ = [
    "ACCOUNT_OPERATIONS",
]

_T = TypeVar("_T")

_MAX_NAME: Final = 255
_MAX_VOICE_NAME: Final = 64
_MAX_SECRET_ID: Final = 36
_MAX_LANGUAGE: Final = 5
_CANONICAL_UUID: Final = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
_VOICE_LIST_TYPES: Final = ("public", "private")
_EMBED_TYPES: Final = ("DEFAULT", "WIDGET")
_ORIENTATIONS: Final = ("horizontal", "vertical")


# -- reading answers: each parsed by the generated model behind `liveavatar._lowlevel` -----------------------


def _parser(name: str) -> Callable[[], Callable[[Any], Any]]:
    """The parser `name` of `liveavatar._lowlevel`, looked up on the first answer and kept."""
    found: list[Callable[[Any], Any]] = []

    def parser() -> Callable[[Any], Any]:
        if not found:
            from . import _lowlevel  # the generated models load on the first account answer

            found.append(getattr(_lowlevel, name))
        return found[0]

    return parser


def _object(parse: str, what: str) -> Callable[[Reply], Any]:
    parser = _parser(parse)

    def read(reply: Reply) -> Any:
        return read_parsed(reply, parser(), what)

    return read


def _array(parse: str, what: str) -> Callable[[Reply], Any]:
    parser = _parser(parse)

    def read(reply: Reply) -> Any:
        return read_parsed_list(reply, parser(), what)

    return read


def _read_audio(reply: Reply) -> bytes | APIResponseValidationError:
    from . import _lowlevel

    def decode(data: dict[str, Any]) -> bytes:
        try:
            return base64.b64decode(_lowlevel.voice_preview(data), validate=True)
        except binascii.Error as exc:
            raise ValueError(f"audio_base64 is not base64: {exc}") from None

    return read_parsed(reply, decode, "a voice sample")


def _op(name: str, method: str, path: str, read: Callable[[Reply], Any], retry: str = "idempotent") -> Operation[Any]:
    return Operation(name, method, path, read, retry=retry)  # type: ignore[arg-type]


AVATARS_LIST = _op("avatars.list", "GET", "/v1/avatars", _object("avatar_page", "a page of avatars"))
AVATARS_LIST_PUBLIC = _op(
    "avatars.list_public", "GET", "/v1/avatars/public", _object("avatar_page", "a page of avatars")
)
AVATARS_GET = _op("avatars.get", "GET", "/v1/avatars/{avatar_id}", _object("avatar", "an avatar"))
AVATARS_UPDATE = _op("avatars.update", "PATCH", "/v1/avatars/{avatar_id}", _object("avatar", "an avatar"))
AVATARS_DELETE = _op("avatars.delete", "DELETE", "/v1/avatars/{avatar_id}", read_nothing)
VOICES_LIST = _op("voices.list", "GET", "/v1/voices", _object("voice_page", "a page of voices"))
VOICES_GET = _op("voices.get", "GET", "/v1/voices/{voice_id}", _object("voice", "a voice"))
VOICES_UPDATE = _op("voices.update", "PATCH", "/v1/voices/{voice_id}", _object("voice", "a voice"))
VOICES_DELETE = _op("voices.delete", "DELETE", "/v1/voices/{voice_id}", read_nothing)
VOICES_PREVIEW = _op("voices.preview", "GET", "/v1/voices/{voice_id}/preview", _read_audio)
VOICES_BIND = _op(
    "voices.bind_third_party", "POST", "/v1/voices/third_party", _object("bound_voice", "a voice id"), "create"
)
CONTEXTS_LIST = _op("contexts.list", "GET", "/v1/contexts", _object("context_page", "a page of contexts"))
CONTEXTS_GET = _op("contexts.get", "GET", "/v1/contexts/{context_id}", _object("context", "a context"))
CONTEXTS_CREATE = _op("contexts.create", "POST", "/v1/contexts", _object("context", "a context"), "create")
CONTEXTS_UPDATE = _op("contexts.update", "PATCH", "/v1/contexts/{context_id}", _object("context", "a context"))
CONTEXTS_DELETE = _op("contexts.delete", "DELETE", "/v1/contexts/{context_id}", read_nothing)
MEMORIES_LIST = _op("memories.list", "GET", "/v1/memory", _object("memory_page", "a page of memories"))
MEMORIES_GET = _op("memories.get", "GET", "/v1/memory/{memory_id}", _object("memory", "a memory"))
MEMORIES_CREATE = _op("memories.create", "POST", "/v1/memory", _object("memory", "a memory"), "create")
MEMORIES_DELETE = _op("memories.delete", "DELETE", "/v1/memory/{memory_id}", read_nothing)
SECRETS_LIST = _op("secrets.list", "GET", "/v1/secrets", _array("secrets", "a list of secrets"))
SECRETS_CREATE = _op("secrets.create", "POST", "/v1/secrets", _object("created_secret", "a secret"), "create")
SECRETS_DELETE = _op("secrets.delete", "DELETE", "/v1/secrets/{secret_id}", read_nothing)
LLM_LIST = _op(
    "llm_configurations.list", "GET", "/v1/llm-configurations", _array("llm_configurations", "LLM configurations")
)
LLM_GET = _op(
    "llm_configurations.get",
    "GET",
    "/v1/llm-configurations/{config_id}",
    _object("llm_configuration", "an LLM configuration"),
)
LLM_CREATE = _op(
    "llm_configurations.create",
    "POST",
    "/v1/llm-configurations",
    _object("llm_configuration", "an LLM configuration"),
    "create",
)
LLM_UPDATE = _op(
    "llm_configurations.update",
    "PATCH",
    "/v1/llm-configurations/{config_id}",
    _object("llm_configuration", "an LLM configuration"),
)
LLM_DELETE = _op("llm_configurations.delete", "DELETE", "/v1/llm-configurations/{config_id}", read_nothing)
LLM_MODELS_LIST = _op("llm_models.list", "GET", "/v1/llm-models", _object("llm_models", "an LLM catalog"))
LANGUAGES_LIST = _op("languages.list", "GET", "/v1/languages", _array("languages", "a list of languages"))
EMBEDS_CREATE = _op("embeds.create", "POST", "/v2/embeddings", _object("embed", "an embed"), "create")
VOICE_AGENTS_LIST = _op("voice_agents.list", "GET", "/v1/voice_agents", _array("voice_agents", "voice agents"))
VOICE_AGENTS_GET = _op(
    "voice_agents.get", "GET", "/v1/voice_agents/{agent_id}", _object("voice_agent", "a voice agent")
)
VOICE_AGENTS_DELETE = _op("voice_agents.delete", "DELETE", "/v1/voice_agents/{agent_id}", read_nothing)

ACCOUNT_OPERATIONS: tuple[Operation[Any], ...] = tuple(
    value for name, value in sorted(globals().items()) if isinstance(value, Operation)
)
"""Every account operation, for tests and tools that walk them."""


# -- argument checks --------------------------------------------------------------------------------------------


class _Checks:
    """Collects every problem with the arguments, to raise them together before any I/O."""

    __slots__ = ("problems",)

    def __init__(self) -> None:
        self.problems: list[FieldError] = []

    def fail(self, name: str, message: str) -> None:
        self.problems.append(FieldError(name, message))

    def done(self) -> None:
        if self.problems:
            raise InvalidRequestError(self.problems)

    def uuid(self, name: str, value: object) -> str:
        """The canonical text of a UUID argument."""
        if isinstance(value, uuid.UUID):
            # From its number, not its str(): a subclass may print anything.
            return str(uuid.UUID(int=value.int))
        if isinstance(value, str):
            if _CANONICAL_UUID.fullmatch(value):
                # Already what str(uuid.UUID(value)) gives: no need to parse it.
                return value
            try:
                return str(uuid.UUID(value))
            except ValueError:
                pass
        self.fail(name, f"must be a UUID (str or uuid.UUID), got {value!r}")
        return ""

    def id(self, name: str, value: object) -> str:
        """A text id (the spec types it as a string, not a UUID), percent-encoded for a path."""
        if isinstance(value, uuid.UUID):
            return str(uuid.UUID(int=value.int))
        if isinstance(value, str) and value not in ("", ".", ".."):
            return quote(value, safe="")
        # "." and ".." survive percent-encoding and are dot segments: the URL would name another resource.
        self.fail(name, f"must be a non-empty id other than '.' or '..', got {value!r}")
        return ""

    def text(self, name: str, value: object, *, min_length: int = 0, max_length: int | None = None) -> str:
        if not isinstance(value, str):
            self.fail(name, f"must be a str, got {type(value).__name__}")
            return ""
        if len(value) < min_length:
            self.fail(name, "must not be empty" if min_length == 1 else f"must be at least {min_length} characters")
        elif max_length is not None and len(value) > max_length:
            self.fail(name, f"must be at most {max_length} characters, got {len(value)}")
        return value

    def choice(self, name: str, value: object, allowed: tuple[str, ...]) -> str:
        if isinstance(value, str) and value in allowed:
            return value
        self.fail(name, f"must be one of {', '.join(map(repr, allowed))}; got {value!r}")
        return ""

    def links(self, value: object) -> list[dict[str, str]]:
        if isinstance(value, str | bytes) or not isinstance(value, Iterable):
            self.fail("links", f"must be a sequence of ContextLink, got {type(value).__name__}")
            return []
        out = []
        for index, link in enumerate(value):
            if not isinstance(link, ContextLink):
                self.fail(f"links[{index}]", f"must be a ContextLink, got {type(link).__name__}")
                continue
            item = {
                "url": self.text(f"links[{index}].url", link.url),
                "faq": self.text(f"links[{index}].faq", link.faq),
            }
            if link.id is not None:
                item["id"] = self.uuid(f"links[{index}].id", link.id)
            out.append(item)
        return out


def _path(template: str, **ids: str) -> str:
    return template.format(**ids)


def _by_id_call(
    operation: Operation[_T],
    name: str,
    value: object,
    *,
    as_uuid: bool = False,
    timeout: TimeoutTypes | NotGiven,
    max_retries: int | NotGiven,
) -> Call[_T]:
    """A call whose one argument is the id in its path: checked (as a UUID where the spec says uuid), then placed."""
    checks = _Checks()
    checked = checks.uuid(name, value) if as_uuid else checks.id(name, value)
    checks.done()
    return Call(operation, path=_path(operation.path, **{name: checked}), timeout=timeout, max_retries=max_retries)


def _listing(
    operation: Operation[Any],
    key: Callable[[Any], str],
    *,
    paged: bool,
    params: Mapping[str, str | int] | None,
    timeout: TimeoutTypes | NotGiven,
    max_retries: int | NotGiven,
) -> Listing[Any]:
    def page_call(page: int) -> Call[Chunk[Any]]:
        query = {**(params or {}), "page": page, "page_size": LIST_PAGE_SIZE} if paged else params
        return Call(operation, params=query, timeout=timeout, max_retries=max_retries)

    return Listing(page_call, key, LIST_PAGE_SIZE if paged else None)


def _by_id(item: Any) -> str:
    return str(item.id)


# -- avatars ----------------------------------------------------------------------------------------------------


def list_avatars(
    *, timeout: TimeoutTypes | NotGiven = NOT_GIVEN, max_retries: int | NotGiven = NOT_GIVEN
) -> Listing[Avatar]:
    """Your own (custom) avatars, page after page, each page fetched only when reached."""
    return _listing(AVATARS_LIST, _by_id, paged=True, params=None, timeout=timeout, max_retries=max_retries)


def list_public_avatars(
    *, timeout: TimeoutTypes | NotGiven = NOT_GIVEN, max_retries: int | NotGiven = NOT_GIVEN
) -> Listing[Avatar]:
    """The public (stock) avatars, page after page (unauthenticated upstream; the key is sent anyway)."""
    return _listing(AVATARS_LIST_PUBLIC, _by_id, paged=True, params=None, timeout=timeout, max_retries=max_retries)


def get_avatar(
    avatar_id: Id, *, timeout: TimeoutTypes | NotGiven = NOT_GIVEN, max_retries: int | NotGiven = NOT_GIVEN
) -> Call[Avatar]:
    """One avatar, custom or public."""
    return _by_id_call(AVATARS_GET, "avatar_id", avatar_id, timeout=timeout, max_retries=max_retries)


def update_avatar(
    avatar_id: Id,
    *,
    name: str | None = None,
    default_voice_id: str | None = None,
    timeout: TimeoutTypes | NotGiven = NOT_GIVEN,
    max_retries: int | NotGiven = NOT_GIVEN,
) -> Call[Avatar]:
    """Rename an avatar or change its default voice (only what is given changes); the avatar as updated."""
    checks = _Checks()
    avatar = checks.id("avatar_id", avatar_id)
    body: dict[str, Any] = {}
    if name is not None:
        body["name"] = checks.text("name", name)
    if default_voice_id is not None:
        body["default_voice_id"] = checks.text("default_voice_id", default_voice_id, min_length=1)
    checks.done()
    path = _path(AVATARS_UPDATE.path, avatar_id=avatar)
    return Call(AVATARS_UPDATE, path=path, body=body, timeout=timeout, max_retries=max_retries)


def delete_avatar(
    avatar_id: Id, *, timeout: TimeoutTypes | NotGiven = NOT_GIVEN, max_retries: int | NotGiven = NOT_GIVEN
) -> Call[None]:
    """Delete an avatar: a soft delete upstream; its running sessions end with `AVATAR_DELETED`."""
    return _by_id_call(AVATARS_DELETE, "avatar_id", avatar_id, timeout=timeout, max_retries=max_retries)


# -- voices -----------------------------------------------------------------------------------------------------


def list_voices(
    *,
    voice_type: VoiceListType = "public",
    timeout: TimeoutTypes | NotGiven = NOT_GIVEN,
    max_retries: int | NotGiven = NOT_GIVEN,
) -> Listing[Voice]:
    """Voices, page after page: the public ones, or with `voice_type="private"` the ones you imported."""
    checks = _Checks()
    kind = checks.choice("voice_type", voice_type, _VOICE_LIST_TYPES)
    checks.done()
    params = {"voice_type": kind}
    return _listing(VOICES_LIST, _by_id, paged=True, params=params, timeout=timeout, max_retries=max_retries)


def get_voice(
    voice_id: Id, *, timeout: TimeoutTypes | NotGiven = NOT_GIVEN, max_retries: int | NotGiven = NOT_GIVEN
) -> Call[Voice]:
    """One voice."""
    return _by_id_call(VOICES_GET, "voice_id", voice_id, timeout=timeout, max_retries=max_retries)


def update_voice(
    voice_id: Id,
    *,
    name: str,
    timeout: TimeoutTypes | NotGiven = NOT_GIVEN,
    max_retries: int | NotGiven = NOT_GIVEN,
) -> Call[Voice]:
    """Rename a voice (1 to 64 characters); the voice as updated."""
    checks = _Checks()
    voice = checks.id("voice_id", voice_id)
    body = {"name": checks.text("name", name, min_length=1, max_length=_MAX_VOICE_NAME)}
    checks.done()
    path = _path(VOICES_UPDATE.path, voice_id=voice)
    return Call(VOICES_UPDATE, path=path, body=body, timeout=timeout, max_retries=max_retries)


def delete_voice(
    voice_id: Id, *, timeout: TimeoutTypes | NotGiven = NOT_GIVEN, max_retries: int | NotGiven = NOT_GIVEN
) -> Call[None]:
    """Delete a voice."""
    return _by_id_call(VOICES_DELETE, "voice_id", voice_id, timeout=timeout, max_retries=max_retries)


def preview_voice(
    voice_id: Id, *, timeout: TimeoutTypes | NotGiven = NOT_GIVEN, max_retries: int | NotGiven = NOT_GIVEN
) -> Call[bytes]:
    """A sample of the voice: the decoded audio (its format is not documented; MP3 as far as seen)."""
    return _by_id_call(VOICES_PREVIEW, "voice_id", voice_id, timeout=timeout, max_retries=max_retries)


def bind_third_party_voice(
    *,
    provider_voice_id: str,
    secret_id: str,
    name: str | None = None,
    timeout: TimeoutTypes | NotGiven = NOT_GIVEN,
    max_retries: int | NotGiven = NOT_GIVEN,
) -> Call[str]:
    """Bind a provider's voice (ElevenLabs, Cartesia) through a stored secret; the new LiveAvatar voice id.

    Not idempotent upstream: the same bind sent twice makes two voices (and
    the provider's voice id is not checked), so store the id this returns,
    and this call is never retried once it may have reached the server. An
    unknown `secret_id` is a `BadRequestError` ("Secret with id '…' not
    found in your space").
    """
    checks = _Checks()
    body = {
        "provider_voice_id": checks.text("provider_voice_id", provider_voice_id, min_length=1),
        "secret_id": checks.text("secret_id", secret_id, min_length=1),
    }
    if name is not None:
        body["name"] = checks.text("name", name)
    checks.done()
    return Call(VOICES_BIND, body=body, timeout=timeout, max_retries=max_retries)


# -- contexts ---------------------------------------------------------------------------------------------------


def list_contexts(
    *, timeout: TimeoutTypes | NotGiven = NOT_GIVEN, max_retries: int | NotGiven = NOT_GIVEN
) -> Listing[ContextSummary]:
    """Your contexts as summaries (the API lists no prompt: `get` one for it), page after page."""
    return _listing(CONTEXTS_LIST, _by_id, paged=True, params=None, timeout=timeout, max_retries=max_retries)


def get_context(
    context_id: Id, *, timeout: TimeoutTypes | NotGiven = NOT_GIVEN, max_retries: int | NotGiven = NOT_GIVEN
) -> Call[Context]:
    """One context, in full."""
    return _by_id_call(CONTEXTS_GET, "context_id", context_id, as_uuid=True, timeout=timeout, max_retries=max_retries)


def create_context(
    *,
    name: str,
    prompt: str,
    opening_text: str,
    links: Iterable[ContextLink] = (),
    timeout: TimeoutTypes | NotGiven = NOT_GIVEN,
    max_retries: int | NotGiven = NOT_GIVEN,
) -> Call[Context]:
    """Create a context; `${name}` placeholders in `prompt` and `opening_text` become its required dynamic variables.

    `opening_text` is spoken verbatim at the start (it may be empty). Each
    call makes a new context: delete the ones you make per session.
    """
    checks = _Checks()
    body: dict[str, Any] = {
        "name": checks.text("name", name),
        "prompt": checks.text("prompt", prompt),
        "opening_text": checks.text("opening_text", opening_text),
    }
    found = checks.links(links)
    if found:
        body["links"] = found
    checks.done()
    return Call(CONTEXTS_CREATE, body=body, timeout=timeout, max_retries=max_retries)


def update_context(
    context_id: Id,
    *,
    name: str | None = None,
    prompt: str | None = None,
    opening_text: str | None = None,
    links: Iterable[ContextLink] | None = None,
    timeout: TimeoutTypes | NotGiven = NOT_GIVEN,
    max_retries: int | NotGiven = NOT_GIVEN,
) -> Procedure[Context]:
    """Change a context; what is not given stays as it is. The context as updated.

    The API's update requires all three texts: given fewer, this reads the
    context first and sends the others (and its links, unless `links` is
    given) unchanged. That read-then-write is not atomic: a change made by
    someone else in between is overwritten.
    """
    checks = _Checks()
    context = checks.uuid("context_id", context_id)
    given: dict[str, Any] = {}
    for field, value in (("name", name), ("prompt", prompt), ("opening_text", opening_text)):
        if value is not None:
            given[field] = checks.text(field, value)
    if links is not None:
        given["links"] = checks.links(links)
    checks.done()
    path = _path(CONTEXTS_UPDATE.path, context_id=context)

    def steps() -> Procedure[Context]:
        body = dict(given)
        if not {"name", "prompt", "opening_text"} <= body.keys():
            current: Context = yield Call(
                CONTEXTS_GET,
                path=_path(CONTEXTS_GET.path, context_id=context),
                timeout=timeout,
                max_retries=max_retries,
            )
            body.setdefault("name", current.name or "")
            body.setdefault("prompt", current.prompt or "")
            body.setdefault("opening_text", current.opening_text or "")
            if "links" not in body and current.links:
                body["links"] = [
                    {"url": link.url, "faq": link.faq, **({"id": link.id} if link.id else {})} for link in current.links
                ]
        updated: Context = yield Call(CONTEXTS_UPDATE, path=path, body=body, timeout=timeout, max_retries=max_retries)
        return updated

    return steps()


def delete_context(
    context_id: Id, *, timeout: TimeoutTypes | NotGiven = NOT_GIVEN, max_retries: int | NotGiven = NOT_GIVEN
) -> Call[None]:
    """Delete a context."""
    return _by_id_call(
        CONTEXTS_DELETE, "context_id", context_id, as_uuid=True, timeout=timeout, max_retries=max_retries
    )


# -- memories ---------------------------------------------------------------------------------------------------


def list_memories(
    *, timeout: TimeoutTypes | NotGiven = NOT_GIVEN, max_retries: int | NotGiven = NOT_GIVEN
) -> Listing[MemoryInfo]:
    """Your memories (FULL mode), each with a preview of its content, page after page."""
    return _listing(MEMORIES_LIST, _by_id, paged=True, params=None, timeout=timeout, max_retries=max_retries)


def get_memory(
    memory_id: str, *, timeout: TimeoutTypes | NotGiven = NOT_GIVEN, max_retries: int | NotGiven = NOT_GIVEN
) -> Call[MemoryInfo]:
    """One memory, with its session episodes."""
    return _by_id_call(MEMORIES_GET, "memory_id", memory_id, timeout=timeout, max_retries=max_retries)


def create_memory(
    *, session_id: Id, timeout: TimeoutTypes | NotGiven = NOT_GIVEN, max_retries: int | NotGiven = NOT_GIVEN
) -> Call[MemoryInfo]:
    """Build a memory from a FULL session that has ended (an empty or silent session is refused)."""
    checks = _Checks()
    body = {"memory_type": "session", "session_id": checks.uuid("session_id", session_id)}
    checks.done()
    return Call(MEMORIES_CREATE, body=body, timeout=timeout, max_retries=max_retries)


def delete_memory(
    memory_id: str, *, timeout: TimeoutTypes | NotGiven = NOT_GIVEN, max_retries: int | NotGiven = NOT_GIVEN
) -> Call[None]:
    """Delete a memory (the API answers 204)."""
    return _by_id_call(MEMORIES_DELETE, "memory_id", memory_id, timeout=timeout, max_retries=max_retries)


# -- secrets ----------------------------------------------------------------------------------------------------


def list_secrets(
    *, timeout: TimeoutTypes | NotGiven = NOT_GIVEN, max_retries: int | NotGiven = NOT_GIVEN
) -> Listing[SecretInfo]:
    """Your secrets' metadata, newest first (never a value: the API returns none)."""
    return _listing(SECRETS_LIST, _by_id, paged=False, params=None, timeout=timeout, max_retries=max_retries)


def create_secret(
    *,
    name: str,
    value: str,
    type: SecretType | str,
    timeout: TimeoutTypes | NotGiven = NOT_GIVEN,
    max_retries: int | NotGiven = NOT_GIVEN,
) -> Call[SecretInfo]:
    """Store a third-party key, encrypted upstream; its id and name (the value is never returned).

    `type` is one of `SecretType` (`OPENAI_API_KEY` serves any
    OpenAI-compatible custom LLM; the guides' `LLM_API_KEY` is refused), or
    any other text, which is sent as given. `value` is held like the API
    key: never in a repr, an error, a log line or a captured frame local.
    """
    given: object = value  # checked as what it may be at run time, not as typed
    held = Secret.text(given) if isinstance(given, str) and given else None
    del value, given
    checks = _Checks()
    if held is None:
        checks.fail("value", "must be a non-empty str")
    body = {
        "secret_name": checks.text("name", name, min_length=1, max_length=_MAX_NAME),
        "secret_value": held,
        "secret_type": checks.text("type", type, min_length=1),
    }
    checks.done()
    return Call(SECRETS_CREATE, body=body, timeout=timeout, max_retries=max_retries)


def delete_secret(
    secret_id: str, *, timeout: TimeoutTypes | NotGiven = NOT_GIVEN, max_retries: int | NotGiven = NOT_GIVEN
) -> Call[None]:
    """Delete a secret for good; what uses it (LLM configurations, bound voices) is not checked or updated."""
    return _by_id_call(SECRETS_DELETE, "secret_id", secret_id, timeout=timeout, max_retries=max_retries)


# -- LLM configurations, models, languages ----------------------------------------------------------------------


def list_llm_configurations(
    *, timeout: TimeoutTypes | NotGiven = NOT_GIVEN, max_retries: int | NotGiven = NOT_GIVEN
) -> Listing[LLMConfiguration]:
    """Your custom-LLM configurations, newest first; the list omits `base_url` and the timestamps."""
    return _listing(LLM_LIST, _by_id, paged=False, params=None, timeout=timeout, max_retries=max_retries)


def get_llm_configuration(
    config_id: str, *, timeout: TimeoutTypes | NotGiven = NOT_GIVEN, max_retries: int | NotGiven = NOT_GIVEN
) -> Call[LLMConfiguration]:
    """One LLM configuration."""
    return _by_id_call(LLM_GET, "config_id", config_id, timeout=timeout, max_retries=max_retries)


def _llm_fields(
    checks: _Checks, body: dict[str, Any], fields: Iterable[tuple[str, object, int | None]]
) -> dict[str, Any]:
    for field, value, max_length in fields:
        if value is not None:
            body[field] = checks.text(field, value, min_length=1, max_length=max_length)
    return body


def create_llm_configuration(
    *,
    display_name: str,
    model_name: str,
    secret_id: str,
    base_url: str | None = None,
    timeout: TimeoutTypes | NotGiven = NOT_GIVEN,
    max_retries: int | NotGiven = NOT_GIVEN,
) -> Call[LLMConfiguration]:
    """Register an OpenAI-compatible endpoint for FULL sessions; pass its id as a token's `llm_configuration_id`.

    `secret_id` names the secret (type `OPENAI_API_KEY`) LiveAvatar sends as
    `Authorization: Bearer`. `base_url` is the API's base, without
    `/chat/completions` (LiveAvatar appends it); OpenAI's when left out.
    """
    checks = _Checks()
    body: dict[str, Any] = {
        "display_name": checks.text("display_name", display_name, min_length=1, max_length=_MAX_NAME),
        "model_name": checks.text("model_name", model_name, min_length=1, max_length=_MAX_NAME),
        "secret_id": checks.text("secret_id", secret_id, min_length=1, max_length=_MAX_SECRET_ID),
    }
    if base_url is not None:
        body["base_url"] = checks.text("base_url", base_url)
    checks.done()
    return Call(LLM_CREATE, body=body, timeout=timeout, max_retries=max_retries)


def update_llm_configuration(
    config_id: str,
    *,
    display_name: str | None = None,
    model_name: str | None = None,
    secret_id: str | None = None,
    base_url: str | None = None,
    timeout: TimeoutTypes | NotGiven = NOT_GIVEN,
    max_retries: int | NotGiven = NOT_GIVEN,
) -> Call[LLMConfiguration]:
    """Change only the fields given (the API's update is partial); the configuration as updated."""
    checks = _Checks()
    config = checks.id("config_id", config_id)
    body = _llm_fields(
        checks,
        {},
        (
            ("display_name", display_name, _MAX_NAME),
            ("model_name", model_name, _MAX_NAME),
            ("secret_id", secret_id, _MAX_SECRET_ID),
            ("base_url", base_url, None),
        ),
    )
    checks.done()
    path = _path(LLM_UPDATE.path, config_id=config)
    return Call(LLM_UPDATE, path=path, body=body, timeout=timeout, max_retries=max_retries)


def delete_llm_configuration(
    config_id: str, *, timeout: TimeoutTypes | NotGiven = NOT_GIVEN, max_retries: int | NotGiven = NOT_GIVEN
) -> Call[None]:
    """Delete an LLM configuration for good."""
    return _by_id_call(LLM_DELETE, "config_id", config_id, timeout=timeout, max_retries=max_retries)


def list_llm_models(
    *, timeout: TimeoutTypes | NotGiven = NOT_GIVEN, max_retries: int | NotGiven = NOT_GIVEN
) -> Listing[LLMModel]:
    """The managed models a session's `llm_settings` may name, one item per provider and model."""
    return _listing(
        LLM_MODELS_LIST,
        lambda item: f"{item.provider}/{item.model}",
        paged=False,
        params=None,
        timeout=timeout,
        max_retries=max_retries,
    )


def list_languages(
    *, timeout: TimeoutTypes | NotGiven = NOT_GIVEN, max_retries: int | NotGiven = NOT_GIVEN
) -> Listing[Language]:
    """The supported languages."""
    return _listing(
        LANGUAGES_LIST, lambda item: item.code, paged=False, params=None, timeout=timeout, max_retries=max_retries
    )


# -- embeds and voice agents ------------------------------------------------------------------------------------


def create_embed(
    *,
    avatar_id: Id,
    context_id: Id | None = None,
    voice_agent_id: str | None = None,
    voice_id: Id | None = None,
    type: EmbedType | None = None,
    max_session_duration: int | None = None,
    default_language: str | None = None,
    sandbox: bool | None = None,
    orientation: EmbedOrientation | None = None,
    timeout: TimeoutTypes | NotGiven = NOT_GIVEN,
    max_retries: int | NotGiven = NOT_GIVEN,
) -> Call[Embed]:
    """Create an embeddable avatar page: give `voice_agent_id`, or `context_id` with an optional `voice_id`.

    `voice_agent_id` excludes `context_id` and `voice_id`. Each call makes a
    new embed: keep its `url` rather than creating one per page view.
    Sandbox embeds use their own avatar, `EMBED_SANDBOX_AVATAR_ID`.
    """
    checks = _Checks()
    body: dict[str, Any] = {"avatar_id": checks.uuid("avatar_id", avatar_id)}
    if voice_agent_id is not None:
        body["voice_agent_id"] = checks.text("voice_agent_id", voice_agent_id, min_length=1)
        for name, value in (("context_id", context_id), ("voice_id", voice_id)):
            if value is not None:
                checks.fail(name, "must not be given with voice_agent_id: the agent brings its own")
    elif context_id is None:
        checks.fail("context_id", "give context_id (with an optional voice_id) or voice_agent_id")
    else:
        body["context_id"] = checks.uuid("context_id", context_id)
        if voice_id is not None:
            body["voice_id"] = checks.uuid("voice_id", voice_id)
    if type is not None:
        body["type"] = checks.choice("type", type, _EMBED_TYPES)
    if max_session_duration is not None:
        given: object = max_session_duration
        if isinstance(given, int) and not isinstance(given, bool) and given > 0:
            body["max_session_duration"] = given
        else:
            checks.fail("max_session_duration", f"must be an int of seconds above 0, got {given!r}")
    if default_language is not None:
        body["default_language"] = checks.text("default_language", default_language, max_length=_MAX_LANGUAGE)
    flag: object = sandbox
    if flag is not None:
        if isinstance(flag, bool):
            body["is_sandbox"] = flag
        else:
            checks.fail("sandbox", f"must be a bool, got {flag.__class__.__name__}")
    if orientation is not None:
        body["orientation"] = checks.choice("orientation", orientation, _ORIENTATIONS)
    checks.done()
    return Call(EMBEDS_CREATE, body=body, timeout=timeout, max_retries=max_retries)


def list_voice_agents(
    *, timeout: TimeoutTypes | NotGiven = NOT_GIVEN, max_retries: int | NotGiven = NOT_GIVEN
) -> Listing[VoiceAgentInfo]:
    """Your voice agents (built in the dashboard); the list omits `agent_configuration`."""
    return _listing(VOICE_AGENTS_LIST, _by_id, paged=False, params=None, timeout=timeout, max_retries=max_retries)


def get_voice_agent(
    agent_id: str, *, timeout: TimeoutTypes | NotGiven = NOT_GIVEN, max_retries: int | NotGiven = NOT_GIVEN
) -> Call[VoiceAgentInfo]:
    """One voice agent, with its `agent_configuration`."""
    return _by_id_call(VOICE_AGENTS_GET, "agent_id", agent_id, timeout=timeout, max_retries=max_retries)


def delete_voice_agent(
    agent_id: str, *, timeout: TimeoutTypes | NotGiven = NOT_GIVEN, max_retries: int | NotGiven = NOT_GIVEN
) -> Call[None]:
    """Delete a voice agent; `ConflictError` (409) while an embed uses it, its `embed_ids` naming them."""
    return _by_id_call(VOICE_AGENTS_DELETE, "agent_id", agent_id, timeout=timeout, max_retries=max_retries)
