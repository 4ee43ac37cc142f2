"""The model worker: one long-lived thread that owns the ChatEngine and the Transcriber.

llama-cpp-python is not thread-safe, so every model call happens on this one thread, in the order asked.
The GUI hands it jobs through a queue and never waits for it: results come back as queued Qt signals.
Stop is the request's `threading.Event`, set straight from the GUI thread and checked per token.

It is a daemon `threading.Thread` rather than a QThread so that quitting during a multi-second model load
can never hang or abort the process; a reply in progress is still stopped and saved (see `shutdown`).
"""

from __future__ import annotations

import logging
import os
import queue
import sys
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import Future
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

import numpy as np
from PySide6.QtCore import QObject, Signal

from desktop.core.audio import speech_present
from desktop.core.errors import ChinwagError, ModelLoadError, NothingHeard
from desktop.core.live_stt import LiveTranscript
from desktop.core.llm import ChatEngine, GenerationParams
from desktop.core.store import ConversationStore, Message
from desktop.core.stt import Transcriber, Transcript
from desktop.core.turn import TurnCancelled, TurnEvent, VoiceTurn
from desktop.ui.iterator_bridge import IteratorBridge

log = logging.getLogger(__name__)
T = TypeVar("T")


@dataclass
class TurnRequest:
    """One unit of work for the worker: a spoken or typed turn, a regenerated reply, or a transcript to review."""

    conversation_id: int
    model_name: str = ""
    system_prompt: str = ""
    params: GenerationParams = field(default_factory=GenerationParams)
    pcm: np.ndarray | None = None
    text: str | None = None
    released_at: float | None = None
    reply_to: Message | None = None  # regenerate the answer to this user message
    alternative_of: int | None = None  # with reply_to: the reply shown now, kept as an alternative to the new one
    continue_reply: Message | None = None  # write on where this reply was cut off by the token limit
    transcribe_only: bool = False  # review mode: give back the transcript, send nothing
    live: LiveTranscript | None = None  # the take's live transcription: only its uncommitted end is transcribed
    cancel: threading.Event = field(default_factory=threading.Event)
    # Set with `cancel` when the window closes: the user's words are still stored (no reply), so none are lost.
    keep_words: threading.Event = field(default_factory=threading.Event)


@dataclass(frozen=True)
class StartupPlan:
    llm_id: str
    llm_label: str
    engine: ChatEngine
    whisper_id: str = ""
    whisper_label: str = ""
    transcriber: Transcriber | None = None
    whisper_error: ChinwagError | None = None
    fallback: ChatEngine | None = None  # the bundled starter, if the chosen model will not load
    fallback_id: str = ""
    fallback_label: str = ""


@dataclass(frozen=True)
class ReviewTranscript:
    """The item a transcribe-only request yields."""

    transcript: Transcript


