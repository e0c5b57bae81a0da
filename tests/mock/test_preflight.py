"""Preflight on the mock, sync and async: each check failing and passing, the cache, and a start it stops."""

from __future__ import annotations

import pickle
from typing import Any

import pytest

import liveavatar
from liveavatar import (
    ElevenLabsAgentConfig,
    Memory,
    OpenAIRealtimeConfig,
    Persona,
    PreflightError,
    PreflightReport,
    VoiceAgent,
)
from liveavatar.mock import SANDBOX_AVATAR_ID, MockServer
from tests.mock.support import OneLoop
from tests.unit.support import Minter

pytestmark = pytest.mark.usefixtures("spec_checked")

UNKNOWN_ID = "0b7c1f34-1111-4222-8333-444455556666"
PUBLIC_VOICE_ID = "c2527536-6d1f-4412-a643-53a3497dada9"


def _preflight(sdk: Minter, **kwargs: Any) -> PreflightReport:
    report: PreflightReport = sdk.call("sessions", "preflight", **kwargs)
    return report


def _lite(sdk: Minter, **kwargs: Any) -> PreflightReport:
    report: PreflightReport = sdk.call("sessions", "preflight_lite", **kwargs)
    return report


def _codes(report: PreflightReport) -> list[tuple[str, str, str]]:
    return [(problem.severity, problem.code, problem.path) for problem in report.problems]


def _outcome(report: PreflightReport, check: str) -> str:
    return next(result.outcome for result in report.checks if result.name == check)


def _avatar(mock: MockServer, **fields: Any) -> str:
    fields.setdefault("default_voice", {"id": PUBLIC_VOICE_ID, "name": "Judy"})
    return mock.add_avatar("Custom", **fields)


def _context(sdk: Minter, prompt: str = "You help.", opening_text: str = "Hello") -> str:
    context = sdk.call("contexts", "create", name="c", prompt=prompt, opening_text=opening_text)
    return str(context.id)


def _secret(sdk: Minter, kind: str) -> str:
    return str(sdk.call("secrets", "create", name=kind.lower(), value="sk-test", type=kind).id)


def test_a_complete_full_setup_passes_every_check_that_applies(sdk: Minter, liveavatar_mock: MockServer) -> None:
    """Avatar, voice, context, LLM configuration, its secret and a language on the mock: ok, no problem at all."""
    avatar = _avatar(liveavatar_mock)
    context = _context(sdk)
    secret = _secret(sdk, "OPENAI_API_KEY")
    config = sdk.call("llm_configurations", "create", display_name="d", model_name="m", secret_id=secret).id
    persona = Persona(voice_id=PUBLIC_VOICE_ID, context_id=context, language="en")

    report = _preflight(sdk, avatar_id=avatar, persona=persona, llm_configuration_id=config)

    assert (True, []) == (report.ok, _codes(report))
    passed = {result.name for result in report.checks if result.outcome == "passed"}
    expected = {"api_key", "credits", "avatar", "avatar_voice", "context", "restricted_mode", "voice"}
    assert expected | {"llm_configuration", "llm_secret", "language"} == passed
    assert 7 == report.calls
    report.raise_for_problems()


def test_a_refused_key_names_the_heygen_mix_up_and_skips_what_it_made_impossible(
    liveavatar_mock: MockServer, sdk: Minter
) -> None:
    """A key the API refuses: `api_key` fails naming HeyGen keys; the avatar check is skipped, not a warning."""
    liveavatar_mock.force_status(401)
    report = _lite(sdk, avatar_id=SANDBOX_AVATAR_ID, sandbox=True)

    assert ("error", "api_key_refused", "") == _codes(report)[0]
    assert "HeyGen" in report.problems[0].message
    assert ("failed", "skipped", "skipped") == tuple(
        _outcome(report, name) for name in ("api_key", "avatar", "credits")
    )
    assert not report.warnings


