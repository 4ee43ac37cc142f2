"""Which models answer and listen: the first-run choice, switching (loaded on the worker), downloads.

The first run shows itself here as a chosen model that is not on disk yet: the starter answers meanwhile and the
download is offered. The first start's language question (desktop/ui/shell/first_run.py) feeds the same path: the
speech model and voice it accepted are downloaded through `download_for_language`.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from desktop.context import AppContext
from desktop.core.catalog import Variant
from desktop.core.errors import ChinwagError
from desktop.core.languages import voice_language
from desktop.core.sysinfo import fits_in_memory, total_memory_gb
from desktop.ui.chat.chat_controller import TurnSetup
from desktop.ui.models.download_controller import DownloadController
from desktop.ui.models.model_picker import ModelChoice, ModelPicker
from desktop.ui.shell.iterator_bridge import IteratorBridge
from desktop.ui.shell.notice_bar import NoticeBar
from desktop.ui.shell.status_bar import ChinwagStatusBar
from desktop.ui.shell.window_language import data_size
from desktop.ui.shell.worker import ModelWorker, StartupPlan

log = logging.getLogger(__name__)


class ModelController(QObject):
    llm_ready = Signal(str)  # variant id now answering
    whisper_ready = Signal(str)
    load_failed = Signal(str, object)  # kind, error

    def __init__(self, context: AppContext, worker: ModelWorker, picker: ModelPicker, status: ChinwagStatusBar,
                 notices: NoticeBar, downloads: DownloadController) -> None:
        super().__init__(picker)
        self.context = context
        self.worker = worker
        self.picker = picker
        self.status = status
        self.notices = notices
        self.downloads = downloads
        self.memory_gb = total_memory_gb()
        self.llm: Variant | None = None  # the variant turns are answered with (once its load is done)
        self.loaded_llm: str | None = None
        self.loaded_whisper: str | None = None
        self._pending_switch: str | None = None  # downloading this, switch when it is done
        self._pending_whisper: str | None = None  # the speech model being downloaded, loaded when it is done
        self._offer_whisper: str | None = None  # chosen speech model found not downloaded at start-up
        self._plan_notice = ""
        self._suggest: str | None = None
        worker.planned.connect(self._planned)
        worker.model_loading.connect(self._loading)
        worker.model_ready.connect(self._ready)
        worker.model_failed.connect(self._failed)
        picker.chosen.connect(self.choose)
        downloads.downloaded.connect(self._downloaded)

    # ---- what turns use ---------------------------------------------------------------------------------

    def turn_setup(self) -> TurnSetup:
        variant = self.llm
        name = variant.id if variant else ""
        prompt = self.context.settings.system_prompt_for(name)
        return TurnSetup(name, prompt, self.context.generation_params())

    def choices(self, kind: str = "llm") -> list[ModelChoice]:
        out = []
        for v in self.context.catalog.variants(kind):
            out.append(ModelChoice(v.id, v.label, v.approx_mb, v.ram_gb, self.context.downloader.is_downloaded(v),
                                   fits_in_memory(v.ram_gb, self.memory_gb), v.description,
                                   voice_language(v) if kind == "voice" else ""))
        return out

    def add_local(self, path: Path, on_added: Callable[[ModelChoice], None],
                  on_refused: Callable[[Exception], None]) -> None:
        """Check a .gguf the user picked and add it, off the GUI thread: the check test-loads the file in a child
        process (a damaged file can abort llama.cpp), which takes seconds. Exactly one callback is called."""
        bridge = IteratorBridge(self)
        bridge.item.connect(lambda variant: self._local_added(variant, on_added))
        bridge.failed.connect(on_refused)
        bridge.finished.connect(lambda _completed: bridge.deleteLater())
        catalog = self.context.catalog

        def checked() -> Iterator[Variant]:
            yield catalog.add_local_model(path)  # inside the iteration: a refusal arrives as `failed`

        bridge.run_in_thread(checked, name="check-local-model")

    def _local_added(self, variant: Variant, on_added: Callable[[ModelChoice], None]) -> None:
        self.refresh_picker()
        on_added(ModelChoice(variant.id, variant.label, variant.approx_mb, None, True, True, variant.description))

    def refresh_picker(self) -> None:
        choices = self.choices("llm")
        current = self.llm.id if self.llm else self.context.settings.llm_variant
        if self.llm is not None and self.llm.source == "local" and not any(c.id == self.llm.id for c in choices):
            choices.append(ModelChoice(self.llm.id, self.llm.label, None, None, True, True, self.llm.path or ""))
        self.picker.set_choices(choices, current)

    # ---- start-up and switching -----------------------------------------------------------------------------

    def start(self, wanted: str | None = None) -> None:
        """Queue the start-up on the worker: it picks the models (disk checks) and loads them there.

        Called before the window is shown, so the imports and loads overlap building the window; nothing
        here waits, and a turn sent meanwhile simply runs once the models are in.
        """
        self.status.show_model(self.tr("models"), loading=True)
        self.worker.start_models(lambda: self._plan(wanted))

    def _plan(self, wanted: str | None) -> StartupPlan:
        """On the worker thread: which models to load (reads the disk; touches no widget)."""
        context = self.context
        try:
            variant = context.llm_variant(wanted)
        except ChinwagError as error:
            self._plan_notice = self.tr("{error} Using the bundled starter model instead.").format(error=error)
            variant = context.catalog.get(context.catalog.starter_llm, "llm")
        engine = context.engine_for(variant)
        whisper_error = None
        transcriber = None
        whisper = None
        try:
            whisper = context.whisper_variant()
            if whisper.needs_download and not context.downloader.is_downloaded(whisper):
                # Chosen but not (fully) downloaded: speech input goes on with the bundled model meanwhile, and
                # the download is offered, instead of speech input silently going off.
                self._offer_whisper = whisper.id
                whisper = context.catalog.get(context.catalog.default_whisper, "whisper")
            transcriber = context.transcriber_for(whisper)
        except ChinwagError as error:
            whisper_error = error
        chosen = context.settings.llm_variant
        if wanted is None and variant.id != chosen and not self._plan_notice:
            self._suggest = chosen
        starter = context.catalog.get(context.catalog.starter_llm, "llm")
        fallback = context.engine_for(starter) if variant.id != starter.id else None
        return StartupPlan(variant.id, variant.label, engine, whisper.id if whisper else "",
                           whisper.label if whisper else "", transcriber, whisper_error,
                           fallback, starter.id, starter.label)

    def _planned(self, plan: StartupPlan) -> None:
        self.llm = self.context.catalog.get(plan.llm_id, "llm")
        if self._offer_whisper and self.downloads.state(self._offer_whisper):
            self._offer_whisper = None  # already downloading (the first start's language choice asked for it)
        if self._offer_whisper:
            wanted = self.context.catalog.get(self._offer_whisper, "whisper")
            self._offer_whisper = None
            self.notices.show_notice(
                self.tr("{name} is not downloaded yet; speech input uses {current} meanwhile.").format(
                    name=wanted.label, current=plan.whisper_label),
                kind="info", action=self.tr("Download"), on_action=lambda: self.load_whisper(wanted.id))
        elif self._plan_notice:
            self.notices.show_notice(self._plan_notice, kind="error")
        elif self._suggest:
            chosen = self.context.catalog.get(self._suggest, "llm")
            self.notices.show_notice(
                self.tr("You are chatting with the small starter model, which works offline right away. For much "
                        "better answers, download {name} ({size}).").format(
                    name=chosen.label, size=data_size((chosen.approx_mb or 0) * 1e6)),
                kind="info", action=self.tr("Download"), on_action=lambda: self.downloads.start(chosen))
        self.refresh_picker()

    def choose(self, variant_id: str) -> None:
        """The user picked a model (toolbar or Settings): use it now, or download it first."""
        try:
            variant = self.context.catalog.get(variant_id, "llm")
        except ChinwagError as error:
            self.notices.show_notice(str(error), kind="error")
            self.refresh_picker()
            return
        if variant.source != "local":
            self.context.settings.llm_variant = variant.id
            self.context.save_settings()
        if self.context.downloader.is_downloaded(variant):
            self._pending_switch = None
            if self.llm is None or variant.id != self.llm.id or self.loaded_llm != variant.id:
                self._load_llm(variant)
        else:
            self._pending_switch = variant.id
            self.downloads.start(variant)
            self.status.showMessage(self.tr("Downloading {name}; keep chatting with the current model.").format(
                name=variant.label), 5000)
            self.refresh_picker()  # the picker shows the model in use until the download is done

    def reload(self) -> None:
        """Threads or context size changed: the same model, loaded again with the new settings."""
        if self.llm is not None:
            self._load_llm(self.llm, force=True)

    def load_whisper(self, wanted: str) -> None:
        """Use another speech model: at once if it is on disk, else after downloading it (the current one goes on
        listening meanwhile; the download row shows progress, cancel and resume, as for language models)."""
        try:
            variant = self.context.whisper_variant(wanted)
        except ChinwagError as error:
            self.notices.show_notice(str(error), kind="error")
            return
        if variant.needs_download and not self.context.downloader.is_downloaded(variant):
            self._pending_whisper = variant.id
            self.downloads.start(variant)
            self.status.showMessage(self.tr("Downloading {name}; speech input keeps the current model meanwhile.")
                                    .format(name=variant.label), 5000)
            return
        self._pending_whisper = None
        try:
            transcriber = self.context.transcriber_for(variant)
        except ChinwagError as error:
            self.notices.show_notice(self.tr("{error} Speech input is off until a speech model is available; typing "
                                             "works.").format(error=error), kind="error")
            return
        self.worker.load_transcriber(transcriber, variant.label, variant.id)

    def download_for_language(self, variants: list[Variant]) -> None:
        """What the first start's language choice accepted (desktop/ui/shell/first_run.py), through the download
        rows: a speech model is loaded once it is in, a voice is there for the next reply in its language. A speech
        model whose download fails (no network) stays chosen and is offered again at the next start (`_planned`);
        a voice stays in Settings' voices and the model manager."""
        for variant in variants:
            if variant.kind == "whisper":
                self.load_whisper(variant.id)
            else:
                self.downloads.start(variant)

    def _load_llm(self, variant: Variant, force: bool = False) -> None:
        try:
            engine = self.context.engine_for(variant)
        except ChinwagError as error:
            self.notices.show_notice(str(error), kind="error")
            return
        self.llm = variant
        self.worker.load_llm(engine, variant.label, variant.id)

    # ---- worker and download signals ------------------------------------------------------------------------

    def _loading(self, kind: str, label: str) -> None:
        if kind == "llm":
            self.status.show_model(label, loading=True)

    def _ready(self, kind: str, label: str, variant_id: str) -> None:
        if kind == "llm":
            self.loaded_llm = variant_id
            if self.llm is None or self.llm.id != variant_id:
                self.llm = self.context.catalog.get(variant_id, "llm")  # the start-up fell back to the starter
            self.status.show_model(label)
            self.refresh_picker()
            self.llm_ready.emit(variant_id)
        else:
            self.loaded_whisper = variant_id
            self.status.show_speech_model(label)
            self.whisper_ready.emit(variant_id)

    def _failed(self, kind: str, error: Exception) -> None:
        if kind == "llm":
            failed = self.llm
            # The worker keeps the model it had: turns go on with that one.
            self.llm = self._variant_or_none(self.loaded_llm)
            self.status.show_model(self.llm.label if self.llm else self.tr("no model"))
            keep = self.tr("Still answering with {name}.").format(name=self.llm.label) if self.llm else ""
            self.notices.show_notice(f"{error} {keep}".strip(), kind="error")
            self.refresh_picker()
            log.warning("loading %s failed: %s", failed.id if failed else "?", error)
        else:
            self.notices.show_notice(self.tr("{error} Typing still works.").format(error=error), kind="error")
        self.load_failed.emit(kind, error)

    def _variant_or_none(self, variant_id: str | None) -> Variant | None:
        if not variant_id:
            return None
        try:
            return self.context.catalog.get(variant_id, "llm")
        except ChinwagError:
            return None

    def _downloaded(self, variant_id: str) -> None:
        if self._pending_whisper == variant_id:
            self.load_whisper(variant_id)
            return
        self.refresh_picker()
        if self._pending_switch == variant_id:
            self._pending_switch = None
            self.choose(variant_id)
