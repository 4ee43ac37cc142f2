"""Issue 12 §4: Chinwag reachable from anywhere — the tray's actions, and a global push-to-talk key.

The global key is grabbed on a real X server (Xvfb, started here on a display of its own) and pressed with XTest,
as if in another application: the take starts, the overlay says "Listening…", and letting go sends it. Where
there is no X11 (no DISPLAY, or a Wayland session) the setting is disabled and says why.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator

import pytest
from PySide6.QtWidgets import QSystemTrayIcon

from desktop.core.paths import assets_dir
from desktop.ui.voice.global_hotkey import hotkey_support, parse_key
from tests.conftest import need
from tests.ui.conftest import TURN_TIMEOUT_MS, make_context

pytestmark = pytest.mark.gui


@pytest.fixture
def xvfb(monkeypatch) -> Iterator[str]:  # noqa: ANN001
    """A private X server; DISPLAY points at it (and no Wayland) for the test."""
    need(shutil.which("Xvfb") is not None, "Xvfb is not installed (scripts/system-deps.sh test)")
    read, write = os.pipe()
    server = subprocess.Popen(["Xvfb", "-displayfd", str(write), "-screen", "0", "1024x768x24", "-nolisten", "tcp"],
                              pass_fds=(write,), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    os.close(write)
    with os.fdopen(read) as handle:
        number = handle.readline().strip()
    assert number, "Xvfb did not start"
    display = f":{number}"
    monkeypatch.setenv("DISPLAY", display)
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    monkeypatch.setenv("XDG_SESSION_TYPE", "x11")
    yield display
    server.terminate()
    server.wait(timeout=10)


def test_tray_actions_show_hide_talk_and_quit(open_window, app_paths, starter_gguf, whisper_dir, qtbot) -> None:
    window = open_window(make_context(app_paths))
    tray = window.c.tray
    # Where the desktop has a tray there is an icon; where it has none (offscreen, a bare X server) there is none,
    # and the window works the same: the menu's actions are the same either way.
    assert tray.available == QSystemTrayIcon.isSystemTrayAvailable()
    assert window.view.isVisible()
    tray.show_action.trigger()
    assert not window.view.isVisible()
    tray.menu.aboutToShow.emit()
    assert tray.show_action.text() == "Show Chinwag"
    tray.show_action.trigger()
    qtbot.waitUntil(window.view.isVisible)

    # "Start talking" starts a take (the overlay says so), "Stop and send" sends it.
    window.inject_audio(assets_dir() / "hello.wav")
    tray.talk_action.trigger()
    qtbot.waitUntil(lambda: window.c.ptt.state == "recording", timeout=10_000)
    assert tray.talk_action.text() == "Stop and send"
    assert window.c.remote.overlay.isVisible() and window.c.remote.overlay.text.text() == "Listening…"
    assert window.view.status.listening.text() == "● Listening…"
    done = window.wait_turn(lambda: tray.talk_action.trigger(), timeout=TURN_TIMEOUT_MS)
    assert done is not None and not window.c.remote.overlay.isVisible()
    assert "capital" in window.stored()[0].text.lower()
    assert tray.talk_action.text() == "Start talking"

    qtbot.waitUntil(lambda: window.c.worker.queued == 0, timeout=60_000)  # the reply's closing tokens evaluated
    tray.quit_action.trigger()
    qtbot.waitUntil(lambda: window.c.closed_cleanly is not None)
    assert window.c.closed_cleanly


_TRAY_PROBE = """
import sys, tempfile, time
from pathlib import Path
sys.path.insert(0, sys.argv[1])
from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtWidgets import QSystemTrayIcon
from desktop.core.paths import AppPaths
from desktop.ui.shell.main_window import MainWindow, apply_theme, ensure_application
from tests.ui.conftest import make_context

def wait(condition, timeout_s=120.0):
    deadline, loop = time.monotonic() + timeout_s, QEventLoop()
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        QTimer.singleShot(10, loop.quit)
        loop.exec()

app = ensure_application()
home = Path(tempfile.mkdtemp())
context = make_context(AppPaths(home / "config", home / "data"))
apply_theme(context.settings.theme)
from desktop.ui.shell.window_controller import WindowController
window = MainWindow()
c = WindowController(context, window)
c.show()
wait(lambda: c.models.loaded_llm is not None and c.models.loaded_whisper is not None)
print("tray available:", QSystemTrayIcon.isSystemTrayAvailable(), c.tray.available,
      c.tray.icon is not None and c.tray.icon.isVisible(), flush=True)
