"""The keyboard shortcut sheet (F1): every shortcut the window has registered, read from the window itself.

It is built from the window's QShortcut and QAction objects at the moment it opens (their key and their
`whatsThis` description), plus the keys that are not shortcuts (push-to-talk, sending, the global key), so the
sheet cannot fall out of date: a test compares it with the window's list.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

NO_DESCRIPTION = "(no description)"  # shown translated (QCoreApplication.translate("ShortcutSheet", …))


@dataclass(frozen=True)
class ShortcutRow:
    keys: str  # as shown, in the platform's words (Ctrl+N, ⌘N)
    what: str
    registered: bool  # a QShortcut or QAction of the window (False: a key handled another way)


def _portable(keys: QKeySequence) -> str:
    return keys.toString(QKeySequence.SequenceFormat.NativeText)


def registered_shortcuts(window: QWidget) -> list[ShortcutRow]:
    """Every enabled QShortcut and every QAction with a key, anywhere in the window."""
    rows = []
    none = QCoreApplication.translate("ShortcutSheet", "(no description)")
    for shortcut in window.findChildren(QShortcut):
        if shortcut.isEnabled() and not shortcut.key().isEmpty():
            rows.append(ShortcutRow(_portable(shortcut.key()), shortcut.whatsThis() or none, True))
    for action in window.findChildren(QAction):
        for keys in action.shortcuts():
            if action.isEnabled() and not keys.isEmpty():
                what = action.whatsThis() or action.toolTip() or action.text().replace("&", "")
                rows.append(ShortcutRow(_portable(keys), what or none, True))
    return rows


class ShortcutSheet(QDialog):
    def __init__(self, rows: list[ShortcutRow], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Keyboard shortcuts"))
        self.setAccessibleName(self.tr("Keyboard shortcuts"))
        self.rows = list(rows)
        hint = QLabel(self.tr("Everything Chinwag does from the keyboard. Keys marked * can be changed in Settings."),
                      self)
        hint.setObjectName("sheetHint")
        hint.setWordWrap(True)
        self.table = QTableWidget(len(self.rows), 2, self)
        self.table.setAccessibleName(self.tr("Shortcuts"))
        self.table.setHorizontalHeaderLabels((self.tr("Keys"), self.tr("What it does")))
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setShowGrid(False)
        self.table.setWordWrap(False)
        for r, row in enumerate(sorted(self.rows, key=lambda x: (not x.registered, x.keys))):
            keys = QTableWidgetItem(row.keys)
            font = keys.font()
            font.setBold(True)
            keys.setFont(font)
            self.table.setItem(r, 0, keys)
            self.table.setItem(r, 1, QTableWidgetItem(row.what))
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        self.resize(620, min(760, 140 + 30 * len(self.rows)))

    def listed(self) -> list[tuple[str, str]]:
        return [(self.table.item(r, 0).text(), self.table.item(r, 1).text()) for r in range(self.table.rowCount())]
