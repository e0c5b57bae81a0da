"""Property tests: the facade's client-side validation agrees with the spec, and with the mock.

(a) No false accepts. Facade inputs are generated with values in range and
out of it, ids valid and not, enums real and bogus, dynamic variables around
their limits, and handed to the body builders (`full_body` / `lite_body`, no
network). Every body they return must survive httpx's JSON encoding and
validate against the spec's request body (jsonschema Draft 2020-12, formats
on), and against the same schema with every object closed, since the spec's
open objects would take a misspelt optional field for an extra one; every
refusal is an `InvalidRequestError`.

(b) No false refusals. Bodies are generated from the spec's FULL and LITE
schemas (refs inlined; drawn with schemathesis' JSON Schema generator, as
hypothesis-jsonschema 0.23.1 cannot draw objects with the pinned
Hypothesis), turned back into facade arguments, and rebuilt by the facade,
which must accept them and send the same body modulo canonicalisation
(`support.canonical`: nulls and `is_sandbox: false` left out, ids lower-case
and hyphenated, `mode` absent with a voice agent). The only refusals allowed
are the business rules the schema cannot express, and for those the facade
must refuse, at the field:

1. FULL takes exactly one of `avatar_persona` and `voice_agent` (the
   schema allows both and, with `mode: FULL`, neither; the server answers
   422);
2. `max_session_duration` is at most 60 with `is_sandbox: true`;
3. ElevenLabs `apply_language_text_normalization: true` needs the persona
   language `ja` (a missing language is `en`);
4. a top-level `dynamic_variables` is refused next to a `voice_agent`;
5. LITE takes at most one connector (null ones do not count).

Out of scope by construction: fields the spec allows only through its open
objects (unknown fields), which the facade sends only through the unchecked
`extra_body`.

(c) Facade and mock agree. For generated facade inputs, valid and broken,
the facade's decision (a body builder returns or raises) equals the mock's
(2xx or 4xx) for the same request: the facade's body when it accepted, the
raw wire form of the same arguments (`support.raw_body`) when it refused.
Known, intentional differences, kept out of the generated inputs:

- the mock refuses sandbox sessions for any avatar but the sandbox avatar
  (`dd73ea75-…`), which the facade cannot know; sandbox inputs use it;
- the mock resolves `memory` ids against its own table (`MockConfig.memories`,
  empty by default, so every pair is accepted); the facade cannot check it;
- the facade is stricter about Python types than JSON can say: a plain dict
  for a value type, a non-str mapping key (JSON makes it a string), or an
  integral float for `max_session_duration` (JSON `30.0` is an integer to
  JSON Schema) are refused by the facade and would reach the mock as valid
  JSON, so `json_only` inputs do not make them; non-finite floats are not
  JSON at all.

Regression tests at the end of this module pin three defects these
properties found: non-finite floats in `ElevenLabsAgentConfig.dynamic_variables`
and strings with lone surrogates once passed the builders and failed inside
httpx; `stt_config: {}` could not be expressed.
"""

from __future__ import annotations

import asyncio
import uuid
from typing import Any

import httpx
import pytest
import schemathesis
from hypothesis import given, settings
from hypothesis import strategies as st

import liveavatar
from liveavatar import ElevenLabsAgentConfig, InvalidRequestError, Persona
from liveavatar.mock import LiveAvatarMock
from tests.conformance import strategies
from tests.conformance.support import (
    FULL,
    LITE,
    SANDBOX_AVATAR_ID,
    Builder,
    canonical,
    closed_problems,
    count,
    facade_call,
    full_body,
    generation_schemas,
    is_full,
    map_ids,
    raw_body,
    rule_paths,
    spec_problems,
    strict_json,
)

PROFILE = settings.get_profile("liveavatar-conformance")
EXAMPLES = 150
API_KEY = "sk_conformance_0123456789"

MIN_SHARE = 0.2
"""Each property must see at least this share of accepted and of refused inputs, so none passes vacuously."""


def _decide(builder: Builder, kwargs: dict[str, Any]) -> dict[str, Any] | InvalidRequestError:
    try:
        return builder(**kwargs)
    except InvalidRequestError as exc:
        error = exc
    assert error.problems, "an InvalidRequestError must name at least one problem"
    return error


