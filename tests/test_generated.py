"""The generated low-level client: in step with the spec, safe by default, able to mint and run the lifecycle alone, shippable."""

from __future__ import annotations

import asyncio
import json
import re
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from uuid import UUID

import httpx
import pytest
import yaml

import liveavatar_client
import tests.spec.lifecycle_samples as lifecycle
from liveavatar_client.api.sessions import (
    create_session_token,
    delete_session_events,
    get_session,
    get_session_transcript,
    keep_session_alive,
    list_sessions,
    start_session,
    stop_session,
)
from liveavatar_client.api.users import get_user_credits
from liveavatar_client.client import AuthenticatedClient
from liveavatar_client.models import (
    AvatarPersona,
    CreditsData,
    CreditsResponse,
    ErrorEnvelope,
    FullSessionTokenRequest,
    HTTPValidationError,
    KeepAliveRequest,
    SessionActionResponse,
    SessionData,
    SessionListResponse,
    SessionResponse,
    SessionTokenData,
    SessionTokenResponse,
    StartSessionData,
    StartSessionResponse,
    StopSessionRequest,
    TranscriptItem,
    TranscriptResponse,
)
from liveavatar_client.models.session_end_reason import SESSION_END_REASON_VALUES
from liveavatar_client.types import UNSET

REPO = Path(__file__).resolve().parents[1]

API_KEY = "la-test-key-3f9c"
CANARY = "canary-3b1f0e-never-print-me"
AVATAR_ID = "dd73ea75-1218-4ef3-92ce-606d5f7fbc0a"
CONTEXT_ID = "5b9dba8a-aa31-11f0-a6ee-066a7fa2e369"
SESSION_ID = "8c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f"
SESSION_TOKEN = "eyJhbGciOiJIUzI1NiJ9.test-session.signature"


# --- make check-gen, in a throwaway copy -------------------------------------


MOCK_SPEC = Path("facade") / "liveavatar" / "mock" / "openapi.json"


def copy_generator_inputs(into: Path) -> Path:
    """Copy what scripts/gen.py reads and compares; it finds the root from its own path."""
    for name in ("openapi", "scripts", "generated"):
        shutil.copytree(REPO / name, into / name, ignore=shutil.ignore_patterns("__pycache__"))
    (into / MOCK_SPEC).parent.mkdir(parents=True)
    shutil.copy2(REPO / MOCK_SPEC, into / MOCK_SPEC)
    return into


def run_gen(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(root / "scripts" / "gen.py"), *args],
        cwd=root,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def tree(root: Path) -> dict[str, bytes]:
    return {
        path.relative_to(root).as_posix(): path.read_bytes()
        for path in sorted(root.rglob("*"))
        if path.is_file() and "__pycache__" not in path.parts
    }


@pytest.mark.subprocess
def test_check_gen_passes_on_the_committed_tree_and_names_the_drifted_file(tmp_path: Path) -> None:
    """`gen.py --check` accepts the committed output, and after a spec edit fails naming the stale file."""
    root = copy_generator_inputs(tmp_path)

    in_step = run_gen(root, "--check")
    assert 0 == in_step.returncode, in_step.stdout + in_step.stderr

    # A new optional property on VideoSettings changes exactly that model and
    # the mock's copy of the spec, which is the drift `make check-gen` must catch.
    spec = root / "openapi" / "liveavatar.yaml"
    anchor = "      description: Video encoding settings for the session.\n      type: object\n      properties:\n"
    text = spec.read_text(encoding="utf-8")
    assert 1 == text.count(anchor)
    added = "        frame_rate:\n          type: integer\n          description: Frames per second.\n"
    spec.write_text(text.replace(anchor, anchor + added), encoding="utf-8")

    drifted = run_gen(root, "--check")
    assert 0 != drifted.returncode
    assert "generated/liveavatar_client/models/video_settings.py" in drifted.stderr
    assert MOCK_SPEC.as_posix() in drifted.stderr


