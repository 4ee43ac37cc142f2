"""The model worker: one long-lived thread that owns the ChatEngine and the Transcriber.

llama-cpp-python is not thread-safe, so every model call happens on this one thread, in the order asked.
The GUI hands it jobs through a queue and never waits for it: results come back as queued Qt signals.
Stop is the request's `threading.Event`, set straight from the GUI thread and checked per token.

It is a daemon `threading.Thread` rather than a QThread so that quitting during a multi-second model load
can never hang the window; a reply in progress is still stopped and saved, turns still waiting in the queue store
their words, and the process does not exit while the thread is inside llama.cpp (see `shutdown`).
"""

from __future__ import annotations

import atexit
import ctypes
import ctypes.util
import logging
import os
import queue
import sys
import threading
import time
import weakref
from collections.abc import Callable, Iterator
from concurrent.futures import Future
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

import numpy as np
from PySide6.QtCore import QObject, Signal

from desktop.core.actions import Actions, pick_language
from desktop.core.audio import speech_present
from desktop.core.errors import ChinwagError, ModelLoadError, NothingHeard
from desktop.core.live_stt import LiveTranscript
from desktop.core.llm import ChatEngine, GenerationParams
from desktop.core.store import ConversationStore, Message
from desktop.core.stt import Transcriber, Transcript
from desktop.core.turn import StopRequested, Transcribed, TurnCancelled, TurnEvent, UserMessage, VoiceTurn
from desktop.ui.shell.iterator_bridge import IteratorBridge
from desktop.ui.shell.window_language import window_code

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
    replace_from: int | None = None  # edit and resend: the stored message this one replaces (with all after it)
    cancel: threading.Event = field(default_factory=threading.Event)
    # Set with `cancel` when the window closes: the user's words are still stored (no reply), so none are lost.
    keep_words: threading.Event = field(default_factory=threading.Event)
    # While its job runs: the flag llama.cpp reads to abort the computation in progress (see `ModelWorker.stop`).
    native_stop: ctypes.Array | None = field(default=None, repr=False, compare=False)

    @property
    def new_words(self) -> bool:
        """A turn that brings words of the user's (typed or spoken), as opposed to a regenerate or a continue."""
        return (self.text is not None or self.pcm is not None) and not self.transcribe_only and \
            self.reply_to is None and self.continue_reply is None


