"""The spec, read independently of the facade, and the mappings between wire bodies and facade arguments.

Nothing here is derived from the facade's serialiser (it is imported only
to be called): the validators read `openapi/liveavatar.yaml` directly, and
the two mappings are written from the spec's field names, so a wrong wire
name in the facade shows up as a disagreement instead of being mirrored.

- `spec_problems(body)`: jsonschema (Draft 2020-12, formats on) errors of a
  request body against the request-body `oneOf` of `published_spec()`: the
  spec with the places where it is stricter than LiveAvatar's published
  schema undone (each a no-op once `openapi/` agrees), since the
  SDK and the mock are held to the published schema;
- `generation_schemas()`: the FULL and LITE schemas with every `$ref` inlined,
  for generating bodies.
- `facade_call(body)`: a spec body turned back into `full_body` / `lite_body`
  keyword arguments (the inverse mapping; an integral float such as `60.0`
  in an `integer` field becomes the int a Python caller would write).
- `raw_body(builder, kwargs)`: facade arguments written out in wire names
  without any check, for sending what the facade refused to a server.
- `canonical(body)`: the body as the facade is documented to send it.
- `Prism`: a running `prism mock` (started by the conftest fixture) and its log.
"""

from __future__ import annotations

import collections
import copy
import json
import subprocess
import time
import uuid
from collections.abc import Callable, Iterator, Mapping
from functools import cache
from pathlib import Path
from typing import Any

import attrs
from jsonschema import Draft202012Validator
from referencing import Registry
from referencing.jsonschema import DRAFT202012

from liveavatar import (
    AgoraConfig,
    ElevenLabsAgentConfig,
    ElevenLabsVoiceSettings,
    FishVoiceSettings,
    GeminiRealtimeConfig,
    LiveKitConfig,
    Memory,
    OpenAIRealtimeConfig,
    Persona,
    STTConfig,
    VideoSettings,
    VoiceAgent,
)
from liveavatar._client import _ENCODER
from liveavatar._errors import InvalidRequestError
from liveavatar._models import FieldError
from liveavatar._request import full_body as _full_body
from liveavatar._request import lite_body as _lite_body
from liveavatar._secrets import Secret
from tests.spec_document import PAYLOAD, SPEC_URI
from tests.spec_document import load_spec as load_project_spec

ROOT = Path(__file__).resolve().parents[2]
FULL = "FullSDKSessionTokenConfigDataSchema"
LITE = "LiteSDKSessionTokenConfigDataSchema"

CONNECTORS = ("livekit", "agora", "elevenlabs_agent", "openai_realtime", "gemini_realtime")


def lite_connector_kwargs(kwargs: dict[str, Any]) -> dict[str, Any]:
    """The generators' one-keyword-per-connector form, as the facade's single `connector=` argument.

    Two connectors cannot be passed to the typed API at all (mypy refuses the
    call); at run time the nearest equivalent is a refusal naming the second.
    """
    if "connector" in kwargs:
        return kwargs
    given = {name: kwargs[name] for name in CONNECTORS if kwargs.get(name) is not None}
    rest = {key: value for key, value in kwargs.items() if key not in CONNECTORS}
    if len(given) > 1:
        raise InvalidRequestError([FieldError(list(given)[1], "give at most one connector")])
    if not given:
        # Already in the facade's form (`connector=`), or no connector at all.
        return {"connector": None, **rest}
    return {**rest, "connector": next(iter(given.values()))}


def _on_the_wire(body: dict[str, Any]) -> dict[str, Any]:
    """A built body as it is sent: third-party tokens are `Secret`s until the encoder writes them."""
    wire: dict[str, Any] = json.loads(_ENCODER.encode(body))
    return wire


def full_body(**kwargs: Any) -> dict[str, Any]:
    """`liveavatar._request.full_body`, as sent."""
    return _on_the_wire(_full_body(**kwargs))


def lite_body(**kwargs: Any) -> dict[str, Any]:
    """`liveavatar._request.lite_body` called with the generators' keywords, as sent."""
    return _on_the_wire(_lite_body(**lite_connector_kwargs(kwargs)))


SANDBOX_AVATAR_ID = "dd73ea75-1218-4ef3-92ce-606d5f7fbc0a"
"""Written out here rather than imported, so a wrong constant in the facade is not mirrored."""

Builder = Callable[..., dict[str, Any]]