class ModelWorker(QObject):
    planned = Signal(object)  # the StartupPlan, before its models load
    model_loading = Signal(str, str)  # kind ("llm" | "whisper"), label
    model_ready = Signal(str, str, str)  # kind, label, variant id
    model_failed = Signal(str, object)  # kind, error
    idle = Signal()  # the queue ran empty
    live_text = Signal(object, object)  # LiveTranscript, LiveText | None: a live transcription step (key held)

    def __init__(self, database: Path) -> None:
        super().__init__()
        self._database = database
        self._jobs: queue.Queue[Callable[[], None] | None] = queue.Queue()
        self._engine: ChatEngine | None = None
        self._transcriber: Transcriber | None = None
        self._store: ConversationStore | None = None
        self._current: TurnRequest | None = None
        self._calling = False  # a job is running now
        # Set once the start-up has loaded the speech model and imported llama.cpp (or failed to): the window shows
        # after that, so the parts of start-up that hold the GIL for long never freeze a window on screen.
        self.speech_settled = threading.Event()
        self._thread = threading.Thread(target=self._loop, name="chinwag-model-worker", daemon=True)
        self._thread.start()

    # ---- called from the GUI thread -------------------------------------------------------------------------

    def load_llm(self, engine: ChatEngine, label: str, variant_id: str) -> None:
        """Load `engine` and, once it works, use it instead of the current one (kept if this one fails)."""
        self._jobs.put(lambda: self._load("llm", engine, label, variant_id))

    def load_transcriber(self, transcriber: Transcriber, label: str, variant_id: str) -> None:
        self._jobs.put(lambda: self._load("whisper", transcriber, label, variant_id))

    def submit(self, request: TurnRequest, bridge: IteratorBridge) -> None:
        """Queue a turn; its events arrive through `bridge`, whose signals must be connected already."""
        self._jobs.put(lambda: self._run(request, bridge))

    def live_step(self, live: LiveTranscript, snapshot: Callable[[], np.ndarray]) -> None:
        """Transcribe the take held so far (`snapshot()`, read on this thread) past its committed part."""
        self._jobs.put(lambda: self._live_step(live, snapshot))

    def call(self, fn: Callable[[ChatEngine | None, Transcriber | None], T]) -> Future[T]:
        """Run `fn(engine, transcriber)` on this thread after the jobs queued before it (the local API server's
        requests, desktop/ui/server_controller.py); its result or its error in the future. Never dropped silently:
        a job left in the queue when the window closes is cancelled."""
        future: Future[T] = Future()

        def job() -> None:
            if future.set_running_or_notify_cancel():
                try:
                    future.set_result(fn(self._engine, self._transcriber))
                except BaseException as error:  # noqa: BLE001 - handed to whoever waits on the future
                    future.set_exception(error)

        job.future = future  # type: ignore[attr-defined]  # found by shutdown() among the dropped jobs
        self._jobs.put(job)
        return future

    @property
    def queued(self) -> int:
        """Jobs waiting or running now."""
        return self._jobs.qsize() + (1 if self._current is not None or self._calling else 0)

    def start_models(self, plan: Callable[[], StartupPlan]) -> None:
        """Decide which models to use and load them, all on this thread, ahead of any turn.

        `plan` looks at the disk (and imports huggingface_hub, llama_cpp, faster_whisper on first use): work
        that must not run on the GUI thread.
        """
        self._jobs.put(lambda: self._start(plan))

    @property
    def busy(self) -> bool:
        return self._current is not None or not self._jobs.empty()

    def shutdown(self, timeout_s: float = 2.0) -> bool:
        """Stop the reply in progress (it is saved, marked stopped) and end the thread. True if it ended."""
        while True:  # queued work is dropped: the window is closing
            try:
                dropped = self._jobs.get_nowait()
            except queue.Empty:
                break
            if dropped is not None and hasattr(dropped, "future"):
                dropped.future.cancel()
        current = self._current
        if current is not None:
            current.cancel.set()
        self._jobs.put(None)
        self._thread.join(timeout_s)
        return not self._thread.is_alive()

    # ---- on the worker thread -----------------------------------------------------------------------------

    def _loop(self) -> None:
        _yield_to_the_window()
        while True:
            job = self._jobs.get()
            if job is None:
                break
            self._calling = True
            try:
                job()
            except Exception:  # a bug in one job must not kill the thread that every turn needs
                log.exception("worker job failed")
            finally:
                self._calling = False
            if self._jobs.empty():
                self.idle.emit()
        for model in (self._engine, self._transcriber):
            if isinstance(model, ChatEngine):
                model.close()
        if self._store is not None:
            self._store.close()

    def _start(self, make_plan: Callable[[], StartupPlan]) -> None:
        try:
            try:
                plan = make_plan()
            except ChinwagError as error:
                self.model_failed.emit("llm", error)
                return
            self.planned.emit(plan)
            # The speech model first: loading it holds the GIL in long stretches (the tokenizers library parses
            # tokenizer.json in one call that keeps it, ~100-200 ms here), so it happens while the window waits to
            # be shown (see `speech_settled`), not while the user looks at a window that would freeze.
            if plan.transcriber is not None:
                if self._load("whisper", plan.transcriber, plan.whisper_label, plan.whisper_id):
                    _warm_vad()
            elif plan.whisper_error is not None:
                self.model_failed.emit("whisper", plan.whisper_error)
            _import_llama_cpp()
        finally:
            self.speech_settled.set()
        # llama.cpp loads through ctypes, which lets go of the GIL: the window is responsive meanwhile.
        if not self._load("llm", plan.engine, plan.llm_label, plan.llm_id) and plan.fallback is not None:
            self._load("llm", plan.fallback, plan.fallback_label, plan.fallback_id)

    def _load(self, kind: str, model: ChatEngine | Transcriber, label: str, variant_id: str) -> bool:
        self.model_loading.emit(kind, label)
        try:
            model.load()
        except ChinwagError as error:
            self.model_failed.emit(kind, error)
            return False
        except Exception as error:  # llama.cpp and ctranslate2 raise plain errors for odd files
            log.exception("loading %s failed", label)
            self.model_failed.emit(kind, ModelLoadError(f"Cannot load {label}: {error}. Choose another model."))
            return False
        if kind == "llm":
            assert isinstance(model, ChatEngine)
            if self._engine is not None:
                self._engine.close()
            self._engine = model
        else:
            assert isinstance(model, Transcriber)
            self._transcriber = model
        self.model_ready.emit(kind, label, variant_id)
        return True

    def _run(self, request: TurnRequest, bridge: IteratorBridge) -> None:
        self._current = request
        try:
            bridge.drain(self._events(request))
        finally:
            self._current = None

    def _live_step(self, live: LiveTranscript, snapshot: Callable[[], np.ndarray]) -> None:
        text = None
        try:
            if self._transcriber is not None:
                live.transcriber = self._transcriber
                live.update(snapshot())
                text = live.step()
        except Exception:  # noqa: BLE001 - a failed preview costs nothing: the release transcribes the whole take
            log.exception("live transcription step failed")
        self.live_text.emit(live, text)  # None: nothing new to show (the window may ask again)

    def _events(self, request: TurnRequest) -> Iterator[TurnEvent | ReviewTranscript]:
        if request.cancel.is_set() and request.pcm is None and not request.keep_words.is_set():
            # Stopped while it waited in the queue: nothing is stored, the typed words go back to the window.
            yield TurnCancelled(request.text)
            return
        if self._store is None:
            # Its own connection: SQLite in WAL mode lets the GUI read while this thread writes.
            self._store = ConversationStore(self._database)
        if request.transcribe_only:
            yield ReviewTranscript(self._transcribe(request.pcm, request.live))
            return
        if self._engine is None:
            raise ModelLoadError("No language model is loaded. Choose one in Settings (Ctrl+,).")
        turn = VoiceTurn(
            engine=self._engine,
            store=self._store,
            model_name=request.model_name,
            system_prompt=request.system_prompt,
            params=request.params,
            transcriber=self._transcriber,
        )
        if request.continue_reply is not None:
            yield from turn.continue_reply(request.conversation_id, request.continue_reply, cancel=request.cancel)
        elif request.reply_to is not None:
            yield from turn.reply(request.conversation_id, request.reply_to, cancel=request.cancel,
                                  alternative_of=request.alternative_of)
        else:
            yield from turn.run(request.conversation_id, pcm=request.pcm, text=request.text,
                                cancel=request.cancel, released_at=request.released_at,
                                keep_words=request.keep_words, transcribe=self._live_finish(request.live))

    def _live_finish(self, live: LiveTranscript | None) -> Callable[[np.ndarray], Transcript] | None:
        if live is None or live.transcriber is None or live.transcriber is not self._transcriber:
            return None  # no step ran (a short take), or the speech model changed mid-take: the whole take, at once
        return live.finish

    def _transcribe(self, pcm: np.ndarray | None, live: LiveTranscript | None = None) -> Transcript:
        if self._transcriber is None:
            raise ModelLoadError("The speech model is not loaded. Choose one in Settings.")
        if pcm is None or not speech_present(pcm):
            raise NothingHeard("Nothing heard: hold the key while you speak, a little closer to the microphone.")
        transcript = (self._live_finish(live) or self._transcriber.transcribe)(pcm)
        if not transcript.text:
            raise NothingHeard("Nothing heard: no words were recognised. Try again, a little louder.")
        return transcript


