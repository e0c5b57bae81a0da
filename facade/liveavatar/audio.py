"""The audio format of the LITE channel, and reading it from WAV files.

LiveAvatar lip-syncs raw PCM: 16-bit signed little-endian samples, one
channel, 24,000 samples a second (48,000 bytes a second). It sends back no
error for audio in another format; the avatar just speaks garbled, too fast
or too slow. So `read_wav` refuses any other format instead of passing it on,
and says how to convert the file.

No resampling here on purpose: doing it well needs a filter this package
should not carry, and `ffmpeg` or `sox` already do it well.
"""

from __future__ import annotations

import math
import os
import struct
import wave

from ._errors import LiveAvatarError

__all__ = [
    "BYTES_PER_MS",
    "BYTES_PER_SECOND",
    "CHANNELS",
    "SAMPLE_RATE",
    "SAMPLE_WIDTH",
    "duration_of",
    "read_wav",
    "tone",
]

SAMPLE_RATE = 24_000
"""Samples per second."""
CHANNELS = 1
"""Mono."""
SAMPLE_WIDTH = 2
"""Bytes per sample: 16-bit signed, little-endian."""
BYTES_PER_SECOND = SAMPLE_RATE * CHANNELS * SAMPLE_WIDTH
BYTES_PER_MS = BYTES_PER_SECOND // 1000
"""48 bytes: 24 samples of two bytes, so any whole number of milliseconds is whole samples."""

_CONVERT_HINT = (
    "convert it with: ffmpeg -i INPUT -ac 1 -ar 24000 -c:a pcm_s16le OUTPUT.wav "
    "(or: sox INPUT -c 1 -r 24000 -b 16 -e signed-integer OUTPUT.wav)"
)
_WAVE_FORMAT_PCM = 1
_WAVE_FORMAT_EXTENSIBLE = 0xFFFE
_FULL_SCALE = 32767


def read_wav(path: str | os.PathLike[str]) -> bytes:
    """The PCM samples of a WAV file that is already 24 kHz, mono, 16-bit PCM.

    Raises `LiveAvatarError` for any other format (another rate, stereo,
    8/24/32-bit, float, compressed), naming what the file is and the command
    that converts it, and `OSError` when the file cannot be read.
    """
    try:
        with wave.open(os.fspath(path), "rb") as wav:
            rate, channels, width = wav.getframerate(), wav.getnchannels(), wav.getsampwidth()
            frames = wav.readframes(wav.getnframes())
    except (wave.Error, EOFError) as exc:
        # wave.Error covers float and compressed WAVs, and files that are not WAV at all.
        problem = str(exc) or type(exc).__name__
    else:
        problem = ""
    if problem:
        raise LiveAvatarError(f"{os.fspath(path)!s} is not a 16-bit PCM WAV file ({problem}); {_CONVERT_HINT}")
    if (rate, channels, width) != (SAMPLE_RATE, CHANNELS, SAMPLE_WIDTH):
        found = f"{rate} Hz, {channels} channel{'s' if channels != 1 else ''}, {width * 8}-bit"
        raise LiveAvatarError(
            f"{os.fspath(path)!s} is {found}; the LITE channel takes 24000 Hz, 1 channel, 16-bit; {_CONVERT_HINT}"
        )
    return frames


def duration_of(pcm: bytes | bytearray | memoryview) -> float:
    """Seconds of audio in `pcm` at the LITE format (bytes ÷ 48,000)."""
    return memoryview(pcm).nbytes / BYTES_PER_SECOND


def tone(seconds: float, *, frequency: float = 440.0, volume: float = 0.3) -> bytes:
    """A sine tone in the LITE format: test audio without a file.

    `volume` is a fraction of full scale (0 to 1).
    """
    if not (seconds >= 0 and math.isfinite(seconds)):
        raise ValueError(f"seconds must be a finite number >= 0, not {seconds!r}")
    if not 0 <= volume <= 1:
        raise ValueError(f"volume must be between 0 and 1, not {volume!r}")
    count = round(seconds * SAMPLE_RATE)
    step = 2 * math.pi * frequency / SAMPLE_RATE
    amplitude = volume * _FULL_SCALE
    samples = [round(amplitude * math.sin(step * index)) for index in range(count)]
    # "<": little-endian whatever the host's byte order.
    return struct.pack(f"<{count}h", *samples)
