"""Preflight: the mistakes LiveAvatar reports late or never, found before a session is minted.

`sessions.preflight(...)` takes `create_token`'s arguments (`preflight_lite`
takes `create_lite_token`'s), checks them as `create_token` would (bad input
raises `InvalidRequestError` before any I/O), then runs the checks below on
the request body that would be sent, and returns a `PreflightReport`.
Nothing is minted or started. Each check is one call or none; the source of
each is the account reference's "Preflight checks" table (P1–P17):

- `api_key` (`GET /v1/users/credits`): a 401, a HeyGen key or the wrong host (P1);
- `credits` (the same answer): below a first minute, FULL 2, LITE 1; not in sandbox (P2);
- `avatar` (`GET /v1/avatars/{id}`): unknown, FAILED (with its `error_message`),
  INIT or DEPLOYING (still training), or expired (P3);
- `sandbox` (no call): sandbox with another avatar than `SANDBOX_AVATAR_ID` (P5);
- `avatar_voice` (the avatar's answer): an image avatar, or one without a
  default voice, and no `persona.voice_id` (P4);
- `context` (`GET /v1/contexts/{id}`): unknown, or a `required_dynamic_variables`
  name without a value in `dynamic_variables` (P6);
- `restricted_mode` (no call): a warning, a FULL persona without a context (P7);
- `voice` (`GET /v1/voices/{id}`): unknown (P9);
- `llm_configuration` (`GET /v1/llm-configurations/{id}`): unknown (the API
  fails it only at start), or a `base_url` ending in `/chat/completions` (P10, P11);
- `llm_secret` (`GET /v1/secrets`): its secret gone, or not an `OPENAI_API_KEY` (P11);
- `connector_secret` (`GET /v1/secrets`): a LITE connector's secret gone or of
  another provider's type (P13);
- `voice_agent` (`GET /v1/voice_agents/{id}`): unknown, or an ElevenLabs or
  Cartesia agent given a per-session language or dynamic variables (P14);
- `memory` (`GET /v1/memory/{id}`, `GET /v1/sessions/{id}`): an unknown memory;
  a previous session unknown, not FULL, or still running (P17);
- `language` (`GET /v1/languages`): a warning, a code the API does not list (P16).

A check whose call fails for another reason (a 5xx, a timeout, a 429) is a
warning naming the check, never raised. A 401 fails `api_key` and skips the
checks it made impossible.

Calls are few: the independent ones go out together (at once on the async
client), and each answer is kept in the client's `PreflightCache` for
`PREFLIGHT_CACHE_TTL` seconds, so a second preflight of the same ids sends
nothing (`cache=False` bypasses it). The procedure is I/O-free: it yields
`Gather` steps, which `liveavatar._procedures.run` and `arun` drive.
"""

from __future__ import annotations

import inspect
import threading
import time
from collections.abc import Callable, Iterable, Mapping
from decimal import Decimal
from typing import Any, Literal, TypeAlias

import attrs

from . import _account_operations as account
from . import _operations as ops
from ._config import (
    PREFLIGHT_CACHE_SIZE,
    PREFLIGHT_CACHE_TTL,
    PREFLIGHT_MIN_CREDITS_FULL,
    PREFLIGHT_MIN_CREDITS_LITE,
    SANDBOX_AVATAR_ID,
)
from ._errors import APIStatusError, AuthenticationError, InvalidRequestError, LiveAvatarError, PreflightError
from ._listing import ListingState
from ._models import FieldError
from ._operations import Call
from ._procedures import Gather, Procedure
from ._types import NOT_GIVEN

__all__ = [
    "CheckOutcome",
    "CheckResult",
    "PreflightCache",
    "PreflightPlan",
    "PreflightProblem",
    "PreflightReport",
    "Severity",
    "cache_of",
    "preflight",
    "preflight_lite",
    "preflight_steps",
]

Severity: TypeAlias = Literal["error", "warning"]
CheckOutcome: TypeAlias = Literal["passed", "failed", "warning", "skipped"]

CHECKS: tuple[str, ...] = (
    "api_key",
    "credits",
    "avatar",
    "sandbox",
    "avatar_voice",
    "context",
    "restricted_mode",
    "voice",
    "llm_configuration",
    "llm_secret",
    "connector_secret",
    "voice_agent",
    "memory",
    "language",
)
"""Every check, in the order a report lists them."""

