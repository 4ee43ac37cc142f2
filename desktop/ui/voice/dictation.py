"""Dictation: the global talk key types what was said into the application in front (Settings → Type what I say).

A take started by the global key with the setting on is transcribed only (nothing goes to the model, nothing is
stored in a conversation), and its words are typed into the focused X window with XTest, as key presses. XTest
sends key codes, not characters, so each character is looked up in the keyboard map the X server has now: its key,
and whether Shift is needed for it (Caps Lock turns that round for letters). A character no key makes (é or ß on a
US layout, any emoji) is typed by binding its keysym for a moment to a spare key code (one with no symbol at all),
pressing it, and giving the key code back empty at the end. That is what xdotool does too.

The clipboard was ruled out: pasting would overwrite what the user had copied, and whether Ctrl+V pastes at all
depends on the application (a terminal wants Ctrl+Shift+V). Key presses work wherever typing works.

Errors never lose words: the whole text is planned before the first key goes down, so a character that cannot be
typed stops it before anything was typed, and any failure (no X display, no XTest, keys still held) hands the
transcript back to the window, which puts it in Chinwag's text box and says why.
"""

from __future__ import annotations

import logging
import os
import threading
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QObject, Signal

from desktop.core.errors import ChinwagError
from desktop.core.live_stt import LiveTranscript
from desktop.ui.shell.iterator_bridge import IteratorBridge
from desktop.ui.shell.worker import ModelWorker, ReviewTranscript, TurnRequest

log = logging.getLogger(__name__)

NO_SYMBOL = 0
RETURN, TAB = 0xFF0D, 0xFF09
SHIFT_L, SHIFT_R = 0xFFE1, 0xFFE2
KEY_PAUSE_S = 0.004  # between two characters: some applications drop keys that come faster than a hand types
REBIND_PAUSE_S = 0.05  # before a spare key code is bound to another symbol: the client reads the old one first
RESTORE_PAUSE_S = 0.3  # before the spare key codes are given back empty: the last key is read with its symbol
HELD_WAIT_S = 3.0  # the global key's modifiers are still down just after it was let go: wait for them this long


class DictationError(ChinwagError):
    pass


@dataclass(frozen=True)
class Stroke:
    """One character as key presses: its key code, with Shift held or not. `bind`, when not 0, is the keysym the
    key code (a spare one) must carry first: the character has no key of its own in the keyboard map."""

    keycode: int
    shift: bool = False
    bind: int = 0


def char_keysym(char: str) -> int | None:
    """The X keysym that types `char`; None for a control character that is not typed (a carriage return).

    Latin-1 characters are their own keysym numbers; every other character has a Unicode keysym (0x1000000 plus its
    code point), which Xlib and xkbcommon both turn back into the character."""
    if char == "\n":
        return RETURN
    if char == "\t":
        return TAB
    point = ord(char)
    if point < 0x20 or 0x7F <= point < 0xA0:
        return None
    if point <= 0xFF:
        return point
    return 0x1000000 + point


def read_keymap(rows: Sequence[Sequence[int]], first_keycode: int) -> tuple[dict[int, tuple[int, int]], list[int]]:
    """The keyboard map as XGetKeyboardMapping gives it (one row of keysyms per key code, from `first_keycode`):
    keysym → (key code, level), where level 0 is the key alone and 1 with Shift, and the spare key codes (no symbol
    at all). Levels past Shift (AltGr's) are left out: a character only reachable there is typed through a spare key
    code instead, which needs no guess about which modifier is AltGr on this keyboard."""
    keymap: dict[int, tuple[int, int]] = {}
    spare: list[int] = []
    for offset, row in enumerate(rows):
        keycode = first_keycode + offset
        if not any(row):
            spare.append(keycode)
            continue
        for level, keysym in enumerate(row[:2]):
            if keysym and (keysym not in keymap or level < keymap[keysym][1]):
                keymap[keysym] = (keycode, level)
    return keymap, spare


