"""Helpers for the hardening tests: hostile server behaviours, canaries and a leak finder.

The behaviours plug into `WireServer.script` like its own `reply`, `reset` and
`hang` (anything with `act(reader, writer)`). The canaries live here, as module
globals, so that no test frame holds one as a local: a test that formats a
traceback with `capture_locals=True` sees its own frames too.
"""

from __future__ import annotations

import asyncio
import json
import logging
import struct
import traceback
import zlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

import httpx

import liveavatar

API_KEY = "sk_live_CANARY_KEY_9f8e7d6c5b4a"
"""The same canary key as `tests/wire/conftest.py`."""
SESSION_TOKEN = "eyJ.CANARY_TOKEN_1a2b3c4d5e6f.sig"
"""The canary session token the wire server hands out by default."""
LIVEKIT_TOKEN = "lk.CANARY_LIVEKIT_7e6d5c4b3a29"
AGORA_TOKEN = "ag.CANARY_AGORA_0a1b2c3d4e5f"
RAW_SESSION_TOKEN = "eyJ.CANARY_RAWTOKEN_55aa66bb77cc.sig"
"""A session token passed to `start` as plain text."""

SECRET_VALUE = "sk-proj-CANARY_SECRET_4d3c2b1a0f9e"
"""A third-party key stored with `secrets.create`."""

CANARIES = (API_KEY, SESSION_TOKEN, LIVEKIT_TOKEN, AGORA_TOKEN, RAW_SESSION_TOKEN, SECRET_VALUE)

AVATAR_ID = "dd73ea75-1218-4ef3-92ce-606d5f7fbc0a"
VOICE_ID = "c2527536-6d1f-4412-a643-53a3497dada9"
SESSION_ID = "8c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f"

TOKEN_BODY = {"code": 100, "data": {"session_id": SESSION_ID, "session_token": SESSION_TOKEN}, "message": "ok"}

LOGGERS = ("liveavatar", "httpx", "httpcore")


def pieces(secret: str, size: int = 8) -> set[str]:
    """Every `size`-character piece of `secret`."""
    return {secret[i : i + size] for i in range(len(secret) - size + 1)}


_PIECES = {piece: secret for secret in CANARIES for piece in pieces(secret)}


def canary_hits(text: str) -> list[str]:
    """The canary pieces found in `text` (empty when clean)."""
    return sorted(piece for piece in _PIECES if piece in text)


def formatted(error: BaseException) -> str:
    """`error` as an error reporter that captures frame locals would show it, chained errors included."""
    return "".join(traceback.TracebackException.from_exception(error, capture_locals=True).format())


def leaking_locals(error: BaseException) -> list[str]:
    """`file:function:local` for every captured local, in `error` and its chain, whose repr holds a canary piece."""
    found = []
    seen: set[int] = set()
    exc: traceback.TracebackException | None = traceback.TracebackException.from_exception(error, capture_locals=True)
    while exc is not None and id(exc) not in seen:
        seen.add(id(exc))
        for frame in exc.stack:
            for name, value in (frame.locals or {}).items():
                if canary_hits(value):
                    found.append(f"{frame.filename.rsplit('/', 1)[-1]}:{frame.name}:{name}")
        exc = exc.__cause__ or (None if exc.__suppress_context__ else exc.__context__)
    return found


def error_texts(error: BaseException) -> list[str]:
    """Every text an error shows: str, repr, args, attributes, the locals-capturing traceback."""
    return [str(error), repr(error), repr(error.args), repr(vars(error)), formatted(error)]


def catch(action: Callable[[], object]) -> BaseException:
    """The exception `action()` raises; fails if it returns."""
    try:
        action()
    except BaseException as exc:
        return exc
    raise AssertionError("no exception was raised")


class Options(dict[str, Any]):
    """Client keyword arguments whose repr never shows the key they carry (they sit in harness frames)."""

    def __repr__(self) -> str:
        return f"Options({sorted(self)})"


