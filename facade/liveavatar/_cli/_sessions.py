"""`liveavatar sessions ...`: start, list, inspect, keep alive, read the transcript of, stop and reap sessions."""

from __future__ import annotations

import argparse
import itertools
import re
from typing import Any, get_args

from liveavatar._client import LiveAvatar
from liveavatar._models import SessionEndReason, SessionInfo, Transcript, TranscriptEntry
from liveavatar._secrets import mask

from ._common import Parser, api_command, client_options, whole_number
from ._output import decimal_text, iso
from ._token import connection_options, full_options, lite_options, mint

# What each command calls, for messages only: a connection error or a 404
# names the whole URL that was tried. `{session_id}` is the id as typed.
_ENDPOINTS = {
    "start": None,
    "ls": "GET /v1/sessions",
    "get": "GET /v1/sessions/{session_id}",
    "stop": "POST /v1/sessions/stop",
    "keep-alive": "POST /v1/sessions/keep-alive",
    "transcript": "GET /v1/sessions/{session_id}/transcript",
    "reap": "GET /v1/sessions",
}

# The stop reasons `--reason` offers, in the API's order.
_END_REASONS: tuple[str, ...] = get_args(SessionEndReason)

_DURATION = re.compile(r"(?P<number>\d+(?:\.\d+)?)(?P<unit>[smhd]?)")
_UNIT_SECONDS = {"": 1, "s": 1, "m": 60, "h": 3600, "d": 86400}


def _duration(text: str) -> float:
    """`90s`, `10m`, `2h`, `1d` or plain seconds (`600`), as seconds."""
    found = _DURATION.fullmatch(text.strip().lower())
    if found is None:
        raise argparse.ArgumentTypeError(f"expected a duration such as 90s, 10m or 2h, got {text!r}")
    return float(found["number"]) * _UNIT_SECONDS[found["unit"]]


def add_session_commands(commands: Any) -> None:
    sessions = commands.add_parser("sessions", help="list, inspect, keep alive and stop sessions", allow_abbrev=False)
    session_commands = sessions.add_subparsers(dest="session_command", required=True, parser_class=Parser)

    start = api_command(
        session_commands,
        "start",
        "mint and start a session, and leave it running",
        description="Mint a token and start its session (FULL, or LITE with --lite), then print the session's id\n"
        "and what start returned, tokens masked. The session is not managed: it runs until it is stopped\n"
        "(sessions stop), ends at its maximum duration, or idles out (about 5 minutes without keep-alive).",
    )
    start.set_defaults(action=_start_action, endpoint=_ENDPOINTS["start"])
    start.add_argument("--lite", action="store_true", help="a LITE session (default FULL)")
    connection_options(start)
    full_options(start)
    lite_options(start)

    ls = api_command(session_commands, "ls", "list the active sessions (--historic: the ended ones)")
    ls.set_defaults(action=_ls_action, endpoint=_ENDPOINTS["ls"])
    ls.add_argument("--historic", action="store_true", help="list ended sessions instead of active ones")
    ls.add_argument("--avatar-id", help="only the sessions of this avatar (UUID)")
    ls.add_argument(
        "--limit", type=whole_number, metavar="N", help="print at most N sessions (pages are fetched as needed)"
    )
    client_options(ls)

    for name, help_text, action in (
        ("get", "show one session, active or ended", _get_action),
        ("keep-alive", "keep a session alive (sessions idle out after about 5 minutes)", _keep_alive_action),
    ):
        command = api_command(session_commands, name, help_text)
        command.set_defaults(action=action, endpoint=_ENDPOINTS[name])
        command.add_argument("session_id", metavar="SESSION_ID")
        client_options(command)

    stop = api_command(
        session_commands,
        "stop",
        "stop a session",
        description="Stop a session. Exits 0 whether this call ended it or it had already ended;\n"
        '"stopped" in the result says which.',
    )
    stop.set_defaults(action=_stop_action, endpoint=_ENDPOINTS["stop"])
    stop.add_argument("session_id", metavar="SESSION_ID")
    stop.add_argument(
        "--reason", choices=_END_REASONS, default="USER_CLOSED", help="the end reason (default USER_CLOSED)"
    )
    client_options(stop)

    transcript = api_command(
        session_commands,
        "transcript",
        "print a FULL session's transcript",
        description="Print a FULL session's transcript: every entry so far, fetching page after page.",
    )
    transcript.set_defaults(action=_transcript_action, endpoint=_ENDPOINTS["transcript"])
    transcript.add_argument("session_id", metavar="SESSION_ID")
    transcript.add_argument("--start-timestamp", type=whole_number, metavar="T", help="from this Unix time on")
    transcript.add_argument("--end-timestamp", type=whole_number, metavar="T", help="up to this Unix time")
    client_options(transcript)

    reap = api_command(
        session_commands,
        "reap",
        "stop orphaned active sessions",
        description="Stop every active session matching the filters (ZOMBIE_SESSION_REAP) and print their ids;\n"
        "--dry-run only lists them. Durations: 90s, 10m, 2h, 1d, or plain seconds.",
    )
    reap.set_defaults(action=_reap_action, endpoint=_ENDPOINTS["reap"])
    reap.add_argument("--older-than", type=_duration, metavar="DURATION", help="only sessions at least this old")
    reap.add_argument("--avatar-id", help="only the sessions of this avatar (UUID)")
    reap.add_argument("--dry-run", action="store_true", help="list what would be stopped; stop nothing")
    client_options(reap)


