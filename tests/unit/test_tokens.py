"""The token calls over MockTransport: what is sent, what comes back, which error is raised."""

from __future__ import annotations

import datetime as dt
import json
import uuid

import httpx
import pytest

import liveavatar
from liveavatar import (
    AgoraConfig,
    ElevenLabsAgentConfig,
    ElevenLabsVoiceSettings,
    GeminiRealtimeConfig,
    LiveKitConfig,
    Memory,
    OpenAIRealtimeConfig,
    Persona,
    VideoSettings,
    VoiceAgent,
)
from tests.unit.support import (
    API_KEY,
    AVATAR_ID,
    CONTEXT_ID,
    SESSION_ID,
    SESSION_TOKEN,
    VOICE_ID,
    ClientFactory,
    Recorder,
    token_response,
)

PERSONA = Persona(voice_id=VOICE_ID, context_id=CONTEXT_ID, language="en")


def test_full_token_request_matches_the_seed_shape(client_factory: ClientFactory) -> None:
    """A FULL request with every field sends the API's field names, in the seed's shape."""
    server = Recorder()
    client = client_factory(server)

    client.create_token(
        avatar_id=AVATAR_ID,
        persona=Persona(
            voice_id=uuid.UUID(VOICE_ID),
            context_id=CONTEXT_ID.upper(),
            language="en",
            voice_settings=ElevenLabsVoiceSettings(
                speed=1,
                stability=0.75,
                similarity_boost=0.75,
                style=0,
                use_speaker_boost=True,
                model="eleven_flash_v2_5",
                apply_language_text_normalization=False,
            ),
            stt=liveavatar.STTConfig(provider="deepgram"),
        ),
        sandbox=True,
        video_settings=VideoSettings(quality="high", encoding="H264"),
        max_session_duration=60,
        interactivity_type="CONVERSATIONAL",
        llm_configuration_id=AVATAR_ID,
        dynamic_variables={"name": "Ada"},
        memory=Memory(prev_session_id=SESSION_ID, session_memory_id=AVATAR_ID),
    )

    expected = {
        "mode": "FULL",
        "avatar_id": AVATAR_ID,
        "is_sandbox": True,
        "video_settings": {"quality": "high", "encoding": "H264"},
        "max_session_duration": 60,
        "avatar_persona": {
            "voice_id": VOICE_ID,
            "context_id": CONTEXT_ID,
            "language": "en",
            "voice_settings": {
                "provider": "elevenLabs",
                "speed": 1,
                "stability": 0.75,
                "similarity_boost": 0.75,
                "style": 0,
                "use_speaker_boost": True,
                "model": "eleven_flash_v2_5",
                "apply_language_text_normalization": False,
            },
            "stt_config": {"provider": "deepgram"},
        },
        "interactivity_type": "CONVERSATIONAL",
        "llm_configuration_id": AVATAR_ID,
        "dynamic_variables": {"name": "Ada"},
        "memory": {"prev_session_id": SESSION_ID, "session_memory_id": AVATAR_ID},
    }
    assert expected == server.body


def test_request_goes_to_the_token_path_with_key_and_user_agent(client_factory: ClientFactory) -> None:
    """The call POSTs JSON to /v1/sessions/token with X-API-KEY, User-Agent and default headers."""
    server = Recorder()
    client = client_factory(server, base_url="https://example.test/", default_headers={"X-Trace": "t-1"})

    client.create_token(avatar_id=AVATAR_ID, persona=PERSONA)

    request = server.requests[0]
    assert "POST" == request.method
    assert "https://example.test/v1/sessions/token" == str(request.url)
    assert API_KEY == request.headers["x-api-key"]
    assert "application/json" == request.headers["content-type"]
    assert "t-1" == request.headers["x-trace"]
    assert request.headers["user-agent"].startswith(f"liveavatar-python/{liveavatar.__version__} python/")
    assert f"httpx/{httpx.__version__}" in request.headers["user-agent"]


