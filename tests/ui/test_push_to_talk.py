"""Issue 8 §2: push-to-talk is private and forgiving, on the real window and the PulseAudio virtual microphone."""

from __future__ import annotations

import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget

from desktop.core.audio import Recorder
from desktop.ui.shell.window_controller import FOCUS_SETTLE_MS
from tests.ui.conftest import make_context

pytestmark = [pytest.mark.gui, pytest.mark.audio]


@pytest.fixture
def mic_window(open_window, app_paths, virtual_microphone, starter_gguf, whisper_dir):  # noqa: ANN001, ANN201
    def opener(**settings: object):  # noqa: ANN202
        settings.setdefault("input_device", virtual_microphone)
        window = open_window(make_context(app_paths, **settings))
        made: list[Recorder] = []
        real = window.c.microphone

        def factory() -> Recorder:
            made.append(real())  # the real Recorder, kept so the test can see its stream
            return made[-1]

        window.c.ptt.source_factory = factory
        window.recorders = made
        return window

    return opener


def _speak(wav: Path) -> subprocess.Popen:
    return subprocess.Popen(["paplay", "--device=vsink", str(wav)])


def _hold_space(window, qtbot) -> None:  # noqa: ANN001
    window.view.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window.view)
    chat = window.view.chat
    chat.setFocus()
    qtbot.keyPress(chat, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: window.c.ptt.state == "recording", timeout=10_000)


def _nothing_sent(window) -> bool:  # noqa: ANN001
    return not window.c.chat.in_flight and window.context.store.conversations() == []


def test_losing_focus_while_the_key_is_held_discards_the_take_and_closes_the_microphone(mic_window, capital_wav,
                                                                                       qtbot) -> None:
    window = mic_window()
    _hold_space(window, qtbot)
    player = _speak(capital_wav)
    recorder = window.recorders[-1]
    assert recorder.recording
    other = QWidget()  # another application's window comes to the front (Alt+Tab)
    qtbot.addWidget(other)
    other.show()
    other.activateWindow()
    qtbot.waitUntil(lambda: window.c.ptt.state == "idle", timeout=5_000)
    qtbot.waitUntil(lambda: not recorder.recording, timeout=5_000)  # the microphone is closed, not just muted
    assert "lost focus" in window.view.notices.text()
    qtbot.keyRelease(window.view.chat, Qt.Key.Key_Space)  # letting go afterwards sends nothing
    player.wait(timeout=30)
    assert _nothing_sent(window) and window.view.input_bar.text.toPlainText() == ""
    assert not window.view.input_bar.level.isVisible()


def test_the_settings_dialog_is_not_losing_focus(mic_window, qtbot) -> None:
    window = mic_window()
    qtbot.mousePress(window.view.input_bar.talk_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.c.ptt.state == "recording", timeout=10_000)
    dialog = window.c.settings.open()  # the app's own dialog takes the focus: the take goes on
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog, timeout=5_000)
    qtbot.wait(FOCUS_SETTLE_MS * 3)  # well past the moment the deactivation is looked at
    assert window.c.ptt.state == "recording"
    dialog.reject()
    qtbot.mouseRelease(window.view.input_bar.talk_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.c.ptt.state == "idle", timeout=10_000)


def test_escape_while_recording_cancels_the_take(mic_window, capital_wav, qtbot) -> None:
    window = mic_window()
    qtbot.mousePress(window.view.input_bar.talk_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.c.ptt.state == "recording", timeout=10_000)
    player = _speak(capital_wav)
    recorder = window.recorders[-1]
    qtbot.keyClick(window.view, Qt.Key.Key_Escape)
    assert window.c.ptt.state == "idle"
    qtbot.waitUntil(lambda: not recorder.recording, timeout=5_000)
    qtbot.mouseRelease(window.view.input_bar.talk_button, Qt.MouseButton.LeftButton)
    player.wait(timeout=30)
    assert "cancelled" in window.view.notices.text() and _nothing_sent(window)


