"""The business rules beyond the schema: each one refused with the right status and message, and passed."""

from __future__ import annotations

import httpx

from liveavatar.mock import (
    DEFAULT_SANDBOX_AVATAR_IDS,
    DYNAMIC_VARIABLES_PLACEMENT_MESSAGE,
    EMBED_SANDBOX_AVATAR_ID,
    EXACTLY_ONE_MESSAGE,
    SANDBOX_AVATAR_ID,
    LiveAvatarMock,
    MockConfig,
    MockServer,
)
from tests.mock.support import (
    AGORA,
    LIVEKIT,
    MEMORY_ID,
    OTHER_AVATAR_ID,
    OTHER_MEMORY_ID,
    PREV_SESSION_ID,
    SECRET_ID,
    TOKEN_PATH,
    VOICE_AGENT_ID,
    agent_body,
    full_body,
    lite_body,
    mint_in_process,
)
from tests.support import envelope

# -- rule 1: FULL takes exactly one of avatar_persona / voice_agent -------------


def test_full_with_neither_persona_nor_agent_is_422(api: httpx.Client) -> None:
    """FULL without a persona or an agent gets the server's "Provide exactly one" 422 at ["body"]."""
    body = full_body()
    del body["avatar_persona"]

    response = api.post(TOKEN_PATH, json=body)

    assert 422 == response.status_code
    detail = response.json()["detail"]
    assert [(["body"], EXACTLY_ONE_MESSAGE, "value_error")] == [(d["loc"], d["msg"], d["type"]) for d in detail]
    assert "Provide exactly one of avatar_persona or voice_agent" == EXACTLY_ONE_MESSAGE


def test_full_with_both_persona_and_agent_is_422(api: httpx.Client) -> None:
    """FULL with both a persona and an agent gets the same 422."""
    response = api.post(TOKEN_PATH, json=full_body(voice_agent={"id": VOICE_AGENT_ID}))

    assert (422, EXACTLY_ONE_MESSAGE) == (response.status_code, response.json()["detail"][0]["msg"])


def test_body_without_mode_is_read_as_full(api: httpx.Client) -> None:
    """A bare `{"avatar_id"}` is FULL (the server's default mode), so it needs a persona or agent."""
    response = api.post(TOKEN_PATH, json={"avatar_id": SANDBOX_AVATAR_ID})

    assert (422, EXACTLY_ONE_MESSAGE) == (response.status_code, response.json()["detail"][0]["msg"])


def test_full_with_persona_only_passes(api: httpx.Client) -> None:
    """FULL with a persona alone mints a token."""
    assert 200 == api.post(TOKEN_PATH, json=full_body()).status_code


def test_agent_without_mode_passes(api: httpx.Client) -> None:
    """A voice agent alone, without `mode`, mints a token (the facade's FULL-with-agent body)."""
    assert 200 == api.post(TOKEN_PATH, json=agent_body()).status_code


# -- rule 3: sandbox caps max_session_duration at 60 s ----------------------------


def test_sandbox_duration_above_60_is_400(api: httpx.Client) -> None:
    """Sandbox with max_session_duration 61 gets 400 and the server's message."""
    response = api.post(TOKEN_PATH, json=full_body(is_sandbox=True, max_session_duration=61))

    assert 400 == response.status_code
    assert (
        envelope(None, code=400, message="max_session_duration (61s) exceeds the maximum allowed (60s)")
        == response.json()
    )


def test_sandbox_duration_of_60_passes(api: httpx.Client) -> None:
    """Sandbox with exactly 60 s is accepted."""
    assert 200 == api.post(TOKEN_PATH, json=full_body(is_sandbox=True, max_session_duration=60)).status_code


def test_long_duration_outside_sandbox_passes(api: httpx.Client) -> None:
    """Outside sandbox the 60 s cap does not apply."""
    body = full_body(avatar_id=OTHER_AVATAR_ID, max_session_duration=3600)

    assert 200 == api.post(TOKEN_PATH, json=body).status_code


# -- rule 4: sandbox allows only the sandbox avatar ---------------------------


