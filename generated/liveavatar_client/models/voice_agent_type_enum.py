from typing import Literal

VoiceAgentTypeEnum = Literal["cartesia_agent", "elevenlabs_agent", "liveavatar_agent"]

VOICE_AGENT_TYPE_ENUM_VALUES: set[VoiceAgentTypeEnum] = {
    "cartesia_agent",
    "elevenlabs_agent",
    "liveavatar_agent",
}


def check_voice_agent_type_enum(value: str) -> VoiceAgentTypeEnum:
    if value in VOICE_AGENT_TYPE_ENUM_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {VOICE_AGENT_TYPE_ENUM_VALUES!r}"
    )
