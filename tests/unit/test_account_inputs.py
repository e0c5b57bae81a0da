"""The account API's edges: every argument check, and answers of every shape the parsers meet."""

from __future__ import annotations

import uuid
from typing import Any

import httpx
import pytest

import liveavatar
from liveavatar import ContextLink, InvalidRequestError
from liveavatar._config import MAX_RESPONSE_BYTES
from tests.spec import account_samples as s
from tests.unit.support import ClientFactory, Recorder


def reply(body: Any, status: int = 200) -> httpx.Response:
    return httpx.Response(status, json=body)


def test_ids_may_be_uuid_objects(client_factory: ClientFactory) -> None:
    """A `uuid.UUID` is accepted wherever an id is, for uuid-typed and text-typed ids alike."""
    server = Recorder(reply(s.live_envelope(s.CONTEXT)), reply(s.live_envelope(s.AVATAR)))
    minter = client_factory(server)

    minter.call("contexts", "get", uuid.UUID(s.CONTEXT_ID))
    minter.call("avatars", "get", uuid.UUID(s.AVATAR_ID))

    assert [f"/v1/contexts/{s.CONTEXT_ID}", f"/v1/avatars/{s.AVATAR_ID}"] == [r.url.path for r in server.requests]


@pytest.mark.parametrize(
    ("links", "fields"),
    [
        (5, ["links"]),
        ("https://x", ["links"]),
        ([{"url": "u", "faq": "f"}], ["links[0]"]),
        ([ContextLink(url=1, faq=None, id="nope")], ["links[0].url", "links[0].faq", "links[0].id"]),  # type: ignore[arg-type]
    ],
)
def test_links_are_checked_item_by_item(client_factory: ClientFactory, links: Any, fields: list[str]) -> None:
    """`links` must be a sequence of ContextLink with text url and faq and, if given, a UUID id."""
    server = Recorder()

    with pytest.raises(InvalidRequestError) as caught:
        client_factory(server).call("contexts", "create", name="n", prompt="p", opening_text="o", links=links)

    assert fields == [problem.path for problem in caught.value.problems]
    assert [] == server.requests


@pytest.mark.parametrize(
    ("resource", "method", "args", "kwargs", "fields"),
    [
        ("avatars", "update", ("a",), {"name": 3, "default_voice_id": ""}, ["name", "default_voice_id"]),
        ("voices", "bind_third_party", (), {"provider_voice_id": "", "secret_id": None, "name": 1}, ["provider_voice_id", "secret_id", "name"]),
        ("contexts", "update", ("c",), {"name": 1}, ["context_id", "name"]),
        ("contexts", "delete", (None,), {}, ["context_id"]),
        ("memories", "get", ("",), {}, ["memory_id"]),
        ("memories", "delete", ("",), {}, ["memory_id"]),
        ("secrets", "delete", ("",), {}, ["secret_id"]),
        ("llm_configurations", "get", ("",), {}, ["config_id"]),
        ("llm_configurations", "delete", ("",), {}, ["config_id"]),
        ("llm_configurations", "create", (), {"display_name": "d", "model_name": "m", "secret_id": "s", "base_url": 1}, ["base_url"]),
        ("llm_configurations", "update", ("c",), {"display_name": "", "model_name": "", "secret_id": ""}, ["display_name", "model_name", "secret_id"]),
        ("voices", "get", ("",), {}, ["voice_id"]),
        ("voices", "delete", ("",), {}, ["voice_id"]),
        ("voices", "preview", ("",), {}, ["voice_id"]),
        ("avatars", "delete", ("",), {}, ["avatar_id"]),
        ("voice_agents", "get", ("",), {}, ["agent_id"]),
        ("voice_agents", "delete", ("",), {}, ["agent_id"]),
        ("embeds", "create", (), {"avatar_id": s.AVATAR_ID, "context_id": s.CONTEXT_ID, "voice_id": "v"}, ["voice_id"]),
        ("secrets", "create", (), {"name": "n", "value": 5, "type": "OPENAI_API_KEY"}, ["value"]),
    ],
)  # fmt: skip
def test_every_argument_problem_is_named(
    client_factory: ClientFactory,
    resource: str,
    method: str,
    args: tuple[Any, ...],
    kwargs: dict[str, Any],
    fields: list[str],
) -> None:
    """Each bad argument is reported by name, all together, before anything is sent."""
    server = Recorder()

    with pytest.raises(InvalidRequestError) as caught:
        client_factory(server).call(resource, method, *args, **kwargs)

    assert fields == [problem.path for problem in caught.value.problems]
    assert [] == server.requests


