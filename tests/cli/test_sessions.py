"""`liveavatar sessions ...` and `liveavatar credits`: the lifecycle from a shell, against the mock's clock."""

from __future__ import annotations

import datetime
import json
from collections.abc import Callable, Iterator

import httpx
import pytest

from liveavatar import LiveAvatar, Persona, StartedSession
from liveavatar import _operations as operations
from liveavatar.mock import MockConfig, MockServer
from tests.cli.support import AVATAR, KEY, OTHER_AVATAR, VOICE, RunCli, free_port

UNKNOWN_SESSION = "0b6f3a4e-2f51-4c7e-9d1a-5e8b7c6d4f30"


@pytest.fixture
def client(liveavatar_mock: MockServer) -> Iterator[LiveAvatar]:
    """An SDK client on the session's mock, to set the scene the CLI then reads."""
    with LiveAvatar(api_key=KEY, base_url=liveavatar_mock.url) as sdk:
        yield sdk


@pytest.fixture
def start(client: LiveAvatar) -> Callable[..., StartedSession]:
    """Start a session on the mock: LITE by default (no sandbox, so any avatar and no 60 s cap), FULL with `full=True`."""

    def started(avatar_id: str = OTHER_AVATAR, *, full: bool = False) -> StartedSession:
        if full:
            token = client.sessions.create_token(avatar_id=avatar_id, persona=Persona(voice_id=VOICE))
        else:
            token = client.sessions.create_lite_token(avatar_id=avatar_id)
        return client.sessions.start(token)

    return started


def _run_json(cli: RunCli, *arguments: str) -> object:
    code, out, err = cli(*arguments)
    assert (0, "") == (code, err)
    return json.loads(out)


def test_ls_lists_active_sessions_and_historic_ones(
    cli: RunCli, start: Callable[..., StartedSession], client: LiveAvatar
) -> None:
    """`sessions ls` lists the active sessions, `--historic` the ended ones, each with its end reason."""
    kept, ended = start(), start(AVATAR)
    client.sessions.stop(ended.session_id, reason="AGENT_HANG_UP")

    active = _run_json(cli, "sessions", "ls")
    historic = _run_json(cli, "sessions", "ls", "--historic")

    assert isinstance(active, list)
    assert isinstance(historic, list)
    assert [kept.session_id] == [session["id"] for session in active]
    assert [(ended.session_id, True, "AGENT_HANG_UP")] == [
        (session["id"], session["ended"], session["end_reason"]) for session in historic
    ]
    assert {"LITE"} == {active[0]["mode"], historic[0]["mode"]}
    # Credits are exact decimal text, never a float.
    assert isinstance(active[0]["credits_consumed"], str)


def test_ls_filters_by_avatar_and_compact_json_is_one_line(cli: RunCli, start: Callable[..., StartedSession]) -> None:
    """`sessions ls --avatar-id` keeps that avatar's sessions; `--json` prints one line."""
    mine = start(AVATAR)
    start(OTHER_AVATAR)

    code, out, _ = cli("sessions", "ls", "--avatar-id", AVATAR, "--json")

    assert 0 == code
    assert 1 == len(out.strip().splitlines())
    assert [mine.session_id] == [session["id"] for session in json.loads(out)]


def test_ls_limit_fetches_only_the_pages_it_needs(
    cli: RunCli, start: Callable[..., StartedSession], liveavatar_mock: MockServer
) -> None:
    """`sessions ls --limit 1` prints one session and asks the API for one page only, of 25 sessions."""
    for _ in range(25):
        start()
    before = len(liveavatar_mock.requests)

    listed = _run_json(cli, "sessions", "ls", "--limit", "1")

    pages = [request for request in liveavatar_mock.requests[before:] if request.path == "/v1/sessions"]
    assert isinstance(listed, list)
    assert 1 == len(listed)
    assert 1 == len(pages)


