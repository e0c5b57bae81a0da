"""Hypothesis strategies for facade inputs: value types holding values in range or out, ids valid or not.

Each input is one of three kinds (2 : 2 : 1):

- clean: every field in range, so only the business rules can refuse it;
- one fault: a clean input with exactly one fault: one field (a top-level
  argument or a field of a value type) given a bad value, or one business
  rule broken. The fault is drawn first, uniformly, and the input is then
  given the value type it needs, so a fault deep in a voice-settings object
  comes up as often as a bad `avatar_id`. This is the kind that catches a
  check that is too loose: an input with three faults is refused whatever
  any one check does;
- many faults: each field is bad with even odds.

Bad values sit where mistakes hide: just outside numeric ranges, one
entry or character over the dynamic-variable limits, near-miss ids and enum
spellings, wrong JSON types.

`json_only=True` keeps to inputs whose raw wire form (`support.raw_body`) is
the same JSON the facade judges: no non-finite floats, no non-str mapping
keys, no plain dicts standing in for value types, no integral floats where
an int belongs.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any, get_args

import attrs
from hypothesis import strategies as st

from liveavatar import (
    AgoraConfig,
    ElevenLabsAgentConfig,
    ElevenLabsModel,
    ElevenLabsVoiceSettings,
    FishLatencyMode,
    FishModel,
    FishVoiceSettings,
    GeminiRealtimeConfig,
    GeminiRealtimeModel,
    GeminiRealtimeVoice,
    InteractivityType,
    LiveKitConfig,
    Memory,
    OpenAIRealtimeConfig,
    OpenAIRealtimeVoice,
    Persona,
    STTConfig,
    STTProvider,
    VideoEncoding,
    VideoQuality,
    VideoSettings,
    VoiceAgent,
)
from tests.conformance.support import CONNECTORS, SANDBOX_AVATAR_ID, full_body, lite_body

S = st.SearchStrategy

MANY = 50
"""Percent chance per field of a bad value, for many-fault inputs."""


def mixed(good: S[Any], bad: S[Any], faults: int) -> S[Any]:
    """`good`, or `bad` with `faults` percent chance."""
    if faults == 0:
        return good
    return st.integers(0, 99).flatmap(lambda roll: bad if roll < faults else good)


def optional(strategy: S[Any]) -> S[Any]:
    return st.one_of(st.none(), strategy)


# --- scalars, good and bad ------------------------------------------------------------------------


def good_ids() -> S[Any]:
    """Ids the facade may take: `uuid.UUID`s, and uuid text in the spellings `uuid.UUID()` parses."""
    return st.one_of(
        st.uuids(),
        st.uuids().map(str),
        st.uuids().map(lambda u: str(u).upper()),
        st.uuids().map(lambda u: u.hex),
        st.uuids().map(lambda u: "{" + str(u) + "}"),
        st.uuids().map(lambda u: u.urn),
    )


def bad_ids() -> S[Any]:
    one = str(uuid.UUID(int=1))
    return st.one_of(
        st.sampled_from(["", "not-a-uuid", one[:-1], one + "0", one.replace("-", "_"), "g" * 32]),
        st.text(max_size=40),
        st.integers(),
        st.booleans(),
    )


def good_enum(literal: Any) -> S[Any]:
    return st.sampled_from(list(get_args(literal)))


def bad_enum(literal: Any) -> S[Any]:
    """Half the time a near miss (a real value in the wrong case, or padded), else anything."""
    choices = list(get_args(literal))
    near_misses = [c.lower() if c != c.lower() else c.upper() for c in choices] + [" " + c for c in choices]
    return mixed(
        st.one_of(st.sampled_from(["", "none"]), st.text(max_size=12), st.integers()), st.sampled_from(near_misses), 50
    )


def good_number(low: float, high: float) -> S[Any]:
    whole = st.integers(int(low) + (low != int(low)), int(high))
    return st.one_of(st.sampled_from([low, high, (low + high) / 2]), st.floats(low, high), whole)


def bad_number(low: float, high: float, json_only: bool) -> S[Any]:
    """Half the time just outside the range, where a wrong bound would let it through."""
    step = 1e-9
    elsewhere = st.one_of(
        st.sampled_from([low - 1, high + 1, True, "1"]),
        st.floats(allow_nan=not json_only, allow_infinity=not json_only).filter(lambda x: not low <= x <= high),
    )
    return mixed(elsewhere, st.sampled_from([low - step, high + step]), 50)


def good_text() -> S[Any]:
    return st.text(max_size=20)


def bad_text() -> S[Any]:
    return st.one_of(st.integers(), st.none(), st.booleans())


def bad_flag() -> S[Any]:
    return st.sampled_from([0, 1, "true", None])


def good_language() -> S[Any]:
    return st.one_of(st.sampled_from(["en", "ja", "fr", "es-MX"]), st.text(max_size=6))


def good_duration(sandbox: object) -> S[Any]:
    # No minimum is published: 0 and negatives are the server's to judge.
    limit = 60 if sandbox is True else 7200
    return st.one_of(st.sampled_from([0, -1, 1, limit - 1, limit]), st.integers(-limit, limit))


def bad_duration(sandbox: object, json_only: bool) -> S[Any]:
    # JSON cannot tell 30.0 from 30, and any JSON integer is one to the mock, so only the facade can refuse
    # the float or an integer past 64 bits (the SDK-only rule `duration-fits-64-bits`).
    odd: list[Any] = [True, "60", 1.5]
    if sandbox is True:
        odd.append(61)
    if not json_only:
        odd += [30.0, 2**63, -(2**63) - 1]
    return st.sampled_from(odd)


# --- dynamic variables ----------------------------------------------------------------------------


@st.composite
def good_dynamic_variables(draw: st.DrawFn) -> dict[str, str]:
    """Mappings up to the limits: 50 entries, keys of at most 64 characters (empty too), values of at most 1000."""
    if draw(st.booleans()):
        return draw(st.dictionaries(st.text(max_size=64), st.text(max_size=30), max_size=4))
    size = draw(st.sampled_from([0, 1, 2, 49, 50]))
    names = [f"var_{i}" for i in range(size)]
    if names:
        names[0] = "K" * draw(st.sampled_from([0, 1, 63, 64]))
    mapping = dict.fromkeys(names, "v")
    if names:
        mapping[names[-1]] = "x" * draw(st.sampled_from([0, 1, 999, 1000]))
    return mapping


@st.composite
def bad_dynamic_variables(draw: st.DrawFn, json_only: bool) -> Any:
    """A mapping over exactly one limit (one entry too many, a key or value one character too long, ...)."""
    over = draw(st.sampled_from(["not a mapping", "size", "key", "value", "value type", "key type"]))
    if over == "not a mapping":
        return draw(st.one_of(st.lists(st.text(max_size=3), max_size=2), st.text(max_size=3), st.integers()))
    mapping: dict[Any, Any] = dict(draw(good_dynamic_variables()))
    if over == "size":
        mapping.update({f"extra_{i}": "v" for i in range(51 - len(mapping))})
    elif over == "key":
        mapping["k" * draw(st.sampled_from([65, 100]))] = "v"
    elif over == "value":
        mapping["long"] = "x" * draw(st.sampled_from([1001, 2000]))
    elif over == "value type" or json_only:
        mapping["typed"] = draw(st.one_of(st.integers(), st.none(), st.booleans(), st.lists(st.text(), max_size=1)))
    else:
        mapping[draw(st.integers())] = "non-str key"
    return mapping


def dynamic_variables(faults: int, json_only: bool) -> S[Any]:
    return mixed(good_dynamic_variables(), bad_dynamic_variables(json_only), faults)


_AGENT_SCALARS = st.one_of(
    st.text(max_size=10), st.integers(), st.floats(allow_nan=False, allow_infinity=False), st.booleans()
)


def good_agent_variables() -> S[Any]:
    return st.dictionaries(st.text(max_size=10), _AGENT_SCALARS, max_size=4)


def bad_agent_variables() -> S[Any]:
    return st.one_of(
        st.dictionaries(
            st.text(max_size=10), st.one_of(st.none(), st.lists(st.integers(), max_size=2)), min_size=1, max_size=2
        ),
        st.lists(st.text(max_size=3), max_size=2),
    )


# --- value types ---------------------------------------------------------------------------------


def _bad_value_type(json_only: bool, stand_in: object) -> S[Any]:
    # A plain dict has the right JSON shape, so only the facade can refuse it.
    return st.one_of(st.integers(), st.text(max_size=3)) if json_only else st.just(stand_in)


def video(faults: int) -> S[Any]:
    return st.builds(
        VideoSettings,
        quality=optional(mixed(good_enum(VideoQuality), bad_enum(VideoQuality), faults)),
        encoding=optional(mixed(good_enum(VideoEncoding), bad_enum(VideoEncoding), faults)),
    )


def voice_settings(faults: int, json_only: bool) -> S[Any]:
    def num(low: float, high: float) -> S[Any]:
        return optional(mixed(good_number(low, high), bad_number(low, high, json_only), faults))

    def flag() -> S[Any]:
        return optional(mixed(st.booleans(), bad_flag(), faults))

    def choice(literal: Any) -> S[Any]:
        return optional(mixed(good_enum(literal), bad_enum(literal), faults))

    eleven = st.builds(
        ElevenLabsVoiceSettings,
        speed=num(0.8, 1.2),
        stability=num(0, 1),
        similarity_boost=num(0, 1),
        style=num(0, 1),
        use_speaker_boost=flag(),
        model=choice(ElevenLabsModel),
        apply_language_text_normalization=flag(),
    )
    fish = st.builds(
        FishVoiceSettings, speed=num(0.8, 1.2), model=choice(FishModel), latency_mode=choice(FishLatencyMode)
    )
    return st.one_of(eleven, fish)


def persona(faults: int, json_only: bool) -> S[Any]:
    stt = st.builds(STTConfig, provider=mixed(good_enum(STTProvider), bad_enum(STTProvider), faults))
    return st.builds(
        Persona,
        voice_id=optional(mixed(good_ids(), bad_ids(), faults)),
        context_id=optional(mixed(good_ids(), bad_ids(), faults)),
        language=optional(mixed(good_language(), st.integers(), faults)),
        voice_settings=optional(mixed(voice_settings(faults, json_only), st.text(max_size=5), faults)),
        stt=optional(mixed(stt, st.text(max_size=5), faults)),
    )


_JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False) | st.text(max_size=5),
    lambda inner: st.lists(inner, max_size=2) | st.dictionaries(st.text(max_size=3), inner, max_size=2),
    max_leaves=4,
)


def good_agent_dynamic_variables() -> S[Any]:
    """`voice_agent.dynamic_variables`, published as a plain object: any JSON values, no limits."""
    return st.one_of(good_dynamic_variables(), st.dictionaries(st.text(max_size=70), _JSON_VALUES, max_size=4))


def bad_agent_dynamic_variables(json_only: bool) -> S[Any]:
    """Not an object at all, or (facade only) a mapping JSON would give string keys."""
    not_a_mapping = st.one_of(st.lists(st.text(max_size=3), max_size=2), st.text(max_size=3), st.integers())
    return not_a_mapping if json_only else st.one_of(not_a_mapping, st.just({1: "non-str key"}))


def voice_agent(faults: int, json_only: bool) -> S[Any]:
    return st.builds(
        VoiceAgent,
        id=mixed(good_ids(), bad_ids(), faults),
        language=optional(mixed(good_language(), st.integers(), faults)),
        dynamic_variables=optional(
            mixed(good_agent_dynamic_variables(), bad_agent_dynamic_variables(json_only), faults)
        ),
    )


def memory(faults: int) -> S[Any]:
    ids = mixed(good_ids(), bad_ids(), faults)
    return st.builds(Memory, prev_session_id=optional(ids), session_memory_id=optional(ids))


def connector(name: str, faults: int, json_only: bool) -> S[Any]:
    ids = mixed(good_ids(), bad_ids(), faults)
    text = mixed(good_text(), bad_text(), faults)
    if name == "livekit":
        return st.builds(LiveKitConfig, url=text, room=text, client_token=text)
    if name == "agora":
        return st.builds(AgoraConfig, app_id=text, token=text, channel=text, uid=text)
    if name == "elevenlabs_agent":
        return st.builds(
            ElevenLabsAgentConfig,
            secret_id=ids,
            agent_id=text,
            voice_id=optional(text),
            dynamic_variables=optional(mixed(good_agent_variables(), bad_agent_variables(), faults)),
        )
    if name == "openai_realtime":
        return st.builds(
            OpenAIRealtimeConfig,
            secret_id=ids,
            context_id=optional(ids),
            voice=optional(mixed(good_enum(OpenAIRealtimeVoice), bad_enum(OpenAIRealtimeVoice), faults)),
            temperature=optional(mixed(good_number(0.6, 1.2), bad_number(0.6, 1.2, json_only), faults)),
            model=optional(text),
        )
    return st.builds(
        GeminiRealtimeConfig,
        secret_id=ids,
        context_id=optional(ids),
        voice=optional(mixed(good_enum(GeminiRealtimeVoice), bad_enum(GeminiRealtimeVoice), faults)),
        temperature=optional(mixed(good_number(0, 2), bad_number(0, 2, json_only), faults)),
        model=optional(mixed(good_enum(GeminiRealtimeModel), bad_enum(GeminiRealtimeModel), faults)),
    )


# --- one fault: where it can go and what it can be -----------------------------------------------


def _bad_fields(json_only: bool) -> dict[tuple[type, str], S[Any]]:
    """The bad values of each value-type field."""
    bad: dict[tuple[type, str], S[Any]] = {
        (VideoSettings, "quality"): bad_enum(VideoQuality),
        (VideoSettings, "encoding"): bad_enum(VideoEncoding),
        (ElevenLabsVoiceSettings, "speed"): bad_number(0.8, 1.2, json_only),
        (ElevenLabsVoiceSettings, "use_speaker_boost"): bad_flag(),
        (ElevenLabsVoiceSettings, "model"): bad_enum(ElevenLabsModel),
        (ElevenLabsVoiceSettings, "apply_language_text_normalization"): st.one_of(bad_flag(), st.just(True)),
        (FishVoiceSettings, "speed"): bad_number(0.8, 1.2, json_only),
        (FishVoiceSettings, "model"): bad_enum(FishModel),
        (FishVoiceSettings, "latency_mode"): bad_enum(FishLatencyMode),
        (STTConfig, "provider"): bad_enum(STTProvider),
        (Persona, "language"): st.integers(),
        (Persona, "voice_settings"): st.text(max_size=5),
        (Persona, "stt"): st.text(max_size=5),
        (VoiceAgent, "language"): st.integers(),
        (VoiceAgent, "dynamic_variables"): bad_agent_dynamic_variables(json_only),
        (ElevenLabsAgentConfig, "dynamic_variables"): bad_agent_variables(),
        (OpenAIRealtimeConfig, "voice"): bad_enum(OpenAIRealtimeVoice),
        (OpenAIRealtimeConfig, "temperature"): bad_number(0.6, 1.2, json_only),
        (GeminiRealtimeConfig, "voice"): bad_enum(GeminiRealtimeVoice),
        (GeminiRealtimeConfig, "temperature"): bad_number(0, 2, json_only),
        (GeminiRealtimeConfig, "model"): bad_enum(GeminiRealtimeModel),
    }
    for name in ("stability", "similarity_boost", "style"):
        bad[ElevenLabsVoiceSettings, name] = bad_number(0, 1, json_only)
    for cls, name in [
        (Persona, "voice_id"),
        (Persona, "context_id"),
        (VoiceAgent, "id"),
        (Memory, "prev_session_id"),
        (Memory, "session_memory_id"),
        (ElevenLabsAgentConfig, "secret_id"),
        (OpenAIRealtimeConfig, "secret_id"),
        (OpenAIRealtimeConfig, "context_id"),
        (GeminiRealtimeConfig, "secret_id"),
        (GeminiRealtimeConfig, "context_id"),
    ]:
        bad[cls, name] = bad_ids()
    for cls in (LiveKitConfig, AgoraConfig):
        for field in attrs.fields(cls):
            bad[cls, field.name] = bad_text()
    for name in ("agent_id", "voice_id"):
        bad[ElevenLabsAgentConfig, name] = bad_text()
    bad[OpenAIRealtimeConfig, "model"] = bad_text()
    return bad


_LOCATION: dict[type, tuple[str, ...]] = {
    VideoSettings: ("video_settings",),
    Persona: ("persona",),
    ElevenLabsVoiceSettings: ("persona", "voice_settings"),
    FishVoiceSettings: ("persona", "voice_settings"),
    STTConfig: ("persona", "stt"),
    VoiceAgent: ("voice_agent",),
    Memory: ("memory",),
    LiveKitConfig: ("connector",),
    AgoraConfig: ("connector",),
    ElevenLabsAgentConfig: ("connector",),
    OpenAIRealtimeConfig: ("connector",),
    GeminiRealtimeConfig: ("connector",),
}
"""Where each value type sits in the arguments."""

_CONNECTOR_NAMES = {
    LiveKitConfig: "livekit",
    AgoraConfig: "agora",
    ElevenLabsAgentConfig: "elevenlabs_agent",
    OpenAIRealtimeConfig: "openai_realtime",
    GeminiRealtimeConfig: "gemini_realtime",
}

_CONTAINER_AT = {
    ("video_settings",): VideoSettings,
    ("persona",): Persona,
    ("persona", "stt"): STTConfig,
    ("voice_agent",): VoiceAgent,
    ("memory",): Memory,
}


def _clean(cls: type, json_only: bool) -> S[Any]:
    """A clean instance of `cls`, for an input that has none where a fault is to go."""
    if cls is VoiceAgent:
        return voice_agent(0, json_only)
    if cls is STTConfig:
        return st.builds(STTConfig, provider=good_enum(STTProvider))
    if cls in _CONNECTOR_NAMES:
        return connector(_CONNECTOR_NAMES[cls], 0, json_only)
    return st.just(cls())


def _ensure(draw: st.DrawFn, kwargs: dict[str, Any], cls: type, json_only: bool) -> dict[str, Any]:
    """`kwargs` changed as little as possible so that an instance of `cls` sits at its location."""
    path = _LOCATION[cls]
    head = path[0]
    if head == "persona":
        kwargs |= {"voice_agent": None}
    elif head == "voice_agent":
        kwargs |= {"persona": None, "dynamic_variables": None}
    outer = _CONTAINER_AT.get((head,), cls)
    if not isinstance(kwargs[head], outer):
        kwargs[head] = draw(_clean(outer, json_only))
    if len(path) == 2 and not isinstance(getattr(kwargs[head], path[1]), cls):
        kwargs[head] = attrs.evolve(kwargs[head], **{path[1]: draw(_clean(cls, json_only))})
    return kwargs


def _set(kwargs: dict[str, Any], path: tuple[str, ...], value: object) -> dict[str, Any]:
    head, *rest = path
    if not rest:
        return {**kwargs, head: value}
    if len(rest) == 1:
        return {**kwargs, head: attrs.evolve(kwargs[head], **{rest[0]: value})}
    inner = attrs.evolve(getattr(kwargs[head], rest[0]), **{rest[1]: value})
    return {**kwargs, head: attrs.evolve(kwargs[head], **{rest[0]: inner})}


Fault = Callable[[st.DrawFn, dict[str, Any], bool], dict[str, Any]]


def _field_fault(cls: type, name: str, bad: S[Any]) -> Fault:
    def apply(draw: st.DrawFn, kwargs: dict[str, Any], json_only: bool) -> dict[str, Any]:
        kwargs = _ensure(draw, dict(kwargs), cls, json_only)
        return _set(kwargs, (*_LOCATION[cls], name), draw(bad))

    return apply


def _argument_fault(name: str, bad: Callable[[dict[str, Any], bool], S[Any]]) -> Fault:
    def apply(draw: st.DrawFn, kwargs: dict[str, Any], json_only: bool) -> dict[str, Any]:
        return {**kwargs, name: draw(bad(kwargs, json_only))}

    return apply


def _sandbox_too_long(draw: st.DrawFn, kwargs: dict[str, Any], json_only: bool) -> dict[str, Any]:
    # The sandbox's own rule; the avatar is the sandbox one (see `_common`).
    return {
        **kwargs,
        "sandbox": True,
        "avatar_id": SANDBOX_AVATAR_ID,
        "max_session_duration": draw(st.integers(61, 7200)),
    }


def _misplaced_variables(draw: st.DrawFn, kwargs: dict[str, Any], json_only: bool) -> dict[str, Any]:
    kwargs = _ensure(draw, dict(kwargs), VoiceAgent, json_only)
    return {**kwargs, "dynamic_variables": draw(good_dynamic_variables())}


def _shape(persona_too: bool) -> Fault:
    def apply(draw: st.DrawFn, kwargs: dict[str, Any], json_only: bool) -> dict[str, Any]:
        if not persona_too:
            return {**kwargs, "persona": None, "voice_agent": None}
        return {**kwargs, "persona": draw(persona(0, json_only)), "voice_agent": draw(voice_agent(0, json_only))}

    return apply


def _faults(json_only: bool) -> tuple[list[Fault], list[Fault]]:
    """Every single fault a FULL and a LITE input can carry, each drawn as often as the others."""
    common: list[Fault] = [
        _argument_fault("avatar_id", lambda kwargs, json_only: bad_ids()),
        _argument_fault("sandbox", lambda kwargs, json_only: st.sampled_from([None, 1, "true"])),
        _argument_fault("max_session_duration", lambda kwargs, json_only: bad_duration(kwargs["sandbox"], json_only)),
        _argument_fault("video_settings", lambda kwargs, json_only: st.text(max_size=3)),
        _sandbox_too_long,
    ]
    full: list[Fault] = [
        *common,
        _argument_fault("interactivity_type", lambda kwargs, json_only: bad_enum(InteractivityType)),
        _argument_fault("llm_configuration_id", lambda kwargs, json_only: bad_ids()),
        _argument_fault("dynamic_variables", lambda kwargs, json_only: bad_dynamic_variables(json_only)),
        _argument_fault("memory", lambda kwargs, json_only: st.text(max_size=3)),
        _argument_fault("persona", lambda kwargs, json_only: _bad_value_type(json_only, {})),
        _argument_fault("voice_agent", lambda kwargs, json_only: _bad_value_type(json_only, {"id": "x"})),
        _misplaced_variables,
        _shape(persona_too=True),
        _shape(persona_too=False),
    ]
    lite: list[Fault] = [
        *common,
        _argument_fault("connector", lambda kwargs, json_only: _bad_value_type(json_only, {})),
    ]
    for (cls, name), bad in _bad_fields(json_only).items():
        (lite if _LOCATION[cls] == ("connector",) else full).append(_field_fault(cls, name, bad))
    return full, lite


@st.composite
def _one_fault(draw: st.DrawFn, kwargs: dict[str, Any], json_only: bool) -> dict[str, Any]:
    """A clean input with exactly one fault, the fault chosen first so that deep ones come up as often as any."""
    full, lite = _faults(json_only)
    # A seeded `Random`, not `sampled_from`: Hypothesis favours a list's ends, and every fault should count.
    fault = draw(st.randoms(use_true_random=False)).choice(full if "persona" in kwargs else lite)
    return fault(draw, dict(kwargs), json_only)


# --- whole inputs -----------------------------------------------------------------------------


@st.composite
def _common(draw: st.DrawFn, faults: int, json_only: bool) -> dict[str, Any]:
    """`avatar_id`, `sandbox`, `max_session_duration` and `video_settings`."""
    sandbox = draw(mixed(st.booleans(), st.sampled_from([None, 1, "true"]), faults))
    # The mock (and the API) refuse other avatars in sandbox, which the facade cannot know.
    if sandbox is True and (json_only or draw(st.integers(0, 9)) > 0):
        avatar_id: Any = SANDBOX_AVATAR_ID
    else:
        avatar_id = draw(mixed(good_ids(), bad_ids(), faults))
    duration = draw(optional(mixed(good_duration(sandbox), bad_duration(sandbox, json_only), faults)))
    return {
        "avatar_id": avatar_id,
        "sandbox": sandbox,
        "max_session_duration": duration,
        "video_settings": draw(optional(mixed(video(faults), st.text(max_size=3), faults))),
    }


@st.composite
def _full(draw: st.DrawFn, faults: int, json_only: bool) -> dict[str, Any]:
    kwargs = draw(_common(faults, json_only))
    shape = draw(mixed(st.sampled_from(["persona", "voice_agent"]), st.sampled_from(["both", "neither"]), faults))
    kwargs["persona"] = (
        draw(mixed(persona(faults, json_only), _bad_value_type(json_only, {}), faults))
        if shape in ("persona", "both")
        else None
    )
    kwargs["voice_agent"] = (
        draw(mixed(voice_agent(faults, json_only), _bad_value_type(json_only, {}), faults))
        if shape in ("voice_agent", "both")
        else None
    )
    kwargs["interactivity_type"] = draw(
        optional(mixed(good_enum(InteractivityType), bad_enum(InteractivityType), faults))
    )
    kwargs["llm_configuration_id"] = draw(optional(mixed(good_ids(), bad_ids(), faults)))
    # Top-level variables next to a voice agent break a rule: a fault, at the fault rate.
    misplaced = shape != "persona" and faults > 0 and draw(st.integers(0, 99)) < faults
    with_variables = shape == "persona" or misplaced
    kwargs["dynamic_variables"] = draw(optional(dynamic_variables(faults, json_only))) if with_variables else None
    kwargs["memory"] = draw(optional(mixed(memory(faults), st.text(max_size=3), faults)))
    kwargs["extra_body"] = None
    return kwargs


@st.composite
def _lite(draw: st.DrawFn, faults: int, json_only: bool) -> dict[str, Any]:
    kwargs = draw(_common(faults, json_only))
    # The SDK's LITE call takes one connector, or none.
    name = draw(st.sampled_from([None, *CONNECTORS]))
    kwargs["connector"] = None if name is None else draw(connector(name, faults, json_only))
    kwargs["extra_body"] = None
    return kwargs


def _inputs(build: Callable[[int, bool], S[dict[str, Any]]], json_only: bool) -> S[dict[str, Any]]:
    clean = build(0, json_only)
    one_fault = clean.flatmap(lambda kwargs: _one_fault(kwargs, json_only))
    kinds = (clean, clean, one_fault, one_fault, build(MANY, json_only))
    return st.integers(0, len(kinds) - 1).flatmap(kinds.__getitem__)


def full_inputs(json_only: bool = False) -> S[dict[str, Any]]:
    """Keyword arguments for `full_body`: clean, with one fault, or with many."""
    return _inputs(_full, json_only)


def lite_inputs(json_only: bool = False) -> S[dict[str, Any]]:
    """Keyword arguments for `lite_body`: clean, with one fault, or with many."""
    return _inputs(_lite, json_only)


def facade_inputs(json_only: bool = False) -> S[tuple[Any, dict[str, Any]]]:
    """A body builder and its arguments, FULL or LITE."""
    calls = (
        full_inputs(json_only).map(lambda kwargs: (full_body, kwargs)),
        lite_inputs(json_only).map(lambda kwargs: (lite_body, kwargs)),
    )
    # Not `one_of`, which leans to its first branch with derandomize.
    return st.integers(0, 1).flatmap(calls.__getitem__)
