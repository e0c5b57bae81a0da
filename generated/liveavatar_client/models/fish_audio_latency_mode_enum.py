from typing import Literal

FishAudioLatencyModeEnum = Literal["balanced", "normal"]

FISH_AUDIO_LATENCY_MODE_ENUM_VALUES: set[FishAudioLatencyModeEnum] = {
    "balanced",
    "normal",
}


def check_fish_audio_latency_mode_enum(value: str) -> FishAudioLatencyModeEnum:
    if value in FISH_AUDIO_LATENCY_MODE_ENUM_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {FISH_AUDIO_LATENCY_MODE_ENUM_VALUES!r}"
    )
