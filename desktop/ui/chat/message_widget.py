"""One message in the chat: its Markdown text and the actions that apply to it."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop.ui.chat.markdown_view import MarkdownView


class MessageWidget(QFrame):
    """A user or assistant message. The buttons emit; the chat controller decides what they do."""

    copy_requested = Signal()
    regenerate_requested = Signal()
    edit_requested = Signal()
    speak_requested = Signal()
    continue_requested = Signal()
    alternative_requested = Signal(int)  # -1: the earlier answer, +1: the later one

    def __init__(self, role: str, text: str = "", *, stopped: bool = False, meta: str = "",
                 cut_off: bool = False, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.role = role
        self.message_id: int | None = None
        self.cut_off = False
        self.setObjectName("userMessage" if role == "user" else "assistantMessage")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAutoFillBackground(True)
        palette = self.palette()
        base = palette.color(QPalette.ColorRole.Base)
        tint = palette.color(QPalette.ColorRole.Highlight) if role == "user" else palette.color(
            QPalette.ColorRole.AlternateBase)
        palette.setColor(QPalette.ColorRole.Window, _blend(base, tint, 0.18 if role == "user" else 0.6))
        self.setPalette(palette)

        self.who = QLabel(self.tr("You") if role == "user" else "Chinwag")
        font = self.who.font()
        font.setBold(True)
        self.who.setFont(font)
        self.meta = QLabel(meta)
        self.meta.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.status = QLabel("")
        self.status.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.body = MarkdownView(self)
        self.body.setAccessibleName(self.tr("Your message") if role == "user" else self.tr("Chinwag's reply"))

        self.copy_button = _tool_button(self.tr("Copy"), self.tr("Copy this message to the clipboard"), self)
        self.copy_button.clicked.connect(self.copy_requested)
        self.regenerate_button = _tool_button(self.tr("Regenerate"), self.tr("Write this reply again"), self)
        self.regenerate_button.clicked.connect(self.regenerate_requested)
        self.edit_button = _tool_button(self.tr("Edit"), self.tr("Edit this message and send it again"), self)
        self.edit_button.clicked.connect(self.edit_requested)
        self.speak_button = _tool_button(self.tr("Speak"), self.tr("Read this reply aloud"), self)
        self.speak_button.clicked.connect(self.speak_requested)
        self.continue_button = _tool_button(self.tr("Continue ▸"),
                                            self.tr("Write more of this reply, which the length limit cut off"), self)
        self.continue_button.clicked.connect(self.continue_requested)
        self.previous_button = _tool_button("‹", self.tr("Show the earlier answer"), self)
        self.previous_button.clicked.connect(lambda: self.alternative_requested.emit(-1))
        self.next_button = _tool_button("›", self.tr("Show the later answer"), self)
        self.next_button.clicked.connect(lambda: self.alternative_requested.emit(1))
        self.alternative_label = QLabel("")
        self.alternative_label.setAccessibleName(self.tr("Which answer is shown"))
        self.alternative_index, self.alternative_count = 0, 1
        self.continue_button.setVisible(False)
        for widget in (self.previous_button, self.next_button, self.alternative_label):
            widget.setVisible(False)
        self.regenerate_button.setVisible(False)
        self.edit_button.setVisible(role == "user")
        self.speak_button.setVisible(role == "assistant")

        header = QHBoxLayout()
        header.setContentsMargins(0, 0, 0, 0)
        header.addWidget(self.who)
        header.addWidget(self.meta)
        header.addStretch(1)
        header.addWidget(self.status)
        header.addWidget(self.previous_button)
        header.addWidget(self.alternative_label)
        header.addWidget(self.next_button)
        header.addWidget(self.continue_button)
        header.addWidget(self.edit_button)
        header.addWidget(self.regenerate_button)
        header.addWidget(self.speak_button)
        header.addWidget(self.copy_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 6, 10, 6)
        layout.setSpacing(2)
        layout.addLayout(header)
        layout.addWidget(self.body)
        self.stopped = stopped
        self.set_text(text)
        self.set_stopped(stopped)
        self.set_cut_off(cut_off)

    def set_text(self, text: str) -> None:
        self.body.set_markdown(text)

    def text(self) -> str:
        return self.body.markdown()

    def set_streaming(self, streaming: bool) -> None:
        self.body.set_streaming(streaming)
        if streaming:
            self.set_cut_off(False)
        self.status.setText(self.tr("writing…") if streaming else self._state())
        self.copy_button.setEnabled(not streaming)

    def set_cut_off(self, cut_off: bool) -> None:
        """The length limit ended this reply (not the model): say so, and offer to write more."""
        self.cut_off = cut_off and self.role == "assistant"
        self.continue_button.setVisible(self.cut_off)
        self.status.setText(self._state())
        self.status.setAccessibleName(self.tr("This reply was cut off by the length limit") if self.cut_off else
                                      self.tr("This reply was stopped before it finished") if self.stopped else "")

    def set_alternatives(self, index: int, count: int) -> None:
        """Answer `index` (from 0) of `count` is shown; the arrows step through them."""
        self.alternative_index, self.alternative_count = index, count
        many = count > 1
        for widget in (self.previous_button, self.next_button, self.alternative_label):
            widget.setVisible(many)
        self.alternative_label.setText(f"{index + 1}/{count}")
        self.alternative_label.setToolTip(self.tr("Answer {index} of {count}").format(index=index + 1, count=count))
        self.previous_button.setEnabled(index > 0)
        self.next_button.setEnabled(index < count - 1)

    def _state(self) -> str:
        return self.tr("stopped") if self.stopped else self.tr("cut off at the length limit") if self.cut_off else ""

    def set_stopped(self, stopped: bool) -> None:
        self.stopped = stopped
        if stopped:
            self.status.setText(self.tr("stopped"))
            self.status.setAccessibleName(self.tr("This reply was stopped before it finished"))
        elif self.status.text() == self.tr("stopped"):
            self.status.setText(self._state())

    def set_meta(self, meta: str) -> None:
        self.meta.setText(meta)

    def set_can_regenerate(self, allowed: bool) -> None:
        self.regenerate_button.setVisible(allowed and self.role == "assistant")


def _tool_button(text: str, accessible: str, parent: QWidget) -> QToolButton:
    button = QToolButton(parent)
    button.setText(text)
    button.setToolTip(accessible)
    button.setAccessibleName(accessible)
    button.setAutoRaise(True)
    button.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
    return button


def _blend(a, b, amount: float):  # noqa: ANN001, ANN202 (QColor in and out)
    from PySide6.QtGui import QColor

    return QColor(
        round(a.red() * (1 - amount) + b.red() * amount),
        round(a.green() * (1 - amount) + b.green() * amount),
        round(a.blue() * (1 - amount) + b.blue() * amount),
    )