def test_minimal_persona_request_sends_only_what_was_given(client_factory: ClientFactory) -> None:
    """Fields left as None are not sent, so the API's own defaults apply."""
    server = Recorder()

    client_factory(server).create_token(avatar_id=AVATAR_ID, persona=Persona())

    assert {"mode": "FULL", "avatar_id": AVATAR_ID, "avatar_persona": {}} == server.body


def test_voice_agent_request_leaves_mode_out(client_factory: ClientFactory) -> None:
    """With a voice agent no mode is sent: the agent's stored type decides FULL or LITE."""
    server = Recorder()

    client_factory(server).create_token(
        avatar_id=AVATAR_ID, voice_agent=VoiceAgent(id=VOICE_ID, language="fr", dynamic_variables={"plan": "pro"})
    )

    expected = {
        "avatar_id": AVATAR_ID,
        "voice_agent": {"id": VOICE_ID, "language": "fr", "dynamic_variables": {"plan": "pro"}},
    }
    assert expected == server.body


@pytest.mark.parametrize(
    ("connector", "expected"),
    [
        (None, {}),
        (
            {"connector": LiveKitConfig(url="wss://lk.example", room="r1", client_token="lk-token")},
            {
                "livekit_config": {
                    "livekit_url": "wss://lk.example",
                    "livekit_room": "r1",
                    "livekit_client_token": "lk-token",
                }
            },
        ),
        (
            {"connector": AgoraConfig(app_id="app", token="agora-token", channel="ch", uid="7")},
            {
                "agora_config": {
                    "agora_app_id": "app",
                    "agora_token": "agora-token",
                    "agora_channel": "ch",
                    "agora_uid": "7",
                }
            },
        ),
        (
            {
                "connector": ElevenLabsAgentConfig(
                    secret_id=VOICE_ID, agent_id="agent_1", voice_id="v1", dynamic_variables={"n": 1, "ok": True}
                )
            },
            {
                "elevenlabs_agent_config": {
                    "secret_id": VOICE_ID,
                    "agent_id": "agent_1",
                    "voice_id": "v1",
                    "dynamic_variables": {"n": 1, "ok": True},
                }
            },
        ),
        (
            {
                "connector": OpenAIRealtimeConfig(
                    secret_id=VOICE_ID, context_id=CONTEXT_ID, voice="marin", temperature=0.6, model="gpt-realtime"
                )
            },
            {
                "openai_realtime_config": {
                    "secret_id": VOICE_ID,
                    "context_id": CONTEXT_ID,
                    "voice": "marin",
                    "temperature": 0.6,
                    "model": "gpt-realtime",
                }
            },
        ),
        (
            {
                "connector": GeminiRealtimeConfig(
                    secret_id=VOICE_ID, voice="Puck", temperature=2, model="gemini-3.1-flash-live-preview"
                )
            },
            {
                "gemini_realtime_config": {
                    "secret_id": VOICE_ID,
                    "voice": "Puck",
                    "temperature": 2,
                    "model": "gemini-3.1-flash-live-preview",
                }
            },
        ),
    ],
    ids=["none", "livekit", "agora", "elevenlabs_agent", "openai_realtime", "gemini_realtime"],
)
def test_lite_request_sends_each_connector_under_its_api_name(
    client_factory: ClientFactory, connector: dict[str, object] | None, expected: dict[str, object]
) -> None:
    """LITE requests carry mode LITE and the connector config under the spec's field names."""
    server = Recorder()

    client_factory(server).create_lite_token(
        avatar_id=AVATAR_ID, video_settings=VideoSettings(encoding="VP8"), **(connector or {})
    )

    assert {"mode": "LITE", "avatar_id": AVATAR_ID, "video_settings": {"encoding": "VP8"}, **expected} == server.body


