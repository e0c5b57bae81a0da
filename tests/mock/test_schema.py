"""Schema validation: bodies that break the spec get 422 with FastAPI/Pydantic-shaped, precisely located details."""

from __future__ import annotations

import json
from typing import Any

import httpx

from tests.mock.support import (
    AGORA,
    LIVEKIT,
    OTHER_AVATAR_ID,
    TOKEN_PATH,
    VOICE_AGENT_ID,
    agent_body,
    full_body,
    lite_body,
    locs,
)


def only_detail(response: httpx.Response) -> dict[str, Any]:
    """The single 422 detail item of `response`."""
    assert 422 == response.status_code
    details: list[dict[str, Any]] = response.json()["detail"]
    assert 1 == len(details), details
    return details[0]


def test_bad_uuid_is_uuid_parsing(api: httpx.Client) -> None:
    """A malformed uuid gets Pydantic's `uuid_parsing` at the field, with the input echoed."""
    detail = only_detail(api.post(TOKEN_PATH, json=full_body(llm_configuration_id="not-a-uuid")))

    expected = {
        "type": "uuid_parsing",
        "loc": ["body", "llm_configuration_id"],
        "msg": "Input should be a valid UUID",
        "input": "not-a-uuid",
    }
    assert expected == detail


def test_missing_avatar_id_is_missing(api: httpx.Client) -> None:
    """A body without `avatar_id` gets `missing` at ["body", "avatar_id"]."""
    body = full_body()
    del body["avatar_id"]

    detail = only_detail(api.post(TOKEN_PATH, json=body))

    assert (["body", "avatar_id"], "missing", "Field required") == (detail["loc"], detail["type"], detail["msg"])


def test_nested_range_error_points_at_the_field(api: httpx.Client) -> None:
    """A voice speed out of range is reported at the speed, through both unions, not at the body."""
    settings = {"provider": "elevenLabs", "speed": 1.5}

    detail = only_detail(api.post(TOKEN_PATH, json=full_body(avatar_persona={"voice_settings": settings})))

    assert ["body", "avatar_persona", "voice_settings", "speed"] == detail["loc"]
    assert ("less_than_equal", "Input should be less than or equal to 1.2") == (detail["type"], detail["msg"])


def test_fish_branch_is_chosen_by_provider(api: httpx.Client) -> None:
    """`provider: fish` selects the Fish Audio schema, so its enum is the one reported."""
    settings = {"provider": "fish", "model": "s9"}

    detail = only_detail(api.post(TOKEN_PATH, json=full_body(avatar_persona={"voice_settings": settings})))

    assert ["body", "avatar_persona", "voice_settings", "model"] == detail["loc"]
    assert ("enum", "Input should be 's1' or 's2'") == (detail["type"], detail["msg"])


def test_voice_settings_without_provider_is_union_tag_not_found(api: httpx.Client) -> None:
    """Voice settings without their `provider` discriminator get `union_tag_not_found`."""
    detail = only_detail(api.post(TOKEN_PATH, json=full_body(avatar_persona={"voice_settings": {"speed": 1}})))

    assert (["body", "avatar_persona", "voice_settings"], "union_tag_not_found") == (detail["loc"], detail["type"])


def test_unknown_mode_is_union_tag_invalid(api: httpx.Client) -> None:
    """The retired mode `CUSTOM` is refused at ["body", "mode"], naming the accepted tags."""
    detail = only_detail(api.post(TOKEN_PATH, json=lite_body(mode="CUSTOM")))

    assert (["body", "mode"], "union_tag_invalid") == (detail["loc"], detail["type"])
    assert "expected tags: 'FULL', 'LITE'" in detail["msg"]


def test_wrong_type_is_located(api: httpx.Client) -> None:
    """A string where a boolean belongs gets `bool_type` at the field."""
    detail = only_detail(api.post(TOKEN_PATH, json=full_body(is_sandbox="yes")))

    assert (["body", "is_sandbox"], "bool_type") == (detail["loc"], detail["type"])


