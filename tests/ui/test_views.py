"""The views on their own (no models): input keys, following the bottom, pickers, download panel, helpers."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import Qt

from desktop.core.hub import Progress
from desktop.core.settings import Settings
from desktop.ui.chat.chat_view import ChatView
from desktop.ui.chat.input_bar import InputBar
from desktop.ui.chat.message_widget import MessageWidget
from desktop.ui.models.download_view import DownloadView
from desktop.ui.models.model_picker import ModelChoice
from desktop.ui.settings.settings_dialog import SettingsDialog
from desktop.ui.shell.stall_meter import StallMeter
from desktop.ui.voice.sounds import CUES, synthesize

pytestmark = pytest.mark.gui


def test_enter_sends_and_shift_enter_starts_a_new_line(qtbot) -> None:
    bar = InputBar()
    qtbot.addWidget(bar)
    box = bar.text
    qtbot.keyClicks(box, "first")
    qtbot.keyClick(box, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    qtbot.keyClicks(box, "second")
    assert box.toPlainText() == "first\nsecond"
    with qtbot.waitSignal(box.send_requested, timeout=1000):
        qtbot.keyClick(box, Qt.Key.Key_Return)
    assert box.toPlainText() == "first\nsecond"  # the controller takes the text; the box does not lose it


def test_chat_follows_the_bottom_unless_the_reader_scrolled_up(qtbot) -> None:
    view = ChatView()
    qtbot.addWidget(view)
    view.resize(600, 300)
    view.show()
    qtbot.waitExposed(view)
    for i in range(12):
        view.add_message(MessageWidget("user" if i % 2 == 0 else "assistant", f"Message {i}\n\n" + "words " * 40))
    streaming = view.add_message(MessageWidget("assistant", "Starting"))
    bar = view.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() > 0 and bar.value() == bar.maximum())
    streaming.set_text("Starting\n\n" + "more words " * 200)  # the reply grows: the view keeps up
    qtbot.waitUntil(lambda: bar.value() == bar.maximum())
    bar.setValue(bar.maximum() // 3)  # the reader scrolls up to read something
    assert not view.following
    held = bar.value()
    streaming.set_text(streaming.text() + "\n\n" + "even more " * 200)
    qtbot.wait(50)  # give a layout pass the chance to (wrongly) move the view
    assert bar.value() == held
    view.scroll_to_bottom()
    assert view.following and bar.value() == bar.maximum()


def test_markdown_renders_lists_and_code(qtbot) -> None:
    widget = MessageWidget("assistant", "Here:\n\n- one\n- two\n\n```python\nprint('hi')\n```\n")
    qtbot.addWidget(widget)
    shown = widget.body.plain_text()
    assert "one" in shown and "print('hi')" in shown
    assert "- one" not in shown  # a real list, not the Markdown source
    assert widget.body.code_blocks()[0].code() == "print('hi')"
    assert widget.text().startswith("Here:")


def _choice(ident: str, ram: float | None, fits: bool, downloaded: bool) -> ModelChoice:
    return ModelChoice(ident, ident.title(), 808, ram, downloaded, fits, f"The {ident} model.")


def test_settings_dialog_warns_when_a_model_will_not_fit(qtbot) -> None:
    models = [_choice("small", 1.6, True, True), _choice("huge", 64, False, False)]
    dialog = SettingsDialog(Settings(llm_variant="small"), models, [_choice("tiny", None, True, True)],
                            [("Mic A", "ALSA")], "", lambda path: None, 8.0)
    qtbot.addWidget(dialog)
    assert "808 MB" in dialog.model.itemText(0) and "needs 1.6 GB RAM" in dialog.model.itemText(0)
    assert "✓ downloaded" in dialog.model.itemText(0) and "not downloaded" in dialog.model.itemText(1)
    assert dialog.model_warning.text() == ""
    dialog.model.setCurrentIndex(1)
    assert "64 GB" in dialog.model_warning.text() and "8.0 GB" in dialog.model_warning.text()
    assert "downloads when you press OK" in dialog.model_info.text()
    dialog.microphone.setCurrentIndex(dialog.microphone.findData("Mic A"))
    result = dialog.result_settings()
    assert result.llm_variant == "huge" and result.input_device == "Mic A"


def test_download_view_shows_speed_time_left_and_verification(qtbot) -> None:
    view = DownloadView()
    qtbot.addWidget(view)
    view.start("Llama", kept_bytes=5_000_000)
    assert "Continuing from 5.0 MB" in view.detail.text() and view.cancel_button.isVisibleTo(view)
    view.show_progress(Progress("downloading", "m.gguf", 200_000_000, 800_000_000, rate=10_000_000))
    assert view.progress.value() == 250
    assert "200.0 MB of 800.0 MB" in view.detail.text() and "10.0 MB/s" in view.detail.text()
    assert "1 min 00 s left" in view.detail.text()
    view.show_progress(Progress("verifying", "m.gguf", 400_000_000, 800_000_000))
    assert "Verifying" in view.detail.text()
    view.show_stopped("The Hub answered with an error", failed=True)
    assert view.resume_button.text() == "Retry" and not view.cancel_button.isVisibleTo(view)


def test_record_cues_are_short_and_quiet() -> None:
    for cue in CUES:
        pcm = synthesize(cue)
        assert pcm.dtype == np.float32 and 0.05 < pcm.size / 16_000 < 0.3
        assert np.max(np.abs(pcm)) <= 0.3 and abs(pcm[0]) < 0.01 and abs(pcm[-1]) < 0.01  # no clicks


def test_stall_meter_percentiles(qtbot) -> None:
    meter = StallMeter()
    meter.stalls_ms = [float(i) for i in range(101)]
    assert meter.max_ms == 100 and meter.percentile_ms(95) == 95 and meter.percentile_ms(50) == 50
    meter.start()
    qtbot.wait(60)
    meter.stop()
    assert meter.stalls_ms[-1] < 1000
