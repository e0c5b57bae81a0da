"""The session lifecycle on the mock over raw httpx: start, stop, keep-alive, the clock's ends, credits, list, get.

Every response in these tests is checked against the spec (the `spec_checked` fixture).
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

import httpx
import pytest

from liveavatar.mock import MOCK_LIVEKIT_URL, MockServer
from tests.mock.support import (
    CREDITS_PATH,
    KEEP_ALIVE_PATH,
    LIVEKIT,
    OTHER_AVATAR_ID,
    SECRET_ID,
    SESSIONS_PATH,
    STOP_PATH,
    full_body,
    lite_body,
    mint,
    start,
    started,
)

pytestmark = pytest.mark.usefixtures("spec_checked")

CONTEXT_ID = "5b9dba8a-aa31-11f0-a6ee-066a7fa2e369"


def session(api: httpx.Client, session_id: str) -> dict[str, Any]:
    """`GET /v1/sessions/{id}`'s data, asserting a 200."""
    response = api.get(f"{SESSIONS_PATH}/{session_id}")
    assert 200 == response.status_code, response.text
    data: dict[str, Any] = response.json()["data"]
    return data


def listed(api: httpx.Client, type_: str, **params: Any) -> dict[str, Any]:
    """`GET /v1/sessions`'s data, asserting a 200."""
    response = api.get(SESSIONS_PATH, params={"type": type_, **params})
    assert 200 == response.status_code, response.text
    data: dict[str, Any] = response.json()["data"]
    return data


def ids(page: dict[str, Any]) -> list[str]:
    """The session ids on a list page, in order."""
    return [item["id"] for item in page["results"]]


def test_start_answers_201_with_where_to_join(api: httpx.Client) -> None:
    """A FULL start is 201 with the session id, LiveKit URL and tokens, no ws_url, and the sandbox's 60 s cap."""
    session_id, token = mint(api, full_body(is_sandbox=True))

    response = start(api, token)

    assert 201 == response.status_code
    data = response.json()["data"]
    assert (session_id, MOCK_LIVEKIT_URL, 60) == (data["session_id"], data["livekit_url"], data["max_session_duration"])
    assert all((data["livekit_client_token"], data["livekit_agent_token"]))
    assert "ws_url" not in data


def test_lite_with_its_own_room_names_that_room(api: httpx.Client) -> None:
    """LITE with `livekit_config` starts in the caller's LiveKit server and still gets a ws_url."""
    _, data = started(api, lite_body(livekit_config=LIVEKIT))

    assert LIVEKIT["livekit_url"] == data["livekit_url"]
    assert data["ws_url"].startswith("ws://")


def test_lite_with_an_agent_connector_gets_no_ws_url(api: httpx.Client) -> None:
    """A LITE session driven by an ElevenLabs agent has no session-event WebSocket."""
    _, data = started(api, lite_body(elevenlabs_agent_config={"agent_id": "a", "secret_id": SECRET_ID}))

    assert "ws_url" not in data


def test_a_started_session_is_active_and_a_minted_one_is_not_found(api: httpx.Client) -> None:
    """Only a started session exists: get is 200 for it and 404 for a token minted and never started."""
    session_id, _ = started(api, full_body())
    unstarted, _ = mint(api, full_body())

    info = session(api, session_id)
    assert ("FULL", "API", False, 0) == (info["mode"], info["source"], info["is_sandbox"], info["duration"])
    assert set() == {"end_reason", "end_at"} & set(info)
    assert [session_id] == ids(listed(api, "active"))
    assert 404 == api.get(f"{SESSIONS_PATH}/{unstarted}").status_code


def test_stop_ends_the_session_as_historic_with_its_reason(liveavatar_mock: MockServer, api: httpx.Client) -> None:
    """Stop answers 200; the session moves from active to historic with its reason and end time."""
    session_id, _ = started(api, full_body())
    liveavatar_mock.advance(42)

    response = api.post(STOP_PATH, json={"session_id": session_id, "reason": "USER_CLOSED"})

    assert 200 == response.status_code
    info = session(api, session_id)
    assert ("USER_CLOSED", 42) == (info["end_reason"], info["duration"])
    assert datetime.datetime.fromisoformat(info["end_at"]).timestamp() == liveavatar_mock.time()
    assert [] == ids(listed(api, "active"))
    assert [session_id] == ids(listed(api, "historic"))
    assert (False, "USER_CLOSED") == (
        liveavatar_mock.session(session_id).active,
        liveavatar_mock.session(session_id).end_reason,
    )