def test_fractional_duration_is_int_from_float(api: httpx.Client) -> None:
    """A fractional `max_session_duration` gets Pydantic's `int_from_float`."""
    detail = only_detail(api.post(TOKEN_PATH, json=full_body(max_session_duration=1.5)))

    assert (["body", "max_session_duration"], "int_from_float") == (detail["loc"], detail["type"])


def test_every_problem_is_reported_at_once(api: httpx.Client) -> None:
    """Several schema problems in one body come back together, each at its own field."""
    body = lite_body(avatar_id="nope", livekit_config={"livekit_url": 1})

    response = api.post(TOKEN_PATH, json=body)

    expected = [
        ["body", "avatar_id"],
        ["body", "livekit_config", "livekit_url"],
        ["body", "livekit_config", "livekit_room"],
        ["body", "livekit_config", "livekit_client_token"],
    ]
    assert expected == locs(response)


def test_nullable_object_reports_inside_the_object(api: httpx.Client) -> None:
    """A bad nullable object (`agora_config`) is explained from inside, not as a failed anyOf."""
    agora = dict(AGORA)
    del agora["agora_uid"]

    detail = only_detail(api.post(TOKEN_PATH, json=lite_body(agora_config=agora)))

    assert (["body", "agora_config", "agora_uid"], "missing") == (detail["loc"], detail["type"])


def test_null_connectors_are_valid(api: httpx.Client) -> None:
    """Explicit nulls for nullable fields pass the schema."""
    response = api.post(TOKEN_PATH, json=lite_body(livekit_config=LIVEKIT, agora_config=None, video_settings=None))

    assert 200 == response.status_code


# -- body parsing ---------------------------------------------------------


def test_invalid_json_is_json_invalid(api: httpx.Client) -> None:
    """A body that is not JSON gets FastAPI's `json_invalid` with the error position."""
    response = api.post(TOKEN_PATH, content=b'{"avatar_id": ', headers={"content-type": "application/json"})

    detail = only_detail(response)
    assert (["body", 14], "json_invalid", "JSON decode error") == (detail["loc"], detail["type"], detail["msg"])


def test_empty_body_is_missing(api: httpx.Client) -> None:
    """An empty body is a missing body."""
    detail = only_detail(api.post(TOKEN_PATH, content=b"", headers={"content-type": "application/json"}))

    assert (["body"], "missing") == (detail["loc"], detail["type"])


def test_json_null_body_is_missing(api: httpx.Client) -> None:
    """A JSON `null` body is a missing body, as in FastAPI."""
    detail = only_detail(api.post(TOKEN_PATH, content=b"null", headers={"content-type": "application/json"}))

    assert (["body"], "missing") == (detail["loc"], detail["type"])


def test_non_object_body_is_model_attributes_type(api: httpx.Client) -> None:
    """A JSON array body is not an object: `model_attributes_type` at ["body"]."""
    detail = only_detail(api.post(TOKEN_PATH, json=[full_body()]))

    assert (["body"], "model_attributes_type") == (detail["loc"], detail["type"])


def test_non_json_content_type_is_not_parsed(api: httpx.Client) -> None:
    """A JSON text sent as text/plain is not read as JSON, as in FastAPI."""
    response = api.post(TOKEN_PATH, content=b'{"avatar_id": "x"}', headers={"content-type": "text/plain"})

    assert (["body"], "model_attributes_type") == (only_detail(response)["loc"], only_detail(response)["type"])


def test_json_suffix_content_type_is_parsed(api: httpx.Client) -> None:
    """`application/vnd.x+json` counts as JSON."""
    response = api.post(
        TOKEN_PATH, content=json.dumps(full_body()).encode(), headers={"content-type": "application/vnd.x+json"}
    )

    assert 200 == response.status_code


def test_body_without_content_type_is_parsed_as_json(api: httpx.Client) -> None:
    """With no content type at all, the body is read as JSON, as in FastAPI."""
    request = api.build_request("POST", TOKEN_PATH, content=json.dumps(full_body()).encode())

    assert "content-type" not in request.headers
    assert 200 == api.send(request).status_code


def test_non_utf8_body_is_json_invalid(api: httpx.Client) -> None:
    """Bytes that are not text get `json_invalid`."""
    response = api.post(TOKEN_PATH, content=b"\xff\xfe\xfa", headers={"content-type": "application/json"})

    assert "json_invalid" == only_detail(response)["type"]


