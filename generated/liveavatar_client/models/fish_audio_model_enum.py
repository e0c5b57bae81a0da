from typing import Literal

FishAudioModelEnum = Literal["s1", "s2"]

FISH_AUDIO_MODEL_ENUM_VALUES: set[FishAudioModelEnum] = {
    "s1",
    "s2",
}


def check_fish_audio_model_enum(value: str) -> FishAudioModelEnum:
    if value in FISH_AUDIO_MODEL_ENUM_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {FISH_AUDIO_MODEL_ENUM_VALUES!r}"
    )