@dataclass(eq=False)
class _Job:
    """One entry of the worker's queue: what to run, and what `shutdown` needs to know about it."""

    run: Callable[[], None]
    request: TurnRequest | None = None  # a turn: kept through shutdown when it carries the user's words
    future: Future | None = None  # a call: cancelled by shutdown if it has not started


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
        self._jobs: queue.Queue[_Job | None] = queue.Queue()
        self._closing = threading.Event()  # set by shutdown: the model stops between two batches of its work
        self._job_stop: ctypes.Array = _new_stop_flag()  # the running job's native stop flag (see `stop`)
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
        _LIVE_WORKERS.add(self)

    # ---- called from the GUI thread -------------------------------------------------------------------------

    def load_llm(self, engine: ChatEngine, label: str, variant_id: str) -> None:
        """Load `engine` and, once it works, use it instead of the current one (kept if this one fails)."""
        self._jobs.put(_Job(lambda: self._load("llm", engine, label, variant_id)))

    def load_transcriber(self, transcriber: Transcriber, label: str, variant_id: str) -> None:
        self._jobs.put(_Job(lambda: self._load("whisper", transcriber, label, variant_id)))

    def submit(self, request: TurnRequest, bridge: IteratorBridge) -> None:
        """Queue a turn; its events arrive through `bridge`, whose signals must be connected already."""
        self._jobs.put(_Job(lambda: self._run(request, bridge), request=request))

    def live_step(self, live: LiveTranscript, snapshot: Callable[[], np.ndarray]) -> None:
        """Transcribe the take held so far (`snapshot()`, read on this thread) past its committed part."""
        self._jobs.put(_Job(lambda: self._live_step(live, snapshot)))

    def call(self, fn: Callable[[ChatEngine | None, Transcriber | None], T]) -> Future[T]:
        """Run `fn(engine, transcriber)` on this thread after the jobs queued before it (the local API server's
        requests, desktop/ui/server/server_controller.py); its result or its error in the future. Never dropped
        silently: a job left in the queue when the window closes is cancelled."""
        future: Future[T] = Future()

        def job() -> None:
            if future.set_running_or_notify_cancel():
                try:
                    future.set_result(fn(self._engine, self._transcriber))
                except BaseException as error:  # noqa: BLE001 - handed to whoever waits on the future
                    future.set_exception(error)

        self._jobs.put(_Job(job, future=future))
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
        self._jobs.put(_Job(lambda: self._start(plan)))

    @property
    def busy(self) -> bool:
        return self._current is not None or not self._jobs.empty()

    def stop(self, request: TurnRequest) -> None:
        """Stop `request`: checked per token and between a prompt's batches, and, while its job runs, llama.cpp aborts
        the computation in progress at its next operation (a batch of a long prompt takes seconds on a laptop)."""
        request.cancel.set()
        flag = request.native_stop
        if flag is not None:
            _raise_stop_flag(flag)

    def shutdown(self, timeout_s: float = 2.0) -> bool:
        """Stop the work in progress and end the thread; True if it ended within `timeout_s`.

        A reply in progress stops (between two batches of its prompt's evaluation, or at its next token) and is
        saved, marked stopped. Of the queued work only the turns that bring the user's words stay, to store those
        words unanswered (the window has set `keep_words` on them; storing needs no model): a question sent while
        a model loaded or an API request ran is not lost. Model loads, live previews and API calls are dropped.
        If the thread is still busy after `timeout_s` (inside a model load, which cannot be interrupted), the
        process waits for it when it exits (see `_join_at_exit`), so llama.cpp is never torn down under it.
        """
        self._closing.set()
        _raise_stop_flag(self._job_stop)  # whatever runs now, llama.cpp stops at its next operation
        kept: list[_Job] = []
        while True:
            try:
                job = self._jobs.get_nowait()
            except queue.Empty:
                break
            if job is None:
                continue
            if job.future is not None:
                job.future.cancel()
            elif job.request is not None and job.request.new_words and job.request.keep_words.is_set():
                job.request.cancel.set()
                kept.append(job)
        current = self._current
        if current is not None:
            current.cancel.set()
        for job in kept:
            self._jobs.put(job)
        self._jobs.put(None)
        self._thread.join(timeout_s)
        return not self._thread.is_alive()

    def join(self, timeout_s: float) -> bool:
        """Wait for the thread to end (after `shutdown`); True if it has."""
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
            # Each job its own native stop flag, pointed at before any model work: a stop meant for an earlier job can
            # never abort this one.
            self._job_stop = _new_stop_flag()
            if self._closing.is_set():
                _raise_stop_flag(self._job_stop)
            if job.request is not None:
                job.request.native_stop = self._job_stop
                if job.request.cancel.is_set():
                    _raise_stop_flag(self._job_stop)
            if self._engine is not None:
                _point_native_stop(self._engine, self._job_stop)
            try:
                job.run()
            except Exception:  # a bug in one job must not kill the thread that every turn needs
                log.exception("worker job failed")
            finally:
                self._calling = False
            if self._jobs.empty() and not self._closing.is_set():
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
        if self._closing.is_set():
            return  # the window closed while the speech model loaded: no language model is needed any more
        # llama.cpp loads through ctypes, which lets go of the GIL: the window is responsive meanwhile.
        if not self._load("llm", plan.engine, plan.llm_label, plan.llm_id) and plan.fallback is not None \
                and not self._closing.is_set():
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
            self.model_failed.emit(kind, ModelLoadError(self.tr("Cannot load {name}: {error}. Choose another model.")
                                                        .format(name=label, error=error)))
            return False
        if kind == "llm":
            assert isinstance(model, ChatEngine)
            if self._engine is not None:
                self._engine.close()
            self._engine = model
            _stop_between_batches(model, self._should_stop)
            _point_native_stop(model, self._job_stop)
        else:
            assert isinstance(model, Transcriber)
            self._transcriber = model
        self.model_ready.emit(kind, label, variant_id)
        return True

    def _should_stop(self) -> bool:
        """Checked by the model between two batches of its work: the window is closing, or this turn was stopped."""
        if self._closing.is_set():
            return True
        current = self._current
        return current is not None and current.cancel.is_set()

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
        closing = request.cancel.is_set() and request.keep_words.is_set()
        if request.cancel.is_set() and request.pcm is None and not closing:
            # Stopped while it waited in the queue: nothing is stored, the typed words go back to the window.
            yield TurnCancelled(request.text)
            return
        if self._store is None:
            # Its own connection: SQLite in WAL mode lets the GUI read while this thread writes.
            self._store = ConversationStore(self._database)
        if closing:
            if request.new_words:
                yield from self._keep_words(request)
            return  # a regenerate, a continue or a review asked for before the window closed: nothing to keep
        if request.transcribe_only:
            yield ReviewTranscript(self._transcribe(request.pcm, request.live))
            return
        # Timers, the time, sums…: answered before the model (issue 22). A spoken request is read in the language
        # Whisper heard (desktop/core/turn); a typed one in the speech language, then the window's, then English.
        speech = self._transcriber.language if self._transcriber is not None else None
        actions = Actions(self._store, language=pick_language(speech, window_code()), also=(window_code(),))
        typed_action = request.text is not None and request.pcm is None and request.reply_to is None \
            and request.continue_reply is None and actions.recognise(request.text) is not None
        if self._engine is None and not typed_action:  # a typed action needs no model: it answers while one loads
            raise ModelLoadError(self.tr("No language model is loaded. Choose one in Settings (Ctrl+,)."))
        turn = VoiceTurn(
            engine=self._engine,
            store=self._store,
            model_name=request.model_name,
            system_prompt=request.system_prompt,
            params=request.params,
            transcriber=self._transcriber,
            actions=actions,
        )
        if request.continue_reply is not None:
            yield from turn.continue_reply(request.conversation_id, request.continue_reply, cancel=request.cancel)
        elif request.reply_to is not None:
            yield from turn.reply(request.conversation_id, request.reply_to, cancel=request.cancel,
                                  alternative_of=request.alternative_of)
        else:
            yield from turn.run(request.conversation_id, pcm=request.pcm, text=request.text,
                                cancel=request.cancel, released_at=request.released_at,
                                keep_words=request.keep_words, transcribe=self._live_finish(request.live),
                                replace_from=request.replace_from)

    def _keep_words(self, request: TurnRequest) -> Iterator[TurnEvent]:
        """The window closed before this turn ran: store the user's words, unanswered (no model is needed)."""
        assert self._store is not None
        text, source = request.text, "text"
        if request.pcm is not None:
            transcript = self._transcribe(request.pcm, request.live)
            yield Transcribed(transcript)
            text, source = transcript.text, "voice"
        if text and text.strip():
            yield UserMessage(self._store.add_message(request.conversation_id, "user", text.strip(), source=source,
                                                      replace_from=request.replace_from))

    def _live_finish(self, live: LiveTranscript | None) -> Callable[[np.ndarray], Transcript] | None:
        if live is None or live.transcriber is None or live.transcriber is not self._transcriber:
            return None  # no step ran (a short take), or the speech model changed mid-take: the whole take, at once
        return live.finish

    def _transcribe(self, pcm: np.ndarray | None, live: LiveTranscript | None = None) -> Transcript:
        if self._transcriber is None:
            raise ModelLoadError(self.tr("The speech model is not loaded. Choose one in Settings."))
        if pcm is None or not speech_present(pcm):
            raise NothingHeard(self.tr("Nothing heard: hold the key while you speak, a little closer to the "
                                       "microphone."))
        transcript = (self._live_finish(live) or self._transcriber.transcribe)(pcm)
        if not transcript.text:
            raise NothingHeard(self.tr("Nothing heard: no words were recognised. Try again, a little louder."))
        return transcript


