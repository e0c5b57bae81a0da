"""Never stricter than LiveAvatar: unknown and other-mode fields, and the spec's invented limits, are accepted."""

from __future__ import annotations

import uuid
from typing import Any

import httpx
import pytest

from liveavatar.mock import LiveAvatarMock, MockServer
from tests.mock.support import (
    LIVEKIT,
    OTHER_AVATAR_ID,
    PREV_SESSION_ID,
    TOKEN_PATH,
    VOICE_AGENT_ID,
    agent_body,
    full_body,
    lite_body,
    mint_in_process,
)

# -- unknown fields and other-mode fields ----------------------------------------


def test_lite_with_a_persona_is_accepted_and_recorded(liveavatar_mock: MockServer, api: httpx.Client) -> None:
    """pipecat's LITE body with `avatar_persona` mints, and the record keeps the persona for assertions."""
    body = lite_body(avatar_persona={"language": "en"})

    response = api.post(TOKEN_PATH, json=body)

    assert 200 == response.status_code
    assert body == liveavatar_mock.last_request.body


@pytest.mark.parametrize(
    "fields",
    [
        {"video_quality": "high"},
        {"voice_chat_transport": "livekit", "quality": "low"},
        {"avatar_persona": {"llm_configuration_id": OTHER_AVATAR_ID, "avatar_id": OTHER_AVATAR_ID}},
        {"video_settings": {"quality": "high", "fps": 30}},
        {"memory": {"prev_session_id": PREV_SESSION_ID, "note": "kept"}},
    ],
    ids=["top-level", "several", "in-persona", "in-video-settings", "in-memory"],
)
def test_unknown_fields_are_accepted_and_recorded(
    liveavatar_mock: MockServer, api: httpx.Client, fields: dict[str, Any]
) -> None:
    """Stray fields third parties send (anywhere in the body) are ignored, and kept in the record."""
    body = full_body(**fields)

    response = api.post(TOKEN_PATH, json=body)

    assert 200 == response.status_code
    assert body == liveavatar_mock.last_request.body


@pytest.mark.parametrize(
    "body",
    [
        lite_body(avatar_persona=5, voice_agent="x", interactivity_type="SHOUTING", llm_configuration_id="no"),
        lite_body(memory="no", dynamic_variables=[1]),
        full_body(livekit_config="no", agora_config=7, gemini_realtime_config=[]),
    ],
    ids=["lite-with-full-fields", "lite-with-full-extras", "full-with-lite-fields"],
)
def test_other_mode_fields_are_not_validated(api: httpx.Client, body: dict[str, Any]) -> None:
    """A field of the other mode is unknown to this mode's model, so even a nonsense value is ignored."""
    assert 200 == api.post(TOKEN_PATH, json=body).status_code


def test_full_only_rules_do_not_apply_to_lite(api: httpx.Client) -> None:
    """LITE ignores FULL-only fields, so the rules about them (agent variables, both persona and agent) do not fire."""
    body = lite_body(
        avatar_persona={},
        voice_agent={"id": VOICE_AGENT_ID},
        dynamic_variables={"k": "v"},
        memory={"prev_session_id": PREV_SESSION_ID, "session_memory_id": OTHER_AVATAR_ID},
    )

    assert 200 == api.post(TOKEN_PATH, json=body).status_code


def test_known_fields_are_still_checked(api: httpx.Client) -> None:
    """Leniency stops at unknown fields: a known field with a bad value is still a 422 at that field."""
    response = api.post(TOKEN_PATH, json=lite_body(video_quality="high", livekit_config={**LIVEKIT, "livekit_url": 1}))

    assert 422 == response.status_code
    assert [["body", "livekit_config", "livekit_url"]] == [item["loc"] for item in response.json()["detail"]]


# -- the spec's invented limits --------------------------------------------------


@pytest.mark.parametrize("duration", [0, -1, -3600, 86_400])
def test_any_integer_duration_is_accepted_outside_sandbox(api: httpx.Client, duration: int) -> None:
    """`max_session_duration` has no published minimum, so 0 and negatives are not the mock's to refuse."""
    assert 200 == api.post(TOKEN_PATH, json=full_body(max_session_duration=duration)).status_code


@pytest.mark.parametrize("duration", [0, -5, 60])
def test_sandbox_durations_up_to_60_are_accepted(api: httpx.Client, duration: int) -> None:
    """In sandbox only the observed 60 s cap applies."""
    assert 200 == api.post(TOKEN_PATH, json=full_body(is_sandbox=True, max_session_duration=duration)).status_code


def test_a_fractional_duration_is_still_refused(api: httpx.Client) -> None:
    """The published type is integer, so 1.5 stays a 422."""
    assert 422 == api.post(TOKEN_PATH, json=full_body(max_session_duration=1.5)).status_code


def test_empty_key_and_agent_values_of_any_type(api: httpx.Client) -> None:
    """An empty dynamic-variable key and non-string voice-agent variables mint together."""
    agent = {"id": VOICE_AGENT_ID, "dynamic_variables": {"": 1, "ok": False, "list": ["a"]}}

    assert 200 == api.post(TOKEN_PATH, json=agent_body(voice_agent=agent)).status_code


# -- stt_config: the seed example wins -------------------------------------------


def test_empty_stt_config_is_accepted(api: httpx.Client) -> None:
    """`stt_config: {}`, as the endpoint's own example sends it, mints: the provider is optional."""
    assert 200 == api.post(TOKEN_PATH, json=full_body(avatar_persona={"stt_config": {}})).status_code


def test_stt_provider_is_still_an_enum(api: httpx.Client) -> None:
    """A provider that is given must still be one of the published ones."""
    response = api.post(TOKEN_PATH, json=full_body(avatar_persona={"stt_config": {"provider": "whisper"}}))

    assert 422 == response.status_code
    assert ["body", "avatar_persona", "stt_config", "provider"] == response.json()["detail"][0]["loc"]


# -- ids as pydantic parses them ----------------------------------------------------------


@pytest.mark.parametrize(
    "spelling",
    [str, lambda u: str(u).upper(), lambda u: u.hex, lambda u: "{" + str(u) + "}", lambda u: u.urn],
    ids=["hyphenated", "upper", "bare-hex", "braced", "urn"],
)
def test_every_uuid_spelling_pydantic_parses_is_accepted(api: httpx.Client, spelling: Any) -> None:
    """An id in any spelling a pydantic `UUID` field takes passes `format: uuid`."""
    avatar = spelling(uuid.UUID(OTHER_AVATAR_ID))

    assert 200 == api.post(TOKEN_PATH, json=full_body(avatar_id=avatar)).status_code


@pytest.mark.parametrize("text", ["not-a-uuid", OTHER_AVATAR_ID[:-1], OTHER_AVATAR_ID.replace("-", "_"), "g" * 32])
def test_near_miss_ids_are_refused(api: httpx.Client, text: str) -> None:
    """Text that no UUID parser takes is still `uuid_parsing`."""
    response = api.post(TOKEN_PATH, json=full_body(avatar_id=text))

    assert (422, "uuid_parsing") == (response.status_code, response.json()["detail"][0]["type"])


def test_sandbox_avatar_matches_in_any_spelling() -> None:
    """The sandbox-avatar rule compares UUIDs, so the bare-hex Wayne id is Wayne."""
    mock = LiveAvatarMock()
    body = full_body(is_sandbox=True, avatar_id=uuid.UUID("dd73ea75-1218-4ef3-92ce-606d5f7fbc0a").hex)

    assert 200 == mint_in_process(mock.app, body).status_code