def test_stop_without_a_reason_records_the_schema_default(api: httpx.Client) -> None:
    """A stop body without `reason` ends the session as UNKNOWN, the schema's default."""
    session_id, _ = started(api, full_body())

    assert 200 == api.post(STOP_PATH, json={"session_id": session_id}).status_code
    assert "UNKNOWN" == session(api, session_id)["end_reason"]


def test_stopping_an_ended_or_unknown_session_is_404_and_get_tells_them_apart(api: httpx.Client) -> None:
    """A second stop is 404, as is an unknown id; get then shows the first ended and the second missing."""
    session_id, _ = started(api, full_body())
    unknown = "0b7c1f34-1111-4222-8333-444455556666"
    api.post(STOP_PATH, json={"session_id": session_id, "reason": "USER_CLOSED"})

    assert 404 == api.post(STOP_PATH, json={"session_id": session_id, "reason": "USER_CLOSED"}).status_code
    assert 404 == api.post(STOP_PATH, json={"session_id": unknown, "reason": "USER_CLOSED"}).status_code
    assert "USER_CLOSED" == session(api, session_id)["end_reason"]
    assert 404 == api.get(f"{SESSIONS_PATH}/{unknown}").status_code


def test_the_session_token_stops_its_own_session_without_an_id(api: httpx.Client) -> None:
    """With the session token as Bearer, stop needs no session_id: the token's own session ends."""
    session_id, token = mint(api, full_body())
    start(api, token)

    response = api.post(
        STOP_PATH, json={"reason": "AGENT_HANG_UP"}, headers={"Authorization": f"Bearer {token}", "X-API-KEY": ""}
    )

    assert 200 == response.status_code
    assert "AGENT_HANG_UP" == session(api, session_id)["end_reason"]


def test_delete_on_a_session_is_405_and_stops_nothing(api: httpx.Client) -> None:
    """`DELETE /v1/sessions/{id}` is not a stop: 405 with `Allow: GET`, and the session stays active."""
    session_id, _ = started(api, full_body())

    response = api.delete(f"{SESSIONS_PATH}/{session_id}")

    assert (405, "GET") == (response.status_code, response.headers["allow"])
    assert "end_reason" not in session(api, session_id)


def test_idle_timeout_at_300_seconds_on_the_clock(liveavatar_mock: MockServer, api: httpx.Client) -> None:
    """Without keep-alive a session is active at 299 s and ended IDLE_TIMEOUT at 300 s, dated then."""
    session_id, _ = started(api, full_body(is_sandbox=False))
    began = liveavatar_mock.time()

    liveavatar_mock.advance(299)
    assert liveavatar_mock.session(session_id).active
    liveavatar_mock.advance(1)

    ended = liveavatar_mock.session(session_id)  # ended on advance, before any request
    assert ("IDLE_TIMEOUT", 300) == (ended.end_reason, ended.duration)
    assert ended.end_at == datetime.datetime.fromtimestamp(began + 300, tz=datetime.UTC)
    assert 404 == api.post(KEEP_ALIVE_PATH, json={"session_id": session_id}).status_code


def test_keep_alive_carries_a_session_past_1000_seconds(liveavatar_mock: MockServer, api: httpx.Client) -> None:
    """A keep-alive every 200 s keeps a session active past 1,000 s; 300 s after the last one it idles out."""
    session_id, _ = started(api, full_body())
    began = liveavatar_mock.time()

    for _ in range(6):
        liveavatar_mock.advance(200)
        assert 200 == api.post(KEEP_ALIVE_PATH, json={"session_id": session_id}).status_code
    assert "end_reason" not in session(api, session_id)
    assert 1200 == session(api, session_id)["duration"]

    liveavatar_mock.advance(300)
    info = session(api, session_id)
    assert "IDLE_TIMEOUT" == info["end_reason"]
    assert datetime.datetime.fromisoformat(info["end_at"]).timestamp() == began + 1500
    assert 6 == liveavatar_mock.session(session_id).keep_alives


