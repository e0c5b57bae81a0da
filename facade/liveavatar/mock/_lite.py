"""The mock's LITE channel: the `ws_url` WebSocket, as an ASGI endpoint with per-session state.

Standalone: the mock app wires it in by calling a few methods (see "Wiring"
below); nothing here imports the rest of the mock.

What it does, and where each behaviour comes from (DOC: LiveAvatar's docs;
HG: HeyGen's own code or guidance; 3P: what third parties observed live;
INFERRED: this mock's choice where no source says):

- URL `ws://HOST:PORT/v1/lite/<session_id>?secret=<per-session secret>`.
  INFERRED: the real URL form is undocumented; every client opens it as
  given with no other credential (HG, 3P), so the URL is the capability. A
  wrong secret or unknown session is refused at the upgrade (HTTP 403).
- After the upgrade, `session.state_updated` `connected` (DOC), after
  `connected_delay` seconds on the mock's clock, or never when it is `None`
  (3P: some sessions never send it). Frames before it are recorded and
  dropped without an answer (HG: "silently dropped. No error").
- `agent.speak`: base64 PCM appended to the open utterance. An utterance
  opens on the first `agent.speak` after the previous one's
  `agent.speak_end` or an interrupt, whatever its `event_id` (3P), which
  may be missing (HG's starter sends none). `agent.speak_started` follows
  `speak_started_delay` after its first audio (3P: ~200 ms), and
  `agent.speak_ended` once `agent.speak_end` came and the audio's duration
  (bytes ÷ 48,000 s) has passed on the clock since it started (DOC: ended
  always follows started; the avatar waits for `speak_end`: 3P forum).
  Utterances play one after another. INFERRED: the exact timings.
- `agent.interrupt` clears every queued and playing utterance (DOC).
- `agent.start_listening` / `agent.stop_listening` change the pose (DOC).
- `session.keep_alive` resets the idle timer (DOC); so does audio
  (INFERRED: what counts as activity is undocumented). After `idle_timeout`
  seconds without either the session ends (DOC: 5 minutes).
- `end(reason)` (an HTTP stop, `max_session_duration`, the idle timeout):
  `session.state_updated` `closed` (`disconnected` in `extended`), then a
  close 1000 with `reason` (DOC: "The WebSocket connection closes").
  INFERRED: the state sent and the close code.
- Bad frames get one `error` event each, shaped as observed live (3P):
  `{"type": "error", "event_id": ..., "error": {"type":
  "invalid_request_error", "message": ..., "event_id": <the command's>}}`:
  not JSON, not an object with a `type`, a binary frame, over 1,000,000
  bytes (DOC: "Max 1MB per packet"; INFERRED: 10^6 bytes, answered, not
  closed), `audio` missing or not base64 (3P: "invalid base64 audio
  data"), an odd number of PCM bytes (INFERRED). The frame is dropped.
- Accepted as real clients send them: HeyGen's undocumented `{"type":
  "start", "encoding": "pcm_s16le", ...}` (HG), commands without
  `event_id` (HG). Unknown types are recorded and ignored: never an error
  or a close (INFERRED: never stricter than LiveAvatar).
- A second socket for the same session replaces the first, which is closed
  with 1000 (INFERRED: undocumented).

Two event profiles:

- `docs`: only the documented events, `session.state_updated`,
  `agent.speak_started`, `agent.speak_ended`, whose `event_id` is the
  command's (DOC), plus `error`.
- `extended`: what third parties observe (3P): replies carry a fresh
  `event_id` and the command's id as `source_event_id`;
  `agent.audio_buffer_appended` per chunk, `agent.audio_buffer_committed`
  per `speak_end`, `agent.audio_buffer_cleared` per interrupt,
  `agent.speak_interrupted` for a cut utterance, `agent.state_updated`
  (`idle`/`listening`/`talking`) with each pose change.

Wiring (what the mock app calls)::

    channels = LiteChannels(LiteChannelOptions(profile="docs"), clock=clock)
    path = channels.open(session_id, max_duration=60)    # at POST /v1/sessions/start
    ws_url = ws_url_for(base_url, path)                  # http://h:p + path -> ws://h:p/...
    if channels.handles(scope): await channels(scope, receive, send)   # route websocket scopes
    channels.end(session_id, "stopped")                  # at POST /v1/sessions/stop
    channels.keep_alive(session_id)                      # at POST /v1/sessions/keep-alive
    channels.audio(session_id), channels.frames(session_id)   # mock.lite_audio / mock.lite_frames
    channels.forget(session_id)                          # when the mock forgets the session
    channels.reset()                                     # with the mock's reset()

The server must run with WebSocket support (uvicorn's `ws="auto"` or
`"websockets"`, not `"none"`).
"""