def test_sandbox_with_another_avatar_is_400(liveavatar_mock: MockServer, api: httpx.Client) -> None:
    """Sandbox with a non-sandbox avatar gets 400 naming the allowed avatars, recorded as `sandbox-avatar`."""
    response = api.post(TOKEN_PATH, json=full_body(is_sandbox=True, avatar_id=OTHER_AVATAR_ID))

    assert 400 == response.status_code
    message = response.json()["message"]
    assert message.startswith(
        f"avatar_id {OTHER_AVATAR_ID} is not available in sandbox mode; "
        f"sandbox sessions can only use the sandbox avatar {EMBED_SANDBOX_AVATAR_ID} or {SANDBOX_AVATAR_ID}."
    )
    assert envelope(None, code=400, message=message) == response.json()
    assert ("sandbox-avatar",) == liveavatar_mock.last_request.rules


def test_sandbox_refusal_says_how_to_allow_the_avatar(api: httpx.Client) -> None:
    """The sandbox-avatar 400 names the command-line option and the config field that allow that very id."""
    message = api.post(TOKEN_PATH, json=full_body(is_sandbox=True, avatar_id=OTHER_AVATAR_ID)).json()["message"]

    assert f"liveavatar mock --sandbox-avatar {OTHER_AVATAR_ID}" in message
    assert f"MockConfig(sandbox_avatar_ids={{*DEFAULT_SANDBOX_AVATAR_IDS, {OTHER_AVATAR_ID!r}}})" in message


def test_embed_sandbox_avatar_is_allowed_by_default(api: httpx.Client) -> None:
    """HeyGen's starter default, the embed sandbox avatar, mints a sandbox session (FULL and LITE)."""
    statuses = [
        api.post(TOKEN_PATH, json=builder(is_sandbox=True, avatar_id=EMBED_SANDBOX_AVATAR_ID)).status_code
        for builder in (full_body, lite_body)
    ]

    assert [200, 200] == statuses


def test_default_sandbox_avatars_are_wayne_and_the_embed_avatar() -> None:
    """The default sandbox set is exactly the two documented sandbox avatars."""
    assert frozenset({SANDBOX_AVATAR_ID, EMBED_SANDBOX_AVATAR_ID}) == MockConfig().sandbox_avatar_ids
    assert DEFAULT_SANDBOX_AVATAR_IDS == MockConfig().sandbox_avatar_ids


def test_another_sandbox_avatar_can_be_added_to_the_defaults() -> None:
    """The refusal's recipe, `{*DEFAULT_SANDBOX_AVATAR_IDS, id}`, allows that id and keeps the defaults."""
    mock = LiveAvatarMock(MockConfig(sandbox_avatar_ids={*DEFAULT_SANDBOX_AVATAR_IDS, OTHER_AVATAR_ID}))

    statuses = [
        mint_in_process(mock.app, full_body(is_sandbox=True, avatar_id=avatar)).status_code
        for avatar in (OTHER_AVATAR_ID, SANDBOX_AVATAR_ID, EMBED_SANDBOX_AVATAR_ID)
    ]

    assert [200, 200, 200] == statuses


def test_sandbox_avatar_matches_in_any_case(api: httpx.Client) -> None:
    """The sandbox avatar id in upper case is the same UUID, so it is accepted."""
    body = full_body(is_sandbox=True, avatar_id=SANDBOX_AVATAR_ID.upper())

    assert 200 == api.post(TOKEN_PATH, json=body).status_code


def test_lite_sandbox_is_checked_too(api: httpx.Client) -> None:
    """The sandbox avatar rule applies to LITE bodies as well."""
    response = api.post(TOKEN_PATH, json=lite_body(is_sandbox=True, avatar_id=OTHER_AVATAR_ID))

    assert 400 == response.status_code


def test_sandbox_avatars_are_configurable() -> None:
    """`sandbox_avatar_ids` replaces the accepted sandbox avatars."""
    mock = LiveAvatarMock(MockConfig(sandbox_avatar_ids=[OTHER_AVATAR_ID]))

    statuses = [
        mint_in_process(mock.app, full_body(is_sandbox=True, avatar_id=avatar)).status_code
        for avatar in (OTHER_AVATAR_ID, SANDBOX_AVATAR_ID)
    ]

    assert [200, 400] == statuses