def test_extra_body_is_merged_last(client_factory: ClientFactory) -> None:
    """extra_body adds unmodelled fields and overrides modelled ones, for both methods."""
    server = Recorder()
    client = client_factory(server)

    client.create_token(avatar_id=AVATAR_ID, persona=PERSONA, extra_body={"new_field": [1], "mode": "FULL2"})
    full = server.body
    client.create_lite_token(avatar_id=AVATAR_ID, extra_body={"cartesia_agent_config": {"agent_id": "a"}})
    lite = server.body

    assert [1] == full["new_field"]
    assert "FULL2" == full["mode"]
    assert {"agent_id": "a"} == lite["cartesia_agent_config"]


@pytest.mark.parametrize("code", [100, 1000])
def test_success_with_either_envelope_code(client_factory: ClientFactory, code: int) -> None:
    """A 2xx with data.session_token is success whether code is 100 (spec) or 1000 (JS SDK)."""
    client = client_factory(Recorder(token_response(code, **{"x-request-id": "req_42"})))

    token = client.create_token(avatar_id=AVATAR_ID, persona=PERSONA)

    assert (SESSION_ID, SESSION_TOKEN, code, "ok", "req_42", 0) == (
        token.session_id,
        token.session_token,
        token.code,
        token.message,
        token.request_id,
        token.retries_taken,
    )


def test_session_token_masks_the_token_and_reads_its_expiry(client_factory: ClientFactory) -> None:
    """The result's repr shows only the token's last characters; expires_at comes from the JWT."""
    token = client_factory(Recorder()).create_token(avatar_id=AVATAR_ID, persona=PERSONA)

    assert SESSION_TOKEN not in repr(token)
    assert "'…dXJl'" in repr(token)
    assert dt.datetime(2100, 1, 1, tzinfo=dt.UTC) == token.expires_at


@pytest.mark.parametrize("token", ["opaque-token-without-dots", "a.bm90LWpzb24.c", "a.e30.c"])
def test_expires_at_is_none_for_tokens_without_an_exp_claim(token: str) -> None:
    """A token that is not a JWT with `exp` has no expiry rather than an exception."""
    assert liveavatar.SessionToken(session_id=SESSION_ID, session_token=token).expires_at is None


def test_code_and_message_are_optional_in_the_envelope(client_factory: ClientFactory) -> None:
    """An envelope without code or message still gives a token; odd types are dropped, not trusted."""
    body = {"code": True, "message": 5, "data": {"session_id": SESSION_ID, "session_token": SESSION_TOKEN}}
    token = client_factory(Recorder(httpx.Response(201, json=body))).create_token(avatar_id=AVATAR_ID, persona=PERSONA)

    assert (token.code, token.message, token.session_token) == (None, None, SESSION_TOKEN)


@pytest.mark.parametrize(
    ("status", "expected_class"),
    [
        (400, liveavatar.BadRequestError),
        (401, liveavatar.AuthenticationError),
        (403, liveavatar.PermissionDeniedError),
        (404, liveavatar.NotFoundError),
        (409, liveavatar.ConflictError),
        (422, liveavatar.UnprocessableEntityError),
        (429, liveavatar.RateLimitError),
        (499, liveavatar.APIStatusError),
        (500, liveavatar.InternalServerError),
        (502, liveavatar.InternalServerError),
        (503, liveavatar.InternalServerError),
        (504, liveavatar.InternalServerError),
        (520, liveavatar.InternalServerError),
    ],
)
def test_each_status_maps_to_its_error_class(
    client_factory: ClientFactory, status: int, expected_class: type[liveavatar.APIStatusError]
) -> None:
    """Every status, named or unknown, becomes its APIStatusError class with the response's details."""
    response = httpx.Response(status, json={"code": status, "message": "server words"}, headers={"request-id": "r-9"})
    client = client_factory(Recorder(response), max_retries=0)

    with pytest.raises(liveavatar.APIStatusError) as caught:
        client.create_token(avatar_id=AVATAR_ID, persona=PERSONA)

    error = caught.value
    assert expected_class is type(error)
    assert (status, "server words", "r-9") == (error.status_code, error.message, error.request_id)
    assert {"code": status, "message": "server words"} == error.body
    assert "server words" == str(error)


