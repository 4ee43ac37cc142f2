"""The window around the turns: settings, the model dropdown, downloads, conversations, failures, self-test."""

from __future__ import annotations

import json
import os
import shutil
import sys
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QComboBox, QLineEdit, QListWidget, QPlainTextEdit, QProgressBar

from desktop.core.settings import SettingsStore
from tests.conftest import ROOT, cli_env
from tests.hub_server import Served
from tests.ui.conftest import make_context

pytestmark = pytest.mark.gui

REPO = "test-org/hub-model"
REVISION = "0123456789abcdef0123456789abcdef01234567"


def test_settings_change_persists_across_a_restart(open_window, context, app_paths, qtbot) -> None:
    window = open_window(context)
    dialog = window.c.settings.open()
    dialog.temperature.setValue(0.35)
    dialog.top_k.setValue(12)
    dialog.ptt_mode.setCurrentIndex(dialog.ptt_mode.findData("toggle"))
    dialog.review.setChecked(True)
    dialog.system_prompt.setPlainText("Answer like a pirate.")
    dialog.prompt_per_model.setChecked(True)
    dialog.accept()
    assert context.settings.temperature == 0.35 and context.settings.ptt_mode == "toggle"
    saved = json.loads(app_paths.settings_file.read_text())
    assert saved["top_k"] == 12 and saved["review_transcript"] is True
    assert saved["variant_system_prompts"] == {context.settings.llm_variant: "Answer like a pirate."}
    window.close()

    again = open_window(make_context(app_paths))
    assert again.context.settings.temperature == 0.35 and again.context.settings.ptt_mode == "toggle"
    dialog = again.c.settings.open()
    assert dialog.top_k.value() == 12 and dialog.review.isChecked()
    assert dialog.system_prompt.toPlainText() == "Answer like a pirate." and dialog.prompt_per_model.isChecked()
    dialog.reject()


def test_model_dropdown_switches_models(window, starter_gguf: Path, tmp_path: Path, qtbot) -> None:
    copy = tmp_path / "my-own-model.gguf"
    shutil.copyfile(starter_gguf, copy)
    starter = window.c.models.loaded_llm
    # "Add a local .gguf" in Settings registers it in the user's catalog and selects it.
    dialog = window.c.settings.open()
    with qtbot.waitSignal(dialog.local_checked, timeout=120_000):
        dialog.add_local_file(copy)
    local_id = dialog.model.current_id()
    assert local_id and local_id.startswith("local-")
    with qtbot.waitSignal(window.c.models.llm_ready, timeout=120_000,
                          check_params_cb=lambda variant_id: variant_id == local_id):
        with qtbot.waitSignal(window.c.worker.model_loading, timeout=10_000):
            dialog.accept()
        assert window.view.status.busy.isVisible()  # a busy indicator while it loads
    assert not window.view.status.busy.isVisible()
    assert "my-own-model.gguf" in window.view.status.model.text()
    assert window.context.catalog.get(local_id).path == str(copy.resolve())
    done = window.type_and_send("Hello!")
    assert done.model == local_id and done.reply.strip()

    # And back to the starter from the toolbar's dropdown.
    picker = window.view.model_picker
    index = picker.findData(starter)
    assert index >= 0 and picker.findData(local_id) >= 0
    with qtbot.waitSignal(window.c.models.llm_ready, timeout=120_000,
                          check_params_cb=lambda variant_id: variant_id == starter):
        picker.setCurrentIndex(index)
        picker.activated.emit(index)
    assert window.type_and_send("Hello again!").model == starter
    assert window.context.settings.llm_variant == starter


