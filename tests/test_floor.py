"""The floor (desktop/ui/voice/floor.py), stage by event: who may speak and who may listen after every event in every
stage. Plain Python: the window's own wiring of the same object is tested on the real window in
tests/ui/test_voice_floor.py."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from desktop.ui.voice.floor import MICROPHONE_STAGES, Effects, Floor, Stage


class Voice:
    """Stands in for the speech controller and the microphone, as the floor sees them through its effects."""

    def __init__(self) -> None:
        self.open = False  # a reply is being read as it streams
        self.queued = False  # sentences still to be heard
        self.calls: list[str] = []
        self.microphone_closed: list[str] = []

    def effects(self) -> Effects:
        return Effects(silence=self.silence, close_microphone=self.close_microphone, open_reply=self.open_reply,
                       end_reply=self.end_reply, voice_busy=lambda: self.open or self.queued)

    def silence(self) -> None:
        self.calls.append("silence")
        self.open = self.queued = False

    def close_microphone(self, why: str) -> None:
        self.microphone_closed.append(why)

    def open_reply(self) -> None:
        self.calls.append("open")
        self.open = True

    def end_reply(self, stopped: bool) -> None:
        self.calls.append("end stopped" if stopped else "end")
        self.open = False
        if stopped:
            self.queued = False


def _answering(f: Floor, v: Voice) -> None:
    f.talk_down()
    f.take_sent()
    f.turn_submitted()
    f.reply_began()
    f.first_token()
    v.queued = True  # sentences of the streaming reply are being read


def _speaking(f: Floor, v: Voice) -> None:
    _answering(f, v)
    f.turn_ended(True)


STAGES: dict[str, Callable[[Floor, Voice], None]] = {
    "idle": lambda f, v: None,
    "listening": lambda f, v: f.talk_down(hands_free=True),
    "recording": lambda f, v: f.talk_down(),
    "transcribing": lambda f, v: (f.talk_down(), f.take_sent(), f.turn_submitted()),  # sent on release
    "thinking": lambda f, v: (f.talk_down(), f.take_sent(), f.turn_submitted(), f.reply_began()),
    "answering": _answering,
    "speaking": _speaking,
}

EVENTS: dict[str, Callable[[Floor], None]] = {
    "talk key down": lambda f: f.talk_down(),
    "talk key up": lambda f: f.take_sent(),
    "esc / stop": lambda f: (f.take_discarded("escape") if f.microphone_open else None, f.stop()),
    "send typed": lambda f: f.turn_submitted(),
    "regenerate": lambda f: (f.turn_submitted(), f.reply_began()),
    "continue": lambda f: (f.turn_submitted(), f.reply_began()),
    "edit and resend": lambda f: f.turn_submitted(),
    "new conversation": lambda f: f.turn_abandoned(),
    "open conversation": lambda f: f.turn_abandoned(),
    "delete conversation": lambda f: f.turn_abandoned(),
    "reply began": lambda f: f.reply_began(),
    "first token": lambda f: f.first_token(),
    "turn ended": lambda f: f.turn_ended(True),
    "turn cancelled": lambda f: f.turn_ended(False),
    "last sentence heard": lambda f: f.voice_done(),
    "conversation mode off": lambda f: f.conversation_mode(False),
    "focus lost": lambda f: f.take_discarded("focus"),
    "voice changed": lambda f: f.devices_changed(),
    "microphone changed": lambda f: f.devices_changed(microphone=True),
    "API request queued": lambda f: f.api_job(True),
    "window closed": lambda f: f.window_closed(),
}

# Events that take the floor from the voice: whatever was being read must be silenced by them.
SILENCING = {"talk key down", "esc / stop", "send typed", "regenerate", "continue", "edit and resend",
             "new conversation", "open conversation", "delete conversation", "voice changed", "microphone changed",
             "window closed"}

# The stage each event leads to, from each stage (the cells that are not listed leave the stage as it was).
EXPECTED: dict[tuple[str, str], Stage] = {
    **{(stage, "talk key down"): Stage.RECORDING for stage in STAGES},
    ("listening", "talk key up"): Stage.TRANSCRIBING,
    ("recording", "talk key up"): Stage.TRANSCRIBING,
    ("listening", "esc / stop"): Stage.IDLE,
    ("recording", "esc / stop"): Stage.IDLE,
    ("speaking", "esc / stop"): Stage.IDLE,
    ("listening", "focus lost"): Stage.IDLE,
    ("recording", "focus lost"): Stage.IDLE,
    ("listening", "conversation mode off"): Stage.IDLE,
    **{(stage, event): Stage.THINKING for stage in ("idle", "listening", "thinking", "answering", "speaking")
       for event in ("send typed", "regenerate", "continue", "edit and resend")},
    ("transcribing", "regenerate"): Stage.THINKING,  # (the window offers neither while a turn runs)
    ("transcribing", "continue"): Stage.THINKING,
    **{(stage, "reply began"): Stage.THINKING for stage in ("idle", "transcribing", "thinking", "answering",
                                                             "speaking")},
    ("thinking", "first token"): Stage.ANSWERING,
    **{(stage, event): Stage.IDLE for stage in ("idle", "transcribing", "thinking", "answering", "speaking")
       for event in ("new conversation", "open conversation", "delete conversation")},
    **{(stage, "turn cancelled"): Stage.IDLE for stage in ("transcribing", "thinking", "answering")},
    ("answering", "turn ended"): Stage.SPEAKING,  # the text is complete, the voice reads on
    ("thinking", "turn ended"): Stage.IDLE,
    ("transcribing", "turn ended"): Stage.IDLE,
    ("recording", "microphone changed"): Stage.IDLE,
    ("listening", "microphone changed"): Stage.IDLE,
    ("speaking", "microphone changed"): Stage.IDLE,
    ("speaking", "voice changed"): Stage.IDLE,  # a take in progress is not cut short by a new voice
    **{(stage, "window closed"): Stage.CLOSED for stage in STAGES},
}


@pytest.mark.parametrize("event", list(EVENTS))
@pytest.mark.parametrize("stage", list(STAGES))
def test_every_event_in_every_stage(stage: str, event: str) -> None:
    voice = Voice()
    floor = Floor(voice.effects())
    STAGES[stage](floor, voice)
    before = floor.stage
    assert before.value == stage
    busy_before = voice.open or voice.queued
    voice.calls.clear()

    EVENTS[event](floor)

    assert floor.stage == EXPECTED.get((stage, event), before), floor.history[-3:]
    # The microphone and the voice are never on together, and a reply is only heard while it is on its way.
    if floor.stage in MICROPHONE_STAGES:
        assert not floor.may_speak(reply=True) and not floor.may_speak(reply=False)
        assert not (voice.open or voice.queued)
    if floor.may_speak(reply=True):
        assert floor.stage in (Stage.THINKING, Stage.ANSWERING, Stage.SPEAKING)
    # Hands-free listening opens only when nothing at all is pending.
    if floor.may_open_microphone(hands_free=True):
        assert floor.stage is Stage.IDLE and not floor.turn_live and not (voice.open or voice.queued)
    if event in SILENCING and busy_before:
        assert "silence" in voice.calls, voice.calls
    if floor.stage is Stage.CLOSED:
        assert not floor.may_open_microphone(hands_free=False) and not floor.may_speak(reply=False)


def test_a_barge_in_does_not_let_hands_free_listening_open_before_the_answer() -> None:
    """Defect 1 of the issue: after the talk key interrupted a spoken reply, conversation mode saw "nothing busy" and
    opened the microphone before the answer to the new question had even started."""
    voice = Voice()
    floor = Floor(voice.effects())
    _speaking(floor, voice)
    floor.talk_down()  # barge-in: the voice goes quiet
    assert not voice.queued and not floor.may_open_microphone(hands_free=True)
    floor.take_sent()
    assert not floor.may_open_microphone(hands_free=True)  # transcribing
    floor.turn_submitted()
    floor.reply_began()
    assert voice.open and not floor.may_open_microphone(hands_free=True)  # the answer is coming
    floor.first_token()
    voice.queued = True
    floor.turn_ended(True)
    assert floor.stage is Stage.SPEAKING and not floor.may_open_microphone(hands_free=True)
    voice.queued = False
    floor.voice_done()
    assert floor.stage is Stage.IDLE and floor.may_open_microphone(hands_free=True)


def test_a_typed_question_closes_the_hands_free_take() -> None:
    voice = Voice()
    floor = Floor(voice.effects())
    floor.talk_down(hands_free=True)
    floor.turn_submitted()
    assert voice.microphone_closed == ["typed"] and floor.stage is Stage.THINKING


def test_regenerate_opens_the_voice_for_the_new_reply_and_silences_the_old() -> None:
    """Defect 2: a regenerated (or continued) reply was never opened for the voice."""
    voice = Voice()
    floor = Floor(voice.effects())
    _speaking(floor, voice)
    voice.calls.clear()
    floor.turn_submitted()
    floor.reply_began()
    assert voice.calls == ["silence", "open"] and floor.may_speak()


def test_leaving_a_conversation_mid_reply_silences_it_and_frees_the_floor() -> None:
    """Defect 3: the abandoned reply's turn never ended for the voice, so it read on and stayed busy for good."""
    voice = Voice()
    floor = Floor(voice.effects())
    _answering(floor, voice)
    floor.turn_abandoned()
    assert "silence" in voice.calls and not voice.open and not voice.queued
    assert floor.stage is Stage.IDLE and not floor.turn_live and not floor.may_speak()


def test_a_reply_that_begins_while_the_user_talks_again_stays_quiet() -> None:
    voice = Voice()
    floor = Floor(voice.effects())
    floor.talk_down()
    floor.take_sent()
    floor.turn_submitted()
    floor.talk_down()  # the user holds the key again before the first reply even began
    floor.reply_began()
    assert "open" not in voice.calls and not floor.may_speak() and floor.stage is Stage.RECORDING
