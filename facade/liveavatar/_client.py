"""`LiveAvatar` and `AsyncLiveAvatar`: configuration, the send loop, and `sessions`.

Both clients share `_ClientCore`, which holds everything that does no I/O:
reading the configuration, building request bodies, deciding after each
attempt whether to return, retry or raise. The two send loops differ only
in `await`, and stay short enough to read side by side.
"""

from __future__ import annotations

import json
import logging
import os
import sys
import time
from collections.abc import Mapping
from types import TracebackType
from typing import Any, Self, TypeVar

import attrs
import httpx

from . import _request, _response, _retry
from ._config import (
    API_KEY_ENV,
    BASE_URL_ENV,
    DEFAULT_BASE_URL,
    DEFAULT_MAX_RETRIES,
    DEFAULT_TIMEOUT,
    MAX_RETRY_AFTER,
    POOL_LIMITS,
    TOKEN_PATH,
)
from ._errors import (
    APIConnectionError,
    APIError,
    APITimeoutError,
    FieldError,
    InvalidRequestError,
    LiveAvatarError,
)
from ._logging import logger
from ._models import (
    AgoraConfig,
    ElevenLabsAgentConfig,
    GeminiRealtimeConfig,
    Id,
    InteractivityType,
    LiveKitConfig,
    Memory,
    OpenAIRealtimeConfig,
    Persona,
    SessionToken,
    VideoSettings,
    VoiceAgent,
)
from ._secrets import mask
from ._version import __version__

__all__ = ["AsyncLiveAvatar", "LiveAvatar", "TimeoutTypes"]

_PoolT = TypeVar("_PoolT", httpx.Client, httpx.AsyncClient)

TimeoutTypes = float | httpx.Timeout
"""Seconds for the whole exchange, or an `httpx.Timeout` for each phase."""

USER_AGENT = (
    f"liveavatar-python/{__version__} python/{'.'.join(map(str, sys.version_info[:3]))} httpx/{httpx.__version__}"
)


@attrs.frozen
class _Attempt:
    """What the send loop does next: return `token`, raise `error`, or wait `delay` and retry."""

    token: SessionToken | None = None
    error: APIError | None = None
    delay: float = 0.0


def _as_timeout(value: object, name: str) -> httpx.Timeout:
    if isinstance(value, httpx.Timeout):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool) and value > 0:
        return httpx.Timeout(float(value), connect=min(float(value), DEFAULT_TIMEOUT.connect or float(value)))
    raise InvalidRequestError(
        [FieldError(name, f"must be a positive number of seconds or httpx.Timeout, got {value!r}")]
    )


def _as_max_retries(value: object, name: str) -> int:
    if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
        return value
    raise InvalidRequestError([FieldError(name, f"must be an int >= 0, got {value!r}")])


