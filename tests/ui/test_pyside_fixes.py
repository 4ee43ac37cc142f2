"""Emitting signals must not eat references to True (PySide6 6.12 on Python 3.11 did: see pyside_fixes)."""

from __future__ import annotations

import sys
import threading

import pytest
from PySide6.QtCore import QObject, Signal

import desktop.ui  # noqa: F401  (applies the fix)
from desktop.ui.shell.pyside_fixes import emit_loses_a_reference, void_call_loses_none

pytestmark = pytest.mark.gui


class _Emitter(QObject):
    value = Signal(object)


def test_emitting_keeps_true_alive(qtbot) -> None:
    assert not emit_loses_a_reference()
    emitter = _Emitter()
    received: list[object] = []
    emitter.value.connect(received.append)
    before = sys.getrefcount(True)
    worker = threading.Thread(target=lambda: [emitter.value.emit(i) for i in range(5000)])
    worker.start()
    worker.join()
    qtbot.waitUntil(lambda: len(received) == 5000)
    for i in range(5000):
        emitter.value.emit(i)
    assert sys.getrefcount(True) >= before - 50  # other code may drop a few; 10 000 emits must not


def test_methods_without_a_result_never_use_up_none(qtbot) -> None:
    from PySide6.QtWidgets import QLabel

    label = QLabel()
    qtbot.addWidget(label)
    if void_call_loses_none():  # this PySide6 has the bug: None must have been given room for it
        assert sys.getrefcount(None) > 1 << 39
    for i in range(100_000):  # far more than None's own count (a few thousand) without the fix
        label.setText(str(i))
    assert label.text() == "99999"
