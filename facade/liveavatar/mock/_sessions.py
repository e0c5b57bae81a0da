"""The session lifecycle the mock keeps: minted tokens, started sessions, credits and transcripts.

No I/O: `LiveAvatarMock` authenticates a request, then asks `Lifecycle`,
which answers with the data of a success or with a `Rejection` naming its
rule in `liveavatar.mock._rules`. Everything sits behind one lock, held for
dictionary and heap operations only.

What happens, and where each behaviour comes from (DOC: LiveAvatar's docs
and spec; 3P: third parties; INFERRED: the mock's choice where no source
says; the statuses of INFERRED refusals are in the rule table):

- A mint registers its session; it exists for the per-session calls only
  once started (INFERRED: `get` of a minted, unstarted id is a 404).
- `start` (DOC) needs the session token; a token starts once (INFERRED 400
  on the second), and a non-sandbox start needs a minute of credit (DOC;
  INFERRED 400). The first minute is charged at start (DOC: "escrowed").
  The answer's `livekit_url` is the session's own LiveKit room for LITE
  with `livekit_config`, else `MOCK_LIVEKIT_URL`; the LiveKit tokens are
  random strings. LITE sessions without an agent connector get a `ws_url`
  on the mock's own WebSocket route (DOC: connector sessions get none).
- A started session is active until one of these, whichever comes first
  on the mock's clock:
  - `stop`, with its reason (DOC; the schema's default `UNKNOWN`);
  - `idle_timeout` seconds (300: DOC, "about 5 minutes") after its start
    or its last keep-alive (HTTP, or `session.keep_alive` / audio on its
    LITE socket): `IDLE_TIMEOUT`. `MockSession.keep_alives` counts the
    HTTP keep-alives and the socket's `session.keep_alive` frames alike
    (audio keeps a session alive but is not counted);
  - its `max_session_duration` after start (sandbox: 60 s, DOC; minted
    without one: the plan's limit, `MockConfig.max_session_duration`,
    which `start` echoes as an integer: DOC says the effective value is
    echoed, the limit itself is INFERRED): `MAX_DURATION_REACHED`;
  - a started minute it cannot pay for (DOC: "charged every minute",
    "sessions end with NO_CREDITS"): `NO_CREDITS`. A minute is charged at
    start and at every 60 s after it while the session runs; FULL costs
    2, LITE 1, sandbox 0 (DOC). A session that ends exactly on a minute
    is not charged for the minute starting then (INFERRED).
  Ends are applied lazily, when the clock has passed them: at the next
  request, on `advance()`, or when the LITE socket reports the end; each
  is dated at the instant it fell due, not when it was noticed.
- Stopping or keeping alive an ended session is a 404 (3P-CODE; INFERRED),
  so is any per-session call for an unknown id (DOC).
- `list` pages newest first (INFERRED order) with `count`, `next` and
  `previous` links to the neighbouring pages (null at either end); a page
  past the end is empty (INFERRED: not a 404).
- Transcripts are what tests seed (`add_transcript`): the mock invents no
  conversation. They are served for any mode (LiveAvatar records FULL
  sessions only, DOC: a LITE session simply has none unless seeded).
  Entries with `start_timestamp <= absolute_timestamp <= end_timestamp`,
  oldest first, at most `transcript_page_size` of them (INFERRED), never
  splitting one timestamp's entries across two answers;
  `next_timestamp` is one past the last entry returned (the request's
  `start_timestamp` when none was), to pass back as `start_timestamp`.
- `DELETE .../events` forgets the session's transcript (INFERRED: what
  "events" covers is undocumented) and answers 200, for ended sessions too.
- At most `session_limit` minted tokens and ended sessions are
  remembered (the oldest are forgotten first; active sessions never are).
  A forgotten LITE session's channel, with the audio it recorded, is
  dropped with it (`forget_channel`), and the queue of due ends and
  charges is compacted, so a mock left running stays within its limits.
"""

from __future__ import annotations

import datetime
import heapq
import itertools
import math
import secrets
import threading
from collections.abc import Callable, Iterator, Mapping
from decimal import Decimal
from typing import Any, Final

import attrs