def test_download_view_cancel_resume_and_a_model_that_will_not_load(open_window, app_paths, hub, tmp_path,
                                                                       starter_gguf, whisper_dir, qtbot) -> None:
    data = os.urandom(8 * 1024 * 1024)  # not a GGUF: once verified, loading it must fail gracefully
    served = hub.add(REPO, "model.gguf", Served(data, chunk_delay_s=0.2))  # slow until the cancel
    entry = tmp_path / "entry.json"
    entry.write_text(json.dumps({"id": "hub-model", "kind": "llm", "label": "Hub model", "repo_id": REPO,
                                 "revision": REVISION, "files": [{"filename": "model.gguf"}], "ram_gb": 0.5}))
    context = make_context(app_paths, endpoint=hub.url)
    context.catalog.add_user_entries(entry)
    window = open_window(context)
    starter = window.c.models.loaded_llm
    assert window.view.model_picker.findData("hub-model") >= 0

    window.c.models.choose("hub-model")
    view = window.view.downloads.row("hub-model")
    assert view.isVisible() and view.state == "running"
    qtbot.waitUntil(lambda: view.progress.value() > 100, timeout=60_000)
    assert "MB/s" in view.detail.text() or "MB of" in view.detail.text()
    # The app stays usable meanwhile: a typed turn on the current model.
    assert window.type_and_send("Hi while downloading").model == starter
    with qtbot.waitSignal(window.c.downloads.stopped, timeout=30_000):
        qtbot.mouseClick(view.cancel_button, Qt.MouseButton.LeftButton)
    assert view.state == "cancelled" and view.resume_button.isVisible() and "kept" in view.detail.text()
    kept = context.downloader.partial_bytes(context.catalog.get("hub-model"))
    assert 0 < kept < len(data)

    served.chunk_delay_s = 0.005
    with qtbot.waitSignal(window.c.models.load_failed, timeout=120_000):
        with qtbot.waitSignal(window.c.downloads.downloaded, timeout=120_000):
            qtbot.mouseClick(view.resume_button, Qt.MouseButton.LeftButton)
            qtbot.waitUntil(lambda: "Verifying" in view.detail.text() or view.state == "done", timeout=60_000)
    assert view.state == "done"
    assert hub.gets()[-1].range == f"bytes={kept}-"  # resumed, not started over
    assert context.downloader.is_downloaded(context.catalog.get("hub-model"))
    # It downloaded and verified, but it is not a model: a message says so, and the starter keeps answering.
    assert "model.gguf" in window.view.notices.text() and "Still answering" in window.view.notices.text()
    assert window.c.models.loaded_llm == starter
    assert window.type_and_send("Still there?").model == starter


def test_download_failure_offers_a_retry(open_window, app_paths, hub, tmp_path, starter_gguf, whisper_dir,
                                         qtbot) -> None:
    entry = tmp_path / "entry.json"
    entry.write_text(json.dumps({"id": "gone-model", "kind": "llm", "label": "Gone model", "repo_id": REPO,
                                 "revision": REVISION, "files": [{"filename": "missing.gguf"}]}))
    context = make_context(app_paths, endpoint=hub.url)
    context.catalog.add_user_entries(entry)
    window = open_window(context)
    with qtbot.waitSignal(window.c.downloads.stopped, timeout=30_000):
        window.c.models.choose("gone-model")
    view = window.view.downloads.row("gone-model")
    assert view.state == "failed" and view.resume_button.text() == "Retry"
    assert "not found on the Hub" in view.detail.text()


def test_conversations_reopen_after_a_restart(open_window, context, app_paths, tmp_path, qtbot) -> None:
    window = open_window(context)
    window.type_and_send("Tell me about owls.")
    first = window.c.chat.conversation_id
    qtbot.keyClick(window.view, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)  # new conversation
    assert window.messages() == []
    window.type_and_send("Tell me about foxes.")
    window.type_and_send("And badgers?")
    second = window.c.chat.conversation_id
    window.c.conversations.rename(second, "Woodland animals")
    before = {c: [(m.role, m.text, m.stopped) for m in context.store.messages(c)] for c in (first, second)}
    titles = window.view.sidebar.titles()
    assert titles == ["Woodland animals", "Tell me about owls."]
    window.close()

    again = open_window(make_context(app_paths))
    assert again.view.sidebar.titles() == titles
    assert again.c.chat.conversation_id == second  # the latest conversation is open again
    assert [(w.role, w.text()) for w in again.messages()] == [(r, t) for r, t, _s in before[second]]
    again.view.sidebar.list.setCurrentRow(1)  # pick the other one
    assert again.c.chat.conversation_id == first
    assert [w.text() for w in again.messages()] == [t for _r, t, _s in before[first]]


def test_sidebar_search_delete_with_undo_and_export(window, tmp_path, qtbot) -> None:
    window.type_and_send("Tell me about owls.")
    owls = window.c.chat.conversation_id
    window.c.conversations.new()
    window.type_and_send("Tell me about the sea.")
    sidebar = window.view.sidebar

    qtbot.keyClicks(sidebar.search, "owls")
    qtbot.waitUntil(lambda: sidebar.titles() == ["Tell me about owls."], timeout=5_000)
    sidebar.search.clear()
    qtbot.waitUntil(lambda: len(sidebar.titles()) == 2, timeout=5_000)

    sidebar.list.setCurrentRow(sidebar.titles().index("Tell me about owls."))
    qtbot.mouseClick(sidebar.delete_button, Qt.MouseButton.LeftButton)
    assert sidebar.titles() == ["Tell me about the sea."]
    assert "Deleted" in window.view.notices.text() and window.view.notices.action_button.text() == "Undo"
    window.view.notices.action_button.click()
    assert sorted(sidebar.titles()) == ["Tell me about owls.", "Tell me about the sea."]
    assert window.c.chat.conversation_id == owls

    markdown, as_json = tmp_path / "owls.md", tmp_path / "owls.json"
    window.c.conversations.export(owls, "markdown", markdown)
    window.c.conversations.export(owls, "json", as_json)
    assert markdown.read_text().startswith("# Tell me about owls.") and "**You**" in markdown.read_text()
    exported = json.loads(as_json.read_text())
    assert [m["role"] for m in exported["messages"]] == ["user", "assistant"]

    window.c.conversations.start_rename(owls)
    editor = sidebar.list.findChild(QLineEdit)
    assert editor is not None and editor.text() == "Tell me about owls."
    editor.selectAll()
    qtbot.keyClicks(editor, "Birds of the night")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.context.store.conversation(owls).title == "Birds of the night", timeout=5_000)
    assert "Birds of the night" in sidebar.titles()


