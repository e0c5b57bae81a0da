"""The API's rules beyond the schema, in one table, each with its source.

The mock refuses a schema-valid body only for a rule in `RULES`, and every
such refusal names its rule in the request record (`RecordedRequest.rules`).
A rule is here only when a source says the server enforces it. Its source
is one or more of:

- documented: LiveAvatar's own docs or published schema say so;
- observed: third parties report the live server doing it (the status and
  wording are theirs where they gave them);
- inferred: our deduction, with its reason.

`TABLE` also holds the rules only the SDK checks; `rules_table()`
renders it, the docs' rules page (docs/guides/rules.md) is that
rendering, made when the site is built. In short:

- `persona-or-agent`: FULL takes exactly one of `avatar_persona` and
  `voice_agent` (a body without `mode` is FULL); 422 at `["body"]`;
- `dynamic-variables-limits`: top-level `dynamic_variables` hold at most 50
  entries, keys of at most 64 characters, values of at most 1000; 422 at
  the map, the key (`[..., key, "[key]"]`) or the value. The spec writes
  these as schema keywords, so the schema step checks them;
- `normalization-needs-ja`: ElevenLabs `apply_language_text_normalization:
  true` needs the persona language `ja` (unset is `en`); 422 at the flag;
- `sandbox-duration`: sandbox caps `max_session_duration` at 60 s; 400;
- `sandbox-avatar`: sandbox allows only `MockConfig.sandbox_avatar_ids`;
  400, saying how to allow another id;
- `memory-same`: `memory.prev_session_id` and `memory.session_memory_id`,
  when both are given, must resolve to the same memory; 400. The mock
  cannot see real memories, so it uses `MockConfig.memories`
  (`prev_session_id -> memory_id`): a known previous session mapped to a
  different memory is refused; an unknown one is taken as bootstrapping
  into the given `session_memory_id` and accepted;
- `agent-variables-inside`: with `voice_agent`, `dynamic_variables` go
  inside it; a top-level one (even `{}`) is a 400.

The session lifecycle's refusals (`liveavatar.mock._sessions` applies them):

- `start-takes-session-token`: `POST /v1/sessions/start` authenticates
  with `Authorization: Bearer <session token>` only; the API key (or
  nothing) is a 401 whose message says so;
- `session-token-valid`: a bearer token this mock never minted, or one past
  its `exp` on the mock's clock, is a 401 (INFERRED status);
- `start-once`: a token starts one session; a second start is a 400
  (INFERRED status);
- `start-needs-credit`: a non-sandbox start needs a minute of credit (FULL
  2, LITE 1); less is a 400 (documented rule, INFERRED status);
- `session-id-with-api-key`: `stop` and `keep-alive` with the API key need
  `session_id` in the body; without it, a 400 (old reference text; INFERRED
  status). With a session token the token's own session is meant;
- `token-own-session`: a session token acts only on its own session;
  another session's id is a 403 (INFERRED);
- `session-exists`: a per-session call for an id that never started
  (unknown, or minted and not started) is a 404;
- `session-ended`: `stop` or `keep-alive` of an ended session is a 404, as
  third-party code sees (INFERRED from 3P-CODE; the SDK asks `get` to tell
  it from an unknown id).

The account API's refusals (`liveavatar.mock._account` applies them):

- `account-resource-exists`: get, update, delete or preview of an id the
  space does not hold is a 404 (documented for secrets and LLM
  configurations, INFERRED for the rest);
- `llm-config-secret-known`: an LLM configuration created or updated with
  a `secret_id` the space does not hold is a 400 (documented);
- `bind-secret-known`: a voice bind with such a `secret_id` is a 400 with
  `code` 4000, "Secret with id '…' not found in your space" (observed);
- `voice-agent-in-use`: deleting a voice agent an embed references is a
  409 carrying the embed ids (documented);
- `memory-from-ended-full-session`: a memory is built only from a FULL
  session of the space that has ended and has a transcript; 400
  (documented rule, INFERRED status);
- `embed-agent-or-context`: an embed takes `voice_agent_id` or
  `context_id` (with an optional `voice_id`), not both, not neither; 422
  (documented);
- `start-llm-config-known`: a token naming an unknown
  `llm_configuration_id` is minted, and its start is a 400 "LLM
  configuration with id '…' not found in your space" (observed).

Not enforced, for want of a source or of server state:

- at most one LITE connector: no source says the server refuses two. The
  SDK's LITE call takes one connector, as a session has one conversation
  driver; the mock accepts any number and leaves the choice to the caller;
- `max_session_duration` above the subscription tier's limit (the limits
  are unpublished), and a voice agent's type-specific rules (the mock has
  no stored agents).

Rules about FULL-only fields do not apply to a LITE body, which ignores
those fields. Order, as on a FastAPI server: the schema and the
model-level rules (`persona-or-agent`, `dynamic-variables-limits`,
`normalization-needs-ja`) are one validation step whose problems are
reported together as a 422; only a body that passes it meets the handler's
checks, of which the first failing one answers 400.
"""

