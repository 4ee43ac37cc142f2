"""Push-to-talk recording with sounddevice, plus the pure audio helpers (level, resampling, WAV, silence).

Everything leaves here as float32 mono at 16 kHz: what faster-whisper wants.
"""

from __future__ import annotations

import threading
import time
import wave
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO, Protocol

import numpy as np

from desktop.core.errors import (
    MicrophoneLost,
    MicrophoneUnavailable,
    PortAudioMissing,
    WavError,
)

SAMPLE_RATE = 16_000
SILENCE_DBFS = -45.0  # quieter than this over the whole take counts as "nothing heard"
MIN_SPEECH_S = 0.3


# ---- pure helpers ---------------------------------------------------------------------------------------


def to_mono(block: np.ndarray) -> np.ndarray:
    block = np.asarray(block, dtype=np.float32)
    return block.mean(axis=1, dtype=np.float32) if block.ndim == 2 else block


def resample(pcm: np.ndarray, from_rate: int, to_rate: int = SAMPLE_RATE) -> np.ndarray:
    if from_rate == to_rate or pcm.size == 0:
        return pcm.astype(np.float32, copy=False)
    import soxr

    return soxr.resample(pcm.astype(np.float32, copy=False), from_rate, to_rate).astype(np.float32, copy=False)


def dbfs(pcm: np.ndarray) -> float:
    """RMS level in dB relative to full scale; -inf-like -120 for digital silence."""
    if pcm.size == 0:
        return -120.0
    rms = float(np.sqrt(np.mean(np.square(pcm, dtype=np.float64))))
    return max(-120.0, 20.0 * np.log10(rms)) if rms > 0 else -120.0


def meter_level(pcm: np.ndarray) -> float:
    """0..1 for a level meter: -60 dBFS and below is 0, full scale is 1."""
    return float(np.clip((dbfs(pcm) + 60.0) / 60.0, 0.0, 1.0))


def speech_present(pcm: np.ndarray, sample_rate: int = SAMPLE_RATE) -> bool:
    """True if the take is long enough and some 50 ms window is louder than the silence threshold."""
    if pcm.size < MIN_SPEECH_S * sample_rate:
        return False
    window = sample_rate // 20
    usable = pcm[: pcm.size - pcm.size % window].reshape(-1, window)
    rms = np.sqrt(np.mean(np.square(usable, dtype=np.float64), axis=1))
    return bool(np.max(20.0 * np.log10(np.maximum(rms, 1e-9))) > SILENCE_DBFS)


def read_wav(path: Path | BinaryIO) -> np.ndarray:
    """A PCM WAV file or open binary file (8/16/24/32-bit, any rate, any channels) as float32 mono 16 kHz."""
    try:
        with wave.open(path if hasattr(path, "read") else str(path), "rb") as wav:
            channels, width, rate = wav.getnchannels(), wav.getsampwidth(), wav.getframerate()
            raw = wav.readframes(wav.getnframes())
    except (OSError, EOFError, wave.Error) as error:
        raise WavError(f"Cannot read {path} as a WAV file: {error}") from error
    if width == 1:
        data = (np.frombuffer(raw, np.uint8).astype(np.float32) - 128.0) / 128.0
    elif width == 2:
        data = np.frombuffer(raw, "<i2").astype(np.float32) / 32768.0
    elif width == 3:
        bytes3 = np.frombuffer(raw, np.uint8).reshape(-1, 3)
        ints = (bytes3[:, 0].astype(np.int32) | bytes3[:, 1].astype(np.int32) << 8
                | bytes3[:, 2].astype(np.int32) << 16)
        data = (np.where(ints >= 1 << 23, ints - (1 << 24), ints)).astype(np.float32) / float(1 << 23)
    elif width == 4:
        data = np.frombuffer(raw, "<i4").astype(np.float32) / float(1 << 31)
    else:
        raise WavError(f"{path}: unsupported sample width {width} bytes.")
    return resample(to_mono(data.reshape(-1, channels)), rate)


def write_wav(path: Path, pcm: np.ndarray, sample_rate: int = SAMPLE_RATE) -> None:
    ints = (np.clip(pcm, -1.0, 1.0) * 32767.0).astype("<i2")
    with wave.open(str(path), "wb") as wav:
        wav.setnchannels(1)
        wav.setsampwidth(2)
        wav.setframerate(sample_rate)
        wav.writeframes(ints.tobytes())


# ---- recording ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Recording:
    pcm: np.ndarray  # float32 mono 16 kHz
    duration_s: float
    capped: bool  # the length cap cut it short
    device: str


@dataclass(frozen=True)
class InputDevice:
    index: int
    name: str
    default_rate: float
    is_default: bool
    host_api: str = ""  # "MME", "Windows WASAPI", "ALSA", …: one microphone may be listed under several