def _assert_both_outcomes(outcomes: dict[str, int], name: str) -> None:
    total = outcomes["accepted"] + outcomes["refused"]
    assert total >= EXAMPLES // 2, f"{name}: only {total} inputs were generated"
    for outcome in ("accepted", "refused"):
        assert outcomes[outcome] >= MIN_SHARE * total, f"{name}: {outcomes} - too few {outcome} to mean anything"


# --- (a) no false accepts --------------------------------------------------------------------------


def test_no_false_accepts() -> None:
    """Every body the facade builds from generated input validates against the spec and is valid JSON."""
    outcomes = {"accepted": 0, "refused": 0}

    @settings(PROFILE, max_examples=EXAMPLES * 2)
    @given(strategies.facade_inputs())
    def check(call: tuple[Builder, dict[str, Any]]) -> None:
        builder, kwargs = call
        count("(a) facade inputs: every accepted body is spec-valid")
        decision = _decide(builder, kwargs)
        if isinstance(decision, InvalidRequestError):
            outcomes["refused"] += 1
            return
        outcomes["accepted"] += 1
        wire = strict_json(decision)
        assert spec_problems(wire) == [], (kwargs, wire)
        assert closed_problems(wire) == [], "a field name the spec does not have"
        variant = FULL if builder is full_body else LITE
        assert spec_problems(wire, f"#/components/schemas/{variant}") == []

    check()
    _assert_both_outcomes(outcomes, "no false accepts")


# --- (b) no false refusals ----------------------------------------------------------------------


def _spec_bodies() -> st.SearchStrategy[dict[str, Any]]:
    """Bodies from `generation_schemas()`, drawn by schemathesis' generator; ids upper-cased half the time."""
    document: dict[str, Any] = {"openapi": "3.1.0", "info": {"title": "generation", "version": "1"}, "paths": {}}
    for name, schema in generation_schemas().items():
        content = {"application/json": {"schema": schema}}
        document["paths"][f"/{name}"] = {
            "post": {"requestBody": {"required": True, "content": content}, "responses": {"200": {"description": "ok"}}}
        }
    loaded = schemathesis.openapi.from_dict(document)
    cases = st.one_of(*(loaded[path]["POST"].as_strategy() for path in document["paths"]))
    return st.tuples(cases, st.booleans()).map(
        lambda drawn: map_ids(drawn[0].body, str.upper) if drawn[1] else drawn[0].body
    )


def test_no_false_refusals() -> None:
    """Every spec-valid body is accepted by the facade and sent back canonically, except the listed rules."""
    outcomes = {"accepted": 0, "refused": 0}

    @settings(PROFILE, max_examples=EXAMPLES * 2)
    @given(_spec_bodies())
    def check(body: dict[str, Any]) -> None:
        count("(b) spec bodies: accepted unless a listed business rule refuses them")
        assert spec_problems(body) == [], "the generation schema produced a body the spec refuses"
        builder, kwargs = facade_call(body)
        decision = _decide(builder, kwargs)
        expected = rule_paths(body)
        if expected:
            outcomes["refused"] += 1
            assert isinstance(decision, InvalidRequestError), f"facade accepted a body breaking {expected}: {body}"
            assert {p.path for p in decision.problems} == expected, (body, decision.problems)
            return
        assert not isinstance(decision, InvalidRequestError), f"FACADE FALSE REFUSAL of {body}: {decision.problems}"
        outcomes["accepted"] += 1
        assert decision == canonical(body)
        assert spec_problems(strict_json(decision)) == []

    check()
    _assert_both_outcomes(outcomes, "no false refusals")


# --- (c) the facade and the mock agree -----------------------------------------------------------------


async def _mock_statuses(app: Any, bodies: list[dict[str, Any]]) -> list[tuple[int, Any]]:
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://mock") as http:
        replies = []
        for body in bodies:
            response = await http.post("/v1/sessions/token", json=body, headers={"X-API-KEY": API_KEY})
            replies.append((response.status_code, response.json()))
        return replies