@pytest.mark.subprocess
def test_check_gen_fails_when_only_the_mock_spec_copy_is_stale(tmp_path: Path) -> None:
    """`gen.py --check` names the mock's openapi.json when it alone differs from the spec, and `gen.py` rewrites it."""
    root = copy_generator_inputs(tmp_path)
    copy = root / MOCK_SPEC
    copy.write_text(copy.read_text(encoding="utf-8").replace('"3.1.0"', '"3.0.3"'), encoding="utf-8")

    stale = run_gen(root, "--check")
    assert 0 != stale.returncode
    assert [MOCK_SPEC.as_posix()] == [line.strip() for line in stale.stderr.splitlines()[1:]]

    rewritten = run_gen(root)
    assert 0 == rewritten.returncode, rewritten.stdout + rewritten.stderr
    assert (REPO / MOCK_SPEC).read_bytes() == copy.read_bytes()


@pytest.mark.subprocess
def test_generation_is_deterministic(tmp_path: Path) -> None:
    """Two generations from the same spec give byte-identical trees."""
    root = copy_generator_inputs(tmp_path)
    target = root / "generated" / "liveavatar_client"

    first_run = run_gen(root)
    assert 0 == first_run.returncode, first_run.stdout + first_run.stderr
    first = {**tree(target), MOCK_SPEC.as_posix(): (root / MOCK_SPEC).read_bytes()}
    second_run = run_gen(root)
    assert 0 == second_run.returncode, second_run.stdout + second_run.stderr
    second = {**tree(target), MOCK_SPEC.as_posix(): (root / MOCK_SPEC).read_bytes()}

    assert sorted(first) == sorted(second)
    assert [] == [name for name in first if first[name] != second[name]]


# --- the generated package itself ---------------------------------------------


def test_generated_package_is_typed_and_holds_only_generator_output() -> None:
    """The generated package is marked typed and carries no spec copy: that lives with the mock."""
    package = Path(liveavatar_client.__file__).parent
    assert (package / "py.typed").is_file()
    assert not (package / "openapi.json").exists()


def test_mock_loads_its_own_json_copy_of_the_spec() -> None:
    """`liveavatar.mock._spec.load_spec()` reads the mock package's openapi.json, which equals the YAML spec."""
    from liveavatar.mock._spec import load_spec

    expected = yaml.safe_load((REPO / "openapi" / "liveavatar.yaml").read_text(encoding="utf-8"))
    assert expected == load_spec()
    assert expected == json.loads((REPO / MOCK_SPEC).read_text(encoding="utf-8"))


def test_authenticated_client_keeps_the_api_key_out_of_repr() -> None:
    """The API key is sent as X-API-KEY but never appears in the client's repr, even after copying."""
    client = AuthenticatedClient(
        base_url="https://api.liveavatar.com", token=CANARY, prefix="", auth_header_name="X-API-KEY"
    )
    with client.get_httpx_client() as http:
        # Proves the canary really is inside the client, so its absence below means something.
        assert CANARY == http.headers["X-API-KEY"]
    assert CANARY not in repr(client)
    assert CANARY not in repr(client.with_headers({"X-Request-Id": "r-1"}))


def test_authenticated_client_has_a_timeout_by_default() -> None:
    """Without a timeout argument the client still times out: 30 s overall, 5 s to connect."""
    client = AuthenticatedClient(base_url="https://api.liveavatar.com", token=API_KEY)
    with client.get_httpx_client() as http:
        assert httpx.Timeout(30.0, connect=5.0) == http.timeout


# --- minting through the generated client alone, against a local server ------


@dataclass
class ReceivedRequest:
    path: str
    api_key: str | None
    body: Any


@dataclass
class TokenServer:
    base_url: str
    received: list[ReceivedRequest] = field(default_factory=list)


