"""The window in other languages (issue 19, "Reading"): the shipped .ts files are complete and up to date with the
code, and the real window in German shows no English text, cuts no label or button short (in English either), uses
Qt's own German for standard buttons, and writes numbers the German way.

The .ts files: desktop/ui/i18n/chinwag_<lang>.ts, kept up to date by `scripts/translations.py update`.
"""

from __future__ import annotations

import importlib.util
import re
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale
from PySide6.QtGui import Qt, QTextDocument  # QtGui's Qt has mightBeRichText
from PySide6.QtWidgets import (
    QAbstractButton,
    QCheckBox,
    QDialogButtonBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QProgressBar,
    QRadioButton,
    QSizePolicy,
    QStyle,
    QTabWidget,
    QWidget,
)

from desktop.ui.shell import window_language
from tests.conftest import ROOT
from tests.ui.conftest import make_context

pytestmark = pytest.mark.gui

SHIPPED = ("en", "de", "fr", "es")  # "en": the plural forms only


def _script():  # noqa: ANN202 - scripts/translations.py as a module
    name = "chinwag_translations_script"
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(name, ROOT / "scripts" / "translations.py")
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module  # its dataclasses look their module up there
        spec.loader.exec_module(module)
    return sys.modules[name]


# ---- the .ts files --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("language", SHIPPED)
def test_every_shipped_translation_is_complete(language: str) -> None:
    """No unfinished or empty translation, and every {placeholder} and %n of the English text kept."""
    script = _script()
    ts = script.ts_file(language)
    assert ts.is_file(), f"{ts} is missing: run scripts/translations.py update"
    assert script.messages(ts), f"{ts} holds no texts"
    problems = script.problems(ts)
    assert problems == [], f"{len(problems)} to do in {ts.name}:\n" + "\n".join(problems[:40])


@pytest.mark.parametrize("language", SHIPPED)
def test_every_text_of_the_window_is_in_the_shipped_translation(language: str, tmp_path: Path) -> None:
    """lupdate over the code now, into a fresh file: every text it finds must be in the shipped .ts. A text added
    (or changed) in the code without `scripts/translations.py update` and a translation fails here."""
    script = _script()
    fresh = {m.key for m in script.extract(tmp_path / f"fresh_{language}.ts", language)}
    shipped = {m.key for m in script.messages(script.ts_file(language))}
    missing = sorted(fresh - shipped)
    assert missing == [], f"{len(missing)} texts are not in {script.ts_file(language).name}: " + "; ".join(
        f"{context}: {source!r}" for context, source in missing[:30])
    if language != "en":
        assert len(fresh) > 400  # the whole window, not a few stray texts


def test_the_tools_come_with_pyside6_and_build_offline(tmp_path: Path) -> None:
    script = _script()
    built = [script.lrelease(script.ts_file(language), tmp_path) for language in SHIPPED]
    assert all(qm.is_file() and qm.stat().st_size > 0 for qm in built)
    assert built[1].stat().st_size > 20_000  # German: every text


# ---- the language chosen, and the locale ------------------------------------------------------------------------


def test_the_window_language_follows_the_setting_else_the_system() -> None:
    german_system, japanese_system = QLocale("de_AT"), QLocale("ja_JP")
    assert window_language.resolve_language("fr", german_system) == "fr"
    assert window_language.resolve_language("", german_system) == "de"
    assert window_language.resolve_language("", japanese_system) == "en"  # not shipped: English
    assert window_language.resolve_language("xx", QLocale("es_MX")) == "es"  # an unknown setting follows the system
    # Numbers and dates: the system's own locale where it speaks the language, else the language's usual one.
    assert window_language.locale_for("de", german_system).name() == "de_AT"
    assert window_language.locale_for("de", japanese_system).name() == "de_DE"
    assert window_language.locale_for("en", QLocale("C")).name() == "en_US"