from __future__ import annotations

import asyncio
import base64
import binascii
import collections
import hmac
import json
import secrets
import threading
import time
import urllib.parse
import uuid
from collections.abc import Callable, Mapping
from types import MappingProxyType
from typing import Any, Final, Literal, Protocol

import attrs

__all__ = [
    "LITE_PATH_PREFIX",
    "MAX_FRAME_BYTES",
    "PROFILES",
    "LiteChannel",
    "LiteChannelOptions",
    "LiteChannels",
    "LiteFrame",
    "ManualClock",
    "Profile",
    "ws_url_for",
]

Profile = Literal["docs", "extended"]
PROFILES: Final[tuple[Profile, ...]] = ("docs", "extended")
LITE_PATH_PREFIX: Final = "/v1/lite/"
MAX_FRAME_BYTES: Final = 1_000_000
BYTES_PER_SECOND: Final = 48_000
"""24 kHz mono 16-bit."""
DEFAULT_IDLE_TIMEOUT: Final = 300.0
"""The documented 5-minute idle window."""
DEFAULT_SPEAK_STARTED_DELAY: Final = 0.2
"""From first audio to `agent.speak_started`, as one third party measured it."""
DEFAULT_AUDIO_LIMIT: Final = BYTES_PER_SECOND * 600
"""PCM kept per session for `audio()`: the first ten minutes (28.8 MB); the mock's `lite_audio_limit`."""
DEFAULT_FRAME_LIMIT: Final = 1_000
"""Frames kept per session for `frames()`: the most recent."""
_POLICY_VIOLATION: Final = 1008
_NORMAL: Final = 1000
_INVALID: Final = "invalid_request_error"


# -- clocks ------------------------------------------------------------------


class LiteClock(Protocol):
    """The time the channel plays audio and counts idleness by."""

    def now(self) -> float:
        """Seconds, from any origin."""

    def wait_time(self, deadline: float | None) -> float | None:
        """How long to really wait for `deadline` (`None`: until woken)."""

    def on_advance(self, callback: Callable[[], None]) -> None:
        """Call `callback` (from any thread) whenever time jumps."""


class SystemClock:
    """Real time."""

    def now(self) -> float:
        """`time.monotonic()`."""
        return time.monotonic()

    def wait_time(self, deadline: float | None) -> float | None:
        """Until the deadline."""
        return None if deadline is None else max(0.0, deadline - time.monotonic())

    def on_advance(self, callback: Callable[[], None]) -> None:
        """Real time never jumps."""


class ManualClock:
    """A clock that moves only when told: tests make audio "play" without waiting for it."""

    def __init__(self, start: float = 0.0) -> None:
        self._now = start
        self._lock = threading.Lock()
        self._callbacks: list[Callable[[], None]] = []

    def now(self) -> float:
        """The current time."""
        with self._lock:
            return self._now

    def advance(self, seconds: float) -> None:
        """Move time forward and wake every channel, so what fell due is sent."""
        with self._lock:
            self._now += seconds
            callbacks = list(self._callbacks)
        for callback in callbacks:
            callback()

    def wait_time(self, deadline: float | None) -> float | None:
        """Never by real time: only `advance` moves this clock."""
        return None

    def on_advance(self, callback: Callable[[], None]) -> None:
        """Register a wake-up."""
        with self._lock:
            self._callbacks.append(callback)


