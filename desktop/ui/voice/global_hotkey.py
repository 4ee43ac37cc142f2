"""Push-to-talk from anywhere: a global key (X11), the tray's "Start talking", and the overlay that says so.

A global key is grabbed on the X server with XGrabKey (python-xlib) from a thread of its own, so it reaches Chinwag
while another application has focus. Wayland does not let an application see keys pressed in other windows (and
Chinwag does not speak the desktop portal's GlobalShortcuts protocol yet); there, and without an X display, the
setting is disabled and says why (`hotkey_support`). Takes started this way run through the same `PushToTalk` as
the window's button, with its public press/release/toggle, and are not discarded when Chinwag is not in front:
that is their point. A small overlay window, which never takes the focus, shows "Listening…" meanwhile.
With Settings → Type what I say on, a take of the global key is dictation (`RemoteTalk.dictating`): the window types
its words into the application in front (desktop/ui/voice/dictation.py) instead of sending them to Chinwag.
"""

from __future__ import annotations

import logging
import os
import select
import sys
import threading
import time
from collections.abc import Callable, Mapping

from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from desktop.core.errors import ChinwagError
from desktop.ui.shell.theme import icon
from desktop.ui.voice.push_to_talk import PushToTalk

log = logging.getLogger(__name__)
RELEASE_SETTLE_S = 0.04  # X sends an auto-repeated key as release+press with one timestamp: wait this long

_MODIFIERS = {"ctrl": "ControlMask", "control": "ControlMask", "alt": "Mod1Mask", "shift": "ShiftMask",
              "meta": "Mod4Mask", "super": "Mod4Mask"}
# Qt's key names (QKeySequence.toString) that differ from X11's keysym names.
_KEYSYMS = {"space": "space", "esc": "Escape", "return": "Return", "enter": "KP_Enter", "tab": "Tab",
            "backspace": "BackSpace", "ins": "Insert", "del": "Delete", "pgup": "Prior", "pgdown": "Next",
            "scrolllock": "Scroll_Lock", "pause": "Pause", "print": "Print", "home": "Home", "end": "End",
            "left": "Left", "right": "Right", "up": "Up", "down": "Down", "menu": "Menu", "capslock": "Caps_Lock",
            "numlock": "Num_Lock"}


class HotkeyUnavailable(ChinwagError):
    pass


def hotkey_support(env: Mapping[str, str] | None = None) -> str:
    """"" when a global key can be listened for here; otherwise why not, in words for the Settings dialog."""
    env = os.environ if env is None else env
    if not sys.platform.startswith("linux"):
        return QCoreApplication.translate(
            "GlobalHotkey", "A global push-to-talk key works on Linux with X11 so far; on this system use the tray "
            "icon, or the push-to-talk key in Chinwag's window.")
    if env.get("WAYLAND_DISPLAY") or env.get("XDG_SESSION_TYPE") == "wayland":
        return QCoreApplication.translate(
            "GlobalHotkey", "Not available in a Wayland session: Wayland does not let an app see keys pressed in other "
            "apps' windows, and Chinwag cannot use the desktop's global-shortcut portal yet. Use the tray icon, or "
            "log in to an X11 session.")
    display = env.get("DISPLAY")
    if not display:
        return QCoreApplication.translate(
            "GlobalHotkey", "Not available: there is no X11 display (DISPLAY is not set) to listen for the key on.")
    try:
        import Xlib.display
    except ImportError:
        return QCoreApplication.translate(
            "GlobalHotkey", "Not available: python-xlib, which listens for the key on X11, is not installed.")
    try:
        Xlib.display.Display(display).close()
    except Exception as error:  # noqa: BLE001 - any failure to connect is the same answer for the user
        return QCoreApplication.translate(
            "GlobalHotkey", "Not available: the X11 display {display} cannot be opened ({error}).").format(
            display=display, error=error)
    return ""