CHECKED: collections.Counter[str] = collections.Counter()
"""Inputs checked per property, printed by the conftest's terminal summary."""


def count(name: str) -> None:
    """Record one checked input for the terminal summary."""
    CHECKED[name] += 1


# --- Prism --------------------------------------------------------------------------------------


class Prism:
    """A running `prism mock` and its log, read request by request."""

    def __init__(self, url: str, log_path: Path, process: subprocess.Popen[bytes]) -> None:
        self.url = url
        self.log_path = log_path
        self.process = process

    def log_size(self) -> int:
        return self.log_path.stat().st_size

    def log_since(self, offset: int, *, timeout: float = 10.0, settle: float = 0.15) -> str:
        """The log written after `offset`, once it holds a response and has stopped growing.

        Prism logs through an asynchronous logger and writes a refused
        request's violations after its response line, so wait for quiet.
        """
        deadline = time.monotonic() + timeout
        last_size, quiet_since = -1, time.monotonic()
        while True:
            size = self.log_size()
            if size != last_size:
                last_size, quiet_since = size, time.monotonic()
            text = self.log_path.read_bytes()[offset:].decode("utf-8", errors="replace")
            if "Responding with" in text and time.monotonic() - quiet_since >= settle:
                return text
            if time.monotonic() > deadline:
                return text
            time.sleep(0.02)


# --- the spec ---------------------------------------------------------------------------------


@cache
def load_spec() -> dict[str, Any]:
    """The project's spec as LiveAvatar publishes it: the stricter-than-published limits taken out.

    Written here, not borrowed from the mock, so the two readings are
    independent. Each edit is a no-op once `openapi/liveavatar.yaml` agrees:

    - `max_session_duration`: no minimum is published;
    - dynamic-variable keys: only `maxLength: 64` is published;
    - `voice_agent.dynamic_variables`: published as a plain object.
    """
    spec = copy.deepcopy(load_project_spec())
    schemas = spec["components"]["schemas"]
    for name in (FULL, LITE):
        schemas[name]["properties"]["max_session_duration"].pop("minimum", None)
    schemas["DynamicVariables"].get("propertyNames", {}).pop("minLength", None)
    schemas["VoiceAgentRef"]["properties"]["dynamic_variables"] = {"type": "object"}
    return spec


@cache
def _validator(pointer: str) -> Draft202012Validator:
    registry: Registry[Any] = Registry().with_resource(SPEC_URI, DRAFT202012.create_resource(load_spec()))
    return Draft202012Validator(
        {"$ref": SPEC_URI + pointer}, registry=registry, format_checker=Draft202012Validator.FORMAT_CHECKER
    )


def spec_problems(body: object, pointer: str = PAYLOAD) -> list[str]:
    """Readable errors of `body` against the published schema at `pointer` (default: the whole request body)."""
    return [f"{list(e.absolute_path)}: {e.message}" for e in _validator(pointer).iter_errors(body)]


def _reveal(value: object) -> object:
    if isinstance(value, Secret):
        return value.reveal()
    raise TypeError(f"{type(value).__name__} is not JSON")


def strict_json(body: object) -> Any:
    """The body as the SDK puts it on the wire (secrets revealed, no NaN/inf, UTF-8); raises if it cannot."""
    text = json.dumps(body, ensure_ascii=False, allow_nan=False, default=_reveal)
    return json.loads(text.encode("utf-8"))


_OPENAPI_ONLY = ("discriminator", "example", "deprecated")


def _inline(node: Any, schemas: Mapping[str, Any]) -> Any:
    if isinstance(node, dict):
        if "$ref" in node:
            name = node["$ref"].removeprefix("#/components/schemas/")
            return _inline(schemas[name], schemas)
        return {key: _inline(value, schemas) for key, value in node.items() if key not in _OPENAPI_ONLY}
    if isinstance(node, list):
        return [_inline(item, schemas) for item in node]
    return node


def _closed(node: Any) -> Any:
    """Every object schema with `properties` refuses other properties (generation only)."""
    if isinstance(node, dict):
        closed = {key: _closed(value) for key, value in node.items()}
        if "properties" in node and "additionalProperties" not in node:
            closed["additionalProperties"] = False
        return closed
    if isinstance(node, list):
        return [_closed(item) for item in node]
    return node


@cache
def inlined(name: str) -> dict[str, Any]:
    """The component schema `name` with every `$ref` replaced by its target."""
    schemas = load_spec()["components"]["schemas"]
    schema: dict[str, Any] = _inline(copy.deepcopy(schemas[name]), schemas)
    return schema