def test_numbers_and_sizes_follow_the_locale(qapp) -> None:  # noqa: ANN001
    try:
        QLocale.setDefault(QLocale("de_DE"))
        assert window_language.number(4096) == "4.096"
        assert window_language.data_size(808_000_000) == "808 MB"
        assert window_language.data_size(1_234_000_000) == "1,23 GB"
        assert window_language.megabytes(200_000_000) == "200,0 MB"
        QLocale.setDefault(QLocale("fr_FR"))
        assert window_language.data_size(808_000_000) == "808 Mo"
        QLocale.setDefault(QLocale("C"))  # a bare system writes numbers the English way
        assert window_language.number(4096) == "4,096"
        assert window_language.data_size(8_080_000) == "8.1 MB"
        assert window_language.duration(60) == "1 min 00 s"
    finally:
        QLocale.setDefault(QLocale.system())


def test_a_missing_translation_leaves_the_window_in_english(qapp, tmp_path: Path) -> None:  # noqa: ANN001
    try:
        assert window_language.install_translations("de", folder=tmp_path) == "en"
    finally:
        window_language.uninstall_translations()


# ---- the real window ------------------------------------------------------------------------------------------


@pytest.fixture
def compiled(tmp_path: Path) -> Path:
    """The .qm files of the .ts sources as they are now (what the Makefile and build.spec compile)."""
    script = _script()
    folder = tmp_path / "qm"
    for language in SHIPPED:
        script.lrelease(script.ts_file(language), folder)
    return folder


@pytest.fixture
def language(request: pytest.FixtureRequest, compiled: Path, qapp) -> Iterator[str]:  # noqa: ANN001
    """Installed before the window is built, as desktop/ui/shell/run.py does; English again afterwards."""
    window_language.uninstall_translations()
    chosen = window_language.install_translations(request.param, folder=compiled)
    assert chosen == request.param
    yield chosen
    window_language.uninstall_translations()


def _german() -> dict[str, str]:
    """English text -> German, for the texts whose German differs in every context (a word the same in both, like
    "Code" or "Hub", or the same in one place, is allowed to show)."""
    script = _script()
    seen: dict[str, set[bool]] = {}
    german: dict[str, str] = {}
    for m in script.messages(script.ts_file("de")):
        if m.plural:
            continue
        seen.setdefault(m.source, set()).add(m.translations[0] != m.source)
        german[m.source] = m.translations[0]
    return {source: german[source] for source, differs in seen.items() if differs == {True}}


def _pattern(source: str) -> re.Pattern[str] | None:
    """An English text with {placeholders} as a pattern for what it looks like filled in (None when the fixed part
    is too short to tell it apart)."""
    parts = re.split(r"\{[A-Za-z_]+\}", source)
    if len(parts) == 1 or len(re.sub(r"[^A-Za-z]", "", "".join(parts))) < 4:
        return None
    return re.compile("^" + ".+".join(re.escape(p) for p in parts) + "$", re.DOTALL)


def _visible(root: QWidget) -> list[QWidget]:
    return [w for w in [root, *root.findChildren(QWidget)] if w.isVisible() and w.window() is root]


def _texts(root: QWidget) -> list[tuple[str, str]]:
    """(what, text) of everything the reader sees in `root` now."""
    out = [("window title", root.windowTitle())]
    for w in _visible(root):
        if isinstance(w, QLabel) and w.text():
            doc = QTextDocument()
            doc.setHtml(w.text()) if Qt.mightBeRichText(w.text()) else doc.setPlainText(w.text())
            out.append((f"label {w.accessibleName()!r}", doc.toPlainText().strip()))
        elif isinstance(w, QAbstractButton) and w.text():
            out.append((f"button {w.accessibleName()!r}", w.text()))
            menu = getattr(w, "menu", lambda: None)()  # push and tool buttons may carry a menu
            if menu is not None:
                out += [(f"menu of {w.text()!r}", a.text()) for a in menu.actions() if a.text()]
        elif isinstance(w, QGroupBox):
            out.append(("group box", w.title()))
        elif isinstance(w, (QLineEdit, QPlainTextEdit)) and w.placeholderText() and not (
                w.text() if isinstance(w, QLineEdit) else w.toPlainText()):
            out.append((f"placeholder of {w.accessibleName()!r}", w.placeholderText()))
        elif isinstance(w, QProgressBar) and w.isTextVisible() and w.text():
            out.append((f"progress bar {w.accessibleName()!r}", w.text()))
        elif isinstance(w, QTabWidget):
            out += [("tab", w.tabText(i)) for i in range(w.count())]
    return [(what, text) for what, text in out if text]


