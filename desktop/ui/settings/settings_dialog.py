"""The Settings dialog: a form over a copy of the settings. The controller applies and saves what it returns."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QKeySequenceEdit,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.core.llm import SAMPLING_FIELDS, family_defaults
from desktop.core.settings import Settings
from desktop.ui.models.model_picker import ModelChoice, ModelPicker
from desktop.ui.server.server_settings import ServerBox
from desktop.ui.settings.form_rows import add_field_row
from desktop.ui.settings.voice_settings import VoiceBox
from desktop.ui.shell.window_language import WINDOW_LANGUAGES, data_size, language_label, number
from desktop.ui.voice.global_hotkey import hotkey_support

# Automatic detection, then the eight languages Llama 3.2 answers in, then others Whisper knows well. The ".en"
# models only understand English: detection needs a multilingual Whisper (Whisper tiny, base or small).
# Shown translated: "Automatic (detect)" here, the names through window_language.language_label.
SPEECH_LANGUAGES = ((QT_TRANSLATE_NOOP("SettingsDialog", "Automatic (detect)"), ""), ("English", "en"),
                    ("French", "fr"), ("German", "de"), ("Spanish", "es"), ("Italian", "it"), ("Portuguese", "pt"),
                    ("Hindi", "hi"), ("Thai", "th"), ("Dutch", "nl"), ("Polish", "pl"), ("Russian", "ru"),
                    ("Japanese", "ja"), ("Chinese", "zh"))
CONTEXT_SIZES = (1024, 2048, 4096, 8192, 16384, 32768)
_HOST_API_ROLE = Qt.ItemDataRole.UserRole + 1


class SettingsDialog(QDialog):
    mic_test_requested = Signal(object)  # (device name or None, host API or None); the controller runs the meter
    mic_test_stop_requested = Signal()
    delete_requested = Signal(str)  # variant id: the controller asks, deletes and shows the list again
    local_checked = Signal(str)  # the id of a local model just added, or "" when the file was refused
    manage_models = Signal()  # "Manage models…": the model manager window (desktop/ui/models/model_manager.py)

    def __init__(
        self,
        settings: Settings,
        models: list[ModelChoice],
        whispers: list[ModelChoice],
        microphones: list[tuple[str, str]],  # (name, host API)
        microphone_error: str,
        # (path, on_added, on_refused): checks the file off the GUI thread and calls one of the two back
        add_local: Callable[[Path, Callable[[ModelChoice], None], Callable[[Exception], None]], None],
        memory_gb: float | None,
        parent: QWidget | None = None,
        *,
        has_token: bool = False,
        installed: list[tuple[str, str, int]] | None = None,  # (variant id, label, bytes on disk) of deletable models
        voices: list[ModelChoice] | None = None,
        speakers: list[tuple[str, str]] | None = None,  # output devices: (name, host API)
        speaker_error: str = "",
        api_key: str = "",  # the local API server's key (desktop/ui/server/server_settings.py)
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Chinwag settings"))
        self.setAccessibleName(self.tr("Settings"))
        self._settings = dataclasses.replace(settings, variant_system_prompts=dict(settings.variant_system_prompts))
        self._add_local = add_local
        self._memory_gb = memory_gb

        # ---- models
        self.model = ModelPicker(self.tr("Language model"), self)
        self.model.set_choices(models, settings.llm_variant)
        self.model_info = QLabel(self)
        self.model_info.setWordWrap(True)
        self.model_warning = QLabel(self)
        self.model_warning.setWordWrap(True)
        self.model_warning.setAccessibleName(self.tr("Memory warning"))
        self.add_local_button = QPushButton(self.tr("Add a local .gguf…"), self)
        self.add_local_button.setAccessibleName(self.tr("Add a local GGUF model file"))
        self.manage_button = QPushButton(self.tr("Manage models…"), self)
        self.manage_button.setAccessibleName(self.tr("Open the model manager"))
        self.manage_button.setToolTip(self.tr("Every language, speech and voice model: download, verify, delete, add "
                                              "from the Hub"))
        self.manage_button.clicked.connect(self.manage_models)
        self.whisper = ModelPicker(self.tr("Speech model"), self)
        self.whisper.set_choices(whispers, settings.whisper_model)
        self.whisper_info = QLabel(self)
        self.whisper_info.setWordWrap(True)
        self.whisper_info.setAccessibleName(self.tr("Speech model information"))
        self.language = QComboBox(self)
        self.language.setAccessibleName(self.tr("Speech language"))
        for label, code in SPEECH_LANGUAGES:
            self.language.addItem(language_label(code) if code else self.tr(label), code)
        self.language.setCurrentIndex(max(0, self.language.findData(settings.language or "")))

        # ---- the Hugging Face access token (kept in the system keyring by the controller, never in settings.json)
        self.token = QLineEdit(self)
        self.token.setEchoMode(QLineEdit.EchoMode.Password)
        self.token.setAccessibleName(self.tr("Hugging Face access token"))
        self.token.setPlaceholderText(token_placeholder(has_token))
        self.forget_token = QCheckBox(self.tr("Remove the saved token"), self)
        self.forget_token.setVisible(has_token)

        # ---- models on disk, with the space each takes
        self.installed = QTableWidget(0, 3, self)
        self.installed.setAccessibleName(self.tr("Downloaded models"))
        self.installed.setHorizontalHeaderLabels([self.tr("Model"), self.tr("On disk"), ""])
        self.installed.verticalHeader().setVisible(False)
        self.installed.horizontalHeader().setStretchLastSection(False)
        self.installed.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.installed_total = QLabel(self)
        self.installed_total.setAccessibleName(self.tr("Disk space used by models"))
        self.show_installed(installed or [])

        # ---- microphone
        self.microphone = QComboBox(self)
        self.microphone.setAccessibleName(self.tr("Microphone"))
        self.microphone.addItem(self.tr("System default"), None)
        # A microphone is remembered by its name and host API: Windows lists one device under MME, DirectSound and
        # WASAPI with the same name, so the host API is shown and kept with the choice.
        for name, host_api in microphones:
            self.microphone.addItem(f"{name} · {host_api}" if host_api else name, name)
            self.microphone.setItemData(self.microphone.count() - 1, host_api, _HOST_API_ROLE)
        self.microphone.setCurrentIndex(max(0, self._microphone_index(settings.input_device,
                                                                       settings.input_host_api)))
        self.mic_test_button = QPushButton(self.tr("Test"), self)
        self.mic_test_button.setCheckable(True)
        self.mic_test_button.setAccessibleName(self.tr("Test microphone"))
        self.mic_meter = QProgressBar(self)
        self.mic_meter.setRange(0, 100)
        self.mic_meter.setTextVisible(False)
        self.mic_meter.setAccessibleName(self.tr("Microphone test level"))
        self.mic_status = QLabel(microphone_error, self)
        self.mic_status.setWordWrap(True)

        # ---- generation
        # Unset sampling fields follow the model's own recommendation; the spins show that value, and only a value
        # the user changes is stored as an explicit choice.
        shown = {name: getattr(settings, name) for name in SAMPLING_FIELDS}
        fallback = family_defaults("llama3")
        shown = {name: fallback[name] if value is None else value for name, value in shown.items()}
        self._sampling_shown = shown
        self.temperature = _double(0.0, 2.0, 0.05, shown["temperature"], self.tr("Temperature"))
        self.top_p = _double(0.0, 1.0, 0.05, shown["top_p"], self.tr("Top p"))
        self.top_k = _int(0, 200, int(shown["top_k"]), self.tr("Top k"))
        self.max_tokens = _int(16, 8192, settings.max_tokens, self.tr("Maximum reply tokens"))
        self.system_prompt = QPlainTextEdit(self)
        self.system_prompt.setAccessibleName(self.tr("System prompt"))
        self.system_prompt.setTabChangesFocus(True)
        self.system_prompt.setFixedHeight(80)
        self.prompt_per_model = QCheckBox(self.tr("Use this prompt only with this model"), self)
        self.threads = _int(0, 256, settings.n_threads, self.tr("Threads"))
        self.threads.setSpecialValueText(self.tr("automatic"))
        self.context_size = QComboBox(self)
        self.context_size.setAccessibleName(self.tr("Context size"))
        for size in CONTEXT_SIZES:
            self.context_size.addItem(self.tr("{count} tokens").format(count=number(size)), size)
        self.context_size.setCurrentIndex(max(0, self.context_size.findData(settings.context_size)))

        # ---- talking
        self.ptt_key = QKeySequenceEdit(QKeySequence(settings.ptt_key), self)
        self.ptt_key.setMaximumSequenceLength(1)
        self.ptt_key.setAccessibleName(self.tr("Push-to-talk key"))
        self.ptt_mode = QComboBox(self)
        self.ptt_mode.setAccessibleName(self.tr("Push-to-talk mode"))
        self.ptt_mode.addItem(self.tr("Hold the key while speaking"), "hold")
        self.ptt_mode.addItem(self.tr("Press once to start, again to send"), "toggle")
        self.ptt_mode.setCurrentIndex(max(0, self.ptt_mode.findData(settings.ptt_mode)))
        self.review = QCheckBox(self.tr("Let me check the transcript before it is sent"), self)
        self.review.setChecked(settings.review_transcript)
        self.sounds = QCheckBox(self.tr("Play a short sound when recording starts and stops"), self)
        self.sounds.setChecked(settings.sounds)
        # Talking from anywhere (desktop/ui/voice/global_hotkey.py): off by default; disabled, with the reason, where
        # the platform does not allow a global key (Wayland, no X display).
        self.global_hotkey = QCheckBox(self.tr("Talk from any app with a global key (works while Chinwag is in the "
                                               "back)"), self)
        self.global_hotkey.setAccessibleName(self.tr("Global push-to-talk key"))
        self.global_hotkey.setChecked(settings.global_hotkey)
        self.global_hotkey_key = QKeySequenceEdit(QKeySequence(settings.global_hotkey_key), self)
        self.global_hotkey_key.setMaximumSequenceLength(1)
        self.global_hotkey_key.setAccessibleName(self.tr("Global push-to-talk key combination"))
        self.global_hotkey_why = QLabel(hotkey_support(), self)
        self.global_hotkey_why.setWordWrap(True)
        self.global_hotkey_why.setAccessibleName(self.tr("Why the global key is not available"))
        # Type what I say (desktop/ui/voice/dictation.py): the global key's takes typed into the app in front. It
        # needs the global key, so it is off with the same reason where that is, and greyed while the key is off.
        self.dictation = QCheckBox(self.tr("Type what I say: the global key types my words into the app in front, "
                                           "instead of sending them to Chinwag"), self)
        self.dictation.setAccessibleName(self.tr("Type what I say"))
        self.dictation.setChecked(settings.dictation)
        self.global_hotkey.toggled.connect(self._show_dictation)
        if self.global_hotkey_why.text():
            self.global_hotkey.setEnabled(False)
            self.global_hotkey_key.setEnabled(False)
        self._show_dictation()
        self.tray_icon = QCheckBox(self.tr("Show Chinwag in the system tray (show or hide, talk, quit)"), self)
        self.tray_icon.setAccessibleName(self.tr("Tray icon"))
        self.tray_icon.setChecked(settings.tray_icon)
        self.theme = QComboBox(self)
        self.theme.setAccessibleName(self.tr("Theme"))
        for label, value in ((self.tr("Follow the system"), "system"), (self.tr("Light"), "light"),
                             (self.tr("Dark"), "dark")):
            self.theme.addItem(label, value)
        self.theme.setCurrentIndex(max(0, self.theme.findData(settings.theme)))
        # The window's own language (desktop/ui/shell/window_language.py): each language named in itself.
        self.window_language = QComboBox(self)
        self.window_language.setAccessibleName(self.tr("Window language"))
        self.window_language.addItem(self.tr("System language"), "")
        for code, name in WINDOW_LANGUAGES:
            self.window_language.addItem(name, code)
        self.window_language.setCurrentIndex(max(0, self.window_language.findData(settings.window_language)))
        self.window_language_note = QLabel(self.tr("The window's language changes when Chinwag restarts."), self)
        self.window_language_note.setWordWrap(True)
        self.window_language_note.setAccessibleName(self.tr("When the window language changes"))

        models_box = QGroupBox(self.tr("Models"), self)
        form = QFormLayout(models_box)
        form.addRow(self.tr("&Language model"), self.model)
        form.addRow("", self.model_info)
        form.addRow("", self.model_warning)
        local_row = QWidget(self)
        local_layout = QHBoxLayout(local_row)
        local_layout.setContentsMargins(0, 0, 0, 0)
        local_layout.addWidget(self.add_local_button)
        local_layout.addWidget(self.manage_button)
        local_layout.addStretch(1)
        form.addRow("", local_row)
        form.addRow(self.tr("&Speech model"), self.whisper)
        form.addRow("", self.whisper_info)
        form.addRow(self.tr("Speech lan&guage"), self.language)
        form.addRow(self.tr("Hugging Face &token"), self.token)
        form.addRow("", self.forget_token)
        disk_box = QGroupBox(self.tr("Downloaded models"), self)
        disk_layout = QVBoxLayout(disk_box)
        disk_layout.addWidget(self.installed)
        disk_layout.addWidget(self.installed_total)
        mic_box = QGroupBox(self.tr("Microphone and talking"), self)
        mic_form = QFormLayout(mic_box)
        add_field_row(mic_form, self.tr("&Microphone"), self.microphone, self.mic_test_button)
        mic_form.addRow("", self.mic_meter)
        mic_form.addRow("", self.mic_status)
        mic_form.addRow(self.tr("Push-to-talk &key"), self.ptt_key)
        mic_form.addRow(self.tr("Push-to-talk m&ode"), self.ptt_mode)
        mic_form.addRow("", self.review)
        mic_form.addRow("", self.sounds)
        mic_form.addRow("", self.global_hotkey)
        mic_form.addRow(self.tr("&Global key"), self.global_hotkey_key)
        mic_form.addRow("", self.dictation)
        mic_form.addRow("", self.global_hotkey_why)
        mic_form.addRow("", self.tray_icon)
        gen_box = QGroupBox(self.tr("Answers"), self)
        gen_form = QFormLayout(gen_box)
        gen_form.addRow(self.tr("&Temperature"), self.temperature)
        gen_form.addRow(self.tr("Top &p"), self.top_p)
        gen_form.addRow(self.tr("Top &k"), self.top_k)
        gen_form.addRow(self.tr("Ma&x tokens"), self.max_tokens)
        gen_form.addRow(self.tr("S&ystem prompt"), self.system_prompt)
        gen_form.addRow("", self.prompt_per_model)
        gen_form.addRow(self.tr("T&hreads"), self.threads)
        gen_form.addRow(self.tr("&Context size"), self.context_size)
        gen_form.addRow(self.tr("Th&eme"), self.theme)
        gen_form.addRow(self.tr("&Window language"), self.window_language)
        gen_form.addRow("", self.window_language_note)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        columns = QHBoxLayout()
        left = QVBoxLayout()
        left.addWidget(models_box)
        left.addWidget(disk_box)
        left.addWidget(mic_box)
        left.addStretch(1)
        columns.addLayout(left, 1)
        self.voice_box = VoiceBox(settings, voices or [], speakers or [], speaker_error, self)
        right = QVBoxLayout()
        right.addWidget(gen_box)
        right.addWidget(self.voice_box)
        self.server_box = ServerBox(settings, api_key, self)
        right.addWidget(self.server_box)
        right.addStretch(1)
        columns.addLayout(right, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(columns)
        layout.addWidget(buttons)

        self._prompt_variant = settings.llm_variant
        self._load_prompt(settings.llm_variant)
        self.model.currentIndexChanged.connect(self._model_changed)
        self.whisper.currentIndexChanged.connect(self._whisper_changed)
        self.add_local_button.clicked.connect(self._pick_local)
        self.mic_test_button.toggled.connect(self._mic_test_toggled)
        self.finished.connect(lambda _result: self.mic_test_stop_requested.emit())
        self._model_changed()
        self._whisper_changed()

    # ---- what the controller reads back -------------------------------------------------------------------

    def _sampling_choice(self, name: str, value: float) -> float | None:
        """The stored value: unchanged from what was shown keeps the earlier choice (None: the model's default)."""
        if value == self._sampling_shown[name]:
            return getattr(self._settings, name)
        return value

    def _show_dictation(self) -> None:
        """Type what I say can be changed where the global key is possible and ticked; the tooltip says why not."""
        why = self.global_hotkey_why.text()
        self.dictation.setEnabled(not why and self.global_hotkey.isChecked())
        self.dictation.setToolTip(why or ("" if self.global_hotkey.isChecked() else self.tr(
            "Turn on the global key first: dictation is what that key does when this is on.")))

    def result_settings(self) -> Settings:
        """The settings as edited (a new object; the caller copies the fields it applies)."""
        self._store_prompt(self.model.current_id() or self._settings.llm_variant)
        key = self.ptt_key.keySequence().toString() or self._settings.ptt_key
        return dataclasses.replace(
            self._settings,
            llm_variant=self.model.current_id() or self._settings.llm_variant,
            whisper_model=self.whisper.current_id() or self._settings.whisper_model,
            input_device=self.microphone.currentData(),
            input_host_api=self.microphone.currentData(_HOST_API_ROLE) or None,
            language=str(self.language.currentData()),
            temperature=self._sampling_choice("temperature", self.temperature.value()),
            top_p=self._sampling_choice("top_p", self.top_p.value()),
            top_k=self._sampling_choice("top_k", self.top_k.value()),
            max_tokens=self.max_tokens.value(),
            n_threads=self.threads.value(),
            context_size=int(self.context_size.currentData()),
            ptt_key=key,
            ptt_mode=str(self.ptt_mode.currentData()),
            review_transcript=self.review.isChecked(),
            sounds=self.sounds.isChecked(),
            global_hotkey=self.global_hotkey.isChecked() and self.global_hotkey.isEnabled(),
            global_hotkey_key=self.global_hotkey_key.keySequence().toString() or self._settings.global_hotkey_key,
            # Remembered while the global key is off (it is greyed, not unticked); never on where there is no key.
            dictation=self.dictation.isChecked() and not self.global_hotkey_why.text(),
            tray_icon=self.tray_icon.isChecked(),
            theme=str(self.theme.currentData()),
            window_language=str(self.window_language.currentData()),
            **self.voice_box.values(),
            **self.server_box.values(),
        )

    def token_change(self) -> str | None:
        """What to do with the saved token: a new one to save, "" to remove it, or None to leave it as it is."""
        typed = self.token.text().strip()
        if typed:
            return typed
        return "" if self.forget_token.isChecked() else None

    def show_installed(self, installed: list[tuple[str, str, int]]) -> None:
        """The downloaded models, each with its size and a Delete button, and the total."""
        self.installed.setRowCount(0)
        for variant_id, label, size in installed:
            row = self.installed.rowCount()
            self.installed.insertRow(row)
            self.installed.setItem(row, 0, QTableWidgetItem(label))
            self.installed.setItem(row, 1, QTableWidgetItem(_mb(size)))
            button = QPushButton(self.tr("Delete"), self.installed)
            button.setAccessibleName(self.tr("Delete {name}").format(name=label))
            button.clicked.connect(lambda _checked=False, v=variant_id: self.delete_requested.emit(v))
            self.installed.setCellWidget(row, 2, button)
        self.installed.resizeColumnsToContents()
        total = sum(size for _v, _l, size in installed)
        self.installed_total.setText(self.tr("Total: {size} in %n downloaded model(s)", "", len(installed)).format(
            size=_mb(total)) if installed else self.tr("No downloaded models."))

    def _whisper_changed(self, *_args: object) -> None:
        choice = self.whisper.choice(self.whisper.current_id())
        if choice is None:
            return
        self.whisper_info.setText(choice.info(self.tr("speech input keeps the current model")))

    def _microphone_index(self, name: str | None, host_api: str | None) -> int:
        if name is None:
            return 0
        named = [i for i in range(self.microphone.count()) if self.microphone.itemData(i) == name]
        exact = [i for i in named if host_api and self.microphone.itemData(i, _HOST_API_ROLE) == host_api]
        return (exact or named or [0])[0]

    def show_mic_level(self, level: float) -> None:
        self.mic_meter.setValue(int(level * 100))

    def show_mic_status(self, text: str) -> None:
        self.mic_status.setText(text)
        if self.mic_test_button.isChecked() and text:
            self.mic_test_button.setChecked(False)

    # ---- internals ----------------------------------------------------------------------------------------

    def _model_changed(self, *_args: object) -> None:
        current = self.model.current_id()
        if current != self._prompt_variant:
            self._store_prompt(self._prompt_variant)
            self._load_prompt(current or "")
        choice = self.model.choice(current)
        if choice is None:
            return
        info = choice.description
        if not choice.downloaded:
            info += "\n" + self.tr("Not downloaded yet: it downloads when you press OK (you can keep chatting "
                                   "meanwhile).")
        self.model_info.setText(info.strip())
        if not choice.fits:
            memory = (self.tr("{size} GB").format(size=number(self._memory_gb, 1)) if self._memory_gb else
                      self.tr("too little memory"))
            need = number(choice.ram_gb or 0, len(f"{choice.ram_gb or 0:g}".partition(".")[2]))
            self.model_warning.setText(self.tr("⚠ This model needs about {need} GB of memory and this computer has "
                                               "{memory}: it may be very slow or fail to load. Choose a smaller one.")
                                       .format(need=need, memory=memory))
        else:
            self.model_warning.setText("")

    def _load_prompt(self, variant_id: str) -> None:
        self._prompt_variant = variant_id
        self.system_prompt.setPlainText(self._settings.system_prompt_for(variant_id))
        self.prompt_per_model.setChecked(variant_id in self._settings.variant_system_prompts)

    def _store_prompt(self, variant_id: str) -> None:
        text = self.system_prompt.toPlainText().strip()
        prompts = self._settings.variant_system_prompts
        if self.prompt_per_model.isChecked():
            prompts[variant_id] = text
        else:
            prompts.pop(variant_id, None)
            self._settings.system_prompt = text

    def _pick_local(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(self, self.tr("Add a local model"), str(Path.home()),
                                                    self.tr("GGUF models (*.gguf)"))
        if path:
            self.add_local_file(Path(path))

    def add_local_file(self, path: Path) -> None:
        """Check the file (in the background: it is test-loaded in a child process) and offer it once it passes."""
        self.add_local_button.setEnabled(False)
        self.model_warning.setText(self.tr("Checking {name}…").format(name=path.name))
        self._add_local(path, self._local_added, lambda error: self._local_refused(path, error))

    def _local_added(self, choice: ModelChoice) -> None:
        self.add_local_button.setEnabled(True)
        self.model_warning.setText("")
        choices = [self.model.choice(i) for i in self.model.ids()]
        self.model.set_choices([c for c in choices if c is not None and c.id != choice.id] + [choice], choice.id)
        self._model_changed()
        self.local_checked.emit(choice.id)

    def _local_refused(self, path: Path, error: Exception) -> None:
        self.add_local_button.setEnabled(True)
        text = str(error)
        if path.name not in text:
            text = f"{path}: {text}"
        # Not added and not selected: the model in use, and the conversation, stay as they are.
        self.model_warning.setText(self.tr("⚠ Not added. {why}").format(why=text))
        self.local_checked.emit("")

    def _mic_test_toggled(self, on: bool) -> None:
        if on:
            self.mic_status.setText(self.tr("Speak: the bar should move."))
            self.mic_test_requested.emit((self.microphone.currentData(),
                                          self.microphone.currentData(_HOST_API_ROLE) or None))
        else:
            self.mic_test_stop_requested.emit()
            self.mic_meter.setValue(0)


def _double(low: float, high: float, step: float, value: float, name: str) -> QDoubleSpinBox:
    box = QDoubleSpinBox()
    box.setRange(low, high)
    box.setSingleStep(step)
    box.setDecimals(2)
    box.setValue(value)
    box.setAccessibleName(name)
    return box


def _int(low: int, high: int, value: int, name: str) -> QSpinBox:
    box = QSpinBox()
    box.setRange(low, high)
    box.setValue(value)
    box.setAccessibleName(name)
    box.setAlignment(Qt.AlignmentFlag.AlignRight)
    return box


def _mb(n: int) -> str:
    """Disk space in MB, as the window's locale writes numbers ("1,234 MB"; "0.25 MB" below one)."""
    unit = data_size(1_000_000, 0).split(" ", 1)[-1]
    return f"{number(n / 1e6, 0 if n >= 1e6 else 2)} {unit}"


def token_placeholder(has_token: bool) -> str:
    """What the empty token field says (the controller shows it again once the keyring has answered)."""
    return (QCoreApplication.translate("SettingsDialog", "A token is saved; type a new one to replace it") if has_token
            else QCoreApplication.translate("SettingsDialog", "hf_… (only for models that need a Hugging Face login)"))
