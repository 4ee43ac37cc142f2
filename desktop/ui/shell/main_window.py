"""The main window's layout: toolbar, sidebar, chat, input bar, status bar (desktop/ui/shell/run.py starts it)."""

from __future__ import annotations

import sys

from PySide6.QtCore import QEvent, QSize, Qt, Signal
from PySide6.QtGui import QCloseEvent, QIcon
from PySide6.QtWidgets import (
    QApplication,
    QMainWindow,
    QPushButton,
    QSizePolicy,
    QSplitter,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from desktop.core.paths import assets_dir
from desktop.ui.chat.chat_view import ChatView
from desktop.ui.chat.conversation_header import ConversationHeader
from desktop.ui.chat.input_bar import InputBar
from desktop.ui.chat.sidebar import ConversationSidebar
from desktop.ui.models.download_view import DownloadList
from desktop.ui.models.model_picker import ModelPicker
from desktop.ui.shell.notice_bar import NoticeBar
from desktop.ui.shell.status_bar import ChinwagStatusBar
from desktop.ui.shell.theme import icon
from desktop.ui.shell.window_language import ensure_translations


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
        self.header = ConversationHeader(self)  # the open conversation's model, system prompt and context use
        self.input_bar = InputBar(self)
        self.notices = NoticeBar(self)
        self.downloads = DownloadList(self)  # one row per download, queued or running
        self.status = ChinwagStatusBar(self)
        self.setStatusBar(self.status)

        toolbar = QToolBar(self.tr("Main"), self)
        toolbar.setMovable(False)
        toolbar.setAccessibleName(self.tr("Toolbar"))
        toolbar.setIconSize(QSize(18, 18))
        self.model_picker = ModelPicker(self.tr("Model"), toolbar)
        self.models_button = QPushButton(self.tr("Models"), toolbar)
        self.models_button.setAccessibleName(self.tr("Open the model manager"))
        self.models_button.setToolTip(self.tr("Download, verify and delete language, speech and voice models (Ctrl+M)"))
        self.settings_button = QPushButton(self.tr("Settings"), toolbar)
        self.settings_button.setAccessibleName(self.tr("Open settings"))
        self.settings_button.setToolTip(self.tr("Settings (Ctrl+,)"))
        self.shortcuts_button = QPushButton(self.tr("Keys"), toolbar)
        self.shortcuts_button.setAccessibleName(self.tr("Keyboard shortcuts"))
        self.shortcuts_button.setToolTip(self.tr("Every keyboard shortcut (F1)"))
        self.about_button = QPushButton(self.tr("About"), toolbar)
        self.about_button.setAccessibleName(self.tr("About Chinwag"))
        self.about_button.setToolTip(self.tr("Version, and where the log file is"))
        toolbar.addWidget(self.model_picker)
        spacer = QWidget(toolbar)
        spacer.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        toolbar.addWidget(spacer)
        for button in (self.models_button, self.settings_button, self.shortcuts_button, self.about_button):
            toolbar.addWidget(button)
        self.addToolBar(toolbar)

        column = QWidget(self)
        layout = QVBoxLayout(column)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.notices)
        layout.addWidget(self.downloads)
        layout.addWidget(self.header)
        layout.addWidget(self.chat, 1)
        layout.addWidget(self.input_bar)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(self.sidebar)
        splitter.addWidget(column)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([260, 840])
        splitter.setHandleWidth(1)  # a hairline between the conversations and the chat, not a bar
        self.setCentralWidget(splitter)
        self._closing_allowed = False
        self.decorate()

    def decorate(self) -> None:
        """Icons of the set, in the theme's colours (again whenever the palette changes)."""
        bar = self.input_bar
        for button, name in ((self.models_button, "models"), (self.settings_button, "settings"),
                             (self.shortcuts_button, "keyboard"), (self.about_button, "info"),
                             (self.sidebar.new_button, "new-chat"), (bar.send_button, "send"),
                             (bar.talk_button, "mic"), (bar.stop_button, "stop"), (bar.speak_toggle, "speak"),
                             (bar.conversation_toggle, "listening")):
            button.setIcon(icon(name))
        for row in self.downloads.rows.values():
            row.decorate()
        # The send button is the one primary action: the stylesheet gives it the accent colour.
        bar.send_button.setObjectName("primaryButton")
        for button in (bar.stop_button, bar.speak_toggle, self.sidebar.new_button):
            plain = button.text().lstrip("■🔈+ ")  # the glyph in the text is replaced by the icon
            if plain and plain != button.text():
                button.setText(plain)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt API)
        super().changeEvent(event)
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange):
            self.decorate()

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
    """"system" follows the desktop's light/dark setting (and its changes); light/dark override it. The palette,
    stylesheet and icons are in desktop/ui/shell/theme.py."""
    from desktop.ui.shell import theme as look

    look.apply_theme(theme)


def ensure_application(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance()
    if app is None:
        app = QApplication(argv or [sys.argv[0]])
        app.setApplicationName("Chinwag")
        app.setApplicationDisplayName("Chinwag")
        app.setDesktopFileName("chinwag")
        app.setStyle("Fusion")  # one look everywhere, with a palette that follows light/dark
    ensure_translations()  # English plurals unless the start-up installed a language (desktop/ui/shell/run.py)
    return app  # type: ignore[return-value]
