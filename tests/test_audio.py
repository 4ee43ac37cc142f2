"""Audio: pure helpers, the Recorder through a fake PortAudio stream, and the real path via PulseAudio."""

from __future__ import annotations

import subprocess
import sys
import threading
import time
import types
from pathlib import Path

import numpy as np
import pytest

from desktop.core import audio
from desktop.core.audio import (
    SAMPLE_RATE,
    Recorder,
    dbfs,
    meter_level,
    read_wav,
    resample,
    speech_present,
    write_wav,
)
from desktop.core.errors import MicrophoneLost, MicrophoneUnavailable, PortAudioMissing, WavError


def tone(freq: float, seconds: float, rate: int, amp: float = 0.5) -> np.ndarray:
    t = np.arange(int(seconds * rate)) / rate
    return (amp * np.sin(2 * np.pi * freq * t)).astype(np.float32)


def peak_frequency(pcm: np.ndarray, rate: int) -> float:
    spectrum = np.abs(np.fft.rfft(pcm))
    return float(np.fft.rfftfreq(pcm.size, 1 / rate)[np.argmax(spectrum)])


# ---- pure helpers ---------------------------------------------------------------------------------------


def test_resample_keeps_pitch_and_length() -> None:
    out = resample(tone(440, 1.0, 48_000), 48_000)
    assert out.dtype == np.float32 and abs(out.size - SAMPLE_RATE) <= 2
    assert abs(peak_frequency(out, SAMPLE_RATE) - 440) < 2


def test_levels_and_silence() -> None:
    assert dbfs(np.zeros(100, np.float32)) == -120.0
    assert abs(dbfs(tone(300, 1, SAMPLE_RATE, amp=1.0)) - (-3.01)) < 0.05
    assert meter_level(np.zeros(10, np.float32)) == 0.0
    assert 0.9 < meter_level(tone(300, 0.1, SAMPLE_RATE, amp=1.0)) <= 1.0
    assert not speech_present(np.zeros(SAMPLE_RATE, np.float32))
    assert not speech_present(np.random.default_rng(0).normal(0, 0.001, SAMPLE_RATE).astype(np.float32))
    assert not speech_present(tone(300, 0.1, SAMPLE_RATE))  # too short to be words
    assert speech_present(np.concatenate([np.zeros(SAMPLE_RATE, np.float32), tone(300, 0.4, SAMPLE_RATE)]))