@pytest.mark.parametrize(("balance", "lite", "ok"), [("1.5", False, False), ("2", False, True), ("0.5", True, False)])
def test_credits_must_cover_a_first_minute_of_the_mode(
    sdk: Minter, liveavatar_mock: MockServer, balance: str, lite: bool, ok: bool
) -> None:
    """FULL needs 2 credits and LITE 1 to start: a balance below that is `credits_low`."""
    liveavatar_mock.set_credits(balance)
    avatar = _avatar(liveavatar_mock)
    if lite:
        report = _lite(sdk, avatar_id=avatar)
    else:
        report = _preflight(sdk, avatar_id=avatar, persona=Persona(context_id=_context(sdk)))
    assert ok == report.ok
    assert ("passed" if ok else "failed") == _outcome(report, "credits")
    if not ok:
        assert [("error", "credits_low", "")] == _codes(report)


def test_credits_are_not_checked_in_sandbox(sdk: Minter, liveavatar_mock: MockServer) -> None:
    """A sandbox session is free: an empty balance is no problem, and the sandbox check passes with Wayne."""
    liveavatar_mock.set_credits(0)
    report = _lite(sdk, avatar_id=SANDBOX_AVATAR_ID, sandbox=True)
    assert (True, "skipped", "passed") == (report.ok, _outcome(report, "credits"), _outcome(report, "sandbox"))


@pytest.mark.parametrize(
    ("fields", "code", "words"),
    [
        ({"status": "FAILED", "error_message": "no face found in the footage"}, "avatar_failed", "no face found"),
        ({"status": "INIT"}, "avatar_training", "still training (INIT)"),
        ({"status": "DEPLOYING"}, "avatar_training", "still training (DEPLOYING)"),
        ({"is_expired": True}, "avatar_expired", "expired"),
    ],
)
def test_an_avatar_that_cannot_run_says_why(
    sdk: Minter, liveavatar_mock: MockServer, fields: dict[str, Any], code: str, words: str
) -> None:
    """Failed training (with the API's error_message), still training and expired are told apart."""
    avatar = _avatar(liveavatar_mock, **fields)
    report = _lite(sdk, avatar_id=avatar)
    assert [("error", code, "avatar_id")] == _codes(report)
    assert words in report.problems[0].message


def test_an_unknown_avatar_is_an_error_and_an_active_one_passes(sdk: Minter, liveavatar_mock: MockServer) -> None:
    """An avatar the space does not hold fails the avatar check; the seeded public avatar passes it."""
    unknown = _lite(sdk, avatar_id=UNKNOWN_ID)
    known = _lite(sdk, avatar_id=SANDBOX_AVATAR_ID)
    assert [("error", "avatar_not_found", "avatar_id")] == _codes(unknown)
    assert ("passed", []) == (_outcome(known, "avatar"), _codes(known))


def test_sandbox_takes_only_the_sandbox_avatar(sdk: Minter, liveavatar_mock: MockServer) -> None:
    """A sandbox session with a custom avatar is `sandbox_avatar`; outside sandbox the check does not apply."""
    avatar = _avatar(liveavatar_mock)
    sandboxed = _lite(sdk, avatar_id=avatar, sandbox=True)
    plain = _lite(sdk, avatar_id=avatar)
    assert [("error", "sandbox_avatar", "avatar_id")] == _codes(sandboxed)
    assert "skipped" == _outcome(plain, "sandbox")


def test_an_image_avatar_needs_a_persona_voice(sdk: Minter, liveavatar_mock: MockServer) -> None:
    """An image avatar has no default voice: without persona.voice_id it is `voice_required`, with one it passes."""
    avatar = _avatar(liveavatar_mock, type="IMAGE", default_voice=None)
    context = _context(sdk)
    silent = _preflight(sdk, avatar_id=avatar, persona=Persona(context_id=context))
    voiced = _preflight(sdk, avatar_id=avatar, persona=Persona(context_id=context, voice_id=PUBLIC_VOICE_ID))
    assert [("error", "voice_required", "persona.voice_id")] == _codes(silent)
    assert ("passed", True) == (_outcome(voiced, "avatar_voice"), voiced.ok)


