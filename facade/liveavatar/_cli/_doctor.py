"""`liveavatar doctor` and `liveavatar usage`: the preflight and the usage report on the command line.

`doctor` takes the token options of `token create` (or, with `--lite`, of
`token create-lite`), runs `sessions.preflight` on them instead of minting,
and prints every check with its outcome, one a line (`--json`: one JSON
object); it exits 0 when nothing is an error and 3 otherwise. `usage`
prints `client.usage(...)` as a table by day, avatar or mode (`--csv`,
`--json`). The token options and the mint are `token create`'s own
(`liveavatar._cli._token`), so they are read in one place.
"""

from __future__ import annotations

import argparse
import csv
import datetime
import io
import re
from collections.abc import Callable
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from ._common import Printed, api_command, avatar_uuid, client_options
from ._token import full_options, lite_options, mint, session_options

if TYPE_CHECKING:
    from liveavatar._client import LiveAvatar
    from liveavatar._preflight import PreflightReport
    from liveavatar._usage import UsageReport, UsageTotal

__all__ = ["add_doctor_commands", "since_value"]

EXIT_PROBLEMS = 3
"""`doctor`'s exit code when the preflight found an error (the code `token create` exits with for bad input)."""

_AGO = re.compile(r"(\d+)([dhm])")
_UNITS = {"d": "days", "h": "hours", "m": "minutes"}


def since_value(text: str) -> datetime.datetime:
    """`7d`, `24h`, `30m` (that long ago), or an ISO date or datetime (UTC unless it says otherwise)."""
    now = datetime.datetime.now(datetime.UTC)
    ago = _AGO.fullmatch(text.strip())
    if ago:
        return now - datetime.timedelta(**{_UNITS[ago.group(2)]: int(ago.group(1))})
    try:
        when = datetime.datetime.fromisoformat(text.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected 7d, 24h, 30m or an ISO date, got {text!r}") from None
    return when if when.tzinfo is not None else when.replace(tzinfo=datetime.UTC)


class _PreflightSessions:
    """Stands in for `client.sessions` in the CLI's mint: the mint's arguments go to the preflight instead."""

    def __init__(self, client: LiveAvatar) -> None:
        self._client = client

    def create_token(self, **arguments: Any) -> PreflightReport:
        return self._client.sessions.preflight(**arguments)

    def create_lite_token(self, **arguments: Any) -> PreflightReport:
        return self._client.sessions.preflight_lite(**arguments)


class _PreflightClient:
    def __init__(self, client: LiveAvatar) -> None:
        self.sessions = _PreflightSessions(client)


def _report_json(report: PreflightReport) -> dict[str, Any]:
    return {
        "ok": report.ok,
        "checks": [{"name": c.name, "outcome": c.outcome, "detail": c.detail} for c in report.checks],
        "problems": [
            {"code": p.code, "path": p.path, "message": p.message, "severity": p.severity, "check": p.check}
            for p in report.problems
        ],
        "calls": report.calls,
    }


def _doctor_action(args: argparse.Namespace, client: LiveAvatar) -> Printed:
    args.mint_kind = "create-lite" if args.lite else "create"
    # `token create`'s own mint, handed a client whose sessions run the preflight instead of minting.
    preflight_mint: Callable[[argparse.Namespace, Any], Any] = mint
    report: PreflightReport = preflight_mint(args, _PreflightClient(client))
    if args.json:
        import json

        print(json.dumps(_report_json(report), ensure_ascii=False), flush=True)
    else:
        width = max(len(check.name) for check in report.checks)
        for check in report.checks:
            detail = f"  {check.detail}" if check.detail else ""
            print(f"{check.name.ljust(width)}  {check.outcome.upper():7}{detail}")
        for problem in report.problems:
            print(f"{problem.severity}: {problem.path or problem.check}: {problem.message} [{problem.code}]")
        errors, warnings = len(report.errors), len(report.warnings)
        print(f"{'ok' if report.ok else 'not ok'}: {errors} error(s), {warnings} warning(s)", flush=True)
    return Printed(0 if report.ok else EXIT_PROBLEMS)


def _usage_rows(args: argparse.Namespace, client: LiveAvatar) -> list[tuple[str, UsageTotal]]:
    reports: list[UsageReport] = [
        client.usage(since=args.since, until=args.until, avatar_id=avatar) for avatar in args.avatar_ids or [None]
    ]
    totals: dict[str, UsageTotal] = {}
    for report in reports:
        groups: Any = {"day": report.by_day, "mode": report.by_mode, "avatar": report.by_avatar}[args.by]
        for key, total in groups.items():
            name = "(avatar not named: pass --avatar-id)" if key is None else str(key)
            found = totals.get(name)
            totals[name] = total if found is None else found + total
    return sorted(totals.items())


def _usage_action(args: argparse.Namespace, client: LiveAvatar) -> Printed:
    rows = _usage_rows(args, client)
    sessions = sum(total.sessions for _, total in rows)
    credits = sum((total.credits for _, total in rows), Decimal(0))
    seconds = sum(total.duration for _, total in rows)
    header = (args.by, "sessions", "credits", "seconds")
    table = [(name, str(t.sessions), str(t.credits), str(t.duration)) for name, t in rows]
    total_row = ("total", str(sessions), str(credits), str(seconds))
    if args.json:
        import json

        items = [(name, t.sessions, str(t.credits), t.duration) for name, t in rows]
        items.append(("total", sessions, str(credits), seconds))
        keys = (args.by, "sessions", "credits", "seconds")
        print(json.dumps([dict(zip(keys, item, strict=True)) for item in items]), flush=True)
    elif args.csv:
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerows([header, *table, total_row])
        print(out.getvalue(), end="", flush=True)
    else:
        widths = [max(len(row[i]) for row in [header, *table, total_row]) for i in range(4)]
        for row in [header, *table, total_row]:
            print("  ".join(cell.ljust(widths[0]) if i == 0 else cell.rjust(widths[i]) for i, cell in enumerate(row)))
    return Printed(0)


def add_doctor_commands(commands: Any) -> None:
    """Add `doctor` and `usage` to the CLI's subcommands."""
    doctor = api_command(
        commands,
        "doctor",
        "check a session's setup before minting: every preflight check, one a line",
        description="Run the preflight on the token options: nothing is minted. Exit 0 when no check finds an\n"
        "error, 3 otherwise. --lite checks a LITE mint (create-lite's options).",
    )
    doctor.set_defaults(action=_doctor_action, endpoint=None)
    doctor.add_argument("--lite", action="store_true", help="check a LITE mint instead of a FULL one")
    session_options(doctor)
    client_options(doctor)
    full_options(doctor)
    lite_options(doctor)

    usage = api_command(commands, "usage", "sum what past sessions cost, by day, avatar or mode")
    usage.set_defaults(action=_usage_action, endpoint=None)
    usage.add_argument(
        "--since", required=True, type=since_value, metavar="WHEN", help="7d, 24h, 30m, or an ISO date/datetime"
    )
    usage.add_argument("--until", type=since_value, metavar="WHEN", help="as --since (default: now)")
    usage.add_argument("--by", choices=["day", "avatar", "mode"], default="day", help="how to group (default: day)")
    usage.add_argument(
        "--avatar-id", dest="avatar_ids", action="append", type=avatar_uuid, metavar="ID",
        help="only this avatar's sessions; repeat to compare avatars (the API's entries do not name theirs)",
    )  # fmt: skip
    usage.add_argument("--csv", action="store_true", help="print CSV instead of a table")
    client_options(usage)
