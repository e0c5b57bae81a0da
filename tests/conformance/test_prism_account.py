"""Prism tier for the account API: every account request the SDK can send passes Prism's validation of the spec."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from liveavatar import ContextLink
from tests.conformance.support import Prism
from tests.conformance.test_prism_lifecycle import API_KEY, _checked
from tests.support import run_on

pytestmark = pytest.mark.prism

ID = "3c90c3cc-0d44-4b50-8888-8dd25736052a"
SECRET_ID = "0e4d1c2b-7a8f-4b3e-9c6d-5f1a2b3c4d5e"


def _first(listing: Any) -> Any:
    """The first item of a sync or async listing (one request), or None."""
    if hasattr(listing, "__anext__"):

        async def take() -> Any:
            async for item in listing:
                return item
            return None

        return take()
    return next(listing, None)


# (the call on a client, how many requests it makes)
CALLS: list[Any] = [
    pytest.param(lambda c: _first(c.avatars.list()), 1, id="avatars.list"),
    pytest.param(lambda c: _first(c.avatars.list_public()), 1, id="avatars.list_public"),
    pytest.param(lambda c: c.avatars.get(ID), 1, id="avatars.get"),
    pytest.param(lambda c: c.avatars.update(ID, name="W", default_voice_id=ID), 1, id="avatars.update"),
    pytest.param(lambda c: c.avatars.delete(ID), 1, id="avatars.delete"),
    pytest.param(lambda c: _first(c.voices.list(voice_type="private")), 1, id="voices.list"),
    pytest.param(lambda c: c.voices.get(ID), 1, id="voices.get"),
    pytest.param(lambda c: c.voices.update(ID, name="Ava"), 1, id="voices.update"),
    pytest.param(lambda c: c.voices.delete(ID), 1, id="voices.delete"),
    pytest.param(lambda c: c.voices.preview(ID), 1, id="voices.preview"),
    pytest.param(
        lambda c: c.voices.bind_third_party(provider_voice_id="pv", secret_id=SECRET_ID, name="Mine"),
        1,
        id="voices.bind_third_party",
    ),
    pytest.param(lambda c: _first(c.contexts.list()), 1, id="contexts.list"),
    pytest.param(lambda c: c.contexts.get(ID), 1, id="contexts.get"),
    pytest.param(
        lambda c: c.contexts.create(
            name="n", prompt="Help ${name}.", opening_text="", links=[ContextLink(url="https://x", faq="f", id=ID)]
        ),
        1,
        id="contexts.create",
    ),
    pytest.param(lambda c: c.contexts.update(ID, name="n", prompt="p", opening_text="o"), 1, id="contexts.update"),
    pytest.param(lambda c: c.contexts.update(ID, prompt="p"), 2, id="contexts.update-partial"),
    pytest.param(lambda c: c.contexts.delete(ID), 1, id="contexts.delete"),
    pytest.param(lambda c: _first(c.memories.list()), 1, id="memories.list"),
    pytest.param(lambda c: c.memories.get("mem_1"), 1, id="memories.get"),
    pytest.param(lambda c: c.memories.create(session_id=ID), 1, id="memories.create"),
    pytest.param(lambda c: c.memories.delete("mem_1"), 1, id="memories.delete"),
    pytest.param(lambda c: _first(c.secrets.list()), 1, id="secrets.list"),
    pytest.param(
        lambda c: c.secrets.create(name="k", value="sk-0123456789abcdef", type="CARTESIA_API_KEY"),
        1,
        id="secrets.create",
    ),
    pytest.param(lambda c: c.secrets.delete(SECRET_ID), 1, id="secrets.delete"),
    pytest.param(lambda c: _first(c.llm_configurations.list()), 1, id="llm_configurations.list"),
    pytest.param(lambda c: c.llm_configurations.get(ID), 1, id="llm_configurations.get"),
    pytest.param(
        lambda c: c.llm_configurations.create(
            display_name="d", model_name="m", secret_id=SECRET_ID, base_url="https://llm.example.com/v1"
        ),
        1,
        id="llm_configurations.create",
    ),
    pytest.param(lambda c: c.llm_configurations.update(ID, model_name="m2"), 1, id="llm_configurations.update"),
    pytest.param(lambda c: c.llm_configurations.delete(ID), 1, id="llm_configurations.delete"),
    pytest.param(lambda c: _first(c.llm_models.list()), 1, id="llm_models.list"),
    pytest.param(lambda c: _first(c.languages.list()), 1, id="languages.list"),
    pytest.param(
        lambda c: c.embeds.create(
            avatar_id=ID,
            context_id=ID,
            voice_id=ID,
            type="WIDGET",
            max_session_duration=60,
            default_language="en",
            sandbox=True,
            orientation="vertical",
        ),
        1,
        id="embeds.create-context",
    ),
    pytest.param(lambda c: c.embeds.create(avatar_id=ID, voice_agent_id=ID), 1, id="embeds.create-agent"),
    pytest.param(lambda c: _first(c.voice_agents.list()), 1, id="voice_agents.list"),
    pytest.param(lambda c: c.voice_agents.get(ID), 1, id="voice_agents.get"),
    pytest.param(lambda c: c.voice_agents.delete(ID), 1, id="voice_agents.delete"),
]


@pytest.mark.parametrize("flavour", ["sync", "async"])
@pytest.mark.parametrize(("call", "requests"), CALLS)
def test_prism_accepts_every_account_request(
    prism: Prism, flavour: str, call: Callable[[Any], Any], requests: int
) -> None:
    """Each account call's requests (method, path, credential, query, body) are valid to Prism, and its answer reads."""
    offset = prism.log_size()

    run_on(flavour, {"api_key": API_KEY, "base_url": prism.url, "max_retries": 0}, call)

    _checked(prism, offset, requests)
