"""Local actions in the real window (issue 22): a typed timer is answered at once, shown in the chat, and fires
2 s later with a notice; a reminder set before a restart fires in the next session; one the laptop slept through
fires late, with a note."""

from __future__ import annotations

import time
from pathlib import Path

from desktop.core.actions import ACTION_MODEL
from desktop.core.store import ConversationStore
from desktop.ui.chat.alarm_controller import AlarmController
from tests.ui.conftest import make_context


def test_a_typed_timer_answers_at_once_fires_and_a_reminder_survives_a_restart(open_window, app_paths,
                                                                                qtbot) -> None:  # noqa: ANN001
    window = open_window(make_context(app_paths))
    done = window.type_and_send("Set a timer for 2 seconds")
    assert done.action == "timer.set" and done.model == ACTION_MODEL
    assert done.reply == "Timer set for 2 seconds."
    assert window.messages()[-1].text() == "Timer set for 2 seconds."
    assert window.stored()[-1].model == ACTION_MODEL
    with qtbot.waitSignal(window.c.alarms.fired, timeout=8_000) as fired:
        pass
    assert fired.args[1] == "Time's up: Timer for 2 seconds."
    assert window.view.notices.label.text() == "Time's up: Timer for 2 seconds."

    # The card: counting down, with Cancel; the tray lists what is set and cancels it too.
    window.type_and_send("set a pasta timer for 10 minutes")
    pasta = window.c.timer_cards.cards[window.c.chat.last_done.alarms[0].id]
    assert pasta.title.text() == "Pasta timer" and pasta.left.text() in ("10:00", "9:59")
    window.type_and_send("set a tea timer for 3 minutes")
    tea = window.c.timer_cards.cards[window.c.chat.last_done.alarms[0].id]
    window.c.tray.menu.aboutToShow.emit()
    listed = [a.text() for a in window.c.tray.alarms_menu.actions()]
    assert listed[0].startswith("Cancel Tea timer (") and listed[1].startswith("Cancel Pasta timer (")
    window.c.tray.alarms_menu.actions()[1].trigger()
    assert pasta.left.text() == "Cancelled" and not pasta.cancel_button.isVisible()
    tea.cancel_button.click()
    assert tea.left.text() == "Cancelled"
    assert ConversationStore(app_paths.database_file).pending_alarms() == []
    window.c.tray.menu.aboutToShow.emit()
    assert [a.text() for a in window.c.tray.alarms_menu.actions()] == ["None set"]

    done = window.type_and_send("remind me in 3 seconds to stretch")
    assert done.action == "reminder.set" and len(done.alarms) == 1
    due = done.alarms[0].due
    window.close()
    while time.time() < due + 0.5:  # it comes due while Chinwag is closed
        time.sleep(0.1)
    again = open_window(make_context(app_paths))
    qtbot.waitUntil(lambda: again.view.notices.label.text() == "Reminder: stretch.", timeout=8_000)
    assert ConversationStore(app_paths.database_file).pending_alarms() == []


def test_an_alarm_slept_through_fires_late_with_a_note(tmp_path: Path, qtbot) -> None:  # noqa: ANN001
    store = ConversationStore(tmp_path / "c.db")
    now = [1_000_000.0]
    shown: list[str] = []
    spoken: list[str] = []
    alarms = AlarmController(store, shown.append, spoken.append, clock=lambda: now[0], interval_ms=50)
    store.add_alarm("timer", now[0] + 60, duration=60)
    store.add_alarm("reminder", now[0] + 600, label="call my mum")
    alarms.check()
    assert shown == []
    now[0] += 61
    alarms.check()
    assert shown == ["Time's up: Timer for 1 minute."] and spoken == shown
    now[0] += 3 * 3600  # the lid was closed for three hours
    alarms.check()
    assert shown[-1].startswith("Reminder: call your mum. (This was due 2 hours 51 minutes ago")
    alarms.check()
    assert len(shown) == 2  # each fires once


def test_a_spoken_timer_is_set_at_once_and_fires(window, tmp_path: Path, qtbot) -> None:  # noqa: ANN001
    from PySide6.QtCore import Qt

    from tests.conftest import espeak

    window.inject_audio(espeak("Set a timer for 3 seconds.", tmp_path / "timer.wav"))
    button = window.view.input_bar.talk_button

    def hold_and_release() -> None:
        qtbot.mousePress(button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: window.c.ptt.state == "recording", timeout=10_000)
        qtbot.mouseRelease(button, Qt.MouseButton.LeftButton)

    done = window.wait_turn(hold_and_release)
    assert done.action == "timer.set" and done.reply == "Timer set for 3 seconds.", done.transcript
    assert window.stored()[0].source == "voice" and window.stored()[1].model == ACTION_MODEL
    assert done.timings.total_s - done.timings.stt_s < 0.5  # release → answer: the transcription, and no model
    with qtbot.waitSignal(window.c.alarms.fired, timeout=8_000) as fired:
        pass
    assert fired.args[1] == "Time's up: Timer for 3 seconds."