def test_facade_and_mock_agree() -> None:
    """For valid and broken inputs alike, the facade refuses exactly what the mock refuses."""
    mock = LiveAvatarMock()
    outcomes = {"accepted": 0, "refused": 0}

    @settings(PROFILE, max_examples=EXAMPLES * 2)
    @given(strategies.facade_inputs(json_only=True))
    def check(call: tuple[Builder, dict[str, Any]]) -> None:
        builder, kwargs = call
        count("(c) facade inputs: facade and mock agree")
        decision = _decide(builder, kwargs)
        raw = raw_body(builder, kwargs)
        if not isinstance(decision, InvalidRequestError):
            assert raw == decision, "the raw mapping and the facade disagree on a body the facade accepted"
        [(status, reply)] = asyncio.run(_mock_statuses(mock.app, [raw]))
        assert status < 500, (raw, reply)
        if isinstance(decision, InvalidRequestError):
            outcomes["refused"] += 1
            assert 400 <= status < 500, f"facade refused ({decision.problems}) but the mock answered {status}: {raw}"
        else:
            outcomes["accepted"] += 1
            assert 200 <= status < 300, f"facade accepted but the mock answered {status} {reply}: {raw}"

    check()
    _assert_both_outcomes(outcomes, "facade and mock agree")


# --- spot checks that keep the generators honest ------------------------------------------------


def test_generation_schemas_cover_both_modes_and_every_connector() -> None:
    """The spec-body generators can produce FULL with a persona, FULL with a voice agent, and each LITE connector."""
    schemas = generation_schemas()
    assert set(schemas["lite"]["properties"]) >= {f"{name}_config" for name in strategies.CONNECTORS}
    assert "avatar_persona" in schemas["full-persona"]["required"]
    assert "voice_agent" in schemas["full-voice-agent"]["required"]
    assert is_full({"avatar_id": SANDBOX_AVATAR_ID, "voice_agent": {"id": SANDBOX_AVATAR_ID}})
    assert not is_full({"avatar_id": SANDBOX_AVATAR_ID})


def test_inverse_mapping_round_trips_the_spec_example() -> None:
    """The spec's own request example maps to facade arguments that rebuild it canonically."""
    from tests.spec_document import load_spec

    example = load_spec()["paths"]["/v1/sessions/token"]["post"]["requestBody"]["content"]["application/json"][
        "example"
    ]
    builder, kwargs = facade_call(example)
    assert builder is full_body
    assert builder(**kwargs) == canonical(example)


# --- once facade defects, now regression tests ---------------------------------------------------


def _offline_client() -> liveavatar.LiveAvatar:
    token = {"data": {"session_id": str(uuid.UUID(int=1)), "session_token": "t"}}
    transport = httpx.MockTransport(lambda request: httpx.Response(200, json=token))
    return liveavatar.LiveAvatar(api_key=API_KEY, http_client=httpx.Client(transport=transport), max_retries=0)


@pytest.mark.parametrize("value", [float("nan"), float("inf"), float("-inf")])
def test_nonfinite_elevenlabs_agent_variable_is_refused(value: float) -> None:
    """A NaN or infinite ElevenLabs agent variable is an InvalidRequestError, as JSON cannot carry it."""
    agent = ElevenLabsAgentConfig(secret_id=str(uuid.UUID(int=2)), agent_id="agent", dynamic_variables={"x": value})
    with _offline_client() as client, pytest.raises(InvalidRequestError):
        client.sessions.create_lite_token(avatar_id=SANDBOX_AVATAR_ID, elevenlabs_agent=agent)


def test_lone_surrogate_is_refused() -> None:
    """A string UTF-8 cannot encode is an InvalidRequestError, not an encoding crash inside httpx."""
    with _offline_client() as client, pytest.raises(InvalidRequestError):
        client.sessions.create_token(avatar_id=SANDBOX_AVATAR_ID, persona=Persona(language="\ud800"))


def test_provider_less_stt_config_is_expressible() -> None:
    """The spec-valid `avatar_persona.stt_config: {}` maps to facade arguments that send it back."""
    body = {"mode": "FULL", "avatar_id": SANDBOX_AVATAR_ID, "avatar_persona": {"stt_config": {}}}
    assert spec_problems(body) == []
    builder, kwargs = facade_call(body)
    assert builder(**kwargs) == canonical(body)
