"""Issue 12 §3: the model manager, on the real window, against the local fake Hub (tests/hub_server.py).

Language, speech and voice models in one list with their state and sizes; download, cancel, resume, verify again,
delete and "show in folder" from its buttons; adding a model by Hub repo id (the file list with sizes comes from
the Hub's tree API) or by a local .gguf; a catalog voice (rhasspy/piper-voices) downloaded through it speaks.
"""

from __future__ import annotations

import hashlib
import os
import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import QObject, Qt, QUrl, Slot
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QMessageBox, QTableWidget

from desktop.core.speech_out import bundled_voice
from desktop.ui.models.model_manager import human_size
from tests.hub_server import COMMIT, Served
from tests.ui.conftest import make_context

pytestmark = pytest.mark.gui

REVISION = "0123456789abcdef0123456789abcdef01234567"


def click_row(qtbot, table: QTableWidget, variant_id: str) -> None:  # noqa: ANN001
    """Select a row the way a user does: a mouse click on it."""
    for r in range(table.rowCount()):
        if table.item(r, 0).data(Qt.ItemDataRole.UserRole) == variant_id:
            table.scrollToItem(table.item(r, 0))
            qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton,
                             pos=table.visualItemRect(table.item(r, 0)).center())
            assert table.selectionModel().selectedRows()[0].row() == r
            return
    raise AssertionError(f"{variant_id} is not listed")


def click(qtbot, button) -> None:  # noqa: ANN001
    assert button.isEnabled(), f"{button.text()} is disabled"
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def confirm(qtbot, owner) -> None:  # noqa: ANN001
    qtbot.waitUntil(lambda: getattr(owner, "confirm_box", None) is not None and owner.confirm_box.isVisible())
    yes = owner.confirm_box.button(QMessageBox.StandardButton.Yes)
    qtbot.mouseClick(yes, Qt.MouseButton.LeftButton)


@pytest.fixture
def hub_llm(hub, tmp_path):  # noqa: ANN001, ANN201
    """A 3 MB model on the fake Hub (slow enough to cancel mid-way) and its catalog entry (no size: the Hub's)."""
    data = os.urandom(3 * 1024 * 1024)
    served = hub.add("org/tiny", "tiny.gguf", Served(data, chunk_delay_s=0.03))
    entry = {"id": "tiny-hub", "kind": "llm", "label": "Tiny from the Hub", "repo_id": "org/tiny",
             "revision": REVISION, "files": [{"filename": "tiny.gguf"}], "ram_gb": 0.5, "license": "MIT"}
    return data, served, entry


def test_lists_language_speech_and_voice_models_with_state_and_sizes(open_window, app_paths, hub, hub_llm,
                                                                    starter_gguf, whisper_dir, qtbot) -> None:
    data, _served, entry = hub_llm
    context = make_context(app_paths, endpoint=hub.url)
    context.catalog.add_entries([entry])
    window = open_window(context)
    view = window.c.manager.open()
    qtbot.waitExposed(view)

    kinds = {view.row_text(i, "Kind") for i in view.ids()}
    assert kinds == {"Language", "Speech", "Voice"}
    # The bundled three: on disk, in use, their real sizes.
    starter = context.catalog.starter_llm
    assert view.row_text(starter, "Status") == "✓ Comes with the app · in use"
    assert view.row_text(starter, "On disk") == human_size(starter_gguf.stat().st_size)
    assert view.row_text(starter, "Source") == "bundled"
    tiny_en_bytes = sum(p.stat().st_size for p in whisper_dir.rglob("*") if p.is_file())
    assert view.row_text("whisper-tiny.en", "On disk") == human_size(tiny_en_bytes)
    assert view.row_text("whisper-tiny.en", "Kind") == "Speech"
    voice = bundled_voice()
    assert voice is not None
    joe = voice.stat().st_size + voice.with_name(voice.name + ".json").stat().st_size
    assert view.row_text("piper-joe-us-medium", "On disk") == human_size(joe)
    assert view.row_text("piper-joe-us-medium", "License") == "CC0-1.0"
    # Not downloaded: nothing on disk, the catalog's download size, memory against this computer's.
    assert view.row_text("whisper-small.en", "Status") == "Not downloaded"
    assert view.row_text("whisper-small.en", "On disk") == "—"
    assert view.row_text("piper-amy-us-medium", "Download") == "63 MB"
    assert view.row_text("piper-amy-us-medium", "Source") == "catalog"
    memory = window.c.manager.memory_gb
    assert view.row_text("llama-3.2-1b-finetome-q4_k_m", "Memory").endswith(f"1.6 of {memory:.0f} GB")
    assert view.row_text("tiny-hub", "Source") == "Hub"
    # A model that is in use cannot be deleted.
    click_row(qtbot, view.table, starter)
    assert not view.delete_button.isEnabled() and "in use" in view.delete_button.toolTip().lower()
    assert not view.download_button.isEnabled()