# -- rule 5: memory ids must resolve to the same memory -----------------------


MEMORIES = MockConfig(memories={PREV_SESSION_ID: MEMORY_ID})


def test_memory_ids_resolving_to_different_memories_is_400() -> None:
    """A known previous session whose memory differs from session_memory_id gets 400."""
    mock = LiveAvatarMock(MEMORIES)
    memory = {"prev_session_id": PREV_SESSION_ID, "session_memory_id": OTHER_MEMORY_ID}

    response = mint_in_process(mock.app, full_body(memory=memory))

    assert 400 == response.status_code
    message = response.json()["message"]
    assert message.startswith("memory.prev_session_id and memory.session_memory_id must resolve to the same memory")


def test_memory_ids_resolving_to_the_same_memory_pass() -> None:
    """A known previous session whose memory is session_memory_id is accepted."""
    mock = LiveAvatarMock(MEMORIES)
    memory = {"prev_session_id": PREV_SESSION_ID, "session_memory_id": MEMORY_ID.upper()}

    assert 200 == mint_in_process(mock.app, full_body(memory=memory)).status_code


def test_unknown_previous_session_bootstraps_into_the_given_memory(api: httpx.Client) -> None:
    """A previous session the mock does not know is taken as seeding session_memory_id: accepted."""
    memory = {"prev_session_id": PREV_SESSION_ID, "session_memory_id": OTHER_MEMORY_ID}

    assert 200 == api.post(TOKEN_PATH, json=full_body(memory=memory)).status_code


def test_one_memory_id_alone_passes() -> None:
    """Either memory id alone is accepted, known or not."""
    mock = LiveAvatarMock(MEMORIES)
    memories = [{"prev_session_id": PREV_SESSION_ID}, {"session_memory_id": OTHER_MEMORY_ID}, None]

    statuses = [mint_in_process(mock.app, full_body(memory=memory)).status_code for memory in memories]

    assert [200, 200, 200] == statuses


# -- rule 6: with a voice agent, dynamic variables go inside it ----------------


def test_top_level_dynamic_variables_with_agent_is_400(api: httpx.Client) -> None:
    """Top-level dynamic_variables next to a voice_agent gets the server's 400."""
    response = api.post(TOKEN_PATH, json=agent_body(dynamic_variables={"name": "Ada"}))

    assert 400 == response.status_code
    assert envelope(None, code=400, message=DYNAMIC_VARIABLES_PLACEMENT_MESSAGE) == response.json()
    assert "dynamic_variables must be sent inside voice_agent when a voice_agent is used" == (
        DYNAMIC_VARIABLES_PLACEMENT_MESSAGE
    )


def test_dynamic_variables_inside_agent_pass(api: httpx.Client) -> None:
    """Dynamic variables inside voice_agent are accepted."""
    body = agent_body(voice_agent={"id": VOICE_AGENT_ID, "dynamic_variables": {"name": "Ada"}})

    assert 200 == api.post(TOKEN_PATH, json=body).status_code


def test_top_level_dynamic_variables_with_persona_pass(api: httpx.Client) -> None:
    """Top-level dynamic_variables with a persona are where they belong."""
    assert 200 == api.post(TOKEN_PATH, json=full_body(dynamic_variables={"name": "Ada"})).status_code


# -- rule 7: text normalization needs language "ja" ----------------------------


NORMALIZE = {"provider": "elevenLabs", "apply_language_text_normalization": True}
NORMALIZATION_LOC = ["body", "avatar_persona", "voice_settings", "apply_language_text_normalization"]


def test_normalization_with_default_language_is_422(api: httpx.Client) -> None:
    """Normalization with the default language (en) gets 422 at the flag."""
    response = api.post(TOKEN_PATH, json=full_body(avatar_persona={"voice_settings": NORMALIZE}))

    assert 422 == response.status_code
    [detail] = response.json()["detail"]
    assert (NORMALIZATION_LOC, "value_error") == (detail["loc"], detail["type"])
    assert "only supported when language is 'ja', got 'en'" in detail["msg"]


