"""Downloads a model variant on its own thread and drives the download view; the app stays usable."""

from __future__ import annotations

import threading

from PySide6.QtCore import QObject, Signal

from desktop.core.catalog import Variant
from desktop.core.errors import DownloadCancelled
from desktop.core.hub import ModelDownloader, Progress
from desktop.ui.download_view import DownloadView
from desktop.ui.iterator_bridge import IteratorBridge


class DownloadController(QObject):
    downloaded = Signal(str)  # variant id, verified and in place
    stopped = Signal(str, object)  # variant id, the DownloadError (cancelled included)

    def __init__(self, view: DownloadView, downloader: ModelDownloader) -> None:
        super().__init__(view)
        self.view = view
        self.downloader = downloader
        self.variant: Variant | None = None
        self._cancel = threading.Event()
        self._bridge: IteratorBridge | None = None
        view.cancel_requested.connect(self.cancel)
        view.resume_requested.connect(self.resume)
        view.close_requested.connect(lambda: view.setVisible(False))

    @property
    def running(self) -> bool:
        return self._bridge is not None

    def start(self, variant: Variant) -> None:
        if self.running:
            if self.variant is not None and self.variant.id == variant.id and not self._cancel.is_set():
                return
            self.cancel()
        self.variant = variant
        self._cancel = threading.Event()
        cancel = self._cancel
        bridge = IteratorBridge(self)
        # Each handler is told which download it hears from: a cancelled one may still report late.
        bridge.item.connect(lambda progress: self._progress(bridge, progress))
        bridge.failed.connect(lambda error: self._failed(bridge, error))
        bridge.finished.connect(lambda _completed: self._finished(bridge))
        self._bridge = bridge
        self.view.start(variant.label, self.downloader.partial_bytes(variant))
        bridge.run_in_thread(lambda: self.downloader.download(variant, cancel), name=f"download-{variant.id}")

    def cancel(self) -> None:
        self._cancel.set()  # the download thread notices within one chunk and keeps the partial file

    def resume(self) -> None:
        if self.variant is not None:
            self.start(self.variant)

    def _progress(self, bridge: IteratorBridge, progress: Progress) -> None:
        if bridge is not self._bridge:
            return
        self.view.show_progress(progress)
        if progress.stage == "done" and self.variant is not None:
            self.view.show_done(self.variant.label)
            self.downloaded.emit(self.variant.id)

    def _failed(self, bridge: IteratorBridge, error: Exception) -> None:
        if bridge is not self._bridge or self.variant is None:
            return
        self._bridge = None  # over now, even before its `finished` arrives: Resume must start a new one
        if isinstance(error, DownloadCancelled):
            kept = self.downloader.partial_bytes(self.variant)
            self.view.show_stopped(f"Cancelled. {kept / 1e6:,.1f} MB are kept: Resume continues from there.",
                                   failed=False)
        else:
            self.view.show_stopped(f"{error}", failed=True)
        self.stopped.emit(self.variant.id, error)

    def _finished(self, bridge: IteratorBridge) -> None:
        if bridge is self._bridge:
            self._bridge = None
        bridge.deleteLater()
