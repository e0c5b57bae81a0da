from typing import Literal

AvatarTypeEnum = Literal["IMAGE", "VIDEO"]

AVATAR_TYPE_ENUM_VALUES: set[AvatarTypeEnum] = {
    "IMAGE",
    "VIDEO",
}


def check_avatar_type_enum(value: str) -> AvatarTypeEnum:
    if value in AVATAR_TYPE_ENUM_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {AVATAR_TYPE_ENUM_VALUES!r}"
    )