class _ClientCore:
    """The configuration and the I/O-free half of both clients."""

    def __init__(
        self,
        *,
        api_key: str | None,
        base_url: str | None,
        timeout: TimeoutTypes | None,
        max_retries: int | None,
        default_headers: Mapping[str, str] | None,
    ) -> None:
        key = api_key if api_key is not None else os.environ.get(API_KEY_ENV)
        if not key:
            raise LiveAvatarError(
                f"No LiveAvatar API key: pass api_key=... to the client, or set the {API_KEY_ENV} environment variable."
            )
        url = base_url or os.environ.get(BASE_URL_ENV) or DEFAULT_BASE_URL
        try:
            parsed = httpx.URL(url)
        except httpx.InvalidURL as exc:
            raise LiveAvatarError(f"base_url is not a valid URL: {url!r} ({exc})") from None
        if parsed.scheme not in ("http", "https") or not parsed.host:
            raise LiveAvatarError(f"base_url must be an http(s) URL with a host, got {url!r}")
        self._api_key = key
        self._base_url = url.rstrip("/")
        self._token_url = self._base_url + TOKEN_PATH
        self._timeout = DEFAULT_TIMEOUT if timeout is None else _as_timeout(timeout, "timeout")
        self._max_retries = DEFAULT_MAX_RETRIES if max_retries is None else _as_max_retries(max_retries, "max_retries")
        self._default_headers = dict(default_headers or {})
        # Built once: every request sends the same headers.
        self._headers = {
            "Accept": "application/json",
            "Content-Type": "application/json",
            "User-Agent": USER_AGENT,
            **self._default_headers,
            "X-API-KEY": key,
        }
        self._lowlevel: Any = None

    @property
    def base_url(self) -> str:
        """The API's base URL, without a trailing slash."""
        return self._base_url

    @property
    def timeout(self) -> httpx.Timeout:
        """The timeout each request gets unless a call names its own."""
        return self._timeout

    @property
    def max_retries(self) -> int:
        """Retries after the first attempt, unless a call names its own."""
        return self._max_retries

    def __repr__(self) -> str:
        return (
            f"{type(self).__name__}(base_url={self._base_url!r}, api_key={mask(self._api_key)}, "
            f"max_retries={self._max_retries})"
        )

    def _options(
        self,
        *,
        api_key: str | None,
        base_url: str | None,
        timeout: TimeoutTypes | None,
        max_retries: int | None,
        default_headers: Mapping[str, str] | None,
    ) -> dict[str, Any]:
        return {
            "api_key": api_key if api_key is not None else self._api_key,
            "base_url": base_url if base_url is not None else self._base_url,
            "timeout": timeout if timeout is not None else self._timeout,
            "max_retries": max_retries if max_retries is not None else self._max_retries,
            "default_headers": {**self._default_headers, **(default_headers or {})},
        }

    def _pool(self, given: _PoolT | None, build: type[_PoolT]) -> _PoolT:
        """The connection pool: the caller's as given, or one of our own."""
        self._owns_http = given is None
        # A pool of our own carries the headers already; a caller's gets them per
        # request, on top of its own, prebuilt (httpx re-parses a plain dict every call).
        self._request_headers = None if given is None else httpx.Headers(self._headers)
        if given is not None:
            return given
        return build(timeout=self._timeout, headers=self._headers, limits=POOL_LIMITS)

    def low_level_client(self) -> Any:
        """The generated `liveavatar_client.AuthenticatedClient`, with this client's key, URL and timeout.

        For fields and operations the facade does not cover. It has its own
        connection pool, closed with this client. Typed `Any` so that no
        generated type is part of the facade's API.
        """
        if self._lowlevel is None:
            # Imported on first use: the generated package costs start-up time
            # that only callers of this method should pay.
            from . import _lowlevel

            headers = {"User-Agent": USER_AGENT, **self._default_headers}
            self._lowlevel = _lowlevel.build_lowlevel_client(
                base_url=self._base_url, api_key=self._api_key, timeout=self._timeout, headers=headers
            )
        return self._lowlevel

    @staticmethod
    def _encode(body: dict[str, Any]) -> bytes:
        """The JSON request body, encoded once for every attempt, as httpx would encode it."""
        try:
            return json.dumps(body, ensure_ascii=False, separators=(",", ":"), allow_nan=False).encode("utf-8")
        except (TypeError, ValueError) as exc:
            # Checked fields always encode; only the unchecked extra_body can fail here.
            raise InvalidRequestError([FieldError("extra_body", f"cannot be sent as JSON: {exc}")]) from None

    def _call_settings(self, timeout: TimeoutTypes | None, max_retries: int | None) -> tuple[httpx.Timeout, int]:
        return (
            self._timeout if timeout is None else _as_timeout(timeout, "timeout"),
            self._max_retries if max_retries is None else _as_max_retries(max_retries, "max_retries"),
        )

    def _after_response(
        self, response: httpx.Response, retries_taken: int, max_retries: int, started: float
    ) -> _Attempt:
        status = response.status_code
        headers = response.headers
        if logger.isEnabledFor(logging.DEBUG):
            logger.debug(
                "POST %s -> %d in %.1f ms (retry %d, request id %s)",
                TOKEN_PATH,
                status,
                (time.perf_counter() - started) * 1000.0,
                retries_taken,
                _response.find_request_id(headers),
            )
        if 200 <= status < 300:
            try:
                return _Attempt(token=_response.session_token(response, retries_taken))
            except APIError as exc:
                return _Attempt(error=exc)
        server_wait = _retry.retry_after_seconds(headers)
        if retries_taken < max_retries and _retry.server_allows_retry(status, headers):
            if server_wait is None or server_wait <= MAX_RETRY_AFTER:
                return self._retry_after(f"HTTP {status}", retries_taken, max_retries, server_wait)
            logger.info("Not retrying: the server asked to wait %.0f s, over %.0f s", server_wait, MAX_RETRY_AFTER)
        return _Attempt(error=_response.status_error(response, retries_taken, server_wait))

    def _after_transport_error(self, exc: httpx.RequestError, retries_taken: int, max_retries: int) -> _Attempt:
        if logger.isEnabledFor(logging.DEBUG):
            logger.debug("POST %s failed: %s (retry %d)", TOKEN_PATH, type(exc).__name__, retries_taken)
        if retries_taken < max_retries:
            return self._retry_after(type(exc).__name__, retries_taken, max_retries, None)
        if isinstance(exc, httpx.TimeoutException):
            return _Attempt(
                error=APITimeoutError(f"Request timed out ({type(exc).__name__})", retries_taken=retries_taken)
            )
        return _Attempt(
            error=APIConnectionError(f"Connection error ({type(exc).__name__}: {exc})", retries_taken=retries_taken)
        )

    @staticmethod
    def _retry_after(cause: str, retries_taken: int, max_retries: int, server_wait: float | None) -> _Attempt:
        delay = _retry.backoff_delay(retries_taken) if server_wait is None else server_wait
        logger.info(
            "Retrying POST %s in %.2f s after %s (retry %d of %d)",
            TOKEN_PATH,
            delay,
            cause,
            retries_taken + 1,
            max_retries,
        )
        return _Attempt(delay=delay)


