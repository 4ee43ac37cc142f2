"""Non-modal messages at the top of the chat: what happened and, with a button, what to do about it."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QToolButton, QWidget


class NoticeBar(QFrame):
    """One message at a time; a newer one replaces it. Never blocks the window the way a dialog would."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAutoFillBackground(True)
        self.setAccessibleName(self.tr("Notice"))
        self.label = QLabel(self)
        self.label.setWordWrap(True)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.action_button = QPushButton(self)
        self.close_button = QToolButton(self)
        self.close_button.setText("✕")
        self.close_button.setAccessibleName(self.tr("Dismiss notice"))
        self.close_button.clicked.connect(self.dismiss)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 6, 6, 6)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.action_button)
        layout.addWidget(self.close_button)
        self._action: Callable[[], None] | None = None
        self.action_button.clicked.connect(self._act)
        self._hide_timer = QTimer(self)
        self._hide_timer.setSingleShot(True)
        self._hide_timer.timeout.connect(self.dismiss)
        self.kind = ""
        self.setVisible(False)

    def show_notice(self, text: str, *, kind: str = "info", action: str = "",
                    on_action: Callable[[], None] | None = None, timeout_s: float = 0) -> None:
        self.kind = kind
        self.label.setText(text)
        self.label.setAccessibleName(text)
        palette = self.palette()
        colors = {"error": "#f8d7da", "warning": "#fff3cd", "info": "#dbe9fb"}
        from PySide6.QtGui import QColor

        window = QColor(colors.get(kind, colors["info"]))
        dark = self.palette().color(QPalette.ColorRole.Window).lightness() < 128
        if dark:
            window = window.darker(330)
        palette.setColor(QPalette.ColorRole.Window, window)
        self.setPalette(palette)
        self.action_button.setText(action)
        self.action_button.setAccessibleName(action)
        self.action_button.setVisible(bool(action))
        self._action = on_action
        self.setVisible(True)
        if timeout_s:
            self._hide_timer.start(int(timeout_s * 1000))
        else:
            self._hide_timer.stop()

    def text(self) -> str:
        return self.label.text() if self.isVisible() else ""

    def dismiss(self) -> None:
        self.setVisible(False)
        self._action = None

    def _act(self) -> None:
        action = self._action
        self.dismiss()
        if action is not None:
            action()
