from __future__ import annotations

from difflib import SequenceMatcher
from itertools import pairwise
from pathlib import Path

import numpy as np
import pytest

from desktop.core.audio import read_wav
from desktop.core.errors import ModelLoadError
from desktop.core.stt import Transcriber
from tests.conftest import espeak


def test_transcribes_espeak_speech(transcriber, capital_wav: Path) -> None:
    pcm = read_wav(capital_wav)
    result = transcriber.transcribe(pcm)
    words = result.text.lower()
    assert "capital" in words and "france" in words
    assert result.language == "en"
    assert abs(result.audio_s - pcm.size / 16_000) < 1e-6
    assert 0 < result.elapsed_s < 60


def test_vad_drops_leading_silence(transcriber, tmp_path: Path) -> None:
    pcm = read_wav(espeak("Turn on the lights.", tmp_path / "lights.wav"))
    padded = np.concatenate([np.zeros(16_000 * 4, np.float32), pcm, np.zeros(16_000 * 2, np.float32)])
    text = transcriber.transcribe(padded).text.lower()
    assert "lights" in text


def test_shipped_self_test_utterance_is_understood(transcriber) -> None:
    from desktop.core.paths import assets_dir

    text = transcriber.transcribe(read_wav(assets_dir() / "hello.wav")).text.lower()
    assert "capital" in text and "france" in text


def test_damaged_model_folder_is_a_clear_error(tmp_path: Path) -> None:
    (tmp_path / "model.bin").write_bytes(b"not a model")
    (tmp_path / "config.json").write_text("{}")
    with pytest.raises(ModelLoadError, match="Cannot load the speech model"):
        Transcriber(tmp_path).load()


# The short window: a take of a few seconds is transcribed in a window just longer than its speech.

QUESTIONS = [
    "Turn off the lights in the kitchen.",
    "Set a timer for ten minutes.",
    "Who wrote the novel Pride and Prejudice?",
    "How do I make a good cup of tea?",
    "What is the capital of France?",
    "Tell me a joke about cats.",
    "I am planning a trip to Paris next spring with my family. What are three things we should see there, and how "
    "many days would you suggest?",
]


@pytest.fixture(scope="module")
def spoken(tmp_path_factory) -> list[tuple[str, np.ndarray]]:
    from tests.test_live_stt import UTTERANCES

    folder = tmp_path_factory.mktemp("short")
    return [(text, read_wav(espeak(text, folder / f"q{i}.wav"))) for i, text in enumerate([*UTTERANCES, *QUESTIONS])]


def _wer(transcriber: Transcriber, spoken: list[tuple[str, np.ndarray]]) -> float:
    from tests.test_live_stt import word_errors, words

    errors = sum(word_errors(text, transcriber.transcribe(pcm).text) for text, pcm in spoken)
    return 100 * errors / sum(len(words(text)) for text, _ in spoken)


def test_short_window_is_as_good_as_the_full_window(whisper_dir: Path, transcriber, spoken) -> None:
    full = Transcriber(whisper_dir, language="en", threads=2, short_window=False)
    before = transcriber.short_windows
    short_wer, full_wer = _wer(transcriber, spoken), _wer(full, spoken)
    # Nearly every take is answered from its short window. The guard that sends a doubtful short answer to the full
    # window (too unsure, too repetitive, cut at its cap) is the design, and where its line falls for a borderline
    # take depends on the CPU's rounding: 28 of 29 were short on one CI machine, 29 of 29 on another.
    answered_short = transcriber.short_windows - before
    assert len(spoken) - max(2, len(spoken) // 10) <= answered_short <= len(spoken), (answered_short, len(spoken))
    assert full.short_windows == 0
    assert short_wer <= full_wer + 2.0, (short_wer, full_wer)


@pytest.mark.parametrize("chant", ["la la la la la la la la la la la la la la la la la la la la",
                                   "buffalo buffalo buffalo buffalo buffalo buffalo buffalo buffalo buffalo buffalo"])
def test_a_short_window_that_goes_wrong_is_transcribed_again(transcriber, chant: str, tmp_path: Path) -> None:
    """Chanting makes tiny.en repeat itself or guess: the short window's answer is not trusted (cut off at its
    length cap, too repetitive, or too unsure) and the take goes through the full window, whose own fallbacks (a
    warmer decode) then apply."""
    pcm = read_wav(espeak(chant, tmp_path / "chant.wav"))
    before = transcriber.short_windows
    transcriber.transcribe(pcm)
    assert transcriber.short_windows == before


def test_without_the_floor_short_questions_loop_and_the_guard_catches_them(whisper_dir: Path, transcriber, spoken,
                                                                          monkeypatch) -> None:
    """Why the window never goes below 10 s: in a window of a question's own length plus a second, tiny.en
    repeats short questions over and over ("Set at time of 4 10 minutes. Set at time of…"). Those answers hit the
    length cap or the repetition check and are transcribed again in the full window, so nothing reaches the user."""
    import desktop.core.stt as stt

    questions = [(text, pcm) for text, pcm in spoken if text in QUESTIONS[:6]]
    monkeypatch.setattr(stt, "SHORT_WINDOW_S", 0)
    tight = Transcriber(whisper_dir, language="en", threads=2)
    tight_wer = _wer(tight, questions)
    assert tight.short_windows < len(questions)  # some looped and were sent back
    assert tight_wer <= _wer(transcriber, questions) + 2.0


def test_long_speech_takes_the_full_window(transcriber, spoken) -> None:
    from tests.test_live_stt import word_errors, words

    pieces = [pcm for _, pcm in spoken[:5]]
    text = " ".join(t for t, _ in spoken[:5])
    take = np.concatenate(pieces)
    assert take.size / 16_000 > 20
    before = transcriber.short_windows
    heard = transcriber.transcribe(take).text
    assert transcriber.short_windows == before
    assert word_errors(text, heard) <= 0.25 * len(words(text))


def test_short_window_word_times_are_in_the_take(whisper_dir: Path, transcriber, spoken) -> None:
    """Word times (what live transcription commits by) count the silences the VAD took out, as the full window's do."""
    _, pcm = spoken[1]  # two sentences
    take = np.concatenate([np.zeros(16_000, np.float32), pcm[: pcm.size // 2], np.zeros(24_000, np.float32),
                           pcm[pcm.size // 2:], np.zeros(8_000, np.float32)])
    full = Transcriber(whisper_dir, language="en", threads=2, short_window=False)
    ours = [w for s in transcriber.segments(take, words=True)[0] for w in s.words]
    theirs = [w for s in full.segments(take, words=True)[0] for w in s.words]
    said = [w[2].strip(" .,?!").lower() for w in ours]
    matcher = SequenceMatcher(a=said, b=[w[2].strip(" .,?!").lower() for w in theirs], autojunk=False)
    pairs = [(ours[m.a + k], theirs[m.b + k]) for m in matcher.get_matching_blocks() for k in range(m.size)]
    assert len(pairs) >= 0.8 * len(ours)  # the two windows may hear a word differently
    assert ours[0][0] >= 0.5  # after the second of silence (less the 0.4 s the VAD keeps before speech)
    assert all(a[0] <= a[1] <= b[0] + 1e-6 for a, b in pairwise(ours))
    assert max(abs(a[0] - b[0]) for a, b in pairs) < 0.3
    pause = [b[0] - a[1] for a, b in pairwise(ours) if b[0] - a[1] > 1.0]
    assert len(pause) == 1  # the 1.5 s put between the halves is where it was
