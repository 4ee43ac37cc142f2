"""Downloads model variants, one at a time in the order asked, each with its own row in the window.

A second download no longer cancels the first: it waits in the queue (its row says so) and starts when the one
before it ends, however that one ends. Each row has its own cancel, resume and retry. The app stays usable.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field

from PySide6.QtCore import QObject, Signal

from desktop.core.catalog import Variant
from desktop.core.errors import DownloadCancelled
from desktop.core.hub import ModelDownloader, Progress
from desktop.ui.models.download_view import DownloadList, DownloadView
from desktop.ui.shell.iterator_bridge import IteratorBridge
from desktop.ui.shell.window_language import megabytes


@dataclass(eq=False)
class _Download:
    variant: Variant
    view: DownloadView
    cancel: threading.Event = field(default_factory=threading.Event)
    bridge: IteratorBridge | None = None  # set while it runs


class DownloadController(QObject):
    downloaded = Signal(str)  # variant id, verified and in place
    stopped = Signal(str, object)  # variant id, the DownloadError (cancelled included)
    progress = Signal(str, object)  # variant id, Progress (the model manager shows it in its own row)
    queued_changed = Signal()  # a download started, was queued or ended

    def __init__(self, views: DownloadList, downloader: ModelDownloader) -> None:
        super().__init__(views)
        self.views = views
        self.downloader = downloader
        self._running: _Download | None = None
        self._queue: list[_Download] = []
        self._wired: set[str] = set()

    @property
    def running(self) -> bool:
        return self._running is not None

    @property
    def variant(self) -> Variant | None:
        """The model downloading now."""
        return self._running.variant if self._running is not None else None

    def queued(self) -> list[str]:
        return [d.variant.id for d in self._queue]

    def state(self, variant_id: str) -> str:
        """"running", "queued" or "" (not being downloaded)."""
        if self._running is not None and self._running.variant.id == variant_id:
            return "running"
        return "queued" if variant_id in self.queued() else ""

    def start(self, variant: Variant) -> None:
        """Download `variant` now, or after the downloads already asked for."""
        if (self._running is not None and self._running.variant.id == variant.id) or variant.id in self.queued():
            return  # asked twice: once is enough
        view = self.views.row(variant.id)
        if variant.id not in self._wired:  # a row is reused by Resume and Retry: its buttons are wired once
            self._wired.add(variant.id)
            view.cancel_requested.connect(lambda: self.cancel(variant.id))
            view.resume_requested.connect(lambda: self.start(variant))
            view.close_requested.connect(lambda: self._close_row(variant.id))
        download = _Download(variant, view)
        if self._running is not None:
            self._queue.append(download)
            view.show_queued(variant.label, self._running.variant.label)
            self.queued_changed.emit()
            return
        self._run(download)

    def cancel(self, variant_id: str | None = None) -> None:
        """Cancel one download (running or queued), or every one when no id is given (the window closes)."""
        for download in list(self._queue):
            if variant_id is None or download.variant.id == variant_id:
                self._queue.remove(download)
                download.view.show_stopped(self.tr("Cancelled before it started."), failed=False)
                self.queued_changed.emit()
                self.stopped.emit(download.variant.id, DownloadCancelled(self.tr("Cancelled before it started.")))
        if self._running is not None and (variant_id is None or variant_id == self._running.variant.id):
            self._running.cancel.set()  # the thread notices within one chunk and keeps the partial file

    def resume(self, variant_id: str) -> None:
        row = self.views.rows.get(variant_id)
        if row is not None and row.state in ("cancelled", "failed"):
            row.resume_requested.emit()

    # ---- internals ---------------------------------------------------------------------------------------------

    def _run(self, download: _Download) -> None:
        self._running = download
        variant, cancel = download.variant, download.cancel
        # Each row reconnects from scratch: a resumed download must not answer its old row's signals twice.
        bridge = IteratorBridge(self)
        bridge.item.connect(lambda progress: self._progress(download, progress))
        bridge.failed.connect(lambda error: self._failed(download, error))
        bridge.finished.connect(lambda _completed: self._finished(download))
        download.bridge = bridge
        download.view.start(variant.label, self.downloader.partial_bytes(variant))
        bridge.run_in_thread(lambda: self.downloader.download(variant, cancel), name=f"download-{variant.id}")
        self.queued_changed.emit()

    def _progress(self, download: _Download, progress: Progress) -> None:
        download.view.show_progress(progress)
        self.progress.emit(download.variant.id, progress)
        if progress.stage == "done":
            download.view.show_done(download.variant.label)
            self.downloaded.emit(download.variant.id)

    def _failed(self, download: _Download, error: Exception) -> None:
        if isinstance(error, DownloadCancelled):
            kept = self.downloader.partial_bytes(download.variant)
            download.view.show_stopped(self.tr("Cancelled. {size} are kept: Resume continues from there.").format(
                size=megabytes(kept)), failed=False)
        else:
            download.view.show_stopped(f"{error}", failed=True)
        self._over(download)  # before telling anyone: Resume, pressed at once, must start a new attempt
        self.stopped.emit(download.variant.id, error)

    def _finished(self, download: _Download) -> None:
        if download.bridge is not None:
            download.bridge.deleteLater()
            download.bridge = None
        self._over(download)

    def _over(self, download: _Download) -> None:
        if self._running is download:
            self._running = None
            if self._queue:
                self._run(self._queue.pop(0))
            else:
                self.queued_changed.emit()

    def _close_row(self, variant_id: str) -> None:
        if self._running is not None and self._running.variant.id == variant_id:
            return
        self.views.remove(variant_id)
