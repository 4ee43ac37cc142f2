"""Issue 8 §5: what the Settings dialog promises, it does: speech models download like language models, a speech
model not downloaded is offered instead of turning speech off, the token and the speech language, deleting models."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from desktop.core.secrets import load_hf_token
from tests.hub_server import Served
from tests.ui.conftest import make_context

pytestmark = pytest.mark.gui

REVISION = "0123456789abcdef0123456789abcdef01234567"


def _hub_whisper(hub, whisper_dir: Path, tmp_path: Path) -> Path:  # noqa: ANN001
    """The real tiny.en files, served by the local Hub as a speech model to download."""
    names = sorted(p.name for p in whisper_dir.iterdir() if p.is_file())
    for name in names:
        hub.add("test-org/whisper-tiny", name, Served((whisper_dir / name).read_bytes(), chunk_delay_s=0.002))
    entry = tmp_path / "whisper.json"
    entry.write_text(json.dumps({"id": "whisper-hub", "kind": "whisper", "label": "Whisper from the Hub",
                                 "repo_id": "test-org/whisper-tiny", "revision": REVISION,
                                 "files": [{"filename": n} for n in names], "description": "Served by the test."}))
    return entry


def test_a_speech_model_downloads_from_the_dialog_is_used_and_can_be_deleted(open_window, app_paths, hub, tmp_path,
                                                                             whisper_dir, starter_gguf,
                                                                             qtbot) -> None:
    context = make_context(app_paths, endpoint=hub.url)
    context.catalog.add_user_entries(_hub_whisper(hub, whisper_dir, tmp_path))
    window = open_window(context)
    dialog = window.c.settings.open()
    assert dialog.installed_total.text() == "No downloaded models."
    dialog.whisper.setCurrentIndex(dialog.whisper.findData("whisper-hub"))
    assert "Not downloaded yet" in dialog.whisper_info.text()
    with qtbot.waitSignal(window.c.models.whisper_ready, timeout=120_000,
                          check_params_cb=lambda variant_id: variant_id == "whisper-hub"):
        dialog.accept()
        row = window.view.downloads.row("whisper-hub")
        assert row.state == "running"  # the same download row as language models: progress, cancel, resume
        assert window.c.models.loaded_whisper == "whisper-tiny.en"  # speech input goes on meanwhile
    assert row.state == "done" and window.c.models.loaded_whisper == "whisper-hub"
    assert context.settings.whisper_model == "whisper-hub"

    # Back to the bundled model, then delete the downloaded one from the dialog: size shown, total, confirm.
    dialog = window.c.settings.open()
    dialog.whisper.setCurrentIndex(dialog.whisper.findData("whisper-tiny.en"))
    with qtbot.waitSignal(window.c.models.whisper_ready, timeout=60_000):
        dialog.accept()
    dialog = window.c.settings.open()
    assert dialog.installed.rowCount() == 1 and dialog.installed.item(0, 0).text() == "Whisper from the Hub"
    size = sum(f.stat().st_size for f in whisper_dir.iterdir() if f.is_file())
    assert dialog.installed.item(0, 1).text() == f"{size / 1e6:,.0f} MB"
    assert dialog.installed_total.text().startswith(f"Total: {size / 1e6:,.0f} MB in 1 downloaded model")
    qtbot.mouseClick(dialog.installed.cellWidget(0, 2), Qt.MouseButton.LeftButton)
    box = window.c.settings.confirm_box
    qtbot.waitUntil(box.isVisible)
    qtbot.mouseClick(box.button(QMessageBox.StandardButton.Yes), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.installed.rowCount() == 0)
    assert dialog.installed_total.text() == "No downloaded models."
    assert not context.downloader.is_downloaded(context.catalog.get("whisper-hub", "whisper"))
    dialog.reject()


def test_a_chosen_speech_model_that_is_not_downloaded_is_offered_at_start(open_window, app_paths, hub, tmp_path,
                                                                          whisper_dir, starter_gguf,
                                                                          capital_wav, qtbot) -> None:
    context = make_context(app_paths, endpoint=hub.url, whisper_model="whisper-hub")
    context.catalog.add_user_entries(_hub_whisper(hub, whisper_dir, tmp_path))
    window = open_window(context)
    # Speech input is not off: the bundled model listens, and the download is offered.
    assert window.c.models.loaded_whisper == "whisper-tiny.en"
    notices = window.view.notices
    assert "Whisper from the Hub is not downloaded yet" in notices.text()
    assert notices.action_button.text() == "Download"
    with qtbot.waitSignal(window.c.models.whisper_ready, timeout=120_000,
                          check_params_cb=lambda variant_id: variant_id == "whisper-hub"):
        qtbot.mouseClick(notices.action_button, Qt.MouseButton.LeftButton)
    window.inject_audio(capital_wav)

    def talk() -> None:
        window.c.ptt.press()
        qtbot.waitUntil(lambda: window.c.ptt.state == "recording", timeout=10_000)
        window.c.ptt.release()

    assert "capital" in window.wait_turn(talk).transcript.lower()


def test_token_and_speech_language_fields(window, app_paths, qtbot) -> None:
    dialog = window.c.settings.open()
    assert not dialog.forget_token.isVisible()
    qtbot.keyClicks(dialog.token, "hf_testtokenvalue1234567890")
    dialog.language.setCurrentIndex(dialog.language.findData("fr"))
    with qtbot.waitSignal(window.c.models.whisper_ready, timeout=60_000):  # the speech model reloads for it
        dialog.accept()
    assert load_hf_token(app_paths.config_dir) == "hf_testtokenvalue1234567890"
    assert "hf_testtoken" not in app_paths.settings_file.read_text()
    assert window.context.settings.language == "fr"
    assert json.loads(app_paths.settings_file.read_text())["language"] == "fr"

    dialog = window.c.settings.open()
    assert dialog.language.currentData() == "fr" and dialog.token.text() == ""
    # The keyring is read off the GUI thread: the dialog says a token is saved once that read is back.
    qtbot.waitUntil(lambda: "saved" in dialog.token.placeholderText(), timeout=10_000)
    dialog.forget_token.setChecked(True)
    dialog.language.setCurrentIndex(dialog.language.findData(""))  # automatic detection
    dialog.accept()
    assert load_hf_token(app_paths.config_dir) is None
    assert window.context.settings.language == ""
