"""Audio in and out of the API: an uploaded file to Whisper's 16 kHz PCM, and a voice's samples to WAV bytes."""

from __future__ import annotations

import io
import wave

import numpy as np

from desktop.core.audio import read_wav
from desktop.core.errors import WavError
from desktop.server.protocol import ApiError


def decode_upload(data: bytes, filename: str) -> np.ndarray:
    """Float32 mono 16 kHz from a WAV file (always), or FLAC, MP3, OGG, M4A… where PyAV is present."""
    if not data:
        raise ApiError(400, "The uploaded audio file is empty.", param="file", code="invalid_value")
    if data[:4] == b"RIFF" and data[8:12] == b"WAVE":
        try:
            return read_wav(io.BytesIO(data))
        except WavError as error:
            raise ApiError(400, f"{filename}: {error}. Send a PCM WAV file.", param="file",
                           code="invalid_audio") from error
    try:
        from faster_whisper.audio import decode_audio

        return decode_audio(io.BytesIO(data), sampling_rate=16_000)
    except AttributeError as error:  # the app bundle's stand-in for PyAV: no FFmpeg inside, WAV only
        raise ApiError(400, f"{filename}: this build of Chinwag reads WAV files only. Convert the audio to WAV "
                            "(16-bit PCM) and send it again.", param="file", code="unsupported_audio") from error
    except Exception as error:  # noqa: BLE001 - PyAV's many decoder errors: the bytes are not audio it knows
        raise ApiError(400, f"{filename}: the audio could not be decoded ({type(error).__name__}). Send WAV, FLAC "
                            "or MP3.", param="file", code="invalid_audio") from error


def wav_bytes(samples: np.ndarray, sample_rate: int) -> bytes:
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as wav:
        wav.setnchannels(1)
        wav.setsampwidth(2)
        wav.setframerate(sample_rate)
        wav.writeframes(pcm16(samples))
    return buffer.getvalue()


def pcm16(samples: np.ndarray) -> bytes:
    return (np.clip(samples, -1.0, 1.0) * 32767.0).astype("<i2").tobytes()


def _timestamp(seconds: float, comma: bool) -> str:
    millis = int(round(seconds * 1000))
    h, rest = divmod(millis, 3_600_000)
    m, rest = divmod(rest, 60_000)
    s, ms = divmod(rest, 1000)
    return f"{h:02d}:{m:02d}:{s:02d}{',' if comma else '.'}{ms:03d}"


def subtitles(segments: list[tuple[float, float, str]], kind: str) -> str:
    """SRT or WebVTT text of (start, end, text) segments."""
    blocks = []
    for i, (start, end, text) in enumerate(segments, 1):
        times = f"{_timestamp(start, kind == 'srt')} --> {_timestamp(end, kind == 'srt')}"
        blocks.append(f"{i}\n{times}\n{text}\n" if kind == "srt" else f"{times}\n{text}\n")
    body = "\n".join(blocks)
    return body if kind == "srt" else "WEBVTT\n\n" + body
