"""Faults: latency, forced statuses, fail-the-first-N, all set up front or changed at run time."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable

import httpx
import pytest

from liveavatar.mock import LiveAvatarMock, MockConfig, MockServer
from tests.mock.support import API_KEY, TOKEN_PATH, full_body, mint_in_process


def test_latency_delays_responses(liveavatar_mock: MockServer, api: httpx.Client) -> None:
    """`set_latency(0.2)` makes a request take at least 0.2 s."""
    liveavatar_mock.set_latency(0.2)

    started = time.perf_counter()
    response = api.post(TOKEN_PATH, json=full_body())
    elapsed = time.perf_counter() - started

    assert 200 == response.status_code
    assert elapsed >= 0.2


def test_latency_does_not_serialize_requests() -> None:
    """Latency is an async sleep: five concurrent requests with 0.2 s each finish in well under 1 s."""
    mock = LiveAvatarMock(MockConfig(latency=0.2))

    async def five() -> tuple[list[int], float]:
        transport = httpx.ASGITransport(app=mock.app)
        async with httpx.AsyncClient(transport=transport, base_url="http://mock") as client:
            started = time.perf_counter()
            responses = await asyncio.gather(
                *(client.post(TOKEN_PATH, json=full_body(), headers={"X-API-KEY": API_KEY}) for _ in range(5))
            )
            return [r.status_code for r in responses], time.perf_counter() - started

    statuses, elapsed = asyncio.run(five())

    assert [200] * 5 == statuses
    assert 0.2 <= elapsed < 0.8


def test_forced_429_has_retry_after(liveavatar_mock: MockServer, api: httpx.Client) -> None:
    """A forced 429 answers with the envelope, `Retry-After` and `X-RateLimit-Reset`."""
    liveavatar_mock.force_status(429, retry_after=2)

    response = api.post(TOKEN_PATH, json=full_body())

    assert 429 == response.status_code
    assert ("2", "2") == (response.headers["retry-after"], response.headers["x-ratelimit-reset"])
    assert {"code": 429, "data": None, "message": "Too Many Requests"} == response.json()


def test_429_defaults_to_one_second(liveavatar_mock: MockServer, api: httpx.Client) -> None:
    """A 429 without an explicit Retry-After asks for one second, the API's window."""
    liveavatar_mock.fail_next(1, 429)

    assert "1" == api.post(TOKEN_PATH, json=full_body()).headers["retry-after"]


def test_http_date_retry_after_is_sent_as_given(liveavatar_mock: MockServer, api: httpx.Client) -> None:
    """A string Retry-After (an HTTP date) is passed through untouched."""
    date = "Wed, 21 Oct 2037 07:28:00 GMT"
    liveavatar_mock.fail_next(1, 503, retry_after=date)

    response = api.post(TOKEN_PATH, json=full_body())

    assert (503, date) == (response.status_code, response.headers["retry-after"])
    assert "x-ratelimit-reset" not in response.headers


def test_forced_status_lasts_until_cleared(liveavatar_mock: MockServer, api: httpx.Client) -> None:
    """A forced 500 answers every request until `clear_faults()`."""
    liveavatar_mock.force_status(500)

    statuses = [api.post(TOKEN_PATH, json=full_body()).status_code for _ in range(3)]
    liveavatar_mock.clear_faults()
    statuses.append(api.post(TOKEN_PATH, json=full_body()).status_code)

    assert [500, 500, 500, 200] == statuses


def test_fail_next_then_succeed(liveavatar_mock: MockServer, api: httpx.Client) -> None:
    """`fail_next(2, 503)` fails exactly the next two requests."""
    liveavatar_mock.fail_next(2, 503)

    statuses = [api.post(TOKEN_PATH, json=full_body()).status_code for _ in range(3)]

    assert [503, 503, 200] == statuses


def test_fail_first_from_config_then_succeed() -> None:
    """`MockConfig(fail_first=2, fail_status=500)` fails the first two requests, then mints."""
    mock = LiveAvatarMock(MockConfig(fail_first=2, fail_status=500))

    statuses = [mint_in_process(mock.app, full_body()).status_code for _ in range(3)]

    assert [500, 500, 200] == statuses


def test_reset_restores_the_configured_faults() -> None:
    """After `reset()` the config's fail-first count starts over, as on a fresh mock."""
    mock = LiveAvatarMock(MockConfig(fail_first=1))
    first = mint_in_process(mock.app, full_body()).status_code
    mock.reset()

    statuses = [first] + [mint_in_process(mock.app, full_body()).status_code for _ in range(2)]

    assert [503, 503, 200] == statuses


def test_forced_status_from_config_after_fail_first() -> None:
    """Config `fail_first` is used up before config `force_status`, which then stays."""
    mock = LiveAvatarMock(MockConfig(fail_first=1, fail_status=502, force_status=429, retry_after=3))

    responses = [mint_in_process(mock.app, full_body()) for _ in range(3)]

    assert [502, 429, 429] == [r.status_code for r in responses]
    assert "3" == responses[1].headers["retry-after"]


