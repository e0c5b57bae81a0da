"""Sample success bodies for every lifecycle operation, shaped as the reference describes them.

The spec tier proves each one valid against its operation's response schema,
and `tests/test_generated.py` round-trips each one through the generated
models, so the spec and the generated layer are held to the same bodies.
Each operation has a full sample, a minimal one (only what the schema
requires, or nulls where it allows them) and, where the server may send
enum values added later, one with such values.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

SESSION_ID = "8c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f"
OTHER_SESSION_ID = "0b9c8d7e-6f5a-4b3c-9d2e-1f0a9b8c7d6e"
AVATAR_ID = "dd73ea75-1218-4ef3-92ce-606d5f7fbc0a"

# Timestamps carry "+00:00", not "Z": the generated models write datetimes
# back with isoformat(), so only this spelling round-trips byte for byte.
ACTIVE_SESSION: dict[str, Any] = {
    "id": SESSION_ID,
    "created_at": "2026-05-01T12:00:00+00:00",
    "updated_at": "2026-05-01T12:01:30+00:00",
    "duration": 90,
    "source": "API",
    "mode": "LITE",
    "is_sandbox": False,
    "credits_consumed": 1.5,
}
HISTORIC_SESSION: dict[str, Any] = {
    **ACTIVE_SESSION,
    "mode": "FULL",
    "credits_consumed": 4.0,
    "end_at": "2026-05-01T12:02:00+00:00",
    "end_reason": "USER_CLOSED",
}
# Values no revision of the reference lists: the server may add them, and a
# client must keep them as text instead of failing.
FUTURE_SESSION: dict[str, Any] = {
    "id": OTHER_SESSION_ID,
    "source": "KIOSK",
    "mode": "CUSTOM",
    "end_at": None,
    "end_reason": "CREDIT_CARD_EXPIRED",
}
MINIMAL_SESSION: dict[str, Any] = {"id": SESSION_ID}


Security = list[dict[str, list[str]]]
"""An operation's `security`: alternatives, each naming the schemes it needs."""


@dataclass(frozen=True)
class Operation:
    """One lifecycle operation as the spec must declare it, with sample success bodies."""

    operation_id: str
    method: str
    path: str
    security: Security
    success: str
    errors: frozenset[str]
    samples: dict[str, Any] = field(default_factory=dict)
    """Sample name to body; the names become test ids."""


API_KEY: Security = [{"APIKeyHeader": []}]
BEARER: Security = [{"HTTPBearer": []}]
API_KEY_OR_BEARER: Security = [{"APIKeyHeader": []}, {"HTTPBearer": []}]
ERRORS = frozenset({"400", "401", "403", "422", "429", "5XX"})
SESSION_ERRORS = ERRORS | {"404"}

ACTION_SAMPLES: dict[str, Any] = {
    "full": {"code": 100, "data": None, "message": "Session stopped"},
    "data-of-any-shape": {"code": 1000, "data": {"session_id": SESSION_ID}, "message": "success"},
    "empty": {},
}

