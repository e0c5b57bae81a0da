from typing import Literal

EmbedOrientationEnum = Literal["horizontal", "vertical"]

EMBED_ORIENTATION_ENUM_VALUES: set[EmbedOrientationEnum] = {
    "horizontal",
    "vertical",
}


def check_embed_orientation_enum(value: str) -> EmbedOrientationEnum:
    if value in EMBED_ORIENTATION_ENUM_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {EMBED_ORIENTATION_ENUM_VALUES!r}"
    )
