"""The account API of the mock, with state.

Avatars, voices, contexts, memories, secrets, LLM configurations and
models, languages, embeds and voice agents.

Each operation authenticates (the API key; public avatars, languages and
LLM models take none), checks its path, query and body against the spec
(FastAPI-shaped 422s), then applies the account rules of
`liveavatar.mock._rules` (`account-resource-exists`,
`llm-config-secret-known`, `bind-secret-known`, `voice-agent-in-use`,
`memory-from-ended-full-session`, `embed-agent-or-context`, and
`start-llm-config-known` for the session start). Anything undocumented
stays lenient: a voice agent or avatar an embed names need not exist, an
update of a context keeps its links unless given.

The mock starts with public avatars (the sandbox's Wayne and the embed
sandbox avatar among them), each with a stock default voice (INFERRED: a
public video avatar speaks with one), and public voices. The API cannot create
avatars or voice agents; `add_avatar` and `add_voice_agent` do. Secrets'
values are stored and never returned; lists of secrets and LLM
configurations are newest first, as documented.
"""

from __future__ import annotations

import base64
import datetime
import re
import threading
import urllib.parse
import uuid
from collections.abc import Callable, Mapping
from typing import Any, Final

from ._config import MockConfig
from ._endpoints import Incoming, parse_json_body
from ._reply import Reply, envelope, refused, success, unprocessable
from ._rules import (
    ACCOUNT_RESOURCE_EXISTS,
    BIND_SECRET_KNOWN,
    EMBED_AGENT_OR_CONTEXT,
    LLM_CONFIG_SECRET_KNOWN,
    MEMORY_FROM_ENDED_FULL,
    START_LLM_CONFIG_KNOWN,
    VOICE_AGENT_IN_USE,
    Rejection,
)
from ._sessions import Lifecycle
from ._validation import Detail, field_problem, schema_problems

__all__ = ["PUBLIC_AVATARS", "Account"]

_KEY_MESSAGE: Final = "Unauthorized: missing or invalid X-API-KEY"
_NO_KEY: Final = frozenset({"avatars.list_public", "llm_models.list", "languages.list"})
_PLACEHOLDER: Final = re.compile(r"\$\{([^{}]+)\}")
_INTEGER: Final = re.compile(r"\s*[+-]?\d+\s*")
_EMBED_HOST: Final = "https://embed.liveavatar.com/v1/"
_PREVIEW_LENGTH: Final = 100

PUBLIC_AVATARS: Final = (
    ("dd73ea75-1218-4ef3-92ce-606d5f7fbc0a", "Wayne"),
    ("65f9e3c9-d48b-4118-b73a-4ae2e3cbb8f0", "June HR"),
    ("0930fd59-c8ad-434d-ad53-b391a1768720", "Ann Therapist"),
)
"""The seeded public avatars: the session sandbox's Wayne, the embed sandbox's June HR, and one more."""
_PUBLIC_VOICES: Final = (
    ("c2527536-6d1f-4412-a643-53a3497dada9", "Judy", "female"),
    ("9650a758-1085-4d49-8bf3-f347565ec229", "Dexter", "male"),
)
LLM_MODELS: Final = {"openai": ["gpt-4o-mini", "gpt-4o", "gpt-5-nano", "gpt-5.4-nano"]}
LANGUAGES: Final = (
    ("English", "en"), ("Spanish", "es"), ("French", "fr"), ("German", "de"), ("Japanese", "ja"),
    ("Multilingual", "multi"),
)  # fmt: skip


class _NoContent(Reply):
    """A 204: no body at all."""

    def encode(self) -> bytes:
        return b""


def _query(text: str) -> dict[str, str]:
    return dict(urllib.parse.parse_qsl(text, keep_blank_values=True))


def _canonical(value: str) -> str | None:
    try:
        return str(uuid.UUID(value))
    except ValueError:
        return None


