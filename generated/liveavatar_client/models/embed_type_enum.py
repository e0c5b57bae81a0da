from typing import Literal

EmbedTypeEnum = Literal["DEFAULT", "WIDGET"]

EMBED_TYPE_ENUM_VALUES: set[EmbedTypeEnum] = {
    "DEFAULT",
    "WIDGET",
}


def check_embed_type_enum(value: str) -> EmbedTypeEnum:
    if value in EMBED_TYPE_ENUM_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {EMBED_TYPE_ENUM_VALUES!r}"
    )