def _session_json(session: SessionInfo) -> dict[str, Any]:
    # SessionInfo holds no credential (the LiveKit tokens and the ws_url are
    # only in a start's answer), so every field is printed as it is.
    return {
        "id": session.id,
        "mode": session.mode,
        "source": session.source,
        "is_sandbox": session.is_sandbox,
        "created_at": iso(session.created_at),
        "updated_at": iso(session.updated_at),
        "duration": session.duration,
        "credits_consumed": decimal_text(session.credits_consumed),
        "ended": session.ended,
        "end_at": iso(session.end_at),
        "end_reason": session.end_reason,
    }


def _entry_json(entry: TranscriptEntry) -> dict[str, Any]:
    return {
        "role": entry.role,
        "transcript": entry.transcript,
        "absolute_timestamp": entry.absolute_timestamp,
        "relative_timestamp": entry.relative_timestamp,
    }


def _ls_action(args: argparse.Namespace, client: LiveAvatar) -> object:
    sessions = client.sessions.list(type="historic" if args.historic else "active", avatar_id=args.avatar_id)
    # islice keeps the listing lazy: only the pages the limit reaches are fetched.
    chosen = sessions if args.limit is None else itertools.islice(sessions, args.limit)
    return [_session_json(session) for session in chosen]


def _get_action(args: argparse.Namespace, client: LiveAvatar) -> object:
    return _session_json(client.sessions.get(args.session_id))


def _stop_action(args: argparse.Namespace, client: LiveAvatar) -> object:
    stopped = client.sessions.stop(args.session_id, reason=args.reason)
    # Already ended: the reason it ended for is the session's own, not the one this call sent.
    reason = args.reason if stopped else client.sessions.get(args.session_id).end_reason
    return {"session_id": args.session_id, "stopped": stopped, "reason": reason}


def _start_action(args: argparse.Namespace, client: LiveAvatar) -> object:
    token = mint(args, client)
    started = client.sessions.start(token)
    return {
        "session_id": started.session_id,
        "mode": "LITE" if args.lite else "FULL",
        "session_token": token.session_token if args.show_token else mask(token.session_token),
        "livekit_url": started.livekit_url,
        "livekit_client_token": mask(started.livekit_client_token),
        "livekit_agent_token": None if started.livekit_agent_token is None else mask(started.livekit_agent_token),
        # A credential that grants the channel: whether there is one, never any of it.
        "ws_url": None if started.ws_url is None else "…",
        "max_session_duration": started.max_session_duration,
        "request_id": started.request_id,
    }


def _keep_alive_action(args: argparse.Namespace, client: LiveAvatar) -> object:
    client.sessions.keep_alive(args.session_id)
    return {"session_id": args.session_id, "kept_alive": True}


def _transcript_action(args: argparse.Namespace, client: LiveAvatar) -> object:
    entries: list[TranscriptEntry] = []
    start: int | None = args.start_timestamp
    while True:
        page: Transcript = client.sessions.transcript(
            args.session_id, start_timestamp=start, end_timestamp=args.end_timestamp
        )
        entries.extend(page.entries)
        following = page.next_timestamp
        # Read on only while a page brings entries and moves the cursor
        # forward: an answer that repeats its cursor must not loop forever.
        if not page.entries or following is None or (start is not None and following <= start):
            break
        start = following
    return {
        "session_id": args.session_id,
        "session_active": page.session_active,
        # Where a later read carries on: the last cursor the API gave, or the
        # one this read ended at when the last page gave none.
        "next_timestamp": following if following is not None else start,
        "entries": [_entry_json(entry) for entry in entries],
    }


def _reap_action(args: argparse.Namespace, client: LiveAvatar) -> object:
    chosen = client.sessions.stop_all(older_than=args.older_than, avatar_id=args.avatar_id, dry_run=args.dry_run)
    return {"dry_run": args.dry_run, "session_ids": chosen, "count": len(chosen)}
