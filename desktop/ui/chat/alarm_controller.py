"""Timers and reminders in the window (issue 22): fires each one when it is due, even with the window hidden.

The alarms live in the database (desktop/core/store.py), so they survive a restart; this polls the pending ones once
a second on the GUI thread (one small query) and fires a due one exactly once (`fire_alarm` is atomic: `chinwag ask
--wait` in another process cannot fire it twice). One that came due while Chinwag was closed or the laptop slept fires
at once, late, with a note saying so. Firing: a notice in the window, a tray message, and the alert spoken.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer, Signal

from desktop.core.actions import alarm_message, warm
from desktop.core.store import Alarm, ConversationStore

log = logging.getLogger(__name__)


class AlarmController(QObject):
    fired = Signal(object, str)  # the Alarm, the message shown and spoken

    def __init__(self, store: ConversationStore, show: Callable[[str], None], speak: Callable[[str], None],
                 clock: Callable[[], float] = time.time, interval_ms: int = 1000,
                 parent: QObject | None = None, language: Callable[[], str] = lambda: "en") -> None:
        super().__init__(parent)
        self.store = store
        self._show = show
        self._speak = speak
        self._clock = clock
        self._language = language  # what an alarm says when it fires: the window's language (it shows there)
        self._timer = QTimer(self)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self.check)

    def start(self) -> None:
        # SymPy and Pint's tables load in about 2 s: off the GUI thread, before the first request needs them.
        threading.Thread(target=_warm, name="chinwag-actions-warm", daemon=True).start()
        self._timer.start()
        self.check()

    def stop(self) -> None:
        self._timer.stop()

    def pending(self) -> list[Alarm]:
        return self.store.pending_alarms()

    def cancel(self, alarm_id: int) -> bool:
        return self.store.cancel_alarm(alarm_id)

    def check(self) -> None:
        now = self._clock()
        try:
            due = [a for a in self.store.pending_alarms() if a.due <= now]
        except Exception:  # noqa: BLE001 - a locked or failing database must not stop the window
            log.exception("could not read the timers")
            return
        for alarm in due:
            if not self.store.fire_alarm(alarm.id, now):
                continue
            message = alarm_message(alarm, now, self._language())
            log.info("alarm %d (%s) fired %.1f s after it was due", alarm.id, alarm.kind, now - alarm.due)
            self._show(message)
            self._speak(message)
            self.fired.emit(alarm, message)


def _warm() -> None:
    try:
        warm()
    except Exception:  # noqa: BLE001 - only a head start: the first request loads them anyway
        log.exception("could not load the local actions ahead of time")
