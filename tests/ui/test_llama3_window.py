"""The window on the default model's family: a Llama 3 GGUF (real Llama 3.2 tokenizer, Chinwag's Llama 3 template,
tests/llama3_model.py) typed to, continued and stopped with real key presses."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from tests.ui.conftest import make_context

pytestmark = pytest.mark.gui


def test_typed_turns_and_stop_on_a_llama3_model(open_window, app_paths, llama3_gguf: Path,
                                                           whisper_dir: Path, qtbot) -> None:
    window = open_window(make_context(app_paths, llm_variant=str(llama3_gguf), max_tokens=24, temperature=None))
    assert window.c.models.loaded_llm is not None
    first = window.type_and_send("What is the capital of France?")
    assert first.reply.strip() and not first.stopped and "<|" not in first.reply
    user, reply = window.messages()
    assert reply.text() == first.reply and first.timings.tokens == 24

    # A second turn reuses the whole history from the cache (the idle prefill ran after the first reply).
    second = window.type_and_send("And of Italy?")
    assert second.timings.reused_tokens > first.timings.prompt_tokens
    assert second.timings.prompt_tokens - second.timings.reused_tokens < 25

    # Esc while the next reply streams stops it; what was shown is what is stored.
    # The tiny model writes 24 tokens faster than a key press reaches the worker, so this reply may be long: Esc then
    # lands while it streams on any machine (it once finished first, on a fast one).
    window.context.settings.max_tokens = 1500
    box = window.view.input_bar.text
    box.setFocus()
    box.setPlainText("Tell me more.")

    def send_then_stop() -> None:
        qtbot.keyClick(box, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: len(window.messages()) == 6 and bool(window.messages()[-1].text()), timeout=60_000)
        qtbot.keyClick(window.view, Qt.Key.Key_Escape)

    stopped = window.wait_turn(send_then_stop)
    assert stopped.stopped
    stored = window.stored()
    assert [m.role for m in stored] == ["user", "assistant"] * 3
    assert stored[-1].text == window.messages()[-1].text() == stopped.reply
