"""Transcripts on the mock: seeded by tests, windowed and paged by timestamp, deleted with the session's events."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from liveavatar.mock import MockConfig, MockServer
from tests.mock.spec_check import spec_problems
from tests.mock.support import API_KEY, SESSIONS_PATH, STOP_PATH, full_body, started


@pytest.fixture
def small_pages() -> Iterator[tuple[MockServer, httpx.Client]]:
    """A mock whose transcript answers hold at most two entries, and a client on it; every answer spec-checked."""
    with MockServer(MockConfig(transcript_page_size=2)) as mock:
        with httpx.Client(base_url=mock.url, headers={"X-API-KEY": API_KEY}, timeout=10) as api:
            yield mock, api
        assert [] == spec_problems(mock.requests)


def transcript(api: httpx.Client, session_id: str, **params: int) -> dict[str, object]:
    """The transcript answer's data, asserting a 200."""
    response = api.get(f"{SESSIONS_PATH}/{session_id}/transcript", params=params)
    assert 200 == response.status_code, response.text
    data: dict[str, object] = response.json()["data"]
    return data


def texts(data: dict[str, object]) -> list[str]:
    """The entries' texts, in order."""
    entries = data["transcript_data"]
    assert isinstance(entries, list)
    return [entry["transcript"] for entry in entries]


def seed(mock: MockServer, session_id: str, begin: float) -> None:
    """Five entries at begin+0, +1, +1, +2 and +5 seconds, seeded out of order."""
    for offset, role, text in [
        (5, "user", "e"),
        (0, "user", "a"),
        (1, "avatar", "b"),
        (1, "user", "c"),
        (2, "avatar", "d"),
    ]:
        mock.add_transcript(session_id, role, text, at=begin + offset)


@pytest.mark.usefixtures("spec_checked")
def test_a_seeded_transcript_is_served_oldest_first(liveavatar_mock: MockServer, api: httpx.Client) -> None:
    """Entries come back ordered by time with role, text, absolute and relative timestamps; the session is active."""
    session_id, _ = started(api, full_body())
    liveavatar_mock.advance(3)
    liveavatar_mock.add_transcript(session_id, "avatar", "later")
    liveavatar_mock.add_transcript(session_id, "user", "hello", at=liveavatar_mock.time() - 2)

    data = transcript(api, session_id)

    assert ["hello", "later"] == texts(data)
    first = data["transcript_data"][0]  # type: ignore[index]
    assert ("user", 1.0, int(liveavatar_mock.time()) - 2) == (
        first["role"],
        first["relative_timestamp"],
        first["absolute_timestamp"],
    )
    assert data["session_active"] is True
    assert int(liveavatar_mock.time()) + 1 == data["next_timestamp"]


@pytest.mark.usefixtures("spec_checked")
def test_timestamps_window_the_transcript(liveavatar_mock: MockServer, api: httpx.Client) -> None:
    """start_timestamp and end_timestamp are inclusive bounds on absolute_timestamp."""
    session_id, _ = started(api, full_body())
    begin = liveavatar_mock.time()
    seed(liveavatar_mock, session_id, begin)

    window = transcript(api, session_id, start_timestamp=int(begin) + 1, end_timestamp=int(begin) + 2)

    assert ["b", "c", "d"] == texts(window)
    assert int(begin) + 3 == window["next_timestamp"]


def test_reading_on_from_next_timestamp_pages_without_loss_or_repeats(
    small_pages: tuple[MockServer, httpx.Client],
) -> None:
    """Pages of two, never splitting one second's entries, read on from next_timestamp: every entry once."""
    mock, api = small_pages
    session_id, _ = started(api, full_body())
    begin = mock.time()
    seed(mock, session_id, begin)

    pages: list[list[str]] = []
    cursor: int | None = None
    while True:
        data = transcript(api, session_id) if cursor is None else transcript(api, session_id, start_timestamp=cursor)
        if not texts(data):
            break
        pages.append(texts(data))
        cursor = data["next_timestamp"]  # type: ignore[assignment]

    assert [["a", "b", "c"], ["d", "e"]] == pages  # "b" and "c" share a second, so the first page holds three
    assert int(begin) + 6 == cursor


@pytest.mark.usefixtures("spec_checked")
def test_an_ended_session_keeps_its_transcript(liveavatar_mock: MockServer, api: httpx.Client) -> None:
    """After stop the transcript is still readable, with session_active false."""
    session_id, _ = started(api, full_body())
    liveavatar_mock.add_transcript(session_id, "user", "bye")
    api.post(STOP_PATH, json={"session_id": session_id, "reason": "USER_CLOSED"})

    data = transcript(api, session_id)

    assert (["bye"], False) == (texts(data), data["session_active"])


@pytest.mark.usefixtures("spec_checked")
def test_delete_events_clears_the_transcript(liveavatar_mock: MockServer, api: httpx.Client) -> None:
    """DELETE .../events answers 200 and the transcript is empty afterwards."""
    session_id, _ = started(api, full_body())
    liveavatar_mock.add_transcript(session_id, "user", "secret")

    response = api.delete(f"{SESSIONS_PATH}/{session_id}/events")

    assert 200 == response.status_code
    assert [] == texts(transcript(api, session_id))


@pytest.mark.usefixtures("spec_checked")
def test_a_transcript_of_an_unknown_session_is_404_and_bad_timestamps_422(api: httpx.Client) -> None:
    """An unknown session's transcript is a 404; a non-integer start_timestamp is a 422 at the query."""
    session_id, _ = started(api, full_body())

    unknown = api.get(f"{SESSIONS_PATH}/0b7c1f34-1111-4222-8333-444455556666/transcript")
    bad = api.get(f"{SESSIONS_PATH}/{session_id}/transcript", params={"start_timestamp": "soon"})

    assert 404 == unknown.status_code
    assert (422, ["query", "start_timestamp"]) == (bad.status_code, bad.json()["detail"][0]["loc"])


def test_seeding_needs_a_started_session(liveavatar_mock: MockServer) -> None:
    """add_transcript refuses an id the mock never started."""
    with pytest.raises(LookupError):
        liveavatar_mock.add_transcript("0b7c1f34-1111-4222-8333-444455556666", "user", "hi")
