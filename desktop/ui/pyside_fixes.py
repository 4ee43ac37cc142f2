"""Work-around for a reference-count bug in PySide6 6.12 on Python 3.11: `SignalInstance.emit` returns `True`
without owning a reference to it, so every emit from Python takes one reference away from `True`. After a
few thousand emits (a few streamed replies) CPython frees `True` and the process aborts with
"Fatal Python error: bool_dealloc". (From Python 3.12 on, `True` is immortal and nothing happens.)

`apply()` measures whether this PySide6 has the bug and, only then, wraps `emit` to restore the reference.
"""

from __future__ import annotations

import ctypes
import sys

from PySide6.QtCore import QObject, Signal, SignalInstance

_applied = False


class _Probe(QObject):
    ping = Signal()


def emit_loses_a_reference() -> bool:
    probe = _Probe()
    rounds = 16
    before = sys.getrefcount(True)
    for _ in range(rounds):
        probe.ping.emit()
    return before - sys.getrefcount(True) >= rounds


def apply() -> bool:
    """Install the fix if this PySide6 needs it; returns whether it is installed."""
    global _applied
    if _applied:
        return True
    if not emit_loses_a_reference():
        return False
    original = SignalInstance.emit

    def emit(self: SignalInstance, *args: object) -> object:
        result = original(self, *args)
        ctypes.pythonapi.Py_IncRef(ctypes.py_object(result))  # the reference `emit` should have given us
        return result

    SignalInstance.emit = emit  # type: ignore[method-assign]
    _applied = True
    return True
