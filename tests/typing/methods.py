"""Type-checked, never run: every public method's accepted and refused argument shapes, sync and async.

Each resource method of both clients, the managed session's and the LITE
connection's methods appear here with the arguments users pass (accepted,
with the result's type pinned) and with shapes the signature must refuse,
marked `type: ignore[code]`. Under `--strict`, `warn_unused_ignores` fails
`make typecheck` when a refused shape starts being accepted.
`tests/test_typing_coverage.py` checks that no public method is missing here.
"""

from __future__ import annotations

import datetime
import uuid
from collections.abc import AsyncIterator, Iterator
from decimal import Decimal

from liveavatar import (
    AsyncLiteConnection,
    AsyncLiveAvatar,
    AsyncLiveSession,
    Avatar,
    Context,
    ContextLink,
    ContextSummary,
    Embed,
    Language,
    LiteConnection,
    LiteEvent,
    LiveAvatar,
    LiveSession,
    LLMConfiguration,
    LLMModel,
    MemoryInfo,
    Persona,
    PreflightReport,
    SecretInfo,
    SessionInfo,
    SessionToken,
    SpeakEnded,
    StartedSession,
    Transcript,
    UsageReport,
    Voice,
    VoiceAgent,
    VoiceAgentInfo,
)

ID = uuid.uuid4()
TEXT_ID = "0f5b0a52-8a4f-4d67-9a55-8f2d0b4f3c11"


def sessions(client: LiveAvatar, token: SessionToken) -> None:
    started: StartedSession = client.sessions.start(token, timeout=5, max_retries=0)
    client.sessions.start(token.session_token)
    client.sessions.start(42)  # type: ignore[arg-type]
    client.sessions.start()  # type: ignore[call-arg]
    stopped: bool = client.sessions.stop(ID, reason="USER_CLOSED")
    client.sessions.stop(TEXT_ID, reason="BORED")  # type: ignore[arg-type]
    client.sessions.stop(ID, "USER_CLOSED")  # type: ignore[call-arg]
    client.sessions.keep_alive(started.session_id)
    client.sessions.keep_alive(123)  # type: ignore[arg-type]
    info: SessionInfo = client.sessions.get(ID, timeout=2.5)
    client.sessions.get(ID, retries=1)  # type: ignore[call-arg]
    listed: Iterator[SessionInfo] = client.sessions.list(type="historic", avatar_id=ID, page_size=50)
    client.sessions.list(type="old")  # type: ignore[arg-type]
    client.sessions.list("active")  # type: ignore[call-arg]
    transcript: Transcript = client.sessions.transcript(ID, start_timestamp=0, end_timestamp=60)
    client.sessions.transcript(ID, start_timestamp="0")  # type: ignore[arg-type]
    client.sessions.delete_events(TEXT_ID)
    client.sessions.delete_events()  # type: ignore[call-arg]
    reaped: list[str] = client.sessions.stop_all(older_than=600, avatar_id=ID, dry_run=True)
    client.sessions.stop_all(older_than="10m")  # type: ignore[arg-type]
    ended: SessionInfo = client.sessions.wait_until_ended(ID, timeout=30, poll_every=1)
    client.sessions.wait_until_ended(ID, timeout="30")  # type: ignore[arg-type]
    connection: LiteConnection = client.sessions.connect(started, require_ready=True, send_timeout=2)
    client.sessions.connect(started, ready=True)  # type: ignore[call-arg]
    credits: Decimal = client.users.credits()
    client.users.credits(5.0)  # type: ignore[call-arg]
    report: PreflightReport = client.sessions.preflight(avatar_id=ID, persona=Persona(), sandbox=True, cache=False)
    client.sessions.preflight(avatar_id=ID, persona=Persona(), cache="no")  # type: ignore[arg-type]
    lite_report: PreflightReport = client.sessions.preflight_lite(avatar_id=TEXT_ID, sandbox=True)
    # preflight_lite is typed `**create_lite_token_arguments: Any`: a wrong keyword is refused only at run time.
    client.sessions.preflight_lite(avatar_id=ID, cache=1)  # type: ignore[arg-type]
    usage: UsageReport = client.usage(since=datetime.timedelta(days=7), avatar_id=ID)
    client.usage(since="7d")  # type: ignore[arg-type]
    del report, lite_report, usage
    del stopped, info, listed, transcript, reaped, ended, connection, credits


