"""The account API over MockTransport: each operation's request and parsing, sync and async."""

from __future__ import annotations

import base64
import json
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import httpx
import pytest

import liveavatar
from liveavatar import (
    Avatar,
    BadRequestError,
    ConflictError,
    Context,
    ContextLink,
    ContextSummary,
    Embed,
    InvalidRequestError,
    Language,
    LLMConfiguration,
    LLMModel,
    MemoryInfo,
    SecretInfo,
    Voice,
    VoiceAgentInfo,
)
from tests.spec import account_samples as s
from tests.unit.support import API_KEY, ClientFactory, Recorder


def reply(body: Any, status: int = 200) -> httpx.Response:
    return httpx.Response(status, json=body)


@dataclass
class Case:
    """One call and what must go on the wire for it."""

    resource: str
    method: str
    kwargs: dict[str, Any]
    answer: httpx.Response
    verb: str
    path: str
    body: Any = None
    query: dict[str, str] = field(default_factory=dict)
    args: tuple[Any, ...] = ()


WHEN = datetime(2026, 5, 1, 12, 0, tzinfo=UTC)

CALLS = [
    Case("avatars", "get", {}, reply(s.live_envelope(s.AVATAR)), "GET", f"/v1/avatars/{s.AVATAR_ID}", args=(s.AVATAR_ID,)),
    Case(
        "avatars", "update", {"name": "W", "default_voice_id": s.VOICE_ID}, reply(s.live_envelope(s.AVATAR)), "PATCH",
        f"/v1/avatars/{s.AVATAR_ID}", {"name": "W", "default_voice_id": s.VOICE_ID}, args=(s.AVATAR_ID,),
    ),
    Case("avatars", "update", {}, reply(s.live_envelope(s.AVATAR)), "PATCH", f"/v1/avatars/{s.AVATAR_ID}", {}, args=(s.AVATAR_ID,)),
    Case("avatars", "delete", {}, reply(s.DELETED), "DELETE", f"/v1/avatars/{s.AVATAR_ID}", args=(s.AVATAR_ID,)),
    Case("voices", "get", {}, reply(s.live_envelope(s.VOICE)), "GET", f"/v1/voices/{s.VOICE_ID}", args=(s.VOICE_ID,)),
    Case("voices", "update", {"name": "Ava"}, reply(s.live_envelope(s.VOICE)), "PATCH", f"/v1/voices/{s.VOICE_ID}", {"name": "Ava"}, args=(s.VOICE_ID,)),
    Case("voices", "delete", {}, reply(s.DELETED), "DELETE", f"/v1/voices/{s.VOICE_ID}", args=(s.VOICE_ID,)),
    Case(
        "voices", "preview", {}, reply(s.live_envelope({"audio_base64": base64.b64encode(b"ID3audio").decode()})), "GET",
        f"/v1/voices/{s.VOICE_ID}/preview", args=(s.VOICE_ID,),
    ),
    Case(
        "voices", "bind_third_party", {"provider_voice_id": "pv-1", "secret_id": s.SECRET_ID},
        reply(s.live_envelope({"voice_id": s.VOICE_ID})), "POST", "/v1/voices/third_party",
        {"provider_voice_id": "pv-1", "secret_id": s.SECRET_ID},
    ),
    Case("contexts", "get", {}, reply(s.live_envelope(s.CONTEXT)), "GET", f"/v1/contexts/{s.CONTEXT_ID}", args=(s.CONTEXT_ID,)),
    Case(
        "contexts", "create", {"name": "Support", "prompt": "Help ${name}.", "opening_text": "",
                               "links": [ContextLink(url="https://x", faq="FAQ")]},
        reply(s.live_envelope(s.CONTEXT)), "POST", "/v1/contexts",
        {"name": "Support", "prompt": "Help ${name}.", "opening_text": "", "links": [{"url": "https://x", "faq": "FAQ"}]},
    ),
    Case(
        "contexts", "update", {"name": "N", "prompt": "P", "opening_text": "O"}, reply(s.live_envelope(s.CONTEXT)), "PATCH",
        f"/v1/contexts/{s.CONTEXT_ID}", {"name": "N", "prompt": "P", "opening_text": "O"}, args=(s.CONTEXT_ID,),
    ),
    Case("contexts", "delete", {}, reply(s.DELETED), "DELETE", f"/v1/contexts/{s.CONTEXT_ID}", args=(s.CONTEXT_ID,)),
    Case("memories", "get", {}, reply(s.live_envelope(s.MEMORY_DETAIL)), "GET", f"/v1/memory/{s.MEMORY_ID}", args=(s.MEMORY_ID,)),
    Case(
        "memories", "create", {"session_id": s.SESSION_ID}, reply(s.live_envelope(s.MEMORY)), "POST", "/v1/memory",
        {"memory_type": "session", "session_id": s.SESSION_ID},
    ),
    Case("memories", "delete", {}, httpx.Response(204), "DELETE", f"/v1/memory/{s.MEMORY_ID}", args=(s.MEMORY_ID,)),
    Case(
        "secrets", "create", {"name": "openai", "value": "sk-live-value-0123456789", "type": "CARTESIA_API_KEY"},
        reply(s.live_envelope({"id": s.SECRET_ID, "secret_name": "openai"})), "POST", "/v1/secrets",
        {"secret_name": "openai", "secret_value": "sk-live-value-0123456789", "secret_type": "CARTESIA_API_KEY"},
    ),
    Case("secrets", "delete", {}, reply(s.DELETED), "DELETE", f"/v1/secrets/{s.SECRET_ID}", args=(s.SECRET_ID,)),
    Case(
        "llm_configurations", "get", {}, reply(s.live_envelope(s.LLM_CONFIGURATION)), "GET",
        f"/v1/llm-configurations/{s.CONFIG_ID}", args=(s.CONFIG_ID,),
    ),
    Case(
        "llm_configurations", "create", {"display_name": "Ours", "model_name": "m-1", "secret_id": s.SECRET_ID,
                                         "base_url": "https://llm.example.com/v1"},
        reply(s.live_envelope(s.LLM_CONFIGURATION)), "POST", "/v1/llm-configurations",
        {"display_name": "Ours", "model_name": "m-1", "secret_id": s.SECRET_ID, "base_url": "https://llm.example.com/v1"},
    ),
    Case(
        "llm_configurations", "update", {"model_name": "m-2"}, reply(s.live_envelope(s.LLM_CONFIGURATION)), "PATCH",
        f"/v1/llm-configurations/{s.CONFIG_ID}", {"model_name": "m-2"}, args=(s.CONFIG_ID,),
    ),
    Case(
        "llm_configurations", "delete", {}, reply(s.DELETED), "DELETE", f"/v1/llm-configurations/{s.CONFIG_ID}",
        args=(s.CONFIG_ID,),
    ),
    Case(
        "embeds", "create", {"avatar_id": s.EMBED_AVATAR_ID, "context_id": s.CONTEXT_ID, "voice_id": s.VOICE_ID,
                             "type": "WIDGET", "max_session_duration": 300, "default_language": "multi",
                             "sandbox": True, "orientation": "vertical"},
        reply(s.live_envelope(s.EMBED)), "POST", "/v2/embeddings",
        {"avatar_id": s.EMBED_AVATAR_ID, "context_id": s.CONTEXT_ID, "voice_id": s.VOICE_ID, "type": "WIDGET",
         "max_session_duration": 300, "default_language": "multi", "is_sandbox": True, "orientation": "vertical"},
    ),
    Case(
        "embeds", "create", {"avatar_id": s.AVATAR_ID, "voice_agent_id": s.AGENT_ID}, reply(s.live_envelope(s.EMBED)),
        "POST", "/v2/embeddings", {"avatar_id": s.AVATAR_ID, "voice_agent_id": s.AGENT_ID},
    ),
    Case("voice_agents", "get", {}, reply(s.live_envelope(s.VOICE_AGENT)), "GET", f"/v1/voice_agents/{s.AGENT_ID}", args=(s.AGENT_ID,)),
    Case("voice_agents", "delete", {}, reply(s.DELETED), "DELETE", f"/v1/voice_agents/{s.AGENT_ID}", args=(s.AGENT_ID,)),
]  # fmt: skip


