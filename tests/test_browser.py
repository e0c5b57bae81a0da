"""A real browser calls the mock from another origin, as HeyGen's web SDK does from a page.

A page served on one local port runs `fetch` against the mock on another
(so another origin, and CORS applies in full): `start`, `keep-alive` and
`stop`, each a `POST` with `Authorization: Bearer <session token>`, a JSON
content type and `credentials: "include"`, as the web SDK sends them. The
page posts what it saw back to its own server. Headless Chromium (Debian's
`chromium` package; `.ci/run` installs it) runs the page; without it the
test is skipped, saying so.
"""

from __future__ import annotations

import json
import queue
import shutil
import subprocess
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import httpx
import pytest

from liveavatar.mock import MockConfig, MockServer

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
BROWSER_WAIT = 90.0
"""Seconds for Chromium to start, load the page and make its calls; only a failing run waits this long."""
AVATAR_ID = "3c90c3cc-0d44-4b50-8888-8dd25736052a"

pytestmark = pytest.mark.skipif(
    CHROMIUM is None,
    reason="Chromium is not installed: the browser test needs it (Debian: apt-get install chromium; .ci/run does)",
)

PAGE = """<!doctype html>
<meta charset="utf-8">
<title>web SDK calls</title>
<script>
const MOCK = %(mock)s;
const TOKEN = %(token)s;
async function call(path) {
  const response = await fetch(MOCK + path, {
    method: "POST",
    credentials: "include",
    headers: {"Authorization": "Bearer " + TOKEN, "Content-Type": "application/json"},
    body: "{}",
  });
  const payload = await response.json();
  return {path: path, status: response.status, code: payload.code,
          requestId: response.headers.get("x-request-id")};
}
(async () => {
  const seen = [];
  try {
    for (const path of ["/v1/sessions/start", "/v1/sessions/keep-alive", "/v1/sessions/stop"]) {
      seen.push(await call(path));
    }
  } catch (error) {
    seen.push({error: String(error)});
  }
  await fetch("/outcome", {method: "POST", body: JSON.stringify(seen)});
})();
</script>
"""


class _PageServer(ThreadingHTTPServer):
    page: bytes
    outcomes: queue.Queue[Any]


class _PageHandler(BaseHTTPRequestHandler):
    server: _PageServer

    def do_GET(self) -> None:
        self.send_response(200)
        self.send_header("content-type", "text/html; charset=utf-8")
        self.send_header("content-length", str(len(self.server.page)))
        self.end_headers()
        self.wfile.write(self.server.page)

    def do_POST(self) -> None:
        body = self.rfile.read(int(self.headers.get("content-length", "0")))
        self.server.outcomes.put(json.loads(body))
        self.send_response(204)
        self.end_headers()

    def log_message(self, format: str, *args: Any) -> None:
        """Quiet: the test reports what matters."""


def page_server(mock_url: str, token: str) -> _PageServer:
    """A page on its own port (another origin than the mock's) that calls the mock, and collects what it saw."""
    server = _PageServer(("127.0.0.1", 0), _PageHandler)
    server.page = (PAGE % {"mock": json.dumps(mock_url), "token": json.dumps(token)}).encode()
    server.outcomes = queue.Queue()
    return server


def run_page(mock: MockServer, tmp_path: Path) -> tuple[str, list[dict[str, Any]]]:
    """Mint a session token as a backend would, open the page in headless Chromium; (page origin, what it saw)."""
    body = {"mode": "LITE", "avatar_id": AVATAR_ID}
    token = httpx.post(f"{mock.url}/v1/sessions/token", headers={"X-API-KEY": "k"}, json=body).json()["data"]
    server = page_server(mock.url, token["session_token"])
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    origin = f"http://127.0.0.1:{server.server_address[1]}"
    assert CHROMIUM is not None
    browser = subprocess.Popen(
        [
            CHROMIUM,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            f"--user-data-dir={tmp_path / 'profile'}",
            f"{origin}/",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        seen: list[dict[str, Any]] = server.outcomes.get(timeout=BROWSER_WAIT)
    finally:
        browser.terminate()
        try:
            browser.wait(timeout=10)
        except subprocess.TimeoutExpired:
            browser.kill()
            browser.wait()
        server.shutdown()
        server.server_close()
        thread.join(10)
    return origin, seen


@pytest.fixture
def serving() -> Iterator[Any]:
    """Start a mock with a given config; stopped after the test."""
    mocks: list[MockServer] = []

    def make(config: MockConfig | None = None) -> MockServer:
        mocks.append(MockServer(config).start())
        return mocks[-1]

    yield make
    for mock in mocks:
        mock.stop()


@pytest.mark.subprocess
def test_a_page_on_another_origin_runs_start_keep_alive_and_stop(serving: Any, tmp_path: Path) -> None:
    """Chromium's credentialed, Bearer fetches from another origin pass preflight and read each answer."""
    mock = serving()

    origin, seen = run_page(mock, tmp_path)

    assert [
        ("/v1/sessions/start", 201, 1000),
        ("/v1/sessions/keep-alive", 200, 1000),
        ("/v1/sessions/stop", 200, 1000),
    ] == [(step.get("path"), step.get("status"), step.get("code")) for step in seen], seen
    # An exposed header: the page can read it.
    assert all(step["requestId"] for step in seen)
    preflights = [record for record in mock.requests if record.method == "OPTIONS"]
    assert preflights, "the browser sent no preflight"
    assert {origin} == {record.headers["origin"] for record in preflights}
    assert {"authorization", "content-type"} <= {
        name.strip() for record in preflights for name in record.headers["access-control-request-headers"].split(",")
    }
    [session] = mock.sessions()
    assert (1, "UNKNOWN") == (session.keep_alives, session.end_reason)


@pytest.mark.subprocess
def test_without_allow_credentials_the_browser_refuses_the_credentialed_call(serving: Any, tmp_path: Path) -> None:
    """With `cors_credentials=False` Chromium blocks the web SDK's fetch: the header is what makes it work."""
    mock = serving(MockConfig(cors_credentials=False))

    _, seen = run_page(mock, tmp_path)

    assert 1 == len(seen)
    assert "Failed to fetch" in seen[0].get("error", ""), seen
    assert [] == mock.sessions()
