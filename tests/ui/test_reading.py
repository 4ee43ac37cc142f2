"""A chat that reads well, in the real window on the real models: highlighted code with Copy, Continue after the
length limit, regenerated answers kept as alternatives, the context meter and the left-out mark, and a conversation's
own model and system prompt."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication

from desktop.ui.chat.markdown_view import CodeBlock, split_blocks
from tests.test_store import _FIRST_SCHEMA
from tests.ui.conftest import make_context

pytestmark = pytest.mark.gui


def engine_prompt(window) -> str:  # noqa: ANN001 (tests.ui.conftest.Window)
    """What the model was given for the last reply, read once the worker is idle (it owns the engine)."""
    window.qtbot.waitUntil(lambda: not window.c.worker.busy, timeout=60_000)
    return window.c.worker._engine.last_prompt


def settle(window) -> None:  # noqa: ANN001
    """Let the worker evaluate the reply's closing tokens (ChatEngine.prefill_after) before the window closes: on a
    busy machine that can take longer than the 2 s the close is allowed."""
    window.qtbot.waitUntil(lambda: not window.c.worker.busy, timeout=60_000)


def click(qtbot, button) -> None:  # noqa: ANN001
    assert button.isVisible() and button.isEnabled(), button.toolTip()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def test_a_code_reply_is_highlighted_as_it_streams_and_copy_copies_exactly_its_code(window, qtbot,
                                                                                   monkeypatch) -> None:
    seen: list[tuple[bool, str]] = []  # (fence closed, code so far) of every code block drawn while streaming
    real_set_block = CodeBlock.set_block

    def recording(block_widget: CodeBlock, block, final: bool) -> None:  # noqa: ANN001
        if window.c.chat.replying:
            seen.append((block.closed or final, block.text))
        real_set_block(block_widget, block, final)

    monkeypatch.setattr(CodeBlock, "set_block", recording)
    window.context.settings.max_tokens = 150
    done = window.type_and_send("Write a Python function that adds two numbers.")
    assert "```" in done.reply
    assert any(not closed and code for closed, code in seen), "an unfinished fence shows as code while it streams"
    reply = window.messages()[-1]
    blocks = reply.body.code_blocks()
    expected = [b for b in split_blocks(done.reply) if b.kind == "code"]
    assert [b.code() for b in blocks] == [b.text for b in expected] and blocks
    first = blocks[0]
    assert first.language.text() == expected[0].language == "python"
    assert first.view.document().toPlainText() == expected[0].text
    colours = set()
    block = first.view.document().begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            colours.add(it.fragment().charFormat().foreground().color().name())
            it += 1
        block = block.next()
    assert len(colours) >= 2, "the code is highlighted"
    QGuiApplication.clipboard().setText("something else")
    click(qtbot, first.copy_button)
    assert QGuiApplication.clipboard().text() == expected[0].text
    # The message's own Copy still copies the whole reply, Markdown and all.
    click(qtbot, reply.copy_button)
    assert QGuiApplication.clipboard().text() == done.reply
    settle(window)


def test_continue_appends_to_the_reply_the_length_limit_cut_off(window, qtbot) -> None:
    window.context.settings.max_tokens = 12
    done = window.type_and_send("Tell me a long story about a dragon who learns to cook.")
    assert done.finish_reason == "length" and not done.stopped and done.timings.tokens == 12
    reply = window.messages()[-1]
    assert reply.cut_off and "cut off" in reply.status.text()
    [stored] = [m for m in window.stored() if m.role == "assistant"]
    assert stored.finish_reason == "length" and stored.cut_off
    more = window.wait_turn(lambda: click(qtbot, reply.continue_button))
    assert more.reply.startswith(done.reply) and len(more.reply) > len(done.reply)
    assert more.reply_message_id == stored.id  # the same message, longer
    assert more.timings.reused_tokens >= done.timings.prompt_tokens  # the KV cache held the prompt and the reply
    assert [w.role for w in window.messages()] == ["user", "assistant"] and window.messages()[-1] is reply
    assert reply.text() == more.reply
    [again] = [m for m in window.stored() if m.role == "assistant"]
    assert again.id == stored.id and again.text == more.reply
    assert reply.cut_off == (more.finish_reason == "length") and reply.continue_button.isVisible() == reply.cut_off
    assert engine_prompt(window).endswith(done.reply)  # the model wrote on from the reply's own words


def test_regenerate_keeps_alternatives_that_survive_a_restart_and_are_exported(open_window, app_paths, starter_gguf,
                                                                               whisper_dir, qtbot, tmp_path) -> None:
    window = open_window(make_context(app_paths, temperature=1.0, seed=-1))
    window.type_and_send("Name a colour.")
    for _ in range(2):
        last = window.messages()[-1]
        window.wait_turn(lambda last=last: click(qtbot, last.regenerate_button))
    reply = window.messages()[-1]
    assert reply.alternative_label.text() == "3/3" and not reply.next_button.isEnabled()
    answers = window.context.store.alternatives(reply.message_id)
    assert len(answers) == 3 and [m.role for m in window.stored()] == ["user", "assistant"]
    click(qtbot, reply.previous_button)
    assert reply.alternative_label.text() == "2/3" and reply.text() == answers[1].text
    click(qtbot, reply.previous_button)
    assert reply.alternative_label.text() == "1/3" and reply.text() == answers[0].text
    assert not reply.previous_button.isEnabled()
    assert window.stored()[-1].id == answers[0].id

    window.type_and_send("Why that one?")
    prompt = engine_prompt(window)
    assert f"<|im_start|>assistant\n{answers[0].text}<|im_end|>" in prompt  # the conversation went on from answer 1
    if answers[2].text != answers[0].text:
        assert f"<|im_start|>assistant\n{answers[2].text}<|im_end|>" not in prompt
    conversation = window.c.chat.conversation_id
    window.close()

    again = open_window(make_context(app_paths))
    assert again.c.chat.conversation_id == conversation
    shown = again.messages()
    assert [w.role for w in shown] == ["user", "assistant", "user", "assistant"]
    assert shown[1].alternative_label.text() == "1/3" and shown[1].text() == answers[0].text
    assert shown[1].alternative_label.isVisible() and not shown[3].alternative_label.isVisible()
    click(qtbot, shown[1].next_button)
    assert shown[1].text() == answers[1].text

    md, js = tmp_path / "c.md", tmp_path / "c.json"
    again.c.conversations.export(conversation, "markdown", md)
    again.c.conversations.export(conversation, "json", js)
    text = md.read_text(encoding="utf-8")
    assert "answer 2 of 3, shown" in text and all(a.text.split("\n")[0] in text for a in answers)
    data = json.loads(js.read_text(encoding="utf-8"))
    assert [a["text"] for a in data["messages"][1]["alternatives"]] == [a.text for a in answers]
    assert data["messages"][1]["shown"] == 1


def test_the_context_meter_rises_and_marks_where_older_turns_were_left_out(open_window, app_paths, starter_gguf,
                                                                           whisper_dir) -> None:
    window = open_window(make_context(app_paths, context_size=256, max_tokens=60))
    meter = window.view.header.meter
    assert meter.text() == "context: –"
    used = []
    done = None
    for question in ["Tell me about the sea.", "Tell me about mountains.", "Tell me about forests.",
                     "Tell me about deserts.", "Tell me about rivers.", "Tell me about cities.",
                     "Tell me about the moon.", "Tell me about the stars."]:
        done = window.type_and_send(question)
        used.append(window.view.header.used)
        assert meter.maximum() == 256 and window.view.header.n_ctx == 256
        assert meter.value() == min(done.timings.context_tokens, 256) and "/ 256 tokens" in meter.text()
        if done.timings.dropped_messages:
            break
    assert used[1] > used[0], "the meter rises as the conversation grows"
    assert done is not None and done.timings.dropped_messages > 0, "a 256-token context fills up"
    mark = window.view.chat.left_out_mark
    first_seen = window.view.chat.left_out_before()
    assert mark.isVisible() and first_seen is not None and first_seen.message_id == done.timings.left_out_before
    widgets = window.messages()
    assert widgets.index(first_seen) > 0
    layout = window.view.chat._layout
    assert layout.indexOf(mark) == layout.indexOf(first_seen) - 1  # right above the first message the model saw
    # What the model saw indeed starts there: the oldest question is gone from its prompt, the kept one is in it.
    prompt = engine_prompt(window)
    assert "Tell me about the sea." not in prompt and first_seen.text().strip()[:40] in prompt
    # Reopened, the conversation shows the same meter and mark.
    conversation = window.c.chat.conversation_id
    window.close()
    again = open_window(make_context(app_paths))
    assert again.c.chat.conversation_id == conversation
    assert again.view.header.used == done.timings.context_tokens
    assert again.view.chat.left_out_before().message_id == done.timings.left_out_before


def test_a_conversations_own_system_prompt_reaches_the_model(window, qtbot) -> None:
    window.type_and_send("Say hello.")
    assert "Pirate" not in engine_prompt(window)
    header = window.view.header
    click(qtbot, header.change_button)
    dialog = window.c.chat.setup_dialog
    qtbot.waitExposed(dialog)
    assert dialog.use_default.isChecked() and not dialog.prompt.isEnabled()
    dialog.use_default.setFocus()
    qtbot.keyClick(dialog.use_default, Qt.Key.Key_Space)  # untick "use the model's default"
    assert dialog.prompt.isEnabled()
    dialog.prompt.clear()
    qtbot.keyClicks(dialog.prompt, "You are Captain Pirate. Answer like a pirate.")
    from PySide6.QtWidgets import QDialogButtonBox

    ok = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)
    click(qtbot, ok)
    conversation = window.context.store.conversation(window.c.chat.conversation_id)
    assert conversation.system_prompt == "You are Captain Pirate. Answer like a pirate."
    assert "Captain Pirate" in header.prompt.text()
    window.type_and_send("Who are you?")
    assert "You are Captain Pirate. Answer like a pirate." in engine_prompt(window)
    # Another conversation keeps the model's default prompt.
    window.view.activateWindow()  # the dialog is gone: the window takes the keys again
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window.view)
    qtbot.keyClick(window.view, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert window.c.chat.conversation_id is None
    assert "Captain Pirate" not in header.prompt.text()
    window.type_and_send("Say hi.")
    assert "Captain Pirate" not in engine_prompt(window)


def test_a_conversations_own_model_is_loaded_through_model_switching(open_window, app_paths, starter_gguf,
                                                                    whisper_dir, llama3_gguf: Path, qtbot) -> None:
    window = open_window(make_context(app_paths, max_tokens=16, temperature=None))
    starter = window.c.models.loaded_llm
    window.type_and_send("Say hello.")
    first = window.c.chat.conversation_id
    variant = window.context.catalog.add_local_model(llama3_gguf)  # what Settings' "add a model file" does
    qtbot.keyClick(window.view, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    click(qtbot, window.view.header.change_button)
    dialog = window.c.chat.setup_dialog
    dialog.model.setFocus()
    while dialog.model.currentData() != variant.id:
        index = dialog.model.currentIndex()
        qtbot.keyClick(dialog.model, Qt.Key.Key_Down)
        assert dialog.model.currentIndex() != index, "the model is in the list"
    dialog.accept()
    qtbot.waitUntil(lambda: window.c.models.loaded_llm == variant.id, timeout=120_000)
    assert variant.label in window.view.header.model.text()
    done = window.type_and_send("Hi there.")
    assert done.model == variant.id
    second = window.c.chat.conversation_id
    assert window.context.store.conversation(second).model == variant.id
    assert window.context.store.conversation(first).model is None
    # Back in the first conversation and out again: the second one brings its model back.
    window.c.models.choose(starter)
    qtbot.waitUntil(lambda: window.c.models.loaded_llm == starter, timeout=120_000)
    window.c.chat.open_conversation(first)
    window.c.chat.open_conversation(second)
    qtbot.waitUntil(lambda: window.c.models.loaded_llm == variant.id, timeout=120_000)
    settle(window)


def test_a_database_from_the_first_schema_opens_in_the_window(open_window, app_paths, starter_gguf,
                                                              whisper_dir) -> None:
    db = app_paths.database_file
    db.parent.mkdir(parents=True, exist_ok=True)
    old = sqlite3.connect(db)
    old.executescript(_FIRST_SCHEMA)
    old.execute("INSERT INTO conversations VALUES (1, 'From before', 1.0, 2.0, 0)")
    old.execute("INSERT INTO messages(conversation_id, role, text, created, model, timings) VALUES "
                "(1, 'user', 'Show code.', 1.0, NULL, '{}'), "
                "(1, 'assistant', 'Here:\n\n```sh\necho hi\n```', 1.5, 'starter', '{}')")
    old.commit()
    old.close()
    window = open_window(make_context(app_paths))
    assert window.view.sidebar.titles() == ["From before"]
    user, reply = window.messages()
    assert user.text() == "Show code." and reply.body.code_blocks()[0].code() == "echo hi"
    assert not reply.alternative_label.isVisible() and window.view.header.meter.text() == "context: –"
    done = window.type_and_send("Thanks.")
    assert done.reply_message_id is not None and window.stored()[-1].id == done.reply_message_id
    settle(window)


def test_a_regenerated_answer_stopped_at_once_brings_the_earlier_one_back(window, qtbot) -> None:
    first = window.type_and_send("Name a colour.")
    last = window.messages()[-1]

    def regenerate_and_stop() -> None:
        click(qtbot, last.regenerate_button)
        qtbot.keyClick(window.view, Qt.Key.Key_Escape)  # before the model has written a token

    done = window.wait_turn(regenerate_and_stop)
    assert done is None or done.reply_message_id is None
    qtbot.waitUntil(lambda: len(window.messages()) == 2 and window.messages()[-1].text() == first.reply)
    reply = window.messages()[-1]
    assert reply.message_id == first.reply_message_id and not reply.alternative_label.isVisible()
    assert [m.id for m in window.context.store.alternatives(first.reply_message_id)] == [first.reply_message_id]
    assert window.stored()[-1].id == first.reply_message_id
    settle(window)
