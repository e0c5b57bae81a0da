"""Usage: what the account's sessions cost, summed exactly from the historic session listing.

`client.usage(since=..., until=None, avatar_id=None)` pages `GET
/v1/sessions?type=historic` (100 a page), keeps the sessions that started
in `[since, until)`, and sums their `credits_consumed` (a `Decimal`, never a
float) and `duration` in total, by day (UTC), by mode and by avatar. The
listing is newest first, so it stops at the first page that reaches back
past `since`; it is bounded as every session listing is (`list_sessions`).

The API's session entries do not name their avatar: a row's `avatar_id`
is the `avatar_id` the listing was filtered by, or None. So `by_avatar`
attributes sessions only for a filtered report; call it once per avatar to
compare avatars (the CLI's `usage --by avatar --avatar ID ...` does).
The procedure is I/O-free, driven by `liveavatar._procedures.run`/`arun`.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from decimal import Decimal

import attrs

from . import _operations as ops
from ._config import LIST_PAGE_SIZE
from ._errors import InvalidRequestError
from ._listing import Chunk, Listing, ListingState
from ._models import FieldError, Id, SessionInfo
from ._operations import Call
from ._procedures import Procedure
from ._types import NOT_GIVEN, NotGiven, TimeoutTypes

__all__ = ["UsageReport", "UsageRow", "UsageTotal", "usage"]


@attrs.frozen
class UsageRow:
    """One historic session: when it started, its mode, avatar (when known), credits and seconds."""

    session_id: str
    started_at: datetime.datetime
    mode: str | None
    avatar_id: str | None
    credits: Decimal
    duration: int
    is_sandbox: bool | None = None
    end_reason: str | None = None

    @property
    def day(self) -> datetime.date:
        """The UTC day the session started."""
        return self.started_at.astimezone(datetime.UTC).date()


@attrs.frozen
class UsageTotal:
    """Sessions, credits (exact) and seconds summed over some rows."""

    sessions: int = 0
    credits: Decimal = Decimal(0)
    duration: int = 0

    def add(self, row: UsageRow) -> UsageTotal:
        """The total with one more row."""
        return UsageTotal(self.sessions + 1, self.credits + row.credits, self.duration + row.duration)

    def __add__(self, other: UsageTotal) -> UsageTotal:
        """Both totals together."""
        return UsageTotal(self.sessions + other.sessions, self.credits + other.credits, self.duration + other.duration)


def _grouped(rows: Iterable[UsageRow], key: str) -> dict[object, UsageTotal]:
    groups: dict[object, UsageTotal] = {}
    for row in rows:
        name = row.day if key == "day" else getattr(row, key)
        groups[name] = groups.get(name, UsageTotal()).add(row)
    return dict(sorted(groups.items(), key=lambda item: str(item[0])))


@attrs.frozen
class UsageReport:
    """The sessions that started in `[since, until)`, their total, and the total by day, mode and avatar."""

    since: datetime.datetime
    until: datetime.datetime
    rows: tuple[UsageRow, ...]
    pages: int = 0
    """Pages of the listing read."""

    @property
    def total(self) -> UsageTotal:
        """Every row summed."""
        result = UsageTotal()
        for row in self.rows:
            result = result.add(row)
        return result

    @property
    def by_day(self) -> Mapping[datetime.date, UsageTotal]:
        """Totals per UTC day a session started, oldest first."""
        return _grouped(self.rows, "day")  # type: ignore[return-value]

    @property
    def by_mode(self) -> Mapping[str | None, UsageTotal]:
        """Totals per mode (`FULL`, `LITE`, or what the API names)."""
        return _grouped(self.rows, "mode")  # type: ignore[return-value]

    @property
    def by_avatar(self) -> Mapping[str | None, UsageTotal]:
        """Totals per avatar; None for sessions whose avatar the API did not say (see the module's notes)."""
        return _grouped(self.rows, "avatar_id")  # type: ignore[return-value]


def _moment(value: object, name: str, now: datetime.datetime, problems: list[FieldError]) -> datetime.datetime:
    """An aware datetime from a datetime (naive is UTC), a date (its UTC midnight) or a timedelta (that long ago)."""
    if isinstance(value, datetime.datetime):
        return value if value.tzinfo is not None else value.replace(tzinfo=datetime.UTC)
    if isinstance(value, datetime.date):
        return datetime.datetime(value.year, value.month, value.day, tzinfo=datetime.UTC)
    if isinstance(value, datetime.timedelta) and value >= datetime.timedelta(0):
        return now - value
    problems.append(FieldError(name, f"must be a datetime, a date, or a timedelta of 0 or more; got {value!r}"))
    return now


def usage(
    *,
    since: datetime.datetime | datetime.date | datetime.timedelta,
    until: datetime.datetime | datetime.date | datetime.timedelta | None = None,
    avatar_id: Id | None = None,
    timeout: TimeoutTypes | NotGiven = NOT_GIVEN,
    max_retries: int | NotGiven = NOT_GIVEN,
) -> Procedure[UsageReport]:
    """What the sessions that started in `[since, until)` cost: a `UsageReport` of exact sums and per-session rows.

    `since` and `until` (default: now) are datetimes (naive ones are UTC),
    dates (their UTC midnight) or timedeltas (that long ago). `avatar_id`
    keeps one avatar's sessions (and names it on every row). Reads the
    historic listing newest first and stops at the first page past `since`.

    Raises:
        InvalidRequestError: A bad `since`, `until` or `avatar_id`; nothing was sent.
    """
    now = datetime.datetime.now(datetime.UTC)
    problems: list[FieldError] = []
    start = _moment(since, "since", now, problems)
    end = now if until is None else _moment(until, "until", now, problems)
    if not problems and end < start:
        problems.append(FieldError("until", "must not be before since"))
    try:
        calls = ops.list_sessions(
            type="historic",
            avatar_id=avatar_id,
            page_size=LIST_PAGE_SIZE,
            timeout=timeout,
            max_retries=max_retries,
        )
    except InvalidRequestError as error:
        problems.extend(error.problems)
    if problems:
        raise InvalidRequestError(problems)
    named = None if avatar_id is None else ops.canonical_uuid(avatar_id, "avatar_id")
    return _usage_steps(calls, start, end, named)


def _row(session: SessionInfo, created: datetime.datetime, avatar_id: str | None) -> UsageRow:
    return UsageRow(
        session_id=session.id,
        started_at=created,
        mode=None if session.mode is None else str(session.mode),
        avatar_id=avatar_id,
        credits=session.credits_consumed or Decimal(0),
        duration=session.duration or 0,
        is_sandbox=session.is_sandbox,
        end_reason=None if session.end_reason is None else str(session.end_reason),
    )


def _usage_steps(
    calls: Listing[SessionInfo], since: datetime.datetime, until: datetime.datetime, avatar_id: str | None
) -> Procedure[UsageReport]:
    state = ListingState(calls)
    call: Call[Chunk[SessionInfo]] | None = state.first()
    rows: list[UsageRow] = []
    pages = 0
    while call is not None:
        page: Chunk[SessionInfo] = yield call
        pages += 1
        past = False
        fresh, call = state.advance(page)
        for session in fresh:
            created = session.created_at
            if created is None:
                continue
            if created < since:
                past = True
            elif created < until:
                rows.append(_row(session, created, avatar_id))
        if past:
            break
    rows.sort(key=lambda row: row.started_at)
    return UsageReport(since, until, tuple(rows), pages)
