"""Speech to text with faster-whisper on the CPU (int8).

Whisper's encoder always reads a 30-second window, so on a 2-core laptop most of the time taken by a spoken
question of a few seconds is spent on padding: tiny.en's encoder takes 0.58 s for the full window and 0.09 s for a
10-second one. A take whose speech is short is therefore transcribed in a window just longer than its speech (never
below 10 s: with shorter windows tiny.en loses track of where the speech ends and repeats itself). On 18 spoken
questions the word error rate is no worse than with the full window (`tests/test_stt.py`). Whatever looks wrong in
the short window's answer (cut off at its length cap, saying something twice, compressing like a loop, or unsure)
is transcribed again the usual way.
"""

from __future__ import annotations

import math
import os
import re
import threading
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


SHORT_WINDOW_S = 10  # the smallest encoder window used for a short take
SHORT_SPEECH_S = 20.0  # speech up to this long gets a window of its own length plus a second
_TOKENS_PER_S = 12  # far above speech's 3-5 tokens a second: a decode that reaches this has run away


def _repeats(text: str, shortest: int = 3) -> bool:
    """Whether a run of at least `shortest` words comes twice in a row: how a decode that lost the end of the speech
    starts over ("Set at time of 4 10 minutes. Set at time of 4 10 minutes"). Too short to compress like a loop."""
    said = re.findall(r"[\w']+", text.lower())
    return any(
        said[i:i + n] == said[i + n:i + 2 * n]
        for n in range(shortest, len(said) // 2 + 1)
        for i in range(len(said) - 2 * n + 1)
    )


def default_threads() -> int:
    """One thread per physical core is the sweet spot for both whisper and llama.cpp on laptops."""
    logical = os.cpu_count() or 2
    return max(1, logical // 2) if logical >= 4 else logical


def whisper_threads(llm_threads: int = 0) -> int:
    """Threads for CTranslate2: half of the language model's.

    Measured here (2 cores): once CTranslate2 has run with a 2-thread OpenMP team, llama.cpp's decode in the
    same process drops from ~130 to ~66 tokens/s and stays there; with a 1-thread team it does not drop, and
    transcribing 1.9 s of speech in the full 30-s window takes 0.36 s instead of 0.29 s (in the short window, about
    0.16 s with either team). A reply is worth more than that.
    """
    return max(1, (llm_threads or default_threads()) // 2)


class Transcriber:
    """Owns one faster-whisper model. Loaded lazily; not thread-safe (the worker thread owns it)."""

    def __init__(self, model_dir: Path, language: str | None = "en", threads: int = 0, vad: bool = True,
                 short_window: bool = True) -> None:
        self.model_dir = model_dir
        self.language = language or None
        self.threads = threads or whisper_threads()
        self.vad = vad
        self.short_window = short_window
        self.short_windows = 0  # takes answered from a short window (the rest took the full one)
        self._model: Any = None
        self._tokenizer: Any = None
        self.detections = 0  # languages detected (a live take detects once, then every step reuses it)
        self._detected: str | None = None

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

    def segments(self, pcm: np.ndarray, prompt: str | None = None, words: bool = False,
                 timed: bool = False, cancel: threading.Event | None = None,
                 language: str | None = None) -> tuple[list[Segment], str]:
        """The recognised segments with their times in `pcm` (what live transcription commits by), and the language
        they are in (the setting's, or the one Whisper detected). `prompt`: the words just before this audio, so a
        take transcribed in parts keeps its context. `words`: each word's times too. `timed`: one segment per
        phrase, with its own times (subtitles); otherwise a short take may come back as one segment spanning the
        whole take. `language`: decode in this language (a live take detects its language once and passes it to
        every later step) instead of the setting's."""
        self.load()
        language = language or self._language()
        if self.short_window and not timed:
            self._detected = None
            quick = self._short(pcm, prompt, words, language)
            if quick is not None:
                return quick
            language = language or self._detected  # the full window needs no second detection
            if cancel is not None and cancel.is_set():
                return [], language or ""
        found, info = self._model.transcribe(
            pcm.astype(np.float32, copy=False),
            language=language,
            beam_size=1,
            vad_filter=self.vad,
            condition_on_previous_text=False,
            initial_prompt=prompt or None,
            word_timestamps=words,
        )
        # Segments are lazy: the decoding happens while iterating; `cancel` (set: a client of the local API left)
        # stops it between two segments, with what was decoded so far.
        kept = []
        for s in found:
            kept.append(Segment(float(s.start), float(s.end), s.text.strip(),
                                tuple((float(w.start), float(w.end), w.word) for w in (s.words or ()))))
            if cancel is not None and cancel.is_set():
                break
        if language is None:
            self.detections += 1
        return [s for s in kept if s.text], info.language

    def _language(self) -> str | None:
        """The language to decode in, when it is known without detecting it. An English-only model decodes English
        whatever the setting says (as faster-whisper's own path does), so its tokenizer is built once."""
        if not self._model.model.is_multilingual:
            return "en"
        return self.language

    def _speech(self, pcm: np.ndarray) -> tuple[np.ndarray, list[tuple[int, int]]]:
        """The take with the silences the VAD finds cut out (as faster-whisper's `vad_filter` does), and where the
        kept spans lie in the take, in samples."""
        if not self.vad:
            return pcm, [(0, pcm.size)]
        from faster_whisper.vad import VadOptions, get_speech_timestamps

        spans = [(int(span["start"]), int(span["end"])) for span in get_speech_timestamps(pcm, VadOptions())]
        if not spans:
            return np.zeros(0, dtype=np.float32), []
        return np.concatenate([pcm[start:end] for start, end in spans]), spans

    def _short(self, pcm: np.ndarray, prompt: str | None, words: bool = False,
               language: str | None = None) -> tuple[list[Segment], str] | None:
        """The transcript from a window just longer than the speech; None when the take should take the full
        30-second window instead (long speech, or an answer that looks wrong). With no language given, a
        multilingual model detects it from the same encoder output, once."""
        import ctranslate2
        from faster_whisper.audio import pad_or_trim
        from faster_whisper.tokenizer import Tokenizer
        from faster_whisper.transcribe import get_compression_ratio, get_suppressed_tokens

        model = self._model
        speech, spans = self._speech(pcm.astype(np.float32, copy=False))
        seconds = speech.size / 16_000
        if seconds == 0:
            return [], language or ""
        if seconds > SHORT_SPEECH_S:
            return None
        features = model.feature_extractor(speech)
        per_s = model.frames_per_second
        frames = max(SHORT_WINDOW_S, math.ceil(features.shape[1] / per_s) + 1) * per_s
        window = np.ascontiguousarray(pad_or_trim(features, frames)[None], dtype=np.float32)
        encoded = model.model.encode(ctranslate2.StorageView.from_array(window), to_cpu=False)
        if language is None:
            language = self._detected = self._detect(features)[0]
        if self._tokenizer is None or self._tokenizer.language_code != language:
            self._tokenizer = Tokenizer(model.hf_tokenizer, model.model.is_multilingual, task="transcribe",
                                        language=language)
        tokenizer = self._tokenizer
        before = tokenizer.encode(" " + prompt.strip()) if prompt and prompt.strip() else []
        start = model.get_prompt(tokenizer, before, without_timestamps=True)
        cap = int(_TOKENS_PER_S * seconds) + 8
        # Room for twice the cap: CTranslate2 4.8's Whisper stops at half of `max_length`, another version may
        # not; either way a decode that runs away reaches the cap.
        result = model.model.generate(
            encoded, [start], beam_size=1, max_length=min(model.max_length, len(start) + 2 * cap),
            return_scores=True, return_no_speech_prob=True, suppress_blank=True,
            suppress_tokens=get_suppressed_tokens(tokenizer, [-1]),
        )[0]
        tokens = [t for t in result.sequences_ids[0] if t < tokenizer.eot]
        text = tokenizer.decode(tokens).strip()
        average = result.scores[0] * len(tokens) / (len(tokens) + 1)  # the score is the mean over the tokens
        if average < -1.0 and result.no_speech_prob > 0.6:
            return [], language  # faster-whisper's rule for a window with no speech in it
        if len(tokens) >= cap or _repeats(text) or get_compression_ratio(text) > 2.4 or average < -1.0:
            return None
        self.short_windows += 1
        if not text:
            return [], language
        timed = self._word_times(encoded, tokens, features.shape[1], spans) if words else ()
        return [Segment(0.0, pcm.size / 16_000, text, timed)], language

    def detect(self, pcm: np.ndarray) -> tuple[str, float]:
        """The language spoken in `pcm` and Whisper's probability for it (a multilingual model; "en" for an
        English-only one)."""
        self.load()
        if not self._model.model.is_multilingual:
            return "en", 1.0
        speech, _ = self._speech(pcm.astype(np.float32, copy=False))
        return self._detect(self._model.feature_extractor(speech if speech.size else pcm))

    def _detect(self, features: np.ndarray) -> tuple[str, float]:
        """Detected in the 30-s window Whisper was trained to detect in: on 24 espeak-ng questions in German, French
        and Spanish, Whisper base found 16 right that way and 12 from a short window's encoding. It costs one more
        encode, once per take (a live take detects in its first step, while the key is held)."""
        import ctranslate2
        from faster_whisper.audio import pad_or_trim

        full = np.ascontiguousarray(pad_or_trim(features)[None], dtype=np.float32)
        ranked = self._model.model.detect_language(ctranslate2.StorageView.from_array(full))[0]
        self.detections += 1
        token, probability = ranked[0]
        return token[2:-2], float(probability)  # "<|de|>" -> "de"

    def _word_times(self, encoded: Any, tokens: list[int], frames: int,
                    spans: list[tuple[int, int]]) -> tuple[tuple[float, float, str], ...]:
        """(start, end, word) in the take, from the decoder's cross-attention path over the speech, put back
        where each piece of speech was before the VAD took out the silences around it."""
        tokenizer = self._tokenizer
        names, groups = tokenizer.split_to_word_tokens([*tokens, tokenizer.eot])
        if len(groups) < 2:
            return ()
        aligned = self._model.model.align(encoded, tokenizer.sot_sequence, [tokens], frames,
                                          median_filter_width=7)[0]
        path = np.asarray(aligned.alignments)  # (token, time step) pairs along the best path
        if path.size == 0:
            return ()
        reached = np.concatenate([[True], np.diff(path[:, 0]) != 0])  # the path's first step at each token
        token_starts = path[reached, 1] / self._model.tokens_per_second
        edges = np.cumsum([0, *(len(group) for group in groups)])
        if edges[-2] >= token_starts.size:
            return ()
        placed = np.concatenate([[0], np.cumsum([end - start for start, end in spans])])

        def in_take(seconds: float) -> float:
            sample = seconds * 16_000
            index = min(int(np.searchsorted(placed, sample, side="right")) - 1, len(spans) - 1)
            return float(spans[index][0] + sample - placed[index]) / 16_000

        last = token_starts.size - 1
        timed: list[tuple[float, float, str]] = []
        for i, name in enumerate(names[:-1]):
            begin, end = float(token_starts[edges[i]]), float(token_starts[min(edges[i + 1], last)])
            if timed and not any(c.isalnum() for c in name):
                timed[-1] = (timed[-1][0], timed[-1][1], timed[-1][2] + name)  # "morning" "." is one word
            elif timed and not any(c.isalnum() for c in timed[-1][2]):
                timed[-1] = (timed[-1][0], in_take(end), timed[-1][2] + name)  # so is an opening quote and its word
            else:
                timed.append((in_take(begin), in_take(end), name))
        return tuple(timed)