@pytest.fixture
def token_server() -> Iterator[TokenServer]:
    """A stand-in for the token endpoint on 127.0.0.1 that mints only for API_KEY."""
    server_state = TokenServer(base_url="")

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length", "0"))
            body = json.loads(self.rfile.read(length) or b"null")
            api_key = self.headers.get("X-API-KEY")
            server_state.received.append(ReceivedRequest(self.path, api_key, body))
            if self.path != "/v1/sessions/token":
                status, payload = 404, {"code": 404, "message": "Not Found"}
            elif api_key != API_KEY:
                status, payload = 401, {"code": 401, "message": "Unauthorized"}
            else:
                status = 200
                payload = {
                    "code": 100,
                    "data": {"session_id": SESSION_ID, "session_token": SESSION_TOKEN},
                    "message": "success",
                }
            data = json.dumps(payload).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, format: str, *args: Any) -> None:
            """Keep the access log out of the test output."""

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    # A short poll interval keeps shutdown() in the teardown quick.
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    server_state.base_url = f"http://127.0.0.1:{server.server_port}"
    try:
        yield server_state
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def api_key_client(base_url: str, key: str) -> AuthenticatedClient:
    return AuthenticatedClient(base_url=base_url, token=key, prefix="", auth_header_name="X-API-KEY")


def persona_request() -> FullSessionTokenRequest:
    return FullSessionTokenRequest(avatar_id=UUID(AVATAR_ID), avatar_persona=AvatarPersona(context_id=UUID(CONTEXT_ID)))


# The body the generated models put on the wire for persona_request(): the
# spec's defaults (mode, is_sandbox, language) are sent explicitly.
PERSONA_WIRE_BODY = {
    "avatar_id": AVATAR_ID,
    "mode": "FULL",
    "is_sandbox": False,
    "avatar_persona": {"context_id": CONTEXT_ID, "language": "en"},
}


@pytest.mark.wire
def test_generated_client_alone_mints_a_token(token_server: TokenServer) -> None:
    """The generated client, with no facade, sends X-API-KEY and parses the minted token."""
    with api_key_client(token_server.base_url, API_KEY) as client:
        response = create_session_token.sync_detailed(client=client, body=persona_request())

    assert [ReceivedRequest("/v1/sessions/token", API_KEY, PERSONA_WIRE_BODY)] == token_server.received
    assert 200 == response.status_code
    assert isinstance(response.parsed, SessionTokenResponse)
    assert isinstance(response.parsed.data, SessionTokenData)
    assert SESSION_TOKEN == response.parsed.data.session_token
    assert UUID(SESSION_ID) == response.parsed.data.session_id


@pytest.mark.wire
def test_generated_async_client_alone_mints_a_token(token_server: TokenServer) -> None:
    """The generated client's async operation sends X-API-KEY and parses the minted token."""

    async def mint() -> Any:
        async with api_key_client(token_server.base_url, API_KEY) as client:
            return await create_session_token.asyncio_detailed(client=client, body=persona_request())

    response = asyncio.run(mint())

    assert [ReceivedRequest("/v1/sessions/token", API_KEY, PERSONA_WIRE_BODY)] == token_server.received
    assert 200 == response.status_code
    assert isinstance(response.parsed, SessionTokenResponse)
    assert isinstance(response.parsed.data, SessionTokenData)
    assert SESSION_TOKEN == response.parsed.data.session_token


@pytest.mark.wire
def test_generated_client_parses_a_refused_key_as_an_error_envelope(token_server: TokenServer) -> None:
    """A wrong API key comes back as a 401 parsed into the spec's ErrorEnvelope, not as a token."""
    with api_key_client(token_server.base_url, "la-wrong-key") as client:
        response = create_session_token.sync_detailed(client=client, body=persona_request())

    assert 401 == response.status_code
    assert isinstance(response.parsed, ErrorEnvelope)
    assert "Unauthorized" == response.parsed.message


# --- the wheel ----------------------------------------------------------------


def run_command(command: list[str], cwd: Path) -> str:
    result = subprocess.run(command, cwd=cwd, capture_output=True, text=True, timeout=600, check=False)
    assert 0 == result.returncode, f"{command}\n{result.stdout}\n{result.stderr}"
    return result.stdout


