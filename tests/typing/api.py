"""Type-checked, never run: the public API as users write it, under `mypy --strict`.

`make typecheck` checks this file; a change to a public signature that would
break users' type checking fails there. Lines marked `type: ignore[...]` must
keep failing: with `warn_unused_ignores` (part of --strict) a signature that
starts accepting them fails the check too.
"""

from __future__ import annotations

import uuid

import httpx

import liveavatar
from liveavatar import (
    AgoraConfig,
    AsyncLiveAvatar,
    ElevenLabsAgentConfig,
    ElevenLabsVoiceSettings,
    FishVoiceSettings,
    GeminiRealtimeConfig,
    LiveAvatar,
    LiveKitConfig,
    Memory,
    OpenAIRealtimeConfig,
    Persona,
    SessionToken,
    STTConfig,
    VideoSettings,
    VoiceAgent,
)
from liveavatar.testing import no_retry_waits, set_retry_waits


def full_with_persona(client: LiveAvatar) -> str:
    token: SessionToken = client.sessions.create_token(
        avatar_id=uuid.uuid4(),
        persona=Persona(
            voice_id="c2527536-6d1f-4412-a643-53a3497dada9",
            context_id=uuid.uuid4(),
            language="ja",
            voice_settings=ElevenLabsVoiceSettings(
                speed=1.1, model="eleven_flash_v2_5", apply_language_text_normalization=True
            ),
            stt=STTConfig(provider="deepgram"),
        ),
        sandbox=True,
        video_settings=VideoSettings(quality="high", encoding="VP8"),
        max_session_duration=60,
        interactivity_type="PUSH_TO_TALK",
        dynamic_variables={"name": "Ada"},
        memory=Memory(prev_session_id=uuid.uuid4()),
        extra_body={"future_field": [1, 2]},
        timeout=httpx.Timeout(10.0),
        max_retries=0,
    )
    return token.session_token


def full_with_voice_agent(client: LiveAvatar) -> str | None:
    token = client.sessions.create_token(
        avatar_id="dd73ea75-1218-4ef3-92ce-606d5f7fbc0a",
        voice_agent=VoiceAgent(id=uuid.uuid4(), language="en", dynamic_variables={"plan": "pro"}),
        timeout=5,
    )
    return token.request_id


def lite(client: LiveAvatar) -> int:
    client.sessions.create_lite_token(
        avatar_id=uuid.uuid4(), connector=LiveKitConfig(url="wss://x", room="r", client_token="t")
    )
    client.sessions.create_lite_token(
        avatar_id=uuid.uuid4(), connector=AgoraConfig(app_id="a", token="t", channel="c", uid="1")
    )
    client.sessions.create_lite_token(
        avatar_id=uuid.uuid4(),
        connector=ElevenLabsAgentConfig(secret_id=uuid.uuid4(), agent_id="a", dynamic_variables={"n": 1}),
    )
    client.sessions.create_lite_token(
        avatar_id=uuid.uuid4(),
        connector=OpenAIRealtimeConfig(secret_id=uuid.uuid4(), voice="marin", temperature=0.8),
    )
    return client.sessions.create_lite_token(
        avatar_id=uuid.uuid4(),
        connector=GeminiRealtimeConfig(secret_id=uuid.uuid4(), model="gemini-3.1-flash-live-preview"),
    ).retries_taken


async def asynchronous() -> str:
    async with AsyncLiveAvatar(api_key="k", http_client=httpx.AsyncClient(), max_retries=3) as client:
        derived: AsyncLiveAvatar = client.with_options(timeout=2.0)
        token = await derived.sessions.create_token(
            avatar_id=uuid.uuid4(), persona=Persona(voice_settings=FishVoiceSettings(model="s2"))
        )
        return token.session_id


