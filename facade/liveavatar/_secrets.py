"""Masking for secrets: API keys, session tokens and third-party credentials.

A masked secret keeps its last four characters, enough to tell two keys
apart in a log, and nothing that would help use it. Short values are masked
whole.
"""

from __future__ import annotations

__all__ = ["mask"]

_VISIBLE = 4
_MIN_LENGTH_TO_SHOW = 12


def mask(secret: object) -> str:
    """The masked form of `secret`, e.g. `'…f00d'`."""
    if not isinstance(secret, str) or not secret:
        return repr(secret) if secret is None else "'…'"
    if len(secret) < _MIN_LENGTH_TO_SHOW:
        return "'…'"
    return f"'…{secret[-_VISIBLE:]}'"
