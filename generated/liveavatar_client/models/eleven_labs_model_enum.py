from typing import Literal

ElevenLabsModelEnum = Literal["eleven_flash_v2_5", "eleven_multilingual_v2"]

ELEVEN_LABS_MODEL_ENUM_VALUES: set[ElevenLabsModelEnum] = {
    "eleven_flash_v2_5",
    "eleven_multilingual_v2",
}


def check_eleven_labs_model_enum(value: str) -> ElevenLabsModelEnum:
    if value in ELEVEN_LABS_MODEL_ENUM_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {ELEVEN_LABS_MODEL_ENUM_VALUES!r}"
    )