def parse_key(sequence: str) -> tuple[int, int]:
    """(keysym, modifier mask) of a Qt key sequence such as "Ctrl+Alt+Space" or "F9"."""
    from Xlib import XK, X

    parts = [p.strip() for p in sequence.replace(" ", "").split("+")]
    if sequence.strip().endswith("++"):
        parts = [*parts[:-2], "+"]
    if not parts or not parts[-1]:
        raise HotkeyUnavailable(QCoreApplication.translate(
            "GlobalHotkey", "{key} is not a key: choose one in Settings, e.g. Ctrl+Alt+Space.").format(
            key=repr(sequence)))
    mask = 0
    for name in parts[:-1]:
        attr = _MODIFIERS.get(name.lower())
        if attr is None:
            raise HotkeyUnavailable(QCoreApplication.translate(
                "GlobalHotkey", "{name} in {key} is not a modifier (Ctrl, Alt, Shift or Meta).").format(
                name=repr(name), key=repr(sequence)))
        mask |= getattr(X, attr)
    key = parts[-1]
    name = _KEYSYMS.get(key.lower(), key.lower() if len(key) == 1 and key.isalpha() else key)
    keysym = XK.string_to_keysym(name)
    if not keysym and len(key) == 1:
        keysym = ord(key)
    if not keysym:
        raise HotkeyUnavailable(QCoreApplication.translate(
            "GlobalHotkey", "{key} is not a key Chinwag can listen for globally: choose another in Settings.").format(
            key=repr(key)))
    return keysym, mask