def test_get_prints_the_session_and_no_credential(
    cli: RunCli, start: Callable[..., StartedSession], liveavatar_mock: MockServer
) -> None:
    """`sessions get` prints the session; nothing of the start's LiveKit tokens or ws_url appears."""
    started = start()
    liveavatar_mock.advance(90)

    code, out, err = cli("sessions", "get", started.session_id)

    printed = json.loads(out)
    assert (0, "") == (code, err)
    assert (started.session_id, "LITE", False, False) == (
        printed["id"],
        printed["mode"],
        printed["is_sandbox"],
        printed["ended"],
    )
    assert 90 == printed["duration"]
    secrets = [started.livekit_client_token, started.livekit_agent_token, started.ws_url]
    for secret in secrets:
        assert secret
        assert secret not in out
        assert secret[-8:] not in out


def test_get_of_an_unknown_session_exits_6_naming_the_url(cli: RunCli, liveavatar_mock: MockServer) -> None:
    """`sessions get` of an id the API does not know is a 404: exit 6, one line with the URL tried."""
    code, out, err = cli("sessions", "get", UNKNOWN_SESSION)

    assert (6, "") == (code, out)
    assert 1 == len(err.splitlines())
    assert err.startswith("liveavatar: error: HTTP 404")
    assert f"(GET {liveavatar_mock.url}/v1/sessions/{UNKNOWN_SESSION})" in err


@pytest.mark.parametrize("command", ["get", "stop", "keep-alive", "transcript"])
def test_a_malformed_session_id_exits_3_without_sending(command: str, cli: RunCli, liveavatar_mock: MockServer) -> None:
    """A SESSION_ID that is not a UUID is refused before sending, named as the argument typed."""
    code, out, err = cli("sessions", command, "not-a-session")

    assert (3, "") == (code, out)
    assert err.startswith("liveavatar: error: invalid request: SESSION_ID: ")
    assert [] == liveavatar_mock.requests


def test_stop_ends_the_session_with_the_reason_and_is_idempotent(
    cli: RunCli, start: Callable[..., StartedSession], liveavatar_mock: MockServer
) -> None:
    """`sessions stop --reason` ends it with that reason; a second stop exits 0 with "stopped": false."""
    started = start()

    first = _run_json(cli, "sessions", "stop", started.session_id, "--reason", "AGENT_HANG_UP")
    second = _run_json(cli, "sessions", "stop", started.session_id)

    assert {"session_id": started.session_id, "stopped": True, "reason": "AGENT_HANG_UP"} == first
    assert {"session_id": started.session_id, "stopped": False, "reason": "AGENT_HANG_UP"} == second
    assert "AGENT_HANG_UP" == liveavatar_mock.session(started.session_id).end_reason


def test_stop_with_an_unknown_reason_is_a_usage_error(cli: RunCli, liveavatar_mock: MockServer) -> None:
    """`--reason` takes only the API's end reasons; anything else exits 2 before sending."""
    code, _, err = cli("sessions", "stop", UNKNOWN_SESSION, "--reason", "BORED")

    assert 2 == code
    assert "invalid choice: 'BORED'" in err
    assert [] == liveavatar_mock.requests


def test_keep_alive_holds_a_session_past_its_idle_timeout(
    cli: RunCli, start: Callable[..., StartedSession], liveavatar_mock: MockServer
) -> None:
    """With a `sessions keep-alive` every 200 s, a session is active at 400 s; without, it idles out at 300 s."""
    kept, idle = start(), start()

    liveavatar_mock.advance(200)
    printed = _run_json(cli, "sessions", "keep-alive", kept.session_id)
    liveavatar_mock.advance(200)

    assert {"session_id": kept.session_id, "kept_alive": True} == printed
    assert liveavatar_mock.session(kept.session_id).active
    assert "IDLE_TIMEOUT" == liveavatar_mock.session(idle.session_id).end_reason


