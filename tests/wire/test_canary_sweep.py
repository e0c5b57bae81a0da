"""The canary sweep over every error path of the hardening tests.

With a canary API key, canary LiveKit and Agora tokens, a canary session
token from the server and a canary raw token for `start`, each path below is
run on a real socket; every error is formatted with
`traceback.TracebackException(capture_locals=True)` (its chain included) and
with str/repr/args/attributes, and `liveavatar`, `httpx` and `httpcore` log at
DEBUG. No canary, nor any 8-character piece of one, may appear anywhere.

"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Iterator
from typing import Any

import pytest

from liveavatar import APIError, LiveAvatar, LiveAvatarError
from liveavatar._config import MAX_RESPONSE_BYTES
from liveavatar.testing import no_retry_waits
from tests.support import run_on
from tests.wire import hardening_support as hs
from tests.wire.conftest import WireServer

pytestmark = pytest.mark.wire


@pytest.fixture
def other_server() -> Iterator[WireServer]:
    """A second origin for the redirect paths."""
    server = WireServer()
    server.start()
    try:
        yield server
    finally:
        server.stop()


def _token_json(**data: Any) -> bytes:
    return json.dumps({"code": 100, "data": data, "message": "ok"}).encode()


@pytest.mark.parametrize("kind", ["sync", "async"])
def test_canary_sweep_every_error_path_leaves_no_canary_piece_anywhere(
    kind: str,
    wire_server: WireServer,
    other_server: WireServer,
    closed_port_url: str,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """Every error path, formatted with capture_locals and DEBUG logs, shows no 8-char canary piece."""
    hs.debug_logging(caplog)
    client_class = LiveAvatar if kind == "sync" else __import__("liveavatar").AsyncLiveAvatar
    server = wire_server
    errors: list[tuple[str, BaseException]] = []

    def options(**extra: Any) -> hs.Options:
        return hs.Options({"api_key": hs.API_KEY, "base_url": server.url, "max_retries": 0, **extra})

    def fails(label: str, action: Callable[[], object]) -> None:
        error = hs.catch(action)
        assert isinstance(error, LiveAvatarError), (label, error)
        errors.append((label, error))

    def lite(
        client_kwargs: hs.Options,
        call: Callable[[], dict[str, Any]] = hs.livekit_call,
        pool: dict[str, Any] | None = None,
        **extra: Any,
    ) -> Any:
        arguments = {**call(), **extra}
        return run_on(kind, client_kwargs, lambda c: c.sessions.create_lite_token(**arguments), pool)

    def full(client_kwargs: hs.Options, pool: dict[str, Any] | None = None) -> Any:
        return run_on(kind, client_kwargs, lambda c: c.sessions.create_token(**hs.persona_call()), pool)

    def start_raw(client_kwargs: hs.Options) -> Any:
        return run_on(kind, client_kwargs, lambda c: c.sessions.start(hs.RAW_SESSION_TOKEN))

    with no_retry_waits():
        # constructor errors
        fails("key with a newline inside", lambda: client_class(api_key=hs.API_KEY[:9] + "\n" + hs.API_KEY[9:]))
        fails("non-ASCII key", lambda: client_class(api_key=hs.API_KEY + "é"))
        fails("base_url with a query", lambda: client_class(api_key=hs.API_KEY, base_url=server.url + "/?t=1"))
        fails("bad timeout", lambda: client_class(api_key=hs.API_KEY, timeout=float("inf")))
        fails(
            "key given as a default header",
            lambda: client_class(api_key="other-client-key-0123456789", default_headers={"X-Api-Key": hs.API_KEY}),
        )
        fails(
            "key given as a default header to with_options",
            lambda: client_class(api_key="other-client-key-0123456789").with_options(
                default_headers={"x-api-key": hs.API_KEY}
            ),
        )
        fails(
            "bad with_options key", lambda: client_class(api_key=hs.API_KEY).with_options(api_key=hs.API_KEY + "\x00")
        )
        monkeypatch.setenv("LIVEAVATAR_BASE_URL", "ftp://bad.example")
        fails("bad LIVEAVATAR_BASE_URL", lambda: client_class(api_key=hs.API_KEY))
        monkeypatch.setenv("LIVEAVATAR_API_KEY", hs.API_KEY + "\n")
        fails("env key, bad env base URL", lambda: client_class())
        monkeypatch.delenv("LIVEAVATAR_BASE_URL")
        monkeypatch.delenv("LIVEAVATAR_API_KEY")

        # input errors with secrets in the arguments
        fails("per-call timeout on a LiveKit mint", lambda: lite(options(), timeout=float("nan")))
        fails("bad avatar on an Agora mint", lambda: lite(options(), hs.agora_call, avatar_id="nope"))

        # redirects, on the own pool and on a caller's pool that follows them
        for status in (302, 307, 308):
            for pool in (None, {"follow_redirects": True}):
                server.script(server.reply(status, {"Location": f"{other_server.url}/v1/sessions/token"}))

                def redirected(pool: dict[str, Any] | None = pool) -> object:
                    return lite(options(), pool=pool)

                fails(f"{status} redirect, pool {pool}", redirected)
        assert 0 == other_server.count

        # local protocol errors
        fails("default header h11 refuses", lambda: lite(options(default_headers={"X-Trace": "a\nb"}, max_retries=2)))
        server.script(
            server.reply(200, body=_token_json(session_id=hs.SESSION_ID, session_token=hs.SESSION_TOKEN + "\n"))
        )
        fails("server token no header can carry", lambda: full(options(max_retries=2)))
        fails(
            "start refuses a raw token",
            lambda: run_on(kind, options(), lambda c: c.sessions.start(hs.RAW_SESSION_TOKEN + "\r\n")),
        )

        # status errors with third-party tokens in the request body
        for status in (400, 401, 404, 422, 429, 500):
            for call in (hs.livekit_call, hs.agora_call):
                body = {"message": "no", "detail": [{"loc": ["body"], "msg": "x", "type": "y"}]}
                server.script(server.reply(status, {"Retry-After": "NaN"}, body))

                def refused(call: Callable[[], dict[str, Any]] = call) -> object:
                    return lite(options(), call)

                fails(f"{status} on {call.__name__}", refused)

        # hostile and unreadable 2xx bodies
        whole = _token_json(session_id=hs.SESSION_ID, session_token=hs.SESSION_TOKEN)
        for cut in (-40, -25, -8, -2):
            server.script(server.reply(200, body=whole[:cut]))
            fails(f"2xx cut at {cut}", lambda: lite(options()))
        server.script(server.reply(200, body=_token_json(session_token=hs.SESSION_TOKEN)))
        fails("2xx token without a session id", lambda: lite(options()))
        server.script(server.reply(200, body=whole[:-1] + b', "pad": "' + b" " * MAX_RESPONSE_BYTES + b'"}'))
        fails("2xx over the size limit", lambda: lite(options()))
        server.script(server.reply(200, {"Content-Encoding": "gzip"}, hs.gzip_bomb(64)))
        fails("gzip bomb", lambda: lite(options()))
        server.script(server.reply(200, body=b"[" * 100_000))
        fails("nested 2xx", lambda: lite(options()))
        server.script(server.reply(400, body=b"[" * 100_000))
        fails("nested 400", lambda: lite(options()))
        server.script(server.reply(500, {"Content-Type": "text/html"}, b"<p>" + b"x" * (2 * MAX_RESPONSE_BYTES)))
        fails("500 over the size limit", lambda: lite(options()))

        # transport errors
        fails("connection refused", lambda: lite(options(base_url=closed_port_url, max_retries=1)))
        server.script(server.reset(), server.reset())
        fails("reset mid-body", lambda: lite(options(max_retries=1)))
        server.script(server.hang())
        fails("never answers", lambda: lite(options(timeout=0.3)))
        server.script(hs.Trickle("body", gap=0.1))
        fails("trickling body", lambda: lite(options(timeout=0.4)))

        # start with a raw session-token string
        server.script(server.reply(401, body={"message": "bad token"}))
        fails("start raw token, 401", lambda: start_raw(options()))
        server.script(server.reset())
        fails("start raw token, reset", lambda: start_raw(options()))
        server.script(
            server.reply(200, body=_token_json(session_id=hs.SESSION_ID, livekit_client_token=hs.LIVEKIT_TOKEN))
        )
        fails("start raw token, unreadable 2xx", lambda: start_raw(options()))

        # a stored secret's value, on every path a create can fail
        def store(client_kwargs: hs.Options, name: str = "openai") -> Any:
            return run_on(
                kind,
                client_kwargs,
                lambda c: c.secrets.create(name=name, value=hs.SECRET_VALUE, type="OPENAI_API_KEY"),
            )

        fails("secret with a bad name", lambda: store(options(), name=""))
        for status in (400, 401, 422, 500):
            echo = {
                "message": "no",
                "secret_value": hs.SECRET_VALUE,
                "detail": [{"loc": ["body"], "msg": "x", "type": "y"}],
            }
            server.script(server.reply(status, body=echo))
            fails(f"secret create, {status} echoing the value", lambda: store(options()))
        server.script(server.reply(200, body=json.dumps({"data": {"secret_value": hs.SECRET_VALUE}}).encode()[:-3]))
        fails("secret create, cut 2xx echoing the value", lambda: store(options()))
        server.script(server.reset())
        fails("secret create, reset", lambda: store(options(max_retries=2)))
        server.script(server.hang())
        fails("secret create, never answers", lambda: store(options(timeout=0.3)))
        fails("secret create, connection refused", lambda: store(options(base_url=closed_port_url, max_retries=1)))

        fails("the last one, on a full mint", lambda: full(options(base_url=closed_port_url)))

    leaks = [
        (label, hits, hs.leaking_locals(error))
        for label, error in errors
        for text in hs.error_texts(error)
        if (hits := hs.canary_hits(text))
    ]
    assert [] == leaks
    assert [] == hs.canary_hits(caplog.text)

    # Not vacuous: the paths ran, the secrets went on the wire, the three loggers spoke at DEBUG.
    assert len(errors) >= 45
    assert sum(isinstance(error, APIError) for _, error in errors) >= 35
    sent = b"".join(request.body for request in server.requests).decode()
    assert hs.LIVEKIT_TOKEN in sent
    assert hs.AGORA_TOKEN in sent
    assert hs.SECRET_VALUE in sent
    assert any(request.headers.get("x-api-key") == hs.API_KEY for request in server.requests)
    assert any(request.headers.get("authorization") == f"Bearer {hs.RAW_SESSION_TOKEN}" for request in server.requests)
    assert {"liveavatar", "httpx", "httpcore"} <= {record.name.split(".")[0] for record in caplog.records}
    assert any(record.levelno == logging.DEBUG and record.name == "liveavatar" for record in caplog.records)
