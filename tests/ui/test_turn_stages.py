"""Issue 8 §1: a turn survives every user action at every stage, on the real window and the real models.

One table: five stages of a turn × twelve things a user does, driven with real key presses and clicks. A
"stage gate" holds the model worker at the stage (inside the real Transcriber / ChatEngine calls, which still do
all their work) while the action happens, then lets it go. After every row:
- nothing reached the Qt event loop (pytest-qt fails the test otherwise, see conftest.py);
- the app is usable: a typed message gets its reply, in the conversation on screen;
- the chat view shows exactly what the store holds for the open conversation, and no reply row is empty;
- nothing the user typed or said is lost: it is in the store or back in the text box (a take cancelled with Esc,
  or cut off by closing the window, is thrown away on purpose: that is the privacy rule of §2);
- every `turn_finished` carried the turn that had just ended.

One window and one worker serve all rows (module scope); a row that closes the window opens a new one on the same
data. Replies are a few tokens long, so the table takes a few minutes on two cores.
"""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QLineEdit

from desktop.context import AppContext
from desktop.core.audio import PcmSource, read_wav
from desktop.core.llm import ChatEngine
from desktop.core.paths import AppPaths
from desktop.core.stt import Transcriber
from tests.ui.conftest import LOAD_TIMEOUT_MS, make_context

pytestmark = [pytest.mark.gui, pytest.mark.audio]

STAGES = ["recording", "transcribing", "first_token", "streaming", "prefill"]
ACTIONS = ["new", "open_other", "delete_open", "rename", "type_send", "talk_key", "stop", "regenerate",
           "edit_resend", "settings_model", "settings_whisper", "close"]
HOLD_LIMIT_S = 60.0  # a gate never holds the worker longer than this, whatever goes wrong in a row
WAIT_MS = 60_000


class StageGate:
    """Holds the model worker at one named point of a turn until the test opens it (or the turn is cancelled)."""

    def __init__(self) -> None:
        self.armed: str | None = None
        self.reached = threading.Event()
        self._open = threading.Event()
        self.cancel_of: Callable[[], threading.Event | None] = lambda: None

    def arm(self, point: str) -> None:
        self._open.clear()
        self.reached.clear()
        self.armed = point

    def open(self) -> None:
        self.armed = None
        self._open.set()

    def hold(self, point: str, cancel: threading.Event | None = None) -> None:
        if self.armed != point:
            return
        self.armed = None
        cancel = cancel or self.cancel_of()
        self.reached.set()
        deadline = time.monotonic() + HOLD_LIMIT_S
        # A cancelled turn goes on at once, as the real call would finish and then see the cancel.
        while not self._open.wait(0.005):
            if (cancel is not None and cancel.is_set()) or time.monotonic() > deadline:
                break


@pytest.fixture(scope="module")
def gate() -> Iterator[StageGate]:
    """Stage gates inside the real model calls (class level, so models loaded later are gated too)."""
    gate = StageGate()
    patch = pytest.MonkeyPatch()
    transcribe, stream, prefill = Transcriber.transcribe, ChatEngine.stream, ChatEngine.prefill_after

    def gated_transcribe(self: Transcriber, pcm):  # noqa: ANN001, ANN202
        gate.hold("transcribing")
        return transcribe(self, pcm)

    def gated_stream(self: ChatEngine, messages, params=None, cancel=None):  # noqa: ANN001, ANN202
        gate.hold("first_token", cancel)
        pieces = stream(self, messages, params, cancel)
        try:
            for index, piece in enumerate(pieces):
                yield piece
                if index == 0:
                    gate.hold("streaming", cancel)
        finally:
            pieces.close()

    def gated_prefill(self: ChatEngine, messages, reply):  # noqa: ANN001, ANN202
        gate.hold("prefill")
        return prefill(self, messages, reply)

    patch.setattr(Transcriber, "transcribe", gated_transcribe)
    patch.setattr(ChatEngine, "stream", gated_stream)
    patch.setattr(ChatEngine, "prefill_after", gated_prefill)
    yield gate
    gate.open()
    patch.undo()