def test_missing_microphone_says_what_to_do_and_typing_still_works(open_window, app_paths, starter_gguf,
                                                                    whisper_dir, qtbot) -> None:
    from desktop.core.audio import PcmSource
    from desktop.core.errors import MicrophoneUnavailable

    # A remembered microphone that is gone falls back to the default one (test_push_to_talk.py); this is a
    # computer with no microphone at all, as the Recorder reports it.
    class NoMicrophone(PcmSource):
        def start(self) -> None:
            raise MicrophoneUnavailable("This computer has no microphone. Plug one in; typing still works. "
                                        "Choose it in Settings.")

    window = open_window(make_context(app_paths))
    window.inject_audio(lambda: NoMicrophone(np.zeros(160, np.float32)))
    with qtbot.waitSignal(window.c.ptt.failed, timeout=30_000):
        qtbot.mousePress(window.view.input_bar.talk_button, Qt.MouseButton.LeftButton)
    qtbot.mouseRelease(window.view.input_bar.talk_button, Qt.MouseButton.LeftButton)
    notice = window.view.notices
    assert notice.isVisible() and notice.kind == "error"
    assert "microphone" in notice.text().lower() and "Settings" in notice.text()
    assert notice.action_button.text() == "Settings"
    assert window.c.ptt.state == "idle" and not window.view.input_bar.level.isVisible()
    assert window.type_and_send("Are you there?").reply.strip()


def test_review_mode_puts_the_transcript_in_the_box_before_sending(open_window, app_paths, capital_wav,
                                                                   starter_gguf, whisper_dir, qtbot) -> None:
    window = open_window(make_context(app_paths, review_transcript=True))
    window.inject_audio(capital_wav)

    def talk() -> None:
        window.c.ptt.press()
        qtbot.waitUntil(lambda: window.c.ptt.state == "recording", timeout=10_000)
        window.c.ptt.release()

    assert window.wait_turn(talk) is None  # review mode: a transcript comes back, no turn is sent
    box = window.view.input_bar.text
    assert "capital" in box.toPlainText().lower()
    assert window.context.store.conversations() == []  # nothing sent yet
    done = window.wait_turn(lambda: qtbot.keyClick(box, Qt.Key.Key_Return))
    assert "capital" in done.transcript.lower() and done.reply.strip()


def test_first_run_offers_the_fine_tuned_model_and_controls_have_names(window) -> None:
    notice = window.view.notices
    assert "starter model" in notice.text() and notice.action_button.text() == "Download"
    assert window.c.models.loaded_llm == window.context.catalog.starter_llm
    assert window.view.status.network.text()
    unnamed = []
    for kind in (QAbstractButton, QLineEdit, QPlainTextEdit, QComboBox, QProgressBar, QListWidget):
        for widget in window.view.findChildren(kind):
            if widget.objectName().startswith("qt_") or isinstance(widget.parent(), QLineEdit):
                continue  # Qt's own parts: the toolbar's overflow button, a search box's clear button
            if not widget.accessibleName() and not (isinstance(widget, QAbstractButton) and widget.text()):
                unnamed.append(f"{type(widget).__name__} {widget.objectName()}")
    assert unnamed == []


def test_silent_take_via_keyboard_toggle_mode(open_window, app_paths, starter_gguf, whisper_dir, qtbot) -> None:
    from desktop.core.audio import PcmSource

    window = open_window(make_context(app_paths, ptt_mode="toggle"))
    window.inject_audio(lambda: PcmSource(np.zeros(8000, np.float32)))
    chat = window.view.chat
    chat.setFocus()
    qtbot.keyClick(chat, Qt.Key.Key_Space)  # press and let go: recording goes on in toggle mode
    qtbot.waitUntil(lambda: window.c.ptt.state == "recording", timeout=10_000)
    with qtbot.waitSignal(window.c.chat.turn_failed, timeout=60_000):
        qtbot.keyClick(chat, Qt.Key.Key_Space)
    assert "Nothing heard" in window.view.notices.text()


