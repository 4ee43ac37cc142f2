"""The main window's layout, and `run_window`, the entry point the composition root calls."""

from __future__ import annotations

import argparse
import sys
import time

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QCloseEvent, QIcon
from PySide6.QtWidgets import (
    QApplication,
    QMainWindow,
    QPushButton,
    QSplitter,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from desktop.context import AppContext
from desktop.core.paths import assets_dir
from desktop.ui.chat_view import ChatView
from desktop.ui.download_view import DownloadList
from desktop.ui.input_bar import InputBar
from desktop.ui.model_picker import ModelPicker
from desktop.ui.notice_bar import NoticeBar
from desktop.ui.sidebar import ConversationSidebar
from desktop.ui.status_bar import ChinwagStatusBar


class MainWindow(QMainWindow):
    """Layout only: the controllers (window_controller.py) give the widgets their behaviour."""

    shown = Signal()
    close_requested = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.setWindowTitle("Chinwag")
        self.setAccessibleName("Chinwag")
        self.setWindowIcon(app_icon())
        self.resize(1100, 760)
        self.sidebar = ConversationSidebar(self)
        self.chat = ChatView(self)
        self.input_bar = InputBar(self)
        self.notices = NoticeBar(self)
        self.downloads = DownloadList(self)  # one row per download, queued or running
        self.status = ChinwagStatusBar(self)
        self.setStatusBar(self.status)

        toolbar = QToolBar("Main", self)
        toolbar.setMovable(False)
        toolbar.setAccessibleName("Toolbar")
        self.model_picker = ModelPicker("Model", toolbar)
        self.settings_button = QPushButton("Settings", toolbar)
        self.settings_button.setAccessibleName("Open settings")
        self.settings_button.setToolTip("Settings (Ctrl+,)")
        self.about_button = QPushButton("About", toolbar)
        self.about_button.setAccessibleName("About Chinwag")
        self.about_button.setToolTip("Version, and where the log file is")
        toolbar.addWidget(self.model_picker)
        toolbar.addWidget(self.settings_button)
        toolbar.addWidget(self.about_button)
        self.addToolBar(toolbar)

        column = QWidget(self)
        layout = QVBoxLayout(column)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.notices)
        layout.addWidget(self.downloads)
        layout.addWidget(self.chat, 1)
        layout.addWidget(self.input_bar)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(self.sidebar)
        splitter.addWidget(column)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([260, 840])
        self.setCentralWidget(splitter)
        self._closing_allowed = False

    def allow_close(self) -> None:
        self._closing_allowed = True

    def showEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt API)
        super().showEvent(event)
        self.shown.emit()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt API)
        # The controller saves the partial reply and stops the worker before the window goes.
        if not self._closing_allowed:
            self.close_requested.emit()
        event.accept()


def app_icon() -> QIcon:
    return QIcon(str(assets_dir() / "icons" / "chinwag.svg"))


def apply_theme(theme: str) -> None:
    """"system" follows the desktop's light/dark setting (Qt tracks changes); light/dark override it."""
    hints = QApplication.styleHints()
    scheme = {"light": Qt.ColorScheme.Light, "dark": Qt.ColorScheme.Dark}.get(theme, Qt.ColorScheme.Unknown)
    hints.setColorScheme(scheme)


def ensure_application(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance()
    if app is None:
        app = QApplication(argv or [sys.argv[0]])
        app.setApplicationName("Chinwag")
        app.setApplicationDisplayName("Chinwag")
        app.setDesktopFileName("chinwag")
        app.setStyle("Fusion")  # one look everywhere, with a palette that follows light/dark
    return app  # type: ignore[return-value]


def _display_available() -> bool:
    """Qt aborts the process when it cannot open a display; say so instead (Linux without a desktop)."""
    import os

    if not sys.platform.startswith("linux") or os.environ.get("QT_QPA_PLATFORM"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def run_window(args: argparse.Namespace, context: AppContext) -> int:
    """Show the window (or run the self-test in it) until it closes; returns the exit status."""
    started = time.perf_counter()
    if not _display_available():
        print("error: no display to show the window on (DISPLAY and WAYLAND_DISPLAY are unset). Run it in a "
              "desktop session, or use the command line: chinwag ask --text hi", file=sys.stderr)
        return 1
    app = ensure_application()
    app.setWindowIcon(app_icon())
    apply_theme(context.settings.theme)
    from desktop.ui.window_controller import WindowController

    controller = WindowController(context, MainWindow(), model=getattr(args, "model", None))
    if getattr(args, "self_test", False):
        from desktop.ui.self_test import SelfTest

        test = SelfTest(controller, wav=getattr(args, "wav", None), started=started)
        test.begin()
        app.exec()
        return test.exit_code
    controller.show()
    return app.exec()