class LiveAvatar(_ClientCore):
    """The synchronous LiveAvatar client.

    Args:
        api_key: The API key; else `LIVEAVATAR_API_KEY`, read now.
        base_url: Else `LIVEAVATAR_BASE_URL`, else `https://api.liveavatar.com`.
        timeout: Seconds, or an `httpx.Timeout`; default 30 s overall, 5 s to connect.
        max_retries: Retries after the first attempt; default 2, 0 turns them off.
        http_client: Your own `httpx.Client` (proxies, transports, limits).
            The client does not close it; `timeout` still applies per request.
        default_headers: Sent with every request.

    Raises:
        LiveAvatarError: No API key, or a base URL that is not http(s).
    """

    def __init__(
        self,
        *,
        api_key: str | None = None,
        base_url: str | None = None,
        timeout: TimeoutTypes | None = None,
        max_retries: int | None = None,
        http_client: httpx.Client | None = None,
        default_headers: Mapping[str, str] | None = None,
    ) -> None:
        super().__init__(
            api_key=api_key,
            base_url=base_url,
            timeout=timeout,
            max_retries=max_retries,
            default_headers=default_headers,
        )
        self._http = self._pool(http_client, httpx.Client)
        self.sessions = Sessions(self)
        """Session tokens: `create_token` (FULL) and `create_lite_token` (LITE)."""

    def with_options(
        self,
        *,
        api_key: str | None = None,
        base_url: str | None = None,
        timeout: TimeoutTypes | None = None,
        max_retries: int | None = None,
        default_headers: Mapping[str, str] | None = None,
    ) -> LiveAvatar:
        """A client like this one with some settings changed; it shares this client's connection pool."""
        options = self._options(
            api_key=api_key,
            base_url=base_url,
            timeout=timeout,
            max_retries=max_retries,
            default_headers=default_headers,
        )
        return LiveAvatar(http_client=self._http, **options)

    def close(self) -> None:
        """Close the connection pool, unless it came from `http_client`."""
        if self._owns_http:
            self._http.close()
        if self._lowlevel is not None:
            self._lowlevel.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def _mint(self, body: dict[str, Any], timeout: TimeoutTypes | None, max_retries: int | None) -> SessionToken:
        request_timeout, retries_allowed = self._call_settings(timeout, max_retries)
        content = self._encode(body)
        retries_taken = 0
        while True:
            started = time.perf_counter()
            try:
                response = self._http.post(
                    self._token_url, content=content, headers=self._request_headers, timeout=request_timeout
                )
            except httpx.RequestError as exc:
                attempt = self._after_transport_error(exc, retries_taken, retries_allowed)
                if attempt.error is not None:
                    raise attempt.error from exc
            else:
                # `post` has read the body and released the connection already.
                attempt = self._after_response(response, retries_taken, retries_allowed, started)
                if attempt.token is not None:
                    return attempt.token
                if attempt.error is not None:
                    raise attempt.error from None
            _retry.wait(attempt.delay)
            retries_taken += 1


