"""The parser of the whole command line and `main`, which runs a command and reports its failure in one line."""

from __future__ import annotations

import sys
from collections.abc import Sequence

from liveavatar._version import __version__

from ._api import run_api
from ._avatars import add_avatar_commands, add_voice_agent_commands
from ._catalog import add_catalog_commands
from ._common import EXIT_INTERRUPTED, EXIT_USAGE, Failure, Parser, UsageError
from ._contexts import add_context_commands
from ._credits import add_credits_command
from ._doctor import add_doctor_commands
from ._failures import mask_secrets
from ._lite import add_lite_commands
from ._llm import add_llm_commands
from ._mock import add_mock_command, run_mock
from ._secrets import add_secret_commands
from ._sessions import add_session_commands
from ._token import add_token_commands
from ._voices import add_voice_commands


def build_parser() -> Parser:
    """The parser of every command."""
    parser = Parser(
        prog="liveavatar",
        description="Mint LiveAvatar session tokens, run and inspect sessions, or run a local mock of the API.",
        allow_abbrev=False,
    )
    parser.add_argument("--version", action="version", version=f"liveavatar {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, parser_class=Parser)

    add_token_commands(commands)
    add_session_commands(commands)
    add_credits_command(commands)
    add_doctor_commands(commands)
    add_lite_commands(commands)
    # The account API.
    add_avatar_commands(commands)
    add_voice_commands(commands)
    add_context_commands(commands)
    add_secret_commands(commands)
    add_llm_commands(commands)
    add_catalog_commands(commands)
    add_voice_agent_commands(commands)
    add_mock_command(commands)
    return parser


def _fail(message: str) -> None:
    print(f"liveavatar: error: {message}", file=sys.stderr)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    arguments = list(sys.argv[1:] if argv is None else argv)
    try:
        try:
            args = build_parser().parse_args(arguments)
        except UsageError as error:
            _fail(f"{mask_secrets(error.message, arguments)} (see {error.prog} --help)")
            return EXIT_USAGE
        try:
            return run_mock(args) if args.command == "mock" else run_api(args)
        except Failure as failure:
            _fail(failure.message)
            return failure.code
    except KeyboardInterrupt:
        # Ctrl-C, also during a retry's wait: a line, not a traceback.
        print("liveavatar: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