def test_sandbox_sessions_end_at_60_seconds(liveavatar_mock: MockServer, api: httpx.Client) -> None:
    """A sandbox session kept alive ends at 60 s with MAX_DURATION_REACHED; one minted for 30 s ends at 30 s."""
    sixty, _ = started(api, full_body(is_sandbox=True))
    thirty, data = started(api, full_body(is_sandbox=True, max_session_duration=30))
    assert 30 == data["max_session_duration"]

    liveavatar_mock.advance(30)
    api.post(KEEP_ALIVE_PATH, json={"session_id": sixty})
    assert ("MAX_DURATION_REACHED", 30) == (session(api, thirty)["end_reason"], session(api, thirty)["duration"])
    liveavatar_mock.advance(29)
    assert "end_reason" not in session(api, sixty)
    liveavatar_mock.advance(1)
    assert ("MAX_DURATION_REACHED", 60) == (session(api, sixty)["end_reason"], session(api, sixty)["duration"])


def test_credits_drain_per_started_minute_by_mode(liveavatar_mock: MockServer, api: httpx.Client) -> None:
    """FULL costs 2 a started minute and LITE 1, charged at start and each minute after; sandbox costs nothing."""
    liveavatar_mock.set_credits(Decimal("100.50"))
    full, _ = started(api, full_body())
    lite, _ = started(api, lite_body())
    started(api, full_body(is_sandbox=True))
    assert {"credits_left": "97.50"} == api.get(CREDITS_PATH).json()["data"]

    liveavatar_mock.advance(59)
    assert Decimal("97.50") == liveavatar_mock.credits
    liveavatar_mock.advance(1)
    assert {"credits_left": "94.50"} == api.get(CREDITS_PATH).json()["data"]
    assert (4, 2) == (session(api, full)["credits_consumed"], session(api, lite)["credits_consumed"])


def test_a_session_ending_on_a_minute_pays_only_for_the_minutes_it_ran(
    liveavatar_mock: MockServer, api: httpx.Client
) -> None:
    """A FULL session capped at 120 s is charged for two minutes, not for the third starting as it ends."""
    liveavatar_mock.set_credits(Decimal(10))
    session_id, _ = started(api, full_body(max_session_duration=120))

    liveavatar_mock.advance(100)
    api.post(KEEP_ALIVE_PATH, json={"session_id": session_id})
    liveavatar_mock.advance(20)

    assert ("MAX_DURATION_REACHED", 4) == (
        session(api, session_id)["end_reason"],
        session(api, session_id)["credits_consumed"],
    )
    assert Decimal(6) == liveavatar_mock.credits


def test_a_start_without_a_minute_of_credit_is_refused(liveavatar_mock: MockServer, api: httpx.Client) -> None:
    """With 1 credit left a FULL start is a 400 that starts nothing; a LITE or sandbox start still succeeds."""
    liveavatar_mock.set_credits(1)
    session_id, token = mint(api, full_body())

    response = start(api, token)

    assert 400 == response.status_code
    assert "credit" in response.json()["message"]
    assert ("start-needs-credit",) == liveavatar_mock.last_request.rules
    assert [] == [s for s in liveavatar_mock.sessions() if s.id == session_id]
    started(api, full_body(is_sandbox=True))
    started(api, lite_body())
    assert Decimal(0) == liveavatar_mock.credits


def test_no_credits_ends_sessions_when_the_balance_runs_out(liveavatar_mock: MockServer, api: httpx.Client) -> None:
    """A FULL session with one more minute of credit ends NO_CREDITS at the start of the minute it cannot pay."""
    liveavatar_mock.set_credits(4)
    session_id, _ = started(api, full_body())

    liveavatar_mock.advance(100)
    api.post(KEEP_ALIVE_PATH, json={"session_id": session_id})
    liveavatar_mock.advance(100)

    info = session(api, session_id)
    assert ("NO_CREDITS", 120, 4) == (info["end_reason"], info["duration"], info["credits_consumed"])
    assert Decimal(0) == liveavatar_mock.credits


def test_list_pages_newest_first_with_links(api: httpx.Client) -> None:
    """25 active sessions in pages of 10: counts, newest first, next/previous links that fetch the neighbours."""
    made = [started(api, full_body())[0] for _ in range(25)]

    first = listed(api, "active", page_size=10)
    assert (25, None) == (first["count"], first["previous"])
    assert made[::-1][:10] == ids(first)
    second = api.get(first["next"]).json()["data"]
    assert made[::-1][10:20] == ids(second)
    third = api.get(second["next"]).json()["data"]
    assert (made[::-1][20:], None) == (ids(third), third["next"])
    assert ids(second) == ids(api.get(third["previous"]).json()["data"])
    assert [] == ids(listed(api, "active", page=4, page_size=10))


