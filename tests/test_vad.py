"""Conversation mode's end of speech, on the real Silero model faster-whisper ships and speech made by espeak-ng."""

from __future__ import annotations

import numpy as np
import pytest

from desktop.core.audio import read_wav
from desktop.core.vad import SAMPLE_RATE, EndOfSpeech, loudness_probe, silero_probe
from tests.conftest import espeak


def _take(speech: np.ndarray, before_s: float, after_s: float, noise_dbfs: float | None = None) -> np.ndarray:
    take = np.concatenate([np.zeros(int(before_s * SAMPLE_RATE), np.float32), speech,
                           np.zeros(int(after_s * SAMPLE_RATE), np.float32)])
    if noise_dbfs is not None:
        rng = np.random.default_rng(7)
        take = take + rng.normal(0, 10 ** (noise_dbfs / 20), take.size).astype(np.float32)
    return take


def _feed(endpoint: EndOfSpeech, take: np.ndarray, tick_s: float = 0.1) -> tuple[str, float]:
    """Hand the take over as the window does, a tick at a time; the state and the time it was reached."""
    tick = int(tick_s * SAMPLE_RATE)
    for end in range(tick, take.size + tick, tick):
        state = endpoint.update(take[:end])
        if state in (EndOfSpeech.ENDED, EndOfSpeech.NOTHING):
            return state, end / SAMPLE_RATE
    return state, take.size / SAMPLE_RATE


@pytest.fixture(scope="module")
def question(tmp_path_factory) -> np.ndarray:
    return read_wav(espeak("What is the capital of France? And how many people live there?",
                           tmp_path_factory.mktemp("vad") / "q.wav"))


@pytest.mark.parametrize("noise", [None, -50.0], ids=["quiet room", "fan noise"])
def test_the_take_ends_after_the_chosen_silence(question: np.ndarray, noise: float | None) -> None:
    assert silero_probe() is not None  # the real model, not the stand-in
    take = _take(question, 1.0, 3.0, noise)
    endpoint = EndOfSpeech(end_silence_s=0.7)
    state, at = _feed(endpoint, take)
    spoken_until = 1.0 + question.size / SAMPLE_RATE
    # espeak's last word fades out a little before its file ends: the end comes 0.7 s after that, give or take a tick.
    assert state == EndOfSpeech.ENDED
    assert spoken_until + 0.3 <= at <= spoken_until + 0.95, (at, spoken_until)
    assert 0.8 <= endpoint.speech_started_at <= 1.3  # and the pause between the two sentences did not end it


def test_a_longer_silence_setting_waits_longer(question: np.ndarray) -> None:
    take = _take(question, 0.5, 4.0)
    _state, short = _feed(EndOfSpeech(end_silence_s=0.5), take)
    _state, long = _feed(EndOfSpeech(end_silence_s=1.5), take)
    assert 0.8 <= long - short <= 1.2


def test_nothing_said_gives_up(question: np.ndarray) -> None:
    noise = _take(np.zeros(0, np.float32), 0.0, 6.0, noise_dbfs=-45.0)
    state, at = _feed(EndOfSpeech(give_up_s=5.0), noise)
    assert state == EndOfSpeech.NOTHING and 5.0 <= at <= 5.2
    # A cough-length sound is not a question either.
    click = _take(0.3 * np.ones(int(0.06 * SAMPLE_RATE), np.float32), 1.0, 5.0)
    assert _feed(EndOfSpeech(give_up_s=5.0), click)[0] == EndOfSpeech.NOTHING


def test_the_loudness_stand_in_also_ends_the_take(question: np.ndarray) -> None:
    take = _take(question, 1.0, 3.0)
    state, at = _feed(EndOfSpeech(end_silence_s=0.7, probe=loudness_probe), take)
    spoken_until = 1.0 + question.size / SAMPLE_RATE
    assert state == EndOfSpeech.ENDED and spoken_until <= at <= spoken_until + 0.95


def test_only_new_audio_is_scored(question: np.ndarray) -> None:
    calls: list[int] = []

    def probe(audio: np.ndarray) -> np.ndarray:
        calls.append(audio.size)
        return loudness_probe(audio)

    take = _take(question, 0.5, 2.0)
    _feed(EndOfSpeech(probe=probe), take)
    # Each tick scores its ~3 new chunks plus a fixed context, never the whole take again.
    assert max(calls) <= (16 + 8) * 512


def test_less_than_a_chunk_waits() -> None:
    """The window hands over whatever it has, even less than a chunk: nothing happens until a chunk is complete."""
    endpoint = EndOfSpeech(probe=loudness_probe)
    assert endpoint.update(np.zeros(100, np.float32)) == EndOfSpeech.WAITING
    assert endpoint.heard_s == 0.0
