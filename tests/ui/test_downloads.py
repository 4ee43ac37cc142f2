"""Issue 8 §4 (window): several downloads queue up, each in its own row with its own progress and buttons."""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from tests.hub_server import Served
from tests.ui.conftest import make_context

pytestmark = pytest.mark.gui

REVISION = "0123456789abcdef0123456789abcdef01234567"


def _entry(tmp_path: Path, variant_id: str, repo: str, filename: str) -> Path:
    entry = tmp_path / f"{variant_id}.json"
    entry.write_text(json.dumps({"id": variant_id, "kind": "llm", "label": variant_id.title(), "repo_id": repo,
                                 "revision": REVISION, "files": [{"filename": filename}]}))
    return entry


def test_a_second_download_waits_for_the_first_and_both_finish(open_window, app_paths, hub, tmp_path, starter_gguf,
                                                              whisper_dir, qtbot) -> None:
    first_data, second_data, third_data = os.urandom(3 * 1024 * 1024), os.urandom(1024 * 1024), os.urandom(65536)
    first = hub.add("org/first", "first.gguf", Served(first_data, chunk_delay_s=0.05))
    hub.add("org/second", "second.gguf", Served(second_data))
    hub.add("org/third", "third.gguf", Served(third_data))
    context = make_context(app_paths, endpoint=hub.url)
    for variant_id, repo, filename in (("first", "org/first", "first.gguf"), ("second", "org/second", "second.gguf"),
                                       ("third", "org/third", "third.gguf")):
        context.catalog.add_user_entries(_entry(tmp_path, variant_id, repo, filename))
    window = open_window(context)
    downloads = window.c.downloads
    done: list[str] = []
    downloads.downloaded.connect(done.append)

    for variant_id in ("first", "second", "third"):
        downloads.start(context.catalog.get(variant_id))
    rows = {v: window.view.downloads.row(v) for v in ("first", "second", "third")}
    assert rows["first"].state == "running"
    assert rows["second"].state == "queued" and "Queued" in rows["second"].detail.text()
    assert rows["third"].state == "queued" and rows["third"].cancel_button.isVisible()
    # The first shows its own progress while the others wait at zero.
    qtbot.waitUntil(lambda: rows["first"].progress.value() > 50, timeout=60_000)
    assert rows["second"].progress.value() == 0 and rows["third"].progress.value() == 0
    # A queued download is cancelled from its own row, and the running one is not disturbed.
    with qtbot.waitSignal(downloads.stopped, timeout=10_000, check_params_cb=lambda v, _e: v == "third"):
        qtbot.mouseClick(rows["third"].cancel_button, Qt.MouseButton.LeftButton)
    assert rows["third"].state == "cancelled" and rows["first"].state == "running"

    first.chunk_delay_s = 0.0
    qtbot.waitUntil(lambda: done == ["first", "second"], timeout=120_000)
    assert rows["first"].state == "done" and rows["second"].state == "done"
    assert rows["first"].progress.value() == 1000 and rows["second"].progress.value() == 1000
    for variant_id, data in (("first", first_data), ("second", second_data)):
        path = context.downloader.require(context.catalog.get(variant_id))
        assert hashlib.sha256(Path(path).read_bytes()).digest() == hashlib.sha256(data).digest()
    # The cancelled one resumes from its own row later.
    with qtbot.waitSignal(downloads.downloaded, timeout=60_000, check_params_cb=lambda v: v == "third"):
        qtbot.mouseClick(rows["third"].resume_button, Qt.MouseButton.LeftButton)
    assert rows["third"].state == "done"
