"""Emitting signals must not eat references to True (PySide6 6.12 on Python 3.11 did: see pyside_fixes)."""

from __future__ import annotations

import sys
import threading

import pytest
from PySide6.QtCore import QObject, Signal

import desktop.ui  # noqa: F401  (applies the fix)
from desktop.ui.pyside_fixes import emit_loses_a_reference

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
