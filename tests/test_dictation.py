"""Issue 22 §4, dictation: how text becomes key strokes for XTest (no X server needed here; the typing itself, on a
private Xvfb, is in tests/ui/test_dictation.py)."""

from __future__ import annotations

import pytest
from Xlib import XK

from desktop.core.settings import Settings, SettingsStore
from desktop.ui.voice.dictation import (
    RETURN,
    DictationError,
    Stroke,
    char_keysym,
    dictation_text,
    plan_strokes,
    read_keymap,
)

FIRST = 8
XK.load_keysym_group("xkb")  # ISO_Left_Tab
SPARE = (200, 201)


def _keysym(name: str) -> int:
    keysym = XK.string_to_keysym(name)
    assert keysym, name
    return keysym


# A small US keyboard, as XGetKeyboardMapping lists it (key code → keysyms by level; the third level is AltGr's).
US = {10: ["1", "exclam"], 20: ["minus", "underscore"], 23: ["Tab", "ISO_Left_Tab"], 36: ["Return"],
      38: ["a", "A"], 50: ["Shift_L"], 56: ["b", "B"], 59: ["comma", "less"], 60: ["period", "greater"],
      61: ["slash", "question"], 62: ["Shift_R"], 65: ["space"], 48: ["apostrophe", "quotedbl"],
      26: ["e", "E", "eacute"]}


def _rows(keys: dict[int, list[str]] = US, spare: tuple[int, ...] = SPARE) -> list[list[int]]:
    """Rows from FIRST to 255, as the server sends them: every key code has a row, unused ones all NoSymbol. The
    codes not in `keys` and not in `spare` carry a function keysym, so that only `spare` is free."""
    rows = []
    for code in range(FIRST, 256):
        if code in keys:
            rows.append([_keysym(name) for name in keys[code]] + [0] * (4 - len(keys[code])))
        elif code in spare:
            rows.append([0, 0, 0, 0])
        else:
            rows.append([_keysym("F35"), 0, 0, 0])
    return rows


@pytest.fixture
def us() -> tuple[dict[int, tuple[int, int]], list[int]]:
    return read_keymap(_rows(), FIRST)


def test_the_keymap_lists_each_keysym_at_its_lowest_level_and_the_spare_codes(us) -> None:  # noqa: ANN001
    keymap, spare = us
    assert keymap[ord("a")] == (38, 0) and keymap[ord("A")] == (38, 1)
    assert keymap[ord("!")] == (10, 1)
    assert 0xE9 not in keymap  # é on AltGr's level is not used: it goes through a spare key code
    assert spare == list(SPARE)
    # A keysym on two keys: the one without Shift wins.
    keymap, _spare = read_keymap([[ord("x"), ord("y")], [ord("y"), 0]], 8)
    assert keymap[ord("y")] == (9, 0)


def test_plain_letters_and_capitals_with_shift(us) -> None:  # noqa: ANN001
    assert plan_strokes("ab", *us) == [Stroke(38), Stroke(56)]
    assert plan_strokes("Ab", *us) == [Stroke(38, shift=True), Stroke(56)]
    assert plan_strokes("a b", *us) == [Stroke(38), Stroke(65), Stroke(56)]


def test_punctuation_with_and_without_shift(us) -> None:  # noqa: ANN001
    assert plan_strokes("a, b!?", *us) == [Stroke(38), Stroke(59), Stroke(65), Stroke(56), Stroke(10, shift=True),
                                           Stroke(61, shift=True)]
    assert plan_strokes("'\"-_.", *us) == [Stroke(48), Stroke(48, shift=True), Stroke(20), Stroke(20, shift=True),
                                           Stroke(60)]


def test_newline_and_tab_are_keys_and_other_control_characters_are_left_out(us) -> None:  # noqa: ANN001
    assert char_keysym("\n") == RETURN
    assert plan_strokes("a\nb", *us) == [Stroke(38), Stroke(36), Stroke(56)]
    assert plan_strokes("a\tb\r\x07", *us) == [Stroke(38), Stroke(23), Stroke(56)]


def test_characters_without_a_key_borrow_a_spare_key_code(us) -> None:  # noqa: ANN001
    assert char_keysym("é") == 0xE9 and char_keysym("ß") == 0xDF  # Latin-1: the keysym is the code point
    assert char_keysym("€") == 0x10020AC  # beyond Latin-1: the Unicode keysym
    assert plan_strokes("é", *us) == [Stroke(200, bind=0xE9)]
    # Each borrowed code keeps its symbol while the text is typed: a character seen again needs no new binding.
    assert plan_strokes("ßé ß", *us) == [Stroke(200, bind=0xDF), Stroke(201, bind=0xE9), Stroke(65), Stroke(200)]
    assert plan_strokes("€", *us) == [Stroke(200, bind=0x10020AC)]


def test_more_such_characters_than_spare_codes_take_the_codes_round_in_turn(us) -> None:  # noqa: ANN001
    assert plan_strokes("éßüé", *us) == [Stroke(200, bind=0xE9), Stroke(201, bind=0xDF), Stroke(200, bind=0xFC),
                                         Stroke(201, bind=0xE9)]


def test_no_spare_code_fails_before_anything_is_typed(us) -> None:  # noqa: ANN001
    keymap, _spare = us
    assert len(plan_strokes("a b", keymap, [])) == 3  # letters alone never need one
    with pytest.raises(DictationError, match="“ß” has no key"):
        plan_strokes("ab ß", keymap, [])


def test_without_a_shift_key_capitals_go_through_a_spare_code() -> None:
    keys = {code: names for code, names in US.items() if not names[0].startswith("Shift")}
    keymap, spare = read_keymap(_rows(keys), FIRST)
    assert plan_strokes("aA", keymap, spare) == [Stroke(38), Stroke(200, bind=ord("A"))]


def test_caps_lock_turns_shift_round_for_letters_only(us) -> None:  # noqa: ANN001
    assert plan_strokes("aA!", *us, caps_lock=True) == [Stroke(38, shift=True), Stroke(38), Stroke(10, shift=True)]


def test_what_is_typed_has_a_space_after_it_so_dictations_join() -> None:
    assert dictation_text(" Hello, world. ") == "Hello, world. "
    assert dictation_text("   ") == ""


def test_type_what_i_say_is_off_by_default_and_saved(tmp_path) -> None:  # noqa: ANN001
    assert Settings().dictation is False
    store = SettingsStore(tmp_path / "settings.json")
    store.save(Settings(global_hotkey=True, dictation=True))
    assert SettingsStore(store.path).load().dictation is True
