"""Turns in the window on the real models: voice through push-to-talk, typing, streaming, stop, regenerate, edit."""

from __future__ import annotations

import subprocess
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import Qt

from desktop.core.audio import PcmSource
from tests.ui.conftest import make_context

pytestmark = pytest.mark.gui


def test_voice_turn_through_the_push_to_talk_button(window, capital_wav: Path, qtbot) -> None:
    window.inject_audio(capital_wav)
    button = window.view.input_bar.talk_button

    def hold_and_release() -> None:
        qtbot.mousePress(button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: window.c.ptt.state == "recording", timeout=10_000)
        assert window.view.input_bar.level.isVisible() and window.view.input_bar.timer.isVisible()
        qtbot.mouseRelease(button, Qt.MouseButton.LeftButton)

    done = window.wait_turn(hold_and_release)
    assert "capital" in done.transcript.lower() and "france" in done.transcript.lower()
    user, reply = window.messages()
    assert user.role == "user" and "capital" in user.text().lower()
    assert reply.role == "assistant" and reply.text() == done.reply and done.reply.strip()
    assert done.timings.stt_s > 0 and done.timings.ttft_s > 0 and done.timings.tokens > 0
    assert "first token" in window.view.status.timings.text()
    stored = window.stored()
    assert [m.role for m in stored] == ["user", "assistant"] and stored[0].source == "voice"
    assert not window.view.input_bar.level.isVisible()  # the meter goes away on release
    assert window.view.sidebar.titles() == [stored[0].text]  # the first words name the conversation


@pytest.mark.audio
def test_voice_turn_through_a_virtual_microphone(open_window, app_paths, virtual_microphone, capital_wav,
                                                 starter_gguf, whisper_dir, qtbot) -> None:
    window = open_window(make_context(app_paths, input_device=virtual_microphone))
    button = window.view.input_bar.talk_button

    def speak() -> None:
        qtbot.mousePress(button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: window.c.ptt.state == "recording", timeout=10_000)
        player = subprocess.Popen(["paplay", "--device=vsink", str(capital_wav)])
        qtbot.waitUntil(lambda: player.poll() is not None, timeout=30_000)
        level_seen = window.view.input_bar.timer.text()
        assert level_seen  # the timer ran while the button was held
        qtbot.mouseRelease(button, Qt.MouseButton.LeftButton)

    done = window.wait_turn(speak)
    assert "capital" in done.transcript.lower()
    assert window.messages()[-1].text() == done.reply


def test_space_held_outside_a_text_field_is_push_to_talk(window, capital_wav: Path, qtbot) -> None:
    window.inject_audio(capital_wav)
    chat = window.view.chat
    chat.setFocus()
    qtbot.waitUntil(chat.hasFocus)

    def hold_space() -> None:
        qtbot.keyPress(chat, Qt.Key.Key_Space)
        qtbot.waitUntil(lambda: window.c.ptt.state == "recording", timeout=10_000)
        qtbot.keyRelease(chat, Qt.Key.Key_Space)

    done = window.wait_turn(hold_space)
    assert "capital" in done.transcript.lower()
    # In the text box, Space is just a space.
    box = window.view.input_bar.text
    box.setFocus()
    qtbot.keyClick(box, Qt.Key.Key_Space)
    assert box.toPlainText() == " " and window.c.ptt.state == "idle"


def test_nothing_heard_sends_nothing(window, qtbot) -> None:
    window.inject_audio(lambda: PcmSource(np.zeros(16_000, np.float32)))
    with qtbot.waitSignal(window.c.chat.turn_failed, timeout=60_000):
        window.c.ptt.press()
        qtbot.waitUntil(lambda: window.c.ptt.state == "recording", timeout=10_000)
        window.c.ptt.release()
    assert "Nothing heard" in window.view.notices.text()
    assert window.messages() == []
    assert window.context.store.conversations() == []