# -- options and records ---------------------------------------------------------


def _non_negative(_instance: object, attribute: attrs.Attribute[Any], value: float | None) -> None:
    if value is not None and not value >= 0:
        raise ValueError(f"{attribute.name} must be >= 0, not {value!r}")


@attrs.frozen(kw_only=True)
class LiteChannelOptions:
    """How the mock's channel behaves; the defaults follow the docs."""

    profile: Profile = attrs.field(default="docs", validator=attrs.validators.in_(PROFILES))
    connected_delay: float | None = attrs.field(default=0.0, validator=_non_negative)
    """Seconds from the upgrade to `connected`; `None`: never sent."""
    speak_started_delay: float = attrs.field(default=DEFAULT_SPEAK_STARTED_DELAY, validator=_non_negative)
    idle_timeout: float = attrs.field(default=DEFAULT_IDLE_TIMEOUT, validator=_non_negative)
    audio_limit: int = DEFAULT_AUDIO_LIMIT
    frame_limit: int = DEFAULT_FRAME_LIMIT


@attrs.frozen(kw_only=True)
class LiteFrame:
    """One frame a client sent, as a test would assert on it.

    `data` is the JSON object with `audio` replaced by its length (the PCM
    is in `LiteChannels.audio`); `None` when the frame was not a JSON
    object. `answer` is the error message the mock replied with, if any.
    """

    type: str | None
    event_id: str | None
    size: int
    audio_bytes: int | None = None
    data: Mapping[str, Any] | None = None
    answer: str | None = None
    dropped_before_connected: bool = False


@attrs.define
class _Utterance:
    client_id: str | None
    task_id: str
    first_audio_at: float
    audio_bytes: int = 0
    ended: bool = False
    started_at: float | None = None


def ws_url_for(base_url: str, path: str) -> str:
    """The `ws_url` for a channel `path` on a mock served at `base_url` (`http://h:p` → `ws://h:p/...`)."""
    parts = urllib.parse.urlsplit(base_url)
    scheme = "wss" if parts.scheme == "https" else "ws"
    return f"{scheme}://{parts.netloc}{path}"


def _fresh_id() -> str:
    return str(uuid.uuid4())


def _text(value: object) -> str | None:
    return value if isinstance(value, str) else None


# -- one session's channel --------------------------------------------------------


