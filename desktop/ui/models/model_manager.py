"""The model manager: every language, speech and voice model in one window, with what each takes and can do.

Each row says whether the model is on this computer, how much disk it takes, how much memory it needs against
this computer's, its licence and where it comes from (the catalog, the Hub, a file of yours, or the app itself).
The selected row can be downloaded (with progress; the download controller queues it and resumes kept bytes),
cancelled, resumed, verified again against its checksum, deleted, or shown in its folder. New models come from a
Hub repository (its files are listed with their sizes, off the GUI thread) or from a local .gguf file.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QObject, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.context import AppContext
from desktop.core.catalog import Variant
from desktop.core.errors import DownloadCancelled
from desktop.core.hub import Progress
from desktop.core.hub_files import HubFile, hub_entry, list_hub_files
from desktop.core.sysinfo import fits_in_memory, total_memory_gb
from desktop.ui.models.download_controller import DownloadController
from desktop.ui.models.model_controller import ModelController
from desktop.ui.shell.iterator_bridge import IteratorBridge
from desktop.ui.shell.theme import icon
from desktop.ui.shell.window_language import data_size, number, rate

# Shown translated (context "ModelManagerView"); the English words are the keys (row_text("Status") in the tests).
KIND_LABELS = {"llm": QT_TRANSLATE_NOOP("ModelManagerView", "Language"),
               "whisper": QT_TRANSLATE_NOOP("ModelManagerView", "Speech"),
               "voice": QT_TRANSLATE_NOOP("ModelManagerView", "Voice")}
COLUMNS = (QT_TRANSLATE_NOOP("ModelManagerView", "Model"), QT_TRANSLATE_NOOP("ModelManagerView", "Kind"),
           QT_TRANSLATE_NOOP("ModelManagerView", "Status"), QT_TRANSLATE_NOOP("ModelManagerView", "On disk"),
           QT_TRANSLATE_NOOP("ModelManagerView", "Download"), QT_TRANSLATE_NOOP("ModelManagerView", "Memory"),
           QT_TRANSLATE_NOOP("ModelManagerView", "License"), QT_TRANSLATE_NOOP("ModelManagerView", "Source"))
SOURCES = {"catalog": QT_TRANSLATE_NOOP("ModelManagerView", "catalog"),
           "Hub": QT_TRANSLATE_NOOP("ModelManagerView", "Hub"),
           "local file": QT_TRANSLATE_NOOP("ModelManagerView", "local file"),
           "bundled": QT_TRANSLATE_NOOP("ModelManagerView", "bundled")}
_STATUS = {"downloaded": QT_TRANSLATE_NOOP("ModelManagerView", "✓ Downloaded"),
           "bundled": QT_TRANSLATE_NOOP("ModelManagerView", "✓ Comes with the app"),
           "local": QT_TRANSLATE_NOOP("ModelManagerView", "✓ Your file"),
           "partial": QT_TRANSLATE_NOOP("ModelManagerView", "Partly downloaded ({size} kept)"),
           "missing": QT_TRANSLATE_NOOP("ModelManagerView", "⚠ File missing"),
           "not downloaded": QT_TRANSLATE_NOOP("ModelManagerView", "Not downloaded"),
           "downloading": QT_TRANSLATE_NOOP("ModelManagerView", "Downloading…"),
           "queued": QT_TRANSLATE_NOOP("ModelManagerView", "Queued")}
_ID_ROLE = Qt.ItemDataRole.UserRole


def _tr(text: str) -> str:
    return QCoreApplication.translate("ModelManagerView", text)

QT_TRANSLATE_NOOP("ModelManagerView", "{status} · in use")  # for lupdate: _tr() above takes a variable


def human_size(n: int | float | None) -> str:
    """Bytes in the window's locale: "808 MB", "1.23 GB"; "—" for none."""
    return data_size(n) if n else "—"


@dataclass(frozen=True)
class ModelRow:
    variant: Variant
    state: str  # "downloaded", "bundled", "local", "partial", "missing" (a local file gone), "not downloaded",
    #             "downloading", "queued"
    on_disk: int  # bytes
    download_size: int | None  # bytes, when known
    fits: bool
    source: str  # "catalog", "Hub", "local file", "bundled"
    in_use: bool

    @property
    def id(self) -> str:
        return self.variant.id

    @property
    def present(self) -> bool:
        return self.state in ("downloaded", "bundled", "local")

    def status_text(self) -> str:
        text = _STATUS[self.state]
        text = _tr(text).format(size=human_size(self.on_disk)) if self.state == "partial" else _tr(text)
        return _tr("{status} · in use").format(status=text) if self.in_use else text


