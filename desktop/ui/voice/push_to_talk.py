"""Push-to-talk: the record state machine between the button/key and the audio source.

Opening and closing an audio device can take tens of milliseconds (PulseAudio through ALSA), so those calls
run on a single audio thread; the GUI thread only changes state and reads the level for the meter.

Privacy and forgiveness rules (issue 8 §2):
- `discard()` (the window lost focus, Esc) throws the take away and closes the microphone at once;
- the length cap stops the take and hands it over as `capped` (the window offers it for review, it is never
  sent by itself: a forgotten open microphone must not turn into minutes of text sent to the model);
- a take the device dropped mid-way arrives in `failed` with the partial recording kept on the error.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

from PySide6.QtCore import QCoreApplication, QElapsedTimer, QObject, QTimer, Signal

from desktop.core.audio import AudioSource, Recording
from desktop.core.errors import AudioError
from desktop.ui.chat.input_bar import InputBar
from desktop.ui.voice import sounds

SourceFactory = Callable[[], AudioSource]
log = logging.getLogger(__name__)


def _unexpected(error: Exception, doing: str) -> AudioError:
    """Any failure on the audio thread comes back as an AudioError the window shows: the state never sticks."""
    log.error("the audio thread failed while %s", doing, exc_info=error)
    opened = QCoreApplication.translate("PushToTalk", "The microphone could not be opened ({error}). Try again, or "
                                        "choose another microphone in Settings; typing still works.")
    closed = QCoreApplication.translate("PushToTalk", "The microphone could not be closed ({error}). Try again, or "
                                        "choose another microphone in Settings; typing still works.")
    text = opened if doing == "opened" else closed
    return AudioError(text.format(error=f"{type(error).__name__}: {error}"))


class PushToTalk(QObject):
    recorded = Signal(object, float)  # Recording, perf_counter() at release
    capped = Signal(object)  # Recording cut at the length cap: offered for review, not sent
    discarded = Signal(str)  # why the take was thrown away ("focus", "escape")
    failed = Signal(object)  # an AudioError: no microphone, lost (with the partial take), PortAudio missing
    notice = Signal(str)  # something the user should know that did not stop the take (a fallback microphone)
    state_changed = Signal(str)
    _started = Signal(object)  # from the audio thread
    _stopped = Signal(object, object, float)  # source, Recording, released at
    _failed = Signal(object, object)  # source, AudioError
    _capped = Signal(object)  # source

    def __init__(self, view: InputBar, source_factory: SourceFactory, sounds_enabled: Callable[[], bool]) -> None:
        super().__init__(view)
        self.view = view
        self.source_factory = source_factory
        self._sounds_enabled = sounds_enabled
        self._audio = ThreadPoolExecutor(max_workers=1, thread_name_prefix="chinwag-audio")
        self._source: AudioSource | None = None
        self.state = "idle"  # idle → starting → recording → stopping → idle
        self._release_pending = False
        self._cap_reached = False
        self._closed = False  # after shutdown: the audio thread is gone, nothing may be started
        self._meter = QTimer(self)
        self._meter.setInterval(33)
        self._meter.timeout.connect(self._update_meter)
        self._clock = QElapsedTimer()
        self._started.connect(self._on_started)
        self._stopped.connect(self._on_stopped)
        self._failed.connect(self._on_failed)
        self._capped.connect(self._on_cap)
        view.talk_button.held.connect(self._button_down)
        view.talk_button.let_go.connect(self._button_up)
        self.toggle_mode = False

    def _button_down(self) -> None:
        self.toggle() if self.toggle_mode else self.press()

    def _button_up(self) -> None:
        if not self.toggle_mode:
            self.release()

    @property
    def active(self) -> bool:
        return self.state != "idle"

    @property
    def source(self) -> AudioSource | None:
        """The take's audio source while one is held (live transcription reads its snapshot)."""
        return self._source

    def press(self) -> None:
        if self.state != "idle" or self._closed:
            return
        self._set_state("starting")
        self._release_pending = False
        self._cap_reached = False
        source = self.source_factory()
        if hasattr(source, "on_cap"):
            # The Recorder calls it on PortAudio's thread; the signal carries which take reached the cap.
            source.on_cap = lambda: self._capped.emit(source)
        self._source = source
        self.view.show_meter(True)
        self.view.talk_button.show_recording(True)
        self._clock.start()
        self._meter.start()
        self._audio.submit(self._start_job, source)

    def release(self) -> None:
        if self.state == "starting":
            self._release_pending = True  # released before the device opened: stop right after it does
            return
        if self.state != "recording" or self._source is None:
            return
        self._set_state("stopping")
        self._audio.submit(self._stop_job, self._source, time.perf_counter())

    def toggle(self) -> None:
        if self.state == "idle":
            self.press()
        else:
            self.release()

    def discard(self, why: str) -> bool:
        """Throw the take away and close the microphone now. True if there was a take to throw away."""
        source = self._source
        if source is None or self.state not in ("starting", "recording"):
            return False  # idle, or already let go: that take is complete and on its way
        self._audio.submit(self._discard_job, source)  # after a start still running: the device closes right after
        self._finish()  # the take is forgotten at once; whatever the audio thread reports for it is ignored
        self.discarded.emit(why)
        return True

    def shutdown(self) -> None:
        if self._source is not None and self.state in ("starting", "recording"):
            self._audio.submit(self._discard_job, self._source)
        self._audio.shutdown(wait=False, cancel_futures=False)
        self._closed = True
        self._finish()  # whatever the audio thread still reports is for a take that no longer exists

    # ---- audio thread ------------------------------------------------------------------------------------

    def _start_job(self, source: AudioSource) -> None:
        try:
            source.start()  # the microphone first: the first word is never lost to the cue
        except AudioError as error:
            self._failed.emit(source, error)
            return
        except Exception as error:  # noqa: BLE001 - whatever it was, the take must end, not stick in "starting"
            self._failed.emit(source, _unexpected(error, "opened"))
            return
        self._started.emit(source)
        if self._sounds_enabled():
            sounds.play("record-start", wait=False)  # 0.15 s, too short for voice activity to take it for speech

    def _stop_job(self, source: AudioSource, released_at: float) -> None:
        try:
            recording = source.stop()
        except AudioError as error:
            self._failed.emit(source, error)
            return
        except Exception as error:  # noqa: BLE001 - never stuck in "stopping"
            self._failed.emit(source, _unexpected(error, "closed"))
            return
        self._stopped.emit(source, recording, released_at)
        if self._sounds_enabled():
            sounds.play("record-stop", wait=False)

    @staticmethod
    def _discard_job(source: AudioSource) -> None:
        discard = getattr(source, "discard", None)
        try:
            if discard is not None:
                discard()
            else:
                source.stop()
        except AudioError:
            pass
        except Exception:  # noqa: BLE001 - the take is already forgotten; the failure goes to the log
            log.exception("closing a discarded take failed")

    # ---- back on the GUI thread ------------------------------------------------------------------------------

    def _on_started(self, source: AudioSource) -> None:
        if source is not self._source:
            return  # discarded while the device opened
        self._set_state("recording")
        text = getattr(source, "notice", "")
        if text:
            self.notice.emit(text)
        if self._release_pending or self._cap_reached:
            self.release()

    def _on_cap(self, source: AudioSource) -> None:
        if source is not self._source:
            return
        self._cap_reached = True
        self.release()

    def _on_stopped(self, source: AudioSource, recording: Recording, released_at: float) -> None:
        if source is not self._source:
            return
        self._finish()
        if recording.capped or self._cap_reached:
            self.capped.emit(recording)
        else:
            self.recorded.emit(recording, released_at)

    def _on_failed(self, source: AudioSource, error: AudioError) -> None:
        if source is not self._source:
            return
        self._finish()
        self.failed.emit(error)

    def _finish(self) -> None:
        self._meter.stop()
        self._source = None
        self.view.show_meter(False)
        self.view.talk_button.show_recording(False)
        self._set_state("idle")

    def _update_meter(self) -> None:
        source = self._source
        if source is None:
            return
        self.view.level.setValue(int(source.level() * 100))
        seconds = self._clock.elapsed() / 1000
        self.view.timer.setText(f"{int(seconds // 60)}:{seconds % 60:04.1f}")

    def _set_state(self, state: str) -> None:
        self.state = state
        self.state_changed.emit(state)