@pytest.mark.parametrize("case", CALLS, ids=[f"{c.resource}.{c.method}-{i}" for i, c in enumerate(CALLS)])
def test_account_call_sends_its_method_path_body_and_the_api_key(client_factory: ClientFactory, case: Case) -> None:
    """Each account call sends its method, path, JSON body (none for reads) and the API key, and returns."""
    server = Recorder(case.answer)

    client_factory(server).call(case.resource, case.method, *case.args, **case.kwargs)

    request = server.requests[0]
    assert (case.verb, case.path) == (request.method, request.url.path)
    assert case.query == dict(request.url.params)
    assert API_KEY == request.headers["x-api-key"]
    if case.body is None:
        assert b"" == request.content
    else:
        assert case.body == json.loads(request.content)
        assert "application/json" == request.headers["content-type"]


def test_account_answers_parse_into_the_value_types(client_factory: ClientFactory) -> None:
    """Each answer becomes its frozen value type: aware dates, tuples, the voice id, the decoded audio, None for deletes."""
    audio = b"ID3\x04audio-bytes"
    answers = [
        s.live_envelope(s.AVATAR),
        s.live_envelope(s.VOICE),
        s.live_envelope({"audio_base64": base64.b64encode(audio).decode()}),
        s.live_envelope({"voice_id": s.VOICE_ID}),
        s.live_envelope(s.CONTEXT),
        s.live_envelope(s.MEMORY_DETAIL),
        s.live_envelope({"id": s.SECRET_ID, "secret_name": "openai"}),
        s.live_envelope(s.LLM_CONFIGURATION),
        s.live_envelope(s.EMBED),
        s.live_envelope(s.VOICE_AGENT),
        s.DELETED,
    ]
    server = Recorder(*(reply(answer) for answer in answers))
    minter = client_factory(server)

    avatar = minter.call("avatars", "get", s.AVATAR_ID)
    voice = minter.call("voices", "get", s.VOICE_ID)
    sample = minter.call("voices", "preview", s.VOICE_ID)
    bound = minter.call("voices", "bind_third_party", provider_voice_id="pv", secret_id=s.SECRET_ID, name="Mine")
    context = minter.call("contexts", "get", s.CONTEXT_ID)
    memory = minter.call("memories", "get", s.MEMORY_ID)
    secret = minter.call("secrets", "create", name="openai", value="sk-0123456789abcdef", type="OPENAI_API_KEY")
    config = minter.call("llm_configurations", "get", s.CONFIG_ID)
    embed = minter.call("embeds", "create", avatar_id=s.AVATAR_ID, context_id=s.CONTEXT_ID)
    agent = minter.call("voice_agents", "get", s.AGENT_ID)
    deleted = minter.call("contexts", "delete", s.CONTEXT_ID)

    assert isinstance(avatar, Avatar)
    assert (s.AVATAR_ID, "Wayne", "VIDEO", "ACTIVE", WHEN) == (
        avatar.id,
        avatar.name,
        avatar.type,
        avatar.status,
        avatar.created_at,
    )
    assert avatar.default_voice is not None
    assert s.VOICE_ID == avatar.default_voice.id
    assert isinstance(voice, Voice)
    assert ("Cartesia", "Imported") == voice.tags
    assert audio == sample
    assert s.VOICE_ID == bound
    assert {"provider_voice_id": "pv", "secret_id": s.SECRET_ID, "name": "Mine"} == json.loads(
        server.requests[3].content
    )
    assert isinstance(context, Context)
    assert ("name",) == context.required_dynamic_variables
    assert "Hello ${name}!" == context.opening_text
    assert (
        ContextLink(url="https://example.com/faq", faq="Billing FAQ", id=s.CONTEXT["links"][0]["id"]),
    ) == context.links
    assert isinstance(memory, MemoryInfo)
    assert 1 == memory.session_episodes[0].sequence_num
    assert SecretInfo(id=s.SECRET_ID, secret_name="openai") == secret
    assert isinstance(config, LLMConfiguration)
    assert "https://llm.example.com/v1" == config.base_url
    assert isinstance(embed, Embed)
    assert embed.url.startswith("https://embed.liveavatar.com/")
    assert isinstance(agent, VoiceAgentInfo)
    assert "liveavatar_agent" == agent.agent_type
    assert agent.agent_configuration is not None
    assert "gpt-4o-mini" == agent.agent_configuration["llm_settings"]["model"]  # type: ignore[index]
    assert deleted is None


