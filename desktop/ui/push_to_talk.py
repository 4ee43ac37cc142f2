"""Push-to-talk: the record state machine between the button/key and the audio source.

Opening and closing an audio device can take tens of milliseconds (PulseAudio through ALSA), so those calls
run on a single audio thread; the GUI thread only changes state and reads the level for the meter.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

from PySide6.QtCore import QElapsedTimer, QObject, QTimer, Signal

from desktop.core.audio import AudioSource, Recording
from desktop.core.errors import AudioError
from desktop.ui import sounds
from desktop.ui.input_bar import InputBar

SourceFactory = Callable[[], AudioSource]


class PushToTalk(QObject):
    recorded = Signal(object, float)  # Recording, perf_counter() at release
    failed = Signal(object)  # an AudioError: no microphone, lost, PortAudio missing
    state_changed = Signal(str)
    _started = Signal(object)  # from the audio thread
    _stopped = Signal(object, float)
    _failed = Signal(object)
    _capped = Signal()

    def __init__(self, view: InputBar, source_factory: SourceFactory, sounds_enabled: Callable[[], bool]) -> None:
        super().__init__(view)
        self.view = view
        self.source_factory = source_factory
        self._sounds_enabled = sounds_enabled
        self._audio = ThreadPoolExecutor(max_workers=1, thread_name_prefix="chinwag-audio")
        self._source: AudioSource | None = None
        self.state = "idle"  # idle → starting → recording → stopping → idle
        self._release_pending = False
        self._meter = QTimer(self)
        self._meter.setInterval(33)
        self._meter.timeout.connect(self._update_meter)
        self._clock = QElapsedTimer()
        self._started.connect(self._on_started)
        self._stopped.connect(self._on_stopped)
        self._failed.connect(self._on_failed)
        self._capped.connect(self.release)
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

    def press(self) -> None:
        if self.state != "idle":
            return
        self._set_state("starting")
        self._release_pending = False
        source = self.source_factory()
        if hasattr(source, "on_cap"):
            source.on_cap = self._capped.emit  # the Recorder calls it on PortAudio's thread
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

    def shutdown(self) -> None:
        if self._source is not None and self.state in ("starting", "recording"):
            self._audio.submit(self._discard_job, self._source)
        self._audio.shutdown(wait=False, cancel_futures=False)

    # ---- audio thread ------------------------------------------------------------------------------------

    def _start_job(self, source: AudioSource) -> None:
        try:
            if self._sounds_enabled():
                sounds.play("record-start")
            source.start()
        except AudioError as error:
            self._failed.emit(error)
            return
        self._started.emit(source)

    def _stop_job(self, source: AudioSource, released_at: float) -> None:
        try:
            recording = source.stop()
        except AudioError as error:
            self._failed.emit(error)
            return
        self._stopped.emit(recording, released_at)
        if self._sounds_enabled():
            sounds.play("record-stop")

    @staticmethod
    def _discard_job(source: AudioSource) -> None:
        try:
            source.stop()
        except AudioError:
            pass

    # ---- back on the GUI thread ------------------------------------------------------------------------------

    def _on_started(self, source: AudioSource) -> None:
        if source is not self._source:
            return
        self._set_state("recording")
        if self._release_pending:
            self.release()

    def _on_stopped(self, recording: Recording, released_at: float) -> None:
        self._finish()
        self.recorded.emit(recording, released_at)

    def _on_failed(self, error: AudioError) -> None:
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