def test_download_cancel_resume_verify_delete_and_show_in_folder(open_window, app_paths, hub, hub_llm, starter_gguf,
                                                                 whisper_dir, qtbot) -> None:
    data, served, entry = hub_llm
    context = make_context(app_paths, endpoint=hub.url)
    context.catalog.add_entries([entry])
    window = open_window(context)
    manager = window.c.manager
    view = manager.open()
    variant = context.catalog.get("tiny-hub")
    click_row(qtbot, view.table, "tiny-hub")
    assert view.row_text("tiny-hub", "Status") == "Not downloaded"

    # Download, with progress in the manager; cancel mid-way keeps the bytes.
    click(qtbot, view.download_button)
    qtbot.waitUntil(lambda: view.progress.isVisible() and view.progress.value() > 100, timeout=60_000)
    assert view.row_text("tiny-hub", "Status") == "Downloading…"
    with qtbot.waitSignal(window.c.downloads.stopped, timeout=20_000):
        click(qtbot, view.cancel_button)
    qtbot.waitUntil(lambda: view.row_text("tiny-hub", "Status").startswith("Partly downloaded"))
    kept = context.downloader.partial_bytes(variant)
    assert 0 < kept < len(data)
    assert view.row_text("tiny-hub", "On disk") == human_size(kept)
    assert "Resume" in view.detail.text()

    # Resume continues from the kept bytes (a Range request), and the file is verified.
    served.chunk_delay_s = 0.0
    with qtbot.waitSignal(window.c.downloads.downloaded, timeout=60_000):
        click(qtbot, view.resume_button)
    assert any(r.range == f"bytes={kept}-" for r in hub.gets())
    qtbot.waitUntil(lambda: view.row_text("tiny-hub", "Status") == "✓ Downloaded")
    path = context.downloader.require(variant)
    assert hashlib.sha256(path.read_bytes()).digest() == hashlib.sha256(data).digest()
    assert view.row_text("tiny-hub", "On disk") == human_size(len(data))

    # Verify again: matches (offline too: the digest was noted at download time).
    hub.stop()
    click(qtbot, view.verify_button)
    qtbot.waitUntil(lambda: "Verified" in view.detail.text(), timeout=30_000)

    # Show in folder: the folder of the file goes to the desktop's file manager.
    opened: list[QUrl] = []

    class Handler(QObject):
        @Slot(QUrl)
        def open(self, url: QUrl) -> None:
            opened.append(url)

    handler = Handler()
    QDesktopServices.setUrlHandler("file", handler, "open")
    try:
        click(qtbot, view.folder_button)
    finally:
        QDesktopServices.unsetUrlHandler("file")
    assert [Path(u.toLocalFile()) for u in opened] == [path.parent]

    # A damaged copy (same size, other bytes) fails verification and is deleted, never loaded.
    with open(path, "r+b") as handle:
        handle.seek(1000)
        handle.write(b"\x00" * 16 if data[1000:1016] != b"\x00" * 16 else b"\x01" * 16)
    click(qtbot, view.verify_button)
    qtbot.waitUntil(lambda: "damaged" in view.detail.text(), timeout=30_000)
    assert not path.exists()
    assert view.row_text("tiny-hub", "Status") == "Not downloaded"


def test_delete_after_confirmation_frees_only_that_model(open_window, app_paths, hub, starter_gguf, whisper_dir,
                                                         qtbot) -> None:
    # Two quantizations of one repository share its folder: deleting one leaves the other.
    q4, q2 = os.urandom(200_000), os.urandom(100_000)
    hub.add("org/pair", "m.Q4.gguf", Served(q4))
    hub.add("org/pair", "m.Q2.gguf", Served(q2))
    context = make_context(app_paths, endpoint=hub.url)
    context.catalog.add_entries([
        {"id": f"pair-{q}", "kind": "llm", "label": f"Pair {q}", "repo_id": "org/pair", "revision": REVISION,
         "files": [{"filename": f"m.{q}.gguf"}]} for q in ("Q4", "Q2")])
    window = open_window(context)
    manager = window.c.manager
    view = manager.open()
    for q in ("Q4", "Q2"):
        click_row(qtbot, view.table, f"pair-{q}")
        with qtbot.waitSignal(window.c.downloads.downloaded, timeout=60_000):
            click(qtbot, view.download_button)
    click_row(qtbot, view.table, "pair-Q4")
    qtbot.waitUntil(lambda: view.delete_button.isEnabled())
    click(qtbot, view.delete_button)
    confirm(qtbot, manager)
    qtbot.waitUntil(lambda: view.row_text("pair-Q4", "Status") == "Not downloaded")
    assert "freed" in view.detail.text()
    assert view.row_text("pair-Q2", "Status") == "✓ Downloaded"
    assert context.downloader.is_downloaded(context.catalog.get("pair-Q2"))