class LiteChannel:
    """One session's channel state: what the mock has been sent and what it owes the client. No I/O."""

    def __init__(
        self, session_id: str, options: LiteChannelOptions, *, now: float, max_duration: float | None = None
    ) -> None:
        self.session_id = session_id
        self.secret = secrets.token_urlsafe(24)
        self._options = options
        self._extended = options.profile == "extended"
        self.frames: collections.deque[LiteFrame] = collections.deque(maxlen=options.frame_limit)
        self.audio = bytearray()
        self.audio_truncated = False
        self._ends_at = None if max_duration is None else now + max_duration
        self.end_reason: str | None = None
        self._reset_socket(now)

    def _reset_socket(self, now: float) -> None:
        # INFERRED: a new socket starts a fresh conversation.
        self.connected = False
        self._connect_at = None if self._options.connected_delay is None else now + self._options.connected_delay
        self._utterances: collections.deque[_Utterance] = collections.deque()
        self._pose = "idle"
        self._last_activity = now
        self._end_announced = False

    # -- inputs --------------------------------------------------------------

    def on_open(self, now: float) -> list[dict[str, Any]]:
        """A socket was accepted for this session."""
        self._reset_socket(now)
        return self.on_time(now)

    def end(self, reason: str) -> None:
        """Ask for the session to end; the socket closes at its next turn."""
        if self.end_reason is None:
            self.end_reason = reason

    def keep_alive(self, now: float) -> None:
        """Reset the idle timer (the HTTP keep-alive, or the socket's)."""
        self._last_activity = now

    def on_frame(self, text: str | None, data: bytes | None, now: float) -> list[dict[str, Any]]:
        """One client frame; returns the events to send back."""
        size = len(text.encode()) if text is not None else len(data or b"")
        if not self.connected:
            self._record(LiteFrame(type=None, event_id=None, size=size, dropped_before_connected=True), text)
            return []
        if text is None:
            return self._refuse(LiteFrame(type=None, event_id=None, size=size), "expected a JSON text frame", None)
        if size > MAX_FRAME_BYTES:
            return self._refuse(
                LiteFrame(type=None, event_id=None, size=size), f"message exceeds {MAX_FRAME_BYTES} bytes", None
            )
        try:
            message = json.loads(text)
        except ValueError:
            return self._refuse(LiteFrame(type=None, event_id=None, size=size), "invalid JSON", None)
        if not isinstance(message, dict) or not isinstance(message.get("type"), str):
            return self._refuse(LiteFrame(type=None, event_id=None, size=size), "missing type", None)
        kind: str = message["type"]
        event_id = _text(message.get("event_id"))
        shown = {key: value for key, value in message.items() if key != "audio"}
        if "audio" in message:
            shown["audio"] = f"<{len(message['audio']) if isinstance(message['audio'], str) else '?'} chars>"
        frame = LiteFrame(type=kind, event_id=event_id, size=size, data=MappingProxyType(shown))
        handler = self._handlers.get(kind)
        if handler is None:
            self._record(frame)  # `start` and unknown types: accepted, recorded, ignored
            return []
        return handler(self, message, frame, now)

    # -- commands --------------------------------------------------------------

    def _speak(self, message: dict[str, Any], frame: LiteFrame, now: float) -> list[dict[str, Any]]:
        pcm, problem = self._decode_audio(message.get("audio"))
        if problem is not None:
            return self._refuse(frame, problem, frame.event_id)
        self._record(attrs.evolve(frame, audio_bytes=len(pcm)))
        self._keep(pcm)
        self._last_activity = now
        utterance = self._open_utterance(frame.event_id, now)
        utterance.audio_bytes += len(pcm)
        out: list[dict[str, Any]] = []
        if self._extended:
            out.append(self._reply("agent.audio_buffer_appended", frame.event_id))
        return out + self.on_time(now)

    def _speak_end(self, message: dict[str, Any], frame: LiteFrame, now: float) -> list[dict[str, Any]]:
        out: list[dict[str, Any]] = []
        if "audio" in message:  # 3P: speak_end may carry a last piece of audio
            pcm, problem = self._decode_audio(message.get("audio"))
            if problem is not None:
                return self._refuse(frame, problem, frame.event_id)
            self._keep(pcm)
            self._open_utterance(frame.event_id, now).audio_bytes += len(pcm)
            frame = attrs.evolve(frame, audio_bytes=len(pcm))
        self._record(frame)
        open_ = self._current_open()
        if open_ is not None:
            open_.ended = True
        if self._extended:
            out.append(self._reply("agent.audio_buffer_committed", frame.event_id))
        return out + self.on_time(now)

    def _interrupt(self, message: dict[str, Any], frame: LiteFrame, now: float) -> list[dict[str, Any]]:
        self._record(frame)
        out: list[dict[str, Any]] = []
        playing = self._utterances[0] if self._utterances and self._utterances[0].started_at is not None else None
        self._utterances.clear()
        if self._extended:
            out.append(self._reply("agent.audio_buffer_cleared", frame.event_id))
            if playing is not None:
                out.append(self._reply("agent.speak_interrupted", playing.client_id, task=playing.task_id))
                out += self._pose_to("idle")
        return out

    def _listening(self, message: dict[str, Any], frame: LiteFrame, now: float) -> list[dict[str, Any]]:
        self._record(frame)
        if not self._extended or self._pose == "talking":
            return []
        return self._pose_to("listening" if frame.type == "agent.start_listening" else "idle")

    def _keep_alive_frame(self, message: dict[str, Any], frame: LiteFrame, now: float) -> list[dict[str, Any]]:
        self._record(frame)
        self._last_activity = now
        return []

    _handlers: Final[dict[str, Callable[[LiteChannel, dict[str, Any], LiteFrame, float], list[dict[str, Any]]]]] = {
        "agent.speak": _speak,
        "agent.speak_end": _speak_end,
        "agent.interrupt": _interrupt,
        "agent.start_listening": _listening,
        "agent.stop_listening": _listening,
        "session.keep_alive": _keep_alive_frame,
    }

    # -- time ----------------------------------------------------------------

    def on_time(self, now: float) -> list[dict[str, Any]]:
        """The events that fell due by `now`: `connected`, utterance starts and ends, the session's end."""
        out: list[dict[str, Any]] = []
        if not self.connected and self._connect_at is not None and now >= self._connect_at:
            self.connected = True
            self._last_activity = max(self._last_activity, self._connect_at)
            out.append({"type": "session.state_updated", "state": "connected"})
        if self.connected:
            out += self._play(now)
        if self.end_reason is None:
            if self._ends_at is not None and now >= self._ends_at:
                self.end("max_session_duration")
            elif now >= self._last_activity + self._options.idle_timeout:
                self.end("idle_timeout")
        if self.end_reason is not None and not self._end_announced:
            self._end_announced = True
            out.append({"type": "session.state_updated", "state": "disconnected" if self._extended else "closed"})
        return out

    def next_deadline(self) -> float | None:
        """When `on_time` next has something to do."""
        times = [self._last_activity + self._options.idle_timeout]
        if self._ends_at is not None:
            times.append(self._ends_at)
        if not self.connected and self._connect_at is not None:
            times.append(self._connect_at)
        if self.connected and self._utterances:
            head = self._utterances[0]
            if head.started_at is None:
                times.append(head.first_audio_at + self._options.speak_started_delay)
            elif head.ended:
                times.append(head.started_at + head.audio_bytes / BYTES_PER_SECOND)
        return min(times)

    def _play(self, now: float) -> list[dict[str, Any]]:
        out: list[dict[str, Any]] = []
        while self._utterances:
            head = self._utterances[0]
            if head.started_at is None:
                due = head.first_audio_at + self._options.speak_started_delay
                if now < due:
                    break
                head.started_at = due
                out.append(self._reply("agent.speak_started", head.client_id, task=head.task_id, docs_id=True))
                out += self._pose_to("talking")
            finish = head.started_at + head.audio_bytes / BYTES_PER_SECOND
            if not head.ended or now < finish:
                break
            self._utterances.popleft()
            out.append(self._reply("agent.speak_ended", head.client_id, task=head.task_id, docs_id=True))
            out += self._pose_to("idle")
            if self._utterances and self._utterances[0].first_audio_at < finish:
                # The next one waited for this one; it starts when this one ends.
                self._utterances[0].first_audio_at = finish - self._options.speak_started_delay
        return out

    # -- helpers ---------------------------------------------------------------

    def _current_open(self) -> _Utterance | None:
        return self._utterances[-1] if self._utterances and not self._utterances[-1].ended else None

    def _open_utterance(self, client_id: str | None, now: float) -> _Utterance:
        open_ = self._current_open()
        if open_ is None:
            open_ = _Utterance(client_id=client_id, task_id=_fresh_id(), first_audio_at=now)
            self._utterances.append(open_)
        return open_

    def _pose_to(self, pose: str) -> list[dict[str, Any]]:
        if not self._extended or pose == self._pose:
            return []
        previous, self._pose = self._pose, pose
        return [{"type": "agent.state_updated", "event_id": _fresh_id(), "previous_state": previous, "new_state": pose}]

    def _reply(
        self, kind: str, client_id: str | None, *, task: str | None = None, docs_id: bool = False
    ) -> dict[str, Any]:
        if self._extended:
            event: dict[str, Any] = {"type": kind, "event_id": _fresh_id(), "source_event_id": client_id}
        else:
            # DOC: the reply's event_id "matches the triggering agent.speak command".
            event = {"type": kind, "event_id": client_id if docs_id and client_id is not None else _fresh_id()}
        if task is not None:
            event["task"] = {"id": task}
        return event

    def _decode_audio(self, audio: object) -> tuple[bytes, str | None]:
        if not isinstance(audio, str):
            return b"", "missing audio"
        try:
            pcm = base64.b64decode(audio, validate=True)
        except (binascii.Error, ValueError):
            return b"", "invalid base64 audio data"
        if len(pcm) % 2:
            return b"", "audio must be 16-bit PCM: an odd number of bytes"
        return pcm, None

    def _refuse(self, frame: LiteFrame, message: str, client_id: str | None) -> list[dict[str, Any]]:
        self._record(attrs.evolve(frame, answer=message))
        error: dict[str, Any] = {"type": _INVALID, "message": message}
        if client_id is not None:
            error["event_id"] = client_id
        return [{"type": "error", "event_id": _fresh_id(), "error": error}]

    def _record(self, frame: LiteFrame, text: str | None = None) -> None:
        if text is not None and frame.dropped_before_connected:
            try:
                message = json.loads(text)
            except ValueError:
                message = None
            if isinstance(message, dict):
                frame = attrs.evolve(frame, type=_text(message.get("type")), event_id=_text(message.get("event_id")))
        self.frames.append(frame)

    def _keep(self, pcm: bytes) -> None:
        room = self._options.audio_limit - len(self.audio)
        if len(pcm) > room:
            self.audio_truncated = True
        self.audio += pcm[: max(room, 0)]


