"""stop_sessions_on_signals: a process that opted in stops its managed sessions on SIGTERM, then exits as before."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import textwrap
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from tests.unit.support import SESSION_ID, SESSION_TOKEN

CHILD = textwrap.dedent(
    """
    import sys, time
    import liveavatar

    client = liveavatar.{client}(api_key="sk_signal_test_0123456789", base_url=sys.argv[1], max_retries=0)
    {setup}
    print("ready", flush=True)
    time.sleep(60)
    """
)

SYNC_SETUP = """
liveavatar.stop_sessions_on_signals(client)
live = client.sessions.start_lite(avatar_id="dd73ea75-1218-4ef3-92ce-606d5f7fbc0a", keep_alive_every=None)
"""

ASYNC_CHILD = textwrap.dedent(
    """
    import asyncio, sys
    import liveavatar

    async def main():
        client = liveavatar.AsyncLiveAvatar(api_key="sk_signal_test_0123456789", base_url=sys.argv[1], max_retries=0)
        liveavatar.stop_sessions_on_signals(client)
        await client.sessions.start_lite(avatar_id="dd73ea75-1218-4ef3-92ce-606d5f7fbc0a", keep_alive_every=None)
        print("ready", flush=True)
        await asyncio.sleep(60)

    asyncio.run(main())
    """
)


class _Api(BaseHTTPRequestHandler):
    """Answers the token, start and stop calls, and records each stop."""

    stops: list[dict[str, str]] = []  # noqa: RUF012 - one server per test, reset below

    def do_POST(self) -> None:
        body = self.rfile.read(int(self.headers.get("content-length") or 0))
        if self.path.endswith("/token"):
            data: object = {"session_id": SESSION_ID, "session_token": SESSION_TOKEN}
        elif self.path.endswith("/start"):
            data = {"session_id": SESSION_ID, "livekit_url": "wss://lk", "livekit_client_token": "t" * 20}
        else:
            type(self).stops.append(json.loads(body))
            data = None
        payload = json.dumps({"code": 100, "data": data, "message": "ok"}).encode()
        self.send_response(201 if self.path.endswith("/start") else 200)
        self.send_header("content-type", "application/json")
        self.send_header("content-length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    def log_message(self, format: str, *args: object) -> None:
        """Quiet: the test reads the record, not the log."""


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")
@pytest.mark.parametrize("flavour", ["sync", "async"])
def test_sigterm_stops_the_managed_session_then_the_process_exits(tmp_path: Path, flavour: str) -> None:
    """A process that opted in, sent SIGTERM, stops its session (USER_CLOSED) and then dies of SIGTERM as before."""
    _Api.stops = []
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Api)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    script = tmp_path / "child.py"
    script.write_text(CHILD.format(client="LiveAvatar", setup=SYNC_SETUP) if flavour == "sync" else ASYNC_CHILD)
    try:
        with subprocess.Popen(
            [sys.executable, str(script), f"http://127.0.0.1:{server.server_port}"],
            stdout=subprocess.PIPE,
            text=True,
        ) as child:
            assert child.stdout is not None
            assert "ready" == child.stdout.readline().strip()

            child.send_signal(signal.SIGTERM)

            assert -signal.SIGTERM == child.wait(timeout=30)
    finally:
        server.shutdown()
        server.server_close()
    assert [{"session_id": SESSION_ID, "reason": "USER_CLOSED"}] == _Api.stops