from ._config import CREDITS_PER_MINUTE, MockConfig
from ._rules import (
    SESSION_ENDED,
    SESSION_EXISTS,
    SESSION_TOKEN_VALID,
    START_NEEDS_CREDIT,
    START_ONCE,
    Rejection,
)

__all__ = [
    "AGENT_CONNECTORS",
    "END_REASONS",
    "MOCK_LIVEKIT_URL",
    "Lifecycle",
    "MockSession",
    "StartedData",
    "TranscriptLine",
]

MOCK_LIVEKIT_URL: Final = "wss://livekit.liveavatar-mock.invalid"
"""The LiveKit server a started session names when it has no room of its own (`.invalid` never resolves)."""

SECONDS_PER_MINUTE: Final = 60
END_REASONS: Final[tuple[str, ...]] = (
    "UNKNOWN",
    "USER_DISCONNECTED",
    "SERVER_ERROR",
    "IDLE_TIMEOUT",
    "NO_CREDITS",
    "USER_CLOSED",
    "AVATAR_DELETED",
    "MAX_DURATION_REACHED",
    "ZOMBIE_SESSION_REAP",
    "AGENT_HANG_UP",
)
"""`SessionEndReason` (DOC)."""

AGENT_CONNECTORS: Final = frozenset(
    {"elevenlabs_agent_config", "openai_realtime_config", "gemini_realtime_config", "cartesia_agent_config"}
)
"""LITE fields that hand the conversation to an agent: such sessions get no `ws_url` (DOC)."""

_LIVEKIT_TOKEN_BYTES: Final = 24
_NEVER: Final = 10**12
"""Seconds (some 31,700 years) beyond which a `max_session_duration` is as good as none."""
_HEAP_SLACK: Final = 64
"""Queued ends and charges of ended or forgotten sessions tolerated beyond 3 per remembered session."""

# Heap entry kinds. At one instant an end comes before a charge, so a session
# ending on a minute boundary is not charged for the minute starting then.
_IDLE, _MAX, _CHARGE = 0, 0, 1


def _iso(timestamp: float) -> str:
    moment = datetime.datetime.fromtimestamp(timestamp, tz=datetime.UTC)
    return moment.isoformat().replace("+00:00", "Z")


def _number(value: Decimal) -> int | float:
    # The spec's `credits_consumed` is a JSON number; an integral one is written without ".0".
    return int(value) if value == value.to_integral_value() else float(value)


@attrs.frozen
class TranscriptLine:
    """One seeded transcript entry, as the transcript answer shows it."""

    role: str
    transcript: str
    absolute_timestamp: int
    relative_timestamp: float

    def data(self) -> dict[str, Any]:
        return {
            "role": self.role,
            "transcript": self.transcript,
            "absolute_timestamp": self.absolute_timestamp,
            "relative_timestamp": self.relative_timestamp,
        }


@attrs.frozen
class MockSession:
    """A started session as the mock sees it, for tests to assert on (a snapshot; it does not change).

    Times are timezone-aware UTC datetimes on the mock's clock. `active`
    is true until the session ends; `end_at` and `end_reason` are set once
    it has. `ws_url` is the LITE channel's URL (a capability: treat it as
    a secret), None for FULL and agent-connector sessions. `keep_alives`
    counts the keep-alives received, over HTTP and as `session.keep_alive`
    frames on the LITE socket alike.
    """

    id: str
    mode: str
    is_sandbox: bool
    avatar_id: str
    context_id: str | None
    embed_id: str | None
    source: str
    started_at: datetime.datetime
    end_at: datetime.datetime | None
    end_reason: str | None
    duration: int
    credits_consumed: Decimal
    max_session_duration: int | None
    last_keep_alive_at: datetime.datetime
    keep_alives: int
    ws_url: str | None = attrs.field(repr=False)
    transcript: tuple[TranscriptLine, ...]

    @property
    def active(self) -> bool:
        """Whether the session is still running."""
        return self.end_reason is None


@attrs.frozen
class StartedData:
    """What a start answers, before the app adds the `ws_url` (which needs the request's host)."""

    session_id: str
    livekit_url: str
    livekit_client_token: str
    livekit_agent_token: str
    max_session_duration: int | None
    channel_path: str | None


