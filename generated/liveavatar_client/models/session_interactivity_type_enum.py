from typing import Literal

SessionInteractivityTypeEnum = Literal["CONVERSATIONAL", "PUSH_TO_TALK"]

SESSION_INTERACTIVITY_TYPE_ENUM_VALUES: set[SessionInteractivityTypeEnum] = {
    "CONVERSATIONAL",
    "PUSH_TO_TALK",
}


def check_session_interactivity_type_enum(value: str) -> SessionInteractivityTypeEnum:
    if value in SESSION_INTERACTIVITY_TYPE_ENUM_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {SESSION_INTERACTIVITY_TYPE_ENUM_VALUES!r}"
    )
