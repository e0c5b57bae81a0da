"""Request URLs built from the base URL parsed once are the URLs parsing the whole text would give."""

from __future__ import annotations

import httpx
import pytest

from liveavatar._urls import PathJoiner
from tests.spec import account_samples as s
from tests.unit.support import ClientFactory, Recorder

BASES = [
    "https://api.liveavatar.com",
    "http://127.0.0.1:8800",
    "https://proxy.example:8443/liveavatar/",
    "http://[::1]:80",
]
PATHS = [
    "/v1/sessions/token",
    f"/v1/contexts/{s.CONTEXT_ID}",
    "/v1/secrets/a%2Fb%3Fc%23d%20e",
    "/v1/voice_agents/agent_1-x.y~z",
]


@pytest.mark.parametrize("base", BASES)
@pytest.mark.parametrize("path", PATHS)
def test_an_appended_path_gives_the_url_parsing_gives(base: str, path: str) -> None:
    """Every base URL and SDK path joins to the URL `httpx.URL(base + path)` parses, byte for byte."""
    built = PathJoiner(base)(path)
    parsed = httpx.URL(base + path)

    assert (str(parsed), parsed.raw_path, parsed.host, parsed.port) == (
        str(built),
        built.raw_path,
        built.host,
        built.port,
    )


@pytest.mark.parametrize("path", ["/v1/contexts/a b", "/v1/contexts/é", "/v1/contexts/x?y=1", "/v1/contexts/x#y"])
def test_a_path_with_other_characters_is_parsed_whole(path: str) -> None:
    """A path holding a character a URL path cannot carry as it is takes httpx's full parse, with its result."""
    base = "https://api.liveavatar.com"

    assert str(httpx.URL(base + path)) == str(PathJoiner(base)(path))


def test_a_base_url_with_a_query_is_parsed_whole() -> None:
    """A base URL with a query cannot take an appended path: every URL is parsed whole."""
    base = "https://api.liveavatar.com/?tenant=1"

    assert str(httpx.URL(base + "/v1/x")) == str(PathJoiner(base)("/v1/x"))


def test_an_httpx_that_builds_urls_otherwise_falls_back_to_parsing(monkeypatch: pytest.MonkeyPatch) -> None:
    """When the probe at construction cannot append as expected, every URL is parsed whole, still right."""

    def broken(self: PathJoiner, path: str) -> httpx.URL:
        raise AttributeError("_uri_reference")

    monkeypatch.setattr(PathJoiner, "_appended", broken)
    base = "https://api.liveavatar.com"

    assert str(httpx.URL(base + PATHS[1])) == str(PathJoiner(base)(PATHS[1]))


def test_an_id_in_any_case_is_sent_canonical(client_factory: ClientFactory) -> None:
    """A context id given in upper case is sent as its canonical lower-case text, on the path built by appending."""
    server = Recorder(httpx.Response(200, json=s.live_envelope(s.CONTEXT)))
    client = client_factory(server)

    client.call("contexts", "get", s.CONTEXT_ID.upper())

    assert f"/v1/contexts/{s.CONTEXT_ID}" == server.requests[0].url.raw_path.decode()