from __future__ import annotations

from typing import Any, Literal

import attrs

from ._config import MockConfig
from ._validation import Detail, field_problem

__all__ = [
    "DYNAMIC_VARIABLES_PLACEMENT_MESSAGE",
    "EXACTLY_ONE_MESSAGE",
    "START_UNAUTHORIZED_MESSAGE",
    "RULES",
    "TABLE",
    "Rejection",
    "Rule",
    "business_rejection",
    "input_problems",
    "rule_for_detail",
    "rules_table",
]

Source = Literal["documented", "observed", "inferred"]
Checker = Literal["mock", "SDK"]

EXACTLY_ONE_MESSAGE = "Provide exactly one of avatar_persona or voice_agent"
START_UNAUTHORIZED_MESSAGE = (
    "Unauthorized: POST /v1/sessions/start takes the session token from POST /v1/sessions/token "
    "as Authorization: Bearer <session_token>, not the API key"
)
DYNAMIC_VARIABLES_PLACEMENT_MESSAGE = "dynamic_variables must be sent inside voice_agent when a voice_agent is used"

_LIMIT_TYPES = frozenset({"too_long", "string_too_long"})
_NORMALIZATION_LANGUAGE = "ja"
_DEFAULT_LANGUAGE = "en"


@attrs.frozen
class Rule:
    """One row of the table: the rule's name, what it refuses, the answer and where the rule comes from."""

    name: str
    refused: str
    answer: str
    status: int | None
    """The mock's status for it; None for a rule the mock does not check."""
    sources: tuple[Source, ...]
    evidence: str
    checked_by: tuple[Checker, ...] = ("mock", "SDK")

    def refuse(self, message: str) -> Rejection:
        """The mock's answer to a body that breaks this rule."""
        if self.status is None:
            raise ValueError(f"the mock does not check {self.name!r}")
        return Rejection(self, self.status, message)


PERSONA_OR_AGENT = Rule(
    "persona-or-agent",
    "FULL with neither or both of `avatar_persona` and `voice_agent`",
    f'422 "{EXACTLY_ONE_MESSAGE}" at `["body"]`',
    422,
    ("documented", "observed"),
    "the docs call the two mutually exclusive; third parties report this 422 and its message",
)
DYNAMIC_VARIABLES_LIMITS = Rule(
    "dynamic-variables-limits",
    "top-level `dynamic_variables` with over 50 entries, a key over 64 characters or a value over 1000",
    "422 at the map, the key or the value",
    422,
    ("documented", "observed"),
    "the field's published description states the limits; a third party reports a 422 for a long value",
)
NORMALIZATION_NEEDS_JA = Rule(
    "normalization-needs-ja",
    "ElevenLabs `apply_language_text_normalization: true` with a persona language other than `ja` (unset is `en`)",
    "422 at the flag",
    422,
    ("documented", "inferred"),
    "the docs say the flag is valid only with `ja`; the status is our guess (a model-level check)",
)
SANDBOX_DURATION = Rule(
    "sandbox-duration",
    "`is_sandbox: true` with `max_session_duration` over 60",
    '400 "max_session_duration (Ns) exceeds the maximum allowed (60s)"',
    400,
    ("documented", "observed"),
    "the docs say sandbox sessions end after a minute; a third party reports this 400 and its message",
)
SANDBOX_AVATAR = Rule(
    "sandbox-avatar",
    "`is_sandbox: true` with an avatar outside `MockConfig.sandbox_avatar_ids`",
    "400, saying how to allow another id",
    400,
    ("documented", "inferred"),
    "the docs allow only Wayne (`dd73ea75-…`); the embed sandbox avatar (`65f9e3c9-…`) is allowed too, "
    "as HeyGen's own starter sends it; the status is our guess",
    ("mock",),
)
MEMORY_SAME = Rule(
    "memory-same",
    "`memory.prev_session_id` and `memory.session_memory_id` that resolve to different memories",
    "400",
    400,
    ("documented",),
    "the published `MemoryRef` description; the mock knows only the memories in `MockConfig.memories`",
    ("mock",),
)
AGENT_VARIABLES_INSIDE = Rule(
    "agent-variables-inside",
    "a top-level `dynamic_variables` (even `{}`) next to a `voice_agent`",
    f'400 "{DYNAMIC_VARIABLES_PLACEMENT_MESSAGE}"',
    400,
    ("observed",),
    "a third party reports the 400",
)

