"""The API's rules beyond field types, in one place.

These mirror what the live server has been seen to enforce (see
`shared/reference/liveavatar-token-api.md`) and what the SDK checks before
sending. Each rule, the status it produces and where it lives:

1. FULL takes exactly one of `avatar_persona` / `voice_agent` (a body
   without `mode` is FULL). 422, loc `["body"]`, msg "Provide exactly one of
   avatar_persona or voice_agent", type `value_error`. The spec leaves this
   rule out of the schema on purpose (see its `info.description`).
2. `dynamic_variables` (top-level and `voice_agent.dynamic_variables`): at
   most 50 entries, keys of 1–64 characters, string values of at most 1000.
   422, located at the map, the key (`[..., key, "[key]"]`) or the value.
   Carried by the spec's `DynamicVariables` schema.
3. Sandbox caps `max_session_duration` at 60 s.
   400 "max_session_duration (Ns) exceeds the maximum allowed (60s)".
4. Sandbox allows only the sandbox avatar(s) (`MockConfig.sandbox_avatar_ids`).
   400 "avatar_id X is not available in sandbox mode; sandbox sessions can
   only use the sandbox avatar dd73ea75-…".
5. `memory.prev_session_id` and `memory.session_memory_id`, when both are
   given, must resolve to the same memory. 400. The mock cannot see real
   memories, so it uses `MockConfig.memories` (`prev_session_id ->
   memory_id`): a known previous session mapped to a different memory is
   refused; an unknown one is taken as bootstrapping into the given
   `session_memory_id` and accepted.
6. With `voice_agent`, `dynamic_variables` must be inside it: a top-level
   `dynamic_variables` key (even `{}`) next to a `voice_agent` is a 400
   "dynamic_variables must be sent inside voice_agent when a voice_agent is
   used".
7. ElevenLabs `apply_language_text_normalization: true` needs
   `avatar_persona.language` (default `en`) to be exactly `ja`. 422 at
   `["body", "avatar_persona", "voice_settings",
   "apply_language_text_normalization"]`.
8. LITE takes at most one connector among `livekit_config`,
   `agora_config`, `elevenlabs_agent_config`, `openai_realtime_config` and
   `gemini_realtime_config` (null values do not count). 422 at `["body"]`.

Order, as on a FastAPI server: the schema (rule 2) and the model-level
checks (1, 7, 8) are one validation step whose problems are reported together
as a 422; only a body that passes it meets the handler's checks (3–6), of
which the first failing one answers 400.
"""

from __future__ import annotations

from typing import Any

import attrs

from ._config import MockConfig
from ._validation import Detail, field_problem

__all__ = [
    "CONNECTOR_FIELDS",
    "DYNAMIC_VARIABLES_PLACEMENT_MESSAGE",
    "EXACTLY_ONE_MESSAGE",
    "Rejection",
    "business_rejection",
    "input_problems",
]

CONNECTOR_FIELDS = (
    "livekit_config",
    "agora_config",
    "elevenlabs_agent_config",
    "openai_realtime_config",
    "gemini_realtime_config",
)

EXACTLY_ONE_MESSAGE = "Provide exactly one of avatar_persona or voice_agent"
DYNAMIC_VARIABLES_PLACEMENT_MESSAGE = "dynamic_variables must be sent inside voice_agent when a voice_agent is used"

_NORMALIZATION_LANGUAGE = "ja"
_DEFAULT_LANGUAGE = "en"


@attrs.frozen
class Rejection:
    """A business-rule failure: the status and the envelope's message."""

    status: int
    message: str


def input_problems(body: dict[str, Any]) -> list[Detail]:
    """Rules 1, 7 and 8, for a body that passed the schema: 422 details, or none."""
    problems: list[Detail] = []
    if body.get("mode") == "FULL" and ("avatar_persona" in body) == ("voice_agent" in body):
        problems.append(field_problem(("body",), EXACTLY_ONE_MESSAGE, "value_error", body))
    persona = body.get("avatar_persona")
    if isinstance(persona, dict):
        settings = persona.get("voice_settings")
        language = persona.get("language", _DEFAULT_LANGUAGE)
        if (
            isinstance(settings, dict)
            and settings.get("provider") == "elevenLabs"
            and settings.get("apply_language_text_normalization") is True
            and language != _NORMALIZATION_LANGUAGE
        ):
            problems.append(
                field_problem(
                    ("body", "avatar_persona", "voice_settings", "apply_language_text_normalization"),
                    f"apply_language_text_normalization is only supported when language is "
                    f"{_NORMALIZATION_LANGUAGE!r}, got {language!r}",
                    "value_error",
                    True,
                )
            )
    if body.get("mode") == "LITE":
        connectors = [name for name in CONNECTOR_FIELDS if body.get(name) is not None]
        if len(connectors) > 1:
            problems.append(
                field_problem(
                    ("body",),
                    f"Provide at most one of {', '.join(CONNECTOR_FIELDS)}; got {', '.join(connectors)}",
                    "value_error",
                    {name: body[name] for name in connectors},
                )
            )
    return problems


def business_rejection(body: dict[str, Any], config: MockConfig) -> Rejection | None:
    """Rules 3 to 6, for a valid body: the first one that fails, or None."""
    if body.get("is_sandbox") is True:
        duration = body.get("max_session_duration")
        limit = config.sandbox_max_session_duration
        if duration is not None and duration > limit:
            return Rejection(400, f"max_session_duration ({int(duration)}s) exceeds the maximum allowed ({limit}s)")
        avatar_id = str(body["avatar_id"])
        if not config.is_sandbox_avatar(avatar_id):
            allowed = " or ".join(sorted(config.sandbox_avatar_ids))
            return Rejection(
                400,
                f"avatar_id {avatar_id} is not available in sandbox mode; "
                f"sandbox sessions can only use the sandbox avatar {allowed}",
            )
    memory = body.get("memory")
    if isinstance(memory, dict):
        previous, attached = memory.get("prev_session_id"), memory.get("session_memory_id")
        if previous is not None and attached is not None:
            known = config.memory_of(previous)
            if known is not None and not config.same_id(known, attached):
                return Rejection(
                    400,
                    f"memory.prev_session_id and memory.session_memory_id must resolve to the same memory: "
                    f"session {previous} has memory {known}, not {attached}",
                )
    if "voice_agent" in body and "dynamic_variables" in body:
        return Rejection(400, DYNAMIC_VARIABLES_PLACEMENT_MESSAGE)
    return None