def _stop_between_batches(engine: ChatEngine, should_stop: Callable[[], bool]) -> None:
    """Make `engine`'s llama.cpp context check `should_stop()` before each batch it decodes, and raise StopRequested
    then. llama-cpp-python evaluates a prompt in batches of n_batch tokens, each one native call that cannot be
    interrupted; between them is where a long prompt's evaluation (seconds, with a 1B model on a laptop) can stop, so
    Stop and closing the window never wait for the whole prompt. The context is left consistent: the tokens of the
    batches done are in the cache, and the next evaluation starts from them."""
    llm = getattr(engine, "_llm", None)
    context = getattr(llm, "_ctx", None)
    decode = getattr(context, "decode", None)
    if decode is None or getattr(decode, "_chinwag_checks_stop", False):
        if decode is None:
            log.debug("this llama-cpp-python has no per-batch decode to check for stop between batches")
        return

    def checked_decode(batch: object) -> object:
        if should_stop():
            raise StopRequested()
        try:
            return decode(batch)
        except RuntimeError as error:  # "llama_decode returned 2": aborted by the native stop flag (see stop)
            if should_stop():
                raise StopRequested() from error
            raise

    checked_decode._chinwag_checks_stop = True  # type: ignore[attr-defined]
    context.decode = checked_decode


