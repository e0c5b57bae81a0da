"""`speak`: chunking on sample boundaries, the frame limit, one event_id per utterance, refusals."""

from __future__ import annotations

import base64
import json
from collections.abc import AsyncIterator

import pytest

from liveavatar._errors import InvalidRequestError, LiteAudioError, LiteConnectionClosed, LiveAvatarError
from liveavatar._lite._wire import MAX_CHUNK_MS, MAX_FRAME_BYTES, ChunkPlan, Cutter, speak_frame
from liveavatar.audio import BYTES_PER_MS, tone
from tests.lite.support import Flavour, Script, eventually


def pcm(milliseconds: int) -> bytes:
    """Distinct sample values, so a chunk cut in the wrong place or out of order shows."""
    samples = milliseconds * BYTES_PER_MS // 2
    return b"".join((index % 65536).to_bytes(2, "little") for index in range(samples))


def audio_of(script: Script) -> list[bytes]:
    return [base64.b64decode(frame["audio"]) for frame in script.of_type("agent.speak")]


def test_largest_chunk_fits_the_frame_limit_and_one_more_millisecond_is_refused() -> None:
    """MAX_CHUNK_MS is exact: its frame is within 1,000,000 bytes; one ms more is never built."""
    event_id = "0" * 36
    assert len(speak_frame(event_id, bytes(MAX_CHUNK_MS * BYTES_PER_MS))) <= MAX_FRAME_BYTES
    with pytest.raises(LiveAvatarError, match="1000019 bytes"):
        speak_frame(event_id, bytes((MAX_CHUNK_MS + 1) * BYTES_PER_MS))


@pytest.mark.parametrize("bad", [0, -1, MAX_CHUNK_MS + 1, 1.5, True, "500"])
def test_chunk_options_outside_the_limit_are_refused(bad: object) -> None:
    """chunk_ms and first_chunk_ms must be whole milliseconds within the frame limit."""
    with pytest.raises(InvalidRequestError) as caught:
        ChunkPlan.build(bad, bad)  # type: ignore[arg-type]
    assert [problem.path for problem in caught.value.problems] == ["chunk_ms", "first_chunk_ms"]


def test_cutter_recuts_odd_sized_pieces_into_whole_sample_chunks() -> None:
    """Pieces of 3 bytes come out as the plan's even-sized chunks, in order, with nothing lost."""
    source = pcm(50)
    cutter = Cutter(ChunkPlan.build(20, 10))
    chunks = [chunk for start in range(0, len(source), 3) for chunk in cutter.feed(source[start : start + 3])]
    assert [len(chunk) for chunk in chunks] == [480, 960, 960]
    assert b"".join(chunks) + cutter.tail() == source
    assert not cutter.ends_mid_sample


def test_bytes_are_sent_first_chunk_then_full_chunks_then_the_tail_under_one_id(flavour: Flavour) -> None:
    """2.25 s at 500/1000 ms: chunks of 500, 1000, 750 ms, all one event_id, then speak_end with it."""
    script = Script()
    conn = flavour.connect(script)
    source = pcm(2250)
    event_id = conn.speak(source)
    assert script.types() == ["agent.speak", "agent.speak", "agent.speak", "agent.speak_end"]
    assert {frame["event_id"] for frame in script.frames} == {event_id}
    assert [len(chunk) for chunk in audio_of(script)] == [500 * BYTES_PER_MS, 1000 * BYTES_PER_MS, 750 * BYTES_PER_MS]
    assert b"".join(audio_of(script)) == source


def test_each_utterance_gets_its_own_id(flavour: Flavour) -> None:
    """Two speaks: two ids, each shared by its own chunks and speak_end only."""
    script = Script()
    conn = flavour.connect(script)
    first = conn.speak(pcm(100))
    second = conn.speak(pcm(100))
    assert first != second
    assert [(frame["type"], frame["event_id"]) for frame in script.frames] == [
        ("agent.speak", first),
        ("agent.speak_end", first),
        ("agent.speak", second),
        ("agent.speak_end", second),
    ]


def test_a_stream_is_recut_on_sample_boundaries(flavour: Flavour) -> None:
    """A TTS stream of 7-byte pieces arrives as even-sized chunks of the plan, byte for byte."""
    script = Script()
    conn = flavour.connect(script)
    source = pcm(130)
    pieces = [source[start : start + 7] for start in range(0, len(source), 7)]
    conn.speak(iter(pieces), chunk_ms=50, first_chunk_ms=20)
    sizes = [len(chunk) for chunk in audio_of(script)]
    assert sizes == [20 * BYTES_PER_MS, 50 * BYTES_PER_MS, 50 * BYTES_PER_MS, 10 * BYTES_PER_MS]
    assert all(size % 2 == 0 for size in sizes)
    assert b"".join(audio_of(script)) == source
    assert script.types()[-1] == "agent.speak_end"