def generation_schemas() -> dict[str, dict[str, Any]]:
    """Self-contained schemas that generate the spec-valid bodies the facade can express.

    Narrowings, each checked by validating every generated body against the
    real spec:

    - objects are closed: unknown fields are only sendable through the
      unchecked `extra_body`;
    - FULL is generated three ways: with a persona, with a voice agent (both
      with `mode` optional), and with `mode: FULL` and any combination (so
      "both" and "neither" come up; without `mode` those match FULL and LITE
      at once and are not valid bodies);
    """
    full = _closed(inlined(FULL))
    persona = copy.deepcopy(full)
    persona["required"] = ["avatar_id", "avatar_persona"]
    del persona["properties"]["voice_agent"]
    agent = copy.deepcopy(full)
    agent["required"] = ["avatar_id", "voice_agent"]
    del agent["properties"]["avatar_persona"]
    any_full = copy.deepcopy(full)
    any_full["required"] = ["avatar_id", "mode"]
    lite = _closed(inlined(LITE))
    # Closed, LITE cannot carry the FULL-only fields its `not` refuses.
    del lite["not"]
    # Not a narrowing: without `mode`, a LITE body is also a valid (open) FULL
    # body, so the `oneOf` refuses it.
    lite["required"] = ["avatar_id", "mode"]
    return {"full-persona": persona, "full-voice-agent": agent, "full-mode": any_full, "lite": lite}


@cache
def _closed_validator(name: str) -> Draft202012Validator:
    return Draft202012Validator(_closed(inlined(name)), format_checker=Draft202012Validator.FORMAT_CHECKER)


def closed_problems(body: Mapping[str, Any]) -> list[str]:
    """Errors of `body` against its variant with every object closed: a misspelt optional field shows up here.

    The spec's objects are open, so the spec itself (and Prism) take
    `{"voiceId": ...}` for an unknown, ignored field next to a missing
    optional `voice_id`.
    """
    validator = _closed_validator(FULL if is_full(body) else LITE)
    return [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(body)]


def uuid_paths(schema: Any, path: tuple[str, ...] = ()) -> Iterator[tuple[str, ...]]:
    """The property paths (object keys only) whose schema says `format: uuid`."""
    if not isinstance(schema, dict):
        return
    if schema.get("format") == "uuid":
        yield path
    for name, sub in schema.get("properties", {}).items():
        yield from uuid_paths(sub, (*path, name))
    for keyword in ("anyOf", "oneOf", "allOf"):
        for sub in schema.get(keyword, ()):
            yield from uuid_paths(sub, path)


# --- wire body -> facade arguments ----------------------------------------------------------------


def _take(wire: Mapping[str, Any], where: str, known: Mapping[str, str]) -> dict[str, Any]:
    """`wire`'s fields renamed per `known` (wire name -> facade name); any other field is a test bug."""
    unknown = set(wire) - set(known)
    assert not unknown, f"{where}: fields the inverse mapping does not know: {sorted(unknown)}"
    return {known[key]: value for key, value in wire.items()}


def _video(wire: Any) -> VideoSettings | None:
    return (
        None
        if wire is None
        else VideoSettings(**_take(wire, "video_settings", {"quality": "quality", "encoding": "encoding"}))
    )


_ELEVENLABS = (
    "speed",
    "stability",
    "similarity_boost",
    "style",
    "use_speaker_boost",
    "model",
    "apply_language_text_normalization",
)


def _voice_settings(wire: Any) -> ElevenLabsVoiceSettings | FishVoiceSettings | None:
    if wire is None:
        return None
    rest = {key: value for key, value in wire.items() if key != "provider"}
    if wire["provider"] == "elevenLabs":
        return ElevenLabsVoiceSettings(**_take(rest, "voice_settings", {k: k for k in _ELEVENLABS}))
    assert wire["provider"] == "fish", wire
    return FishVoiceSettings(**_take(rest, "voice_settings", {k: k for k in ("speed", "model", "latency_mode")}))


def _persona(wire: Any) -> Persona:
    fields = _take(
        wire,
        "avatar_persona",
        {
            "voice_id": "voice_id",
            "context_id": "context_id",
            "language": "language",
            "voice_settings": "voice_settings",
            "stt_config": "stt",
        },
    )
    if "voice_settings" in fields:
        fields["voice_settings"] = _voice_settings(fields["voice_settings"])
    if fields.get("stt") is not None:
        fields["stt"] = STTConfig(**_take(fields["stt"], "stt_config", {"provider": "provider"}))
    return Persona(**fields)


