"""Property tests: the facade's client-side validation agrees with the spec, and with the mock.

(a) No false accepts. Facade inputs are generated with values in range and
out of it, ids valid and not, enums real and bogus, dynamic variables around
their limits, and handed to the body builders (`full_body` / `lite_body`, no
network). Every body they return must survive httpx's JSON encoding and
validate against the published schema (`support.spec_problems`: the spec
with its stricter-than-published limits taken out; jsonschema Draft 2020-12,
formats on), and against the same schema with every object closed, since
open objects would take a misspelt optional field for an extra one; every
refusal is an `InvalidRequestError`.

(b) No false refusals, by the SDK or the mock. Bodies are generated from the
published FULL and LITE schemas (refs inlined; drawn with schemathesis' JSON
Schema generator, as hypothesis-jsonschema 0.23.1 cannot draw objects with
the pinned Hypothesis), half of them with unknown top-level fields (as
`video_quality` is) added. Each is turned back into facade arguments (the
unknown fields through `extra_body`) and rebuilt by the facade, which must
send it unchanged (modulo `support.canonical`: nulls and `is_sandbox: false`
left out, ids lower-case and hyphenated, `mode` absent with a voice agent),
and what it sends goes to a default mock, which must mint. The only
refusals allowed are the rules of the mock's rule table (docs/guides/rules.md)
table:

- by the SDK, at the field: `persona-or-agent` (the schema allows both and,
  with `mode: FULL`, neither), `sandbox-duration`, `normalization-needs-ja`
  and `agent-variables-inside` (`support.rule_paths`). A body with two
  connectors (`one-lite-connector`, SDK only) cannot be expressed at all,
  so it goes to the mock as generated;
- by the mock: every refusal names its rules (`RecordedRequest.rules`),
  each a rule of the table that the body breaks by an independent reading
  (`support.mock_rules`, which adds `sandbox-avatar`).

(c) Facade and mock agree. For generated facade inputs, valid and broken,
the facade's decision (a body builder returns or raises) equals the mock's
(2xx or 4xx) for the same request: the facade's body when it accepted, the
raw wire form of the same arguments (`support.raw_body`) when it refused.
Known, intentional differences, kept out of the generated inputs:

- the mock refuses sandbox sessions for any avatar but the sandbox avatars,
  which the facade cannot know; sandbox inputs use Wayne;
- the mock resolves `memory` ids against its own table (`MockConfig.memories`,
  empty by default, so every pair is accepted); the facade cannot check it;
- the SDK-only rules of the table (`one-lite-connector`, which the
  `connector` argument makes inexpressible, and `duration-fits-64-bits`);
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
import inspect
import uuid
from typing import Any

import httpx
import pytest
import schemathesis
from hypothesis import given, settings
from hypothesis import strategies as st

import liveavatar
from liveavatar import ElevenLabsAgentConfig, InvalidRequestError, Persona, _request
from liveavatar import mock as mock_module
from liveavatar.mock import LiveAvatarMock
from tests.conformance import strategies
from tests.conformance.support import (
    CONNECTORS,
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
    inlined,
    is_full,
    map_ids,
    mock_rules,
    raw_body,
    rule_paths,
    sdk_only_rules,
    spec_problems,
    strict_json,
)

# Hundreds of generated requests each: `make test` runs them, the edit loop (`make unit`) does not.
pytestmark = pytest.mark.slow

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


_KNOWN_FIELDS = frozenset(
    {
        "mode",
        *inlined(FULL)["properties"],
        *inlined(LITE)["properties"],
        # The facade's own argument names: a stray field of that name would be read back as the argument.
        *inspect.signature(_request.full_body).parameters,
        *inspect.signature(_request.lite_body).parameters,
    },
)
_EXTRA_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False) | st.text(max_size=5),
    lambda inner: st.lists(inner, max_size=2) | st.dictionaries(st.text(max_size=3), inner, max_size=2),
    max_leaves=4,
)


def _unknown_fields() -> st.SearchStrategy[dict[str, Any]]:
    """Fields in no schema (as `video_quality` is), which LiveAvatar ignores: none half the time."""
    names = st.text(alphabet="abcdefghijklmnopqrstuvwxyz_", min_size=1, max_size=12).filter(
        lambda name: name not in _KNOWN_FIELDS
    )
    return st.one_of(st.just({}), st.dictionaries(names, _EXTRA_VALUES, min_size=1, max_size=3))


async def _mint(mock: LiveAvatarMock, body: dict[str, Any]) -> tuple[int, tuple[str, ...]]:
    transport = httpx.ASGITransport(app=mock.app)
    async with httpx.AsyncClient(transport=transport, base_url="http://mock") as http:
        response = await http.post("/v1/sessions/token", json=body, headers={"X-API-KEY": API_KEY})
    return response.status_code, mock.last_request.rules


def test_no_false_refusals() -> None:
    """Every spec-valid body the rules allow is sent by the SDK unchanged and minted by the mock; refusals name a rule."""
    mock = LiveAvatarMock()
    table = {rule.name for rule in mock_module.TABLE}
    outcomes = {"accepted": 0, "refused": 0}

    @settings(PROFILE, max_examples=EXAMPLES * 2)
    @given(_spec_bodies(), _unknown_fields())
    def check(known: dict[str, Any], unknown: dict[str, Any]) -> None:
        count("(b) spec bodies: accepted unless a listed business rule refuses them")
        body = {**known, **unknown}
        assert spec_problems(body) == [], "the generation schema produced a body the spec refuses"
        sent = body
        if not sdk_only_rules(known):
            builder, kwargs = facade_call(known)
            decision = _decide(builder, {**kwargs, "extra_body": unknown or None})
            expected = rule_paths(known)
            if expected:
                assert isinstance(decision, InvalidRequestError), f"SDK accepted a body breaking {expected}: {body}"
                assert {p.path for p in decision.problems} == expected, (body, decision.problems)
            else:
                assert not isinstance(decision, InvalidRequestError), (
                    f"SDK FALSE REFUSAL of {body}: {decision.problems}"
                )
                sent = strict_json(decision)
                assert sent == {**canonical(known), **unknown}, "the SDK changed the body beyond canonical form"
        status, named = asyncio.run(_mint(mock, sent))
        breaks = mock_rules(known)
        if not breaks:
            outcomes["accepted"] += 1
            assert (status, named) == (200, ()), f"MOCK FALSE REFUSAL ({status}, {named}) of {sent}"
            return
        outcomes["refused"] += 1
        assert status in (400, 422), (status, sent)
        assert named, f"the mock refused {sent} without naming a rule"
        assert set(named) <= table, f"{named} are not rules of the table"
        assert set(named) <= breaks, f"the mock named {named}, but the body breaks {breaks}"

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
            assert raw == strict_json(decision), "the raw mapping and the facade disagree on a body the facade accepted"
        [(status, reply)] = asyncio.run(_mock_statuses(mock.app, [raw]))
        assert status < 500, (raw, reply)
        if isinstance(decision, InvalidRequestError):
            outcomes["refused"] += 1
            if all(problem.path == "connector" for problem in decision.problems):
                # Not a connector at all: a type error of the SDK's own argument, which has no wire form
                # for the mock to judge (the raw mapping sends it as an unknown field, which the API ignores).
                return
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
    assert set(schemas["lite"]["properties"]) >= {f"{name}_config" for name in CONNECTORS}
    assert "avatar_persona" in schemas["full-persona"]["required"]
    assert "voice_agent" in schemas["full-voice-agent"]["required"]
    assert is_full({"avatar_id": SANDBOX_AVATAR_ID, "voice_agent": {"id": SANDBOX_AVATAR_ID}})
    assert is_full({"avatar_id": SANDBOX_AVATAR_ID})
    assert not is_full({"mode": "LITE", "avatar_id": SANDBOX_AVATAR_ID})


def test_inverse_mapping_round_trips_the_spec_example() -> None:
    """The spec's own request example maps to facade arguments that rebuild it canonically."""
    from tests.spec_document import load_spec

    example = load_spec()["paths"]["/v1/sessions/token"]["post"]["requestBody"]["content"]["application/json"][
        "example"
    ]
    builder, kwargs = facade_call(example)
    assert builder is full_body
    assert strict_json(builder(**kwargs)) == canonical(example)


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
        client.sessions.create_lite_token(avatar_id=SANDBOX_AVATAR_ID, connector=agent)


def test_lone_surrogate_is_refused() -> None:
    """A string UTF-8 cannot encode is an InvalidRequestError, not an encoding crash inside httpx."""
    with _offline_client() as client, pytest.raises(InvalidRequestError):
        client.sessions.create_token(avatar_id=SANDBOX_AVATAR_ID, persona=Persona(language="\ud800"))


def test_provider_less_stt_config_is_expressible() -> None:
    """The spec-valid `avatar_persona.stt_config: {}` maps to facade arguments that send it back."""
    body = {"mode": "FULL", "avatar_id": SANDBOX_AVATAR_ID, "avatar_persona": {"stt_config": {}}}
    assert spec_problems(body) == []
    builder, kwargs = facade_call(body)
    assert strict_json(builder(**kwargs)) == canonical(body)
