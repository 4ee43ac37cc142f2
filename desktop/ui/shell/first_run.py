"""The first start's one question, "Your language": speech, window and voice set in one step.

Until it is answered (`Settings.language_chosen`), each start asks it before the window is built
(desktop/ui/shell/run.py). Asking before the window exists is what lets a different window language apply at once:
every text of the window is translated when its widget is built, so the window built after the answer is already in
the chosen language. The dialog itself is in the language installed at start-up, the system's when the window ships
in it.

Choosing English changes nothing: the bundled English speech model and voice already hear and speak it. Any other
language sets Whisper's language and offers what hearing and speaking it takes and is not on disk yet: a multilingual
Whisper model (the bundled one knows English only) and the language's catalog voice. The offer only lists catalog
entries and their sizes, so it needs no network; the downloads themselves go through the window's download rows
(progress, cancel, resume) once it is built. Declining, or a download that fails, leaves a working app: typing works
in every language, speech input hears English, replies are shown without a voice. A speech model chosen but not
downloaded is offered again at the next start (ModelController), and everything stays in Settings and the model
manager.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

from PySide6.QtCore import QCoreApplication, QLocale, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.context import AppContext
from desktop.core.catalog import Variant
from desktop.core.errors import ChinwagError
from desktop.core.languages import LLAMA_LANGUAGES, OWN_NAMES, voice_for_language
from desktop.ui.shell.window_language import TRANSLATED, data_size, language_label, resolve_language

log = logging.getLogger(__name__)

# The multilingual speech model offered when only English ones are on disk: the catalog's "good balance for German,
# French or Spanish on a laptop" (tiny hears other languages poorly, small is slow on an older laptop).
MULTILINGUAL_WHISPER = "whisper-base"


def system_language(system: QLocale | None = None) -> str:
    """The one of the eight the system's locale speaks, else English (what the list starts on)."""
    code = QLocale.languageToCode((system or QLocale.system()).language())
    return code if code in LLAMA_LANGUAGES else "en"


@dataclass
class LanguagePlan:
    """What choosing `language` sets, and what it would download. Worked out from the catalog and the disk only."""

    language: str
    window_language: str  # the setting to save ("" keeps following the system)
    whisper_model: str  # the speech model to use: the current one, a multilingual one on disk, or the one offered
    voice: str | None  # the language's voice (None: Piper has none), remembered in Settings.voices_by_language
    downloads: list[Variant] = field(default_factory=list)  # not on disk yet: offered, each can be declined

    def needs(self, kind: str) -> Variant | None:
        return next((v for v in self.downloads if v.kind == kind), None)


def plan_language(context: AppContext, language: str, system: QLocale | None = None) -> LanguagePlan:
    settings, catalog, downloader = context.settings, context.catalog, context.downloader
    window = settings.window_language
    if language in ("en", *TRANSLATED):
        # Picking the language the system already gives the window keeps "follow the system"; another one is
        # remembered. A language the window is not translated into leaves the window as it is.
        window = settings.window_language if resolve_language(window, system) == language else language
    if language == "en":
        return LanguagePlan(language, window, settings.whisper_model, None)
    whisper = settings.whisper_model
    downloads: list[Variant] = []
    try:
        current = catalog.get(whisper, "whisper")
    except ChinwagError:
        current = None
    if current is None or not current.extra.get("multilingual"):
        multilingual = [v for v in catalog.variants("whisper") if v.extra.get("multilingual")]
        present = next((v for v in multilingual if downloader.is_downloaded(v)), None)
        if present is not None:
            whisper = present.id
        else:
            wanted = next((v for v in multilingual if v.id == MULTILINGUAL_WHISPER), multilingual[0] if multilingual
                          else None)
            if wanted is not None:
                whisper = wanted.id
                downloads.append(wanted)
    voice = voice_for_language(language, catalog.variants("voice"), settings.voices_by_language)
    if voice is not None and not downloader.is_downloaded(voice):
        downloads.append(voice)
    return LanguagePlan(language, window, whisper, getattr(voice, "id", None), downloads)


@dataclass
class LanguageChoice:
    """The answer: the plan, and the downloads the user left ticked."""

    plan: LanguagePlan
    accepted: list[Variant]


def apply_choice(context: AppContext, choice: LanguageChoice) -> None:
    """Set and save the answer in one step. A speech model or voice that was declined is not set: the bundled
    English one keeps listening, and nothing asks about it at every start."""
    plan, settings = choice.plan, context.settings
    accepted = {v.id for v in choice.accepted}
    settings.language = plan.language
    settings.window_language = plan.window_language
    whisper = plan.needs("whisper")
    if whisper is None or whisper.id in accepted:
        settings.whisper_model = plan.whisper_model
    voice = plan.needs("voice")
    if plan.voice and (voice is None or voice.id in accepted):
        settings.voices_by_language = {**settings.voices_by_language, plan.language: plan.voice}
    settings.language_chosen = True
    try:
        context.save_settings()
    except OSError as error:  # a full or read-only disk: the answer holds for this run, the window says why
        log.warning("the language choice could not be saved: %s", error)
        context.warnings.append(QCoreApplication.translate(
            "LanguageDialog", "Your settings could not be saved ({error}); the language is asked again at the next "
            "start.").format(error=error))