_COMMON = {
    "mode": "mode",
    "avatar_id": "avatar_id",
    "is_sandbox": "sandbox",
    "video_settings": "video_settings",
    "max_session_duration": "max_session_duration",
}
_FULL_FIELDS = {
    **_COMMON,
    "avatar_persona": "persona",
    "voice_agent": "voice_agent",
    "interactivity_type": "interactivity_type",
    "llm_configuration_id": "llm_configuration_id",
    "dynamic_variables": "dynamic_variables",
    "memory": "memory",
}
_LITE_FIELDS = {
    **_COMMON,
    "livekit_config": "livekit",
    "agora_config": "agora",
    "elevenlabs_agent_config": "elevenlabs_agent",
    "openai_realtime_config": "openai_realtime",
    "gemini_realtime_config": "gemini_realtime",
}
_FULL_DEFAULTS: dict[str, Any] = {
    "persona": None,
    "voice_agent": None,
    "sandbox": False,
    "video_settings": None,
    "max_session_duration": None,
    "interactivity_type": None,
    "llm_configuration_id": None,
    "dynamic_variables": None,
    "memory": None,
    "extra_body": None,
}
_LITE_DEFAULTS: dict[str, Any] = {
    "sandbox": False,
    "video_settings": None,
    "max_session_duration": None,
    "connector": None,
    "extra_body": None,
}
LIVEKIT_FIELDS = {"livekit_url": "url", "livekit_room": "room", "livekit_client_token": "client_token"}
AGORA_FIELDS = {"agora_app_id": "app_id", "agora_token": "token", "agora_channel": "channel", "agora_uid": "uid"}
ELEVENLABS_AGENT_FIELDS = {k: k for k in ("secret_id", "agent_id", "voice_id", "dynamic_variables")}
REALTIME_FIELDS = {k: k for k in ("secret_id", "context_id", "voice", "temperature", "model")}
_CONNECTORS: dict[str, tuple[type, Mapping[str, str]]] = {
    "livekit": (LiveKitConfig, LIVEKIT_FIELDS),
    "agora": (AgoraConfig, AGORA_FIELDS),
    "elevenlabs_agent": (ElevenLabsAgentConfig, ELEVENLABS_AGENT_FIELDS),
    "openai_realtime": (OpenAIRealtimeConfig, REALTIME_FIELDS),
    "gemini_realtime": (GeminiRealtimeConfig, REALTIME_FIELDS),
}


def _integer(value: Any) -> Any:
    # JSON `60.0` is the integer 60 to JSON Schema; a Python caller writes `60`.
    return int(value) if isinstance(value, float) and value.is_integer() else value


def is_full(body: Mapping[str, Any]) -> bool:
    """Which variant a spec-valid body is: FULL unless it says LITE (the server's default mode is FULL)."""
    mode: object = body.get("mode", "FULL")
    return mode == "FULL"


def facade_call(body: Mapping[str, Any]) -> tuple[Builder, dict[str, Any]]:
    """The body builder and keyword arguments that describe the spec-valid `body`."""
    if is_full(body):
        fields = _take(body, "FULL body", _FULL_FIELDS)
        fields.pop("mode", None)
        kwargs = {**_FULL_DEFAULTS, **fields}
        kwargs["max_session_duration"] = _integer(kwargs["max_session_duration"])
        kwargs["video_settings"] = _video(kwargs["video_settings"])
        if kwargs["persona"] is not None:
            kwargs["persona"] = _persona(kwargs["persona"])
        if kwargs["voice_agent"] is not None:
            kwargs["voice_agent"] = VoiceAgent(
                **_take(kwargs["voice_agent"], "voice_agent", {k: k for k in ("id", "language", "dynamic_variables")})
            )
        if kwargs["memory"] is not None:
            kwargs["memory"] = Memory(
                **_take(kwargs["memory"], "memory", {k: k for k in ("prev_session_id", "session_memory_id")})
            )
        return full_body, kwargs
    fields = _take(body, "LITE body", _LITE_FIELDS)
    fields.pop("mode", None)
    given = {name: fields.pop(name) for name in CONNECTORS if name in fields}
    present = {name: value for name, value in given.items() if value is not None}
    # The SDK's LITE call takes one connector (rule `one-lite-connector`); callers filter bodies with more.
    assert len(present) <= 1, f"the facade takes one connector, the body has {sorted(present)}"
    kwargs = {**_LITE_DEFAULTS, **fields}
    kwargs["max_session_duration"] = _integer(kwargs["max_session_duration"])
    kwargs["video_settings"] = _video(kwargs["video_settings"])
    for name, value in present.items():
        cls, names = _CONNECTORS[name]
        kwargs["connector"] = cls(**_take(value, name, names))
    return lite_body, kwargs


