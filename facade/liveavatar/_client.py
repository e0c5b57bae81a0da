"""`LiveAvatar` and `AsyncLiveAvatar`: configuration, and the one send path of each.

Both clients share `_BaseClient`, which owns everything that does no I/O:
construction, `with_options`, building requests, and the decisions after each
attempt (return, retry or raise). The two send paths differ only in `await`
and in how the deadline is kept (see `liveavatar._transport`). Every
operation (`liveavatar._operations`) runs through them.

Secrets stay out of frame locals: the API key and request bodies are held
as `Secret`s, responses are read in a frame that returns before anything is
raised, and errors are raised from frames whose locals are safe to show.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import sys
import time
from collections.abc import Mapping
from types import TracebackType
from typing import TYPE_CHECKING, Any, Generic, Self, TypeVar

import httpx

from . import _retry
from ._config import (
    API_KEY_ENV,
    BASE_URL_ENV,
    DEFAULT_BASE_URL,
    DEFAULT_MAX_RETRIES,
    MAX_RESPONSE_BYTES,
    MAX_RETRY_AFTER,
    POOL_LIMITS,
)
from ._errors import (
    APIConnectionError,
    APIError,
    APITimeoutError,
    ClientClosedError,
    ConfigurationError,
    SessionStartUnknownError,
    invalid_field,
)
from ._logging import logger
from ._response import Reply, find_request_id, status_error
from ._secrets import Secret, masked_repr
from ._transport import DeadlineExceeded, Undecodable, aread_limited, read_limited, thread_deadline
from ._types import DEFAULT_CLIENT_TIMEOUT, NOT_GIVEN, ClientTimeout, NotGiven, TimeoutTypes
from ._urls import PathJoiner
from ._version import __version__

if TYPE_CHECKING:
    import asyncio
    import datetime

    from ._live import AsyncLiveSession, LiveSession, SessionRegistry
    from ._models import Id
    from ._operations import Call, Managed
    from ._usage import UsageReport

    _When = datetime.datetime | datetime.date | datetime.timedelta

__all__ = ["AsyncLiveAvatar", "LiveAvatar"]

_T = TypeVar("_T")
_PoolT = TypeVar("_PoolT", httpx.Client, httpx.AsyncClient)

USER_AGENT = (
    f"liveavatar-python/{__version__} python/{'.'.join(map(str, sys.version_info[:3]))} httpx/{httpx.__version__}"
)

_CREDENTIAL_HEADERS = frozenset({"x-api-key", "authorization"})

_MERGED_HEADERS_KEPT = 8
"""Merged header sets kept per client for a caller's pool: one per credential kind, and a few spare
for callers that change their pool's headers; past it the cache starts again."""

# One encoder for every body: `json.dumps` builds a new one per call. Secrets
# in a body are revealed here and nowhere else.
_ENCODER = json.JSONEncoder(
    ensure_ascii=False,
    separators=(",", ":"),
    allow_nan=False,
    default=lambda value: value.reveal() if isinstance(value, Secret) else _unencodable(value),
)


def _unencodable(value: object) -> object:
    raise TypeError(f"Object of type {type(value).__name__} is not JSON serializable")


class _Retry:
    """The decision to wait `delay` seconds and try again."""

    __slots__ = ("delay",)

    def __init__(self, delay: float) -> None:
        self.delay = delay


def _header_safe(text: str) -> bool:
    # What h11 accepts in a header value, less obs-text: printable ASCII.
    return text.isascii() and text.isprintable()


def _read_api_key(api_key: object) -> Secret[str] | str:
    """The key to send, or the problem with it (the caller raises, so no frame holding the key is in the traceback)."""
    key = api_key if api_key is not None else os.environ.get(API_KEY_ENV)
    if key is None or (isinstance(key, str) and not key.strip()):
        return f"No LiveAvatar API key: pass api_key=... to the client, or set the {API_KEY_ENV} environment variable."
    if not isinstance(key, str):
        return f"api_key must be a str, got {type(key).__name__}"
    # A key read from a file or a mounted secret often ends in a newline.
    key = key.strip()
    if not _header_safe(key):
        return "api_key holds characters an HTTP header cannot carry (control or non-ASCII characters)"
    return Secret.text(key)