def test_self_test_command(tmp_path: Path, starter_gguf, whisper_dir) -> None:
    import subprocess

    env = cli_env(tmp_path, QT_QPA_PLATFORM="offscreen")
    result = subprocess.run([sys.executable, "-m", "desktop", "--self-test"], env=env, cwd=ROOT,
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout.strip().splitlines()[-1])
    assert "capital" in report["transcript"].lower() and report["reply"].strip()
    assert report["timings"]["stt_s"] > 0 and report["timings"]["tokens"] > 0
    assert isinstance(report["max_ui_stall_ms"], float)
    # It leaves no conversation behind in the user's history.
    store_settings = SettingsStore(tmp_path / "config" / "Chinwag" / "settings.json")
    assert store_settings.load().llm_variant  # readable; nothing broke the user's files

    missing = subprocess.run([sys.executable, "-m", "desktop", "--self-test", "--wav", str(tmp_path / "nope.wav")],
                             env=env, cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert missing.returncode != 0 and "Cannot read" in missing.stderr


@pytest.mark.audio
def test_settings_microphone_test_meter_moves(window, virtual_microphone, capital_wav, qtbot) -> None:
    import subprocess

    dialog = window.c.settings.open()
    index = dialog.microphone.findData(virtual_microphone)
    assert index > 0, "the PulseAudio device is listed"
    dialog.microphone.setCurrentIndex(index)
    dialog.mic_test_button.setChecked(True)
    player = subprocess.Popen(["paplay", "--device=vsink", str(capital_wav)])
    try:
        qtbot.waitUntil(lambda: dialog.mic_meter.value() > 5, timeout=20_000)
    finally:
        player.wait(timeout=30)
    dialog.mic_test_button.setChecked(False)
    assert dialog.mic_meter.value() == 0 and window.c.settings._test_recorder is None
    dialog.reject()


def test_microphone_lost_while_recording_keeps_the_app_working(window, qtbot) -> None:
    from desktop.core.audio import PcmSource
    from desktop.core.errors import MicrophoneLost

    class VanishingMicrophone(PcmSource):
        def stop(self):  # noqa: ANN202
            raise MicrophoneLost("The microphone 'USB' was lost while recording. Plug it back in or choose "
                                 "another in Settings; what you typed is kept.")

    window.inject_audio(lambda: VanishingMicrophone(np.zeros(16_000, np.float32)))
    box = window.view.input_bar.text
    box.setPlainText("half-written thought")
    window.c.ptt.press()
    qtbot.waitUntil(lambda: window.c.ptt.state == "recording", timeout=10_000)
    with qtbot.waitSignal(window.c.ptt.failed, timeout=10_000):
        window.c.ptt.release()
    assert "lost while recording" in window.view.notices.text()
    assert box.toPlainText() == "half-written thought"  # nothing typed is lost
    assert window.c.ptt.state == "idle"
    assert window.type_and_send("Still here?").reply.strip()


def test_keyboard_only(window, qtbot) -> None:
    view = window.view
    view.activateWindow()
    qtbot.keyClick(view, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert view.sidebar.search.hasFocus()
    qtbot.keyClick(view, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert view.input_bar.text.hasFocus()
    done = window.wait_turn(lambda: (qtbot.keyClicks(view.input_bar.text, "Hi there"),
                                     qtbot.keyClick(view.input_bar.text, Qt.Key.Key_Return)))
    assert done.reply.strip()
    # Tab leaves the text box (Tab does not type a tab) and reaches the buttons.
    qtbot.keyClick(view.input_bar.text, Qt.Key.Key_Tab)
    assert not view.input_bar.text.hasFocus()
    qtbot.keyClick(view, Qt.Key.Key_Comma, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.c.settings.dialog is not None and window.c.settings.dialog.isVisible())
    qtbot.keyClick(window.c.settings.dialog, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: window.c.settings.dialog is None)
    qtbot.keyClick(view, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert view.chat.messages() == [] and view.input_bar.text.hasFocus()


def test_no_display_is_a_clear_message_not_a_crash(tmp_path: Path) -> None:
    import subprocess

    env = cli_env(tmp_path)
    for name in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"):
        env.pop(name, None)
    result = subprocess.run([sys.executable, "-m", "desktop"], env=env, cwd=ROOT, capture_output=True, text=True,
                            timeout=60)
    assert result.returncode == 1 and "no display" in result.stderr and "chinwag ask" in result.stderr