def _english_left(texts: list[tuple[str, str]]) -> list[str]:
    german = _german()
    patterns = [(p, source) for source in german if (p := _pattern(source)) is not None]
    left = []
    for what, text in texts:
        for candidate in {text, text.replace("&", "")}:
            if candidate in german or candidate in {s.replace("&", "") for s in german if "&" in s}:
                left.append(f"{what}: {text!r}")
                break
            hit = next((source for p, source in patterns if p.match(candidate)), None)
            if hit is not None:
                left.append(f"{what}: {text!r} (English {hit!r})")
                break
    return left


def _cut_short(root: QWidget) -> list[str]:
    """Labels (not word-wrapped, not meant to give way) and buttons narrower than their text, and progress bars
    narrower than the text drawn in them."""
    cut = []
    for w in _visible(root):
        metrics = w.fontMetrics()
        if isinstance(w, QLabel) and w.text() and not w.wordWrap() and w.pixmap().isNull():
            if w.sizePolicy().horizontalPolicy() == QSizePolicy.Policy.Ignored:
                continue  # made to give way (the conversation's system prompt; the whole text is its tooltip)
            if Qt.mightBeRichText(w.text()):
                doc = QTextDocument()
                doc.setDefaultFont(w.font())
                doc.setDocumentMargin(0)
                doc.setHtml(w.text())
                need = doc.idealWidth()
            else:
                shown = re.sub(r"&(.)", r"\1", w.text())  # a mnemonic's "&" is not drawn
                need = max(metrics.horizontalAdvance(line) for line in shown.split("\n"))
            have = w.contentsRect().width() - 2 * w.margin() - max(w.indent(), 0)
            if have + 1 < need:
                cut.append(f"label {w.text()!r}: {have} px for {need:.0f}")
        elif isinstance(w, QAbstractButton) and w.text():
            need = metrics.horizontalAdvance(w.text().replace("&", ""))
            if not w.icon().isNull():
                need += w.iconSize().width() + 2
            if isinstance(w, (QCheckBox, QRadioButton)):
                style = w.style()
                need += style.pixelMetric(QStyle.PixelMetric.PM_IndicatorWidth, None, w) + style.pixelMetric(
                    QStyle.PixelMetric.PM_CheckBoxLabelSpacing, None, w)
            if w.width() < need:
                cut.append(f"button {w.text()!r}: {w.width()} px for {need}")
        elif isinstance(w, QProgressBar) and w.isTextVisible() and w.text():
            need = metrics.horizontalAdvance(w.text())
            if w.width() < need + 8:
                cut.append(f"progress bar {w.text()!r}: {w.width()} px for {need}")
    return cut


def _open(open_window, app_paths: Path, language: str):  # noqa: ANN001, ANN202
    window = open_window(make_context(app_paths, window_language=language))
    assert window.context.settings.window_language == language
    window.view.notices.dismiss()
    window.view.resize(1100, 760)  # the window's default size (MainWindow)
    done = window.type_and_send("Hallo! Wie heißt du?" if language == "de" else "Hello! What is your name?")
    assert done is not None and done.reply.strip()
    window.qtbot.wait(50)  # the layout after the reply
    return window