def _checked_headers(default_headers: object) -> dict[str, str] | str:
    """The caller's default headers, or the problem with them (named by header, never by value)."""
    if default_headers is None:
        return {}
    if not isinstance(default_headers, Mapping):
        return f"default_headers must be a mapping of str to str, got {type(default_headers).__name__}"
    for name in default_headers:
        if not isinstance(name, str):
            return f"default_headers names must be str, got {type(name).__name__}"
        if name.lower() in _CREDENTIAL_HEADERS:
            return (
                f"default_headers must not set {name!r}: pass the key as api_key=, and start() sends the "
                "session token itself"
            )
    return dict(default_headers)


def _check_base_url(url: str) -> tuple[str, str] | str:
    """The base URL without a trailing slash and its masked form, or the problem with it."""
    try:
        parsed = httpx.URL(url)
    except (httpx.InvalidURL, TypeError):
        return "base_url is not a valid URL"
    if parsed.scheme not in ("http", "https") or not parsed.host:
        return f"base_url must be an http(s) URL with a host, got scheme {parsed.scheme!r}"
    if parsed.query or parsed.fragment or "?" in url or "#" in url:
        return "base_url must not have a query or a fragment: request paths are added to it"
    shown = url
    if parsed.userinfo:
        shown = str(parsed.copy_with(username=None, password=None)).replace("://", "://…@", 1)
    return url.rstrip("/"), shown.rstrip("/")


def _as_max_retries(value: object, name: str, *, in_constructor: bool) -> int:
    if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
        return value
    problem = f"must be an int >= 0, got {value!r}"
    if in_constructor:
        raise ConfigurationError(f"{name} {problem}")
    raise invalid_field(name, problem)