@attrs.define
class _Session:
    id: str
    mode: str
    sandbox: bool
    avatar_id: str
    context_id: str | None
    max_duration: int | None
    wants_channel: bool
    livekit_url: str
    embed_id: str | None = None
    source: str = "API"
    started_at: float | None = None
    last_activity: float = 0.0
    keep_alives: int = 0
    end_at: float | None = None
    end_reason: str | None = None
    credits: Decimal = Decimal(0)
    cost: Decimal = Decimal(0)
    channel_path: str | None = None
    ws_url: str | None = None
    transcript: list[TranscriptLine] = attrs.field(factory=list)

    @property
    def limit(self) -> int | None:
        """`max_duration` as a time on the clock can reach: the schema allows any integer, a float does not."""
        return None if self.max_duration is None else min(self.max_duration, _NEVER)

    @property
    def started(self) -> bool:
        return self.started_at is not None

    @property
    def active(self) -> bool:
        return self.started_at is not None and self.end_reason is None

    def duration(self, now: float) -> int:
        started = self.started_at if self.started_at is not None else now
        return max(0, math.floor((self.end_at if self.end_at is not None else now) - started))

    def data(self, now: float) -> dict[str, Any]:
        assert self.started_at is not None  # only started sessions are shown
        updated = self.end_at if self.end_at is not None else self.last_activity
        data: dict[str, Any] = {
            "id": self.id,
            "created_at": _iso(self.started_at),
            "updated_at": _iso(updated),
            "duration": self.duration(now),
            "source": self.source,
            "mode": self.mode,
            "is_sandbox": self.sandbox,
            "credits_consumed": _number(self.credits),
        }
        if self.end_reason is not None and self.end_at is not None:
            data["end_at"] = _iso(self.end_at)
            data["end_reason"] = self.end_reason
        return data

    def snapshot(self, now: float) -> MockSession:
        assert self.started_at is not None
        return MockSession(
            id=self.id,
            mode=self.mode,
            is_sandbox=self.sandbox,
            avatar_id=self.avatar_id,
            context_id=self.context_id,
            embed_id=self.embed_id,
            source=self.source,
            started_at=datetime.datetime.fromtimestamp(self.started_at, tz=datetime.UTC),
            end_at=None if self.end_at is None else datetime.datetime.fromtimestamp(self.end_at, tz=datetime.UTC),
            end_reason=self.end_reason,
            duration=self.duration(now),
            credits_consumed=self.credits,
            max_session_duration=self.max_duration,
            last_keep_alive_at=datetime.datetime.fromtimestamp(self.last_activity, tz=datetime.UTC),
            keep_alives=self.keep_alives,
            ws_url=self.ws_url,
            transcript=tuple(self.transcript),
        )


def _context_id(body: Mapping[str, Any]) -> str | None:
    persona = body.get("avatar_persona")
    value = persona.get("context_id") if isinstance(persona, dict) else None
    return str(value) if isinstance(value, str) else None


def _own_livekit_url(body: Mapping[str, Any]) -> str | None:
    config = body.get("livekit_config")
    value = config.get("livekit_url") if isinstance(config, dict) else None
    return value if isinstance(value, str) and value else None


