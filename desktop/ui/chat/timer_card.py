"""A timer's card in the chat (issue 22): its name, the time left counting down, and Cancel.

`TimerCards` puts one under the reply that set the timer and keeps it up to date: counting down, then "Done" when it
fires, or "Cancelled" (from the card, by voice, or from the tray).
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from desktop.core.actions import alarm_title, countdown
from desktop.core.store import Alarm
from desktop.ui.shell.window_language import window_code


class TimerCard(QFrame):
    cancel_requested = Signal(int)  # the alarm's id

    def __init__(self, alarm: Alarm, clock: Callable[[], float] = time.time, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.alarm = alarm
        self._clock = clock
        self.setObjectName("timerCard")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.title = QLabel(alarm_title(alarm, window_code()))
        self.left = QLabel()
        self.left.setObjectName("timerLeft")
        font = self.left.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        self.left.setFont(font)
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.setAccessibleName(self.tr("Cancel {alarm}").format(alarm=alarm_title(alarm, window_code())))
        self.cancel_button.clicked.connect(lambda: self.cancel_requested.emit(alarm.id))
        row = QHBoxLayout(self)
        row.setContentsMargins(12, 6, 12, 6)
        row.addWidget(self.title)
        row.addStretch(1)
        row.addWidget(self.left, 0, Qt.AlignmentFlag.AlignRight)
        row.addWidget(self.cancel_button)
        self._tick = QTimer(self)
        self._tick.setInterval(250)
        self._tick.timeout.connect(self.refresh)
        self._tick.start()
        self.refresh()

    @property
    def running(self) -> bool:
        return self._tick.isActive()

    def refresh(self) -> None:
        self.left.setText(countdown(self.alarm.due - self._clock()))
        self.setAccessibleName(self.tr("{alarm}: {left} left").format(alarm=alarm_title(self.alarm, window_code()),
                                                                      left=self.left.text()))

    def finish(self, what: str) -> None:
        """It fired ("Done") or was cancelled ("Cancelled"): the countdown stops and Cancel goes. Shown translated."""
        self._tick.stop()
        what = {"Done": self.tr("Done"), "Cancelled": self.tr("Cancelled")}.get(what, what)
        self.left.setText(what)
        self.setAccessibleName(f"{alarm_title(self.alarm, window_code())}: {what}")
        self.cancel_button.setVisible(False)


class TimerCards(QObject):
    """The cards on screen, by alarm id."""

    def __init__(self, add_card: Callable[[QWidget], None], cancel: Callable[[int], bool],
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._add_card = add_card
        self._cancel = cancel
        self.cards: dict[int, TimerCard] = {}

    def turn_finished(self, done: object) -> None:
        if getattr(done, "action", "") == "timer.set":
            for alarm in getattr(done, "alarms", ()):
                card = TimerCard(alarm)
                card.cancel_requested.connect(self._cancel_from_card)
                self.cards[alarm.id] = card
                self._add_card(card)
        elif getattr(done, "action", "") == "timer.cancel":
            for alarm in getattr(done, "alarms", ()):
                self.ended(alarm.id, "Cancelled")

    def fired(self, alarm: Alarm, _message: str = "") -> None:
        self.ended(alarm.id, "Done")

    def ended(self, alarm_id: int, what: str) -> None:
        card = self.cards.pop(alarm_id, None)
        if card is not None:
            card.finish(what)

    def cleared(self) -> None:
        """The chat was cleared (another conversation): its cards went with it."""
        self.cards.clear()

    def _cancel_from_card(self, alarm_id: int) -> None:
        self._cancel(alarm_id)
        self.ended(alarm_id, "Cancelled")
