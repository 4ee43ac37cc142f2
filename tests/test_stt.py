from __future__ import annotations

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