@pytest.mark.parametrize(
    ("body", "expected_message"),
    [
        ({"message": "from message"}, "from message"),
        ({"detail": [{"loc": ["body", "avatar_id"], "msg": "bad uuid", "type": "uuid_parsing"}]}, "bad uuid"),
        ({"detail": "plain detail"}, "plain detail"),
        ({"error": "from error"}, "from error"),
        ({"error": {"message": "nested error"}}, "nested error"),
        ({"data": [{"message": "first"}, {"message": "second"}]}, "first; second"),
        ({"code": 4000, "data": None}, "HTTP 400 Bad Request from the LiveAvatar API"),
        (["not", "an", "object"], "HTTP 400 Bad Request from the LiveAvatar API"),
    ],
)
def test_error_message_is_the_servers_own_words(
    client_factory: ClientFactory, body: object, expected_message: str
) -> None:
    """The error message comes from message, detail, error or data[].message, else a clear default."""
    client = client_factory(Recorder(httpx.Response(400, json=body)))

    with pytest.raises(liveavatar.BadRequestError) as caught:
        client.create_token(avatar_id=AVATAR_ID, persona=PERSONA)

    assert expected_message == caught.value.message


def test_unprocessable_entity_parses_the_detail_items(client_factory: ClientFactory) -> None:
    """A 422 carries its detail items as ValidationErrorItem values."""
    detail = [
        {"loc": ["body", "avatar_persona", "voice_settings", "speed"], "msg": "too fast", "type": "less_than_equal"},
        {"loc": "not-a-list", "msg": "odd", "type": "x"},
        "not-an-object",
    ]
    client = client_factory(Recorder(httpx.Response(422, json={"detail": detail})))

    with pytest.raises(liveavatar.UnprocessableEntityError) as caught:
        client.create_token(avatar_id=AVATAR_ID, persona=PERSONA)

    expected = (
        liveavatar.ValidationErrorItem(
            ("body", "avatar_persona", "voice_settings", "speed"), "too fast", "less_than_equal"
        ),
        liveavatar.ValidationErrorItem((), "odd", "x"),
    )
    assert expected == caught.value.errors
    assert "too fast; odd" == caught.value.message


def test_html_error_page_keeps_its_text(client_factory: ClientFactory) -> None:
    """A non-JSON error body is kept as text and the message falls back to the status."""
    page = "<html><body><h1>502 Bad Gateway</h1></body></html>"
    client = client_factory(Recorder(httpx.Response(502, text=page)), max_retries=0)

    with pytest.raises(liveavatar.InternalServerError) as caught:
        client.create_token(avatar_id=AVATAR_ID, persona=PERSONA)

    assert page == caught.value.body
    assert "HTTP 502 Bad Gateway from the LiveAvatar API" == caught.value.message


@pytest.mark.parametrize(
    ("response", "problem"),
    [
        (httpx.Response(200, json={"code": 100, "data": None, "message": "ok"}), "its data is not an object"),
        (httpx.Response(200, json={"code": 100, "data": {"session_id": SESSION_ID}}), "no data.session_token"),
        (httpx.Response(200, json={"data": {"session_token": SESSION_TOKEN}}), "no data.session_token"),
        (httpx.Response(200, text="<html>maintenance</html>"), "the body is not JSON"),
        (httpx.Response(200, content=b"\xff\xfe\x00"), "the body is not JSON"),
        (httpx.Response(200, content=b'{"code": 100, "data": {"session_'), "the body is not JSON"),
        (httpx.Response(200, json=[1, 2]), "the body is not a JSON object"),
    ],
    ids=["data-null", "no-token", "no-session-id", "html", "binary", "truncated", "array"],
)
def test_success_status_without_a_token_is_a_response_validation_error(
    client_factory: ClientFactory, response: httpx.Response, problem: str
) -> None:
    """A 2xx whose body is not a token envelope raises APIResponseValidationError, never KeyError."""
    client = client_factory(Recorder(response))

    with pytest.raises(liveavatar.APIResponseValidationError) as caught:
        client.create_token(avatar_id=AVATAR_ID, persona=PERSONA)

    assert problem in str(caught.value)
    assert 200 == caught.value.status_code


