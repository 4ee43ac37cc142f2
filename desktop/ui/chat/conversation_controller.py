"""The sidebar's wiring: list and search, new, open, rename in place, delete with undo, export."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtWidgets import QFileDialog, QListWidgetItem

from desktop.core.store import ConversationStore
from desktop.ui.chat.chat_controller import ChatController
from desktop.ui.chat.sidebar import ConversationSidebar
from desktop.ui.shell.notice_bar import NoticeBar


class ConversationController(QObject):
    def __init__(self, sidebar: ConversationSidebar, chat: ChatController, store: ConversationStore,
                 notices: NoticeBar) -> None:
        super().__init__(sidebar)
        self.sidebar = sidebar
        self.chat = chat
        self.store = store
        self.notices = notices
        self._search = QTimer(self)  # search as you type, once the typing pauses
        self._search.setSingleShot(True)
        self._search.setInterval(150)
        self._search.timeout.connect(self.refresh)
        sidebar.new_requested.connect(self.new)
        sidebar.open_requested.connect(chat.open_conversation)
        sidebar.rename_requested.connect(self.start_rename)
        sidebar.delete_requested.connect(self.delete)
        sidebar.export_requested.connect(self.export_dialog)
        sidebar.search_changed.connect(lambda _text: self._search.start())
        sidebar.list.itemChanged.connect(self._renamed)
        chat.conversations_changed.connect(self.refresh)

    def refresh(self) -> None:
        conversations = self.store.conversations(self.sidebar.search.text().strip())
        self.sidebar.show_conversations(conversations, self.chat.conversation_id)

    def restore_last(self) -> None:
        """After a restart: the list as it was, and the most recent conversation open again."""
        self.refresh()
        conversations = self.store.conversations()
        if conversations:
            self.chat.open_conversation(conversations[0].id)
            self.refresh()

    def new(self) -> None:
        self.chat.new_conversation()
        self.sidebar.list.clearSelection()
        self.sidebar.list.setCurrentItem(None)

    def start_rename(self, conversation_id: int) -> None:
        item = self._item(conversation_id)
        if item is None:
            return
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsEditable)
        self.sidebar.list.editItem(item)

    def rename(self, conversation_id: int, title: str) -> None:
        title = " ".join(title.split())
        if title:
            self.store.rename(conversation_id, title)
        self.refresh()

    def delete(self, conversation_id: int) -> None:
        title = self.store.conversation(conversation_id).title
        if self.chat.conversation_id == conversation_id:
            self.chat.new_conversation()
        self.store.delete(conversation_id)  # soft: undo brings it back; purged at the next start
        self.refresh()
        self.notices.show_notice(self.tr("Deleted “{title}”.").format(title=title), kind="info", action=self.tr("Undo"),
                                 on_action=lambda: self.undo_delete(conversation_id), timeout_s=12)

    def undo_delete(self, conversation_id: int) -> None:
        self.store.undelete(conversation_id)
        self.chat.open_conversation(conversation_id)
        self.refresh()

    def export_dialog(self, conversation_id: int, fmt: str) -> None:
        title = self.store.conversation(conversation_id).title
        suffix = ".md" if fmt == "markdown" else ".json"
        safe = "".join(c if c.isalnum() or c in " -_" else "_" for c in title).strip() or self.tr("conversation")
        path, _filter = QFileDialog.getSaveFileName(self.sidebar, self.tr("Export conversation"),
                                                    str(Path.home() / f"{safe}{suffix}"),
                                                    self.tr("Markdown (*.md)") if fmt == "markdown" else
                                                    self.tr("JSON (*.json)"))
        if path:
            self.export(conversation_id, fmt, Path(path))

    def export(self, conversation_id: int, fmt: str, path: Path) -> None:
        text = self.store.export_markdown(conversation_id) if fmt == "markdown" else \
            self.store.export_json(conversation_id)
        try:
            path.write_text(text, encoding="utf-8")
        except OSError as error:
            self.notices.show_notice(self.tr("Could not save {path}: {error}. Choose another folder.").format(
                path=path, error=error), kind="error")
            return
        self.notices.show_notice(self.tr("Saved {path}").format(path=path), kind="info", timeout_s=6)

    def _item(self, conversation_id: int) -> QListWidgetItem | None:
        for i in range(self.sidebar.list.count()):
            item = self.sidebar.list.item(i)
            if int(item.data(Qt.ItemDataRole.UserRole)) == conversation_id:
                return item
        return None

    def _renamed(self, item: QListWidgetItem) -> None:
        if self.sidebar._quiet:
            return
        conversation_id = int(item.data(Qt.ItemDataRole.UserRole))
        title = item.text()
        if title != self.store.conversation(conversation_id).title:
            # Later, not inside the list's own signal: renaming re-sorts and rebuilds the list.
            QTimer.singleShot(0, lambda: self.rename(conversation_id, title))
