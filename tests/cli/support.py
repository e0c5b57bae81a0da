"""Shared values and helpers of the CLI tests."""

from __future__ import annotations

import socket
import sys
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CLI = str(Path(sys.executable).with_name("liveavatar"))
KEY = "sk_cli_test_key_000111222"
AVATAR = "dd73ea75-1218-4ef3-92ce-606d5f7fbc0a"
OTHER_AVATAR = "3c90c3cc-0d44-4b50-8888-8dd25736052a"
VOICE = "c2527536-6d1f-4412-a643-53a3497dada9"
CONTEXT = "5b9dba8a-aa31-11f0-a6ee-066a7fa2e369"
AGENT = "7d2f4c1e-5b3a-4e8d-9f60-1a2b3c4d5e6f"

RunCli = Callable[..., tuple[int, str, str]]
"""The `cli` fixture: run the CLI in-process with these arguments; (exit code, stdout, stderr)."""


def free_port() -> int:
    """A loopback port nothing listens on (bound once, then released)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
    return port