async def async_sessions(client: AsyncLiveAvatar, token: SessionToken) -> None:
    minted: SessionToken = await client.sessions.create_token(avatar_id=ID, voice_agent=VoiceAgent(id=ID))
    await client.sessions.create_token(avatar_id=ID)  # type: ignore[call-overload]
    lite: SessionToken = await client.sessions.create_lite_token(avatar_id=TEXT_ID, sandbox=True)
    await client.sessions.create_lite_token(avatar_id=ID, connector=Persona())  # type: ignore[arg-type]
    async with client.sessions.start_lite(avatar_id=ID, keep_alive_every=None) as managed:
        del managed
    full: AsyncLiveSession = await client.sessions.start_full(avatar_id=ID, persona=Persona())
    client.sessions.start_full(avatar_id=ID)  # type: ignore[call-overload]
    del minted, lite, full
    started: StartedSession = await client.sessions.start(token, timeout=5, max_retries=0)
    await client.sessions.start(42)  # type: ignore[arg-type]
    stopped: bool = await client.sessions.stop(ID, reason="USER_CLOSED")
    await client.sessions.stop(TEXT_ID, reason="BORED")  # type: ignore[arg-type]
    await client.sessions.keep_alive(started.session_id)
    await client.sessions.keep_alive(123)  # type: ignore[arg-type]
    info: SessionInfo = await client.sessions.get(ID)
    await client.sessions.get(ID, retries=1)  # type: ignore[call-arg]
    listed: AsyncIterator[SessionInfo] = client.sessions.list(type="historic", page_size=50)
    client.sessions.list(type="old")  # type: ignore[arg-type]
    async for session in client.sessions.list():
        del session
    transcript: Transcript = await client.sessions.transcript(ID, start_timestamp=0)
    await client.sessions.transcript(ID, start_timestamp="0")  # type: ignore[arg-type]
    await client.sessions.delete_events(TEXT_ID)
    await client.sessions.delete_events()  # type: ignore[call-arg]
    reaped: list[str] = await client.sessions.stop_all(older_than=600, dry_run=True)
    await client.sessions.stop_all(older_than="10m")  # type: ignore[arg-type]
    ended: SessionInfo = await client.sessions.wait_until_ended(ID, timeout=30)
    await client.sessions.wait_until_ended(ID, timeout="30")  # type: ignore[arg-type]
    connection: AsyncLiteConnection = await client.sessions.connect(started, require_ready=True)
    async with client.sessions.connect(started) as entered:
        del entered
    client.sessions.connect(started, ready=True)  # type: ignore[call-arg]
    credits: Decimal = await client.users.credits()
    await client.users.credits(5.0)  # type: ignore[call-arg]
    report: PreflightReport = await client.sessions.preflight(avatar_id=ID, voice_agent=VoiceAgent(id=ID))
    await client.sessions.preflight(avatar_id=ID, persona=Persona(), cache="no")  # type: ignore[arg-type]
    lite_report: PreflightReport = await client.sessions.preflight_lite(avatar_id=TEXT_ID)
    await client.sessions.preflight_lite(avatar_id=ID, cache=1)  # type: ignore[arg-type]
    usage: UsageReport = await client.usage(since=datetime.date(2026, 12, 1), until=None)
    await client.usage(since="7d")  # type: ignore[arg-type]
    del report, lite_report, usage
    del stopped, info, listed, transcript, reaped, ended, connection, credits


def managed_and_channel(live: LiveSession) -> None:
    connection: LiteConnection = live.connect(ready_timeout=5, keep_alive_every=None)
    live.connect(ready_timeout="5")  # type: ignore[arg-type]
    event_id: str = connection.speak(b"\x00\x00" * 240, chunk_ms=40)
    connection.speak([b"\x00\x00", bytearray(2), memoryview(b"\x00\x00")])
    connection.speak("not audio")  # type: ignore[arg-type]
    connection.speak(b"", chunk_ms=40.5)  # type: ignore[arg-type]
    ended: SpeakEnded = connection.wait_for(SpeakEnded, event_id=event_id, timeout=30)
    any_event: LiteEvent = connection.wait_for("agent.speak_ended", timeout=None)
    connection.wait_for(SpeakEnded, event_id=event_id)  # type: ignore[call-overload]
    events: Iterator[LiteEvent] = connection.events()
    interrupted: str = connection.interrupt()
    listening: str = connection.start_listening() + connection.stop_listening()
    beat: str = connection.keep_alive()
    connection.wait_ready(10, require=True)
    connection.wait_ready(10, True)  # type: ignore[call-arg]
    connection.abort()
    connection.close()
    live.keep_alive()
    stopped: bool = live.stop(reason="USER_CLOSED")
    live.stop("USER_CLOSED")  # type: ignore[call-arg]
    del ended, any_event, events, interrupted, listening, beat, stopped


