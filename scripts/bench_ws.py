"""A WebSocket sink on 127.0.0.1 for the LITE bench rows, run in its own process.

On each connection it says `connected` (so the SDK's ready gate passes at
once, as a live session does) and then reads and drops every frame: the
client under test is all that is measured, and the server's CPU is in
another process. On the path `/first-frame` it also answers the first
`agent.speak` of each utterance with `{"type": "bench.first_frame",
"event_id": <its id>, "at": <time.monotonic() on arrival>}`: the monotonic
clock is the machine's, so the client can subtract its own start time.

Usage: ``python scripts/bench_ws.py`` prints its port, then serves until its
stdin closes. From the bench: ``with WebSocketSink() as sink: sink.url``.
"""

from __future__ import annotations

import asyncio
import json
import subprocess
import sys
import time
from pathlib import Path

SPEAK_PREFIX = '{"type":"agent.speak","event_id":"'
"""How the SDK and the raw client below both begin an `agent.speak` frame (compact JSON)."""
CONNECTED = json.dumps({"type": "session.state_updated", "event_id": "bench", "state": "connected"})


async def _serve() -> None:
    from websockets.asyncio.server import ServerConnection, serve

    async def sink(connection: ServerConnection) -> None:
        await connection.send(CONNECTED)
        if connection.request is None or connection.request.path != "/first-frame":
            async for _ in connection:
                pass
            return
        seen = ""
        async for message in connection:
            arrived = time.monotonic()
            head = message[: len(SPEAK_PREFIX) + 36]
            if isinstance(head, str) and head.startswith(SPEAK_PREFIX) and head[len(SPEAK_PREFIX) :] != seen:
                seen = head[len(SPEAK_PREFIX) :]
                await connection.send(json.dumps({"type": "bench.first_frame", "event_id": seen, "at": arrived}))

    # Pings off and no size limit, as the SDK's client runs: only the client's own cost differs.
    async with serve(sink, "127.0.0.1", 0, ping_interval=None, max_size=None, max_queue=None) as server:
        port = next(iter(server.sockets)).getsockname()[1]
        print(port, flush=True)
        await asyncio.get_running_loop().run_in_executor(None, sys.stdin.read)


class WebSocketSink:
    """The sink in a subprocess; `url` is its ws:// address."""

    def __init__(self) -> None:
        self.url = ""

    def __enter__(self) -> WebSocketSink:
        self.process = subprocess.Popen(
            [sys.executable, str(Path(__file__).resolve())], stdin=subprocess.PIPE, stdout=subprocess.PIPE
        )
        assert self.process.stdout is not None
        self.url = f"ws://127.0.0.1:{int(self.process.stdout.readline())}/v1/ws"
        return self

    def __exit__(self, *exc: object) -> None:
        assert self.process.stdin is not None
        assert self.process.stdout is not None
        self.process.stdin.close()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.process.stdout.close()


if __name__ == "__main__":
    asyncio.run(_serve())
