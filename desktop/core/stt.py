"""Speech to text with faster-whisper on the CPU (int8)."""

from __future__ import annotations

import os
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from desktop.core.errors import ModelLoadError


@dataclass(frozen=True)
class Transcript:
    text: str
    language: str
    audio_s: float
    elapsed_s: float


@dataclass(frozen=True)
class Segment:
    start: float  # seconds into the audio transcribed
    end: float
    text: str
    words: tuple[tuple[float, float, str], ...] = ()  # (start, end, word), when asked for


def default_threads() -> int:
    """One thread per physical core is the sweet spot for both whisper and llama.cpp on laptops."""
    logical = os.cpu_count() or 2
    return max(1, logical // 2) if logical >= 4 else logical


def whisper_threads(llm_threads: int = 0) -> int:
    """Threads for CTranslate2: half of the language model's.

    Measured here (2 cores): once CTranslate2 has run with a 2-thread OpenMP team, llama.cpp's decode in the
    same process drops from ~130 to ~66 tokens/s and stays there; with a 1-thread team it does not drop, and
    transcribing 1.9 s of speech takes 0.36 s instead of 0.29 s. A reply is worth more than that 70 ms.
    """
    return max(1, (llm_threads or default_threads()) // 2)


class Transcriber:
    """Owns one faster-whisper model. Loaded lazily; not thread-safe (the worker thread owns it)."""

    def __init__(self, model_dir: Path, language: str | None = "en", threads: int = 0, vad: bool = True) -> None:
        self.model_dir = model_dir
        self.language = language or None
        self.threads = threads or whisper_threads()
        self.vad = vad
        self._model: Any = None

    @property
    def loaded(self) -> bool:
        return self._model is not None

    def load(self) -> None:
        if self._model is not None:
            return
        from faster_whisper import WhisperModel

        try:
            # A folder path never contacts the Hub.
            self._model = WhisperModel(str(self.model_dir), device="cpu", compute_type="int8",
                                       cpu_threads=self.threads)
        except Exception as error:  # ctranslate2 raises RuntimeError/ValueError for a damaged model
            raise ModelLoadError(
                f"Cannot load the speech model in {self.model_dir}: {error}. Choose another Whisper model in "
                "Settings or download it again."
            ) from error

    def transcribe(self, pcm: np.ndarray) -> Transcript:
        started = time.perf_counter()
        segments, language = self.segments(pcm)
        text = " ".join(segment.text for segment in segments).strip()
        return Transcript(text, language, pcm.size / 16_000, time.perf_counter() - started)

    def segments(self, pcm: np.ndarray, prompt: str | None = None, words: bool = False) -> tuple[list[Segment], str]:
        """The recognised segments with their times in `pcm` (what live transcription commits by). `prompt`: the
        words just before this audio, so a take transcribed in parts keeps its context."""
        self.load()
        found, info = self._model.transcribe(
            pcm.astype(np.float32, copy=False),
            language=self.language,
            beam_size=1,
            vad_filter=self.vad,
            condition_on_previous_text=False,
            initial_prompt=prompt or None,
            word_timestamps=words,
        )
        # Segments are lazy: the decoding happens while iterating.
        kept = [
            Segment(float(s.start), float(s.end), s.text.strip(),
                    tuple((float(w.start), float(w.end), w.word) for w in (s.words or ())))
            for s in found
        ]
        return [s for s in kept if s.text], info.language
