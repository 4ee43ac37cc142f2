"""`chinwag --self-test`: the real window, a WAV fed through the push-to-talk path, one JSON line out.

The WAV goes in through an injected `PcmSource` where the microphone would be; everything after that
(press, release, the audio thread, the worker, VoiceTurn, streaming into the chat view) is the path a held
button takes. The packaged app runs the same check.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QApplication

from desktop.core.audio import PcmSource, read_wav
from desktop.core.errors import ChinwagError
from desktop.core.paths import assets_dir
from desktop.core.turn import TurnDone
from desktop.ui.shell.stall_meter import StallMeter
from desktop.ui.shell.window_controller import WindowController

TIMEOUT_S = 180.0
IDLE_WAIT_S = 30.0  # at most this long for the worker to finish the idle prefill before closing
HOLD_S = 0.4  # how long the button is "held": enough for the meter and timer to show


class SelfTest(QObject):
    def __init__(self, controller: WindowController, wav: Path | None, started: float) -> None:
        super().__init__(controller)
        self.c = controller
        self.wav = wav or assets_dir() / "hello.wav"
        self.started = started
        self.exit_code = 1
        self.meter = StallMeter(parent=self)
        self._deadline = QTimer(self)
        self._deadline.setSingleShot(True)
        self._deadline.timeout.connect(lambda: self._fail(f"no reply within {TIMEOUT_S:.0f} s"))
        self._conversation: int | None = None

    def begin(self) -> None:
        try:
            pcm = read_wav(self.wav)
        except ChinwagError as error:
            self._fail(str(error), quit_now=False)
            QTimer.singleShot(0, QApplication.quit)
            return
        self.c.ptt.source_factory = lambda: PcmSource(pcm, name=self.wav.name)
        self.c.models.load_failed.connect(lambda _kind, error: self._fail(f"model failed to load: {error}"))
        self.c.chat.turn_failed.connect(lambda error: self._fail(f"the turn failed: {error}"))
        self.c.chat.turn_finished.connect(self._finished)
        self.c.chat.turn_started.connect(lambda: setattr(self, "_conversation", self.c.chat.conversation_id))
        self.c.window.shown.connect(lambda: QTimer.singleShot(0, self._press))
        # From the window on screen to the reply shown: the models load during this, the first paint does not.
        self.c.window.shown.connect(self.meter.start)
        self._deadline.start(int(TIMEOUT_S * 1000))
        self.c.show()

    def _press(self) -> None:
        self.c.conversations.new()
        # The button's own press/release signals: exactly what holding it with the mouse sends.
        button = self.c.window.input_bar.talk_button
        button.pressed.emit()
        QTimer.singleShot(int(HOLD_S * 1000), button.released.emit)

    def _finished(self, done: TurnDone | None) -> None:
        if done is None:
            return  # a failure was reported through turn_failed
        replies = [m for m in self.c.window.chat.messages() if m.role == "assistant"]
        shown = replies[-1].text() if replies else ""
        if not done.reply.strip():
            self._fail("the model replied with nothing")
            return
        if shown != done.reply:
            self._fail("the chat view does not show the reply that was generated")
            return
        result = {
            "transcript": done.transcript,
            "reply": done.reply,
            "model": done.model,
            "timings": done.timings.as_dict(),
            "max_ui_stall_ms": round(self.meter.max_ms, 1),
            "p95_ui_stall_ms": round(self.meter.percentile_ms(95), 1),
            "wall_s": round(time.perf_counter() - self.started, 2),
        }
        self.meter.stop()  # what follows is the self-test's own check, not the window's work
        spoken_s = self._speak(done.reply)
        if spoken_s is None:
            return
        result["spoken_s"] = spoken_s
        self._end(0, json.dumps(result, ensure_ascii=False))

    def _speak(self, reply: str) -> float | None:
        """The spoken reply: the first sentence through the bundled voice (Piper, onnxruntime, espeak-ng data)."""
        from desktop.core.speech_text import speakable

        context = self.c.context
        try:
            voice = context.voice_for(context.voice_variant())
            sentences = speakable(reply)
            audio = voice.synthesize(sentences[0] if sentences else reply)
        except Exception as error:  # noqa: BLE001 (any failure of the bundled voice fails the self-test, with why)
            self._fail(f"the voice failed: {error}")
            return None
        seconds = audio.size / voice.sample_rate
        if seconds < 0.3:
            self._fail("the voice produced no audio for the reply")
            return None
        return round(seconds, 2)

    def _fail(self, reason: str, quit_now: bool = True) -> None:
        if self.exit_code == 0:
            return
        print(f"self-test failed: {reason}", file=sys.stderr)
        self._end(1, json.dumps({"error": reason}), quit_now)

    def _end(self, code: int, line: str, quit_now: bool = True) -> None:
        self._deadline.stop()
        self.meter.stop()
        self.exit_code = code
        print(line, flush=True)
        if quit_now and self.c.worker.busy:
            # The worker still evaluates the reply's closing tokens (the idle prefill, after the reply is shown):
            # close once it is done, so the process never ends while llama.cpp is mid-call.
            self._close_when_idle()
            return
        self._close(quit_now)

    def _close_when_idle(self, waited_s: float = 0.0) -> None:
        if self.c.worker.busy and waited_s < IDLE_WAIT_S:
            QTimer.singleShot(20, lambda: self._close_when_idle(waited_s + 0.02))
            return
        self._close(True)

    def _close(self, quit_now: bool) -> None:
        # The test's conversation is not the user's: it leaves no trace in their history.
        if self._conversation is not None:
            self.c.context.store.delete(self._conversation)
        if quit_now:
            self.c.window.close()
            QTimer.singleShot(0, QApplication.quit)