def test_values_the_api_adds_are_kept_not_refused(client_factory: ClientFactory) -> None:
    """An unknown status and field stay on the avatar, as text and in `extra`; a date without a zone is UTC."""
    naive = {**s.IMAGE_AVATAR, "created_at": "2026-05-01T12:00:00"}
    minter = client_factory(Recorder(reply(s.live_envelope(naive))))

    avatar = minter.call("avatars", "get", naive["id"])

    assert "TRAINING_V2" == avatar.status
    assert avatar.default_voice is None
    assert {"rating": 5} == avatar.extra
    assert WHEN == avatar.created_at
    assert avatar.created_at.tzinfo is not None


def test_an_answer_of_another_shape_is_a_validation_error(client_factory: ClientFactory) -> None:
    """A 2xx whose data is not the resource (no id, a list for an object, bad base64) is APIResponseValidationError."""
    bodies = [
        s.live_envelope({"name": "no id"}),
        s.live_envelope([1, 2]),
        s.live_envelope({"audio_base64": "%%%"}),
        s.live_envelope({"x": 1}),
    ]
    minter = client_factory(Recorder(*(reply(body) for body in bodies)))

    for resource, method, arg in (("avatars", "get", "a"), ("voices", "get", "v"), ("voices", "preview", "v")):
        with pytest.raises(liveavatar.APIResponseValidationError):
            minter.call(resource, method, arg)
    with pytest.raises(liveavatar.APIResponseValidationError, match="not a list"):
        minter.listed("secrets")


