"""Runs the local API server inside the window's process, on the window's own models.

Settings → "Let other apps on this computer use Chinwag's models" starts it (uvicorn on a thread of its own,
desktop/server/server.py); turning it off or closing the window stops it. Every request becomes a job on the window's
`ModelWorker` (`WorkerRunner`), so memory holds one copy of each model, and a request that comes during a turn in the
window waits for it (and a turn waits for a request): the worker runs one job at a time, in order.

Starting and stopping happen on a thread of their own (`chinwag-api-control`, one change at a time, in the order
asked): binding the port, reading the key from the keyring (which may ask to be unlocked) and waiting up to a few
seconds for open requests to end never freeze the window. `state_changed` and `failed` arrive as queued signals.

Chinwag's actions, when the user allowed API clients to ask for them (Settings → "Actions other apps may run"), run
on the worker too, with a database connection of the runner's own: a timer set through the API is a row in the same
alarms table the window's AlarmController polls, so it rings on this desktop like one set in the window.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import Any, TypeVar

from PySide6.QtCore import QObject, Signal

from desktop.context import AppContext
from desktop.core.actions import Actions, pick_language
from desktop.core.llm import ChatEngine
from desktop.core.secrets import SecretUnreadable, ensure_api_key
from desktop.core.speech_out import Voice
from desktop.core.store import ConversationStore
from desktop.core.stt import Transcriber
from desktop.server.runner import ModelRunner, ModelSet, ModelUnavailable, Served
from desktop.ui.models.model_controller import ModelController
from desktop.ui.shell.window_language import window_code
from desktop.ui.shell.worker import ModelWorker

log = logging.getLogger(__name__)
T = TypeVar("T")


class _WindowModels(ModelSet):
    def __init__(self, engine: ChatEngine | None, transcriber: Transcriber | None, voice: Callable[[], Voice],
                 voice_in: Callable[[str | None], Voice], actions: Callable[[], Actions] | None = None) -> None:
        self._engine = engine
        self._transcriber = transcriber
        self._voice = voice
        self._voice_in = voice_in
        self._actions = actions

    def engine(self) -> ChatEngine:
        if self._engine is None:
            raise ModelUnavailable("The window has no language model loaded yet. Try again in a moment.")
        return self._engine

    def transcriber(self) -> Transcriber:
        if self._transcriber is None:
            raise ModelUnavailable("The window has no speech model loaded. Choose one in Chinwag's Settings.")
        return self._transcriber

    def voice(self) -> Voice:
        return self._voice()

    def voice_in(self, language: str | None) -> Voice:
        return self._voice_in(language)

    def actions(self) -> Actions:
        if self._actions is None:
            return super().actions()
        return self._actions()


class WorkerRunner(ModelRunner):
    """Jobs on the window's model worker, behind whatever the window asked of it first."""

    def __init__(self, worker: ModelWorker, models: ModelController, voice: Callable[[], Voice],
                 voice_id: str | None, voices: Callable[[str], Voice | None] | None = None,
                 actions: Callable[[ConversationStore], Actions] | None = None, database: Path | None = None) -> None:
        self.worker = worker
        self.models = models
        self._make_voice = voice
        self._voice: Voice | None = None  # made and loaded on the worker thread, on the first speech request
        self._voice_id = voice_id
        # A language's own voice (None: the served voice reads it), made and loaded once per language on the worker.
        self._make_language_voice = voices
        self._by_language: dict[str, Voice | None] = {}
        self.jobs_run = 0  # requests served, for the status bar and the tests
        # Actions for API clients (None: not allowed), over a connection opened on the worker at the first use
        self._make_actions = actions
        self._database = database
        self._store: ConversationStore | None = None

    def _voice_on_worker(self) -> Voice:
        if self._voice is None:
            voice = self._make_voice()
            voice.load()
            self._voice = voice
        return self._voice

    def _language_voice_on_worker(self, language: str | None) -> Voice:
        if not language or self._make_language_voice is None:
            return self._voice_on_worker()
        if language not in self._by_language:
            voice = self._make_language_voice(language)
            if voice is not None:
                voice.load()
            self._by_language[language] = voice
        return self._by_language[language] or self._voice_on_worker()

    def _actions_on_worker(self) -> Actions:
        assert self._make_actions is not None and self._database is not None
        if self._store is None:
            self._store = ConversationStore(self._database)
        return self._make_actions(self._store)

    def submit(self, job: Callable[[ModelSet], T]) -> Future[T]:
        def run(engine: ChatEngine | None, transcriber: Transcriber | None) -> T:
            self.jobs_run += 1
            return job(_WindowModels(engine, transcriber, self._voice_on_worker, self._language_voice_on_worker,
                                     self._actions_on_worker if self._make_actions is not None else None))

        return self.worker.call(run)

    def close(self) -> None:
        """Closes the actions' database connection, on the worker (after any request still queued there)."""
        store, self._store = self._store, None
        if store is not None:
            self.worker.call(lambda _engine, _transcriber: store.close())

    def waiting(self) -> int:
        return self.worker.queued

    def served(self) -> Served:
        llm = self.models.loaded_llm
        if llm is not None and llm.lower().endswith(".gguf"):  # a local file: served by its name, path accepted
            return Served(llm=Path(llm).name, whisper=self.models.loaded_whisper, voice=self._voice_id, llm_label=llm)
        return Served(llm=llm, whisper=self.models.loaded_whisper, voice=self._voice_id)


