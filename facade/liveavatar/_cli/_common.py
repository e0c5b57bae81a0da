"""What every command of the CLI shares: exit codes, the failures `main` reports, option types and client options."""

from __future__ import annotations

import argparse
import math
import uuid
from typing import Any, NoReturn

from liveavatar._config import API_KEY_ENV, BASE_URL_ENV, LOG_LEVEL_ENV

EXIT_OK = 0
EXIT_USAGE = 2
EXIT_INVALID_REQUEST = 3
EXIT_SETUP = 4
EXIT_UNREACHABLE = 5
EXIT_API_ERROR = 6
EXIT_INTERRUPTED = 130  # 128 + SIGINT, what a shell reports for Ctrl-C

ENVIRONMENT_HELP = f"""\
environment:
  {API_KEY_ENV}   the API key, unless --api-key is given
  {BASE_URL_ENV}  the API base URL, unless --base-url is given
  {LOG_LEVEL_ENV}       info (retries) or debug (every attempt): log to stderr
"""


class Printed:
    """What an action returns when it printed its own output (a table, CSV): the exit code to return."""

    __slots__ = ("code",)

    def __init__(self, code: int) -> None:
        self.code = code


def avatar_uuid(text: str) -> str:
    """An avatar id option: a UUID, as its canonical text."""
    try:
        return str(uuid.UUID(text))
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected an avatar id (UUID), got {text!r}") from None


class UsageError(Exception):
    """A wrong command line; `main` prints it, with secrets masked, and exits 2."""

    def __init__(self, message: str, prog: str) -> None:
        super().__init__(message)
        self.message = message
        self.prog = prog


class Failure(Exception):
    """A failure found by the CLI itself: one line to print and its exit code."""

    def __init__(self, message: str, code: int) -> None:
        super().__init__(message)
        self.message = message
        self.code = code


class Parser(argparse.ArgumentParser):
    """argparse, but a usage error is raised for `main` to report, not printed here."""

    def error(self, message: str) -> NoReturn:
        raise UsageError(message, self.prog)


def positive_seconds(text: str) -> float:
    try:
        seconds = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected seconds, got {text!r}") from None
    if not (math.isfinite(seconds) and seconds > 0):
        raise argparse.ArgumentTypeError(f"must be a positive number of seconds, got {text!r}")
    return seconds


def whole_number(text: str) -> int:
    try:
        count = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, got {text!r}") from None
    if count < 0:
        raise argparse.ArgumentTypeError(f"must be 0 or more, got {count}")
    return count


def client_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--api-key",
        metavar="KEY",
        help=f"the API key (default: {API_KEY_ENV}; prefer the variable, as a command line is visible to other users)",
    )
    parser.add_argument("--base-url", help=f"API base URL (default: {BASE_URL_ENV}, else the public API)")
    parser.add_argument("--timeout", type=positive_seconds, metavar="SECONDS", help="per-request timeout (default 30)")
    parser.add_argument(
        "--max-retries", type=whole_number, metavar="N", help="retries after the first attempt (default 2)"
    )
    parser.add_argument("--json", action="store_true", help="print compact one-line JSON instead of indented JSON")


def api_command(commands: Any, name: str, help_text: str, *, description: str | None = None) -> argparse.ArgumentParser:
    """A command that calls the API with the key: the shared client options and the environment epilog."""
    parser: argparse.ArgumentParser = commands.add_parser(
        name,
        help=help_text,
        description=description or help_text[0].upper() + help_text[1:] + ".",
        epilog=ENVIRONMENT_HELP,
        formatter_class=argparse.RawDescriptionHelpFormatter,
        allow_abbrev=False,
    )
    return parser
