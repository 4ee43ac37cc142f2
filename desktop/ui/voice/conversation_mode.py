"""Conversation mode (off by default): after a spoken reply, Chinwag listens for the next question without a key.

Once the reply has been heard to its end (never while the voice still plays: the microphone must not hear it), the
take opens by itself, with the "Listening…" mark shown; voice activity (`desktop/core/vad.py`) ends it after the
chosen silence and it is sent like any take, live transcription included. Nothing said for a while closes the
microphone and leaves the mode, with a notice; so does Esc, the window losing focus, or the toggle. The talk key
still works as usual: letting it go sends the take at once.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

from PySide6.QtCore import QObject, QTimer, Signal

from desktop.core.settings import Settings
from desktop.core.vad import EndOfSpeech
from desktop.ui.chat.input_bar import InputBar
from desktop.ui.voice.floor import Floor
from desktop.ui.voice.push_to_talk import PushToTalk
from desktop.ui.voice.speech_controller import SpeechController

log = logging.getLogger(__name__)
TICK_MS = 100
GIVE_UP_S = 8.0
MAX_FAILURES = 2  # hands-free questions in a row that gave nothing to answer before the mode ends


class ConversationMode(QObject):
    changed = Signal(bool)  # the mode went on or off
    notice = Signal(str)
    _heard = Signal(object, str)  # the endpoint that was scored (on the VAD thread), and its state

    def __init__(self, ptt: PushToTalk, speech: SpeechController, view: InputBar,
                 settings: Callable[[], Settings], save: Callable[[], None], floor: Floor | None = None) -> None:
        super().__init__(ptt)
        self.ptt = ptt
        self.speech = speech
        self.floor = floor or Floor()
        # Joining the take, resampling it and scoring it with the VAD runs here, never on the GUI thread.
        self._vad = ThreadPoolExecutor(max_workers=1, thread_name_prefix="chinwag-vad")
        self._scoring = False
        self.view = view
        self._settings = settings
        self._save = save
        self.on = False
        self.listening = False  # a hands-free take is open
        self._armed = False  # a reply finished: listen once it has been heard
        self._sent_hands_free = False  # the last take was ended by voice activity, not by a key
        self._failures = 0
        self._endpoint: EndOfSpeech | None = None
        self._timer = QTimer(self)
        self._timer.setInterval(TICK_MS)
        self._timer.timeout.connect(self._tick)
        self._heard.connect(self._on_heard)
        view.conversation_toggle.toggled.connect(self.set_on)
        ptt.discarded.connect(self._discarded)
        ptt.failed.connect(lambda _error: self.set_on(False))
        ptt.state_changed.connect(self._ptt_state)

    def set_on(self, on: bool) -> None:
        if on == self.on:
            return
        self.on = on
        self.view.conversation_toggle.setChecked(on)
        settings = self._settings()
        if settings.conversation_mode != on:
            settings.conversation_mode = on
            self._save()
        if on:
            if not self.view.speak_toggle.isChecked():
                self.view.speak_toggle.setChecked(True)  # a conversation is spoken both ways
        else:
            self._armed = False
            if self.listening:
                self.ptt.discard("conversation")
            self._stop_listening()
        self.changed.emit(on)

    def reply_finished(self, completed: bool) -> None:
        """A turn ended: listen for the next question once its reply has been heard (not after a stopped one)."""
        if self.on and completed:
            self._failures = 0
            self._armed = True
            self._timer.start()

    def turn_failed(self, error: Exception) -> None:
        """A question heard hands-free gave nothing to answer (noise, a cough): listen once more, then give up."""
        if not (self.on and self._sent_hands_free):
            return
        self._sent_hands_free = False
        self._failures += 1
        if self._failures >= MAX_FAILURES:
            self.set_on(False)
            self.notice.emit(self.tr("Conversation mode ended: {error}").format(error=error))
            return
        self._armed = True
        self._timer.start()

    # ---- inside ------------------------------------------------------------------------------------------------

    def _tick(self) -> None:
        if self._armed:
            if self.ptt.active or not self.floor.may_open_microphone(hands_free=True):
                return  # a turn is on its way, the voice still plays, or a take is open: never listen over it
            self._armed = False
            self._listen()
            return
        if not self.listening or self._endpoint is None:
            self._timer.stop()
            return
        source = self.ptt.source
        snapshot = getattr(source, "snapshot", None)
        if self.ptt.state != "recording" or snapshot is None or self._scoring:
            return  # the device is still opening, or the last score is not back yet
        endpoint = self._endpoint
        self._scoring = True

        def score() -> None:
            try:
                state = endpoint.update(snapshot())
            except Exception:  # noqa: BLE001 - a failed score is a tick without news; the next one tries again
                log.exception("voice activity scoring failed")
                state = EndOfSpeech.WAITING
            self._heard.emit(endpoint, state)

        self._vad.submit(score)

    def _on_heard(self, endpoint: EndOfSpeech, state: str) -> None:
        self._scoring = False
        if endpoint is not self._endpoint or not self.listening:
            return  # the take ended some other way meanwhile
        if state == EndOfSpeech.ENDED:
            self._stop_listening()
            self._sent_hands_free = True
            self.ptt.release()  # sent like any take
        elif state == EndOfSpeech.NOTHING:
            self.ptt.discard("conversation")
            self.set_on(False)
            self.notice.emit(self.tr("Conversation mode ended: nothing was said for {seconds} s. Press the talk key "
                                     "or turn it on again (Ctrl+Shift+H).").format(seconds=f"{GIVE_UP_S:.0f}"))

    def _listen(self) -> None:
        self._endpoint = EndOfSpeech(end_silence_s=self._settings().end_of_speech_s, give_up_s=GIVE_UP_S)
        self.listening = True
        self.view.hands_free.setVisible(True)
        self._timer.start()
        self.ptt.press()

    def _stop_listening(self) -> None:
        self.listening = False
        self._endpoint = None
        self.view.hands_free.setVisible(False)
        if not self._armed:
            self._timer.stop()

    def _ptt_state(self, state: str) -> None:
        if state == "idle" and self.listening:
            self._stop_listening()  # let go with the key, or the take ended some other way

    def shutdown(self) -> None:
        self._timer.stop()
        self._vad.shutdown(wait=False, cancel_futures=True)

    def _discarded(self, why: str) -> None:
        if why == "typed":
            self._armed = False  # the typed question's reply, once heard, arms it again
            return
        if why != "conversation" and self.on:
            self.set_on(False)  # Esc, or the window lost focus: the microphone stays closed
