"""Issue 22 §4, dictation: with Settings → Type what I say on, the global key's take is typed into the application in
front. Typed for real, with XTest on a private Xvfb, into a Qt text box of a second process that has the X focus."""

from __future__ import annotations

import re
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop.core.settings import Settings
from desktop.ui.settings.settings_dialog import SettingsDialog
from desktop.ui.voice.dictation import DictationError, XTyper
from tests.conftest import ROOT
from tests.ui.conftest import TURN_TIMEOUT_MS, make_context
from tests.ui.test_reach import xvfb  # noqa: F401 - the private X server, as a fixture

pytestmark = pytest.mark.gui

# "Another application": a plain text box that writes what it holds to a file each time it changes, and says when the
# X server gave it the focus.
_CLIENT = """
import os, sys
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QPlainTextEdit

app = QApplication(sys.argv)
out = sys.argv[1]
box = QPlainTextEdit()
box.setWindowTitle("another application")
box.resize(400, 200)

def save():
    with open(out + ".tmp", "w", encoding="utf-8") as handle:
        handle.write(box.toPlainText())
    os.replace(out + ".tmp", out)

box.textChanged.connect(save)
app.focusWindowChanged.connect(lambda window: print("focused" if window else "unfocused", flush=True))
box.show()
print("window", int(box.winId()), flush=True)
app.exec()
"""


