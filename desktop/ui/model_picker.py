"""A combo box of model variants that shows what matters when choosing: size, memory, downloaded or not."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QComboBox, QWidget


@dataclass(frozen=True)
class ModelChoice:
    id: str
    label: str
    size_mb: float | None
    ram_gb: float | None
    downloaded: bool
    fits: bool  # enough memory on this machine
    description: str = ""

    def summary(self) -> str:
        bits = []
        if self.size_mb:
            bits.append(f"{self.size_mb / 1000:.2f} GB" if self.size_mb >= 1000 else f"{self.size_mb:.0f} MB")
        if self.ram_gb:
            bits.append(f"needs {self.ram_gb:g} GB RAM")
        bits.append("✓ downloaded" if self.downloaded else "⤓ not downloaded")
        if not self.fits:
            bits.append("⚠ too big for this computer")
        return f"{self.label}  —  {' · '.join(bits)}"


class ModelPicker(QComboBox):
    """Emits `chosen(id)` only when the user picks, never when the list is filled or set by code."""

    chosen = Signal(str)

    def __init__(self, accessible_name: str = "Model", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(accessible_name)
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.setMinimumContentsLength(64)
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