def test_every_placeholder_of_the_context_needs_a_value(sdk: Minter, liveavatar_mock: MockServer) -> None:
    """Each `${name}` without a dynamic variable is an error naming it; with all of them given the context passes."""
    context = _context(sdk, prompt="Help ${name} with ${topic}.", opening_text="Hi ${name}")
    persona = Persona(context_id=context)
    partial = _preflight(sdk, avatar_id=SANDBOX_AVATAR_ID, persona=persona, dynamic_variables={"name": "Ann"})
    complete = _preflight(
        sdk, avatar_id=SANDBOX_AVATAR_ID, persona=persona, dynamic_variables={"name": "Ann", "topic": "tax"}
    )
    assert [("error", "dynamic_variable_missing", "dynamic_variables")] == _codes(partial)
    assert "${topic}" in partial.problems[0].message
    assert ("passed", True) == (_outcome(complete, "context"), complete.ok)


def test_an_unknown_context_is_an_error(sdk: Minter, liveavatar_mock: MockServer) -> None:
    """A context id the space does not hold fails at persona.context_id."""
    report = _preflight(sdk, avatar_id=SANDBOX_AVATAR_ID, persona=Persona(context_id=UNKNOWN_ID))
    assert [("error", "context_not_found", "persona.context_id")] == _codes(report)


def test_a_full_persona_without_a_context_is_a_warning_only(sdk: Minter, liveavatar_mock: MockServer) -> None:
    """Restricted mode (a silent avatar) is a warning: the report stays ok and raise_for_problems is quiet."""
    report = _preflight(sdk, avatar_id=SANDBOX_AVATAR_ID, persona=Persona())
    assert (True, [("warning", "no_context", "persona.context_id")]) == (report.ok, _codes(report))
    report.raise_for_problems()


def test_an_unknown_voice_is_an_error_and_a_public_one_passes(sdk: Minter, liveavatar_mock: MockServer) -> None:
    """persona.voice_id must name a voice the API knows."""
    context = _context(sdk)
    unknown = _preflight(sdk, avatar_id=SANDBOX_AVATAR_ID, persona=Persona(voice_id=UNKNOWN_ID, context_id=context))
    known = _preflight(sdk, avatar_id=SANDBOX_AVATAR_ID, persona=Persona(voice_id=PUBLIC_VOICE_ID, context_id=context))
    assert [("error", "voice_not_found", "persona.voice_id")] == _codes(unknown)
    assert "passed" == _outcome(known, "voice")


def test_an_llm_configuration_must_exist_and_take_a_base_url(sdk: Minter, liveavatar_mock: MockServer) -> None:
    """An unknown configuration (the API fails it only at start) and a base_url with the route are errors."""
    secret = _secret(sdk, "OPENAI_API_KEY")
    routed = sdk.call(
        "llm_configurations",
        "create",
        display_name="d",
        model_name="m",
        secret_id=secret,
        base_url="https://llm.example/v1/chat/completions",
    ).id
    persona = Persona(context_id=_context(sdk))
    unknown = _preflight(sdk, avatar_id=SANDBOX_AVATAR_ID, persona=persona, llm_configuration_id=UNKNOWN_ID)
    doubled = _preflight(sdk, avatar_id=SANDBOX_AVATAR_ID, persona=persona, llm_configuration_id=routed)
    assert [("error", "llm_configuration_not_found", "llm_configuration_id")] == _codes(unknown)
    assert [("error", "llm_base_url_route", "llm_configuration_id")] == _codes(doubled)


