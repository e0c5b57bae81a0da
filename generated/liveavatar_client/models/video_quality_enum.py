from typing import Literal

VideoQualityEnum = Literal["high", "low", "medium", "very_high"]

VIDEO_QUALITY_ENUM_VALUES: set[VideoQualityEnum] = {
    "high",
    "low",
    "medium",
    "very_high",
}


def check_video_quality_enum(value: str) -> VideoQualityEnum:
    if value in VIDEO_QUALITY_ENUM_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {VIDEO_QUALITY_ENUM_VALUES!r}"
    )