def test_text_ids_are_percent_encoded_into_the_path(client_factory: ClientFactory) -> None:
    """An id the spec types as text is one path segment, whatever it holds: it cannot reach another path."""
    server = Recorder(reply(s.live_envelope(s.AVATAR)))

    client_factory(server).call("avatars", "get", "../sessions?x=1")

    assert "/v1/avatars/..%2Fsessions%3Fx%3D1" == server.requests[0].url.raw_path.decode()


@pytest.mark.parametrize("dots", [".", ".."])
def test_an_id_that_is_a_dot_segment_is_refused_before_any_request(client_factory: ClientFactory, dots: str) -> None:
    """`.` and `..` cannot be percent-encoded out of being dot segments: refused, naming the argument, unsent."""
    server = Recorder(reply(s.live_envelope(s.AVATAR)))

    with pytest.raises(liveavatar.InvalidRequestError) as caught:
        client_factory(server).call("avatars", "get", dots)

    assert ["avatar_id"] == [problem.path for problem in caught.value.problems]
    assert [] == server.requests


class _OddUUID(uuid.UUID):
    """A UUID subclass whose str is not the canonical form."""

    def __str__(self) -> str:
        return "../sessions"


@pytest.mark.parametrize(("resource", "method"), [("contexts", "get"), ("avatars", "get")])
def test_a_uuid_subclass_id_is_its_canonical_text_in_the_path(
    client_factory: ClientFactory, resource: str, method: str
) -> None:
    """A uuid.UUID subclass given as a UUID or a text id is placed by its number, never by its own str()."""
    server = Recorder(reply(s.live_envelope(s.AVATAR if resource == "avatars" else s.CONTEXT)))
    given = "0f5b0a52-8a4f-4d67-9a55-8f2d0b4f3c11"

    client_factory(server).call(resource, method, _OddUUID(given.upper()))

    assert f"/v1/{resource}/{given}" == server.requests[0].url.raw_path.decode()


