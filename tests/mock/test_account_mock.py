"""The account API on the mock, driven by the SDK's sync and async clients: state, and each account rule."""

from __future__ import annotations

from typing import Any

import pytest

from liveavatar import (
    BadRequestError,
    ConflictError,
    ContextLink,
    NotFoundError,
    Persona,
)
from liveavatar.mock import SANDBOX_AVATAR_ID, MockServer
from tests.mock.support import API_KEY, OneLoop
from tests.unit.support import Minter

pytestmark = pytest.mark.usefixtures("spec_checked")

EMBED_SANDBOX_AVATAR_ID = "65f9e3c9-d48b-4118-b73a-4ae2e3cbb8f0"
UNKNOWN_ID = "0b7c1f34-1111-4222-8333-444455556666"


def _rules(mock: MockServer) -> list[tuple[str, ...]]:
    return [record.rules for record in mock.requests if record.rules]


def test_public_avatars_and_voices_are_seeded_and_custom_ones_come_from_the_helper(
    sdk: Minter, liveavatar_mock: MockServer
) -> None:
    """Wayne and the embed sandbox avatar are public; `add_avatar` adds a custom one that list, get, update, delete see."""
    public_ids = {avatar.id for avatar in _list_public(sdk)}
    assert {SANDBOX_AVATAR_ID, EMBED_SANDBOX_AVATAR_ID} <= public_ids
    assert [] == sdk.listed("avatars")
    voices = sdk.listed("voices")
    assert voices
    assert [] == sdk.listed("voices", voice_type="private")

    custom = liveavatar_mock.add_avatar("Mine", status="FAILED", error_message="blurry")
    assert [custom] == [avatar.id for avatar in sdk.listed("avatars")]
    updated = sdk.call("avatars", "update", custom, name="Renamed", default_voice_id=voices[0].id)
    assert ("Renamed", voices[0].id, "FAILED") == (updated.name, updated.default_voice.id, updated.status)
    assert sdk.call("avatars", "delete", custom) is None
    with pytest.raises(NotFoundError):
        sdk.call("avatars", "get", custom)
    assert [("account-resource-exists",)] == _rules(liveavatar_mock)


def _list_public(sdk: Minter) -> list[Any]:
    listing: Any = sdk.client.avatars.list_public()
    if isinstance(sdk, OneLoop):

        async def take() -> list[Any]:
            return [avatar async for avatar in listing]

        return sdk.runner.run(take())
    return list(listing)


def test_a_listing_pages_through_the_mock_lazily(sdk: Minter, liveavatar_mock: MockServer) -> None:
    """With 150 custom avatars the list reads two pages of 100, and stops after the first when iteration does."""
    for index in range(150):
        liveavatar_mock.add_avatar(f"avatar {index}")

    assert 5 == len(sdk.listed("avatars", limit=5))
    assert 150 == len({avatar.id for avatar in sdk.listed("avatars")})
    pages = [record.query for record in liveavatar_mock.requests if record.path == "/v1/avatars"]
    assert ["page=1&page_size=100", "page=1&page_size=100", "page=2&page_size=100"] == pages


def test_contexts_keep_their_placeholders_and_update_sends_the_rest_unchanged(sdk: Minter) -> None:
    """A context's required variables are its `${name}` placeholders; a partial update keeps the other texts and links."""
    created = sdk.call(
        "contexts",
        "create",
        name="Support",
        prompt="Help ${customer} with ${topic}.",
        opening_text="Hi ${customer}!",
        links=[ContextLink(url="https://example.com/faq", faq="FAQ")],
    )
    assert ("customer", "topic") == created.required_dynamic_variables

    updated = sdk.call("contexts", "update", created.id, prompt="Help ${customer}.")

    assert ("Support", "Hi ${customer}!", ("customer",)) == (
        updated.name,
        updated.opening_text,
        updated.required_dynamic_variables,
    )
    assert created.links == updated.links
    assert [created.id] == [summary.id for summary in sdk.listed("contexts")]
    sdk.call("contexts", "delete", created.id)
    assert [] == sdk.listed("contexts")


