from typing import Literal

SessionModeEnum = Literal["FULL", "LITE"]

SESSION_MODE_ENUM_VALUES: set[SessionModeEnum] = {
    "FULL",
    "LITE",
}


def check_session_mode_enum(value: str) -> SessionModeEnum:
    if value in SESSION_MODE_ENUM_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {SESSION_MODE_ENUM_VALUES!r}"
    )