def plan_strokes(text: str, keymap: Mapping[int, tuple[int, int]], spare: Sequence[int],
                 caps_lock: bool = False) -> list[Stroke]:
    """The key strokes that type `text` with this keyboard map. A character with no key of its own (nor a Shift to
    reach it) borrows a spare key code; each borrowed code keeps its symbol while the text is typed, and the codes are
    taken round in turn when there are more such characters than spare codes. Raises DictationError, before anything
    is typed, when a character needs a spare key code and there is none."""
    shift_key = keymap.get(SHIFT_L) or keymap.get(SHIFT_R)
    bound: dict[int, int] = {}  # keysym → the spare key code that carries it now
    carrying: dict[int, int] = {}  # spare key code → the keysym it carries now
    turn = 0
    strokes: list[Stroke] = []
    for char in text:
        keysym = char_keysym(char)
        if keysym is None:
            continue
        found = keymap.get(keysym)
        if found is not None and (found[1] == 0 or shift_key is not None):
            keycode, level = found
            shift = level == 1
            if caps_lock and char.isalpha() and char.lower() != char.upper():
                shift = not shift  # Caps Lock turns the case of letters round; Shift turns it back
            strokes.append(Stroke(keycode, shift))
            continue
        if keysym in bound:
            strokes.append(Stroke(bound[keysym]))
            continue
        if not spare:
            raise DictationError(QCoreApplication.translate(
                "Dictation", "“{char}” has no key on this keyboard, and no spare key is free to type it with.").format(
                char=char))
        keycode = spare[turn % len(spare)]
        turn += 1
        if keycode in carrying:
            del bound[carrying[keycode]]
        carrying[keycode] = keysym
        bound[keysym] = keycode
        strokes.append(Stroke(keycode, bind=keysym))
    return strokes


def dictation_text(transcript: str) -> str:
    """What is typed for a transcript: its words, and a space after them, so that the next dictation joins on."""
    words = transcript.strip()
    return f"{words} " if words else ""


class XTyper:
    """Types text into the focused window of an X display with XTest (see the module's docstring)."""

    def __init__(self, display: str | None = None) -> None:
        self.display_name = display

    def __call__(self, text: str) -> None:
        try:
            import Xlib.display
            from Xlib import X
            from Xlib.ext import xtest
        except ImportError as error:
            raise DictationError(QCoreApplication.translate(
                "Dictation", "python-xlib, which types on X11, is not installed.")) from error
        name = self.display_name or os.environ.get("DISPLAY")
        if not name:
            raise DictationError(QCoreApplication.translate(
                "Dictation", "there is no X11 display (DISPLAY is not set) to type on."))
        try:
            display = Xlib.display.Display(name)
        except Exception as error:  # noqa: BLE001 - any failure to connect is the same answer for the user
            raise DictationError(QCoreApplication.translate(
                "Dictation", "the X11 display {display} cannot be opened ({error}).").format(
                display=name, error=error)) from error
        try:
            if not display.query_extension("XTEST"):
                raise DictationError(QCoreApplication.translate(
                    "Dictation", "this X server does not offer XTest, which Chinwag types with."))
            state = self._wait_for_modifiers(display, X)
            first = display.display.info.min_keycode
            count = display.display.info.max_keycode - first + 1
            keymap, spare = read_keymap(display.get_keyboard_mapping(first, count), first)
            strokes = plan_strokes(text, keymap, spare, caps_lock=bool(state & X.LockMask))
            shift = (keymap.get(SHIFT_L) or keymap.get(SHIFT_R) or (0, 0))[0]
            self._type(display, strokes, shift, X, xtest)
        finally:
            display.close()

    @staticmethod
    def _wait_for_modifiers(display, X) -> int:  # noqa: ANN001, N803 (Xlib's Display and X module)
        """The modifier state once Ctrl, Alt, Shift and Super are up: typed while Ctrl is down, "a" would select
        everything in the window in front. They are still down just after the global key (Ctrl+Alt+…) was let go."""
        held = X.ShiftMask | X.ControlMask | X.Mod1Mask | X.Mod4Mask
        deadline = time.monotonic() + HELD_WAIT_S
        while True:
            state = display.screen().root.query_pointer().mask
            if not state & held:
                return state
            if time.monotonic() > deadline:
                raise DictationError(QCoreApplication.translate(
                    "Dictation", "Ctrl, Alt, Shift or Super was still held down, and typing then would have "
                    "pressed shortcuts in that window."))
            time.sleep(0.05)

    @staticmethod
    def _type(display, strokes: Iterable[Stroke], shift: int, X, xtest) -> None:  # noqa: ANN001, N803
        borrowed: set[int] = set()
        try:
            for stroke in strokes:
                if stroke.bind:
                    if stroke.keycode in borrowed:
                        time.sleep(REBIND_PAUSE_S)
                    borrowed.add(stroke.keycode)
                    display.change_keyboard_mapping(stroke.keycode, [(stroke.bind, stroke.bind)])
                    display.sync()
                if stroke.shift:
                    xtest.fake_input(display, X.KeyPress, shift)
                xtest.fake_input(display, X.KeyPress, stroke.keycode)
                xtest.fake_input(display, X.KeyRelease, stroke.keycode)
                if stroke.shift:
                    xtest.fake_input(display, X.KeyRelease, shift)
                display.sync()
                time.sleep(KEY_PAUSE_S)
        finally:
            if borrowed:
                time.sleep(RESTORE_PAUSE_S)
                for keycode in borrowed:
                    display.change_keyboard_mapping(keycode, [(NO_SYMBOL, NO_SYMBOL)])
                display.sync()


