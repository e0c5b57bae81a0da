from typing import Literal

GeminiRealtimeModelEnum = Literal[
    "gemini-2.5-flash-native-audio-preview-12-2025", "gemini-3.1-flash-live-preview"
]

GEMINI_REALTIME_MODEL_ENUM_VALUES: set[GeminiRealtimeModelEnum] = {
    "gemini-2.5-flash-native-audio-preview-12-2025",
    "gemini-3.1-flash-live-preview",
}


def check_gemini_realtime_model_enum(value: str) -> GeminiRealtimeModelEnum:
    if value in GEMINI_REALTIME_MODEL_ENUM_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {GEMINI_REALTIME_MODEL_ENUM_VALUES!r}"
    )