def test_a_catalog_voice_downloads_through_the_manager_and_speaks(open_window, app_paths, hub, starter_gguf,
                                                                  whisper_dir, qtbot) -> None:
    # The catalog's rhasspy/piper-voices entry, served by the fake Hub with a real Piper voice's two files.
    voice = bundled_voice()
    assert voice is not None
    amy = "en/en_US/amy/medium/en_US-amy-medium.onnx"
    hub.add("rhasspy/piper-voices", amy, Served(voice.read_bytes()))
    hub.add("rhasspy/piper-voices", amy + ".json", Served(voice.with_name(voice.name + ".json").read_bytes()))
    context = make_context(app_paths, endpoint=hub.url)
    window = open_window(context)
    view = window.c.manager.open()
    click_row(qtbot, view.table, "piper-amy-us-medium")
    with qtbot.waitSignal(window.c.downloads.downloaded, timeout=120_000):
        click(qtbot, view.download_button)
    qtbot.waitUntil(lambda: view.row_text("piper-amy-us-medium", "Status") == "✓ Downloaded")
    variant = context.catalog.get("piper-amy-us-medium", "voice")
    path = context.downloader.require(variant)
    assert path.name == "en_US-amy-medium.onnx" and path.with_name(path.name + ".json").is_file()
    spoken = context.voice_for(variant)
    spoken.load()
    assert spoken.sample_rate == 22050


def test_add_by_hub_repo_id_lists_files_with_sizes_then_downloads(open_window, app_paths, hub, starter_gguf,
                                                                   whisper_dir, qtbot) -> None:
    weights = os.urandom(1_500_000)
    hub.add("someone/cool-model-GGUF", "cool-Q4_K_M.gguf", Served(weights))
    hub.add("someone/cool-model-GGUF", "cool-Q8_0.gguf", Served(os.urandom(2_500_000)))
    hub.add("someone/cool-model-GGUF", "README.md", Served(b"# cool\n"))
    context = make_context(app_paths, endpoint=hub.url)
    window = open_window(context)
    view = window.c.manager.open()

    # A repository that does not exist says so.
    qtbot.keyClicks(view.repo, "someone/nothing-here")
    click(qtbot, view.list_button)
    qtbot.waitUntil(lambda: "There is no repository" in view.add_status.text(), timeout=90_000)

    view.repo.clear()
    qtbot.keyClicks(view.repo, "someone/cool-model-GGUF")
    qtbot.keyClick(view.repo, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: len(view.file_rows()) == 3, timeout=90_000)
    # "main" is asked for once and pinned: the tree is listed at the commit it points at, which the entry keeps.
    assert any(r.path.startswith("/api/models/someone/cool-model-GGUF/revision/main") for r in hub.gets())
    assert any(r.path.startswith(f"/api/models/someone/cool-model-GGUF/tree/{COMMIT}") for r in hub.gets())
    assert dict(view.file_rows()) == {"README.md": human_size(7), "cool-Q4_K_M.gguf": "1.5 MB",
                                      "cool-Q8_0.gguf": "2.5 MB"}
    assert "2 of them models" in view.add_status.text()

    view.select_file("cool-Q4_K_M.gguf")
    click(qtbot, view.add_file_button)
    new_id = "hub-someone-cool-model-gguf-cool-q4_k_m"
    assert view.selected_id() == new_id
    assert view.row_text(new_id, "Download") == "1.5 MB"
    assert view.row_text(new_id, "Source") == "Hub"
    assert window.view.model_picker.findData(new_id) >= 0  # offered in the toolbar's picker too
    with qtbot.waitSignal(window.c.downloads.downloaded, timeout=60_000):
        click(qtbot, view.download_button)
    path = context.downloader.require(context.catalog.get(new_id))
    assert path.read_bytes() == weights
    # A file that is not a model is refused with a reason.
    view.select_file("README.md")
    click(qtbot, view.add_file_button)
    assert "not a model Chinwag can use" in view.add_status.text()


def test_add_a_local_gguf_then_take_it_off_the_list(open_window, app_paths, starter_gguf, whisper_dir, tmp_path,
                                                    qtbot) -> None:
    own = tmp_path / "mine.gguf"
    shutil.copy(starter_gguf, own)
    window = open_window(make_context(app_paths))
    manager = window.c.manager
    view = manager.open()
    manager.add_local_file(own)
    qtbot.waitUntil(lambda: view.add_status.text().startswith("Added"), timeout=60_000)
    local_id = view.selected_id()
    assert local_id is not None and view.row_text(local_id, "Source") == "local file"
    assert view.row_text(local_id, "Status") == "✓ Your file"
    assert view.row_text(local_id, "On disk") == human_size(own.stat().st_size)
    assert view.delete_button.text() == "Remove from list"
    click(qtbot, view.delete_button)
    confirm(qtbot, manager)
    qtbot.waitUntil(lambda: local_id not in view.ids())
    assert own.is_file()  # the user's own file is never deleted
