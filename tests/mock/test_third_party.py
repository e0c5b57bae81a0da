"""Third-party bodies: the requests real LiveAvatar clients send are answered 200 with a token they can parse.

Each case is the request a public client makes to `POST /v1/sessions/token`,
written here from that client's public documentation and behaviour (its
default path and the variants its options produce), headers included:

- pipecat's LiveAvatar client (`pipecat.services.heygen`): `accept`,
  `content-type`, `X-API-KEY`; LITE by default; a persona with only the
  fields that are set (so `{"language": "en"}` alone by default); VP8
  video settings, quality high unless told otherwise;
- the LiveKit Agents plugin (`livekit-plugins-liveavatar`): the same three
  headers; LITE with the caller's `livekit_config`, and a top-level
  `video_quality` that is in no published schema;
- HeyGen's Python starter (LiveKit agent): `X-API-KEY` on an httpx client;
  LITE, sandbox on, `video_settings` with quality and encoding, optionally
  `max_session_duration` and `livekit_config`; the embed sandbox avatar;
- HeyGen's web-SDK demo routes (Next.js): `X-API-KEY` and `Content-Type`;
  FULL with a persona of voice, context and language (optionally
  push-to-talk), and LITE with just the avatar; sandbox on, Wayne.

The token is then read the way those clients read it: `data.session_id`
and `data.session_token` (pipecat also insists on `code` and `message`).
"""

from __future__ import annotations

import json
from typing import Any

import httpx
import pytest

from liveavatar.mock import EMBED_SANDBOX_AVATAR_ID, SANDBOX_AVATAR_ID, MockServer
from tests.mock.support import API_KEY, OTHER_AVATAR_ID, TOKEN_PATH, jwt_part

DEMO_VOICE_ID = "c2527536-6d1f-4412-a643-53a3497dada9"
DEMO_CONTEXT_ID = "5b9dba8a-aa31-11f0-a6ee-066a7fa2e369"
ROOM = {
    "livekit_room": "agent-room-7",
    "livekit_url": "wss://example.livekit.cloud",
    "livekit_client_token": "eyJhbGciOiJIUzI1NiJ9.eyJ2aWRlbyI6e319.c2ln",
}

JSON_AND_KEY = {"accept": "application/json", "content-type": "application/json", "X-API-KEY": API_KEY}
"""pipecat and the LiveKit plugin send these three."""
KEY_ONLY = {"X-API-KEY": API_KEY}
"""HeyGen's starter sets only the key on its client; httpx adds `content-type` for a JSON body."""
KEY_AND_TYPE = {"X-API-KEY": API_KEY, "Content-Type": "application/json"}
"""HeyGen's web-SDK demo routes, with fetch."""

CASES: dict[str, tuple[dict[str, str], dict[str, Any]]] = {
    "pipecat-lite-default": (
        JSON_AND_KEY,
        {
            "mode": "LITE",
            "avatar_id": OTHER_AVATAR_ID,
            "is_sandbox": False,
            "video_settings": {"encoding": "VP8", "quality": "high"},
        },
    ),
    "pipecat-lite-with-persona": (
        JSON_AND_KEY,
        {
            "mode": "LITE",
            "avatar_id": OTHER_AVATAR_ID,
            "avatar_persona": {"language": "en"},
            "is_sandbox": False,
            "video_settings": {"encoding": "VP8", "quality": "high"},
        },
    ),
    "pipecat-lite-persona-ids-sandbox": (
        JSON_AND_KEY,
        {
            "mode": "LITE",
            "avatar_id": SANDBOX_AVATAR_ID,
            "avatar_persona": {"voice_id": DEMO_VOICE_ID, "context_id": DEMO_CONTEXT_ID, "language": "en"},
            "is_sandbox": True,
            "video_settings": {"encoding": "VP8"},
        },
    ),
    "pipecat-full": (
        JSON_AND_KEY,
        {
            "mode": "FULL",
            "avatar_id": OTHER_AVATAR_ID,
            "avatar_persona": {"context_id": DEMO_CONTEXT_ID, "language": "en"},
            "is_sandbox": False,
            "video_settings": {"encoding": "VP8", "quality": "medium"},
        },
    ),
    "livekit-plugin": (
        JSON_AND_KEY,
        {"mode": "LITE", "avatar_id": OTHER_AVATAR_ID, "is_sandbox": False, "livekit_config": ROOM},
    ),
    "livekit-plugin-video-quality-sandbox": (
        JSON_AND_KEY,
        {
            "mode": "LITE",
            "avatar_id": SANDBOX_AVATAR_ID,
            "is_sandbox": True,
            "livekit_config": ROOM,
            "video_quality": "high",
        },
    ),
    "heygen-starter-hosted-room": (
        KEY_ONLY,
        {
            "mode": "LITE",
            "avatar_id": EMBED_SANDBOX_AVATAR_ID,
            "is_sandbox": True,
            "video_settings": {"quality": "high", "encoding": "H264"},
        },
    ),
    "heygen-starter-own-room": (
        KEY_ONLY,
        {
            "mode": "LITE",
            "avatar_id": EMBED_SANDBOX_AVATAR_ID,
            "is_sandbox": True,
            "video_settings": {"quality": "high", "encoding": "H264"},
            "max_session_duration": 60,
            "livekit_config": ROOM,
        },
    ),
    "heygen-web-demo-full": (
        KEY_AND_TYPE,
        {
            "mode": "FULL",
            "avatar_id": SANDBOX_AVATAR_ID,
            "avatar_persona": {"voice_id": DEMO_VOICE_ID, "context_id": DEMO_CONTEXT_ID, "language": "en"},
            "is_sandbox": True,
        },
    ),
    "heygen-web-demo-push-to-talk": (
        KEY_AND_TYPE,
        {
            "mode": "FULL",
            "avatar_id": SANDBOX_AVATAR_ID,
            "avatar_persona": {"voice_id": DEMO_VOICE_ID, "context_id": DEMO_CONTEXT_ID, "language": "en"},
            "interactivity_type": "PUSH_TO_TALK",
            "is_sandbox": True,
        },
    ),
    "heygen-web-demo-lite": (
        KEY_AND_TYPE,
        {"mode": "LITE", "avatar_id": SANDBOX_AVATAR_ID, "is_sandbox": True},
    ),
}


@pytest.mark.parametrize(("headers", "body"), list(CASES.values()), ids=list(CASES))
def test_third_party_request_gets_a_token(
    liveavatar_mock: MockServer, headers: dict[str, str], body: dict[str, Any]
) -> None:
    """The client's exact request gets 200, the envelope it parses, and a token this mock minted for the session."""
    with httpx.Client(base_url=liveavatar_mock.url, timeout=10) as http:
        response = http.post(TOKEN_PATH, content=json.dumps(body).encode(), headers=headers)

    assert 200 == response.status_code, response.text
    envelope = response.json()
    assert {"code", "data", "message"} <= set(envelope)
    session_id, token = envelope["data"]["session_id"], envelope["data"]["session_token"]
    claims = liveavatar_mock.verify_token(token)
    assert (session_id, body["mode"]) == (claims["session_id"], claims["mode"])
    assert claims == jwt_part(token, 1)
    assert body == liveavatar_mock.last_request.body
