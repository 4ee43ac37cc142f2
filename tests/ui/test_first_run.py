"""The first start's "Your language" (issue 19 §5): asked before the window is built, answered with the keyboard, and
what the answer sets, saves and offers to download. No network anywhere (the context's hub endpoint is a closed port):
the offer is worked out from the catalog and the disk, so it holds offline.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QLocale

from desktop.context import AppContext
from desktop.ui.shell.first_run import LanguageDialog, plan_language, system_language
from tests.ui.conftest import make_context

pytestmark = pytest.mark.gui

EIGHT = ["English", "Deutsch", "Français", "Italiano", "Português", "हिन्दी", "Español", "ไทย"]


@pytest.fixture
def fresh(app_paths) -> AppContext:  # noqa: ANN001
    """A first start: the question not answered yet, otherwise the fast test settings."""
    return make_context(app_paths, language_chosen=False)


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
