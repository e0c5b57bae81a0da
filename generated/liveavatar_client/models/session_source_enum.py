from typing import Literal

SessionSourceEnum = Literal["API", "APP", "DEMO", "EMBED"]

SESSION_SOURCE_ENUM_VALUES: set[SessionSourceEnum] = {
    "API",
    "APP",
    "DEMO",
    "EMBED",
}


def check_session_source_enum(value: str) -> SessionSourceEnum:
    if value in SESSION_SOURCE_ENUM_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {SESSION_SOURCE_ENUM_VALUES!r}"
    )