_CONNECTORS: Mapping[str, str] = {
    "elevenlabs_agent_config": "ELEVENLABS_API_KEY",
    "openai_realtime_config": "OPENAI_API_KEY",
    "gemini_realtime_config": "GEMINI_API_KEY",
    "cartesia_agent_config": "CARTESIA_API_KEY",
}
"""Each LITE connector's body field and the secret type its `secret_id` must name (reference §7.1)."""

_AGENTS_WITHOUT_OVERRIDES = ("elevenlabs_agent", "cartesia_agent")


@attrs.frozen
class PreflightProblem:
    """One thing a preflight found: `code`, `path` (the argument as you spelled it), `message`, `severity`."""

    code: str
    path: str
    message: str
    severity: Severity = "error"
    check: str = ""
    """The check that found it."""

    def __str__(self) -> str:
        return f"{self.severity}: {self.path or self.check}: {self.message}"


@attrs.frozen
class CheckResult:
    """How one check came out: `passed`, `failed` (an error), `warning`, or `skipped` (it did not apply)."""

    name: str
    outcome: CheckOutcome
    detail: str = ""


@attrs.frozen
class PreflightReport:
    """What a preflight found. `ok` when no problem is an error; warnings alone leave it ok."""

    problems: tuple[PreflightProblem, ...]
    checks: tuple[CheckResult, ...]
    calls: int = 0
    """Requests this preflight sent (the rest came from the cache)."""

    @property
    def ok(self) -> bool:
        """Whether no problem is an error."""
        return not any(problem.severity == "error" for problem in self.problems)

    @property
    def errors(self) -> tuple[PreflightProblem, ...]:
        """The problems that would break the session."""
        return tuple(problem for problem in self.problems if problem.severity == "error")

    @property
    def warnings(self) -> tuple[PreflightProblem, ...]:
        """The problems worth a look that do not stop a session."""
        return tuple(problem for problem in self.problems if problem.severity == "warning")

    def raise_for_problems(self) -> None:
        """Raise `PreflightError` listing every error; return quietly when there is none."""
        if not self.ok:
            raise PreflightError(self)


