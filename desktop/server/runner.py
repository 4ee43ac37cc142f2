"""Who runs the model calls the API server asks for: one thread, in order, never two at once.

llama-cpp-python is not thread-safe, so the server never touches a model from its own threads. It hands each
request to a `ModelRunner` as a job, a function that receives the loaded models (`ModelSet`) on the thread that owns
them. Two runners exist: `ThreadRunner` here, which owns its models on a thread of its own (`chinwag serve`), and the
window's, which posts the jobs to the window's own model worker (desktop/ui/server/server_controller.py), so the
window and the server share one copy of each model and a request waits behind a turn in progress.
"""

from __future__ import annotations

import logging
import queue
import threading
from abc import ABC, abstractmethod
from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass
from typing import TypeVar

from desktop.core.actions import Actions
from desktop.core.errors import ChinwagError
from desktop.core.llm import ChatEngine
from desktop.core.speech_out import Voice
from desktop.core.stt import Transcriber

log = logging.getLogger(__name__)
T = TypeVar("T")


class ModelUnavailable(ChinwagError):
    """The kind of model a request needs is not loaded (or cannot be)."""


@dataclass(frozen=True)
class Served:
    """The ids of the models a request may name, readable from any thread."""

    llm: str | None = None
    whisper: str | None = None
    voice: str | None = None
    llm_label: str = ""  # the file name, for a model given by path


class ModelSet(ABC):
    """The models, as a job sees them on the thread that owns them. Each loads on first use where it can."""

    @abstractmethod
    def engine(self) -> ChatEngine: ...

    @abstractmethod
    def transcriber(self) -> Transcriber: ...

    @abstractmethod
    def voice(self) -> Voice: ...

    def voice_in(self, language: str | None) -> Voice:
        """The voice that speaks `language` (a code), when one is set up for it; else the served voice."""
        return self.voice()

    def actions(self) -> Actions:
        """Chinwag's local actions, keeping timers and reminders where this desktop fires them (its database).
        Asked for only when the user allowed API clients to run actions (ServerConfig.actions)."""
        raise ModelUnavailable("This server has no local actions.")


class ModelRunner(ABC):
    @abstractmethod
    def submit(self, job: Callable[[ModelSet], T]) -> Future[T]:
        """Run `job(models)` on the model thread after everything queued before it; its result in the future."""

    @abstractmethod
    def waiting(self) -> int:
        """How many jobs are queued or running now: a new request waits behind this many."""

    @abstractmethod
    def served(self) -> Served: ...

    def close(self) -> None:  # noqa: B027 - a runner that owns nothing has nothing to close
        pass


def run_job(future: Future[T], job: Callable[[ModelSet], T], models: ModelSet) -> None:
    """Run one job into its future (nothing, if the future was cancelled while it waited)."""
    if not future.set_running_or_notify_cancel():
        return
    try:
        future.set_result(job(models))
    except BaseException as error:  # noqa: BLE001 - handed to whoever waits on the future
        future.set_exception(error)


class LazyModels(ModelSet):
    """Models made by factories and loaded on first use, owned by the thread that calls them."""

    def __init__(self, engine: Callable[[], ChatEngine] | None, transcriber: Callable[[], Transcriber] | None,
                 voice: Callable[[], Voice] | None,
                 voices: Callable[[str], Voice | None] | None = None,
                 actions: Callable[[], Actions] | None = None) -> None:
        self._factories = {"engine": engine, "transcriber": transcriber, "voice": voice}
        self._make_actions = actions
        self._actions: Actions | None = None
        self._made: dict[str, object] = {}
        self._voices = voices  # a language's own voice (None: it has none here); made once per language
        self._by_language: dict[str, Voice | None] = {}

    def _get(self, name: str, what: str):  # noqa: ANN202
        if name not in self._made:
            factory = self._factories[name]
            if factory is None:
                raise ModelUnavailable(f"This server has no {what}.")
            model = factory()
            model.load()
            self._made[name] = model
        return self._made[name]

    def engine(self) -> ChatEngine:
        return self._get("engine", "language model")

    def transcriber(self) -> Transcriber:
        return self._get("transcriber", "speech-to-text model (Whisper)")

    def voice(self) -> Voice:
        return self._get("voice", "voice (Piper)")

    def voice_in(self, language: str | None) -> Voice:
        if not language or self._voices is None:
            return self.voice()
        if language not in self._by_language:
            made = self._voices(language)
            if made is not None:
                made.load()
            self._by_language[language] = made
        return self._by_language[language] or self.voice()

    def actions(self) -> Actions:
        if self._make_actions is None:
            return super().actions()
        if self._actions is None:
            self._actions = self._make_actions()
        return self._actions

    def close(self) -> None:
        engine = self._made.get("engine")
        if isinstance(engine, ChatEngine):
            engine.close()
        self._made.clear()


class ThreadRunner(ModelRunner):
    """Owns its models on one thread of its own and runs jobs there in order (`chinwag serve`)."""

    def __init__(self, models: LazyModels, served: Served) -> None:
        self._models = models
        self._served = served
        self._jobs: queue.Queue[Callable[[], None] | None] = queue.Queue()
        self._running = 0
        self._thread = threading.Thread(target=self._loop, name="chinwag-server-models", daemon=True)
        self._thread.start()

    def submit(self, job: Callable[[ModelSet], T]) -> Future[T]:
        future: Future[T] = Future()
        self._jobs.put(lambda: run_job(future, job, self._models))
        return future

    def waiting(self) -> int:
        return self._jobs.qsize() + self._running

    def served(self) -> Served:
        return self._served

    def warm_up(self) -> None:
        """Load the language model now (on the model thread), so a bad file fails at start, not at the first call."""
        self.submit(lambda models: models.engine()).result()

    def close(self, timeout_s: float = 5.0) -> None:
        self._jobs.put(None)
        self._thread.join(timeout_s)

    def _loop(self) -> None:
        while True:
            job = self._jobs.get()
            if job is None:
                break
            self._running = 1
            try:
                job()
            finally:
                self._running = 0
        self._models.close()