# --- facade arguments -> raw wire body (no checks) ----------------------------------------------


def _raw_id(value: Any) -> Any:
    # The facade's one rewrite of a value: ids it can parse go out canonical.
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, str):
        try:
            return str(uuid.UUID(value))
        except ValueError:
            return value
    return value


_RAW_IDS = {
    "avatar_id",
    "voice_id",
    "context_id",
    "id",
    "prev_session_id",
    "session_memory_id",
    "llm_configuration_id",
    "secret_id",
}


def _raw(value: Any, names: Mapping[str, str] | None = None, ids: bool = True) -> Any:
    """A value type written out field by field in wire names; `None` fields are left out; anything else as is."""
    if attrs.has(type(value)):
        renamed = {wire: facade for facade, wire in (names or {}).items()}
        out: dict[str, Any] = {}
        for field in attrs.fields(type(value)):
            item = getattr(value, field.name)
            if item is None:
                continue
            key = renamed.get(field.name, field.name)
            out[key] = _raw_id(item) if ids and key in _RAW_IDS else _raw(item)
        return out
    if isinstance(value, Mapping):
        return {key: _raw(item) for key, item in value.items()}
    return value


def raw_body(builder: Builder, kwargs: Mapping[str, Any]) -> dict[str, Any]:
    """What the arguments say on the wire, written without a single check (for bodies the facade refuses)."""
    wire: dict[str, Any] = {}
    if builder is lite_body:
        wire["mode"] = "LITE"
    elif kwargs["voice_agent"] is None:
        wire["mode"] = "FULL"
    wire["avatar_id"] = _raw_id(kwargs["avatar_id"])
    if kwargs["sandbox"] is not False:
        wire["is_sandbox"] = kwargs["sandbox"]
    for name in ("video_settings", "max_session_duration"):
        if kwargs[name] is not None:
            wire[name] = _raw(kwargs[name])
    if builder is full_body:
        persona = kwargs["persona"]
        if persona is not None:
            wire["avatar_persona"] = _raw(persona, {"stt_config": "stt"})
            settings = persona.voice_settings if isinstance(persona, Persona) else None
            if isinstance(settings, ElevenLabsVoiceSettings | FishVoiceSettings):
                provider = "elevenLabs" if isinstance(settings, ElevenLabsVoiceSettings) else "fish"
                wire["avatar_persona"]["voice_settings"] = {"provider": provider, **_raw(settings)}
        if kwargs["voice_agent"] is not None:
            wire["voice_agent"] = _raw(kwargs["voice_agent"])
        for name in ("interactivity_type", "dynamic_variables", "memory"):
            if kwargs[name] is not None:
                wire[name] = _raw(kwargs[name])
        if kwargs["llm_configuration_id"] is not None:
            wire["llm_configuration_id"] = _raw_id(kwargs["llm_configuration_id"])
    else:
        connector = kwargs["connector"]
        for name, (cls, names) in _CONNECTORS.items():
            if isinstance(connector, cls):
                # An ElevenLabs agent's `voice_id` is its own free-text id, not a LiveAvatar uuid.
                keep_ids = name != "elevenlabs_agent"
                wire[f"{name}_config"] = _raw(connector, names, ids=keep_ids)
                if not keep_ids and isinstance(connector, ElevenLabsAgentConfig):
                    wire[f"{name}_config"]["secret_id"] = _raw_id(connector.secret_id)
        if connector is not None and not any(isinstance(connector, cls) for cls, _names in _CONNECTORS.values()):
            wire["connector"] = connector  # not a connector at all: sent as is, for the mock to judge
    return wire


MAX_INT64 = 2**63 - 1


