"""The account API's `client.avatars`, `voices`, … `voice_agents`, for both clients, defined once.

`client.avatars`, `voices`, `contexts`, `memories`, `secrets`,
`llm_configurations`, `llm_models`, `languages`, `embeds` and
`voice_agents` come from the one definition of each operation.
Methods are made by the makers of `liveavatar._methods` from the builders
of `liveavatar._account_operations`; `list()` by its two thin drivers of
`liveavatar._listing.ListingState`, which decides every page and when the
listing ends, as for `sessions.list()`. Sync `list()` returns an iterator,
async `list()` an async iterator; each page is fetched only when reached.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from . import _account_operations as ops
from ._methods import async_call, async_list, async_procedure, sync_call, sync_list, sync_procedure

if TYPE_CHECKING:
    from ._client import AsyncLiveAvatar, LiveAvatar

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


class _Resource:
    def __init__(self, client: LiveAvatar) -> None:
        self._client = client


class _AsyncResource:
    def __init__(self, client: AsyncLiveAvatar) -> None:
        self._client = client


class Avatars(_Resource):
    """`client.avatars`: your custom avatars and the public ones (the API cannot create avatars)."""

    list = sync_list(ops.list_avatars)
    list_public = sync_list(ops.list_public_avatars)
    get = sync_call(ops.get_avatar)
    update = sync_call(ops.update_avatar)
    delete = sync_call(ops.delete_avatar)


class AsyncAvatars(_AsyncResource):
    """`client.avatars` of `AsyncLiveAvatar` (`list` with `async for`)."""

    list = async_list(ops.list_avatars)
    list_public = async_list(ops.list_public_avatars)
    get = async_call(ops.get_avatar)
    update = async_call(ops.update_avatar)
    delete = async_call(ops.delete_avatar)


class Voices(_Resource):
    """`client.voices`: public and imported voices, samples, and third-party binds."""

    list = sync_list(ops.list_voices)
    get = sync_call(ops.get_voice)
    update = sync_call(ops.update_voice)
    delete = sync_call(ops.delete_voice)
    preview = sync_call(ops.preview_voice)
    bind_third_party = sync_call(ops.bind_third_party_voice)


class AsyncVoices(_AsyncResource):
    """`client.voices` of `AsyncLiveAvatar`."""

    list = async_list(ops.list_voices)
    get = async_call(ops.get_voice)
    update = async_call(ops.update_voice)
    delete = async_call(ops.delete_voice)
    preview = async_call(ops.preview_voice)
    bind_third_party = async_call(ops.bind_third_party_voice)


class Contexts(_Resource):
    """`client.contexts`: the prompt and opening text of FULL sessions."""

    list = sync_list(ops.list_contexts)
    get = sync_call(ops.get_context)
    create = sync_call(ops.create_context)
    update = sync_procedure(ops.update_context)
    delete = sync_call(ops.delete_context)


class AsyncContexts(_AsyncResource):
    """`client.contexts` of `AsyncLiveAvatar`."""

    list = async_list(ops.list_contexts)
    get = async_call(ops.get_context)
    create = async_call(ops.create_context)
    update = async_procedure(ops.update_context)
    delete = async_call(ops.delete_context)


class Memories(_Resource):
    """`client.memories`: memories built from ended FULL sessions."""

    list = sync_list(ops.list_memories)
    get = sync_call(ops.get_memory)
    create = sync_call(ops.create_memory)
    delete = sync_call(ops.delete_memory)


class AsyncMemories(_AsyncResource):
    """`client.memories` of `AsyncLiveAvatar`."""

    list = async_list(ops.list_memories)
    get = async_call(ops.get_memory)
    create = async_call(ops.create_memory)
    delete = async_call(ops.delete_memory)


class Secrets(_Resource):
    """`client.secrets`: third-party keys, stored encrypted; values are never read back."""

    list = sync_list(ops.list_secrets)
    create = sync_call(ops.create_secret)
    delete = sync_call(ops.delete_secret)


class AsyncSecrets(_AsyncResource):
    """`client.secrets` of `AsyncLiveAvatar`."""

    list = async_list(ops.list_secrets)
    create = async_call(ops.create_secret)
    delete = async_call(ops.delete_secret)


class LLMConfigurations(_Resource):
    """`client.llm_configurations`: custom OpenAI-compatible LLM endpoints for FULL sessions."""

    list = sync_list(ops.list_llm_configurations)
    get = sync_call(ops.get_llm_configuration)
    create = sync_call(ops.create_llm_configuration)
    update = sync_call(ops.update_llm_configuration)
    delete = sync_call(ops.delete_llm_configuration)


class AsyncLLMConfigurations(_AsyncResource):
    """`client.llm_configurations` of `AsyncLiveAvatar`."""

    list = async_list(ops.list_llm_configurations)
    get = async_call(ops.get_llm_configuration)
    create = async_call(ops.create_llm_configuration)
    update = async_call(ops.update_llm_configuration)
    delete = async_call(ops.delete_llm_configuration)


class LLMModels(_Resource):
    """`client.llm_models`: the managed LLM catalog."""

    list = sync_list(ops.list_llm_models)


class AsyncLLMModels(_AsyncResource):
    """`client.llm_models` of `AsyncLiveAvatar`."""

    list = async_list(ops.list_llm_models)


class Languages(_Resource):
    """`client.languages`: the supported languages."""

    list = sync_list(ops.list_languages)


class AsyncLanguages(_AsyncResource):
    """`client.languages` of `AsyncLiveAvatar`."""

    list = async_list(ops.list_languages)


class Embeds(_Resource):
    """`client.embeds`: embeddable avatar pages."""

    create = sync_call(ops.create_embed)


class AsyncEmbeds(_AsyncResource):
    """`client.embeds` of `AsyncLiveAvatar`."""

    create = async_call(ops.create_embed)


class VoiceAgents(_Resource):
    """`client.voice_agents`: voice agents built in the dashboard."""

    list = sync_list(ops.list_voice_agents)
    get = sync_call(ops.get_voice_agent)
    delete = sync_call(ops.delete_voice_agent)


class AsyncVoiceAgents(_AsyncResource):
    """`client.voice_agents` of `AsyncLiveAvatar`."""

    list = async_list(ops.list_voice_agents)
    get = async_call(ops.get_voice_agent)
    delete = async_call(ops.delete_voice_agent)