def model_rows(context: AppContext, downloads: DownloadController, in_use: set[str],
               memory_gb: float | None) -> list[ModelRow]:
    """Every model of the three kinds, as the manager lists it (disk checks only, no network)."""
    downloader = context.downloader
    rows = []
    for kind in ("llm", "whisper", "voice"):
        for variant in context.catalog.variants(kind):
            present = downloader.is_downloaded(variant)
            on_disk = downloader.size_on_disk(variant)
            running = downloads.state(variant.id)
            if running == "running":
                state = "downloading"
            elif running == "queued":
                state = "queued"
            elif variant.bundled:
                state = "bundled" if present else "missing"
            elif variant.path:
                state = "local" if present else "missing"
            elif present:
                state = "downloaded"
            else:
                state = "partial" if on_disk else "not downloaded"
            sizes = [f.size for f in variant.files]
            size = sum(s for s in sizes if s) if sizes and all(sizes) else (
                int(variant.approx_mb * 1e6) if variant.approx_mb else None)
            if variant.bundled:
                source = "bundled"
            elif variant.path:
                source = "local file"
            else:
                source = "Hub" if variant.source == "user" else "catalog"
            rows.append(ModelRow(variant, state, on_disk, size, fits_in_memory(variant.ram_gb, memory_gb), source,
                                 variant.id in in_use))
    return rows