@pytest.mark.parametrize(
    ("resource", "method", "args", "kwargs", "fields"),
    [
        ("contexts", "get", ("not-a-uuid",), {}, ["context_id"]),
        ("avatars", "get", ("",), {}, ["avatar_id"]),
        ("voices", "update", ("v",), {"name": "x" * 65}, ["name"]),
        ("voices", "list", (), {"voice_type": "mine"}, ["voice_type"]),
        (
            "contexts",
            "create",
            (),
            {"name": 1, "prompt": None, "opening_text": "o", "links": [{"url": "u"}]},
            ["name", "prompt", "links[0]"],
        ),
        ("memories", "create", (), {"session_id": "s-1"}, ["session_id"]),
        ("secrets", "create", (), {"name": "", "value": "", "type": ""}, ["value", "name", "type"]),
        (
            "llm_configurations",
            "create",
            (),
            {"display_name": "", "model_name": "m" * 256, "secret_id": "s" * 37},
            ["display_name", "model_name", "secret_id"],
        ),
        ("llm_configurations", "update", ("c",), {"base_url": ""}, ["base_url"]),
        (
            "embeds",
            "create",
            (),
            {
                "avatar_id": "a",
                "voice_agent_id": "agent",
                "context_id": s.CONTEXT_ID,
                "voice_id": s.VOICE_ID,
                "type": "BANNER",
                "max_session_duration": 0,
                "default_language": "english",
                "sandbox": "yes",
                "orientation": "diagonal",
            },
            [
                "avatar_id",
                "context_id",
                "voice_id",
                "type",
                "max_session_duration",
                "default_language",
                "sandbox",
                "orientation",
            ],
        ),
        ("embeds", "create", (), {"avatar_id": s.AVATAR_ID}, ["context_id"]),
    ],
)
def test_bad_arguments_are_refused_together_before_any_request(
    client_factory: ClientFactory,
    resource: str,
    method: str,
    args: tuple[Any, ...],
    kwargs: dict[str, Any],
    fields: list[str],
) -> None:
    """Every problem with a call's arguments is reported at once, naming each field, and nothing is sent."""
    server = Recorder()
    minter = client_factory(server)

    def attempt() -> object:
        if method == "list":
            return minter.listed(resource, **kwargs)
        return minter.call(resource, method, *args, **kwargs)

    with pytest.raises(InvalidRequestError) as caught:
        attempt()

    assert fields == [problem.path for problem in caught.value.problems]
    assert [] == server.requests


def test_never_stricter_than_the_schema(client_factory: ClientFactory) -> None:
    """An unlisted secret type, an empty opening text and a 64-character voice name are sent as given."""
    server = Recorder(
        reply(s.live_envelope({"id": s.SECRET_ID})), reply(s.live_envelope(s.CONTEXT)), reply(s.live_envelope(s.VOICE))
    )
    minter = client_factory(server)

    minter.call("secrets", "create", name="m", value="mistral-key-0123456789", type="MISTRAL_API_KEY")
    minter.call("contexts", "create", name="n", prompt="p", opening_text="")
    minter.call("voices", "update", "v", name="x" * 64)

    assert "MISTRAL_API_KEY" == json.loads(server.requests[0].content)["secret_type"]
    assert "" == json.loads(server.requests[1].content)["opening_text"]
    assert 3 == len(server.requests)