def test_secrets_are_stored_never_returned_and_listed_newest_first(sdk: Minter, liveavatar_mock: MockServer) -> None:
    """A secret's value is stored by the mock but in no answer; the list is newest first; delete removes it."""
    first = sdk.call("secrets", "create", name="openai", value="sk-value-one-0123456789", type="OPENAI_API_KEY")
    second = sdk.call("secrets", "create", name="cartesia", value="sk-value-two-0123456789", type="CARTESIA_API_KEY")

    listed = sdk.listed("secrets")

    assert [second.id, first.id] == [secret.id for secret in listed]
    assert "CARTESIA_API_KEY" == listed[0].secret_type
    assert "sk-value-one-0123456789" == liveavatar_mock.stored_secret(first.id)
    answers = b"".join(record.raw_response for record in liveavatar_mock.requests)
    assert b"sk-value" not in answers
    sdk.call("secrets", "delete", first.id)
    with pytest.raises(NotFoundError):
        sdk.call("secrets", "delete", first.id)


def test_an_llm_configuration_needs_a_known_secret(sdk: Minter, liveavatar_mock: MockServer) -> None:
    """Create and update refuse a secret the space does not hold (400); with a stored one it is created and listed."""
    with pytest.raises(BadRequestError):
        sdk.call("llm_configurations", "create", display_name="x", model_name="m", secret_id=UNKNOWN_ID)
    secret = sdk.call("secrets", "create", name="k", value="sk-0123456789abcdef", type="OPENAI_API_KEY")
    config = sdk.call("llm_configurations", "create", display_name="Ours", model_name="m-1", secret_id=secret.id)
    with pytest.raises(BadRequestError):
        sdk.call("llm_configurations", "update", config.id, secret_id=UNKNOWN_ID)

    updated = sdk.call("llm_configurations", "update", config.id, base_url="https://llm.example.com/v1")

    assert ("m-1", "https://llm.example.com/v1") == (updated.model_name, updated.base_url)
    listed = sdk.listed("llm_configurations")
    assert [(config.id, None)] == [(item.id, item.base_url) for item in listed]
    assert 2 == _rules(liveavatar_mock).count(("llm-config-secret-known",))
    sdk.call("llm_configurations", "delete", config.id)
    assert [] == sdk.listed("llm_configurations")


def test_a_voice_bind_needs_a_known_secret_and_is_not_idempotent(sdk: Minter, liveavatar_mock: MockServer) -> None:
    """An unknown secret is the live 400 (code 4000); two identical binds make two private voices."""
    with pytest.raises(BadRequestError, match="not found in your space") as refused:
        sdk.call("voices", "bind_third_party", provider_voice_id="pv-1", secret_id=UNKNOWN_ID)
    assert 4000 == refused.value.body["code"]  # type: ignore[index]
    secret = sdk.call("secrets", "create", name="el", value="el-0123456789abcdef", type="ELEVENLABS_API_KEY")

    one = sdk.call("voices", "bind_third_party", provider_voice_id="pv-1", secret_id=secret.id)
    two = sdk.call("voices", "bind_third_party", provider_voice_id="pv-1", secret_id=secret.id)

    assert one != two
    private = sdk.listed("voices", voice_type="private")
    assert {one, two} == {voice.id for voice in private}
    assert "Imported Voice: pv-1" == sdk.call("voices", "get", one).name
    assert sdk.call("voices", "preview", one).startswith(b"ID3")
    assert "Mine" == sdk.call("voices", "update", one, name="Mine").name
    sdk.call("voices", "delete", two)
    assert [("bind-secret-known",)] == _rules(liveavatar_mock)


def test_a_voice_agent_in_use_by_an_embed_cannot_be_deleted(sdk: Minter, liveavatar_mock: MockServer) -> None:
    """Deleting an agent an embed references is a 409 naming the embed; an unused agent is deleted."""
    agent = liveavatar_mock.add_voice_agent("Receptionist", agent_configuration={"language": "en"})
    spare = liveavatar_mock.add_voice_agent("Spare", agent_type="elevenlabs_agent")
    embed = sdk.call("embeds", "create", avatar_id=EMBED_SANDBOX_AVATAR_ID, voice_agent_id=agent, sandbox=True)
    assert embed.url.endswith(embed.embed_id)
    assert {agent, spare} == {item.id for item in sdk.listed("voice_agents")}
    assert {"language": "en"} == sdk.call("voice_agents", "get", agent).agent_configuration

    with pytest.raises(ConflictError) as conflict:
        sdk.call("voice_agents", "delete", agent)
    sdk.call("voice_agents", "delete", spare)

    assert (embed.embed_id,) == conflict.value.embed_ids
    assert [("voice-agent-in-use",)] == _rules(liveavatar_mock)


