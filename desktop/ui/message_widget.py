"""One message in the chat: its Markdown text and the actions that apply to it."""

from __future__ import annotations

import math

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QPalette, QTextOption
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QSizePolicy,
    QTextBrowser,
    QToolButton,
    QVBoxLayout,
    QWidget,
)


class MarkdownText(QTextBrowser):
    """A read-only Markdown view that is exactly as tall as its text (the chat scrolls, not each message)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setOpenExternalLinks(True)
        self.setWordWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.viewport().setAutoFillBackground(False)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                     | Qt.TextInteractionFlag.TextSelectableByKeyboard
                                     | Qt.TextInteractionFlag.LinksAccessibleByMouse)
        self.document().documentLayout().documentSizeChanged.connect(self._fit_height)
        self._markdown = ""

    def set_markdown(self, text: str) -> None:
        if text == self._markdown:
            return
        self._markdown = text
        # The whole reply is re-parsed: Markdown of a half-streamed reply can change meaning (a code fence
        # opens), so a partial append would render wrong. The controller throttles how often this runs.
        self.setMarkdown(text)

    def markdown(self) -> str:
        return self._markdown

    def _fit_height(self, size) -> None:  # noqa: ANN001 (QSizeF)
        margins = self.contentsMargins()
        self.setFixedHeight(math.ceil(size.height()) + margins.top() + margins.bottom())

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt API)
        return QSize(200, self.height())


class MessageWidget(QFrame):
    """A user or assistant message. The buttons emit; the chat controller decides what they do."""

    copy_requested = Signal()
    regenerate_requested = Signal()
    edit_requested = Signal()
    speak_requested = Signal()

    def __init__(self, role: str, text: str = "", *, stopped: bool = False, meta: str = "",
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.role = role
        self.message_id: int | None = None
        self.setObjectName("userMessage" if role == "user" else "assistantMessage")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAutoFillBackground(True)
        palette = self.palette()
        base = palette.color(QPalette.ColorRole.Base)
        tint = palette.color(QPalette.ColorRole.Highlight) if role == "user" else palette.color(
            QPalette.ColorRole.AlternateBase)
        palette.setColor(QPalette.ColorRole.Window, _blend(base, tint, 0.18 if role == "user" else 0.6))
        self.setPalette(palette)

        self.who = QLabel("You" if role == "user" else "Chinwag")
        font = self.who.font()
        font.setBold(True)
        self.who.setFont(font)
        self.meta = QLabel(meta)
        self.meta.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.status = QLabel("")
        self.status.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.body = MarkdownText(self)
        self.body.setAccessibleName("Your message" if role == "user" else "Chinwag's reply")

        self.copy_button = _tool_button("Copy", "Copy this message to the clipboard", self)
        self.copy_button.clicked.connect(self.copy_requested)
        self.regenerate_button = _tool_button("Regenerate", "Write this reply again", self)
        self.regenerate_button.clicked.connect(self.regenerate_requested)
        self.edit_button = _tool_button("Edit", "Edit this message and send it again", self)
        self.edit_button.clicked.connect(self.edit_requested)
        self.speak_button = _tool_button("Speak", "Read this reply aloud", self)
        self.speak_button.clicked.connect(self.speak_requested)
        self.regenerate_button.setVisible(False)
        self.edit_button.setVisible(role == "user")
        self.speak_button.setVisible(role == "assistant")

        header = QHBoxLayout()
        header.setContentsMargins(0, 0, 0, 0)
        header.addWidget(self.who)
        header.addWidget(self.meta)
        header.addStretch(1)
        header.addWidget(self.status)
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

    def set_text(self, text: str) -> None:
        self.body.set_markdown(text)

    def text(self) -> str:
        return self.body.markdown()

    def set_streaming(self, streaming: bool) -> None:
        self.status.setText("writing…" if streaming else "stopped" if self.stopped else "")
        self.copy_button.setEnabled(not streaming)

    def set_stopped(self, stopped: bool) -> None:
        self.stopped = stopped
        if stopped:
            self.status.setText("stopped")
            self.status.setAccessibleName("This reply was stopped before it finished")

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
