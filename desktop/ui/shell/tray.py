"""The tray icon: show or hide the window, start (and send) a take, quit — where the desktop has a tray.

The menu's actions exist whether or not there is a tray (`QSystemTrayIcon.isSystemTrayAvailable()`), so nothing
else changes when there is none: there is simply no icon, and the window works as before.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMainWindow, QMenu, QSystemTrayIcon

from desktop.core.actions import alarm_title, countdown
from desktop.ui.shell.theme import icon
from desktop.ui.shell.window_language import time_of_day, window_code
from desktop.ui.voice.global_hotkey import RemoteTalk


class TrayIcon(QObject):
    def __init__(self, window: QMainWindow, talk: RemoteTalk, quit_app: Callable[[], None],
                 enabled: bool = True) -> None:
        super().__init__(window)
        self.window = window
        self.talk = talk
        self.menu = QMenu()
        self.menu.setAccessibleName(self.tr("Chinwag tray menu"))
        self.show_action = QAction(self.tr("Hide Chinwag"), self.menu)
        self.talk_action = QAction(icon("mic"), self.tr("Start talking"), self.menu)
        self.quit_action = QAction(self.tr("Quit Chinwag"), self.menu)
        self.menu.addAction(self.show_action)
        self.menu.addAction(self.talk_action)
        # Timers and reminders (issue 22): listed when the menu opens; choosing one cancels it.
        self.alarms_menu = QMenu(self.tr("Timers and reminders"), self.menu)
        self.alarms_menu.setAccessibleName(self.tr("Timers and reminders"))
        self.menu.addMenu(self.alarms_menu)
        self._pending: Callable[[], list] = list
        self._cancel_alarm: Callable[[int], None] = lambda _id: None
        self.menu.addSeparator()
        self.menu.addAction(self.quit_action)
        self.show_action.triggered.connect(self.toggle_window)
        self.talk_action.triggered.connect(lambda: talk.toggle())
        self.quit_action.triggered.connect(quit_app)
        talk.ptt.state_changed.connect(self._ptt_state)
        self.menu.aboutToShow.connect(self._update)
        self.menu.aboutToShow.connect(self._list_alarms)
        self.icon: QSystemTrayIcon | None = None
        self.last_message = ""
        if enabled and QSystemTrayIcon.isSystemTrayAvailable():
            self.icon = QSystemTrayIcon(window.windowIcon(), self)
            self.icon.setToolTip(self.tr("Chinwag: offline voice assistant"))
            self.icon.setContextMenu(self.menu)
            self.icon.activated.connect(self._activated)
            self.icon.show()

    @property
    def available(self) -> bool:
        return self.icon is not None

    def toggle_window(self) -> None:
        w = self.window
        if w.isVisible() and not w.isMinimized():
            w.hide()
        else:
            w.showNormal()
            w.raise_()
            w.activateWindow()
        self._update()

    def _activated(self, reason: QSystemTrayIcon.ActivationReason) -> None:
        if reason == QSystemTrayIcon.ActivationReason.Trigger:
            self.toggle_window()

    def _ptt_state(self, state: str) -> None:
        self.talk_action.setText(self.tr("Start talking") if state == "idle" else self.tr("Stop and send"))
        if self.icon is not None:
            self.icon.setToolTip(self.tr("Chinwag: listening…") if state in ("starting", "recording") else
                                 self.tr("Chinwag: offline voice assistant"))

    def show_reply(self, done: object) -> None:
        """A reply that arrived while the window was hidden (a take from the tray or the global key) pops up from
        the tray, so it is seen without bringing the window back."""
        reply = getattr(done, "reply", "")
        if self.icon is None or self.window.isVisible() or not reply:
            return
        text = reply if len(reply) <= 240 else reply[:239].rstrip() + "…"
        self.icon.showMessage("Chinwag", text, self.window.windowIcon(), 15_000)
        self.last_message = text

    def set_alarms(self, pending: Callable[[], list], cancel: Callable[[int], None]) -> None:
        """Where the menu's list of timers and reminders comes from (store.Alarm, soonest first), and how one is
        cancelled."""
        self._pending, self._cancel_alarm = pending, cancel

    def _list_alarms(self) -> None:
        self.alarms_menu.clear()
        alarms = self._pending()
        if not alarms:
            empty = self.alarms_menu.addAction(self.tr("None set"))
            empty.setEnabled(False)
            return
        now = time.time()
        for alarm in alarms:
            left = countdown(alarm.due - now) if alarm.kind == "timer" else time_of_day(alarm.due)
            title = alarm_title(alarm, window_code())
            action = self.alarms_menu.addAction(self.tr("Cancel {alarm} ({left})").format(alarm=title, left=left))
            action.triggered.connect(lambda _checked=False, alarm_id=alarm.id: self._cancel_alarm(alarm_id))

    def show_alert(self, text: str) -> None:
        """A timer or reminder fired: from the tray too, whether or not the window is in front."""
        if self.icon is not None:
            self.icon.showMessage("Chinwag", text, self.window.windowIcon(), 30_000)
            self.last_message = text

    def _update(self) -> None:
        self.show_action.setText(self.tr("Hide Chinwag") if self.window.isVisible() else self.tr("Show Chinwag"))

    def shutdown(self) -> None:
        if self.icon is not None:
            self.icon.hide()
        self.menu.deleteLater()