class AsyncLiveAvatar(_ClientCore):
    """The asynchronous LiveAvatar client; the same arguments as `LiveAvatar`.

    `http_client` is an `httpx.AsyncClient`. Close with `await client.aclose()`
    or `async with`.
    """

    def __init__(
        self,
        *,
        api_key: str | None = None,
        base_url: str | None = None,
        timeout: TimeoutTypes | None = None,
        max_retries: int | None = None,
        http_client: httpx.AsyncClient | None = None,
        default_headers: Mapping[str, str] | None = None,
    ) -> None:
        super().__init__(
            api_key=api_key,
            base_url=base_url,
            timeout=timeout,
            max_retries=max_retries,
            default_headers=default_headers,
        )
        self._http = self._pool(http_client, httpx.AsyncClient)
        self.sessions = AsyncSessions(self)
        """Session tokens: `create_token` (FULL) and `create_lite_token` (LITE)."""

    def with_options(
        self,
        *,
        api_key: str | None = None,
        base_url: str | None = None,
        timeout: TimeoutTypes | None = None,
        max_retries: int | None = None,
        default_headers: Mapping[str, str] | None = None,
    ) -> AsyncLiveAvatar:
        """A client like this one with some settings changed; it shares this client's connection pool."""
        options = self._options(
            api_key=api_key,
            base_url=base_url,
            timeout=timeout,
            max_retries=max_retries,
            default_headers=default_headers,
        )
        return AsyncLiveAvatar(http_client=self._http, **options)

    async def aclose(self) -> None:
        """Close the connection pool, unless it came from `http_client`."""
        if self._owns_http:
            await self._http.aclose()
        if self._lowlevel is not None:
            await self._lowlevel.aclose()

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        await self.aclose()

    async def _mint(self, body: dict[str, Any], timeout: TimeoutTypes | None, max_retries: int | None) -> SessionToken:
        request_timeout, retries_allowed = self._call_settings(timeout, max_retries)
        content = self._encode(body)
        retries_taken = 0
        while True:
            started = time.perf_counter()
            try:
                response = await self._http.post(
                    self._token_url, content=content, headers=self._request_headers, timeout=request_timeout
                )
            except httpx.RequestError as exc:
                attempt = self._after_transport_error(exc, retries_taken, retries_allowed)
                if attempt.error is not None:
                    raise attempt.error from exc
            else:
                attempt = self._after_response(response, retries_taken, retries_allowed, started)
                if attempt.token is not None:
                    return attempt.token
                if attempt.error is not None:
                    raise attempt.error from None
            await _retry.async_wait(attempt.delay)
            retries_taken += 1


