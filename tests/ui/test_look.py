"""Issue 12 §5: a window that looks finished — the theme (system, forced light, forced dark), the icon set, a model
picker that never cuts what it says, a status bar with what matters, and the F1 shortcut sheet, on the real window."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QColor, QGuiApplication, QKeySequence, QPalette, QShortcut
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QApplication

from desktop.core.paths import assets_dir
from desktop.ui.models.model_picker import ModelChoice
from desktop.ui.shell import theme
from desktop.ui.shell.shortcut_sheet import NO_DESCRIPTION
from tests.ui.conftest import TURN_TIMEOUT_MS, make_context

pytestmark = pytest.mark.gui

ICONS = ("send", "mic", "stop", "speak", "copy", "settings", "new-chat", "models", "keyboard", "regenerate", "edit",
         "delete", "folder", "download", "cancel", "resume", "verify", "close", "info", "warning")


def window_color() -> QColor:
    return QApplication.palette().color(QPalette.ColorRole.Window)


def test_forced_and_system_themes_change_the_palette_and_icons(open_window, app_paths, starter_gguf, whisper_dir,
                                                               qtbot) -> None:
    window = open_window(make_context(app_paths, theme="dark"))
    assert window_color().lightness() < 60
    assert window.view.palette().color(QPalette.ColorRole.Window).lightness() < 60
    text = QApplication.palette().color(QPalette.ColorRole.WindowText)
    assert text.lightness() > 200
    # The icons are drawn in the text colour of the theme.
    image = window.view.input_bar.send_button.icon().pixmap(24, 24).toImage()
    inked = [image.pixelColor(x, y) for x in range(24) for y in range(24) if image.pixelColor(x, y).alpha() > 200]
    assert inked and all(c.lightness() > 180 for c in inked)

    # Forced light from Settings, applied at once.
    dialog = window.c.settings.open()
    dialog.theme.setCurrentIndex(dialog.theme.findData("light"))
    dialog.accept()
    assert window.context.settings.theme == "light"
    assert window_color().lightness() > 230
    image = window.view.input_bar.send_button.icon().pixmap(24, 24).toImage()
    inked = [image.pixelColor(x, y) for x in range(24) for y in range(24) if image.pixelColor(x, y).alpha() > 200]
    assert inked and all(c.lightness() < 80 for c in inked)

    # "Follow the system": the desktop's scheme decides, and a later switch of the desktop is followed.
    theme.apply_theme("system")
    hints = QGuiApplication.styleHints()
    expected = "dark" if hints.colorScheme() == Qt.ColorScheme.Dark else "light"
    assert theme.ThemeState.colors.name == expected
    theme._system_changed(Qt.ColorScheme.Dark)  # what Qt calls when the desktop switches
    assert theme.ThemeState.colors.name == expected  # the desktop did not really switch: nothing changes
    theme.apply_theme("dark")
    assert window_color().lightness() < 60
    theme.apply_theme("light")
    assert window_color().lightness() > 230


def test_the_icon_set_is_complete_and_drawn() -> None:
    for name in ICONS:
        path = assets_dir() / "icons" / f"{name}.svg"
        assert QSvgRenderer(str(path)).isValid(), name
        assert not theme.icon(name).pixmap(24, 24).isNull()
    assert set(ICONS) <= set(theme.icon_names())


def test_model_picker_never_truncates_what_it_says(open_window, app_paths, starter_gguf, whisper_dir,
                                                   qtbot) -> None:
    window = open_window(make_context(app_paths))
    picker = window.view.model_picker
    long_label = "Llama 3.2 3B Instruct fine-tuned on FineTome-100k with a very long descriptive name (Q4_K_M)"
    choices = [ModelChoice("a", "Short", 100, 0.3, True, True),
               ModelChoice("b", long_label, 2019, 3.5, False, False)]
    picker.set_choices(choices, "b")
    qtbot.wait(50)
    metrics = picker.fontMetrics()
    for choice in choices:
        text = choice.summary()
        # The closed box: as wide as the text (plus its frame and arrow), never squeezed by the toolbar.
        assert picker.width() >= metrics.horizontalAdvance(text), text
    # The drop-down list: every line whole, no eliding.
    view = picker.view()
    assert view.textElideMode() == Qt.TextElideMode.ElideNone
    widest = max(view.fontMetrics().horizontalAdvance(c.summary()) for c in choices)
    assert view.minimumWidth() >= widest
    # In the Settings dialog too.
    dialog = window.c.settings.open()
    qtbot.waitExposed(dialog)
    for i in range(dialog.model.count()):
        assert dialog.model.width() >= dialog.model.fontMetrics().horizontalAdvance(dialog.model.itemText(i))
    dialog.reject()


def test_status_bar_shows_models_listening_and_timings(open_window, app_paths, starter_gguf, whisper_dir,
                                                       qtbot) -> None:
    window = open_window(make_context(app_paths))
    status = window.view.status
    starter = window.context.catalog.get(window.context.catalog.starter_llm)
    assert status.model.text() == f"Model: {starter.label}"
    assert status.speech_model.text() == f"Speech: {window.context.catalog.get('whisper-tiny.en', 'whisper').label}"
    window.inject_audio(assets_dir() / "hello.wav")
    window.c.ptt.press()
    qtbot.waitUntil(lambda: window.c.ptt.state == "recording", timeout=10_000)
    assert status.listening.text() == "● Listening…"
    window.wait_turn(window.c.ptt.release, timeout=TURN_TIMEOUT_MS)
    assert status.listening.text() == ""
    assert status.timings.text().startswith("Last turn: speech ") and "first token" in status.timings.text()
    # The reply's closing tokens are evaluated after it (ChatEngine.prefill_after): let that finish before closing,
    # so a busy machine does not turn into a worker that is still busy when the window closes.
    qtbot.waitUntil(lambda: window.c.worker.queued == 0, timeout=60_000)


def test_f1_sheet_lists_every_registered_shortcut(open_window, app_paths, starter_gguf, whisper_dir, qtbot) -> None:
    window = open_window(make_context(app_paths))
    qtbot.keyClick(window.view, Qt.Key.Key_F1)
    qtbot.waitUntil(lambda: getattr(window.c, "sheet", None) is not None and window.c.sheet.isVisible())
    sheet = window.c.sheet
    listed = sheet.listed()
    listed_keys = [keys for keys, _what in listed]
    native = QKeySequence.SequenceFormat.NativeText
    registered = [s.key().toString(native) for s in window.view.findChildren(QShortcut)
                  if s.isEnabled() and not s.key().isEmpty()]
    registered += [k.toString(native) for a in window.view.findChildren(QAction) if a.isEnabled()
                   for k in a.shortcuts() if not k.isEmpty()]
    assert registered, "the window registers shortcuts"
    # Every shortcut the window has is on the sheet, as often as it is registered, and nothing else but the keys
    # that are not shortcuts (push-to-talk, Enter, Shift+Enter).
    assert sorted(k for k in listed_keys if k in registered) == sorted(registered)
    extras = [k for k in listed_keys if k not in registered]
    assert extras == ["Space *", "Enter", "Shift+Enter"] or sorted(extras) == sorted(["Space *", "Enter",
                                                                                    "Shift+Enter"])
    for keys in ("F1", "Ctrl+M", "Ctrl+N", "Esc", "Ctrl+,"):
        assert keys in listed_keys
    # The window's own shortcuts say what they do.
    ours = {keys for keys, what in listed if what != NO_DESCRIPTION}
    for keys in ("F1", "Ctrl+M", "Ctrl+N", "Esc", "Ctrl+R", "Ctrl+Shift+S"):
        assert keys in ours
    sheet.reject()