def managed_starts(client: LiveAvatar) -> str:
    with client.sessions.start_full(avatar_id=uuid.uuid4(), voice_agent=VoiceAgent(id=uuid.uuid4())) as full:
        full_id: str = full.session_id
    with client.sessions.start_full(avatar_id=uuid.uuid4(), persona=Persona(), keep_alive_every=60) as persona:
        del persona
    live: liveavatar.LiveSession = client.sessions.start_lite(avatar_id=uuid.uuid4(), keep_alive_every=None)
    return full_id + live.session_id


async def async_managed_starts(client: AsyncLiveAvatar) -> str:
    async with client.sessions.start_lite(avatar_id=uuid.uuid4()) as entered:
        entered_id: str = entered.session_id
    awaited: liveavatar.AsyncLiveSession = await client.sessions.start_full(
        avatar_id=uuid.uuid4(), voice_agent=VoiceAgent(id=uuid.uuid4())
    )
    return entered_id + awaited.session_id


def configuration_and_errors() -> None:
    with LiveAvatar(api_key="k", base_url="http://127.0.0.1:4010", default_headers={"X-Team": "a"}) as client:
        derived: LiveAvatar = client.with_options(max_retries=0)
        _: httpx.Timeout = derived.timeout
        try:
            full_with_persona(derived)
        except liveavatar.InvalidRequestError as error:
            paths: list[str] = [problem.path for problem in error.problems]
            del paths
        except liveavatar.RateLimitError as error:
            wait: float | None = error.retry_after
            del wait
        except liveavatar.UnprocessableEntityError as error:
            locations = [item.loc for item in error.errors]
            del locations
        except liveavatar.APIStatusError as error:
            status: int = error.status_code
            request_id: str | None = error.request_id
            del status, request_id
        except liveavatar.APIConnectionError as error:
            retries: int = error.retries_taken
            del retries
    with no_retry_waits():
        set_retry_waits(True)


def mistakes_are_type_errors(client: LiveAvatar) -> None:
    client.sessions.create_token(avatar_id=uuid.uuid4(), persona=Persona(), interactivity_type="WALKIE")  # type: ignore[call-overload]
    VideoSettings(quality="ultra")  # type: ignore[arg-type]
    client.sessions.create_token(uuid.uuid4())  # type: ignore[call-overload]
    # Exactly one of persona and voice agent: neither, or both, match no overload.
    client.sessions.create_token(avatar_id=uuid.uuid4())  # type: ignore[call-overload]
    client.sessions.create_token(  # type: ignore[call-overload]
        avatar_id=uuid.uuid4(), persona=Persona(), voice_agent=VoiceAgent(id=uuid.uuid4())
    )
    # With a voice agent, dynamic variables go inside it, not at the top level.
    client.sessions.create_token(  # type: ignore[call-overload]
        avatar_id=uuid.uuid4(), voice_agent=VoiceAgent(id=uuid.uuid4()), dynamic_variables={"a": "b"}
    )
    # One connector at most: the union takes one value, and the old keywords are gone.
    client.sessions.create_lite_token(  # type: ignore[call-arg]
        avatar_id=uuid.uuid4(), livekit=LiveKitConfig(url="wss://x", room="r", client_token="t")
    )
    client.sessions.create_lite_token(avatar_id=uuid.uuid4(), connector=Persona())  # type: ignore[arg-type]
    client.sessions.create_lite_token(avatar_id=uuid.uuid4(), persona=Persona())  # type: ignore[call-arg]
    token = client.sessions.create_lite_token(avatar_id=uuid.uuid4())
    token.session_token = "x"  # type: ignore[misc]
    # start_full takes create_token's overloads: exactly one of persona and voice agent.
    client.sessions.start_full(avatar_id=uuid.uuid4())  # type: ignore[call-overload]
    client.sessions.start_full(  # type: ignore[call-overload]
        avatar_id=uuid.uuid4(), persona=Persona(), voice_agent=VoiceAgent(id=uuid.uuid4())
    )
