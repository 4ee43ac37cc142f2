"""Reading replies aloud in the window: the streamed reply goes sentence by sentence to the Speaker.

The window feeds it the reply's pieces as they arrive (`feed`), tells it when a reply starts and ends, and calls
`stop()` on barge-in (talk key, Stop, Esc) and whenever the microphone is about to open, so Chinwag never hears
itself. The voice loads on a thread of its own the first time it is needed, so the window never waits for it.
Failures (no sound output, PortAudio missing, a broken voice file) become one notice; the text goes on.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

from PySide6.QtCore import QObject, Signal

from desktop.core.errors import ChinwagError
from desktop.core.languages import detect_text_language
from desktop.core.speech_out import Speaker, Voice
from desktop.core.speech_text import FIRST_PHRASE_WORDS, SpeechSplitter, speakable

log = logging.getLogger(__name__)


class SpeechController(QObject):
    speaking_changed = Signal(bool)
    notice = Signal(str)  # one clear message per failure
    _loaded = Signal(object, int)  # the Speaker, built on the loading thread, and the settings generation
    _failed = Signal(object, int)  # the error, and the settings generation the failed load was for

    def __init__(self, voice_factory: Callable[[], Voice], device: Callable[[], int | str | None],
                 speed: Callable[[], float], volume: Callable[[], float], enabled: bool = False) -> None:
        super().__init__()
        self._voice_factory = voice_factory
        self._device = device
        self._speed = speed
        self._volume = volume
        self.enabled = enabled
        self.speaker: Speaker | None = None
        self._loading = False
        self._backlog: list[str | None] = []  # said before the voice was ready (None: the end of a reply)
        self._splitter = SpeechSplitter(FIRST_PHRASE_WORDS)
        self._reply_open = False
        self._warned = False
        self._generation = 0
        # The floor's word (desktop/ui/voice/floor.py): may a reply (True) or a message's Speak button (False) be read?
        self.may_speak: Callable[[bool], bool] = lambda _reply: True
        self._loaded.connect(self._on_loaded)
        self._failed.connect(self._on_failed)
        if enabled:
            self.preload()

    @property
    def speaking(self) -> bool:
        return self.speaker is not None and self.speaker.speaking

    @property
    def busy(self) -> bool:
        """Something is still to be heard: a voice loading for it, sentences queued, or audio playing."""
        return bool(self._backlog) or self._reply_open or (self.speaker is not None and not self.speaker.wait(0))

    # ---- the window's side -----------------------------------------------------------------------------------

    def set_enabled(self, enabled: bool) -> None:
        self.enabled = enabled
        if enabled:
            self.preload()
        else:
            self.stop()

    def preload(self) -> None:
        if self.speaker is not None or self._loading:
            return
        self._loading = True
        threading.Thread(target=self._load, args=(self._generation,), name="chinwag-voice-load", daemon=True).start()

    def reply_started(self) -> None:
        self.stop()
        self._splitter = SpeechSplitter(FIRST_PHRASE_WORDS)
        self._reply_open = self.enabled

    def feed(self, piece: str) -> None:
        if self._reply_open:
            for sentence in self._splitter.feed(piece):
                self._say(sentence)

    def reply_ended(self, stopped: bool) -> None:
        if not self._reply_open:
            return
        self._reply_open = False
        if stopped:
            self.stop()
            return
        for sentence in self._splitter.flush():
            self._say(sentence)
        self._say(None)

    def speak_text(self, markdown: str) -> None:
        """The "Speak" button of a message: read it (again) from the start, whatever the toggle says."""
        self.stop()
        self._reply_open = False
        # Split as the text's language writes sentences (German "z. B.", the danda, Thai by length).
        for sentence in speakable(markdown, detect_text_language(markdown, "en") or "en"):
            self._say(sentence, reply=False)
        self._say(None)

    def stop(self) -> None:
        """Barge-in: silence now and forget what was queued."""
        self._backlog.clear()
        self._reply_open = False
        if self.speaker is not None:
            self.speaker.stop()

    def shutdown(self) -> None:
        self.stop()
        self._generation += 1  # a voice still loading is closed as it arrives, never left playing (or leaked)
        if self.speaker is not None:
            self.speaker.close()

    def reconfigure(self) -> None:
        """The voice, speed, volume or output device changed in Settings: the next sentence uses the new ones."""
        self.shutdown()
        self.speaker = None
        self._generation += 1  # a voice still loading was built with the old settings: it is dropped
        self._loading = False
        self._warned = False  # a new device or voice may work where the old one failed: say so again if not
        if self.enabled:
            self.preload()

    # ---- inside ------------------------------------------------------------------------------------------------

    def _say(self, sentence: str | None, reply: bool = True) -> None:
        if sentence is not None and not self.may_speak(reply):
            return  # a microphone is open, or this reply is not the one to be heard
        if self.speaker is None:
            self._backlog.append(sentence)
            self.preload()
            return
        if sentence is None:
            self.speaker.finish()
        else:
            self.speaker.say(sentence)

    def _load(self, generation: int) -> None:
        try:
            voice = self._voice_factory()
            voice.load()
            speaker = Speaker(voice, device=self._device(), speed=self._speed(), volume=self._volume(),
                              on_state=self.speaking_changed.emit,
                              on_error=lambda error: self._failed.emit(error, generation))
        except ChinwagError as error:
            self._failed.emit(error, generation)
            return
        except Exception as error:  # noqa: BLE001 (an unexpected failure still becomes a notice, not a crash)
            log.exception("loading the voice failed")
            self._failed.emit(ChinwagError(self.tr("Chinwag cannot speak: the voice did not load ({error}).").format(
                error=error)), generation)
            return
        self._loaded.emit(speaker, generation)

    def _on_loaded(self, speaker: Speaker, generation: int) -> None:
        if generation != self._generation:
            speaker.close()  # built before the settings changed
            return
        self._loading = False
        self.speaker = speaker
        backlog, self._backlog = self._backlog, []
        for sentence in backlog:
            self._say(sentence)

    def _on_failed(self, error: Exception, generation: int) -> None:
        if generation != self._generation:
            return  # a voice of settings since replaced: its failure says nothing about the current one
        self._loading = False
        self._backlog.clear()
        if not self._warned:  # one notice, not one per sentence
            self._warned = True
            self.notice.emit(str(error))
