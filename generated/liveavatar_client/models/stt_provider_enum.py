from typing import Literal

STTProviderEnum = Literal["assembly_ai", "deepgram", "elevenlabs", "gladia"]

STT_PROVIDER_ENUM_VALUES: set[STTProviderEnum] = {
    "assembly_ai",
    "deepgram",
    "elevenlabs",
    "gladia",
}


def check_stt_provider_enum(value: str) -> STTProviderEnum:
    if value in STT_PROVIDER_ENUM_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {STT_PROVIDER_ENUM_VALUES!r}"
    )
