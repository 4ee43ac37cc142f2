"""Reading replies aloud in the window: the streamed reply goes sentence by sentence to the Speaker.

The window feeds it the reply's pieces as they arrive (`feed`), tells it when a reply starts and ends, and calls
`stop()` on barge-in (talk key, Stop, Esc) and whenever the microphone is about to open, so Chinwag never hears
itself. The voice loads on a thread of its own the first time it is needed, so the window never waits for it.
Failures (no sound output, PortAudio missing, a broken voice file) become one notice; the text goes on.

Each reading (a reply, a message's Speak button, a reminder) is read by the voice of its language (issue 19): the
question's language when it was spoken, else the language the text is written in, else the speech-language setting.
The window says which voice that is (`pick_voice`); the voices loaded so far are kept, so a conversation that goes
back and forth between two languages loads each voice once. A language whose voice is not on this computer is never
read with another language's voice: the text stays written and a notice offers the download.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QObject, Signal

from desktop.core.errors import ChinwagError
from desktop.core.languages import detect_text_language
from desktop.core.speech_out import Speaker, Voice
from desktop.core.speech_text import FIRST_PHRASE_WORDS, SpeechSplitter, speakable
from desktop.ui.shell.window_language import language_label

log = logging.getLogger(__name__)

# A reading whose language its text does not tell yet (no telling words in its first sentences) waits for more text,
# but not longer than this many words: then the speech-language setting decides, so that the voice is not held back.
WORDS_TO_TELL_LANGUAGE = 20


@dataclass(frozen=True)
class VoicePick:
    """The voice for one language, as the window finds it: `load` builds it when it is on this computer; else
    `download` (when a voice for the language exists to download) starts getting it; neither: Piper has none."""

    language: str
    key: str = ""  # the voice's catalog id: loaded voices are kept under it
    label: str = ""
    load: Callable[[], Voice] | None = None
    download: Callable[[], None] | None = None


class SpeechController(QObject):
    speaking_changed = Signal(bool)
    notice = Signal(str)  # one clear message per failure
    # A reading that is not heard for want of a voice for its language: the text to show, and the download to offer
    # (None where there is nothing to download).
    voice_notice = Signal(str, object)
    quiet = Signal()  # what was waiting to be read will not be heard after all (the floor may move on)
    _loaded = Signal(str, object, object, int)  # the voice's key, the Voice, a new Speaker (or None), the generation
    _failed = Signal(object, int)  # the error, and the settings generation the failed load was for

    def __init__(self, voice_factory: Callable[[], Voice], device: Callable[[], int | str | None],
                 speed: Callable[[], float], volume: Callable[[], float], enabled: bool = False, *,
                 pick_voice: Callable[[str], VoicePick] | None = None,
                 fallback_language: Callable[[], str] | None = None,
                 default_key: Callable[[], str] | None = None,
                 question_language: Callable[[], str | None] | None = None) -> None:
        """`voice_factory`: the default voice (Settings → Voice), loaded ahead under `default_key()`. Without
        `pick_voice` every text is read with it; with it, each reading with the voice of its language, told from
        `question_language()` (what Whisper heard, for a reply), else its text, else `fallback_language()`."""
        super().__init__()
        self._voice_factory = voice_factory
        self._device = device
        self._speed = speed
        self._volume = volume
        self._pick_voice = pick_voice
        self._fallback_language = fallback_language or (lambda: "en")
        self._default_key = default_key or (lambda: "")
        self._question_language = question_language or (lambda: None)
        self.enabled = enabled
        self.speaker: Speaker | None = None
        self._voices: dict[str, Voice] = {}  # loaded voices by key, for the settings generation now
        self._voice_factories: dict[str, Callable[[], Voice]] = {}  # how to load each voice a reading wanted
        self._loading: str | None = None  # the key of the voice being loaded now
        # Said but not handed to the speaker yet, with whether it is part of a reply (None: the end of a reading):
        # the reading's language is not known yet, or its voice is still loading.
        self._backlog: list[tuple[str | None, bool]] = []
        self._splitter = SpeechSplitter(FIRST_PHRASE_WORDS)
        self._reply_open = False
        self._warned = False
        self._told: set[str] = set()  # languages Piper has no voice for, already said so
        self._generation = 0
        # The reading now: the language it was asked in, its text so far (to tell its language), the voice it waits
        # for or is read with (None: not decided yet), and whether it is not read at all (no voice for it).
        self._hint: str | None = None
        self._heard = ""
        self._want: str | None = None if pick_voice is not None else self._default_key()
        self._mute = False
        self.language: str | None = None  # the language of the reading now, once decided
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

    @property
    def voice_key(self) -> str | None:
        """The key of the voice the speaker reads with now (None before one was loaded)."""
        if self.speaker is None:
            return None
        return next((key for key, voice in self._voices.items() if voice is self.speaker.voice), None)

    # ---- the window's side -----------------------------------------------------------------------------------

    def set_enabled(self, enabled: bool) -> None:
        self.enabled = enabled
        if enabled:
            self.preload()
        else:
            self.stop()

    def preload(self) -> None:
        """Load the default voice ahead, so that the first reply in it is not kept waiting."""
        key = self._default_key()
        if key in self._voices or self._loading is not None:
            return
        self._start_load(key, self._voice_factory)

    def reply_started(self) -> None:
        self.stop()
        self._splitter = SpeechSplitter(FIRST_PHRASE_WORDS)
        self._reply_open = self.enabled
        self._new_reading(self._question_language() or None)

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
        # The whole text is here: its language is told from all of it, and it is split as that language writes
        # sentences (German "z. B.", the danda, Thai by length).
        language = detect_text_language(markdown) or self._fallback_language() or "en"
        self._new_reading(language)
        for sentence in speakable(markdown, language):
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
        self._voices.clear()
        self._generation += 1  # a voice still loading was built with the old settings: it is dropped
        self._loading = None
        self._warned = False  # a new device or voice may work where the old one failed: say so again if not
        if self.enabled:
            self.preload()

    # ---- inside ------------------------------------------------------------------------------------------------

    def _new_reading(self, language: str | None) -> None:
        self._hint = language
        self._heard = ""
        self._mute = False
        self.language = None
        # Without a choice of voices, everything is read with the default one: nothing to wait for.
        self._want = None if self._pick_voice is not None else self._default_key()

    def _say(self, sentence: str | None, reply: bool = True) -> None:
        if sentence is not None and not self.may_speak(reply):
            return  # a microphone is open, or this reply is not the one to be heard
        if self._mute:
            return  # no voice reads this reading's language: it stays written
        self._backlog.append((sentence, reply))
        if self._want is None:
            if sentence is not None:
                self._heard = f"{self._heard} {sentence}"
            elif not self._heard.strip():
                self._backlog.clear()  # nothing was said at all: no voice to load for it
                return
            language = self._hint or detect_text_language(self._heard)
            if language is None and (sentence is None or len(self._heard.split()) >= WORDS_TO_TELL_LANGUAGE):
                language = self._fallback_language() or "en"
            if language is None:
                return  # too little text to tell its language yet
            self._choose(language)
        self._flush()

    def _choose(self, language: str) -> None:
        """The reading is in `language`: the voice for it is wanted, or, where there is none here, nothing is read."""
        assert self._pick_voice is not None
        self.language = language
        pick = self._pick_voice(language)
        if pick.load is not None:
            self._want = pick.key
            self._voice_factories[pick.key] = pick.load
            return
        self._mute = True
        self._backlog.clear()
        name = language_label(language)
        if pick.download is not None:
            log.info("a reply in %s is not read: its voice %s is not downloaded", language, pick.key)
            self.voice_notice.emit(self.tr("Replies in {language} are not read aloud: their voice, {voice}, is not "
                                           "downloaded.").format(language=name, voice=pick.label), pick.download)
        elif language not in self._told:  # said once: the user cannot do anything about it
            self._told.add(language)
            self.voice_notice.emit(self.tr("No voice reads {language}: replies in {language} are shown, not read "
                                           "aloud.").format(language=name), None)
        self.quiet.emit()

    def _flush(self) -> None:
        """Hand the backlog to the speaker once the reading's voice is loaded (load it when it is not)."""
        if not self._backlog or self._want is None:
            return
        voice = self._voices.get(self._want)
        if voice is None or self.speaker is None:
            if self._loading is None:
                factory = self._voice_factories.get(self._want, self._voice_factory)
                self._start_load(self._want, factory)
            return  # _on_loaded comes back here
        if self.speaker.voice is not voice:
            self.speaker.set_voice(voice)
        backlog, self._backlog = self._backlog, []
        for sentence, _reply in backlog:
            if sentence is None:
                self.speaker.finish()
            else:
                self.speaker.say(sentence)

    def _start_load(self, key: str, factory: Callable[[], Voice]) -> None:
        self._loading = key
        threading.Thread(target=self._load, args=(key, factory, self.speaker is None, self._generation),
                         name="chinwag-voice-load", daemon=True).start()

    def _load(self, key: str, factory: Callable[[], Voice], new_speaker: bool, generation: int) -> None:
        try:
            voice = factory()
            voice.load()
            speaker = Speaker(voice, device=self._device(), speed=self._speed(), volume=self._volume(),
                              on_state=self.speaking_changed.emit,
                              on_error=lambda error: self._failed.emit(error, generation)) if new_speaker else None
        except ChinwagError as error:
            self._failed.emit(error, generation)
            return
        except Exception as error:  # noqa: BLE001 (an unexpected failure still becomes a notice, not a crash)
            log.exception("loading the voice failed")
            self._failed.emit(ChinwagError(self.tr("Chinwag cannot speak: the voice did not load ({error}).").format(
                error=error)), generation)
            return
        self._loaded.emit(key, voice, speaker, generation)

    def _on_loaded(self, key: str, voice: Voice, speaker: Speaker | None, generation: int) -> None:
        if generation != self._generation:
            if speaker is not None:
                speaker.close()  # built before the settings changed
            return
        self._loading = None
        self._voices[key] = voice
        if speaker is not None:
            if self.speaker is None:
                self.speaker = speaker
            else:
                speaker.close()
        self._flush()

    def _on_failed(self, error: Exception, generation: int) -> None:
        if generation != self._generation:
            return  # a voice of settings since replaced: its failure says nothing about the current one
        if self._loading is not None:
            self._mute = True  # the voice of this reading did not load: the rest of it is not tried again
        self._loading = None
        if self._backlog:
            self._backlog.clear()
            self.quiet.emit()
        if not self._warned:  # one notice, not one per sentence
            self._warned = True
            self.notice.emit(str(error))