def sdk_only_rules(body: dict[str, Any]) -> set[str]:
    """The rules only the SDK checks (docs/guides/rules.md) that `body` breaks: the mock accepts these."""
    broken: set[str] = set()
    if len([name for name in CONNECTORS if body.get(f"{name}_config") is not None]) > 1:
        broken.add("one-lite-connector")
    duration = body.get("max_session_duration")
    if isinstance(duration, int | float) and abs(duration) > MAX_INT64:
        broken.add("duration-fits-64-bits")
    return broken


def rule_paths(body: dict[str, Any]) -> set[str]:
    """The facade paths of the rules both the SDK and the mock check (see `test_properties`) that `body` breaks."""
    paths: set[str] = set()
    if is_full(body) and ("avatar_persona" in body) == ("voice_agent" in body):
        paths.add("persona")
    duration = body.get("max_session_duration")
    if body.get("is_sandbox") is True and isinstance(duration, int | float) and duration > 60:
        paths.add("max_session_duration")
    persona = body.get("avatar_persona")
    persona = persona if isinstance(persona, dict) else {}
    settings_ = persona.get("voice_settings")
    if (
        isinstance(settings_, dict)
        and settings_.get("provider") == "elevenLabs"
        and settings_.get("apply_language_text_normalization") is True
        and persona.get("language", "en") != "ja"
    ):
        paths.add("persona.voice_settings.apply_language_text_normalization")
    if "voice_agent" in body and "dynamic_variables" in body:
        paths.add("dynamic_variables")
    return paths


DEFAULT_SANDBOX_AVATARS = frozenset({SANDBOX_AVATAR_ID, "65f9e3c9-d48b-4118-b73a-4ae2e3cbb8f0"})
"""Written out, not imported: the mock's default sandbox avatars (Wayne and the embed sandbox avatar)."""


def mock_rules(body: dict[str, Any]) -> set[str]:
    """The rule table's names of the rules a default mock enforces that the spec-valid `body` breaks.

    An independent reading of the table, for checking that every refusal
    names a rule the body really breaks.
    """
    broken: set[str] = set()
    full = is_full(body)
    if full and ("avatar_persona" in body) == ("voice_agent" in body):
        broken.add("persona-or-agent")
    if "persona.voice_settings.apply_language_text_normalization" in rule_paths(body):
        broken.add("normalization-needs-ja")
    if body.get("is_sandbox") is True:
        duration = body.get("max_session_duration")
        if isinstance(duration, int | float) and duration > 60:
            broken.add("sandbox-duration")
        if str(uuid.UUID(body["avatar_id"])) not in DEFAULT_SANDBOX_AVATARS:
            broken.add("sandbox-avatar")
    if full and "voice_agent" in body and "dynamic_variables" in body:
        broken.add("agent-variables-inside")
    return broken


# --- canonical form ---------------------------------------------------------------------------


_AS_GIVEN = frozenset({"dynamic_variables"})
"""Free-form objects: the facade sends their values, nulls included, exactly as given."""


def _drop_nulls(value: Any) -> Any:
    if isinstance(value, dict):
        return {key: item if key in _AS_GIVEN else _drop_nulls(item) for key, item in value.items() if item is not None}
    return value


def map_ids(body: dict[str, Any], change: Callable[[str], str]) -> dict[str, Any]:
    """A copy of the spec-valid `body` with `change` applied to every id (every `format: uuid` string)."""
    out = copy.deepcopy(body)
    for path in set(uuid_paths(inlined(FULL if is_full(body) else LITE))):
        node: Any = out
        for key in path[:-1]:
            node = node.get(key) if isinstance(node, dict) else None
        if isinstance(node, dict) and isinstance(node.get(path[-1]), str):
            node[path[-1]] = change(node[path[-1]])
    return out


def canonical(body: Mapping[str, Any]) -> dict[str, Any]:
    """`body` as the facade is documented to send it.

    - `null` fields are left out (a `None` argument means "not sent");
    - `is_sandbox: false` is left out (it is the default);
    - ids are lower-case and hyphenated;
    - `mode` is `FULL` with a persona, absent with a voice agent (the agent's
      stored type decides), and `LITE` for LITE.
    """
    full = is_full(body)
    out: dict[str, Any] = _drop_nulls(map_ids(dict(body), lambda text: str(uuid.UUID(text))))
    if out.get("is_sandbox") is False:
        del out["is_sandbox"]
    out.pop("mode", None)
    if not full:
        out["mode"] = "LITE"
    elif "voice_agent" not in out:
        out["mode"] = "FULL"
    return out
