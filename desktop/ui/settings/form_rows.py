"""Small pieces the Settings forms share."""

from __future__ import annotations

from PySide6.QtWidgets import QFormLayout, QHBoxLayout, QWidget


def add_field_row(form: QFormLayout, label: str, field: QWidget, *beside: QWidget) -> QWidget:
    """A form row holding `field` (stretched) and the widgets `beside` it. The row is a widget, not a layout, so the
    label's mnemonic (the "&" letter) focuses `field` itself."""
    row_widget = QWidget(form.parentWidget())
    row = QHBoxLayout(row_widget)
    row.setContentsMargins(0, 0, 0, 0)
    row.addWidget(field, 1)
    for widget in beside:
        row.addWidget(widget)
    form.addRow(label, row_widget)
    form.labelForField(row_widget).setBuddy(field)
    return row_widget