# -- dynamic variables (rule 2) -------------------------------------------


def test_too_many_dynamic_variables(api: httpx.Client) -> None:
    """51 dynamic variables get `too_long` at the map."""
    variables = {f"name{i}": "v" for i in range(51)}

    detail = only_detail(api.post(TOKEN_PATH, json=full_body(dynamic_variables=variables)))

    assert (["body", "dynamic_variables"], "too_long") == (detail["loc"], detail["type"])
    assert "Dictionary should have at most 50 items after validation, not 51" == detail["msg"]


def test_fifty_dynamic_variables_pass(api: httpx.Client) -> None:
    """Exactly 50 dynamic variables, 64-character keys and 1000-character values are accepted."""
    variables = {f"{i:02d}".ljust(64, "k"): "v" * 1000 for i in range(50)}

    assert 200 == api.post(TOKEN_PATH, json=full_body(dynamic_variables=variables)).status_code


def test_long_dynamic_variable_key_is_located_at_the_key(api: httpx.Client) -> None:
    """A 65-character key is reported at [..., key, "[key]"], as Pydantic locates dict keys."""
    key = "k" * 65

    detail = only_detail(api.post(TOKEN_PATH, json=full_body(dynamic_variables={key: "v"})))

    assert (["body", "dynamic_variables", key, "[key]"], "string_too_long") == (detail["loc"], detail["type"])


def test_empty_dynamic_variable_key_is_accepted(api: httpx.Client) -> None:
    """An empty key mints: the published schema limits keys to 64 characters and sets no minimum."""
    assert 200 == api.post(TOKEN_PATH, json=full_body(dynamic_variables={"": "v"})).status_code


def test_long_dynamic_variable_value_is_located_at_the_value(api: httpx.Client) -> None:
    """A 1001-character value gets `string_too_long` at ["body", "dynamic_variables", key]."""
    detail = only_detail(api.post(TOKEN_PATH, json=full_body(dynamic_variables={"name": "x" * 1001})))

    assert (["body", "dynamic_variables", "name"], "string_too_long") == (detail["loc"], detail["type"])
    assert "String should have at most 1000 characters" == detail["msg"]


def test_non_string_dynamic_variable_value(api: httpx.Client) -> None:
    """A number as a dynamic-variable value gets `string_type`."""
    detail = only_detail(api.post(TOKEN_PATH, json=full_body(dynamic_variables={"count": 3})))

    assert (["body", "dynamic_variables", "count"], "string_type") == (detail["loc"], detail["type"])


def test_voice_agent_dynamic_variables_take_any_object(api: httpx.Client) -> None:
    """`voice_agent.dynamic_variables` is a plain object as published: any values, no limits."""
    variables = {"count": 3, "flags": [True, None], "nested": {"a": 1}, "long": "x" * 1001}
    variables |= {f"extra_{i}": "v" for i in range(60)}
    agent = {"id": VOICE_AGENT_ID, "dynamic_variables": variables}

    assert 200 == api.post(TOKEN_PATH, json=agent_body(voice_agent=agent)).status_code


def test_voice_agent_dynamic_variables_must_be_an_object(api: httpx.Client) -> None:
    """A list as `voice_agent.dynamic_variables` is still a schema error at the field."""
    agent = {"id": VOICE_AGENT_ID, "dynamic_variables": ["x"]}

    detail = only_detail(api.post(TOKEN_PATH, json=agent_body(voice_agent=agent)))

    assert (["body", "voice_agent", "dynamic_variables"], "dict_type") == (detail["loc"], detail["type"])


def test_elevenlabs_agent_variables_accept_scalars_only(api: httpx.Client) -> None:
    """An ElevenLabs agent's own variables take str/int/float/bool, and a list is refused at the key."""
    config = {"secret_id": OTHER_AVATAR_ID, "agent_id": "agent", "dynamic_variables": {"ok": 1, "bad": [1]}}

    response = api.post(TOKEN_PATH, json=lite_body(elevenlabs_agent_config=config))

    assert [["body", "elevenlabs_agent_config", "dynamic_variables", "bad"]] == locs(response)