class Dictation(QObject):
    """A dictated take: transcribed on the model worker (after whatever it is doing), then typed on a thread of its
    own (a long text takes a few seconds, and the window must not freeze meanwhile)."""

    typed = Signal(int)  # the number of words typed
    not_typed = Signal(str, str)  # the words, and why they could not be typed: the window keeps them
    failed = Signal(object)  # the transcription failed (nothing heard, no speech model): nothing to keep
    _typed = Signal(int)  # from the typing thread
    _not_typed = Signal(str, str)

    def __init__(self, worker: ModelWorker, typer: Callable[[str], None] | None = None,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.worker = worker
        self.typer = typer or XTyper()
        self.busy = False
        self.last_text = ""  # what was typed (or tried) last: tests compare it with what the other window got
        self._typed.connect(lambda words: self._finish(self.typed, words))
        self._not_typed.connect(lambda text, why: self._finish(self.not_typed, text, why))

    def dictate(self, pcm: object, live: LiveTranscript | None = None) -> None:
        """Transcribe a take (its PCM) and type its words."""
        self.busy = True
        request = TurnRequest(-1, pcm=pcm, transcribe_only=True, live=live)  # type: ignore[arg-type]
        bridge = IteratorBridge(self)
        bridge.item.connect(lambda item: self._heard(item))
        bridge.failed.connect(self._transcription_failed)
        bridge.finished.connect(lambda _completed: bridge.deleteLater())
        self.worker.submit(request, bridge)

    def type_text(self, words: str) -> None:
        """Type `words` (with a space after them) on the typing thread; the outcome comes as a signal."""
        text = dictation_text(words)
        self.last_text = text
        if not text:
            self.busy = False
            return
        self.busy = True
        threading.Thread(target=self._type, args=(text,), name="chinwag-dictation", daemon=True).start()

    def _heard(self, item: object) -> None:
        if isinstance(item, ReviewTranscript):
            self.type_text(item.transcript.text)

    def _transcription_failed(self, error: Exception) -> None:
        self.busy = False
        self.failed.emit(error)

    def _type(self, text: str) -> None:
        try:
            self.typer(text)
        except DictationError as error:
            self._not_typed.emit(text.strip(), str(error))
        except Exception as error:  # noqa: BLE001 - whatever happened, the words go back to the window
            log.exception("typing the dictated words failed")
            self._not_typed.emit(text.strip(), f"{type(error).__name__}: {error}")
        else:
            log.info("dictation: typed %d characters into the window in front", len(text))
            self._typed.emit(len(text.split()))

    def _finish(self, signal, *args: object) -> None:  # noqa: ANN001 (a bound signal)
        self.busy = False
        signal.emit(*args)
