"""Run by test_hostile: a managed LITE session whose speak blocks on a server that stopped reading, until SIGTERM.

Usage: ``python sigterm_child.py MOCK_URL WS_URL``; prints the session id, then speaks.
"""

from __future__ import annotations

import sys

import attrs

from liveavatar import LiveAvatar, stop_sessions_on_signals
from liveavatar.audio import tone


def main(mock_url: str, ws_url: str) -> None:
    client = LiveAvatar(api_key="key", base_url=mock_url)
    stop_sessions_on_signals(client)
    with client.sessions.start_lite(avatar_id="dd73ea75-1218-4ef3-92ce-606d5f7fbc0a", sandbox=True) as live:
        live.started = attrs.evolve(live.started, ws_url=ws_url)
        with live.connect(keep_alive_every=None, send_timeout=600.0) as conn:
            print(live.session_id, flush=True)
            conn.speak(tone(120.0))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