def test_context_update_with_all_texts_sends_given_links_without_reading(client_factory: ClientFactory) -> None:
    """All three texts and links: one PATCH, the links with their ids, no read first."""
    server = Recorder(reply(s.live_envelope(s.CONTEXT)))
    link = ContextLink(url="https://x", faq="f", id=s.CONTEXT_ID)

    client_factory(server).call("contexts", "update", s.CONTEXT_ID, name="n", prompt="p", opening_text="", links=[link])

    assert ["PATCH"] == [request.method for request in server.requests]
    assert [{"url": "https://x", "faq": "f", "id": s.CONTEXT_ID}] == __import__("json").loads(
        server.requests[0].content
    )["links"]


def test_context_update_of_a_context_without_links_sends_none(client_factory: ClientFactory) -> None:
    """A partial update of a context with no links reads it and sends no `links` key."""
    bare = {key: value for key, value in s.CONTEXT.items() if key != "links"}
    server = Recorder(reply(s.live_envelope(bare)), reply(s.live_envelope(bare)))

    client_factory(server).call("contexts", "update", s.CONTEXT_ID, opening_text="Hi")

    sent = __import__("json").loads(server.requests[1].content)
    assert {"name", "prompt", "opening_text"} == set(sent)


@pytest.mark.parametrize(
    ("resource", "method", "arg", "data"),
    [
        ("avatars", "get", "a", {"id": 5}),
        ("voices", "preview", "v", {"audio_base64": 5}),
        ("voices", "bind_third_party", None, {"voice_id": ""}),
        ("embeds", "create", None, {"embed_id": s.EMBED_ID, "url": 5}),
        ("avatars", "get", "a", {"id": "a", "default_voice": {"name": "no id"}}),
    ],
)
def test_a_wrong_field_in_an_answer_is_a_validation_error(
    client_factory: ClientFactory, resource: str, method: str, arg: str | None, data: dict[str, Any]
) -> None:
    """An id that is not text, a sample or a URL that is not text: APIResponseValidationError, not a TypeError."""
    minter = client_factory(Recorder(reply(s.live_envelope(data))))
    kwargs: dict[str, Any] = {}
    if method == "bind_third_party":
        kwargs = {"provider_voice_id": "p", "secret_id": "s"}
    if method == "create":
        kwargs = {"avatar_id": s.AVATAR_ID, "voice_agent_id": "a"}

    with pytest.raises(liveavatar.APIResponseValidationError):
        minter.call(resource, method, *([arg] if arg else []), **kwargs)


def test_minimal_answers_parse_with_none_for_what_is_absent(client_factory: ClientFactory) -> None:
    """Only an id: every other field is None or empty; a count that is not a number is ignored."""
    page = s.live_envelope({"count": "many", "next": None, "results": [{"id": s.AVATAR_ID}]})
    server = Recorder(
        reply(s.live_envelope({"id": s.AVATAR_ID})), reply(page), reply(s.live_envelope({"id": s.MEMORY_ID}))
    )
    minter = client_factory(server)

    avatar = minter.call("avatars", "get", s.AVATAR_ID)
    listed = minter.listed("avatars")
    memory = minter.call("memories", "get", s.MEMORY_ID)

    assert (None, None, None, {}) == (avatar.name, avatar.default_voice, avatar.created_at, avatar.extra)
    assert [s.AVATAR_ID] == [item.id for item in listed]
    assert ((), None) == (memory.session_episodes, memory.memory_content)


@pytest.mark.parametrize(
    ("answer", "match"),
    [
        (httpx.Response(200, json={"data": [1, 2]}), "not a list of secrets"),
        (httpx.Response(200, content=b"not json"), "not a list"),
        (
            httpx.Response(200, content=b'{"data": [' + b" " * (MAX_RESPONSE_BYTES + 1) + b"]}"),
            "byte limit",
        ),
    ],
)
def test_an_unpaged_list_of_another_shape_is_a_validation_error(
    client_factory: ClientFactory, answer: httpx.Response, match: str
) -> None:
    """Items that are not objects, a body that is not JSON, too large or not inflatable: a clear validation error."""
    minter = client_factory(Recorder(answer))

    with pytest.raises(liveavatar.APIResponseValidationError, match=match):
        minter.listed("secrets")