START_TAKES_SESSION_TOKEN = Rule(
    "start-takes-session-token",
    "`POST /v1/sessions/start` without `Authorization: Bearer <session token>` (the API key, or nothing)",
    "401 saying that start takes the session token, not the API key",
    401,
    ("documented",),
    "the docs give start the bearer session token only; HeyGen's debug guide calls the API key there "
    "the most common mistake",
    ("mock",),
)
SESSION_TOKEN_VALID = Rule(
    "session-token-valid",
    "a bearer session token the API never minted, or one past its `exp`",
    "401",
    401,
    ("inferred",),
    "a bearer check refuses a token it cannot verify; the status is our guess (the mock reads `exp` on its clock)",
    ("mock",),
)
START_ONCE = Rule(
    "start-once",
    "`POST /v1/sessions/start` with a token whose session has already started",
    "400",
    400,
    ("inferred",),
    "a token is minted for one session; the status for a second start is undocumented (the reference infers 400)",
    ("mock",),
)
START_NEEDS_CREDIT = Rule(
    "start-needs-credit",
    "a non-sandbox start with less than a minute of credit (FULL 2 credits, LITE 1)",
    "400",
    400,
    ("documented", "inferred"),
    "the docs: a session cannot start without credit for at least one minute; the status is our guess",
    ("mock",),
)
SESSION_ID_WITH_API_KEY = Rule(
    "session-id-with-api-key",
    "`stop` or `keep-alive` with the API key and no `session_id`",
    "400",
    400,
    ("documented", "inferred"),
    "an older reference revision: with an API key `session_id` is required, else an error; the status is our guess",
    ("mock",),
)
TOKEN_OWN_SESSION = Rule(
    "token-own-session",
    "`stop`, `keep-alive` or `DELETE .../events` with a session token and another session's id",
    "403",
    403,
    ("inferred",),
    "a session token stands for its own session only; the published operations declare a 403",
    ("mock",),
)
SESSION_EXISTS = Rule(
    "session-exists",
    "a per-session call (stop, keep-alive, get, transcript, events) for a session that never started",
    "404",
    404,
    ("documented", "inferred"),
    "the published per-session operations declare a 404; that a minted but unstarted session is not found is our guess",
    ("mock",),
)
SESSION_ENDED = Rule(
    "session-ended",
    "`stop` or `keep-alive` of a session that has already ended",
    "404 (the SDK's `stop` asks `get` and returns `False`)",
    404,
    ("inferred",),
    'third-party code sees 404 for an ended session, HeyGen\'s demo treats "already gone" as success; '
    "undocumented, so the SDK is built for both",
    ("mock",),
)

ONE_LITE_CONNECTOR = Rule(
    "one-lite-connector",
    "LITE with more than one of `livekit_config`, `agora_config` and the agent connectors",
    "the SDK's LITE call takes one connector; the mock accepts any number",
    None,
    ("inferred",),
    "no source says the server refuses two; a session has one conversation driver, so the SDK asks for one",
    ("SDK",),
)

