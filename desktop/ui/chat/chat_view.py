"""The conversation as a scrolling column of messages that keeps to the bottom unless the reader scrolled up."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QFrame, QLabel, QScrollArea, QVBoxLayout, QWidget

from desktop.ui.chat.message_widget import MessageWidget


class ChatView(QScrollArea):
    copy_requested = Signal(object)  # MessageWidget
    regenerate_requested = Signal(object)
    edit_requested = Signal(object)
    speak_requested = Signal(object)
    continue_requested = Signal(object)
    alternative_requested = Signal(object, int)  # MessageWidget, -1 or +1
    cleared = Signal()  # every message and card went (another conversation is shown)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setAccessibleName(self.tr("Conversation"))
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self._column = QWidget()
        self._layout = QVBoxLayout(self._column)
        self._layout.setContentsMargins(16, 12, 16, 12)
        self._layout.setSpacing(10)
        self.placeholder = QLabel()
        self.show_key("Space", toggle=False)
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.placeholder.setWordWrap(True)
        self.placeholder.setMinimumHeight(240)
        self._layout.addWidget(self.placeholder)
        # Where the model's context ran out: the messages above it are no longer part of what the model sees.
        self.left_out_mark = QLabel(self.tr("⋯  The messages above are left out of what the model sees: its context is "
                                            "full  ⋯"))
        self.left_out_mark.setAccessibleName(self.tr("Older messages left out of the model's context"))
        self.left_out_mark.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.left_out_mark.setWordWrap(True)
        self.left_out_mark.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.left_out_mark.setToolTip(self.tr("Older turns were dropped to fit the model's context. Start a new "
                                              "conversation, or raise the context size in Settings, for the model to "
                                              "see everything."))
        self.left_out_mark.setVisible(False)
        self._layout.addWidget(self.left_out_mark)
        self._left_out_before: MessageWidget | None = None
        self._layout.addStretch(1)
        self.setWidget(self._column)
        self._follow = True
        self._messages: list[MessageWidget] = []
        self._cards: list[QWidget] = []  # action cards (a timer counting down) between the messages
        bar = self.verticalScrollBar()
        bar.valueChanged.connect(self._scrolled)
        bar.rangeChanged.connect(self._range_changed)

    def show_key(self, key: str, toggle: bool) -> None:
        action = (self.tr("Press <b>{key}</b>, talk, press it again") if toggle else
                  self.tr("Hold <b>{key}</b> and talk")).format(key=key)
        self.placeholder.setText(f"<h2>{action}</h2><p>"
                                 + self.tr("…or type below and press Enter. Everything stays on this computer.")
                                 + "</p>")

    def messages(self) -> list[MessageWidget]:
        return list(self._messages)

    def clear(self) -> None:
        for widget in [*self._messages, *self._cards]:
            self._layout.removeWidget(widget)
            widget.deleteLater()
        self._messages = []
        self._cards = []
        self.cleared.emit()
        self.placeholder.setVisible(True)
        self.set_left_out_before(None)
        self._follow = True

    def add_message(self, widget: MessageWidget) -> MessageWidget:
        self.placeholder.setVisible(False)
        # Messages sit before the trailing stretch, so a short conversation starts at the top.
        self._layout.insertWidget(self._layout.count() - 1, widget)
        self._messages.append(widget)
        widget.copy_requested.connect(lambda: self.copy_requested.emit(widget))
        widget.regenerate_requested.connect(lambda: self.regenerate_requested.emit(widget))
        widget.edit_requested.connect(lambda: self.edit_requested.emit(widget))
        widget.speak_requested.connect(lambda: self.speak_requested.emit(widget))
        widget.continue_requested.connect(lambda: self.continue_requested.emit(widget))
        widget.alternative_requested.connect(lambda step: self.alternative_requested.emit(widget, step))
        return widget

    def add_card(self, widget: QWidget) -> QWidget:
        """An action's card (a timer counting down), at the end of the conversation; it goes when the chat is
        cleared."""
        self._layout.insertWidget(self._layout.count() - 1, widget)
        self._cards.append(widget)
        return widget

    def set_left_out_before(self, widget: MessageWidget | None) -> None:
        """Show the left-out mark just above `widget` (the first message the model still sees); None hides it."""
        self._left_out_before = widget if widget in self._messages else None
        self._layout.removeWidget(self.left_out_mark)
        if self._left_out_before is None:
            self._layout.insertWidget(self._layout.count() - 1, self.left_out_mark)
            self.left_out_mark.setVisible(False)
            return
        self._layout.insertWidget(self._layout.indexOf(self._left_out_before), self.left_out_mark)
        self.left_out_mark.setVisible(True)

    def left_out_before(self) -> MessageWidget | None:
        return self._left_out_before

    def remove_from(self, widget: MessageWidget) -> None:
        """Remove `widget` and every message after it (regenerate, edit and resend)."""
        if widget not in self._messages:
            return
        index = self._messages.index(widget)
        if self._left_out_before in self._messages[index:]:
            self.set_left_out_before(None)
        for message in self._messages[index:]:
            self._layout.removeWidget(message)
            message.deleteLater()
        del self._messages[index:]
        self.placeholder.setVisible(not self._messages)

    def scroll_to_bottom(self) -> None:
        self._follow = True
        bar = self.verticalScrollBar()
        bar.setValue(bar.maximum())

    @property
    def following(self) -> bool:
        return self._follow

    def _scrolled(self, value: int) -> None:
        bar = self.verticalScrollBar()
        # The reader is "at the bottom" within a few pixels; scrolling up stops the following.
        self._follow = value >= bar.maximum() - 8

    def _range_changed(self, _minimum: int, maximum: int) -> None:
        if self._follow:
            self.verticalScrollBar().setValue(maximum)
