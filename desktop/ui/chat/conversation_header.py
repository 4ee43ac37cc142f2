"""The strip above the chat: the open conversation's model and system prompt (with "Change…"), and how much of the
model's context the conversation fills."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)


@dataclass(frozen=True)
class ConversationSetup:
    """A conversation's own choices. None: follow the window (its model; that model's default system prompt)."""

    model: str | None = None
    system_prompt: str | None = None


class ConversationHeader(QWidget):
    change_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Conversation settings")
        self.model = QLabel("")
        self.model.setAccessibleName("This conversation's model")
        self.prompt = QLabel("")
        self.prompt.setAccessibleName("This conversation's system prompt")
        self.prompt.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.prompt.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.change_button = QPushButton("Change…", self)
        self.change_button.setAccessibleName("Change this conversation's model and system prompt")
        self.change_button.setToolTip("The model and the system prompt this conversation uses")
        self.change_button.clicked.connect(self.change_requested)
        self.meter = QProgressBar(self)
        self.meter.setAccessibleName("Context used")
        self.meter.setMaximumWidth(220)
        self.meter.setMaximumHeight(16)
        self.meter.setTextVisible(True)
        self.meter.setRange(0, 1)
        self.meter.setValue(0)
        self.meter.setFormat("context: –")
        self.meter.setToolTip("How much of the model's context this conversation fills; once it is full, the oldest "
                              "turns are left out of what the model sees.")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(16, 4, 16, 4)
        layout.addWidget(self.model)
        layout.addWidget(self.prompt, 1)
        layout.addWidget(self.change_button)
        layout.addWidget(self.meter)
        self.used, self.n_ctx = 0, 0

    def show_setup(self, model_label: str, own_model: bool, prompt: str, own_prompt: bool) -> None:
        self.model.setText(f"<b>{_escape(model_label)}</b>" + ("" if own_model else " (the window's model)"))
        shown = " ".join(prompt.split())
        text = f"System prompt: {shown}" if shown else "No system prompt"
        self.prompt.setText(text if own_prompt else f"{text} (the model's default)")
        self.prompt.setToolTip(prompt or "No system prompt")

    def show_context(self, used: int, n_ctx: int) -> None:
        """`used` of `n_ctx` tokens; 0 and 0: not known yet (no reply in this conversation)."""
        self.used, self.n_ctx = used, n_ctx
        if n_ctx <= 0:
            self.meter.setRange(0, 1)
            self.meter.setValue(0)
            self.meter.setFormat("context: –")
            return
        self.meter.setRange(0, n_ctx)
        self.meter.setValue(min(used, n_ctx))
        self.meter.setFormat(f"context: {used:,} / {n_ctx:,} tokens")
        self.meter.setAccessibleDescription(f"{used} of {n_ctx} tokens, {100 * used // n_ctx}%")


class ConversationSetupDialog(QDialog):
    """Choose the conversation's model (or the window's) and its system prompt (or the model's default)."""

    def __init__(self, models: list[tuple[str, str]], setup: ConversationSetup, default_prompt: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("This conversation")
        self.setAccessibleName("This conversation's model and system prompt")
        self.model = QComboBox(self)
        self.model.setAccessibleName("Model")
        self.model.addItem("The window's model", None)
        for ident, label in models:
            self.model.addItem(label, ident)
        index = self.model.findData(setup.model) if setup.model else 0
        self.model.setCurrentIndex(max(index, 0))
        self.use_default = QCheckBox("Use the model's default system prompt", self)
        self.use_default.setChecked(setup.system_prompt is None)
        self.prompt = QPlainTextEdit(self)
        self.prompt.setAccessibleName("System prompt")
        self.prompt.setTabChangesFocus(True)
        self.prompt.setPlainText(default_prompt if setup.system_prompt is None else setup.system_prompt)
        self.prompt.setEnabled(setup.system_prompt is not None)
        self.use_default.toggled.connect(lambda on: self.prompt.setEnabled(not on))
        self._default = default_prompt
        self.use_default.toggled.connect(self._defaulted)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow("Model", self.model)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.use_default)
        layout.addWidget(self.prompt)
        layout.addWidget(buttons)
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.resize(520, 320)

    def _defaulted(self, on: bool) -> None:
        if on:
            self.prompt.setPlainText(self._default)

    def result_setup(self) -> ConversationSetup:
        prompt = None if self.use_default.isChecked() else self.prompt.toPlainText().strip()
        return ConversationSetup(self.model.currentData(), prompt)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