def test_counted_faults_come_before_a_forced_one(liveavatar_mock: MockServer, api: httpx.Client) -> None:
    """`fail_next` means the very next requests, even with a forced status in place."""
    liveavatar_mock.force_status(503)
    liveavatar_mock.fail_next(1, 429)
    liveavatar_mock.fail_next(1, 500)

    statuses = [api.post(TOKEN_PATH, json=full_body()).status_code for _ in range(4)]

    assert [429, 500, 503, 503] == statuses


def test_502_is_an_html_page(liveavatar_mock: MockServer, api: httpx.Client) -> None:
    """A 502 looks like a proxy's error page: HTML, not JSON."""
    liveavatar_mock.fail_next(1, 502)

    response = api.post(TOKEN_PATH, json=full_body())

    assert 502 == response.status_code
    assert response.headers["content-type"].startswith("text/html")
    assert "<h1>502 Bad Gateway</h1>" in response.text


def test_fault_body_and_headers_can_be_given(liveavatar_mock: MockServer, api: httpx.Client) -> None:
    """A fault's body (text or JSON) and extra headers replace the defaults."""
    liveavatar_mock.fail_next(1, 503, body="upstream down", headers={"X-Extra": "1"})
    liveavatar_mock.fail_next(1, 500, body={"error": "boom"})
    liveavatar_mock.fail_next(1, 502, body="<p>down</p>", headers={"Content-Type": "text/html"})

    text, data, html = (api.post(TOKEN_PATH, json=full_body()) for _ in range(3))

    assert ("upstream down", "1") == (text.text, text.headers["x-extra"])
    assert text.headers["content-type"].startswith("text/plain")
    assert {"error": "boom"} == data.json()
    assert ("<p>down</p>", "text/html") == (html.text, html.headers["content-type"].split(";")[0])


def test_unknown_status_gets_a_generic_envelope(liveavatar_mock: MockServer, api: httpx.Client) -> None:
    """A status without a standard reason phrase (520) still gets a JSON envelope."""
    liveavatar_mock.fail_next(1, 520)

    assert {"code": 520, "data": None, "message": "Error"} == api.post(TOKEN_PATH, json=full_body()).json()


def test_faults_come_before_auth(liveavatar_mock: MockServer) -> None:
    """A fault answers even a request without an API key, like a gateway in front of the API."""
    liveavatar_mock.fail_next(1, 503)

    response = httpx.post(f"{liveavatar_mock.url}{TOKEN_PATH}", json=full_body())

    assert 503 == response.status_code


def test_faults_and_latency_have_request_ids(liveavatar_mock: MockServer, api: httpx.Client) -> None:
    """Fault responses carry an x-request-id too."""
    liveavatar_mock.fail_next(1, 500)

    assert api.post(TOKEN_PATH, json=full_body()).headers["x-request-id"]


def test_bad_fault_arguments_are_refused(liveavatar_mock: MockServer) -> None:
    """Counts below 1, statuses outside 100-599 and negative latency raise ValueError."""
    calls: list[Callable[[], None]] = [
        lambda: liveavatar_mock.fail_next(0, 500),
        lambda: liveavatar_mock.fail_next(1, 99),
        lambda: liveavatar_mock.force_status(600),
        lambda: liveavatar_mock.set_latency(-1),
    ]

    for call in calls:
        with pytest.raises(ValueError):
            call()


def test_bad_config_values_are_refused() -> None:
    """MockConfig refuses negative latency or counts and non-HTTP statuses."""
    builders: list[Callable[[], MockConfig]] = [
        lambda: MockConfig(latency=-0.1),
        lambda: MockConfig(fail_first=-1),
        lambda: MockConfig(fail_status=42),
        lambda: MockConfig(force_status=700),
    ]

    for build in builders:
        with pytest.raises(ValueError):
            build()


@pytest.mark.parametrize(
    ("control", "message"),
    [
        (lambda mock: mock.fail_next(float("nan")), "count must be a whole number >= 1"),
        (lambda mock: mock.fail_next(1.5), "count must be a whole number >= 1"),
        (lambda mock: mock.fail_next(1, 429, retry_after=float("inf")), "retry_after must be a finite number"),
        (lambda mock: mock.force_status(429, retry_after=-1), "retry_after must be a finite number"),
        (lambda mock: mock.set_latency(float("nan")), "latency must be a finite number >= 0"),
    ],
    ids=["nan-count", "fractional-count", "infinite-retry-after", "negative-retry-after", "nan-latency"],
)
def test_fault_controls_refuse_nan_infinities_and_negatives(control: Callable[..., object], message: str) -> None:
    """A NaN, infinite or negative fault setting is a ValueError at once, not a mock that fails for ever."""
    mock = LiveAvatarMock()

    with pytest.raises(ValueError, match=message):
        control(mock)
    assert 200 == mint_in_process(mock.app, full_body()).status_code
