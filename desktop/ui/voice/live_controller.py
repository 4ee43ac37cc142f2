"""Live transcription in the window: while the talk key is held, what was said so far appears above the text box.

About once a second, and only when the worker has nothing else to do (a reply still being written, or the idle
prefill of the last one, goes first: the two models never run at once), the worker transcribes the take so far past
its committed part (`desktop/core/live_stt.py`). On release the take's `LiveTranscript` goes with the turn, so only
its uncommitted end is transcribed then.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer

from desktop.core.live_stt import LiveText, LiveTranscript
from desktop.ui.chat.input_bar import InputBar
from desktop.ui.shell.worker import ModelWorker
from desktop.ui.voice.push_to_talk import PushToTalk

STEP_MS = 1000


class LiveTranscription(QObject):
    def __init__(self, ptt: PushToTalk, worker: ModelWorker, view: InputBar, enabled: Callable[[], bool]) -> None:
        super().__init__(ptt)
        self.ptt = ptt
        self.worker = worker
        self.view = view
        self._enabled = enabled
        self._live: LiveTranscript | None = None
        self._pending = False  # a step is queued or running: never more than one
        self.steps_shown = 0
        self._timer = QTimer(self)
        self._timer.setInterval(STEP_MS)
        self._timer.timeout.connect(self._tick)
        ptt.state_changed.connect(self._state)
        ptt.discarded.connect(lambda _why: self.forget())
        ptt.failed.connect(lambda _error: self.forget())
        worker.live_text.connect(self._shown)

    def take(self) -> LiveTranscript | None:
        """The finished take's live transcription, handed to its turn (once)."""
        live, self._live = self._live, None
        return live

    def forget(self) -> None:
        self._timer.stop()
        self._live = None
        self.view.hide_live()

    def _state(self, state: str) -> None:
        if state == "starting":
            self.forget()
            if self._enabled():
                self._live = LiveTranscript(None)
        elif state == "recording":
            if self._live is not None:
                self._timer.start()
        else:
            self._timer.stop()  # let go: the take's object waits for `take()`; the words shown stay until the reply

    def _tick(self) -> None:
        source = self.ptt.source
        snapshot = getattr(source, "snapshot", None)
        if self._live is None or snapshot is None or self._pending or self.worker.busy:
            return
        self._pending = True
        self.worker.live_step(self._live, snapshot)

    def _shown(self, live: LiveTranscript, text: LiveText | None) -> None:
        self._pending = False
        if text is None or live is not self._live:
            return  # a step of a take that was since sent or thrown away
        self.steps_shown += 1
        self.view.show_live(text.committed, text.tentative)
