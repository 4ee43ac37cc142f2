"""Opens the Settings dialog, runs its microphone test, and applies and saves what changed.

The keyring (the Hugging Face token, the API key) is read and written on a thread, never on the GUI thread: a locked
keyring asks to be unlocked and would freeze the window meanwhile. The dialog opens at once; the key and the token's
state fill in when the read comes back (remembered after that).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterator

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QMessageBox, QWidget

from desktop.context import AppContext
from desktop.core.audio import Recorder, list_input_devices
from desktop.core.errors import AudioError
from desktop.core.secrets import SecretUnreadable, ensure_api_key, load_hf_token, save_hf_token
from desktop.core.settings import Settings
from desktop.core.speech_out import Speaker, find_output_device, output_devices
from desktop.ui.models.model_controller import ModelController
from desktop.ui.settings.settings_dialog import SettingsDialog, token_placeholder
from desktop.ui.settings.voice_settings import TEST_SENTENCE
from desktop.ui.shell.iterator_bridge import IteratorBridge


class SettingsController(QObject):
    applied = Signal(object, object)  # old Settings, new Settings
    manage_models = Signal()  # the dialog's "Manage models…" (the window controller opens the model manager)

    def __init__(self, context: AppContext, models: ModelController, parent_window: QWidget,
                 apply_theme: Callable[[str], None]) -> None:
        super().__init__(parent_window)
        self.context = context
        self.models = models
        self.window = parent_window
        self.apply_theme = apply_theme
        self.dialog: SettingsDialog | None = None
        self._test_recorder: Recorder | None = None
        self._meter = QTimer(self)
        self._meter.setInterval(50)
        self._meter.timeout.connect(self._show_level)
        self._secrets: tuple[bool, str, str] | None = None  # (a token is saved, the API key, why there is no key)
        self._reading_secrets = False

    def open(self) -> SettingsDialog:
        if self.dialog is not None:
            self.dialog.raise_()
            return self.dialog
        try:
            microphones, mic_error = [(d.name, d.host_api) for d in list_input_devices()], ""
        except AudioError as error:
            microphones, mic_error = [], str(error)
        try:
            speakers, speaker_error = [(d["name"], d["host_api"]) for d in output_devices()], ""
        except AudioError as error:
            speakers, speaker_error = [], str(error)
        has_token, api_key, _why = self._secrets or (False, "", "")
        dialog = SettingsDialog(self.context.settings, self.models.choices("llm"), self.models.choices("whisper"),
                                microphones, mic_error, self.models.add_local, self.models.memory_gb, self.window,
                                has_token=has_token,
                                installed=self.installed(), voices=self.models.choices("voice"),
                                speakers=speakers, speaker_error=speaker_error,
                                api_key=api_key)
        dialog.voice_box.test_requested.connect(self._test_voice)
        dialog.delete_requested.connect(self._confirm_delete)
        dialog.manage_models.connect(self.manage_models)
        dialog.mic_test_requested.connect(self._start_test)
        dialog.mic_test_stop_requested.connect(self._stop_test)
        dialog.accepted.connect(lambda: self.apply(dialog.result_settings(), dialog.token_change()))
        dialog.finished.connect(self._closed)
        self.dialog = dialog
        if self._secrets is None:
            dialog.server_box.key.setPlaceholderText(self.tr("Reading the key from the system keyring…"))
            self._read_secrets()
        else:
            self._show_secrets()
        dialog.open()  # window-modal but not a nested event loop: replies keep streaming behind it
        return dialog

    # ---- the keyring, off the GUI thread ----------------------------------------------------------------------

    def _read_secrets(self) -> None:
        if self._reading_secrets:
            return
        self._reading_secrets = True
        config_dir = self.context.paths.config_dir

        def read() -> Iterator[tuple[bool, str, str]]:
            has_token = bool(load_hf_token(config_dir))
            try:
                key, why = ensure_api_key(config_dir), ""
            except SecretUnreadable as error:  # shown; never replaced by a new key
                key, why = "", str(error)
            yield has_token, key, why

        bridge = IteratorBridge(self)
        bridge.item.connect(self._secrets_read)
        bridge.finished.connect(lambda _completed: self._secrets_over(bridge))
        bridge.run_in_thread(read, name="chinwag-keyring-read")

    def _secrets_read(self, secrets: tuple[bool, str, str]) -> None:
        # Remembered once there is a key: the next Settings asks the keyring nothing. A failed read is asked again.
        # A token saved or removed since the read began is newer than what the read found.
        token_known = getattr(self, "_token_known", None)
        if token_known is not None:
            secrets = (token_known, *secrets[1:])
        self._secrets = secrets if secrets[1] else None
        self._show_secrets(secrets)

    def _secrets_over(self, bridge: IteratorBridge) -> None:
        bridge.deleteLater()
        self._reading_secrets = False

    def _show_secrets(self, secrets: tuple[bool, str, str] | None = None) -> None:
        dialog = self.dialog
        secrets = secrets or self._secrets
        if dialog is None or secrets is None:
            return
        has_token, key, why = secrets
        if not dialog.token.text():
            dialog.token.setPlaceholderText(token_placeholder(has_token))
        dialog.forget_token.setVisible(has_token)
        dialog.server_box.key.setText(key)
        dialog.server_box.key.setPlaceholderText(why or "")
        dialog.server_box.key.setToolTip(why)

    def apply(self, new: Settings, token: str | None = None) -> None:
        """Use and save `new`; `token`: a Hugging Face token to save, "" to remove the saved one, None: unchanged."""
        if token is not None:
            # The system keyring (secrets.py), never settings.json, written on a thread; downloads use it from now on.
            self.context.downloader.token = token or None
            self._token_known = bool(token)
            if self._secrets is not None:
                self._secrets = (bool(token), *self._secrets[1:])
            self._save_token(token)
        settings = self.context.settings
        old = dataclasses.replace(settings)
        for field in dataclasses.fields(Settings):
            setattr(settings, field.name, getattr(new, field.name))
        self.context.save_settings()
        if new.theme != old.theme:
            self.apply_theme(new.theme)
        resized = (new.n_threads, new.context_size) != (old.n_threads, old.context_size)
        if resized and new.llm_variant == old.llm_variant:
            self.models.reload()
        if new.llm_variant != old.llm_variant:
            self.models.choose(new.llm_variant)
        if (new.whisper_model, new.n_threads, new.language) != (old.whisper_model, old.n_threads, old.language):
            self.models.load_whisper(new.whisper_model)
        if new.window_language != old.window_language:
            # Every text is translated when its widget is built: the new language takes over at the next start.
            self.models.status.showMessage(self.tr("The window's language changes when Chinwag restarts."), 10000)
        self.applied.emit(old, new)

    def _save_token(self, token: str) -> None:
        config_dir = self.context.paths.config_dir

        def save() -> Iterator[str]:
            yield save_hf_token(token or None, config_dir)

        def saved(where: str) -> None:
            self.models.status.showMessage(self.tr("Hugging Face token saved in {where}.").format(where=where) if token
                                           else self.tr("The Hugging Face token was removed."), 6000)

        bridge = IteratorBridge(self)
        bridge.item.connect(saved)
        bridge.failed.connect(lambda error: self.models.status.showMessage(
            self.tr("The Hugging Face token could not be saved: {error}").format(error=error), 10000))
        bridge.finished.connect(lambda _completed: bridge.deleteLater())
        bridge.run_in_thread(save, name="chinwag-keyring-write")

    # ---- downloaded models and the space they take -------------------------------------------------------------

    def installed(self) -> list[tuple[str, str, int]]:
        """(id, label, bytes on disk) of every downloaded model that can be deleted (bundled ones cannot)."""
        rows = []
        downloader = self.context.downloader
        for variant in self.context.catalog.variants():
            if not variant.repo_id:
                continue
            size = downloader.size_on_disk(variant)  # its own files: variants may share a repository's folder
            if size:
                rows.append((variant.id, variant.label, size))
        return rows

    def _confirm_delete(self, variant_id: str) -> None:
        variant = self.context.catalog.get(variant_id, self._kind(variant_id))
        if variant_id in (self.models.loaded_llm, self.models.loaded_whisper):
            if self.dialog is not None:
                self.dialog.model_warning.setText(self.tr("{name} is in use: choose another model first, then delete "
                                                          "it.").format(name=variant.label))
            return
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("Delete model"),
                          self.tr("Delete {name} from this computer? It can be downloaded again later.").format(
                              name=variant.label),
                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, self.dialog or self.window)
        box.setAccessibleName(self.tr("Confirm delete"))
        box.accepted.connect(lambda: self.delete_model(variant_id))
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.confirm_box = box
        box.open()  # not a nested event loop: replies keep streaming behind it

    def delete_model(self, variant_id: str) -> None:
        variant = self.context.catalog.get(variant_id, self._kind(variant_id))
        self.context.downloader.delete(variant)
        self.models.refresh_picker()
        if self.dialog is not None:
            self.dialog.show_installed(self.installed())

    def _kind(self, variant_id: str) -> str:
        return next((v.kind for v in self.context.catalog.variants() if v.id == variant_id), "llm")

    def _closed(self, _result: int) -> None:
        self._stop_test()
        if self.dialog is not None:
            self.dialog.deleteLater()
        self.dialog = None

    def _start_test(self, device: tuple[str | None, str | None]) -> None:
        self._stop_test()
        name, host_api = device
        recorder = Recorder(device=name, host_api=host_api, max_seconds=30)
        try:
            recorder.start()
        except AudioError as error:
            if self.dialog is not None:
                self.dialog.show_mic_status(str(error))
            return
        self._test_recorder = recorder
        self._meter.start()

    def _test_voice(self, voice_id: str, speed: float, volume: float, device: str | None,
                    host_api: str | None) -> None:
        """Read a sentence with the voice, speed, volume and speaker chosen in the dialog (not saved yet), on a thread
        of its own: loading a voice takes a moment, and the dialog must not freeze meanwhile."""
        context = self.context

        def speak() -> Iterator[str]:
            voice = context.voice_for(context.catalog.get(voice_id, "voice"))
            voice.load()
            failures: list[Exception] = []
            speaker = Speaker(voice, device=find_output_device(device, host_api), speed=speed, volume=volume,
                              on_error=failures.append)
            try:
                speaker.say(TEST_SENTENCE)
                speaker.finish()
                speaker.wait(30)
            finally:
                speaker.close()
            if failures:
                raise failures[0]
            yield self.tr("Done: that was the voice as chosen.")

        bridge = IteratorBridge(self)
        bridge.item.connect(self._voice_tested)
        bridge.failed.connect(lambda error: self._voice_tested(self.tr("The voice test failed: {error}").format(
            error=error)))
        bridge.finished.connect(lambda _completed: bridge.deleteLater())
        bridge.run_in_thread(speak, name="chinwag-voice-test")

    def _voice_tested(self, text: str) -> None:
        if self.dialog is not None:
            self.dialog.voice_box.show_test_status(text)

    def _stop_test(self) -> None:
        self._meter.stop()
        recorder, self._test_recorder = self._test_recorder, None
        if recorder is not None:
            try:
                recorder.stop()
            except AudioError:
                pass

    def _show_level(self) -> None:
        if self._test_recorder is not None and self.dialog is not None:
            self.dialog.show_mic_level(self._test_recorder.level())
