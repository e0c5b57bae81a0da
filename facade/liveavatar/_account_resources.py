"""The account API's `client.avatars`, `voices`, … `voice_agents`, for both clients, defined once.

`client.avatars`, `voices`, `contexts`, `memories`, `secrets`,
`llm_configurations`, `llm_models`, `languages`, `embeds` and
`voice_agents` come from the one definition of each operation.
Methods are made by the wrappers of `liveavatar._resources` from the
builders of `liveavatar._account_operations`; `list()` is made here by two
thin drivers of `liveavatar._listing.ListingState`, which decides every
page and when the listing ends. Sync `list()` returns an iterator, async
`list()` an async iterator; each page is fetched only when reached.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable, Iterator
from typing import TYPE_CHECKING, Any, Concatenate, ParamSpec, TypeVar

from . import _account_operations as ops
from ._listing import Listing, ListingState
from ._resources import _async, _async_procedure, _present, _sync, _sync_procedure

if TYPE_CHECKING:
    from ._client import AsyncLiveAvatar, LiveAvatar
    from ._listing import Chunk
    from ._operations import Call

__all__ = [
    "AsyncAvatars",
    "AsyncContexts",
    "AsyncEmbeds",
    "AsyncLLMConfigurations",
    "AsyncLLMModels",
    "AsyncLanguages",
    "AsyncMemories",
    "AsyncSecrets",
    "AsyncVoiceAgents",
    "AsyncVoices",
    "Avatars",
    "Contexts",
    "Embeds",
    "LLMConfigurations",
    "LLMModels",
    "Languages",
    "Memories",
    "Secrets",
    "VoiceAgents",
    "Voices",
]

_P = ParamSpec("_P")
_T = TypeVar("_T")


def _item_type(returned: object) -> object:
    """`Listing[T]` → `T`."""
    return getattr(returned, "__args__", (object,))[0]


def _sync_list(build: Callable[_P, Listing[_T]]) -> Callable[Concatenate[Any, _P], Iterator[_T]]:
    def method(self: Any, /, *args: _P.args, **kwargs: _P.kwargs) -> Iterator[_T]:
        # Built now, so bad arguments raise at the call, not at the first `next`.
        state = ListingState(build(*args, **kwargs))
        send = self._client._send

        def items() -> Iterator[_T]:
            call: Call[Chunk[_T]] | None = state.first()
            while call is not None:
                fresh, call = state.advance(send(call))
                yield from fresh

        return items()

    _present(method, build, lambda returned: Iterator[_item_type(returned)])  # type: ignore[misc]
    method.__name__ = method.__qualname__ = "list"
    return method


def _async_list(build: Callable[_P, Listing[_T]]) -> Callable[Concatenate[Any, _P], AsyncIterator[_T]]:
    def method(self: Any, /, *args: _P.args, **kwargs: _P.kwargs) -> AsyncIterator[_T]:
        state = ListingState(build(*args, **kwargs))
        send = self._client._send

        async def items() -> AsyncIterator[_T]:
            call: Call[Chunk[_T]] | None = state.first()
            while call is not None:
                fresh, call = state.advance(await send(call))
                for item in fresh:
                    yield item

        return items()

    _present(method, build, lambda returned: AsyncIterator[_item_type(returned)])  # type: ignore[misc]
    method.__name__ = method.__qualname__ = "list"
    return method


class _Resource:
    def __init__(self, client: LiveAvatar) -> None:
        self._client = client


class _AsyncResource:
    def __init__(self, client: AsyncLiveAvatar) -> None:
        self._client = client


class Avatars(_Resource):
    """`client.avatars`: your custom avatars and the public ones (the API cannot create avatars)."""

    list = _sync_list(ops.list_avatars)
    list_public = _sync_list(ops.list_public_avatars)
    get = _sync(ops.get_avatar)
    update = _sync(ops.update_avatar)
    delete = _sync(ops.delete_avatar)


class AsyncAvatars(_AsyncResource):
    """`client.avatars` of `AsyncLiveAvatar` (`list` with `async for`)."""

    list = _async_list(ops.list_avatars)
    list_public = _async_list(ops.list_public_avatars)
    get = _async(ops.get_avatar)
    update = _async(ops.update_avatar)
    delete = _async(ops.delete_avatar)


class Voices(_Resource):
    """`client.voices`: public and imported voices, samples, and third-party binds."""

    list = _sync_list(ops.list_voices)
    get = _sync(ops.get_voice)
    update = _sync(ops.update_voice)
    delete = _sync(ops.delete_voice)
    preview = _sync(ops.preview_voice)
    bind_third_party = _sync(ops.bind_third_party_voice)


class AsyncVoices(_AsyncResource):
    """`client.voices` of `AsyncLiveAvatar`."""

    list = _async_list(ops.list_voices)
    get = _async(ops.get_voice)
    update = _async(ops.update_voice)
    delete = _async(ops.delete_voice)
    preview = _async(ops.preview_voice)
    bind_third_party = _async(ops.bind_third_party_voice)


class Contexts(_Resource):
    """`client.contexts`: the prompt and opening text of FULL sessions."""

    list = _sync_list(ops.list_contexts)
    get = _sync(ops.get_context)
    create = _sync(ops.create_context)
    update = _sync_procedure(ops.update_context)
    delete = _sync(ops.delete_context)


class AsyncContexts(_AsyncResource):
    """`client.contexts` of `AsyncLiveAvatar`."""

    list = _async_list(ops.list_contexts)
    get = _async(ops.get_context)
    create = _async(ops.create_context)
    update = _async_procedure(ops.update_context)
    delete = _async(ops.delete_context)


class Memories(_Resource):
    """`client.memories`: memories built from ended FULL sessions."""

    list = _sync_list(ops.list_memories)
    get = _sync(ops.get_memory)
    create = _sync(ops.create_memory)
    delete = _sync(ops.delete_memory)


class AsyncMemories(_AsyncResource):
    """`client.memories` of `AsyncLiveAvatar`."""

    list = _async_list(ops.list_memories)
    get = _async(ops.get_memory)
    create = _async(ops.create_memory)
    delete = _async(ops.delete_memory)


class Secrets(_Resource):
    """`client.secrets`: third-party keys, stored encrypted; values are never read back."""

    list = _sync_list(ops.list_secrets)
    create = _sync(ops.create_secret)
    delete = _sync(ops.delete_secret)


class AsyncSecrets(_AsyncResource):
    """`client.secrets` of `AsyncLiveAvatar`."""

    list = _async_list(ops.list_secrets)
    create = _async(ops.create_secret)
    delete = _async(ops.delete_secret)


class LLMConfigurations(_Resource):
    """`client.llm_configurations`: custom OpenAI-compatible LLM endpoints for FULL sessions."""

    list = _sync_list(ops.list_llm_configurations)
    get = _sync(ops.get_llm_configuration)
    create = _sync(ops.create_llm_configuration)
    update = _sync(ops.update_llm_configuration)
    delete = _sync(ops.delete_llm_configuration)


class AsyncLLMConfigurations(_AsyncResource):
    """`client.llm_configurations` of `AsyncLiveAvatar`."""

    list = _async_list(ops.list_llm_configurations)
    get = _async(ops.get_llm_configuration)
    create = _async(ops.create_llm_configuration)
    update = _async(ops.update_llm_configuration)
    delete = _async(ops.delete_llm_configuration)


class LLMModels(_Resource):
    """`client.llm_models`: the managed LLM catalog."""

    list = _sync_list(ops.list_llm_models)


class AsyncLLMModels(_AsyncResource):
    """`client.llm_models` of `AsyncLiveAvatar`."""

    list = _async_list(ops.list_llm_models)


class Languages(_Resource):
    """`client.languages`: the supported languages."""

    list = _sync_list(ops.list_languages)


class AsyncLanguages(_AsyncResource):
    """`client.languages` of `AsyncLiveAvatar`."""

    list = _async_list(ops.list_languages)


class Embeds(_Resource):
    """`client.embeds`: embeddable avatar pages."""

    create = _sync(ops.create_embed)


class AsyncEmbeds(_AsyncResource):
    """`client.embeds` of `AsyncLiveAvatar`."""

    create = _async(ops.create_embed)


class VoiceAgents(_Resource):
    """`client.voice_agents`: voice agents built in the dashboard."""

    list = _sync_list(ops.list_voice_agents)
    get = _sync(ops.get_voice_agent)
    delete = _sync(ops.delete_voice_agent)


class AsyncVoiceAgents(_AsyncResource):
    """`client.voice_agents` of `AsyncLiveAvatar`."""

    list = _async_list(ops.list_voice_agents)
    get = _async(ops.get_voice_agent)
    delete = _async(ops.delete_voice_agent)
