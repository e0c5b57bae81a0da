"""Serving for real: `MockServer` in a thread, `serve()` in the foreground, and the pytest plugin."""

from __future__ import annotations

import asyncio
import importlib
import signal
import socket
import subprocess
import sys
import textwrap
import threading
from pathlib import Path
from typing import Any

import httpx
import pytest

from liveavatar import pytest_plugin
from liveavatar.mock import MockConfig, MockServer
from tests.mock.support import API_KEY, TOKEN_PATH, full_body


def test_fixture_is_a_running_server(liveavatar_mock: MockServer) -> None:
    """`liveavatar_mock` is a running MockServer on 127.0.0.1 with a real port."""
    assert liveavatar_mock.running
    assert liveavatar_mock.url.startswith("http://127.0.0.1:")
    assert (
        200
        == httpx.post(
            f"{liveavatar_mock.url}{TOKEN_PATH}", json=full_body(), headers={"X-API-KEY": API_KEY}
        ).status_code
    )


def test_fixture_is_the_session_server(liveavatar_mock: MockServer, liveavatar_mock_server: MockServer) -> None:
    """The function fixture hands out the one session-scoped server."""
    assert liveavatar_mock is liveavatar_mock_server


def test_mock_server_lifecycle() -> None:
    """A MockServer serves inside `with`, then frees its port and joins its thread."""
    with MockServer(MockConfig(success_code=1000)) as server:
        url = server.url
        thread = server._thread
        response = httpx.post(f"{url}{TOKEN_PATH}", json=full_body(), headers={"X-API-KEY": API_KEY})
    port = int(url.rsplit(":", 1)[1])

    assert (200, 1000) == (response.status_code, response.json()["code"])
    assert thread is not None
    assert not thread.is_alive()
    assert not server.running
    with pytest.raises(httpx.ConnectError):
        httpx.get(f"http://127.0.0.1:{port}/")


def test_stopped_server_has_no_url() -> None:
    """`.url` before start or after stop raises RuntimeError; `stop()` twice is harmless."""
    server = MockServer()
    with pytest.raises(RuntimeError, match="not running"):
        _ = server.url
    server.start()
    server.stop()
    server.stop()

    with pytest.raises(RuntimeError, match="not running"):
        _ = server.url


def test_server_cannot_start_twice() -> None:
    """Starting a running server raises RuntimeError."""
    with MockServer() as server, pytest.raises(RuntimeError, match="already running"):
        server.start()


def test_a_start_that_times_out_stops_its_thread_before_closing_the_socket(monkeypatch: pytest.MonkeyPatch) -> None:
    """A start past its timeout raises RuntimeError, and the thread ends cleanly before the socket closes under it."""
    import uvicorn

    started = threading.Event()
    original = uvicorn.Server.startup

    async def slow_startup(self: uvicorn.Server, sockets: Any = None) -> None:
        started.set()
        await asyncio.sleep(0.3)
        await original(self, sockets=sockets)

    monkeypatch.setattr(uvicorn.Server, "startup", slow_startup)
    server = MockServer()
    before = set(threading.enumerate())  # the session's plugin server may be running
    with pytest.raises(RuntimeError, match=r"did not start within 0\.05 s"):
        server.start(timeout=0.05)

    assert started.is_set()
    assert not server.running
    assert set() == set(threading.enumerate()) - before
    monkeypatch.undo()
    with server:
        assert (
            200 == httpx.post(f"{server.url}{TOKEN_PATH}", json=full_body(), headers={"X-API-KEY": API_KEY}).status_code
        )