# Runs inside the fresh venv, isolated (-I) so neither the repo nor this
# venv's editable install can stand in for the wheel's files.
WHEEL_PROBE = """
import json, pathlib, sysconfig
import liveavatar, liveavatar_client
print(json.dumps({
    "site_packages": sysconfig.get_paths()["purelib"],
    "version": liveavatar.__version__,
    "liveavatar": str(pathlib.Path(liveavatar.__file__).parent),
    "liveavatar_client": str(pathlib.Path(liveavatar_client.__file__).parent),
}))
"""


@pytest.mark.subprocess
def test_wheel_installs_both_typed_packages_into_a_fresh_venv(tmp_path: Path) -> None:
    """The built wheel installs into a clean venv with both packages importable, typed, and the spec JSON in the mock."""
    dist = tmp_path / "dist"
    run_command([sys.executable, "-m", "build", "--wheel", "--outdir", str(dist)], cwd=REPO)
    (wheel,) = dist.glob("*.whl")
    match = re.fullmatch(r"liveavatar-([^-]+)-py3-none-any\.whl", wheel.name)
    assert match is not None, wheel.name

    venv = tmp_path / "venv"
    run_command([sys.executable, "-m", "venv", str(venv)], cwd=tmp_path)
    python = venv / "bin" / "python"
    run_command(
        [str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check", str(wheel)], cwd=tmp_path
    )
    probe = json.loads(run_command([str(python), "-I", "-c", WHEEL_PROBE], cwd=tmp_path))

    site_packages = Path(probe["site_packages"])
    assert match.group(1) == probe["version"]
    assert site_packages / "liveavatar" == Path(probe["liveavatar"])
    assert site_packages / "liveavatar_client" == Path(probe["liveavatar_client"])
    assert (site_packages / "liveavatar" / "py.typed").is_file()
    assert (site_packages / "liveavatar_client" / "py.typed").is_file()
    assert (site_packages / "liveavatar" / "mock" / "openapi.json").is_file()
    assert not (site_packages / "liveavatar_client" / "openapi.json").exists()


# --- the session lifecycle through the generated layer -------------------------

# The generated response model of each lifecycle operation's success body; the
# facade parses bodies through these (behind _lowlevel.py).
ENVELOPES: dict[str, type[Any]] = {
    "start_session": StartSessionResponse,
    "stop_session": SessionActionResponse,
    "keep_session_alive": SessionActionResponse,
    "list_sessions": SessionListResponse,
    "get_session": SessionResponse,
    "get_session_transcript": TranscriptResponse,
    "delete_session_events": SessionActionResponse,
    "get_user_credits": CreditsResponse,
}
SAMPLES = [pytest.param(op, body, id=f"{op.operation_id}-{name}") for op, name, body in lifecycle.samples()]


def test_every_lifecycle_operation_has_a_response_model() -> None:
    """The table of response models covers exactly the lifecycle operations the spec tier checks."""
    assert sorted(op.operation_id for op in lifecycle.LIFECYCLE) == sorted(ENVELOPES)


@pytest.mark.parametrize(("op", "body"), SAMPLES)
def test_lifecycle_response_round_trips_through_its_generated_model(op: lifecycle.Operation, body: Any) -> None:
    """from_dict then to_dict gives back every sample body unchanged: full, minimal, nulls and unknown enum values."""
    assert body == ENVELOPES[op.operation_id].from_dict(body).to_dict()


def test_unknown_end_reason_source_and_mode_are_kept_as_text() -> None:
    """SessionData.from_dict keeps an end_reason, source or mode the SDK does not know as the string sent."""
    session = SessionData.from_dict(lifecycle.FUTURE_SESSION)
    assert "CREDIT_CARD_EXPIRED" == session.end_reason
    assert "KIOSK" == session.source
    assert "CUSTOM" == session.mode
    assert session.end_at is None


def test_known_end_reason_parses_and_the_generated_values_match_the_spec() -> None:
    """A published end_reason parses to the same text, and the generated literal values are exactly the spec's enum."""
    session = SessionData.from_dict(lifecycle.HISTORIC_SESSION)
    assert "USER_CLOSED" == session.end_reason
    assert set(lifecycle.SESSION_END_REASONS) == SESSION_END_REASON_VALUES


def test_unknown_transcript_role_is_kept_as_text() -> None:
    """A transcript role other than user or avatar survives TranscriptItem.from_dict as its string."""
    assert "narrator" == TranscriptItem.from_dict({"role": "narrator", "transcript": "(silence)"}).role


def test_missing_optional_session_fields_are_unset() -> None:
    """A session with only its id parses, every other field UNSET, and writes back as just the id."""
    session = SessionData.from_dict(lifecycle.MINIMAL_SESSION)
    assert UUID(lifecycle.SESSION_ID) == session.id
    optional = ("created_at", "updated_at", "duration", "source", "mode", "is_sandbox", "credits_consumed", "end_at")
    assert [] == [name for name in (*optional, "end_reason") if getattr(session, name) is not UNSET]
    assert lifecycle.MINIMAL_SESSION == session.to_dict()


def test_session_timestamps_parse_to_aware_datetimes_whatever_the_utc_spelling() -> None:
    """created_at and end_at parse to timezone-aware datetimes, whether UTC is written "Z" or "+00:00"."""
    session = SessionData.from_dict(
        {"id": lifecycle.SESSION_ID, "created_at": "2026-05-01T12:00:00Z", "end_at": "2026-05-01T12:02:00+00:00"}
    )
    assert datetime(2026, 5, 1, 12, 0, tzinfo=UTC) == session.created_at
    assert datetime(2026, 5, 1, 12, 2, tzinfo=UTC) == session.end_at


def test_start_data_types_the_livekit_fields_and_allows_nulls() -> None:
    """StartSessionData parses the session id as a UUID and keeps null agent token, cap and ws_url as None."""
    data = StartSessionResponse.from_dict(lifecycle.START.samples["nulls"]).data
    assert isinstance(data, StartSessionData)
    assert UUID(lifecycle.SESSION_ID) == data.session_id
    assert (None, None, None) == (data.livekit_agent_token, data.max_session_duration, data.ws_url)


def test_credits_left_stays_a_decimal_string() -> None:
    """credits_left is parsed as the string sent, so Decimal(credits_left) loses nothing."""
    data = CreditsResponse.from_dict(lifecycle.CREDITS.samples["full"]).data
    assert isinstance(data, CreditsData)
    assert "1234.50" == data.credits_left


def test_stop_request_defaults_its_reason_and_refuses_an_unknown_one() -> None:
    """StopSessionRequest sends the schema's UNKNOWN by default and, like the server, refuses a reason outside the enum."""
    assert {"reason": "UNKNOWN"} == StopSessionRequest().to_dict()
    with pytest.raises(TypeError):
        StopSessionRequest.from_dict({"reason": "WENT_HOME"})


@dataclass(frozen=True)
class LifecycleCall:
    """One low-level call, and the request and response it should make."""

    module: Any
    kwargs: dict[str, Any]
    method: str
    path: str
    params: dict[str, str]
    body: Any
    credential: dict[str, str]


KEY_HEADER = {"X-API-KEY": API_KEY}
BEARER_HEADER = {"Authorization": f"Bearer {SESSION_TOKEN}"}
SESSION_UUID = UUID(SESSION_ID)
CALLS: dict[str, LifecycleCall] = {
    "start_session": LifecycleCall(start_session, {}, "POST", "/v1/sessions/start", {}, None, BEARER_HEADER),
    "stop_session": LifecycleCall(
        stop_session,
        {"body": StopSessionRequest(session_id=SESSION_UUID, reason="USER_CLOSED")},
        "POST",
        "/v1/sessions/stop",
        {},
        {"session_id": SESSION_ID, "reason": "USER_CLOSED"},
        KEY_HEADER,
    ),
    "keep_session_alive": LifecycleCall(
        keep_session_alive,
        {"body": KeepAliveRequest(session_id=SESSION_UUID)},
        "POST",
        "/v1/sessions/keep-alive",
        {},
        {"session_id": SESSION_ID},
        KEY_HEADER,
    ),
    "list_sessions": LifecycleCall(
        list_sessions,
        {"type_": "historic", "page": 2, "page_size": 50, "avatar_id": UUID(AVATAR_ID)},
        "GET",
        "/v1/sessions",
        {"type": "historic", "page": "2", "page_size": "50", "avatar_id": AVATAR_ID},
        None,
        KEY_HEADER,
    ),
    "get_session": LifecycleCall(
        get_session, {"session_id": SESSION_UUID}, "GET", f"/v1/sessions/{SESSION_ID}", {}, None, KEY_HEADER
    ),
    "get_session_transcript": LifecycleCall(
        get_session_transcript,
        {"session_id": SESSION_UUID, "start_timestamp": 1777636800, "end_timestamp": 1777637000},
        "GET",
        f"/v1/sessions/{SESSION_ID}/transcript",
        {"start_timestamp": "1777636800", "end_timestamp": "1777637000"},
        None,
        KEY_HEADER,
    ),
    "delete_session_events": LifecycleCall(
        delete_session_events,
        {"session_id": SESSION_UUID},
        "DELETE",
        f"/v1/sessions/{SESSION_ID}/events",
        {},
        None,
        KEY_HEADER,
    ),
    "get_user_credits": LifecycleCall(get_user_credits, {}, "GET", "/v1/users/credits", {}, None, KEY_HEADER),
}


@dataclass
class Recorder:
    """An httpx.MockTransport handler that answers one canned response and keeps every request."""

    status: int
    body: Any
    requests: list[httpx.Request] = field(default_factory=list)

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        return httpx.Response(self.status, json=self.body)


def assert_sent(call: LifecycleCall, request: httpx.Request) -> None:
    assert (call.method, call.path) == (request.method, request.url.path)
    assert call.params == dict(request.url.params)
    assert call.body == (json.loads(request.content) if request.content else None)
    for name, value in call.credential.items():
        assert value == request.headers[name]


def first_sample(op: lifecycle.Operation) -> Any:
    return next(iter(op.samples.values()))


LIFECYCLE_OPS = [pytest.param(op, id=op.operation_id) for op in lifecycle.LIFECYCLE]


def test_every_lifecycle_operation_has_a_low_level_call() -> None:
    """The table of low-level calls covers exactly the lifecycle operations."""
    assert sorted(ENVELOPES) == sorted(CALLS)


@pytest.mark.parametrize("op", LIFECYCLE_OPS)
def test_low_level_client_calls_the_lifecycle_operation(op: lifecycle.Operation) -> None:
    """Each generated operation, on a caller's httpx.Client, sends its method, path, query and body and parses the success."""
    call = CALLS[op.operation_id]
    recorder = Recorder(int(op.success), first_sample(op))
    http = httpx.Client(
        base_url="https://api.liveavatar.com", headers=call.credential, transport=httpx.MockTransport(recorder)
    )
    client = AuthenticatedClient(base_url="https://unused.invalid", token="unused").set_httpx_client(http)
    with client:
        response = call.module.sync_detailed(client=client, **call.kwargs)

    (request,) = recorder.requests
    assert_sent(call, request)
    assert int(op.success) == response.status_code
    assert isinstance(response.parsed, ENVELOPES[op.operation_id])
    assert first_sample(op) == response.parsed.to_dict()


@pytest.mark.parametrize("op", LIFECYCLE_OPS)
def test_low_level_async_client_calls_the_lifecycle_operation(op: lifecycle.Operation) -> None:
    """Each generated operation's asyncio_detailed, on a caller's httpx.AsyncClient, sends the same request and parses the success."""
    call = CALLS[op.operation_id]
    recorder = Recorder(int(op.success), first_sample(op))

    async def go() -> Any:
        http = httpx.AsyncClient(
            base_url="https://api.liveavatar.com", headers=call.credential, transport=httpx.MockTransport(recorder)
        )
        client = AuthenticatedClient(base_url="https://unused.invalid", token="unused").set_async_httpx_client(http)
        async with client:
            return await call.module.asyncio_detailed(client=client, **call.kwargs)

    response = asyncio.run(go())

    (request,) = recorder.requests
    assert_sent(call, request)
    assert isinstance(response.parsed, ENVELOPES[op.operation_id])
    assert first_sample(op) == response.parsed.to_dict()


def test_authenticated_client_sends_the_session_token_as_a_bearer_credential() -> None:
    """An AuthenticatedClient with the generator's default prefix starts a session with `Authorization: Bearer <token>` and no API key."""
    recorder = Recorder(201, lifecycle.START.samples["full"])
    client = AuthenticatedClient(
        base_url="https://api.liveavatar.com",
        token=SESSION_TOKEN,
        httpx_args={"transport": httpx.MockTransport(recorder)},
    )
    with client:
        start_session.sync_detailed(client=client)

    (request,) = recorder.requests
    assert f"Bearer {SESSION_TOKEN}" == request.headers["Authorization"]
    assert "X-API-KEY" not in request.headers
    assert SESSION_TOKEN not in repr(client)


def test_stop_without_a_body_sends_an_empty_body() -> None:
    """stop_session with the body left out sends an empty body, for the session token's own session."""
    recorder = Recorder(200, lifecycle.ACTION_SAMPLES["full"])
    client = AuthenticatedClient(
        base_url="https://api.liveavatar.com",
        token=SESSION_TOKEN,
        httpx_args={"transport": httpx.MockTransport(recorder)},
    )
    with client:
        stop_session.sync_detailed(client=client)

    (request,) = recorder.requests
    assert b"" == request.content


@pytest.mark.parametrize(
    ("status", "body", "model"),
    [
        pytest.param(404, {"code": 404, "data": None, "message": "Session not found"}, ErrorEnvelope, id="404"),
        pytest.param(
            422,
            {"detail": [{"loc": ["path", "session_id"], "msg": "bad", "type": "uuid_parsing"}]},
            HTTPValidationError,
            id="422",
        ),
        pytest.param(429, {"code": 429, "message": "Too many requests"}, ErrorEnvelope, id="429"),
        pytest.param(503, {"code": 503, "message": "Unavailable"}, ErrorEnvelope, id="503"),
    ],
)
def test_low_level_client_parses_declared_error_statuses(status: int, body: Any, model: type[Any]) -> None:
    """A declared error status on a lifecycle call is parsed into its error model, not raised."""
    recorder = Recorder(status, body)
    client = api_key_client("https://api.liveavatar.com", API_KEY)
    client.set_httpx_client(
        httpx.Client(base_url="https://api.liveavatar.com", transport=httpx.MockTransport(recorder))
    )
    with client:
        response = get_session.sync_detailed(client=client, session_id=SESSION_UUID)

    assert status == response.status_code
    assert isinstance(response.parsed, model)
    assert body == response.parsed.to_dict()


def test_low_level_client_fails_on_a_status_outside_http_status() -> None:
    """A non-IANA status such as 520 makes the generated Response raise ValueError (an upstream limitation the facade avoids)."""
    recorder = Recorder(520, {"message": "Web server returned an unknown error"})
    client = api_key_client("https://api.liveavatar.com", API_KEY)
    client.set_httpx_client(
        httpx.Client(base_url="https://api.liveavatar.com", transport=httpx.MockTransport(recorder))
    )
    with client, pytest.raises(ValueError, match="520"):
        get_user_credits.sync_detailed(client=client)
