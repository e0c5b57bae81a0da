"""A web backend route that mints LiveAvatar session tokens for a browser.

The browser never sees the API key: it asks this route for a token, and the
route mints one with the server-side configuration (avatar, persona) that the
product chose. The browser then starts the session with the token (for
example with LiveAvatar's web SDK, `new LiveAvatarSession(token).start()`).

Run it (with `pip install "liveavatar[mock]"`, which brings Starlette and
uvicorn)::

    LIVEAVATAR_API_KEY=... uvicorn examples.token_backend:app

One `AsyncLiveAvatar` is built at start-up and shared by every request, so
connections are reused; it is closed at shutdown.
"""

from __future__ import annotations

import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

import liveavatar

AVATAR_ID = os.environ.get("DEMO_AVATAR_ID", liveavatar.SANDBOX_AVATAR_ID)
PERSONA = liveavatar.Persona(
    voice_id=os.environ.get("DEMO_VOICE_ID", "c2527536-6d1f-4412-a643-53a3497dada9"),
    context_id=os.environ.get("DEMO_CONTEXT_ID", "5b9dba8a-aa31-11f0-a6ee-066a7fa2e369"),
    language="en",
)
SANDBOX = os.environ.get("DEMO_SANDBOX", "1") == "1"


@asynccontextmanager
async def lifespan(app: Starlette) -> AsyncIterator[None]:
    """Build the shared client at start-up (reading LIVEAVATAR_API_KEY) and close it at shutdown."""
    async with liveavatar.AsyncLiveAvatar() as client:
        app.state.liveavatar = client
        yield


async def create_session_token(request: Request) -> JSONResponse:
    """POST /api/session-token: a fresh token for the browser, or an error it can act on."""
    client: liveavatar.AsyncLiveAvatar = request.app.state.liveavatar
    try:
        token = await client.sessions.create_token(
            avatar_id=AVATAR_ID,
            persona=PERSONA,
            sandbox=SANDBOX,
            max_session_duration=60 if SANDBOX else None,
        )
    except liveavatar.RateLimitError as error:
        headers = {"Retry-After": str(round(error.retry_after))} if error.retry_after is not None else None
        return JSONResponse({"error": "busy, try again shortly"}, status_code=429, headers=headers)
    except liveavatar.APIConnectionError:
        return JSONResponse({"error": "avatar service unreachable"}, status_code=503)
    except liveavatar.APIError as error:
        # The details stay in the server's logs; the browser learns only that it failed.
        request_id = getattr(error, "request_id", None)
        return JSONResponse({"error": "could not start an avatar session", "request_id": request_id}, status_code=502)
    # The browser needs the token itself: it is the credential that starts the session.
    return JSONResponse({"session_id": token.session_id, "session_token": token.session_token})


app = Starlette(routes=[Route("/api/session-token", create_session_token, methods=["POST"])], lifespan=lifespan)
