"""The `liveavatar` logger, and `LIVEAVATAR_LOG`.

Records say what happened to a request (method, path, status, elapsed time,
retry number, request id) and never carry headers or bodies: the request
holds the API key and the response holds the session token.
"""

from __future__ import annotations

import logging
import os

from ._config import LOG_LEVEL_ENV

__all__ = ["logger", "setup_from_environment"]

logger = logging.getLogger("liveavatar")

_LEVELS = {"debug": logging.DEBUG, "info": logging.INFO}


def setup_from_environment() -> None:
    """Honour `LIVEAVATAR_LOG=info|debug`: send the logger's records to stderr at that level."""
    level = _LEVELS.get(os.environ.get(LOG_LEVEL_ENV, "").strip().lower())
    if level is None:
        return
    logger.setLevel(level)
    if not logger.handlers:
        handler = logging.StreamHandler()
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
        logger.addHandler(handler)