def test_read_wav_formats(tmp_path: Path) -> None:
    import wave

    source = tone(500, 0.5, 22_050)
    for width, dtype, scale in ((1, np.uint8, None), (2, "<i2", 32767), (4, "<i4", 2**31 - 1)):
        path = tmp_path / f"w{width}.wav"
        stereo = np.stack([source, source], axis=1)
        if width == 1:
            raw = (stereo * 127 + 128).astype(np.uint8).tobytes()
        else:
            raw = (stereo * scale).astype(dtype).tobytes()
        with wave.open(str(path), "wb") as w:
            w.setnchannels(2)
            w.setsampwidth(width)
            w.setframerate(22_050)
            w.writeframes(raw)
        pcm = read_wav(path)
        assert pcm.dtype == np.float32 and abs(pcm.size - SAMPLE_RATE // 2) <= 2
        assert abs(peak_frequency(pcm, SAMPLE_RATE) - 500) < 4
        assert abs(dbfs(pcm) - dbfs(source)) < 0.5
    round_trip = tmp_path / "rt.wav"
    write_wav(round_trip, tone(300, 0.25, SAMPLE_RATE))
    assert read_wav(round_trip).size == SAMPLE_RATE // 4


def test_read_wav_rejects_other_files(tmp_path: Path) -> None:
    bad = tmp_path / "not.wav"
    bad.write_bytes(b"ID3 definitely an mp3")
    with pytest.raises(WavError, match="Cannot read"):
        read_wav(bad)
    with pytest.raises(WavError):
        read_wav(tmp_path / "missing.wav")


# ---- Recorder with a fake PortAudio stream that plays a take through the real callback --------------------


class FakePortAudio(types.ModuleType):
    """Just enough of sounddevice: one input device that supports `rates`, streaming `take` in real time."""

    class PortAudioError(Exception):
        pass

    class CallbackStop(Exception):
        pass

    def __init__(self, take: np.ndarray, native_rate: int, rates: tuple[int, ...], lose_after_s: float | None = None,
                 has_device: bool = True) -> None:
        super().__init__("sounddevice")
        self.take, self.native_rate, self.rates = take, native_rate, rates
        self.lose_after_s = lose_after_s
        self.default = types.SimpleNamespace(device=[0 if has_device else -1, 0])
        self.has_device = has_device
        fake = self

        class InputStream:
            def __init__(self, *, device, channels, samplerate, dtype, callback, finished_callback):
                self.rate, self.callback, self.finished = samplerate, callback, finished_callback
                self._stop = threading.Event()
                self._thread = threading.Thread(target=self._run, daemon=True)

            def start(self):
                self._thread.start()

            def _run(self):
                data = resample(fake.take, fake.native_rate, self.rate)
                block = self.rate // 50
                for i, start in enumerate(range(0, data.size, block)):
                    if self._stop.is_set():
                        break
                    if fake.lose_after_s is not None and i * block >= fake.lose_after_s * self.rate:
                        self.finished()  # the device vanished: PortAudio ends the stream on its own
                        return
                    chunk = data[start:start + block].reshape(-1, 1)
                    try:
                        self.callback(chunk, chunk.shape[0], None, None)
                    except fake.CallbackStop:
                        break
                    time.sleep(0.001)
                self._stop.wait()
                self.finished()

            def stop(self):
                self._stop.set()
                self._thread.join()

            def close(self):
                pass

        self.InputStream = InputStream

    def query_devices(self, device=None, kind=None):
        if not self.has_device:
            raise self.PortAudioError("no default input device")
        info = {"name": "Fake mic", "default_samplerate": float(self.native_rate), "max_input_channels": 1,
                "hostapi": 0}
        return info if kind else [info]

    def query_hostapis(self):
        return [{"name": "Fake API"}]

    def check_input_settings(self, *, device, channels, samplerate, dtype):
        if samplerate not in self.rates:
            raise self.PortAudioError("Invalid sample rate")


def install_fake(monkeypatch, fake: FakePortAudio) -> None:
    monkeypatch.setitem(sys.modules, "sounddevice", fake)


def record(recorder: Recorder, seconds: float):
    recorder.start()
    time.sleep(seconds)
    return recorder.stop()


def test_recorder_returns_16k_mono_and_resamples_44k_devices(monkeypatch) -> None:
    take = tone(440, 0.6, 44_100)
    install_fake(monkeypatch, FakePortAudio(take, 44_100, rates=(44_100,)))
    recorder = Recorder()
    recorder.start()
    deadline = time.monotonic() + 5
    while recorder.level() == 0.0 and time.monotonic() < deadline:
        time.sleep(0.01)
    assert recorder.level() > 0.5  # the meter moves while recording
    time.sleep(0.3)
    rec = recorder.stop()
    assert rec.pcm.dtype == np.float32 and rec.pcm.ndim == 1
    assert abs(rec.duration_s - 0.6) < 0.05
    assert abs(peak_frequency(rec.pcm, SAMPLE_RATE) - 440) < 3
    assert not rec.capped and rec.device == "Fake mic"


def test_recorder_caps_the_length_and_says_so(monkeypatch) -> None:
    install_fake(monkeypatch, FakePortAudio(tone(200, 3.0, SAMPLE_RATE), SAMPLE_RATE, rates=(SAMPLE_RATE,)))
    capped = threading.Event()
    recorder = Recorder(max_seconds=0.5, on_cap=capped.set)
    rec = record(recorder, 0.6)
    assert capped.is_set() and rec.capped
    assert abs(rec.duration_s - 0.5) < 1e-3


def test_device_lost_mid_recording_is_a_typed_error(monkeypatch) -> None:
    install_fake(monkeypatch, FakePortAudio(tone(200, 2.0, SAMPLE_RATE), SAMPLE_RATE, rates=(SAMPLE_RATE,),
                                            lose_after_s=0.2))
    with pytest.raises(MicrophoneLost, match="lost while recording"):
        record(Recorder(), 0.5)


def test_no_input_device(monkeypatch) -> None:
    install_fake(monkeypatch, FakePortAudio(tone(200, 1, SAMPLE_RATE), SAMPLE_RATE, (SAMPLE_RATE,), has_device=False))
    with pytest.raises(MicrophoneUnavailable, match="no microphone"):
        Recorder().start()
    with pytest.raises(MicrophoneUnavailable, match="no microphone"):
        Recorder(device="USB mic").start()  # the remembered one is gone, and there is no default to fall back on


def test_a_remembered_microphone_that_is_gone_falls_back_to_the_default(monkeypatch) -> None:
    install_fake(monkeypatch, FakePortAudio(tone(300, 0.5, SAMPLE_RATE), SAMPLE_RATE, (SAMPLE_RATE,)))
    recorder = Recorder(device="USB mic", host_api="MME")
    take = record(recorder, 0.2)
    assert "'USB mic' is not connected" in recorder.notice and take.device == "Fake mic"
    found = Recorder(device="Fake mic", host_api="Fake API")
    record(found, 0.1)
    assert found.notice == ""


def test_portaudio_missing(monkeypatch) -> None:
    monkeypatch.setitem(sys.modules, "sounddevice", None)  # importing it raises ImportError…
    import builtins

    real_import = builtins.__import__

    def failing_import(name, *args, **kwargs):
        if name == "sounddevice":
            raise OSError("PortAudio library not found")  # …which is what sounddevice raises without libportaudio
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", failing_import)
    with pytest.raises(PortAudioMissing, match="libportaudio2"):
        Recorder().start()
    with pytest.raises(PortAudioMissing):
        audio.list_input_devices()


# ---- the real thing: PortAudio recording from a PulseAudio virtual microphone -----------------------------


@pytest.mark.audio
def test_recording_from_a_virtual_microphone_is_transcribed(virtual_microphone, capital_wav, transcriber) -> None:
    names = [d.name for d in audio.list_input_devices()]
    assert virtual_microphone in names
    recorder = Recorder(device=virtual_microphone)
    recorder.start()
    time.sleep(0.3)
    subprocess.run(["paplay", "--device=vsink", str(capital_wav)], check=True, timeout=30)
    time.sleep(0.4)
    rec = recorder.stop()
    assert rec.duration_s > 1.5
    assert speech_present(rec.pcm)
    text = transcriber.transcribe(rec.pcm).text.lower()
    assert "capital" in text and "france" in text


def test_a_microphone_is_found_by_name_and_host_api() -> None:
    from desktop.core.audio import InputDevice, find_input_device

    # Windows lists one microphone under three host APIs with one name; the remembered host API picks one.
    devices = [InputDevice(1, "Microphone (USB)", 44100, False, "MME"),
               InputDevice(5, "Microphone (USB)", 44100, False, "Windows DirectSound"),
               InputDevice(9, "Microphone (USB)", 48000, False, "Windows WASAPI"),
               InputDevice(12, "Line In", 44100, True, "Windows WASAPI")]
    assert find_input_device(devices, "Microphone (USB)", "Windows WASAPI").index == 9
    assert find_input_device(devices, "Microphone (USB)", "Windows DirectSound").index == 5
    # No host API remembered (an older settings file), or that host API no longer lists it: the first of the name.
    assert find_input_device(devices, "Microphone (USB)", None).index == 1
    assert find_input_device(devices, "Microphone (USB)", "ASIO").index == 1
    assert find_input_device(devices, "Unplugged headset", "MME") is None
