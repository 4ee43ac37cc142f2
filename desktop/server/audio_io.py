"""Audio in and out of the API: an uploaded file to Whisper's 16 kHz PCM, and a voice's samples to WAV bytes."""

from __future__ import annotations

import io
import wave

import numpy as np

from desktop.core.audio import read_wav
from desktop.core.errors import WavError
from desktop.server.protocol import ApiError

RATE = 16_000
MIN_WAV_RATE, MAX_WAV_RATE = 1_000, 768_000  # sample rates audio is recorded at; a header outside them is wrong


def _too_long(filename: str, seconds: float, limit: float) -> ApiError:
    return ApiError(400, f"{filename}: the audio lasts {seconds:.0f} s, longer than this server's limit of "
                         f"{limit:.0f} s ({limit / 60:g} minutes). Send a shorter recording, or split it.",
                    param="file", code="audio_too_long")


def decode_upload(data: bytes, filename: str, max_seconds: float = 30 * 60) -> np.ndarray:
    """Float32 mono 16 kHz from a WAV file (always), or FLAC, MP3, OGG, M4A… where PyAV is present.

    The upload's size is limited before it arrives; what it decodes to is limited here (`max_seconds`): a WAV
    header says its length before any sample is made, and other formats are decoded frame by frame and stopped as
    soon as they pass the limit, so a few bytes that say "an hour of silence" never become an hour of samples.
    """
    if not data:
        raise ApiError(400, "The uploaded audio file is empty.", param="file", code="invalid_value")
    if data[:4] == b"RIFF" and data[8:12] == b"WAVE":
        return _decode_wav(data, filename, max_seconds)
    try:
        import av

        return _decode_av(av, data, filename, max_seconds)
    except ApiError:
        raise
    except (ImportError, AttributeError) as error:  # the app bundle's stand-in for PyAV: no FFmpeg inside, WAV only
        raise ApiError(400, f"{filename}: this build of Chinwag reads WAV files only. Convert the audio to WAV "
                            "(16-bit PCM) and send it again.", param="file", code="unsupported_audio") from error
    except MemoryError as error:
        raise ApiError(400, f"{filename}: the audio is too large to decode.", param="file",
                       code="invalid_audio") from error
    except Exception as error:  # noqa: BLE001 - PyAV's many decoder errors: the bytes are not audio it knows
        raise ApiError(400, f"{filename}: the audio could not be decoded ({type(error).__name__}). Send WAV, FLAC "
                            "or MP3.", param="file", code="invalid_audio") from error


def _decode_wav(data: bytes, filename: str, max_seconds: float) -> np.ndarray:
    try:
        with wave.open(io.BytesIO(data), "rb") as wav:
            channels, width, rate = wav.getnchannels(), wav.getsampwidth(), wav.getframerate()
            frames = wav.getnframes()
    except (OSError, EOFError, wave.Error) as error:
        raise ApiError(400, f"{filename}: not a WAV file this server reads ({error}). Send a PCM WAV file.",
                       param="file", code="invalid_audio") from error
    if not MIN_WAV_RATE <= rate <= MAX_WAV_RATE or channels < 1 or width not in (1, 2, 3, 4):
        raise ApiError(400, f"{filename}: the WAV header says {rate} Hz, {channels} channel(s), {width}-byte "
                            "samples, which no recording has. Send a PCM WAV file.", param="file",
                       code="invalid_audio")
    # The header's frame count can be too large (a stream written without its length): the bytes present count.
    frames = min(frames, max(0, len(data) - 44) // (channels * width))
    if frames / rate > max_seconds:
        raise _too_long(filename, frames / rate, max_seconds)
    try:
        return read_wav(io.BytesIO(data))
    except WavError as error:
        raise ApiError(400, f"{filename}: {error}. Send a PCM WAV file.", param="file",
                       code="invalid_audio") from error
    except (ValueError, ArithmeticError) as error:  # a header the checks above let through but numpy cannot use
        raise ApiError(400, f"{filename}: the WAV file is damaged ({type(error).__name__}). Send a PCM WAV file.",
                       param="file", code="invalid_audio") from error


def _decode_av(av, data: bytes, filename: str, max_seconds: float) -> np.ndarray:  # noqa: ANN001 - PyAV
    """Decode with PyAV into mono 16 kHz float32, frame by frame, refusing once past `max_seconds`."""
    limit = int(max_seconds * RATE)
    pieces: list[np.ndarray] = []
    total = 0
    with av.open(io.BytesIO(data), mode="r", metadata_errors="ignore") as container:
        if not container.streams.audio:
            raise ApiError(400, f"{filename}: there is no audio in it.", param="file", code="invalid_audio")
        resampler = av.AudioResampler(format="s16", layout="mono", rate=RATE)

        def add(frames) -> None:  # noqa: ANN001 - av.AudioFrame list
            nonlocal total
            for frame in frames:
                samples = frame.to_ndarray().reshape(-1)
                total += samples.size
                if total > limit:
                    raise _too_long(filename, total / RATE, max_seconds)
                pieces.append(samples)

        for frame in container.decode(audio=0):
            add(resampler.resample(frame))
        add(resampler.resample(None))  # what the resampler still holds
    if not pieces:
        return np.zeros(0, dtype=np.float32)
    return np.concatenate(pieces).astype(np.float32) / 32768.0


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
