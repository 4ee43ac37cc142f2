"""The download panel: progress, speed, time left, verification, and cancel / resume / retry.

It sits in the main window instead of a modal dialog, so chatting on the current model goes on meanwhile.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QProgressBar, QPushButton, QVBoxLayout, QWidget

from desktop.core.hub import Progress
from desktop.ui.shell.window_language import duration, megabytes, rate


class DownloadView(QFrame):
    cancel_requested = Signal()
    resume_requested = Signal()  # also "retry": a new attempt continues from the kept bytes
    close_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAccessibleName(self.tr("Download"))
        self.title = QLabel(self)
        self.progress = QProgressBar(self)
        self.progress.setRange(0, 1000)
        self.progress.setAccessibleName(self.tr("Download progress"))
        self.detail = QLabel(self)
        self.detail.setAccessibleName(self.tr("Download details"))
        self.detail.setWordWrap(True)
        self.cancel_button = QPushButton(self.tr("Cancel"), self)
        self.cancel_button.setAccessibleName(self.tr("Cancel download"))
        self.resume_button = QPushButton(self.tr("Resume"), self)
        self.resume_button.setAccessibleName(self.tr("Resume download"))
        self.close_button = QPushButton(self.tr("Close"), self)
        self.close_button.setAccessibleName(self.tr("Close download panel"))
        buttons = QHBoxLayout()
        buttons.addWidget(self.detail, 1)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.resume_button)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 6, 10, 6)
        layout.addWidget(self.title)
        layout.addWidget(self.progress)
        layout.addLayout(buttons)
        self.decorate()
        self.cancel_button.clicked.connect(self.cancel_requested)
        self.resume_button.clicked.connect(self.resume_requested)
        self.close_button.clicked.connect(self.close_requested)
        self.state = "idle"
        self.setVisible(False)

    def decorate(self) -> None:
        """Icons of the set in the theme's ink (again when the theme changes: MainWindow.decorate)."""
        from desktop.ui.shell.theme import icon

        for button, name in ((self.cancel_button, "cancel"), (self.resume_button, "resume"),
                             (self.close_button, "close")):
            button.setIcon(icon(name))

    def start(self, label: str, kept_bytes: int) -> None:
        self.title.setText(self.tr("Downloading {name}").format(name=label))
        self.detail.setText(self.tr("Continuing from {size}…").format(size=megabytes(kept_bytes)) if kept_bytes else
                            self.tr("Contacting the Hub…"))
        self.progress.setRange(0, 0)
        self._set_state("running")
        self.setVisible(True)

    def show_progress(self, p: Progress) -> None:
        if p.stage == "checking":
            self.detail.setText(self.tr("Checking the Hub…"))
            return
        if p.total:
            self.progress.setRange(0, 1000)
            self.progress.setValue(int(1000 * p.done / p.total))
        if p.stage == "downloading":
            parts = [self.tr("{done} of {total}").format(done=megabytes(p.done), total=megabytes(p.total or 0))]
            if p.rate > 0:
                parts.append(rate(p.rate))
            if p.eta_s is not None:
                parts.append(self.tr("{time} left").format(time=duration(p.eta_s)))
            self.detail.setText(" · ".join(parts))
        elif p.stage == "verifying":
            self.detail.setText(self.tr("Verifying the checksum… {done} of {total}").format(
                done=megabytes(p.done), total=megabytes(p.total or 0)))

    def show_done(self, label: str) -> None:
        self.title.setText(self.tr("{name} is downloaded and verified").format(name=label))
        self.progress.setRange(0, 1000)
        self.progress.setValue(1000)
        self.detail.setText(self.tr("Ready."))
        self._set_state("done")

    def show_stopped(self, message: str, *, failed: bool) -> None:
        self.progress.setRange(0, 1000)
        self.detail.setText(message)
        self.resume_button.setText(self.tr("Retry") if failed else self.tr("Resume"))
        self.resume_button.setAccessibleName(self.tr("Retry download") if failed else self.tr("Resume download"))
        self._set_state("failed" if failed else "cancelled")

    def show_queued(self, label: str, behind: str) -> None:
        self.title.setText(self.tr("Downloading {name}").format(name=label))
        self.progress.setRange(0, 1000)
        self.progress.setValue(0)
        self.detail.setText(self.tr("Queued: starts when {name} is done.").format(name=behind))
        self._set_state("queued")
        self.setVisible(True)

    def _set_state(self, state: str) -> None:
        self.state = state
        self.cancel_button.setVisible(state in ("running", "queued"))
        self.resume_button.setVisible(state in ("cancelled", "failed"))
        self.close_button.setVisible(state not in ("running", "queued"))


class DownloadList(QWidget):
    """One `DownloadView` per model being downloaded, queued or stopped, stacked above the chat."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(self.tr("Downloads"))
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(2)
        self.rows: dict[str, DownloadView] = {}
        self.setVisible(False)

    def row(self, variant_id: str) -> DownloadView:
        """The row of this model's download, made on first use."""
        view = self.rows.get(variant_id)
        if view is None:
            view = DownloadView(self)
            view.setAccessibleName(self.tr("Download {name}").format(name=variant_id))
            self._layout.addWidget(view)
            self.rows[variant_id] = view
        self.setVisible(True)
        return view

    def remove(self, variant_id: str) -> None:
        view = self.rows.pop(variant_id, None)
        if view is not None:
            self._layout.removeWidget(view)
            view.deleteLater()
        self.setVisible(bool(self.rows))
