"""Builds the controllers around the main window and wires what is window-wide: keys, start-up, closing."""

from __future__ import annotations

import logging
import time

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)

from desktop.context import AppContext
from desktop.core.audio import AudioSource, Recorder
from desktop.core.errors import AudioError
from desktop.core.sysinfo import network_available
from desktop.ui.chat_controller import ChatController
from desktop.ui.conversation_controller import ConversationController
from desktop.ui.download_controller import DownloadController
from desktop.ui.main_window import MainWindow, apply_theme
from desktop.ui.model_controller import ModelController
from desktop.ui.push_to_talk import PushToTalk
from desktop.ui.settings_controller import SettingsController
from desktop.ui.worker import ModelWorker

log = logging.getLogger(__name__)
_TEXT_FIELDS = (QLineEdit, QTextEdit, QPlainTextEdit, QAbstractSpinBox, QComboBox)


class WindowController(QObject):
    def __init__(self, context: AppContext, window: MainWindow, model: str | None = None) -> None:
        super().__init__(window)
        self.context = context
        self.window = window
        self._started = False
        self.closed_cleanly: bool | None = None
        store = context.store
        store.purge_deleted()  # deletions from the previous session can no longer be undone
        self.worker = ModelWorker(context.paths.database_file)
        self.downloads = DownloadController(window.download_view, context.downloader)
        self.models = ModelController(context, self.worker, window.model_picker, window.status, window.notices,
                                      self.downloads)
        self.chat = ChatController(window.chat, window.input_bar, window.notices, window.status, store, self.worker,
                                   self.models.turn_setup, lambda: context.settings.review_transcript)
        self.conversations = ConversationController(window.sidebar, self.chat, store, window.notices)
        self.ptt = PushToTalk(window.input_bar, self.microphone, lambda: context.settings.sounds)
        self.settings = SettingsController(context, self.models, window, apply_theme)
        self.ptt.recorded.connect(self.chat.send_recording)
        self.settings.applied.connect(lambda _old, _new: self._show_ptt_key())
        self._show_ptt_key()
        self.ptt.failed.connect(self._audio_failed)
        window.settings_button.clicked.connect(self.settings.open)
        window.close_requested.connect(self.shutdown)
        window.shown.connect(self._first_show)
        self._network = QTimer(self)
        self._network.setInterval(15_000)
        self._network.timeout.connect(self._check_network)
        self._shortcuts()
        QApplication.instance().installEventFilter(self)
        self.models.start(model)

    # ---- the microphone (tests and the self-test replace this factory with an injected source) --------------

    def microphone(self) -> AudioSource:
        s = self.context.settings
        return Recorder(device=s.input_device, max_seconds=s.max_record_s)

    def show(self) -> None:
        self.window.show()

    def _first_show(self) -> None:
        if self._started:
            return
        self._started = True
        # After the first paint: the window appears at once, the models load behind it on the worker.
        QTimer.singleShot(0, self._load_everything)

    def _load_everything(self) -> None:
        for warning in self.context.warnings:
            self.window.notices.show_notice(warning, kind="warning")
        self.conversations.restore_last()
        self._check_network()
        self._network.start()
        self.window.input_bar.text.setFocus()

    def _check_network(self) -> None:
        self.window.status.show_network(network_available())

    def _audio_failed(self, error: AudioError) -> None:
        self.window.notices.show_notice(str(error), kind="error", action="Settings", on_action=self.settings.open)

    # ---- keyboard ----------------------------------------------------------------------------------------

    def _shortcuts(self) -> None:
        w = self.window
        pairs = [
            ("Esc", self.chat.escape),
            ("Ctrl+N", self.conversations.new),
            ("Ctrl+,", self.settings.open),
            ("Ctrl+F", lambda: w.sidebar.search.setFocus()),
            ("Ctrl+L", lambda: w.input_bar.text.setFocus()),
            ("F2", lambda: self._for_selected(self.conversations.start_rename)),
            ("Ctrl+Shift+C", self._copy_last_reply),
            ("Ctrl+R", self._regenerate_last),
        ]
        for keys, slot in pairs:
            shortcut = QShortcut(QKeySequence(keys), w)
            shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
            shortcut.activated.connect(slot)

    def _for_selected(self, action) -> None:  # noqa: ANN001
        selected = self.window.sidebar.selected_id()
        if selected is not None:
            action(selected)

    def _copy_last_reply(self) -> None:
        replies = [m for m in self.window.chat.messages() if m.role == "assistant"]
        if replies:
            self.chat.copy(replies[-1])

    def _regenerate_last(self) -> None:
        messages = self.window.chat.messages()
        if messages and messages[-1].role == "assistant":
            self.chat.regenerate(messages[-1])

    def _show_ptt_key(self) -> None:
        s = self.context.settings
        self.ptt.toggle_mode = s.ptt_mode == "toggle"
        name = QKeySequence(s.ptt_key or "Space").toString(QKeySequence.SequenceFormat.NativeText) or "Space"
        self.window.input_bar.talk_button.show_key(name, self.ptt.toggle_mode)
        self.window.input_bar.text.show_key(name)
        self.window.chat.show_key(name, self.ptt.toggle_mode)

    def ptt_key(self) -> int:
        sequence = QKeySequence(self.context.settings.ptt_key or "Space")
        return sequence[0].key() if sequence.count() else Qt.Key.Key_Space

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt API)
        kind = event.type()
        if kind not in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            return False
        assert isinstance(event, QKeyEvent)
        if event.key() != self.ptt_key() or QApplication.activeWindow() is not self.window:
            return False
        focus = QApplication.focusWidget()
        if isinstance(focus, _TEXT_FIELDS) and not (self.ptt.active and kind == QEvent.Type.KeyRelease):
            return False  # typing a space is typing a space
        if not isinstance(watched, QWidget) or watched.window() is not self.window:
            return False
        if event.isAutoRepeat():
            return True  # holding the key sends repeats; one press is one recording
        toggle = self.ptt.toggle_mode
        if kind == QEvent.Type.KeyPress:
            self.ptt.toggle() if toggle else self.ptt.press()
        elif not toggle:
            self.ptt.release()
        return True

    # ---- closing ------------------------------------------------------------------------------------------

    def shutdown(self) -> None:
        """Save the partial reply, stop the worker (within 2 s), then let the window go."""
        if self.closed_cleanly is not None:
            return
        started = time.perf_counter()
        QApplication.instance().removeEventFilter(self)
        self._network.stop()
        self.ptt.shutdown()
        self.chat.shutdown()
        self.downloads.cancel()
        self.closed_cleanly = self.worker.shutdown(timeout_s=2.0)
        if not self.closed_cleanly:
            log.warning("the model worker was still busy after 2 s (loading a model?); leaving it behind")
        log.info("closed in %.2f s", time.perf_counter() - started)
        self.window.allow_close()
