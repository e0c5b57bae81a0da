"""An SDK error or a usage error as the one line the CLI prints, and the exit code it ends with."""

from __future__ import annotations

import argparse
import ast
import collections
from collections.abc import Sequence
from urllib.parse import urlsplit, urlunsplit

from liveavatar import _errors
from liveavatar._models import FieldError
from liveavatar._secrets import mask

from ._common import EXIT_API_ERROR, EXIT_INVALID_REQUEST, EXIT_SETUP, EXIT_UNREACHABLE

# Said instead of the URL when the LITE channel fails: the ws_url is a bearer
# credential, so no message may show it.
_LITE_CHANNEL = "the session's ws_url, not shown as it is a credential"

# Options whose values are secrets: argparse echoes a stray value in some
# usage errors ("invalid choice: 'sk_...'"), so those values are masked first.
# `--value` and `--secret-value` are no options at all: a secret's value is
# never taken from the command line; one typed there anyway is refused
# ("unrecognized arguments") without being echoed.
_SECRET_OPTIONS = ("--api-key", "--livekit-token", "--agora-token", "--value", "--secret-value")

# The SDK reports input problems by the Python path a caller wrote; the CLI
# user typed an option. `voice_agent.language` and `persona.language` are both
# `--language`: the CLI gives it to whichever of the two is sent. Options that
# argparse checks itself (--timeout, --interactivity-type, ...) are not here.
_OPTION_OF_PATH = {
    "avatar_id": "--avatar-id",
    "max_session_duration": "--max-duration",
    "persona.voice_id": "--voice-id",
    "persona.context_id": "--context-id",
    "persona.language": "--language",
    "voice_agent.id": "--voice-agent-id",
    "voice_agent.language": "--language",
    "voice_agent.dynamic_variables": "--var",
    "dynamic_variables": "--var",
    "llm_configuration_id": "--llm-configuration-id",
    # LiveKit's and Agora's fields have no name in common.
    "connector.url": "--livekit-url",
    "connector.room": "--livekit-room",
    "connector.client_token": "--livekit-token",
    "connector.app_id": "--agora-app-id",
    "connector.token": "--agora-token",
    "connector.channel": "--agora-channel",
    "connector.uid": "--agora-uid",
    "session_id": "SESSION_ID",
    "older_than": "--older-than",
    "start_timestamp": "--start-timestamp",
    "end_timestamp": "--end-timestamp",
}

_PERSONA_OPTIONS = "--voice-id, --context-id, --language"


def exit_code(error: _errors.LiveAvatarError) -> int:
    if isinstance(error, _errors.InvalidRequestError | _errors.BadRequestError | _errors.UnprocessableEntityError):
        return EXIT_INVALID_REQUEST
    if isinstance(error, _errors.AuthenticationError | _errors.PermissionDeniedError):
        return EXIT_SETUP
    if isinstance(error, _errors.APIConnectionError):
        return EXIT_UNREACHABLE
    if isinstance(error, _errors.APIError):
        return EXIT_API_ERROR
    return EXIT_SETUP  # the client could not be set up: a bad base URL


def _problem_text(problem: FieldError, args: argparse.Namespace) -> str:
    """One SDK input problem, said in the options the user typed."""
    path = problem.path
    if path == "persona" and (getattr(args, "mint_kind", None) == "create" or _starts_full(args)):
        # The one rule about which options go together: exactly one of a
        # persona and a voice agent.
        if args.voice_agent_id is None:
            return f"give a persona ({_PERSONA_OPTIONS}) or --voice-agent-id"
        return "give --voice-agent-id or the persona options (--voice-id, --context-id), not both"
    for prefix in ("voice_agent.dynamic_variables", "dynamic_variables"):
        if path.startswith(f"{prefix}["):
            # The SDK writes the variable's name as a Python literal.
            name = ast.literal_eval(path[len(prefix) + 1 : -1])
            return f"--var {name}=...: {problem.message}"
    # A command's own names first (an id argument, say), then the mint's.
    options: dict[str, str] = getattr(args, "option_of_path", None) or {}
    return f"{options.get(path) or _OPTION_OF_PATH.get(path, path)}: {problem.message}"


def _starts_full(args: argparse.Namespace) -> bool:
    return getattr(args, "session_command", None) == "start" and not args.lite


def shown_url(url: str) -> str:
    """`url` as it may be printed: without the user name and password a base URL may carry."""
    parts = urlsplit(url)
    if "@" not in parts.netloc:
        return url
    return urlunsplit(parts._replace(netloc="…@" + parts.netloc.rpartition("@")[2]))


def _base_url_hint(base_url: str) -> str | None:
    parts = urlsplit(base_url)
    path = parts.path.rstrip("/")
    if not path.endswith("/v1"):
        return None
    suggested = urlunsplit(parts._replace(path=path.removesuffix("/v1")))
    return f"the base URL ends in /v1, which the SDK adds itself: try --base-url {suggested}"


def _where(args: argparse.Namespace, base_url: str) -> str:
    """The call a failed command made, as `METHOD URL`, for messages; the base URL when it made several."""
    endpoint: str | None = args.endpoint
    if endpoint is None:
        return base_url
    method, _, path = endpoint.partition(" ")
    # The ids typed are arguments of format, never part of the template.
    ids = {name: value for name, value in vars(args).items() if name.endswith("_id") and isinstance(value, str)}
    return f"{method} {base_url}{path.format_map(collections.defaultdict(str, ids))}"


def describe(error: _errors.LiveAvatarError, args: argparse.Namespace, base_url: str) -> str:
    """The one line printed for an SDK error, in the CLI's terms."""
    if isinstance(error, _errors.InvalidRequestError):
        return "invalid request: " + "; ".join(_problem_text(problem, args) for problem in error.problems)
    text = " ".join(str(error).split())
    notes = []
    lite = isinstance(error, _errors.LiteConnectError | _errors.LiteConnectionClosed | _errors.LiteTimeoutError)
    if isinstance(error, _errors.APIConnectionError):
        where = _where(args, base_url)
        # The SDK's own message names the call it made; the URL is said once.
        if lite:
            notes.append(_LITE_CHANNEL)
        elif base_url not in text:
            notes.append(where)
    if isinstance(error, _errors.APIStatusError):
        text = f"HTTP {error.status_code}: {text}"
        if isinstance(error, _errors.NotFoundError):
            notes.append(_where(args, base_url))
            hint = _base_url_hint(base_url)
            if hint:
                notes.append(hint)
    if isinstance(error, _errors.RateLimitError):
        wait = error.retry_after
        notes.append(
            "the server did not say how long to wait" if wait is None else f"the server asked to wait {wait:g} s"
        )
    if isinstance(error, _errors.APIError) and error.retries_taken:
        notes.append(f"after {error.retries_taken} {'retry' if error.retries_taken == 1 else 'retries'}")
    return text + "".join(f" ({note})" for note in notes)


def mask_secrets(message: str, argv: Sequence[str]) -> str:
    """`message` with every value given to a secret option masked."""
    for index, argument in enumerate(argv):
        option, equals, value = argument.partition("=")
        if option not in _SECRET_OPTIONS:
            continue
        if not equals:
            if index + 1 >= len(argv):
                continue
            value = argv[index + 1]
        if value:
            message = message.replace(value, mask(value))
    return message
