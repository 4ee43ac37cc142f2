"""Measures how long the GUI event loop is blocked: a 5 ms timer, and how late each tick arrives."""

from __future__ import annotations

import time

from PySide6.QtCore import QObject, Qt, QTimer


class StallMeter(QObject):
    def __init__(self, interval_ms: int = 5, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.interval_s = interval_ms / 1000
        self._timer = QTimer(self)
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self._tick)
        self._last: float | None = None
        self.stalls_ms: list[float] = []

    def start(self) -> None:
        self._last = time.perf_counter()
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()
        self._last = None

    def reset(self) -> None:
        self.stalls_ms = []
        self._last = time.perf_counter() if self._timer.isActive() else None

    def _tick(self) -> None:
        now = time.perf_counter()
        if self._last is not None:
            # The gap beyond the timer's own interval is time the event loop could not run.
            self.stalls_ms.append(max(0.0, (now - self._last - self.interval_s) * 1000))
        self._last = now

    @property
    def max_ms(self) -> float:
        return max(self.stalls_ms, default=0.0)

    def percentile_ms(self, q: float) -> float:
        if not self.stalls_ms:
            return 0.0
        ordered = sorted(self.stalls_ms)
        return ordered[min(len(ordered) - 1, int(round(q / 100 * (len(ordered) - 1))))]