@pytest.mark.parametrize(
    ("kind", "delete", "code"),
    [("ELEVENLABS_API_KEY", False, "llm_secret_type"), ("OPENAI_API_KEY", True, "llm_secret_missing")],
)
def test_an_llm_configuration_needs_its_openai_secret(
    sdk: Minter, liveavatar_mock: MockServer, kind: str, delete: bool, code: str
) -> None:
    """Its secret must still exist and be an OPENAI_API_KEY; found in a second call after the configuration."""
    secret = _secret(sdk, kind)
    config = sdk.call("llm_configurations", "create", display_name="d", model_name="m", secret_id=secret).id
    if delete:
        sdk.call("secrets", "delete", secret)
    persona = Persona(context_id=_context(sdk))
    report = _preflight(sdk, avatar_id=SANDBOX_AVATAR_ID, persona=persona, llm_configuration_id=config)
    assert [("error", code, "llm_configuration_id")] == _codes(report)


def test_a_connector_secret_must_exist_and_be_of_its_provider(sdk: Minter, liveavatar_mock: MockServer) -> None:
    """An ElevenLabs agent given an OpenAI secret, or a gone one, is an error; its own type passes."""
    openai = _secret(sdk, "OPENAI_API_KEY")
    elevenlabs = _secret(sdk, "ELEVENLABS_API_KEY")
    wrong = _lite(sdk, avatar_id=SANDBOX_AVATAR_ID, connector=ElevenLabsAgentConfig(secret_id=openai, agent_id="a"))
    gone = _lite(sdk, avatar_id=SANDBOX_AVATAR_ID, connector=OpenAIRealtimeConfig(secret_id=UNKNOWN_ID))
    right = _lite(sdk, avatar_id=SANDBOX_AVATAR_ID, connector=ElevenLabsAgentConfig(secret_id=elevenlabs, agent_id="a"))
    assert [("error", "connector_secret_type", "connector.secret_id")] == _codes(wrong)
    assert [("error", "connector_secret_missing", "connector.secret_id")] == _codes(gone)
    assert ("passed", []) == (_outcome(right, "connector_secret"), _codes(right))


def test_a_voice_agent_must_exist_and_suit_its_type(sdk: Minter, liveavatar_mock: MockServer) -> None:
    """Unknown is an error; an ElevenLabs agent takes no per-session language; a LiveAvatar agent takes one."""
    elevenlabs = liveavatar_mock.add_voice_agent("el", agent_type="elevenlabs_agent")
    native = liveavatar_mock.add_voice_agent("la", agent_type="liveavatar_agent")
    unknown = _preflight(sdk, avatar_id=SANDBOX_AVATAR_ID, voice_agent=VoiceAgent(id=UNKNOWN_ID))
    override = _preflight(sdk, avatar_id=SANDBOX_AVATAR_ID, voice_agent=VoiceAgent(id=elevenlabs, language="en"))
    fine = _preflight(sdk, avatar_id=SANDBOX_AVATAR_ID, voice_agent=VoiceAgent(id=native, language="en"))
    assert [("error", "voice_agent_not_found", "voice_agent.id")] == _codes(unknown)
    assert [("error", "voice_agent_override", "voice_agent.language")] == _codes(override)
    assert ("passed", []) == (_outcome(fine, "voice_agent"), _codes(fine))


def test_memory_references_must_exist_and_come_from_an_ended_full_session(
    sdk: Minter, liveavatar_mock: MockServer
) -> None:
    """An unknown memory, and a previous session still running, are errors; an ended FULL session passes."""
    context = _context(sdk)
    token = sdk.create_token(avatar_id=SANDBOX_AVATAR_ID, persona=Persona(context_id=context), sandbox=True)
    sdk.call("sessions", "start", token)
    persona = Persona(context_id=context)
    unknown = _preflight(sdk, avatar_id=SANDBOX_AVATAR_ID, persona=persona, memory=Memory(session_memory_id=UNKNOWN_ID))
    running = _preflight(
        sdk, avatar_id=SANDBOX_AVATAR_ID, persona=persona, memory=Memory(prev_session_id=token.session_id)
    )
    sdk.call("sessions", "stop", token.session_id)
    ended = _preflight(
        sdk, avatar_id=SANDBOX_AVATAR_ID, persona=persona, memory=Memory(prev_session_id=token.session_id)
    )
    assert [("error", "memory_not_found", "memory.session_memory_id")] == _codes(unknown)
    assert [("error", "previous_session_running", "memory.prev_session_id")] == _codes(running)
    assert ("passed", []) == (_outcome(ended, "memory"), _codes(ended))


