from typing import Literal

OpenAIRealtimeVoiceEnum = Literal[
    "alloy",
    "ash",
    "ballad",
    "cedar",
    "coral",
    "echo",
    "fable",
    "marin",
    "nova",
    "onyx",
    "sage",
    "shimmer",
    "verse",
]

OPEN_AI_REALTIME_VOICE_ENUM_VALUES: set[OpenAIRealtimeVoiceEnum] = {
    "alloy",
    "ash",
    "ballad",
    "cedar",
    "coral",
    "echo",
    "fable",
    "marin",
    "nova",
    "onyx",
    "sage",
    "shimmer",
    "verse",
}


def check_open_ai_realtime_voice_enum(value: str) -> OpenAIRealtimeVoiceEnum:
    if value in OPEN_AI_REALTIME_VOICE_ENUM_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {OPEN_AI_REALTIME_VOICE_ENUM_VALUES!r}"
    )