def test_response_validation_error_redacts_a_token_it_carries(client_factory: ClientFactory) -> None:
    """A malformed success body that still holds a token never puts it on the error."""
    body = {"data": {"session_token": SESSION_TOKEN, "session_id": 7}}
    client = client_factory(Recorder(httpx.Response(200, json=body)))

    with pytest.raises(liveavatar.APIResponseValidationError) as caught:
        client.create_token(avatar_id=AVATAR_ID, persona=PERSONA)

    assert SESSION_TOKEN not in repr(caught.value.body)


def test_retryable_status_is_retried_until_success(client_factory: ClientFactory) -> None:
    """503 then 200 succeeds on the retry, and the result counts it."""
    server = Recorder(httpx.Response(503), httpx.Response(503), token_response())

    token = client_factory(server).create_token(avatar_id=AVATAR_ID, persona=PERSONA)

    assert (token.retries_taken, len(server.requests)) == (2, 3)


def test_retries_stop_at_max_retries_and_the_error_counts_them(client_factory: ClientFactory) -> None:
    """A status that keeps failing raises after max_retries retries, with retries_taken on the error."""
    server = Recorder(httpx.Response(500))

    with pytest.raises(liveavatar.InternalServerError) as caught:
        client_factory(server, max_retries=3).create_token(avatar_id=AVATAR_ID, persona=PERSONA)

    assert (caught.value.retries_taken, len(server.requests)) == (3, 4)


@pytest.mark.parametrize("status", [400, 401, 403, 404, 409, 422])
def test_other_client_errors_are_never_retried(client_factory: ClientFactory, status: int) -> None:
    """4xx other than 408 and 429 fail at once."""
    server = Recorder(httpx.Response(status), token_response())

    with pytest.raises(liveavatar.APIStatusError):
        client_factory(server).create_token(avatar_id=AVATAR_ID, persona=PERSONA)

    assert 1 == len(server.requests)


@pytest.mark.parametrize("status", [408, 429, 500, 502, 503, 504])
def test_retryable_statuses(client_factory: ClientFactory, status: int) -> None:
    """408, 429, 500, 502, 503 and 504 are retried."""
    server = Recorder(httpx.Response(status), token_response())

    assert 1 == client_factory(server).create_token(avatar_id=AVATAR_ID, persona=PERSONA).retries_taken


def test_server_hint_overrides_the_retry_decision(client_factory: ClientFactory) -> None:
    """x-should-retry: true retries a 409; x-should-retry: false stops a 503."""
    retried = Recorder(httpx.Response(409, headers={"x-should-retry": "true"}), token_response())
    stopped = Recorder(httpx.Response(503, headers={"x-should-retry": "false"}), token_response())

    assert 1 == client_factory(retried).create_token(avatar_id=AVATAR_ID, persona=PERSONA).retries_taken
    with pytest.raises(liveavatar.InternalServerError):
        client_factory(stopped).create_token(avatar_id=AVATAR_ID, persona=PERSONA)
    assert 1 == len(stopped.requests)


def test_rate_limit_beyond_the_longest_wait_is_raised_at_once(client_factory: ClientFactory) -> None:
    """A 429 asking for more than 60 s raises RateLimitError at once with retry_after set."""
    server = Recorder(httpx.Response(429, headers={"Retry-After": "300"}), token_response())

    with pytest.raises(liveavatar.RateLimitError) as caught:
        client_factory(server).create_token(avatar_id=AVATAR_ID, persona=PERSONA)

    assert (caught.value.retry_after, caught.value.retries_taken, len(server.requests)) == (300.0, 0, 1)