def persona_call() -> dict[str, Any]:
    """Valid FULL-mode `create_token` arguments."""
    return {"avatar_id": AVATAR_ID, "persona": liveavatar.Persona(voice_id=VOICE_ID, language="en")}


def livekit_call() -> dict[str, Any]:
    """Valid LITE `create_lite_token` arguments whose body carries the LiveKit canary."""
    connector = liveavatar.LiveKitConfig(url="wss://lk.example", room="room-1", client_token=LIVEKIT_TOKEN)
    return {"avatar_id": AVATAR_ID, "connector": connector}


def agora_call() -> dict[str, Any]:
    """Valid LITE `create_lite_token` arguments whose body carries the Agora canary."""
    connector = liveavatar.AgoraConfig(app_id="app", token=AGORA_TOKEN, channel="ch", uid="7")
    return {"avatar_id": AVATAR_ID, "connector": connector}


# --- hostile behaviours --------------------------------------------------------------------------------------


def response_bytes(status: int, headers: dict[str, str], body: bytes) -> bytes:
    lines = [f"HTTP/1.1 {status} Whatever"]
    names = {name.lower() for name in headers}
    if "content-type" not in names:
        lines.append("Content-Type: application/json")
    if "content-length" not in names:
        lines.append(f"Content-Length: {len(body)}")
    lines.extend(f"{name}: {value}" for name, value in headers.items())
    return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1") + body


@dataclass(frozen=True)
class Trickle:
    """A token response sent `step` bytes every `gap` seconds: from the status line ("headers") or after them."""

    where: str = "headers"
    gap: float = 0.2
    step: int = 1

    async def act(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> bool:
        data = response_bytes(200, {}, json.dumps(TOKEN_BODY).encode())
        if self.where == "body":
            cut = data.index(b"\r\n\r\n") + 4
            writer.write(data[:cut])
            data = data[cut:]
        try:
            for start in range(0, len(data), self.step):
                writer.write(data[start : start + self.step])
                await writer.drain()
                await asyncio.sleep(self.gap)
        except ConnectionError:
            return False
        return True


@dataclass(frozen=True)
class Raw:
    """Send these exact bytes as the response, then keep the connection (if `keep`) or close it."""

    data: bytes
    keep: bool = True

    async def act(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> bool:
        try:
            writer.write(self.data)
            await writer.drain()
        except ConnectionError:
            return False
        return self.keep


def gzip_bomb(mebibytes: int) -> bytes:
    """A valid gzip member that inflates to `mebibytes` MiB of zeros, about 1 KiB per MiB, built in well under a second."""
    squeeze = zlib.compressobj(9, zlib.DEFLATED, -15)
    zeros = bytes(1 << 20)
    # After a full flush the compressor starts afresh, so every MiB of zeros compresses to the same bytes.
    block = squeeze.compress(zeros) + squeeze.flush(zlib.Z_FULL_FLUSH)
    end = squeeze.flush(zlib.Z_FINISH)
    crc = 0
    for _ in range(mebibytes):
        crc = zlib.crc32(zeros, crc)
    header = b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x02\xff"
    return header + block * mebibytes + end + struct.pack("<II", crc, (mebibytes << 20) & 0xFFFFFFFF)


def debug_logging(caplog: Any, names: Iterable[str] = LOGGERS) -> None:
    """DEBUG for the SDK's and httpx's loggers, captured by `caplog`."""
    for name in names:
        caplog.set_level(logging.DEBUG, logger=name)


def raise_rate_limit_in_worker(retry_after: str) -> None:
    """In a worker process: get a real 429 through the SDK (MockTransport, no network) and let it raise."""

    def answer(request: httpx.Request) -> httpx.Response:
        return httpx.Response(
            429, headers={"Retry-After": retry_after, "x-request-id": "req-429"}, json={"message": "slow"}
        )

    with (
        httpx.Client(transport=httpx.MockTransport(answer)) as pool,
        liveavatar.LiveAvatar(api_key=API_KEY, base_url="http://api.test", http_client=pool, max_retries=0) as client,
    ):
        client.sessions.create_token(**persona_call())