@dataclass
class App:
    """The shared window, reopened on the same data after a row closes it."""

    paths: AppPaths
    gate: StageGate
    capital: Path
    local_model: Path
    whisper_dir: Path
    view: object = None
    c: object = None
    context: AppContext | None = None
    finished: list = field(default_factory=list)
    qtbot: object = None

    def open(self) -> None:
        from desktop.ui.shell.main_window import MainWindow, ensure_application
        from desktop.ui.shell.window_controller import WindowController

        ensure_application()
        self.context = make_context(self.paths, input_device="pulse", max_tokens=6,
                                    n_threads=1)  # one thread: no spin-waiting team on a busy 2-core machine
        self.view = MainWindow()
        self.c = WindowController(self.context, self.view)
        self.c.show()
        self.c.chat.turn_finished.connect(self.finished.append)
        self.gate.cancel_of = self._current_cancel
        deadline = time.monotonic() + LOAD_TIMEOUT_MS / 1000
        while self.c.models.loaded_llm is None or self.c.models.loaded_whisper is None:
            QApplication.processEvents()
            assert time.monotonic() < deadline, "the models did not load"
            time.sleep(0.01)

    def _current_cancel(self) -> threading.Event | None:
        current = self.c.worker._current if self.c is not None else None
        return current.cancel if current is not None else None

    @property
    def idle(self) -> bool:
        return (not self.c.ptt.active and not self.c.chat.in_flight and not self.c.worker.busy
                and self.c.settings.dialog is None)

    def close(self) -> None:
        if self.c is not None and self.c.closed_cleanly is None:
            self.view.close()


@pytest.fixture(scope="module")
def app(tmp_path_factory, gate: StageGate, starter_gguf: Path, whisper_dir: Path, virtual_microphone: str,
        capital_wav: Path, qapp) -> Iterator[App]:  # noqa: ANN001
    home = tmp_path_factory.mktemp("table")
    paths = AppPaths(config_dir=home / "config", data_dir=home / "data")
    local_model = home / "starter-copy.gguf"
    shutil.copyfile(starter_gguf, local_model)
    app = App(paths, gate, capital_wav, local_model, whisper_dir)
    _APPS.append(app)
    app.open()
    # A second model and a second speech model to switch to in Settings (copies of the real ones).
    app.context.catalog.add_local_model(local_model)
    entry = home / "whisper.json"
    entry.write_text('{"id": "whisper-tiny-copy", "kind": "whisper", "label": "Whisper tiny.en (copy)", '
                     f'"path": "{whisper_dir}"}}')
    app.context.catalog.add_user_entries(entry)
    yield app
    gate.open()
    app.close()


@dataclass
class Row:
    stage: str
    action: str
    said: str = ""  # words of the stage's own turn, typed or spoken, that must not be lost
    spoken: bool = False
    player: subprocess.Popen | None = None
    mouse_held: bool = False
    extra_typed: list[str] = field(default_factory=list)  # words the action itself sent
    started: float = 0.0  # messages from earlier rows are older
    spoken_by_action: bool = False
    replaced: str = ""  # a message the action edited and sent again in its place


_APPS: list[App] = []


def _wait(qtbot, condition: Callable[[], bool], timeout: int = WAIT_MS) -> None:  # noqa: ANN001
    try:
        qtbot.waitUntil(condition, timeout=timeout)
    except Exception as error:  # say where everything stood: a stuck row is otherwise a bare timeout
        app = _APPS[-1] if _APPS else None
        if app is None or app.c is None:
            raise
        c = app.c
        state = (f"ptt={c.ptt.state} turns={len(c.chat._turns)} replying={c.chat.replying} "
                 f"worker_busy={c.worker.busy} current={c.worker._current is not None} "
                 f"jobs={c.worker._jobs.qsize()} dialog={c.settings.dialog is not None} finished={app.finished} "
                 f"notice={app.view.notices.text()!r} gate={app.gate.armed}")
        raise AssertionError(state) from error