def _int_param(params: Mapping[str, str], name: str, low: int, high: int | None, problems: list[Detail]) -> int | None:
    text = params.get(name)
    if text is None:
        return None
    if not _INTEGER.fullmatch(text):
        message = "Input should be a valid integer, unable to parse string as an integer"
        problems.append(field_problem(("query", name), message, "int_parsing", text))
        return None
    value = int(text)
    if value < low:
        message = f"Input should be greater than or equal to {low}"
        problems.append(field_problem(("query", name), message, "greater_than_equal", text, {"ge": low}))
    elif high is not None and value > high:
        message = f"Input should be less than or equal to {high}"
        problems.append(field_problem(("query", name), message, "less_than_equal", text, {"le": high}))
    return value


def placeholders(*texts: str) -> list[str]:
    """The `${name}` placeholders of the texts, in order of first appearance."""
    found: dict[str, None] = {}
    for text in texts:
        for name in _PLACEHOLDER.findall(text):
            found.setdefault(name.strip(), None)
    return list(found)


class Account:
    """The account resources of one mock, and their operations; thread-safe."""

    def __init__(self, config: MockConfig, now: Callable[[], float], lifecycle: Lifecycle) -> None:
        self._config = config
        self._now = now
        self._lifecycle = lifecycle
        self._lock = threading.Lock()
        self.reset()
        self.handlers: Mapping[str, Callable[[Incoming], Reply]] = {
            name: self._authenticated(name, getattr(self, name.replace(".", "_")))
            for name in (
                "avatars.list", "avatars.list_public", "avatars.get", "avatars.update", "avatars.delete",
                "voices.list", "voices.get", "voices.update", "voices.delete", "voices.preview",
                "voices.bind_third_party", "contexts.list", "contexts.create", "contexts.get", "contexts.update",
                "contexts.delete", "memories.list", "memories.create", "memories.get", "memories.delete",
                "secrets.list", "secrets.create", "secrets.delete", "llm_configurations.list",
                "llm_configurations.create", "llm_configurations.get", "llm_configurations.update",
                "llm_configurations.delete", "llm_models.list", "languages.list", "embeds.create",
                "voice_agents.list", "voice_agents.get", "voice_agents.delete",
            )
        }  # fmt: skip

    def reset(self) -> None:
        """Back to the seeded public avatars and voices, and nothing of the caller's."""
        when = self._iso()
        with self._lock:
            # A stock video avatar speaks with a stock voice (INFERRED: the public catalog's avatars have one).
            voice_id, voice_name, _ = _PUBLIC_VOICES[1]
            self.avatars: dict[str, dict[str, Any]] = {
                avatar_id: self._avatar(
                    avatar_id, name, when, public=True, default_voice={"id": voice_id, "name": voice_name}
                )
                for avatar_id, name in PUBLIC_AVATARS
            }
            self.voices: dict[str, dict[str, Any]] = {
                voice_id: {
                    "id": voice_id, "name": name, "description": None, "language": "en", "gender": gender,
                    "tags": ["Public"], "created_at": when, "updated_at": when, "_private": False,
                }
                for voice_id, name, gender in _PUBLIC_VOICES
            }  # fmt: skip
            self.contexts: dict[str, dict[str, Any]] = {}
            self.memories: dict[str, dict[str, Any]] = {}
            self.secrets: dict[str, dict[str, Any]] = {}
            self.secret_values: dict[str, str] = {}
            self.llm_configurations: dict[str, dict[str, Any]] = {}
            self.embeds: dict[str, dict[str, Any]] = {}
            self.voice_agents: dict[str, dict[str, Any]] = {}
            self.token_llm_configurations: dict[str, str] = {}

    # -- helpers ---------------------------------------------------------------------------

    def _iso(self) -> str:
        return datetime.datetime.fromtimestamp(self._now(), datetime.UTC).isoformat()

    def _avatar(self, avatar_id: str, name: str, when: str, *, public: bool, **fields: Any) -> dict[str, Any]:
        return {
            "id": avatar_id, "space_id": None if public else "mock-space", "type": "VIDEO", "status": "ACTIVE",
            "name": name, "preview_url": f"https://files.liveavatar.com/mock/{avatar_id}.webp", "is_expired": False,
            "default_voice": None, "is_1080p": False, "created_at": when, "updated_at": when, "error_message": None,
            **fields, "_public": public,
        }  # fmt: skip

    def _ok(self, data: Any, message: str = "Success") -> Reply:
        return success(200, self._config.success_code, data, message)

    @staticmethod
    def _shown(item: Mapping[str, Any]) -> dict[str, Any]:
        return {key: value for key, value in item.items() if not key.startswith("_")}

    def _authenticated(self, operation: str, handler: Callable[[Incoming], Reply]) -> Callable[[Incoming], Reply]:
        def handle(request: Incoming) -> Reply:
            if operation in _NO_KEY or self._config.accepts(request.headers.get("x-api-key")):
                with self._lock:
                    return handler(request)
            return envelope(401, _KEY_MESSAGE)

        return handle

    def _body(self, request: Incoming, schema: str) -> dict[str, Any] | Reply:
        parsed, problem = parse_json_body(request.headers.get("content-type"), request.raw, required=True)
        if problem is not None:
            return unprocessable([problem])
        details = schema_problems(schema, parsed)
        if details:
            return unprocessable(details)
        body: dict[str, Any] = parsed
        return body

    @staticmethod
    def _missing(kind: str, item_id: str) -> Reply:
        return refused(ACCOUNT_RESOURCE_EXISTS.refuse(f"{kind} with id '{item_id}' not found in your space"))

    def _page(self, request: Incoming, items: list[dict[str, Any]], shown: Callable[[dict[str, Any]], Any]) -> Reply:
        params = _query(request.query)
        problems: list[Detail] = []
        page = _int_param(params, "page", 1, None, problems) or 1
        size = _int_param(params, "page_size", 1, 100, problems) or 20
        if problems:
            return unprocessable(problems)
        first = (page - 1) * size

        def link(number: int) -> str:
            return f"{request.base_url}{request.path}?{urllib.parse.urlencode({**params, 'page': number})}"

        return self._ok(
            {
                "count": len(items),
                "next": link(page + 1) if first + size < len(items) else None,
                "previous": link(page - 1) if page > 1 else None,
                "results": [shown(item) for item in items[first : first + size]],
            }
        )

    @staticmethod
    def _newest(items: Mapping[str, dict[str, Any]]) -> list[dict[str, Any]]:
        return list(items.values())[::-1]

    def _found(self, items: Mapping[str, dict[str, Any]], kind: str, item_id: str) -> dict[str, Any] | Reply:
        item = items.get(item_id)
        return self._missing(kind, item_id) if item is None else item

    # -- avatars -----------------------------------------------------------------------------

    def avatars_list(self, request: Incoming) -> Reply:
        custom = [item for item in self._newest(self.avatars) if not item["_public"]]
        return self._page(request, custom, self._shown)

    def avatars_list_public(self, request: Incoming) -> Reply:
        public = [item for item in self.avatars.values() if item["_public"]]
        return self._page(request, public, self._shown)

    def avatars_get(self, request: Incoming) -> Reply:
        found = self._found(self.avatars, "Avatar", request.session_id or "")
        return found if isinstance(found, Reply) else self._ok(self._shown(found))

    def avatars_update(self, request: Incoming) -> Reply:
        found = self._found(self.avatars, "Avatar", request.session_id or "")
        body = self._body(request, "UpdateAvatarRequest")
        if isinstance(found, Reply) or isinstance(body, Reply):
            return body if isinstance(body, Reply) else found  # type: ignore[return-value]
        if "name" in body:
            found["name"] = body["name"]
        if "default_voice_id" in body:
            voice = self.voices.get(body["default_voice_id"])
            found["default_voice"] = {"id": body["default_voice_id"], **({"name": voice["name"]} if voice else {})}
        found["updated_at"] = self._iso()
        return self._ok(self._shown(found), "Avatar updated")

    def avatars_delete(self, request: Incoming) -> Reply:
        avatar_id = request.session_id or ""
        if self.avatars.pop(avatar_id, None) is None:
            return self._missing("Avatar", avatar_id)
        return self._ok(None, "Avatar deleted")

    # -- voices ------------------------------------------------------------------------------

    def voices_list(self, request: Incoming) -> Reply:
        kind = _query(request.query).get("voice_type", "public")
        if kind not in ("public", "private"):
            expected = "'public' or 'private'"
            detail = field_problem(
                ("query", "voice_type"), f"Input should be {expected}", "enum", kind, {"expected": expected}
            )
            return unprocessable([detail])
        wanted = kind == "private"
        return self._page(request, [v for v in self.voices.values() if v["_private"] == wanted], self._shown)

    def voices_get(self, request: Incoming) -> Reply:
        found = self._found(self.voices, "Voice", request.session_id or "")
        return found if isinstance(found, Reply) else self._ok(self._shown(found))

    def voices_update(self, request: Incoming) -> Reply:
        found = self._found(self.voices, "Voice", request.session_id or "")
        body = self._body(request, "UpdateVoiceRequest")
        if isinstance(found, Reply) or isinstance(body, Reply):
            return body if isinstance(body, Reply) else found  # type: ignore[return-value]
        found.update(name=body["name"], updated_at=self._iso())
        return self._ok(self._shown(found), "Voice updated")

    def voices_delete(self, request: Incoming) -> Reply:
        voice_id = request.session_id or ""
        if self.voices.pop(voice_id, None) is None:
            return self._missing("Voice", voice_id)
        return self._ok(None, "Voice deleted successfully")

    def voices_preview(self, request: Incoming) -> Reply:
        found = self._found(self.voices, "Voice", request.session_id or "")
        if isinstance(found, Reply):
            return found
        audio = b"ID3\x04\x00mock-preview:" + found["id"].encode()
        return self._ok({"audio_base64": base64.b64encode(audio).decode()})

    def voices_bind_third_party(self, request: Incoming) -> Reply:
        body = self._body(request, "ThirdPartyVoiceBindRequest")
        if isinstance(body, Reply):
            return body
        if body["secret_id"] not in self.secrets:
            rejection = BIND_SECRET_KNOWN.refuse(f"Secret with id '{body['secret_id']}' not found in your space")
            return Reply(400, {"code": 4000, "data": None, "message": rejection.message}, rules=(rejection.rule.name,))
        when = self._iso()
        voice_id = str(uuid.uuid4())
        self.voices[voice_id] = {
            "id": voice_id, "name": body.get("name") or f"Imported Voice: {body['provider_voice_id']}",
            "description": None, "language": "en", "gender": "unknown", "tags": ["Imported"],
            "created_at": when, "updated_at": when, "_private": True,
        }  # fmt: skip
        return self._ok({"voice_id": voice_id}, "Voice imported successfully")

    # -- contexts ----------------------------------------------------------------------------

    def _context_id(self, request: Incoming) -> str | Reply:
        given = request.session_id or ""
        canonical = _canonical(given)
        if canonical is None:
            return unprocessable(
                [field_problem(("path", "context_id"), "Input should be a valid UUID", "uuid_parsing", given)]
            )
        return canonical

    def _write_context(self, context: dict[str, Any], body: Mapping[str, Any]) -> None:
        context.update(name=body["name"], prompt=body["prompt"], opening_text=body["opening_text"])
        if "links" in body:
            context["links"] = [
                {"id": link.get("id") or str(uuid.uuid4()), "url": link["url"], "faq": link["faq"]}
                for link in body["links"]
            ]
        context["required_dynamic_variables"] = placeholders(context["prompt"], context["opening_text"])
        context["updated_at"] = self._iso()

    def contexts_list(self, request: Incoming) -> Reply:
        def summary(item: dict[str, Any]) -> dict[str, Any]:
            return {key: item[key] for key in ("id", "name", "created_at", "updated_at")}

        return self._page(request, self._newest(self.contexts), summary)

    def contexts_create(self, request: Incoming) -> Reply:
        body = self._body(request, "ContextRequest")
        if isinstance(body, Reply):
            return body
        context_id = str(uuid.uuid4())
        context: dict[str, Any] = {"id": context_id, "links": [], "created_at": self._iso()}
        self._write_context(context, body)
        self.contexts[context_id] = context
        return self._ok(context, "Context created")

    def contexts_get(self, request: Incoming) -> Reply:
        context_id = self._context_id(request)
        if isinstance(context_id, Reply):
            return context_id
        found = self._found(self.contexts, "Context", context_id)
        return found if isinstance(found, Reply) else self._ok(found)

    def contexts_update(self, request: Incoming) -> Reply:
        context_id = self._context_id(request)
        if isinstance(context_id, Reply):
            return context_id
        body = self._body(request, "ContextRequest")
        if isinstance(body, Reply):
            return body
        found = self._found(self.contexts, "Context", context_id)
        if isinstance(found, Reply):
            return found
        self._write_context(found, body)
        return self._ok(found, "Context updated")

    def contexts_delete(self, request: Incoming) -> Reply:
        context_id = self._context_id(request)
        if isinstance(context_id, Reply):
            return context_id
        if self.contexts.pop(context_id, None) is None:
            return self._missing("Context", context_id)
        return self._ok(None, "Context deleted")

    # -- memories ----------------------------------------------------------------------------

    def memories_list(self, request: Incoming) -> Reply:
        def item(memory: dict[str, Any]) -> dict[str, Any]:
            shown = {key: memory[key] for key in ("id", "memory_type", "created_at", "updated_at")}
            return {**shown, "memory_content_preview": memory["memory_content"][:_PREVIEW_LENGTH]}

        return self._page(request, self._newest(self.memories), item)

    def memories_create(self, request: Incoming) -> Reply:
        body = self._body(request, "CreateMemoryRequest")
        if isinstance(body, Reply):
            return body
        rejection = self._memory_source(str(body["session_id"]))
        if isinstance(rejection, Rejection):
            return refused(rejection)
        when = self._iso()
        memory_id = f"mem_{uuid.uuid4().hex[:16]}"
        episode = {"session_id": rejection[0], "sequence_num": 1, "summary": rejection[1], "created_at": when}
        self.memories[memory_id] = {
            "id": memory_id, "memory_type": "session", "memory_content": rejection[1], "session_episodes": [episode],
            "created_at": when, "updated_at": when,
        }  # fmt: skip
        shown = {key: self.memories[memory_id][key] for key in ("id", "memory_type", "memory_content", "created_at")}
        return self._ok(shown, "Memory created")

    def _memory_source(self, session_id: str) -> tuple[str, str] | Rejection:
        try:
            session = self._lifecycle.session(session_id)
        except KeyError:
            return MEMORY_FROM_ENDED_FULL.refuse(f"Session with id '{session_id}' not found in your space")
        if session.mode != "FULL" or session.active:
            return MEMORY_FROM_ENDED_FULL.refuse(
                f"A memory is built from a FULL session that has ended; session {session_id} is "
                f"{'running' if session.active else session.mode}"
            )
        if not session.transcript:
            return MEMORY_FROM_ENDED_FULL.refuse(f"Session {session_id} has no transcript to build a memory from")
        return session.id, " ".join(f"{line.role}: {line.transcript}" for line in session.transcript)

    def memories_get(self, request: Incoming) -> Reply:
        found = self._found(self.memories, "Memory", request.session_id or "")
        return found if isinstance(found, Reply) else self._ok(found)

    def memories_delete(self, request: Incoming) -> Reply:
        memory_id = request.session_id or ""
        if self.memories.pop(memory_id, None) is None:
            return self._missing("Memory", memory_id)
        return _NoContent(204, None)

    # -- secrets -----------------------------------------------------------------------------

    def secrets_list(self, request: Incoming) -> Reply:
        return self._ok(self._newest(self.secrets))

    def secrets_create(self, request: Incoming) -> Reply:
        body = self._body(request, "CreateSecretRequest")
        if isinstance(body, Reply):
            return body
        secret_id = str(uuid.uuid4())
        self.secrets[secret_id] = {
            "id": secret_id, "secret_name": body["secret_name"], "secret_type": body["secret_type"],
            "created_at": self._iso(),
        }  # fmt: skip
        self.secret_values[secret_id] = body["secret_value"]
        return self._ok({"id": secret_id, "secret_name": body["secret_name"]}, "Secret created")

    def secrets_delete(self, request: Incoming) -> Reply:
        secret_id = request.session_id or ""
        if self.secrets.pop(secret_id, None) is None:
            return self._missing("Secret", secret_id)
        self.secret_values.pop(secret_id, None)
        return self._ok(None, "Secret deleted")

    # -- LLM configurations, models, languages -----------------------------------------------

    def _secret_refused(self, body: Mapping[str, Any]) -> Reply | None:
        secret_id = body.get("secret_id")
        if secret_id is None or secret_id in self.secrets:
            return None
        return refused(LLM_CONFIG_SECRET_KNOWN.refuse(f"Secret with id '{secret_id}' is invalid for your space"))

    def llm_configurations_list(self, request: Incoming) -> Reply:
        keys = ("id", "display_name", "model_name", "secret_id")
        return self._ok([{key: item[key] for key in keys} for item in self._newest(self.llm_configurations)])

    def llm_configurations_create(self, request: Incoming) -> Reply:
        body = self._body(request, "CreateLLMConfigurationRequest")
        if isinstance(body, Reply):
            return body
        refusal = self._secret_refused(body)
        if refusal is not None:
            return refusal
        when = self._iso()
        config_id = str(uuid.uuid4())
        self.llm_configurations[config_id] = {
            "id": config_id, "base_url": body.get("base_url"), "display_name": body["display_name"],
            "model_name": body["model_name"], "secret_id": body["secret_id"], "created_at": when, "updated_at": when,
        }  # fmt: skip
        return self._ok(self.llm_configurations[config_id], "LLM configuration created")

    def llm_configurations_get(self, request: Incoming) -> Reply:
        found = self._found(self.llm_configurations, "LLM configuration", request.session_id or "")
        return found if isinstance(found, Reply) else self._ok(found)

    def llm_configurations_update(self, request: Incoming) -> Reply:
        found = self._found(self.llm_configurations, "LLM configuration", request.session_id or "")
        body = self._body(request, "UpdateLLMConfigurationRequest")
        if isinstance(found, Reply) or isinstance(body, Reply):
            return body if isinstance(body, Reply) else found  # type: ignore[return-value]
        refusal = self._secret_refused(body)
        if refusal is not None:
            return refusal
        known = ("base_url", "display_name", "model_name", "secret_id")
        found.update({key: body[key] for key in known if key in body}, updated_at=self._iso())
        return self._ok(found, "LLM configuration updated")

    def llm_configurations_delete(self, request: Incoming) -> Reply:
        config_id = request.session_id or ""
        if self.llm_configurations.pop(config_id, None) is None:
            return self._missing("LLM configuration", config_id)
        return self._ok(None, "LLM configuration deleted")

    def llm_models_list(self, request: Incoming) -> Reply:
        return self._ok({provider: list(names) for provider, names in LLM_MODELS.items()}, "LLM models retrieved")

    def languages_list(self, request: Incoming) -> Reply:
        return self._ok([{"language": language, "code": code} for language, code in LANGUAGES])

    # -- embeds and voice agents -------------------------------------------------------------

    def embeds_create(self, request: Incoming) -> Reply:
        body = self._body(request, "CreateEmbedRequest")
        if isinstance(body, Reply):
            return body
        if "voice_agent_id" in body and ("context_id" in body or "voice_id" in body):
            message = "voice_agent_id is mutually exclusive with voice_id and context_id"
        elif "voice_agent_id" not in body and "context_id" not in body:
            message = "Provide context_id or voice_agent_id"
        else:
            message = ""
        if message:
            rule = EMBED_AGENT_OR_CONTEXT
            detail = field_problem(("body",), message, "value_error")
            return Reply(422, {"detail": [detail]}, rules=(rule.name,))
        embed_id = str(uuid.uuid4())
        url = _EMBED_HOST + embed_id
        orientation = body.get("orientation", "horizontal")
        self.embeds[embed_id] = {**body, "embed_id": embed_id}
        script = f'<iframe src="{url}" allow="microphone" title="LiveAvatar Embed"></iframe>'
        return self._ok({"embed_id": embed_id, "url": url, "script": script, "orientation": orientation})

    def voice_agents_list(self, request: Incoming) -> Reply:
        keys = ("id", "name", "agent_type", "created_at", "updated_at")
        return self._ok([{key: agent[key] for key in keys} for agent in self._newest(self.voice_agents)])

    def voice_agents_get(self, request: Incoming) -> Reply:
        found = self._found(self.voice_agents, "Voice agent", request.session_id or "")
        return found if isinstance(found, Reply) else self._ok(found)

    def voice_agents_delete(self, request: Incoming) -> Reply:
        agent_id = request.session_id or ""
        if agent_id not in self.voice_agents:
            return self._missing("Voice agent", agent_id)
        users = [embed_id for embed_id, embed in self.embeds.items() if embed.get("voice_agent_id") == agent_id]
        if users:
            rejection = VOICE_AGENT_IN_USE.refuse(
                f"Voice agent {agent_id} is used by {len(users)} embed(s); repoint or delete them first"
            )
            payload = {"code": 409, "data": {"embed_ids": users}, "message": rejection.message}
            return Reply(409, payload, rules=(rejection.rule.name,))
        del self.voice_agents[agent_id]
        return self._ok(None, "Voice agent deleted")

    # -- the mock's helpers and the session start ---------------------------------------------

    def add_avatar(self, name: str, *, avatar_id: str | None = None, **fields: Any) -> str:
        """Add a custom avatar (the API cannot create one); its id."""
        new_id = avatar_id or str(uuid.uuid4())
        with self._lock:
            self.avatars[new_id] = self._avatar(new_id, name, self._iso(), public=False, **fields)
        return new_id

    def add_voice_agent(
        self,
        name: str,
        *,
        agent_type: str = "liveavatar_agent",
        agent_configuration: Mapping[str, Any] | None = None,
        agent_id: str | None = None,
    ) -> str:
        """Add a voice agent (built in the dashboard upstream); its id."""
        new_id = agent_id or str(uuid.uuid4())
        when = self._iso()
        with self._lock:
            self.voice_agents[new_id] = {
                "id": new_id, "name": name, "agent_type": agent_type,
                "agent_configuration": dict(agent_configuration or {}), "created_at": when, "updated_at": when,
            }  # fmt: skip
        return new_id

    def minted(self, session_id: str, body: Mapping[str, Any]) -> None:
        """Remember the LLM configuration a token names: the start checks it, not the mint."""
        config_id = body.get("llm_configuration_id")
        if isinstance(config_id, str):
            with self._lock:
                self.token_llm_configurations[session_id] = config_id

    def start_refusal(self, session_id: str) -> Rejection | None:
        """`start-llm-config-known` for the session a token starts."""
        with self._lock:
            config_id = self.token_llm_configurations.get(session_id)
            if config_id is None or any(MockConfig.same_id(config_id, known) for known in self.llm_configurations):
                return None
        return START_LLM_CONFIG_KNOWN.refuse(f"LLM configuration with id '{config_id}' not found in your space")