def test_an_embed_takes_an_agent_or_a_context(liveavatar_mock: MockServer) -> None:
    """The mock refuses an embed with both an agent and a context, or with neither (422), as the SDK does before sending."""
    import httpx

    with httpx.Client(base_url=liveavatar_mock.url, headers={"X-API-KEY": API_KEY}) as api:
        both = api.post(
            "/v2/embeddings", json={"avatar_id": SANDBOX_AVATAR_ID, "voice_agent_id": "a", "context_id": UNKNOWN_ID}
        )
        neither = api.post("/v2/embeddings", json={"avatar_id": SANDBOX_AVATAR_ID})

    assert (422, 422) == (both.status_code, neither.status_code)
    assert [("embed-agent-or-context",)] * 2 == _rules(liveavatar_mock)


def test_a_memory_comes_only_from_an_ended_full_session_with_a_transcript(
    sdk: Minter, liveavatar_mock: MockServer
) -> None:
    """Running, LITE, silent and unknown sessions are refused (400); an ended FULL one makes a memory to get and delete."""
    full = sdk.call("sessions", "start", sdk.create_token(avatar_id=SANDBOX_AVATAR_ID, persona=Persona()))
    silent = sdk.call("sessions", "start", sdk.create_token(avatar_id=SANDBOX_AVATAR_ID, persona=Persona()))
    lite = sdk.call("sessions", "start", sdk.create_lite_token(avatar_id=SANDBOX_AVATAR_ID))
    liveavatar_mock.add_transcript(full.session_id, "user", "I like short answers")
    with pytest.raises(BadRequestError):
        sdk.call("memories", "create", session_id=full.session_id)
    for session in (full, silent, lite):
        sdk.call("sessions", "stop", session.session_id)
    for session_id in (silent.session_id, lite.session_id, UNKNOWN_ID):
        with pytest.raises(BadRequestError):
            sdk.call("memories", "create", session_id=session_id)

    memory = sdk.call("memories", "create", session_id=full.session_id)

    assert "I like short answers" in (memory.memory_content or "")
    detail = sdk.call("memories", "get", memory.id)
    assert full.session_id == detail.session_episodes[0].session_id
    assert [memory.id] == [item.id for item in sdk.listed("memories")]
    assert sdk.call("memories", "delete", memory.id) is None
    assert 4 == _rules(liveavatar_mock).count(("memory-from-ended-full-session",))


def test_a_token_with_an_unknown_llm_configuration_is_minted_and_its_start_refused(
    sdk: Minter, liveavatar_mock: MockServer
) -> None:
    """As observed live: the mint accepts any llm_configuration_id, the start refuses one the space does not hold."""
    token = sdk.create_token(avatar_id=SANDBOX_AVATAR_ID, persona=Persona(), llm_configuration_id=UNKNOWN_ID)

    with pytest.raises(BadRequestError, match=f"LLM configuration with id '{UNKNOWN_ID}' not found"):
        sdk.call("sessions", "start", token)

    assert [("start-llm-config-known",)] == _rules(liveavatar_mock)


def test_catalogs_and_unauthenticated_lists(sdk: Minter) -> None:
    """Languages and the LLM catalog answer (with or without a key upstream); a wrong key elsewhere is a 401."""
    assert "multi" in {language.code for language in sdk.listed("languages")}
    assert ("openai", "gpt-4o-mini") in {(model.provider, model.model) for model in sdk.listed("llm_models")}


def test_account_calls_need_the_api_key(liveavatar_mock: MockServer) -> None:
    """Every account call but the public avatars, languages and LLM models refuses a missing key with 401."""
    import httpx

    with httpx.Client(base_url=liveavatar_mock.url) as api:
        assert 401 == api.get("/v1/contexts").status_code
        assert 401 == api.post("/v1/secrets", json={}).status_code
        assert 200 == api.get("/v1/languages").status_code
        assert 200 == api.get("/v1/avatars/public").status_code
        assert 200 == api.get("/v1/llm-models").status_code
        assert 405 == api.put("/v1/secrets/x").status_code
        assert 422 == api.get("/v1/contexts/not-a-uuid", headers={"X-API-KEY": API_KEY}).status_code
        assert 422 == api.get("/v1/voices?voice_type=mine", headers={"X-API-KEY": API_KEY}).status_code
        assert 422 == api.get("/v1/avatars?page_size=101", headers={"X-API-KEY": API_KEY}).status_code