class PreflightCache:
    """A client's preflight answers, each kept `ttl` seconds; thread-safe and bounded to `size` entries."""

    def __init__(
        self,
        ttl: float = PREFLIGHT_CACHE_TTL,
        size: int = PREFLIGHT_CACHE_SIZE,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.ttl = ttl
        self.size = size
        self.clock = clock
        self._lock = threading.Lock()
        self._answers: dict[tuple[str, str], tuple[float, Any]] = {}

    def get(self, key: tuple[str, str]) -> tuple[bool, Any]:
        """`(True, answer)` for a fresh answer, else `(False, None)`."""
        with self._lock:
            found = self._answers.get(key)
            if found is None:
                return False, None
            if self.clock() >= found[0]:
                del self._answers[key]
                return False, None
            return True, found[1]

    def put(self, key: tuple[str, str], answer: Any) -> None:
        with self._lock:
            self._answers.pop(key, None)
            while len(self._answers) >= self.size:
                del self._answers[next(iter(self._answers))]
            self._answers[key] = (self.clock() + self.ttl, answer)

    def clear(self) -> None:
        """Forget every answer."""
        with self._lock:
            self._answers.clear()

    def __len__(self) -> int:
        with self._lock:
            return len(self._answers)


_CACHE_LOCK = threading.Lock()


def cache_of(client: Any) -> PreflightCache:
    """The preflight cache of `client`, made on first use (each client, derived ones too, has its own)."""
    with _CACHE_LOCK:
        cache: PreflightCache | None = getattr(client, "_preflight_cache", None)
        if cache is None:
            cache = PreflightCache()
            client._preflight_cache = cache
        return cache


@attrs.frozen
class PreflightPlan:
    """A checked preflight: the body a mint would send, its mode, whether to use the cache, the calls' settings."""

    body: Mapping[str, Any]
    lite: bool
    cache: bool = True
    timeout: Any = attrs.field(default=NOT_GIVEN)
    max_retries: Any = attrs.field(default=NOT_GIVEN)

    @classmethod
    def of_mint(cls, mint: Call[Any], *, cache: bool = True) -> PreflightPlan:
        """The preflight of a checked mint call (what `start_full(preflight=True)` runs)."""
        body = mint.body or {}
        return cls(body, body.get("mode") == "LITE", cache, mint.timeout, mint.max_retries)


def _plan(build: Callable[..., Call[Any]], cache: object, arguments: dict[str, Any]) -> PreflightPlan:
    """The plan, or `InvalidRequestError` listing every problem: `cache`'s and the mint's together."""
    problems: list[FieldError] = []
    if not isinstance(cache, bool):
        problems.append(FieldError("cache", f"must be a bool, got {type(cache).__name__}"))
    try:
        mint = build(**arguments)
    except InvalidRequestError as error:
        problems.extend(error.problems)
    if problems:
        raise InvalidRequestError(problems)
    return PreflightPlan.of_mint(mint, cache=bool(cache))


def preflight(*, cache: bool = True, **create_token_arguments: Any) -> PreflightPlan:
    """Check a FULL session's arguments against the account before minting; a `PreflightReport`.

    Takes `create_token`'s arguments, checked as it checks them (bad input
    raises `InvalidRequestError` before any I/O). Nothing is minted or
    started. `cache=False` fetches every answer anew. A check whose call
    fails (5xx, timeout) is a warning naming it, never raised.
    """
    return _plan(ops.create_token, cache, create_token_arguments)


def preflight_lite(*, cache: bool = True, **create_lite_token_arguments: Any) -> PreflightPlan:
    """`preflight` for a LITE session: takes `create_lite_token`'s arguments."""
    return _plan(ops.create_lite_token, cache, create_lite_token_arguments)


def _signed(function: Callable[..., Any], builder: Callable[..., Any]) -> None:
    """Show `builder`'s parameters, and `cache`, as `function`'s: what `help()` and IDEs show."""
    taken = [param for param in inspect.signature(builder).parameters.values() if param.name not in ("timeout",)]
    cache = inspect.Parameter("cache", inspect.Parameter.KEYWORD_ONLY, default=True, annotation="bool")
    later = [param for param in inspect.signature(builder).parameters.values() if param.name == "timeout"]
    function.__signature__ = inspect.signature(function).replace(  # type: ignore[attr-defined]
        parameters=[*taken, cache, *later]
    )


_signed(preflight, ops.create_token)
_signed(preflight_lite, ops.create_lite_token)


# -- the procedure ----------------------------------------------------------------------------------------------


def _text(value: object) -> str | None:
    return value if isinstance(value, str) and value else None


def _object(value: object) -> Mapping[str, Any]:
    return value if isinstance(value, Mapping) else {}


def _key(call: Call[Any]) -> tuple[str, str]:
    params = "&".join(f"{name}={value}" for name, value in sorted((call.params or {}).items()))
    return call.operation.name, f"{call.path}?{params}"


class _Report:
    """The report under construction."""

    def __init__(self) -> None:
        self.problems: list[PreflightProblem] = []
        self.outcomes: dict[str, CheckResult] = {}

    def error(self, check: str, code: str, path: str, message: str) -> None:
        self.problems.append(PreflightProblem(code, path, message, "error", check))
        self.outcomes[check] = CheckResult(check, "failed", message)

    def warn(self, check: str, code: str, path: str, message: str) -> None:
        self.problems.append(PreflightProblem(code, path, message, "warning", check))
        if check not in self.outcomes or self.outcomes[check].outcome == "passed":
            self.outcomes[check] = CheckResult(check, "warning", message)

    def passed(self, check: str, detail: str = "") -> None:
        self.outcomes.setdefault(check, CheckResult(check, "passed", detail))

    def skipped(self, check: str, detail: str) -> None:
        self.outcomes.setdefault(check, CheckResult(check, "skipped", detail))

    def done(self, calls: int) -> PreflightReport:
        order = {name: index for index, name in enumerate(CHECKS)}
        results = sorted(self.outcomes.values(), key=lambda result: order.get(result.name, len(order)))
        return PreflightReport(tuple(self.problems), tuple(results), calls)


def _cacheable(call: Call[Any], cache: PreflightCache | None) -> bool:
    # A session's state changes within seconds (a previous session that just ended): always asked afresh.
    return cache is not None and call.operation is not ops.GET


class _Fetcher:
    """Answers for calls, from the cache or from one `Gather` step for the misses."""

    def __init__(self, cache: PreflightCache | None) -> None:
        self.cache = cache
        self.sent = 0

    def fetch(self, calls: Mapping[str, Call[Any]]) -> Procedure[dict[str, Any]]:
        """The answer (or the `LiveAvatarError`) for each named call."""
        answers: dict[str, Any] = {}
        missing: dict[str, Call[Any]] = {}
        for name, call in calls.items():
            cache = self.cache if _cacheable(call, self.cache) else None
            hit, answer = cache.get(_key(call)) if cache is not None else (False, None)
            if hit:
                answers[name] = answer
            else:
                missing[name] = call
        if missing:
            outcomes: list[Any] = yield Gather(list(missing.values()))
            self.sent += len(missing)
            for (name, call), outcome in zip(missing.items(), outcomes, strict=True):
                answers[name] = outcome
                cache = self.cache if _cacheable(call, self.cache) else None
                if cache is not None and not isinstance(outcome, LiveAvatarError):
                    cache.put(_key(call), outcome)
        return answers


def _secrets_call(plan: PreflightPlan) -> Call[Any]:
    return ListingState(account.list_secrets(timeout=plan.timeout, max_retries=plan.max_retries)).first()


def _languages_call(plan: PreflightPlan) -> Call[Any]:
    return ListingState(account.list_languages(timeout=plan.timeout, max_retries=plan.max_retries)).first()


def preflight_steps(plan: PreflightPlan, cache: PreflightCache | None) -> Procedure[PreflightReport]:
    """The preflight of `plan`, I/O-free: at most two `Gather` steps (the second only for an LLM's secret)."""
    body = plan.body
    settings = {"timeout": plan.timeout, "max_retries": plan.max_retries}
    fetcher = _Fetcher(cache if plan.cache else None)
    report = _Report()
    persona = _object(body.get("avatar_persona"))
    has_persona = isinstance(body.get("avatar_persona"), Mapping)
    agent = _object(body.get("voice_agent"))
    memory = _object(body.get("memory"))
    connector_field = next((name for name in _CONNECTORS if name in body), None)
    connector = _object(body.get(connector_field)) if connector_field else {}
    avatar_id = _text(body.get("avatar_id"))
    sandbox = body.get("is_sandbox") is True
    language, language_path = (
        (_text(persona.get("language")), "persona.language")
        if has_persona
        else (_text(agent.get("language")), "voice_agent.language")
    )

    calls: dict[str, Call[Any]] = {"credits": ops.credits(**settings)}
    if avatar_id:
        calls["avatar"] = account.get_avatar(avatar_id, **settings)
    context_id, context_path = (
        (_text(persona.get("context_id")), "persona.context_id")
        if has_persona
        else (_text(connector.get("context_id")), "connector.context_id")
    )
    if context_id:
        calls["context"] = account.get_context(context_id, **settings)
    voice_id = _text(persona.get("voice_id"))
    if voice_id:
        calls["voice"] = account.get_voice(voice_id, **settings)
    llm_id = _text(body.get("llm_configuration_id"))
    if llm_id:
        calls["llm_configuration"] = account.get_llm_configuration(llm_id, **settings)
    agent_id = _text(agent.get("id"))
    if agent_id:
        calls["voice_agent"] = account.get_voice_agent(agent_id, **settings)
    memory_id = _text(memory.get("session_memory_id"))
    if memory_id:
        calls["memory"] = account.get_memory(memory_id, **settings)
    previous_id = _text(memory.get("prev_session_id"))
    if previous_id:
        calls["previous_session"] = ops.get(previous_id, **settings)
    if _text(connector.get("secret_id")):
        calls["secrets"] = _secrets_call(plan)
    if language:
        calls["languages"] = _languages_call(plan)

    answers = yield from fetcher.fetch(calls)
    refused = isinstance(answers["credits"], AuthenticationError)

    def failed(check: str, path: str, answer: object, what: str) -> bool:
        """Report a call that failed: a missing resource is an error, anything else a warning or a skip."""
        if not isinstance(answer, LiveAvatarError):
            return False
        if isinstance(answer, AuthenticationError) and refused:
            report.skipped(check, "the API key was refused")
        elif isinstance(answer, APIStatusError) and answer.status_code in (400, 404, 422):
            report.error(check, f"{check}_not_found", path, f"{what} is not in your space ({answer.status_code})")
        else:
            report.warn(check, "check_failed", path, f"the {check} check could not run: {answer}")
        return True

    # api_key and credits
    credits = answers["credits"]
    if refused:
        report.error(
            "api_key",
            "api_key_refused",
            "",
            "the API key was refused (401): HeyGen API keys do not work with LiveAvatar; use a key from "
            "app.liveavatar.com, against https://api.liveavatar.com",
        )
        report.skipped("credits", "the API key was refused")
    elif isinstance(credits, LiveAvatarError):
        report.warn("api_key", "check_failed", "", f"the api_key check could not run: {credits}")
        report.skipped("credits", "the balance could not be read")
    else:
        report.passed("api_key")
        needed = PREFLIGHT_MIN_CREDITS_LITE if plan.lite else PREFLIGHT_MIN_CREDITS_FULL
        if sandbox:
            report.skipped("credits", "sandbox sessions are free")
        elif isinstance(credits, Decimal) and credits < needed:
            mode = "LITE" if plan.lite else "FULL"
            report.error(
                "credits",
                "credits_low",
                "",
                f"{credits} credits left: a {mode} session needs {needed} to start (its first minute)",
            )
        else:
            report.passed("credits", f"{credits} left")

    # avatar, sandbox, avatar_voice
    avatar = answers.get("avatar")
    if avatar is not None and not failed("avatar", "avatar_id", avatar, f"avatar {avatar_id}"):
        if avatar.status == "FAILED":
            reason = f": {avatar.error_message}" if avatar.error_message else ""
            report.error("avatar", "avatar_failed", "avatar_id", f"avatar {avatar_id} failed training{reason}")
        elif avatar.status in ("INIT", "DEPLOYING"):
            report.error(
                "avatar",
                "avatar_training",
                "avatar_id",
                f"avatar {avatar_id} is still training ({avatar.status}); wait until it is ACTIVE",
            )
        elif avatar.is_expired:
            report.error("avatar", "avatar_expired", "avatar_id", f"avatar {avatar_id} has expired")
        else:
            report.passed("avatar", str(avatar.name or avatar_id))
    if sandbox:
        if avatar_id and avatar_id != SANDBOX_AVATAR_ID:
            report.error(
                "sandbox",
                "sandbox_avatar",
                "avatar_id",
                f"sandbox sessions run only with the sandbox avatar {SANDBOX_AVATAR_ID}",
            )
        else:
            report.passed("sandbox")
    else:
        report.skipped("sandbox", "not a sandbox session")
    if has_persona and avatar is not None and not isinstance(avatar, LiveAvatarError):
        if (avatar.default_voice is None or avatar.type == "IMAGE") and not voice_id:
            report.error(
                "avatar_voice",
                "voice_required",
                "persona.voice_id",
                f"avatar {avatar_id} has no default voice ({avatar.type or 'no type'}): give persona.voice_id",
            )
        else:
            report.passed("avatar_voice")
    else:
        report.skipped("avatar_voice", "no persona, or the avatar could not be read")

    # context and dynamic variables; restricted mode
    context = answers.get("context")
    if context is not None and not failed("context", context_path, context, f"context {context_id}"):
        given = _object(body.get("dynamic_variables"))
        missing = [name for name in context.required_dynamic_variables if name not in given]
        for name in missing:
            report.error(
                "context",
                "dynamic_variable_missing",
                "dynamic_variables",
                f"context {context_id} needs a value for ${{{name}}}",
            )
        if not missing:
            report.passed("context", str(context.name or context_id))
    elif context is None:
        report.skipped("context", "no context")
    if has_persona and not plan.lite and not context_id:
        report.warn(
            "restricted_mode",
            "no_context",
            "persona.context_id",
            "a FULL persona without a context runs in restricted mode: the avatar listens and never answers",
        )
    elif has_persona:
        report.passed("restricted_mode")
    else:
        report.skipped("restricted_mode", "no persona")

    # voice
    voice = answers.get("voice")
    if voice is not None:
        if not failed("voice", "persona.voice_id", voice, f"voice {voice_id}"):
            report.passed("voice", str(voice.name or voice_id))
    else:
        report.skipped("voice", "no voice")

    # voice agent
    found_agent = answers.get("voice_agent")
    if found_agent is not None:
        if not failed("voice_agent", "voice_agent.id", found_agent, f"voice agent {agent_id}"):
            kind = found_agent.agent_type
            overrides = [name for name in ("language", "dynamic_variables") if name in agent]
            for name in overrides if kind in _AGENTS_WITHOUT_OVERRIDES else ():
                report.error(
                    "voice_agent",
                    "voice_agent_override",
                    f"voice_agent.{name}",
                    f"a {kind} takes no per-session {name} (the API answers 400)",
                )
            if not overrides or kind not in _AGENTS_WITHOUT_OVERRIDES:
                report.passed("voice_agent", f"{found_agent.name or agent_id} ({kind})")
    else:
        report.skipped("voice_agent", "no voice agent")

    # memory
    if memory_id or previous_id:
        memory_answer = answers.get("memory")
        if memory_answer is not None:
            failed("memory", "memory.session_memory_id", memory_answer, f"memory {memory_id}")
        previous = answers.get("previous_session")
        if previous is not None and not failed("memory", "memory.prev_session_id", previous, f"session {previous_id}"):
            if previous.mode not in (None, "FULL"):
                report.error(
                    "memory",
                    "previous_session_not_full",
                    "memory.prev_session_id",
                    f"session {previous_id} is {previous.mode}: memory comes from FULL sessions",
                )
            elif not previous.ended:
                report.error(
                    "memory",
                    "previous_session_running",
                    "memory.prev_session_id",
                    f"session {previous_id} has not ended: memory comes from an ended session",
                )
        report.passed("memory")
    else:
        report.skipped("memory", "no memory")

    # language
    languages = answers.get("languages")
    if languages is not None:
        if isinstance(languages, LiveAvatarError):
            report.warn("language", "check_failed", language_path, f"the language check could not run: {languages}")
        elif language not in {item.code for item in languages.items}:
            report.warn(
                "language",
                "language_unknown",
                language_path,
                f"{language!r} is not one of the API's languages (GET /v1/languages)",
            )
        else:
            report.passed("language", str(language))
    else:
        report.skipped("language", "no language")

    # the LLM configuration, then its secret; a connector's secret
    configuration = answers.get("llm_configuration")
    llm_secret_id: str | None = None
    if configuration is not None:
        if not failed("llm_configuration", "llm_configuration_id", configuration, f"LLM configuration {llm_id}"):
            base_url = configuration.base_url or ""
            if base_url.rstrip("/").endswith("/chat/completions"):
                report.error(
                    "llm_configuration",
                    "llm_base_url_route",
                    "llm_configuration_id",
                    f"its base_url ends in /chat/completions, which LiveAvatar appends itself: {base_url}",
                )
            else:
                report.passed("llm_configuration", str(configuration.display_name or llm_id))
            llm_secret_id = configuration.secret_id
    else:
        report.skipped("llm_configuration", "no LLM configuration")
    secrets = answers.get("secrets")
    if llm_secret_id and "secrets" not in answers:
        more = yield from fetcher.fetch({"secrets": _secrets_call(plan)})
        secrets = more["secrets"]
    if llm_secret_id:
        _secret_check(report, "llm_secret", "llm_configuration_id", llm_secret_id, "OPENAI_API_KEY", secrets)
    else:
        report.skipped("llm_secret", "no LLM configuration")
    connector_secret = _text(connector.get("secret_id"))
    if connector_field and connector_secret:
        wanted = _CONNECTORS[connector_field]
        _secret_check(report, "connector_secret", "connector.secret_id", connector_secret, wanted, secrets)
    else:
        report.skipped("connector_secret", "no connector with a secret")
    for check in CHECKS:
        report.skipped(check, "")
    return report.done(fetcher.sent)


def _secret_check(report: _Report, check: str, path: str, secret_id: str, wanted: str, secrets: object) -> None:
    if isinstance(secrets, LiveAvatarError):
        report.warn(check, "check_failed", path, f"the {check} check could not run: {secrets}")
        return
    items: Iterable[Any] = getattr(secrets, "items", ())
    found = next((item for item in items if item.id == secret_id), None)
    if found is None:
        report.error(check, f"{check}_missing", path, f"secret {secret_id} is not in your space")
    elif found.secret_type != wanted:
        report.error(
            check,
            f"{check}_type",
            path,
            f"secret {secret_id} is a {found.secret_type}; this needs a {wanted}",
        )
    else:
        report.passed(check, str(found.secret_name or secret_id))
