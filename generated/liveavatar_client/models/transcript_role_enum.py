from typing import Literal

TranscriptRoleEnum = Literal["avatar", "user"]

TRANSCRIPT_ROLE_ENUM_VALUES: set[TranscriptRoleEnum] = {
    "avatar",
    "user",
}


def check_transcript_role_enum(value: str) -> TranscriptRoleEnum:
    if value in TRANSCRIPT_ROLE_ENUM_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {TRANSCRIPT_ROLE_ENUM_VALUES!r}"
    )