def test_reply_streams_into_the_view_throttled(window, monkeypatch) -> None:
    from desktop.ui.chat.message_widget import MessageWidget

    seen: list[str] = []
    chat = window.c.chat
    real_set_text = MessageWidget.set_text

    def recording_set_text(widget: MessageWidget, text: str) -> None:
        if widget is chat.reply_widget() and chat.replying:
            seen.append(text)
        real_set_text(widget, text)

    monkeypatch.setattr(MessageWidget, "set_text", recording_set_text)
    window.context.settings.max_tokens = 120
    done = window.type_and_send("Write a short list of three fruits, in Markdown.")
    assert done.reply.strip()
    assert len(seen) >= 2, "the reply should appear piece by piece while it is written"
    assert all(done.reply.startswith(s) for s in seen)  # every intermediate view is a prefix of the reply
    # Throttled to 20 Hz: never more re-renders than the reply took in 50 ms steps (plus the final one).
    assert len(seen) <= done.timings.total_s / 0.05 + 2
    final = window.messages()[-1]
    assert final.text() == done.reply and not final.stopped
    assert final.regenerate_button.isVisible()


def test_stop_keeps_the_partial_reply_marked_stopped(window, qtbot) -> None:
    window.context.settings.max_tokens = 400
    box = window.view.input_bar.text
    box.setPlainText("Tell me a long story about a dragon who learns to cook.")

    def send_then_stop() -> None:
        qtbot.keyClick(box, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: bool(window.c.chat.reply_widget() and window.c.chat.reply_widget().text()),
                        timeout=60_000)
        assert window.view.input_bar.stop_button.isVisible()
        qtbot.keyClick(window.view, Qt.Key.Key_Escape)

    done = window.wait_turn(send_then_stop)
    assert done.stopped and done.reply.strip() and done.timings.tokens < 400
    reply = window.messages()[-1]
    assert reply.stopped and reply.text() == done.reply and "stopped" in reply.status.text()
    stored = window.stored()[-1]
    assert stored.stopped and stored.text == done.reply
    assert not window.view.input_bar.stop_button.isVisible()


def test_regenerate_replaces_the_last_reply(window, qtbot) -> None:
    window.context.settings.temperature = 1.0
    window.context.settings.seed = -1
    window.type_and_send("Name a colour.")
    last = window.messages()[-1]
    assert last.regenerate_button.isVisible()
    assert not window.messages()[0].regenerate_button.isVisible()  # only the last reply offers it
    second = window.wait_turn(lambda: qtbot.mouseClick(last.regenerate_button, Qt.MouseButton.LeftButton))
    assert second.reply.strip() and second.transcript == "Name a colour."
    stored = window.stored()
    assert [m.role for m in stored] == ["user", "assistant"]
    assert stored[-1].id == second.reply_message_id and stored[-1].text == second.reply
    assert [w.role for w in window.messages()] == ["user", "assistant"]
    assert window.messages()[-1].text() == second.reply


def test_edit_and_resend_a_user_message(window, qtbot) -> None:
    window.type_and_send("Say hello.")
    window.type_and_send("Say goodbye.")
    first_user = window.messages()[0]
    qtbot.mouseClick(first_user.edit_button, Qt.MouseButton.LeftButton)
    box = window.view.input_bar.text
    assert box.toPlainText() == "Say hello." and box.hasFocus()
    box.setPlainText("Say good morning.")
    done = window.wait_turn(lambda: qtbot.keyClick(box, Qt.Key.Key_Return))
    assert done.transcript == "Say good morning."
    stored = window.stored()
    assert [(m.role, m.text if m.role == "user" else "") for m in stored] == [
        ("user", "Say good morning."), ("assistant", "")]
    assert [w.text() for w in window.messages() if w.role == "user"] == ["Say good morning."]


def test_copy_puts_the_message_on_the_clipboard(window, qtbot) -> None:
    from PySide6.QtGui import QGuiApplication

    done = window.type_and_send("Say yes.")
    qtbot.mouseClick(window.messages()[-1].copy_button, Qt.MouseButton.LeftButton)
    assert QGuiApplication.clipboard().text() == done.reply


def test_close_during_a_reply_saves_it_and_stops_within_two_seconds(window, qtbot) -> None:
    import time

    window.context.settings.max_tokens = 400
    box = window.view.input_bar.text
    box.setPlainText("Tell me a long story about a lighthouse keeper.")
    qtbot.keyClick(box, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: bool(window.c.chat.reply_widget() and window.c.chat.reply_widget().text()),
                    timeout=60_000)
    conversation = window.c.chat.conversation_id
    started = time.perf_counter()
    window.view.close()
    assert time.perf_counter() - started < 2.0
    assert window.c.closed_cleanly
    reply = window.context.store.messages(conversation)[-1]
    assert reply.role == "assistant" and reply.stopped and reply.text.strip()
