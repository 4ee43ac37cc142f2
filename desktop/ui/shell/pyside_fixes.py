"""Work-around for a reference-count bug in PySide6 6.12 on Python 3.11: `SignalInstance.emit` returns `True`
without owning a reference to it, so every emit from Python takes one reference away from `True`. After a
few thousand emits (a few streamed replies) CPython frees `True` and the process aborts with
"Fatal Python error: bool_dealloc". (From Python 3.12 on, `True` is immortal and nothing happens.)

`apply()` measures whether this PySide6 has the bug and, only then, wraps `emit` to restore the reference.

The same PySide6 also returns `None` from every method without a result (`setText`, `insertText`, `setPosition`...)
without owning a reference to it: a few thousand such calls free `None` ("Fatal Python error: none_dealloc"), which
a long streamed reply with highlighted code reaches. Those calls cannot all be wrapped, so where the probe sees the
loss, `None` gets a reference count so large that no session can use it up: what Python 3.12 does for it anyway
(immortal objects).
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


def void_call_loses_none() -> bool:
    probe = _Probe()
    rounds = 16
    before = sys.getrefcount(None)
    for _ in range(rounds):
        probe.setObjectName("probe")
    return before - sys.getrefcount(None) >= rounds


def _pin_none() -> None:
    """Add 2**40 references to None. On CPython before 3.12 the reference count is an object's first field."""
    ctypes.c_ssize_t.from_address(id(None)).value += 1 << 40


def apply() -> bool:
    """Install the fix if this PySide6 needs it; returns whether it is installed."""
    global _applied
    if _applied:
        return True
    if void_call_loses_none():
        _pin_none()
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