class Lifecycle:
    """Every session a mock minted, its credit balance and its clock-driven ends. Thread-safe.

    `open_channel(session_id, max_duration) -> path`,
    `end_channel(session_id, reason)`, `keep_channel_alive(session_id)` and
    `forget_channel(session_id)` connect it to the LITE channel; they are
    called with the lock held and must not call back into it.
    """

    def __init__(
        self,
        config: MockConfig,
        now: Callable[[], float],
        *,
        open_channel: Callable[[str, int | None], str],
        end_channel: Callable[[str, str], None],
        keep_channel_alive: Callable[[str], None],
        forget_channel: Callable[[str], None],
    ) -> None:
        self._config = config
        self._now = now
        self._open_channel = open_channel
        self._end_channel = end_channel
        self._keep_channel_alive = keep_channel_alive
        self._forget_channel = forget_channel
        self._lock = threading.RLock()
        self._sessions: dict[str, _Session] = {}
        self._started_order: list[str] = []
        self._heap: list[tuple[float, int, int, str]] = []
        self._sequence = 0
        self._credits = config.credits
        self.reset()

    # -- controls --------------------------------------------------------------

    def reset(self) -> None:
        """Forget every token and session; the balance goes back to the config's."""
        with self._lock:
            self._sessions.clear()
            self._started_order.clear()
            self._heap.clear()
            self._credits = self._config.credits

    @property
    def credits(self) -> Decimal:
        """The balance now, after the charges that fell due."""
        with self._lock:
            self.catch_up()
            return self._credits

    def set_credits(self, amount: Decimal) -> None:
        """Set the balance; minutes already charged stay charged."""
        with self._lock:
            self.catch_up()
            self._credits = amount

    def catch_up(self) -> None:
        """Apply every end and charge that fell due by now, in time order."""
        with self._lock:
            now = self._now()
            heap = self._heap
            while heap and heap[0][0] <= now:
                due, kind, _sequence, session_id = heapq.heappop(heap)
                session = self._sessions.get(session_id)
                if session is None or not session.active:
                    continue
                self._fall_due(session, due, kind)

    def _fall_due(self, session: _Session, due: float, kind: int) -> None:
        if kind == _CHARGE:
            if self._credits >= session.cost:
                self._charge(session)
                self._push(due + SECONDS_PER_MINUTE, _CHARGE, session.id)
            else:
                self._end(session, due, "NO_CREDITS")
            return
        assert session.started_at is not None
        if session.limit is not None and due >= session.started_at + session.limit:
            self._end(session, due, "MAX_DURATION_REACHED")
            return
        idle_at = session.last_activity + self._config.idle_timeout
        if idle_at > due:
            # Kept alive since this was queued: look again at the new deadline (one entry per session).
            self._push(idle_at, _IDLE, session.id)
        else:
            self._end(session, idle_at, "IDLE_TIMEOUT")

    def _push(self, due: float, kind: int, session_id: str) -> None:
        self._sequence += 1
        heapq.heappush(self._heap, (due, kind, self._sequence, session_id))
        if len(self._heap) > 3 * len(self._sessions) + _HEAP_SLACK:
            # An active session has at most three entries (idle, max, charge); the
            # rest belong to ended or forgotten sessions and would wait for their
            # due time (an hour, for a plan's limit) before being dropped.
            self._heap = [entry for entry in self._heap if self._is_running(entry[3])]
            heapq.heapify(self._heap)

    def _is_running(self, session_id: str) -> bool:
        session = self._sessions.get(session_id)
        return session is not None and session.active

    def _charge(self, session: _Session) -> None:
        self._credits -= session.cost
        session.credits += session.cost

    def _end(self, session: _Session, when: float, reason: str) -> None:
        session.end_at = when
        session.end_reason = reason
        if session.channel_path is not None:
            self._end_channel(session.id, reason)
        self._prune()

    def _prune(self) -> None:
        # Forget the oldest tokens and ended sessions beyond the limit; an active session is never forgotten.
        excess = len(self._sessions) - self._config.session_limit
        if excess <= 0:
            return
        # Oldest first, stopping at the first `excess` found (not a pass over every session per mint).
        idle = (sid for sid, session in self._sessions.items() if not session.active)
        for session_id in list(itertools.islice(idle, excess)):
            if self._sessions.pop(session_id).channel_path is not None:
                self._forget_channel(session_id)
        if len(self._started_order) > 2 * len(self._sessions):
            self._started_order = [sid for sid in self._started_order if sid in self._sessions]

    # -- the mint and the start -------------------------------------------------------

    def minted(self, session_id: str, body: Mapping[str, Any]) -> None:
        """Remember a minted token's session, as the validated body configured it."""
        mode = str(body.get("mode", "FULL"))
        sandbox = body.get("is_sandbox") is True
        asked = body.get("max_session_duration")
        duration = asked if isinstance(asked, int) and not isinstance(asked, bool) else None
        if sandbox:
            limit = self._config.sandbox_max_session_duration
            duration = limit if duration is None else min(duration, limit)
        elif duration is None:
            duration = self._config.max_session_duration
        own_url = _own_livekit_url(body) if mode == "LITE" else None
        session = _Session(
            id=session_id,
            mode=mode,
            sandbox=sandbox,
            avatar_id=str(body.get("avatar_id", "")),
            context_id=_context_id(body) if mode == "FULL" else None,
            max_duration=duration,
            wants_channel=mode == "LITE" and not AGENT_CONNECTORS.intersection(body),
            livekit_url=own_url or MOCK_LIVEKIT_URL,
        )
        with self._lock:
            self._sessions[session_id] = session
            self._prune()

    def start(self, session_id: str) -> StartedData | Rejection:
        """Start the session a verified token names."""
        with self._lock:
            self.catch_up()
            session = self._sessions.get(session_id)
            if session is None:
                return SESSION_TOKEN_VALID.refuse("Unauthorized: this session token is no longer known to the mock")
            if session.started:
                return START_ONCE.refuse(
                    f"Session {session_id} has already been started; a session token starts one session, "
                    f"mint a new token for another"
                )
            cost = Decimal(0) if session.sandbox else CREDITS_PER_MINUTE.get(session.mode, Decimal(0))
            if cost and self._credits < cost:
                return START_NEEDS_CREDIT.refuse(
                    f"Insufficient credits: starting a {session.mode} session needs {cost} credits "
                    f"(one minute); {self._credits} left"
                )
            now = self._now()
            session.started_at = session.last_activity = now
            session.cost = cost
            self._charge(session)
            self._started_order.append(session_id)
            self._push(now + self._config.idle_timeout, _IDLE, session_id)
            if session.limit is not None:
                self._push(now + session.limit, _MAX, session_id)
            if cost:
                self._push(now + SECONDS_PER_MINUTE, _CHARGE, session_id)
            if session.wants_channel:
                session.channel_path = self._open_channel(session_id, session.limit)
            return StartedData(
                session_id=session_id,
                livekit_url=session.livekit_url,
                livekit_client_token=secrets.token_urlsafe(_LIVEKIT_TOKEN_BYTES),
                livekit_agent_token=secrets.token_urlsafe(_LIVEKIT_TOKEN_BYTES),
                max_session_duration=session.max_duration,
                channel_path=session.channel_path,
            )

    def set_ws_url(self, session_id: str, ws_url: str) -> None:
        """Remember the `ws_url` a start answered with (for `MockSession.ws_url`)."""
        with self._lock:
            session = self._sessions.get(session_id)
            if session is not None:
                session.ws_url = ws_url

    # -- per-session calls ----------------------------------------------------------

    def _started(self, session_id: str) -> _Session | Rejection:
        self.catch_up()
        session = self._sessions.get(session_id)
        if session is None or not session.started:
            return SESSION_EXISTS.refuse("Session not found")
        return session

    def _running(self, session_id: str) -> _Session | Rejection:
        session = self._started(session_id)
        if isinstance(session, _Session) and not session.active:
            return SESSION_ENDED.refuse(f"Session {session_id} has already ended ({session.end_reason})")
        return session

    def stop(self, session_id: str, reason: str) -> Rejection | None:
        """End an active session with `reason`."""
        with self._lock:
            session = self._running(session_id)
            if isinstance(session, Rejection):
                return session
            self._end(session, self._now(), reason)
            return None

    def keep_alive(self, session_id: str) -> Rejection | None:
        """Reset an active session's idle timer (and its LITE socket's)."""
        with self._lock:
            session = self._running(session_id)
            if isinstance(session, Rejection):
                return session
            session.last_activity = self._now()
            session.keep_alives += 1
            if session.channel_path is not None:
                self._keep_channel_alive(session_id)
            return None

    def get(self, session_id: str) -> dict[str, Any] | Rejection:
        """A started session's `data`."""
        with self._lock:
            session = self._started(session_id)
            if isinstance(session, Rejection):
                return session
            return session.data(self._now())

    def page(
        self,
        *,
        type_: str,
        page: int,
        page_size: int,
        filters: Mapping[str, str],
        link: Callable[[int], str],
    ) -> dict[str, Any]:
        """One page of `list`: newest first, `next`/`previous` from `link(page)`."""
        with self._lock:
            self.catch_up()
            now = self._now()
            wanted_active = type_ == "active"
            matching = [
                session
                for session in self._newest_first()
                if session.active == wanted_active and _matches(session, filters)
            ]
            first = (page - 1) * page_size
            results = [session.data(now) for session in matching[first : first + page_size]]
        return {
            "count": len(matching),
            "next": link(page + 1) if first + page_size < len(matching) else None,
            "previous": link(page - 1) if page > 1 else None,
            "results": results,
        }

    def _newest_first(self) -> Iterator[_Session]:
        for session_id in reversed(self._started_order):
            session = self._sessions.get(session_id)
            if session is not None:
                yield session

    def transcript(self, session_id: str, start: int | None, end: int | None) -> dict[str, Any] | Rejection:
        """The transcript window, as described in the module docs."""
        with self._lock:
            session = self._started(session_id)
            if isinstance(session, Rejection):
                return session
            lines = sorted(session.transcript, key=lambda line: line.absolute_timestamp)
            active = session.active
        window = [
            line
            for line in lines
            if (start is None or line.absolute_timestamp >= start) and (end is None or line.absolute_timestamp <= end)
        ]
        taken = window[: self._config.transcript_page_size]
        if taken:
            # Never split one timestamp across answers: the next one starts past it.
            last = taken[-1].absolute_timestamp
            taken += [line for line in window[len(taken) :] if line.absolute_timestamp == last]
        return {
            "session_active": active,
            "next_timestamp": taken[-1].absolute_timestamp + 1 if taken else start,
            "transcript_data": [line.data() for line in taken],
        }

    def delete_events(self, session_id: str) -> Rejection | None:
        """Forget a started session's transcript."""
        with self._lock:
            session = self._started(session_id)
            if isinstance(session, Rejection):
                return session
            session.transcript.clear()
            return None

    # -- the LITE socket -----------------------------------------------------------

    def channel_activity(self, session_id: str, *, keep_alive: bool = False) -> None:
        """The session's socket opened or carried a keep-alive (`keep_alive`, counted) or audio: it is not idle."""
        with self._lock:
            self.catch_up()
            session = self._sessions.get(session_id)
            if session is not None and session.active:
                session.last_activity = self._now()
                if keep_alive:
                    session.keep_alives += 1

    def channel_ended(self, session_id: str) -> None:
        """The session's channel announced its end on its own clock (idle or max duration)."""
        with self._lock:
            self.catch_up()
            session = self._sessions.get(session_id)
            if session is None or not session.active or session.started_at is None:
                return
            now = self._now()
            capped = session.limit is not None and now >= session.started_at + session.limit
            self._end(session, now, "MAX_DURATION_REACHED" if capped else "IDLE_TIMEOUT")

    # -- for tests -----------------------------------------------------------------

    def add_transcript(self, session_id: str, role: str, text: str, at: float | None) -> TranscriptLine:
        """Seed one transcript entry for a started session; `LookupError` for any other id."""
        with self._lock:
            session = self._sessions.get(session_id)
            if session is None or session.started_at is None:
                raise LookupError(f"no started session {session_id!r} in the mock")
            when = self._now() if at is None else at
            line = TranscriptLine(role, text, math.floor(when), when - session.started_at)
            session.transcript.append(line)
            return line

    def sessions(self) -> list[MockSession]:
        """Every started session the mock remembers, in the order they started."""
        with self._lock:
            self.catch_up()
            now = self._now()
            return [self._sessions[sid].snapshot(now) for sid in self._started_order if sid in self._sessions]

    def session(self, session_id: str) -> MockSession:
        """One started session; `KeyError` when the mock has none by that id."""
        with self._lock:
            self.catch_up()
            session = self._sessions.get(session_id)
            if session is None or not session.started:
                raise KeyError(session_id)
            return session.snapshot(self._now())

    def minted_ids(self) -> list[str]:
        """The session ids of tokens minted and not started, oldest first."""
        with self._lock:
            return [sid for sid, session in self._sessions.items() if not session.started]


def _matches(session: _Session, filters: Mapping[str, str]) -> bool:
    for name, wanted in filters.items():
        value = {"avatar_id": session.avatar_id, "context_id": session.context_id, "embed_id": session.embed_id}[name]
        if value is None or not MockConfig.same_id(value, wanted):
            return False
    return True