@pytest.mark.parametrize("language", ["de"], indirect=True)
def test_the_german_window_shows_no_english(language: str, open_window, app_paths, starter_gguf, whisper_dir,
                                            qtbot) -> None:
    window = _open(open_window, app_paths, language)
    view, c = window.view, window.c
    texts = _texts(view)
    assert ("button 'Einstellungen öffnen'", "Einstellungen") in texts
    # The menus: the sidebar's export menu and the tray's (its actions exist with or without a tray).
    texts += [("tray menu", a.text()) for a in c.tray.menu.actions() if a.text()]
    texts += [("export menu", a.text()) for a in view.sidebar.export_button.menu().actions()]
    assert _english_left(texts) == []
    # Numbers the German way: the context meter counts with a German thousands separator.
    assert re.fullmatch(r"Kontext: \d+ / 2\.048 Tokens", view.header.meter.text()), view.header.meter.text()
    assert "Sie" in [m.who.text() for m in window.messages()]

    dialog = c.settings.open()
    qtbot.waitExposed(dialog)
    tabs = dialog.findChildren(QTabWidget)
    for tab in tabs or [None]:  # every page of a tabbed dialog, one after the other
        for index in range(tab.count() if tab is not None else 1):
            if tab is not None:
                tab.setCurrentIndex(index)
                qtbot.wait(20)
            assert _english_left(_texts(dialog)) == []
            assert _cut_short(dialog) == []
    assert dialog.windowTitle() == "Einstellungen von Chinwag"
    names = [dialog.window_language.itemText(i) for i in range(dialog.window_language.count())]
    assert names == ["Sprache des Systems", "English", "Deutsch", "Français", "Español"]  # each in itself
    # Qt's own standard buttons, from qtbase_de.qm.
    buttons = dialog.findChild(QDialogButtonBox)
    assert buttons.button(QDialogButtonBox.StandardButton.Cancel).text().replace("&", "") == "Abbrechen"
    dialog.reject()


@pytest.mark.parametrize("language", ["en", "de", "fr", "es"], indirect=True)
def test_nothing_is_cut_short_at_the_default_size(language: str, open_window, app_paths, starter_gguf, whisper_dir,
                                                 qtbot) -> None:
    """Every visible label and button of the window shows its whole text at the default size, in English and in
    German (the context meter was cut in English: "xt: 58 / 4,096 to")."""
    window = _open(open_window, app_paths, language)
    assert _cut_short(window.view) == []
    meter = window.view.header.meter
    assert meter.text().startswith({"en": "context: ", "de": "Kontext: ", "fr": "contexte", "es": "contexto"}[language])
    assert meter.width() >= meter.fontMetrics().horizontalAdvance(meter.text()) + 8
    if language == "en":
        assert re.fullmatch(r"context: \d+ / 2,048 tokens", meter.text()), meter.text()
    # The Settings dialog, every page: French and Spanish run longest.
    dialog = window.c.settings.open()
    qtbot.waitExposed(dialog)
    for tab in dialog.findChildren(QTabWidget) or [None]:
        for index in range(tab.count() if tab is not None else 1):
            if tab is not None:
                tab.setCurrentIndex(index)
                qtbot.wait(20)
            assert _cut_short(dialog) == []
    dialog.reject()


def test_the_window_language_is_a_setting_that_applies_at_the_next_start(open_window, app_paths, starter_gguf,
                                                                       whisper_dir, qtbot) -> None:
    window = open_window(make_context(app_paths))
    dialog = window.c.settings.open()
    assert dialog.window_language.currentData() == ""  # follows the system by default
    assert "restarts" in dialog.window_language_note.text()
    dialog.window_language.setCurrentIndex(dialog.window_language.findData("de"))
    dialog.accept()
    assert window.context.settings.window_language == "de"
    assert "restarts" in window.view.status.currentMessage()
    assert window.view.settings_button.text() == "Settings"  # this run stays in its language
    from desktop.core.settings import SettingsStore

    assert SettingsStore(app_paths.settings_file).load().window_language == "de"
