"""The conversations sidebar: search, the list, and the buttons that act on the selected conversation."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop.core.store import Conversation


class ConversationSidebar(QWidget):
    new_requested = Signal()
    open_requested = Signal(int)
    rename_requested = Signal(int)
    delete_requested = Signal(int)
    export_requested = Signal(int, str)  # conversation id, "markdown" | "json"
    search_changed = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.new_button = QPushButton(self.tr("+  New conversation"), self)
        self.new_button.setAccessibleName(self.tr("New conversation"))
        self.search = QLineEdit(self)
        self.search.setPlaceholderText(self.tr("Search conversations"))
        self.search.setAccessibleName(self.tr("Search conversations"))
        self.search.setClearButtonEnabled(True)
        self.list = QListWidget(self)
        self.list.setAccessibleName(self.tr("Conversations"))
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.rename_button = QToolButton(self)
        self.rename_button.setText(self.tr("Rename"))
        self.rename_button.setAccessibleName(self.tr("Rename conversation"))
        self.delete_button = QToolButton(self)
        self.delete_button.setText(self.tr("Delete"))
        self.delete_button.setAccessibleName(self.tr("Delete conversation"))
        self.export_button = QToolButton(self)
        self.export_button.setText(self.tr("Export"))
        self.export_button.setAccessibleName(self.tr("Export conversation"))
        self.export_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(self.export_button)
        menu.addAction(self.tr("As Markdown…"), lambda: self._emit_export("markdown"))
        menu.addAction(self.tr("As JSON…"), lambda: self._emit_export("json"))
        self.export_button.setMenu(menu)

        actions = QHBoxLayout()
        actions.addWidget(self.rename_button)
        actions.addWidget(self.delete_button)
        actions.addWidget(self.export_button)
        actions.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 4, 8)
        layout.addWidget(self.new_button)
        layout.addWidget(self.search)
        layout.addWidget(self.list, 1)
        layout.addLayout(actions)

        self.new_button.clicked.connect(self.new_requested)
        self.search.textChanged.connect(self.search_changed)
        self.list.currentItemChanged.connect(self._current_changed)
        self.rename_button.clicked.connect(lambda: self._emit_for_selected(self.rename_requested))
        self.delete_button.clicked.connect(lambda: self._emit_for_selected(self.delete_requested))
        self.list.itemDoubleClicked.connect(lambda _item: self._emit_for_selected(self.rename_requested))
        self._quiet = False

    def show_conversations(self, conversations: list[Conversation], current: int | None) -> None:
        self._quiet = True  # repopulating must not look like the user picking a conversation
        try:
            self.list.clear()
            for conversation in conversations:
                # A conversation not named by its first message yet is stored as "New conversation": shown translated.
                title = self.tr("New conversation") if conversation.title == "New conversation" else conversation.title
                item = QListWidgetItem(title)
                item.setData(Qt.ItemDataRole.UserRole, conversation.id)
                item.setToolTip(title)
                self.list.addItem(item)
                if conversation.id == current:
                    self.list.setCurrentItem(item)
        finally:
            self._quiet = False
        has = self.list.count() > 0
        for button in (self.rename_button, self.delete_button, self.export_button):
            button.setEnabled(has and self.selected_id() is not None)

    def selected_id(self) -> int | None:
        item = self.list.currentItem()
        return None if item is None else int(item.data(Qt.ItemDataRole.UserRole))

    def titles(self) -> list[str]:
        return [self.list.item(i).text() for i in range(self.list.count())]

    def _current_changed(self, current: QListWidgetItem | None, _previous: QListWidgetItem | None) -> None:
        for button in (self.rename_button, self.delete_button, self.export_button):
            button.setEnabled(current is not None)
        if current is not None and not self._quiet:
            self.open_requested.emit(int(current.data(Qt.ItemDataRole.UserRole)))

    def _emit_for_selected(self, signal) -> None:  # noqa: ANN001 (a bound Signal)
        selected = self.selected_id()
        if selected is not None:
            signal.emit(selected)

    def _emit_export(self, fmt: str) -> None:
        selected = self.selected_id()
        if selected is not None:
            self.export_requested.emit(selected, fmt)