def _reset(app: App, qtbot) -> None:  # noqa: ANN001
    if app.c is None or app.c.closed_cleanly is not None:
        app.open()
    app.qtbot = qtbot
    view = app.view
    view.activateWindow()
    _wait(qtbot, lambda: QApplication.activeWindow() is view)
    _wait(qtbot, lambda: app.idle)
    view.notices.dismiss()
    view.input_bar.text.clear()
    qtbot.keyClick(view, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert view.chat.messages() == []
    # Every row starts in a conversation with one finished exchange: something to regenerate, edit and delete.
    _type_and_send(app, qtbot, "Hello.")
    _wait(qtbot, lambda: app.idle and bool(app.finished) and app.finished[-1] is not None)
    app.finished.clear()


def _type_and_send(app: App, qtbot, text: str) -> None:  # noqa: ANN001
    box = app.view.input_bar.text
    box.setFocus()
    qtbot.keyClicks(box, text)
    qtbot.keyClick(box, Qt.Key.Key_Return)


def _press_talk_key(app: App, qtbot) -> None:  # noqa: ANN001
    chat = app.view.chat
    chat.setFocus()
    qtbot.keyPress(chat, Qt.Key.Key_Space)
    qtbot.keyRelease(chat, Qt.Key.Key_Space)


def _inject_capital(app: App) -> None:
    pcm = read_wav(app.capital)
    app.c.ptt.source_factory = lambda: PcmSource(pcm, name="capital.wav")


def _enter_stage(app: App, qtbot, row: Row) -> None:  # noqa: ANN001
    c, view, gate = app.c, app.view, app.gate
    if row.stage == "recording":
        c.ptt.source_factory = c.microphone  # the real Recorder on the PulseAudio virtual microphone
        row.spoken, row.said, row.mouse_held = True, "capital", True
        qtbot.mousePress(view.input_bar.talk_button, Qt.MouseButton.LeftButton)
        _wait(qtbot, lambda: c.ptt.state == "recording", 10_000)
        row.player = subprocess.Popen(["paplay", "--device=vsink", str(app.capital)])
        return
    if row.stage == "transcribing":
        _inject_capital(app)
        row.spoken, row.said = True, "capital"
        gate.arm("transcribing")
        _press_talk_key(app, qtbot)
        _wait(qtbot, gate.reached.is_set)
        return
    row.said = f"Row {row.stage} {row.action}: name a fruit."
    gate.arm(row.stage)
    _type_and_send(app, qtbot, row.said)
    if row.stage == "first_token":
        _wait(qtbot, lambda: gate.reached.is_set() and any(w.text() == row.said for w in view.chat.messages()))
    elif row.stage == "streaming":
        _wait(qtbot, lambda: gate.reached.is_set() and bool(c.chat.reply_widget() and c.chat.reply_widget().text()))
    else:  # the reply is done and shown; the worker evaluates its closing tokens meanwhile
        _wait(qtbot, lambda: gate.reached.is_set() and bool(app.finished))


def _other_conversation(app: App) -> int:
    sidebar = app.view.sidebar
    for i in range(sidebar.list.count()):
        conversation_id = int(sidebar.list.item(i).data(Qt.ItemDataRole.UserRole))
        if conversation_id != app.c.chat.conversation_id:
            return i
    raise AssertionError("no other conversation to open")


def _settings(app: App, qtbot, choose: Callable[[object], None]) -> None:  # noqa: ANN001
    qtbot.keyClick(app.view, Qt.Key.Key_Comma, Qt.KeyboardModifier.ControlModifier)
    _wait(qtbot, lambda: app.c.settings.dialog is not None and app.c.settings.dialog.isVisible(), 10_000)
    dialog = app.c.settings.dialog
    choose(dialog)
    ok = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
    app.view.activateWindow()  # what the window manager does when a dialog closes (the offscreen platform does not)


def _pick(picker, wanted: Callable[[str], bool]) -> None:  # noqa: ANN001 (a ModelPicker)
    index = next(i for i in range(picker.count()) if picker.itemData(i) and wanted(str(picker.itemData(i))))
    picker.setCurrentIndex(index)


def _act(app: App, qtbot, row: Row) -> None:  # noqa: ANN001
    c, view = app.c, app.view
    action = row.action
    if action == "new":
        qtbot.keyClick(view, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    elif action == "open_other":
        sidebar = view.sidebar.list
        item = sidebar.item(_other_conversation(app))
        qtbot.mouseClick(sidebar.viewport(), Qt.MouseButton.LeftButton, pos=sidebar.visualItemRect(item).center())
    elif action == "delete_open":
        assert view.sidebar.selected_id() == c.chat.conversation_id
        qtbot.mouseClick(view.sidebar.delete_button, Qt.MouseButton.LeftButton)
    elif action == "rename":
        conversation = c.chat.conversation_id
        qtbot.keyClick(view, Qt.Key.Key_F2)
        editor = view.sidebar.list.findChild(QLineEdit)
        assert editor is not None
        editor.selectAll()
        qtbot.keyClicks(editor, f"Renamed-{row.stage}")
        qtbot.keyClick(editor, Qt.Key.Key_Return)
        _wait(qtbot, lambda: app.context.store.conversation(conversation).title == f"Renamed-{row.stage}")
    elif action == "type_send":
        text = f"Also, {row.stage}: name a tree."
        row.extra_typed.append(text)
        _type_and_send(app, qtbot, text)
    elif action == "talk_key":
        if row.stage != "recording":
            _inject_capital(app)
            row.spoken_by_action = True
        _press_talk_key(app, qtbot)
    elif action == "stop":
        qtbot.keyClick(view, Qt.Key.Key_Escape)
    elif action == "regenerate":
        qtbot.keyClick(view, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    elif action == "edit_resend":
        users = [w for w in view.chat.messages() if w.role == "user"]
        qtbot.mouseClick(users[-1].edit_button, Qt.MouseButton.LeftButton)
        if c.chat._editing is not None:
            row.replaced = users[-1].text()  # edit and resend puts new words in its place, on purpose
        box = view.input_bar.text
        box.setFocus()  # the user clicks into the box (where Edit puts the focus when it can)
        box.selectAll()
        text = f"Edited at {row.stage}: name a bird."
        row.extra_typed.append(text)
        qtbot.keyClicks(box, text)
        box.setFocus()
        qtbot.keyClick(box, Qt.Key.Key_Return)
    elif action == "settings_model":
        current = c.models.llm.id
        _settings(app, qtbot, lambda d: _pick(d.model, lambda v: v != current and (
            v.startswith("local-") or v == app.context.catalog.starter_llm)))
    elif action == "settings_whisper":
        current = app.context.settings.whisper_model
        _settings(app, qtbot, lambda d: _pick(d.whisper, lambda v: v != current and v in (
            "whisper-tiny.en", "whisper-tiny-copy")))
    elif action == "close":
        view.close()
    else:
        raise AssertionError(action)


def _finish(app: App, qtbot, row: Row) -> None:  # noqa: ANN001
    """Let the held stage go, end the take, and wait until every part of the app is idle."""
    app.gate.open()
    if row.player is not None:
        _wait(qtbot, lambda: row.player.poll() is not None, 30_000)
    if app.c.closed_cleanly is not None:
        return
    if row.mouse_held:
        qtbot.mouseRelease(app.view.input_bar.talk_button, Qt.MouseButton.LeftButton)
    _wait(qtbot, lambda: app.idle)
    QApplication.processEvents()


def _stored(app: App, since: float = 0.0) -> list[tuple[int, str, str, int, int, int]]:
    """Every message written since `since` (by time: SQLite reuses the ids of rows that edit-and-resend removed)."""
    with sqlite3.connect(app.paths.database_file) as db:
        return db.execute("SELECT conversation_id, role, text, stopped, complete, id FROM messages WHERE created >= ?",
                          (since,)).fetchall()


def _check(app: App, row: Row) -> None:
    stored = _stored(app, row.started)
    assert all(text.strip() for _c, role, text, *_ in stored if role == "assistant"), "an empty reply row was kept"
    assert all(complete for *_x, complete, _id in stored), "a reply was left half-written"
    box = app.view.input_bar.text.toPlainText() if app.c.closed_cleanly is None else ""

    def kept(words: str) -> bool:
        return any(words.lower() in text.lower() for _c, role, text, *_ in stored if role == "user") or \
            words.lower() in box.lower()

    thrown_away = row.stage == "recording" and row.action in ("stop", "close")  # Esc and closing discard the take
    if row.said and row.said != row.replaced:
        assert kept(row.said) != thrown_away, (f"{row.said!r}: {'kept' if thrown_away else 'lost'}; box={box!r} "
                                               f"stored={stored} notice={app.view.notices.text()!r}")
    for words in row.extra_typed:
        assert kept(words), f"{words!r} was lost; box={box!r} stored={stored} notice={app.view.notices.text()!r}"
    if row.spoken_by_action:
        assert kept("capital"), "the take of the talk key was lost"
    sent = [row.said, *row.extra_typed, "Hello."]  # "Hello." is the reply regenerate writes again
    if row.spoken or row.spoken_by_action:
        sent.append("capital")
    for done in app.finished:  # every turn_finished carried a turn of this row, its own words and reply
        if done is not None:
            assert any(words.lower() in done.transcript.lower() for words in sent if words), done.transcript
            if row.replaced:
                continue  # edit and resend removed its rows, and new rows may have taken their ids
            user = [text for _c, role, text, _s, _k, ident in stored if ident == done.user_message_id]
            assert user in ([done.transcript], [])  # [] when it was written before this row (regenerate)
            if done.reply_message_id is not None:
                reply = [text for _c, _r, text, _s, _k, ident in stored if ident == done.reply_message_id]
                assert reply in ([done.reply], [])
    if app.c.closed_cleanly is not None:
        assert app.c.closed_cleanly, "the worker did not stop within 2 s"
        return
    _shown_equals_stored(app)


def _shown_equals_stored(app: App) -> None:
    chat = app.c.chat
    shown = [(w.role, w.text()) for w in app.view.chat.messages()]
    if chat.conversation_id is None:
        assert shown == []
        return
    stored = [(m.role, m.text) for m in app.context.store.messages(chat.conversation_id)]
    assert shown == stored


def _still_usable(app: App, qtbot) -> None:  # noqa: ANN001
    if app.c.closed_cleanly is not None:
        _reset(app, qtbot)  # a new window on the same data: the last conversation is there, and answers
    app.finished.clear()
    app.view.input_bar.text.clear()
    question = "Say ok."
    _type_and_send(app, qtbot, question)
    _wait(qtbot, lambda: bool(app.finished) and app.idle)
    done = app.finished[-1]
    assert done is not None and done.transcript == question and done.reply.strip()
    assert app.view.chat.messages()[-1].text() == done.reply
    _shown_equals_stored(app)


@pytest.mark.parametrize("action", ACTIONS)
@pytest.mark.parametrize("stage", STAGES)
def test_a_turn_survives_every_action_at_every_stage(app: App, stage: str, action: str, qtbot) -> None:  # noqa: ANN001
    _reset(app, qtbot)
    row = Row(stage, action, started=time.time())
    try:
        _enter_stage(app, qtbot, row)
        _act(app, qtbot, row)
    finally:
        _finish(app, qtbot, row)
    _check(app, row)
    _still_usable(app, qtbot)


def test_ctrl_n_while_a_reply_streams_then_send_again(app: App, qtbot) -> None:  # noqa: ANN001
    """The reported bug, step by step: Ctrl+N mid-reply, then a second question is stored and answered."""
    _reset(app, qtbot)
    app.gate.arm("streaming")
    _type_and_send(app, qtbot, "Tell me about rivers.")
    _wait(qtbot, lambda: app.gate.reached.is_set())
    first = app.c.chat.conversation_id
    qtbot.keyClick(app.view, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    app.gate.open()
    _type_and_send(app, qtbot, "Tell me about lakes.")
    _wait(qtbot, lambda: app.idle and any(d is not None and d.transcript == "Tell me about lakes."
                                          for d in app.finished))
    second = app.c.chat.conversation_id
    assert second != first
    assert [m.text for m in app.context.store.messages(second) if m.role == "user"] == ["Tell me about lakes."]
    assert app.context.store.messages(first)[-1].stopped
    _shown_equals_stored(app)