class ServerController(QObject):
    state_changed = Signal(str)  # the address it serves on, or "" when stopped
    failed = Signal(str)  # why it could not start

    def __init__(self, context: AppContext, worker: ModelWorker, models: ModelController,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.worker = worker
        self.models = models
        self.server: Any = None  # the ApiServer while it runs
        self.runner: WorkerRunner | None = None
        self._running_with: tuple[object, ...] | None = None
        self._wanted: tuple[object, ...] | None = None  # what the last apply() asked for (GUI thread)
        self._control = ThreadPoolExecutor(max_workers=1, thread_name_prefix="chinwag-api-control")
        self._closed = False

    @property
    def url(self) -> str:
        server = self.server
        return server.url if server is not None else ""

    def apply(self) -> Future[None] | None:
        """Start, stop or restart the server to match the settings, off the GUI thread; the future of that change."""
        s = self.context.settings
        wanted = (s.api_port, s.api_require_key, tuple(s.api_cors_origins), s.api_actions) if s.api_server else None
        if wanted == self._wanted or self._closed:
            return None
        self._wanted = wanted
        config = _Wanted(s.api_port, s.api_require_key, tuple(s.api_cors_origins), s.max_tokens,
                         s.api_actions) if wanted else None
        return self._control.submit(self._change, config)

    def start(self) -> Future[None]:
        s = self.context.settings
        self._wanted = (s.api_port, s.api_require_key, tuple(s.api_cors_origins), s.api_actions)
        return self._control.submit(self._change, _Wanted(s.api_port, s.api_require_key,
                                                          tuple(s.api_cors_origins), s.max_tokens, s.api_actions))

    def stop(self, timeout_s: float = 6.0) -> None:
        """Stop the server and wait for it (the window closing: before the worker). Later apply() calls do nothing."""
        self._closed = True
        self._wanted = None
        future = self._control.submit(self._change, None)
        try:
            future.result(timeout_s)
        except Exception:  # noqa: BLE001 - closing goes on; the log says why
            log.warning("stopping the API server did not finish in %.0f s", timeout_s, exc_info=True)
        self._control.shutdown(wait=False)

    # ---- on the control thread ------------------------------------------------------------------------------------

    def _change(self, wanted: _Wanted | None) -> None:
        self._stop_now()
        if wanted is not None:
            self._start_now(wanted)

    def _start_now(self, wanted: _Wanted) -> None:
        # Imported on first use: Starlette and uvicorn cost ~0.1 s of start-up that a window without the server skips.
        from desktop.server.app import ServerConfig
        from desktop.server.server import ApiServer, ServerError

        try:
            key = ensure_api_key(self.context.paths.config_dir) if wanted.require_key else None
        except SecretUnreadable as error:  # no server rather than a new key that clients do not have
            self.failed.emit(self.tr("The local API server was not started: {error}").format(error=error))
            return
        try:
            voice_variant = self.context.voice_variant()
            voice_id: str | None = voice_variant.id if self.context.downloader.is_downloaded(voice_variant) else None
        except Exception:  # noqa: BLE001 - no voice: the speech endpoint says so, the rest still works
            log.warning("no voice for the API server", exc_info=True)
            voice_variant, voice_id = None, None
        self.runner = WorkerRunner(self.worker, self.models, lambda: self.context.voice_for(voice_variant), voice_id,
                                   (lambda language: self.context.voice_speaking(language, voice_id))
                                   if voice_id is not None else None,
                                   self._actions_for if wanted.actions != "off" else None,
                                   self.context.paths.database_file)
        config = ServerConfig(api_key=key, cors_origins=wanted.cors_origins, default_max_tokens=wanted.max_tokens,
                              actions=wanted.actions)
        server = ApiServer(self.runner, config, host="127.0.0.1", port=wanted.port)
        try:
            server.start()
        except ServerError as error:
            self.failed.emit(str(error))
            return
        self.server = server
        self._running_with = (wanted.port, wanted.require_key, wanted.cors_origins, wanted.actions)
        self.state_changed.emit(server.url)

    def _actions_for(self, store: ConversationStore) -> Actions:
        """The actions an API request runs (on the worker): read in the speech language, then the window's, as a
        typed request in the window is, so their answers read the same."""
        window = window_code()
        return Actions(store, language=pick_language(self.context.settings.language, window), also=(window,))

    def _stop_now(self) -> None:
        server = self.server
        self._running_with = None
        if server is not None:
            if not server.stop(timeout_s=3.0):
                log.warning("the API server did not stop within 3 s")
            self.server = None  # only now: until the socket is closed, the window still says where it serves
            self.state_changed.emit("")
        if self.runner is not None:
            self.runner.close()


class _Wanted:
    """What the settings ask of the server, copied on the GUI thread (the settings object is the GUI's)."""

    def __init__(self, port: int, require_key: bool, cors_origins: tuple[str, ...], max_tokens: int,
                 actions: str = "off") -> None:
        self.port = port
        self.require_key = require_key
        self.cors_origins = cors_origins
        self.max_tokens = max_tokens
        self.actions = actions  # Settings.api_actions