def test_normalization_with_another_language_is_422(api: httpx.Client) -> None:
    """Normalization with language "fr" gets the same 422."""
    persona = {"language": "fr", "voice_settings": NORMALIZE}

    response = api.post(TOKEN_PATH, json=full_body(avatar_persona=persona))

    assert (422, [NORMALIZATION_LOC]) == (response.status_code, [d["loc"] for d in response.json()["detail"]])


def test_normalization_with_japanese_passes(api: httpx.Client) -> None:
    """Normalization with language "ja" is accepted."""
    persona = {"language": "ja", "voice_settings": NORMALIZE}

    assert 200 == api.post(TOKEN_PATH, json=full_body(avatar_persona=persona)).status_code


def test_normalization_off_passes_in_any_language(api: httpx.Client) -> None:
    """`apply_language_text_normalization: false` is fine with any language."""
    settings = {"provider": "elevenLabs", "apply_language_text_normalization": False}

    assert 200 == api.post(TOKEN_PATH, json=full_body(avatar_persona={"voice_settings": settings})).status_code


# -- connectors: no rule (no source says the server refuses two) ------------------


def test_two_connectors_are_accepted(api: httpx.Client) -> None:
    """A LITE body with LiveKit and Agora mints: "at most one connector" has no source, so the mock does not enforce it."""
    response = api.post(TOKEN_PATH, json=lite_body(livekit_config=LIVEKIT, agora_config=AGORA))

    assert 200 == response.status_code


def test_one_connector_with_nulls_passes(api: httpx.Client) -> None:
    """One connector plus explicit nulls for the others is one connector."""
    body = lite_body(
        openai_realtime_config={"secret_id": SECRET_ID},
        livekit_config=None,
        agora_config=None,
        gemini_realtime_config=None,
    )

    assert 200 == api.post(TOKEN_PATH, json=body).status_code


def test_lite_without_connector_passes(api: httpx.Client) -> None:
    """LITE needs no connector at all."""
    assert 200 == api.post(TOKEN_PATH, json=lite_body()).status_code


# -- ordering --------------------------------------------------------------------


def test_schema_problems_come_before_business_rules(api: httpx.Client) -> None:
    """A body that breaks the schema and a 400 rule gets the 422: validation runs before the handler."""
    body = full_body(is_sandbox=True, max_session_duration=61, llm_configuration_id="x")

    assert 422 == api.post(TOKEN_PATH, json=body).status_code


def test_first_failing_business_rule_answers(api: httpx.Client) -> None:
    """With two 400 rules broken, the sandbox duration (rule 3) is reported before the avatar (rule 4)."""
    body = full_body(is_sandbox=True, max_session_duration=90, avatar_id=OTHER_AVATAR_ID)

    response = api.post(TOKEN_PATH, json=body)

    assert (
        envelope(None, code=400, message="max_session_duration (90s) exceeds the maximum allowed (60s)")
        == response.json()
    )


def test_sandbox_duration_limit_is_configurable() -> None:
    """`sandbox_max_session_duration` moves the sandbox cap, and the message follows."""
    mock = LiveAvatarMock(MockConfig(sandbox_max_session_duration=30))

    response = mint_in_process(mock.app, full_body(is_sandbox=True, max_session_duration=31))

    assert (
        envelope(None, code=400, message="max_session_duration (31s) exceeds the maximum allowed (30s)")
        == response.json()
    )


def test_config_normalizes_ids() -> None:
    """Config ids are compared as UUIDs: a lone string is one id, case does not matter, non-UUIDs stay as given."""
    config = MockConfig(sandbox_avatar_ids=OTHER_AVATAR_ID.upper(), memories={"legacy-session": MEMORY_ID.upper()})

    assert frozenset({OTHER_AVATAR_ID}) == config.sandbox_avatar_ids
    assert (True, False) == (config.is_sandbox_avatar(OTHER_AVATAR_ID), config.is_sandbox_avatar(SANDBOX_AVATAR_ID))
    assert (MEMORY_ID, None) == (config.memory_of("legacy-session"), config.memory_of(PREV_SESSION_ID))
