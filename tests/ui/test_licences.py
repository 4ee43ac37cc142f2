"""Issue 21 §4: About → Licences shows what Chinwag is licensed under and every bundled part's licence."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QDialogButtonBox

pytestmark = pytest.mark.gui


def test_about_licences_lists_every_part_with_its_licence(window, qtbot) -> None:
    qtbot.mouseClick(window.view.about_button, Qt.MouseButton.LeftButton)
    box = window.c.about_box
    qtbot.waitExposed(box)
    assert "Apache License 2.0" in box.informativeText() and "GNU GPL version 3" in box.informativeText()
    licences = next(b for b in box.findChildren(QAbstractButton) if b.text() == "Licences…")
    qtbot.mouseClick(licences, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: getattr(window.c, "licences_dialog", None) is not None
                    and window.c.licences_dialog.isVisible(), timeout=30_000)
    dialog = window.c.licences_dialog
    text = dialog.text.toPlainText()
    for words in ("GNU General Public License, version 3", "piper-tts", "espeak-ng", "PySide6", "LGPL-3.0",
                  "replace them", "Written offer", "SmolLM2", "CC0-1.0", "Built with Llama",
                  "GNU LESSER GENERAL PUBLIC LICENSE"):
        assert words in text, words
    assert "UNKNOWN" not in text.split("COMPONENTS (", 1)[1].split("LICENCE TEXTS", 1)[0]
    assert dialog.text.isReadOnly()
    close = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Close)
    with qtbot.waitSignal(dialog.finished, timeout=5_000):
        qtbot.mouseClick(close, Qt.MouseButton.LeftButton)
