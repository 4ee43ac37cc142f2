"""When a hands-free take starts and ends (conversation mode): voice activity over the audio so far.

The Silero voice-activity model that faster-whisper ships (an onnxruntime session on one thread, a few milliseconds
for half a second of audio) scores each 32 ms chunk; a loudness test stands in when it cannot be loaded. Speech has
started once `min_speech_s` of it came nearly in a row; the take ends after `end_silence_s` of no speech following
that; with no speech at all for `give_up_s` the microphone should close.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

import numpy as np

log = logging.getLogger(__name__)

SAMPLE_RATE = 16_000
CHUNK = 512  # samples the Silero model scores at a time (32 ms)
CONTEXT_CHUNKS = 16  # already scored audio given again before the new chunks: the model starts from zero state

Probe = Callable[[np.ndarray], np.ndarray]  # audio (a multiple of CHUNK samples) → speech probability per chunk


def silero_probe() -> Probe | None:
    try:
        from faster_whisper.vad import get_vad_model

        model = get_vad_model()
    except Exception:  # noqa: BLE001 - an older faster-whisper, or onnxruntime missing: the loudness test is used
        log.debug("the Silero VAD model is not available", exc_info=True)
        return None
    return lambda audio: np.asarray(model(audio), dtype=np.float32).reshape(-1)


def loudness_probe(audio: np.ndarray, floor_dbfs: float = -42.0) -> np.ndarray:
    """1.0 for each chunk louder than `floor_dbfs`, else 0.0."""
    chunks = audio.reshape(-1, CHUNK)
    rms = np.sqrt(np.mean(chunks.astype(np.float64) ** 2, axis=1))
    return (20 * np.log10(np.maximum(rms, 1e-10)) > floor_dbfs).astype(np.float32)


class EndOfSpeech:
    WAITING, SPEAKING, ENDED, NOTHING = "waiting", "speaking", "ended", "nothing"

    def __init__(self, end_silence_s: float = 0.7, min_speech_s: float = 0.25, give_up_s: float = 8.0,
                 threshold: float = 0.5, probe: Probe | None = None) -> None:
        self.end_silence_s = end_silence_s
        self.min_speech_s = min_speech_s
        self.give_up_s = give_up_s
        self.threshold = threshold
        self._probe = probe or silero_probe() or loudness_probe
        self._flags: list[bool] = []  # speech or not, per chunk scored so far
        self.speech_started_at: float | None = None  # seconds into the take
        self.state = self.WAITING

    @property
    def heard_s(self) -> float:
        return len(self._flags) * CHUNK / SAMPLE_RATE

    def update(self, audio: np.ndarray) -> str:
        """Score the chunks of `audio` (the take so far, 16 kHz) not scored yet; the state after them."""
        if self.state in (self.ENDED, self.NOTHING):
            return self.state
        done = len(self._flags)
        whole = audio.size // CHUNK
        if whole > done:
            start = max(0, done - CONTEXT_CHUNKS)
            probs = self._probe(np.asarray(audio[start * CHUNK: whole * CHUNK], dtype=np.float32))
            self._flags.extend(bool(p >= self.threshold) for p in probs[done - start:])
        self.state = self._decide()
        return self.state

    def _decide(self) -> str:
        per_s = SAMPLE_RATE / CHUNK
        if self.speech_started_at is None:
            need = max(1, round(self.min_speech_s * per_s))
            run = gaps = 0
            for index, speech in enumerate(self._flags):
                if speech:
                    run += 1
                elif run and gaps == 0:
                    gaps = 1  # one quiet chunk inside a word does not break the run
                else:
                    run = gaps = 0
                if run >= need:
                    self.speech_started_at = (index + 1 - run - gaps) / per_s
                    break
            else:
                return self.NOTHING if self.heard_s >= self.give_up_s else self.WAITING
        quiet = 0
        for speech in reversed(self._flags):
            if speech:
                break
            quiet += 1
        return self.ENDED if quiet >= round(self.end_silence_s * per_s) else self.SPEAKING