c.tray.icon.activated.emit(QSystemTrayIcon.ActivationReason.Trigger)  # a click on the icon hides the window
wait(lambda: not window.isVisible())
# A take from the tray while the window is hidden: its reply pops up from the tray.
from desktop.core.audio import PcmSource, read_wav
from desktop.core.paths import assets_dir
pcm = read_wav(assets_dir() / "hello.wav")
c.ptt.source_factory = lambda: PcmSource(pcm)
finished = []
c.chat.turn_finished.connect(finished.append)
c.tray.talk_action.trigger()
wait(lambda: c.ptt.state == "recording")
c.tray.talk_action.trigger()
wait(lambda: finished)
print("popup:", bool(c.tray.last_message) and c.tray.last_message in finished[0].reply + "…", flush=True)
wait(lambda: c.worker.queued == 0)
c.tray.icon.activated.emit(QSystemTrayIcon.ActivationReason.Trigger)  # and shows it again
wait(window.isVisible)
print("menu:", [a.text() for a in c.tray.icon.contextMenu().actions() if a.text()], flush=True)
c.tray.quit_action.trigger()
wait(lambda: c.closed_cleanly is not None)
print("closed cleanly:", c.closed_cleanly, flush=True)
"""


def test_with_a_system_tray_the_icon_shows_hides_and_quits(xvfb, starter_gguf, whisper_dir, tmp_path) -> None:
    """A real X11 window under Xvfb, with a tray (an X client owning _NET_SYSTEM_TRAY_S0, as a panel's tray does)."""
    import sys

    from Xlib import X
    from Xlib import display as xdisplay

    from tests.conftest import ROOT, cli_env

    tray = xdisplay.Display(xvfb)
    owner = tray.screen().root.create_window(0, 0, 1, 1, 0, tray.screen().root_depth)
    owner.set_selection_owner(tray.intern_atom("_NET_SYSTEM_TRAY_S0"), X.CurrentTime)
    tray.sync()
    env = cli_env(tmp_path, DISPLAY=xvfb, QT_QPA_PLATFORM="xcb")
    env.pop("DBUS_SESSION_BUS_ADDRESS", None)  # the X11 (XEmbed) tray, not a D-Bus status notifier
    env.pop("WAYLAND_DISPLAY", None)
    result = subprocess.run([sys.executable, "-c", _TRAY_PROBE, str(ROOT)], env=env, cwd=ROOT, capture_output=True,
                            text=True, timeout=300)
    tray.close()
    assert result.returncode == 0, result.stderr[-3000:]
    assert "tray available: True True True" in result.stdout
    assert "menu: ['Hide Chinwag', 'Start talking', 'Timers and reminders', 'Quit Chinwag']" in result.stdout
    assert "closed cleanly: True" in result.stdout
    assert "popup: True" in result.stdout


def test_global_key_is_disabled_with_a_reason_without_x11(open_window, app_paths, starter_gguf, whisper_dir,
                                                          monkeypatch, qtbot) -> None:
    monkeypatch.delenv("DISPLAY", raising=False)
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    monkeypatch.delenv("XDG_SESSION_TYPE", raising=False)
    assert "no X11 display" in hotkey_support()
    assert "Wayland" in hotkey_support({"DISPLAY": ":0", "WAYLAND_DISPLAY": "wayland-0"})
    # Turned on in an old settings file: the window says why it is off, and nothing breaks.
    window = open_window(make_context(app_paths, global_hotkey=True))
    assert not window.c.remote.hotkey.running
    assert "no X11 display" in window.c.hotkey_off_reason
    dialog = window.c.settings.open()
    assert not dialog.global_hotkey.isEnabled() and not dialog.global_hotkey_key.isEnabled()
    assert "no X11 display" in dialog.global_hotkey_why.text()
    assert dialog.result_settings().global_hotkey is False
    dialog.reject()


def test_parse_key_reads_qt_key_names() -> None:
    from Xlib import XK, X

    assert parse_key("Ctrl+Alt+Space") == (XK.string_to_keysym("space"), X.ControlMask | X.Mod1Mask)
    assert parse_key("F9") == (XK.string_to_keysym("F9"), 0)
    assert parse_key("Meta+K") == (XK.string_to_keysym("k"), X.Mod4Mask)
    with pytest.raises(Exception, match="not a modifier"):
        parse_key("Hyper+K")


def test_an_xtest_key_starts_and_ends_a_take_while_another_app_has_focus(xvfb, open_window, app_paths, starter_gguf,
                                                                          whisper_dir, qtbot) -> None:
    from Xlib import XK, X
    from Xlib import display as xdisplay
    from Xlib.ext import xtest

    assert hotkey_support() == ""
    window = open_window(make_context(app_paths, global_hotkey=True, global_hotkey_key="Ctrl+Alt+Space"))
    remote = window.c.remote
    notices: list[str] = []
    remote.notice.connect(notices.append)  # a failed grab says why, through the GUI thread's event loop
    qtbot.waitUntil(lambda: remote.hotkey.grabbed.is_set() or bool(notices), timeout=30_000)
    assert remote.hotkey.grabbed.is_set(), notices
    window.inject_audio(assets_dir() / "hello.wav")

    other = xdisplay.Display(xvfb)  # "another application": its own connection, its own focused window
    focus = other.screen().root.create_window(0, 0, 200, 100, 0, other.screen().root_depth)
    focus.map()
    focus.set_input_focus(X.RevertToParent, X.CurrentTime)
    other.sync()
    keys = [other.keysym_to_keycode(XK.string_to_keysym(name)) for name in ("Control_L", "Alt_L", "space")]
    for code in keys:
        xtest.fake_input(other, X.KeyPress, code)
    other.sync()
    qtbot.waitUntil(lambda: window.c.ptt.state == "recording", timeout=10_000)
    assert remote.overlay.isVisible() and "Release Ctrl+Alt+Space" in remote.overlay.hint.text()
    qtbot.wait(700)  # held for a while: the server's auto-repeat must not end the take

    def let_go() -> None:
        for code in reversed(keys):
            xtest.fake_input(other, X.KeyRelease, code)
        other.sync()

    assert window.c.ptt.state == "recording"
    done = window.wait_turn(let_go, timeout=TURN_TIMEOUT_MS)
    assert done is not None
    assert "capital" in window.stored()[0].text.lower()
    assert not remote.overlay.isVisible()
    other.close()
    qtbot.waitUntil(lambda: window.c.worker.queued == 0, timeout=60_000)  # the reply's closing tokens evaluated