def test_per_call_max_retries_overrides_the_client(client_factory: ClientFactory) -> None:
    """max_retries=0 on one call disables retries for that call only."""
    server = Recorder(httpx.Response(503), httpx.Response(503), token_response())
    client = client_factory(server)

    with pytest.raises(liveavatar.InternalServerError):
        client.create_token(avatar_id=AVATAR_ID, persona=PERSONA, max_retries=0)
    assert 1 == client.create_token(avatar_id=AVATAR_ID, persona=PERSONA).retries_taken


@pytest.mark.parametrize(
    ("failure", "expected_class"),
    [
        (httpx.ConnectError("refused"), liveavatar.APIConnectionError),
        (httpx.RemoteProtocolError("peer closed"), liveavatar.APIConnectionError),
        (httpx.ReadTimeout("slow"), liveavatar.APITimeoutError),
        (httpx.ConnectTimeout("slow connect"), liveavatar.APITimeoutError),
    ],
)
def test_transport_failures_are_retried_then_mapped(
    client_factory: ClientFactory, failure: Exception, expected_class: type[liveavatar.APIError]
) -> None:
    """Connection errors and timeouts are retried, then raised as the facade's own errors, naming what failed.

    httpx's exception is not chained: its frames hold the request's headers.
    """
    server = Recorder(failure)

    with pytest.raises(liveavatar.APIConnectionError) as caught:
        client_factory(server, max_retries=1).create_token(avatar_id=AVATAR_ID, persona=PERSONA)

    assert expected_class is type(caught.value)
    assert (caught.value.retries_taken, len(server.requests)) == (1, 2)
    assert type(failure).__name__ in str(caught.value)
    assert (None, None) == (caught.value.__cause__, caught.value.__context__)


def test_transport_failure_then_success(client_factory: ClientFactory) -> None:
    """A dropped connection followed by a good answer is a success with one retry."""
    server = Recorder(httpx.ConnectError("reset"), token_response())

    assert 1 == client_factory(server).create_token(avatar_id=AVATAR_ID, persona=PERSONA).retries_taken


def test_per_call_timeout_reaches_httpx(client_factory: ClientFactory) -> None:
    """A call's timeout is the one httpx applies; otherwise the client's default 30 s / 5 s."""
    server = Recorder()
    client = client_factory(server)

    client.create_token(avatar_id=AVATAR_ID, persona=PERSONA)
    client.create_token(avatar_id=AVATAR_ID, persona=PERSONA, timeout=2.5)

    default, per_call = (request.extensions["timeout"] for request in server.requests)
    assert {"connect": 5.0, "read": 30.0, "write": 30.0, "pool": 30.0} == default
    assert {"connect": 2.5, "read": 2.5, "write": 2.5, "pool": 2.5} == per_call


def test_invalid_input_is_refused_before_any_request(client_factory: ClientFactory) -> None:
    """Bad input raises InvalidRequestError, a ValueError, and nothing is sent."""
    server = Recorder()

    with pytest.raises(ValueError, match="avatar_id: must be a UUID"):
        client_factory(server).create_token(avatar_id="not-a-uuid", persona=PERSONA)

    assert [] == server.requests


def test_generated_body_round_trips_through_the_generated_models(client_factory: ClientFactory) -> None:
    """The generated FULL model reads the facade's body back unchanged: both layers agree on names."""
    from liveavatar_client.models import FullSessionTokenRequest

    server = Recorder()
    client_factory(server).create_token(
        avatar_id=AVATAR_ID,
        persona=Persona(voice_id=VOICE_ID, voice_settings=liveavatar.FishVoiceSettings(speed=1.1, model="s1")),
        video_settings=VideoSettings(quality="low"),
        memory=Memory(session_memory_id=SESSION_ID),
    )

    assert FullSessionTokenRequest.from_dict(server.body).to_dict() == server.body
    assert json.loads(json.dumps(server.body)) == server.body