def test_list_defaults_to_pages_of_20(api: httpx.Client) -> None:
    """Without page_size a page holds 20 sessions."""
    for _ in range(21):
        started(api, full_body())

    page = listed(api, "active")

    assert (20, 21) == (len(page["results"]), page["count"])
    assert page["next"] is not None


def test_list_filters_by_avatar_and_context(api: httpx.Client) -> None:
    """avatar_id and context_id keep only matching sessions; an embed_id matches none of the API's sessions."""
    wayne, _ = started(api, full_body(avatar_persona={"context_id": CONTEXT_ID}))
    other, _ = started(api, full_body(avatar_id=OTHER_AVATAR_ID))

    assert [other] == ids(listed(api, "active", avatar_id=OTHER_AVATAR_ID))
    assert [wayne] == ids(listed(api, "active", context_id=CONTEXT_ID.upper()))
    assert [] == ids(listed(api, "active", embed_id="embed-1"))


@pytest.mark.parametrize(
    ("params", "loc", "kind"),
    [
        ({}, ["query", "type"], "missing"),
        ({"type": "all"}, ["query", "type"], "enum"),
        ({"type": "active", "page": "0"}, ["query", "page"], "greater_than_equal"),
        ({"type": "active", "page": "two"}, ["query", "page"], "int_parsing"),
        ({"type": "active", "page_size": "101"}, ["query", "page_size"], "less_than_equal"),
        ({"type": "active", "page_size": "0"}, ["query", "page_size"], "greater_than_equal"),
        ({"type": "active", "avatar_id": "nope"}, ["query", "avatar_id"], "uuid_parsing"),
    ],
)
def test_list_parameters_are_validated_as_fastapi_does(
    api: httpx.Client, params: dict[str, str], loc: list[str], kind: str
) -> None:
    """A missing or invalid list parameter is a 422 located at the query parameter."""
    response = api.get(SESSIONS_PATH, params=params)

    assert 422 == response.status_code
    assert [(loc, kind)] == [(item["loc"], item["type"]) for item in response.json()["detail"]]


def test_a_bad_session_id_in_the_path_is_422(api: httpx.Client) -> None:
    """A non-UUID session id in the path is a 422 at ["path", "session_id"]."""
    response = api.get(f"{SESSIONS_PATH}/not-a-uuid")

    assert 422 == response.status_code
    assert [["path", "session_id"]] == [item["loc"] for item in response.json()["detail"]]


def test_stop_body_is_validated_against_the_spec(api: httpx.Client) -> None:
    """A reason outside SessionEndReason, or a non-UUID session_id, is a 422 located in the body."""
    session_id, _ = started(api, full_body())

    bad_reason = api.post(STOP_PATH, json={"session_id": session_id, "reason": "BORED"})
    bad_id = api.post(STOP_PATH, json={"session_id": "x", "reason": "USER_CLOSED"})

    assert (422, ["body", "reason"]) == (bad_reason.status_code, bad_reason.json()["detail"][0]["loc"])
    assert (422, ["body", "session_id"]) == (bad_id.status_code, bad_id.json()["detail"][0]["loc"])
    assert "end_reason" not in session(api, session_id)


def test_sessions_snapshot_lists_every_started_session_in_start_order(
    liveavatar_mock: MockServer, api: httpx.Client
) -> None:
    """`mock.sessions()` holds active and ended sessions, oldest start first; `mock.session` raises for others."""
    first, _ = started(api, full_body())
    second, data = started(api, lite_body(is_sandbox=True))
    api.post(STOP_PATH, json={"session_id": first, "reason": "USER_CLOSED"})

    snapshot = liveavatar_mock.sessions()

    assert [(first, False), (second, True)] == [(s.id, s.active) for s in snapshot]
    assert (data["ws_url"], "LITE", True) == (snapshot[1].ws_url, snapshot[1].mode, snapshot[1].is_sandbox)
    with pytest.raises(KeyError):
        liveavatar_mock.session(mint(api, full_body())[0])


def test_reset_forgets_sessions_and_restores_the_balance(liveavatar_mock: MockServer, api: httpx.Client) -> None:
    """After reset() no session is known and the credits are the config's again."""
    session_id, _ = started(api, full_body())

    liveavatar_mock.reset()

    assert ([], liveavatar_mock.config.credits) == (liveavatar_mock.sessions(), liveavatar_mock.credits)
    assert 404 == api.get(f"{SESSIONS_PATH}/{session_id}").status_code
