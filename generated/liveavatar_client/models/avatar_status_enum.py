from typing import Literal

AvatarStatusEnum = Literal["ACTIVE", "DEPLOYING", "FAILED", "INIT"]

AVATAR_STATUS_ENUM_VALUES: set[AvatarStatusEnum] = {
    "ACTIVE",
    "DEPLOYING",
    "FAILED",
    "INIT",
}


def check_avatar_status_enum(value: str) -> AvatarStatusEnum:
    if value in AVATAR_STATUS_ENUM_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {AVATAR_STATUS_ENUM_VALUES!r}"
    )