# -- the registry and the ASGI endpoint ------------------------------------------


@attrs.define
class _Link:
    """One accepted socket: how to wake its task, and whether it must close."""

    wake: Callable[[], None]
    replaced: bool = False


class LiteChannels:
    """Every session's channel, and the ASGI endpoint that serves them. Thread-safe."""

    def __init__(self, options: LiteChannelOptions | None = None, *, clock: LiteClock | None = None) -> None:
        self.options = options if options is not None else LiteChannelOptions()
        self._clock: LiteClock = clock if clock is not None else SystemClock()
        self._lock = threading.Lock()
        self._channels: dict[str, LiteChannel] = {}
        self._links: dict[str, _Link] = {}
        self._clock.on_advance(self._wake_all)

    # -- controls ----------------------------------------------------------------

    def open(self, session_id: str, *, max_duration: float | None = None) -> str:
        """Make a channel for a started session; returns its path and query (the capability)."""
        with self._lock:
            channel = LiteChannel(session_id, self.options, now=self._clock.now(), max_duration=max_duration)
            self._channels[session_id] = channel
        return f"{LITE_PATH_PREFIX}{urllib.parse.quote(session_id)}?secret={channel.secret}"

    def end(self, session_id: str, reason: str = "stopped") -> bool:
        """End a session: its socket gets a terminal state and a close 1000 with `reason`. False if unknown."""
        with self._lock:
            channel = self._channels.get(session_id)
            if channel is None:
                return False
            channel.end(reason)
            link = self._links.get(session_id)
        if link is not None:
            link.wake()
        return True

    def keep_alive(self, session_id: str) -> None:
        """Reset a session's idle timer (the HTTP keep-alive)."""
        with self._lock:
            channel = self._channels.get(session_id)
            if channel is not None:
                channel.keep_alive(self._clock.now())

    def audio(self, session_id: str) -> bytes:
        """The PCM the session's clients sent (the first `audio_limit` bytes); KeyError if unknown."""
        with self._lock:
            return bytes(self._channels[session_id].audio)

    def frames(self, session_id: str) -> list[LiteFrame]:
        """The session's most recent frames (up to `frame_limit`), oldest first; KeyError if unknown."""
        with self._lock:
            return list(self._channels[session_id].frames)

    def forget(self, session_id: str) -> None:
        """Drop a session's channel and its recorded frames and audio; a socket still open is closed."""
        with self._lock:
            channel = self._channels.pop(session_id, None)
            if channel is not None:
                channel.end("forgotten")
            link = self._links.get(session_id)
        if link is not None:
            link.wake()

    def is_connected(self, session_id: str) -> bool:
        """True while a socket is open for the session."""
        with self._lock:
            return session_id in self._links

    def reset(self) -> None:
        """Forget every channel; open sockets are closed."""
        with self._lock:
            for channel in self._channels.values():
                channel.end("reset")
            links = list(self._links.values())
            self._channels.clear()
        for link in links:
            link.wake()

    def handles(self, scope: Mapping[str, Any]) -> bool:
        """True for a WebSocket scope on the channel's path."""
        return scope.get("type") == "websocket" and str(scope.get("path", "")).startswith(LITE_PATH_PREFIX)

    def _wake_all(self) -> None:
        with self._lock:
            links = list(self._links.values())
        for link in links:
            link.wake()

    # -- ASGI ------------------------------------------------------------------

    async def __call__(
        self,
        scope: Mapping[str, Any],
        receive: Callable[[], Any],
        send: Callable[[dict[str, Any]], Any],
    ) -> None:
        """Serve one WebSocket scope: refuse a wrong capability at the upgrade, else run the channel."""
        if (await receive())["type"] != "websocket.connect":
            return
        channel = self._authorised(scope)
        if channel is None:
            await send({"type": "websocket.close", "code": _POLICY_VIOLATION})  # the server answers HTTP 403
            return
        await send({"type": "websocket.accept"})
        loop = asyncio.get_running_loop()
        woken = asyncio.Event()

        def wake() -> None:
            loop.call_soon_threadsafe(woken.set)

        link = _Link(wake=wake)
        with self._lock:
            previous = self._links.get(channel.session_id)
            if previous is not None:
                previous.replaced = True
            self._links[channel.session_id] = link
            out = channel.on_open(self._clock.now())
        if previous is not None:
            previous.wake()
        try:
            await self._run(channel, link, woken, out, receive, send)
        finally:
            with self._lock:
                if self._links.get(channel.session_id) is link:
                    del self._links[channel.session_id]

    def _authorised(self, scope: Mapping[str, Any]) -> LiteChannel | None:
        session_id = urllib.parse.unquote(str(scope.get("path", ""))[len(LITE_PATH_PREFIX) :])
        query = urllib.parse.parse_qs(bytes(scope.get("query_string", b"")).decode("latin-1"))
        given = query.get("secret", [""])[0]
        with self._lock:
            channel = self._channels.get(session_id)
        if channel is None or channel.end_reason is not None:
            return None
        return channel if hmac.compare_digest(given.encode(), channel.secret.encode()) else None

    async def _run(
        self,
        channel: LiteChannel,
        link: _Link,
        woken: asyncio.Event,
        out: list[dict[str, Any]],
        receive: Callable[[], Any],
        send: Callable[[dict[str, Any]], Any],
    ) -> None:
        receiving: asyncio.Future[Any] = asyncio.ensure_future(receive())
        try:
            while True:
                with self._lock:
                    # In one step with reading the reason: an end() in between
                    # must not close the socket before its terminal state is sent.
                    out += channel.on_time(self._clock.now())
                    reason = "replaced by a new connection" if link.replaced else channel.end_reason
                    deadline = channel.next_deadline()
                for event in out:
                    await send({"type": "websocket.send", "text": json.dumps(event)})
                if reason is not None:
                    await send({"type": "websocket.close", "code": _NORMAL, "reason": reason})
                    return
                waiting = asyncio.ensure_future(woken.wait())
                either: set[asyncio.Future[Any]] = {receiving, waiting}
                await asyncio.wait(either, timeout=self._clock.wait_time(deadline), return_when=asyncio.FIRST_COMPLETED)
                waiting.cancel()
                woken.clear()
                out = []
                if receiving.done():
                    message = receiving.result()
                    if message["type"] == "websocket.disconnect":
                        return
                    receiving = asyncio.ensure_future(receive())
                    with self._lock:
                        out = channel.on_frame(message.get("text"), message.get("bytes"), self._clock.now())
        finally:
            receiving.cancel()