def test_keep_alive_of_an_ended_session_exits_6(
    cli: RunCli, start: Callable[..., StartedSession], client: LiveAvatar
) -> None:
    """Keeping an ended session alive is the API's 404: exit 6, one line naming the endpoint."""
    started = start()
    client.sessions.stop(started.session_id)

    code, _, err = cli("sessions", "keep-alive", started.session_id)

    assert 6 == code
    assert "/v1/sessions/keep-alive)" in err


def test_transcript_reads_every_page(cli: RunCli) -> None:
    """`sessions transcript` follows next_timestamp page after page and prints every entry once, in order."""
    lines = [("user", "hello"), ("avatar", "hi, how can I help?"), ("user", "my order"), ("avatar", "sure"),
             ("user", "thanks")]  # fmt: skip
    with MockServer(MockConfig(transcript_page_size=2)) as mock:
        with LiveAvatar(api_key=KEY, base_url=mock.url) as sdk:
            started = sdk.sessions.start(sdk.sessions.create_token(avatar_id=AVATAR, persona=Persona(voice_id=VOICE)))
        now = mock.time()
        for offset, (role, text) in enumerate(lines):
            mock.add_transcript(started.session_id, role, text, at=now + offset)
        code, out, err = cli("sessions", "transcript", started.session_id, "--base-url", mock.url)
        pages = [request for request in mock.requests if request.path.endswith("/transcript")]

    printed = json.loads(out)
    assert (0, "") == (code, err)
    assert lines == [(entry["role"], entry["transcript"]) for entry in printed["entries"]]
    assert printed["session_active"] is True
    assert int(now) + len(lines) == printed["next_timestamp"]
    assert 4 == len(pages)  # three pages of at most two, and the empty one that says there is no more


def test_transcript_window_options_are_sent(
    cli: RunCli, start: Callable[..., StartedSession], liveavatar_mock: MockServer
) -> None:
    """`--start-timestamp` and `--end-timestamp` bound the entries printed."""
    started = start(full=True)
    now = int(liveavatar_mock.time())
    for offset in range(4):
        liveavatar_mock.add_transcript(started.session_id, "user", f"line {offset}", at=now + offset)

    printed = _run_json(cli, "sessions", "transcript", started.session_id, "--start-timestamp", str(now + 1),
                        "--end-timestamp", str(now + 2))  # fmt: skip

    assert isinstance(printed, dict)
    assert ["line 1", "line 2"] == [entry["transcript"] for entry in printed["entries"]]


@pytest.fixture
def ages_by_the_mock_clock(monkeypatch: pytest.MonkeyPatch, liveavatar_mock: MockServer) -> None:
    """Make `stop_all` measure session ages on the mock's clock, which `advance` moves, instead of the wall clock.

    `reap_filter` takes the time to measure from; the SDK passes none, so it
    reads the wall clock, which the mock's manual clock never follows.
    """
    real = operations.reap_filter

    def on_mock_time(*, older_than: float | None, now: datetime.datetime | None = None) -> Callable[..., bool]:
        return real(older_than=older_than, now=datetime.datetime.fromtimestamp(liveavatar_mock.time(), datetime.UTC))

    monkeypatch.setattr(operations, "reap_filter", on_mock_time)


@pytest.mark.usefixtures("ages_by_the_mock_clock")
def test_reap_stops_only_sessions_older_than_the_duration(
    cli: RunCli, start: Callable[..., StartedSession], client: LiveAvatar, liveavatar_mock: MockServer
) -> None:
    """`sessions reap --older-than 5m` stops a 400 s old session with ZOMBIE_SESSION_REAP and leaves a 10 s one."""
    old = start()
    liveavatar_mock.advance(200)
    client.sessions.keep_alive(old.session_id)  # alive past the 300 s idle timeout
    liveavatar_mock.advance(190)
    young = start()
    liveavatar_mock.advance(10)

    dry = _run_json(cli, "sessions", "reap", "--older-than", "5m", "--dry-run")
    still_active = liveavatar_mock.session(old.session_id).active
    reaped = _run_json(cli, "sessions", "reap", "--older-than", "5m")

    assert {"dry_run": True, "session_ids": [old.session_id], "count": 1} == dry
    assert still_active
    assert {"dry_run": False, "session_ids": [old.session_id], "count": 1} == reaped
    assert "ZOMBIE_SESSION_REAP" == liveavatar_mock.session(old.session_id).end_reason
    assert liveavatar_mock.session(young.session_id).active


