"""The `liveavatar` command line: mint tokens, run the session lifecycle, speak through a LITE avatar, or run the mock.

::

    liveavatar token create --avatar-id ID (--voice-id ID --context-id ID | --voice-agent-id ID) [...]
    liveavatar token create-lite --avatar-id ID [--livekit-url U --livekit-room R --livekit-token T] [...]
    liveavatar sessions start --avatar-id ID [--lite] [...token create or create-lite options]
    liveavatar sessions ls [--historic] [--avatar-id ID] [--limit N]
    liveavatar sessions get|keep-alive|transcript SESSION_ID
    liveavatar sessions stop SESSION_ID [--reason R]
    liveavatar sessions reap [--older-than 10m] [--avatar-id ID] [--dry-run]
    liveavatar credits
    liveavatar lite speak AUDIO.wav --avatar-id ID [--sandbox] [--speak-timeout SECONDS]
    liveavatar avatars ls [--public] | get|delete AVATAR_ID | update AVATAR_ID [--name N] [--default-voice-id ID]
    liveavatar voices ls [--private] | get|delete VOICE_ID | preview VOICE_ID -o FILE | bind [...]
    liveavatar contexts ls | get|delete CONTEXT_ID | create|update [--prompt T | --prompt-file F] [...]
    liveavatar secrets ls | create --name N --type T [--value-env VAR] (value from stdin) | delete SECRET_ID
    liveavatar llm-configs ls | get|delete CONFIG_ID | create|update [--display-name N --model-name M --secret-id ID]
    liveavatar languages | llm-models
    liveavatar embeds create --avatar-id ID (--context-id ID [--voice-id ID] | --voice-agent-id ID) [...]
    liveavatar voice-agents ls | get|delete AGENT_ID
    liveavatar mock [--port N] [--sandbox-avatar ID ...] [--lite-profile docs|extended] [...]

The key and base URL come from `--api-key` and `--base-url`, else from
`LIVEAVATAR_API_KEY` and `LIVEAVATAR_BASE_URL`. Results are printed as
JSON on stdout (indented, or one line with `--json`), secrets masked (a
minted token unless `--show-token`; `lite speak` never prints the
`ws_url`; a stored secret's value is never printed, nor read from the
command line). `lite speak` prints each event of the LITE channel as one JSON
line as it arrives, then its result. A failure prints one line on stderr,
never a traceback, and exits with its own code:

====  ==========================================================
0     success (and `liveavatar mock` stopped with Ctrl-C)
2     the command line is wrong (unknown option, missing value, port out of range, a bad duration)
3     the request is invalid: refused before sending, or 400/422; an unreadable or non-24 kHz WAV
4     authentication or set-up: no key, 401, 403, a missing extra, a port in use
5     the API could not be reached: connection failure or timeout; the LITE channel failed,
      closed, or the utterance did not end in time
6     any other API failure: 404, 429 after retries, 5xx, a bad response
130   interrupted (Ctrl-C), also while waiting to retry
====  ==========================================================

Messages name the options the user typed (`--voice-id`), never the Python
arguments behind them (`persona.voice_id`), and never print a secret given on
the command line (`--api-key`, `--livekit-token`, `--agora-token`).
"""

from ._app import build_parser, main
from ._mock import LITE_PROFILE_CHOICES

__all__ = ["LITE_PROFILE_CHOICES", "build_parser", "main"]