async def async_managed_and_channel(live: AsyncLiveSession) -> None:
    connection: AsyncLiteConnection = await live.connect(ready_timeout=5)
    live.connect(ready_timeout="5")  # type: ignore[arg-type]
    event_id: str = await connection.speak(b"\x00\x00" * 240, chunk_ms=40)
    await connection.speak("not audio")  # type: ignore[arg-type]
    ended: SpeakEnded = await connection.wait_for(SpeakEnded, event_id=event_id, timeout=30)
    await connection.wait_for(SpeakEnded, event_id=event_id)  # type: ignore[call-overload]
    async for event in connection.events():
        del event
    interrupted: str = await connection.interrupt()
    listening: str = await connection.start_listening() + await connection.stop_listening()
    beat: str = await connection.keep_alive()
    await connection.wait_ready(10, require=False)
    await connection.wait_ready(10)  # type: ignore[call-arg]
    await connection.aclose()
    await live.keep_alive()
    stopped: bool = await live.stop(reason="USER_CLOSED")
    await live.stop("USER_CLOSED")  # type: ignore[call-arg]
    del ended, interrupted, listening, beat, stopped


def account(client: LiveAvatar) -> None:
    avatars: Iterator[Avatar] = client.avatars.list()
    public: Iterator[Avatar] = client.avatars.list_public(timeout=5)
    avatar: Avatar = client.avatars.get(ID)
    client.avatars.get(1)  # type: ignore[arg-type]
    client.avatars.update(ID, name="Wayne", default_voice_id=TEXT_ID)
    client.avatars.update(ID, name=1)  # type: ignore[arg-type]
    client.avatars.delete(TEXT_ID)
    client.avatars.list(5.0)  # type: ignore[call-arg]
    voices: Iterator[Voice] = client.voices.list(voice_type="private")
    client.voices.list(voice_type="mine")  # type: ignore[arg-type]
    voice: Voice = client.voices.get(ID)
    client.voices.update(ID, name="Calm")
    client.voices.update(ID)  # type: ignore[call-arg]
    client.voices.delete(ID)
    preview: bytes = client.voices.preview(ID)
    bound: str = client.voices.bind_third_party(provider_voice_id="v", secret_id=TEXT_ID, name="Mine")
    client.voices.bind_third_party(provider_voice_id="v")  # type: ignore[call-arg]
    contexts: Iterator[ContextSummary] = client.contexts.list()
    context: Context = client.contexts.create(
        name="n", prompt="p", opening_text="o", links=[ContextLink(url="https://example.com", faq="f")]
    )
    client.contexts.create(name="n", prompt="p")  # type: ignore[call-arg]
    client.contexts.get(context.id)
    client.contexts.update(context.id, prompt="p2", links=None)
    client.contexts.update(context.id, links="https://example.com")  # type: ignore[arg-type]
    client.contexts.delete(context.id)
    memories: Iterator[MemoryInfo] = client.memories.list()
    memory: MemoryInfo = client.memories.create(session_id=ID)
    client.memories.create(ID)  # type: ignore[call-arg]
    client.memories.get(memory.id)
    client.memories.delete(memory.id)
    client.memories.get(ID)  # type: ignore[arg-type]
    secrets: Iterator[SecretInfo] = client.secrets.list()
    secret: SecretInfo = client.secrets.create(name="n", value="sk-value-0123", type="OPENAI_API_KEY")
    client.secrets.create(name="n", value=b"sk", type="OPENAI_API_KEY")  # type: ignore[arg-type]
    client.secrets.delete(secret.id)
    configurations: Iterator[LLMConfiguration] = client.llm_configurations.list()
    configuration: LLMConfiguration = client.llm_configurations.create(
        display_name="d", model_name="m", secret_id=secret.id, base_url="https://llm.example.com/v1"
    )
    client.llm_configurations.create(display_name="d", model_name="m")  # type: ignore[call-arg]
    client.llm_configurations.get(configuration.id)
    client.llm_configurations.update(configuration.id, model_name="m2")
    client.llm_configurations.update(configuration.id, model_name=2)  # type: ignore[arg-type]
    client.llm_configurations.delete(configuration.id)
    models: Iterator[LLMModel] = client.llm_models.list()
    languages: Iterator[Language] = client.languages.list()
    client.languages.list(5.0)  # type: ignore[call-arg]
    embed: Embed = client.embeds.create(avatar_id=ID, voice_agent_id=TEXT_ID, sandbox=True, orientation="vertical")
    client.embeds.create(avatar_id=ID, orientation="diagonal")  # type: ignore[arg-type]
    agents: Iterator[VoiceAgentInfo] = client.voice_agents.list()
    agent: VoiceAgentInfo = client.voice_agents.get(TEXT_ID)
    client.voice_agents.delete(agent.id)
    client.voice_agents.delete(ID)  # type: ignore[arg-type]
    del avatars, public, avatar, voices, voice, preview, bound, contexts, memories, secrets, configurations
    del models, languages, embed, agents


