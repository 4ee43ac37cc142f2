"""Who has the floor: the one owner of the microphone and the voice. Plain Python, no Qt.

The microphone and the voice must never be on together (Chinwag would hear itself), and the voice must only ever
read the reply that is on screen now. Before this object existed those rules lived in five places (push-to-talk,
conversation mode, the speech controller, the chat controller and the lambdas that tied them), and orders of events
no single place saw broke them: a barge-in let conversation mode open the microphone before the answer started, a
regenerated reply was never opened for the voice, a conversation switch left the abandoned reply talking.

Now every event that matters is told to the `Floor` (the window wires the signals to its methods); the floor moves
between its stages and makes things happen through the `Effects` the window gives it. The others only ask it:
`may_open_microphone(hands_free)` and `may_speak()`. Nobody else keeps a copy of "is it speaking" or "may I listen".

Stages:
- idle: nothing is said and nothing is to come;
- listening / recording: a hands-free / key take is open (the voice is silent);
- transcribing: a take was let go, its words are not stored yet;
- thinking: a turn runs, no token yet (the voice may be opened for it);
- answering: tokens stream (and are read aloud as sentences complete);
- speaking: the text ended, the voice is still reading it;
- closed: the window is closing: nothing opens any more.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import Enum

log = logging.getLogger(__name__)


class Stage(str, Enum):
    IDLE = "idle"
    LISTENING = "listening"
    RECORDING = "recording"
    TRANSCRIBING = "transcribing"
    THINKING = "thinking"
    ANSWERING = "answering"
    SPEAKING = "speaking"
    CLOSED = "closed"


MICROPHONE_STAGES = frozenset({Stage.LISTENING, Stage.RECORDING})
VOICE_STAGES = frozenset({Stage.THINKING, Stage.ANSWERING, Stage.SPEAKING})


def _nothing(*_args: object) -> None:
    return None


@dataclass
class Effects:
    """What the floor makes happen. The window fills these in with the real objects; tests with recorders."""

    silence: Callable[[], None] = _nothing  # the voice stops now and forgets what was queued
    close_microphone: Callable[[str], None] = _nothing  # the open take is thrown away (why)
    open_reply: Callable[[], None] = _nothing  # the current reply may be read as it streams
    end_reply: Callable[[bool], None] = _nothing  # the current reply's text is complete (True: it was stopped)
    voice_busy: Callable[[], bool] = lambda: False  # something is still to be heard


@dataclass
class Floor:
    effects: Effects = field(default_factory=Effects)
    stage: Stage = Stage.IDLE
    history: list[tuple[str, Stage]] = field(default_factory=list)  # (event, stage after it): for the log and tests
    turn_live: bool = False  # a turn the window shows has not ended
    answering: bool = False  # its first token arrived
    muted: bool = False  # the current reply is not read aloud (the user barged in on it)
    api_jobs: int = 0  # API requests queued on the worker (they never open the voice or the microphone)

    # ---- questions ------------------------------------------------------------------------------------------

    def may_open_microphone(self, hands_free: bool) -> bool:
        """The talk key may always take the floor (barge-in); hands-free listening only when nothing is pending:
        no turn running, nothing left to be heard, no take open."""
        if self.stage is Stage.CLOSED:
            return False
        if not hands_free:
            return True
        return self.stage is Stage.IDLE and not self.turn_live and not self.effects.voice_busy()

    def may_speak(self, reply: bool = True) -> bool:
        """May the voice play? A reply: only while one is on its way or being read, not muted, no microphone open.
        A message's Speak button (`reply=False`): whenever no microphone is open."""
        if reply:
            return self.stage in VOICE_STAGES and not self.muted
        return self.stage not in MICROPHONE_STAGES and self.stage is not Stage.CLOSED

    @property
    def microphone_open(self) -> bool:
        return self.stage in MICROPHONE_STAGES

    # ---- the microphone -------------------------------------------------------------------------------------

    def talk_down(self, hands_free: bool = False) -> None:
        """A take opens (the key, the button, the global key, or hands-free listening)."""
        if self.stage is Stage.CLOSED:
            return
        self.effects.silence()  # never listen over the voice
        if self.turn_live:
            self.muted = True  # the reply going on is not read any more: the user took the floor
        self._go("talk down" + (" (hands-free)" if hands_free else ""),
                 Stage.LISTENING if hands_free else Stage.RECORDING)

    def take_sent(self) -> None:
        """The take was let go (or ended by silence) and goes to be transcribed."""
        if self.stage in MICROPHONE_STAGES:
            self._go("take sent", Stage.TRANSCRIBING)

    def take_discarded(self, why: str) -> None:
        """Esc, focus lost, the cap offered for review, a failed device, conversation mode off: nothing is sent."""
        if self.stage in MICROPHONE_STAGES:
            self._go(f"take discarded ({why})", self._turn_stage())

    # ---- the turn ---------------------------------------------------------------------------------------------

    def turn_submitted(self) -> None:
        """A typed message, a regenerate, a continue or an edit was handed to the worker."""
        if self.stage is Stage.CLOSED:
            return
        if self.stage is Stage.LISTENING:
            self.effects.close_microphone("typed")  # the answer must not be heard by a hands-free take
        self.effects.silence()  # the reply before it stops talking
        self.turn_live, self.answering = True, False
        if self.stage is not Stage.RECORDING and self.stage is not Stage.TRANSCRIBING:
            self._go("turn submitted", Stage.THINKING)

    def reply_began(self) -> None:
        """The shown turn's reply starts (its question is stored, or a regenerate/continue started)."""
        if self.stage is Stage.CLOSED:
            return
        self.turn_live = True
        if self.stage in MICROPHONE_STAGES:
            self.muted = True  # the user is talking again: this reply is read, not heard
            self.history.append(("reply began (muted: a take is open)", self.stage))
            return
        self.muted = False
        self.effects.open_reply()
        self._go("reply began", Stage.THINKING)

    def first_token(self) -> None:
        self.answering = self.turn_live
        if self.stage is Stage.THINKING:
            self._go("first token", Stage.ANSWERING)

    def turn_ended(self, completed: bool) -> None:
        """The shown turn is over: completed, stopped, or failed (nothing heard, an error)."""
        if self.stage is Stage.CLOSED or not self.turn_live:
            return  # a turn the window had already let go of (abandoned): nothing of it is heard any more
        self.turn_live = False
        self.effects.end_reply(not completed)
        if self.stage in MICROPHONE_STAGES:
            self.history.append(("turn ended (a take is open)", self.stage))
            return
        speaking = completed and not self.muted and self.effects.voice_busy()
        self._go("turn ended" if completed else "turn stopped", Stage.SPEAKING if speaking else Stage.IDLE)

    def turn_abandoned(self) -> None:
        """The user left the conversation (new, another, deleted): its reply stops being read at once."""
        if self.stage is Stage.CLOSED:
            return
        self.turn_live = False
        self.effects.silence()
        self.effects.end_reply(True)
        if self.stage not in MICROPHONE_STAGES:
            self._go("turn abandoned", Stage.IDLE)

    def voice_done(self) -> None:
        """The last sentence was heard (or the voice went quiet for good)."""
        if self.stage is Stage.SPEAKING and not self.effects.voice_busy():
            self._go("voice done", Stage.IDLE)

    # ---- the user's other actions ---------------------------------------------------------------------------------

    def stop(self) -> None:
        """Esc or Stop: the voice goes quiet now; the turn ends by itself (its end is told as usual)."""
        if self.stage is Stage.CLOSED:
            return
        self.effects.silence()
        if self.turn_live:
            self.muted = True
        if self.stage is Stage.SPEAKING:
            self._go("stop", Stage.IDLE)
        else:
            self.history.append(("stop", self.stage))

    def conversation_mode(self, on: bool) -> None:
        if not on and self.stage is Stage.LISTENING:
            self.effects.close_microphone("conversation")
            self.take_discarded("conversation mode off")

    def devices_changed(self, microphone: bool = False) -> None:
        """The voice or the speaker changed in Settings (the voice goes quiet: the next reply uses the new one), or
        the microphone did (`microphone`: a take on the old one ends too)."""
        if self.stage is Stage.CLOSED:
            return
        self.effects.silence()
        if self.turn_live:
            self.muted = True
        if microphone and self.stage in MICROPHONE_STAGES:
            self.effects.close_microphone("settings")
            self.take_discarded("settings")
        elif self.stage is Stage.SPEAKING:
            self._go("devices changed", Stage.IDLE)

    def api_job(self, running: bool) -> None:
        """An API request queued on the worker, or done. It holds the worker, never the microphone or the voice."""
        self.api_jobs = max(0, self.api_jobs + (1 if running else -1))

    def window_closed(self) -> None:
        if self.stage is Stage.CLOSED:
            return
        self.effects.silence()
        if self.stage in MICROPHONE_STAGES:
            self.effects.close_microphone("closing")
        self.turn_live = False
        self._go("window closed", Stage.CLOSED)

    # ---- inside ------------------------------------------------------------------------------------------------

    def _turn_stage(self) -> Stage:
        if self.turn_live:
            return Stage.ANSWERING if self.answering else Stage.THINKING
        return Stage.SPEAKING if (not self.muted and self.effects.voice_busy()) else Stage.IDLE

    def _go(self, event: str, stage: Stage) -> None:
        if stage is not self.stage:
            log.debug("floor: %s → %s (%s)", self.stage.value, stage.value, event)
        self.stage = stage
        self.history.append((event, stage))
        del self.history[:-200]