class RecordingInterrupted(MicrophoneLost):
    """The microphone went away mid-take; `partial` is what was recorded until then (it can still be used)."""

    def __init__(self, message: str, partial: Recording) -> None:
        super().__init__(message)
        self.partial = partial


class AudioSource(Protocol):
    """What push-to-talk drives: the microphone, or (self-test) an injected recording."""

    def start(self) -> None: ...

    def stop(self) -> Recording: ...

    def level(self) -> float: ...

    def elapsed_s(self) -> float: ...

    def discard(self) -> None: ...


def _sounddevice() -> Any:
    try:
        import sounddevice
    except OSError as error:  # the module raises OSError when the PortAudio library is missing
        raise PortAudioMissing(
            "The PortAudio sound library is missing, so the microphone cannot be used "
            "(on Debian/Ubuntu: sudo apt-get install libportaudio2). Typing still works."
        ) from error
    return sounddevice


def list_input_devices() -> list[InputDevice]:
    sd = _sounddevice()
    try:
        devices = sd.query_devices()
        default_in = sd.default.device[0]
    except sd.PortAudioError as error:
        raise MicrophoneUnavailable(f"Cannot list sound devices: {error}") from error
    try:
        host_apis = [api["name"] for api in sd.query_hostapis()]
    except sd.PortAudioError:
        host_apis = []
    return [
        InputDevice(i, d["name"], float(d["default_samplerate"]), i == default_in,
                    host_apis[d["hostapi"]] if 0 <= d.get("hostapi", -1) < len(host_apis) else "")
        for i, d in enumerate(devices)
        if d["max_input_channels"] > 0
    ]


def find_input_device(devices: list[InputDevice], name: str, host_api: str | None) -> InputDevice | None:
    """The remembered microphone: by name and host API (Windows lists one microphone under MME, DirectSound and
    WASAPI with the same name, and sounddevice refuses a name that matches several). Without a host API, or
    when that host API no longer lists it, the first device of that name."""
    named = [d for d in devices if d.name == name]
    exact = [d for d in named if host_api and d.host_api == host_api]
    return (exact or named or [None])[0]