def _transcribe_from_notice(window, qtbot, action: str) -> None:  # noqa: ANN001
    notices = window.view.notices
    assert notices.action_button.text() == action
    with qtbot.waitSignal(window.c.chat.turn_finished, timeout=60_000):
        qtbot.mouseClick(notices.action_button, Qt.MouseButton.LeftButton)
    box = window.view.input_bar.text.toPlainText().lower()
    assert "capital" in box, (box, notices.text())  # offered for review in the text box, not sent
    assert window.context.store.conversations() == []


def test_the_length_cap_stops_the_take_with_a_notice_and_sends_nothing(mic_window, capital_wav, qtbot) -> None:
    window = mic_window(max_record_s=2.5)
    qtbot.mousePress(window.view.input_bar.talk_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.c.ptt.state == "recording", timeout=10_000)
    player = _speak(capital_wav)
    # Still held: the cap ends the take by itself.
    qtbot.waitUntil(lambda: "limit" in window.view.notices.text(), timeout=20_000)
    assert window.c.ptt.state == "idle" and not window.recorders[-1].recording
    qtbot.mouseRelease(window.view.input_bar.talk_button, Qt.MouseButton.LeftButton)
    player.wait(timeout=30)
    assert _nothing_sent(window)
    _transcribe_from_notice(window, qtbot, "Transcribe")


def test_a_microphone_lost_mid_take_keeps_what_was_recorded(mic_window, capital_wav, qtbot) -> None:
    window = mic_window()
    qtbot.mousePress(window.view.input_bar.talk_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.c.ptt.state == "recording", timeout=10_000)
    player = _speak(capital_wav)
    player.wait(timeout=30)
    recorder = window.recorders[-1]
    # The device goes away: PortAudio ends the stream without the app asking (what unplugging does).
    recorder._stream.abort()
    with qtbot.waitSignal(window.c.ptt.failed, timeout=10_000):
        qtbot.mouseRelease(window.view.input_bar.talk_button, Qt.MouseButton.LeftButton)
    assert "lost while recording" in window.view.notices.text()
    _transcribe_from_notice(window, qtbot, "Transcribe what was recorded")


def test_a_remembered_microphone_that_is_gone_falls_back_to_the_default_with_a_notice(mic_window, qtbot) -> None:
    window = mic_window(input_device="USB Headset That Was Unplugged", input_host_api="ALSA")
    qtbot.mousePress(window.view.input_bar.talk_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.c.ptt.state == "recording", timeout=10_000)
    assert "not connected" in window.view.notices.text() and "default microphone" in window.view.notices.text()
    qtbot.mouseRelease(window.view.input_bar.talk_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.c.ptt.state == "idle", timeout=10_000)


def test_the_microphone_is_remembered_by_name_and_host_api(mic_window, virtual_microphone, qtbot) -> None:
    from desktop.core.audio import list_input_devices

    pulse = next(d for d in list_input_devices() if d.name == virtual_microphone)
    assert pulse.host_api  # PortAudio names the host API (ALSA here; MME, WASAPI… on Windows)
    window = mic_window()
    dialog = window.c.settings.open()
    index = dialog.microphone.findText(virtual_microphone, Qt.MatchFlag.MatchStartsWith)
    assert index > 0
    dialog.microphone.setCurrentIndex(index)
    dialog.accept()
    assert window.context.settings.input_device == virtual_microphone
    assert window.context.settings.input_host_api == pulse.host_api
    started: Callable[[], bool] = lambda: window.c.ptt.state == "recording"  # noqa: E731
    qtbot.mousePress(window.view.input_bar.talk_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(started, timeout=10_000)
    assert window.view.notices.text() == "" or "not connected" not in window.view.notices.text()
    qtbot.mouseRelease(window.view.input_bar.talk_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.c.ptt.state == "idle", timeout=10_000)
