"""`liveavatar mock`: run the local mock of the API until Ctrl-C."""

from __future__ import annotations

import argparse
import email.utils
import math
import os
from typing import Any
from urllib.parse import urlsplit

from ._common import EXIT_OK, EXIT_SETUP, EXIT_USAGE, Failure, avatar_uuid, whole_number

# The mock's LITE event profiles (`liveavatar.mock.LITE_PROFILES`), spelled
# out so that `--help` works without the [mock] extra; a test keeps them equal.
LITE_PROFILE_CHOICES = ("docs", "extended")


def _port(text: str) -> int:
    try:
        port = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a port number, got {text!r}") from None
    if not 0 <= port <= 65535:
        raise argparse.ArgumentTypeError(f"must be 0 to 65535 (0 picks a free port), got {port}")
    return port


def add_mock_command(commands: Any) -> None:
    """`mock`."""
    mock = commands.add_parser(
        "mock",
        help="run the local mock of the API (needs liveavatar[mock])",
        description="Run the local mock of the API until Ctrl-C, which stops it with exit code 0.",
        allow_abbrev=False,
    )
    mock.add_argument("--host", default="127.0.0.1", help="the address to listen on (0.0.0.0: every interface)")
    mock.add_argument("--port", type=_port, default=8800, help="0 picks a free port (default 8800)")
    mock.add_argument("--api-key", dest="api_keys", action="append", metavar="KEY", help="accept only these keys")
    mock.add_argument("--latency", type=_mock_seconds, default=0.0, metavar="SECONDS", help="delay every response")
    mock.add_argument("--fail-first", type=whole_number, metavar="N", help="fail the first N requests")
    mock.add_argument(
        "--fail-status", type=_http_status, metavar="STATUS", help="status for --fail-first (default 503)"
    )
    mock.add_argument(
        "--force-status", type=_http_status, metavar="STATUS", help="answer every request with this status"
    )
    mock.add_argument(
        "--retry-after", type=_retry_after, metavar="SECONDS", help="Retry-After on fault responses (or an HTTP date)"
    )
    mock.add_argument(
        "--success-code", type=int, choices=[100, 1000], default=1000,
        help="envelope code of a success: 1000 as the live API answers (default), or 100 as the published schema says",
    )  # fmt: skip
    mock.add_argument(
        "--max-session-duration", type=_positive_count, metavar="SECONDS",
        help="the plan's limit: what start answers for a session minted without one (default 3600, inferred)",
    )  # fmt: skip
    mock.add_argument(
        "--session-limit", type=_positive_count, metavar="N",
        help="how many tokens and ended sessions (with their LITE audio) to remember (default 10000)",
    )  # fmt: skip
    mock.add_argument(
        "--lite-audio-limit", type=whole_number, metavar="BYTES",
        help="received LITE audio kept per session (default 28800000, ten minutes)",
    )  # fmt: skip
    mock.add_argument(
        "--no-cors-credentials", dest="cors_credentials", action="store_false",
        help="leave Access-Control-Allow-Credentials out of the answers (sent by default, for browsers)",
    )  # fmt: skip
    mock.add_argument(
        "--sandbox-avatar", dest="sandbox_avatars", action="append", default=[], metavar="ID", type=avatar_uuid,
        help="also allow this avatar in sandbox sessions (besides the documented ones); repeat for more",
    )  # fmt: skip
    mock.add_argument(
        "--lite-profile", choices=LITE_PROFILE_CHOICES, default="docs",
        help="the LITE channel's events: docs (the documented three) or extended (what third parties see)",
    )  # fmt: skip
    mock.add_argument("--quiet", action="store_true", help="log only warnings and errors, no access log")


# Hosts that mean "every interface": where the mock listens, not an address to connect to.
_WILDCARD_HOSTS = {"0.0.0.0": "0.0.0.0", "": "0.0.0.0", "::": "[::]"}  # noqa: S104 - names, not a bind


def _mock_seconds(text: str) -> float:
    try:
        seconds = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected seconds, got {text!r}") from None
    if not (math.isfinite(seconds) and seconds >= 0):
        raise argparse.ArgumentTypeError(f"must be a finite number of seconds, 0 or more, got {text!r}")
    return seconds


def _positive_count(text: str) -> int:
    count = whole_number(text)
    if count < 1:
        raise argparse.ArgumentTypeError(f"must be 1 or more, got {count}")
    return count


def _http_status(text: str) -> int:
    try:
        status = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected an HTTP status, got {text!r}") from None
    if not 100 <= status <= 599:
        raise argparse.ArgumentTypeError(f"must be an HTTP status (100 to 599), got {status}")
    return status


def _retry_after(text: str) -> str:
    # RFC 9110: delay-seconds or an HTTP-date; the text is sent as given.
    try:
        _mock_seconds(text)
    except argparse.ArgumentTypeError as error:
        try:
            email.utils.parsedate_to_datetime(text)
        except (TypeError, ValueError):
            raise error from None
    return text


def _announcement(url: str, host: str) -> str:
    """The line `liveavatar mock` prints once it listens: where, and for a wildcard host, where to reach it."""
    wildcard = _WILDCARD_HOSTS.get(host)
    if wildcard is None:
        return f"LiveAvatar mock listening on {url}"
    # The URL is printed last on the line, so that scripts can take the last word.
    listening = f"http://{wildcard}:{urlsplit(url).port}"
    return f"LiveAvatar mock listening on {listening} (every interface), reachable from this machine at {url}"


def run_mock(args: argparse.Namespace) -> int:
    try:
        from liveavatar.mock import DEFAULT_SANDBOX_AVATAR_IDS, MockConfig, serve
    except ImportError as exc:
        raise Failure(str(exc), EXIT_SETUP) from None
    if args.fail_status is not None and not args.fail_first:
        raise Failure("--fail-status needs --fail-first N (the number of requests to fail, 1 or more)", EXIT_USAGE)
    # Only what was given: MockConfig's own defaults stand for the rest.
    given = {
        name: getattr(args, name)
        for name in ("fail_first", "fail_status", "max_session_duration", "session_limit", "lite_audio_limit")
        if getattr(args, name) is not None
    }
    try:
        config = MockConfig(
            api_keys=args.api_keys,
            success_code=args.success_code,
            latency=args.latency,
            force_status=args.force_status,
            retry_after=args.retry_after,
            cors_credentials=args.cors_credentials,
            **given,
            # Added to the documented sandbox avatars, not replacing them: the
            # option exists to allow one more (HeyGen's starter ships another).
            sandbox_avatar_ids={*DEFAULT_SANDBOX_AVATAR_IDS, *args.sandbox_avatars},
            lite_profile=args.lite_profile,
            # Wall time: nothing can call advance() on a mock in another
            # process, so on a manual clock its sessions would never idle out
            # and a LITE utterance would never end.
            clock="real",
        )
    except ValueError as exc:
        raise Failure(str(exc), EXIT_USAGE) from None

    def announce(url: str) -> None:
        print(_announcement(url, args.host), flush=True)

    log_level = "warning" if args.quiet else "info"
    try:
        serve(config, host=args.host, port=args.port, access_log=not args.quiet, log_level=log_level, on_ready=announce)
    except OSError as exc:
        # Raised before serving starts: the port is taken, the host is not
        # an address of this machine, or a low port needs privileges.
        # errno's own words: create_server appends the address tuple to strerror.
        reason = os.strerror(exc.errno) if exc.errno and exc.errno > 0 else exc.strerror or str(exc)
        raise Failure(f"cannot listen on {args.host}:{args.port}: {reason}", EXIT_SETUP) from None
    return EXIT_OK
