from typing import Literal

VoiceListTypeEnum = Literal["private", "public"]

VOICE_LIST_TYPE_ENUM_VALUES: set[VoiceListTypeEnum] = {
    "private",
    "public",
}


def check_voice_list_type_enum(value: str) -> VoiceListTypeEnum:
    if value in VOICE_LIST_TYPE_ENUM_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {VOICE_LIST_TYPE_ENUM_VALUES!r}"
    )
