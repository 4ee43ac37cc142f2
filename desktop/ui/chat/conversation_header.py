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

from desktop.ui.shell.window_language import number


@dataclass(frozen=True)
class ConversationSetup:
    """A conversation's own choices. None: follow the window (its model; that model's default system prompt)."""

    model: str | None = None
    system_prompt: str | None = None


class ConversationHeader(QWidget):
    change_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(self.tr("Conversation settings"))
        self.model = QLabel("")
        self.model.setAccessibleName(self.tr("This conversation's model"))
        self.prompt = QLabel("")
        self.prompt.setAccessibleName(self.tr("This conversation's system prompt"))
        self.prompt.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.prompt.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.change_button = QPushButton(self.tr("Change…"), self)
        self.change_button.setAccessibleName(self.tr("Change this conversation's model and system prompt"))
        self.change_button.setToolTip(self.tr("The model and the system prompt this conversation uses"))
        self.change_button.clicked.connect(self.change_requested)
        self.meter = QProgressBar(self)
        self.meter.setAccessibleName(self.tr("Context used"))
        self.meter.setMaximumHeight(16)
        self.meter.setTextVisible(True)
        self.meter.setRange(0, 1)
        self.meter.setValue(0)
        self._meter_text(self.tr("context: –"))
        self.meter.setToolTip(self.tr("How much of the model's context this conversation fills; once it is full, the "
                                      "oldest turns are left out of what the model sees."))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(16, 4, 16, 4)
        layout.addWidget(self.model)
        layout.addWidget(self.prompt, 1)
        layout.addWidget(self.change_button)
        layout.addWidget(self.meter)
        self.used, self.n_ctx = 0, 0

    def show_setup(self, model_label: str, own_model: bool, prompt: str, own_prompt: bool) -> None:
        self.model.setText(f"<b>{_escape(model_label)}</b>" + ("" if own_model else
                                                                _escape(self.tr(" (the window's model)"))))
        shown = " ".join(prompt.split())
        text = self.tr("System prompt: {prompt}").format(prompt=shown) if shown else self.tr("No system prompt")
        self.prompt.setText(text if own_prompt else self.tr("{prompt} (the model's default)").format(prompt=text))
        self.prompt.setToolTip(prompt or self.tr("No system prompt"))

    def show_context(self, used: int, n_ctx: int) -> None:
        """`used` of `n_ctx` tokens; 0 and 0: not known yet (no reply in this conversation)."""
        self.used, self.n_ctx = used, n_ctx
        if n_ctx <= 0:
            self.meter.setRange(0, 1)
            self.meter.setValue(0)
            self._meter_text(self.tr("context: –"))
            return
        self.meter.setRange(0, n_ctx)
        self.meter.setValue(min(used, n_ctx))
        self._meter_text(self.tr("context: {used} / {total} tokens").format(used=number(used), total=number(n_ctx)))
        self.meter.setAccessibleDescription(self.tr("{used} of {total} tokens, {percent}%").format(
            used=number(used), total=number(n_ctx), percent=100 * used // n_ctx))

    def _meter_text(self, text: str) -> None:
        """The meter is as wide as its text (the prompt beside it gives way): "context: 58 / 4,096 tokens" whole, in
        every language. "%" is doubled: QProgressBar reads %p, %v and %m in its format."""
        self.meter.setFormat(text.replace("%", "%%"))
        self.meter.setFixedWidth(max(160, self.meter.fontMetrics().horizontalAdvance(text) + 28))


class ConversationSetupDialog(QDialog):
    """Choose the conversation's model (or the window's) and its system prompt (or the model's default)."""

    def __init__(self, models: list[tuple[str, str]], setup: ConversationSetup, default_prompt: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("This conversation"))
        self.setAccessibleName(self.tr("This conversation's model and system prompt"))
        self.model = QComboBox(self)
        self.model.setAccessibleName(self.tr("Model"))
        self.model.addItem(self.tr("The window's model"), None)
        for ident, label in models:
            self.model.addItem(label, ident)
        index = self.model.findData(setup.model) if setup.model else 0
        self.model.setCurrentIndex(max(index, 0))
        self.use_default = QCheckBox(self.tr("Use the model's default system prompt"), self)
        self.use_default.setChecked(setup.system_prompt is None)
        self.prompt = QPlainTextEdit(self)
        self.prompt.setAccessibleName(self.tr("System prompt"))
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
        form.addRow(self.tr("Model"), self.model)
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
