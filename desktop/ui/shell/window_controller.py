"""Builds the controllers around the main window and wires what is window-wide: keys, start-up, closing."""

from __future__ import annotations

import logging
import sys
import threading
import time
import traceback
from types import TracebackType

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication, QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QDialog,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)

from desktop.context import AppContext
from desktop.core.actions import pick_language
from desktop.core.audio import AudioSource, Recorder, Recording, RecordingInterrupted, speech_present
from desktop.core.errors import AudioError, ChinwagError, NothingHeard
from desktop.core.languages import voice_for_language, voice_language
from desktop.core.settings import Settings
from desktop.core.sysinfo import network_available
from desktop.ui.chat.alarm_controller import AlarmController
from desktop.ui.chat.chat_controller import ChatController
from desktop.ui.chat.conversation_controller import ConversationController
from desktop.ui.chat.timer_card import TimerCards
from desktop.ui.models.download_controller import DownloadController
from desktop.ui.models.model_controller import ModelController
from desktop.ui.models.model_manager import ModelManagerController
from desktop.ui.server.server_controller import ServerController
from desktop.ui.settings.settings_controller import SettingsController
from desktop.ui.shell.main_window import MainWindow, apply_theme
from desktop.ui.shell.shortcut_sheet import ShortcutRow, ShortcutSheet, registered_shortcuts
from desktop.ui.shell.tray import TrayIcon
from desktop.ui.shell.window_language import number, window_code
from desktop.ui.shell.worker import ModelWorker
from desktop.ui.voice.conversation_mode import ConversationMode
from desktop.ui.voice.dictation import Dictation
from desktop.ui.voice.floor import Effects, Floor, Stage
from desktop.ui.voice.global_hotkey import RemoteTalk
from desktop.ui.voice.live_controller import LiveTranscription
from desktop.ui.voice.push_to_talk import PushToTalk
from desktop.ui.voice.speech_controller import SpeechController, VoicePick

log = logging.getLogger(__name__)
SPEECH_LOAD_WAIT_S = 5.0  # never longer than this before the window shows, however slow the disk
FOCUS_SETTLE_MS = 120  # short enough to close the microphone "at once", long enough for a dialog to activate
# A key release is acted on this long after it arrives, unless the key goes down again first (the X server's auto-repeat
# sends a release and a press together, which Qt cannot always pair on a busy machine).
RELEASE_SETTLE_MS = 40
_TEXT_FIELDS = (QLineEdit, QTextEdit, QPlainTextEdit, QAbstractSpinBox, QComboBox)