def test_context_update_with_fewer_texts_reads_the_context_and_sends_the_rest_unchanged(
    client_factory: ClientFactory,
) -> None:
    """Given only a prompt, update reads the context, then sends its name, opening text and links with the new prompt."""
    server = Recorder(reply(s.live_envelope(s.CONTEXT)), reply(s.live_envelope({**s.CONTEXT, "prompt": "New"})))

    updated = client_factory(server).call("contexts", "update", s.CONTEXT_ID, prompt="New")

    assert ["GET", "PATCH"] == [request.method for request in server.requests]
    assert {
        "name": "Support",
        "prompt": "New",
        "opening_text": "Hello ${name}!",
        "links": [dict(s.CONTEXT["links"][0])],
    } == json.loads(server.requests[1].content)
    assert "New" == updated.prompt


def test_context_update_given_links_sends_them_instead_of_the_stored_ones(client_factory: ClientFactory) -> None:
    """`links=()` clears the links even when the other texts are read first."""
    server = Recorder(reply(s.live_envelope(s.CONTEXT)), reply(s.live_envelope(s.CONTEXT)))

    client_factory(server).call("contexts", "update", s.CONTEXT_ID, name="Renamed", links=())

    assert [] == json.loads(server.requests[1].content)["links"]


PAGED = [
    ("avatars", "/v1/avatars", s.AVATAR, {}),
    ("voices", "/v1/voices", s.VOICE, {"voice_type": "public"}),
    ("contexts", "/v1/contexts", s.CONTEXT_SUMMARY, {}),
    ("memories", "/v1/memory", s.MEMORY_ITEM, {}),
]


def _items(item: dict[str, Any], start: int, count: int) -> list[dict[str, Any]]:
    return [{**item, "id": f"{item['id'][:-4]}{index:04d}"} for index in range(start, start + count)]


@pytest.mark.parametrize(("resource", "path", "item", "query"), PAGED, ids=[p[0] for p in PAGED])
def test_paged_list_reads_each_page_only_when_reached(
    client_factory: ClientFactory, resource: str, path: str, item: dict[str, Any], query: dict[str, str]
) -> None:
    """A paged list asks for 100 a page from page 1 and fetches page 2 only when iteration reaches it."""
    first = s.live_envelope({"count": 150, "next": "p2", "previous": None, "results": _items(item, 0, 100)})
    second = s.live_envelope({"count": 150, "next": None, "previous": "p1", "results": _items(item, 100, 50)})
    server = Recorder(reply(first), reply(first), reply(second))
    minter = client_factory(server)

    assert 3 == len(minter.listed(resource, limit=3))
    assert 1 == len(server.requests)
    every = minter.listed(resource)

    assert 150 == len({found.id for found in every})
    requests = server.requests[1:]
    assert [path, path] == [request.url.path for request in requests]
    assert [{**query, "page": "1", "page_size": "100"}, {**query, "page": "2", "page_size": "100"}] == [
        dict(request.url.params) for request in requests
    ]


UNPAGED = [
    ("secrets", "/v1/secrets", s.live_envelope([s.SECRET_ITEM, {**s.SECRET_ITEM, "id": "other", "secret_type": "MISTRAL"}]), SecretInfo, 2),
    ("llm_configurations", "/v1/llm-configurations", s.live_envelope([s.LLM_CONFIGURATION_ITEM]), LLMConfiguration, 1),
    ("languages", "/v1/languages", s.live_envelope([{"language": "English", "code": "en"}, {"code": "multi"}]), Language, 2),
    ("voice_agents", "/v1/voice_agents", s.live_envelope([s.VOICE_AGENT_ITEM]), VoiceAgentInfo, 1),
    ("llm_models", "/v1/llm-models", {"code": 100, "data": {"openai": ["gpt-4o", "gpt-4o-mini"]}}, LLMModel, 2),
]  # fmt: skip


