"""The Settings dialog's "Local API server" box: let other programs on this computer use Chinwag's models through
an OpenAI-compatible API (desktop/server), the address, the key with a Copy button, whether the key is needed, and
which of Chinwag's own actions those programs may ask for (none unless the user picks a level here)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QWidget,
)

from desktop.core.settings import Settings
from desktop.ui.settings.form_rows import add_field_row


class ServerBox(QGroupBox):
    def __init__(self, settings: Settings, api_key: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Local API server"))
        self.enabled = QCheckBox(self.tr("Let other apps on this computer use Chinwag's models"), self)
        self.enabled.setAccessibleName(self.tr("Local API server"))
        self.enabled.setChecked(settings.api_server)
        self.port = QSpinBox(self)
        self.port.setAccessibleName(self.tr("API server port"))
        self.port.setRange(1024, 65535)
        self.port.setValue(settings.api_port)
        self.address = QLabel(self)
        self.address.setAccessibleName(self.tr("API server address"))
        self.address.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.key = QLineEdit(api_key, self)
        self.key.setReadOnly(True)
        self.key.setEchoMode(QLineEdit.EchoMode.PasswordEchoOnEdit)
        self.key.setAccessibleName(self.tr("API key"))
        self.copy_key = QPushButton(self.tr("Copy key"), self)
        self.copy_key.setAccessibleName(self.tr("Copy the API key"))
        self.copy_key.clicked.connect(lambda: QGuiApplication.clipboard().setText(self.key.text()))
        self.require_key = QCheckBox(self.tr("Require the key (off: any program on this computer may use the models)"),
                                     self)
        self.require_key.setAccessibleName(self.tr("Require the API key"))
        self.require_key.setChecked(settings.api_require_key)
        self.actions = QComboBox(self)
        self.actions.setAccessibleName(self.tr("Actions other apps may run"))
        # In the order of Settings.api_actions' levels: each one allows what the one before does, and more.
        self.actions.addItem(self.tr("None"), "off")
        self.actions.addItem(self.tr("Read-only: the time, the date, calculations, unit conversions"), "read-only")
        self.actions.addItem(self.tr("All: also set, list and cancel timers and reminders on this desktop"), "all")
        self.actions.setCurrentIndex(max(0, self.actions.findData(settings.api_actions)))
        self.actions.setToolTip(self.tr("Programs that use the API may ask Chinwag to run these actions for them, as "
                                        "tools named {prefix}…; anything not allowed here is refused.")
                                .format(prefix="chinwag."))
        note = QLabel(self.tr("Only this computer can connect (127.0.0.1). Clients send the key as "
                              "“Authorization: Bearer …”; web pages are refused."), self)
        note.setWordWrap(True)
        form = QFormLayout(self)
        form.addRow("", self.enabled)
        form.addRow(self.tr("P&ort"), self.port)
        form.addRow(self.tr("Address"), self.address)
        add_field_row(form, self.tr("API &key"), self.key, self.copy_key)
        form.addRow("", self.require_key)
        form.addRow(self.tr("Actions other apps may &run"), self.actions)
        form.addRow("", note)
        self.port.valueChanged.connect(self._show_address)
        self._show_address()

    def _show_address(self) -> None:
        self.address.setText(f"http://127.0.0.1:{self.port.value()}/v1")

    def values(self) -> dict[str, Any]:
        """The fields of Settings this box edits."""
        return {"api_server": self.enabled.isChecked(), "api_port": self.port.value(),
                "api_require_key": self.require_key.isChecked(), "api_actions": self.actions.currentData()}