class ModelManagerView(QDialog):
    """The window; the controller below fills it and answers its buttons."""

    selection_changed = Signal(str)  # variant id ("" when none)

    def __init__(self, memory_gb: float | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Models"))
        self.setAccessibleName(self.tr("Model manager"))
        self.resize(1080, 760)
        memory = (self.tr("This computer has {size} GB of memory.").format(size=number(memory_gb, 1)) if memory_gb
                  else self.tr("This computer's memory is unknown."))
        self.hint = QLabel(self.tr("Language models answer, speech models listen (Whisper), voices speak (Piper). "
                                   "{memory} A model marked ⚠ needs more memory than Chinwag can safely use here.")
                           .format(memory=memory), self)
        self.hint.setObjectName("managerHint")
        self.hint.setWordWrap(True)
        self.table = QTableWidget(0, len(COLUMNS), self)
        self.table.setAccessibleName(self.tr("Models"))
        self.table.setHorizontalHeaderLabels([_tr(column) for column in COLUMNS])
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setShowGrid(False)
        self.table.setWordWrap(False)
        self.table.setTextElideMode(Qt.TextElideMode.ElideNone)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)

        # ---- the selected model: what it is, and what can be done with it
        self.title = QLabel(self.tr("Choose a model in the list."), self)
        self.title.setWordWrap(True)
        self.title.setAccessibleName(self.tr("Selected model"))
        self.progress = QProgressBar(self)
        self.progress.setRange(0, 1000)
        self.progress.setAccessibleName(self.tr("Model download progress"))
        self.progress.setVisible(False)
        self.detail = QLabel("", self)
        self.detail.setWordWrap(True)
        self.detail.setAccessibleName(self.tr("Model manager status"))
        self.download_button = self._button(self.tr("Download"), "download", self.tr("Download the selected model"))
        self.download_button.setObjectName("primaryButton")
        self.cancel_button = self._button(self.tr("Cancel"), "cancel", self.tr("Cancel the download or check"))
        self.resume_button = self._button(self.tr("Resume"), "resume",
                                          self.tr("Resume the download from the kept bytes"))
        self.verify_button = self._button(self.tr("Verify again"), "verify",
                                          self.tr("Check the files against their checksums"))
        self.delete_button = self._button(self.tr("Delete"), "delete",
                                          self.tr("Delete the selected model from this computer"))
        self.folder_button = self._button(self.tr("Show in folder"), "folder",
                                          self.tr("Open the folder the model is in"))
        actions = QHBoxLayout()
        for button in (self.download_button, self.cancel_button, self.resume_button, self.verify_button,
                       self.delete_button, self.folder_button):
            actions.addWidget(button)
        actions.addStretch(1)

        # ---- adding a model
        self.repo = QLineEdit(self)
        self.repo.setAccessibleName(self.tr("Hub repository id"))
        self.repo.setPlaceholderText(self.tr("owner/name on the Hugging Face Hub, e.g. "
                                             "unsloth/Llama-3.2-1B-Instruct-GGUF"))
        self.revision = QLineEdit(self)
        self.revision.setAccessibleName(self.tr("Hub revision"))
        self.revision.setPlaceholderText("main")
        self.revision.setMaximumWidth(160)
        self.list_button = self._button(self.tr("List files"), "search",
                                        self.tr("Ask the Hub which files the repository holds"))
        self.files = QTableWidget(0, 3, self)
        self.files.setAccessibleName(self.tr("Files in the Hub repository"))
        self.files.setHorizontalHeaderLabels((self.tr("File"), self.tr("Size"), self.tr("Use")))
        self.files.verticalHeader().setVisible(False)
        self.files.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.files.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.files.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.files.setShowGrid(False)
        self.files.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.files.horizontalHeader().setStretchLastSection(True)
        self.files.setMaximumHeight(120)
        self.add_file_button = self._button(self.tr("Add this file"), "check",
                                            self.tr("Add the selected file to the list of models"))
        self.add_file_button.setEnabled(False)
        self.local_button = self._button(self.tr("Add a local .gguf…"), "file-add",
                                         self.tr("Add a model file already on this computer"))
        self.add_status = QLabel("", self)
        self.add_status.setWordWrap(True)
        self.add_status.setAccessibleName(self.tr("Adding a model"))
        repo_row = QHBoxLayout()
        repo_row.addWidget(self.repo, 1)
        repo_row.addWidget(self.revision)
        repo_row.addWidget(self.list_button)
        add_row = QHBoxLayout()
        add_row.addWidget(self.add_status, 1)
        add_row.addWidget(self.add_file_button)
        add_row.addWidget(self.local_button)
        add_box = QGroupBox(self.tr("Add a model"), self)
        add_layout = QVBoxLayout(add_box)
        add_layout.addLayout(repo_row)
        add_layout.addWidget(self.files)
        add_layout.addLayout(add_row)

        layout = QVBoxLayout(self)
        layout.addWidget(self.hint)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.title)
        layout.addWidget(self.progress)
        layout.addWidget(self.detail)
        layout.addLayout(actions)
        layout.addWidget(add_box)
        self.table.itemSelectionChanged.connect(lambda: self.selection_changed.emit(self.selected_id() or ""))
        self.files.itemSelectionChanged.connect(
            lambda: self.add_file_button.setEnabled(self._selected_file() is not None))
        self._hub_files: list[HubFile] = []

    def _button(self, text: str, icon_name: str, accessible: str) -> QPushButton:
        button = QPushButton(icon(icon_name), text, self)
        button.setAccessibleName(accessible)
        button.setToolTip(accessible)
        button.setAutoDefault(False)
        button.setProperty("iconName", icon_name)
        return button

    def decorate(self) -> None:
        """The icons again, in the new theme's ink (theme.apply_theme calls this on every window)."""
        for button in self.findChildren(QPushButton):
            name = button.property("iconName")
            if name:
                button.setIcon(icon(str(name)))

    # ---- the list -------------------------------------------------------------------------------------------

    def show_rows(self, rows: list[ModelRow], memory_gb: float | None) -> None:
        selected = self.selected_id()
        self.table.blockSignals(True)
        try:
            self.table.setRowCount(0)
            for row in rows:
                r = self.table.rowCount()
                self.table.insertRow(r)
                v = row.variant
                memory = "—"
                if v.ram_gb:
                    need = number(v.ram_gb, len(f"{v.ram_gb:g}".partition(".")[2]))
                    memory = (self.tr("{need} of {total} GB").format(need=need, total=number(memory_gb)) if memory_gb
                              else self.tr("{need} GB").format(need=need))
                    if not row.fits:
                        memory = f"⚠ {memory}"
                cells = (v.label, _tr(KIND_LABELS[v.kind]), row.status_text(), human_size(row.on_disk),
                         human_size(row.download_size), memory, v.license or "—",
                         _tr(SOURCES.get(row.source, row.source)))
                for c, text in enumerate(cells):
                    item = QTableWidgetItem(text)
                    item.setData(_ID_ROLE, v.id)
                    if c == 0:
                        item.setToolTip(v.description or v.label)
                    if c == 5 and not row.fits:
                        item.setToolTip(self.tr("Needs more than 80 % of this computer's memory: it may not load, or "
                                                "make everything slow."))
                    self.table.setItem(r, c, item)
        finally:
            self.table.blockSignals(False)
        self.select(selected)

    def select(self, variant_id: str | None) -> None:
        for r in range(self.table.rowCount()):
            if self.table.item(r, 0).data(_ID_ROLE) == variant_id:
                self.table.selectRow(r)
                return
        self.selection_changed.emit(self.selected_id() or "")

    def selected_id(self) -> str | None:
        rows = self.table.selectionModel().selectedRows()
        return str(self.table.item(rows[0].row(), 0).data(_ID_ROLE)) if rows else None

    def row_text(self, variant_id: str, column: str) -> str:
        c = COLUMNS.index(column)
        for r in range(self.table.rowCount()):
            if self.table.item(r, 0).data(_ID_ROLE) == variant_id:
                return self.table.item(r, c).text()
        raise KeyError(variant_id)

    def ids(self) -> list[str]:
        return [str(self.table.item(r, 0).data(_ID_ROLE)) for r in range(self.table.rowCount())]

    def show_selected(self, row: ModelRow | None, busy: str) -> None:
        """The buttons that make sense for `row`; `busy`: "download", "verify" or "" for what runs for it."""
        buttons = (self.download_button, self.cancel_button, self.resume_button, self.verify_button,
                   self.delete_button, self.folder_button)
        if row is None:
            self.title.setText(self.tr("Choose a model in the list."))
            for button in buttons:
                button.setEnabled(False)
            return
        v = row.variant
        self.title.setText(f"<b>{v.label}</b> — {v.description}" if v.description else f"<b>{v.label}</b>")
        downloadable = v.repo_id is not None
        self.download_button.setEnabled(downloadable and row.state == "not downloaded" and not busy)
        self.resume_button.setEnabled(downloadable and row.state == "partial" and not busy)
        self.cancel_button.setEnabled(bool(busy) or row.state in ("downloading", "queued"))
        self.verify_button.setEnabled(downloadable and row.state == "downloaded" and not busy)
        user_entry = v.source == "user"
        deletable = downloadable and row.on_disk > 0 and row.state in ("downloaded", "partial")
        self.delete_button.setText(self.tr("Delete") if deletable or not user_entry else self.tr("Remove from list"))
        self.delete_button.setEnabled((deletable or user_entry) and not busy and not row.in_use
                                      and row.state not in ("downloading", "queued"))
        self.delete_button.setToolTip(self.tr("In use: choose another model first") if row.in_use else
                                      self.tr("Delete the model's files from this computer") if deletable else
                                      self.tr("Take it off the list (your own file is not touched)"))
        self.folder_button.setEnabled(row.present or row.state == "partial")

    def show_progress(self, progress: Progress) -> None:
        self.progress.setVisible(True)
        if progress.total:
            self.progress.setRange(0, 1000)
            self.progress.setValue(int(1000 * progress.done / progress.total))
        else:
            self.progress.setRange(0, 0)
        if progress.stage == "downloading":
            speed = f" · {rate(progress.rate)}" if progress.rate > 0 else ""
            self.detail.setText(self.tr("Downloading: {done} of {total}").format(
                done=human_size(progress.done), total=human_size(progress.total)) + speed)
        elif progress.stage == "verifying":
            self.detail.setText(self.tr("Verifying: {done} of {total}").format(done=human_size(progress.done),
                                                                              total=human_size(progress.total)))
        elif progress.stage == "checking":
            self.detail.setText(self.tr("Asking the Hub…"))

    def show_message(self, text: str) -> None:
        self.progress.setVisible(False)
        self.detail.setText(text)

    # ---- adding ------------------------------------------------------------------------------------------

    def show_files(self, files: list[HubFile]) -> None:
        self._hub_files = list(files)
        self.files.setRowCount(0)
        usable = 0
        for f in files:
            r = self.files.rowCount()
            self.files.insertRow(r)
            use = {"llm": self.tr("language model"),
                   "voice": self.tr("voice (with its .onnx.json)")}.get(f.kind or "", "")
            usable += bool(use)
            for c, text in enumerate((f.path, human_size(f.size), use or "—")):
                item = QTableWidgetItem(text)
                item.setData(_ID_ROLE, f.path)
                self.files.setItem(r, c, item)
        listed = self.tr("%n file(s)", "", len(files))
        self.add_status.setText(self.tr("{files}, {usable} of them models Chinwag can use. Choose one and add it.")
                                .format(files=listed, usable=usable) if usable else
                                self.tr("{files}, none a .gguf model or a Piper voice.").format(files=listed))

    def file_rows(self) -> list[tuple[str, str]]:
        """(file, size as shown) of the listed Hub files."""
        return [(self.files.item(r, 0).text(), self.files.item(r, 1).text()) for r in range(self.files.rowCount())]

    def select_file(self, path: str) -> None:
        for r in range(self.files.rowCount()):
            if self.files.item(r, 0).text() == path:
                self.files.selectRow(r)

    def _selected_file(self) -> HubFile | None:
        rows = self.files.selectionModel().selectedRows()
        if not rows:
            return None
        path = self.files.item(rows[0].row(), 0).text()
        return next((f for f in self._hub_files if f.path == path), None)