class Sessions:
    """`client.sessions`: mint session tokens."""

    def __init__(self, client: LiveAvatar) -> None:
        self._client = client

    def create_token(
        self,
        *,
        avatar_id: Id,
        persona: Persona | None = None,
        voice_agent: VoiceAgent | None = None,
        sandbox: bool = False,
        video_settings: VideoSettings | None = None,
        max_session_duration: int | None = None,
        interactivity_type: InteractivityType | None = None,
        llm_configuration_id: Id | None = None,
        dynamic_variables: Mapping[str, str] | None = None,
        memory: Memory | None = None,
        extra_body: Mapping[str, object] | None = None,
        timeout: TimeoutTypes | None = None,
        max_retries: int | None = None,
    ) -> SessionToken:
        """Mint a FULL-mode token: LiveAvatar listens, thinks and speaks.

        Give exactly one of `persona` (inline voice and context) and
        `voice_agent` (a stored agent). `extra_body` is merged into the JSON
        last, for fields this SDK does not model yet. `timeout` and
        `max_retries` override the client's for this call.

        Raises:
            InvalidRequestError: The input breaks a rule; nothing was sent.
            APIStatusError: The API refused (a subclass per status).
            APIConnectionError: No response (`APITimeoutError` on timeout).
            APIResponseValidationError: A 2xx without a token in it.
        """
        body = _request.full_body(
            avatar_id=avatar_id,
            persona=persona,
            voice_agent=voice_agent,
            sandbox=sandbox,
            video_settings=video_settings,
            max_session_duration=max_session_duration,
            interactivity_type=interactivity_type,
            llm_configuration_id=llm_configuration_id,
            dynamic_variables=dynamic_variables,
            memory=memory,
            extra_body=extra_body,
        )
        return self._client._mint(body, timeout, max_retries)

    def create_lite_token(
        self,
        *,
        avatar_id: Id,
        sandbox: bool = False,
        video_settings: VideoSettings | None = None,
        max_session_duration: int | None = None,
        livekit: LiveKitConfig | None = None,
        agora: AgoraConfig | None = None,
        elevenlabs_agent: ElevenLabsAgentConfig | None = None,
        openai_realtime: OpenAIRealtimeConfig | None = None,
        gemini_realtime: GeminiRealtimeConfig | None = None,
        extra_body: Mapping[str, object] | None = None,
        timeout: TimeoutTypes | None = None,
        max_retries: int | None = None,
    ) -> SessionToken:
        """Mint a LITE-mode token: you bring the conversation, LiveAvatar renders the avatar.

        At most one connector: your own `livekit` room or `agora` channel,
        or an `elevenlabs_agent`, `openai_realtime` or `gemini_realtime`
        agent. With none, LiveAvatar hosts the room. Otherwise as
        `create_token`.
        """
        body = _request.lite_body(
            avatar_id=avatar_id,
            sandbox=sandbox,
            video_settings=video_settings,
            max_session_duration=max_session_duration,
            livekit=livekit,
            agora=agora,
            elevenlabs_agent=elevenlabs_agent,
            openai_realtime=openai_realtime,
            gemini_realtime=gemini_realtime,
            extra_body=extra_body,
        )
        return self._client._mint(body, timeout, max_retries)


class AsyncSessions:
    """`client.sessions` of `AsyncLiveAvatar`: the same methods as `Sessions`, awaited."""

    def __init__(self, client: AsyncLiveAvatar) -> None:
        self._client = client

    async def create_token(
        self,
        *,
        avatar_id: Id,
        persona: Persona | None = None,
        voice_agent: VoiceAgent | None = None,
        sandbox: bool = False,
        video_settings: VideoSettings | None = None,
        max_session_duration: int | None = None,
        interactivity_type: InteractivityType | None = None,
        llm_configuration_id: Id | None = None,
        dynamic_variables: Mapping[str, str] | None = None,
        memory: Memory | None = None,
        extra_body: Mapping[str, object] | None = None,
        timeout: TimeoutTypes | None = None,
        max_retries: int | None = None,
    ) -> SessionToken:
        """Mint a FULL-mode token; see `Sessions.create_token`."""
        body = _request.full_body(
            avatar_id=avatar_id,
            persona=persona,
            voice_agent=voice_agent,
            sandbox=sandbox,
            video_settings=video_settings,
            max_session_duration=max_session_duration,
            interactivity_type=interactivity_type,
            llm_configuration_id=llm_configuration_id,
            dynamic_variables=dynamic_variables,
            memory=memory,
            extra_body=extra_body,
        )
        return await self._client._mint(body, timeout, max_retries)

    async def create_lite_token(
        self,
        *,
        avatar_id: Id,
        sandbox: bool = False,
        video_settings: VideoSettings | None = None,
        max_session_duration: int | None = None,
        livekit: LiveKitConfig | None = None,
        agora: AgoraConfig | None = None,
        elevenlabs_agent: ElevenLabsAgentConfig | None = None,
        openai_realtime: OpenAIRealtimeConfig | None = None,
        gemini_realtime: GeminiRealtimeConfig | None = None,
        extra_body: Mapping[str, object] | None = None,
        timeout: TimeoutTypes | None = None,
        max_retries: int | None = None,
    ) -> SessionToken:
        """Mint a LITE-mode token; see `Sessions.create_lite_token`."""
        body = _request.lite_body(
            avatar_id=avatar_id,
            sandbox=sandbox,
            video_settings=video_settings,
            max_session_duration=max_session_duration,
            livekit=livekit,
            agora=agora,
            elevenlabs_agent=elevenlabs_agent,
            openai_realtime=openai_realtime,
            gemini_realtime=gemini_realtime,
            extra_body=extra_body,
        )
        return await self._client._mint(body, timeout, max_retries)
