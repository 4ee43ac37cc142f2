"""The bottom of the window: the text box, the push-to-talk button with its meter and timer, and Stop."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFocusEvent, QKeyEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)


class MessageInput(QPlainTextEdit):
    """Enter sends, Shift+Enter starts a new line; grows with its text up to a few lines."""

    send_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.show_key("Space")
        self.setAccessibleName(self.tr("Message"))
        self.setAccessibleDescription(self.tr("Type a message; Enter sends it, Shift+Enter starts a new line"))
        self.setTabChangesFocus(True)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.document().documentLayout().documentSizeChanged.connect(self._fit)
        self._fit()

    def show_key(self, key: str) -> None:
        self.setPlaceholderText(self.tr("Type a message, or use {key} to talk…  (Enter sends, Shift+Enter new line)")
                                .format(key=key))

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt API)
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not (
                event.modifiers() & Qt.KeyboardModifier.ShiftModifier):
            self.send_requested.emit()
            return
        super().keyPressEvent(event)

    def _fit(self, *_args: object) -> None:
        line = self.fontMetrics().lineSpacing()
        lines = max(1, min(6, int(self.document().size().height())))
        margins = self.contentsMargins()
        self.setFixedHeight(lines * line + 2 * int(self.document().documentMargin()) + margins.top()
                            + margins.bottom() + 4)


class PushToTalkButton(QPushButton):
    """Press and hold to record. Keyboard users hold Space elsewhere; this button itself reacts to mouse."""

    held = Signal()
    let_go = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._idle, self._toggle = self.tr("Hold to talk"), False
        self.setText(self._idle)
        self.setAccessibleName(self.tr("Push to talk"))
        self.setAccessibleDescription(self.tr("Hold this button, or hold the push-to-talk key, while you speak"))
        self.setCheckable(False)
        self.setMinimumHeight(40)
        self.pressed.connect(self.held)
        self.released.connect(self.let_go)

    def focusOutEvent(self, event: QFocusEvent) -> None:  # noqa: N802 (Qt API)
        if self.isDown():
            # Qt lets go of a pressed button when the keyboard focus moves, but the mouse still holds it: a shortcut
            # (Ctrl+N) or a click elsewhere must not cut the take short. Letting go of the mouse ends it, and
            # leaving the window discards it (see WindowController).
            QWidget.focusOutEvent(self, event)
            return
        super().focusOutEvent(event)

    def show_recording(self, recording: bool) -> None:
        if recording:
            self.setText(self.tr("●  Recording… press again to send") if self._toggle else
                         self.tr("●  Recording… let go to send"))
        else:
            self.setText(self._idle)
        self.setProperty("recording", recording)

    def show_key(self, key: str, toggle: bool) -> None:
        """Say which key talks, as set in Settings."""
        self._toggle = toggle
        self._idle = (self.tr("Press {key} to talk") if toggle else self.tr("Hold to talk  (or hold {key})")).format(
            key=key)
        self.setText(self._idle)


class InputBar(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.text = MessageInput(self)
        self.send_button = QPushButton(self.tr("Send"), self)
        self.send_button.setAccessibleName(self.tr("Send message"))
        self.talk_button = PushToTalkButton(self)
        self.stop_button = QPushButton(self.tr("■  Stop"), self)
        self.stop_button.setAccessibleName(self.tr("Stop the reply"))
        self.stop_button.setToolTip(self.tr("Stop the reply (Esc); what was written so far is kept"))
        self.stop_button.setVisible(False)
        self.speak_toggle = QPushButton(self.tr("🔈 Speak replies"), self)
        self.speak_toggle.setCheckable(True)
        self.speak_toggle.setAccessibleName(self.tr("Speak replies aloud"))
        self.speak_toggle.setToolTip(self.tr("Read each reply aloud as it is written (Ctrl+Shift+S). The talk key, "
                                             "Stop or Esc silences it."))
        self.conversation_toggle = QPushButton(self.tr("Conversation"), self)
        self.conversation_toggle.setCheckable(True)
        self.conversation_toggle.setAccessibleName(self.tr("Conversation mode"))
        self.conversation_toggle.setToolTip(self.tr("Hands-free: after each spoken reply Chinwag listens for the next "
                                                    "question (Ctrl+Shift+H). Esc leaves it."))
        # Shown while Chinwag listens without a key being held (conversation mode).
        self.hands_free = QLabel(self.tr("Listening… just speak. Esc leaves conversation mode."), self)
        self.hands_free.setObjectName("handsFree")
        self.hands_free.setAccessibleName(self.tr("Listening hands-free"))
        self.hands_free.setVisible(False)
        self.level = QProgressBar(self)
        self.level.setRange(0, 100)
        self.level.setTextVisible(False)
        self.level.setMaximumHeight(8)
        self.level.setAccessibleName(self.tr("Microphone level"))
        self.timer = QLabel("", self)
        self.timer.setAccessibleName(self.tr("Recording time"))
        self.timer.setMinimumWidth(48)
        self.activity = QLabel("", self)  # "Transcribing…", "Thinking…"
        self.activity.setAccessibleName(self.tr("Activity"))
        # What is being said, transcribed while the key is held: the settled words, then the rest, greyed.
        self.live = QLabel("", self)
        self.live.setObjectName("liveTranscript")
        self.live.setAccessibleName(self.tr("Live transcript"))
        self.live.setWordWrap(True)
        self.live.setTextFormat(Qt.TextFormat.RichText)
        self.live.setVisible(False)
        self.live_words = ""

        row = QHBoxLayout()
        row.addWidget(self.text, 1)
        row.addWidget(self.send_button)
        talk = QHBoxLayout()
        talk.addWidget(self.talk_button, 1)
        talk.addWidget(self.stop_button)
        talk.addWidget(self.speak_toggle)
        talk.addWidget(self.conversation_toggle)
        meter = QHBoxLayout()
        meter.addWidget(self.level, 1)
        meter.addWidget(self.timer)
        meter.addWidget(self.activity)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 6, 12, 10)
        layout.addWidget(self.hands_free)
        layout.addWidget(self.live)
        layout.addLayout(row)
        layout.addLayout(talk)
        layout.addLayout(meter)
        self.show_meter(False)

    def show_meter(self, visible: bool) -> None:
        self.level.setVisible(visible)
        self.timer.setVisible(visible)
        if not visible:
            self.level.setValue(0)
            self.timer.setText("")

    def show_live(self, committed: str, tentative: str) -> None:
        """The words heard so far: `committed` will not change any more, `tentative` may."""
        self.live_words = f"{committed} {tentative}".strip()
        self.live.setText(f"{escape(committed)} <span style='color: gray'>{escape(tentative)}</span>")
        self.live.setVisible(bool(self.live_words))

    def hide_live(self) -> None:
        self.live_words = ""
        self.live.clear()
        self.live.setVisible(False)

    def set_replying(self, replying: bool) -> None:
        self.stop_button.setVisible(replying)