async def async_account(client: AsyncLiveAvatar) -> None:
    avatars: AsyncIterator[Avatar] = client.avatars.list()
    public: AsyncIterator[Avatar] = client.avatars.list_public()
    avatar: Avatar = await client.avatars.get(ID)
    await client.avatars.get(1)  # type: ignore[arg-type]
    await client.avatars.update(ID, name="Wayne")
    await client.avatars.delete(TEXT_ID)
    voices: AsyncIterator[Voice] = client.voices.list(voice_type="private")
    client.voices.list(voice_type="mine")  # type: ignore[arg-type]
    await client.voices.get(ID)
    await client.voices.update(ID, name="Calm")
    await client.voices.update(ID)  # type: ignore[call-arg]
    await client.voices.delete(ID)
    preview: bytes = await client.voices.preview(ID)
    bound: str = await client.voices.bind_third_party(provider_voice_id="v", secret_id=TEXT_ID)
    contexts: AsyncIterator[ContextSummary] = client.contexts.list()
    context: Context = await client.contexts.create(name="n", prompt="p", opening_text="o")
    await client.contexts.create(name="n", prompt="p")  # type: ignore[call-arg]
    await client.contexts.get(context.id)
    await client.contexts.update(context.id, prompt="p2")
    await client.contexts.delete(context.id)
    memories: AsyncIterator[MemoryInfo] = client.memories.list()
    memory: MemoryInfo = await client.memories.create(session_id=ID)
    await client.memories.get(memory.id)
    await client.memories.delete(memory.id)
    await client.memories.get(ID)  # type: ignore[arg-type]
    secrets: AsyncIterator[SecretInfo] = client.secrets.list()
    secret: SecretInfo = await client.secrets.create(name="n", value="sk-value-0123", type="GEMINI_API_KEY")
    await client.secrets.create(name="n", value=b"sk", type="OPENAI_API_KEY")  # type: ignore[arg-type]
    await client.secrets.delete(secret.id)
    configurations: AsyncIterator[LLMConfiguration] = client.llm_configurations.list()
    configuration = await client.llm_configurations.create(display_name="d", model_name="m", secret_id=secret.id)
    await client.llm_configurations.get(configuration.id)
    await client.llm_configurations.update(configuration.id, model_name="m2")
    await client.llm_configurations.update(configuration.id, model_name=2)  # type: ignore[arg-type]
    await client.llm_configurations.delete(configuration.id)
    models: AsyncIterator[LLMModel] = client.llm_models.list()
    languages: AsyncIterator[Language] = client.languages.list()
    async for language in client.languages.list():
        del language
    embed: Embed = await client.embeds.create(avatar_id=ID, context_id=ID)
    await client.embeds.create(avatar_id=ID, orientation="diagonal")  # type: ignore[arg-type]
    agents: AsyncIterator[VoiceAgentInfo] = client.voice_agents.list()
    await client.voice_agents.get(TEXT_ID)
    await client.voice_agents.delete(TEXT_ID)
    await client.voice_agents.delete(ID)  # type: ignore[arg-type]
    del avatars, public, avatar, voices, preview, bound, contexts, memories, secrets, configurations
    del models, languages, embed, agents
