"""The first start's "Your language" (issue 19 §5): asked before the window is built, answered with the keyboard, and
what the answer sets, saves and offers to download. No network anywhere (the context's hub endpoint is a closed port):
the offer is worked out from the catalog and the disk, so it holds offline.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import QApplication

from desktop.context import AppContext
from desktop.core.settings import SettingsStore
from desktop.ui.shell import window_language
from desktop.ui.shell.first_run import LanguageChoice, LanguageDialog, apply_choice, plan_language, system_language
from desktop.ui.shell.run import WindowStart
from tests.ui.conftest import OFFLINE, make_context

pytestmark = pytest.mark.gui

EIGHT = ["English", "Deutsch", "Français", "Italiano", "Português", "हिन्दी", "Español", "ไทย"]


@pytest.fixture
def fresh(app_paths) -> AppContext:  # noqa: ANN001
    """A first start: the question not answered yet, otherwise the fast test settings."""
    return make_context(app_paths, language_chosen=False)


@pytest.fixture
def compiled(tmp_path: Path) -> Iterator[Path]:
    """The window's translations compiled from the .ts sources now; English again afterwards."""
    from tests.ui.test_translations import SHIPPED, _script

    script = _script()
    folder = tmp_path / "qm"
    for language in SHIPPED:
        script.lrelease(script.ts_file(language), folder)
    window_language.uninstall_translations()
    yield folder
    window_language.uninstall_translations()


def _dialog(qtbot, context: AppContext, system: str) -> LanguageDialog:  # noqa: ANN001
    dialog = LanguageDialog(context, QLocale(system))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def _visible_offer(dialog: LanguageDialog) -> list[str]:
    return [box.accessibleName() for box in dialog.offer_boxes if box.isVisible()]


# ---- the dialog alone (no model is loaded) ----------------------------------------------------------------------


def test_the_system_locale_selects_the_language_and_each_is_named_in_itself(qtbot, fresh: AppContext) -> None:  # noqa: ANN001
    assert system_language(QLocale("pt_BR")) == "pt"
    assert system_language(QLocale("ja_JP")) == "en"  # not one of the eight: English
    dialog = _dialog(qtbot, fresh, "es_MX")
    assert [dialog.languages.item(i).text() for i in range(dialog.languages.count())] == EIGHT
    assert dialog.language() == "es" and dialog.focusWidget() is dialog.languages  # arrows and Enter at once
    dialog = _dialog(qtbot, fresh, "en_GB")
    assert dialog.language() == "en"
    assert _visible_offer(dialog) == [] and not dialog.offer_label.isVisible()  # English needs nothing


def test_a_language_without_a_voice_offers_the_speech_model_and_says_replies_are_shown(qtbot, fresh) -> None:  # noqa: ANN001
    dialog = _dialog(qtbot, fresh, "hi_IN")
    assert dialog.language() == "hi"
    assert [v.id for v in dialog.offered()] == ["whisper-base"]
    assert "no voice" in dialog.note.text() and "not translated" in dialog.note.text()
    # Declining the speech model says what that means before OK is pressed.
    dialog.offer_boxes[0].click()
    assert "English only" in dialog.note.text() and "Ctrl+M" in dialog.note.text()
    assert dialog.choice().accepted == []


def test_a_multilingual_model_already_on_disk_is_used_not_offered(fresh: AppContext, monkeypatch) -> None:  # noqa: ANN001
    on_disk = {"whisper-tiny", "whisper-tiny.en", "piper-joe-us-medium"}
    monkeypatch.setattr(fresh.downloader, "is_downloaded", lambda variant: variant.id in on_disk)
    plan = plan_language(fresh, "fr", QLocale("en_US"))
    assert plan.whisper_model == "whisper-tiny" and plan.window_language == "fr"
    assert [v.id for v in plan.downloads] == ["piper-siwis-fr-medium"]
    # English on a German system: the window is set to English; nothing to download, the speech model kept.
    plan = plan_language(fresh, "en", QLocale("de_DE"))
    assert (plan.window_language, plan.whisper_model, plan.voice, plan.downloads) == ("en", "whisper-tiny.en", None,
                                                                                      [])


def test_an_answer_that_cannot_be_saved_still_holds_for_this_run(fresh: AppContext, monkeypatch) -> None:  # noqa: ANN001
    def full_disk() -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(fresh, "save_settings", full_disk)
    plan = plan_language(fresh, "es", QLocale("en_US"))
    apply_choice(fresh, LanguageChoice(plan, []))  # every download declined
    s = fresh.settings
    assert (s.language, s.window_language, s.language_chosen) == ("es", "es", True)
    assert s.whisper_model == "whisper-tiny.en" and s.voices_by_language == {}  # declined: not set
    assert "could not be saved" in fresh.warnings[-1]  # shown as a notice once the window is up


# ---- the real start: the dialog, then the window it builds ----------------------------------------------------