@pytest.mark.usefixtures("ages_by_the_mock_clock")
def test_reap_by_avatar_leaves_other_avatars_alone(
    cli: RunCli, start: Callable[..., StartedSession], liveavatar_mock: MockServer
) -> None:
    """`sessions reap --avatar-id` stops every active session of that avatar and no other."""
    mine, other = start(AVATAR), start(OTHER_AVATAR)

    reaped = _run_json(cli, "sessions", "reap", "--avatar-id", AVATAR)

    assert isinstance(reaped, dict)
    assert [mine.session_id] == reaped["session_ids"]
    assert not liveavatar_mock.session(mine.session_id).active
    assert liveavatar_mock.session(other.session_id).active


@pytest.mark.parametrize(("duration", "seconds"), [("90s", 90), ("10m", 600), ("2h", 7200), ("1d", 86400),
                                                   ("45", 45), ("1.5h", 5400), ("0", 0)])  # fmt: skip
def test_durations_are_read_in_their_units(
    duration: str, seconds: int, cli: RunCli, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`--older-than` reads 90s, 10m, 2h, 1d, plain seconds and decimals as the seconds the SDK is given."""
    given: list[float | None] = []

    def stop_all(self: object, *, older_than: float | None, **_: object) -> list[str]:
        given.append(older_than)
        return []

    monkeypatch.setattr("liveavatar._resources.Sessions.stop_all", stop_all)

    code, _, _ = cli("sessions", "reap", "--older-than", duration, "--dry-run")

    assert (0, [seconds]) == (code, given)


@pytest.mark.parametrize("duration", ["10x", "-5m", "m", "inf", "1e3", "ten minutes", ""])
def test_a_bad_duration_is_a_usage_error(duration: str, cli: RunCli, liveavatar_mock: MockServer) -> None:
    """A duration that is not a number with s/m/h/d exits 2 in one line, before anything is sent."""
    # `=`: a separate "-5m" would be read as an option.
    code, out, err = cli("sessions", "reap", f"--older-than={duration}")

    assert (2, "") == (code, out)
    assert 1 == len(err.splitlines())
    assert "expected a duration such as 90s, 10m or 2h" in err
    assert [] == liveavatar_mock.requests


def test_credits_prints_the_exact_balance(cli: RunCli, liveavatar_mock: MockServer) -> None:
    """`liveavatar credits` prints the balance as exact decimal text."""
    liveavatar_mock.set_credits("12.50")

    assert {"credits_left": "12.50"} == _run_json(cli, "credits")


def test_credits_drop_after_a_started_minute(
    cli: RunCli, start: Callable[..., StartedSession], liveavatar_mock: MockServer
) -> None:
    """A LITE session's first minute is charged at start: `credits` shows one credit less."""
    liveavatar_mock.set_credits(10)
    start()

    assert {"credits_left": "9"} == _run_json(cli, "credits")


@pytest.mark.parametrize(
    "arguments",
    [["sessions", "ls"], ["sessions", "get", UNKNOWN_SESSION], ["sessions", "stop", UNKNOWN_SESSION],
     ["sessions", "keep-alive", UNKNOWN_SESSION], ["sessions", "transcript", UNKNOWN_SESSION],
     ["sessions", "reap", "--dry-run"], ["credits"]],
)  # fmt: skip
def test_a_refused_key_exits_4(arguments: list[str], cli: RunCli, strict_mock: MockServer) -> None:
    """Every lifecycle command exits 4 in one line when the API refuses the key, which is never printed."""
    code, out, err = cli(*arguments, "--base-url", strict_mock.url)

    assert (4, "") == (code, out)
    assert 1 == len(err.splitlines())
    assert "HTTP 401" in err
    assert KEY not in err


@pytest.mark.parametrize(
    ("arguments", "endpoint"),
    [(["sessions", "ls"], "GET {}/v1/sessions"), (["sessions", "stop", UNKNOWN_SESSION], "POST {}/v1/sessions/stop"),
     (["credits"], "GET {}/v1/users/credits")],
)  # fmt: skip
def test_an_unreachable_api_exits_5_naming_the_url(arguments: list[str], endpoint: str, cli: RunCli) -> None:
    """A lifecycle command that cannot reach the API exits 5 in one line naming the URL it tried, once."""
    base_url = f"http://127.0.0.1:{free_port()}"

    code, out, err = cli(*arguments, "--base-url", base_url, "--max-retries", "0")

    assert (5, "") == (code, out)
    assert 1 == len(err.splitlines())
    assert f"{endpoint.format(base_url)} " in err
    assert 1 == err.count(base_url)


def test_a_server_failure_exits_6(cli: RunCli, liveavatar_mock: MockServer) -> None:
    """A 500 on a lifecycle call (after the retries) exits 6."""
    liveavatar_mock.force_status(500, operation="list")

    code, _, err = cli("sessions", "ls", "--max-retries", "0")

    assert 6 == code
    assert err.startswith("liveavatar: error: HTTP 500")


def test_stop_of_a_session_that_idled_out_prints_its_real_end_reason(
    cli: RunCli, start: Callable[..., StartedSession], liveavatar_mock: MockServer
) -> None:
    """`sessions stop` of a session that already ended prints the reason it ended for, not the one sent."""
    started = start()
    liveavatar_mock.advance(400)

    printed = _run_json(cli, "sessions", "stop", started.session_id, "--reason", "USER_CLOSED")

    assert isinstance(printed, dict)
    assert (False, liveavatar_mock.session(started.session_id).end_reason) == (printed["stopped"], printed["reason"])
    assert "USER_CLOSED" != printed["reason"]


@pytest.mark.parametrize("lite", [True, False])
def test_start_mints_and_starts_a_session_with_its_tokens_masked(
    cli: RunCli, liveavatar_mock: MockServer, lite: bool
) -> None:
    """`sessions start` prints the running session's id with every token masked; get, keep-alive and stop then work."""
    options = ["--lite"] if lite else ["--voice-agent-id", "7d2f4c1e-5b3a-4e8d-9f60-1a2b3c4d5e6f"]

    code, out, err = cli("sessions", "start", "--avatar-id", OTHER_AVATAR, *options)
    printed = json.loads(out)
    session_id = printed["session_id"]
    session = liveavatar_mock.session(session_id)
    kept = _run_json(cli, "sessions", "keep-alive", session_id)
    stopped = _run_json(cli, "sessions", "stop", session_id)

    assert (0, "") == (code, err)
    assert ("LITE" if lite else "FULL") == printed["mode"] == session.mode
    assert printed["session_token"].startswith("…")
    assert printed["livekit_client_token"].startswith("…")
    assert printed["ws_url"] in (None, "…")
    assert {"session_id": session_id, "kept_alive": True} == kept
    assert {"session_id": session_id, "stopped": True, "reason": "USER_CLOSED"} == stopped


def test_start_full_without_persona_or_agent_is_refused_before_sending(
    cli: RunCli, liveavatar_mock: MockServer
) -> None:
    """`sessions start` (FULL) with neither persona options nor a voice agent exits 3 naming the options."""
    code, _, err = cli("sessions", "start", "--avatar-id", OTHER_AVATAR)

    assert 3 == code
    assert "--voice-agent-id" in err
    assert [] == liveavatar_mock.requests


class _Scripted:
    """Makes the CLI's client send to a MockTransport handler instead of the network."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, handler: Callable[[httpx.Request], httpx.Response]) -> None:
        real = LiveAvatar

        def build(**options: object) -> LiveAvatar:
            return real(http_client=httpx.Client(transport=httpx.MockTransport(handler)), **options)  # type: ignore[arg-type]

        monkeypatch.setattr("liveavatar._cli._api.LiveAvatar", build)


def _answer(data: object) -> httpx.Response:
    return httpx.Response(200, json={"code": 100, "data": data, "message": "ok"})


def test_ls_ends_on_a_listing_whose_every_page_says_next(cli: RunCli, monkeypatch: pytest.MonkeyPatch) -> None:
    """`sessions ls` against pages that always link another, repeating their sessions, ends and prints each once."""
    pages: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        pages.append(request.url.params["page"])
        results = [{"id": f"00000000-0000-4000-8000-00000000000{n}"} for n in (1, 2)]
        return _answer({"count": 99, "next": "https://api/v1/sessions?page=2", "results": results})

    _Scripted(monkeypatch, handler)

    printed = _run_json(cli, "sessions", "ls")

    assert isinstance(printed, list)
    assert 2 == len(printed)
    assert ["1", "2"] == pages


@pytest.mark.parametrize("command", [["sessions", "get", UNKNOWN_SESSION], ["sessions", "ls"]])
def test_a_session_with_a_date_that_is_not_a_date_fails_in_one_line(
    cli: RunCli, monkeypatch: pytest.MonkeyPatch, command: list[str]
) -> None:
    """`sessions get` and `ls` given end_at "yesterday" exit 6 with one line, not a traceback."""
    session = {"id": UNKNOWN_SESSION, "end_at": "yesterday"}
    _Scripted(
        monkeypatch,
        lambda request: _answer(
            {"count": 1, "next": None, "results": [session]} if "page" in request.url.params else session
        ),
    )

    code, out, err = cli(*command)

    assert (6, "") == (code, out)
    assert 1 == len(err.splitlines())
    assert "not a session" in err or "not a page of sessions" in err


def test_reap_with_created_at_without_an_offset_works(cli: RunCli, monkeypatch: pytest.MonkeyPatch) -> None:
    """`sessions reap --older-than` over a created_at with no offset reads it as UTC instead of failing."""
    session = {"id": UNKNOWN_SESSION, "created_at": "2020-01-01T00:00:00"}
    _Scripted(monkeypatch, lambda request: _answer({"count": 1, "next": None, "results": [session]}))

    printed = _run_json(cli, "sessions", "reap", "--older-than", "10m", "--dry-run")

    assert {"dry_run": True, "session_ids": [UNKNOWN_SESSION], "count": 1} == printed


def test_credits_that_are_not_a_number_fail_in_one_line(cli: RunCli, monkeypatch: pytest.MonkeyPatch) -> None:
    """`credits` answered NaN exits 6 with one line."""
    _Scripted(monkeypatch, lambda request: _answer({"credits_left": "NaN"}))

    code, _, err = cli("credits")

    assert 6 == code
    assert 1 == len(err.splitlines())


@pytest.mark.parametrize("status", [None, 404])
def test_a_base_url_password_is_never_printed(cli: RunCli, liveavatar_mock: MockServer, status: int | None) -> None:
    """A base URL with user:password: a connection failure or a 404 names the URL without the password, once."""
    port = free_port() if status is None else int(liveavatar_mock.url.rsplit(":", 1)[1])
    base_url = f"http://ada:hunter2pw@127.0.0.1:{port}" + ("/nowhere" if status else "")

    code, out, err = cli("sessions", "get", UNKNOWN_SESSION, "--base-url", base_url, "--max-retries", "0")

    assert "hunter2pw" not in out + err
    assert "ada:" not in err
    assert 1 == len(err.splitlines())
    assert 1 == err.count(f"127.0.0.1:{port}")
    assert (5 if status is None else 6) == code