DURATION_FITS_64_BITS = Rule(
    "duration-fits-64-bits",
    "`max_session_duration` beyond a signed 64-bit integer",
    "the SDK refuses it before sending; the mock accepts it",
    None,
    ("inferred",),
    "no limit is published; past 64 bits a JSON integer stops round-tripping through most parsers",
    ("SDK",),
)

# -- the account API (`liveavatar.mock._account` applies them) --------------------------------------------------

ACCOUNT_RESOURCE_EXISTS = Rule(
    "account-resource-exists",
    "get, update, delete or preview of an avatar, voice, context, memory, secret, LLM configuration or voice "
    "agent the space does not hold",
    "404",
    404,
    ("documented", "inferred"),
    "the secret and LLM-configuration references document 404 for a missing one; the status for the other "
    "resources is not published",
    ("mock",),
)
LLM_CONFIG_SECRET_KNOWN = Rule(
    "llm-config-secret-known",
    "an LLM configuration created or updated with a `secret_id` that is not a secret of the space",
    "400",
    400,
    ("documented",),
    "the LLM-configuration reference: \"400 Bad Request: If user doesn't have an associated space or secret is "
    'invalid"',
    ("mock",),
)
BIND_SECRET_KNOWN = Rule(
    "bind-secret-known",
    "a third-party voice bind whose `secret_id` is not a secret of the space",
    "400 `code` 4000 \"Secret with id '…' not found in your space\"",
    400,
    ("observed",),
    "a third party's live capture (2026-10-03); each accepted bind makes a new voice (not idempotent, observed)",
    ("mock",),
)
VOICE_AGENT_IN_USE = Rule(
    "voice-agent-in-use",
    "deleting a voice agent an embed still references",
    "409 with the referencing embed ids in `data.embed_ids`",
    409,
    ("documented",),
    "the voice-agent delete reference; where the ids sit in the answer is not published",
    ("mock",),
)
MEMORY_FROM_ENDED_FULL = Rule(
    "memory-from-ended-full-session",
    "a memory created from a session that is not a FULL session of the space that has ended",
    "400",
    400,
    ("documented", "inferred"),
    "memory is FULL-only and built from a finished session's transcript (documented); the status is inferred",
    ("mock",),
)
EMBED_AGENT_OR_CONTEXT = Rule(
    "embed-agent-or-context",
    "an embed with `voice_agent_id` and `context_id` or `voice_id`, or with neither `voice_agent_id` nor `context_id`",
    '422 at `["body"]`',
    422,
    ("documented",),
    "the newer reference makes `voice_agent_id` mutually exclusive with `voice_id`/`context_id`; the older one "
    "requires `context_id`",
)
START_LLM_CONFIG_KNOWN = Rule(
    "start-llm-config-known",
    "starting a session whose token named an `llm_configuration_id` the space does not hold (the mint accepts it)",
    "400 \"LLM configuration with id '…' not found in your space\"",
    400,
    ("observed",),
    "a third party's live capture (2026-10-08): the token is 200, the start is refused",
    ("mock",),
)

TABLE: tuple[Rule, ...] = (
    PERSONA_OR_AGENT,
    DYNAMIC_VARIABLES_LIMITS,
    NORMALIZATION_NEEDS_JA,
    SANDBOX_DURATION,
    SANDBOX_AVATAR,
    MEMORY_SAME,
    AGENT_VARIABLES_INSIDE,
    START_TAKES_SESSION_TOKEN,
    SESSION_TOKEN_VALID,
    START_ONCE,
    START_NEEDS_CREDIT,
    SESSION_ID_WITH_API_KEY,
    TOKEN_OWN_SESSION,
    SESSION_EXISTS,
    SESSION_ENDED,
    ONE_LITE_CONNECTOR,
    DURATION_FITS_64_BITS,
    ACCOUNT_RESOURCE_EXISTS,
    LLM_CONFIG_SECRET_KNOWN,
    BIND_SECRET_KNOWN,
    VOICE_AGENT_IN_USE,
    MEMORY_FROM_ENDED_FULL,
    EMBED_AGENT_OR_CONTEXT,
    START_LLM_CONFIG_KNOWN,
)
"""Every rule beyond the schema that the SDK or the mock checks, in the order the docs show them."""