class GlobalHotkey(QObject):
    """One grabbed key on the X server; `pressed` and `released` arrive on the GUI thread (queued signals)."""

    pressed = Signal()
    released = Signal()
    failed = Signal(str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._thread: threading.Thread | None = None
        self._stop = threading.Event()
        self.sequence = ""
        self.grabbed = threading.Event()  # set once the X server accepted the grab (tests wait on it)

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def start(self, sequence: str, display: str | None = None) -> None:
        self.stop()
        keysym, mask = parse_key(sequence)  # a bad key is reported at once, on the caller's thread
        self.sequence = sequence
        self._stop = threading.Event()
        self.grabbed.clear()
        stop, grabbed = self._stop, self.grabbed
        self._thread = threading.Thread(target=self._run, args=(keysym, mask, display, stop, grabbed),
                                        name="chinwag-global-key", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        thread, self._thread = self._thread, None
        self._stop.set()
        if thread is not None:
            thread.join(timeout=1.0)

    def _run(self, keysym: int, mask: int, display_name: str | None, stop: threading.Event,
             grabbed: threading.Event) -> None:
        import Xlib.display
        import Xlib.error
        from Xlib import X

        try:
            display = Xlib.display.Display(display_name)
        except Exception as error:  # noqa: BLE001
            self.failed.emit(self.tr("The global push-to-talk key is off: the X11 display cannot be opened "
                                     "({error}).").format(error=error))
            return
        try:
            root = display.screen().root
            keycode = display.keysym_to_keycode(keysym)
            if not keycode:
                self.failed.emit(self.tr("The global push-to-talk key is off: this keyboard has no {key} key.").format(
                    key=self.sequence))
                return
            catch = Xlib.error.CatchError(Xlib.error.BadAccess)
            # NumLock (Mod2) and CapsLock change the modifier state: grab the key with each of them too.
            for extra in (0, X.LockMask, X.Mod2Mask, X.LockMask | X.Mod2Mask):
                root.grab_key(keycode, mask | extra, True, X.GrabModeAsync, X.GrabModeAsync, onerror=catch)
            display.sync()
            if catch.get_error() is not None:
                self.failed.emit(self.tr("The global push-to-talk key is off: another program already uses {key}. "
                                         "Choose another key in Settings.").format(key=self.sequence))
                return
            grabbed.set()
            log.info("global push-to-talk key %s grabbed", self.sequence)
            self._loop(display, keycode, stop)
        finally:
            display.close()

    def _loop(self, display, keycode: int, stop: threading.Event) -> None:  # noqa: ANN001 (Xlib Display)
        from Xlib import X

        held = False
        release_at: float | None = None
        while not stop.is_set():
            wait = 0.2 if release_at is None else max(0.0, release_at - time.monotonic())
            select.select([display.fileno()], [], [], wait)
            while display.pending_events():
                event = display.next_event()
                if getattr(event, "detail", None) != keycode:
                    continue
                if event.type == X.KeyPress:
                    if release_at is not None:
                        release_at = None  # an auto-repeat: the key is still held
                        continue
                    if not held:
                        held = True
                        self.pressed.emit()
                elif event.type == X.KeyRelease and held:
                    release_at = time.monotonic() + RELEASE_SETTLE_S
            if release_at is not None and time.monotonic() >= release_at:
                release_at = None
                held = False
                self.released.emit()


class ListeningOverlay(QWidget):
    """A small always-on-top window that never takes the focus: "Listening…" while a take started from outside
    the window records (the window may be hidden or behind another app)."""

    def __init__(self) -> None:
        super().__init__(None, Qt.WindowType.Tool | Qt.WindowType.FramelessWindowHint
                         | Qt.WindowType.WindowStaysOnTopHint | Qt.WindowType.WindowDoesNotAcceptFocus)
        self.setObjectName("listeningOverlay")
        self.setAccessibleName(self.tr("Chinwag is listening"))
        self.setAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating)
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        self.mark = QLabel(self)
        self.text = QLabel(self.tr("Listening…"), self)
        self.text.setObjectName("listeningText")
        self.hint = QLabel("", self)
        self.hint.setObjectName("managerHint")
        words = QVBoxLayout()
        words.setSpacing(0)
        words.addWidget(self.text)
        words.addWidget(self.hint)
        row = QHBoxLayout(self)
        row.setContentsMargins(16, 10, 18, 10)
        row.addWidget(self.mark)
        row.addLayout(words)

    def show_listening(self, hint: str) -> None:
        self.mark.setPixmap(icon("mic").pixmap(28, 28))
        self.text.setText(self.tr("Listening…"))
        self.hint.setText(hint)
        self._place()
        self.show()
        self.raise_()

    def show_sending(self) -> None:
        self.text.setText(self.tr("Transcribing…"))
        self.hint.setText("")

    def _place(self) -> None:
        self.adjustSize()
        screen = QGuiApplication.primaryScreen()
        if screen is not None:
            area = screen.availableGeometry()
            self.move(area.center().x() - self.width() // 2, area.top() + 48)


class RemoteTalk(QObject):
    """Takes started from outside the window (the global key, the tray), through the window's `PushToTalk`."""

    notice = Signal(str)  # the key could not be used: shown in the window's notice bar

    def __init__(self, ptt: PushToTalk, hold_mode: Callable[[], bool], parent: QObject | None = None,
                 dictation: Callable[[], bool] = lambda: False) -> None:
        """`dictation()`: Settings → Type what I say: a take of the global key is typed into the window in front."""
        super().__init__(parent)
        self.ptt = ptt
        self._hold_mode = hold_mode
        self._dictation = dictation
        self.hotkey = GlobalHotkey(self)
        self.overlay = ListeningOverlay()
        self.remote_take = False  # the take in progress was started from outside the window
        # The take in progress, or the one just let go, is dictation: its words are typed, not sent to Chinwag. Kept
        # past the take's end (the recording arrives after the state went idle) until the next take starts.
        self.dictating = False
        self._hint = ""
        self.hotkey.pressed.connect(self._key_down)
        self.hotkey.released.connect(self._key_up)
        self.hotkey.failed.connect(self._failed)
        ptt.state_changed.connect(self._state)

    def configure(self, enabled: bool, sequence: str) -> str:
        """Listen for `sequence` (or stop listening); returns "" or why the key cannot be used."""
        self.hotkey.stop()
        if not enabled:
            return ""
        why = hotkey_support()
        if why:
            return why
        try:
            self.hotkey.start(sequence)
        except HotkeyUnavailable as error:
            return str(error)
        return ""

    # ---- the key, and the tray ------------------------------------------------------------------------------

    def _key_down(self) -> None:
        dictate = self._dictation()
        if self._hold_mode():
            hint = (self.tr("Release {key} to type it into the window in front") if dictate
                    else self.tr("Release {key} to send it"))
            self.start(hint.format(key=self.hotkey.sequence), dictate=dictate)
        elif self.ptt.active:
            self.stop()
        else:
            hint = (self.tr("Press {key} again to type it into the window in front") if dictate
                    else self.tr("Press {key} again to send it"))
            self.start(hint.format(key=self.hotkey.sequence), dictate=dictate)

    def _key_up(self) -> None:
        if self._hold_mode() and self.remote_take:
            self.stop()

    def start(self, hint: str = "", dictate: bool = False) -> None:
        if self.ptt.active:
            return
        self.remote_take = True
        self.dictating = dictate
        self._hint = hint
        self.ptt.press()

    def stop(self) -> None:
        if self.remote_take:
            self.ptt.release()

    def toggle(self, hint: str = "") -> None:
        if self.ptt.active:
            self.stop()
        else:
            self.start(hint or self.tr("Choose “Stop and send” in the tray menu to send it"))

    def _state(self, state: str) -> None:
        if not self.remote_take:
            if state == "starting":
                self.dictating = False  # a take of the window's own key or button: it goes to Chinwag
            return
        if state in ("starting", "recording"):
            if not self.overlay.isVisible():
                self.overlay.show_listening(self._hint)
        elif state == "stopping":
            self.overlay.show_sending()
        else:  # idle: sent, discarded or failed
            self.remote_take = False
            self.overlay.hide()

    def _failed(self, text: str) -> None:
        self.notice.emit(text)

    def shutdown(self) -> None:
        self.hotkey.stop()
        self.overlay.close()
        self.overlay.deleteLater()
