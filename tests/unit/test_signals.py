"""stop_sessions_on_signals: a process that opted in stops its managed sessions on SIGTERM, then exits as before."""

from __future__ import annotations

import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from liveavatar.mock import MockServer

SYNC_CHILD = textwrap.dedent(
    """
    import sys, time
    import liveavatar

    client = liveavatar.LiveAvatar(api_key="sk_signal_test_0123456789", base_url=sys.argv[1], max_retries=0)
    liveavatar.stop_sessions_on_signals(client)
    live = client.sessions.start_lite(avatar_id="dd73ea75-1218-4ef3-92ce-606d5f7fbc0a", keep_alive_every=None)
    print(live.session_id, flush=True)
    time.sleep(60)
    """
)

ASYNC_CHILD = textwrap.dedent(
    """
    import asyncio, sys
    import liveavatar

    async def main():
        client = liveavatar.AsyncLiveAvatar(api_key="sk_signal_test_0123456789", base_url=sys.argv[1], max_retries=0)
        liveavatar.stop_sessions_on_signals(client)
        live = await client.sessions.start_lite(avatar_id="dd73ea75-1218-4ef3-92ce-606d5f7fbc0a", keep_alive_every=None)
        print(live.session_id, flush=True)
        await asyncio.sleep(60)

    asyncio.run(main())
    """
)


@pytest.mark.subprocess
@pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")
@pytest.mark.parametrize("flavour", ["sync", "async"])
def test_sigterm_stops_the_managed_session_then_the_process_exits(tmp_path: Path, flavour: str) -> None:
    """A process that opted in, sent SIGTERM, stops its session (the mock shows USER_CLOSED), then dies of SIGTERM."""
    script = tmp_path / "child.py"
    script.write_text(SYNC_CHILD if flavour == "sync" else ASYNC_CHILD)
    with MockServer() as mock:
        with subprocess.Popen([sys.executable, str(script), mock.url], stdout=subprocess.PIPE, text=True) as child:
            assert child.stdout is not None
            session_id = child.stdout.readline().strip()
            assert mock.session(session_id).active

            child.send_signal(signal.SIGTERM)

            assert -signal.SIGTERM == child.wait(timeout=30)
        session = mock.session(session_id)
    assert (False, "USER_CLOSED") == (session.active, session.end_reason)
