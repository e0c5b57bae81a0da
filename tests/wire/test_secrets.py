"""Secret safety over a real socket: the API key and the session token never reach text.

A canary key and a canary token (conftest.py) go through every path of the
resilience tests with DEBUG logging on for `liveavatar`, `httpx` and
`httpcore`; then no log line, no repr or str of a client, low-level client,
result or exception, no exception argument or attribute, and no formatted
traceback may hold either string.
"""

from __future__ import annotations

import json
import logging
import time
import traceback
from email.utils import formatdate
from typing import Any

import pytest

from liveavatar import APIResponseValidationError, LiveAvatarError, SessionToken
from liveavatar.testing import no_retry_waits
from tests.wire.conftest import Mint, WireServer

pytestmark = pytest.mark.wire


def test_canary_secrets_never_reach_logs_reprs_errors_or_tracebacks(
    mint: Mint, wire_server: WireServer, closed_port_url: str, canary: dict[str, str], caplog: pytest.LogCaptureFixture
) -> None:
    """Through every path, DEBUG logs and every repr/str/args/attribute/traceback stay free of key and token."""
    for name in ("liveavatar", "httpx", "httpcore"):
        caplog.set_level(logging.DEBUG, logger=name)
    server = wire_server
    texts: list[tuple[str, str]] = []
    tokens: list[SessionToken] = []

    def succeeds(label: str, client_kwargs: dict[str, Any] | None = None, **kwargs: Any) -> None:
        token = mint(client_kwargs, **kwargs)
        texts.extend([(label, repr(token)), (label, str(token))])
        tokens.append(token)

    def fails(label: str, client_kwargs: dict[str, Any] | None = None, **kwargs: Any) -> None:
        try:
            mint(client_kwargs, **kwargs)
        except LiveAvatarError as exc:
            texts.extend(
                [
                    (f"{label}: repr(exc)", repr(exc)),
                    (f"{label}: str(exc)", str(exc)),
                    (f"{label}: exc.args", repr(exc.args)),
                    (f"{label}: vars(exc)", repr(vars(exc))),
                    (f"{label}: traceback", traceback.format_exc()),
                ]
            )
        else:
            pytest.fail(f"{label}: no error raised")

    partial_token_body = json.dumps({"code": 100, "data": {"session_token": canary["session_token"]}}).encode()
    with no_retry_waits():
        succeeds("200")
        server.script(server.reply(429, {"Retry-After": "1"}))
        succeeds("429 then 200")
        server.script(server.reply(503), server.reply(503))
        succeeds("503, 503, 200")
        server.script(*[server.reply(503)] * 3)
        fails("503 x3")
        fails("connection refused", {"base_url": closed_port_url})
        server.script(*[server.reset(partial_token_body[:-2])] * 3)
        fails("reset mid-response")
        server.script(server.hang())
        fails("never answers", {"timeout": 0.5, "max_retries": 0})
        server.script(server.reply(200, body=partial_token_body[:-2]))
        fails("truncated JSON holding the token")
        server.script(server.reply(200, body=partial_token_body))
        fails("200 with a token but no session_id")
        server.script(server.reply(200, body={"session_id": "s-1", "session_token": canary["session_token"]}))
        fails("200 with the token outside the envelope")
        server.script(server.reply(502, {"Content-Type": "text/html"}, b"<html><h1>502 Bad Gateway</h1></html>"))
        fails("HTML 502", {"max_retries": 0})
        server.script(server.reply(401, body={"code": 401, "message": "Invalid API key"}))
        fails("401")
        server.script(server.reply(422, body={"detail": [{"loc": ["body"], "msg": "bad", "type": "x"}]}))
        fails("422")
        server.script(server.reply(429, {"Retry-After": "300"}))
        fails("429 Retry-After 300")
        server.script(server.reply(503, {"retry-after-ms": "10"}))
        succeeds("retry-after-ms")
        server.script(server.reply(429, {"Retry-After": formatdate(time.time(), usegmt=True)}))
        succeeds("HTTP-date Retry-After")
        succeeds("per-call timeout", {"timeout": 20.0}, timeout=2.0)

    texts.extend(("client", text) for text in mint.texts)
    texts.append(("log", caplog.text))
    leaks = [(label, secret) for label, text in texts for secret, value in canary.items() if value in text]
    assert [] == leaks

    # The test is not vacuous: each path ran, DEBUG records came from all three loggers, and the masks show.
    assert 6 == len(tokens)
    assert {"liveavatar", "httpx", "httpcore"} <= {record.name.split(".")[0] for record in caplog.records}
    assert any(record.levelno == logging.DEBUG and record.name == "liveavatar" for record in caplog.records)
    assert all(f"session_token='…{canary['session_token'][-4:]}'" in repr(token) for token in tokens)
    assert all(canary["session_token"] == token.session_token for token in tokens)
    assert f"api_key='…{canary['api_key'][-4:]}'" in mint.texts[0]


@pytest.mark.parametrize("shape", ["truncated JSON", "no envelope"])
def test_a_2xx_body_the_sdk_cannot_read_leaves_no_token_on_the_error(
    mint: Mint, wire_server: WireServer, canary: dict[str, str], shape: str
) -> None:
    """A 2xx that holds a token but is not a token envelope raises an error whose attributes hold no token."""
    token = canary["session_token"]
    bodies = {
        "truncated JSON": json.dumps({"code": 100, "data": {"session_id": "s-1", "session_token": token}})[:-2],
        "no envelope": json.dumps({"session_id": "s-1", "session_token": token}),
    }
    wire_server.script(wire_server.reply(200, body=bodies[shape].encode()))

    with pytest.raises(APIResponseValidationError) as caught:
        mint()

    assert 200 == caught.value.status_code
    assert token not in repr(vars(caught.value))