class WindowController(QObject):
    # An exception no code caught, from any thread: (summary, full traceback). Shown on the GUI thread.
    unexpected_error = Signal(str, str)

    def __init__(self, context: AppContext, window: MainWindow, model: str | None = None) -> None:
        super().__init__(window)
        self.context = context
        self.window = window
        self._started = False
        self.closed_cleanly: bool | None = None
        store = context.store
        store.purge_deleted()  # deletions from the previous session can no longer be undone
        self.worker = ModelWorker(context.paths.database_file)
        self.downloads = DownloadController(window.downloads, context.downloader)
        self.models = ModelController(context, self.worker, window.model_picker, window.status, window.notices,
                                      self.downloads)
        self.chat = ChatController(window.chat, window.input_bar, window.notices, window.status, store, self.worker,
                                   self.models.turn_setup, lambda: context.settings.review_transcript)
        self.conversations = ConversationController(window.sidebar, self.chat, store, window.notices)
        self.chat.attach_header(window.header, lambda: [(c.id, c.label) for c in self.models.choices("llm")],
                                self.models.choose)
        self.models.llm_ready.connect(lambda _variant_id: self.chat.refresh_header())
        self.ptt = PushToTalk(window.input_bar, self.microphone, lambda: context.settings.sounds)
        self.settings = SettingsController(context, self.models, window, apply_theme)
        # The local API server (Settings switch), on this window's models through its worker.
        self.server = ServerController(context, self.worker, self.models, self)
        self.settings.applied.connect(lambda _old, _new: self.server.apply())
        self.server.failed.connect(lambda text: window.notices.show_notice(text, kind="error"))
        self.manager = ModelManagerController(context, self.models, self.downloads, window)
        self._wire_reach()
        self.speech = SpeechController(
            lambda: context.voice_for(context.voice_variant()), device=context.output_device,
            speed=lambda: context.settings.speech_speed, volume=lambda: context.settings.speech_volume,
            enabled=context.settings.speak_replies, pick_voice=self.voice_pick,
            fallback_language=self._speech_language, default_key=lambda: context.voice_variant().id,
            question_language=lambda: self.chat.question_language)
        self._wire_speech()
        self.live = LiveTranscription(self.ptt, self.worker, window.input_bar,
                                      lambda: context.settings.live_transcript)
        self.ptt.recorded.connect(self._take_recorded)
        for done in (self.chat.reply_began, self.chat.turn_finished, self.chat.turn_failed):
            done.connect(lambda *_args: window.input_bar.hide_live())
        self.ptt.capped.connect(self._take_capped)
        self.ptt.discarded.connect(self._take_discarded)
        self.ptt.notice.connect(lambda text: window.notices.show_notice(text, kind="warning", timeout_s=10))
        self.settings.applied.connect(lambda _old, _new: self._show_ptt_key())
        self._show_ptt_key()
        self.ptt.failed.connect(self._audio_failed)
        self._key_take = False  # the take in progress was started with the push-to-talk key (not the button)
        self._release_timer = QTimer(self)
        self._release_timer.setSingleShot(True)
        self._release_timer.setInterval(RELEASE_SETTLE_MS)
        self._release_timer.timeout.connect(self.ptt.release)
        self.ptt.state_changed.connect(self._ptt_state)
        self.unexpected_error.connect(self._show_unexpected)
        self._install_error_hooks()
        app = QGuiApplication.instance()
        app.applicationStateChanged.connect(self._application_state)  # type: ignore[attr-defined]
        window.settings_button.clicked.connect(self.settings.open)
        window.about_button.clicked.connect(self.about)
        window.models_button.clicked.connect(self.manager.open)
        self.settings.manage_models.connect(self.manager.open)
        window.shortcuts_button.clicked.connect(self.shortcut_sheet)
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
        # Barge-in, and Chinwag never hears itself: the voice is silenced before the microphone opens.
        self.speech.stop()
        s = self.context.settings
        return Recorder(device=s.input_device, host_api=s.input_host_api, max_seconds=s.max_record_s)

    def show(self) -> None:
        # Shown once the speech model is in (see ModelWorker._start): its load holds the GIL in stretches that
        # would freeze a window already on screen. It overlaps building the window, so the wait is short.
        # Meanwhile the first layout and paint (fonts, style, Markdown views) are done into a pixmap: the real first
        # paint, once shown, is then cheap instead of a stall of its own.
        self.window.grab()
        self.worker.speech_settled.wait(SPEECH_LOAD_WAIT_S)
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
        self.alarms.start()  # any that came due while Chinwag was closed fire now, marked late
        self.server.apply()
        self._check_network()
        self._network.start()
        self.window.input_bar.text.setFocus()

    def _check_network(self) -> None:
        self.window.status.show_network(network_available())

    def _audio_failed(self, error: AudioError) -> None:
        if isinstance(error, RecordingInterrupted) and speech_present(error.partial.pcm):
            # The partial take is kept: the user may still want what they said before the device went away.
            partial = error.partial
            self.window.notices.show_notice(
                self.tr("{error} {seconds} s were recorded before that.").format(
                    error=error, seconds=number(partial.duration_s)), kind="error",
                action=self.tr("Transcribe what was recorded"), on_action=lambda: self.chat.review_recording(partial))
            return
        self.window.notices.show_notice(str(error), kind="error", action=self.tr("Settings"),
                                        on_action=self.settings.open)

    def _ptt_state(self, state: str) -> None:
        if state == "idle":
            self._key_take = False

    def _take_recorded(self, recording: Recording, released_at: float) -> None:
        if self.remote.dictating:
            self.dictation.dictate(recording.pcm, live=self.live.take())
        else:
            self.chat.send_recording(recording, released_at, live=self.live.take())

    # ---- dictation: the global key types into the window in front (Settings → Type what I say) ---------------

    def _dictated(self, words: int) -> None:
        self.window.input_bar.hide_live()
        text = (self.tr("Typed one word into the window in front") if words == 1
                else self.tr("Typed {count} words into the window in front").format(count=number(words)))
        self.window.status.showMessage(text, 6000)

    def _dictation_not_typed(self, words: str, why: str) -> None:
        """Typing failed: the words are not lost, they wait in the text box (and the tray says so where Chinwag is
        not in front)."""
        self.window.input_bar.hide_live()
        self.chat.keep_words(words)
        text = self.tr("Your words could not be typed into the window in front: {why} They are in Chinwag's text "
                       "box.").format(why=why if why.endswith(".") else why + ".")
        self.window.notices.show_notice(text, kind="warning")
        if not self.window.isActiveWindow():
            self.tray.show_alert(text)

    def _dictation_failed(self, error: Exception) -> None:
        self.window.input_bar.hide_live()
        kind = "info" if isinstance(error, NothingHeard) else "error"
        text = str(error) if isinstance(error, ChinwagError) else self.tr(
            "Dictation failed: {error}.").format(error=error)
        self.window.notices.show_notice(text, kind=kind, timeout_s=8 if kind == "info" else 0)

    def _take_capped(self, recording: Recording) -> None:
        limit = self.context.settings.max_record_s
        self.window.notices.show_notice(
            self.tr("Recording stopped at the {limit} s limit and was not sent. Transcribe it to read it first?")
            .format(limit=number(limit)),
            kind="warning", action=self.tr("Transcribe"), on_action=lambda: self.chat.review_recording(recording))

    def _take_discarded(self, why: str) -> None:
        text = {"focus": self.tr("Recording discarded: Chinwag lost focus, so the microphone was closed. Nothing was "
                                 "sent."),
                "escape": self.tr("Recording cancelled. Nothing was sent.")}.get(why, self.tr("Recording discarded."))
        self.window.notices.show_notice(text, kind="info", timeout_s=6)

    # ---- privacy: a take never outlives the window's focus -----------------------------------------------------

    def _application_state(self, state: Qt.ApplicationState) -> None:
        if state != Qt.ApplicationState.ApplicationActive and self.ptt.active:
            # Opening or closing a dialog of ours passes through "inactive" for a moment: look again once settled.
            QTimer.singleShot(FOCUS_SETTLE_MS, self._window_deactivated)

    def _window_deactivated(self) -> None:
        if self.remote.remote_take:
            return  # started from the global key or the tray: working from another application is the point
        # Our own dialogs (Settings) keep the take; another application's window, or none at all, does not.
        active = QApplication.activeWindow()
        ours = active is not None and (active is self.window or self._ours(active))
        if not ours or QGuiApplication.applicationState() != Qt.ApplicationState.ApplicationActive:
            self.ptt.discard("focus")

    def _ours(self, widget: QWidget) -> bool:
        parent = widget.parentWidget()
        while parent is not None:
            if parent is self.window:
                return True
            parent = parent.parentWidget()
        return False

    def escape(self) -> None:
        """Esc: cancel a take being recorded, else stop the reply (and the voice), else leave edit mode."""
        self.floor.stop()
        self.conversation.set_on(False)  # Esc always leaves conversation mode
        if not self.ptt.discard("escape"):
            self.chat.escape()

    def _wire_reach(self) -> None:
        """The status bar's listening mark, the tray icon and the global push-to-talk key (§4 of issue 12)."""
        w, s = self.window, self.context.settings
        self.ptt.state_changed.connect(w.status.show_listening)
        self.remote = RemoteTalk(self.ptt, lambda: self.context.settings.ptt_mode != "toggle", self,
                                 dictation=lambda: self.context.settings.dictation)
        self.dictation = Dictation(self.worker, parent=self)
        self.dictation.typed.connect(self._dictated)
        self.dictation.not_typed.connect(self._dictation_not_typed)
        self.dictation.failed.connect(self._dictation_failed)
        self.remote.notice.connect(lambda text: w.notices.show_notice(text, kind="warning", action=self.tr("Settings"),
                                                                      on_action=self.settings.open))
        self.tray = TrayIcon(w, self.remote, w.close, enabled=s.tray_icon)
        self.chat.turn_finished.connect(self.tray.show_reply)
        # Timers and reminders (issue 22): fired when due, with the window shown, hidden or in the tray.
        self.alarms = AlarmController(self.context.store, lambda text: w.notices.show_notice(text, kind="info"),
                                      lambda text: self.speech.speak_text(text), parent=self,
                                      language=lambda: pick_language(window_code()))
        self.alarms.fired.connect(lambda _alarm, text: self.tray.show_alert(text))
        self.timer_cards = TimerCards(w.chat.add_card, self.alarms.cancel, self)
        self.chat.turn_finished.connect(self.timer_cards.turn_finished)
        self.alarms.fired.connect(self.timer_cards.fired)
        w.chat.cleared.connect(self.timer_cards.cleared)
        self.tray.set_alarms(self.alarms.pending, self._cancel_alarm)
        self.settings.applied.connect(lambda _old, _new: self._configure_hotkey())
        self._configure_hotkey()

    def _cancel_alarm(self, alarm_id: int) -> None:
        """Cancel from the tray's list: the card in the chat, if it is on screen, says so too."""
        self.alarms.cancel(alarm_id)
        self.timer_cards.ended(alarm_id, "Cancelled")

    def _configure_hotkey(self) -> None:
        s = self.context.settings
        why = self.remote.configure(s.global_hotkey, s.global_hotkey_key)
        self.hotkey_off_reason = why  # "" when listening (or not asked for)
        if why and s.global_hotkey:
            self.window.notices.show_notice(self.tr("The global push-to-talk key is off. {why}").format(why=why),
                                            kind="warning", timeout_s=15)

    def shortcut_sheet(self) -> ShortcutSheet:
        """F1: every shortcut the window has registered, and the keys that are not shortcuts."""
        s = self.context.settings
        talk = QKeySequence(s.ptt_key or "Space").toString(QKeySequence.SequenceFormat.NativeText) or self.tr("Space")
        enter = QKeySequence("Enter").toString(QKeySequence.SequenceFormat.NativeText)  # in the window's language
        new_line = QKeySequence("Shift+Enter").toString(QKeySequence.SequenceFormat.NativeText)
        extra = [ShortcutRow(f"{talk} *", self.tr("Hold to talk, let go to send (outside a text field)")
                             if s.ptt_mode != "toggle" else self.tr("Press to start talking, again to send"), False),
                 ShortcutRow(enter, self.tr("Send the typed message"), False),
                 ShortcutRow(new_line, self.tr("A new line in the message"), False)]
        if s.global_hotkey and self.remote.hotkey.running:
            extra.append(ShortcutRow(f"{s.global_hotkey_key} *", self.tr("Talk from any application (global key)"),
                                     False))
        sheet = ShortcutSheet(registered_shortcuts(self.window) + extra, self.window)
        sheet.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        sheet.open()
        self.sheet = sheet
        return sheet

    def _wire_speech(self) -> None:
        """The voice and the microphone, through the one object that owns the floor (desktop/ui/voice/floor.py):
        every event goes to it, and it silences, closes and opens; nothing here decides that on its own."""
        w, speech, chat, ptt = self.window, self.speech, self.chat, self.ptt
        toggle = w.input_bar.speak_toggle
        toggle.setChecked(self.context.settings.speak_replies)
        toggle.toggled.connect(self._set_speaking)
        self.floor = floor = Floor(Effects(
            silence=speech.stop, close_microphone=lambda why: ptt.discard(why), open_reply=speech.reply_started,
            end_reply=lambda stopped: speech.reply_ended(stopped=stopped), voice_busy=lambda: speech.busy))
        speech.may_speak = floor.may_speak
        self.conversation = ConversationMode(ptt, speech, w.input_bar, lambda: self.context.settings,
                                             self.context.save_settings, floor)
        # The microphone.
        ptt.state_changed.connect(lambda state: floor.talk_down(hands_free=self.conversation.listening)
                                  if state == "starting" else None)
        # A dictated take goes to no turn: for the floor it ends like one thrown away (nothing will be answered).
        ptt.recorded.connect(lambda *_args: floor.take_discarded("dictated") if self.remote.dictating
                             else floor.take_sent())
        ptt.capped.connect(lambda _recording: floor.take_discarded("cap"))
        ptt.discarded.connect(floor.take_discarded)
        ptt.failed.connect(lambda _error: floor.take_discarded("failed"))
        self.conversation.changed.connect(floor.conversation_mode)
        # The turn.
        chat.turn_started.connect(floor.turn_submitted)
        chat.reply_began.connect(floor.reply_began)
        chat.reply_piece.connect(lambda _piece: floor.first_token())
        chat.reply_piece.connect(speech.feed)
        chat.turn_finished.connect(lambda done: floor.turn_ended(done is not None and not done.stopped))
        chat.turn_failed.connect(lambda _error: floor.turn_ended(False))
        chat.turn_abandoned.connect(floor.turn_abandoned)
        w.input_bar.stop_button.clicked.connect(floor.stop)
        # The voice.
        w.chat.speak_requested.connect(lambda widget: speech.speak_text(widget.text()))
        speech.speaking_changed.connect(w.status.show_speaking)
        speech.speaking_changed.connect(lambda speaking: None if speaking else floor.voice_done())
        speech.notice.connect(lambda text: w.notices.show_notice(text, kind="warning", timeout_s=15))
        speech.voice_notice.connect(self._voice_missing)
        speech.quiet.connect(floor.voice_done)  # a reply that will not be heard does not hold the floor
        # The floor waits in *speaking* for the news that the voice is done. That news is a signal from PortAudio's
        # thread or the synthesis thread; a reading that ended without ever sounding (its sentences dropped, a stream
        # never opened) sends none, and one that arrives a moment before the turn's end is told is ignored. Once in a
        # while the floor asks the voice itself, so that hands-free listening never waits for news that will not come.
        self._floor_check = QTimer(self)
        self._floor_check.setInterval(250)
        self._floor_check.timeout.connect(lambda: floor.voice_done() if floor.stage is Stage.SPEAKING else None)
        self._floor_check.start()
        self.settings.applied.connect(self._voice_settings)
        chat.turn_finished.connect(lambda done: self.conversation.reply_finished(done is not None and not done.stopped))
        chat.turn_failed.connect(self.conversation.turn_failed)
        self.conversation.notice.connect(lambda text: w.notices.show_notice(text, kind="info", timeout_s=15))
        self.conversation.set_on(self.context.settings.conversation_mode)
        self.settings.applied.connect(lambda _old, new: self.conversation.set_on(new.conversation_mode))
        self.downloads.downloaded.connect(lambda variant_id: speech.reconfigure()
                                          if variant_id == self.context.settings.voice else None)

    # ---- the voice of each language (issue 19) -------------------------------------------------------------------

    def voice_pick(self, language: str) -> VoicePick:
        """The voice that reads a reply in `language`: Settings' choice for it (else the default voice when it
        speaks it, else the catalog's first for it). Not downloaded: another downloaded voice of the same language
        reads meanwhile, and with none the pick offers the download; never a voice of another language."""
        context = self.context
        voices = context.catalog.variants("voice")
        speaking = [v for v in voices if voice_language(v) == language]
        if not speaking:
            return VoicePick(language)  # Piper has none (Hindi, Thai)
        found = voice_for_language(language, voices, context.settings.voices_by_language, context.settings.voice)
        default = context.voice_variant()
        here = [v for v in speaking if context.downloader.is_downloaded(v)]
        ready = found if found in here else (default if default in here else here[0] if here else None)
        if ready is not None:
            return VoicePick(language, ready.id, ready.label, load=lambda: context.voice_for(ready))
        assert found is not None
        return VoicePick(language, found.id, found.label, download=lambda: self._download_voice(found.id))

    def _speech_language(self) -> str:
        """The language a reply is read in when neither its question nor its text tells: Settings → Speech language,
        else (automatic) the default voice's."""
        chosen = self.context.settings.language
        return chosen if chosen and chosen != "auto" else voice_language(self.context.voice_variant())

    def _voice_missing(self, text: str, download: object) -> None:
        if download is None:
            self.window.notices.show_notice(text, kind="info", timeout_s=15)
        else:
            self.window.notices.show_notice(text, kind="info", action=self.tr("Download"),
                                            on_action=download)  # type: ignore[arg-type]

    def _download_voice(self, voice_id: str) -> None:
        """The notice's Download: the voice downloads like any model (progress, cancel and resume, in the model
        manager's list too); replies in its language are read once it is in."""
        self.downloads.start(self.context.catalog.get(voice_id, "voice"))
        self.manager.refresh()

    def _voice_settings(self, old: Settings, new: Settings) -> None:
        for language, voice_id in new.voices_by_language.items():
            if old.voices_by_language.get(language) != voice_id:
                variant = next((v for v in self.context.catalog.variants("voice") if v.id == voice_id), None)
                if variant is not None and not self.context.downloader.is_downloaded(variant):
                    self.downloads.start(variant)  # chosen for a language: it downloads on OK, like the default voice
        fields = ("voice", "speech_speed", "speech_volume", "output_device", "output_host_api")
        # A real change of microphone: another device, or another host API where both name one (the dialog fills in
        # the host API of the device already in use: that is the same microphone).
        microphone = (old.input_device or None) != (new.input_device or None) or (
            bool(old.input_host_api and new.input_host_api) and old.input_host_api != new.input_host_api)
        if microphone:
            self.floor.devices_changed(microphone=True)  # a take on the old microphone ends
        if all(getattr(old, f) == getattr(new, f) for f in fields):
            return
        self.floor.devices_changed()
        if new.voice != old.voice:
            variant = self.context.catalog.get(new.voice, "voice")
            if not self.context.downloader.is_downloaded(variant):
                self.downloads.start(variant)  # read with the current voice until it is in (see the download hook)
                self.window.status.showMessage(self.tr("Downloading the voice {name}; replies are read with the "
                                                       "current voice meanwhile.").format(name=variant.label), 6000)
        self.speech.reconfigure()

    def _set_speaking(self, on: bool) -> None:
        """The window's toggle: remembered at once, like every setting."""
        self.speech.set_enabled(on)
        self.context.settings.speak_replies = on
        self.context.save_settings()

    def about(self) -> QMessageBox:
        """Non-modal: what this is, its version, and where the log file is (for a bug report)."""
        from desktop.core.logs import log_path

        try:
            from importlib.metadata import version

            release = version("chinwag")
        except Exception:  # noqa: BLE001 - not installed as a package (a source checkout): no number to show
            release = self.tr("from source")
        from desktop.core import cpu_variant

        loaded = cpu_variant.active()  # what the worker registered; the About box never starts a test run
        cpu = loaded.describe() if loaded is not None else self.tr("not loaded yet")
        box = QMessageBox(QMessageBox.Icon.Information, self.tr("About Chinwag"),
                          self.tr("Chinwag {version}: an offline push-to-talk voice assistant.\n\n"
                                  "llama.cpp CPU code: {cpu}\n"
                                  "Log file: {log}").format(version=release, cpu=cpu, log=log_path()),
                          QMessageBox.StandardButton.Close, self.window)
        box.setAccessibleName(self.tr("About Chinwag"))
        box.setInformativeText(self.tr("Licence: Chinwag's source code is under the Apache License 2.0; the installers "
                                       "also contain GPL-3.0 parts (Piper, espeak-ng), so Chinwag as installed is "
                                       "distributed under the GNU GPL version 3. Licences… lists every part and its "
                                       "licence."))
        licences = box.addButton(self.tr("Licences…"), QMessageBox.ButtonRole.ActionRole)
        licences.setAccessibleName(self.tr("Licences"))
        licences.clicked.connect(self.licences)
        box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        box.setModal(False)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.show()
        self.about_box = box
        return box

    def licences(self) -> QDialog:
        """About → Licences: the licence of what is installed and of every part in it (non-modal)."""
        from desktop.ui.shell.licences import LicencesDialog

        dialog = LicencesDialog(self.window)
        dialog.setModal(False)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()
        self.licences_dialog = dialog
        return dialog

    # ---- errors nobody caught ------------------------------------------------------------------------------

    def _install_error_hooks(self) -> None:
        """Log every uncaught exception (a Qt slot's included: PySide reports those through sys.excepthook) and
        show it; the hooks that were there before still run (a debugger's, or the test runner's)."""
        self._previous_hooks = (sys.excepthook, threading.excepthook)
        previous_sys, previous_thread = self._previous_hooks

        def on_exception(kind: type[BaseException], error: BaseException, tb: TracebackType | None) -> None:
            self._report(kind, error, tb, "")
            previous_sys(kind, error, tb)

        def on_thread_exception(args: threading.ExceptHookArgs) -> None:
            if args.exc_value is not None:
                name = args.thread.name if args.thread is not None else "a thread"
                self._report(args.exc_type, args.exc_value, args.exc_traceback, f" (in {name})")  # for the log
            previous_thread(args)

        self._hooks = (on_exception, on_thread_exception)
        sys.excepthook = on_exception
        threading.excepthook = on_thread_exception

    def _remove_error_hooks(self) -> None:
        if sys.excepthook is self._hooks[0]:
            sys.excepthook = self._previous_hooks[0]
        if threading.excepthook is self._hooks[1]:
            threading.excepthook = self._previous_hooks[1]

    def _report(self, kind: type[BaseException], error: BaseException, tb: TracebackType | None, where: str) -> None:
        if issubclass(kind, KeyboardInterrupt):
            return
        details = "".join(traceback.format_exception(kind, error, tb))
        log.error("uncaught exception%s\n%s", where, details)
        try:
            self.unexpected_error.emit(f"{kind.__name__}: {error}{where}", details)  # queued if not the GUI thread
        except RuntimeError:
            pass  # the window is already gone; the log has it

    def _show_unexpected(self, summary: str, details: str) -> None:
        where = _log_location()
        self.last_error_details = details
        self.window.notices.show_notice(
            self.tr("Something went wrong inside Chinwag ({summary}). The window keeps working; the details are in "
                    "the log{where}.").format(summary=summary, where=where), kind="error",
            action=self.tr("Copy details"),
            on_action=lambda: QGuiApplication.clipboard().setText(details))

    # ---- keyboard ----------------------------------------------------------------------------------------

    def _shortcuts(self) -> None:
        w = self.window
        # (keys, what it does — shown on the F1 sheet, desktop/ui/shell/shortcut_sheet.py —, slot)
        triples = [
            ("Esc", self.tr("Cancel the recording, else stop the reply and the voice"), self.escape),
            ("Ctrl+N", self.tr("New conversation"), self.conversations.new),
            ("Ctrl+,", self.tr("Settings"), self.settings.open),
            ("Ctrl+M", self.tr("Models: download, verify, delete, add"), self.manager.open),
            ("Ctrl+F", self.tr("Search the conversations"), lambda: w.sidebar.search.setFocus()),
            ("Ctrl+L", self.tr("Type a message"), lambda: w.input_bar.text.setFocus()),
            ("F2", self.tr("Rename the selected conversation"),
             lambda: self._for_selected(self.conversations.start_rename)),
            ("Ctrl+Shift+C", self.tr("Copy the last reply"), self._copy_last_reply),
            ("Ctrl+R", self.tr("Write the last reply again"), self._regenerate_last),
            ("Ctrl+Shift+S", self.tr("Speak replies aloud: on or off"), lambda: w.input_bar.speak_toggle.toggle()),
            ("Ctrl+Shift+H", self.tr("Conversation mode (hands-free): on or off"),
             lambda: w.input_bar.conversation_toggle.toggle()),
            ("F1", self.tr("This list of shortcuts"), self.shortcut_sheet),
        ]
        for keys, what, slot in triples:
            shortcut = QShortcut(QKeySequence(keys), w)
            shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
            shortcut.setWhatsThis(what)
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
        name = QKeySequence(s.ptt_key or "Space").toString(QKeySequence.SequenceFormat.NativeText) or self.tr("Space")
        self.window.input_bar.talk_button.show_key(name, self.ptt.toggle_mode)
        self.window.input_bar.text.show_key(name)
        self.window.chat.show_key(name, self.ptt.toggle_mode)

    def ptt_key(self) -> int:
        sequence = QKeySequence(self.context.settings.ptt_key or "Space")
        return sequence[0].key() if sequence.count() else Qt.Key.Key_Space

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt API)
        kind = event.type()
        if kind == QEvent.Type.WindowDeactivate and watched is self.window and self.ptt.active:
            # Looked at once the activation has settled (a dialog of ours may take a moment to become active).
            QTimer.singleShot(FOCUS_SETTLE_MS, self._window_deactivated)
            return False
        if kind not in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            return False
        assert isinstance(event, QKeyEvent)
        if event.key() != self.ptt_key() or QApplication.activeWindow() is not self.window:
            return False
        focus = QApplication.focusWidget()
        if isinstance(focus, _TEXT_FIELDS) and not (self._key_take and kind == QEvent.Type.KeyRelease):
            # Typing a space is typing a space; only the release of a key that started the take ends it there
            # (a take held with the mouse button goes on while the user types).
            return False
        if not isinstance(watched, QWidget) or watched.window() is not self.window:
            return False
        if event.isAutoRepeat():
            return True  # holding the key sends repeats; one press is one recording
        toggle = self.ptt.toggle_mode
        if kind == QEvent.Type.KeyPress:
            if self._release_timer.isActive():
                # A release a moment ago and the key is down again: the X server's auto-repeat, which Qt could not
                # tell apart on a busy machine (it looks for the press right behind the release). Still one take.
                self._release_timer.stop()
                return True
            if not self.ptt.active:
                self._key_take = True
            self.ptt.toggle() if toggle else self.ptt.press()
        elif not toggle and self._key_take:
            self._release_timer.start()  # a release counts only if no press follows within the repeat interval
        return True

    # ---- closing ------------------------------------------------------------------------------------------

    def shutdown(self) -> None:
        """Save the partial reply, stop the worker (within 2 s), then let the window go."""
        if self.closed_cleanly is not None:
            return
        started = time.perf_counter()
        QApplication.instance().removeEventFilter(self)
        QGuiApplication.instance().applicationStateChanged.disconnect(self._application_state)
        self._remove_error_hooks()
        self._network.stop()
        self.remote.shutdown()
        self.alarms.stop()
        self.tray.shutdown()
        self._release_timer.stop()
        self.floor.window_closed()
        self.conversation.shutdown()
        self.ptt.shutdown()
        self.speech.shutdown()
        self.chat.shutdown()
        self.downloads.cancel()
        self.server.stop()  # before the worker: requests in progress stop at their next token
        self.closed_cleanly = self.worker.shutdown(timeout_s=2.0)
        if not self.closed_cleanly:
            log.warning("the model worker was still busy after 2 s (loading a model?); leaving it behind")
        log.info("closed in %.2f s", time.perf_counter() - started)
        self.window.allow_close()


def _log_location() -> str:
    from desktop.core.logs import log_path

    return f" ({log_path()})"