def test_server_on_a_given_port() -> None:
    """`port=N` serves on that port."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]

    with MockServer(port=port) as server:
        assert f"http://127.0.0.1:{port}" == server.url


def test_stop_with_open_keep_alive_connection() -> None:
    """Stopping while a client still holds a keep-alive connection is prompt and clean."""
    server = MockServer().start()
    with httpx.Client(base_url=server.url, headers={"X-API-KEY": API_KEY}) as client:
        client.post(TOKEN_PATH, json=full_body())
        stopper = threading.Thread(target=server.stop)
        stopper.start()
        stopper.join(10)

    assert not stopper.is_alive()
    assert not server.running


@pytest.mark.subprocess
def test_serve_runs_in_the_foreground_until_interrupted(tmp_path: Path) -> None:
    """`serve(port=0, on_ready=...)` announces its URL, serves, and returns cleanly on SIGINT."""
    script = textwrap.dedent(
        """
        import sys
        from liveavatar.mock import MockConfig, serve
        serve(MockConfig(success_code=1000), port=0, log_level="warning", on_ready=lambda url: print(url, flush=True))
        print("stopped", flush=True)
        """
    )
    with subprocess.Popen(
        [sys.executable, "-W", "error", "-c", script], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    ) as process:
        assert process.stdout is not None
        url = process.stdout.readline().strip()
        response = httpx.post(f"{url}{TOKEN_PATH}", json=full_body(), headers={"X-API-KEY": API_KEY})
        process.send_signal(signal.SIGINT)
        stdout, stderr = process.communicate(timeout=10)

    assert (200, 1000) == (response.status_code, response.json()["code"])
    assert (0, "stopped", "") == (process.returncode, stdout.strip(), stderr)


# -- the plugin -------------------------------------------------------------------


@pytest.mark.subprocess
def test_plugin_import_does_not_import_the_mock_stack() -> None:
    """Importing the plugin (as pytest does for every install) pulls in none of starlette/uvicorn/jsonschema."""
    code = (
        "import sys, liveavatar.pytest_plugin; "
        "print(sorted(m for m in ('starlette', 'uvicorn', 'jsonschema', 'liveavatar.mock') if m in sys.modules))"
    )

    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)

    assert "[]" == result.stdout.strip()


@pytest.mark.subprocess
def test_plugin_can_be_disabled_with_p_no_liveavatar(tmp_path: Path) -> None:
    """`-p no:liveavatar` unloads the entry-point plugin: its fixture is then unknown to pytest."""
    (tmp_path / "test_user.py").write_text("def test_uses_the_mock(liveavatar_mock):\n    pass\n")
    quiet = ["-p", "no:cacheprovider", "-p", "no:schemathesis", "-p", "no:hypothesispytest"]

    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", *quiet, "-p", "no:liveavatar", str(tmp_path)],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        check=False,
    )

    assert 1 == result.returncode, result.stdout + result.stderr
    assert "fixture 'liveavatar_mock' not found" in result.stdout


def test_fixture_without_the_extra_fails_with_the_install_command(monkeypatch: pytest.MonkeyPatch) -> None:
    """Without starlette, using the fixture fails with `pip install "liveavatar[mock]"`."""
    monkeypatch.setitem(sys.modules, "starlette", None)
    monkeypatch.delitem(sys.modules, "liveavatar.mock")

    with pytest.raises(pytest.fail.Exception) as failure:
        pytest_plugin._mock_module()

    assert 'pip install "liveavatar[mock]"' in str(failure.value)


def test_importing_the_mock_without_the_extra_says_how_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    """`import liveavatar.mock` without uvicorn raises ImportError naming the extra."""
    monkeypatch.setitem(sys.modules, "uvicorn", None)
    monkeypatch.delitem(sys.modules, "liveavatar.mock")

    with pytest.raises(ImportError, match=r'pip install "liveavatar\[mock\]"'):
        importlib.import_module("liveavatar.mock")


@pytest.mark.subprocess
def test_plugin_resets_between_tests_in_a_user_suite(tmp_path: Path) -> None:
    """In a user's own suite, the entry-point plugin's fixture starts clean in every test."""
    (tmp_path / "pytest.ini").write_text("[pytest]\nfilterwarnings = error\n")
    (tmp_path / "test_user.py").write_text(
        textwrap.dedent(
            """
            import httpx

            def test_first(liveavatar_mock):
                liveavatar_mock.force_status(500)
                url = liveavatar_mock.url + "/v1/sessions/token"
                assert 500 == httpx.post(url, json={}, headers={"X-API-KEY": "k"}).status_code

            def test_second(liveavatar_mock):
                assert [] == liveavatar_mock.requests
                body = {"avatar_id": "dd73ea75-1218-4ef3-92ce-606d5f7fbc0a", "avatar_persona": {}}
                url = liveavatar_mock.url + "/v1/sessions/token"
                assert 200 == httpx.post(url, json=body, headers={"X-API-KEY": "k"}).status_code
            """
        )
    )

    # The project's heavy dev plugins (3 s of imports) are left out; the entry point is not.
    quiet = ["-p", "no:cacheprovider", "-p", "no:schemathesis", "-p", "no:hypothesispytest"]
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", *quiet, str(tmp_path)],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        check=False,
    )

    assert 0 == result.returncode, result.stdout + result.stderr
    assert "2 passed" in result.stdout


def test_served_pipeline_answers_500_to_a_crash_and_keeps_serving(monkeypatch: pytest.MonkeyPatch) -> None:
    """`MockServer` serves the bare pipeline: an exception inside it is a 500, and the next request is answered."""
    with MockServer() as server, httpx.Client(base_url=server.url, headers={"X-API-KEY": API_KEY}) as client:
        calls = iter([RuntimeError("a bug in the mock"), None])

        def crash_once(*args: Any) -> object:
            error = next(calls)
            if error is not None:
                raise error
            return original(*args)

        original = server._handle
        monkeypatch.setattr(server, "_handle", crash_once)
        crashed = client.post(TOKEN_PATH, json=full_body())
        answered = client.post(TOKEN_PATH, json=full_body())

    assert (500, 200) == (crashed.status_code, answered.status_code)


def test_bare_pipeline_answers_as_the_starlette_app_does() -> None:
    """`asgi_pipeline` (what `MockServer` serves) and `app` give the same status and body shape to the same requests."""
    from liveavatar.mock import LiveAvatarMock

    async def answers(pick: str) -> list[tuple[int, list[str]]]:
        mock = LiveAvatarMock()
        transport = httpx.ASGITransport(app=getattr(mock, pick))
        async with httpx.AsyncClient(transport=transport, base_url="http://mock") as client:
            replies = [
                await client.post(TOKEN_PATH, json=full_body(), headers={"X-API-KEY": API_KEY}),
                await client.post(TOKEN_PATH, json=full_body()),
                await client.get(TOKEN_PATH, headers={"X-API-KEY": API_KEY}),
                await client.get("/no/such/path", headers={"X-API-KEY": API_KEY}),
            ]
        return [(reply.status_code, sorted(reply.json())) for reply in replies]

    served, routed = asyncio.run(answers("asgi_pipeline")), asyncio.run(answers("app"))

    assert [200, 401, 405, 404] == [status for status, _ in served]
    assert routed == served