# ---- the native stop flag ------------------------------------------------------------------------------------------
# llama.cpp asks an abort callback between the operations of its compute graph (llama_set_abort_callback). A Python
# callback would take the GIL hundreds of times per token; this one is libc's strlen on a two-byte buffer: "" (length
# 0, go on) or "x" (length 1, abort), so the check costs a few nanoseconds, needs no Python, and any thread can raise
# the flag by writing one byte. llama.cpp removes what the aborted batch had put in the cache, and llama-cpp-python
# raises "llama_decode returned 2", which the checked decode above turns into StopRequested.

_STRLEN: object | None = None


def _new_stop_flag() -> ctypes.Array:
    return ctypes.create_string_buffer(2)


def _raise_stop_flag(flag: ctypes.Array) -> None:
    flag[0] = b"x"


def _strlen_as_abort_callback() -> object | None:
    global _STRLEN
    if _STRLEN is None:
        try:
            import llama_cpp

            libc = ctypes.cdll.msvcrt if sys.platform == "win32" else ctypes.CDLL(ctypes.util.find_library("c"))
            _STRLEN = ctypes.cast(libc.strlen, llama_cpp.ggml_abort_callback)
        except (OSError, AttributeError, ImportError, TypeError):
            log.debug("no native stop flag: llama.cpp's work stops between batches only", exc_info=True)
            _STRLEN = False
    return _STRLEN or None


def _point_native_stop(engine: ChatEngine, flag: ctypes.Array) -> None:
    """Point `engine`'s llama.cpp context at `flag` (on the worker thread, between jobs: nothing is computing)."""
    context = getattr(getattr(engine, "_llm", None), "_ctx", None)
    handle = getattr(context, "ctx", None)
    callback = _strlen_as_abort_callback()
    if handle is None or callback is None:
        return
    import llama_cpp

    llama_cpp.llama_set_abort_callback(handle, callback, ctypes.cast(flag, ctypes.c_void_p))
    context._chinwag_stop_flag = flag  # kept alive as long as llama.cpp may read it


# Workers of this process: at exit the process waits for each one's thread to leave llama.cpp (after shutdown that
# is at most one batch, or the end of a model load), so native code never runs on while the interpreter and
# llama.cpp's libraries are torn down (which ended the process with a segfault instead of exit status 0).
_LIVE_WORKERS: weakref.WeakSet[ModelWorker] = weakref.WeakSet()
EXIT_WAIT_S = 120.0


@atexit.register
def _join_at_exit() -> None:
    for worker in list(_LIVE_WORKERS):
        if not worker._thread.is_alive():
            continue
        if not worker._closing.is_set():
            worker.shutdown(timeout_s=0)
        started = time.monotonic()
        if not worker.join(EXIT_WAIT_S):
            log.error("the model worker was still busy %.0f s after the window closed; exiting without it",
                      time.monotonic() - started)
            logging.shutdown()
            os._exit(0)


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
