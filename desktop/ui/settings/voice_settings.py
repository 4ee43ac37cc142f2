"""The Settings dialog's "Voice and conversation" box: which voice reads replies, and which one each language's
replies, how fast and loud, through which output device; live transcription; conversation mode. A voice that is not
downloaded yet downloads on OK, like a speech model; "Test voice" reads a sentence with what is chosen, before
anything is saved."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QPushButton,
    QSpinBox,
    QWidget,
)

from desktop.core.languages import LLAMA_LANGUAGES
from desktop.core.settings import Settings
from desktop.ui.models.model_picker import ModelChoice, ModelPicker
from desktop.ui.settings.form_rows import add_field_row
from desktop.ui.shell.window_language import language_label

_HOST_API_ROLE = Qt.ItemDataRole.UserRole + 1
TEST_SENTENCE = "Hello! This is how I sound when I read a reply."


class VoiceBox(QGroupBox):
    # voice id, speed, volume, output device name (None: the default), host API (or None)
    test_requested = Signal(str, float, float, object, object)

    def __init__(self, settings: Settings, voices: list[ModelChoice], speakers: list[tuple[str, str]],
                 speaker_error: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Voice and conversation"))
        self.voice = ModelPicker(self.tr("Voice"), self)
        self.voice.set_choices(voices, settings.voice)
        self.voice_info = QLabel(self)
        self.voice_info.setWordWrap(True)
        self.voice_info.setAccessibleName(self.tr("Voice information"))
        # A voice for each language the voices speak (issue 19): a reply is read by the voice of its language.
        # "Automatic" (nothing saved for it): the voice above when it speaks that language, else its first voice.
        # They sit in a small dialog of their own behind one button, so that Settings keeps its size; what is chosen
        # there is saved with the rest on OK.
        self._kept_choices = dict(settings.voices_by_language)
        self.language_voices: dict[str, ModelPicker] = {}
        self.languages_dialog = QDialog(self)
        self.languages_dialog.setWindowTitle(self.tr("Voice for each language"))
        spoken = {c.language for c in voices if c.language}
        order = [code for code in LLAMA_LANGUAGES if code in spoken] + sorted(spoken - set(LLAMA_LANGUAGES))
        for code in order:
            name = language_label(code)
            picker = ModelPicker(self.tr("Voice for {language}").format(language=name), self.languages_dialog)
            picker.set_choices([c for c in voices if c.language == code], None)
            picker.insertItem(0, self.tr("Automatic"), "")
            picker.setItemData(0, self.tr("The voice above when it speaks {language}, else the first voice for "
                                          "{language}").format(language=name), Qt.ItemDataRole.ToolTipRole)
            picker.setCurrentIndex(max(0, picker.findData(settings.voices_by_language.get(code, ""))))
            self.language_voices[code] = picker
        note = QLabel(self.tr("Each reply is read by the voice of its language:"), self.languages_dialog)
        note.setWordWrap(True)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self.languages_dialog)
        close.rejected.connect(self.languages_dialog.accept)
        languages_form = QFormLayout(self.languages_dialog)
        languages_form.addRow(note)
        for code, picker in self.language_voices.items():
            languages_form.addRow(language_label(code), picker)
        languages_form.addRow(close)
        self.languages_button = QPushButton(self.tr("Voice for each language…"), self)
        self.languages_button.setToolTip(self.tr("Which voice reads replies in German, French, Spanish…"))
        self.languages_button.setVisible(bool(self.language_voices))
        self.languages_button.clicked.connect(self.languages_dialog.open)
        self.speed = QDoubleSpinBox(self)
        self.speed.setAccessibleName(self.tr("Speaking speed"))
        self.speed.setRange(0.5, 2.0)
        self.speed.setSingleStep(0.1)
        self.speed.setDecimals(2)
        self.speed.setSuffix(" ×")
        self.speed.setValue(settings.speech_speed)
        self.volume = QSpinBox(self)
        self.volume.setAccessibleName(self.tr("Speaking volume"))
        self.volume.setRange(0, 100)
        self.volume.setSuffix(" %")
        self.volume.setValue(round(settings.speech_volume * 100))
        # Remembered by name and host API, like the microphone (one device can be listed under several host APIs).
        self.output = QComboBox(self)
        self.output.setAccessibleName(self.tr("Speaker (output device)"))
        self.output.addItem(self.tr("System default"), None)
        names = [name for name, _api in speakers]
        for name, host_api in speakers:
            label = f"{name}  ({host_api})" if names.count(name) > 1 else name
            self.output.addItem(label, name)
            self.output.setItemData(self.output.count() - 1, host_api, _HOST_API_ROLE)
        if settings.output_device and not self._select_output(settings.output_device, settings.output_host_api):
            # Remembered but not connected now: kept (it is used again once it is back), shown as such.
            self.output.addItem(self.tr("{name} (not connected)").format(name=settings.output_device),
                                settings.output_device)
            self.output.setItemData(self.output.count() - 1, settings.output_host_api, _HOST_API_ROLE)
            self.output.setCurrentIndex(self.output.count() - 1)
        self.output_status = QLabel(speaker_error, self)
        self.output_status.setWordWrap(True)
        self.output_status.setAccessibleName(self.tr("Voice test status"))
        self.test_button = QPushButton(self.tr("Test voice"), self)
        self.test_button.setAccessibleName(self.tr("Test the voice"))
        self.test_button.setToolTip(self.tr("Read a sentence with this voice, speed, volume and speaker"))
        self.live = QCheckBox(self.tr("Show what I say while I hold the key"), self)
        self.live.setChecked(settings.live_transcript)
        self.conversation = QCheckBox(self.tr("Conversation mode: after a spoken reply, listen for the next question "
                                              "without a key (Esc leaves it)"), self)
        self.conversation.setChecked(settings.conversation_mode)
        self.end_of_speech = QDoubleSpinBox(self)
        self.end_of_speech.setAccessibleName(self.tr("Silence that ends a question"))
        self.end_of_speech.setRange(0.3, 3.0)
        self.end_of_speech.setSingleStep(0.1)
        self.end_of_speech.setDecimals(1)
        self.end_of_speech.setSuffix(self.tr(" s of silence"))
        self.end_of_speech.setValue(settings.end_of_speech_s)

        form = QFormLayout(self)
        form.addRow(self.tr("&Voice"), self.voice)
        form.addRow("", self.voice_info)
        if self.language_voices:
            form.addRow("", self.languages_button)
        form.addRow(self.tr("Spee&d"), self.speed)
        form.addRow(self.tr("&Volume"), self.volume)
        add_field_row(form, self.tr("Spea&ker"), self.output, self.test_button)
        form.addRow("", self.output_status)
        form.addRow("", self.live)
        form.addRow("", self.conversation)
        form.addRow(self.tr("A question &ends after"), self.end_of_speech)
        self.voice.currentIndexChanged.connect(self._voice_changed)
        self.test_button.clicked.connect(self._test)
        self._voice_changed()

    def values(self) -> dict[str, object]:
        """The settings fields this box edits, as chosen."""
        return {
            "voice": self.voice.current_id() or Settings.voice,
            "voices_by_language": self.voices_by_language(),
            "speech_speed": round(self.speed.value(), 2),
            "speech_volume": self.volume.value() / 100,
            "output_device": self.output.currentData(),
            "output_host_api": self.output.currentData(_HOST_API_ROLE) or None,
            "live_transcript": self.live.isChecked(),
            "conversation_mode": self.conversation.isChecked(),
            "end_of_speech_s": round(self.end_of_speech.value(), 1),
        }

    def voices_by_language(self) -> dict[str, str]:
        """The voice chosen for each language ("Automatic" leaves a language out); choices for languages no voice
        in the list speaks any more are kept as they were."""
        chosen = {code: voice for code, voice in self._kept_choices.items() if code not in self.language_voices}
        for code, picker in self.language_voices.items():
            if picker.current_id():
                chosen[code] = str(picker.current_id())
        return chosen

    def show_test_status(self, text: str) -> None:
        self.output_status.setText(text)

    def _select_output(self, name: str, host_api: str | None) -> bool:
        named = [i for i in range(self.output.count()) if self.output.itemData(i) == name]
        exact = [i for i in named if host_api and self.output.itemData(i, _HOST_API_ROLE) == host_api]
        if not named:
            return False
        self.output.setCurrentIndex((exact or named)[0])
        return True

    def _voice_changed(self, *_args: object) -> None:
        choice = self.voice.choice(self.voice.current_id())
        if choice is None:
            return
        self.voice_info.setText(choice.info(self.tr("replies are read with the current voice")))
        self.test_button.setEnabled(choice.downloaded)

    def _test(self) -> None:
        values = self.values()
        self.show_test_status(self.tr("Speaking…"))
        self.test_requested.emit(values["voice"], values["speech_speed"], values["speech_volume"],
                                 values["output_device"], values["output_host_api"])