def test_an_async_stream_is_accepted_by_the_async_connection() -> None:
    """The async speak reads an async iterable the same way as a sync one."""
    flavour = Flavour("async")
    try:
        script = Script()
        conn = flavour.connect(script)
        source = pcm(40)

        async def stream() -> AsyncIterator[bytes]:
            for start in range(0, len(source), 100):
                yield source[start : start + 100]

        conn.speak(stream(), chunk_ms=30, first_chunk_ms=10)
        assert b"".join(audio_of(script)) == source
        assert len(script.of_type("agent.speak_end")) == 1
    finally:
        flavour.finish()


def test_the_largest_chunks_stay_within_the_frame_limit(flavour: Flavour) -> None:
    """At chunk_ms=MAX_CHUNK_MS every frame on the wire is at most 1,000,000 bytes."""
    script = Script()
    conn = flavour.connect(script)
    conn.speak(bytes(2 * MAX_CHUNK_MS * BYTES_PER_MS + 2), chunk_ms=MAX_CHUNK_MS, first_chunk_ms=MAX_CHUNK_MS)
    sizes = [len(frame) for frame in script.raw]
    assert len(sizes) == 4
    assert max(sizes) <= MAX_FRAME_BYTES
    assert max(sizes) > MAX_FRAME_BYTES - 100


def test_odd_length_bytes_are_refused_before_anything_is_sent(flavour: Flavour) -> None:
    """Bytes of odd length raise InvalidRequestError and send nothing."""
    script = Script()
    conn = flavour.connect(script)
    with pytest.raises(InvalidRequestError, match="odd"):
        conn.speak(b"\x00" * 4801)
    assert script.frames == []


@pytest.mark.parametrize("bad", ["text audio", b"", 42])
def test_what_is_not_pcm_is_refused_before_anything_is_sent(flavour: Flavour, bad: object) -> None:
    """str, empty bytes and non-iterables raise InvalidRequestError and send nothing."""
    script = Script()
    conn = flavour.connect(script)
    with pytest.raises(InvalidRequestError):
        conn.speak(bad)
    assert script.frames == []


def test_a_stream_ending_on_half_a_sample_raises_after_sending_nothing_more(flavour: Flavour) -> None:
    """The full chunks already cut go out; the odd tail and speak_end do not; LiteAudioError names the id."""
    script = Script()
    conn = flavour.connect(script)
    with pytest.raises(LiteAudioError) as caught:
        conn.speak(iter([pcm(30), b"\x01"]), chunk_ms=10, first_chunk_ms=10)
    assert script.types() == ["agent.speak"] * 3
    assert caught.value.event_id == script.frames[0]["event_id"]
    assert isinstance(caught.value, ValueError)


def test_a_stream_yielding_text_raises_and_sends_nothing_more(flavour: Flavour) -> None:
    """An item that is not bytes stops the utterance with LiteAudioError."""
    script = Script()
    conn = flavour.connect(script)
    with pytest.raises(LiteAudioError, match="str"):
        conn.speak(iter([pcm(10), "oops"]), chunk_ms=10, first_chunk_ms=10)
    assert script.types() == ["agent.speak"]


def test_an_empty_stream_sends_nothing(flavour: Flavour) -> None:
    """A stream that yields no audio opens no utterance, so not even speak_end is sent."""
    script = Script()
    conn = flavour.connect(script)
    conn.speak(iter([]))
    assert script.frames == []


def test_speak_on_a_closed_connection_raises_a_typed_error(flavour: Flavour) -> None:
    """After the server closed the socket, speak raises LiteConnectionClosed with the close code."""
    script = Script()
    conn = flavour.connect(script)
    script.close(1011, "media server gone")
    eventually(lambda: conn.connection.closed)
    with pytest.raises(LiteConnectionClosed) as caught:
        conn.speak(tone(0.01))
    assert (caught.value.close_code, caught.value.close_reason) == (1011, "media server gone")


def test_speak_frames_are_the_documented_json(flavour: Flavour) -> None:
    """Each agent.speak frame is a JSON object of exactly type, event_id and standard base64 audio."""
    script = Script()
    conn = flavour.connect(script)
    conn.speak(pcm(10))
    speak = json.loads(script.raw[0])
    assert sorted(speak) == ["audio", "event_id", "type"]
    assert base64.b64decode(speak["audio"], validate=True) == pcm(10)
