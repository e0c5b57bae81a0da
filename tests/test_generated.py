"""The generated low-level client: in step with the spec, safe by default, able to mint alone, shippable."""

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
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from uuid import UUID

import httpx
import pytest
import yaml

import liveavatar_client
from liveavatar_client.api.sessions import create_session_token
from liveavatar_client.client import AuthenticatedClient
from liveavatar_client.models import AvatarPersona, ErrorEnvelope, FullSessionTokenRequest, SessionTokenResponse

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
    assert response.parsed.data is not None
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
    assert response.parsed.data is not None
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


def run(command: list[str], cwd: Path) -> str:
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


def test_wheel_installs_both_typed_packages_into_a_fresh_venv(tmp_path: Path) -> None:
    """The built wheel installs into a clean venv with both packages importable, typed, and the spec JSON in the mock."""
    dist = tmp_path / "dist"
    run([sys.executable, "-m", "build", "--wheel", "--outdir", str(dist)], cwd=REPO)
    (wheel,) = dist.glob("*.whl")
    match = re.fullmatch(r"liveavatar-([^-]+)-py3-none-any\.whl", wheel.name)
    assert match is not None, wheel.name

    venv = tmp_path / "venv"
    run([sys.executable, "-m", "venv", str(venv)], cwd=tmp_path)
    python = venv / "bin" / "python"
    run([str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check", str(wheel)], cwd=tmp_path)
    probe = json.loads(run([str(python), "-I", "-c", WHEEL_PROBE], cwd=tmp_path))

    site_packages = Path(probe["site_packages"])
    assert match.group(1) == probe["version"]
    assert site_packages / "liveavatar" == Path(probe["liveavatar"])
    assert site_packages / "liveavatar_client" == Path(probe["liveavatar_client"])
    assert (site_packages / "liveavatar" / "py.typed").is_file()
    assert (site_packages / "liveavatar_client" / "py.typed").is_file()
    assert (site_packages / "liveavatar" / "mock" / "openapi.json").is_file()
    assert not (site_packages / "liveavatar_client" / "openapi.json").exists()