@pytest.mark.parametrize(("resource", "path", "answer", "kind", "count"), UNPAGED, ids=[u[0] for u in UNPAGED])
def test_unpaged_list_is_iterated_like_a_paged_one(
    client_factory: ClientFactory, resource: str, path: str, answer: Any, kind: type, count: int
) -> None:
    """An unpaged list is one request with no page parameters, made on the first `next`, yielding its value types."""
    server = Recorder(reply(answer))
    minter = client_factory(server)

    found = minter.listed(resource)

    assert count == len(found)
    assert all(isinstance(item, kind) for item in found)
    assert [(path, {})] == [(request.url.path, dict(request.url.params)) for request in server.requests]
    assert API_KEY == server.requests[0].headers["x-api-key"]


def test_list_items_of_contexts_are_summaries_and_llm_models_name_their_provider(client_factory: ClientFactory) -> None:
    """`contexts.list()` yields ContextSummary (no prompt), `llm_models.list()` one LLMModel per provider and model."""
    server = Recorder(reply(s.page([s.CONTEXT_SUMMARY])), reply({"code": 100, "data": {"openai": ["gpt-4o-mini"]}}))
    minter = client_factory(server)

    assert [
        ContextSummary(id=s.CONTEXT_ID, name="Support", created_at=WHEN, updated_at=WHEN.replace(minute=5))
    ] == minter.listed("contexts")
    assert [LLMModel(provider="openai", model="gpt-4o-mini")] == minter.listed("llm_models")


def test_voice_agent_delete_in_use_is_a_conflict_naming_the_embeds(client_factory: ClientFactory) -> None:
    """A 409 on voice-agent delete raises ConflictError whose embed_ids are the referencing embeds."""
    body = {"code": 4090, "data": {"embed_ids": [s.EMBED_ID]}, "message": "Voice agent is used by embeds"}
    minter = client_factory(Recorder(reply(body, 409)))

    with pytest.raises(ConflictError) as caught:
        minter.call("voice_agents", "delete", s.AGENT_ID)

    assert (s.EMBED_ID,) == caught.value.embed_ids
    assert "used by embeds" in str(caught.value)


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ({"data": ["e1", 2, "e2"]}, ("e1", "e2")),
        ({"embed_ids": ["e3"]}, ("e3",)),
        ({"data": None}, ()),
        ("text", ()),
    ],
)
def test_conflict_reads_embed_ids_wherever_the_answer_puts_them(body: Any, expected: tuple[str, ...]) -> None:
    """The unpublished 409 shape is read from a list in data, or embed_ids at the top; anything else is none."""
    error = ConflictError("in use", status_code=409, body=body, headers={}, request_id=None)
    assert expected == error.embed_ids


def test_bind_with_an_unknown_secret_is_a_bad_request_with_the_servers_words(client_factory: ClientFactory) -> None:
    """The live 400 (code 4000) for an unknown secret is BadRequestError carrying the server's message."""
    body = {"code": 4000, "data": None, "message": f"Secret with id '{s.SECRET_ID}' not found in your space"}
    minter = client_factory(Recorder(reply(body, 400)))

    with pytest.raises(BadRequestError, match="not found in your space"):
        minter.call("voices", "bind_third_party", provider_voice_id="pv", secret_id=s.SECRET_ID)