class _BaseClient(Generic[_PoolT]):
    """The configuration and the I/O-free half of both clients."""

    def __init__(
        self,
        *,
        api_key: str | None = None,
        base_url: str | None = None,
        timeout: TimeoutTypes | NotGiven = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
        http_client: _PoolT | None = None,
        default_headers: Mapping[str, str] | None = None,
    ) -> None:
        key = _read_api_key(api_key)
        headers = _checked_headers(default_headers)
        # From here on only the masked Secret is a local, should anything below raise: a
        # refused header may be the key itself, given as X-API-KEY by mistake.
        del api_key, default_headers
        if isinstance(key, str):
            raise ConfigurationError(key)
        if isinstance(headers, str):
            raise ConfigurationError(headers)
        self._configure(key, base_url, timeout, max_retries, http_client, headers)

    def _configure(
        self,
        api_key: Secret[str],
        base_url: str | None,
        timeout: TimeoutTypes | ClientTimeout | NotGiven,
        max_retries: int | NotGiven,
        http_client: _PoolT | None,
        default_headers: dict[str, str],
    ) -> None:
        """Set the client up from checked credentials and headers; raises ConfigurationError for the rest."""
        self._api_key = api_key
        checked = _check_base_url(base_url or os.environ.get(BASE_URL_ENV) or DEFAULT_BASE_URL)
        if isinstance(checked, str):
            raise ConfigurationError(checked)
        self._base_url, self._shown_base_url = checked
        if isinstance(timeout, ClientTimeout):
            self._timeout = timeout
        elif isinstance(timeout, NotGiven):
            self._timeout = DEFAULT_CLIENT_TIMEOUT
        else:
            self._timeout = ClientTimeout.from_value(timeout, "timeout", in_constructor=True)
        self._max_retries = (
            DEFAULT_MAX_RETRIES
            if isinstance(max_retries, NotGiven)
            else _as_max_retries(max_retries, "max_retries", in_constructor=True)
        )
        self._default_headers = default_headers
        try:
            base_headers = {
                "Accept": "application/json",
                "User-Agent": USER_AGENT,
                **self._default_headers,
            }
            self._plain_headers = httpx.Headers(base_headers)
            # Built once: every API-key call sends the same headers.
            self._key_headers = httpx.Headers({**base_headers, "X-API-KEY": api_key.reveal()})
            self._key_json_headers = httpx.Headers(
                {**base_headers, "Content-Type": "application/json", "X-API-KEY": api_key.reveal()}
            )
        except (UnicodeEncodeError, TypeError):
            raise ConfigurationError(
                "default_headers hold a name or value an HTTP header cannot carry (non-ASCII text or not a str)"
            ) from None
        self._urls: dict[str, httpx.URL] = {}
        self._join = PathJoiner(self._base_url)
        self._lowlevel: Any = None
        self._owns_http = http_client is None
        """Whether `close` closes the pool (not for a caller's, nor for a `with_options` copy)."""
        self._pool_is_ours = http_client is None
        """Whether the pool is one this SDK built, so requests need none of its defaults merged in."""
        self._merged_headers: dict[tuple[int, tuple[tuple[bytes, bytes], ...]], httpx.Headers] = {}
        self._gate: _PoolGate | None = None
        """In front of the async client's own pool; see `_PoolGate`."""
        self._http: _PoolT = self._own_pool() if http_client is None else http_client
        self._closed = False
        """Whether this client's own `close` ran (a derived client's refuses calls after it)."""
        self._registry_made: SessionRegistry | None = None
        """The owner of managed sessions, shared with every client derived from this one; made on first use."""
        self._make_resources()

    @property
    def _registry(self) -> SessionRegistry:
        if self._registry_made is None:
            from ._live import SessionRegistry  # loaded with the first managed session, not with every client

            self._registry_made = SessionRegistry()
        return self._registry_made

    def _raise_if_pool_closed(self) -> None:
        """A closed `http_client` (the caller's, closed by its owner) refuses with a typed error, not httpx's."""
        if self._http.is_closed:
            raise ClientClosedError("The http_client this client sends with is closed") from None

    def _check_open(self) -> None:
        registry = self._registry_made
        if self._closed or (registry is not None and registry.closed):
            raise ClientClosedError(
                "This client is closed (or was derived with with_options from a client that is): make a new one"
            )

    def _own_pool(self) -> _PoolT:
        raise NotImplementedError

    def _make_resources(self) -> None:
        raise NotImplementedError

    @property
    def base_url(self) -> str:
        """The API's base URL, without a trailing slash."""
        return self._base_url

    @property
    def timeout(self) -> httpx.Timeout:
        """The per-phase timeouts each request gets unless a call names its own."""
        return self._timeout.phases

    @property
    def max_retries(self) -> int:
        """Retries after the first attempt, unless a call names its own."""
        return self._max_retries

    def __repr__(self) -> str:
        # getattr: a reporter may format a client whose constructor raised half-way.
        return (
            f"{type(self).__name__}(base_url={getattr(self, '_shown_base_url', None)!r}, "
            f"api_key={masked_repr(getattr(self, '_api_key', None))}, "
            f"max_retries={getattr(self, '_max_retries', None)})"
        )

    def with_options(
        self,
        *,
        api_key: str | None = None,
        base_url: str | None = None,
        timeout: TimeoutTypes | NotGiven = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
        default_headers: Mapping[str, str] | None = None,
    ) -> Self:
        """A client like this one with some settings changed; it shares this client's connection pool."""
        key = self._api_key if api_key is None else _read_api_key(api_key)
        headers = _checked_headers({**self._default_headers, **(default_headers or {})})
        del api_key, default_headers
        if isinstance(key, str):
            raise ConfigurationError(key)
        if isinstance(headers, str):
            raise ConfigurationError(headers)
        clone = type(self).__new__(type(self))
        clone._configure(
            key,
            base_url or self._base_url,
            self._timeout if isinstance(timeout, NotGiven) else timeout,
            self._max_retries if isinstance(max_retries, NotGiven) else max_retries,
            self._http,
            headers,
        )
        clone._owns_http = False
        clone._pool_is_ours = self._pool_is_ours
        clone._gate = self._gate  # the same pool, so the same bound on what is in it
        clone._registry_made = self._registry  # one owner of managed sessions: the root closes them all
        clone._root = False
        return clone

    _root = True
    """Whether this client was built, not derived: its `close` stops every managed session and the pool."""

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

            self._lowlevel = _lowlevel.build_lowlevel_client(
                base_url=self._base_url,
                api_key=self._api_key,
                timeout=self._timeout.phases,
                headers={"User-Agent": USER_AGENT, **self._default_headers},
            )
        return self._lowlevel

    # -- building a request --------------------------------------------------------------------------------------

    def _settings(self, call: Call[Any]) -> tuple[ClientTimeout, int]:
        timeout = (
            self._timeout
            if isinstance(call.timeout, NotGiven)
            else ClientTimeout.from_value(call.timeout, "timeout", in_constructor=False)
        )
        retries = (
            self._max_retries
            if isinstance(call.max_retries, NotGiven)
            else _as_max_retries(call.max_retries, "max_retries", in_constructor=False)
        )
        return timeout, retries

    @staticmethod
    def _encode(call: Call[Any]) -> Secret[bytes] | None:
        """The JSON body, encoded once for every attempt; a `Secret`, since it may carry third-party tokens."""
        if call.body is None:
            return None
        if call.encoded is not None:
            return call.encoded
        try:
            # Kept on the call: a heartbeat sends the same keep-alive call again and again.
            call.encoded = Secret(_ENCODER.encode(call.body).encode("utf-8"))
            return call.encoded
        except (TypeError, ValueError, RecursionError) as exc:
            # Checked fields always encode; only the unchecked extra_body can fail here.
            raise invalid_field("extra_body", f"cannot be sent as JSON: {exc}") from None

    def _url(self, call: Call[Any]) -> httpx.URL:
        url = self._urls.get(call.path)
        if url is None:
            # Built from the base URL parsed once: httpx would parse a string again on every request.
            url = self._join(call.path)
            if call.path == call.operation.path:
                self._urls[call.path] = url
        return url.copy_merge_params(call.params) if call.params else url

    def _request(
        self, call: Call[Any], url: httpx.URL, content: Secret[bytes] | None, timeout: ClientTimeout
    ) -> httpx.Request:
        if call.session_token is not None:
            headers = httpx.Headers(self._plain_headers)
            headers["Authorization"] = "Bearer " + call.session_token.reveal()
            if content is not None:
                headers["Content-Type"] = "application/json"
        else:
            headers = self._key_json_headers if content is not None else self._key_headers
        body = None if content is None else content.reveal()
        if not self._pool_is_ours:
            pool = self._http
            if pool.cookies or pool.params:
                # Rare: let httpx merge what it alone knows how to.
                return pool.build_request(
                    call.operation.method, url, headers=headers, content=body, timeout=timeout.phases
                )
            if call.session_token is None:
                headers = self._under_caller_headers(pool.headers, headers)
            else:
                # Built for this call alone (it carries the session token): merged, never cached.
                merged = httpx.Headers(pool.headers)
                merged.update(headers)
                headers = merged
        return httpx.Request(
            call.operation.method, url, headers=headers, content=body, extensions={"timeout": timeout.extension}
        )

    def _under_caller_headers(self, theirs: httpx.Headers, ours: httpx.Headers) -> httpx.Headers:
        """A caller's pool's default headers with ours on top, as `build_request` merges them, cached.

        `build_request` re-merges and re-parses on every call, about a fifth of
        a call's cost; the cache is keyed on the caller's current headers, so a
        change to them is picked up at once. `ours` is one of the client's own
        prebuilt header sets, alive as long as the client, so its id is stable.
        """
        raw = tuple(theirs.raw)
        key = (id(ours), raw)
        merged = self._merged_headers.get(key)
        if merged is None:
            merged = httpx.Headers(theirs)
            merged.update(ours)
            if len(self._merged_headers) >= _MERGED_HEADERS_KEPT:
                self._merged_headers.clear()
            self._merged_headers[key] = merged
        return merged

    # -- deciding after an attempt -------------------------------------------------------------------------------

    def _after_response(self, call: Call[_T], reply: Reply, max_retries: int, started: float) -> _T | APIError | _Retry:
        status = reply.status
        if logger.isEnabledFor(logging.DEBUG):
            logger.debug(
                "%s %s -> %d in %.1f ms (retry %d, request id %s)",
                call.operation.method,
                call.path,
                status,
                (time.monotonic() - started) * 1000.0,
                reply.retries_taken,
                find_request_id(reply.headers),
            )
        if 200 <= status < 300:
            return call.operation.read(reply)
        headers = reply.headers
        server_wait = _retry.retry_after_seconds(headers)
        if call.operation.retry != "idempotent":
            may_retry = _retry.server_allows_start_retry(status, headers)
        else:
            may_retry = _retry.server_allows_retry(status, headers)
        if reply.retries_taken < max_retries and may_retry:
            if server_wait is None or server_wait <= MAX_RETRY_AFTER:
                return self._retry_after(call, f"HTTP {status}", reply.retries_taken, max_retries, server_wait)
            logger.info("Not retrying: the server asked to wait %.0f s, over %.0f s", server_wait, MAX_RETRY_AFTER)
        hint = call.operation.unauthorized_hint if status == 401 else None
        return status_error(reply, server_wait, hint)

    def _after_transport_error(
        self, call: Call[Any], exc: Exception, retries_taken: int, max_retries: int
    ) -> APIError | _Retry:
        kind = type(exc).__name__
        if logger.isEnabledFor(logging.DEBUG):
            logger.debug("%s %s failed: %s (retry %d)", call.operation.method, call.path, kind, retries_taken)
        where = f"{call.operation.method} {self._shown_base_url}{call.path}"
        never_sent = isinstance(exc, httpx.ConnectError | httpx.ConnectTimeout | httpx.PoolTimeout)
        if isinstance(exc, httpx.LocalProtocolError):
            # Our own request could not be written: another attempt fails the same way.
            return APIConnectionError(
                f"The request to {where} could not be sent ({kind}: a header or body HTTP cannot carry)",
                retries_taken=retries_taken,
            )
        if call.operation.retry == "start" and not never_sent:
            return SessionStartUnknownError(
                f"{where} failed after the request may have reached the server ({kind}): the session "
                f"{call.session_id or '(id unknown)'} may have started and be billed. It was not retried, since "
                "start is not idempotent: stop it or look it up with sessions.get before starting again.",
                session_id=call.session_id,
                retries_taken=retries_taken,
            )
        # A create that may have reached the server is not sent again: it would make a second resource.
        if retries_taken < max_retries and (never_sent or call.operation.retry != "create"):
            return self._retry_after(call, kind, retries_taken, max_retries, None)
        if isinstance(exc, httpx.TimeoutException | DeadlineExceeded):
            return APITimeoutError(f"{where} timed out ({kind})", retries_taken=retries_taken)
        # OS-level text ("[Errno 111] Connection refused") helps; nothing else from httpx is shown,
        # since its messages may quote what was sent.
        detail = f": {exc}" if isinstance(exc, httpx.ConnectError) else ""
        return APIConnectionError(f"Connection error on {where} ({kind}{detail})", retries_taken=retries_taken)

    @staticmethod
    def _retry_after(
        call: Call[Any], cause: str, retries_taken: int, max_retries: int, server_wait: float | None
    ) -> _Retry:
        delay = _retry.backoff_delay(retries_taken) if server_wait is None else server_wait
        logger.info(
            "Retrying %s %s in %.2f s after %s (retry %d of %d)",
            call.operation.method,
            call.path,
            delay,
            cause,
            retries_taken + 1,
            max_retries,
        )
        return _Retry(delay)


