"""Live transcription in the window: while the talk key is held, what was said so far shows above the text box,
and on release only the unfinished end is transcribed (the real Whisper tiny.en, speech made by espeak-ng)."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from desktop.core.audio import PcmSource, read_wav
from desktop.core.live_stt import SAMPLE_RATE
from tests.conftest import espeak
from tests.test_live_stt import word_errors, words

pytestmark = pytest.mark.gui

SPOKEN = ("I am planning a trip to Paris next spring with my family. What are three things we should see there, "
          "and how many days would you suggest? We like museums, good food and long walks by the river.")


def _hold_for_the_take(window, qtbot, pcm, seen: list[str]) -> float:  # noqa: ANN001
    """Hold the talk key as long as the take lasts (the injected source delivers it in real time), noting the live
    transcript shown meanwhile; let go. Returns how long the key was held."""
    chat = window.view.chat
    chat.setFocus()
    qtbot.keyPress(chat, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: window.c.ptt.state == "recording", timeout=10_000)
    pressed = time.monotonic()
    while time.monotonic() - pressed < pcm.size / SAMPLE_RATE + 0.3:
        qtbot.wait(100)
        shown = window.view.input_bar.live_words
        if shown and (not seen or seen[-1] != shown):
            seen.append(shown)
    qtbot.keyRelease(chat, Qt.Key.Key_Space)
    return time.monotonic() - pressed


def test_what_is_said_shows_while_the_key_is_held(window, qtbot, tmp_path: Path) -> None:
    pcm = read_wav(espeak(SPOKEN, tmp_path / "trip.wav"))
    window.inject_audio(lambda: PcmSource(pcm, name="trip"))
    handed: list = []
    take = window.c.live.take
    window.c.live.take = lambda: handed.append(take()) or handed[-1]

    seen: list[str] = []
    done = window.wait_turn(lambda: _hold_for_the_take(window, qtbot, pcm, seen))

    # Several partial transcripts appeared while the key was held, growing with the speech.
    assert len(seen) >= 3, seen
    assert {"trip", "paris"} & set(words(seen[1])), seen
    assert len(words(seen[-1])) > len(words(seen[0])), seen
    # The turn got the take's live transcription; its first sentence was settled while the key was held, so only
    # the end was transcribed on release.
    (live,) = handed
    assert live is not None and live.steps >= 3
    assert 0 < live._committed_at < pcm.size, (seen, live.steps, pcm.size)
    assert "family" in words(live.current.committed)
    user = window.stored()[-2]
    assert user.role == "user" and user.text.startswith(live.current.committed)
    assert word_errors(SPOKEN, user.text) <= len(words(SPOKEN)) * 0.2, user.text
    assert done.reply
    # Once the reply began, the live line went away.
    assert not window.view.input_bar.live.isVisible()


def test_a_discarded_take_clears_its_live_words_and_sends_nothing(window, qtbot, tmp_path: Path) -> None:
    pcm = read_wav(espeak(SPOKEN, tmp_path / "trip.wav"))
    window.inject_audio(lambda: PcmSource(pcm, name="trip"))
    chat = window.view.chat
    chat.setFocus()
    qtbot.keyPress(chat, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: bool(window.view.input_bar.live_words), timeout=15_000)
    qtbot.keyClick(chat, Qt.Key.Key_Escape)  # Esc throws the take away
    assert window.c.ptt.state == "idle"
    assert not window.view.input_bar.live.isVisible()
    qtbot.keyRelease(chat, Qt.Key.Key_Space)
    qtbot.wait(1500)  # a step still running on the worker shows nothing for a take that is gone
    assert not window.view.input_bar.live.isVisible()
    assert window.c.chat.conversation_id is None and window.messages() == []  # nothing was sent
    assert window.c.live.take() is None


def test_live_transcription_can_be_turned_off(open_window, app_paths, starter_gguf, whisper_dir, qtbot,
                                               tmp_path: Path) -> None:  # noqa: ANN001
    from tests.ui.conftest import make_context

    window = open_window(make_context(app_paths, live_transcript=False))
    pcm = read_wav(espeak("What is the capital of France? Tell me about its history.", tmp_path / "q.wav"))
    window.inject_audio(lambda: PcmSource(pcm, name="q"))
    seen: list[str] = []
    window.wait_turn(lambda: _hold_for_the_take(window, qtbot, pcm, seen))
    assert seen == []
    assert "france" in words(window.stored()[-2].text)