START = Operation(
    "start_session",
    "post",
    "/v1/sessions/start",
    BEARER,
    "201",
    ERRORS,
    {
        "full": {
            "code": 1000,
            "data": {
                "session_id": SESSION_ID,
                "livekit_url": "wss://liveavatar.livekit.cloud",
                "livekit_client_token": "lk-client-token",
                "livekit_agent_token": "lk-agent-token",
                "max_session_duration": 60,
                "ws_url": "wss://api.liveavatar.com/v1/ws/session",
            },
            "message": "Session started",
        },
        "nulls": {
            "code": 100,
            "data": {
                "session_id": SESSION_ID,
                "livekit_url": "wss://liveavatar.livekit.cloud",
                "livekit_client_token": "lk-client-token",
                "livekit_agent_token": None,
                "max_session_duration": None,
                "ws_url": None,
            },
            "message": "Session started",
        },
        "minimal": {
            "data": {
                "session_id": SESSION_ID,
                "livekit_url": "wss://liveavatar.livekit.cloud",
                "livekit_client_token": "lk-client-token",
            }
        },
    },
)
STOP = Operation("stop_session", "post", "/v1/sessions/stop", API_KEY_OR_BEARER, "200", SESSION_ERRORS, ACTION_SAMPLES)
KEEP_ALIVE = Operation(
    "keep_session_alive", "post", "/v1/sessions/keep-alive", API_KEY_OR_BEARER, "200", SESSION_ERRORS, ACTION_SAMPLES
)
LIST = Operation(
    "list_sessions",
    "get",
    "/v1/sessions",
    API_KEY,
    "200",
    ERRORS,
    {
        "full": {
            "code": 100,
            "data": {
                "count": 3,
                "next": "https://api.liveavatar.com/v1/sessions?type=historic&page=2&page_size=2",
                "previous": None,
                "results": [HISTORIC_SESSION, ACTIVE_SESSION],
            },
            "message": "success",
        },
        "unknown-enum-values": {
            "code": 100,
            "data": {"count": 1, "next": None, "previous": None, "results": [FUTURE_SESSION]},
            "message": "success",
        },
        "minimal": {"data": {"results": [MINIMAL_SESSION]}},
        "no-data": {"code": 100, "data": None, "message": "success"},
    },
)
GET = Operation(
    "get_session",
    "get",
    "/v1/sessions/{session_id}",
    API_KEY,
    "200",
    SESSION_ERRORS,
    {
        "active": {"code": 100, "data": ACTIVE_SESSION, "message": "success"},
        "historic": {"code": 100, "data": HISTORIC_SESSION, "message": "success"},
        "unknown-enum-values": {"code": 100, "data": FUTURE_SESSION, "message": "success"},
        "minimal": {"data": MINIMAL_SESSION},
    },
)
TRANSCRIPT = Operation(
    "get_session_transcript",
    "get",
    "/v1/sessions/{session_id}/transcript",
    API_KEY,
    "200",
    SESSION_ERRORS,
    {
        "full": {
            "code": 100,
            "data": {
                "session_active": True,
                "next_timestamp": 1777636925,
                "transcript_data": [
                    {
                        "role": "avatar",
                        "transcript": "Hello! How can I help?",
                        "absolute_timestamp": 1777636801,
                        "relative_timestamp": 1.2,
                    },
                    {
                        "role": "user",
                        "transcript": "What are your opening hours?",
                        "absolute_timestamp": 1777636924,
                        "relative_timestamp": 124,
                    },
                ],
            },
            "message": "success",
        },
        "unknown-role": {
            "code": 100,
            "data": {
                "session_active": False,
                "next_timestamp": None,
                "transcript_data": [{"role": "narrator", "transcript": "(silence)"}],
            },
            "message": "success",
        },
        "minimal": {"data": {"session_active": False}},
    },
)
DELETE_EVENTS = Operation(
    "delete_session_events",
    "delete",
    "/v1/sessions/{session_id}/events",
    API_KEY_OR_BEARER,
    "200",
    SESSION_ERRORS,
    ACTION_SAMPLES,
)
CREDITS = Operation(
    "get_user_credits",
    "get",
    "/v1/users/credits",
    API_KEY,
    "200",
    ERRORS,
    {
        "full": {"code": 100, "data": {"credits_left": "1234.50"}, "message": "success"},
        "minimal": {"data": {"credits_left": "0"}},
    },
)

LIFECYCLE: tuple[Operation, ...] = (START, STOP, KEEP_ALIVE, LIST, GET, TRANSCRIPT, DELETE_EVENTS, CREDITS)
"""Every lifecycle operation, in the order a session lives through them."""

SESSION_END_REASONS = (
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
"""`SessionEndReason` as published, in the published order."""


def samples() -> list[tuple[Operation, str, Any]]:
    """Every (operation, sample name, body), for parametrizing."""
    return [(op, name, body) for op in LIFECYCLE for name, body in op.samples.items()]