class LiveAvatar(_BaseClient[httpx.Client]):
    """The synchronous LiveAvatar client.

    Args:
        api_key: The API key; else `LIVEAVATAR_API_KEY`, read now. Surrounding
            whitespace is stripped.
        base_url: Else `LIVEAVATAR_BASE_URL`, else `https://api.liveavatar.com`.
        timeout: Seconds for each attempt's whole exchange, connect to last
            byte (default 30 s, 5 s of it to connect), or an `httpx.Timeout`.
        max_retries: Retries after the first attempt; default 2, 0 turns them off.
        http_client: Your own `httpx.Client` (proxies, transports, limits).
            The client does not close it; `timeout` still applies per request.
        default_headers: Sent with every request.

    Raises:
        ConfigurationError: No API key, or a bad base URL, timeout or header.
    """

    def _own_pool(self) -> httpx.Client:
        # Imported here: httpcore, which it loads, is heavy, and httpx itself loads it only when a pool is built.
        from ._deadline_backend import deadline_transport

        return httpx.Client(transport=deadline_transport(POOL_LIMITS), timeout=self._timeout.phases)

    def _make_resources(self) -> None:
        from ._resources import Sessions, Users

        self.sessions = Sessions(self)
        """Session tokens and the session lifecycle."""
        self.users = Users(self)
        """The account: `credits()`."""
        from . import _account_resources as account

        self.avatars = account.Avatars(self)
        self.voices = account.Voices(self)
        self.contexts = account.Contexts(self)
        self.memories = account.Memories(self)
        self.secrets = account.Secrets(self)
        self.llm_configurations = account.LLMConfigurations(self)
        self.llm_models = account.LLMModels(self)
        self.languages = account.Languages(self)
        self.embeds = account.Embeds(self)
        self.voice_agents = account.VoiceAgents(self)

    def _start_managed(self, plan: Managed) -> LiveSession:
        self._check_open()
        return self._registry.start(self._deliver, self, plan)

    def stop_live_sessions(self) -> list[str]:
        """Stop every managed session held by this client's registry (its root's and every derived client's); their ids.

        The stops run in parallel, each call with a `CLOSE_STOP_TIMEOUT` timeout,
        and this returns within twice that, however many sessions there are; a
        stop that fails or has no answer is logged.
        """
        return self._registry.stop_held()

    def abort_live_channels(self) -> None:
        """Cut the LITE sockets of every managed session held, at once, without taking any lock.

        For a signal handler of your own: it may run on top of a blocked
        `speak()` holding a lock, so it aborts sockets (which frees that send)
        and leaves the HTTP stops to `stop_live_sessions()`, best called from
        another thread. `stop_sessions_on_signals` does exactly this.
        """
        self._registry.abort_channels()

    def usage(self, *, since: _When, until: _When | None = None, avatar_id: Id | None = None) -> UsageReport:
        """What the sessions that started in `[since, until)` cost, summed exactly; see the usage guide."""
        from . import _procedures, _usage  # loaded with the first report, not with every client

        return _procedures.run(self._send, _usage.usage(since=since, until=until, avatar_id=avatar_id))

    def close(self) -> None:
        """Stop the managed sessions still held, then close the connection pool, unless it came from `http_client`.

        On a client made by `with_options`, only marks it closed: the
        sessions and the pool belong to the client it was derived from.
        """
        if self._closed:
            return
        self._closed = True
        if not self._root:
            return
        if self._registry_made is not None:
            self._registry_made.close()
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

    def _send(self, call: Call[_T]) -> _T:
        self._check_open()
        return self._deliver(call)

    def _deliver(self, call: Call[_T]) -> _T:
        """`_send` without the closed check: what managed sessions send with, up to their stop at close."""
        timeout, max_retries = self._settings(call)
        content = self._encode(call)
        url = self._url(call)
        retries_taken = 0
        while True:
            outcome = self._attempt(call, url, content, timeout, retries_taken, max_retries)
            if isinstance(outcome, _Retry):
                _retry.wait(outcome.delay)
                retries_taken += 1
            elif isinstance(outcome, APIError):
                raise outcome
            else:
                return outcome

    def _attempt(
        self,
        call: Call[_T],
        url: httpx.URL,
        content: Secret[bytes] | None,
        timeout: ClientTimeout,
        retries_taken: int,
        max_retries: int,
    ) -> _T | APIError | _Retry:
        started = time.monotonic()
        deadline = started + timeout.budget
        thread_deadline.value = deadline
        try:
            response = self._http.send(self._request(call, url, content, timeout), stream=True, follow_redirects=False)
            undecodable = False
            try:
                body, truncated = read_limited(response, MAX_RESPONSE_BYTES, deadline)
            except Undecodable:
                # The server answered: a reply to read as what it is, not a transport error to retry.
                body, truncated, undecodable = b"", False, True
            finally:
                # Unread bytes (a body over the limit) close the connection instead of returning it to the pool.
                response.close()
        except (httpx.RequestError, DeadlineExceeded) as exc:
            return self._after_transport_error(call, exc, retries_taken, max_retries)
        except RuntimeError:
            self._raise_if_pool_closed()
            raise
        finally:
            thread_deadline.value = None
        reply = Reply(response, body, truncated, retries_taken, undecodable)
        return self._after_response(call, reply, max_retries, started)