class Client:
    """The text box in front, in a process of its own on the Xvfb display."""

    def __init__(self, display: str, folder: Path) -> None:
        from tests.conftest import cli_env

        self.out = folder / "typed.txt"
        env = cli_env(folder, DISPLAY=display, QT_QPA_PLATFORM="xcb")
        env.pop("WAYLAND_DISPLAY", None)
        self.process = subprocess.Popen([sys.executable, "-c", _CLIENT, str(self.out)], env=env, cwd=ROOT,
                                        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        line = self.process.stdout.readline()
        assert line.startswith("window"), line + self.process.stderr.read()
        self.window_id = int(line.split()[1])

    def focus(self, display: str) -> None:
        """Give it the X focus, as clicking on it would (there is no window manager on the Xvfb)."""
        from Xlib import X
        from Xlib import display as xdisplay

        connection = xdisplay.Display(display)
        deadline = time.monotonic() + 20
        while True:  # the window may not be mapped yet: the server refuses the focus to an unmapped window
            window = connection.create_resource_object("window", self.window_id)
            if window.get_attributes().map_state == X.IsViewable:
                break
            assert time.monotonic() < deadline, "the client's window was never shown"
            time.sleep(0.05)
        window.set_input_focus(X.RevertToParent, X.CurrentTime)
        connection.sync()
        connection.close()
        line = self.process.stdout.readline()
        assert line.strip() == "focused", line

    def text(self) -> str:
        return self.out.read_text(encoding="utf-8") if self.out.exists() else ""

    def wait_for(self, expected: str, timeout_s: float = 20) -> str:
        deadline = time.monotonic() + timeout_s
        while self.text() != expected and time.monotonic() < deadline:
            time.sleep(0.05)
        return self.text()

    def close(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=10)


@pytest.fixture
def client(xvfb: str, tmp_path: Path) -> Iterator[Client]:  # noqa: F811 (the fixture imported above)
    other = Client(xvfb, tmp_path)
    other.focus(xvfb)
    yield other
    other.close()


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9']+", text.lower())


def test_xtest_types_ascii_capitals_punctuation_newlines_and_other_characters(xvfb, client) -> None:  # noqa: ANN001, F811
    text = "Hello, World! 1+1=2 (50%) \"quoted\" it's ok?\nStraße, café, Grüße: 5 € → done "
    XTyper(xvfb)(text)
    assert client.wait_for(text) == text
    # The spare key codes borrowed for ß, é, ü, € and → are given back empty: the keyboard is as it was.
    from Xlib import display as xdisplay

    connection = xdisplay.Display(xvfb)
    first = connection.display.info.min_keycode
    rows = connection.get_keyboard_mapping(first, connection.display.info.max_keycode - first + 1)
    assert not any(keysym in (0xDF, 0xE9, 0xFC, 0x10020AC, 0x1002192) for row in rows for keysym in row)
    connection.close()


def test_typing_waits_for_ctrl_to_be_let_go_and_refuses_to_press_shortcuts(xvfb, client, monkeypatch) -> None:  # noqa: ANN001, F811
    from Xlib import XK, X
    from Xlib import display as xdisplay
    from Xlib.ext import xtest

    import desktop.ui.voice.dictation as dictation

    monkeypatch.setattr(dictation, "HELD_WAIT_S", 0.5)
    connection = xdisplay.Display(xvfb)
    ctrl = connection.keysym_to_keycode(XK.string_to_keysym("Control_L"))
    xtest.fake_input(connection, X.KeyPress, ctrl)
    connection.sync()
    with pytest.raises(DictationError, match="still held down"):
        XTyper(xvfb)("a")  # typed with Ctrl down, "a" would select everything in the window in front
    xtest.fake_input(connection, X.KeyRelease, ctrl)
    connection.sync()
    connection.close()
    assert client.text() == ""


def test_type_what_i_say_sits_beside_the_global_key_and_shares_its_reason(xvfb, qtbot, monkeypatch) -> None:  # noqa: ANN001, F811
    def dialog(settings: Settings) -> SettingsDialog:
        made = SettingsDialog(settings, [], [], [], "", lambda *args: None, 8.0)
        qtbot.addWidget(made)
        return made

    # With X11: off by default, and greyed until the global key is ticked.
    shown = dialog(Settings())
    assert not shown.dictation.isChecked() and not shown.dictation.isEnabled()
    shown.global_hotkey.setChecked(True)
    assert shown.dictation.isEnabled()
    shown.dictation.setChecked(True)
    result = shown.result_settings()
    assert result.global_hotkey and result.dictation
    # Without X11: disabled, with the global key's reason, and never saved as on.
    monkeypatch.delenv("DISPLAY")
    shown = dialog(Settings(global_hotkey=True, dictation=True))
    assert not shown.dictation.isEnabled()
    assert "no X11 display" in shown.global_hotkey_why.text() and "no X11 display" in shown.dictation.toolTip()
    assert shown.result_settings().dictation is False


def test_the_global_key_types_what_was_said_into_the_window_in_front(xvfb, client, open_window, app_paths,  # noqa: ANN001, F811
                                                                      starter_gguf, whisper_dir, qtbot,
                                                                      capital_wav) -> None:
    from Xlib import XK, X
    from Xlib import display as xdisplay
    from Xlib.ext import xtest

    from desktop.core.audio import PcmSource, read_wav

    said = "What is the capital of France?"  # as espeak-ng says it (tests/conftest.py)
    pcm = read_wav(capital_wav)
    window = open_window(make_context(app_paths, global_hotkey=True, global_hotkey_key="Ctrl+Alt+Space",
                                      dictation=True))
    remote, dictation = window.c.remote, window.c.dictation
    notices: list[str] = []
    remote.notice.connect(notices.append)
    qtbot.waitUntil(lambda: remote.hotkey.grabbed.is_set() or bool(notices), timeout=30_000)
    assert remote.hotkey.grabbed.is_set(), notices
    window.c.ptt.source_factory = lambda: PcmSource(pcm, name="capital.wav")
    turns: list[object] = []
    window.c.chat.turn_started.connect(lambda: turns.append("started"))

    keyboard = xdisplay.Display(xvfb)  # the user's hands: the key is held while the other window has the focus
    keys = [keyboard.keysym_to_keycode(XK.string_to_keysym(name)) for name in ("Control_L", "Alt_L", "space")]
    for code in keys:
        xtest.fake_input(keyboard, X.KeyPress, code)
    keyboard.sync()
    qtbot.waitUntil(lambda: window.c.ptt.state == "recording", timeout=10_000)
    assert remote.dictating and "type it into the window in front" in remote.overlay.hint.text()
    qtbot.wait(300)
    with qtbot.waitSignal(dictation.typed, timeout=TURN_TIMEOUT_MS) as typed:
        for code in reversed(keys):
            xtest.fake_input(keyboard, X.KeyRelease, code)
        keyboard.sync()
    keyboard.close()

    text = dictation.last_text
    assert client.wait_for(text) == text and text.endswith(" ")  # typed as heard, with a space to join the next
    # What was said, allowing Whisper's punctuation and case, and the tiny model's slips on short words ("on France").
    heard = _words(text)
    assert len(heard) == len(_words(said)) and {"what", "capital", "france"} <= set(heard), text
    assert typed.args == [len(text.split())]
    assert window.view.status.currentMessage() == f"Typed {len(text.split())} words into the window in front"
    # Nothing went to the model or the conversation; the text box is untouched.
    assert turns == [] and window.c.chat.conversation_id is None
    assert window.context.store.conversations() == []
    assert window.view.input_bar.text.toPlainText() == ""
    assert window.c.floor.stage.value == "idle"

    # A take of the window's own key goes to Chinwag as before.
    window.c.ptt.press()
    assert not remote.dictating
    window.c.ptt.discard("escape")

    # Typing that fails loses no words: they wait in Chinwag's text box, and a notice says why.
    def fail(_text: str) -> None:
        raise DictationError("“✓” has no key on this keyboard, and no spare key is free to type it with.")

    dictation.typer = fail
    with qtbot.waitSignal(dictation.not_typed, timeout=10_000):
        dictation.type_text("Buy milk ✓")
    assert window.view.input_bar.text.toPlainText().strip() == "Buy milk ✓"
    notice = window.view.notices.label.text()
    assert "could not be typed into the window in front" in notice and "text box" in notice
    qtbot.waitUntil(lambda: window.c.worker.queued == 0, timeout=60_000)