class ModelManagerController(QObject):
    """Fills the manager and does what its buttons ask: through the download controller (downloads, queued and
    resumable), the downloader (verify, delete) and the model controller (local files, the picker)."""

    changed = Signal()  # the list of models or their state changed (the Settings dialog shows it again)

    def __init__(self, context: AppContext, models: ModelController, downloads: DownloadController,
                 parent_window: QWidget) -> None:
        super().__init__(parent_window)
        self.context = context
        self.models = models
        self.downloads = downloads
        self.window = parent_window
        self.memory_gb = total_memory_gb()
        self.view: ModelManagerView | None = None
        self.rows: dict[str, ModelRow] = {}
        self._verifying: tuple[str, threading.Event] | None = None
        self._listing: IteratorBridge | None = None
        self._hub_listing: tuple[str, str, list[HubFile]] | None = None
        downloads.progress.connect(self._progress)
        downloads.downloaded.connect(lambda variant_id: self._finished(variant_id, self.tr("Downloaded and verified.")))
        downloads.stopped.connect(self._stopped)
        downloads.queued_changed.connect(self.refresh)

    def open(self) -> ModelManagerView:
        if self.view is None:
            view = ModelManagerView(self.memory_gb, self.window)
            view.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            view.destroyed.connect(self._closed)
            view.selection_changed.connect(lambda _id: self._show_selected())
            view.download_button.clicked.connect(self.download)
            view.resume_button.clicked.connect(self.download)
            view.cancel_button.clicked.connect(self.cancel)
            view.verify_button.clicked.connect(self.verify)
            view.delete_button.clicked.connect(self.delete)
            view.folder_button.clicked.connect(self.show_in_folder)
            view.list_button.clicked.connect(self.list_files)
            view.repo.returnPressed.connect(self.list_files)
            view.add_file_button.clicked.connect(self.add_selected_file)
            view.local_button.clicked.connect(self._pick_local)
            self.view = view
            self.refresh()
        self.view.show()
        self.view.raise_()
        self.view.activateWindow()
        return self.view

    def _closed(self) -> None:
        self.view = None
        if self._verifying is not None:
            self._verifying[1].set()

    def in_use(self) -> set[str]:
        used = {self.models.loaded_llm, self.models.loaded_whisper, self.context.settings.voice}
        return {u for u in used if u}

    def refresh(self) -> None:
        rows = model_rows(self.context, self.downloads, self.in_use(), self.memory_gb)
        self.rows = {row.id: row for row in rows}
        if self.view is not None:
            self.view.show_rows(rows, self.memory_gb)
            self._show_selected()
        self.changed.emit()

    def _selected(self) -> ModelRow | None:
        variant_id = self.view.selected_id() if self.view is not None else None
        return self.rows.get(variant_id) if variant_id else None

    def _show_selected(self) -> None:
        if self.view is None:
            return
        row = self._selected()
        busy = ""
        if row is not None and self._verifying is not None and self._verifying[0] == row.id:
            busy = "verify"
        self.view.show_selected(row, busy)

    # ---- what the buttons do ------------------------------------------------------------------------------

    def download(self) -> None:
        """Download (or resume: the downloader continues from the kept bytes) the selected model."""
        row = self._selected()
        if row is None or row.variant.repo_id is None:
            return
        self.downloads.start(row.variant)
        self.refresh()

    def cancel(self) -> None:
        row = self._selected()
        if row is None:
            return
        if self._verifying is not None and self._verifying[0] == row.id:
            self._verifying[1].set()
            return
        self.downloads.cancel(row.id)

    def verify(self) -> None:
        row = self._selected()
        if row is None or self._verifying is not None:
            return
        variant, cancel = row.variant, threading.Event()
        self._verifying = (variant.id, cancel)
        bridge = IteratorBridge(self)
        bridge.item.connect(lambda progress: self._verify_progress(variant.id, progress))
        bridge.failed.connect(lambda error: self._verify_failed(variant, error))
        bridge.finished.connect(lambda _completed: bridge.deleteLater())
        downloader = self.context.downloader
        bridge.run_in_thread(lambda: downloader.verify(variant, cancel), name=f"verify-{variant.id}")
        if self.view is not None:
            self.view.show_message(self.tr("Verifying {name}…").format(name=variant.label))
        self._show_selected()

    def _verify_progress(self, variant_id: str, progress: Progress) -> None:
        if progress.stage == "done":
            self._verifying = None
            self._message_for(variant_id, self.tr("✓ Verified: every file matches its checksum."))
            self.refresh()
        elif self.view is not None and self.view.selected_id() == variant_id:
            self.view.show_progress(progress)

    def _verify_failed(self, variant: Variant, error: Exception) -> None:
        self._verifying = None
        text = self.tr("Verification cancelled.") if isinstance(error, DownloadCancelled) else f"⚠ {error}"
        self._message_for(variant.id, text)
        self.refresh()
        self.models.refresh_picker()

    def delete(self) -> None:
        """Ask first; then delete the files (or take a file of the user's off the list, leaving the file alone)."""
        row = self._selected()
        if row is None:
            return
        if row.in_use:
            self._message_for(row.id, self.tr("{name} is in use: choose another model first, then delete it.").format(
                name=row.variant.label))
            return
        files = row.variant.repo_id is not None and row.on_disk > 0
        question = (self.tr("Delete {name} ({size}) from this computer? It can be downloaded again later.").format(
            name=row.variant.label, size=human_size(row.on_disk)) if files else
            self.tr("Take {name} off the list? Its file stays where it is.").format(name=row.variant.label))
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("Delete model") if files else self.tr("Remove model"),
                          question, QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                          self.view or self.window)
        box.setAccessibleName(self.tr("Confirm delete"))
        box.accepted.connect(lambda: self.delete_now(row.id))
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.confirm_box = box
        box.open()  # not a nested event loop: downloads and replies go on behind it

    def delete_now(self, variant_id: str) -> None:
        row = self.rows.get(variant_id)
        if row is None or row.in_use:
            return
        variant = row.variant
        if variant.repo_id is not None and row.on_disk > 0:
            self.context.downloader.delete(variant)
            message = self.tr("{name} was deleted; {size} freed.").format(name=variant.label,
                                                                          size=human_size(row.on_disk))
        else:
            self.context.catalog.remove_user_entry(variant.id)
            message = self.tr("{name} was taken off the list.").format(name=variant.label)
        self.models.refresh_picker()
        self.refresh()
        if self.view is not None:
            self.view.show_message(message)

    def folder_of(self, variant_id: str) -> Path | None:
        row = self.rows.get(variant_id)
        if row is None:
            return None
        variant, downloader = row.variant, self.context.downloader
        path = downloader.local_path(variant)
        if path is None and variant.repo_id is not None and variant.files:
            path = downloader.variant_dir(variant) / variant.files[0].filename
        if path is None:
            return None
        return path if path.is_dir() else path.parent

    def show_in_folder(self) -> None:
        row = self._selected()
        folder = self.folder_of(row.id) if row is not None else None
        if folder is None or not folder.is_dir():
            if row is not None:
                self._message_for(row.id, self.tr("There is nothing on disk to show yet."))
            return
        if not QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder))):
            self._message_for(row.id, self.tr("No file manager could be opened. The model is in {folder}").format(
                folder=folder))

    # ---- adding a model ----------------------------------------------------------------------------------

    def list_files(self) -> None:
        """Ask the Hub (on a thread) which files the repository holds, with their sizes."""
        if self.view is None or self._listing is not None:
            return
        repo, revision = self.view.repo.text().strip(), self.view.revision.text().strip() or "main"
        downloader = self.context.downloader
        self.view.list_button.setEnabled(False)
        self.view.add_status.setText(self.tr("Asking the Hub about {repo}…").format(repo=repo))
        bridge = IteratorBridge(self)
        self._listing = bridge

        def listing() -> Iterator[list[HubFile]]:
            yield list_hub_files(repo, revision, endpoint=downloader.endpoint, token=downloader.token)

        bridge.item.connect(lambda files: self._listed(repo, revision, files))
        bridge.failed.connect(self._listing_failed)
        bridge.finished.connect(lambda _completed: self._listing_over(bridge))
        bridge.run_in_thread(listing, name="hub-list-files")

    def _listed(self, repo: str, revision: str, files: list[HubFile]) -> None:
        self._hub_listing = (repo.strip().removeprefix("https://huggingface.co/").strip("/"), revision, files)
        if self.view is not None:
            self.view.show_files(files)

    def _listing_failed(self, error: Exception) -> None:
        if self.view is not None:
            self.view.show_files([])
            self.view.add_status.setText(f"⚠ {error}")

    def _listing_over(self, bridge: IteratorBridge) -> None:
        bridge.deleteLater()
        self._listing = None
        if self.view is not None:
            self.view.list_button.setEnabled(True)

    def add_selected_file(self) -> Variant | None:
        """Add the chosen file of the listing as a model (a catalog entry with its size and sha256) and select it."""
        if self.view is None or self._hub_listing is None:
            return None
        chosen = self.view._selected_file()
        if chosen is None:
            return None
        repo, revision, files = self._hub_listing
        try:
            (variant,) = self.context.catalog.add_entries([hub_entry(repo, revision, chosen, files)])
        except Exception as error:  # noqa: BLE001 - a refusal (not a model, no voice config) is shown, not raised
            self.view.add_status.setText(f"⚠ {error}")
            return None
        self.view.add_status.setText(self.tr("Added {name}: select it above and press Download.").format(
            name=variant.label))
        self.models.refresh_picker()
        self.refresh()
        self.view.select(variant.id)
        return variant

    def _pick_local(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(self.view, self.tr("Add a local model"), str(Path.home()),
                                                    self.tr("GGUF models (*.gguf)"))
        if path:
            self.add_local_file(Path(path))

    def add_local_file(self, path: Path) -> None:
        """Check the file (test-loaded in a child process, off the GUI thread), then list and select it."""
        if self.view is not None:
            self.view.local_button.setEnabled(False)
            self.view.add_status.setText(self.tr("Checking {name}…").format(name=path.name))
        self.models.add_local(path, self._local_added, lambda error: self._local_refused(path, error))

    def _local_added(self, choice: object) -> None:
        self.refresh()
        if self.view is not None:
            self.view.local_button.setEnabled(True)
            self.view.add_status.setText(self.tr("Added {name}.").format(name=getattr(choice, "label", "")))
            self.view.select(getattr(choice, "id", None))

    def _local_refused(self, path: Path, error: Exception) -> None:
        if self.view is not None:
            self.view.local_button.setEnabled(True)
            text = str(error)
            self.view.add_status.setText(self.tr("⚠ Not added. {why}").format(
                why=text if path.name in text else f"{path}: {text}"))

    # ---- download signals --------------------------------------------------------------------------------

    def _progress(self, variant_id: str, progress: Progress) -> None:
        if self.view is not None and self.view.selected_id() == variant_id:
            self.view.show_progress(progress)

    def _finished(self, variant_id: str, message: str) -> None:
        self._message_for(variant_id, f"✓ {message}")
        self.refresh()

    def _stopped(self, variant_id: str, error: Exception) -> None:
        kept = ""
        row = self.rows.get(variant_id)
        if isinstance(error, DownloadCancelled) and row is not None:
            kept = " " + self.tr("The bytes downloaded so far are kept: Resume continues from there.")
        self._message_for(variant_id, f"{error}{kept}" if not isinstance(error, DownloadCancelled) else
                          self.tr("Cancelled.") + kept)
        self.refresh()

    def _message_for(self, variant_id: str, text: str) -> None:
        if self.view is not None and self.view.selected_id() == variant_id:
            self.view.show_message(text)
