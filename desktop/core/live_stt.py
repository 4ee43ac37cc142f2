"""Live transcription: the take is transcribed while the key is held, and only its unfinished end on release.

The recorder's blocks are appended as they arrive (`append`), or the take so far is handed over at each step
(`update`, what the window does with the recorder's snapshot). About once a second `step()` transcribes the audio
not yet committed and shows it; the segments that end comfortably before the end of the audio so far (a pause has
followed them) are committed: their text is final and their audio is never transcribed again. On release `finish()` only
transcribes what follows the last committed segment, so the time from release to the final transcript no longer
grows with the length of the utterance.

Not thread-safe by itself: `append` may be called from the audio thread, everything else from the one thread that
owns the Transcriber (the model worker). The transcriber may be given late (the window creates the object when the
key goes down; the worker, which owns the model, sets it before the first step).
"""

from __future__ import annotations

import re
import threading
import time
from dataclasses import dataclass

import numpy as np

from desktop.core.stt import Transcriber, Transcript

SAMPLE_RATE = 16_000


@dataclass(frozen=True)
class LiveText:
    committed: str  # final
    tentative: str  # may still change

    @property
    def text(self) -> str:
        return f"{self.committed} {self.tentative}".strip()


def _pause_cut(audio: np.ndarray, end_s: float, next_start_s: float, frame_s: float = 0.02,
               min_pause_s: float = 0.25) -> int | None:
    """Where to cut between two segments: the middle of a real pause near their boundary, or None if there is no
    pause of at least `min_pause_s` (a comma's breath is not a place to cut: the next part, transcribed without the
    words around it, would be misheard). Whisper's timestamps alone are too approximate to cut by."""
    low = max(0, int((min(end_s, next_start_s) - 0.3) * SAMPLE_RATE))
    high = min(audio.size, int((max(end_s, next_start_s) + 0.3) * SAMPLE_RATE))
    frame = int(frame_s * SAMPLE_RATE)
    if high - low < 2 * frame:
        return None
    frames = audio[low:low + (high - low) // frame * frame].reshape(-1, frame)
    level = np.sqrt(np.mean(frames**2, axis=1))
    quiet = level < max(1e-4, 0.05 * float(np.sqrt(np.mean(audio**2))))
    best_start = best_length = run_start = 0
    for index, is_quiet in enumerate([*quiet, False]):
        if not is_quiet:
            if index - run_start > best_length:
                best_start, best_length = run_start, index - run_start
            run_start = index + 1
    if best_length * frame_s < min_pause_s:
        return None
    return low + (best_start + best_length // 2) * frame


def _words(text: str) -> list[str]:
    return re.findall(r"[\w']+", text.lower())  # any script: accents, Devanagari and Thai are words too


class LiveTranscript:
    def __init__(self, transcriber: Transcriber | None, hold_back_s: float = 1.5, min_new_s: float = 0.8) -> None:
        self.transcriber = transcriber
        self.hold_back_s = hold_back_s  # a segment must end this long before the audio does to be committed
        self.min_new_s = min_new_s  # no step for less new audio than this
        self._blocks: list[np.ndarray] = []
        self._lock = threading.Lock()
        self._samples = 0
        self._audio = np.zeros(0, dtype=np.float32)
        self._committed_at = 0  # samples before this are committed
        self._committed: list[str] = []
        self._tentative = ""
        self._stepped_at = 0  # samples seen by the last step
        self._previous = ""  # what the last step read after the committed part
        self.steps = 0
        self.step_s = 0.0  # time spent in steps while recording
        # The take's language: the setting's, or detected by the first step that heard words and kept for every
        # later step and the finish (one detection per take, and no step decoding in another language).
        self.language: str | None = None

    def append(self, block: np.ndarray) -> None:
        with self._lock:
            self._blocks.append(np.asarray(block, dtype=np.float32).reshape(-1))

    def update(self, audio: np.ndarray) -> None:
        """The take so far (16 kHz). A shorter one than already seen is ignored: the recorder may have stopped."""
        audio = np.asarray(audio, dtype=np.float32).reshape(-1)
        with self._lock:
            if audio.size >= self._audio.size:
                self._audio = audio

    def _gather(self) -> np.ndarray:
        with self._lock:
            blocks, self._blocks = self._blocks, []
        if blocks:
            self._audio = np.concatenate([self._audio, *blocks])
        return self._audio

    def _prompt(self) -> str | None:
        """The last committed words: context for the next part, as the whole take would have had."""
        return " ".join(self._committed)[-200:] or None

    @property
    def current(self) -> LiveText:
        return LiveText(" ".join(self._committed), self._tentative)

    def step(self) -> LiveText | None:
        """Transcribe the uncommitted audio once; None when too little arrived since the last step."""
        assert self.transcriber is not None, "set the transcriber before the first step"
        audio = self._gather()
        if audio.size - self._stepped_at < self.min_new_s * SAMPLE_RATE:
            return None
        started = time.perf_counter()
        self._stepped_at = audio.size
        window = audio[self._committed_at:]
        segments, found = self.transcriber.segments(window, self._prompt(), words=True, language=self.language)
        if self.language is None and segments and found:
            self.language = found
        words = [w for segment in segments for w in segment.words]
        text = "".join(w[2] for w in words).strip()
        # Commit up to the end of a sentence once it is settled: it ends well before the audio does, words follow it
        # (Whisper may still revise how the last sentence ends), the step before read the same words (small models
        # flip commas and capitals from one step to the next: those do not count), and a real pause follows it.
        window_s = window.size / SAMPLE_RATE
        for index in range(len(words) - 2, -1, -1):
            start_s, end_s, word = words[index]
            if end_s > window_s - self.hold_back_s or not word.strip().endswith((".", "?", "!")):
                continue
            settled = "".join(w[2] for w in words[: index + 1]).strip()
            said = _words(settled)
            if _words(self._previous)[: len(said)] != said:
                continue
            cut = _pause_cut(window, end_s, words[index + 1][0])
            if cut is None:
                continue
            self._committed.append(settled)
            self._committed_at += cut
            text = "".join(w[2] for w in words[index + 1:]).strip()
            break
        self._previous = text
        self._tentative = text
        self.steps += 1
        self.step_s += time.perf_counter() - started
        return self.current

    def finish(self, audio: np.ndarray | None = None) -> Transcript:
        """The whole take's transcript: the committed text and the rest, transcribed now. `audio`: the finished
        take (the recorder's own, authoritative copy); it begins with everything the steps saw."""
        assert self.transcriber is not None, "set the transcriber before finishing"
        started = time.perf_counter()
        if audio is not None:
            self.update(audio)
        audio = self._gather()
        rest = audio[self._committed_at:]
        tail = ""
        if rest.size >= SAMPLE_RATE // 10:
            segments, found = self.transcriber.segments(rest, self._prompt(), language=self.language)
            tail = " ".join(s.text for s in segments)
            if self.language is None and segments:
                self.language = found
        text = " ".join([*self._committed, tail]).strip()
        return Transcript(text, self.language or self.transcriber.language or "", audio.size / SAMPLE_RATE,
                          time.perf_counter() - started)
