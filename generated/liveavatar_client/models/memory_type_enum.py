from typing import Literal

MemoryTypeEnum = Literal["session"]

MEMORY_TYPE_ENUM_VALUES: set[MemoryTypeEnum] = {
    "session",
}


def check_memory_type_enum(value: str) -> MemoryTypeEnum:
    if value in MEMORY_TYPE_ENUM_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {MEMORY_TYPE_ENUM_VALUES!r}"
    )