def _start(context: AppContext, system: str, compiled: Path) -> WindowStart:
    start = WindowStart(context, system=QLocale(system), translations=compiled)
    start.begin()
    return start


def test_first_start_in_german_chosen_with_the_keyboard(open_window, qtbot, fresh, app_paths, compiled,  # noqa: ANN001
                                                       starter_gguf, whisper_dir, monkeypatch) -> None:
    monkeypatch.setenv("HF_ENDPOINT", OFFLINE)
    start = _start(fresh, "fr_FR", compiled)
    assert start.controller is None, "the window is built after the answer"
    dialog = start.dialog
    qtbot.waitExposed(dialog)
    assert dialog.language() == "fr"  # from the system's locale
    qtbot.keyClick(dialog.languages, Qt.Key.Key_Up)  # Français -> Deutsch
    assert dialog.language() == "de"
    assert [v.id for v in dialog.offered()] == ["whisper-base", "piper-thorsten-de-medium"]
    assert _visible_offer(dialog) == ["Whisper base · multilingual", "Thorsten · German · Piper"]
    assert all(box.isChecked() for box in dialog.offer_boxes)
    qtbot.keyClick(dialog.languages, Qt.Key.Key_Return)  # OK is the default button
    qtbot.waitUntil(lambda: start.controller is not None)
    settings = fresh.settings
    assert (settings.language, settings.window_language, settings.whisper_model) == ("de", "de", "whisper-base")
    assert settings.voices_by_language == {"de": "piper-thorsten-de-medium"} and settings.language_chosen
    saved = SettingsStore(app_paths.settings_file).load()
    assert (saved.language, saved.window_language, saved.language_chosen) == ("de", "de", True)
    window = open_window(fresh, start.controller)
    assert window.view.settings_button.text() == "Einstellungen"  # the window came up in German at once
    # Both downloads went to the window's download rows (offline here: they fail there, the window works on).
    assert {"whisper-base", "piper-thorsten-de-medium"} <= set(window.view.downloads.rows)
    assert window.c.models.loaded_whisper == "whisper-tiny.en"  # hears English meanwhile
    qtbot.waitUntil(lambda: not window.c.downloads.running and not window.c.downloads.queued(), timeout=60_000)
    assert {row.state for row in window.view.downloads.rows.values()} == {"failed"}  # no network: Retry is there
    assert SettingsStore(app_paths.settings_file).load().whisper_model == "whisper-base"  # offered again next start
    window.close()
    qtbot.waitUntil(lambda: window.c.closed_cleanly is not None)

    again = _start(AppContext.build(paths=app_paths, hub_endpoint=OFFLINE), "fr_FR", compiled)
    assert again.dialog is None and again.controller is not None  # answered once: never asked again
    open_window(again.context, again.controller)


def test_choosing_english_offers_nothing_and_changes_nothing_else(open_window, qtbot, fresh, compiled,  # noqa: ANN001
                                                                 starter_gguf, whisper_dir) -> None:
    before = dataclasses.asdict(fresh.settings)
    start = _start(fresh, "en_US", compiled)
    qtbot.waitExposed(start.dialog)
    assert start.dialog.language() == "en" and start.dialog.offered() == []
    qtbot.keyClick(start.dialog.languages, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: start.controller is not None)
    after = dataclasses.asdict(fresh.settings)
    assert after.pop("language_chosen") is True and before.pop("language_chosen") is False
    assert after == before
    window = open_window(fresh, start.controller)
    assert window.view.downloads.rows == {}  # nothing was offered, so nothing downloads
    assert window.view.settings_button.text() == "Settings"


@pytest.mark.parametrize("how", ["escape", "close"])
def test_escape_or_closing_keeps_the_defaults_and_asks_once_per_run(how: str, open_window, qtbot, fresh, app_paths,  # noqa: ANN001
                                                                   compiled, starter_gguf, whisper_dir) -> None:
    before = dataclasses.asdict(fresh.settings)
    quits = QApplication.quitOnLastWindowClosed()
    start = _start(fresh, "de_DE", compiled)
    qtbot.waitExposed(start.dialog)
    assert start.dialog.language() == "de"
    if how == "escape":
        qtbot.keyClick(start.dialog.languages, Qt.Key.Key_Escape)
    else:
        start.dialog.close()
    qtbot.waitUntil(lambda: start.controller is not None)
    assert dataclasses.asdict(fresh.settings) == before  # the defaults, unanswered: asked at the next start
    assert QApplication.quitOnLastWindowClosed() == quits  # put back once the window is there
    window = open_window(fresh, start.controller)
    assert not any(isinstance(w, LanguageDialog) and w.isVisible() for w in QApplication.topLevelWidgets())
    assert window.view.settings_button.text() == "Settings"  # the window stays in the language it started in
    assert SettingsStore(app_paths.settings_file).load().language_chosen is False
