"""Issue 8 §7 (window): a damaged model file gives a clear message naming it; the conversation goes on untouched."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

pytestmark = pytest.mark.gui


def _truncated(starter_gguf: Path, folder: Path) -> Path:
    damaged = folder / "cut-short.gguf"
    data = starter_gguf.read_bytes()
    damaged.write_bytes(data[: len(data) // 3])  # a download that stopped a third of the way
    return damaged


def test_adding_a_damaged_gguf_names_the_file_and_leaves_the_conversation_alone(window, starter_gguf, tmp_path,
                                                                               qtbot) -> None:
    first = window.type_and_send("Hello!")
    before = [(m.role, m.text) for m in window.stored()]
    model = window.c.models.loaded_llm
    damaged = _truncated(starter_gguf, tmp_path)

    dialog = window.c.settings.open()
    shown = dialog.model.current_id()
    with qtbot.waitSignal(dialog.local_checked, timeout=120_000) as checked:
        dialog.add_local_file(damaged)
        assert "Checking cut-short.gguf" in dialog.model_warning.text()
    assert checked.args == [""]
    assert "Not added" in dialog.model_warning.text() and "cut-short.gguf" in dialog.model_warning.text()
    assert dialog.model.current_id() == shown and dialog.add_local_button.isEnabled()
    dialog.reject()
    assert not any(v.path == str(damaged.resolve()) for v in window.context.catalog.variants("llm"))
    # The conversation is as it was, and goes on with the same model.
    assert [(m.role, m.text) for m in window.stored()] == before and window.c.models.loaded_llm == model
    assert window.type_and_send("Still there?").reply.strip() and first.reply.strip()


def test_switching_to_a_damaged_model_names_it_and_keeps_answering(open_window, app_paths, starter_gguf,
                                                                   whisper_dir, tmp_path, qtbot) -> None:
    from tests.ui.conftest import make_context

    damaged = _truncated(starter_gguf, tmp_path)
    entry = tmp_path / "damaged.json"  # already in the catalog, e.g. the file was damaged after it was added
    entry.write_text(json.dumps({"id": "damaged-model", "kind": "llm", "label": "Damaged model",
                                 "path": str(damaged)}))
    context = make_context(app_paths)
    context.catalog.add_user_entries(entry)
    window = open_window(context)
    window.type_and_send("Hello!")
    before = [(m.role, m.text) for m in window.stored()]
    starter = window.c.models.loaded_llm
    with qtbot.waitSignal(window.c.models.load_failed, timeout=120_000):
        window.c.models.choose("damaged-model")
    notice = window.view.notices.text()
    assert "cut-short.gguf" in notice and "Still answering" in notice
    assert window.c.models.loaded_llm == starter
    assert [(m.role, m.text) for m in window.stored()] == before
    assert window.type_and_send("Still there?").model == starter
