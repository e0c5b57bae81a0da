"""Pool limits against a server with real latency: the measurement behind `POOL_LIMITS`.

The loopback rows of `make bench` answer at once, so the client is all the
work there is. This script puts latency back: a server in a child process
answers every request after `--delay` seconds, and raw `httpx.AsyncClient`s
with different limits, each with and without a gate (a semaphore of the
pool's size that keeps callers out of httpcore's queue), send from 64 and
256 tasks for a few seconds each. It prints requests per second, client CPU
per request and the connections each pool ended with.

Usage: ``python scripts/pool_limits.py [--delay 0.05] [--seconds 3]``.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import subprocess
import sys
import time

import httpx

_SERVER = r"""
import asyncio, sys
delay = float(sys.argv[1])
answer = b"HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 2\r\n\r\n{}"
class Delayed(asyncio.Protocol):
    def connection_made(self, transport):
        self.transport, self.buffer = transport, b""
    def data_received(self, data):
        self.buffer += data
        while (end := self.buffer.find(b"\r\n\r\n")) >= 0:
            length = 0
            for line in self.buffer[:end].split(b"\r\n")[1:]:
                name, _, value = line.partition(b":")
                if name.strip().lower() == b"content-length":
                    length = int(value)
            if len(self.buffer) < end + 4 + length:
                return
            self.buffer = self.buffer[end + 4 + length:]
            asyncio.get_running_loop().call_later(delay, self.transport.write, answer)
async def main():
    server = await asyncio.get_running_loop().create_server(Delayed, "127.0.0.1", 0, backlog=4096)
    print(server.sockets[0].getsockname()[1], flush=True)
    await asyncio.get_running_loop().run_in_executor(None, sys.stdin.read)
asyncio.run(main())
"""

LIMITS = {
    "100/100": httpx.Limits(max_connections=100, max_keepalive_connections=100),
    "httpx defaults (100/20)": httpx.Limits(max_connections=100, max_keepalive_connections=20),
    "32/32": httpx.Limits(max_connections=32, max_keepalive_connections=32),
    "20/20": httpx.Limits(max_connections=20, max_keepalive_connections=20),
}


async def _load(url: str, limits: httpx.Limits, tasks: int, seconds: float, gated: bool) -> tuple[float, float, int]:
    gate = asyncio.Semaphore(limits.max_connections or tasks) if gated else contextlib.nullcontext()
    async with httpx.AsyncClient(limits=limits) as client:
        running, done = True, 0

        async def sender() -> None:
            nonlocal done
            while running:
                async with gate:
                    (await client.post(url, json={"session_id": "s"})).raise_for_status()
                done += 1

        senders = [asyncio.create_task(sender()) for _ in range(tasks)]
        await asyncio.sleep(1.0)  # past the ramp-up
        done, cpu, wall = 0, time.process_time(), time.perf_counter()
        await asyncio.sleep(seconds)
        count, cpu, wall = done, time.process_time() - cpu, time.perf_counter() - wall
        running = False
        await asyncio.gather(*senders)
        return count / wall, cpu / max(count, 1) * 1e6, len(client._transport._pool.connections)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--delay", type=float, default=0.05, help="seconds the server waits before each answer")
    parser.add_argument("--seconds", type=float, default=3.0, help="measured seconds per configuration")
    args = parser.parse_args()
    # The command is this interpreter and a constant script: nothing untrusted reaches it.
    server = subprocess.Popen(
        [sys.executable, "-c", _SERVER, str(args.delay)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    assert server.stdout is not None
    assert server.stdin is not None
    url = f"http://127.0.0.1:{server.stdout.readline().strip()}/v1/sessions/keep-alive"
    print(f"server answers after {args.delay * 1000:.0f} ms; {args.seconds:.0f} s per line")
    try:
        for tasks in (64, 256):
            for gated in (False, True):
                for name, limits in LIMITS.items():
                    rps, cpu_us, held = asyncio.run(_load(url, limits, tasks, args.seconds, gated))
                    label = f"{name}{', gated' if gated else ''}"
                    print(f"{tasks:4} tasks  {label:31} {rps:7.0f}/s  {cpu_us:7.0f} µs CPU each  {held:3} connections")
    finally:
        server.stdin.close()
        server.wait(timeout=10)


if __name__ == "__main__":
    main()
