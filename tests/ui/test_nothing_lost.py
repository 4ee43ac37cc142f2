"""Issue 21 §2: nothing the user wrote is lost, on the real window, worker, store and models, driven by key presses.

"Busy" here is what makes the worker busy in real use: a job of the local API server (`ModelWorker.call`, what
desktop/ui/server/server_controller.py queues for each request) holding the worker, or a prompt long enough that the
model spends seconds evaluating it.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import threading
import time

import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialogButtonBox

from desktop.core.audio import PcmSource
from tests.conftest import ROOT
from tests.ui.conftest import make_context

pytestmark = pytest.mark.gui
WAIT_MS = 60_000


def _hold_the_worker(window) -> threading.Event:  # noqa: ANN001 (tests.ui.conftest.Window)
    """Queue a job that keeps the worker busy until the returned event is set, as an API request does."""
    gate = threading.Event()
    started = threading.Event()

    def request(_engine, _transcriber) -> None:  # noqa: ANN001
        started.set()
        gate.wait(60)

    window.c.worker.call(request)
    assert started.wait(30), "the worker did not take the job"
    return gate


def _type(qtbot, box, text: str) -> None:  # noqa: ANN001
    box.setFocus()
    qtbot.keyClicks(box, text)


def _idle(window) -> None:  # noqa: ANN001
    window.qtbot.waitUntil(lambda: not window.c.chat.in_flight and not window.c.worker.busy, timeout=WAIT_MS)


def test_an_edit_stopped_before_it_is_stored_keeps_the_originals_and_can_be_sent_again(window, qtbot) -> None:
    window.type_and_send("Say hello.")
    window.type_and_send("Say goodbye.")
    _idle(window)
    before = [(m.role, m.text) for m in window.stored()]
    first = window.messages()[0]
    qtbot.mouseClick(first.edit_button, Qt.MouseButton.LeftButton)
    box = window.view.input_bar.text
    box.selectAll()
    gate = _hold_the_worker(window)  # an API request is running: the edited message waits in the queue
    _type(qtbot, box, "Say good morning.")
    qtbot.keyClick(box, Qt.Key.Key_Return)
    assert window.c.chat.replying and box.toPlainText() == ""
    # Until the edited message is stored the originals stay, in the store and on screen.
    assert [(m.role, m.text) for m in window.stored()] == before
    assert [w.text() for w in window.messages()] == [text for _role, text in before]
    qtbot.keyClick(box, Qt.Key.Key_Escape)  # stopped while it waits: it is never stored
    gate.set()
    _idle(window)
    assert [(m.role, m.text) for m in window.stored()] == before, "the originals were deleted"
    assert [w.text() for w in window.messages()] == [text for _role, text in before]
    assert box.toPlainText().strip() == "Say good morning."
    assert window.c.chat._editing is window.messages()[0]  # still editing the first message
    done = window.wait_turn(lambda: qtbot.keyClick(box, Qt.Key.Key_Return))
    assert done.transcript == "Say good morning."
    stored = window.stored()
    assert [m.role for m in stored] == ["user", "assistant"] and stored[0].text == "Say good morning."
    assert [w.text() for w in window.messages()] == [m.text for m in stored]


def test_an_edit_replaces_the_originals_once_it_is_stored(window, qtbot) -> None:
    window.type_and_send("Say hello.")
    window.type_and_send("Say goodbye.")
    _idle(window)
    second = window.messages()[2]
    qtbot.mouseClick(second.edit_button, Qt.MouseButton.LeftButton)
    box = window.view.input_bar.text
    box.selectAll()
    _type(qtbot, box, "Say thanks.")
    done = window.wait_turn(lambda: qtbot.keyClick(box, Qt.Key.Key_Return))
    assert done.transcript == "Say thanks."
    stored = window.stored()
    assert [(m.role, m.text if m.role == "user" else "") for m in stored] == [
        ("user", "Say hello."), ("assistant", ""), ("user", "Say thanks."), ("assistant", "")]
    assert [w.text() for w in window.messages()] == [m.text for m in stored]


def test_messages_queued_behind_an_api_request_are_stored_when_the_window_closes(window, qtbot) -> None:
    gate = _hold_the_worker(window)
    box = window.view.input_bar.text
    _type(qtbot, box, "Remember to buy milk.")
    qtbot.keyClick(box, Qt.Key.Key_Return)
    _type(qtbot, box, "And bread.")
    qtbot.keyClick(box, Qt.Key.Key_Return)
    assert box.toPlainText() == ""  # the box was cleared: the store is the only place these words can be
    conversation = window.c.chat.conversation_id
    threading.Timer(0.5, gate.set).start()  # the request ends while the window is closing
    window.view.close()
    assert window.c.closed_cleanly
    stored = [(m.role, m.text) for m in window.context.store.messages(conversation)]
    assert stored == [("user", "Remember to buy milk."), ("user", "And bread.")]


def test_an_edit_queued_when_the_window_closes_is_stored_in_place_of_the_original(window, qtbot) -> None:
    window.type_and_send("Say hello.")
    _idle(window)
    qtbot.mouseClick(window.messages()[0].edit_button, Qt.MouseButton.LeftButton)
    box = window.view.input_bar.text
    box.selectAll()
    gate = _hold_the_worker(window)
    _type(qtbot, box, "Say hi.")
    qtbot.keyClick(box, Qt.Key.Key_Return)
    conversation = window.c.chat.conversation_id
    threading.Timer(0.5, gate.set).start()
    window.view.close()
    assert window.c.closed_cleanly
    assert [(m.role, m.text) for m in window.context.store.messages(conversation)] == [("user", "Say hi.")]


def test_a_first_take_that_hears_nothing_keeps_the_new_conversations_prompt(window, qtbot) -> None:
    window.view.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window.view)
    qtbot.keyClick(window.view, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    header = window.view.header
    qtbot.mouseClick(header.change_button, Qt.MouseButton.LeftButton)
    dialog = window.c.chat.setup_dialog
    qtbot.waitExposed(dialog)
    dialog.use_default.setFocus()
    qtbot.keyClick(dialog.use_default, Qt.Key.Key_Space)  # untick "use the model's default"
    dialog.prompt.clear()
    qtbot.keyClicks(dialog.prompt, "You are Captain Pirate.")
    qtbot.mouseClick(dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok),
                     Qt.MouseButton.LeftButton)
    assert "Captain Pirate" in header.prompt.text()
    window.view.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window.view)
    window.inject_audio(lambda: PcmSource(np.zeros(16_000, np.float32)))  # a take of silence
    chat = window.view.chat
    chat.setFocus()
    qtbot.waitUntil(chat.hasFocus)
    with qtbot.waitSignal(window.c.chat.turn_failed, timeout=WAIT_MS):
        qtbot.keyPress(chat, Qt.Key.Key_Space)
        qtbot.waitUntil(lambda: window.c.ptt.state == "recording", timeout=10_000)
        qtbot.keyRelease(chat, Qt.Key.Key_Space)
    assert "Nothing heard" in window.view.notices.text()
    assert window.context.store.conversations() == []  # no empty conversation is kept…
    assert "Captain Pirate" in header.prompt.text()  # …but what was chosen for it still is
    done = window.type_and_send("Who are you?")
    conversation = window.context.store.conversation(window.c.chat.conversation_id)
    assert conversation.system_prompt == "You are Captain Pirate."
    assert done.transcript == "Who are you?"


def test_words_given_back_keep_the_cursor_after_them(window, qtbot) -> None:
    box = window.view.input_bar.text
    gate = _hold_the_worker(window)
    _type(qtbot, box, "What is two plus two?")
    qtbot.keyClick(box, Qt.Key.Key_Return)
    qtbot.keyClick(box, Qt.Key.Key_Escape)  # stopped before it was stored: the words come back
    gate.set()
    qtbot.waitUntil(lambda: "two plus two" in box.toPlainText(), timeout=WAIT_MS)
    _idle(window)
    _type(qtbot, box, "Name a colour.")
    assert box.toPlainText() == "What is two plus two?\nName a colour."
    # Typed while the words were away, too: they come back in front, and typing goes on at the end.
    gate = _hold_the_worker(window)
    box.selectAll()
    _type(qtbot, box, "Say yes.")
    qtbot.keyClick(box, Qt.Key.Key_Return)
    qtbot.keyClick(box, Qt.Key.Key_Escape)
    _type(qtbot, box, "Half a thought")
    gate.set()
    qtbot.waitUntil(lambda: "Say yes." in box.toPlainText(), timeout=WAIT_MS)
    _idle(window)
    _type(qtbot, box, " and the rest.")
    assert box.toPlainText() == "Say yes.\nHalf a thought and the rest."


# ---- closing while the model evaluates a long prompt --------------------------------------------------------------

LONG_PROMPT_SETTINGS = dict(n_threads=1, context_size=8192, max_tokens=16)


def long_question() -> str:
    """A question of about 6,000 tokens: the starter model spends seconds evaluating it on one thread."""
    facts = " ".join(f"Fact {i}: the lighthouse on island {i} has {i % 7 + 2} windows and a red door." for i in
                     range(330))
    return f"Here are some facts. {facts} Question: how many windows has the lighthouse on island 12?"


def test_closing_during_a_long_prompt_evaluation_stops_it_and_saves_the_turn(open_window, app_paths, starter_gguf,
                                                                               whisper_dir, qtbot) -> None:
    window = open_window(make_context(app_paths, **LONG_PROMPT_SETTINGS))
    qtbot.keyClick(window.view, Qt.Key.Key_H,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)  # conversation mode on
    assert window.view.input_bar.conversation_toggle.isChecked()
    box = window.view.input_bar.text
    box.setFocus()
    box.setPlainText(long_question())
    with qtbot.waitSignal(window.c.chat.reply_began, timeout=WAIT_MS):  # the message is stored; evaluation starts
        qtbot.keyClick(box, Qt.Key.Key_Return)
    conversation = window.c.chat.conversation_id
    time.sleep(0.3)
    assert window.c.worker.busy, "the prompt's evaluation should still be running"
    started = time.perf_counter()
    window.view.close()
    took = time.perf_counter() - started
    assert window.c.closed_cleanly, f"the worker was still inside llama.cpp after {took:.1f} s"
    assert took < 2.0
    stored = window.context.store.messages(conversation)
    assert [m.role for m in stored] == ["user"] and stored[0].text == long_question()
    # No empty reply row marked incomplete is left behind (the store marks such rows stopped when it opens).
    import sqlite3

    with sqlite3.connect(app_paths.database_file) as db:
        assert db.execute("SELECT COUNT(*) FROM messages WHERE role = 'assistant'").fetchone()[0] == 0


_CLOSE_BUSY_APP = textwrap.dedent("""
    import sys, time
    from pathlib import Path
    from PySide6.QtCore import QTimer, Qt
    from PySide6.QtTest import QTest
    from desktop.core.paths import AppPaths
    from desktop.ui.shell.main_window import MainWindow, apply_theme, ensure_application
    from desktop.ui.shell.run import end_process
    from desktop.ui.shell.window_controller import WindowController
    from tests.ui.conftest import make_context
    from tests.ui.test_nothing_lost import LONG_PROMPT_SETTINGS, long_question

    app = ensure_application()
    home = Path(sys.argv[1])
    context = make_context(AppPaths(home / "config", home / "data"), **LONG_PROMPT_SETTINGS)
    apply_theme(context.settings.theme)
    window = MainWindow()
    c = WindowController(context, window)
    c.show()

    def wait(condition, limit_s=120):
        deadline = time.monotonic() + limit_s
        while not condition():
            if time.monotonic() > deadline:
                sys.exit("timed out")
            QTest.qWait(10)

    wait(lambda: c.models.loaded_llm is not None and c.models.loaded_whisper is not None)
    QTest.keyClick(window, Qt.Key.Key_H, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    box = window.input_bar.text
    box.setFocus()
    box.setPlainText(long_question())
    began = []
    c.chat.reply_began.connect(lambda: began.append(time.monotonic()))
    QTest.keyClick(box, Qt.Key.Key_Return)
    wait(lambda: began)
    QTest.qWait(300)
    print("busy at close:", c.worker.busy, flush=True)
    QTimer.singleShot(0, window.close)
    code = app.exec()
    print("closed cleanly:", c.closed_cleanly, flush=True)
    end_process(code)  # as the app ends (desktop/app.py)
""")


def test_the_process_exits_0_when_closed_during_a_long_prompt(starter_gguf, whisper_dir, tmp_path) -> None:
    """The whole process, as a user runs it: closing while llama.cpp evaluates a prompt ends with exit status 0
    (it ended with a segfault when the interpreter was torn down under the native work)."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(ROOT), HF_ENDPOINT="http://127.0.0.1:9")
    for attempt in range(2):
        home = tmp_path / f"home{attempt}"
        result = subprocess.run([sys.executable, "-c", _CLOSE_BUSY_APP, str(home)], cwd=ROOT, env=env,
                                capture_output=True, text=True, timeout=300)
        assert "busy at close: True" in result.stdout, result.stdout + result.stderr
        assert "closed cleanly: True" in result.stdout, result.stdout + result.stderr[-3000:]
        assert result.returncode == 0, f"exit status {result.returncode}\n{result.stdout}\n{result.stderr[-3000:]}"