RULES: tuple[Rule, ...] = tuple(rule for rule in TABLE if "mock" in rule.checked_by)
"""The rules the mock enforces: the only reasons it refuses a schema-valid body."""

_TABLE_HEAD = ("| rule | refuses | answer | source | checked by |", "| --- | --- | --- | --- | --- |")


def rules_table() -> str:
    """`TABLE` in Markdown, as the docs' rules page shows it."""
    rows = [
        f"| `{rule.name}` | {rule.refused} | {rule.answer} | {', '.join(rule.sources)}: {rule.evidence} "
        f"| {', '.join(rule.checked_by)} |"
        for rule in TABLE
    ]
    return "\n".join((*_TABLE_HEAD, *rows))


@attrs.frozen
class Rejection:
    """A business-rule failure: the rule, the status and the envelope's message."""

    rule: Rule
    status: int
    message: str


def rule_for_detail(detail: Detail) -> Rule | None:
    """The table rule a 422 detail item reports, or None for a plain schema problem.

    The dynamic-variable limits are checked by the schema (the spec writes
    them as keywords), so they are recognised by where and what they are.
    """
    loc = detail["loc"]
    if detail["msg"] == EXACTLY_ONE_MESSAGE and loc == ["body"]:
        return PERSONA_OR_AGENT
    if loc[-1:] == ["apply_language_text_normalization"] and detail["msg"].startswith(
        "apply_language_text_normalization is only supported"
    ):
        return NORMALIZATION_NEEDS_JA
    if loc[:2] == ["body", "dynamic_variables"] and detail["type"] in _LIMIT_TYPES:
        return DYNAMIC_VARIABLES_LIMITS
    return None


def input_problems(body: dict[str, Any]) -> list[Detail]:
    """The model-level rules, for a body that passed the schema: 422 details, or none."""
    problems: list[Detail] = []
    if body.get("mode") == "FULL" and ("avatar_persona" in body) == ("voice_agent" in body):
        problems.append(field_problem(("body",), EXACTLY_ONE_MESSAGE, "value_error", body))
    persona = body.get("avatar_persona") if body.get("mode") == "FULL" else None
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
    return problems


def business_rejection(body: dict[str, Any], config: MockConfig) -> Rejection | None:
    """The handler's rules, for a valid body: the first one that fails, or None."""
    if body.get("is_sandbox") is True:
        duration = body.get("max_session_duration")
        limit = config.sandbox_max_session_duration
        if duration is not None and duration > limit:
            return SANDBOX_DURATION.refuse(
                f"max_session_duration ({int(duration)}s) exceeds the maximum allowed ({limit}s)"
            )
        avatar_id = str(body["avatar_id"])
        if not config.is_sandbox_avatar(avatar_id):
            allowed = " or ".join(sorted(config.sandbox_avatar_ids)) or "(none configured)"
            return SANDBOX_AVATAR.refuse(
                f"avatar_id {avatar_id} is not available in sandbox mode; sandbox sessions can only use "
                f"the sandbox avatar {allowed}. This is the local LiveAvatar mock: to allow another avatar, "
                f"start it with `liveavatar mock --sandbox-avatar {avatar_id}` or pass "
                f"MockConfig(sandbox_avatar_ids={{*DEFAULT_SANDBOX_AVATAR_IDS, {avatar_id!r}}})",
            )
    if body.get("mode") != "FULL":
        # The other rules are about FULL-only fields, which a LITE session ignores.
        return None
    memory = body.get("memory")
    if isinstance(memory, dict):
        previous, attached = memory.get("prev_session_id"), memory.get("session_memory_id")
        if previous is not None and attached is not None:
            known = config.memory_of(previous)
            if known is not None and not config.same_id(known, attached):
                return MEMORY_SAME.refuse(
                    f"memory.prev_session_id and memory.session_memory_id must resolve to the same memory: "
                    f"session {previous} has memory {known}, not {attached}",
                )
    if "voice_agent" in body and "dynamic_variables" in body:
        return AGENT_VARIABLES_INSIDE.refuse(DYNAMIC_VARIABLES_PLACEMENT_MESSAGE)
    return None
