from typing import Literal

VideoEncodingEnum = Literal["H264", "VP8"]

VIDEO_ENCODING_ENUM_VALUES: set[VideoEncodingEnum] = {
    "H264",
    "VP8",
}


def check_video_encoding_enum(value: str) -> VideoEncodingEnum:
    if value in VIDEO_ENCODING_ENUM_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {VIDEO_ENCODING_ENUM_VALUES!r}"
    )