def test_a_language_the_api_does_not_list_is_a_warning(sdk: Minter, liveavatar_mock: MockServer) -> None:
    """persona.language is looked up in GET /v1/languages: an unknown code warns, `ja` passes."""
    context = _context(sdk)
    unknown = _preflight(sdk, avatar_id=SANDBOX_AVATAR_ID, persona=Persona(context_id=context, language="xx"))
    known = _preflight(sdk, avatar_id=SANDBOX_AVATAR_ID, persona=Persona(context_id=context, language="ja"))
    assert (True, [("warning", "language_unknown", "persona.language")]) == (unknown.ok, _codes(unknown))
    assert "passed" == _outcome(known, "language")


def test_a_second_preflight_sends_nothing_and_cache_false_asks_again(sdk: Minter, liveavatar_mock: MockServer) -> None:
    """Within the TTL every answer comes from the client's cache; `cache=False` fetches each one anew."""
    context = _context(sdk)
    persona = Persona(voice_id=PUBLIC_VOICE_ID, context_id=context, language="en")
    cold = _preflight(sdk, avatar_id=SANDBOX_AVATAR_ID, persona=persona)
    before = len(liveavatar_mock.requests)
    warm = _preflight(sdk, avatar_id=SANDBOX_AVATAR_ID, persona=persona)
    sent_warm = len(liveavatar_mock.requests) - before
    fresh = _preflight(sdk, avatar_id=SANDBOX_AVATAR_ID, persona=persona, cache=False)
    assert (5, 0, 0, 5) == (cold.calls, warm.calls, sent_warm, fresh.calls)
    assert cold.problems == warm.problems == fresh.problems


def test_a_check_whose_call_fails_is_a_warning_naming_it(sdk: Minter, liveavatar_mock: MockServer) -> None:
    """A 503 on the avatar and a 500 on the voice are warnings naming their checks; preflight raises nothing."""
    liveavatar_mock.fail_next(1, 503, operation="avatars.get")
    liveavatar_mock.fail_next(1, 500, operation="voices.get")
    persona = Persona(voice_id=PUBLIC_VOICE_ID, context_id=_context(sdk))
    report = _preflight(sdk, avatar_id=SANDBOX_AVATAR_ID, persona=persona)
    assert report.ok
    assert [("warning", "check_failed", "avatar_id"), ("warning", "check_failed", "persona.voice_id")] == _codes(report)
    assert ("warning", "warning") == (_outcome(report, "avatar"), _outcome(report, "voice"))
    assert "the avatar check could not run" in report.problems[0].message


def test_raise_for_problems_lists_every_error_and_pickles(sdk: Minter, liveavatar_mock: MockServer) -> None:
    """PreflightError is a LiveAvatarError whose message and `problems` hold each error, not the warnings."""
    report = _preflight(sdk, avatar_id=UNKNOWN_ID, persona=Persona(voice_id=UNKNOWN_ID))
    with pytest.raises(PreflightError) as raised:
        report.raise_for_problems()
    error = raised.value
    assert isinstance(error, liveavatar.LiveAvatarError)
    assert ["avatar_not_found", "voice_not_found"] == [problem.code for problem in error.problems]
    assert "avatar_id:" in str(error)
    assert "persona.voice_id:" in str(error)
    assert str(error) == str(pickle.loads(pickle.dumps(error)))


def _start_full(sdk: Minter, **kwargs: Any) -> str:
    """Start (and stop) a managed FULL session; its id."""
    if isinstance(sdk, OneLoop):
        client = sdk.client
        assert isinstance(client, liveavatar.AsyncLiveAvatar)

        async def run() -> str:
            async with client.sessions.start_full(**kwargs) as live:
                return live.session_id

        return sdk.runner.run(run())
    assert isinstance(sdk.client, liveavatar.LiveAvatar)
    with sdk.client.sessions.start_full(**kwargs) as live:
        return live.session_id


