from typing import Literal

SecretTypeEnum = Literal[
    "CARTESIA_API_KEY", "ELEVENLABS_API_KEY", "GEMINI_API_KEY", "OPENAI_API_KEY"
]

SECRET_TYPE_ENUM_VALUES: set[SecretTypeEnum] = {
    "CARTESIA_API_KEY",
    "ELEVENLABS_API_KEY",
    "GEMINI_API_KEY",
    "OPENAI_API_KEY",
}


def check_secret_type_enum(value: str) -> SecretTypeEnum:
    if value in SECRET_TYPE_ENUM_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {SECRET_TYPE_ENUM_VALUES!r}"
    )
