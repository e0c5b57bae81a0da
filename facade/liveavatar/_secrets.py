"""Masking for secrets: API keys, session tokens and third-party credentials.

One rule for the whole package (clients, value types, the CLI and the mock):
a masked secret keeps its last four characters, enough to tell two keys apart
in a log, and nothing that would help use it. Values shorter than twelve
characters are masked whole, since four characters of a short secret are a
large part of it.

`Secret` holds a secret where it must be kept for later (the client's API
key, the body of a request that carries a LiveKit token): its `repr` and
`str` are masked, so a frame local, a log line or an error reporter that
captures locals shows only the mask. The raw value is read with `reveal()`,
only where a header or a JSON body is built.
"""

from __future__ import annotations

from typing import Generic, TypeVar

__all__ = ["Secret", "mask", "masked_repr"]

_VISIBLE = 4
_MIN_LENGTH_TO_SHOW = 12

_T = TypeVar("_T")


def mask(secret: object) -> str:
    """The masked text of `secret`: `…f00d`, or `…` alone for a short or non-text value."""
    if isinstance(secret, Secret):
        return secret.masked
    if not isinstance(secret, str) or len(secret) < _MIN_LENGTH_TO_SHOW:
        return "…"
    return f"…{secret[-_VISIBLE:]}"


def masked_repr(secret: object) -> str:
    """`mask` as it reads inside a `repr`: quoted, and `None` left as `None`."""
    return "None" if secret is None else repr(mask(secret))


class Secret(Generic[_T]):
    """A value that must not show in a `repr`, a `str`, a log line or a captured frame local."""

    __slots__ = ("_value", "masked")

    def __init__(self, value: _T, masked: str = "…") -> None:
        self._value = value
        self.masked = masked

    @classmethod
    def text(cls, value: str) -> Secret[str]:
        """A secret string, masked to its last four characters."""
        return Secret(value, mask(value))

    def reveal(self) -> _T:
        """The raw value: call only where it is put on the wire."""
        return self._value

    def __repr__(self) -> str:
        # getattr: safe on a half-built object, which a reporter may still format.
        return f"Secret({getattr(self, 'masked', '…')!r})"

    __str__ = __repr__

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Secret) and other._value == self._value

    def __hash__(self) -> int:
        return hash(self._value)

    def __reduce__(self) -> tuple[type[Secret[_T]], tuple[_T, str]]:
        return (Secret, (self._value, self.masked))
