"""`client.usage` against the mock's real session history, sync and async."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest

import liveavatar
from liveavatar import Persona
from liveavatar.mock import SANDBOX_AVATAR_ID, MockServer
from tests.mock.support import OneLoop
from tests.unit.support import Minter

pytestmark = pytest.mark.usefixtures("spec_checked")


def _run(sdk: Minter, avatar_id: str, minutes: float, *, lite: bool = False) -> None:
    if lite:
        token = sdk.create_lite_token(avatar_id=avatar_id)
    else:
        token = sdk.create_token(avatar_id=avatar_id, persona=Persona())
    sdk.call("sessions", "start", token)
    sdk.advance(minutes)  # type: ignore[attr-defined]
    sdk.call("sessions", "stop", token.session_id)


def _usage(sdk: Minter, **kwargs: object) -> liveavatar.UsageReport:
    client = sdk.client
    if isinstance(sdk, OneLoop):
        assert isinstance(client, liveavatar.AsyncLiveAvatar)
        return sdk.runner.run(client.usage(**kwargs))  # type: ignore[arg-type]
    assert isinstance(client, liveavatar.LiveAvatar)
    return client.usage(**kwargs)  # type: ignore[arg-type]


def test_usage_adds_up_what_the_mock_charged_by_mode_and_for_one_avatar(
    sdk: Minter, liveavatar_mock: MockServer
) -> None:
    """Two FULL minutes-and-a-half and half a LITE minute: the credits the mock charged, exactly, by mode and avatar."""
    custom = liveavatar_mock.add_avatar("Custom")
    sdk.advance = lambda minutes: liveavatar_mock.advance(minutes * 60)  # type: ignore[attr-defined]
    began = datetime.datetime.fromtimestamp(liveavatar_mock.time(), datetime.UTC)
    _run(sdk, custom, 1.5)
    _run(sdk, SANDBOX_AVATAR_ID, 1.5)
    _run(sdk, custom, 0.5, lite=True)
    until = datetime.datetime.fromtimestamp(liveavatar_mock.time(), datetime.UTC)

    report = _usage(sdk, since=began, until=until)
    mine = _usage(sdk, since=began, until=until, avatar_id=custom)

    charged = sum((session.credits_consumed for session in liveavatar_mock.sessions()), Decimal(0))
    assert (3, charged) == (report.total.sessions, report.total.credits)
    assert (Decimal(8), Decimal(1)) == (report.by_mode["FULL"].credits, report.by_mode["LITE"].credits)
    assert {custom: (2, Decimal(5))} == {key: (t.sessions, t.credits) for key, t in mine.by_avatar.items()}
    assert 90 + 90 + 30 == report.total.duration