class LanguageDialog(QDialog):
    """"Your language": the eight languages, each in itself, the system's selected; what choosing one downloads."""

    def __init__(self, context: AppContext, system: QLocale | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.system = system
        self.plan: LanguagePlan | None = None
        self.setWindowTitle(self.tr("Chinwag: your language"))
        self.setAccessibleName(self.tr("Your language"))
        heading = QLabel(self.tr("Your language"), self)
        font = heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        heading.setFont(font)
        intro = QLabel(self.tr("Chinwag listens, answers and reads replies aloud in the language you choose."), self)
        intro.setWordWrap(True)
        self.languages = QListWidget(self)
        self.languages.setAccessibleName(self.tr("Languages"))
        for code in LLAMA_LANGUAGES:
            item = QListWidgetItem(OWN_NAMES[code], self.languages)
            item.setData(Qt.ItemDataRole.UserRole, code)
        self.languages.setMaximumHeight(self.languages.sizeHintForRow(0) * (len(LLAMA_LANGUAGES) + 1))
        self.offer_label = QLabel(self)
        self.offer_label.setWordWrap(True)
        self.offer_boxes: list[QCheckBox] = []
        self.offer_layout = QVBoxLayout()
        self.note = QLabel(self)
        self.note.setWordWrap(True)
        self.note.setAccessibleName(self.tr("What changes"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok, self)
        buttons.accepted.connect(self.accept)
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setDefault(True)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(intro)
        layout.addWidget(self.languages)
        layout.addWidget(self.offer_label)
        layout.addLayout(self.offer_layout)
        layout.addWidget(self.note)
        layout.addWidget(buttons)
        self.languages.currentItemChanged.connect(lambda _item, _old: self._show_plan())
        start = system_language(system)
        self.languages.setCurrentRow(LLAMA_LANGUAGES.index(start))
        self.languages.setFocus()
        self.resize(440, self.sizeHint().height())

    def language(self) -> str:
        item = self.languages.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item is not None else "en"

    def offered(self) -> list[Variant]:
        """What the offer lists now (ticked or not)."""
        return list(self.plan.downloads) if self.plan is not None else []

    def choice(self) -> LanguageChoice:
        assert self.plan is not None
        accepted = [v for v, box in zip(self.plan.downloads, self.offer_boxes, strict=True) if box.isChecked()]
        return LanguageChoice(self.plan, accepted)

    def _show_plan(self) -> None:
        language = self.language()
        self.plan = plan_language(self.context, language, self.system)
        for box in self.offer_boxes:
            self.offer_layout.removeWidget(box)
            box.deleteLater()
        self.offer_boxes = []
        name = language_label(language)
        self.offer_label.setText(self.tr("To hear and speak {language}, Chinwag downloads:").format(language=name))
        self.offer_label.setVisible(bool(self.plan.downloads))
        for variant in self.plan.downloads:
            size = data_size((variant.approx_mb or 0) * 1e6)
            box = QCheckBox(self.tr("{name} ({size})").format(name=variant.label, size=size), self)
            box.setChecked(True)
            box.setAccessibleName(variant.label)
            box.toggled.connect(lambda _on: self._show_note())
            self.offer_layout.addWidget(box)
            box.show()  # at once, not at the layout's next pass: the offer is what the reader looks at now
            self.offer_boxes.append(box)
        self._show_note()

    def _show_note(self) -> None:
        """What the answer changes, and what declining a download means: said before OK, not found out later."""
        plan = self.plan
        assert plan is not None
        name = language_label(plan.language)
        lines = []
        if plan.language not in ("en", *TRANSLATED):
            lines.append(self.tr("The window is not translated into {language} yet; it stays as it is.").format(
                language=name))
        elif resolve_language(plan.window_language, self.system) != resolve_language(
                self.context.settings.window_language, self.system):
            lines.append(self.tr("The window will be in {language}.").format(language=name))
        ticked = {v.id for v, box in zip(plan.downloads, self.offer_boxes, strict=True) if box.isChecked()}
        whisper, voice = plan.needs("whisper"), plan.needs("voice")
        if whisper is not None and whisper.id not in ticked:
            lines.append(self.tr("Without the speech model, speech input understands English only; typing works in "
                                 "every language."))
        if plan.language != "en" and plan.voice is None:
            lines.append(self.tr("There is no voice for {language} yet: replies are shown, not read aloud.").format(
                language=name))
        elif voice is not None and voice.id not in ticked:
            lines.append(self.tr("Without the voice, replies in {language} are shown, not read aloud.").format(
                language=name))
        if plan.downloads and len(ticked) < len(plan.downloads):
            lines.append(self.tr("You can download them later with the Models button (Ctrl+M)."))
        elif ticked:
            lines.append(self.tr("The downloads run in the window, and Chinwag works meanwhile."))
        self.note.setText("\n".join(lines))
        self.note.setVisible(bool(lines))
