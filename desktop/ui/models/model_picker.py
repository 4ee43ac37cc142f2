"""A combo box of model variants that shows what matters when choosing: size, memory, downloaded or not."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QSize, Qt, Signal
from PySide6.QtWidgets import QComboBox, QSizePolicy, QWidget

from desktop.ui.shell.window_language import data_size, number


@dataclass(frozen=True)
class ModelChoice:
    id: str
    label: str
    size_mb: float | None
    ram_gb: float | None
    downloaded: bool
    fits: bool  # enough memory on this machine
    description: str = ""
    language: str = ""  # a voice's language ("de"), for Settings' choice of a voice per language

    def summary(self) -> str:
        translate = QCoreApplication.translate
        bits = []
        if self.size_mb:
            bits.append(data_size(self.size_mb * 1e6, 2 if self.size_mb >= 1000 else 0))
        if self.ram_gb:
            bits.append(translate("ModelChoice", "needs {size} RAM").format(size=_gigabytes(self.ram_gb)))
        bits.append(translate("ModelChoice", "✓ downloaded") if self.downloaded else
                    translate("ModelChoice", "⤓ not downloaded"))
        if not self.fits:
            bits.append(translate("ModelChoice", "⚠ too big for this computer"))
        return f"{self.label}  —  {' · '.join(bits)}"

    def info(self, meanwhile: str) -> str:
        """Its description, and for one not on this computer yet what pressing OK does; `meanwhile`: what is used
        until it is ready."""
        if self.downloaded:
            return self.description.strip()
        text = (QCoreApplication.translate(
            "ModelChoice", "Not downloaded yet ({size}): it downloads when you press OK, with progress, cancel and "
            "resume; {meanwhile} until it is ready.").format(size=data_size(self.size_mb * 1e6), meanwhile=meanwhile)
            if self.size_mb else QCoreApplication.translate(
                "ModelChoice", "Not downloaded yet: it downloads when you press OK, with progress, cancel and resume; "
                "{meanwhile} until it is ready.").format(meanwhile=meanwhile))
        return f"{self.description}\n{text}".strip()


def _gigabytes(gb: float) -> str:
    """1.6 GB, 64 GB: as many decimals as the number has (like "%g")."""
    decimals = len(f"{gb:g}".partition(".")[2])
    return data_size(gb * 1e9, decimals) if gb >= 1 else f"{number(gb, decimals)} GB"


class ModelPicker(QComboBox):
    """Emits `chosen(id)` only when the user picks, never when the list is filled or set by code.

    Nothing it says is cut short: the box is as wide as its longest entry (AdjustToContents, and never squeezed
    below that by a layout), and the list that drops down is as wide as its widest line, with eliding off.
    """

    chosen = Signal(str)

    def __init__(self, accessible_name: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(accessible_name or self.tr("Model"))
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.setSizePolicy(QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Fixed)
        self.view().setTextElideMode(Qt.TextElideMode.ElideNone)
        self._choices: list[ModelChoice] = []
        self.activated.connect(self._activated)

    def set_choices(self, choices: list[ModelChoice], current: str | None) -> None:
        self.blockSignals(True)
        try:
            self.clear()
            self._choices = list(choices)
            for choice in choices:
                self.addItem(choice.summary(), choice.id)
                index = self.count() - 1
                self.setItemData(index, choice.description or choice.summary(), Qt.ItemDataRole.ToolTipRole)
                self.setItemData(index, choice.summary(), Qt.ItemDataRole.AccessibleTextRole)
            self.select(current)
        finally:
            self.blockSignals(False)
        self._fit()

    def _fit(self) -> None:
        """Never narrower than its longest entry, and a drop-down list that shows every line whole."""
        self.adjustSize()
        self.setMinimumWidth(self.sizeHint().width())
        view = self.view()
        # Measured from the texts: the hidden list's own size hints only count the rows it has laid out.
        metrics = view.fontMetrics()
        widest = max((metrics.horizontalAdvance(self.itemText(i)) for i in range(self.count())), default=0)
        frame = 2 * view.frameWidth() + view.verticalScrollBar().sizeHint().width() + 24  # item padding
        view.setMinimumWidth(widest + frame)

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt API)
        return self.sizeHint()

    def select(self, variant_id: str | None) -> None:
        index = self.findData(variant_id) if variant_id is not None else -1
        if index >= 0:
            blocked = self.blockSignals(True)
            self.setCurrentIndex(index)
            self.blockSignals(blocked)

    def current_id(self) -> str | None:
        value = self.currentData()
        return None if value is None else str(value)

    def choice(self, variant_id: str | None) -> ModelChoice | None:
        return next((c for c in self._choices if c.id == variant_id), None)

    def ids(self) -> list[str]:
        return [c.id for c in self._choices]

    def _activated(self, index: int) -> None:
        self.chosen.emit(str(self.itemData(index)))
