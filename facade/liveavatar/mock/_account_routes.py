"""Which account operation a request is: method and path to the SDK's operation name and the path's id.

Names are the SDK's (`contexts.get`, `secrets.create`, ...), so a fault
aimed at `operation="contexts.create"` reads like the call it breaks.
Static paths win over the id paths (`/v1/voices/third_party` is not a
voice called "third_party"; `/v1/avatars/public` is not an avatar).
"""

from __future__ import annotations

from typing import Final

__all__ = ["ACCOUNT_OPERATIONS", "account_route"]

_STATIC: Final[dict[str, dict[str, str]]] = {
    "/v1/avatars": {"GET": "avatars.list"},
    "/v1/avatars/public": {"GET": "avatars.list_public"},
    "/v1/voices": {"GET": "voices.list"},
    "/v1/voices/third_party": {"POST": "voices.bind_third_party"},
    "/v1/contexts": {"GET": "contexts.list", "POST": "contexts.create"},
    "/v1/memory": {"GET": "memories.list", "POST": "memories.create"},
    "/v1/secrets": {"GET": "secrets.list", "POST": "secrets.create"},
    "/v1/llm-configurations": {"GET": "llm_configurations.list", "POST": "llm_configurations.create"},
    "/v1/llm-models": {"GET": "llm_models.list"},
    "/v1/languages": {"GET": "languages.list"},
    "/v2/embeddings": {"POST": "embeds.create"},
    "/v1/voice_agents": {"GET": "voice_agents.list"},
}
_BY_ID: Final[dict[str, dict[str, str]]] = {
    "/v1/avatars/": {"GET": "avatars.get", "PATCH": "avatars.update", "DELETE": "avatars.delete"},
    "/v1/voices/": {"GET": "voices.get", "PATCH": "voices.update", "DELETE": "voices.delete"},
    "/v1/contexts/": {"GET": "contexts.get", "PATCH": "contexts.update", "DELETE": "contexts.delete"},
    "/v1/memory/": {"GET": "memories.get", "DELETE": "memories.delete"},
    "/v1/secrets/": {"DELETE": "secrets.delete"},
    "/v1/llm-configurations/": {
        "GET": "llm_configurations.get",
        "PATCH": "llm_configurations.update",
        "DELETE": "llm_configurations.delete",
    },
    "/v1/voice_agents/": {"GET": "voice_agents.get", "DELETE": "voice_agents.delete"},
}
_PREVIEW: Final = ("/v1/voices/", "/preview", {"GET": "voices.preview"})

ACCOUNT_OPERATIONS: Final[tuple[str, ...]] = tuple(
    sorted({name for table in (*_STATIC.values(), *_BY_ID.values(), _PREVIEW[2]) for name in table.values()})
)
"""Every account operation the mock serves."""


def _pick(methods: dict[str, str], method: str, resource_id: str | None) -> tuple[str | None, str | None, str | None]:
    operation = methods.get(method)
    if operation is None:
        return None, None, ", ".join(methods)
    return operation, resource_id, None


def account_route(method: str, path: str) -> tuple[str | None, str | None, str | None] | None:
    """`(operation, id in the path, allow)` for an account path (`allow` set on a wrong method), else None."""
    static = _STATIC.get(path)
    if static is not None:
        return _pick(static, method, None)
    prefix, suffix, methods = _PREVIEW
    if path.startswith(prefix) and path.endswith(suffix):
        found = path[len(prefix) : -len(suffix)]
        if found and "/" not in found:
            return _pick(methods, method, found)
    for prefix, by_id in _BY_ID.items():
        if path.startswith(prefix):
            found = path[len(prefix) :]
            if found and "/" not in found:
                return _pick(by_id, method, found)
    return None
