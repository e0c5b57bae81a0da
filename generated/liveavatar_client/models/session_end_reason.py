from typing import Literal

SessionEndReason = Literal[
    "AGENT_HANG_UP",
    "AVATAR_DELETED",
    "IDLE_TIMEOUT",
    "MAX_DURATION_REACHED",
    "NO_CREDITS",
    "SERVER_ERROR",
    "UNKNOWN",
    "USER_CLOSED",
    "USER_DISCONNECTED",
    "ZOMBIE_SESSION_REAP",
]

SESSION_END_REASON_VALUES: set[SessionEndReason] = {
    "AGENT_HANG_UP",
    "AVATAR_DELETED",
    "IDLE_TIMEOUT",
    "MAX_DURATION_REACHED",
    "NO_CREDITS",
    "SERVER_ERROR",
    "UNKNOWN",
    "USER_CLOSED",
    "USER_DISCONNECTED",
    "ZOMBIE_SESSION_REAP",
}


def check_session_end_reason(value: str) -> SessionEndReason:
    if value in SESSION_END_REASON_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {SESSION_END_REASON_VALUES!r}"
    )