def _warm_vad() -> None:
    """Load faster-whisper's voice-activity model now (an onnxruntime session, built on first use otherwise):
    the first take then does not pay for it, and its GIL-holding set-up happens before the window shows."""
    try:
        from faster_whisper.vad import get_vad_model
    except ImportError:  # an older or newer faster-whisper without it: the first take loads it, as before
        return
    try:
        get_vad_model()
    except Exception:  # noqa: BLE001 - only a warm-up; the real use reports any problem
        log.debug("could not warm up the VAD model", exc_info=True)


def _import_llama_cpp() -> None:
    """Import llama-cpp-python and register its CPU backends now: loading its shared libraries (dlopen, under the
    GIL) froze a shown window for 45-65 ms here. The model itself loads after the window shows, through ctypes
    calls that let go of the GIL."""
    try:
        import llama_cpp  # noqa: F401
        import llama_cpp.llama_chat_format  # noqa: F401

        from desktop.core.llm import ensure_cpu_backends

        ensure_cpu_backends()
    except Exception:  # noqa: BLE001 - the model load reports any real problem, with a message for the user
        log.debug("could not import llama_cpp ahead of the model load", exc_info=True)


WORKER_NICE = 4  # Linux: the worker and the compute threads it starts yield the CPU to the window's thread


def _yield_to_the_window() -> None:
    """Lower this thread's scheduling priority a little (Linux: threads have their own nice value, and the threads
    llama.cpp and CTranslate2 start from here inherit it). On a busy machine the GUI thread then gets a core when
    it needs one instead of waiting behind model work; on an idle one nothing changes."""
    if not sys.platform.startswith("linux"):
        return
    try:
        os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), WORKER_NICE)
    except (OSError, AttributeError):
        log.debug("could not lower the model worker's priority", exc_info=True)
