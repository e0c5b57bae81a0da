"""Session tokens the mock mints: JWT-shaped, signed, unique.

The real `session_token` is a JWT whose lifetime is undocumented; clients
learn it by decoding `exp`. The mock's tokens have the same shape, so code
that decodes them (or just passes them on) behaves as with real ones:
`base64url(header).base64url(payload).base64url(signature)`, HS256 over a
random secret made per mock, with the standard library's `hmac` (no JWT
library is worth a dependency for one algorithm). The payload carries
`iat`, `exp`, `session_id`, `mode`, `sandbox` and `avatar_id`, plus
`iss: "liveavatar-mock"` so a mock token is recognisable in a log.

Tokens are unique because every one carries a fresh `session_id` (uuid4).
`iat` and `exp` are read from the mock's clock, so a token expires when
`mock.advance()` moves past its lifetime, as it would in real time.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import json
import secrets
import time
from collections.abc import Callable
from typing import Any

__all__ = ["TokenMinter"]

_HEADER = {"alg": "HS256", "typ": "JWT"}
ISSUER = "liveavatar-mock"


def _b64encode(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _b64decode(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def _json_segment(value: dict[str, Any]) -> str:
    return _b64encode(json.dumps(value, separators=(",", ":"), sort_keys=True).encode("utf-8"))


class TokenMinter:
    """Mints and checks the tokens of one mock; the signing secret never leaves it."""

    def __init__(self, ttl: int, now: Callable[[], float] = time.time) -> None:
        self._ttl = ttl
        self._now = now
        self._secret = secrets.token_bytes(32)

    def _sign(self, signing_input: str) -> str:
        return _b64encode(hmac.new(self._secret, signing_input.encode("ascii"), hashlib.sha256).digest())

    def mint(self, *, session_id: str, mode: str, sandbox: bool, avatar_id: str) -> str:
        """A signed token for one new session, valid for the configured TTL from now."""
        now = int(self._now())
        payload = {
            "iss": ISSUER,
            "iat": now,
            "exp": now + self._ttl,
            "session_id": session_id,
            "mode": mode,
            "sandbox": sandbox,
            "avatar_id": avatar_id,
        }
        signing_input = f"{_json_segment(_HEADER)}.{_json_segment(payload)}"
        return f"{signing_input}.{self._sign(signing_input)}"

    def verify(self, token: str) -> dict[str, Any]:
        """The payload of a token this minter made; `ValueError` for anything else.

        Expiry is not checked: the payload's `exp` is there for the caller to
        compare with the clock it cares about.
        """
        parts = token.split(".")
        if len(parts) != 3:
            raise ValueError("not a JWT: expected three dot-separated parts")
        header, payload, signature = parts
        if not hmac.compare_digest(self._sign(f"{header}.{payload}"), signature):
            raise ValueError("bad signature: this token was not minted by this mock")
        try:
            decoded: dict[str, Any] = json.loads(_b64decode(payload))
        except (binascii.Error, ValueError) as exc:  # pragma: no cover - we signed it, so we wrote it
            raise ValueError("the token's payload is not base64url JSON") from exc
        return decoded
