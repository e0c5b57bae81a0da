"""`client.usage`: exact sums over several pages of historic sessions, stopping once past `since` (sync and async)."""

from __future__ import annotations

import asyncio
import datetime
import urllib.parse
from decimal import Decimal
from typing import Any

import httpx
import pytest

import liveavatar
from tests.unit.support import AVATAR_ID, ClientFactory, Minter

START = datetime.datetime(2026, 11, 1, tzinfo=datetime.UTC)


def _usage(minter: Minter, **kwargs: Any) -> liveavatar.UsageReport:
    client = minter.client
    if isinstance(client, liveavatar.AsyncLiveAvatar):
        return asyncio.run(client.usage(**kwargs))
    return client.usage(**kwargs)


class History:
    """A historic listing, newest first: session `i` started `i` hours before START, cost 0.1 credits and 61 s."""

    def __init__(self, count: int) -> None:
        self.sessions = [
            {
                "id": f"00000000-0000-4000-8000-{index:012d}",
                "created_at": (START - datetime.timedelta(hours=index)).isoformat(),
                "duration": 61,
                "mode": "FULL" if index % 3 else "LITE",
                "credits_consumed": 0.1,
                "is_sandbox": False,
                "end_at": (START - datetime.timedelta(hours=index) + datetime.timedelta(seconds=61)).isoformat(),
                "end_reason": "USER_CLOSED",
            }
            for index in range(count)
        ]
        self.pages: list[dict[str, str]] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        query = dict(urllib.parse.parse_qsl(request.url.query.decode()))
        self.pages.append(query)
        page, size = int(query["page"]), int(query["page_size"])
        chunk = self.sessions[(page - 1) * size : page * size]
        more = page * size < len(self.sessions)
        data = {"count": len(self.sessions), "next": "more" if more else None, "previous": None, "results": chunk}
        return httpx.Response(200, json={"code": 1000, "data": data, "message": "ok"})


def test_usage_sums_exactly_over_several_pages_and_stops_past_since(client_factory: ClientFactory) -> None:
    """250 sessions at 0.1 credits: 150 in the window sum to exactly 15, read in 2 pages of 100, not 3."""
    history = History(250)
    minter = client_factory(history)
    since = START - datetime.timedelta(hours=149, minutes=30)

    report = _usage(minter, since=since, until=START + datetime.timedelta(minutes=1))

    assert (150, Decimal("15.0"), 150 * 61) == (report.total.sessions, report.total.credits, report.total.duration)
    assert isinstance(report.total.credits, Decimal)
    assert [("historic", "1", "100"), ("historic", "2", "100")] == [
        (page["type"], page["page"], page["page_size"]) for page in history.pages
    ]
    assert (2, 150) == (report.pages, len(report.rows))
    assert report.rows[0].started_at < report.rows[-1].started_at
    by_mode = report.by_mode
    assert (Decimal("10.0"), Decimal("5.0")) == (by_mode["FULL"].credits, by_mode["LITE"].credits)
    assert sum(day.sessions for day in report.by_day.values()) == 150
    assert {None} == set(report.by_avatar)


def test_usage_keeps_sessions_before_until_and_names_a_filtered_avatar(client_factory: ClientFactory) -> None:
    """`until` leaves out later sessions; `avatar_id` filters the listing and is named on every row."""
    history = History(30)
    minter = client_factory(history)

    report = _usage(minter, since=START - datetime.timedelta(hours=9, minutes=30), until=START, avatar_id=AVATAR_ID)

    assert 9 == report.total.sessions
    assert {AVATAR_ID} == set(report.by_avatar)
    assert AVATAR_ID == history.pages[0]["avatar_id"]
    assert datetime.date(2026, 10, 31) == report.rows[-1].day


@pytest.mark.parametrize(
    ("kwargs", "paths"),
    [
        ({"since": "yesterday"}, ["since"]),
        ({"since": START, "until": START - datetime.timedelta(days=1)}, ["until"]),
        ({"since": datetime.timedelta(days=-1), "avatar_id": "x"}, ["since", "avatar_id"]),
    ],
)
def test_usage_refuses_bad_bounds_before_any_request(
    client_factory: ClientFactory, kwargs: dict[str, Any], paths: list[str]
) -> None:
    """A bound that is not a time, an `until` before `since`, a bad avatar id: every problem, nothing sent."""
    history = History(1)
    minter = client_factory(history)
    with pytest.raises(liveavatar.InvalidRequestError) as raised:
        _usage(minter, **kwargs)
    assert paths == [problem.path for problem in raised.value.problems]
    assert [] == history.pages


def test_a_date_or_a_naive_datetime_is_read_as_utc(client_factory: ClientFactory) -> None:
    """`since=date` is that day's UTC midnight; a naive `until` is UTC."""
    minter = client_factory(History(48))
    report = _usage(minter, since=datetime.date(2026, 10, 31), until=datetime.datetime(2026, 11, 1))
    assert (datetime.datetime(2026, 10, 31, tzinfo=datetime.UTC), 24) == (report.since, report.total.sessions)


def test_a_session_without_a_start_time_is_left_out(client_factory: ClientFactory) -> None:
    """An entry with no `created_at` cannot be placed in the window: it is not counted."""
    history = History(3)
    del history.sessions[1]["created_at"]
    report = _usage(client_factory(history), since=START - datetime.timedelta(days=1), until=START)
    assert [history.sessions[2]["id"]] == [row.session_id for row in report.rows]


def test_totals_add_up_exactly() -> None:
    """Two totals add sessions, credits (as Decimals) and seconds."""
    total = liveavatar.UsageTotal(1, Decimal("0.1"), 5) + liveavatar.UsageTotal(2, Decimal("0.2"), 7)
    assert liveavatar.UsageTotal(3, Decimal("0.3"), 12) == total
