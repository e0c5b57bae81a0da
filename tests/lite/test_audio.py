"""`liveavatar.audio`: the format constants, `read_wav` and its refusals, the test tone."""

from __future__ import annotations

import struct
import wave
from pathlib import Path

import pytest

from liveavatar._errors import LiveAvatarError
from liveavatar.audio import (
    BYTES_PER_MS,
    BYTES_PER_SECOND,
    CHANNELS,
    SAMPLE_RATE,
    SAMPLE_WIDTH,
    duration_of,
    read_wav,
    tone,
)


def write_wav(path: Path, frames: bytes, *, rate: int = 24_000, channels: int = 1, width: int = 2) -> Path:
    with wave.open(str(path), "wb") as wav:
        wav.setnchannels(channels)
        wav.setsampwidth(width)
        wav.setframerate(rate)
        wav.writeframes(frames)
    return path


def test_the_format_is_24khz_mono_16bit() -> None:
    """The constants say 24,000 Hz, one channel, two bytes a sample: 48,000 bytes a second, 48 a millisecond."""
    assert (SAMPLE_RATE, CHANNELS, SAMPLE_WIDTH, BYTES_PER_SECOND, BYTES_PER_MS) == (24_000, 1, 2, 48_000, 48)


def test_read_wav_returns_the_samples_of_a_file_in_the_format(tmp_path: Path) -> None:
    """A 24 kHz mono 16-bit WAV gives back exactly its PCM, no header."""
    pcm = tone(0.25)
    assert read_wav(write_wav(tmp_path / "ok.wav", pcm)) == pcm


@pytest.mark.parametrize(
    ("options", "found"),
    [
        ({"rate": 16_000}, "16000 Hz"),
        ({"rate": 44_100}, "44100 Hz"),
        ({"channels": 2}, "2 channels"),
        ({"width": 1}, "8-bit"),
        ({"width": 4}, "32-bit"),
    ],
)
def test_read_wav_refuses_other_formats_and_says_how_to_convert(
    tmp_path: Path, options: dict[str, int], found: str
) -> None:
    """Another rate, stereo or width raises LiveAvatarError naming what the file is and an ffmpeg/sox command."""
    path = write_wav(tmp_path / "bad.wav", bytes(96), **options)
    with pytest.raises(LiveAvatarError) as caught:
        read_wav(path)
    message = str(caught.value)
    assert found in message
    assert "ffmpeg -i INPUT -ac 1 -ar 24000 -c:a pcm_s16le" in message
    assert "sox INPUT -c 1 -r 24000 -b 16" in message


def test_read_wav_refuses_a_file_that_is_not_pcm_wav(tmp_path: Path) -> None:
    """An MP3 (or anything not a PCM WAV) raises LiveAvatarError with the conversion hint, not wave.Error."""
    path = tmp_path / "speech.mp3"
    path.write_bytes(b"ID3\x04\x00" + bytes(100))
    with pytest.raises(LiveAvatarError, match=r"not a 16-bit PCM WAV file.*ffmpeg"):
        read_wav(path)


def test_tone_is_little_endian_pcm_of_the_asked_length() -> None:
    """tone(0.5) is 12,000 samples (24,000 bytes) of little-endian 16-bit sine within the volume."""
    pcm = tone(0.5, frequency=1000.0, volume=0.5)
    assert len(pcm) == 24_000
    samples = struct.unpack(f"<{len(pcm) // 2}h", pcm)
    assert samples[0] == 0
    assert max(samples) == round(0.5 * 32767)
    assert duration_of(pcm) == 0.5


@pytest.mark.parametrize("bad", [{"seconds": -1.0}, {"seconds": float("nan")}, {"seconds": 1.0, "volume": 1.5}])
def test_tone_refuses_impossible_arguments(bad: dict[str, float]) -> None:
    """Negative or NaN durations and volumes above full scale raise ValueError."""
    with pytest.raises(ValueError):
        tone(**bad)