class _PoolGate:
    """Lets at most `size` requests into the async client's own pool at once; the rest wait here.

    httpcore 1.0's pool re-examines every connection it holds, and every
    request queued in it, each time a request enters or leaves
    (encode/httpcore#1035), so its CPU per request grows with both. Waiting
    on a semaphore instead costs nothing per waiter, and the pool never
    queues. The wait is inside the call's deadline, as a wait for a pooled
    connection is. One semaphore per event loop: asyncio binds one to the
    loop it first waits on.
    """

    __slots__ = ("_loop", "_semaphore", "_size")

    def __init__(self, size: int) -> None:
        self._size = size
        self._loop: asyncio.AbstractEventLoop | None = None
        self._semaphore: asyncio.Semaphore | None = None

    def for_loop(self, loop: asyncio.AbstractEventLoop) -> asyncio.Semaphore:
        if loop is not self._loop or self._semaphore is None:
            import asyncio  # loaded already: the caller runs on `loop`

            self._loop, self._semaphore = loop, asyncio.Semaphore(self._size)
        return self._semaphore


_NO_GATE = contextlib.nullcontext()


class AsyncLiveAvatar(_BaseClient[httpx.AsyncClient]):
    """The asynchronous LiveAvatar client; the same arguments as `LiveAvatar`.

    `http_client` is an `httpx.AsyncClient`. Close with `await client.aclose()`
    or `async with`. Runs on asyncio.
    """

    def _own_pool(self) -> httpx.AsyncClient:
        if POOL_LIMITS.max_connections is not None:  # an unbounded pool has no queue to keep callers out of
            self._gate = _PoolGate(POOL_LIMITS.max_connections)
        return httpx.AsyncClient(limits=POOL_LIMITS, timeout=self._timeout.phases)

    def _make_resources(self) -> None:
        from ._resources import AsyncSessions, AsyncUsers

        self.sessions = AsyncSessions(self)
        """Session tokens and the session lifecycle."""
        self.users = AsyncUsers(self)
        """The account: `credits()`."""
        from . import _account_resources as account

        self.avatars = account.AsyncAvatars(self)
        self.voices = account.AsyncVoices(self)
        self.contexts = account.AsyncContexts(self)
        self.memories = account.AsyncMemories(self)
        self.secrets = account.AsyncSecrets(self)
        self.llm_configurations = account.AsyncLLMConfigurations(self)
        self.llm_models = account.AsyncLLMModels(self)
        self.languages = account.AsyncLanguages(self)
        self.embeds = account.AsyncEmbeds(self)
        self.voice_agents = account.AsyncVoiceAgents(self)

    async def _start_managed(self, plan: Managed) -> AsyncLiveSession:
        self._check_open()
        return await self._registry.astart(self._deliver, self, plan)

    async def stop_live_sessions(self) -> list[str]:
        """Stop every managed session held by this client's registry (its root's and every derived client's); their ids.

        As `LiveAvatar.stop_live_sessions`: in parallel, within twice `CLOSE_STOP_TIMEOUT`.
        """
        return await self._registry.astop_held()

    async def usage(self, *, since: _When, until: _When | None = None, avatar_id: Id | None = None) -> UsageReport:
        """What the sessions that started in `[since, until)` cost, summed exactly; see the usage guide."""
        from . import _procedures, _usage

        return await _procedures.arun(self._send, _usage.usage(since=since, until=until, avatar_id=avatar_id))

    async def aclose(self) -> None:
        """Stop the managed sessions still held, then close the connection pool, unless it came from `http_client`.

        On a client made by `with_options`, only marks it closed: the
        sessions and the pool belong to the client it was derived from.
        """
        if self._closed:
            return
        self._closed = True
        if not self._root:
            return
        if self._registry_made is not None:
            await self._registry_made.aclose()
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

    async def _send(self, call: Call[_T]) -> _T:
        self._check_open()
        return await self._deliver(call)

    async def _deliver(self, call: Call[_T]) -> _T:
        """`_send` without the closed check: what managed sessions send with, up to their stop at close."""
        timeout, max_retries = self._settings(call)
        content = self._encode(call)
        url = self._url(call)
        retries_taken = 0
        while True:
            outcome = await self._attempt(call, url, content, timeout, retries_taken, max_retries)
            if isinstance(outcome, _Retry):
                await _retry.async_wait(outcome.delay)
                retries_taken += 1
            elif isinstance(outcome, APIError):
                raise outcome
            else:
                return outcome

    async def _attempt(
        self,
        call: Call[_T],
        url: httpx.URL,
        content: Secret[bytes] | None,
        timeout: ClientTimeout,
        retries_taken: int,
        max_retries: int,
    ) -> _T | APIError | _Retry:
        # Imported here, not at the top: sync-only users should not pay for asyncio at import.
        # Under a running loop it is already loaded, so this is a dictionary lookup.
        import asyncio

        started = time.monotonic()
        try:
            async with asyncio.timeout(timeout.budget):
                request = self._request(call, url, content, timeout)
                async with _NO_GATE if self._gate is None else self._gate.for_loop(asyncio.get_running_loop()):
                    response = await self._http.send(request, stream=True, follow_redirects=False)
                    undecodable = False
                    try:
                        body, truncated = await aread_limited(response, MAX_RESPONSE_BYTES)
                    except Undecodable:
                        body, truncated, undecodable = b"", False, True
                    finally:
                        await response.aclose()
        except httpx.RequestError as exc:
            return self._after_transport_error(call, exc, retries_taken, max_retries)
        except RuntimeError:
            self._raise_if_pool_closed()
            raise
        except TimeoutError:
            return self._after_transport_error(call, DeadlineExceeded(), retries_taken, max_retries)
        return self._after_response(
            call, Reply(response, body, truncated, retries_taken, undecodable), max_retries, started
        )