@pytest.mark.parametrize(
    ("resource", "method", "kwargs"),
    [
        ("contexts", "create", {"name": "n", "prompt": "p", "opening_text": "o"}),
        ("voices", "bind_third_party", {"provider_voice_id": "p", "secret_id": "s"}),
        ("secrets", "create", {"name": "n", "value": "value-0123456789", "type": "OPENAI_API_KEY"}),
    ],
)
def test_a_create_that_may_have_reached_the_server_is_not_sent_again(
    client_factory: ClientFactory, resource: str, method: str, kwargs: dict[str, Any]
) -> None:
    """A create whose answer was lost, or that got a 500, is not retried: a retry could make a second resource."""
    lost = Recorder(httpx.ReadError("reset"))
    failed = Recorder(reply({"message": "boom"}, 500))

    with pytest.raises(liveavatar.APIConnectionError):
        client_factory(lost, max_retries=3).call(resource, method, **kwargs)
    with pytest.raises(liveavatar.InternalServerError):
        client_factory(failed, max_retries=3).call(resource, method, **kwargs)

    assert 1 == len(lost.requests) == len(failed.requests)


def test_a_create_that_never_reached_the_server_is_retried(client_factory: ClientFactory) -> None:
    """A create refused before it was sent (connect error), or asked to wait (503 with Retry-After), is retried."""
    server = Recorder(
        httpx.ConnectError("refused"),
        httpx.Response(503, headers={"Retry-After": "0"}),
        reply(s.live_envelope(s.CONTEXT)),
    )

    created = client_factory(server, max_retries=2).call("contexts", "create", name="n", prompt="p", opening_text="o")

    assert s.CONTEXT_ID == created.id
    assert 3 == len(server.requests)


def test_reads_are_retried_on_a_server_error(client_factory: ClientFactory) -> None:
    """A get that got a 502 is sent again (reads are idempotent)."""
    server = Recorder(reply({"message": "bad gateway"}, 502), reply(s.live_envelope(s.VOICE)))

    assert s.VOICE_ID == client_factory(server, max_retries=1).call("voices", "get", s.VOICE_ID).id


def test_secret_value_is_in_no_repr_or_error_and_only_on_the_wire(client_factory: ClientFactory) -> None:
    """The secret's value goes in the request body and nowhere else: not in the result, the call, or a refusal."""
    value = "sk-canary-secret-value-7f3a9c2e"
    server = Recorder(reply(s.live_envelope({"id": s.SECRET_ID, "secret_name": "n"})), reply({"message": "no"}, 400))
    minter = client_factory(server)

    created = minter.call("secrets", "create", name="n", value=value, type="OPENAI_API_KEY")
    with pytest.raises(BadRequestError) as refused:
        minter.call("secrets", "create", name="n", value=value, type="OPENAI_API_KEY")
    with pytest.raises(InvalidRequestError) as invalid:
        minter.call("secrets", "create", name="", value=value, type="OPENAI_API_KEY")

    assert value == json.loads(server.requests[0].content)["secret_value"]
    for text in (repr(created), str(refused.value), repr(refused.value.body), str(invalid.value)):
        assert value[8:16] not in text
    assert not hasattr(created, "value")


def test_methods_show_the_builders_signature_and_docstring() -> None:
    """`help()` on an account method shows its own parameters, docstring and result type."""
    import inspect

    bind = liveavatar.LiveAvatar.__dict__  # the clients attach resources per instance
    assert "voices" not in bind
    from liveavatar._account_resources import AsyncContexts, Voices

    signature = inspect.signature(Voices.bind_third_party)
    assert ["self", "provider_voice_id", "secret_id", "name", "timeout", "max_retries"] == list(signature.parameters)
    assert "not idempotent" in (Voices.bind_third_party.__doc__ or "").lower().replace("\n", " ")
    assert "not atomic" in (AsyncContexts.update.__doc__ or "")
    assert "list" == Voices.list.__name__


def test_a_page_shows_its_size_not_its_items() -> None:
    """A listing's chunk reprs as counts, never as the items it holds."""
    from liveavatar._listing import Chunk

    chunk = Chunk((SecretInfo(id="s-1", secret_name="openai"),), more=True, count=7)

    assert "Chunk(items=1, more=True, count=7)" == repr(chunk)