def test_start_full_with_preflight_mints_nothing_on_an_error(sdk: Minter, liveavatar_mock: MockServer) -> None:
    """An unknown avatar: PreflightError before any token request; a sound setup starts as usual."""
    with pytest.raises(PreflightError):
        _start_full(sdk, avatar_id=UNKNOWN_ID, persona=Persona(), preflight=True, keep_alive_every=None)
    assert not [record for record in liveavatar_mock.requests if record.path == "/v1/sessions/token"]
    assert [] == liveavatar_mock.minted_sessions()
    session_id = _start_full(
        sdk, avatar_id=SANDBOX_AVATAR_ID, persona=Persona(), sandbox=True, preflight=True, keep_alive_every=None
    )
    assert not liveavatar_mock.session(session_id).active


def test_bad_input_raises_before_any_request(sdk: Minter, liveavatar_mock: MockServer) -> None:
    """Preflight checks its arguments as create_token does: InvalidRequestError, nothing sent."""
    with pytest.raises(liveavatar.InvalidRequestError) as raised:
        _preflight(sdk, avatar_id="not-a-uuid", persona=Persona(), cache="yes")
    assert ["cache", "avatar_id"] == [problem.path for problem in raised.value.problems]
    with pytest.raises(liveavatar.InvalidRequestError):
        _preflight(sdk, avatar_id="not-a-uuid", persona=Persona())
    assert [] == liveavatar_mock.requests


def test_a_failing_balance_or_listing_is_a_warning_too(sdk: Minter, liveavatar_mock: MockServer) -> None:
    """A 503 on credits warns on api_key and skips credits; on languages and secrets their checks warn."""
    secret = _secret(sdk, "GEMINI_API_KEY")
    for operation in ("credits", "languages.list", "secrets.list"):
        liveavatar_mock.fail_next(1, 503, operation=operation)
    report = _lite(sdk, avatar_id=SANDBOX_AVATAR_ID, connector=liveavatar.GeminiRealtimeConfig(secret_id=secret))
    persona = Persona(context_id=_context(sdk), language="en")
    liveavatar_mock.fail_next(1, 503, operation="languages.list")
    languages = _preflight(sdk, avatar_id=SANDBOX_AVATAR_ID, persona=persona, cache=False)
    assert [("warning", "check_failed", ""), ("warning", "check_failed", "connector.secret_id")] == _codes(report)
    assert ("warning", "skipped") == (_outcome(report, "api_key"), _outcome(report, "credits"))
    assert [("warning", "check_failed", "persona.language")] == _codes(languages)


def test_memory_comes_only_from_a_full_session(sdk: Minter, liveavatar_mock: MockServer) -> None:
    """A previous session that was LITE is `previous_session_not_full`."""
    token = sdk.create_lite_token(avatar_id=SANDBOX_AVATAR_ID, sandbox=True)
    sdk.call("sessions", "start", token)
    sdk.call("sessions", "stop", token.session_id)
    persona = Persona(context_id=_context(sdk))
    report = _preflight(
        sdk, avatar_id=SANDBOX_AVATAR_ID, persona=persona, memory=Memory(prev_session_id=token.session_id)
    )
    assert [("error", "previous_session_not_full", "memory.prev_session_id")] == _codes(report)


def test_an_elevenlabs_agent_without_overrides_passes(sdk: Minter, liveavatar_mock: MockServer) -> None:
    """The same ElevenLabs agent with no per-session language or variables is fine."""
    agent = liveavatar_mock.add_voice_agent("el", agent_type="elevenlabs_agent")
    report = _preflight(sdk, avatar_id=SANDBOX_AVATAR_ID, voice_agent=VoiceAgent(id=agent))
    assert ("passed", []) == (_outcome(report, "voice_agent"), _codes(report))
