"""Short record start/stop cues. Made by code (`python -m desktop.ui.voice.sounds` rewrites the WAVs in assets/icons).

QtMultimedia is not in PySide6-Essentials, so they play through sounddevice, on the caller's thread (the
push-to-talk controller calls this from its audio thread). No PortAudio or no output device: silently none.
"""

from __future__ import annotations

import logging
from pathlib import Path

import numpy as np

from desktop.core.audio import SAMPLE_RATE, read_wav, write_wav
from desktop.core.paths import assets_dir

log = logging.getLogger(__name__)
CUES = ("record-start", "record-stop")


def synthesize(cue: str) -> np.ndarray:
    """Two soft sine blips, rising for start and falling for stop, with fades so they do not click."""
    low, high = 660.0, 990.0
    notes = (low, high) if cue == "record-start" else (high, low)
    parts = []
    for freq in notes:
        t = np.arange(int(0.06 * SAMPLE_RATE)) / SAMPLE_RATE
        envelope = np.minimum(1.0, np.minimum(t, t[::-1]) / 0.01)
        parts.append(0.25 * envelope * np.sin(2 * np.pi * freq * t))
        parts.append(np.zeros(int(0.015 * SAMPLE_RATE)))
    return np.concatenate(parts).astype(np.float32)


def cue_path(cue: str) -> Path:
    return assets_dir() / "icons" / f"{cue}.wav"


_cache: dict[str, np.ndarray] = {}


def play(cue: str, wait: bool = True) -> None:
    """Play a cue on the default output. `wait=False` returns at once (the audio thread must not be held by it)."""
    try:
        pcm = _cache.get(cue)
        if pcm is None:
            path = cue_path(cue)
            pcm = read_wav(path) if path.exists() else synthesize(cue)
            _cache[cue] = pcm
        import sounddevice

        sounddevice.play(pcm, SAMPLE_RATE, blocking=wait)
    except Exception as error:  # a sound is a nicety: no device or no PortAudio must never disturb a turn
        log.info("cannot play %s: %s", cue, error)


if __name__ == "__main__":
    for name in CUES:
        write_wav(cue_path(name), synthesize(name))
        print(cue_path(name))