class Recorder:
    """Records the microphone between `start()` and `stop()` (push-to-talk).

    PortAudio calls `_callback` on its own thread; the GUI reads `level()` for the meter. When the device
    cannot record at 16 kHz it records at its own rate and the take is resampled at `stop()`.
    """

    def __init__(
        self,
        device: str | int | None = None,
        max_seconds: float = 120.0,
        on_cap: Callable[[], None] | None = None,
        host_api: str | None = None,
    ) -> None:
        self.device = device
        self.host_api = host_api
        self.notice = ""  # set by start() when the remembered microphone is gone and the default is used
        self.max_seconds = max_seconds
        self.on_cap = on_cap
        self._lock = threading.Lock()
        self._blocks: list[np.ndarray] = []
        self._frames = 0
        self._level = 0.0
        self._capped = False
        self._lost: str | None = None
        self._stream: Any = None
        self._rate = SAMPLE_RATE
        self._device_name = ""
        self._stopping = False

    @property
    def recording(self) -> bool:
        return self._stream is not None

    def start(self) -> None:
        if self._stream is not None:
            return
        sd = _sounddevice()
        device = self._resolve_device(sd)
        try:
            info = sd.query_devices(device, "input")
        except (sd.PortAudioError, ValueError) as error:
            raise MicrophoneUnavailable(
                f"No microphone found ({error}). Plug one in or choose another in Settings; typing still works."
            ) from error
        self._device_name = info["name"]
        try:
            sd.check_input_settings(device=device, channels=1, samplerate=SAMPLE_RATE, dtype="float32")
            self._rate = SAMPLE_RATE
        except (sd.PortAudioError, ValueError):
            self._rate = int(info["default_samplerate"])
        self._blocks, self._frames, self._level = [], 0, 0.0
        self._capped, self._lost = False, None
        stream = None
        try:
            stream = sd.InputStream(
                device=device, channels=1, samplerate=self._rate, dtype="float32",
                callback=self._callback, finished_callback=self._finished,
            )
            stream.start()
        except Exception as error:
            if stream is not None:  # opened but not started: close it, or PortAudio keeps the device
                try:
                    stream.close()
                except Exception:  # noqa: BLE001 - already failing; the first error is the one to report
                    pass
            if not isinstance(error, (sd.PortAudioError, ValueError)):
                raise
            raise MicrophoneUnavailable(
                f"Cannot open the microphone {self._device_name!r}: {error}. Check it is plugged in and not "
                "used by another program, or choose another in Settings."
            ) from error
        self._stream = stream

    def _resolve_device(self, sd: Any) -> int | str | None:
        self.notice = ""
        if isinstance(self.device, str) and self.device:
            try:
                devices = list_input_devices()
            except MicrophoneUnavailable:
                devices = []  # nothing can be listed: the default input, if any, is the only hope
            device = find_input_device(devices, self.device, self.host_api)
            if device is not None:
                return device.index  # an index: never ambiguous, whatever else shares its name
            self.notice = (f"The microphone {self.device!r} is not connected; recording from the default microphone "
                           "instead. Choose another in Settings.")
        elif self.device is not None and self.device != "":
            return self.device
        if sd.default.device[0] is None or sd.default.device[0] < 0:
            raise MicrophoneUnavailable("This computer has no microphone. Plug one in; typing still works.")
        return None

    def _callback(self, indata: np.ndarray, frames: int, _time: Any, _status: Any) -> None:
        block = indata[:, 0].copy()
        with self._lock:
            room = int(self.max_seconds * self._rate) - self._frames
            if room <= 0:
                return
            if frames >= room:
                block = block[:room]
                self._capped = True
            self._blocks.append(block)
            self._frames += block.size
            self._level = meter_level(block)
        if self._capped:
            import sounddevice

            if self.on_cap is not None:
                self.on_cap()
            raise sounddevice.CallbackStop

    def _finished(self) -> None:
        # PortAudio ends the stream by itself when the device goes away (or at the cap).
        with self._lock:
            if not self._capped and self._stream is not None and not self._stopping:
                self._lost = "the microphone stopped delivering sound"

    def level(self) -> float:
        with self._lock:
            return self._level

    def elapsed_s(self) -> float:
        with self._lock:
            return self._frames / self._rate if self._rate else 0.0

    def snapshot(self) -> np.ndarray:
        """The take so far, 16 kHz (live transcription reads it while the key is held; any thread)."""
        with self._lock:
            blocks = list(self._blocks)
        pcm = np.concatenate(blocks) if blocks else np.zeros(0, np.float32)
        return resample(pcm, self._rate)

    def stop(self) -> Recording:
        stream, self._stream = self._stream, None
        if stream is None:
            raise MicrophoneUnavailable("Recording was not started.")
        import sounddevice as sd

        self._stopping = True
        error: str | None = None
        try:
            stream.stop()
        except sd.PortAudioError as failure:
            error = str(failure)
        finally:
            try:
                stream.close()  # closed whatever stop() did: a stream left open keeps the device
            except sd.PortAudioError as failure:
                error = error or str(failure)
            self._stopping = False
        with self._lock:
            blocks, capped, lost = self._blocks, self._capped, self._lost
            self._blocks = []
        pcm = np.concatenate(blocks) if blocks else np.zeros(0, np.float32)
        pcm = resample(pcm, self._rate)
        recording = Recording(pcm, pcm.size / SAMPLE_RATE, capped, self._device_name)
        if error or lost:
            # What was recorded before the loss is kept with the error: the window offers to transcribe it.
            raise RecordingInterrupted(
                f"The microphone {self._device_name!r} was lost while recording ({error or lost}). "
                "Plug it back in or choose another in Settings; what you typed is kept.",
                recording,
            )
        return recording

    def discard(self) -> None:
        """Close the microphone now and throw the take away (focus lost, Esc)."""
        stream, self._stream = self._stream, None
        if stream is None:
            return
        import sounddevice as sd

        self._stopping = True
        try:
            stream.abort()  # no need to drain what is buffered: it is thrown away
            stream.close()
        except sd.PortAudioError:
            pass
        finally:
            self._stopping = False
        with self._lock:
            self._blocks, self._frames, self._level = [], 0, 0.0


class PcmSource:
    """An AudioSource that "records" a given take: the self-test and tests use it in place of a microphone."""

    def __init__(self, pcm: np.ndarray, name: str = "injected audio") -> None:
        self.pcm = pcm.astype(np.float32, copy=False)
        self.name = name
        self._started_at: float | None = None

    def start(self) -> None:
        self._started_at = time.monotonic()

    def level(self) -> float:
        if self._started_at is None:
            return 0.0
        pos = int((time.monotonic() - self._started_at) * SAMPLE_RATE)
        return meter_level(self.pcm[max(0, pos - 1600): pos])

    def elapsed_s(self) -> float:
        return 0.0 if self._started_at is None else time.monotonic() - self._started_at

    def snapshot(self) -> np.ndarray:
        """What a microphone would have delivered by now: the take's audio up to the time since `start()`."""
        return self.pcm[: int(self.elapsed_s() * SAMPLE_RATE)]

    def stop(self) -> Recording:
        self._started_at = None
        return Recording(self.pcm, self.pcm.size / SAMPLE_RATE, False, self.name)

    def discard(self) -> None:
        self._started_at = None
