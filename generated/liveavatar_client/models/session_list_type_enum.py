from typing import Literal

SessionListTypeEnum = Literal["active", "historic"]

SESSION_LIST_TYPE_ENUM_VALUES: set[SessionListTypeEnum] = {
    "active",
    "historic",
}


def check_session_list_type_enum(value: str) -> SessionListTypeEnum:
    if value in SESSION_LIST_TYPE_ENUM_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {SESSION_LIST_TYPE_ENUM_VALUES!r}"
    )
