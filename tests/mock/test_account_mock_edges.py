"""The mock's account API refuses what the spec and the account rules refuse, and nothing else (raw requests)."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from liveavatar.mock import MockServer

pytestmark = pytest.mark.usefixtures("spec_checked")

UNKNOWN = "0b7c1f34-1111-4222-8333-444455556666"


@pytest.mark.parametrize(
    ("method", "path", "body", "status"),
    [
        ("GET", f"/v1/avatars/{UNKNOWN}", None, 404),
        ("PATCH", f"/v1/avatars/{UNKNOWN}", {}, 404),
        ("PATCH", "/v1/avatars/dd73ea75-1218-4ef3-92ce-606d5f7fbc0a", {"name": 5}, 422),
        ("DELETE", f"/v1/avatars/{UNKNOWN}", None, 404),
        ("GET", f"/v1/voices/{UNKNOWN}", None, 404),
        ("PATCH", f"/v1/voices/{UNKNOWN}", {"name": "n"}, 404),
        ("PATCH", "/v1/voices/c2527536-6d1f-4412-a643-53a3497dada9", {"name": ""}, 422),
        ("DELETE", f"/v1/voices/{UNKNOWN}", None, 404),
        ("GET", f"/v1/voices/{UNKNOWN}/preview", None, 404),
        ("POST", "/v1/voices/third_party", {"voice_id": "v", "secret_id": "s"}, 422),
        ("POST", "/v1/contexts", {"name": "n", "prompt": "p"}, 422),
        ("POST", "/v1/contexts", b"not json", 422),
        ("GET", "/v1/contexts/not-a-uuid", None, 422),
        ("PATCH", "/v1/contexts/not-a-uuid", {}, 422),
        ("DELETE", "/v1/contexts/not-a-uuid", None, 422),
        ("GET", f"/v1/contexts/{UNKNOWN}", None, 404),
        ("PATCH", f"/v1/contexts/{UNKNOWN}", {"name": "n", "prompt": "p", "opening_text": ""}, 404),
        ("PATCH", f"/v1/contexts/{UNKNOWN}", {"name": "n"}, 422),
        ("DELETE", f"/v1/contexts/{UNKNOWN}", None, 404),
        ("POST", "/v1/memory", {"memory_type": "session", "session_id": "s-1"}, 422),
        ("GET", "/v1/memory/mem_unknown", None, 404),
        ("DELETE", "/v1/memory/mem_unknown", None, 404),
        ("POST", "/v1/secrets", {"secret_name": "n", "secret_value": "v", "secret_type": "LLM_API_KEY"}, 422),
        ("DELETE", f"/v1/secrets/{UNKNOWN}", None, 404),
        ("POST", "/v1/llm-configurations", {"display_name": "d", "model_name": "m"}, 422),
        ("GET", f"/v1/llm-configurations/{UNKNOWN}", None, 404),
        ("PATCH", f"/v1/llm-configurations/{UNKNOWN}", {}, 404),
        ("PATCH", f"/v1/llm-configurations/{UNKNOWN}", {"base_url": ""}, 422),
        ("DELETE", f"/v1/llm-configurations/{UNKNOWN}", None, 404),
        ("POST", "/v2/embeddings", {"avatar_id": "not-a-uuid", "context_id": UNKNOWN}, 422),
        ("GET", f"/v1/voice_agents/{UNKNOWN}", None, 404),
        ("DELETE", f"/v1/voice_agents/{UNKNOWN}", None, 404),
        ("GET", "/v1/avatars?page=0", None, 422),
        ("GET", "/v1/avatars/public?page=two", None, 422),
        ("GET", "/v1/avatars/public?page=2&page_size=1", None, 200),
        ("GET", f"/v1/voices/{UNKNOWN}/preview/more", None, 404),
        ("GET", "/v1/voices//preview", None, 404),
        ("GET", "/v1/avatars/a/b", None, 404),
        ("PATCH", "/v1/avatars/dd73ea75-1218-4ef3-92ce-606d5f7fbc0a", {"name": "Wayne 2"}, 200),
    ],
)
def test_the_mock_answers_each_account_request_as_the_spec_and_rules_say(
    liveavatar_mock: MockServer, api: httpx.Client, method: str, path: str, body: Any, status: int
) -> None:
    """Unknown ids are 404 (`account-resource-exists`), bodies and parameters the spec refuses are 422."""
    if isinstance(body, bytes):
        response = api.request(method, path, content=body, headers={"content-type": "application/json"})
    else:
        response = api.request(method, path, json=body)

    assert status == response.status_code, response.text
    if status == 404 and liveavatar_mock.requests[-1].operation is not None:
        assert ("account-resource-exists",) == liveavatar_mock.requests[-1].rules


def test_a_default_voice_the_mock_does_not_know_is_kept_without_a_name(api: httpx.Client) -> None:
    """Setting a default voice id the mock has no voice for is accepted (undocumented: lenient), its name unknown."""
    response = api.patch("/v1/avatars/dd73ea75-1218-4ef3-92ce-606d5f7fbc0a", json={"default_voice_id": "elsewhere"})

    assert 200 == response.status_code
    assert {"id": "elsewhere"} == response.json()["data"]["default_voice"]


def test_an_update_with_links_replaces_them_and_keeps_given_ids(api: httpx.Client) -> None:
    """A context update with links stores those links: a given id is kept, a missing one is made."""
    created = api.post("/v1/contexts", json={"name": "n", "prompt": "p", "opening_text": ""}).json()["data"]
    links = [{"url": "https://a", "faq": "A", "id": UNKNOWN}, {"url": "https://b", "faq": "B"}]

    updated = api.patch(
        f"/v1/contexts/{created['id']}", json={"name": "n", "prompt": "p", "opening_text": "", "links": links}
    ).json()["data"]

    assert UNKNOWN == updated["links"][0]["id"]
    assert updated["links"][1]["id"]


def test_reset_forgets_the_callers_resources_and_keeps_the_seeded_ones(
    liveavatar_mock: MockServer, api: httpx.Client
) -> None:
    """After `reset()` custom avatars, contexts and secrets are gone and the public avatars are back."""
    liveavatar_mock.add_avatar("Mine")
    api.post("/v1/contexts", json={"name": "n", "prompt": "p", "opening_text": ""})

    liveavatar_mock.reset()

    assert 0 == api.get("/v1/avatars").json()["data"]["count"]
    assert 0 == api.get("/v1/contexts").json()["data"]["count"]
    assert 3 == api.get("/v1/avatars/public").json()["data"]["count"]
